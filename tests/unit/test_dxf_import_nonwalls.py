"""Lines on wall layers that are not walls (layouts/dxf/nonwalls.py): floorboards, stair treads and
paving drawn as rows of lines; lines over the plan that run through a wall. Cases worked by hand (metres
for the pure functions, millimetres in the drawings), and properties over random plans."""
from __future__ import annotations

import re
from pathlib import Path

import ezdxf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, box

from centreplan.layouts.dxf.collect import Stroke
from centreplan.layouts.dxf.nonwalls import (
    MAX_PERIOD_M,
    MIN_LATTICE,
    fixture_side,
    inside_glazing,
    lattice_lines,
    through_walls,
)
from centreplan.layouts.dxf.walls import find_faces
from centreplan.layouts.dxf_import import import_dxf


def boards(x0: float, x1: float, ys: list[float]) -> list[LineString]:
    return [LineString([(x0, y), (x1, y)]) for y in ys]


def rectangle(x0: float, y0: float, x1: float, y1: float) -> LineString:
    return LineString([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])


# ---- lattices --------------------------------------------------------------------------------------

def test_floorboards_in_a_room_drawn_as_one_polyline_all_go():
    """A 4 × 3 m room drawn as one closed polyline, boards every 0.1 m from y 0.1 to 2.9 (29 lines): the
    27 inner boards go, and the first and last too, since the room's side runs 0.1 m beyond each."""
    lines = [rectangle(0, 0, 4, 3), *boards(0, 4, [0.1 * k for k in range(1, 30)])]
    assert lattice_lines(lines) == set(range(1, 30))


def test_regression_a_board_one_centimetre_from_the_wall_goes_too():
    """Boards every 0.1 m from 0.01 m off the room's side (Hypothesis found it): the side 1 cm beyond the
    first board was taken for the same line drawn twice, the board stayed the room's edge and a 1 cm strip
    (thinner than a wall, dropped) was lost. Any line beyond it within a period makes it a board."""
    lines = [rectangle(0, 0, 2, 2), *boards(0, 2, [0.01 + 0.1 * k for k in range(20)])]
    assert lattice_lines(lines) == set(range(1, 21))


def test_floorboards_running_up_to_the_wall_faces_keep_the_faces():
    """The Japanese house's living room: its two wall faces (y 0 and y 3) are lines of the same extent as
    the boards between them, every 0.1 m: the row is 31 lines; nothing runs beyond its first and last
    line, which are the room's edges and stay; the 29 boards go."""
    lines = boards(0, 4, [0.1 * k for k in range(0, 31)])
    assert lattice_lines(lines) == set(range(1, 30))


def test_a_row_of_rooms_one_metre_wide_is_no_lattice():
    """Partitions every 1 m (closets, cubicles): wider than a lattice's period (0.6 m), they are walls."""
    lines = [LineString([(x, 0), (x, 2)]) for x in range(8)]
    assert MAX_PERIOD_M < 1.0 and lattice_lines(lines) == set()


def test_a_wall_with_its_window_is_no_lattice():
    """A 0.3 m wall drawn with both faces and two panes of a window between them: four lines 0.1 m apart
    of one extent, fewer than a lattice's five."""
    assert lattice_lines(boards(0, 1.2, [0.0, 0.1, 0.2, 0.3])) == set()


def test_stair_treads_go_and_unequal_lines_stay():
    """Ten treads 0.28 m apart (y 0 to 2.52) go but their first and last; three lines at 0.1, 0.3 and 0.45
    m (spacings 0.2 and 0.15 m) are no row; the lattice is told in any direction (here at 30°)."""
    import math

    treads = boards(0, 1.0, [0.28 * k for k in range(10)])
    odd = boards(5, 6, [0.1, 0.3, 0.45])
    assert lattice_lines(treads + odd) == set(range(1, 9))
    c, s = math.cos(math.radians(30)), math.sin(math.radians(30))
    turned = [LineString([(x * c - y * s, x * s + y * c) for x, y in g.coords]) for g in treads]
    assert lattice_lines(turned) == set(range(1, 9))
    # boards a hair off 0°, by turns at +0.05° and at -0.05° (179.95°): one direction, not 90°
    tilt = 4 * math.tan(math.radians(0.05))
    both = [LineString([(0, y), (4, y + (tilt if k % 2 else -tilt))]) for k, y in enumerate(0.1 * j for j in range(8))]
    assert lattice_lines(both) == set(range(1, 7))


