"""Protection kinds: separation of groups (sanitary rooms of one sex, no door between groups, no
route through adults' rooms), rooms kept apart from some uses, and rooms a centre must have."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pydantic import Field, field_validator

from centreplan.planner.model import FEMALE_GROUPS, MALE_GROUPS, OUTSIDE, RESIDENT_GROUPS
from centreplan.standards.env import Env
from centreplan.standards.kinds.integrity import door_subject
from centreplan.standards.kinds.rooms import whole
from centreplan.standards.params import Persons
from centreplan.standards.registry import (
    Code,
    CountOf,
    Judgement,
    Kind,
    Name,
    Need,
    Params,
    Phrase,
    PhrasePass,
    Requirement,
    Subject,
    check_groups,
    check_uses,
    register,
)

SEXED = FEMALE_GROUPS + MALE_GROUPS


class _SeparationParams(Params):
    excepted: list[str] = Field(default_factory=list)
    forbidden: list[str] = Field(default_factory=list)
    through_uses: list[str] | None = None

    _g = field_validator("excepted", "forbidden")(check_groups)

    @field_validator("through_uses")
    @classmethod
    def _uses(cls, v: list[str] | None) -> list[str] | None:
        return check_uses(v) if v is not None else v


@register("mode")
class SanitaryOneSex(Kind):
    """A sanitary room serves only female or only male groups (rooms of the ``excepted`` groups and
    single-user rooms — at most one wc and one shower, no urinal — excepted)."""

    name = "separation"
    mode = "sanitary_sex"
    fields = ("through", "door", "group_a", "group_b")
    subjects = "rooms"
    programme = False
    Params = _SeparationParams

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        rooms = (room.id,)
        if room.group in p.excepted:
            return Judgement("not_applicable", rooms=rooms, group=room.group, reason="group_excepted")
        if room.group in SEXED:
            return Judgement("pass", rooms=rooms, group=room.group, reason="one_sex")
        if room.fixtures is None:
            return Judgement("cannot_evaluate", rooms=rooms, reason="fixtures_missing")
        if room.fixtures.wc <= 1 and room.fixtures.shower <= 1 and room.fixtures.urinal == 0:
            return Judgement("pass", rooms=rooms, reason="single_user")
        return Judgement("fail", rooms=rooms, shows=Phrase("group_is", {"group": Code("groups", room.group)}),
                         requires=Phrase("one_sex_only"), reason="mixed_sex")


@register("mode")
class NoDoorBetweenGroups(Kind):
    """No door directly joins two rooms of the rule (sleeping or sanitary) assigned to different
    resident groups."""

    name = "separation"
    mode = "door"
    fields = SanitaryOneSex.fields
    programme = False
    Params = _SeparationParams

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        a = rule.applies_to
        out = []
        for d in env.centre.doors:
            if d.to_outside:
                continue
            x, y = (env.rooms.get(e) for e in d.between)
            if x is None or y is None or not (a.matches(x) and a.matches(y)):
                continue
            if x.group in RESIDENT_GROUPS and y.group in RESIDENT_GROUPS and x.group != y.group:
                out.append(Judgement(
                    "fail", subject=door_subject(d), rooms=(x.id, y.id),
                    shows=Phrase("door_between", {"a": Code("groups", x.group), "b": Code("groups", y.group)}),
                    requires=Phrase("no_door_between_groups"), reason="door_joins_groups",
                    values={"door": d.id, "group_a": Name("groups", x.group), "group_b": Name("groups", y.group)}))
        return out or [Judgement("pass", reason="no_door_between_groups")]


@register("mode")
class RouteAvoidsGroups(Kind):
    """From each sleeping room of the rule, the walking route to its nearest sanitary room serving its
    group passes through no room assigned to the ``forbidden`` groups (only rooms of
    ``through_uses`` count when it is given)."""

    name = "separation"
    mode = "route"
    fields = SanitaryOneSex.fields
    subjects = "rooms"
    programme = False
    Params = _SeparationParams
    pass_form = (None, None, 1)

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | PhrasePass:
        route = env.routes_to_sanitary(room.group).get(room.id)
        if route is not None and not self._bad(route, p, env):
            rooms = (room.id, route.rooms[-1])
            return None, None, rooms, room.group, _route_pass, (route, rooms, room.group, tuple(p.forbidden))
        return self.judge(room, p, env)

    @staticmethod
    def _bad(route: Any, p: Any, env: Env) -> list[str]:
        """The rooms of the forbidden groups ``route`` passes through."""
        return [x for x in route.through
                if x in env.rooms and env.rooms[x].group in p.forbidden
                and (p.through_uses is None or env.rooms[x].use in p.through_uses)]

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        route = env.routes_to_sanitary(room.group).get(room.id)
        if route is None:
            return Judgement("cannot_evaluate", rooms=(room.id,), group=room.group, reason="no_route_sanitary")
        bad = self._bad(route, p, env)
        target = route.rooms[-1]
        if bad:
            through = [Phrase("room_of", {"room": x, "group": Code("groups", env.rooms[x].group)}) for x in bad]
            return Judgement("fail", rooms=(room.id, *bad, target), group=room.group,
                             shows=Phrase("through", {"rooms": through}), requires=_no_room_of(p.forbidden),
                             reason="route_through", values={"through": ", ".join(bad)})
        return _route_pass(route, (room.id, target), room.group, p.forbidden)


def _no_room_of(forbidden: Sequence[str]) -> Phrase:
    return Phrase("no_room_of_on_route", {"groups": [Code("groups", g) for g in forbidden]})


def _route_pass(route: Any, rooms: tuple[str, ...], group: str, forbidden: Sequence[str]) -> Judgement:
    """The pass of :class:`RouteAvoidsGroups` for a room whose ``route`` to a sanitary room avoids the
    ``forbidden`` groups (``rooms``: the room and that sanitary room)."""
    via = ", ".join(route.through)
    shows = Phrase("route_via" if via else "route_to", {"target": route.rooms[-1], "via": via})
    return Judgement("pass", rooms=rooms, group=group, shows=shows, requires=_no_room_of(forbidden))


@register()
class Adjacency(Kind):
    """Rooms of the rule's uses have no door to a room of the ``forbidden_uses``."""

    name = "adjacency"
    fields = ("others",)
    subjects = "rooms"
    programme = False

    pass_form = (None, None, 1)

    class Params(Params):
        forbidden_uses: list[str] = Field(min_length=1)

        _u = field_validator("forbidden_uses")(check_uses)

    @staticmethod
    def _others(room: Any, p: Any, env: Env) -> list[str]:
        """The rooms of the forbidden uses a door of ``room`` opens on."""
        others: list[str] = []
        for d in env.doors_of[room.id]:
            o = d.other(room.id)
            if o != OUTSIDE and o in env.rooms and env.rooms[o].use in p.forbidden_uses and o not in others:
                others.append(o)
        return others

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | PhrasePass:
        if not self._others(room, p, env):
            return None, None, (room.id,), None, _no_door_pass, (room.id, tuple(p.forbidden_uses))
        return self.judge(room, p, env)

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        others = self._others(room, p, env)
        if others:
            to = [Phrase("room_of", {"room": o, "group": Code("uses", env.rooms[o].use)}) for o in others]
            return Judgement("fail", rooms=(room.id, *others), shows=Phrase("door_to", {"rooms": to}),
                             requires=_no_door_to(p.forbidden_uses), reason="door_to",
                             values={"others": ", ".join(others)})
        return _no_door_pass(room.id, p.forbidden_uses)


