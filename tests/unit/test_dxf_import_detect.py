"""DXF import of drawings drawn by other people: arrays, rooms from walls, labels on any layer, units
the drawing suggests, several drawings in one model space. Plans built by hand with ezdxf, worked out
by hand (millimetres unless said)."""
from __future__ import annotations

from pathlib import Path

import ezdxf
import pytest
from shapely.geometry import Polygon

from centreplan.layouts.dxf_import import import_dxf


def save(doc, tmp_path: Path, name: str = "plan.dxf") -> Path:
    p = tmp_path / name
    doc.saveas(p)
    return p


def new_doc(insunits: int | None = 4):
    doc = ezdxf.new("R2013")
    if insunits is None:
        doc.header.remove("$INSUNITS") if "$INSUNITS" in doc.header else None
    else:
        doc.header["$INSUNITS"] = insunits
    return doc


def area(room) -> float:
    return Polygon(room.polygon).area


# ---- issue 11, point 10: MINSERT arrays ------------------------------------------------------------

def test_regression_minsert_array_imports_every_copy_not_only_the_first(tmp_path):
    """A row of three identical rooms drawn as one MINSERT (3 columns, 5 m apart) came in as one room."""
    doc = new_doc()
    blk = doc.blocks.new("CELL")
    blk.add_lwpolyline([(0, 0), (4000, 0), (4000, 3000), (0, 3000)], close=True, dxfattribs={"layer": "PIECES"})
    blk.add_text("CHAMBRE", dxfattribs={"layer": "TEXTES", "height": 200, "insert": (500, 1500)})
    ins = doc.modelspace().add_blockref("CELL", (0, 0), dxfattribs={"layer": "0"})
    ins.grid(size=(1, 3), spacing=(0, 5000))  # rows, columns; row spacing, column spacing
    res = import_dxf(save(doc, tmp_path), max_wall=0)
    xs = sorted(min(x for x, _ in r.polygon) for r in res.centre.rooms)
    assert xs == [0.0, 5.0, 10.0]
    assert all(abs(area(r) - 12.0) < 1e-6 for r in res.centre.rooms)


def test_minsert_array_too_large_is_reported_not_expanded(tmp_path):
    doc = new_doc()
    blk = doc.blocks.new("TILE")
    blk.add_lwpolyline([(0, 0), (300, 0), (300, 300), (0, 300)], close=True, dxfattribs={"layer": "PIECES"})
    ins = doc.modelspace().add_blockref("TILE", (0, 0))
    ins.grid(size=(200, 200), spacing=(300, 300))  # 40,000 copies of a floor tile
    res = import_dxf(save(doc, tmp_path), max_wall=0)
    items = res.report.of_kind("array")
    assert len(items) == 1 and "40000 copies" in items[0].message.replace(",", "").replace("\u202f", "")
    assert len(res.centre.rooms) == 1  # the first copy only, said in the report


# ---- rooms from walls -------------------------------------------------------------------------------
#
#   y 5000 +----------------------+----------------------+
#          |                      |                      |
#          |   BUREAU  (4 × 5 m)  |   CUISINE (4 × 5 m)  |
#          |                      )  door gap 1000..1900 |
#          |                      |  swing: hinge (4000, 1000), r 900
#        0 +----------------------+----------------------+
#          0                    4000                   8000

def walls_plan(doc, wall_layer: str = "MURS", label_layer: str = "TEXTES", labels=(("BUREAU", (1500, 2500)),
               ("CUISINE", (5500, 2500))), x0: float = 0.0):
    msp = doc.modelspace()
    for a, b in [((0, 0), (8000, 0)), ((8000, 0), (8000, 5000)), ((8000, 5000), (0, 5000)), ((0, 5000), (0, 0)),
                 ((4000, 0), (4000, 1000)), ((4000, 1900), (4000, 5000))]:
        msp.add_line((a[0] + x0, a[1]), (b[0] + x0, b[1]), dxfattribs={"layer": wall_layer})
    msp.add_arc((4000 + x0, 1000), 900, 0, 90, dxfattribs={"layer": "PORTES"})
    for text, (x, y) in labels:
        msp.add_text(text, dxfattribs={"layer": label_layer, "height": 250, "insert": (x + x0, y)})
    return doc


