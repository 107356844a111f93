"""The short cuts of a large check give what the plain computation gives: the rooms a rule applies
to (each kind of room asked once), the walls shared by rooms (measured at once), numbers with their
units (written through a cache), the passes a kind gives as numbers (per-room thresholds, windows,
the walk to a sanitary room: their findings made from the numbers, their judgement when their texts
are read) or as phrases (locks, beds and households per room, the walk to an exit, a room's doors,
routes avoiding other groups, doors to forbidden uses: their judgement made from plain values when
their texts are read), layout numbers read without the general path, and doors placed all at once
— properties over synthetic and random centres and random figures."""
from __future__ import annotations

from contextlib import ExitStack
from unittest.mock import patch

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.synthetic import synthetic_centre
from centreplan.layouts.io import centre_from_data
from centreplan.planner import model, numbers, vocabulary
from centreplan.planner.geometry import MIN_SHARED_WALL, OVERLAP_TOLERANCE, _lines_only, _longest_line, build_plan
from centreplan.planner.model import GROUPS, USES
from centreplan.standards import check, load_packs, pack_names
from centreplan.standards.env import Env
from centreplan.standards.kinds.base import RoomThreshold
from centreplan.standards.packs import AppliesTo
from centreplan.standards.registry import Judgement, Num, kind_classes
from centreplan.standards.render import PassForm, PhrasePassForm, text
from tests.unit.test_standards_kinds import random_centres

CENTRES = {n: synthetic_centre(n) for n in (1, 7, 30, 61)}
PLANS = {n: build_plan(c) for n, c in CENTRES.items()}


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(sorted(CENTRES)),
       st.none() | st.lists(st.sampled_from(USES), max_size=3),
       st.none() | st.lists(st.sampled_from(GROUPS), max_size=3),
       st.none() | st.integers(0, 7))
def test_the_rooms_a_rule_applies_to_are_the_rooms_it_matches(n, uses, groups, beds):
    a = AppliesTo(uses=uses, groups=groups, beds=beds)
    env = Env(CENTRES[n], PLANS[n])
    want = [r for r in CENTRES[n].rooms if a.matches(r)]
    assert env.select(a) == want
    assert env.select(a) == want  # and again, from what the first call kept


def test_shared_walls_are_the_walls_measured_one_by_one():
    for n, plan in PLANS.items():
        want_walls, want_overlaps = {}, []
        ids = plan.ids
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pa, pb = plan.polygons[a], plan.polygons[b]
                if not pa.intersects(pb):
                    continue
                ov = 0.0 if pa.touches(pb) else pa.intersection(pb).area
                if ov > OVERLAP_TOLERANCE:
                    want_overlaps.append((a, b, ov))
                line = _lines_only(pa.boundary.intersection(pb.boundary))
                if not line.is_empty and line.length >= MIN_SHARED_WALL:
                    want_walls[frozenset((a, b))] = line
        assert plan.overlaps == want_overlaps, n
        assert set(plan._walls) == set(want_walls), n
        for key, line in want_walls.items():
            assert plan._walls[key].equals_exact(line, 0.0), (n, sorted(key))


UNITS = [None, "m", "m2", "m2_per_person", "percent", "percent_of_floor", "bed", "wc", "door", "person"]


@settings(max_examples=300, deadline=None)
@given(st.floats(-1e6, 1e6, allow_nan=False) | st.integers(-10_000, 10_000), st.sampled_from(UNITS),
       st.integers(0, 3), st.sampled_from(["en", "fr"]))
def test_a_number_and_its_unit_read_the_same_written_through_the_cache(value, unit, digits, lang):
    got = text(Num(value, unit, digits), lang)
    if lang == "en":  # the report contract's form: no grouping
        t = numbers.number(value, "en", digits, grouping=False)
        want = f"{t} {vocabulary.unit_name(unit, value, 'en')}" if unit else t
    else:
        want = numbers.quantity(value, unit, "fr", digits)
    assert got == want
    assert text(Num(value, unit, digits), lang) == want  # from the cache


