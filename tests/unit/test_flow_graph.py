"""The flow-order graph logic (standards/kinds/flow.py) against brute force on small random plans.

Rooms 0..n-1 joined by random doors (some one-way); three stations and the accommodation are random
disjoint sets of rooms. ``order_problems`` says a station k can be gone round exactly when some walk
from an earlier station reaches a later station or the accommodation without entering k — checked
here by enumerating every simple path with networkx.
"""
from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from centreplan.planner.model import Door
from centreplan.standards.kinds.flow import order_problems, path_avoiding, reachable_avoiding, room_graph

N = 7


@st.composite
def plans(draw):
    pairs = list(itertools.combinations(range(N), 2))
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=12))
    doors = []
    for i, (a, b) in enumerate(chosen):
        way = draw(st.sampled_from(["both", "ab", "ba"]))
        between = (f"r{a}", f"r{b}") if way != "ba" else (f"r{b}", f"r{a}")
        doors.append(Door(id=f"d{i}", between=between, width=0.9, one_way=True if way != "both" else None))
    roles = draw(st.lists(st.sampled_from(["s0", "s1", "s2", "acc", "res", "none"]), min_size=N, max_size=N))
    return doors, roles


def _sets(roles):
    def of(r):
        return {f"r{i}" for i, x in enumerate(roles) if x == r}
    return [of("s0"), of("s1"), of("s2")], of("acc"), of("res") | of("acc")


def _checked(plan):
    """The room graph of a drawn plan, its stations, accommodation and residents' rooms."""
    doors, roles = plan
    stations, acc, residents = _sets(roles)
    return room_graph([f"r{i}" for i in range(N)], doors), stations, acc, residents


def _paths(g, sources, targets):
    for s in sources:
        for t in targets:
            if s != t:
                yield from nx.all_simple_paths(g, s, t)


@settings(max_examples=150, deadline=None)
@given(plans())
def test_a_station_is_gone_round_exactly_when_a_path_avoids_it(plan) -> None:
    g, stations, acc, residents = _checked(plan)
    if not all(stations):
        return
    checks, _ = order_problems(g, stations, acc, residents)
    for c in checks:
        k = c.index
        before = set().union(*stations[:k])
        after = set().union(*stations[k + 1:], acc)
        avoiding = [p for p in _paths(g, before, after) if not set(p) & stations[k]]
        assert (c.bypass is not None) == bool(avoiding)
        if c.bypass is not None:
            # the way round is a real walk: from an earlier station to a later one, door by door
            assert c.bypass[0] in before and c.bypass[-1] in after
            assert not set(c.bypass) & stations[k]
            assert all(g.has_edge(x, y) for x, y in zip(c.bypass, c.bypass[1:]))


@settings(max_examples=150, deadline=None)
@given(plans())
def test_a_station_is_reached_exactly_when_a_path_crosses_no_residents_room(plan) -> None:
    g, stations, acc, residents = _checked(plan)
    if not all(stations):
        return
    checks, last = order_problems(g, stations, acc, residents)
    for c in checks:
        prev, here = stations[c.index - 1], stations[c.index]
        clean = [p for p in _paths(g, prev, here) if not set(p[1:-1]) & (residents - prev - here)]
        assert (c.reached is not None) == bool(clean)
        if c.reached is not None:
            assert len(c.reached) == min(len(p) for p in clean)  # a shortest one
    assert (last is not None) == (bool(list(_paths(g, stations[-1], acc))) or bool(stations[-1] & acc))


@settings(max_examples=100, deadline=None)
@given(plans())
def test_reachable_avoiding_is_the_descendants_in_the_plan_without_the_avoided_rooms(plan) -> None:
    doors, roles = plan
    g = room_graph([f"r{i}" for i in range(N)], doors)
    avoid = {f"r{i}" for i, x in enumerate(roles) if x == "res"}
    sub = g.subgraph(set(g) - avoid)
    for s in sorted(set(g) - avoid):
        assert reachable_avoiding(g, [s], avoid) == {s} | nx.descendants(sub, s)
        for t in sorted(set(g) - avoid - {s}):
            p = path_avoiding(g, [s], [t], avoid)
            assert (p is not None) == nx.has_path(sub, s, t)


def test_a_one_way_door_gives_one_arc_and_doors_to_outside_none() -> None:
    doors = [Door(id="a", between=("T", "I"), width=0.9, one_way=True),
             Door(id="b", between=("T", "C"), width=0.9),
             Door(id="c", between=("I", "outside"), width=0.9, at=(0, 0))]
    g = room_graph(["T", "I", "C"], doors)
    assert sorted(g.edges) == [("C", "T"), ("T", "C"), ("T", "I")]