def test_walls_only_plan_gives_rooms_with_their_labels_and_the_door(tmp_path):
    res = import_dxf(save(walls_plan(new_doc()), tmp_path))
    rooms = {r.name: r for r in res.centre.rooms}
    assert set(rooms) == {"BUREAU", "CUISINE"}
    assert area(rooms["BUREAU"]) == pytest.approx(20.0) and area(rooms["CUISINE"]) == pytest.approx(20.0)
    assert (rooms["BUREAU"].use, rooms["CUISINE"].use) == ("office", "kitchen")
    assert all("detected from the walls" in r.notes for r in rooms.values())
    [door] = res.centre.doors
    assert set(door.between) == {rooms["BUREAU"].id, rooms["CUISINE"].id} and door.width == pytest.approx(0.9)
    [detected] = res.report.of_kind("detected")
    assert "2 room(s)" in detected.message and "1 door swing" in detected.message


def test_labels_on_a_layer_the_mapping_does_not_know_name_the_rooms(tmp_path):
    res = import_dxf(save(walls_plan(new_doc(), wall_layer="0", label_layer="ANNOT_2"), tmp_path))
    assert sorted(r.name for r in res.centre.rooms) == ["BUREAU", "CUISINE"]


def test_a_label_written_from_the_wall_belongs_to_the_room_it_is_written_in(tmp_path):
    # the text starts 5 cm left of the partition (its insertion point is in the office) but is written
    # across the kitchen: 17 characters × 0.25 m high, its box's middle is about x = 5.1 m
    doc = walls_plan(new_doc(), labels=(("BUREAU", (1500, 2500)), ("CUISINE ET PLONGE", (3950, 3500))))
    res = import_dxf(save(doc, tmp_path))
    kitchen = next(r for r in res.centre.rooms if r.use == "kitchen")
    assert min(x for x, _ in kitchen.polygon) == pytest.approx(4.0)
    assert kitchen.name == "CUISINE ET PLONGE"


def test_a_space_with_two_labels_is_shared_between_them_and_reported(tmp_path):
    """A 6 × 4 m space holding BUREAU (centred at x = 1.5 m) and ACCUEIL (centred at x = 4.5 m) and no line
    between them: two rooms split halfway between the labels, at x = 3 m, 12 m² each."""
    from ezdxf.enums import TextEntityAlignment

    doc = new_doc()
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (6000, 0), (6000, 4000), (0, 4000)], close=True, dxfattribs={"layer": "MURS"})
    for text, x in (("BUREAU", 1500), ("ACCUEIL", 4500)):
        msp.add_text(text, dxfattribs={"layer": "TEXTES", "height": 250}).set_placement(
            (x, 2000), align=TextEntityAlignment.MIDDLE_CENTER)
    res = import_dxf(save(doc, tmp_path))
    rooms = {r.name: r for r in res.centre.rooms}
    assert set(rooms) == {"BUREAU", "ACCUEIL"}
    assert area(rooms["BUREAU"]) == pytest.approx(12.0, abs=0.01)
    assert area(rooms["ACCUEIL"]) == pytest.approx(12.0, abs=0.01)
    assert max(x for x, _ in rooms["BUREAU"].polygon) == pytest.approx(3.0, abs=0.01)
    assert all("check where it ends" in (r.notes or "") for r in rooms.values())
    [two] = res.report.of_kind("two_labels")
    assert "'BUREAU'" in two.message and "'ACCUEIL'" in two.message and "nearest distance into 2 rooms" in two.message


def test_a_corridor_round_a_drawn_room_is_imported_without_a_hole(tmp_path):
    """Walls of a 10 × 6 m block around a drawn 4 × 2 m office (outline on PIECES) in its middle; the
    label COULOIR sits in the space round it: the corridor comes in as one simple polygon of
    60 − 8 = 52 m², less the 1 cm cut that joins the hole to the outline (the hole's top at y = 4 m,
    the outline at y = 6 m: 0.02 m²)."""
    doc = new_doc()
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (10000, 0), (10000, 6000), (0, 6000)], close=True, dxfattribs={"layer": "MURS"})
    msp.add_lwpolyline([(3000, 2000), (7000, 2000), (7000, 4000), (3000, 4000)], close=True,
                       dxfattribs={"layer": "PIECES"})
    msp.add_text("BUREAU", dxfattribs={"layer": "TEXTES", "height": 200, "insert": (3500, 3000)})
    msp.add_text("COULOIR", dxfattribs={"layer": "TEXTES", "height": 200, "insert": (500, 500)})
    res = import_dxf(save(doc, tmp_path), max_wall=0)
    rooms = {r.name: r for r in res.centre.rooms}
    assert set(rooms) == {"BUREAU", "COULOIR"}
    corridor = Polygon(rooms["COULOIR"].polygon)
    assert corridor.is_valid and not corridor.interiors
    assert corridor.area == pytest.approx(52.0 - 0.02, abs=0.005)
    assert any("cut joins" in i.message for i in res.report.of_kind("walls"))


