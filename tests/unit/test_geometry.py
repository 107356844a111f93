"""Plan geometry with values worked out by hand, and properties on random grids of rooms."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from centreplan.layouts.io import loads
from centreplan.planner.geometry import build_plan, validity_reason
from centreplan.planner.model import Centre
from tests.conftest import SMALL_LAYOUT


@pytest.fixture
def plan():
    return build_plan(loads(SMALL_LAYOUT))


def test_areas_and_widths(plan):
    assert plan.area("D1") == pytest.approx(20.0)  # 5 m × 4 m
    assert plan.area("C") == pytest.approx(40.0)  # 20 m × 2 m
    assert plan.least_width("D1") == pytest.approx(4.0)
    assert plan.least_width("S") == pytest.approx(3.0)


def test_l_shaped_room_width_and_area():
    # an L: a 6 × 2 strip and a 2 × 4 leg: area 6·2 + 2·4 = 20 m²; narrowest part 2 m
    c = Centre.model_validate({"centre": {"name": "L"}, "rooms": [
        {"id": "L", "use": "dining", "polygon": [[0, 0], [6, 0], [6, 2], [2, 2], [2, 6], [0, 6]]}]})
    p = build_plan(c)
    assert p.area("L") == pytest.approx(20.0)
    assert p.least_width("L") == pytest.approx(2.0, abs=0.05)


def test_adjacency_needs_a_shared_wall_not_a_corner(plan):
    assert plan.neighbours["D1"] == {"C", "D2"}
    assert plan.neighbours["S"] == {"C", "D2"}
    assert plan.shared_wall_length("D1", "C") == pytest.approx(5.0)
    assert plan.shared_wall_length("D2", "S") == pytest.approx(4.0)
    corner = Centre.model_validate({"centre": {"name": "x"}, "rooms": [
        {"id": "A", "use": "office", "polygon": [[0, 0], [2, 0], [2, 2], [0, 2]]},
        {"id": "B", "use": "office", "polygon": [[2, 2], [4, 2], [4, 4], [2, 4]]}]})
    assert build_plan(corner).neighbours == {"A": set(), "B": set()}


def test_rooms_on_other_levels_are_not_neighbours():
    c = Centre.model_validate({"centre": {"name": "x", "levels": 2}, "rooms": [
        {"id": "A", "use": "office", "polygon": [[0, 0], [2, 0], [2, 2], [0, 2]]},
        {"id": "B", "use": "office", "level": 1, "polygon": [[0, 0], [2, 0], [2, 2], [0, 2]]}]})
    p = build_plan(c)
    assert p.neighbours["A"] == set() and p.overlaps == []


def test_door_positions(plan):
    assert plan.door_points["d1"] == pytest.approx((2.5, 2.0))  # middle of the 5 m wall D1|C
    assert plan.door_points["d3"] == pytest.approx((11.5, 2.0))
    assert plan.door_points["e1"] == pytest.approx((0.0, 1.0))
    assert [d.id for d in plan.exits] == ["e1"]


def test_door_at_is_projected_on_the_shared_wall():
    c = loads(SMALL_LAYOUT.replace("{id: d1, between: [D1, C], width: 0.9}",
                                   "{id: d1, between: [D1, C], width: 0.9, at: [1, 2.05]}"))
    assert build_plan(c).door_points["d1"] == pytest.approx((1.0, 2.0))


def test_walking_distance_to_sanitary_by_hand(plan):
    # D1's farthest point from its door (2.5, 2) is a far corner (0, 6) or (5, 6): √(2.5² + 4²) = 4.717;
    # then along the corridor from d1 (2.5, 2) to d3 (11.5, 2): 9 m. Total 13.717 m through C.
    r = plan.routes_to(["S"])["D1"]
    assert r.distance == pytest.approx(math.hypot(2.5, 4) + 9.0)
    assert r.rooms == ["D1", "C", "S"] and r.through == ["C"]
    assert plan.routes_to(["S"])["S"].distance == 0


def test_walking_distance_to_exit_by_hand(plan):
    # D2: farthest corner from d2 (7.5, 2) is √(2.5² + 4²) = 4.717; d2 → e1 (0, 1): √(7.5² + 1²) = 7.566
    r = plan.routes_to_exit()["D2"]
    assert r.distance == pytest.approx(math.hypot(2.5, 4) + math.hypot(7.5, 1))
    assert r.rooms == ["D2", "C", "outside"]
    # the corridor itself: its farthest point from e1 is (20, 0) or (20, 2): √(20² + 1²)
    assert plan.routes_to_exit()["C"].distance == pytest.approx(math.hypot(20, 1))


def test_door_problems_named():
    text = SMALL_LAYOUT.replace("{id: d3, between: [S, C], width: 0.9}", "{id: d3, between: [S, D1], width: 0.9}")
    text = text.replace("{id: d2, between: [D2, C], width: 0.9}", "{id: d2, between: [D2, C], width: 6}")
    text = text.replace("at: [0, 1]", "at: [-1, 1]")
    msgs = [p.message for p in build_plan(loads(text)).problems()]
    assert "doors[2] (d3): rooms S and D1 do not touch (their outlines share no wall)" in msgs
    assert "doors[1] (d2): the wall shared by D2 and C is 5.00 m long, shorter than the door's 6.00 m" in msgs
    assert any(m.startswith("doors[3] (e1): 'at' (-1, 1) is 1.00 m from the outline of room C") for m in msgs)


def test_unreachable_room_and_overlap():
    text = SMALL_LAYOUT.replace("  - {id: d3, between: [S, C], width: 0.9}\n", "")
    text = text.replace("[[10, 2], [13, 2], [13, 6], [10, 6]]", "[[9, 2], [13, 2], [13, 6], [9, 6]]")
    p = build_plan(loads(text))
    assert p.reachable_from_exits() == {"C", "D1", "D2"}
    assert p.overlaps == [("D2", "S", pytest.approx(4.0))]  # 1 m × 4 m
    assert "S" not in p.routes_to_exit()


@pytest.mark.parametrize("coords, reason", [
    ([(0, 0), (2, 2), (2, 0), (0, 2)], "self-intersection at (1.00, 1.00)"),
    ([(0, 0), (1, 0), (2, 0)], None),
])
def test_validity_reasons(coords, reason):
    from shapely.geometry import Polygon

    got = validity_reason(Polygon(coords))
    if reason:
        assert got == reason
    else:
        assert got  # a degenerate outline always has a reason


# ---- properties on random grids of rectangles -------------------------------------------------

@st.composite
def grids(draw):
    """A grid of rooms of random column widths and row depths, every neighbour pair joined by a door
    with some probability, and doors to outside on the outline."""
    cols = draw(st.lists(st.floats(1.0, 8.0), min_size=1, max_size=5))
    rows = draw(st.lists(st.floats(1.0, 8.0), min_size=1, max_size=4))
    xs = [0.0]
    for w in cols:
        xs.append(round(xs[-1] + w, 3))
    ys = [0.0]
    for h in rows:
        ys.append(round(ys[-1] + h, 3))
    rooms, doors = [], []
    for i in range(len(cols)):
        for j in range(len(rows)):
            rooms.append({"id": f"R{i}_{j}", "use": "office",
                          "polygon": [[xs[i], ys[j]], [xs[i + 1], ys[j]], [xs[i + 1], ys[j + 1]], [xs[i], ys[j + 1]]]})
            if i + 1 < len(cols) and draw(st.booleans()):
                doors.append({"id": f"h{i}_{j}", "between": [f"R{i}_{j}", f"R{i + 1}_{j}"], "width": 0.8})
            if j + 1 < len(rows) and draw(st.booleans()):
                doors.append({"id": f"v{i}_{j}", "between": [f"R{i}_{j}", f"R{i}_{j + 1}"], "width": 0.8})
    doors.append({"id": "exit", "between": ["R0_0", "outside"], "width": 0.9, "at": [0.0, ys[1] / 2]})
    return Centre.model_validate({"centre": {"name": "grid"}, "rooms": rooms, "doors": doors})


@settings(max_examples=60, deadline=None)
@given(grids())
def test_adjacency_is_symmetric_and_matches_the_grid(centre):
    p = build_plan(centre)
    for a, ns in p.neighbours.items():
        for b in ns:
            assert a in p.neighbours[b]
            assert p.shared_wall_length(a, b) == pytest.approx(p.shared_wall_length(b, a))
    for a in p.ids:
        i, j = map(int, a[1:].split("_"))
        expected = {f"R{i + di}_{j + dj}" for di, dj in ((1, 0), (-1, 0), (0, 1), (0, -1))} & set(p.ids)
        assert p.neighbours[a] == expected
    assert p.problems() == []


@settings(max_examples=60, deadline=None)
@given(grids())
def test_walking_distance_is_never_below_the_straight_line(centre):
    p = build_plan(centre)
    for target in p.ids[:3]:
        target_poly = p.polygons[target]
        for rid, route in p.routes_to([target]).items():
            assert route.distance + 1e-9 >= p.polygons[rid].distance(target_poly)
            assert route.rooms[0] == rid and route.rooms[-1] == target
    exit_point = Point(p.door_points["exit"])
    for rid, route in p.routes_to_exit().items():
        # from the room's farthest point: at least as far as any of its corners to the exit door
        far = max(Point(c).distance(exit_point) for c in p.polygons[rid].exterior.coords)
        assert route.distance + 1e-9 >= far


def test_walks_turn_the_corner_of_an_l_shaped_room():
    """Regression: distances through L-shaped rooms were straight lines that cut through walls.

    An L corridor: a 2 m strip x 0..2, y 0..20 and an arm x 2..12, y 0..2. A door at the end of the
    arm (12, 1) to outside and one at the top of the strip (1, 20) to a room R above. Walking from
    (1, 20) to (12, 1) goes round the inner corner (2, 2): √(1² + 18²) + √(10² + 1²).
    The farthest point of the corridor from the exit is the corner (0, 20): √(2² + 18²) + √(10² + 1²).
    """
    c = Centre.model_validate({"centre": {"name": "L"}, "rooms": [
        {"id": "C", "use": "corridor", "polygon": [[0, 0], [12, 0], [12, 2], [2, 2], [2, 20], [0, 20]]},
        {"id": "R", "use": "office", "polygon": [[0, 20], [2, 20], [2, 24], [0, 24]]}],
        "doors": [{"id": "e", "between": ["C", "outside"], "width": 0.9, "at": [12, 1]},
                  {"id": "d", "between": ["R", "C"], "width": 0.9}]})
    p = build_plan(c)
    round_corner = math.hypot(1, 18) + math.hypot(10, 1)
    assert p.walk_within("C", (1, 20), (12, 1)) == pytest.approx(round_corner)
    assert p.walk_within("C", (1, 1), (11, 1)) == pytest.approx(10)  # in sight: a straight line
    assert p.far_distance("C", "e") == pytest.approx(math.hypot(2, 18) + math.hypot(10, 1))
    # R: its farthest corner (0, 24) or (2, 24) is √(1² + 4²) from d (1, 20), then round the corner
    assert p.routes_to_exit()["R"].distance == pytest.approx(math.hypot(1, 4) + round_corner)
