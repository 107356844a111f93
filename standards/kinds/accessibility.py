"""Accessibility kinds: the share of accessible WCs and showers, the size of accessible sanitary
rooms, doors and changes of level on the routes of accessible rooms, and where the sleeping places
for people with limited mobility are.

A room's accessibility comes from the layout (``accessible``, ``fixtures.accessible_wc`` …); a
figure the layout does not give is ``cannot_evaluate``, never a pass. "Accessible routes" are the
walking routes from every accessible room to its nearest exit (the plan's door graph), with the
accessible room's own doors.
"""
from __future__ import annotations

import math
from typing import Any, ClassVar, Literal

from centreplan.planner.model import RESIDENT_GROUPS, Slope
from centreplan.standards.env import Env
from centreplan.standards.kinds.base import RoomThreshold, group_subject
from centreplan.standards.kinds.integrity import door_subject
from centreplan.standards.params import Length, Ratio, VLength
from centreplan.standards.registry import (
    Count,
    Judgement,
    Kind,
    Missing,
    Name,
    Need,
    Num,
    Params,
    Phrase,
    Requirement,
    Status,
    Subject,
    register,
)


def required_accessible(total: int, share: float) -> int:
    """Accessible fixtures for ``total`` fixtures at ``share``: rounded up, at least one of any."""
    if total <= 0:
        return 0
    return max(1, math.ceil(total * share - 1e-9))


@register()
class AccessibleShare(Kind):
    """Accessible WCs (or showers) against a share of all of them, and at least one in the sanitary
    rooms serving each resident group present (each group's rooms are one sex: a block per sex)."""

    name = "accessible_share"
    fields = ("fixture", "share", "accessible", "total")

    class Params(Params):
        fixture: Literal["wc", "shower"]
        min_share: Ratio
        per_group: bool = True

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        p = rule.p
        f = p.fixture
        rooms = [r for r in env.centre.rooms if r.is_sanitary and r.fixtures is not None and getattr(r.fixtures, f) > 0]
        subject = Subject("fixture", f"accessible_{f}", {"fixture": Name("fixtures", f, "plural")})
        values = {"fixture": Name("fixtures", f, "plural"), "share": Num(p.min_share * 100, "percent", 0)}
        if not rooms:
            return [Judgement("not_applicable", subject=subject, reason="no_fixture", values=values)]
        counts = {r.id: r.accessible_count(f) for r in rooms}
        unknown = [rid for rid, n in counts.items() if n is None]
        total = sum(getattr(r.fixtures, f) for r in rooms)
        out: list[Judgement] = []
        if unknown:
            out.append(Judgement("cannot_evaluate", subject=subject, rooms=tuple(unknown), reason="accessible_missing",
                                 values=values))
        else:
            have = sum(n or 0 for n in counts.values())
            need = required_accessible(total, p.min_share)
            out.append(_share(have, need, total, f, p.min_share, subject, rooms, counts, values))
        if p.per_group:
            for g in RESIDENT_GROUPS:
                if not env.has_population or env.pop.of_group(g) == 0:
                    continue
                serving = [r for r in rooms if env.serves(r, g)]
                gs = group_subject(g)
                if not serving:
                    continue  # the fixture rules say the group has no sanitary room
                ns = [counts[r.id] for r in serving]
                if any(n for n in ns):
                    rid = next(r.id for r in serving if counts[r.id])
                    out.append(Judgement("pass", subject=gs, group=g, rooms=(rid,), measured=sum(n or 0 for n in ns),
                                         required=1, unit=f, comparator=">=", digits=0, values=values))
                elif any(n is None for n in ns):
                    out.append(Judgement("cannot_evaluate", subject=gs, group=g,
                                         rooms=tuple(r.id for r in serving if counts[r.id] is None),
                                         reason="accessible_missing", values=values))
                else:
                    out.append(Judgement("fail", subject=gs, group=g, rooms=tuple(r.id for r in serving), measured=0,
                                         required=1, unit=f, comparator=">=", digits=0, reason="none_accessible_group",
                                         values=values))
        return out

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None:
            return []
        return [Requirement("fixture", "accessible_share", rule.p.min_share, "max", key=rule.p.fixture,
                            extra={"per_group": rule.p.per_group})]


def _share(have: int, need: int, total: int, f: str, share: float, subject: Subject, rooms: list[Any],
           counts: dict[str, int | None], values: dict[str, Any]) -> Judgement:
    return Judgement.compare(
        float(have), float(need), ">=", f, 0, subject=subject, rooms=tuple(r.id for r in rooms if counts[r.id]),
        shows=Phrase("accessible_of", {"n": Count(have, f), "total": Count(total, f)}),
        requires=Phrase("accessible_need", {"n": Count(need, f), "share": Num(share * 100, "percent", 0)}),
        values={**values, "accessible": Count(have, f), "total": Count(total, f), "need": Count(need, f)})


@register()
class AccessibleRoomSize(RoomThreshold):
    """The least width of each accessible sanitary room (a wheelchair turns in it)."""

    name = "accessible_room_size"
    needs_valid = True

    class Params(Params):
        min: VLength

    @staticmethod
    def select(rule: Any, env: Env) -> list[Any]:
        return [r for r in env.select(rule.applies_to) if r.accessible]

    def measure(self, room: Any, p: Any, env: Env) -> float | Missing:
        return env.plan.least_width(room.id)

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None:
            return []
        return [Requirement("fixture", "accessible_width", rule.p.min.at(need.phase, need.climate), "max")]