def test_a_label_in_no_space_is_reported(tmp_path):
    doc = walls_plan(new_doc(), labels=(("BUREAU", (1500, 2500)), ("CUISINE", (5500, 2500)),
                                        ("JARDIN", (12000, 2500))))
    res = import_dxf(save(doc, tmp_path))
    assert len(res.centre.rooms) == 2
    [out] = res.report.of_kind("text_outside")
    assert "'JARDIN'" in out.message and "no wall line encloses it" in out.message and out.at == (12.0, 2.5)


def test_millimetre_drawing_with_an_inch_header_is_read_in_millimetres(tmp_path):
    # 8 m × 5 m in mm; read in inches it would be 203 m across with door swings 22.9 m wide
    doc = walls_plan(new_doc(insunits=1))
    for k in range(10):  # a few more lines so that the plan's size is measured (hatching of a wall)
        doc.modelspace().add_line((k * 800, 5000), (k * 800 + 100, 5100), dxfattribs={"layer": "MURS"})
    res = import_dxf(save(doc, tmp_path))
    assert (res.report.units, res.report.units_from) == ("mm", "drawing")
    [units] = res.report.of_kind("units")
    assert "the file says inches" in units.message and "--units in" in units.message
    assert sorted(round(area(r), 6) for r in res.centre.rooms) == [20.0, 20.0]
    # the user's word wins
    assert import_dxf(save(doc, tmp_path), units="in").report.units == "in"


def test_the_labelled_plan_is_imported_and_the_other_drawing_reported(tmp_path):
    doc = walls_plan(new_doc())
    msp = doc.modelspace()
    for k in range(3):  # an elevation 30 m to the right: three window frames, no labels, no doors
        x = 30000 + k * 3000
        msp.add_lwpolyline([(x, 0), (x + 2000, 0), (x + 2000, 1500), (x, 1500)], close=True)
    res = import_dxf(save(doc, tmp_path))
    assert sorted(r.name for r in res.centre.rooms) == ["BUREAU", "CUISINE"]
    [clusters] = res.report.of_kind("clusters")
    assert "4 separate drawings" in clusters.message and "--region" in clusters.message
    assert "imported the plan at x 0…8, y 0…5 m" in clusters.message
    other = import_dxf(save(doc, tmp_path), region=(25.0, -1.0, 40.0, 5.0))
    assert len(other.centre.rooms) == 3 and all(area(r) == pytest.approx(3.0) for r in other.centre.rooms)


def test_placeholder_texts_are_not_room_names(tmp_path):
    doc = walls_plan(new_doc(), labels=(("ID_PIECE", (1500, 2500)), ("ID_PIECE", (5500, 2500)),
                                        ("ID_PIECE", (5500, 1500))))
    res = import_dxf(save(doc, tmp_path))
    assert [r.name for r in res.centre.rooms] == [None, None]
    [ph] = res.report.of_kind("placeholder")
    assert "'ID_PIECE' is written 3 times" in ph.message


def test_room_numbers_become_ids(tmp_path):
    doc = walls_plan(new_doc(), labels=(("01", (1500, 2500)), ("A-12", (5500, 2500))))
    res = import_dxf(save(doc, tmp_path))
    assert sorted(r.id for r in res.centre.rooms) == ["01", "A-12"]


# ---- the command: honest exit codes, a report that can always be written ------------------------------

def test_regression_a_plan_with_no_room_exits_1_with_what_to_try_and_writes_no_layout(tmp_path, capsys):
    """A plan that gave 0 rooms exited 0 with an empty layout."""
    from centreplan.planner.cli import main

    doc = new_doc()
    doc.modelspace().add_line((0, 0), (5000, 0), dxfattribs={"layer": "XREF-SITE"})
    out = tmp_path / "layout.yaml"
    assert main(["import", str(save(doc, tmp_path)), "-o", str(out)]) == 1
    assert not out.exists()
    text = capsys.readouterr().out
    assert "NO ROOM WAS IMPORTED. What to try:" in text and "XREF-SITE" in text and "was not written" in text


