"""Shortest paths on small weighted graphs held as plain dictionaries, without networkx.

A graph is ``{node: {neighbour: weight, …}, …}`` (both directions stored). :func:`dijkstra` runs
from several sources at once and follows networkx's ``multi_source_dijkstra`` step for step — the
same order of visits, the same tie-breaks, the same sums — so routes and distances are the ones
networkx gives, at a fraction of its cost (no attribute dictionaries, no weight function per edge).
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from heapq import heappop, heappush
from itertools import count
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def dijkstra(adj: Mapping[N, Mapping[N, float]], sources: Iterable[N]) -> tuple[dict[N, float], dict[N, N]]:
    """Distances from the nearest of ``sources`` to every node they reach, and each reached node's
    predecessor on its shortest path (sources have none).

    Among paths of equal length the first found wins, as in networkx (neighbours in the order they
    were added, sources in the order given).
    """
    dist: dict[N, float] = {}
    seen: dict[N, float] = {}
    pred: dict[N, N] = {}
    c = count()
    fringe: list[tuple[float, int, N]] = []
    push, pop, tick = heappush, heappop, c.__next__
    for s in sources:
        seen[s] = 0
        push(fringe, (0, tick(), s))
    while fringe:
        d, _, v = pop(fringe)
        if v in dist:
            continue
        dist[v] = d
        for u, w in adj[v].items():
            if u in dist:
                continue
            du = d + w
            old = seen.get(u)
            if old is None or du < old:
                seen[u] = du
                push(fringe, (du, tick(), u))
                pred[u] = v
    return dist, pred