def _made_from_two_numbers(f) -> bool:
    return type(f.__pydantic_private__["_texts"]) is PassForm  # its texts still to be written, from the numbers


def _made_from_phrases(f) -> bool:
    return type(f.__pydantic_private__["_texts"]) is PhrasePassForm


def _both_ways(centre, packs):
    """The report of ``centre`` as the check makes it, and as every judgement made in full makes it."""
    fast = check(centre, packs)
    with ExitStack() as stack:
        for cls in kind_classes():
            if cls.pass_form is not None:
                stack.enter_context(patch.object(cls, "pass_form", None))
        full = check(centre, packs)
    return fast, full


def _assert_same(fast, full) -> None:
    assert [f.status for f in fast.findings] == [f.status for f in full.findings]
    # each language's texts read alone first (the text report reads one), then the whole report
    for a, b in zip(fast.findings, full.findings):
        assert (a.message_fr, a.measured_fr, a.required_fr, a.fix_fr) == (b.message_fr, b.measured_fr,
                                                                         b.required_fr, b.fix_fr)
    assert fast.model_dump_json() == full.model_dump_json()
    assert fast == full


WINDOWS = st.none() | st.lists(st.fixed_dictionaries({
    "width": st.sampled_from([0.4, 0.9, 1.2, 2.0]), "height": st.sampled_from([0.5, 1.2, 1.5]),
    "openable": st.booleans()}), max_size=3)


HOUSEHOLDS = st.lists(st.none() | st.integers(0, 3), min_size=8, max_size=8)


def _furnished(data, windows, households):
    """``data`` with the windows and households (of family rooms) random centres leave out."""
    for room, w, h in zip(data["rooms"], windows, households):
        if w is not None:
            room["windows"] = w
        if h is not None:
            room["households"] = h
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=random_centres(), windows=st.lists(WINDOWS, min_size=8, max_size=8), households=HOUSEHOLDS,
       all_packs=st.booleans())
def test_passes_made_from_two_numbers_are_the_findings_of_full_judgements(data, windows, households, all_packs):
    _furnished(data, windows, households)
    fast, full = _both_ways(centre_from_data(data), pack_names() if all_packs else None)
    _assert_same(fast, full)


def test_passes_of_synthetic_centres_are_made_from_two_numbers_and_read_as_full_judgements():
    for n, centre in CENTRES.items():
        fast, full = _both_ways(centre, pack_names())
        for made in (_made_from_two_numbers, _made_from_phrases):
            short = [f for f in fast.findings if made(f)]
            assert all(f.status == "pass" for f in short), n  # the short cut is taken for passes only
            if n > 1:  # a centre of one room is one corridor: no per-room threshold applies to it
                assert short, n
            assert not any(made(f) for f in full.findings)
        phrased = {f.kind for f in fast.findings if _made_from_phrases(f)}
        _assert_same(fast, full)
    # every kind whose passes are phrases takes its short cut in the wings of 61 rooms (no family wing)
    assert phrased == {"feature", "max_occupants", "max_distance", "exits", "separation", "adjacency"}


def test_a_threshold_kind_with_its_own_judge_takes_no_short_cut():
    class OwnJudge(RoomThreshold):
        def judge(self, room, p, env):
            raise NotImplementedError

    class Measured(RoomThreshold):
        unit, comparator, digits = "m2", "<=", 2

    assert OwnJudge.pass_form is None
    assert Measured.pass_form == ("m2", "<=", 2)


def test_the_kinds_with_short_cuts():
    """Those whose passes are most of a large check's findings: areas, heights, widths, windows and
    the walk to a sanitary room."""
    assert {(c.name, c.mode) for c in kind_classes() if c.pass_form is not None} == {
        ("min_area_per_person", "room"), ("min_area", "room"), ("min_height", None), ("min_dimension", "room_width"),
        ("accessible_room_size", None), ("window_ratio", None), ("max_distance", "sanitary"),
        # and as phrases: locks, beds and households per room, the walk to an exit, the doors of a room
        ("feature", None), ("max_occupants", "beds"), ("max_occupants", "households"), ("max_distance", "exit"),
        ("exits", None), ("separation", "route"), ("adjacency", None)}


