"""Integrity kinds: defects of the drawing (invalid outlines, overlaps, misplaced doors), rooms no
route reaches, and broken references (duplicate ids, unknown rooms, sanitary rooms without fixtures,
sleeping rooms without beds or group)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from centreplan.planner.model import OUTSIDE
from centreplan.standards.env import Env, components
from centreplan.standards.params import Area
from centreplan.standards.registry import Count, Judgement, Kind, Num, Params, Phrase, Subject, register
from centreplan.standards.render import room_subject

# GEOS's reasons for an invalid polygon (planner.geometry.validity_reason), as phrases of messages.yaml
_PROBLEMS = {"self-intersection": "self_intersection", "ring self-intersection": "ring_self_intersection",
             "too few points": "too_few_points", "hole lies outside shell": "hole_outside",
             "holes are nested": "nested_holes", "interior is disconnected": "interior_disconnected",
             "nested shells": "nested_shells", "duplicate rings": "duplicate_rings",
             "ring is not closed": "not_closed", "invalid coordinate": "invalid_coordinate"}
_AT = re.compile(r"^(?P<what>.+?) at \((?P<x>-?[\d.]+), (?P<y>-?[\d.]+)\)$")


def outline_problem(why: str) -> Phrase | str:
    """Why an outline is invalid, as a phrase in both languages (a reason GEOS words otherwise is kept
    as given)."""
    if why.startswith(("the polygon has no area", "the outline is smaller than the 1 mm grid")):
        return Phrase("outline_no_area")
    why = why.removesuffix("; what is left once repaired has no area")  # the cause is what the user fixes
    m = _AT.match(why)
    key = _PROBLEMS.get(m.group("what") if m else why)
    if key is None:
        return why
    if m is None:
        return Phrase(f"outline_{key}")
    return Phrase("outline_at", {"what": Phrase(f"outline_{key}"), "x": Num(float(m.group("x")), None, 2),
                                 "y": Num(float(m.group("y")), None, 2)})


def door_subject(door: Any) -> Subject:
    return Subject("door", door.id, {"id": door.id, "between": "–".join(door.between)})


class GeometryParams(Params):
    tolerance: Area = 0.01  # m², overlaps up to this are drawing noise (rules.md GEO-OVERLAP)


@register("problem")
class InvalidOutlines(Kind):
    """GEO-VALID: every room outline is a valid polygon of positive area."""

    name = "geometry"
    mode = "invalid"
    fields = ("reason", "area")
    programme = False

    Params = GeometryParams

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        out = [Judgement("fail", subject=room_subject(env, rid), rooms=(rid,), shows=Phrase("invalid_outline"),
                         requires=Phrase("valid_polygon"), reason="invalid_polygon",
                         values={"reason": outline_problem(why)})
               for rid, why in env.plan.invalid.items()]
        return out or [Judgement("pass", reason="all_valid", values={"count": len(env.rooms)})]


@register("problem")
class Overlaps(Kind):
    """GEO-OVERLAP: no two rooms of a level overlap by more than ``tolerance`` (drawing noise)."""

    name = "geometry"
    mode = "overlap"
    fields = InvalidOutlines.fields
    programme = False

    Params = GeometryParams

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        tol = rule.p.tolerance
        out = []
        for a, b, area in env.plan.overlaps:
            if area > tol + 1e-9:
                out.append(Judgement("fail", subject=Subject("pair", f"{a}/{b}", {"a": a, "b": b}), rooms=(a, b),
                                     measured=area, required=tol, unit="m2", comparator="<=", digits=2,
                                     shows=Phrase("overlap", {"area": Num(area, "m2", 2)}),
                                     requires=Phrase("at_most", {"value": Num(tol, "m2", 2)}),
                                     values={"area": Num(area, "m2", 2)}))
        return out or [Judgement("pass", reason="no_overlap")]


@register("problem")
class DoorPlacement(Kind):
    """GEO-DOOR: each door sits on a wall its two rooms share (or on the outline, for an exit)."""

    name = "geometry"
    mode = "door"
    fields = InvalidOutlines.fields
    programme = False

    Params = GeometryParams

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        doors = {d.id: d for d in env.centre.doors}
        out = []
        for prob in env.plan.door_problems:
            door = doors[str(prob.door)]
            rooms = tuple(r for r in door.between if r != OUTSIDE)
            width = Num(door.width, "m", 2)
            if door.to_outside:
                dist = Num(prob.value or 0.0, "m", 2)
                j = Judgement("fail", measured=prob.value or 0.0, required=0.05, unit="m", comparator="<=", digits=2,
                              shows=Phrase("off_outline", {"dist": dist}), requires=Phrase("on_outline"),
                              reason="door_off_outline", values={"dist": dist, "room": rooms[0]})
            elif not prob.value:
                j = Judgement("fail", shows=Phrase("no_shared_wall"), requires=Phrase("shared_wall_at_least",
                                                                                      {"width": width}),
                              reason="door_no_wall", values={"a": rooms[0], "b": rooms[1]})
            else:
                length = Num(prob.value, "m", 2)
                j = Judgement("fail", measured=prob.value, required=door.width, unit="m", comparator=">=", digits=2,
                              shows=Phrase("shared_wall", {"length": length}),
                              requires=Phrase("at_least_door_width", {"width": width}),
                              reason="door_wall_short", values={"a": rooms[0], "b": rooms[1], "length": length})
            out.append(Judgement(j.status, subject=door_subject(door), rooms=rooms, measured=j.measured,
                                 required=j.required, unit=j.unit, comparator=j.comparator, digits=2, shows=j.shows,
                                 requires=j.requires, reason=j.reason, values=j.values))
        return out or [Judgement("pass", reason="doors_ok", values={"count": len(doors)})]


def rooms_subject(env: Env, rooms: list[str]) -> Subject:
    if len(rooms) == 1:
        return room_subject(env, rooms[0])
    first = ", ".join(rooms[:4]) + (", …" if len(rooms) > 4 else "")
    return Subject("rooms", rooms[0], {"count": len(rooms), "first": first})


@register()
class Reachability(Kind):
    """GEO-REACH: every room can be reached from an exit through doors.

    Unreachable rooms are reported together by cluster (rooms joined by doors to each other but not
    to an exit), one finding per cluster.
    """

    name = "reachability"
    programme = False

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        reachable = env.plan.reachable_from_exits()
        lost = [rid for rid in env.plan.ids if rid not in reachable]
        if not lost:
            return [Judgement("pass", reason="all_reachable", values={"count": len(env.rooms)})]
        lost_set = set(lost)
        comp = components(lost, [(d.between[0], d.between[1]) for d in env.centre.doors
                                 if d.between[0] in lost_set and d.between[1] in lost_set
                                 and d.id in env.plan.door_points])
        clusters: dict[str, list[str]] = defaultdict(list)
        for rid in lost:
            clusters[comp[rid]].append(rid)
        return [Judgement("fail", subject=rooms_subject(env, rooms), rooms=tuple(rooms), measured=len(rooms),
                          unit="room", shows=Phrase("unreachable", {"count": Count(len(rooms), "room", "room(s)")}),
                          requires=Phrase("reachable"), reason="unreachable")
                for rooms in clusters.values()]


@register()
class References(Kind):
    """GEO-REFS: ids unique, doors name existing rooms, sanitary rooms list fixtures, sleeping rooms
    have beds and one group."""

    name = "references"
    fields = ("id", "door", "count")
    programme = False

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        out: list[Judgement] = []
        c = env.centre
        room_ids = Counter(r.id for r in c.rooms)
        for rid, n in room_ids.items():
            if n > 1:
                out.append(Judgement("fail", subject=Subject("room", rid, {"name": rid}), rooms=(rid,),
                                     reason="duplicate_room_id", values={"id": rid, "count": n}))
        for did, n in Counter(d.id for d in c.doors).items():
            if n > 1:
                out.append(Judgement("fail", subject=Subject("door", did, {"id": did, "between": "?"}),
                                     reason="duplicate_door_id", values={"id": did, "count": n}))
        for d in c.doors:
            for end in d.between:
                if end != OUTSIDE and end not in room_ids:
                    out.append(Judgement("fail", subject=door_subject(d), reason="unknown_door_room",
                                         values={"door": d.id, "id": end}))
        for r in c.rooms:
            subject = room_subject(env, r.id)
            if r.is_sanitary and (r.fixtures is None or r.fixtures.total() == 0):
                out.append(Judgement("fail", subject=subject, rooms=(r.id,), shows=Phrase("no_fixtures"),
                                     requires=Phrase("fixtures_listed"), reason="sanitary_without_fixtures"))
            if r.is_sleeping and r.beds == 0:
                out.append(Judgement("fail", subject=subject, rooms=(r.id,), measured=0, required=1, unit="bed",
                                     comparator=">=", shows=Phrase("value", {"value": Count(0, "bed", "beds")}),
                                     requires=Phrase("at_least", {"value": Count(1, "bed", "bed")}),
                                     reason="sleeping_without_beds"))
            if r.is_sleeping and r.group == "all":
                out.append(Judgement("fail", subject=subject, rooms=(r.id,),
                                     shows=Phrase("group_all"), requires=Phrase("one_group"),
                                     reason="sleeping_without_group"))
        return out or [Judgement("pass", reason="refs_ok")]
