"""Security kinds: the site perimeter and its gates, separate entrances for staff and residents, and a
supervision point next to the children's rooms.

The perimeter and the entrance roles come from the layout's ``site`` section and the ``entrance``
roles of exits and gates; a layout that gives neither is ``cannot_evaluate`` (never a pass).
"""
from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from centreplan.standards.env import Env
from centreplan.standards.registry import Judgement, Kind, Name, Params, Phrase, Subject, check_uses, register

PERIMETER = Subject("centre", None)


def gate_subject(gate: Any) -> Subject:
    return Subject("gate", gate.id, {"id": gate.id})


@register()
class Perimeter(Kind):
    """The site has a closed perimeter (a wall or a fence) and every gate in it is controlled."""

    name = "perimeter"
    programme = False
    fields = ("gate", "fence", "height")

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        site = env.centre.site
        per = site.perimeter if site is not None else None
        if per is None:
            return [Judgement("cannot_evaluate", reason="perimeter_missing")]
        values = {"fence": per.fence}
        out = []
        closed = per.fence != "none"
        out.append(Judgement("pass" if closed else "fail", shows=Phrase(f"fence_{per.fence}"),
                             requires=Phrase("fence_closed"), reason=None if closed else "perimeter_open",
                             values=values))
        for gate in per.gates:
            s = gate_subject(gate)
            v = {"gate": gate.id}
            if gate.controlled is None:
                out.append(Judgement("cannot_evaluate", subject=s, reason="gate_control_missing", values=v))
            else:
                out.append(Judgement("pass" if gate.controlled else "fail", subject=s,
                                     shows=Phrase("gate_controlled" if gate.controlled else "gate_open"),
                                     requires=Phrase("gate_controlled"),
                                     reason=None if gate.controlled else "gate_uncontrolled", values=v))
        return out


@register()
class SeparateEntrances(Kind):
    """A staff entrance that residents do not use, besides the residents' entrance (exits of the
    buildings and gates of the perimeter, by their ``entrance`` roles)."""

    name = "separate_entrances"
    programme = False
    fields = ("entrances",)

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        entrances: list[tuple[str, list[str]]] = [(d.id, list(d.entrance)) for d in env.centre.doors if d.entrance]
        site = env.centre.site
        if site is not None and site.perimeter is not None:
            entrances += [(g.id, list(g.entrance)) for g in site.perimeter.gates if g.entrance]
        if not entrances:
            return [Judgement("cannot_evaluate", reason="entrances_missing")]
        staff = [i for i, roles in entrances if "staff" in roles and "residents" not in roles]
        residents = [i for i, roles in entrances if "residents" in roles]
        listed = [Phrase("entrance_of", {"id": i, "roles": [Name("entrance_roles", r) for r in roles]})
                  for i, roles in entrances]
        values = {"entrances": listed}
        shows = Phrase("entrances_are", {"entrances": listed})
        requires = Phrase("staff_and_residents_apart")
        if staff and residents:
            return [Judgement("pass", shows=shows, requires=requires, values=values)]
        reason = "no_residents_entrance" if not residents else "no_staff_entrance"
        return [Judgement("fail", shows=shows, requires=requires, reason=reason, values=values)]


@register()
class SupervisionPoint(Kind):
    """Each sleeping room of the rule (children's rooms) opens onto a room where staff can watch over
    it: a room of ``supervision_uses`` with a door to the sleeping room itself or to a room the
    sleeping room opens onto (its corridor)."""

    name = "supervision"
    subjects = "rooms"
    programme = False
    fields = ("posts",)

    class Params(Params):
        supervision_uses: list[str] = Field(min_length=1)

        _u = field_validator("supervision_uses")(check_uses)

    @staticmethod
    def _posts_next_to(rid: str, uses: tuple[str, ...], env: Env) -> set[str]:
        """Rooms of ``uses`` with a door to room ``rid`` (found once per room: the sleeping rooms of a
        corridor all look at its doors)."""
        key = ("supervision_posts", rid, uses)
        posts = env.memo.get(key)
        if posts is None:
            posts = env.memo[key] = {o for d in env.doors_of[rid] for o in (d.other(rid),)
                                     if o in env.rooms and env.rooms[o].use in uses}
        return posts

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        near = {room.id}
        for d in env.doors_of[room.id]:
            o = d.other(room.id)
            if o in env.rooms and not env.rooms[o].is_sleeping:
                near.add(o)
        uses = tuple(p.supervision_uses)
        found: set[str] = set()
        for rid in near:
            found |= self._posts_next_to(rid, uses, env)
        posts = sorted(found)
        requires = Phrase("supervision_near")
        if posts:
            return Judgement("pass", rooms=(room.id, *posts),
                             shows=Phrase("supervised_from", {"posts": ", ".join(posts)}), requires=requires,
                             values={"posts": ", ".join(posts)})
        return Judgement("fail", rooms=(room.id,), shows=Phrase("no_supervision"), requires=requires,
                         reason="no_supervision_near")