def _rules_with_short_cuts():
    rules = [r for p in load_packs(pack_names()) for r in p.rules if r.kind_class().pass_form is not None]
    # and the parameters the packs leave at their defaults: windows need not all be openable
    vent = next(r for r in rules if r.id == "WIN-VENT")
    return rules + [(vent, vent.p.model_copy(update={"openable_only": False}))]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=random_centres(), windows=st.lists(WINDOWS, min_size=8, max_size=8), households=HOUSEHOLDS)
def test_a_pass_given_as_numbers_is_the_pass_judge_gives(data, windows, households):
    centre = centre_from_data(_furnished(data, windows, households))
    env = Env(centre, build_plan(centre))
    for item in _rules_with_short_cuts():
        rule, params = item if isinstance(item, tuple) else (item, item.p)
        kind = rule.kind_class()
        unit, comparator, digits = kind.pass_form
        for room in centre.rooms:
            j = kind.judge(room, params, env)
            got = kind.quick(room, params, env)
            if isinstance(got, tuple) and len(got) == 6:  # a pass whose texts are phrases
                measured, required, rooms, group, build, args = got
                assert j.status == "pass" and j.unverified is None, (rule.id, room.id)
                assert build(*args) == j, (rule.id, room.id)
                assert (j.measured, j.required, j.rooms, j.group, j.unit, j.comparator) == (
                    measured, required, rooms, group, unit, comparator), (rule.id, room.id)
            elif isinstance(got, tuple):
                measured, required, rooms, group = (*got, (room.id,), None) if len(got) == 2 else got
                assert j == Judgement.compare(measured, required, comparator, unit, digits, rooms=rooms,
                                              group=group, values=j.values), (rule.id, room.id)
            else:  # every pass is given as numbers or phrases, but one on an unverified figure
                assert got == j and (j.status != "pass" or j.unverified), (rule.id, room.id)


NUMBERS = st.floats(allow_nan=True, allow_infinity=True) | st.floats(-3e7, 3e7) | st.floats(-1e-8, 200.0)


def _read(check, value):
    try:
        return check(value)
    except ValueError:
        return ValueError


@settings(max_examples=500, deadline=None)
@given(NUMBERS)
def test_a_layout_number_reads_the_same_by_its_short_cut(x):
    """Coordinates and lengths that are plain floats (most of a layout's numbers) skip the general
    reading; a float of another type (numpy's) takes it: both give the same value or refuse."""
    for check in (model._coordinate, model._positive_length, model._bounded_length(model.MAX_HEIGHT)):
        got, want = _read(check, x), _read(check, np.float64(x))
        assert got == want or (got is ValueError and want is ValueError), (check, x)
        assert type(got) is type(want)


def _door_points_one_by_one(plan) -> dict[str, tuple[float, float]]:
    """Where each door between two rooms without an ``at`` goes, placed alone: the middle of the
    longest line of the wall its rooms share (its centroid when there is none)."""
    out = {}
    for door in plan.centre.doors:
        wall = None if door.to_outside or door.at is not None else plan.shared_wall(*door.between)
        if wall is not None and door.id in plan.door_points:
            line = _longest_line(wall)
            mid = line.interpolate(0.5, normalized=True) if line is not None else wall.centroid
            out[door.id] = (mid.x, mid.y)
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=random_centres())
def test_doors_placed_at_once_are_where_each_placed_alone_goes(data):
    centre = centre_from_data(data)
    for plan in (build_plan(centre), *PLANS.values()):
        want = _door_points_one_by_one(plan)
        assert {k: plan.door_points[k] for k in want} == want
        assert list(plan.door_points) == [d.id for d in plan.centre.doors if d.id in plan.door_points]
