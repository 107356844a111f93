"""Flow kinds: the order in which new arrivals pass the stations of a transit centre, the one-way way
into isolation, and interview rooms nobody walks through.

Everything is judged on the *room graph* of the plan: one node per room, an arc from room a to room
b for each placed door between them that people may walk through from a (:meth:`Door.passable
<planner.model.Door.passable>`: a door with ``one_way: true`` lets people pass only from the first
room of its ``between`` to the second). Doors to ``outside`` are not part of the graph: the flow is
what happens inside the perimeter, and the quay gate is where it starts.

The pure functions :func:`room_graph`, :func:`order_problems` and :func:`reachable_avoiding` hold the
graph logic (tests/unit/test_flow_graph.py checks them with Hypothesis); the kinds turn their answers
into judgements.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from centreplan.planner.model import OUTSIDE, RESIDENT_GROUPS, SLEEPING_USES, Door
from centreplan.standards.env import Env
from centreplan.standards.registry import Code, Judgement, Kind, Name, Params, Phrase, Subject, check_uses, register

if TYPE_CHECKING:  # networkx loads when a transit centre's flow is first judged
    import networkx as nx


def room_graph(rooms: Iterable[str], doors: Iterable[Door]) -> nx.DiGraph:
    """Rooms as nodes; an arc a → b for each door between a and b that people may pass from a."""
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(rooms)
    for d in doors:
        a, b = d.between
        if OUTSIDE in (a, b) or a not in g or b not in g:
            continue
        if d.passable(a):
            g.add_edge(a, b)
        if d.passable(b):
            g.add_edge(b, a)
    return g


def reachable_avoiding(g: nx.DiGraph, sources: Iterable[str], avoid: Iterable[str] = ()) -> set[str]:
    """Rooms reachable from ``sources`` along arcs without entering a room of ``avoid`` (the sources
    themselves included unless avoided)."""
    blocked = set(avoid)
    start = [s for s in sources if s in g and s not in blocked]
    seen = set(start)
    stack = list(start)
    while stack:
        x = stack.pop()
        for y in g.successors(x):
            if y not in seen and y not in blocked:
                seen.add(y)
                stack.append(y)
    return seen


def path_avoiding(g: nx.DiGraph, sources: Iterable[str], targets: Iterable[str],
                  avoid: Iterable[str] = ()) -> list[str] | None:
    """A shortest path (fewest rooms) from a source to a target that enters no room of ``avoid``
    between them; None when there is none."""
    import networkx as nx

    blocked = set(avoid)
    tset = set(targets)
    sub = g.subgraph([n for n in g if n not in blocked or n in tset])
    best: list[str] | None = None
    for s in sorted(set(sources)):
        if s not in sub:
            continue
        lengths, paths = nx.single_source_shortest_path_length(sub, s), None
        hits = sorted((lengths[t], t) for t in tset if t in lengths)
        if hits:
            paths = nx.shortest_path(sub, s, hits[0][1])
            if best is None or len(paths) < len(best):
                best = paths
    return best


@dataclass(frozen=True)
class StationCheck:
    """What the order rule finds at station ``index`` (1 = the second station): ``reached`` is a path
    from the previous station that crosses no residents' room (None: none); ``bypass`` a path from an
    earlier station to a later one or to the accommodation that avoids this station (None: none)."""

    index: int
    reached: list[str] | None
    bypass: list[str] | None


def order_problems(g: nx.DiGraph, stations: Sequence[set[str]], accommodation: set[str],
                   residents: set[str]) -> tuple[list[StationCheck], list[str] | None]:
    """Check that ``stations`` are passed in order before ``accommodation``.

    For each station k ≥ 1: it is reached from station k − 1 by a path that enters no room of
    ``residents`` (the stations themselves excepted), and every path from stations 0 … k − 1 to a
    later station or to the accommodation passes through it (station k separates what comes before it
    from what comes after). Returns the checks per station and a path from the last station to the
    accommodation (None when there is none).
    """
    checks = []
    for k in range(1, len(stations)):
        before = set().union(*stations[:k])
        after = set().union(*stations[k + 1:], accommodation) - stations[k]
        reached = path_avoiding(g, stations[k - 1], stations[k], residents - stations[k] - stations[k - 1])
        seen = reachable_avoiding(g, before, stations[k])
        bypass = None
        if seen & after:
            bypass = path_avoiding(g, before, sorted(seen & after), stations[k])
        checks.append(StationCheck(k, reached, bypass))
    last = path_avoiding(g, stations[-1], accommodation) if stations else None
    return checks, last


def _uses_subject(use: str) -> Subject:
    return Subject("use", use, {"use": Name("uses", use, "label")})


def _route(rooms: Sequence[str]) -> str:
    return " → ".join(rooms)


class _OrderParams(Params):
    stations: list[str] = Field(min_length=2)  # room uses, in the order new arrivals pass them
    accommodation: list[str] = Field(default_factory=lambda: list(SLEEPING_USES))

    _u = field_validator("stations", "accommodation")(check_uses)


@register("mode")
class FlowOrder(Kind):
    """New arrivals pass the ``stations`` (room uses) in order before the ``accommodation``, each
    station reached from the one before without crossing a room of a resident group, and no way round
    a station (see :func:`order_problems`)."""

    name = "flow"
    mode = "order"
    fields = ("route", "station", "before", "target")
    programme = False
    Params = _OrderParams

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        p = rule.p
        by_use: dict[str, set[str]] = {u: set() for u in p.stations}
        for r in env.centre.rooms:
            if r.use in by_use:
                by_use[r.use].add(r.id)
        stations = [by_use[u] for u in p.stations]
        accommodation = {r.id for r in env.centre.rooms if r.use in p.accommodation}
        missing = [u for u in p.stations if not by_use[u]]
        if missing:
            first = p.stations.index(missing[0])
            before: Any = Name("uses", p.stations[first - 1]) if first else {"en": "landing", "fr": "débarquement"}
            return [Judgement("fail", subject=Subject("centre", None),
                              shows=Phrase("flow_missing", {"uses": [Code("uses", u) for u in missing]}),
                              requires=Phrase("flow_in_order", {"uses": [Code("uses", u) for u in p.stations]}),
                              reason="flow_station_missing",
                              values={"station": [Name("uses", u) for u in missing], "route": "—",
                                      "before": before, "target": "—"})]
        placed = [d for d in env.centre.doors if d.id in env.plan.door_points]
        g = room_graph(env.rooms, placed)
        residents = {r.id for r in env.centre.rooms if r.group in RESIDENT_GROUPS}
        checks, last = order_problems(g, stations, accommodation, residents)
        out = []
        for c in checks:
            use, prev = p.stations[c.index], p.stations[c.index - 1]
            requires = Phrase("flow_after", {"use": Code("uses", use), "before": Code("uses", prev)})
            values = {"station": Name("uses", use), "before": Name("uses", prev)}
            if c.reached is None:
                out.append(Judgement("fail", subject=_uses_subject(use), rooms=tuple(sorted(stations[c.index])),
                                     shows=Phrase("flow_not_reached", {"use": Code("uses", use),
                                                                       "before": Code("uses", prev)}),
                                     requires=requires, reason="flow_not_reached",
                                     values={**values, "route": "—", "target": "—"}))
            elif c.bypass is not None:
                out.append(Judgement("fail", subject=_uses_subject(use), rooms=tuple(c.bypass),
                                     shows=Phrase("flow_bypass", {"route": _route(c.bypass)}), requires=requires,
                                     reason="flow_bypass",
                                     values={**values, "route": _route(c.bypass), "target": c.bypass[-1]}))
            else:
                out.append(Judgement("pass", subject=_uses_subject(use), rooms=tuple(c.reached),
                                     shows=Phrase("flow_route", {"route": _route(c.reached)}), requires=requires))
        end = Phrase("flow_to_accommodation", {"use": Code("uses", p.stations[-1])})
        out_door = self._out_to_other_buildings(g, env, stations[-1], accommodation)
        if last is None and out_door is not None:
            out.append(Judgement("pass", subject=Subject("centre", None), rooms=tuple(sorted(stations[-1])),
                                 shows=Phrase("flow_out_to_buildings", {"door": out_door}), requires=end))
        elif last is None:
            out.append(Judgement("fail", subject=Subject("centre", None), rooms=tuple(sorted(stations[-1])),
                                 shows=Phrase("flow_no_accommodation", {"use": Code("uses", p.stations[-1])}),
                                 requires=end, reason="flow_no_accommodation",
                                 values={"station": Name("uses", p.stations[-1]), "route": "—", "before": "—",
                                         "target": "—"}))
        else:
            out.append(Judgement("pass", subject=Subject("centre", None), rooms=tuple(last),
                                 shows=Phrase("flow_route", {"route": _route(last)}), requires=end))
        return out

    @staticmethod
    def _out_to_other_buildings(g: nx.DiGraph, env: Env, last: set[str], accommodation: set[str]) -> str | None:
        """When the accommodation stands in other buildings (no door at all joins it to the last
        station's building), the last station's door to outside leads on to it: its id, else None."""
        import networkx as nx

        building = nx.node_connected_component(g.to_undirected(as_view=True), next(iter(sorted(last))))
        if building & accommodation:
            return None
        return next((d.id for r in sorted(last) for d in env.doors_of[r]
                     if d.to_outside and d.id in env.plan.door_points), None)


class _OneWayParams(Params):
    source: str = "triage"  # the use of the rooms the way into isolation starts from
    forbidden_uses: list[str] = Field(min_length=1)  # rooms an isolated person must not walk back to

    _u = field_validator("forbidden_uses")(check_uses)

    @field_validator("source")
    @classmethod
    def _s(cls, v: str) -> str:
        check_uses([v])
        return v


@register("mode")
class FlowOneWay(Kind):
    """Each isolation room is reached from a ``source`` room (triage) without crossing residents'
    rooms or rooms of ``forbidden_uses``, and from it nobody can walk back into a room of
    ``forbidden_uses`` (the way in is one-way: a door with ``one_way: true``, or no door back at all;
    the isolation room's own door to outside is not part of the room graph)."""

    name = "flow"
    mode = "one_way"
    fields = ("route", "source", "back")
    subjects = "rooms"
    programme = False
    Params = _OneWayParams

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        placed = [d for d in env.centre.doors if d.id in env.plan.door_points]
        g = room_graph(env.rooms, placed)
        sources = {r.id for r in env.centre.rooms if r.use == p.source}
        residents = {r.id for r in env.centre.rooms if r.group in RESIDENT_GROUPS}
        requires = Phrase("one_way_from", {"use": Code("uses", p.source)})
        values = {"source": Name("uses", p.source)}
        forbidden = {r.id for r in env.centre.rooms if r.use in p.forbidden_uses and r.id != room.id}
        # the way in leads from triage straight to isolation: through no residents' room and no
        # other station or common room (the source rooms themselves excepted)
        way_in = path_avoiding(g, sources, [room.id], (residents | forbidden) - sources)
        if way_in is None:
            return Judgement("fail", rooms=(room.id,),
                             shows=Phrase("isolation_not_from", {"use": Code("uses", p.source)}), requires=requires,
                             reason="isolation_not_from", values={**values, "route": "—", "back": "—"})
        back_to = reachable_avoiding(g, [room.id]) & forbidden
        if back_to:
            back = path_avoiding(g, [room.id], sorted(back_to)) or [room.id]
            return Judgement("fail", rooms=tuple(back), shows=Phrase("isolation_way_back", {"route": _route(back)}),
                             requires=requires, reason="isolation_way_back",
                             values={**values, "route": _route(back), "back": back[-1]})
        return Judgement("pass", rooms=tuple(way_in), shows=Phrase("one_way_route", {"route": _route(way_in)}),
                         requires=requires)


@register("mode")
class PrivateRoom(Kind):
    """A room of the rule is private: its doors lead to one space only (another room or outside), so
    no route between two other spaces passes through it."""

    name = "flow"
    mode = "private"
    fields = ("others",)
    subjects = "rooms"
    programme = False

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        spaces = sorted({d.other(room.id) for d in env.doors_of[room.id]})
        named: list[Any] = [{"en": OUTSIDE, "fr": "l'extérieur"} if s == OUTSIDE else s for s in spaces]
        if not spaces:
            return Judgement("cannot_evaluate", rooms=(room.id,), reason="no_door")
        requires = Phrase("one_space_only")
        if len(spaces) > 1:
            inside = tuple(s for s in spaces if s != OUTSIDE)
            return Judgement("fail", rooms=(room.id, *inside),
                             shows=Phrase("doors_to_spaces", {"spaces": named}), requires=requires,
                             reason="through_room", values={"others": named})
        return Judgement("pass", rooms=(room.id,), shows=Phrase("doors_to_spaces", {"spaces": spaces[0]}),
                         requires=requires)