def _no_door_to(uses: Sequence[str]) -> Phrase:
    return Phrase("no_door_to", {"uses": [Code("uses", u) for u in uses]})


def _no_door_pass(room_id: str, forbidden_uses: Sequence[str]) -> Judgement:
    """The pass of :class:`Adjacency` for a room with no door to a room of the ``forbidden_uses``."""
    return Judgement("pass", rooms=(room_id,), shows=Phrase("no_such_door"), requires=_no_door_to(forbidden_uses))


@register()
class RequiredRoom(Kind):
    """At least one room of each of ``uses``, when the condition holds (residents ≥ a number, or one
    of some groups present)."""

    name = "required_room"
    fields = ("use",)

    class Params(Params):
        uses: list[str] = Field(min_length=1)
        when_residents_at_least: Persons | None = None
        when_groups: list[str] | None = None  # any of these groups has persons

        _u = field_validator("uses")(check_uses)

        @field_validator("when_groups")
        @classmethod
        def _g(cls, v: list[str] | None) -> list[str] | None:
            for g in v or []:
                if g not in RESIDENT_GROUPS:
                    raise ValueError(f"{g!r} is not a resident group; valid: {', '.join(RESIDENT_GROUPS)}")
            return v

    @staticmethod
    def applies(p: Any, population: Any) -> Phrase | None:
        """None when the rule's condition holds for ``population``; else why it does not."""
        if p.when_residents_at_least is not None and population.residents < p.when_residents_at_least:
            return Phrase("fewer_residents", {"residents": population.residents,
                                              "least": whole(p.when_residents_at_least)})
        if p.when_groups is not None and not any(population.of_group(g) > 0 for g in p.when_groups):
            return Phrase("no_group_present", {"groups": [Name("groups", g) for g in p.when_groups]})
        return None

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        p = rule.p
        subjects = [Subject("use", u, {"use": Name("uses", u, "label")}) for u in p.uses]
        conditional = p.when_residents_at_least is not None or p.when_groups is not None
        if conditional and not env.has_population:
            return [Judgement("cannot_evaluate", subject=s, reason="no_population") for s in subjects]
        why = self.applies(p, env.pop)
        if why is not None:
            return [Judgement("not_applicable", subject=s, reason="condition_unmet", values={"condition": why})
                    for s in subjects]
        by_use: dict[str, list[str]] = defaultdict(list)
        for r in env.centre.rooms:
            by_use[r.use].append(r.id)
        out = []
        for u, s in zip(p.uses, subjects):
            found = by_use.get(u, [])
            requires = Phrase("at_least_one_room", {"use": Code("uses", u)})
            values = {"use": Name("uses", u, "bare")}
            if found:
                out.append(Judgement("pass", subject=s, rooms=tuple(found), measured=len(found), required=1,
                                     unit="room", comparator=">=",
                                     shows=Phrase("rooms_of_use", {"count": len(found), "use": Code("uses", u),
                                                                   "rooms": CountOf(len(found), "uses", u)}),
                                     requires=requires, values=values))
            else:
                out.append(Judgement("fail", subject=s, measured=0, required=1, unit="room", comparator=">=",
                                     shows=Phrase("no_use_room", {"use": Code("uses", u)}),
                                     requires=requires, reason="missing_use", values=values))
        return out

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is not None or self.applies(rule.p, need.population) is not None:
            return []
        return [Requirement("room", "required", True, "any", key=u) for u in rule.p.uses]
