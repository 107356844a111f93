"""Distances and exits: walking distance to a sanitary room or an exit, doors of a room by its
occupancy, width of escape doors and exits, and the centre's capacity."""
from __future__ import annotations

import math
from typing import Any

from pydantic import Field, field_validator

from centreplan.planner.model import OUTSIDE
from centreplan.planner.numbers import ceil_div, digits_apart
from centreplan.standards.env import Env
from centreplan.standards.kinds.integrity import door_subject
from centreplan.standards.kinds.rooms import whole
from centreplan.standards.params import Density, Length, Persons, VLength
from centreplan.standards.registry import (
    EPS,
    Count,
    Judgement,
    Kind,
    Need,
    Num,
    Params,
    Pass,
    Phrase,
    PhrasePass,
    Requirement,
    Subject,
    check_uses,
    register,
)


class _DistanceParams(Params):
    max: VLength
    max_choice: VLength | None = None
    levels: list[int] | None = None


def _route_rooms(route: Any, env: Env, room: Any) -> tuple[str, ...]:
    """The room judged and the room ``route`` leads to (if another room)."""
    target = route.rooms[-1]
    return (room.id, target) if target in env.rooms and target != room.id else (room.id,)


def _route_judgement(route: Any, limit: float, env: Env, room: Any, group: str | None,
                     exits: int | None) -> Judgement:
    """The walking distance of ``route`` against ``limit`` (with the exits reachable, for exits)."""
    return _walk_judgement(route, limit, _route_rooms(route, env, room), group, exits)


def _walk_judgement(route: Any, limit: float, rooms: tuple[str, ...], group: str | None,
                    exits: int | None) -> Judgement:
    """The walking distance of ``route`` against ``limit``, for ``rooms`` (those of :func:`_route_rooms`)."""
    distance = route.distance
    lim = Num(limit, "m", digits_apart(distance, limit))
    requires = (Phrase("at_most_exits", {"value": lim, "exits": Count(exits, "exit", "exit(s)"), "n": exits})
                if exits is not None else None)
    return Judgement.compare(distance, limit, "<=", "m", rooms=rooms, group=group, requires=requires,
                             values={"exits": exits if exits is not None else "—", "max": lim,
                                     "via": ", ".join(route.through) or "—"})


@register("target")
class DistanceToSanitary(Kind):
    """Walking distance along the door graph from each room of the rule to the nearest sanitary room
    serving its group."""

    name = "max_distance"
    mode = "sanitary"
    fields = ("exits", "via", "max")
    subjects = "rooms"
    Params = _DistanceParams
    pass_form = ("m", "<=", 1)

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | Pass:
        if (p.levels is None or room.level in p.levels) and env.sanitary_for(room.group):
            route = env.routes_to_sanitary(room.group).get(room.id)
            limit = env.at(p.max)
            if route is not None and Judgement.holds(route.distance, limit, "<="):
                return route.distance, limit, _route_rooms(route, env, room), room.group
        return self.judge(room, p, env)

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        if p.levels is not None and room.level not in p.levels:
            return Judgement("not_applicable", rooms=(room.id,), reason="upper_level", values={"level": room.level})
        limit = env.at(p.max)
        if not env.sanitary_for(room.group):
            return Judgement("fail", rooms=(room.id,), group=room.group, required=limit, unit="m", comparator="<=",
                             shows=Phrase("no_sanitary_room"), reason="no_sanitary_for_group")
        route = env.routes_to_sanitary(room.group).get(room.id)
        if route is None:
            return Judgement("fail", rooms=(room.id,), group=room.group, required=limit, unit="m", comparator="<=",
                             shows=Phrase("no_route"), reason="no_route_sanitary")
        return _route_judgement(route, limit, env, room, room.group, None)

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None:
            return []
        return [Requirement("sanitary", "max_distance", rule.p.max.at(need.phase, need.climate), "min")]


@register("target")
class DistanceToExit(Kind):
    """Walking distance from each room of the rule to an exit: at most ``max_choice`` where two or
    more exits can be reached, ``max`` otherwise (``levels`` limits the rule to some levels)."""

    name = "max_distance"
    mode = "exit"
    fields = DistanceToSanitary.fields
    subjects = "rooms"
    programme = False  # a matter of the drawing, not of the room programme
    Params = _DistanceParams
    pass_form = ("m", "<=", 1)

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | PhrasePass:
        if p.levels is None or room.level in p.levels:
            route = env.routes_to_exit().get(room.id)
            if route is not None:
                exits = env.exits_reachable(room.id)
                limit = env.at(p.max_choice if (exits >= 2 and p.max_choice) else p.max)
                if Judgement.holds(route.distance, limit, "<="):
                    rooms = _route_rooms(route, env, room)
                    return route.distance, limit, rooms, None, _walk_judgement, (route, limit, rooms, None, exits)
        return self.judge(room, p, env)

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        if p.levels is not None and room.level not in p.levels:
            return Judgement("not_applicable", rooms=(room.id,), reason="upper_level", values={"level": room.level})
        exits = env.exits_reachable(room.id)
        limit = env.at(p.max_choice if (exits >= 2 and p.max_choice) else p.max)
        route = env.routes_to_exit().get(room.id)
        if route is None:
            return Judgement("fail", rooms=(room.id,), required=limit, unit="m", comparator="<=",
                             shows=Phrase("no_route"), reason="no_route_exit",
                             values={"exits": exits, "max": Num(limit, "m", 1)})
        return _route_judgement(route, limit, env, room, None, exits)


