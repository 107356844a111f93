"""The routes of the plan, worked out with plain dictionaries and one shortest-path run per target set,
are the ones networkx gave: the same distances to the last bit, the same rooms and doors, the same
choice among routes of equal length (properties on random plans with L-shaped rooms, several doors
between two rooms and walls of whole metres, where ties are common).

The reference below is how :mod:`planner.geometry` measured routes before: a networkx door graph
whose edges join the doors of each room (walks from :meth:`Plan._walks_from_door`), then
``networkx.multi_source_dijkstra`` from the targets' doors.
"""
from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point

from centreplan.planner.geometry import Plan, Route, build_plan
from centreplan.planner.model import OUTSIDE, Centre
from centreplan.planner.shortest_paths import dijkstra


# ---- the reference: networkx, as the plan measured routes before ------------------------------
def reference_graph(p: Plan) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(p.door_points)
    for rid, doors in p.doors_of.items():
        for k, d1 in enumerate(doors):
            if k + 1 == len(doors):
                break
            _, to_doors = p._walks_from_door(rid, d1.id)
            for d2 in doors[k + 1:]:
                w = to_doors[d2.id]
                if not g.has_edge(d1.id, d2.id) or g[d1.id][d2.id]["weight"] > w:
                    g.add_edge(d1.id, d2.id, weight=w, room=rid)
    return g


def reference_far(p: Plan, rid: str, did: str) -> float:
    to_vertices, _ = p._walks_from_door(rid, did)
    return float(to_vertices.max()) if to_vertices.size else 0.0


def reference_routes(p: Plan, sources: list[str], at_target: set[str], end_of) -> dict[str, Route]:
    out = {rid: Route(0.0, [rid]) for rid in at_target}
    if not sources:
        return out
    g = reference_graph(p)
    dist, paths = nx.multi_source_dijkstra(g, sources, weight="weight")
    for rid in p.ids:
        if rid in out:
            continue
        best = None
        for door in p.doors_of[rid]:
            if door.id not in dist:
                continue
            total = reference_far(p, rid, door.id) + dist[door.id]
            if best is None or total < best[0]:
                best = (total, door.id)
        if best is None:
            continue
        total, first = best
        doors = list(reversed(paths[first]))
        rooms = [rid]
        for d1, d2 in zip(doors, doors[1:]):
            via = g[d1][d2]["room"]
            if via != rooms[-1]:
                rooms.append(via)
        end = end_of(doors[-1])
        if end != rooms[-1]:
            rooms.append(end)
        out[rid] = Route(total, rooms, doors)
    return out


# ---- random plans ---------------------------------------------------------------------------------
@st.composite
def plans(draw):
    """A grid of cells of whole-metre sizes; some 2 × 2 blocks make an L-shaped room of three cells
    (a room that is not convex) and a square room; neighbours joined by one or two doors, some placed
    with ``at``; doors to outside on the left wall."""
    cols = draw(st.lists(st.integers(1, 6), min_size=2, max_size=5))
    rows = draw(st.lists(st.integers(1, 6), min_size=2, max_size=4))
    xs = [0]
    for w in cols:
        xs.append(xs[-1] + w)
    ys = [0]
    for h in rows:
        ys.append(ys[-1] + h)
    taken: set[tuple[int, int]] = set()
    rooms = []
    for i in range(0, len(cols) - 1, 2):
        for j in range(0, len(rows) - 1, 2):
            if draw(st.booleans()):  # an L of cells (i, j), (i+1, j), (i, j+1); the cell (i+1, j+1) alone
                x0, x1, x2, y0, y1, y2 = xs[i], xs[i + 1], xs[i + 2], ys[j], ys[j + 1], ys[j + 2]
                rooms.append({"id": f"L{i}_{j}", "use": "corridor",
                              "polygon": [[x0, y0], [x2, y0], [x2, y1], [x1, y1], [x1, y2], [x0, y2]]})
                taken |= {(i, j), (i + 1, j), (i, j + 1)}
    for i in range(len(cols)):
        for j in range(len(rows)):
            if (i, j) not in taken:
                rooms.append({"id": f"R{i}_{j}", "use": "office", "polygon": [
                    [xs[i], ys[j]], [xs[i + 1], ys[j]], [xs[i + 1], ys[j + 1]], [xs[i], ys[j + 1]]]})
    bare = build_plan(Centre.model_validate({"centre": {"name": "grid"}, "rooms": rooms}))
    doors = []
    for a in bare.ids:
        for b in sorted(bare.neighbours[a]):
            if a >= b or not draw(st.booleans()):
                continue
            wall = bare.shared_wall(a, b)
            for k in range(draw(st.integers(1, 2))):
                door = {"id": f"d{len(doors)}", "between": [a, b], "width": 0.8}
                if k or draw(st.booleans()):  # a second door, or the first one, placed along the wall
                    pt = wall.interpolate(draw(st.sampled_from([0.25, 0.5, 0.75])), normalized=True)
                    door["at"] = [pt.x, pt.y]
                doors.append(door)
    for n, j in enumerate(sorted(draw(st.sets(st.integers(0, len(rows) - 1), min_size=1, max_size=2)))):
        at = Point(0, (ys[j] + ys[j + 1]) / 2)
        owner = next(rid for rid in bare.ids if bare.polygons[rid].boundary.distance(at) < 1e-9)
        doors.append({"id": f"exit{n}", "between": [owner, "outside"], "width": 0.9, "at": [at.x, at.y]})
    return Centre.model_validate({"centre": {"name": "grid"}, "rooms": rooms, "doors": doors})