def accessible_route_doors(env: Env, applies_to: Any) -> tuple[dict[str, list[str]], list[str]]:
    """Doors on accessible routes → the accessible rooms whose route they serve; and the accessible
    rooms with no route to an exit."""
    routes = env.routes_to_exit()
    doors: dict[str, list[str]] = {}
    lost: list[str] = []
    for room in env.select(applies_to):
        if not room.accessible:
            continue
        own = [d.id for d in env.doors_of[room.id]]
        route = routes.get(room.id)
        if route is None:
            lost.append(room.id)
        for did in own + (list(route.doors) if route else []):
            doors.setdefault(did, [])
            if room.id not in doors[did]:
                doors[did].append(room.id)
    return doors, lost


class _RouteDoors(Kind):
    """Base of kinds judging each door on the accessible routes."""

    programme = False
    fields: ClassVar[tuple[str, ...]] = ("door", "served")

    def judge_door(self, door: Any, p: Any, env: Env) -> Judgement:  # pragma: no cover - per kind
        raise NotImplementedError

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        doors, lost = accessible_route_doors(env, rule.applies_to)
        if not doors and not lost:
            return [Judgement("not_applicable", reason="no_accessible_room")]
        by_id = {d.id: d for d in env.centre.doors}
        out = []
        for did, served in doors.items():
            door = by_id[did]
            j = self.judge_door(door, rule.p, env)
            rooms = tuple(e for e in door.between if e in env.rooms)
            out.append(Judgement(j.status, subject=door_subject(door), measured=j.measured, required=j.required,
                                 unit=j.unit, comparator=j.comparator, digits=j.digits, shows=j.shows,
                                 requires=j.requires, reason=j.reason, rooms=rooms, unverified=j.unverified,
                                 values={"door": did, "served": ", ".join(served), **j.values}))
        for rid in lost:
            out.append(Judgement("cannot_evaluate", subject=Subject("room", rid, {"name": env.rooms[rid].label}),
                                 rooms=(rid,), reason="no_route_exit"))
        return out


@register()
class AccessibleDoorWidth(_RouteDoors):
    """Clear width of every door on an accessible route."""

    name = "accessible_door_width"

    class Params(Params):
        min: Length

    def judge_door(self, door: Any, p: Any, env: Env) -> Judgement:
        return Judgement.compare(door.width, p.min, ">=", "m", 2)


@register()
class AccessibleLevel(_RouteDoors):
    """A change of level at a door on an accessible route: none above ``max_step`` unless a ramp takes
    it, and no ramp steeper than ``max_slope``."""

    name = "accessible_level"
    fields = ("door", "served", "step", "slope")

    class Params(Params):
        max_step: Length
        max_slope: Slope

    def judge_door(self, door: Any, p: Any, env: Env) -> Judgement:
        if door.ramp_slope is not None:
            return Judgement.compare(door.ramp_slope * 100, p.max_slope * 100, "<=", "percent", 1,
                                     shows=Phrase("ramp_of", {"slope": Num(door.ramp_slope * 100, "percent", 1),
                                                              "ratio": f"1:{1 / door.ramp_slope:.3g}"}),
                                     requires=Phrase("ramp_at_most", {"slope": Num(p.max_slope * 100, "percent", 1),
                                                                      "ratio": f"1:{1 / p.max_slope:.3g}"}),
                                     reason=None, values={"slope": f"1:{1 / door.ramp_slope:.3g}"})
        if door.step is None:
            return Judgement("cannot_evaluate", reason="step_missing")
        shows = Phrase("step_of", {"step": Num(door.step, "m", 2)})
        requires = Phrase("step_at_most", {"step": Num(p.max_step, "m", 3)})
        status: Status = "pass" if door.step <= p.max_step + 1e-9 else "fail"
        return Judgement(status, measured=door.step, required=p.max_step, unit="m", comparator="<=", digits=3,
                         shows=shows, requires=requires, reason=None if status == "pass" else "step_no_ramp",
                         values={"step": Num(door.step, "m", 2)},
                         unverified="max_step" if door.step > 0 else None)


@register()
class AccessibleSleepingLevel(Kind):
    """Sleeping rooms for people with limited mobility (``accessible``) are on the ground floor, or a
    lift serves their level."""

    name = "accessible_sleeping_level"
    subjects = "rooms"
    programme = False
    fields = ("level",)

    @staticmethod
    def select(rule: Any, env: Env) -> list[Any]:
        return [r for r in env.select(rule.applies_to) if r.accessible]

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        rooms = (room.id,)
        values = {"level": room.level}
        if room.level == 0:
            return Judgement("pass", rooms=rooms, shows=Phrase("on_level", {"level": 0}),
                             requires=Phrase("ground_or_lift"), values=values)
        lift = env.centre.centre.lift
        if lift is None:
            return Judgement("cannot_evaluate", rooms=rooms, reason="lift_missing", values=values)
        status: Status = "pass" if lift else "fail"
        return Judgement(status, rooms=rooms, shows=Phrase("on_level_lift" if lift else "on_level_no_lift",
                                                           {"level": room.level}),
                         requires=Phrase("ground_or_lift"), reason=None if lift else "upper_level_no_lift",
                         values=values)
