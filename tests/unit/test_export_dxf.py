"""The DXF plan: header, layers, room outlines and their data, labels, doors, windows, issues,
title block, paper layout, audit, atomic writing. Figures worked out by hand from
tests/data/export_small.yaml."""
from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

import ezdxf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.dxf import (
    APPID,
    DIMSTYLE,
    build_dxf,
    dxf_bytes,
    failing_rules_by_room,
    fill_layer,
    layer_scheme,
    layout_name,
    room_layer,
    write_dxf,
)
from layouts.io import load_layout, loads
from planner.errors import ExportError
from planner.model import GROUPS, USES

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = DATA / "export_small.yaml"
DATE = dt.date(2026, 11, 23)
REPORT = {"findings": [
    {"rule": "AREA-BED-EU", "status": "fail", "severity": "major", "rooms": ["DM1"]},
    {"rule": "WASH-WC-RATIO", "status": "fail", "severity": "major", "rooms": ["DM1", "SW1"]},
    {"rule": "HEIGHT-MIN", "status": "pass", "severity": "major", "rooms": ["DW1"]},
]}


@pytest.fixture(scope="module")
def centre():
    return load_layout(SMALL)


@pytest.fixture(scope="module")
def doc(centre):
    # written and read back, so the tests see what a reader of the file sees
    text = dxf_bytes(centre, REPORT, "en", date=DATE).decode("utf-8")
    return ezdxf.read(io.StringIO(text))


def xdata_of(entity) -> dict[str, str]:
    tags = entity.get_xdata(APPID)
    values = [t.value for t in tags]
    out = {"kind": values[0]}
    for v in values[1:]:
        k, _, val = v.partition("=")
        out[k] = val
    return out


def shoelace(points) -> float:
    pts = list(points)
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]))) / 2


def rooms_of(doc):
    return {xdata_of(e)["id"]: e for e in doc.modelspace().query("LWPOLYLINE")
            if e.dxf.layer.startswith("A-ROOM-")}


def test_header_is_r2013_in_metres_with_metric_dimensions(doc):
    assert doc.dxfversion == "AC1027"
    assert doc.header["$INSUNITS"] == 6
    assert doc.header["$MEASUREMENT"] == 1
    style = doc.dimstyles.get(DIMSTYLE)
    assert doc.header["$DIMSTYLE"] == DIMSTYLE
    assert doc.header["$DIMLFAC"] == style.dxf.dimlfac == 1.0
    assert doc.header["$DIMTXT"] == style.dxf.dimtxt


def test_audit_reports_nothing(doc):
    auditor = doc.audit()
    assert auditor.errors == [] and auditor.fixes == []


def test_every_layer_of_the_scheme_exists_with_its_colour(doc):
    scheme = layer_scheme()
    assert {room_layer(u) for u in USES} <= set(scheme)
    assert {fill_layer(g) for g in GROUPS} <= set(scheme)
    for name in ("A-WALL", "A-DOOR", "A-GLAZ", "A-AREA-IDEN", "A-ANNO-DIMS", "A-ANNO-TTLB", "A-ISSUE",
                 "A-ROOM-DORMITORY", "A-ROOM-FAMILY-ROOM", "A-AREA-PATT-MEN"):
        assert name in doc.layers
        assert doc.layers.get(name).dxf.color == scheme[name].color
    assert doc.layers.get("A-ROOM-DORMITORY").dxf.color == 5  # layers.yaml
    assert doc.layers.get("A-ISSUE").dxf.linetype == "DASHED"


def test_each_room_is_a_closed_polyline_on_its_use_layer_with_the_models_area(doc, centre):
    rooms = rooms_of(doc)
    assert set(rooms) == {r.id for r in centre.rooms}
    # by hand: DM1 6 × 5 = 30; C1 20 × 2 = 40; DN1 L-shape 12 × 3 + 6 × 2 = 48; YD1 6 × 4 = 24
    expected = {"DM1": 30.0, "C1": 40.0, "DN1": 48.0, "YD1": 24.0, "SW1": 15.0}
    for rid, area in expected.items():
        pl = rooms[rid]
        assert pl.closed
        assert shoelace(pl.get_points("xy")) == pytest.approx(area, abs=1e-9)
    assert rooms["DM1"].dxf.layer == "A-ROOM-DORMITORY"
    assert rooms["DN1"].dxf.layer == "A-ROOM-DINING"
    assert rooms["YD1"].dxf.layer == "A-ROOM-OUTDOOR"


