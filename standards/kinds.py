"""Rule kinds as code: one small class per kind, registered by name in :data:`KINDS`.

A kind reads a rule's parameters (its ``Params`` model, validated when the pack loads) and returns
findings for a :class:`~standards.context.Context`: one per subject (a room, a door, a group …), or
one for the rule when it has no subject. A kind never prints and never raises for a failing centre;
data the rule needs but the layout lacks (a ceiling height, whether a door locks, windows, the
population) gives ``cannot_evaluate``, never ``pass``.

Walking distances and routes come from the plan's door graph (:meth:`planner.geometry.Plan.routes_to`,
``routes_to_exit``), neighbours from its STRtree adjacency; no kind loops over all pairs of rooms.
Semantics follow ``../shared/reference/rules.md``.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.model import FEMALE_GROUPS, FIXTURES, GROUPS, MALE_GROUPS, OUTSIDE, RESIDENT_GROUPS, USES
from standards.context import Context, ceil_div, fmt_num, name_of, pair
from standards.packs import Rule
from standards.params import (
    Area,
    Density,
    Length,
    Persons,
    VArea,
    VAreaPerPerson,
    VLength,
    VPersons,
    VRatio,
)
from standards.report import Finding

EPS = 1e-9


class _Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_uses(v: list[str]) -> list[str]:
    for u in v:
        if u not in USES:
            raise ValueError(f"{u!r} is not a use; valid uses: {', '.join(USES)}")
    return v


def _check_groups(v: list[str]) -> list[str]:
    for g in v:
        if g not in GROUPS:
            raise ValueError(f"{g!r} is not a group; valid groups: {', '.join(GROUPS)}")
    return v


class Kind:
    """Base of rule kinds: ``Params`` validates a rule's parameters; ``check`` returns findings."""

    name: ClassVar[str]
    Params: ClassVar[type[BaseModel]] = _Params
    fields: ClassVar[tuple[str, ...]] = ()  # extra placeholders its message templates may use

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    # helpers shared by kinds
    @staticmethod
    def none_applies(ctx: Context, rule: Rule) -> list[Finding]:
        return [ctx.finding(rule, "not_applicable", ctx.centre_subject(), reason="no_subject")]


KINDS: dict[str, type[Kind]] = {}


def register(cls: type[Kind]) -> type[Kind]:
    KINDS[cls.name] = cls
    return cls


def _m(x: float, digits: int = 2) -> str:
    return f"{fmt_num(x, digits)} m"


def _m2(x: float, digits: int = 1) -> str:
    return f"{fmt_num(x, digits)} m²"


def _n(x: float) -> str:
    return fmt_num(x, 0) if abs(x - round(x)) < EPS else fmt_num(x, 1)


# =============================================================================================
# integrity
# =============================================================================================
@register
class Geometry(Kind):
    """GEO-VALID, GEO-OVERLAP, GEO-DOOR: defects found by :func:`planner.geometry.build_plan`."""

    name = "geometry"
    fields = ("reason", "area")

    class Params(_Params):
        problem: Literal["invalid", "overlap", "door"]
        tolerance: Area = 0.01  # m², overlaps up to this are drawing noise (rules.md GEO-OVERLAP)

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        plan = ctx.plan
        out: list[Finding] = []
        if p.problem == "invalid":
            for rid, why in plan.invalid.items():
                out.append(ctx.finding(rule, "fail", ctx.room_subject(rid), rooms=[rid], measured="invalid outline",
                                       required="valid polygon, area > 0", reason="invalid_polygon",
                                       values={"reason": why}))
            if not out:
                out.append(ctx.finding(rule, "pass", ctx.centre_subject(), reason="all_valid",
                                       values={"count": len(ctx.rooms)}))
        elif p.problem == "overlap":
            for a, b, area in plan.overlaps:
                if area > p.tolerance + EPS:
                    out.append(ctx.finding(rule, "fail", ctx.pair_subject(a, b), rooms=[a, b],
                                           measured=f"{area:.2f} m² overlap", required=f"≤ {p.tolerance:.2f} m²",
                                           values={"area": f"{area:.2f} m²"}))
            if not out:
                out.append(ctx.finding(rule, "pass", ctx.centre_subject(), reason="no_overlap"))
        else:
            doors = {d.id: d for d in ctx.centre.doors}
            for prob in plan.door_problems:
                door = doors[prob.door]
                rooms = [r for r in door.between if r != OUTSIDE]
                if door.to_outside:
                    reason, vals = "door_off_outline", {"dist": _m(prob.value or 0.0), "room": rooms[0]}
                    measured, required = f"{_m(prob.value or 0.0)} off the outline", "on the outline (≤ 0.05 m)"
                elif not prob.value:
                    reason, vals = "door_no_wall", {"a": rooms[0], "b": rooms[1]}
                    measured, required = "no shared wall", f"a shared wall ≥ {_m(door.width)}"
                else:
                    reason, vals = "door_wall_short", {"a": rooms[0], "b": rooms[1], "length": _m(prob.value)}
                    measured, required = f"shared wall {_m(prob.value)}", f"≥ {_m(door.width)} (door width)"
                out.append(ctx.finding(rule, "fail", ctx.door_subject(door), rooms=rooms, measured=measured,
                                       required=required, reason=reason, values=vals))
            if not out:
                out.append(ctx.finding(rule, "pass", ctx.centre_subject(), reason="doors_ok",
                                       values={"count": len(doors)}))
        return out


