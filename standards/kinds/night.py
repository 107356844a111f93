"""Night-safety kinds: the way from women's and girls' sleeping rooms to their sanitary rooms is lit,
and outdoor paths that women and children walk do not cross men's rooms.

Lighting comes from the layout (``lighting`` of rooms and doors: ``lit``, ``unlit`` or lux). An
outdoor room without lighting of its own takes the lighting of the outdoor paths crossing it. A door
without lighting is lit by the rooms either side. Lighting not given is ``cannot_evaluate``.
"""
from __future__ import annotations

from typing import Any

import shapely
from pydantic import Field, field_validator

from centreplan.planner.model import is_lit
from centreplan.standards.env import Env
from centreplan.standards.params import Illuminance
from centreplan.standards.registry import Judgement, Kind, Params, Phrase, Subject, check_groups, register

CROSSING = 0.01  # m: a path running along a wall for less than this does not cross the room


def path_subject(path: Any) -> Subject:
    return Subject("path", path.id, {"name": f"{path.name} ({path.id})" if path.name else path.id})


def _paths_in(env: Env, room_id: str) -> list[Any]:
    poly = env.plan.polygons.get(room_id)
    room = env.rooms[room_id]
    out = []
    for path in env.centre.paths or []:
        if path.level != room.level or poly is None or poly.is_empty:
            continue
        if shapely.intersection(shapely.LineString(path.points), poly).length > CROSSING:
            out.append(path)
    return out


def room_lit(env: Env, room_id: str, indoor: float, outdoor: float) -> bool | None:
    """Whether a room on a night route is lit enough (outdoor rooms: by their paths if not given)."""
    room = env.rooms[room_id]
    need = outdoor if room.use == "outdoor" else indoor
    if room.lighting is not None or room.use != "outdoor":
        return is_lit(room.lighting, need)
    verdicts = [is_lit(p.lighting, outdoor) for p in _paths_in(env, room_id)]
    if not verdicts or None in verdicts:
        return False if False in verdicts else None
    return all(verdicts)


@register()
class LitRoute(Kind):
    """From each sleeping room of the rule, every room and door on the walking route to its nearest
    sanitary room (the target included, the sleeping room itself not) is lit: ``lit``, or at least
    ``min_lux_indoor`` (``min_lux_outdoor`` in outdoor rooms and on paths)."""

    name = "lit_route"
    subjects = "rooms"
    programme = False
    fields = ("unlit", "unknown")

    class Params(Params):
        min_lux_indoor: Illuminance
        min_lux_outdoor: Illuminance

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        route = env.routes_to_sanitary(room.group).get(room.id)
        if route is None:
            return Judgement("cannot_evaluate", rooms=(room.id,), group=room.group, reason="no_route_sanitary")
        unlit: list[str] = []
        unknown: list[str] = []
        for rid in route.rooms[1:]:
            verdict = room_lit(env, rid, p.min_lux_indoor, p.min_lux_outdoor)
            (unknown if verdict is None else unlit if not verdict else []).append(rid)
        doors = env.plan.doors_by_id
        for did in route.doors:
            d = doors[did]
            outdoor = any(e in env.rooms and env.rooms[e].use == "outdoor" for e in d.between)
            if d.lighting is not None and not is_lit(d.lighting, p.min_lux_outdoor if outdoor else p.min_lux_indoor):
                unlit.append(did)
        target = route.rooms[-1]
        rooms = tuple(route.rooms)
        requires = Phrase("route_lit", {"indoor": p.min_lux_indoor, "outdoor": p.min_lux_outdoor})
        if unlit:
            return Judgement("fail", rooms=rooms, group=room.group,
                             shows=Phrase("unlit_on_route", {"places": ", ".join(unlit)}),
                             requires=requires, reason="route_unlit",
                             values={"unlit": ", ".join(unlit), "unknown": ", ".join(unknown)})
        if unknown:
            return Judgement("cannot_evaluate", rooms=rooms, group=room.group, reason="lighting_missing",
                             values={"unknown": ", ".join(unknown)})
        return Judgement("pass", rooms=rooms, group=room.group, shows=Phrase("lit_to", {"target": target}),
                         requires=requires)


@register()
class PathAvoidsGroups(Kind):
    """Outdoor paths walked by the ``walkers`` groups (paths for everyone included) cross no room
    assigned to the ``forbidden`` groups."""

    name = "path_separation"
    programme = False
    fields = ("through",)

    class Params(Params):
        walkers: list[str] = Field(min_length=1)
        forbidden: list[str] = Field(min_length=1)

        _g = field_validator("walkers", "forbidden")(check_groups)

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        p = rule.p
        paths = [x for x in env.centre.paths or [] if any(x.serves(g) for g in p.walkers)]
        if not paths:
            return [Judgement("not_applicable", reason="no_path")]
        forbidden = [r.id for r in env.centre.rooms if r.group in p.forbidden]
        out = []
        requires = Phrase("no_room_of_on_path", {"groups": ", ".join(p.forbidden)})
        for path in paths:
            line = shapely.LineString(path.points)
            bad = [rid for rid in forbidden if env.rooms[rid].level == path.level
                   and shapely.intersection(line, env.plan.polygons[rid]).length > CROSSING]
            s = path_subject(path)
            if bad:
                out.append(Judgement("fail", subject=s, rooms=tuple(bad),
                                     shows=Phrase("path_through", {"rooms": ", ".join(bad)}), requires=requires,
                                     reason="path_through", values={"through": ", ".join(bad)}))
            else:
                out.append(Judgement("pass", subject=s, shows=Phrase("path_clear"), requires=requires))
        return out