def test_room_xdata_carries_id_use_group_beds_and_more(doc, centre):
    rooms = rooms_of(doc)
    dm1 = xdata_of(rooms["DM1"])
    assert dm1 == {"kind": "room", "id": "DM1", "use": "dormitory", "group": "men", "level": "0", "beds": "6",
                   "name": "Dortoir hommes", "height": "2.8", "lockable": "true", "windows": "1"}
    sw1 = xdata_of(rooms["SW1"])
    assert (sw1["fixtures.wc"], sw1["fixtures.shower"], sw1["fixtures.basin"], sw1["fixtures.urinal"]) == \
        ("2", "2", "2", "0")
    assert doc.appids.has_entry(APPID)


def test_fills_are_drawn_before_outlines_and_labels(doc):
    kinds = [(e.dxftype(), e.dxf.layer) for e in doc.modelspace()]
    last_fill = max(i for i, (t, layer) in enumerate(kinds) if t == "HATCH" and layer.startswith("A-AREA-PATT-")
                    and i < 20)
    first_label = min(i for i, (t, layer) in enumerate(kinds) if t == "MTEXT")
    first_outline = min(i for i, (t, layer) in enumerate(kinds) if layer.startswith("A-ROOM-"))
    assert last_fill < first_outline < first_label


def test_fill_is_by_layer_and_partly_transparent(doc):
    hatches = [h for h in doc.modelspace().query("HATCH") if h.dxf.layer == "A-AREA-PATT-MEN"]
    assert hatches and all(h.dxf.color == 256 and h.has_solid_fill for h in hatches)
    assert hatches[0].transparency == pytest.approx(0.55, abs=0.01)
    # the layer's true colour is the ACI 151 tint (127, 191, 255) blended 55 % with white:
    # 127 + 128 × 0.55 = 197.4 → 197; 191 + 64 × 0.55 = 226.2 → 226; 255
    assert doc.layers.get("A-AREA-PATT-MEN").rgb == (197, 226, 255)


def test_labels_give_name_use_area_and_beds_in_english(doc):
    texts = [m.plain_text() for m in doc.modelspace().query("MTEXT") if m.dxf.layer == "A-AREA-IDEN"]
    assert "DM1 · Dortoir hommes\nDormitory · men\n30.0 m² · 6 beds" in texts
    assert "DN1 · Réfectoire\nDining\n48.0 m²" in texts


def test_labels_in_french_use_a_decimal_comma(centre):
    doc = ezdxf.read(io.StringIO(dxf_bytes(centre, None, "fr", date=DATE).decode()))
    texts = [m.plain_text() for m in doc.modelspace().query("MTEXT") if m.dxf.layer == "A-AREA-IDEN"]
    assert "DM1 · Dortoir hommes\nDortoir · hommes\n30,0 m² · 6 lits" in texts
    # the name "Réfectoire" equals the French use, so the use line is left out
    assert "DN1 · Réfectoire\n48,0 m²" in texts
    ttlb = [t.dxf.text for t in doc.modelspace().query("TEXT")]
    assert "Plan du rez-de-chaussée · Cotes en mètres, surfaces en m²" in ttlb
    assert doc.dimstyles.get(DIMSTYLE).dxf.dimdsep == ord(",")


