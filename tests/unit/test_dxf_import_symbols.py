"""DXF import: door blocks and arcs, windows, room-tag blocks, hatches, bulges, plans inside blocks.

These drawings are written with ezdxf (R2010, metres) in the shapes other CAD programs use: unit door
blocks scaled to the door's width, blocks without an arc, attribute room tags, a plan inserted as a
block. Two rooms share the wall x = 5 in every plan:  A = [0, 5] × [0, 4] m, B = [5, 9] × [0, 4] m.
"""
from __future__ import annotations

import math

import ezdxf
import pytest

from centreplan.layouts.dxf_import import import_dxf, mapping_from_text


def two_rooms(msp, layer="PIECES"):
    msp.add_lwpolyline([(0, 0), (5, 0), (5, 4), (0, 4)], close=True, dxfattribs={"layer": layer})
    msp.add_lwpolyline([(5, 0), (9, 0), (9, 4), (5, 4)], close=True, dxfattribs={"layer": layer})
    msp.add_text("DORTOIR HOMMES 4 LITS", dxfattribs={"layer": "TEXTES", "insert": (1, 2), "height": 0.2})
    msp.add_text("BUREAU", dxfattribs={"layer": "TEXTES", "insert": (6, 2), "height": 0.2})


def new_doc():
    doc = ezdxf.new("R2010", units=6)
    return doc, doc.modelspace()


def ids_by_name(centre):
    return {r.name: r.id for r in centre.rooms}


def test_unit_door_block_scaled_to_its_width_on_the_shared_wall(tmp_path):
    doc, msp = new_doc()
    two_rooms(msp)
    block = doc.blocks.new("PORTE_90")  # a unit door: leaf and swing of radius 1, hinge at the origin
    block.add_line((0, 0), (0, 1))
    block.add_arc((0, 0), 1, 0, 90)
    # hinge at (5, 1), rotated 90°: the swing goes from (5, 1.9) (closed, on the wall) into room A
    msp.add_blockref("PORTE_90", (5, 1), dxfattribs={"xscale": 0.9, "yscale": 0.9, "rotation": 90, "layer": "0"})
    doc.saveas(tmp_path / "p.dxf")
    result = import_dxf(tmp_path / "p.dxf")
    [door] = result.centre.doors
    ids = ids_by_name(result.centre)
    assert set(door.between) == {ids["DORTOIR HOMMES 4 LITS"], ids["BUREAU"]}
    # width = radius 1 × scale 0.9; the opening's middle is halfway from the hinge (5, 1) to (5, 1.9)
    assert door.width == pytest.approx(0.9) and door.at == pytest.approx((5.0, 1.45))


def test_door_block_without_arc_takes_its_extent_as_width(tmp_path):
    doc, msp = new_doc()
    two_rooms(msp)
    block = doc.blocks.new("DOOR-SLIDING")  # a 0.8 m leaf drawn as a thin rectangle, centred
    block.add_lwpolyline([(-0.4, -0.02), (0.4, -0.02), (0.4, 0.02), (-0.4, 0.02)], close=True)
    msp.add_blockref("DOOR-SLIDING", (5, 3), dxfattribs={"rotation": 90, "layer": "A-DOOR"})
    doc.saveas(tmp_path / "p.dxf")
    [door] = import_dxf(tmp_path / "p.dxf").centre.doors
    assert door.width == pytest.approx(0.8) and door.at == pytest.approx((5.0, 3.0))


def test_arc_far_from_every_wall_is_reported_not_placed(tmp_path):
    doc, msp = new_doc()
    two_rooms(msp)
    msp.add_arc((20, 20), 0.9, 0, 90, dxfattribs={"layer": "PORTES"})
    msp.add_arc((2, 2), 0.1, 0, 90, dxfattribs={"layer": "PORTES"})  # too small for a door
    doc.saveas(tmp_path / "p.dxf")
    result = import_dxf(tmp_path / "p.dxf")
    assert result.centre.doors == []
    [item] = result.report.of_kind("door")
    assert "not placed" in item.message and item.handle
    assert any("not a door swing" in k for k in result.report.ignored)


def test_windows_are_merged_attached_and_need_a_height(tmp_path):
    doc, msp = new_doc()
    two_rooms(msp)
    for dy in (-0.05, 0.0, 0.05):  # a 1.2 m window drawn as three lines across the south wall of A
        msp.add_line((1.9, dy), (3.1, dy), dxfattribs={"layer": "FENETRES"})
    doc.saveas(tmp_path / "p.dxf")
    result = import_dxf(tmp_path / "p.dxf")
    room = next(r for r in result.centre.rooms if r.use == "dormitory")
    assert room.windows is None  # a plan has no window heights
    assert "windows in the drawing: 1.20 m wide" in room.notes
    assert result.report.windows_found == 1
    # a mapping that gives a window height adds them
    mapping = mapping_from_text("window_height: 1.0\nlayers:\n  - {pattern: PIECES, role: room}\n"
                                "  - {pattern: TEXTES, role: label}\n  - {pattern: FENETRES, role: window}\n"
                                "uses: {dormitory: [DORTOIR], office: [BUREAU]}\n")
    room = next(r for r in import_dxf(tmp_path / "p.dxf", mapping=mapping).centre.rooms if r.use == "dormitory")
    assert [(w.width, w.height, w.openable) for w in room.windows] == [(1.2, 1.0, True)]