@register
class Reachability(Kind):
    """GEO-REACH: every room can be reached from an exit through doors.

    Unreachable rooms are reported together by cluster (rooms joined by doors to each other but not
    to an exit), one finding per cluster.
    """

    name = "reachability"

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        reachable = ctx.plan.reachable_from_exits()
        lost = [rid for rid in ctx.plan.ids if rid not in reachable]
        if not lost:
            return [ctx.finding(rule, "pass", ctx.centre_subject(), reason="all_reachable",
                                values={"count": len(ctx.rooms)})]
        lost_set = set(lost)
        parent = {r: r for r in lost}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for d in ctx.centre.doors:
            a, b = d.between
            if a in lost_set and b in lost_set and d.id in ctx.plan.door_points:
                parent[find(a)] = find(b)
        clusters: dict[str, list[str]] = defaultdict(list)
        for rid in lost:
            clusters[find(rid)].append(rid)
        out = []
        for rooms in clusters.values():
            out.append(ctx.finding(rule, "fail", ctx.rooms_subject(rooms), rooms=rooms,
                                   measured=f"{len(rooms)} room(s) unreachable", required="reachable from an exit",
                                   reason="unreachable"))
        return out


@register
class References(Kind):
    """GEO-REFS: ids unique, doors name existing rooms, sanitary rooms list fixtures, sleeping rooms
    have beds and one group."""

    name = "references"
    fields = ("id", "door", "count")

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        out: list[Finding] = []
        c = ctx.centre
        room_ids = Counter(r.id for r in c.rooms)
        for rid, n in room_ids.items():
            if n > 1:
                out.append(ctx.finding(rule, "fail", ctx._subject(rid, "room", name=rid), rooms=[rid],
                                       reason="duplicate_room_id", values={"id": rid, "count": n}))
        for did, n in Counter(d.id for d in c.doors).items():
            if n > 1:
                out.append(ctx.finding(rule, "fail", ctx._subject(did, "door", id=did, between="?"),
                                       reason="duplicate_door_id", values={"id": did, "count": n}))
        for d in c.doors:
            for end in d.between:
                if end != OUTSIDE and end not in room_ids:
                    out.append(ctx.finding(rule, "fail", ctx.door_subject(d), reason="unknown_door_room",
                                           values={"door": d.id, "id": end}))
        for r in c.rooms:
            if r.is_sanitary and (r.fixtures is None or r.fixtures.total() == 0):
                out.append(ctx.finding(rule, "fail", ctx.room_subject(r.id), rooms=[r.id],
                                       measured="no fixtures", required="fixtures listed",
                                       reason="sanitary_without_fixtures"))
            if r.is_sleeping and r.beds == 0:
                out.append(ctx.finding(rule, "fail", ctx.room_subject(r.id), rooms=[r.id], measured="0 beds",
                                       required="≥ 1 bed", reason="sleeping_without_beds"))
            if r.is_sleeping and r.group == "all":
                out.append(ctx.finding(rule, "fail", ctx.room_subject(r.id), rooms=[r.id], measured="group all",
                                       required="one group", reason="sleeping_without_group"))
        if not out:
            out.append(ctx.finding(rule, "pass", ctx.centre_subject(), reason="refs_ok"))
        return out