def test_labels_fit_inside_their_rooms(doc, centre):
    # a label is centred in its room; with 0.8 × height per character and 5/3 × height per line
    # its box must stay inside the room's width and depth
    by_id = {r.id: r for r in centre.rooms}
    for m in doc.modelspace().query("MTEXT"):
        if m.dxf.layer != "A-AREA-IDEN":
            continue
        lines = m.plain_text().split("\n")
        rid = lines[0].split(" ")[0]
        xs = [p[0] for p in by_id[rid].polygon]
        ys = [p[1] for p in by_id[rid].polygon]
        width = max(xs) - min(xs) if m.dxf.rotation == 0 else max(ys) - min(ys)
        h = m.dxf.char_height
        assert 0.8 * h * max(len(s) for s in lines) <= width
        assert h <= 0.25


def test_narrow_deep_room_gets_a_turned_label():
    # a corridor 1.2 m wide and 12 m deep: "CV · Circulation vestiaires" (27 characters) does not fit
    # across (0.9 × 1.2 / (0.8 × 27) = 0.05 m); turned 90°, its three lines fit at
    # min(0.25, 0.9 × 12 / (0.8 × 27) = 0.5, 0.9 × 1.2 / (1 + 2 × 5/3) = 0.2492) = 0.249 m
    c = loads("""
format: centreplan/1
centre: {name: t}
rooms:
  - {id: CV, name: Circulation vestiaires, use: corridor, polygon: [[0,0],[1.2,0],[1.2,12],[0,12]]}
""")
    doc = build_dxf(c, date=DATE)
    (label,) = [m for m in doc.modelspace().query("MTEXT") if m.dxf.layer == "A-AREA-IDEN"]
    assert label.dxf.rotation == 90
    assert label.dxf.char_height == 0.249
    assert label.plain_text().startswith("CV · Circulation vestiaires")
    # hung from its top centre, which for turned text lies left of the room's centre line x = 0.6
    assert label.dxf.insert.x < 0.6 and label.dxf.insert.y == pytest.approx(6.0)


def test_small_room_label_keeps_the_id_at_a_legible_size():
    # a 1.0 m × 1.2 m store: the full label would need h < 0.12 m, so the label shortens
    c = loads("""
format: centreplan/1
centre: {name: t}
rooms:
  - {id: ST1, name: Réserve de matériel de nettoyage, use: storage, polygon: [[0,0],[1.0,0],[1.0,1.2],[0,1.2]]}
""")
    doc = build_dxf(c, date=DATE)
    (label,) = [m for m in doc.modelspace().query("MTEXT") if m.dxf.layer == "A-AREA-IDEN"]
    lines = label.plain_text().split("\n")
    assert lines[0] == "ST1"
    assert label.dxf.char_height >= 0.12 or lines == ["ST1"]


def test_doors_are_drawn_at_their_width_on_the_shared_wall(doc):
    msp = doc.modelspace()
    leaves = {xdata_of(e)["id"]: e for e in msp.query("LINE") if e.dxf.layer == "A-DOOR"}
    assert set(leaves) == {"d1", "d2", "d3", "d4", "d5", "d6", "d7", "e1", "e2"}
    d1 = leaves["d1"]
    data = xdata_of(d1)
    assert data["between"] == "DM1,C1" and data["width"] == "0.9" and data["at"] == "3.0,5.0"
    # d1 sits at the middle of the wall DM1/C1 (y = 5, x 0..6): (3, 5); hinge 0.45 m to one side;
    # the leaf is 0.9 m long, square to the wall, opening into DM1 (not the corridor): down to y = 4.1
    s, e = d1.dxf.start, d1.dxf.end
    assert math.dist(s, e) == pytest.approx(0.9)
    assert s.y == pytest.approx(5.0) and abs(s.x - 3.0) == pytest.approx(0.45)
    assert e.y == pytest.approx(4.1) and e.x == pytest.approx(s.x)
    arcs = [a for a in msp.query("ARC") if a.dxf.layer == "A-DOOR"]
    assert len(arcs) == 9 and all(abs((a.dxf.end_angle - a.dxf.start_angle) % 360 - 90) < 1e-6 for a in arcs)
    arc = next(a for a in arcs if math.dist(a.dxf.center, s) < 1e-9)
    assert arc.dxf.radius == pytest.approx(0.9)
    # the swing ends on the other jamb, 0.9 m along the wall from the hinge
    jamb = (6.0 - s.x, 5.0)  # 3 ± 0.45: the hinge and the other jamb are symmetric about x = 3
    ends = [(p.x, p.y) for p in (arc.start_point, arc.end_point)]
    assert any(math.dist(p, jamb) < 1e-6 for p in ends)
    assert any(math.dist(p, (e.x, e.y)) < 1e-6 for p in ends)


