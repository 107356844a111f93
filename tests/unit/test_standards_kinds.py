"""Rule kinds and their helpers: arithmetic by hand, properties with Hypothesis."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centreplan.layouts.io import centre_from_data
from centreplan.planner.numbers import ceil_div, pair
from centreplan.standards import Report, check
from centreplan.standards.kinds import KINDS, passage_units, passage_width
from centreplan.standards.programme import split
from centreplan.standards.registry import Kind, kind_classes
from tests.rules.scenarios import build_layout

R4216_8 = [(19, 1), (50, 2), (100, 2), (200, 3), (300, 4), (400, 5), (500, 6)]


def test_registry_has_every_kind_of_rules_md() -> None:
    assert set(KINDS) >= {"geometry", "reachability", "references", "min_area_per_person", "min_area", "min_height",
                          "min_dimension", "max_occupants", "fixture_ratio", "separation", "adjacency",
                          "max_distance", "exits", "window_ratio", "required_room", "feature", "capacity"}


def test_every_kind_says_what_it_requires_of_the_programme() -> None:
    """A kind either answers the programme (``requirement``) or declares ``programme = False``; a kind
    with neither would be silently left out of the room programme."""
    wrong = [f"{c.name}/{c.mode}" for c in kind_classes() if (c.requirement is not Kind.requirement) != c.programme]
    assert wrong == []


def test_the_programme_reads_every_figure_the_kinds_require() -> None:
    from centreplan.planner.model import Population
    from centreplan.standards import load_packs, pack_names
    from centreplan.standards.programme import FIGURES, _ask
    from centreplan.standards.registry import Need

    pop = Population(men=50, women=30, boys=15, girls=10, family_persons=15, households=4, staff=10)
    rules = [r for p in load_packs(pack_names()) for r in p.rules]
    asked = set()
    for phase in ("emergency", "stabilised"):
        for group, use in (("men", "dormitory"), ("families", "family_room"), (None, None)):
            asked |= set(_ask(rules, Need(group, use, pop, phase, "hot")))
    assert asked <= FIGURES, asked - FIGURES
    assert len(asked) >= 18  # nearly every figure is set by the bundled packs


def test_modes_are_classes_of_their_own() -> None:
    assert set(KINDS["separation"].classes) == {"sanitary_sex", "door", "route"}
    assert set(KINDS["min_dimension"].classes) == {"room_width", "escape_doors"}
    assert KINDS["min_area"].default == "room"


def test_ceil_div() -> None:
    assert [ceil_div(n, 20) for n in (0, 1, 20, 21, 40, 41)] == [0, 1, 1, 2, 2, 3]
    assert ceil_div(0.1 * 3 * 100, 10) == 3  # 30.000000000000004 / 10 is 3, not 4


def test_passage_units_and_widths_r4216() -> None:
    # R4216-8: < 20 → 1 UP, 20–50 → 2, 51–100 → 2, 101–200 → 3, … 401–500 → 6, then +1 per 100 or part
    assert [passage_units(n, R4216_8, 100, 1) for n in (10, 19, 20, 50, 51, 100, 101, 200, 201, 500, 501, 600, 601)] \
        == [1, 1, 2, 2, 2, 2, 3, 3, 4, 6, 7, 7, 8]
    # R4216-5: 1 UP 0.90 m, 2 UP 1.40 m, n ≥ 3 UP 0.60·n m
    assert [passage_width(u, 0.9, 1.4, 0.6) for u in (1, 2, 3, 4, 7)] == [0.9, 1.4, 1.8, 2.4, 4.2]


def test_pair_never_shows_different_values_as_equal() -> None:
    assert pair(3.3333, 4.0) == ("3.3", "4.0")
    assert pair(3.96, 4.0) == ("3.96", "4.00")
    assert pair(4.0, 4.0) == ("4.0", "4.0")
    # regression: 0.60 × 3 = 1.7999999999999998 was shown as "1.800" against "1.80"
    assert pair(1.8, 0.6 * 3, 2) == ("1.80", "1.80")


def test_split_spreads_persons_evenly() -> None:
    assert split(50, 9) == [(5, 6), (4, 5)]
    assert split(30, 5) == [(5, 6)]
    assert split(15, 4) == [(3, 4), (1, 3)]
    assert split(2, 3) == [(2, 1)]  # one room would stay empty: it is not listed


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(persons=st.integers(1, 500), rooms=st.integers(1, 60))
def test_split_property(persons: int, rooms: int) -> None:
    parts = split(persons, rooms)
    assert sum(c * b for c, b in parts) == persons
    assert sum(c for c, _ in parts) <= rooms
    beds = [b for _, b in parts]
    assert max(beds) - min(beds) <= 1


ROOM_FIELDS = st.fixed_dictionaries({
    "height": st.one_of(st.none(), st.floats(1.5, 4.0)),
    "lockable": st.one_of(st.none(), st.booleans()),
    "windows": st.one_of(st.none(), st.just([]), st.just([{"width": 1.0, "height": 1.0}]),
                         st.just([{"width": 2.0, "height": 1.5}])),
    "beds": st.integers(1, 10),
})


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dm1=ROOM_FIELDS, sw1_lock=st.one_of(st.none(), st.booleans()), phase=st.sampled_from(["emergency", "stabilised"]),
       climate=st.sampled_from(["hot", "temperate", "cold"]))
def test_missing_data_is_never_a_pass_and_the_report_is_consistent(dm1, sw1_lock, phase, climate) -> None:
    centre = centre_from_data(build_layout({"base": "good", "centre": {"phase": phase, "climate": climate},
                                            "rooms": {"DM1": dm1, "SW1": {"lockable": sw1_lock}}}))
    report = check(centre)
    by = {(f.rule, f.subject): f.status for f in report.findings}
    missing = {"HEIGHT-HUM": dm1["height"] is None, "HEIGHT-EU": dm1["height"] is None,
               "LOCK-BED": dm1["lockable"] is None, "WIN-VENT": dm1["windows"] is None,
               "WIN-LIGHT": dm1["windows"] is None}
    for rule, absent in missing.items():
        assert (by[(rule, "DM1")] == "cannot_evaluate") == absent
    assert (by[("LOCK-WC", "SW1")] == "cannot_evaluate") == (sw1_lock is None)
    # every rule of the packs appears; summary counts are the counts of the findings
    assert {f.rule for f in report.findings} == {r.id for p in __import__("centreplan.standards", fromlist=["_"]).load_packs() for r in p.rules}
    assert report.summary.pass_ + report.summary.fail + report.summary.not_applicable \
        + report.summary.cannot_evaluate == len(report.findings)
    assert report.exit_code() == int(any(f.status == "fail" and f.severity in ("critical", "major")
                                         for f in report.findings))


def test_report_reads_back_from_its_json() -> None:
    report = check(centre_from_data(build_layout({"base": "good", "rooms": {"DM1": {"beds": 9}}})))
    again = Report.model_validate(report.to_json_data())
    assert again == report
    assert again.to_json_data() == report.to_json_data()


def test_messages_are_generated_in_both_languages_from_rule_data() -> None:
    report = check(centre_from_data(build_layout({"base": "good", "rooms": {"DM1": {"beds": 9}}})))
    f = next(f for f in report.findings if f.rule == "AREA-BED-EU" and f.subject == "DM1")
    # 30 m² / 9 beds = 3.33 m²/person; max beds at 4.0: floor(30 / 4) = 7; area for 9 beds: 36 m²
    assert f.message == ("Dortoir hommes (DM1): 3.3 m²/person (30.0 m² for 9 beds), less than the "
                         "4.0 m²/person of bedroom floor required.")
    assert f.message_fr.startswith("Dortoir hommes (DM1) : 3,3\u00a0m²/personne (30,0\u00a0m² pour 9 lits)")
    # the JSON keeps the contract's strings, and adds the numbers and the French texts
    assert (f.measured, f.required) == ("3.3 m²/person", "≥ 4.0 m²/person")
    assert (f.measured_fr, f.required_fr) == ("3,3\u00a0m²/personne", "≥ 4,0\u00a0m²/personne")
    assert (f.measured_value, f.required_value, f.unit, f.comparator) == (30 / 9, 4.0, "m2_per_person", ">=")
    assert f.fix == "Reduce Dortoir hommes (DM1) to 7 beds or enlarge it to at least 36.0 m²."
    assert f.fix_fr == "Réduire Dortoir hommes (DM1) à 7 lits ou l'agrandir à au moins 36,0\u00a0m²."
    assert f.source_url == "https://euaa.europa.eu/guidance-reception/13-infrastructure"


USES = ["dormitory", "family_room", "sanitary", "corridor", "medical", "isolation", "dining", "kitchen",
        "recreation", "office", "outdoor", "child_space"]
GROUPS = ["men", "women", "boys", "girls", "families", "staff", "all"]


@st.composite
def random_centres(draw):
    n = draw(st.integers(1, 8))
    rooms = []
    for i in range(n):
        x, y = draw(st.integers(0, 12)), draw(st.integers(0, 12))
        w, h = draw(st.integers(1, 8)), draw(st.integers(1, 8))
        poly = [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]
        if draw(st.booleans()) and draw(st.booleans()):
            poly = [[x, y], [x + w, y + h], [x + w, y], [x, y + h]]  # a bow tie, invalid
        rooms.append({"id": f"R{i}", "use": draw(st.sampled_from(USES)), "group": draw(st.sampled_from(GROUPS)),
                      "polygon": poly, "beds": draw(st.integers(0, 9)),
                      "height": draw(st.one_of(st.none(), st.floats(1.8, 3.5))),
                      "lockable": draw(st.one_of(st.none(), st.booleans())),
                      "fixtures": draw(st.one_of(st.none(), st.fixed_dictionaries(
                          {"wc": st.integers(0, 3), "shower": st.integers(0, 3), "basin": st.integers(0, 3)}))),
                      "occupants": draw(st.one_of(st.none(), st.integers(0, 80)))})
    doors = []
    for k in range(draw(st.integers(0, 10))):
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(-1, n - 1))
        if a == b:
            continue
        if b < 0:
            r = rooms[a]["polygon"][0]
            doors.append({"id": f"d{k}", "between": [f"R{a}", "outside"], "width": draw(st.sampled_from([0.8, 0.9, 1.4])),
                          "at": [r[0] + draw(st.sampled_from([0, 0.5, 3])), r[1]]})
        else:
            doors.append({"id": f"d{k}", "between": [f"R{a}", f"R{b}"], "width": draw(st.sampled_from([0.8, 0.9, 1.4]))})
    pop = draw(st.fixed_dictionaries({"men": st.integers(0, 60), "women": st.integers(0, 60),
                                      "boys": st.integers(0, 20), "girls": st.integers(0, 20)}))
    return {"format": "centreplan/1",
            "centre": {"name": "aléatoire", "phase": draw(st.sampled_from(["emergency", "stabilised"])),
                       "climate": draw(st.sampled_from(["hot", "temperate", "cold"]))},
            "population": pop, "rooms": rooms, "doors": doors}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=random_centres())
def test_any_layout_is_checked_without_raising_against_every_pack(data) -> None:
    from centreplan.standards import pack_names

    centre = centre_from_data(data)
    report = check(centre, pack_names())
    assert report.findings
    rules = {r.id for p in __import__("centreplan.standards", fromlist=["_"]).load_packs(pack_names()) for r in p.rules}
    assert {f.rule for f in report.findings} == rules  # every rule says something
    for f in report.findings:
        assert f.status in ("pass", "fail", "not_applicable", "cannot_evaluate")
        assert set(f.rooms) <= {r["id"] for r in data["rooms"]}
        assert f.message and f.message_fr