# =============================================================================================
# areas, heights, dimensions, occupancy
# =============================================================================================
@register
class MinAreaPerPerson(Kind):
    """Floor area per person: per sleeping room (area / beds) or for the centre (area of the counted
    uses / residents)."""

    name = "min_area_per_person"
    fields = ("area", "beds", "max_beds", "min_area", "residents")

    class Params(_Params):
        min: VAreaPerPerson
        min_with_fixtures: VAreaPerPerson | None = None  # when the room holds sanitary fixtures
        scope: Literal["room", "centre"] = "room"
        count_uses: list[str] = Field(default_factory=list)  # centre scope: uses whose area counts

        _u = field_validator("count_uses")(_check_uses)

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        if p.scope == "centre":
            return self._centre(ctx, rule)
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            if not ctx.valid(r.id):
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], group=None,
                                       reason="invalid_geometry"))
                continue
            if r.beds == 0:
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], reason="no_beds"))
                continue
            with_fixtures = r.fixtures is not None and (r.fixtures.wc + r.fixtures.shower + r.fixtures.basin
                                                        + r.fixtures.urinal) > 0
            threshold = p.min_with_fixtures if (with_fixtures and p.min_with_fixtures) else p.min
            need = threshold.at(ctx.phase, ctx.climate)
            area = ctx.area(r.id)
            per = area / r.beds
            ms, rs = pair(per, need)
            status = "pass" if per + EPS >= need else "fail"
            out.append(ctx.finding(
                rule, status, subj, rooms=[r.id], measured=f"{ms} m²/person", required=f"≥ {rs} m²/person",
                values={"area": _m2(area), "beds": r.beds, "max_beds": int(math.floor(area / need + EPS)),
                        "min_area": _m2(r.beds * need)}))
        return out

    def _centre(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        n = ctx.pop.residents
        subj = ctx.centre_subject()
        if n == 0:
            return [ctx.finding(rule, "cannot_evaluate", subj, reason="no_population")]
        counted = [r for r in ctx.centre.rooms if r.use in p.count_uses and r.group != "staff"]
        bad = [r.id for r in counted if not ctx.valid(r.id)]
        if bad:
            return [ctx.finding(rule, "cannot_evaluate", subj, rooms=bad, reason="invalid_geometry")]
        area = sum(ctx.area(r.id) for r in counted)
        need = p.min.at(ctx.phase, ctx.climate)
        per = area / n
        ms, rs = pair(per, need)
        status = "pass" if per + EPS >= need else "fail"
        return [ctx.finding(rule, status, subj, measured=f"{ms} m²/person", required=f"≥ {rs} m²/person",
                            values={"area": _m2(area), "residents": n, "min_area": _m2(n * need)})]


@register
class MinArea(Kind):
    """A minimum floor area: per room (``min``), or for the centre's largest room of the applicable
    uses, growing with residents: base + per_step × ceil((residents − above) / step), when residents >
    above."""

    name = "min_area"
    fields = ("area", "use", "residents")

    class Params(_Params):
        scope: Literal["room", "centre"] = "room"
        min: VArea | None = None
        base: Area | None = None
        per_step: Area | None = None
        step: Persons | None = None
        above: Persons | None = None

        @model_validator(mode="after")
        def _complete(self) -> Any:
            if self.scope == "room" and self.min is None:
                raise ValueError("scope room needs min")
            if self.scope == "centre" and None in (self.base, self.per_step, self.step, self.above):
                raise ValueError("scope centre needs base, per_step, step and above")
            return self

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        if p.scope == "centre":
            return self._centre(ctx, rule)
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        need = p.min.at(ctx.phase, ctx.climate)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            if not ctx.valid(r.id):
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], reason="invalid_geometry"))
                continue
            area = ctx.area(r.id)
            ms, rs = pair(area, need)
            out.append(ctx.finding(rule, "pass" if area + EPS >= need else "fail", subj, rooms=[r.id],
                                   measured=f"{ms} m²", required=f"≥ {rs} m²", values={"area": _m2(area)}))
        return out

    def _centre(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        n = ctx.pop.residents
        subj = ctx.centre_subject()
        if not ctx.has_population:
            return [ctx.finding(rule, "cannot_evaluate", subj, reason="no_population")]
        if n <= p.above:
            return [ctx.finding(rule, "not_applicable", subj, reason="residents_at_most",
                                values={"residents": n, "above": _n(p.above)})]
        need = p.base + p.per_step * ceil_div(n - p.above, p.step)
        rooms = [r for r in ctx.select(rule) if ctx.valid(r.id)]
        use = (rule.applies_to.uses or ["—"])[0]
        uses_name = {lang: name_of("uses", use, lang) for lang in ("en", "fr")}
        if not rooms:
            return [ctx.finding(rule, "fail", subj, measured=f"no {use} room", required=f"≥ {_m2(need)}",
                                values={"use": uses_name, "residents": n,
                                        "area": {"en": f"none: there is no {uses_name['en']} room",
                                                 "fr": f"aucune : il n'y a pas de {uses_name['fr']}"}})]
        best = max(rooms, key=lambda r: ctx.area(r.id))
        area = ctx.area(best.id)
        ms, rs = pair(area, need)
        return [ctx.finding(rule, "pass" if area + EPS >= need else "fail", subj, rooms=[best.id],
                            measured=f"{ms} m²", required=f"≥ {rs} m²",
                            values={"use": uses_name, "residents": n, "area": _m2(area)})]


@register
class MinHeight(Kind):
    """Clear ceiling height of each room the rule applies to."""

    name = "min_height"

    class Params(_Params):
        min: VLength

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        need = rule.p.min.at(ctx.phase, ctx.climate)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            if r.height is None:
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], required=f"≥ {_m(need)}",
                                       reason="height_missing"))
                continue
            ms, rs = pair(r.height, need, 2)
            out.append(ctx.finding(rule, "pass" if r.height + EPS >= need else "fail", subj, rooms=[r.id],
                                   measured=f"{ms} m", required=f"≥ {rs} m"))
        return out


def passage_width(units: int, one: float, two: float, per_unit: float) -> float:
    """Clear width of an exit of ``units`` passage units (Code du travail R4216-5): 1 UP = 0.90 m,
    2 UP = 1.40 m, n ≥ 3 UP = 0.60·n m (the figures come from the rule's parameters)."""
    if units <= 1:
        return one
    if units == 2:
        return two
    return round(per_unit * units, 6)


def passage_units(persons: float, table: list[tuple[int, int]], beyond_persons: int, beyond_units: int) -> int:
    """Passage units an occupancy needs (Code du travail R4216-8): the first row whose bound is ≥
    ``persons``; above the last row, ``beyond_units`` more per ``beyond_persons`` or part."""
    for bound, units in table:
        if persons <= bound + EPS:
            return units
    last_bound, last_units = table[-1]
    return last_units + beyond_units * ceil_div(persons - last_bound, beyond_persons)