BASIS = {"occupants": "basis_occupants", "beds": "basis_beds", "density": "basis_density"}


@register()
class Exits(Kind):
    """Doors of a room by its occupancy (Code du travail R4216-8, ERP CO 38/43): below
    ``min_occupancy`` one door; up to ``one_door_max`` persons two doors at least ``min_separation``
    apart, or one door at least ``one_door_min_width`` wide; above, two doors that far apart.

    Occupancy: ``occupants`` if given, else beds for sleeping rooms, else floor area × the use's
    density (``densities``, pack data); rooms with none of these are ``cannot_evaluate``.
    """

    name = "exits"
    fields = ("persons", "doors", "apart", "basis", "have", "need")
    subjects = "rooms"
    programme = False  # doors are placed on the drawing; the programme lists rooms and areas

    class Params(Params):
        min_occupancy: Persons = 20
        one_door_max: Persons = 50
        one_door_min_width: Length = 1.40
        min_separation: Length = 5.0
        densities: dict[str, Density] = Field(default_factory=dict)

        @field_validator("densities")
        @classmethod
        def _uses(cls, v: dict[str, float]) -> dict[str, float]:
            check_uses(list(v))
            return v

    @staticmethod
    def select(rule: Any, env: Env) -> list[Any]:
        """The rooms of the rule, and every room whose occupants are given (not outdoors or corridors)."""
        return [r for r in env.centre.rooms
                if rule.applies_to.matches(r) or r.occupants is not None and r.use not in ("outdoor", "corridor")]

    pass_form = ("door", None, 1)

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | PhrasePass:
        occ = env.occupancy(room, p.densities)
        if occ is None or occ[1] == "density":  # a pass on an unverified density says so: judged in full
            return self.judge(room, p, env)
        persons, basis = occ
        n, apart, widest, key, ok = self._doors(room, p, env, persons)
        args = (room.id, p, persons, basis, n, apart, widest, key, ok)
        if ok:
            return n, None, (room.id,), None, _doors_judgement, args
        return _doors_judgement(*args)

    @staticmethod
    def _doors(room: Any, p: Any, env: Env, persons: float) -> tuple[int, float, float, str, bool]:
        """The doors of ``room`` of ``persons``: how many, how far apart, the widest, what its
        occupancy needs, and whether they give it."""
        doors = [d for d in env.doors_of[room.id] if d.id in env.plan.door_points]
        pts = [env.plan.door_points[d.id] for d in doors]
        apart = max((math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1:]), default=0.0)
        widest = max((d.width for d in doors), default=0.0)
        two_apart = len(doors) >= 2 and apart + EPS >= p.min_separation
        if persons < p.min_occupancy - EPS:
            ok, key = len(doors) >= 1, "one_door"
        elif persons <= p.one_door_max + EPS:
            ok, key = two_apart or widest + EPS >= p.one_door_min_width, "two_doors_or_wide"
        else:
            ok, key = two_apart, "two_doors"
        return len(doors), apart, widest, key, ok

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        occ = env.occupancy(room, p.densities)
        if occ is None:
            return Judgement("cannot_evaluate", rooms=(room.id,), reason="occupancy_unknown")
        persons, basis = occ
        return _doors_judgement(room.id, p, persons, basis, *self._doors(room, p, env, persons))


def _doors_judgement(room_id: str, p: Any, persons: float, basis: str, n: int, apart: float, widest: float, key: str,
                     ok: bool) -> Judgement:
    """The judgement of :class:`Exits` on a room of ``persons`` (counted by ``basis``) with ``n`` doors."""
    pers = whole(persons)
    sep, wide = Num(p.min_separation, "m", 1), Num(p.one_door_min_width, "m", 2)
    have = {"doors": Count(n, "door", "door(s)"), "apart": Num(apart, "m", 1), "widest": Num(widest, "m", 2)}
    shape = "doors_apart_widest" if n >= 2 else ("doors_widest" if n else "doors_none")
    return Judgement(
        "pass" if ok else "fail", rooms=(room_id,), measured=n, unit="door",
        shows=Phrase(shape, have), requires=Phrase(f"need_{key}", {"sep": sep, "wide": wide, "persons": pers}),
        unverified="densities" if basis == "density" else None, reason=None if n else "no_door",
        values={"persons": pers, "doors": n, "apart": Num(apart, "m", 1), "basis": Phrase(BASIS[basis]),
                "have": Phrase(f"have_{shape}", have), "need": Phrase(f"sentence_{key}", {"sep": sep, "wide": wide})})