def test_regression_shift_jis_layer_names_without_a_code_page_do_not_crash_the_report(tmp_path, capsys):
    """Layer names in Shift-JIS in a file that does not declare its code page crashed the report."""
    from centreplan.planner.cli import main
    from tests.unit.test_dxf_import import r12_file, r12_polyline, r12_text, rect

    # 基準線 ("reference lines") holds bytes 0x8F and 0x90, which no Windows-1252 character has
    ents = (r12_polyline(rect(0, 0, 4000, 3000), layer="基準線") + r12_text(500, 1500, "和室", layer="文字")
            + r12_polyline(rect(4000, 0, 8000, 3000), layer="基準線") + r12_text(4500, 1500, "台所", layer="文字"))
    plan = tmp_path / "sjis.dxf"
    plan.write_bytes(r12_file(ents, insunits=None).encode("shift_jis"))
    out, rep = tmp_path / "layout.yaml", tmp_path / "report.txt"
    assert main(["import", str(plan), "-o", str(out), "--report", str(rep), "--max-wall", "0"]) == 0
    text = rep.read_text(encoding="utf-8")
    assert "基準線" in text and "文字" in text  # the layer names as written, in the report
    assert "基準線" in capsys.readouterr().out
    assert main(["import", str(plan), "-o", str(out), "--report", str(tmp_path / "r.json")]) == 0


def test_cli_region_chooses_the_drawing(tmp_path, capsys):
    from centreplan.layouts.io import load_layout
    from centreplan.planner.cli import main

    doc = walls_plan(new_doc())
    walls_plan(doc, labels=(("DORTOIR", (1500, 2500)), ("DOUCHES", (5500, 2500))), x0=20000)
    plan, out = save(doc, tmp_path), tmp_path / "l.yaml"
    assert main(["import", str(plan), "-o", str(out), "--region", "19,-1,29,6"]) == 0
    assert sorted(r.name for r in load_layout(out).rooms) == ["DORTOIR", "DOUCHES"]
    assert main(["import", str(plan), "-o", str(out), "--region", "19;-1"]) == 2
    assert "--region" in capsys.readouterr().err


def test_an_external_reference_is_reported_by_name_and_path_and_not_followed(tmp_path):
    """A plan that points to the site plan in another file (an xref, BLOCK flag 4): the import names
    it, its path and that the file is not beside the drawing, and reads none of it."""
    doc = walls_plan(new_doc(), labels=(("BUREAU", (1500, 2500)), ("CUISINE", (5500, 2500))))
    doc.blocks.new("PLAN_MASSE", dxfattribs={"flags": 4, "xref_path": "site\\plan_masse.dwg"})
    doc.modelspace().add_blockref("PLAN_MASSE", (0, 0))
    res = import_dxf(save(doc, tmp_path))
    assert len(res.centre.rooms) == 2
    [x] = res.report.of_kind("xref")
    assert "'PLAN_MASSE'" in x.message and "'site\\\\plan_masse.dwg'" in x.message
    assert "not found beside this drawing" in x.message and "inserted 1 time(s)" in x.message
    assert "external reference" in res.report.text()


# ---- a kitchen bay open on a hall, lined with a U of worktops ---------------------------------------
#
#   y 4000 +------------------------------------------------------+
#          |  HALL                                                 |
#     2500 +----------------------+--+ . . . . . +--+-------------+   opening 4600..6400 (1.8 m)
#          |                      |  |  CUISINE  |  |             |
#          |  BUREAU (4 × 2.5 m)  |  +-----------+  | STOCKAGE    |   worktops: a closed outline on a
#          |                      |   worktops      | (3 × 2.5 m) |   layer of its own, 0.6 m deep (y 0..600,
#        0 +----------------------+-----------------+-------------+   x 4000..4600 and 6400..7000)
#   (the layer Hatches is none the mapping knows; MOBILIER would be ignored as furniture)
#          0                    4000              7000          10000