@register
class MinDimension(Kind):
    """A least dimension: the least width of rooms between walls, or the clear width of doors on
    escape routes together with the total exit width the building's occupancy needs."""

    name = "min_dimension"
    fields = ("door", "width", "persons", "units")

    class Params(_Params):
        target: Literal["room_width", "escape_doors"]
        min: VLength
        # escape_doors: passage units by occupancy, [[up to persons, units], …] (R4216-8)
        passage_units: list[tuple[int, int]] = Field(default_factory=list)
        beyond_persons: int = 100
        beyond_units: int = 1
        one_unit: Length = 0.90
        two_units: Length = 1.40
        per_unit: Length = 0.60

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        if rule.p.target == "room_width":
            return self._rooms(ctx, rule)
        return self._doors(ctx, rule)

    def _rooms(self, ctx: Context, rule: Rule) -> list[Finding]:
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        need = rule.p.min.at(ctx.phase, ctx.climate)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            if not ctx.valid(r.id):
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], reason="invalid_geometry"))
                continue
            w = ctx.plan.least_width(r.id)
            ms, rs = pair(w, need, 2)
            out.append(ctx.finding(rule, "pass" if w + EPS >= need else "fail", subj, rooms=[r.id],
                                   measured=f"{ms} m", required=f"≥ {rs} m"))
        return out

    def _doors(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        need = p.min.at(ctx.phase, ctx.climate)
        on_route: set[str] = set()
        for route in ctx.routes_to_exit().values():
            on_route.update(route.doors)
        on_route.update(d.id for d in ctx.plan.exits)
        out = []
        narrow = 0
        for d in ctx.centre.doors:
            if d.id in on_route and d.width + EPS < need:
                narrow += 1
                ms, rs = pair(d.width, need, 2)
                out.append(ctx.finding(rule, "fail", ctx.door_subject(d), rooms=[e for e in d.between if e != OUTSIDE],
                                       measured=f"{ms} m", required=f"≥ {rs} m",
                                       values={"door": d.id, "width": f"{ms} m"}))
        if not narrow:
            if on_route:
                out.append(ctx.finding(rule, "pass", ctx.centre_subject(), measured=None,
                                       reason="escape_doors_ok", values={"count": len(on_route)}))
            else:
                out.append(ctx.finding(rule, "fail", ctx.centre_subject(), measured="no escape route",
                                       required=f"doors ≥ {_m(need)}", reason="no_escape_doors"))
        # total exit width for the building's occupancy
        persons = ctx.pop.residents + ctx.pop.staff
        subj = ctx._subject("exits", "exits")
        if persons == 0:
            out.append(ctx.finding(rule, "cannot_evaluate", subj, reason="no_population"))
            return out
        units = passage_units(persons, p.passage_units or [(19, 1)], p.beyond_persons, p.beyond_units)
        required = passage_width(units, p.one_unit, p.two_units, p.per_unit)
        total = sum(d.width for d in ctx.plan.exits)
        ms, rs = pair(total, required, 2)
        out.append(ctx.finding(rule, "pass" if total + EPS >= required else "fail", subj,
                               measured=f"{ms} m total exit width",
                               required=f"≥ {rs} m ({units} UP for {persons} persons)",
                               values={"persons": persons, "units": units, "width": f"{ms} m"}))
        return out


@register
class MaxOccupants(Kind):
    """A cap per sleeping room: on beds (and, optionally, one sex per room) or on households."""

    name = "max_occupants"
    fields = ("beds", "households", "max")

    class Params(_Params):
        max: int = Field(ge=0)
        count: Literal["beds", "households"] = "beds"
        one_sex: bool = False

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            if p.count == "households":
                if r.households is None:
                    out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], required=f"≤ {p.max} household(s)",
                                           reason="households_missing"))
                    continue
                ok = r.households <= p.max
                out.append(ctx.finding(rule, "pass" if ok else "fail", subj, rooms=[r.id], group=None,
                                       measured=f"{r.households} household(s)", required=f"≤ {p.max} household(s)",
                                       values={"households": r.households, "max": p.max}))
                continue
            if r.beds == 0:
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], required=f"≤ {p.max} beds",
                                       reason="no_beds"))
                continue
            mixed = p.one_sex and r.group not in FEMALE_GROUPS + MALE_GROUPS
            ok = r.beds <= p.max and not mixed
            measured = f"{r.beds} beds" + (f", group {r.group}" if p.one_sex else "")
            required = f"≤ {p.max} beds" + (", one sex" if p.one_sex else "")
            out.append(ctx.finding(rule, "pass" if ok else "fail", subj, rooms=[r.id], measured=measured,
                                   required=required, reason="mixed_room" if mixed else None,
                                   values={"beds": r.beds, "max": p.max}))
        return out


# =============================================================================================
# fixtures
# =============================================================================================
_PLURAL = {"wc": "wc", "shower": "showers", "basin": "basins", "urinal": "urinals", "phone": "phones",
           "block": "sanitary blocks"}


def _count(n: int, fixture: str) -> str:
    """``2 showers``, ``1 shower``, ``3 wc``."""
    word = _PLURAL[fixture]
    if n == 1 and word != "wc":
        word = word[:-1] if not word.endswith("blocks") else "sanitary block"
    return f"{n} {word}"


def _counts(n: int, fixture: str) -> dict[str, str]:
    """``n`` fixtures in both languages: {"en": "2 showers", "fr": "2 douches"}."""
    table = "fixtures_one" if n == 1 else "fixtures"
    return {lang: f"{n} {name_of(table, fixture, lang)}" for lang in ("en", "fr")}


def fixtures_of(room: Any, fixture: str) -> int:
    """Fixtures of one kind in a room; a "block" is a wc + shower + basin (also used by the programme)."""
    f = room.fixtures
    if f is None:
        return 0
    if fixture == "block":
        return min(f.wc, f.shower, f.basin)
    return int(getattr(f, fixture))


