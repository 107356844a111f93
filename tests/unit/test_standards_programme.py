"""The room programme, worked out by hand for the 120-person population of the design brief."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from centreplan.layouts.io import centre_from_data, load_layout
from centreplan.planner.cli import main
from centreplan.standards import programme, programme_vs_layout
from tests.rules.scenarios import build_layout

POP_120 = {"men": 50, "women": 30, "boys": 15, "girls": 10, "family_persons": 15, "households": 4}
EXAMPLES = Path(__file__).resolve().parents[2] / "layouts" / "examples"


def _sizes(line) -> list[tuple[int, int, float]]:
    return [(s.count, s.beds, s.min_area_m2) for s in line.sizes]


def test_programme_for_120_persons_stabilised_hot() -> None:
    prog = programme(POP_120, "stabilised", "hot")
    assert prog.packs == ["integrity", "humanitarian", "protection", "accessibility", "fire"]
    # men: cap 6 (OCC-ADULT) → ceil(50/6) = 9 rooms; 50 = 9 × 5 + 5 → 5 rooms of 6 and 4 of 5;
    # 4.0 m²/bed (AREA-BED-EU > AREA-SLEEP-HUM 3.5) → 24 m² and 20 m²
    men = prog.line("sleeping", "men")
    assert (men.count, men.beds, men.beds_per_room) == (9, 50, 6)
    assert _sizes(men) == [(5, 6, 24.0), (4, 5, 20.0)]
    assert men.area_per_person_m2 == 4.0
    assert "OCC-ADULT" in men.rules and "AREA-BED-EU" in men.rules and "AREA-SLEEP-HUM" in men.supersedes
    # height: HEIGHT-HUM hot 2.6 m > HEIGHT-EU 2.10 m; width 2.0 m (WIDTH-ROOM)
    assert (men.min_height_m, men.min_width_m) == (2.6, 2.0)
    assert "HEIGHT-EU" in men.supersedes
    # women: 30 / 6 = 5 rooms of 6 beds, ≥ 24 m² each (the example of rules.md)
    women = prog.line("sleeping", "women")
    assert (women.count, _sizes(women)) == (5, [(5, 6, 24.0)])
    # boys: cap 4 (OCC-UAM) → ceil(15/4) = 4 rooms; 15 = 4 × 3 + 3 → 3 rooms of 4, 1 of 3 → 16, 12 m²
    assert _sizes(prog.line("sleeping", "boys")) == [(3, 4, 16.0), (1, 3, 12.0)]
    # girls: ceil(10/4) = 3 rooms; 10 = 3 × 3 + 1 → 1 room of 4, 2 of 3
    assert _sizes(prog.line("sleeping", "girls")) == [(1, 4, 16.0), (2, 3, 12.0)]
    # families: one household a room (OCC-FAMILY) → 4 rooms; 15 = 4 × 3 + 3 → 3 of 4, 1 of 3
    fam = prog.line("sleeping", "families")
    assert (fam.use, fam.count, fam.beds_per_room) == ("family_room", 4, None)
    assert _sizes(fam) == [(3, 4, 16.0), (1, 3, 12.0)]
    assert "OCC-FAMILY" in fam.rules
    # WC and showers 1/20 stabilised: ceil(50/20) = 3, ceil(30/20) = 2, ceil(15/20) = ceil(10/20) = 1
    for g, n in (("men", 3), ("women", 2), ("boys", 1), ("girls", 1), ("families", 1)):
        wc, shower = prog.line("wc", g), prog.line("shower", g)
        assert (wc.count, shower.count) == (n, n), g
        assert wc.max_distance_m == 50.0 and "DIST-WC" in wc.rules and "FIX-WC-HUM" in wc.rules
        assert "FIX-SHOWER-HUM" in shower.rules
    # common rooms: 120 ≥ 50 → isolation; children present → child space; women → women's space
    rooms = [ln.use for ln in prog.lines if ln.item == "room"]
    assert rooms == ["medical", "isolation", "interview", "child_space", "women_space", "dining"]
    assert all(ln.min_area_m2 is None for ln in prog.lines if ln.item == "room")  # no area in the packs
    # exits: 120 persons → 3 UP = 3 × 0.60 = 1.80 m (EXITS-WIDTH)
    exits = prog.line("exit_width")
    assert (exits.count, exits.min_width_total_m, exits.min_width_m) == (3, 1.8, 0.9)
    # totals: rooms 9 + 5 + 4 + 3 + 4 = 25; beds 120; area 5·24 + 4·20 + 5·24 + 3·16 + 12 + 16 + 2·12
    # + 3·16 + 12 = 480 m²; WC 3 + 2 + 1 + 1 + 1 = 8
    assert prog.totals == {"sleeping_rooms": 25, "beds": 120, "sleeping_area_m2": 480.0, "wc": 8, "shower": 8}
    assert "5 dormitories: 5 × 6 beds, ≥ 24.0 m² each" in women.text
    assert "5 dortoirs : 5 × 6\u00a0lits, ≥ 24,0\u00a0m² chacune" in women.text_fr  # French numbers, no-break spaces


def test_programme_emergency_phase_and_temperate_climate() -> None:
    prog = programme(POP_120, "emergency", "temperate")
    # 1/50 in emergency: ceil(50/50) = 1, ceil(30/50) = 1
    assert prog.line("wc", "men").count == 1 and prog.line("shower", "women").count == 1
    # temperate: HEIGHT-HUM 2.0 m < HEIGHT-EU 2.10 m, so HEIGHT-EU sets it
    men = prog.line("sleeping", "men")
    assert men.min_height_m == 2.1 and "HEIGHT-EU" in men.rules and "HEIGHT-HUM" in men.supersedes


def test_programme_without_protection_has_no_cap_and_says_so() -> None:
    prog = programme({"women": 30}, "stabilised", "hot", packs=["humanitarian"])
    women = prog.line("sleeping", "women")
    # no max_occupants rule: one room of 30 beds at 3.5 m²/bed (AREA-SLEEP-HUM) = 105 m²
    assert (women.count, _sizes(women), women.beds_per_room) == (1, [(1, 30, 105.0)], None)
    assert "no limit on beds a room" in women.text


def test_programme_with_fr_cra() -> None:
    prog = programme(POP_120, "stabilised", "hot", packs=["fr-cra"])
    # AREA-REC-FR: 50 + 10 × ceil((120 − 40) / 15) = 50 + 10 × 6 = 110 m²
    rec = prog.line("room", None, "recreation")
    assert rec.min_area_m2 == 110.0 and rec.rules == ["AREA-REC-FR"]
    # FIX-SAN-CSP: basins ceil(120/3) = 40, showers and WC ceil(120/5) = 24; FIX-SAN-FR blocks 12; phones 3
    counts = {(ln.item, tuple(ln.rules)): ln.count for ln in prog.lines if ln.group is None}
    assert counts[("basin", ("FIX-SAN-CSP",))] == 40
    assert counts[("shower", ("FIX-SAN-CSP",))] == 24
    assert counts[("block", ("FIX-SAN-FR",))] == 12
    assert counts[("phone", ("FIX-PHONE-FR",))] == 3
    assert prog.line("site_area").min_area_m2 == 1200.0  # 10 m² × 120
    assert prog.line("capacity").count == 140


def test_programme_vs_the_good_layout_and_example_a() -> None:
    # the good base's sanitary rooms are 3 m wide with 0.90 m doors: marked accessible here
    accessible = {r: {"accessible": True} for r in ("SM1", "SW1", "SB1", "SG1", "SF1")}
    centre = centre_from_data(build_layout({"base": "good", "rooms": accessible}))
    pop = centre.population.model_dump()
    comp = programme_vs_layout(programme(pop, "stabilised", "hot"), centre)
    assert all(c.ok for c in comp.lines), [(c.line.item, c.line.group, c.shortfall) for c in comp.lines if not c.ok]
    a = load_layout(EXAMPLES / "a_assistance_centre_120.yaml")
    comp = programme_vs_layout(programme(a.population, a.centre.phase, a.centre.climate), a)
    assert all(c.ok for c in comp.lines)
    json.dumps(comp.to_json_data())


def test_programme_vs_layout_names_the_shortfalls() -> None:
    # 30 men in the good centre: 6 beds in DM1 → 24 beds short; 1 wc for ceil(30/20) = 2
    centre = centre_from_data(build_layout({"base": "good", "population": {"men": 30},
                                            "rooms": {"MED": None, "DM1": {"beds": 8}}}))
    comp = programme_vs_layout(programme(centre.population, "stabilised", "hot"), centre)
    by = {(c.line.item, c.line.group, c.line.use): c for c in comp.lines}
    men = by[("sleeping", "men", "dormitory")]
    # DM1: 8 beds (> 6) in 30 m² = 3.75 m²/bed < 4.0; 30 − 8 = 22 beds short
    assert men.ok is False and men.provided == "1 sleeping room, 8 beds"
    assert men.provided_fr == "1\u00a0chambre, 8\u00a0lits"
    assert men.shortfall_fr == "il manque 22\u00a0lits ; plus de 6 lits : DM1 ; moins de 4,0\u00a0m² par lit : DM1"
    assert men.shortfall == "22 beds short; over 6 beds: DM1; under 4.0 m² a bed: DM1"
    assert by[("wc", "men", "sanitary")].shortfall == "1 short"
    assert by[("room", None, "medical")].shortfall == "missing"


def test_cli_programme(capsys: pytest.CaptureFixture) -> None:
    args = ["programme", "--men", "50", "--women", "30", "--boys", "15", "--girls", "10",
            "--family-persons", "15", "--households", "4"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Total: 25 sleeping rooms, 120 beds" in out and "Sources:" in out
    assert main(args + ["--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["population"]["men"] == 50 and data["lines"][0]["item"] == "sleeping"
    assert main(args + ["--lang", "fr", "--phase", "emergency"]) == 0
    assert "phase urgence" in capsys.readouterr().out
    assert main(["programme", "--men", "5", "--packs", "nope"]) == 2
    assert "valid packs:" in capsys.readouterr().err
    assert main(["programme", "--family-persons", "2", "--households", "3"]) == 2
    assert "households" in capsys.readouterr().err
    assert main(["programme"]) == 2
    assert "at least one resident" in capsys.readouterr().err


# ---- transit centres: the WCs for women and girls and for men and boys (issue 18) -----------------
def _transit_wc_lines(prog) -> dict:
    return {ln.sex: ln for ln in prog.lines if ln.item == "wc" and ln.group is None}


def test_transit_programme_splits_the_wcs_three_to_one() -> None:
    # 600 residents, 1 WC per 50 (FIX-WC-TRANSIT): ceil(600 / 50) = 12; women and girls
    # ceil(0.75 × 12) = 9, men and boys the remaining 12 − 9 = 3
    prog = programme({"men": 300, "women": 200, "boys": 50, "girls": 50}, "emergency", "hot", centre_type="transit")
    lines = _transit_wc_lines(prog)
    assert (lines[None].count, lines["female"].count, lines["male"].count) == (12, 9, 3)
    nb = "\u00a0"  # French numbers keep their unit on the same line
    assert lines["female"].text_fr == f"WC femmes et filles : 9 sur 12{nb}WC (75{nb}% d'entre eux, FIX-WC-TRANSIT)"
    # 350 men and boys to 250 women and girls: the men's line says the split is to review
    assert lines["male"].text_fr == (f"WC hommes et garçons : 3 sur 12{nb}WC (le reste, FIX-WC-TRANSIT) ; répartition "
                                     "3:1 appliquée telle quelle à une population surtout composée d'hommes et de "
                                     "garçons : un choix de planification à revoir")
    assert lines["female"].text == "WC for women and girls: 9 of 12 WC (75 % of them, FIX-WC-TRANSIT)"
    assert lines["female"].rules == ["FIX-WC-TRANSIT"] and lines["female"].source_status == "secondary"


def test_transit_programme_odd_share_and_no_women() -> None:
    # 70 residents: ceil(70 / 50) = 2 WCs; ceil(0.75 × 2) = ceil(1.5) = 2 for women and girls, 0 for men
    lines = _transit_wc_lines(programme({"men": 40, "women": 30}, "emergency", "hot", centre_type="transit"))
    assert (lines["female"].count, lines["male"].count) == (2, 0)
    # 40 men to 30 women: the split is flagged on the men's line (as the equipment list flags it)
    assert lines["male"].text.endswith("a planning choice to review") and "review" not in lines["female"].text
    assert lines["male"].text_fr.endswith("un choix de planification à revoir")
    # men only: the rule judges no share for women and girls, so the programme shows none
    lines = _transit_wc_lines(programme({"men": 60}, "emergency", "hot", centre_type="transit"))
    assert set(lines) == {None} and lines[None].count == 2
    # not a transit centre: no such lines
    assert not _transit_wc_lines(programme({"men": 40, "women": 30}, "emergency", "hot"))


def test_transit_wc_split_against_example_b() -> None:
    centre = load_layout(EXAMPLES / "b_transit_centre_60.yaml")
    prog = programme(centre.population, centre.centre.phase, centre.centre.climate, centre_type="transit")
    lines = _transit_wc_lines(prog)
    total = lines[None].count
    assert lines["female"].count == -(-3 * total // 4) and lines["male"].count == total - lines["female"].count
    cmp = {c.line.sex: c for c in programme_vs_layout(prog, centre).lines if c.line.item == "wc" and not c.line.group}
    assert cmp["female"].ok is True