def kitchen_bay_plan(doc, worktops: bool = True):
    msp = doc.modelspace()
    for a, b in [((0, 0), (10000, 0)), ((10000, 0), (10000, 4000)), ((10000, 4000), (0, 4000)), ((0, 4000), (0, 0)),
                 ((0, 2500), (4600, 2500)), ((6400, 2500), (10000, 2500)), ((4000, 0), (4000, 2500)),
                 ((7000, 0), (7000, 2500))]:
        msp.add_line(a, b, dxfattribs={"layer": "0"})
    if worktops:
        msp.add_lwpolyline([(4000, 0), (7000, 0), (7000, 2500), (6400, 2500), (6400, 600), (4600, 600),
                            (4600, 2500), (4000, 2500)], close=True, dxfattribs={"layer": "Hatches"})
    for text, at in (("HALL", (1000, 3200)), ("CUISINE", (5000, 1200)), ("BUREAU", (1000, 1200)),
                     ("STOCKAGE", (8000, 1200))):
        msp.add_text(text, dxfattribs={"layer": "0", "height": 200, "insert": at})
    return doc


def test_a_kitchen_bay_open_on_a_hall_is_closed_along_its_walls_line_and_keeps_its_worktops(tmp_path):
    """The bay's side walls stop at y = 2.5 m, where the walls of the rooms beside it run on: the kitchen is
    3 × 2.5 m = 7.5 m² (the U of worktops, 7.5 − 1.8 × 1.9 = 4.08 m², is its floor, not a room), the hall
    10 × 1.5 m = 15 m²; before, the hall and the kitchen's middle were one space shared by distance and
    the worktops a room of their own."""
    res = import_dxf(save(kitchen_bay_plan(new_doc()), tmp_path))
    rooms = {r.name: r for r in res.centre.rooms}
    assert set(rooms) == {"HALL", "CUISINE", "BUREAU", "STOCKAGE"}
    assert area(rooms["CUISINE"]) == pytest.approx(7.5, abs=0.01)
    assert Polygon(rooms["CUISINE"].polygon).bounds == pytest.approx((4.0, 0.0, 7.0, 2.5), abs=0.01)
    assert area(rooms["HALL"]) == pytest.approx(15.0, abs=0.01)
    assert area(rooms["BUREAU"]) == pytest.approx(10.0, abs=0.01)
    assert area(rooms["STOCKAGE"]) == pytest.approx(7.5, abs=0.01)
    assert "closed across an opening" in rooms["CUISINE"].notes
    [two] = res.report.of_kind("two_labels")
    assert "across 1 opening(s) (1.80 m wide)" in two.message
    assert any("Hatches" in i.message and "4.08 m²" in i.message for i in res.report.of_kind("walls"))


def test_without_worktops_the_bay_is_still_closed_along_its_walls_line(tmp_path):
    res = import_dxf(save(kitchen_bay_plan(new_doc(), worktops=False), tmp_path))
    rooms = {r.name: r for r in res.centre.rooms}
    # the walls' stubs over the bay (x 4000..4600, 6400..7000) lead nowhere: the opening is the bay's whole
    # width (4000..7000), a cut 3 m long
    assert area(rooms["CUISINE"]) == pytest.approx(7.5, abs=0.01)
    assert area(rooms["HALL"]) == pytest.approx(15.0, abs=0.01)


def test_a_room_drawn_as_a_closed_outline_wider_than_a_bench_stays_a_room(tmp_path):
    """A 1.2 × 2 m closed outline on a layer of no known role, with no text (a store a person drew as an
    outline): wider than 0.8 m, so not a worktop; it stays a room."""
    doc = new_doc()
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (6000, 0), (6000, 4000), (0, 4000)], close=True, dxfattribs={"layer": "0"})
    msp.add_lwpolyline([(0, 0), (1200, 0), (1200, 2000), (0, 2000)], close=True, dxfattribs={"layer": "Hatches"})
    msp.add_text("ATELIER", dxfattribs={"layer": "0", "height": 200, "insert": (3000, 2000)})
    res = import_dxf(save(doc, tmp_path))
    assert sorted(round(area(r), 2) for r in res.centre.rooms) == [2.4, 21.6]


# ---- closets behind bare openings, walls drawn with both faces (12 cm) -------------------------------
#
#   y 3720 +--------------------------------------+   closet A: 4 × 0.6 m behind an opening 1.4 m wide
#          |  closet A                            |   between the jambs of the partition (x 800..2200)
#     3120 +------+              +----------------+
#     3000 +------+   opening    +----------------+
#          |        bedroom                        |
#     2000 |            +--+       +--+            |   closet B: 0.88 × 2 m between two side walls that
#          |            |  | closet|  |            |   end on one line (y 2000), its front not drawn
#        0 +------------+--+-------+--+------------+
#          0          2000 2120  3000 3120       4000

