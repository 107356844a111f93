"""What a rule kind looks at: the centre, its plan, phase and climate, and data derived once.

An :class:`Env` is built once per check. Walking routes (to sanitary rooms per group, to exits), door
indexes and the exits each room can reach are computed on first use and shared by every rule that
needs them. It holds data only: naming subjects and writing sentences is :mod:`standards.render`'s.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any

from centreplan.planner.geometry import Plan, Route
from centreplan.planner.model import Centre, Door, Room

if TYPE_CHECKING:
    from centreplan.standards.packs import AppliesTo


def components(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    """Union-find: each node → the representative of its connected component."""
    parent = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    return {n: find(n) for n in nodes}


class Env:
    """The centre being checked and everything derived from it once."""

    def __init__(self, centre: Centre, plan: Plan, phase: str | None = None, climate: str | None = None):
        self.centre = centre
        self.plan = plan
        self.phase: str = phase or centre.centre.phase
        self.climate: str = climate or centre.centre.climate
        self.centre_type: str | None = centre.centre.type  # transit selects the transit-centre rules
        self.rooms: dict[str, Room] = plan.rooms
        self.pop = centre.population
        self._routes: dict[str, Mapping[str, Route]] = {}
        self._selected: dict[tuple[Any, ...], list[Room]] = {}
        self._at: dict[int, tuple[Any, float]] = {}
        # what a kind derives once per check and reads for many subjects, under keys of its own
        self.memo: dict[Any, Any] = {}

    @property
    def has_population(self) -> bool:
        return self.pop.residents + self.pop.staff > 0

    def at(self, varying: Any) -> float:
        """A threshold's value for this check's phase and climate (worked out once per threshold: a
        rule asks for it for each of its rooms)."""
        known = self._at.get(id(varying))
        if known is not None and known[0] is varying:  # kept with it: the id is not another's
            return known[1]
        value = float(varying.at(self.phase, self.climate))
        self._at[id(varying)] = (varying, value)
        return value

    # ---- rooms and doors ------------------------------------------------------------------------
    def select(self, applies_to: AppliesTo) -> list[Room]:
        """The rooms a rule applies to, in layout order (found once for the rules that apply to the
        same rooms)."""
        a = applies_to
        key = (tuple(a.uses) if a.uses is not None else None, tuple(a.groups) if a.groups is not None else None,
               a.beds)
        rooms = self._selected.get(key)
        if rooms is None:
            # rooms alike in use, group and beds match alike: each kind of room is asked once
            kinds = self._room_kinds
            fits = {k: a.matches(room) for k, room in kinds.items()}
            rooms = self._selected[key] = [r for r, k in zip(self.centre.rooms, self._kind_of) if fits[k]]
        return list(rooms)

    @cached_property
    def _kind_of(self) -> list[tuple[str, str, int]]:
        """Each room's use, group and beds (what :meth:`AppliesTo.matches` looks at), in layout order."""
        return [(r.use, r.group, r.beds) for r in self.centre.rooms]

    @cached_property
    def _room_kinds(self) -> dict[tuple[str, str, int], Room]:
        """One room of each (use, group, beds) of the centre."""
        return {k: r for k, r in zip(self._kind_of, self.centre.rooms)}

    def area(self, room_id: str) -> float:
        return self.plan.area(room_id)

    def valid(self, room_id: str) -> bool:
        return room_id not in self.plan.invalid

    @cached_property
    def doors_of(self) -> dict[str, list[Door]]:
        """Room id → every door declared on it (placed or not)."""
        out: dict[str, list[Door]] = {rid: [] for rid in self.rooms}
        for d in self.centre.doors:
            for end in set(d.between):
                if end in out:
                    out[end].append(d)
        return out

    @staticmethod
    def serves(room: Room, group: str) -> bool:
        """A room serves a group when it is assigned to it or to ``all``."""
        return room.group == group or room.group == "all"

    @cached_property
    def _sanitary_by_group(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        sanitary = [r for r in self.centre.rooms if r.is_sanitary]
        for g in {r.group for r in self.centre.rooms} | {"all"}:
            out[g] = [r.id for r in sanitary if self.serves(r, g)]
        return out

    def sanitary_for(self, group: str) -> list[str]:
        """Sanitary rooms serving ``group`` (assigned to it or to ``all``), computed once per group."""
        return self._sanitary_by_group.get(group) or self._sanitary_by_group["all"]

    def routes_to_sanitary(self, group: str) -> Mapping[str, Route]:
        """Walking routes from every room to the nearest sanitary room serving ``group``."""
        key = f"sanitary:{group}"
        if key not in self._routes:
            self._routes[key] = self.plan.routes_to(self.sanitary_for(group))
        return self._routes[key]

    def routes_to_exit(self) -> Mapping[str, Route]:
        if "exit" not in self._routes:
            self._routes["exit"] = self.plan.routes_to_exit()
        return self._routes["exit"]

    @cached_property
    def _exit_components(self) -> tuple[dict[str, str], dict[str, set[str]]]:
        """Rooms joined by placed doors (outdoor rooms count as outside) and the exits of each group."""
        inside = [rid for rid, r in self.rooms.items() if r.use != "outdoor"]
        inside_set = set(inside)
        edges = [(d.between[0], d.between[1]) for d in self.centre.doors
                 if d.id in self.plan.door_points and d.between[0] in inside_set and d.between[1] in inside_set]
        comp = components(inside, edges)
        exits: dict[str, set[str]] = {}
        for d in self.plan.exits:
            for end in d.between:
                if end in inside_set:
                    exits.setdefault(comp[end], set()).add(d.id)
        return comp, exits

    def exits_reachable(self, room_id: str) -> int:
        """How many exit doors can be reached from a room (a choice of exits when ≥ 2)."""
        comp, exits = self._exit_components
        root = comp.get(room_id)
        return len(exits.get(root, ())) if root is not None else 0

    def occupancy(self, room: Room, densities: dict[str, float]) -> tuple[float, str] | None:
        """Persons in a room: ``occupants``, else beds (sleeping rooms), else area × density of its use.

        Returns (persons, basis) with basis ``occupants``, ``beds`` or ``density``; None if unknown.
        """
        if room.occupants is not None:
            return float(room.occupants), "occupants"
        if room.is_sleeping and room.beds > 0:
            return float(room.beds), "beds"
        if room.use in densities and self.valid(room.id):
            return self.area(room.id) * densities[room.use], "density"
        return None
