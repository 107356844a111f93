"""The plan editor's geometry operations (layouts/plan_edit.py), with values worked out by hand on the
small centre: C1 corridor x 0..15, y 5..7 (exit e1 at (15, 6)); DM1 x 0..6, DW1 x 6..11, SAN1 x 11..15
(all y 0..5); YARD north of the corridor."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon

from centreplan.layouts import plan_edit as pe
from centreplan.layouts.io import load_layout
from centreplan.planner.errors import LayoutError
from centreplan.planner.geometry import build_plan

SMALL = Path(__file__).resolve().parents[1] / "data" / "small_centre.yaml"


@pytest.fixture(scope="module")
def small():
    return load_layout(SMALL)


def _area(c, rid):
    return Polygon(c.room(rid).polygon).area


def test_snap_to_grid_and_to_edges():
    assert pe.snap_to_grid(1.234, 0.1) == 1.2
    assert pe.snap_to_grid(1.26, 0.05) == 1.25
    # an edge at 6.0 within 0.25 m of the moved side (5.0 + 0.87) wins over the grid
    assert pe.snap_delta((5.0,), 0.87, [6.0, 9.0], 0.5) == 1.0
    # no edge near: the first moved coordinate lands on the grid (2.3 + 0.62 = 2.92 -> 3.0)
    assert pe.snap_delta((2.3, 4.3), 0.62, [10.0], 0.5) == 0.7


def test_a_move_into_a_neighbour_is_refused_and_the_centre_kept(small):
    # DW1 (x 6..11) moved 1 m west overlaps DM1 (x 0..6) by 1 m x 5 m
    with pytest.raises(pe.EditRefused) as e:
        pe.move_room(small, "DW1", -1.0, 0, step=0.5, tolerance=0.0)
    assert e.value.code == "overlap" and "DM1" in str(e.value)
    assert small.room("DW1").polygon == [(6, 0), (11, 0), (11, 5), (6, 5)]  # the centre is kept


def test_move_snaps_to_the_grid(small):
    # SAN1 moved 3.04 m south lands on the 0.1 m grid (3 m); C1 moved 1 m north overlaps the yard
    moved = pe.move_room(small, "SAN1", 0.0, -3.04, step=0.1, tolerance=0.0)
    assert moved.room("SAN1").polygon == [(11, -3), (15, -3), (15, 2), (11, 2)]
    with pytest.raises(pe.EditRefused):
        pe.move_room(small, "C1", 0, 1.0, step=0.1, tolerance=0.0)


def test_resize_east_wall_of_the_sanitary_room(small):
    # SAN1 x 11..15, east wall dragged 1.97 m: grid 0.1 -> 2.0 m; 4 x 5 = 20 m² becomes 6 x 5 = 30 m²
    out = pe.resize_room(small, "SAN1", "e", 1.97, 0.3, step=0.1, tolerance=0.0)
    assert out.room("SAN1").polygon == [(11, 0), (17, 0), (17, 5), (11, 5)]
    assert _area(out, "SAN1") == 30.0
    # a corner handle moves both sides: se by (+1, -1) -> x 11..16, y -1..5
    out = pe.resize_room(small, "SAN1", "se", 1.0, -1.0, step=0.1, tolerance=0.0)
    assert out.room("SAN1").polygon == [(11, -1), (16, -1), (16, 5), (11, 5)]


def test_resize_snaps_to_another_room_s_edge(small):
    # DM1's south wall (y 0) dragged to -0.9 with a tolerance of 0.25 m: no edge there, grid 0.5 -> -1.0
    out = pe.resize_room(small, "DM1", "s", 0, -0.9, step=0.5, tolerance=0.25)
    assert out.room("DM1").polygon == [(0, -1), (6, -1), (6, 5), (0, 5)]


def test_resize_refuses_too_small_and_overlaps(small):
    with pytest.raises(pe.EditRefused) as e:
        pe.resize_room(small, "DM1", "e", -5.9, 0)
    assert e.value.code == "too_small"
    with pytest.raises(pe.EditRefused) as e:
        pe.resize_room(small, "DM1", "e", 1.0, 0)  # into DW1 by 1 m x 5 m
    assert e.value.code == "overlap" and e.value.values["area"] == "5.00"


def test_shared_wall_drag_moves_both_rooms(small):
    # the wall DM1 | DW1 at x 6 moved 1 m east: DM1 7 x 5 = 35 m², DW1 4 x 5 = 20 m², total kept
    out = pe.resize_room(small, "DM1", "e", 1.0, 0, shared=True)
    assert out.room("DM1").polygon == [(0, 0), (7, 0), (7, 5), (0, 5)]
    assert out.room("DW1").polygon == [(7, 0), (11, 0), (11, 5), (7, 5)]
    assert _area(out, "DM1") + _area(out, "DW1") == _area(small, "DM1") + _area(small, "DW1") == 55.0
    # the corridor's south wall (y 5) runs 15 m, longer than DM1's 6 m north side: refused
    with pytest.raises(pe.EditRefused) as e:
        pe.resize_room(small, "DM1", "n", 0, 0.5, shared=True)
    assert e.value.code == "shared_longer"


def test_split_then_merge(small):
    # DM1 (6 x 5, 12 beds) cut along x = 2: 2 x 5 = 10 m² keeps the id and 4 beds, the new DM1-2 has
    # 4 x 5 = 20 m² and 8 beds; its door to the corridor goes with the part that holds the wall's middle
    out, new = pe.split_room(small, "DM1", (2, -1), (2, 6))
    assert new == "DM1-2"
    assert _area(out, "DM1") == 10.0 and _area(out, "DM1-2") == 20.0
    assert out.room("DM1").beds == 4 and out.room("DM1-2").beds == 8
    assert {d.id: d.between for d in out.doors}["d1"] == ("DM1-2", "C1")
    back = pe.merge_rooms(out, "DM1", "DM1-2")
    assert _area(back, "DM1") == 30.0 and back.room("DM1").beds == 12
    assert sorted(back.room("DM1").polygon) == sorted(small.room("DM1").polygon)
    assert {d.id: d.between for d in back.doors}["d1"] == ("DM1", "C1")


def test_split_needs_a_line_across_the_room(small):
    with pytest.raises(pe.EditRefused) as e:
        pe.split_room(small, "DM1", (20, -1), (20, 6))
    assert e.value.code == "split_parts"


def test_merge_sums_and_drops_the_door_between(small):
    out = pe.merge_rooms(small, "DW1", "SAN1")  # x 6..15, y 0..5: 45 m², one rectangle
    assert sorted(out.room("DW1").polygon) == [(6, 0), (6, 5), (15, 0), (15, 5)]
    assert out.room("DW1").fixtures.wc == 2 and out.room("DW1").beds == 6
    assert "d3" in {d.id for d in out.doors} and {d.id: d.between for d in out.doors}["d3"] == ("DW1", "C1")
    with pytest.raises(pe.EditRefused) as e:
        pe.merge_rooms(small, "DM1", "SAN1")
    assert e.value.code == "not_adjacent"


def test_add_room_delete_room(small):
    out, rid = pe.add_room(small, [(20, 0), (24, 0), (24, 3), (20, 3)], use="office")
    assert rid == "R1" and _area(out, "R1") == 12.0 and out.room("R1").use == "office"
    with pytest.raises(pe.EditRefused):
        pe.add_room(small, [(5, 1), (9, 1), (9, 3), (5, 3)])  # over DM1 and DW1
    with pytest.raises(pe.EditRefused) as e:
        pe.add_room(small, [(0, 0), (4, 4), (4, 0), (0, 4)])  # a bow tie
    assert e.value.code == "invalid"
    gone = pe.delete_room(small, "DM1")
    assert "DM1" not in {r.id for r in gone.rooms} and "d1" not in {d.id for d in gone.doors}


def test_doors_on_walls(small):
    plan = build_plan(small)
    # the wall DM1 | DW1 (x 6, y 0..5) clicked at (6.05, 2): a door between them at (6, 2)
    out, did = pe.add_door(small, plan, (6.05, 2.0))
    door = out.doors[-1]
    assert did == "d5" and set(door.between) == {"DM1", "DW1"} and door.at == (6, 2) and door.width == 0.9
    # DM1's west wall is an outside wall: an exit
    out, did = pe.add_door(small, plan, (0.02, 2.5), width=1.2)
    assert out.doors[-1].between == ("DM1", "outside") and out.doors[-1].at == (0, 2.5) and did == "e2"
    with pytest.raises(pe.EditRefused) as e:
        pe.add_door(small, plan, (3, 2.5))  # the middle of a room
    assert e.value.code == "no_wall"
    # the exit e1 moved along the corridor's east wall; off the wall it is refused
    moved = pe.move_door(small, plan, "e1", (15.02, 6.5))
    assert {d.id: d.at for d in moved.doors}["e1"] == (15, 6.5)
    with pytest.raises(pe.EditRefused):
        pe.move_door(small, plan, "e1", (10, 10))
    assert {d.id: d.width for d in pe.set_door_width(small, "d1", 1.1).doors}["d1"] == 1.1
    assert "d1" not in {d.id for d in pe.delete_door(small, "d1").doors}


def test_update_room_uses_the_table_validation(small):
    out = pe.update_room(small, "DW1", {"use": "office", "beds": 0, "windows": "1.2x1"})
    assert out.room("DW1").use == "office" and out.room("DW1").windows[0].width == 1.2
    with pytest.raises(LayoutError, match=r"rooms\[2\]\.windows"):
        pe.update_room(small, "DW1", {"windows": "large"})


def test_routes_from_a_room(small):
    plan = build_plan(small)
    routes = pe.route_lines(plan, "DM1")
    # DM1's door d1 (middle of y 5, x 0..6: (3, 5)), then through C1 to the exit e1 at (15, 6) or to the
    # yard door d4; the sanitary room's door d3 at (13, 5)
    assert routes["exit"]["points"][0] == [3.0, 2.5] and routes["exit"]["points"][1] == [3.0, 5.0]
    assert routes["wc"]["to"] == "SAN1" and routes["wc"]["points"][-2] == [13.0, 5.0]


# ---- properties -------------------------------------------------------------------------------

coords = st.floats(min_value=-3, max_value=18, allow_nan=False).map(lambda v: round(v, 2))


@settings(max_examples=40, deadline=None)
@given(x=st.floats(min_value=0.3, max_value=5.7), angle=st.floats(min_value=-0.5, max_value=0.5))
def test_split_then_merge_keeps_the_area(x, angle):
    small = load_layout(SMALL)
    a, b = (x - angle * 4, -2.0), (x + angle * 4, 7.0)
    try:
        out, new = pe.split_room(small, "DM1", a, b)
    except pe.EditRefused:
        return
    assert abs(_area(out, "DM1") + _area(out, new) - 30.0) < 0.01
    back = pe.merge_rooms(out, "DM1", new)
    assert abs(_area(back, "DM1") - 30.0) < 0.01


@settings(max_examples=60, deadline=None)
@given(op=st.sampled_from(["move", "resize", "add", "shared"]), room=st.sampled_from(["DM1", "DW1", "SAN1", "C1"]),
       dx=coords, dy=coords, handle=st.sampled_from(pe.HANDLES))
def test_no_accepted_edit_leaves_an_overlap(op, room, dx, dy, handle):
    small = load_layout(SMALL)
    try:
        if op == "move":
            out = pe.move_room(small, room, dx - 8, dy - 8)
        elif op in ("resize", "shared"):
            out = pe.resize_room(small, room, handle, (dx - 8) / 2, (dy - 8) / 2, shared=op == "shared")
        else:
            out, _rid = pe.add_room(small, [(dx, dy), (dx + 2, dy), (dx + 2, dy + 2), (dx, dy + 2)])
    except pe.EditRefused:
        return
    plan = build_plan(out)
    assert plan.overlaps == [] and plan.invalid == {}


def test_an_edit_validates_what_it_changed_and_keeps_the_rest(small):
    """The rooms and doors an edit leaves alone are the given centre's own (not validated again);
    the result is the centre a full validation of the same data gives."""
    from centreplan.layouts.io import centre_from_data, to_data

    moved = pe.move_room(small, "YARD", 0.0, 1.0, snap=False)
    assert moved == centre_from_data(to_data(moved))
    kept = {r.id for r, before in zip(moved.rooms, small.rooms) if r is before}
    assert kept == {"C1", "DM1", "DW1", "SAN1"}
    assert moved.room("YARD").polygon != small.room("YARD").polygon
    assert all(a is b for a, b in zip(moved.doors, small.doors) if "YARD" not in a.between)


def test_an_invalid_outline_is_still_refused_when_the_rest_is_kept(small):
    # a bow tie: its two sides cross
    with pytest.raises(pe.EditRefused) as e:
        pe.set_polygon(small, "YARD", [(0, 7), (15, 12), (15, 7), (0, 12)])
    assert e.value.code == "invalid" and e.value.values["room"] == "YARD"
