"""Round trip: our own DXF export (exports/dxf.py) read back by the importer gives the same centre.

What the importer relies on (see exports/dxf.py, "Machine-readable data"): the CENTREPLAN XDATA of
room outlines (id, use, group, level, beds, name, height, lockable, households, occupants, seats,
fixtures, windows count, level offset), of door leaves (id, between, width, at) and of windows
(room, width, height, openable), and the header's centreplan.* custom properties. The geometry always
comes from the drawing. When a CAD program drops the XDATA, layers (A-ROOM-<USE>, A-AREA-PATT-<GROUP>)
and the labels ("DM1 · Dortoir hommes 1") still give the rooms, and the door swings the doors.
"""
from __future__ import annotations

import math
from pathlib import Path

import ezdxf
import pytest

from centreplan.exports.dxf import write_dxf
from centreplan.layouts.dxf_import import import_dxf
from centreplan.layouts.io import load_layout
from centreplan.planner.geometry import build_plan

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "layouts" / "examples").glob("*.yaml"))

TWO_LEVELS = """\
format: centreplan/1
centre: {name: Deux niveaux, climate: temperate, phase: emergency, levels: 2, confidential: true, location: Kolda}
population: {men: 4, women: 4, staff: 1}
rooms:
  - {id: C0, use: corridor, polygon: [[0, 0], [10, 0], [10, 2], [0, 2]]}
  - {id: DM1, name: Dortoir hommes, use: dormitory, group: men, beds: 4, height: 2.7, lockable: true,
     polygon: [[0, 2], [5, 2], [5, 6], [0, 6]], windows: [{width: 1.2, height: 1.0}, {width: 0.6, height: 0.6, openable: false}]}
  - {id: S0, use: sanitary, group: men, fixtures: {wc: 1, shower: 1, basin: 1}, polygon: [[5, 2], [10, 2], [10, 6], [5, 6]]}
  - {id: C1, use: corridor, level: 1, polygon: [[0, 0], [10, 0], [10, 2], [0, 2]]}
  - {id: DF1, name: Dortoir femmes, use: dormitory, group: women, level: 1, beds: 4, windows: [],
     polygon: [[0, 2], [5, 2], [5, 6], [0, 6]]}
doors:
  - {id: d1, between: [DM1, C0], width: 0.9, at: [2.5, 2]}
  - {id: d2, between: [S0, C0], width: 0.8}
  - {id: e0, between: [C0, outside], width: 1.4, at: [0, 1]}
  - {id: d3, between: [DF1, C1], width: 0.9}
  - {id: e1, between: [C1, outside], width: 1.2, at: [10, 1]}
"""


def assert_same_centre(original, imported):
    plan0, plan1 = build_plan(original), build_plan(imported)
    assert [r.id for r in imported.rooms] == [r.id for r in original.rooms]
    for a, b in zip(original.rooms, imported.rooms):
        assert (b.use, b.group, b.beds, b.level) == (a.use, a.group, a.beds, a.level), a.id
        assert (b.name, b.height, b.lockable, b.fixtures, b.windows) == (a.name, a.height, a.lockable, a.fixtures,
                                                                         a.windows), a.id
        assert (b.households, b.occupants, b.seats) == (a.households, a.occupants, a.seats), a.id
        assert (b.lock, b.accessible, b.lighting) == (a.lock, a.accessible, a.lighting), a.id
        assert plan1.area(b.id) == pytest.approx(plan0.area(a.id), abs=0.01), a.id
    assert [d.id for d in imported.doors] == [d.id for d in original.doors]
    for a, b in zip(original.doors, imported.doors):
        assert (b.between, b.width) == (a.between, a.width), a.id
        assert (b.step, b.ramp_slope, b.lighting, b.entrance, b.one_way) == (
            a.step, a.ramp_slope, a.lighting, a.entrance, a.one_way), a.id
        # the export writes the door's point; a door given without 'at' comes back with it
        assert math.dist(plan1.door_points[b.id], plan0.door_points[a.id]) < 1e-6, a.id
    info0, info1 = original.centre, imported.centre
    # a confidential centre's location is written nowhere in the DXF, so it does not come back
    assert (info1.name, info1.climate, info1.phase, info1.levels, info1.confidential, info1.location) == (
        info0.name, info0.climate, info0.phase, info0.levels, info0.confidential,
        None if info0.confidential else info0.location)
    assert imported.population == original.population
    assert [p.message for p in plan1.problems()] == [p.message for p in plan0.problems()]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_bundled_examples_round_trip(tmp_path, path, lang):
    original = load_layout(path)
    dxf = write_dxf(original, tmp_path / "plan.dxf", lang=lang)
    result = import_dxf(dxf)
    assert_same_centre(original, result.centre)
    # everything in our own drawing is understood: nothing to check, no unknown layer
    assert result.report.items == [], result.report.text()
    assert result.report.unknown_layers == {}