@register
class FixtureRatio(Kind):
    """Fixtures per person: for each resident group (fixtures in sanitary rooms serving it), or for
    all residents (fixtures in resident rooms).

    Per group, a sanitary room assigned to the group counts for it; rooms assigned to ``all`` form a
    shared pool that covers the groups' shortfalls when it is large enough for all of them together.
    A ``block`` is a wc, a shower and a basin: blocks = min(wc, shower, basin) summed over the rooms.
    """

    name = "fixture_ratio"
    fields = ("fixture", "persons", "per", "own", "shared", "short", "have", "need", "add")

    class Params(_Params):
        persons_per: dict[str, VPersons]
        scope: Literal["group", "residents"] = "group"
        rooms: Literal["sanitary", "any"] = "sanitary"

        @field_validator("persons_per")
        @classmethod
        def _fixtures(cls, v: dict[str, Any]) -> dict[str, Any]:
            for k in v:
                if k not in FIXTURES + ("block",):
                    raise ValueError(f"{k!r} is not a fixture; valid: {', '.join(FIXTURES + ('block',))}")
            return v

    def _counts(self, ctx: Context, rule: Rule) -> list[Any]:
        p = rule.p
        return [r for r in ctx.centre.rooms
                if (r.is_sanitary or p.rooms == "any") and r.fixtures is not None]

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        if not ctx.has_population:
            return [ctx.finding(rule, "cannot_evaluate", ctx.centre_subject(), reason="no_population")]
        if p.scope == "residents":
            return self._residents(ctx, rule)
        rooms = self._counts(ctx, rule)
        out = []
        for fixture, per_v in p.persons_per.items():
            per = per_v.at(ctx.phase, ctx.climate)
            fname = {lang: name_of("fixtures", fixture, lang) for lang in ("en", "fr")}
            own: dict[str, int] = defaultdict(int)
            shared = 0
            shared_rooms: list[str] = []
            own_rooms: dict[str, list[str]] = defaultdict(list)
            for r in rooms:
                n = fixtures_of(r, fixture)
                if r.group == "all":
                    shared += n
                    shared_rooms.append(r.id)
                else:
                    own[r.group] += n
                    own_rooms[r.group].append(r.id)
            need = {g: ceil_div(ctx.pop.of_group(g), per) for g in RESIDENT_GROUPS if ctx.pop.of_group(g) > 0}
            short = {g: max(0, need[g] - own[g]) for g in need}
            pool_covers = sum(short.values()) <= shared
            for g in RESIDENT_GROUPS:
                n_g = ctx.pop.of_group(g)
                subj = ctx.group_subject(g)
                if n_g == 0:
                    out.append(ctx.finding(rule, "not_applicable", subj, group=g, reason="group_absent"))
                    continue
                uses_pool = short[g] > 0
                ok = short[g] == 0 or pool_covers
                measured = _count(own[g], fixture) + (f" + {shared} shared" if uses_pool and shared else "")
                required = "≥ " + _count(need[g], fixture)
                out.append(ctx.finding(
                    rule, "pass" if ok else "fail", subj, group=g,
                    rooms=own_rooms[g] + (shared_rooms if uses_pool else []), measured=measured, required=required,
                    values={"fixture": fname, "persons": n_g, "per": _n(per), "own": own[g], "shared": shared,
                            "short": short[g], "have": _counts(own[g], fixture), "need": _counts(need[g], fixture),
                            "add": _counts(short[g], fixture)}))
        return out

    def _residents(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        n = ctx.pop.residents
        rooms = [r for r in self._counts(ctx, rule) if r.group != "staff"]
        out = []
        for fixture, per_v in p.persons_per.items():
            per = per_v.at(ctx.phase, ctx.climate)
            subj = ctx.fixture_subject(fixture)
            fname = {lang: name_of("fixtures", fixture, lang) for lang in ("en", "fr")}
            if fixture == "block":
                totals = [sum(fixtures_of(r, f) for r in rooms) for f in ("wc", "shower", "basin")]
                have = min(totals)
            else:
                have = sum(fixtures_of(r, fixture) for r in rooms)
            need = ceil_div(n, per)
            with_it = [r.id for r in rooms if (fixtures_of(r, fixture) if fixture != "block"
                                                else r.fixtures.wc + r.fixtures.shower + r.fixtures.basin) > 0]
            out.append(ctx.finding(rule, "pass" if have >= need else "fail", subj, rooms=with_it,
                                   measured=_count(have, fixture), required="≥ " + _count(need, fixture),
                                   values={"fixture": fname, "persons": n, "per": _n(per), "own": have,
                                           "short": max(0, need - have), "have": _counts(have, fixture),
                                           "need": _counts(need, fixture), "add": _counts(max(0, need - have), fixture)}))
        return out


# =============================================================================================
# protection: separation, adjacency, features, windows, required rooms
# =============================================================================================
@register
class Separation(Kind):
    """Separation of groups.

    - ``sanitary_sex``: a sanitary room serves only female or only male groups (rooms of the groups
      in ``excepted`` and single-user rooms — at most one wc and one shower, no urinal — excepted);
    - ``door``: no door directly joins two rooms of the rule (sleeping or sanitary) assigned to
      different resident groups;
    - ``route``: from each sleeping room of the rule, the walking route to its nearest sanitary room
      serving its group passes through no room assigned to the ``forbidden`` groups (only rooms of
      ``through_uses`` count when it is given).
    """

    name = "separation"
    fields = ("through", "door", "group_a", "group_b")

    class Params(_Params):
        mode: Literal["sanitary_sex", "door", "route"]
        excepted: list[str] = Field(default_factory=list)
        forbidden: list[str] = Field(default_factory=list)
        through_uses: list[str] | None = None

        _g = field_validator("excepted", "forbidden")(_check_groups)

        @field_validator("through_uses")
        @classmethod
        def _uses(cls, v: list[str] | None) -> list[str] | None:
            return _check_uses(v) if v is not None else v

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        return getattr(self, f"_{rule.p.mode}")(ctx, rule)

    def _sanitary_sex(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            if r.group in p.excepted:
                out.append(ctx.finding(rule, "not_applicable", subj, rooms=[r.id], group=r.group,
                                       reason="group_excepted"))
            elif r.group in FEMALE_GROUPS + MALE_GROUPS:
                out.append(ctx.finding(rule, "pass", subj, rooms=[r.id], group=r.group, reason="one_sex"))
            elif r.fixtures is None:
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], reason="fixtures_missing"))
            elif r.fixtures.wc <= 1 and r.fixtures.shower <= 1 and r.fixtures.urinal == 0:
                out.append(ctx.finding(rule, "pass", subj, rooms=[r.id], reason="single_user"))
            else:
                out.append(ctx.finding(rule, "fail", subj, rooms=[r.id], measured=f"group {r.group}",
                                       required="female or male groups only", reason="mixed_sex"))
        return out

    def _door(self, ctx: Context, rule: Rule) -> list[Finding]:
        a = rule.applies_to
        out = []
        for d in ctx.centre.doors:
            if d.to_outside:
                continue
            x, y = (ctx.rooms.get(e) for e in d.between)
            if x is None or y is None or not (a.matches(x) and a.matches(y)):
                continue
            if x.group in RESIDENT_GROUPS and y.group in RESIDENT_GROUPS and x.group != y.group:
                vals = {"door": d.id, "group_a": {lang: name_of("groups", x.group, lang) for lang in ("en", "fr")},
                        "group_b": {lang: name_of("groups", y.group, lang) for lang in ("en", "fr")}}
                out.append(ctx.finding(rule, "fail", ctx.door_subject(d), rooms=[x.id, y.id],
                                       measured=f"door {x.group}–{y.group}", required="no door between groups",
                                       reason="door_joins_groups", values=vals))
        if not out:
            out.append(ctx.finding(rule, "pass", ctx.centre_subject(), reason="no_door_between_groups"))
        return out

    def _route(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        out = []
        forbidden_text = ", ".join(p.forbidden)
        for r in rooms:
            subj = ctx.room_subject(r.id)
            route = ctx.routes_to_sanitary(r.group).get(r.id)
            if route is None:
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], group=r.group,
                                       reason="no_route_sanitary"))
                continue
            bad = [x for x in route.through
                   if x in ctx.rooms and ctx.rooms[x].group in p.forbidden
                   and (p.through_uses is None or ctx.rooms[x].use in p.through_uses)]
            target = route.rooms[-1]
            required = f"no room of {forbidden_text} on the route"
            if bad:
                out.append(ctx.finding(rule, "fail", subj, rooms=[r.id] + bad + [target], group=r.group,
                                       measured="through " + ", ".join(f"{x} ({ctx.rooms[x].group})" for x in bad),
                                       required=required, reason="route_through",
                                       values={"through": ", ".join(bad)}))
            else:
                via = ", ".join(route.through)
                out.append(ctx.finding(rule, "pass", subj, rooms=[r.id, target], group=r.group,
                                       measured=f"route to {target}" + (f" via {via}" if via else ""),
                                       required=required))
        return out


