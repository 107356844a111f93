"""Infection-control kinds: an isolation room's own WC and its own entrance, and beds far enough
apart in screening rooms.

Bed spacing is judged from what the layout format holds — a room's outline and its number of beds,
not where each bed stands: a room can hold ``n`` beds of ``bed_width × bed_length`` with ``spacing``
between neighbours only if its floor area is at least ``n × (bed_width + spacing) × bed_length``
(each bed with a clear strip of ``spacing`` along one long side). This is a necessary condition: a
room that fails it cannot hold its beds that far apart; one that meets it can when the beds stand
side by side in rows, which the finding says.
"""
from __future__ import annotations

from typing import Any

from centreplan.planner.model import OUTSIDE
from centreplan.standards.env import Env
from centreplan.standards.params import Length
from centreplan.standards.registry import Judgement, Kind, Num, Params, Phrase, register


def own_rooms(room_id: str, env: Env) -> list[str]:
    """Rooms whose every door leads to ``room_id`` or outside (its en-suite WC, its airlock)."""
    out = []
    for d in env.doors_of[room_id]:
        other = d.other(room_id)
        if other == OUTSIDE or other not in env.rooms:
            continue
        if all(x.other(other) in (room_id, OUTSIDE) for x in env.doors_of[other]):
            out.append(other)
    return sorted(set(out))


def _wc(room: Any) -> int:
    return room.fixtures.wc if room.fixtures is not None else 0


@register("mode")
class IsolationOwnWc(Kind):
    """The room has a WC of its own: a wc among its fixtures, or a sanitary room with a wc whose every
    door leads to this room (an en-suite shower-WC)."""

    name = "infection"
    mode = "own_wc"
    fields = ("own",)
    subjects = "rooms"
    programme = False

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        requires = Phrase("own_wc")
        if _wc(room) > 0:
            return Judgement("pass", rooms=(room.id,), shows=Phrase("wc_in_room", {"n": _wc(room)}),
                             requires=requires)
        ensuite = [r for r in own_rooms(room.id, env) if env.rooms[r].is_sanitary and _wc(env.rooms[r]) > 0]
        if ensuite:
            return Judgement("pass", rooms=(room.id, *ensuite),
                             shows=Phrase("ensuite_wc", {"rooms": ", ".join(ensuite)}), requires=requires)
        return Judgement("fail", rooms=(room.id,), shows=Phrase("no_own_wc"), requires=requires, reason="no_own_wc",
                         values={"own": "—"})


@register("mode")
class IsolationOwnEntrance(Kind):
    """The room has an entrance of its own from outside: a door to ``outside`` from the room itself or
    from a room whose every door leads to it or outside (its airlock), so a patient comes in and
    leaves without crossing the centre."""

    name = "infection"
    mode = "own_entrance"
    fields = ("door",)
    subjects = "rooms"
    programme = False

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        requires = Phrase("own_entrance")
        for rid in [room.id, *own_rooms(room.id, env)]:
            for d in env.doors_of[rid]:
                if d.to_outside and d.id in env.plan.door_points:
                    return Judgement("pass", rooms=tuple(dict.fromkeys((room.id, rid))),
                                     shows=Phrase("entrance_door", {"door": d.id}), requires=requires)
        return Judgement("fail", rooms=(room.id,), shows=Phrase("no_own_entrance"), requires=requires,
                         reason="no_own_entrance", values={"door": "—"})


@register("mode")
class BedSpacing(Kind):
    """Beds of a screening room can stand ``spacing`` apart: floor area per bed ≥ (bed width +
    spacing) × bed length (see the module's note); rooms with fewer than two beds are not judged."""

    name = "infection"
    mode = "bed_spacing"
    fields = ("area", "beds", "max_beds", "spacing")
    subjects = "rooms"
    needs_valid = True
    programme = False

    class Params(Params):
        spacing: Length
        bed_width: Length
        bed_length: Length

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        if room.beds < 2:
            return Judgement("not_applicable", rooms=(room.id,), reason="fewer_than_two_beds")
        area = env.area(room.id)
        need = (p.bed_width + p.spacing) * p.bed_length
        per_bed = area / room.beds
        values = {"area": Num(area, "m2"), "beds": room.beds, "max_beds": int(area // need + 1e-9),
                  "spacing": Num(p.spacing, "m")}
        return Judgement.compare(per_bed, need, ">=", "m2_per_person", 2, rooms=(room.id,), values=values)