def test_two_levels_and_every_room_field_round_trip(tmp_path):
    from centreplan.layouts.io import loads

    original = loads(TWO_LEVELS, "two.yaml")
    result = import_dxf(write_dxf(original, tmp_path / "two.dxf"))
    assert_same_centre(original, result.centre)
    # level 1 is drawn to the right of level 0, and comes back at its own coordinates
    assert result.centre.room("DF1").polygon == original.room("DF1").polygon


def strip_our_data(src: Path, dst: Path) -> None:
    """What a CAD program that does not keep foreign XDATA or custom properties leaves of our file."""
    doc = ezdxf.readfile(src)
    for e in doc.modelspace():
        e.discard_xdata("CENTREPLAN")
    doc.header.custom_vars.clear()
    doc.saveas(dst)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_our_export_without_its_data_still_gives_the_rooms_and_doors(tmp_path, path):
    original = load_layout(path)
    strip_our_data(write_dxf(original, tmp_path / "plan.dxf"), tmp_path / "stripped.dxf")
    result = import_dxf(tmp_path / "stripped.dxf")
    imported = result.centre
    plan0, plan1 = build_plan(original), build_plan(imported)
    got = {r.id: (r.use, r.group, r.beds, round(plan1.area(r.id), 2)) for r in imported.rooms}
    want = {r.id: (r.use, r.group, r.beds, round(plan0.area(r.id), 2)) for r in original.rooms}
    assert got == want  # ids from the labels, use from the layer, group from the fill, beds from the label
    pairs = sorted(tuple(sorted(d.between)) for d in imported.doors)
    assert pairs == sorted(tuple(sorted(d.between)) for d in original.doors)
    widths = sorted(d.width for d in imported.doors)
    assert widths == sorted(d.width for d in original.doors)
    assert plan1.problems() == plan0.problems() == []


def test_default_mapping_knows_every_layer_of_our_export():
    """In step with exports/layers.yaml: every layer our export writes has the role it needs."""
    from centreplan.exports.dxf import fill_layer, layer_scheme, room_layer
    from centreplan.layouts.dxf_import import load_mapping
    from centreplan.planner.model import GROUPS, USES

    mapping = load_mapping()
    for use in USES:
        rule, got = mapping.rule_for(room_layer(use))
        assert (rule.role, got) == ("room", use), room_layer(use)
    for group in GROUPS:
        rule, got = mapping.rule_for(fill_layer(group))
        assert (rule.role, got) == ("fill", group), fill_layer(group)
    roles = {name: mapping.rule_for(name)[0] for name in layer_scheme()}
    assert all(rule is not None for rule in roles.values()), [n for n, r in roles.items() if r is None]
    assert (roles["A-DOOR"].role, roles["A-GLAZ"].role, roles["A-AREA-IDEN"].role, roles["A-WALL"].role) == (
        "door", "window", "label", "wall")


def test_a_site_longer_than_400_m_exported_comes_back_in_metres(tmp_path):
    """Regression: our own export of a site 550 m long (200 rooms in a row of wings, bench/synthetic.py)
    came back in centimetres, its rooms a hundredth of their area, and 200 doors off their walls: the
    drawing's size, outside the 4–400 m a plan is taken to span, overrode the file's own $INSUNITS
    (metres). A drawing carrying our export's data says its units truly: the size check is for drawings
    from elsewhere, whose header may be wrong."""
    from bench.synthetic import synthetic_centre

    original = synthetic_centre(200)
    dxf = write_dxf(original, tmp_path / "plan.dxf")
    result = import_dxf(dxf)
    assert (result.report.units, result.report.units_from) == ("m", "file")
    assert_same_centre(original, result.centre)
    assert result.report.items == [], result.report.text()