# ---- lines through a wall --------------------------------------------------------------------------

def test_a_line_through_both_faces_of_a_wall_is_over_the_plan():
    """Two rooms either side of a 0.12 m wall (faces x 4.0 and 4.12); a line at y 0.3 from x 3 to x 5
    crosses both faces 1 m and 0.88 m from its ends: over the plan. A wall meeting the face at x 4.0 (its
    end on it) and a line crossing one face only are walls."""
    lines = [LineString([(4.0, 0), (4.0, 3)]), LineString([(4.12, 0), (4.12, 3)]),
             LineString([(3.0, 0.3), (5.0, 0.3)]),  # through the wall
             LineString([(1.0, 2.0), (4.0, 2.0)]),  # ends on the face: a wall meeting it
             LineString([(3.5, 1.0), (4.06, 1.0)])]  # crosses one face, ends inside the wall
    assert through_walls(lines, max_wall=0.3) == {2}


def test_a_line_crossing_two_faces_further_apart_than_a_wall_is_a_wall():
    """Faces 0.6 m apart are two walls' faces (a duct between them), not one wall's: the line stays."""
    lines = [LineString([(4.0, 0), (4.0, 3)]), LineString([(4.6, 0), (4.6, 3)]),
             LineString([(3.0, 0.3), (5.0, 0.3)])]
    assert through_walls(lines, max_wall=0.3) == set()


# ---- the sides of fixtures -------------------------------------------------------------------------

def test_a_wall_end_is_a_jamb_and_a_side_of_a_bowl_is_not():
    """A wall 0.12 m thick ending at x 2: its faces (y 0 and y 0.12) both leave the end (2, 0)-(2, 0.12)
    square and going the same way (-x): a wall's end. A toilet bowl drawn as an octagon 0.36 m across:
    each side (0.15 m) lies between two sides turned 45° from it: the side of a fixture, no jamb. A
    segment at a line's end, where other lines meet it, cannot be told: not a fixture's side."""
    import math

    wall = [(0.0, 0.0), (2.0, 0.0), (2.0, 0.12), (0.0, 0.12)]
    assert not fixture_side(wall, 1)
    octagon = [(0.18 * math.cos(math.radians(22.5 + 45 * k)), 0.18 * math.sin(math.radians(22.5 + 45 * k)))
               for k in range(8)]
    octagon.append(octagon[0])
    assert all(fixture_side(octagon, k) for k in range(8))
    assert not fixture_side([(2.0, 0.0), (2.0, 0.12), (0.0, 0.12)], 0)


# ---- the inside of a glazed wall -------------------------------------------------------------------

def test_the_light_box_between_two_panes_is_no_room():
    """The Barcelona pavilion's light wall: two panes 0.9 m apart, 6 m long, closed by walls at both ends.
    Its outline is 13.8 m, 12 m of it on panes (87 %, over 75 %), and it is 0.9 m wide (under 1.2 m): no
    room. A 3 × 4 m meeting room glazed all round is wider: a room; a 1 m corridor 6 m long glazed on one
    side has 6 of its 14 m on panes (43 %): a room."""
    light = box(0, 0, 0.9, 6)
    meeting = box(10, 0, 13, 4)
    corridor = box(20, 0, 21, 6)
    panes = [LineString([(0, 0), (0, 6)]), LineString([(0.9, 0), (0.9, 6)]),  # the light box's two panes
             rectangle(10, 0, 13, 4),  # the meeting room's glass walls
             LineString([(20, 0), (20, 6)])]  # the corridor's glazed side
    assert inside_glazing([light, meeting, corridor], panes) == {0}


def loose_junction() -> list[LineString]:
    """Two rooms 3.94 × 3 m either side of a 0.12 m wall B (faces x 3.94 and 4.06) above a 0.12 m wall A
    (faces y 0 and y -0.12), all drawn as LINEs; B's faces run on into A down to A's far face (y -0.12),
    a junction drawn loosely; the outer walls' faces close the building."""
    return [LineString([(0, 0), (8, 0)]), LineString([(-0.12, -0.12), (8.12, -0.12)]),  # wall A
            LineString([(3.94, 3), (3.94, -0.12)]), LineString([(4.06, 3), (4.06, -0.12)]),  # wall B
            LineString([(0, 3), (8, 3)]), LineString([(-0.12, 3.12), (8.12, 3.12)]),
            LineString([(0, 0), (0, 3)]), LineString([(-0.12, -0.12), (-0.12, 3.12)]),
            LineString([(8, 0), (8, 3)]), LineString([(8.12, -0.12), (8.12, 3.12)])]