def test_exit_doors_open_outwards(doc):
    leaves = {xdata_of(e)["id"]: e for e in doc.modelspace().query("LINE") if e.dxf.layer == "A-DOOR"}
    # e1 on the west wall (x = 0) at y = 6, 1.4 m: the leaf ends 1.4 m outside, at x = -1.4
    assert leaves["e1"].dxf.end.x == pytest.approx(-1.4)
    assert leaves["e2"].dxf.end.x == pytest.approx(21.4)
    assert xdata_of(leaves["e2"])["between"] == "outside,C1"


def test_windows_sit_on_outside_walls(doc):
    wins = [e for e in doc.modelspace().query("LWPOLYLINE") if e.dxf.layer == "A-GLAZ"]
    assert len(wins) == 3  # DM1 has 1, DW1 has 2
    dw1 = [w for w in wins if xdata_of(w)["room"] == "DW1"]
    assert len(dw1) == 2
    for w in dw1:
        pts = w.get_points("xy")
        ys = [p[1] for p in pts]
        xs = [p[0] for p in pts]
        # DW1's only outside wall is y = 0 (x 6..12): windows 1.2 m wide, 0.15 m deep, centred on it
        assert min(ys) == pytest.approx(-0.075) and max(ys) == pytest.approx(0.075)
        assert max(xs) - min(xs) == pytest.approx(1.2)
        assert 6 <= min(xs) and max(xs) <= 12
    # spread evenly: centres at 6 + 6 × 1/4 = 7.5 and 6 + 6 × 3/4 = 10.5
    centres = sorted((min(p[0] for p in w.get_points("xy")) + 0.6) for w in dw1)
    assert centres == pytest.approx([7.5, 10.5])


def test_rooms_with_failing_findings_are_marked_with_their_rule_ids(doc):
    msp = doc.modelspace()
    issues = {xdata_of(e)["room"]: xdata_of(e)["rules"] for e in msp.query("LWPOLYLINE")
              if e.dxf.layer == "A-ISSUE"}
    assert issues == {"DM1": "AREA-BED-EU,WASH-WC-RATIO", "SW1": "WASH-WC-RATIO"}  # DW1 passed
    texts = sorted(m.plain_text() for m in msp.query("MTEXT") if m.dxf.layer == "A-ISSUE")
    assert texts == ["AREA-BED-EU WASH-WC-RATIO", "WASH-WC-RATIO"]


def test_failing_rules_accept_report_objects():
    class F:
        def __init__(self, rule, status, rooms):
            self.rule, self.status, self.rooms = rule, status, rooms

    class R:
        findings = [F("A", "fail", ["X", "Y"]), F("B", "cannot_evaluate", ["X"]), F("C", "fail", ["X"])]

    assert failing_rules_by_room(R()) == {"X": ["A", "C"], "Y": ["A"]}
    assert failing_rules_by_room(None) == {}


def test_a_finding_about_one_room_marks_that_room_only():
    # DIST-EXIT about CB names the courtyard YD its route ends in: only CB is marked
    data = {"findings": [
        {"rule": "DIST-EXIT", "status": "fail", "rooms": ["CB", "YD"], "subject": "CB"},
        {"rule": "FIX-WC-HUM", "status": "fail", "rooms": ["S1", "S2"], "subject": "men"},
    ]}
    assert failing_rules_by_room(data) == {"CB": ["DIST-EXIT"], "S1": ["FIX-WC-HUM"], "S2": ["FIX-WC-HUM"]}