def closets_plan(doc):
    from shapely.geometry import box
    from shapely.ops import unary_union

    walls = unary_union([box(-120, -120, 4120, 3840).difference(box(0, 0, 4000, 3720)),
                         box(0, 3000, 800, 3120), box(2200, 3000, 4000, 3120),
                         box(2000, 0, 2120, 2000), box(3000, 0, 3120, 2000)])
    msp = doc.modelspace()
    for ring in [walls.exterior, *walls.interiors]:
        msp.add_lwpolyline(list(ring.coords)[:-1], close=True, dxfattribs={"layer": "MURS"})
    return doc


def test_closets_behind_bare_openings_are_rooms_of_their_own(tmp_path):
    """Closet A opens 1.4 m between jambs (wider than a door: bifold doors), closet B has no front drawn
    between the ends of its side walls (0.88 m): both closed, so the bedroom is 12 − 2 × 0.12 × 2 − 1.76
    = 9.76 m², closet A 2.4 m², closet B 1.76 m². Before, the closets were part of the bedroom (14.16 m²)."""
    import re

    res = import_dxf(save(closets_plan(new_doc()), tmp_path), max_wall=0.2)
    # the rooms as found, before they are grown to the centre lines of their 12 cm walls
    net = sorted(float(re.search(r"drawn \(net\) area ([\d.]+)", r.notes).group(1)) for r in res.centre.rooms)
    assert net == [1.76, 2.4, 9.76]


def test_a_shelf_line_on_the_wall_layer_of_a_double_line_plan_is_not_a_wall(tmp_path):
    """A 4 × 3 m room whose walls (12 cm) are drawn with both faces, and a single line across it at y = 2.4 m
    on the same layer (a shelf's edge): a wall has two faces, so the line is no wall and the room is one
    12 m² room, not 9.6 + 2.4 m²."""
    from shapely.geometry import box

    doc = new_doc()
    msp = doc.modelspace()
    ring = box(-120, -120, 4120, 3120).difference(box(0, 0, 4000, 3000))
    for r in (ring.exterior, *ring.interiors):
        msp.add_lwpolyline(list(r.coords)[:-1], close=True, dxfattribs={"layer": "MURS"})
    msp.add_line((0, 2400), (4000, 2400), dxfattribs={"layer": "MURS"})
    res = import_dxf(save(doc, tmp_path), max_wall=0.2)
    [room] = res.centre.rooms
    assert area(room) == pytest.approx(12.0)


def test_in_a_single_line_plan_every_line_stays_a_wall(tmp_path):
    """The same room drawn with single lines (its walls' centre lines): the line across it is a partition."""
    doc = new_doc()
    msp = doc.modelspace()
    msp.add_lwpolyline([(0, 0), (4000, 0), (4000, 3000), (0, 3000)], close=True, dxfattribs={"layer": "MURS"})
    msp.add_line((0, 2400), (4000, 2400), dxfattribs={"layer": "MURS"})
    res = import_dxf(save(doc, tmp_path), max_wall=0.2)
    assert sorted(round(area(r), 2) for r in res.centre.rooms) == [2.4, 9.6]


def test_an_outer_wall_drawn_with_its_inner_face_only_stays_a_wall(tmp_path):
    """Nine 3 × 3 m rooms in a grid, each drawn as its inner faces 0.2 m from its neighbours' (two thirds of
    the lines have a second face: a plan drawn with both faces, whose outer walls have their inner face
    only), and a shelf line across the corner room at y = 2 m: the outer lines run on the building's
    outline and stay walls (nine rooms of 9 m²), the shelf does not (the corner room is not 6 + 3 m²)."""
    import re

    doc = new_doc()
    msp = doc.modelspace()
    for i in range(3):
        for j in range(3):
            x0, y0 = 3200 * i, 3200 * j
            msp.add_lwpolyline([(x0, y0), (x0 + 3000, y0), (x0 + 3000, y0 + 3000), (x0, y0 + 3000)], close=True,
                               dxfattribs={"layer": "MURS"})
    msp.add_line((0, 2000), (3000, 2000), dxfattribs={"layer": "MURS"})
    res = import_dxf(save(doc, tmp_path), max_wall=0.3)
    net = [float(re.search(r"drawn \(net\) area ([\d.]+)", r.notes).group(1)) for r in res.centre.rooms]
    assert sorted(net) == [9.0] * 9