@register
class Adjacency(Kind):
    """Rooms of the rule's uses have no door to a room of the ``forbidden_uses``."""

    name = "adjacency"
    fields = ("others",)

    class Params(_Params):
        forbidden_uses: list[str] = Field(min_length=1)

        _u = field_validator("forbidden_uses")(_check_uses)

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        out = []
        required = "no door to " + ", ".join(p.forbidden_uses)
        for r in rooms:
            others = []
            for d in ctx.doors_of[r.id]:
                o = d.other(r.id)
                if o != OUTSIDE and o in ctx.rooms and ctx.rooms[o].use in p.forbidden_uses and o not in others:
                    others.append(o)
            subj = ctx.room_subject(r.id)
            if others:
                out.append(ctx.finding(rule, "fail", subj, rooms=[r.id] + others,
                                       measured="door to " + ", ".join(f"{o} ({ctx.rooms[o].use})" for o in others),
                                       required=required, reason="door_to", values={"others": ", ".join(others)}))
            else:
                out.append(ctx.finding(rule, "pass", subj, rooms=[r.id], measured="no such door", required=required))
        return out


@register
class Feature(Kind):
    """A yes/no feature of each room of the rule (``lockable``); not given → cannot_evaluate."""

    name = "feature"

    class Params(_Params):
        field: Literal["lockable"]
        expected: bool = True

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        out = []
        word = {True: p.field, False: f"not {p.field}"}
        for r in rooms:
            value = getattr(r, p.field)
            subj = ctx.room_subject(r.id)
            if value is None:
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], required=word[p.expected],
                                       reason=f"{p.field}_missing"))
                continue
            out.append(ctx.finding(rule, "pass" if value == p.expected else "fail", subj, rooms=[r.id],
                                   measured=word[bool(value)], required=word[p.expected]))
        return out


@register
class WindowRatio(Kind):
    """Window area as a share of floor area (glazed, or openable only); optionally at least one
    openable window. Windows not given → cannot_evaluate; an empty list means no window."""

    name = "window_ratio"
    fields = ("window_area", "floor", "min_window", "ratio", "min_ratio")

    class Params(_Params):
        min_ratio: VRatio
        openable_only: bool = False
        require_openable: bool = False

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        need = p.min_ratio.at(ctx.phase, ctx.climate)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            if r.windows is None:
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id],
                                       required=f"≥ {fmt_num(need * 100)} % of floor", reason="windows_missing"))
                continue
            if not ctx.valid(r.id):
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], reason="invalid_geometry"))
                continue
            floor = ctx.area(r.id)
            wins = [w for w in r.windows if w.openable or not p.openable_only]
            win_area = sum(w.width * w.height for w in wins)
            ratio = win_area / floor if floor > 0 else 0.0
            ms, rs = pair(ratio * 100, need * 100)
            no_openable = p.require_openable and not any(w.openable for w in r.windows)
            ok = ratio + EPS >= need and not no_openable
            out.append(ctx.finding(rule, "pass" if ok else "fail", subj, rooms=[r.id],
                                   measured=f"{ms} % of floor", required=f"≥ {rs} % of floor",
                                   reason="no_openable_window" if no_openable else None,
                                   values={"window_area": _m2(win_area, 2), "floor": _m2(floor),
                                           "min_window": _m2(need * floor, 2), "ratio": f"{ms} %",
                                           "min_ratio": f"{rs} %"}))
        return out