def test_no_report_no_issue_layer_entities(centre):
    doc = build_dxf(centre, None, "en", date=DATE)
    assert len(doc.modelspace().query('*[layer=="A-ISSUE"]')) == 0


def test_overall_dimensions_in_metres(doc):
    dims = list(doc.modelspace().query("DIMENSION"))
    assert len(dims) == 2 and all(d.dxf.layer == "A-ANNO-DIMS" and d.dxf.dimstyle == DIMSTYLE for d in dims)
    # the building is 20 m wide (x 0..20) and 14 m deep (y 0..14)
    assert sorted(round(d.get_measurement(), 6) for d in dims) == [14.0, 20.0]
    assert all(d.get_geometry_block() is not None for d in dims)  # rendered


def test_title_block_and_confidential_mark(doc):
    texts = [t.dxf.text for t in doc.modelspace().query("TEXT") if t.dxf.layer == "A-ANNO-TTLB"]
    assert "Centre d'accueil de Thiès (essai)" in texts
    assert "Date: 2026-11-23   Scale: 1:100 (A3)   Revision: A" in texts
    assert "CONFIDENTIAL: do not circulate" in texts
    assert "Thiès" not in texts  # a confidential centre's location is left off the plan


def test_no_confidential_mark_for_an_open_centre(centre):
    open_centre = centre.model_copy(update={"centre": centre.centre.model_copy(update={"confidential": False})})
    doc = build_dxf(open_centre, date=DATE)
    texts = [t.dxf.text for t in doc.modelspace().query("TEXT")]
    assert not any("CONFIDENTIAL" in t for t in texts)
    assert "Thiès" in texts


def test_paper_layout_a3_at_1_to_100_with_a_viewport(doc):
    name = layout_name(100)
    assert name == "A3 1-100"
    psp = doc.paperspace(name)
    assert psp.dxf_layout.dxf.paper_width == 420 and psp.dxf_layout.dxf.paper_height == 297
    vps = [v for v in psp.viewports() if v.dxf.status != 1]
    assert len(vps) == 1
    # 297 − 2 × 10 margin − 4 = 273 mm of paper at 1:100 show 27.3 m of the model
    assert vps[0].dxf.view_height == pytest.approx(27.3)


def test_extents_and_initial_view_cover_the_plan(doc):
    lo, hi = doc.header["$EXTMIN"], doc.header["$EXTMAX"]
    assert lo[0] <= -1.5 and lo[1] < 0 and hi[0] >= 20 and hi[1] >= 14
    vport = doc.viewports.get("*Active")[0]
    cx, cy = vport.dxf.center.x, vport.dxf.center.y
    assert lo[0] < cx < hi[0] and lo[1] < cy < hi[1]
    assert vport.dxf.height >= hi[1] - lo[1]


def test_larger_plans_get_a_larger_scale():
    c = loads("""
format: centreplan/1
centre: {name: t}
rooms:
  - {id: Y, use: outdoor, polygon: [[0,0],[90,0],[90,40],[0,40]]}
""")
    doc = build_dxf(c, date=DATE)
    # 93 m wide: 1:200 gives 465 mm > 390 mm available, 1:250 gives 372 mm
    assert "A3 1-250" in doc.layouts.names()


def test_levels_are_drawn_side_by_side_and_the_shift_is_recorded():
    c = loads("""
format: centreplan/1
centre: {name: t, levels: 2}
rooms:
  - {id: A, use: office, level: 0, polygon: [[0,0],[5,0],[5,4],[0,4]]}
  - {id: B, use: office, level: 1, polygon: [[0,0],[5,0],[5,4],[0,4]]}
""")
    doc = ezdxf.read(io.StringIO(dxf_bytes(c, date=DATE).decode()))
    rooms = rooms_of(doc)
    # level 1 starts 10 m after level 0 ends at x = 5: shift 15 m
    assert min(p[0] for p in rooms["B"].get_points("xy")) == pytest.approx(15.0)
    assert xdata_of(rooms["B"])["offset"] == "15.0,0"
    assert "offset" not in xdata_of(rooms["A"])
    assert doc.header.custom_vars.get("centreplan.level_offset.1") == "15.0"


