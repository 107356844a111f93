"""The bundled examples give the outcomes their designs intend: (a) and (b) meet the default packs
with no critical or major fail; (c) shows exactly the shortfalls its notes document."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from centreplan.layouts.io import load_layout
from centreplan.planner.cli import main
from centreplan.standards import check

EXAMPLES = Path(__file__).resolve().parents[2] / "layouts" / "examples"


@pytest.mark.parametrize("name", ["a_assistance_centre_120.yaml", "b_transit_centre_60.yaml"])
def test_designed_examples_meet_the_default_packs(name: str) -> None:
    report = check(load_layout(EXAMPLES / name))
    assert report.packs == ["integrity", "humanitarian", "protection", "accessibility", "fire"]
    blocking = [(f.rule, f.subject, f.measured) for f in report.findings if f.blocking]
    assert blocking == []
    assert report.exit_code() == 0
    # nothing was left unchecked for lack of data
    assert report.by_status("cannot_evaluate") == []


# Example (c), from its centre.notes: the rule and the rooms of each documented shortfall.
C_SHORTFALLS = {
    ("OCC-ADULT", "A1"), ("OCC-ADULT", "A2"), ("OCC-ADULT", "A3"), ("OCC-ADULT", "A4"),  # 10 beds > 6
    ("FIX-SHOWER-HUM", "men"),  # 1 shower for 40 men, ceil(40/20) = 2
    ("DIST-WC", "BW1"), ("DIST-WC", "BW3"), ("DIST-WC", "BE3"), ("DIST-WC", "BE5"),  # 57–76 m > 50 m
    ("DIST-EXIT", "CB"), ("DIST-EXIT", "BW3"), ("DIST-EXIT", "BE4"), ("DIST-EXIT", "BE5"),  # one exit, > 30 m
    ("REQ-ISOLATION", "isolation"),  # 80 residents ≥ 50
    ("HEIGHT-HUM", "DI"),  # 2.4 m < 2.6 m
    ("WIN-VENT", "BE5"), ("WIN-LIGHT", "BE5"),  # fixed windows, 1.8 % of the floor
    # accessibility, night safety, security (issue 18)
    ("ACC-WC-SHARE", "accessible_wc"), ("ACC-WC-SHARE", "men"), ("ACC-WC-SHARE", "women"),  # 0 of 10, ceil(1.5) = 2
    ("ACC-WC-SHARE", "families"),
    ("ACC-SHOWER-SHARE", "accessible_shower"), ("ACC-SHOWER-SHARE", "men"),  # 0 of 5, ceil(0.75) = 1
    ("ACC-SHOWER-SHARE", "women"), ("ACC-SHOWER-SHARE", "families"),
    ("LIT-NIGHT", "BW1"), ("LIT-NIGHT", "BW3"), ("LIT-NIGHT", "BE3"), ("LIT-NIGHT", "BE5"),  # the yard is dark
    ("SEC-PERIMETER", "G2"),  # the service gate is left open
    ("SEC-ENTRANCES", None),  # staff enter with the residents
}


def test_example_c_shows_exactly_its_documented_shortfalls() -> None:
    centre = load_layout(EXAMPLES / "c_collective_centre_school.yaml")
    report = check(centre)
    fails = {(f.rule, f.subject) for f in report.failures()}
    assert fails == C_SHORTFALLS
    # every rule its notes name fails, and no other
    noted = set()
    for note in centre.centre.notes:
        head = note.split(":")[0]
        noted |= set(re.findall(r"[A-Z]+(?:-[A-Z0-9]+)+", head))
    assert noted == {rule for rule, _ in fails}
    assert report.exit_code() == 1
    by = {(f.rule, f.subject): f for f in report.failures()}
    assert by[("FIX-SHOWER-HUM", "men")].measured == "1 shower"
    assert by[("FIX-SHOWER-HUM", "men")].required == "≥ 2 showers"
    assert by[("HEIGHT-HUM", "DI")].measured == "2.40 m"
    assert by[("WIN-LIGHT", "BE5")].measured == "1.8 % of floor"  # 0.8 m² / 45 m²
    assert by[("WIN-LIGHT", "BE5")].severity == "minor"


def test_cli_check_on_the_examples(capsys: pytest.CaptureFixture) -> None:
    assert main(["check", str(EXAMPLES / "a_assistance_centre_120.yaml")]) == 0
    assert main(["check", str(EXAMPLES / "c_collective_centre_school.yaml")]) == 1
    out = capsys.readouterr().out
    # 4 DIST-EXIT and 4 LIT-NIGHT (the dark yard) are critical
    assert "CRITICAL (8)" in out and "DIST-EXIT" in out and "LIT-NIGHT" in out


def _with_population(path: Path, **groups: int):
    c = load_layout(path)
    return c.model_copy(update={"population": c.population.model_copy(update=groups)})


def test_example_a_with_150_residents_for_120_beds_fails_on_beds() -> None:
    # 50 men + 30 women + 30 boys + 25 girls + 15 family members = 150 residents; the layout has
    # 120 beds, of them 15 for boys and 10 for girls
    centre = _with_population(EXAMPLES / "a_assistance_centre_120.yaml", boys=30, girls=25)
    report = check(centre)
    fails = {(f.rule, f.group) for f in report.failures()}
    assert {("BEDS-GROUP", "boys"), ("BEDS-GROUP", "girls"), ("BEDS-TOTAL", None)} <= fails
    total = next(f for f in report.for_rule("BEDS-TOTAL"))
    assert (total.measured, total.required) == ("120 beds", "≥ 150 beds")
    assert (total.measured_value, total.required_value, total.unit) == (120, 150, "bed")
    assert report.exit_code() == 1


def test_example_c_with_unaccompanied_children_and_no_room_for_them_fails_critically() -> None:
    centre = _with_population(EXAMPLES / "c_collective_centre_school.yaml", boys=6)
    report = check(centre)
    none = next(f for f in report.for_rule("BEDS-NONE") if f.group == "boys")
    assert (none.status, none.severity) == ("fail", "critical")
    assert "garçons non accompagnés" in none.message_fr
    assert report.exit_code() == 1


def test_the_examples_as_given_have_a_bed_for_each_resident() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        report = check(load_layout(path))
        assert [f.rule for f in report.failures() if f.rule.startswith("BEDS-")] == [], path.name
