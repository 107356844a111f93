"""The eight real plans of ../shared/samples/real_dxf/ (never copied into the project; skipped when
absent): each imports without a crash, and the rooms found are recorded against what a person sees
(bench/dxf_import_real.py prints the table with times)."""
from __future__ import annotations

import pytest

from bench.dxf_import_real import REAL, details, expectations, measure, table

EXPECTED = expectations(REAL) if (REAL / "expectations.md").is_file() else {}
pytestmark = pytest.mark.skipif(not EXPECTED, reason=f"real plans not found in {REAL}")
ROWS: dict = {}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_plan_imports_rooms_without_a_crash(name):
    m = measure(REAL / name, EXPECTED[name])
    ROWS[name] = m
    assert m.error is None, m.error
    assert m.found >= 1  # never an empty layout
    print(table([m]))


def test_shift_jis_plan_report_is_readable_utf8():
    from centreplan.layouts.dxf_import import import_dxf

    res = import_dxf(REAL / "jp_house_r12_sjis_mm.dxf")
    text = res.report.text()
    text.encode("utf-8")  # no lone surrogates left
    assert "基準線" in text or "基準線" in str(res.report.unknown_layers)


def _rows() -> dict:
    return {n: ROWS.get(n) or ROWS.setdefault(n, measure(REAL / n, e)) for n, e in sorted(EXPECTED.items())}


# the floors measured on this branch (bench/dxf_import_real.py): rooms found (capped per file), false
# rooms at most, and rooms whose area is within 2 % of a reference measured apart from the detector
FLOORS = {"found": 171, "false": 11, "labelled": 144, "areas_within": {"dk_hackerspace_lines_cm.dxf": 11,
                                                                       "uk_house_extension_mm.dxf": 7}}


def test_found_labelled_and_false_rooms_over_the_set_as_measured():
    """What this importer finds over the set, against the goal of issue 14 (75 % of the 178 rooms a person
    sees, 80 % of the 144 labelled rooms given their label), and the false rooms it adds."""
    rows = list(_rows().values())
    print(table(rows))
    seen = sum(m.expected.rooms for m in rows)
    found = sum(min(m.found, m.expected.rooms) for m in rows)
    labelled = sum(min(m.labelled, m.expected.labelled) for m in rows)
    assert found / seen >= 0.75 and found >= FLOORS["found"]
    assert labelled / sum(m.expected.labelled for m in rows) >= 0.80 and labelled >= FLOORS["labelled"]
    assert sum(m.false_rooms for m in rows) <= FLOORS["false"]


def test_room_areas_against_references_measured_apart_from_the_detector():
    """Rooms measured by hand off the hackerspace's wall lines, and the UK house's own room outlines
    against the rooms built from its walls alone (the outlines withheld): how many are within 2 %."""
    rows = _rows()
    print(details(list(rows.values())))
    for name, floor in FLOORS["areas_within"].items():
        if name in rows:
            assert rows[name].areas_within >= floor, (name, [(a.name, a.error) for a in rows[name].areas])
            # every room off by more than 2 % (or not found) comes with why, read off the drawing
            off = [a for a in rows[name].areas if a.error is None or abs(a.error) > 0.02]
            assert all(a.why for a in off), [a.name for a in off if not a.why]


@pytest.mark.skipif("dk_hackerspace_lines_cm.dxf" not in EXPECTED, reason="plan absent")
def test_every_area_text_of_the_hackerspace_is_explained():
    """The six areas written in the hackerspace (60, 30, 25, 4.5, 10 and 10 m²), each worked out by hand
    from the coordinates of its walls: four are rounded or net of walls the single lines do not draw
    (within the figure's rounding once 5 cm is taken off each side), the kitchen is the 9.90 m² bay with
    its worktops, and the store's 30 m² is not the area of the 8.2 m² room it is written in."""
    m = _rows()["dk_hackerspace_lines_cm.dxf"]
    texts = {a.name: a for a in m.texts}
    assert {n: a.stated for n, a in texts.items()} == {"Fællesrum": 60, "Lager": 30, "Værksted": 25,
                                                       "Kemilab": 4.5, "Køkken": 10, "Metalværksted": 10}
    assert all(a.why for a in texts.values())
    assert texts["Lager"].reference == pytest.approx(3.18 * 1.98 + 1.81 * 1.06)  # 8.22 m², not 30
    assert texts["Køkken"].reference == pytest.approx(3.99 * 2.48)
    lager = texts["Lager"]
    assert lager.found is not None and abs(lager.error) <= 0.02  # the room is found right; its text is not its area