def passage_width(units: int, one: float, two: float, per_unit: float) -> float:
    """Clear width of an exit of ``units`` passage units (Code du travail R4216-5): 1 UP = 0.90 m,
    2 UP = 1.40 m, n ≥ 3 UP = 0.60·n m (the figures come from the rule's parameters)."""
    if units <= 1:
        return one
    if units == 2:
        return two
    return round(per_unit * units, 6)


def passage_units(persons: float, table: list[tuple[int, int]], beyond_persons: int, beyond_units: int) -> int:
    """Passage units an occupancy needs (Code du travail R4216-8): the first row whose bound is ≥
    ``persons``; above the last row, ``beyond_units`` more per ``beyond_persons`` or part."""
    for bound, units in table:
        if persons <= bound + EPS:
            return units
    last_bound, last_units = table[-1]
    return last_units + beyond_units * ceil_div(persons - last_bound, beyond_persons)


@register("target")
class EscapeDoors(Kind):
    """The clear width of every door on an escape route, and the total exit width the building's
    occupancy (residents and staff) needs in passage units."""

    name = "min_dimension"
    mode = "escape_doors"
    fields = ("door", "width", "persons", "units")

    class Params(Params):
        min: VLength
        # passage units by occupancy, [[up to persons, units], …] (R4216-8)
        passage_units: list[tuple[int, int]] = Field(default_factory=list)
        beyond_persons: int = 100
        beyond_units: int = 1
        one_unit: Length = 0.90
        two_units: Length = 1.40
        per_unit: Length = 0.60

    @staticmethod
    def total_width(p: Any, persons: int) -> tuple[int, float]:
        """(passage units, total clear width in m) for ``persons``."""
        units = passage_units(persons, p.passage_units or [(19, 1)], p.beyond_persons, p.beyond_units)
        return units, passage_width(units, p.one_unit, p.two_units, p.per_unit)

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        p = rule.p
        need = env.at(p.min)
        on_route: set[str] = set()
        for route in env.routes_to_exit().values():
            on_route.update(route.doors)
        on_route.update(d.id for d in env.plan.exits)
        out = []
        for d in env.centre.doors:
            if d.id in on_route and d.width + EPS < need:
                out.append(Judgement.compare(
                    d.width, need, ">=", "m", 2, subject=door_subject(d),
                    rooms=tuple(e for e in d.between if e != OUTSIDE),
                    values={"door": d.id, "width": Num(d.width, "m", digits_apart(d.width, need, 2))}))
        if not out:
            if on_route:
                out.append(Judgement("pass", reason="escape_doors_ok", values={"count": len(on_route)}))
            else:
                out.append(Judgement("fail", shows=Phrase("no_escape_route"), required=need, unit="m", comparator=">=",
                                     requires=Phrase("doors_at_least", {"width": Num(need, "m", 2)}),
                                     reason="no_escape_doors"))
        persons = env.pop.residents + env.pop.staff
        subject = Subject("exits", "exits")
        if persons == 0:
            out.append(Judgement("cannot_evaluate", subject=subject, reason="no_population"))
            return out
        units, required = self.total_width(p, persons)
        total = sum(d.width for d in env.plan.exits)
        dg = digits_apart(total, required, 2)
        out.append(Judgement.compare(
            total, required, ">=", "m", 2, subject=subject,
            shows=Phrase("total_exit_width", {"width": Num(total, "m", dg)}),
            requires=Phrase("exit_width_for", {"width": Num(required, "m", dg), "units": units, "persons": persons}),
            values={"persons": persons, "units": units, "width": Num(total, "m", dg)}))
        return out

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        persons = need.population.residents + need.population.staff
        if need.group is not None or persons == 0:
            return []
        units, width = self.total_width(rule.p, persons)
        return [Requirement("exit_width", "total_width", width, key=rule.id,
                            extra={"units": units, "persons": persons,
                                   "door": rule.p.min.at(need.phase, need.climate)})]


@register()
class Capacity(Kind):
    """The centre's planned residents are at most ``max``."""

    name = "capacity"
    fields = ("residents", "max")

    class Params(Params):
        max: Persons

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        n = env.pop.residents
        if n == 0:
            return [Judgement("cannot_evaluate", reason="no_population")]
        limit = rule.p.max
        return [Judgement.compare(
            n, limit, "<=", "resident", 0, shows=Phrase("value", {"value": Count(n, "resident", "residents")}),
            requires=Phrase("at_most", {"value": Phrase("residents", {"n": whole(limit)})}),
            values={"residents": n, "max": whole(limit)})]

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is not None:
            return []
        return [Requirement("capacity", "max_residents", int(rule.p.max), "min", key=rule.id)]

