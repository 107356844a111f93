"""Differences between two layouts, worked by hand on the small wing of tests/conftest.py.

Revision 1 is the small wing: men 8; D1 and D2 are 5 m × 4 m = 20 m² with 4 beds each; no medical
room (REQ-MEDICAL fails). Revision 2: 10 men; D1 has 6 beds (20 m² / 6 = 3.3 m²/person, under
Sphere's 3.5 and EASO's 4.0: AREA-SLEEP-HUM and AREA-BED-EU now fail on D1); D2 is 1 m deeper
(5 m × 5 m = 25 m²); a medical room M of 3 m × 4 m = 12 m² is added with its door d5 (REQ-MEDICAL is
fixed).
"""
from __future__ import annotations

from centreplan.layouts.io import loads
from centreplan.projects.diff import diff, render
from tests.conftest import SMALL_LAYOUT

REV2 = (SMALL_LAYOUT
        .replace("population: {men: 8", "population: {men: 10")
        .replace("group: men, beds: 4, height: 2.8", "group: men, beds: 6, height: 2.8")
        .replace("polygon: [[5, 2], [10, 2], [10, 6], [5, 6]]", "polygon: [[5, 2], [10, 2], [10, 7], [5, 7]]")
        .replace("doors:\n", "  - {id: M, name: Soins, use: medical, height: 2.8, lockable: true,\n"
                             "     polygon: [[13, 2], [16, 2], [16, 6], [13, 6]]}\ndoors:\n")
        + "  - {id: d5, between: [M, C], width: 0.9}\n")


def _diff(**kw):
    return diff(loads(SMALL_LAYOUT), loads(REV2), old_label="r1", new_label="r2", **kw)


def test_layout_changes_by_hand():
    d = _diff(equipment=False)
    assert [(c.field, c.old, c.new) for c in d.population] == [("men", 8, 10)]
    assert [(r.id, r.name) for r in d.rooms_added] == [("M", "Soins")]
    assert d.rooms_removed == []
    changed = {r.id: [(c.field, c.old, c.new) for c in r.changes] for r in d.rooms_changed}
    assert changed == {"D1": [("beds", 4, 6)], "D2": [("area_m2", 20.0, 25.0)]}
    assert [(x.id, x.name) for x in d.doors_added] == [("d5", "M / C")]
    assert d.changed_rooms == {"M", "D1", "D2"}


def test_findings_fixed_new_and_still_open():
    d = _diff(equipment=False)
    assert [f.rule for f in d.findings_fixed] == ["REQ-MEDICAL"]
    assert sorted((f.rule, tuple(f.rooms)) for f in d.findings_new) == [
        ("AREA-BED-EU", ("D1",)), ("AREA-SLEEP-HUM", ("D1",))]
    assert sorted(f.rule for f in d.findings_open) == ["REQ-DINING", "REQ-INTERVIEW", "WIN-LIGHT"]


def test_equipment_follows_the_residents():
    """Beds are 1 per resident (reference BED-01): 8 → 10 when the men go from 8 to 10."""
    d = _diff()
    beds = next(e for e in d.equipment if e.id == "BED-01")
    assert (beds.old_quantity, beds.new_quantity) == (8, 10)


def test_identical_layouts_have_no_difference():
    d = diff(loads(SMALL_LAYOUT), loads(SMALL_LAYOUT))
    assert not d.layout_changed and d.equipment == []
    assert d.findings_fixed == d.findings_new == []
    assert "The layouts are identical." in render(d, "en")
    assert "Les plans sont identiques." in render(d, "fr")


def test_french_text_reads_in_french():
    text = render(_diff(equipment=False), "fr")
    assert "Différences de r1 à r2" in text
    assert "hommes\u202f: 8 → 10" in text
    assert "~ D1 Dortoir 1\u202f: lits 4 → 6" in text
    assert "~ D2 Dortoir 2\u202f: surface (m²) 20 → 25" in text
    assert "+ M Soins  (ajoutée)" in text
    assert "Constats\u202f: 1 corrigé, 2 nouveaux, 3 toujours ouverts" in text
    assert "[majeur]" in text and "[major]" not in text