def test_a_wall_face_crossed_by_a_junction_drawn_loosely_stays():
    """In :func:`loose_junction`, A's face y 0 crosses both faces of B away from their ends, as a line
    over the plan would; but A's second face (y -0.12) runs across B too: A is a wall that B's faces run
    into, and stays. The rooms are 3.94 × 3 = 11.82 m² each (not 3.94 × 3.12 = 12.29 m² with A's face
    left out)."""
    lines = loose_junction()
    assert through_walls(lines, max_wall=0.3) == set()
    faces = find_faces(strokes(lines), [], 0.3).polygons
    assert sorted(round(f.area, 2) for f in faces) == [11.82, 11.82]


# ---- whole plans ----------------------------------------------------------------------------------

def save(doc, tmp_path: Path) -> Path:
    p = tmp_path / "plan.dxf"
    doc.saveas(p)
    return p


def double_line_rooms(msp, rooms: list[tuple[float, float, float, float]], wall: float = 120):
    """Rooms (mm) with walls drawn with both faces: each room's inner outline, and the building's outer
    outline ``wall`` beyond their union."""
    from shapely.ops import unary_union

    inside = unary_union([box(*r) for r in rooms])
    outer = inside.convex_hull.buffer(wall, join_style="mitre")
    for r in rooms:
        msp.add_lwpolyline(list(box(*r).exterior.coords)[:-1], close=True, dxfattribs={"layer": "MURS"})
    msp.add_lwpolyline(list(outer.exterior.coords)[:-1], close=True, dxfattribs={"layer": "MURS"})


def net_areas(res) -> list[float]:
    """The rooms' areas as found, before they are grown to their walls' centre lines (a lone room is not)."""
    from shapely.geometry import Polygon

    notes = [re.search(r"drawn \(net\) area ([\d.]+)", r.notes or "") for r in res.centre.rooms]
    return sorted(round(float(m.group(1)) if m else Polygon(r.polygon).area, 2)
                  for m, r in zip(notes, res.centre.rooms))


def test_a_room_with_floorboards_on_the_wall_layer_is_one_room(tmp_path):
    """A 4 × 3 m room (12 cm walls drawn with both faces) with 29 floorboard lines every 100 mm on the wall
    layer: one room of 12 m², not 30 strips 0.1 m wide (thinner than a wall, so dropped: no room)."""
    doc = ezdxf.new("R2013")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    double_line_rooms(msp, [(0, 0, 4000, 3000)])
    for k in range(1, 30):
        msp.add_line((0, 100 * k), (4000, 100 * k), dxfattribs={"layer": "MURS"})
    assert net_areas(import_dxf(save(doc, tmp_path), max_wall=0.2)) == [12.0]


def test_a_shelf_line_with_a_free_end_is_no_wall(tmp_path):
    """A 4 × 3 m room with a 1.2 m shelf line from its west wall (y 2.4 m, free end at x 1.2 m): 12 m²."""
    doc = ezdxf.new("R2013")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    double_line_rooms(msp, [(0, 0, 4000, 3000)])
    msp.add_line((0, 2400), (1200, 2400), dxfattribs={"layer": "MURS"})
    assert net_areas(import_dxf(save(doc, tmp_path), max_wall=0.2)) == [12.0]


def test_regression_uk_a_shelf_line_running_through_the_wall_into_the_next_room_is_no_wall(tmp_path):
    """The UK house's Coats and Entrance: two 4 × 3 m rooms side by side (a 120 mm wall between them at x
    4000-4120) and one line at y 300 mm from x 3000 to x 6000 on the wall layer, 0.3 m from the south
    wall's face: it looks like that wall's second face, so it stayed a wall and cut 4.8 m² off the two
    rooms (the shelf's strips 0.3 m wide, thinner than a wall, dropped: 11.7 m² each). It runs through
    the wall between the rooms, which no wall does: each room is 12 m²."""
    doc = ezdxf.new("R2013")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    double_line_rooms(msp, [(0, 0, 4000, 3000), (4120, 0, 8120, 3000)])
    msp.add_line((3000, 300), (6000, 300), dxfattribs={"layer": "MURS"})
    assert net_areas(import_dxf(save(doc, tmp_path), max_wall=0.2)) == [12.0, 12.0]