def _rooms(name: str):
    from centreplan.layouts.dxf_import import import_dxf

    return import_dxf(REAL / name).centre.rooms


@pytest.mark.skipif("fr_university_zones_cm.dxf" not in EXPECTED, reason="plan absent")
def test_regression_fr_corridors_and_stairs_without_zone_become_rooms():
    """The university's corridors, stairs and most sanitaires have a label but no zone: they lie in the
    space between the 60 zones and the façade outline (a space with the zones as holes, holding 41
    labels), which gave no room. Read by eye (expectations.md): 60 zones + 36 labelled spaces without
    one = 96 rooms; 'Gaine technique', 'Palier', 'GT' and 'Asc' are written there too, so up to 104."""
    rooms = _rooms("fr_university_zones_cm.dxf")
    names = {" ".join((r.name or r.id).split()) for r in rooms}
    assert 96 <= len(rooms) <= 104
    for seen in ("ESCALIER A1", "ESCALIER A2", "ESCALIER A3", "ESCALIER B1", "ESCALIER B2", "ESCALIER C",
                 "ESCALIER D", "ESCALIER F", "DEGAGEMENT A-D", "DEGAGEMENT B-D", "Hall"):
        assert seen in names
    assert "ID_ZONE" not in {r.id for r in rooms}  # a placeholder written once is not a name either
    for r in rooms:
        from shapely.geometry import Polygon

        assert Polygon(r.polygon).is_valid or r.id in ("F000", "A010")  # two zones drawn self-crossing


@pytest.mark.skipif("dk_hackerspace_lines_cm.dxf" not in EXPECTED, reason="plan absent")
def test_regression_dk_limbo_and_kitchen_are_two_rooms_not_one():
    """No line separates Limbo from Køkken (kitchen, '10 m2'): they came in as one room with two labels.
    The kitchen is the 3.99 × 2.48 m bay (9.90 m²) whose walls stop where the hall begins, lined with a
    U of worktops drawn as a closed outline: cut along the line of its walls and given its worktops' floor,
    it measures 9.90 m² (it was 12.86 m² shared by distance, and the worktops a 4.82 m² room); the
    metal workshop keeps its bench (10.51 m², was 7.28 m² and a 3.23 m² room). The 12 labels each name one
    room; the unlabelled hall is open to Limbo and comes with it (13 rooms a person sees)."""
    rooms = _rooms("dk_hackerspace_lines_cm.dxf")
    by_name = {" ".join((r.name or "").split()): r for r in rooms}
    assert "Limbo" in by_name and "Køkken 10 m2" in by_name
    assert sum(1 for r in rooms if r.name) == 12 and len(rooms) == 12
    from shapely.geometry import Polygon

    assert Polygon(by_name["Køkken 10 m2"].polygon).area == pytest.approx(3.99 * 2.48, abs=0.02)
    assert Polygon(by_name["Metalværksted 10 m2"].polygon).area == pytest.approx(4.27 * 2.48, rel=0.02)


@pytest.mark.skipif("us_apartment_inches.dxf" not in EXPECTED, reason="plan absent")
def test_regression_us_closets_behind_bare_openings_are_found():
    """The apartment's closets have no doors drawn: the bedroom closet opens 1.41 m between the jambs of
    its wall (x -9.71..-8.31 m, wider than the 1.25 m door gap), the hall closet has no front between the
    ends of its side walls (x -7.33..-6.42 m at y 0.3 m). Both came in as part of the bedroom and the hall
    (6 rooms); read by eye: 2 bedrooms, bathroom, hall, living/kitchen and 3 to 4 closets."""
    from shapely.geometry import Point, Polygon

    rooms = [Polygon(r.polygon) for r in _rooms("us_apartment_inches.dxf")]
    assert len(rooms) == 8
    for x, y, m2 in ((-8.94, 1.58, 1.30), (-6.88, -0.77, 1.94)):
        [closet] = [p for p in rooms if p.contains(Point(x, y))]
        assert closet.area == pytest.approx(m2, abs=0.5)  # grown to its walls' centre lines