@register
class RequiredRoom(Kind):
    """At least one room of each of ``uses``, when the condition holds (residents ≥ a number, or one
    of some groups present)."""

    name = "required_room"
    fields = ("use",)

    class Params(_Params):
        uses: list[str] = Field(min_length=1)
        when_residents_at_least: Persons | None = None
        when_groups: list[str] | None = None  # any of these groups has persons

        _u = field_validator("uses")(_check_uses)

        @field_validator("when_groups")
        @classmethod
        def _g(cls, v: list[str] | None) -> list[str] | None:
            if v is not None:
                for g in v:
                    if g not in RESIDENT_GROUPS:
                        raise ValueError(f"{g!r} is not a resident group; valid: {', '.join(RESIDENT_GROUPS)}")
            return v

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        conditional = p.when_residents_at_least is not None or p.when_groups is not None
        if conditional and not ctx.has_population:
            return [ctx.finding(rule, "cannot_evaluate", ctx.use_subject(u), reason="no_population") for u in p.uses]
        if p.when_residents_at_least is not None and ctx.pop.residents < p.when_residents_at_least:
            n = _n(p.when_residents_at_least)
            cond = {"en": f"{ctx.pop.residents} residents, fewer than {n}",
                    "fr": f"{ctx.pop.residents} résidents, moins de {n}"}
            return [ctx.finding(rule, "not_applicable", ctx.use_subject(u), reason="condition_unmet",
                                values={"condition": cond["en"], "condition_fr": cond["fr"]}) for u in p.uses]
        if p.when_groups is not None and not any(ctx.pop.of_group(g) > 0 for g in p.when_groups):
            names = {lang: ", ".join(name_of("groups", g, lang) for g in p.when_groups) for lang in ("en", "fr")}
            return [ctx.finding(rule, "not_applicable", ctx.use_subject(u), reason="condition_unmet",
                                values={"condition": f"no {names['en']} in the population",
                                        "condition_fr": f"pas de {names['fr']} dans la population"})
                    for u in p.uses]
        by_use: dict[str, list[str]] = defaultdict(list)
        for r in ctx.centre.rooms:
            by_use[r.use].append(r.id)
        out = []
        for u in p.uses:
            found = by_use.get(u, [])
            uname = {lang: name_of("uses", u, lang) for lang in ("en", "fr")}
            if found:
                out.append(ctx.finding(rule, "pass", ctx.use_subject(u), rooms=found,
                                       measured=f"{len(found)} {u} room(s)", required=f"≥ 1 {u} room",
                                       values={"use": uname}))
            else:
                out.append(ctx.finding(rule, "fail", ctx.use_subject(u), measured=f"no {u} room",
                                       required=f"≥ 1 {u} room", reason="missing_use", values={"use": uname}))
        return out


# =============================================================================================
# distances and exits
# =============================================================================================
@register
class MaxDistance(Kind):
    """Walking distance along the door graph: from each sleeping room to the nearest sanitary room
    serving its group (``target: sanitary``), or from each room to an exit (``target: exit``: the
    limit is ``max_choice`` where two or more exits are reachable, ``max`` otherwise; ``levels``
    limits the rule to some levels)."""

    name = "max_distance"
    fields = ("exits", "via", "max")

    class Params(_Params):
        target: Literal["sanitary", "exit"]
        max: VLength
        max_choice: VLength | None = None
        levels: list[int] | None = None

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        rooms = ctx.select(rule)
        if not rooms:
            return self.none_applies(ctx, rule)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            if p.levels is not None and r.level not in p.levels:
                out.append(ctx.finding(rule, "not_applicable", subj, rooms=[r.id], reason="upper_level",
                                       values={"level": r.level}))
                continue
            if p.target == "sanitary":
                limit = p.max.at(ctx.phase, ctx.climate)
                if not ctx.sanitary_for(r.group):
                    out.append(ctx.finding(rule, "fail", subj, rooms=[r.id], group=r.group,
                                           measured="no sanitary room", required=f"≤ {_m(limit, 1)}",
                                           reason="no_sanitary_for_group"))
                    continue
                route = ctx.routes_to_sanitary(r.group).get(r.id)
                if route is None:
                    out.append(ctx.finding(rule, "fail", subj, rooms=[r.id], group=r.group, measured="no route",
                                           required=f"≤ {_m(limit, 1)}", reason="no_route_sanitary"))
                    continue
                group = r.group
                exits_n = None
            else:
                exits_n = ctx.exits_reachable(r.id)
                limit = (p.max_choice if (exits_n >= 2 and p.max_choice) else p.max).at(ctx.phase, ctx.climate)
                route = ctx.routes_to_exit().get(r.id)
                group = None
                if route is None:
                    out.append(ctx.finding(rule, "fail", subj, rooms=[r.id], measured="no route",
                                           required=f"≤ {_m(limit, 1)}", reason="no_route_exit",
                                           values={"exits": exits_n, "max": _m(limit, 1)}))
                    continue
            ms, rs = pair(route.distance, limit)
            target = route.rooms[-1]
            out.append(ctx.finding(
                rule, "pass" if route.distance <= limit + EPS else "fail", subj,
                rooms=[r.id] + ([target] if target in ctx.rooms and target != r.id else []), group=group,
                measured=f"{ms} m", required=f"≤ {rs} m" + (f" ({exits_n} exit(s) reachable)" if exits_n is not None else ""),
                values={"exits": exits_n if exits_n is not None else "—", "max": f"{rs} m",
                        "via": ", ".join(route.through) or "—"}))
        return out