def test_room_tag_block_with_attributes(tmp_path):
    doc, msp = new_doc()
    msp.add_lwpolyline([(0, 0), (5, 0), (5, 4), (0, 4)], close=True, dxfattribs={"layer": "A-AREA"})
    tag = doc.blocks.new("ROOMTAG")
    tag.add_attdef("NUM", (0, 0))
    tag.add_attdef("NAME", (0, -0.3))
    ref = msp.add_blockref("ROOMTAG", (2, 2), dxfattribs={"layer": "A-AREA-IDEN"})
    ref.add_auto_attribs({"NUM": "K1", "NAME": "Cuisine collective"})
    doc.saveas(tmp_path / "p.dxf")
    [room] = import_dxf(tmp_path / "p.dxf").centre.rooms
    assert (room.id, room.name, room.use) == ("K1", "Cuisine collective", "kitchen")


def test_hatch_is_a_room_only_where_no_outline_was_drawn(tmp_path):
    doc, msp = new_doc()
    msp.add_lwpolyline([(0, 0), (5, 0), (5, 4), (0, 4)], close=True, dxfattribs={"layer": "PIECES"})
    same = msp.add_hatch(dxfattribs={"layer": "PIECES"})
    same.paths.add_polyline_path([(0, 0), (5, 0), (5, 4), (0, 4)], is_closed=True)
    alone = msp.add_hatch(dxfattribs={"layer": "PIECES"})
    alone.paths.add_polyline_path([(5, 0), (8, 0), (8, 2), (5, 2)], is_closed=True)
    msp.add_text("WC", dxfattribs={"layer": "TEXTES", "insert": (6, 1)})
    doc.saveas(tmp_path / "p.dxf")
    result = import_dxf(tmp_path / "p.dxf")
    areas = sorted(round(sum(0.5 * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in zip(r.polygon, r.polygon[1:] + r.polygon[:1])), 6)
                   for r in result.centre.rooms)
    assert [abs(a) for a in areas] == [6.0, 20.0]  # 3 × 2 from the hatch, 5 × 4 from the outline
    [item] = result.report.of_kind("hatch")
    assert item.entity == "HATCH"
    assert any(k.startswith("HATCH on PIECES (same area as a room outline)") for k in result.report.ignored)
    assert next(r for r in result.centre.rooms if r.use == "sanitary").notes == "outline from a hatch boundary"


def test_bulges_are_flattened(tmp_path):
    doc, msp = new_doc()
    # a 4 × 4 m room whose east wall is a half circle of radius 2 bulging out: 16 + π·2²/2 = 22.283 m²
    msp.add_lwpolyline([(0, 0, 0), (4, 0, 1), (4, 4, 0), (0, 4, 0)], format="xyb", close=True,
                       dxfattribs={"layer": "PIECES"})
    doc.saveas(tmp_path / "p.dxf")
    [room] = import_dxf(tmp_path / "p.dxf").centre.rooms
    from shapely.geometry import Polygon

    # chords at most 1 cm from the arc lose under 0.05 m² on this half circle
    assert Polygon(room.polygon).area == pytest.approx(16 + math.pi * 2, abs=0.05)


def test_a_plan_inserted_as_a_block_is_read_through_the_block(tmp_path):
    doc, msp = new_doc()
    plan = doc.blocks.new("PLAN_RDC")
    two_rooms(plan)
    msp.add_blockref("PLAN_RDC", (100, 0), dxfattribs={"layer": "XREF"})
    doc.saveas(tmp_path / "p.dxf")
    result = import_dxf(tmp_path / "p.dxf")
    rooms = sorted(result.centre.rooms, key=lambda r: r.polygon[0])
    assert [r.use for r in rooms] == ["dormitory", "office"]
    assert min(x for r in rooms for x, _ in r.polygon) == 100.0


@pytest.mark.parametrize("version", ["R12", "R2000", "R2004", "R2007", "R2010", "R2013", "R2018"])
@pytest.mark.parametrize("fmt", ["asc", "bin"])
def test_every_dxf_version_from_r12_to_r2018_text_or_binary(tmp_path, version, fmt):
    doc = ezdxf.new(version)
    msp = doc.modelspace()
    if version != "R12":
        doc.header["$INSUNITS"] = 6
    add = msp.add_polyline2d if version == "R12" else msp.add_lwpolyline
    add([(0, 0), (5, 0), (5, 4), (0, 4)], close=True, dxfattribs={"layer": "PIECES"})
    add([(5, 0), (9, 0), (9, 4), (5, 4)], close=True, dxfattribs={"layer": "PIECES"})
    msp.add_text("DORTOIR FEMMES 4 LITS", dxfattribs={"layer": "TEXTES", "insert": (1, 2)})
    msp.add_arc((5, 1), 0.9, 90, 180, dxfattribs={"layer": "PORTES"})
    if version == "R12":
        msp.add_text("SANITAIRES FEMMES", dxfattribs={"layer": "TEXTES", "insert": (6, 2)})
    else:  # MTEXT with formatting codes: font, bold, paragraph breaks
        msp.add_mtext(r"{\fArial|b1;SANITAIRES}\PFEMMES", dxfattribs={"layer": "TEXTES", "insert": (6, 3)})
    doc.saveas(tmp_path / "p.dxf", fmt=fmt)
    result = import_dxf(tmp_path / "p.dxf", units="m" if version == "R12" else None)
    got = sorted((r.use, r.group, r.beds) for r in result.centre.rooms)
    assert got == [("dormitory", "women", 4), ("sanitary", "women", 0)]
    [door] = result.centre.doors
    assert door.width == pytest.approx(0.9) and door.at == pytest.approx((5.0, 1.45))