def test_header_custom_properties_hold_the_centre(doc):
    cv = doc.header.custom_vars
    assert cv.get("centreplan.name") == "Centre d'accueil de Thiès (essai)"
    assert cv.get("centreplan.confidential") == "true"
    assert cv.get("centreplan.population.men") == "6"


def test_bad_language_is_refused_with_the_options(centre):
    with pytest.raises(ExportError, match="lang: 'de' is not available; choose one of: en, fr"):
        dxf_bytes(centre, lang="de")


def test_centre_without_rooms_is_refused():
    c = loads("format: centreplan/1\ncentre: {name: t}\n")
    with pytest.raises(ExportError, match="no rooms"):
        dxf_bytes(c)


def test_failed_export_leaves_the_existing_file(tmp_path, centre):
    target = tmp_path / "plan.dxf"
    write_dxf(centre, target, date=DATE)
    before = target.read_bytes()
    with pytest.raises(ExportError):
        write_dxf(centre, target, lang="xx")
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.dxf"]  # no temporary file left
    assert ezdxf.readfile(target).audit().has_errors is False


def test_mtext_special_characters_are_escaped():
    c = loads("""
format: centreplan/1
centre: {name: t}
rooms:
  - {id: R1, name: 'Salle {A} \\P x', use: office, polygon: [[0,0],[8,0],[8,6],[0,6]]}
""")
    doc = ezdxf.read(io.StringIO(dxf_bytes(c, date=DATE).decode()))
    (label,) = [m for m in doc.modelspace().query("MTEXT") if m.dxf.layer == "A-AREA-IDEN"]
    assert label.plain_text().split("\n")[0] == "R1 · Salle {A} \\P x"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    w=st.floats(0.8, 40), h=st.floats(0.8, 40), x0=st.floats(-1000, 1000), y0=st.floats(-1000, 1000),
    cut=st.floats(0.2, 0.8),
)
def test_any_l_shaped_room_keeps_its_area_and_audits_clean(w, h, x0, y0, cut):
    # an L: the w × h rectangle minus its top-right (1 − cut) w × (1 − cut) h corner
    poly = [[x0, y0], [x0 + w, y0], [x0 + w, y0 + cut * h], [x0 + cut * w, y0 + cut * h], [x0 + cut * w, y0 + h],
            [x0, y0 + h]]
    c = loads("format: centreplan/1\ncentre: {name: t}\nrooms:\n"
              f"  - {{id: L1, name: Salle, use: dining, beds: 0, polygon: {poly}}}\n")
    doc = ezdxf.read(io.StringIO(dxf_bytes(c, date=DATE).decode()))
    (pl,) = rooms_of(doc).values()
    area = w * h - (1 - cut) * w * (1 - cut) * h
    assert shoelace(pl.get_points("xy")) == pytest.approx(area, rel=1e-9)
    assert not doc.audit().has_errors
    (label,) = [m for m in doc.modelspace().query("MTEXT") if m.dxf.layer == "A-AREA-IDEN"]
    from shapely.geometry import Point, Polygon
    assert Polygon(poly).contains(Point(label.dxf.insert.x, label.dxf.insert.y))


def test_regression_issue_ids_are_not_drawn_dashed(doc):
    # LibreCAD applied the A-ISSUE layer's dashes to the strokes of the letters ("AREA-EED-EU")
    texts = [m for m in doc.modelspace().query("MTEXT") if m.dxf.layer == "A-ISSUE"]
    assert texts and all(m.dxf.linetype == "Continuous" for m in texts)


def test_regression_paper_space_holds_only_the_viewport(doc):
    # LibreCAD 2.2 draws paper-space entities over model space: a sheet frame there hid the plan
    psp = doc.paperspace(layout_name(100))
    assert [e.dxftype() for e in psp] == ["VIEWPORT", "VIEWPORT"]  # the layout's own and ours