def same(routes: dict[str, Route], expected: dict[str, Route]) -> None:
    assert list(routes) == list(expected)
    for rid, r in expected.items():
        got = routes[rid]
        assert (got.distance, got.rooms, got.doors) == (r.distance, r.rooms, r.doors), rid


@settings(max_examples=80, deadline=None)
@given(plans())
def test_routes_are_networkx_routes(centre):
    p = build_plan(centre)
    exits = sorted({d.id for d in p.exits})
    same(p.routes_to_exit(), reference_routes(p, exits, set(), p._exit_end))
    for target in p.ids[::3]:
        targets = {target}
        sources = sorted({d.id for d in p.doors_of[target]})
        same(p.routes_to([target]), reference_routes(p, sources, targets, lambda d, t=targets: p._target_room(d, t)))
    for rid in p.ids:
        for d in p.doors_of[rid]:
            assert p.far_distance(rid, d.id) == reference_far(p, rid, d.id)


@settings(max_examples=40, deadline=None)
@given(plans())
def test_door_graph_is_the_networkx_graph(centre):
    p = build_plan(centre)
    ref = reference_graph(p)
    g = p.graph
    assert list(g.nodes) == list(ref.nodes)
    for n in ref.nodes:  # the same neighbours in the same order, with the same weights and rooms
        assert list(g[n].items()) == list(ref[n].items())


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 12).flatmap(lambda n: st.tuples(
    st.just(n),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.integers(0, 4)), max_size=30),
    st.lists(st.integers(0, n - 1), min_size=1, max_size=3))))
def test_dijkstra_follows_networkx(case):
    """Small integer weights (zero included): ties everywhere, and the same path wins."""
    n, edges, sources = case
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for a, b, w in edges:
        if a != b:
            g.add_edge(a, b, weight=float(w))
    adj = {v: {u: e["weight"] for u, e in g[v].items()} for v in g}
    dist, pred = dijkstra(adj, sources)
    ref_dist, ref_paths = nx.multi_source_dijkstra(g, sources, weight="weight")
    assert dist == ref_dist
    for v in ref_dist:
        path = [v]
        while path[-1] in pred:
            path.append(pred[path[-1]])
        assert path[::-1] == ref_paths[v]


def test_routes_are_worked_out_once_per_target_set():
    centre = Centre.model_validate({"centre": {"name": "x"}, "rooms": [
        {"id": "A", "use": "office", "polygon": [[0, 0], [4, 0], [4, 3], [0, 3]]},
        {"id": "S", "use": "sanitary", "polygon": [[4, 0], [8, 0], [8, 3], [4, 3]]}],
        "doors": [{"id": "d", "between": ["A", "S"], "width": 0.9},
                  {"id": "e", "between": ["A", OUTSIDE], "width": 0.9, "at": [0, 1.5]}]})
    p = build_plan(centre)
    assert p.routes_to(["S"]) is p.routes_to({"S"})
    assert p.routes_to_exit() is p.routes_to_exit()
    # A's farthest corners from door d at (4, 1.5) are (0, 0) and (0, 3): √(4² + 1.5²); d is S's own door
    assert p.routes_to(["S"])["A"].distance == pytest.approx(math.hypot(4, 1.5))
    assert p.routes_to(["S"])["A"].rooms == ["A", "S"]