# ---- properties ------------------------------------------------------------------------------------

def strokes(lines: list[LineString]) -> list[Stroke]:
    return [Stroke(g, "MURS", "wall", 7, "LINE", "") for g in lines]


def grid_walls(nx: int, ny: int, w: float, h: float, t: float) -> list[LineString]:
    """``nx`` × ``ny`` rooms ``w`` × ``h`` m, walls ``t`` m thick drawn with both faces (each room's inner
    outline and the building's outline)."""
    rooms = [rectangle(i * (w + t), j * (h + t), i * (w + t) + w, j * (h + t) + h)
             for i in range(nx) for j in range(ny)]
    return rooms + [rectangle(-t, -t, nx * (w + t), ny * (h + t))]


def offsets(span: float, period: float, start: float) -> list[float]:
    """Lines every ``period`` across ``span``, the first ``start`` periods in, none on its ends."""
    offs = [start * period + k * period for k in range(int(span / period) + 1)]
    return [o for o in offs if 0.01 < o < span - 0.01]


@settings(max_examples=40, deadline=None)
@given(nx=st.integers(1, 3), ny=st.integers(1, 3), w=st.floats(2.0, 5.0), h=st.floats(2.0, 5.0),
       t=st.floats(0.08, 0.3), period=st.floats(0.05, MAX_PERIOD_M), pattern=st.sampled_from(["x", "y", "grid"]),
       room=st.integers(0, 8), start=st.floats(0.0, 1.0))
def test_adding_floorboards_or_paving_inside_a_room_never_changes_the_rooms_found(nx, ny, w, h, t, period, pattern,
                                                                                   room, start):
    """Boards every ``period`` across one room of a grid of rooms, wall to wall, starting anywhere within a
    period of its side (five boards or more: fewer in a row are a wall and its window), or a paving grid
    of them both ways: the same rooms are found, with the same areas."""
    walls = grid_walls(nx, ny, w, h, t)
    i, j = divmod(room % (nx * ny), ny)
    x0, y0 = i * (w + t), j * (h + t)
    along_x, along_y = offsets(w, period, start), offsets(h, period, start)
    assume(len(along_x) >= MIN_LATTICE if pattern == "x" else len(along_y) >= MIN_LATTICE if pattern == "y"
           else min(len(along_x), len(along_y)) >= MIN_LATTICE)
    extra = []
    if pattern != "y":
        extra += [LineString([(x0 + o, y0), (x0 + o, y0 + h)]) for o in along_x]
    if pattern != "x":
        extra += [LineString([(x0, y0 + o), (x0 + w, y0 + o)]) for o in along_y]
    before = sorted(round(p.area, 4) for p in find_faces(strokes(walls), [], 0.45).polygons)
    after = sorted(round(p.area, 4) for p in find_faces(strokes(walls + extra), [], 0.45).polygons)
    assert after == pytest.approx(before, abs=1e-3)


@settings(max_examples=40, deadline=None)
@given(nx=st.integers(2, 3), w=st.floats(2.0, 5.0), h=st.floats(2.0, 5.0), t=st.floats(0.08, 0.3),
       y=st.floats(0.1, 0.9), x0=st.floats(0.3, 1.5), x1=st.floats(0.3, 1.5))
def test_a_line_through_a_wall_between_two_rooms_never_changes_the_rooms_found(nx, w, h, t, y, x0, x1):
    """A straight line at height ``y`` (as a share of the rooms' height) running from one room through the
    wall into the next (``x0`` and ``x1`` m either side of the wall): the same rooms, the same areas."""
    walls = grid_walls(nx, 1, w, h, t)
    line = LineString([(w - x0, y * h), (w + t + x1, y * h)])
    before = sorted(round(p.area, 4) for p in find_faces(strokes(walls), [], 0.45).polygons)
    after = sorted(round(p.area, 4) for p in find_faces(strokes(walls + [line]), [], 0.45).polygons)
    assert after == pytest.approx(before, abs=1e-3)