BASIS = {"occupants": {"en": "occupants given", "fr": "effectif indiqué"},
         "beds": {"en": "one per bed", "fr": "un par lit"},
         "density": {"en": "area × density of the use", "fr": "surface × densité de l'usage"}}


@register
class Exits(Kind):
    """Doors of a room by its occupancy (Code du travail R4216-8, ERP CO 38/43): below
    ``min_occupancy`` one door; up to ``one_door_max`` persons two doors at least ``min_separation``
    apart, or one door at least ``one_door_min_width`` wide; above, two doors that far apart.

    Occupancy: ``occupants`` if given, else beds for sleeping rooms, else floor area × the use's
    density (``densities``, pack data); rooms with none of these are ``cannot_evaluate``.
    """

    name = "exits"
    fields = ("persons", "doors", "apart", "basis", "have", "need")

    class Params(_Params):
        min_occupancy: Persons = 20
        one_door_max: Persons = 50
        one_door_min_width: Length = 1.40
        min_separation: Length = 5.0
        densities: dict[str, Density] = Field(default_factory=dict)

        @field_validator("densities")
        @classmethod
        def _uses(cls, v: dict[str, float]) -> dict[str, float]:
            _check_uses(list(v))
            return v

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        p = rule.p
        rooms = [r for r in ctx.centre.rooms
                 if rule.applies_to.matches(r) or r.occupants is not None and r.use not in ("outdoor", "corridor")]
        if not rooms:
            return self.none_applies(ctx, rule)
        out = []
        for r in rooms:
            subj = ctx.room_subject(r.id)
            occ = ctx.occupancy(r, p.densities)
            if occ is None:
                out.append(ctx.finding(rule, "cannot_evaluate", subj, rooms=[r.id], reason="occupancy_unknown"))
                continue
            persons, basis = occ
            unverified = "densities" if basis == "density" else None
            doors = [d for d in ctx.doors_of[r.id] if d.id in ctx.plan.door_points]
            pts = [ctx.plan.door_points[d.id] for d in doors]
            apart = max((math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1:]), default=0.0)
            widest = max((d.width for d in doors), default=0.0)
            two_apart = len(doors) >= 2 and apart + EPS >= p.min_separation
            pers = _n(persons)
            sep, wide = _m(p.min_separation, 1), _m(p.one_door_min_width)
            if persons < p.min_occupancy - EPS:
                ok = len(doors) >= 1
                required = f"≥ 1 door ({pers} persons)"
                need = {"en": "at least 1 door", "fr": "au moins 1 porte"}
            elif persons <= p.one_door_max + EPS:
                ok = two_apart or widest + EPS >= p.one_door_min_width
                required = f"2 doors ≥ {sep} apart or 1 door ≥ {wide} ({pers} persons)"
                need = {"en": f"2 doors at least {sep} apart or 1 door at least {wide} wide",
                        "fr": f"2 portes distantes d'au moins {sep} ou 1 porte d'au moins {wide}"}
            else:
                ok = two_apart
                required = f"2 doors ≥ {sep} apart ({pers} persons)"
                need = {"en": f"2 doors at least {sep} apart", "fr": f"2 portes distantes d'au moins {sep}"}
            measured = f"{len(doors)} door(s)" + (f", {_m(apart, 1)} apart" if len(doors) >= 2 else "") + \
                       (f", widest {_m(widest)}" if doors else "")
            have = {"en": f"{len(doors)} door(s)" + (f", {_m(apart, 1)} apart" if len(doors) >= 2 else "")
                          + (f", the widest {_m(widest)}" if doors else ""),
                    "fr": f"{len(doors)} porte(s)" + (f", distantes de {_m(apart, 1)}" if len(doors) >= 2 else "")
                          + (f", la plus large {_m(widest)}" if doors else "")}
            out.append(ctx.finding(rule, "pass" if ok else "fail", subj, rooms=[r.id], measured=measured,
                                   required=required, unverified=unverified,
                                   reason=None if doors else "no_door",
                                   values={"persons": pers, "doors": len(doors), "apart": _m(apart, 1),
                                           "basis": BASIS[basis], "have": have, "need": need}))
        return out


@register
class Capacity(Kind):
    """The centre's planned residents are at most ``max``."""

    name = "capacity"
    fields = ("residents", "max")

    class Params(_Params):
        max: Persons

    def check(self, ctx: Context, rule: Rule) -> list[Finding]:
        n = ctx.pop.residents
        subj = ctx.centre_subject()
        if n == 0:
            return [ctx.finding(rule, "cannot_evaluate", subj, reason="no_population")]
        limit = rule.p.max
        return [ctx.finding(rule, "pass" if n <= limit + EPS else "fail", subj, measured=f"{n} residents",
                            required=f"≤ {_n(limit)} residents", values={"residents": n, "max": _n(limit)})]