@settings(max_examples=40, deadline=None)
@given(plans())
def test_routes_read_in_any_order_are_the_routes(centre):
    """A room's route is read off the shortest-path tree when first asked for: asked for in reverse
    order, one by one, before the mapping is ever listed, the routes are the ones a fresh plan lists;
    a room with no way there is absent, and a pickled mapping is the plain dictionary of them."""
    import pickle

    lazy, listed = build_plan(centre), build_plan(centre)
    exits = sorted({d.id for d in lazy.exits})
    ref = reference_routes(lazy, exits, set(), lazy._exit_end)
    asked = lazy.routes_to_exit()
    for rid in reversed(lazy.ids):
        got = asked.get(rid)
        assert (got is None) == (rid not in ref)
        if got is not None:
            assert (got.distance, got.rooms, got.doors) == (ref[rid].distance, ref[rid].rooms, ref[rid].doors)
            assert asked[rid] is got  # kept once made
    same(asked, ref)
    same(listed.routes_to_exit(), ref)
    again = pickle.loads(pickle.dumps(asked))
    assert type(again) is dict
    same(again, ref)


def test_a_plan_and_its_routes_are_freed_once_unused_without_the_cycle_collector():
    """Routes hold what they read, not the plan that holds them: a checked plan goes as soon as
    nothing refers to it (a plan of 5,500 rooms is tens of megabytes, and the collector may not run
    for a long while)."""
    import gc
    import weakref

    from bench.synthetic import synthetic_centre
    from centreplan.standards import check

    centre = synthetic_centre(60)
    was = gc.isenabled()
    gc.disable()
    try:
        plan = build_plan(centre)
        gone = weakref.ref(plan)
        report = check(centre, plan=plan)
        assert plan.routes_to_exit() and plan._route_sets  # routes were made
        del plan
        assert gone() is None
        assert report.findings[0].message  # the texts need no plan
    finally:
        if was:
            gc.enable()


def _two_doors_between(a_polygon: list[list[float]]) -> Plan:
    """Room A (left) and room B (right, 2 m × 4 m) joined by two doors on x = 4, at y = 1 and y = 3."""
    return build_plan(Centre.model_validate({"centre": {"name": "x"}, "rooms": [
        {"id": "A", "use": "office", "polygon": a_polygon},
        {"id": "B", "use": "office", "polygon": [[4, 0], [6, 0], [6, 4], [4, 4]]}],
        "doors": [{"id": "d1", "between": ["A", "B"], "width": 0.8, "at": [4, 1]},
                  {"id": "d2", "between": ["A", "B"], "width": 0.8, "at": [4, 3]}]}))


def test_two_rooms_joining_the_same_two_doors_the_walk_crosses_the_shorter():
    # A has a notch 1 m deep between the doors, from y = 1.5 to 2.5: the walk in A goes round its two
    # corners, √(1² + 0.5²) + 1 + √(1² + 0.5²) = 3.236 m; in B it is the straight 2 m
    p = _two_doors_between([[0, 0], [4, 0], [4, 1.5], [3, 1.5], [3, 2.5], [4, 2.5], [4, 4], [0, 4]])
    adj, crossed = p._door_graph
    assert adj["d1"]["d2"] == adj["d2"]["d1"] == 2.0
    assert crossed("d1", "d2") == crossed("d2", "d1") == "B"
    assert p.graph["d1"]["d2"] == {"weight": 2.0, "room": "B"}


def test_two_rooms_joining_the_same_two_doors_as_short_the_walk_crosses_the_first():
    p = _two_doors_between([[0, 0], [4, 0], [4, 4], [0, 4]])  # 2 m straight in both rooms
    adj, crossed = p._door_graph
    assert adj["d1"]["d2"] == 2.0
    assert crossed("d1", "d2") == "A"
    assert p.graph["d1"]["d2"] == {"weight": 2.0, "room": "A"}


@settings(max_examples=40, deadline=None)
@given(plans())
def test_a_step_of_the_door_graph_is_the_networkx_edge(centre):
    """Plan.step(d1, d2) gives the room crossed and the metres of the networkx graph's edge, for every edge."""
    p = build_plan(centre)
    for d1, d2, edge in p.graph.edges(data=True):
        assert p.step(d1, d2) == p.step(d2, d1) == (edge["room"], edge["weight"])
