"""What the protection rules ask of a centre's equipment, read from the rules themselves: the accessible
WCs and showers the accessibility pack requires, the night lighting the night-safety rules require, the
perimeter the layout draws.

Nothing here holds a figure of its own. The accessible fixtures are the larger of the rule's share of the
fixtures drawn (``required_accessible`` of the ``accessible_share`` kind with the rule's own share) and
the accessible fixtures drawn plus one for every group the rule finds without one. The night routes are
those of the ``lit_route`` rules (their rooms, their groups, their outdoor illuminance); the lengths and
the doors come from the layout's geometry. Built once per centre, on first use.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import shapely

from centreplan.equipment import sizing as sz
from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.model import Centre, Path

CROSSING = 0.01  # m: a path running along a room's wall for less than this does not cross it (as the night rules)


@dataclass(frozen=True)
class AccessibleNeed:
    """Accessible WCs (or showers) to fit out, and how the number was reached."""

    fixture: str
    count: int  # max(need, drawn + lacking)
    total: int  # fixtures of this kind drawn in sanitary rooms
    share: float  # the rule's share
    need: int  # the rule's share of ``total`` (at least one of any)
    drawn: int  # accessible fixtures the layout marks
    lacking: int  # resident groups the rule finds without an accessible fixture in their rooms
    rule: str  # the rule id
    status: str  # the rule's status


@dataclass(frozen=True)
class NightLighting:
    """Outdoor lighting the night routes need: lit lengths (m), lit doors and the indoor route rooms."""

    paths: tuple[tuple[str, float], ...]  # (path id, length m to 0.1 m) of the outdoor paths to light
    route_m: float  # outdoor lengths of the night routes no path covers (m)
    doors: tuple[str, ...]  # exits to light: marked lit, or on a night route
    indoor_rooms: tuple[str, ...]  # indoor rooms the night routes cross (their fixed lighting stays on)
    lux_outdoor: float  # the rules' outdoor illuminance (lx)
    rules: tuple[str, ...]
    status: str

    @property
    def length(self) -> float:
        return round(sum(m for _, m in self.paths) + self.route_m, 1)


class Protection:
    """The protection needs of one centre, computed on first use (see the module docstring)."""

    def __init__(self, centre: Centre, plan: Plan | None = None):
        self.centre = centre
        self._plan = plan

    @cached_property
    def plan(self) -> Plan:
        return self._plan if self._plan is not None else build_plan(self.centre)

    @cached_property
    def env(self) -> Any:
        from centreplan.standards.env import Env

        return Env(self.centre, self.plan)

    @cached_property
    def rules(self) -> list[Any]:
        """The rules of the default packs that apply to this centre's type."""
        from centreplan.standards.packs import load_packs

        return [r for p in load_packs() for r in p.rules if r.for_type(self.centre.centre.type)]

    # ---- accessible WCs and showers ----------------------------------------------------------------
    def accessible(self, fixture: str) -> AccessibleNeed | None:
        """What the ``accessible_share`` rule on ``fixture`` asks of this layout (None: no such rule, or
        no such fixture drawn)."""
        from centreplan.standards.kinds.accessibility import required_accessible

        rule = next((r for r in self.rules if r.kind == "accessible_share" and r.p.fixture == fixture), None)
        if rule is None:
            return None
        rooms = [r for r in self.centre.rooms if r.is_sanitary and r.fixtures is not None
                 and getattr(r.fixtures, fixture) > 0]
        total = sum(getattr(r.fixtures, fixture) for r in rooms)
        if not total:
            return None
        need = required_accessible(total, rule.p.min_share)
        drawn = sum(r.accessible_count(fixture) or 0 for r in rooms)
        judged = rule.kind_class().judge_rule(rule, self.env)
        lacking = sum(1 for j in judged if j.group is not None and j.status in ("fail", "cannot_evaluate"))
        return AccessibleNeed(fixture, max(need, drawn + lacking), total, rule.p.min_share, need, drawn, lacking,
                              rule.id, rule.status)

    # ---- night lighting ----------------------------------------------------------------------------
    @cached_property
    def night(self) -> NightLighting | None:
        """The outdoor lighting of the night routes and of the paths marked lit (None: no ``lit_route``
        rule in the packs)."""
        rules = [r for r in self.rules if r.kind == "lit_route"]
        if not rules:
            return None
        env, plan = self.env, self.plan
        rooms = {r.id: r for rule in rules for r in env.select(rule.applies_to)}
        outdoor = {rid for rid, r in plan.rooms.items() if r.use == "outdoor"}
        segments: dict[frozenset[str], tuple[str, float]] = {}  # door pair → (outdoor room, walk m)
        on_route: set[str] = set()
        indoor: list[str] = []
        route_doors: list[str] = []
        for room in rooms.values():
            route = env.routes_to_sanitary(room.group).get(room.id)
            if route is None:
                continue
            for rid in route.rooms[1:]:
                if rid in outdoor:
                    on_route.add(rid)
                elif rid in plan.rooms and rid not in indoor:
                    indoor.append(rid)
            route_doors += [d for d in route.doors if d not in route_doors]
            for d1, d2 in zip(route.doors, route.doors[1:]):
                # read off the door graph, not the networkx graph (Plan.graph: 18 MB at 5,500 rooms)
                room, metres = plan.step(d1, d2)
                if room in outdoor:
                    segments[frozenset((d1, d2))] = (room, float(metres))
        paths: list[tuple[str, float]] = []
        covered: set[str] = set()
        for path in self.centre.paths or []:
            crossed = self._crossed(path, outdoor)
            marked = path.lighting is not None and path.lighting != "unlit"
            if marked or crossed & on_route:
                line = shapely.LineString(path.points)
                paths.append((path.id, round(line.length, 1)))
                covered |= crossed
        route_m = round(sum(m for rid, m in segments.values() if rid not in covered), 1)
        doors = [d.id for d in self.centre.doors if plan.is_exit(d) and d.id in plan.door_points
                 and ((d.lighting is not None and d.lighting != "unlit") or d.id in route_doors)]
        lux = max(r.p.min_lux_outdoor for r in rules)
        return NightLighting(tuple(paths), route_m, tuple(doors), tuple(indoor), lux, tuple(r.id for r in rules),
                             sz.worst("verified", *[r.status for r in rules]))

    def _crossed(self, path: Path, outdoor: set[str]) -> set[str]:
        """The outdoor rooms a path crosses (on its level)."""
        line = shapely.LineString(path.points)
        out = set()
        for rid in outdoor:
            poly = self.plan.polygons.get(rid)
            room = self.plan.rooms[rid]
            if poly is None or poly.is_empty or room.level != path.level:
                continue
            if shapely.intersection(line, poly).length > CROSSING:
                out.add(rid)
        return out

