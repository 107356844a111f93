"""Per-room kinds: floor area per person, floor area, ceiling height, least width, beds or households
per room, a yes/no feature, window area; and the centre-wide area kinds (area per resident, the
largest room of a use growing with residents)."""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, field_validator

from centreplan.planner.model import FEMALE_GROUPS, MALE_GROUPS
from centreplan.planner.numbers import ceil_div, digits_apart
from centreplan.standards.env import Env
from centreplan.standards.kinds.base import RoomThreshold, sleeping_rule_applies
from centreplan.standards.params import Area, Persons, VArea, VAreaPerPerson, VLength, VRatio
from centreplan.standards.registry import (
    Code,
    Count,
    Judgement,
    Kind,
    Missing,
    Name,
    Need,
    Num,
    Params,
    Pass,
    Phrase,
    PhrasePass,
    Requirement,
    Status,
    Subject,
    check_uses,
    register,
)

CENTRE = Subject("centre", None)


def whole(x: float) -> Num:
    """A number shown without decimals when it is whole (20, 20.5)."""
    return Num(x, None, 0 if abs(x - round(x)) < 1e-9 else 1)


def _has_fixtures(room: Any) -> bool:
    f = room.fixtures
    return f is not None and (f.wc + f.shower + f.basin + f.urinal) > 0


# ---- floor area per person ---------------------------------------------------------------------
@register("scope", default="room")
class MinAreaPerPerson(RoomThreshold):
    """Floor area per bed of each sleeping room (area / beds), with a larger minimum where the room
    holds sanitary fixtures (``min_with_fixtures``)."""

    name = "min_area_per_person"
    mode = "room"
    fields = ("area", "beds", "max_beds", "min_area", "residents")
    unit = "m2_per_person"
    needs_valid = True
    requirement_field = "area_per_person"

    class Params(Params):
        min: VAreaPerPerson
        min_with_fixtures: VAreaPerPerson | None = None  # when the room holds sanitary fixtures
        count_uses: list[str] = Field(default_factory=list)

        _u = field_validator("count_uses")(check_uses)

    def measure(self, room: Any, p: Any, env: Env) -> float | Missing:
        if room.beds == 0:
            return Missing("no_beds")
        return env.area(room.id) / room.beds

    def threshold(self, room: Any, p: Any, env: Env) -> float:
        use = p.min_with_fixtures if (p.min_with_fixtures and _has_fixtures(room)) else p.min
        return env.at(use)

    def values(self, room: Any, p: Any, env: Env, measured: float, required: float) -> Mapping[str, Any]:
        area = env.area(room.id)
        return {"area": Num(area, "m2"), "beds": room.beds, "max_beds": int(math.floor(area / required + 1e-9)),
                "min_area": Num(room.beds * required, "m2")}


@register("scope")
class MinAreaPerResident(Kind):
    """Area of the counted uses (not staff rooms) per resident, for the whole centre."""

    name = "min_area_per_person"
    mode = "centre"
    fields = MinAreaPerPerson.fields

    class Params(Params):
        min: VAreaPerPerson
        min_with_fixtures: VAreaPerPerson | None = None
        count_uses: list[str] = Field(default_factory=list)  # uses whose area counts

        _u = field_validator("count_uses")(check_uses)

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        p = rule.p
        n = env.pop.residents
        if n == 0:
            return [Judgement("cannot_evaluate", reason="no_population")]
        counted = [r for r in env.centre.rooms if r.use in p.count_uses and r.group != "staff"]
        bad = tuple(r.id for r in counted if not env.valid(r.id))
        if bad:
            return [Judgement("cannot_evaluate", reason="invalid_geometry", rooms=bad)]
        area = sum(env.area(r.id) for r in counted)
        need = env.at(p.min)
        return [Judgement.compare(area / n, need, ">=", "m2_per_person",
                                  values={"area": Num(area, "m2"), "residents": n, "min_area": Num(n * need, "m2")})]

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        n = need.population.residents
        if need.group is not None or n == 0:
            return []
        per = rule.p.min.at(need.phase, need.climate)
        return [Requirement("site_area", "area_per_person", per, key=rule.id,
                            extra={"total": per * n, "counted_uses": list(rule.p.count_uses)})]


# ---- floor area ----------------------------------------------------------------------------------
@register("scope", default="room")
class MinArea(RoomThreshold):
    """A minimum floor area per room (the single room of one bed, for instance)."""

    name = "min_area"
    mode = "room"
    fields = ("area", "use", "residents")
    unit = "m2"
    needs_valid = True

    class Params(Params):
        min: VArea

    def measure(self, room: Any, p: Any, env: Env) -> float | Missing:
        return env.area(room.id)

    def values(self, room: Any, p: Any, env: Env, measured: float, required: float) -> Mapping[str, Any]:
        return {"area": Num(measured, "m2")}

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None or rule.applies_to.beds != 1 or not sleeping_rule_applies(rule, need):
            return []
        return [Requirement("sleeping", "single_room_area", rule.p.min.at(need.phase, need.climate), "max")]


def stepped_area(p: Any, residents: int) -> float:
    """base + per_step × ceil((residents − above) / step)."""
    return float(p.base + p.per_step * ceil_div(residents - p.above, p.step))


@register("scope")
class MinAreaForResidents(Kind):
    """The largest room of the rule's uses, at least base + per_step × ceil((residents − above) / step)
    when residents > above."""

    name = "min_area"
    mode = "centre"
    fields = MinArea.fields

    class Params(Params):
        base: Area
        per_step: Area
        step: Persons
        above: Persons

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        p = rule.p
        n = env.pop.residents
        if not env.has_population:
            return [Judgement("cannot_evaluate", reason="no_population")]
        if n <= p.above:
            return [Judgement("not_applicable", reason="residents_at_most",
                              values={"residents": n, "above": whole(p.above)})]
        need = stepped_area(p, n)
        rooms = [r for r in env.select(rule.applies_to) if env.valid(r.id)]
        use = (rule.applies_to.uses or ["—"])[0]
        if not rooms:
            return [Judgement("fail", required=need, unit="m2", comparator=">=",
                              shows=Phrase("no_use_room", {"use": Code("uses", use)}),
                              requires=Phrase("at_least", {"value": Num(need, "m2")}),
                              values={"use": Name("uses", use, "bare"), "residents": n,
                                      "area": Phrase("none_of_use", {"use": Name("uses", use)})})]
        best = max(rooms, key=lambda r: env.area(r.id))
        area = env.area(best.id)
        return [Judgement.compare(area, need, ">=", "m2", rooms=(best.id,),
                                  values={"use": Name("uses", use, "bare"), "residents": n, "area": Num(area, "m2")})]

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        n = need.population.residents
        if need.group is not None or n <= rule.p.above:
            return []
        return [Requirement("room", "min_area", stepped_area(rule.p, n), key=u) for u in rule.applies_to.uses or []]


# ---- height and width ------------------------------------------------------------------------------
@register()
class MinHeight(RoomThreshold):
    """Clear ceiling height of each room the rule applies to."""

    name = "min_height"
    digits = 2
    show_required_when_missing = True
    requirement_field = "min_height"

    class Params(Params):
        min: VLength

    def measure(self, room: Any, p: Any, env: Env) -> float | Missing:
        return room.height if room.height is not None else Missing("height_missing")


@register("target")
class MinRoomWidth(RoomThreshold):
    """The least width of each room between its walls."""

    name = "min_dimension"
    mode = "room_width"
    fields = ("door", "width", "persons", "units")
    digits = 2
    needs_valid = True
    requirement_field = "min_width"

    class Params(Params):
        min: VLength

    def measure(self, room: Any, p: Any, env: Env) -> float | Missing:
        return env.plan.least_width(room.id)


# ---- occupants per room ----------------------------------------------------------------------------
def _beds_judgement(room_id: str, beds: int, group: str, most: int, one_sex: bool, ok: bool,
                    mixed: bool) -> Judgement:
    """The judgement of :class:`MaxBeds` on a room with beds."""
    if one_sex:
        shows = Phrase("beds_of_group", {"beds": Count(beds, "bed", "beds"), "group": Code("groups", group)})
        requires = Phrase("at_most_beds_one_sex", {"max": Count(most, "bed", "beds")})
    else:
        shows = Phrase("value", {"value": Count(beds, "bed", "beds")})
        requires = Phrase("at_most_beds", {"max": Count(most, "bed", "beds")})
    return Judgement("pass" if ok else "fail", measured=beds, required=most, unit="bed", comparator="<=",
                     shows=shows, requires=requires, reason="mixed_room" if mixed else None,
                     rooms=(room_id,), values={"beds": beds, "max": most})


@register("count", default="beds")
class MaxBeds(Kind):
    """Beds per sleeping room at most ``max``; with ``one_sex`` the room must also be assigned to a
    female or a male group."""

    name = "max_occupants"
    mode = "beds"
    fields = ("beds", "households", "max")
    subjects = "rooms"
    pass_form = ("bed", "<=", 1)

    class Params(Params):
        max: int = Field(ge=0)
        one_sex: bool = False

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | PhrasePass:
        if room.beds != 0 and Judgement.holds(room.beds, p.max, "<=") and not (
                p.one_sex and room.group not in FEMALE_GROUPS + MALE_GROUPS):
            return room.beds, p.max, (room.id,), None, _beds_judgement, (room.id, room.beds, room.group, p.max,
                                                                        p.one_sex, True, False)
        return self.judge(room, p, env)

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        if room.beds == 0:
            return Judgement("cannot_evaluate", required=p.max, unit="bed", comparator="<=",
                             requires=Phrase("at_most_beds", {"max": Count(p.max, "bed", "beds")}),
                             reason="no_beds", rooms=(room.id,))
        mixed = p.one_sex and room.group not in FEMALE_GROUPS + MALE_GROUPS
        ok = Judgement.holds(room.beds, p.max, "<=") and not mixed
        return _beds_judgement(room.id, room.beds, room.group, p.max, p.one_sex, ok, mixed)

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None or not sleeping_rule_applies(rule, need):
            return []
        return [Requirement("sleeping", "beds_per_room", float(rule.p.max), "min")]


def _households_judgement(room_id: str, households: int, most: int) -> Judgement:
    """The judgement of :class:`MaxHouseholds` on a room whose households are given."""
    return Judgement.compare(households, most, "<=", "household", rooms=(room_id,),
                             requires=Phrase("at_most_households", {"max": Count(most, "household", "household(s)")}),
                             shows=Phrase("value", {"value": Count(households, "household", "household(s)")}),
                             values={"households": households, "max": most})


@register("count")
class MaxHouseholds(Kind):
    """Households per room at most ``max`` (``households`` of each room the rule applies to)."""

    name = "max_occupants"
    mode = "households"
    fields = MaxBeds.fields
    subjects = "rooms"
    pass_form = ("household", "<=", 1)

    class Params(Params):
        max: int = Field(ge=0)
        one_sex: bool = False

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | PhrasePass:
        n = room.households
        if n is not None and Judgement.holds(n, p.max, "<="):
            return n, p.max, (room.id,), None, _households_judgement, (room.id, n, p.max)
        return self.judge(room, p, env)

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        if room.households is None:
            cap = Phrase("at_most_households", {"max": Count(p.max, "household", "household(s)")})
            return Judgement("cannot_evaluate", required=p.max, unit="household", comparator="<=", requires=cap,
                             reason="households_missing", rooms=(room.id,))
        return _households_judgement(room.id, room.households, p.max)

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None or not sleeping_rule_applies(rule, need):
            return []
        return [Requirement("sleeping", "households_per_room", float(rule.p.max), "min")]


# ---- a yes/no feature, windows ---------------------------------------------------------------------
def _feature_pass(room_id: str, field: str, expected: bool) -> Judgement:
    """The pass of :class:`Feature` for a room whose ``field`` is ``expected``."""
    shows = Phrase(field if expected else f"not_{field}")
    return Judgement("pass", shows=shows, requires=shows, rooms=(room_id,))


@register()
class Feature(Kind):
    """A yes/no feature of each room of the rule (``lockable``); not given → cannot_evaluate."""

    name = "feature"
    subjects = "rooms"
    pass_form = (None, None, 1)

    class Params(Params):
        field: Literal["lockable"]
        expected: bool = True

    @staticmethod
    def _value(room: Any, p: Any) -> bool | None:
        # lockable: locks from inside, as ``lock: inside`` or ``both`` says (planner.model.Room.locks_inside)
        return room.locks_inside if p.field == "lockable" else getattr(room, p.field)

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | PhrasePass:
        if self._value(room, p) == p.expected:
            return None, None, (room.id,), None, _feature_pass, (room.id, p.field, p.expected)
        return self.judge(room, p, env)

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        value = self._value(room, p)
        requires = Phrase(p.field if p.expected else f"not_{p.field}")
        if value is None:
            return Judgement("cannot_evaluate", requires=requires, reason=f"{p.field}_missing", rooms=(room.id,))
        shows = Phrase(p.field if value else f"not_{p.field}")
        return Judgement("pass" if value == p.expected else "fail", shows=shows, requires=requires, rooms=(room.id,))

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        uses = rule.applies_to.uses
        if need.group is None:
            return []
        if uses and "sanitary" in uses:
            return [Requirement("sanitary", rule.p.field, rule.p.expected, "any")]
        if sleeping_rule_applies(rule, need):
            return [Requirement("sleeping", rule.p.field, rule.p.expected, "any")]
        return []


@register()
class WindowRatio(Kind):
    """Window area as a share of floor area (glazed, or openable only); optionally at least one
    openable window. Windows not given → cannot_evaluate; an empty list means no window."""

    name = "window_ratio"
    fields = ("window_area", "floor", "min_window", "ratio", "min_ratio")
    subjects = "rooms"

    class Params(Params):
        min_ratio: VRatio
        openable_only: bool = False
        require_openable: bool = False

    pass_form = ("percent_of_floor", ">=", 1)

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | Pass:
        if room.windows is not None and env.valid(room.id):
            need = env.at(p.min_ratio) * 100
            floor = env.area(room.id)
            ratio = sum(w.width * w.height for w in room.windows if w.openable or not p.openable_only) / floor * 100 \
                if floor > 0 else 0.0
            if Judgement.holds(ratio, need, ">=") and not (p.require_openable
                                                           and not any(w.openable for w in room.windows)):
                return ratio, need
        return self.judge(room, p, env)

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        need = env.at(p.min_ratio) * 100
        if room.windows is None:
            return Judgement("cannot_evaluate", required=need, unit="percent_of_floor", comparator=">=",
                             reason="windows_missing", rooms=(room.id,))
        if not env.valid(room.id):
            return Judgement("cannot_evaluate", reason="invalid_geometry", rooms=(room.id,))
        floor = env.area(room.id)
        win_area = sum(w.width * w.height for w in room.windows if w.openable or not p.openable_only)
        ratio = win_area / floor * 100 if floor > 0 else 0.0
        no_openable = p.require_openable and not any(w.openable for w in room.windows)
        d = digits_apart(ratio, need)
        values = {"window_area": Num(win_area, "m2", 2), "floor": Num(floor, "m2"),
                  "min_window": Num(need / 100 * floor, "m2", 2), "ratio": Num(ratio, "percent", d),
                  "min_ratio": Num(need, "percent", d)}
        status: Status = "fail" if no_openable or not Judgement.holds(ratio, need, ">=") else "pass"
        return Judgement(status, measured=ratio, required=need, unit="percent_of_floor", comparator=">=",
                         rooms=(room.id,), reason="no_openable_window" if no_openable else None, values=values)

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None or not sleeping_rule_applies(rule, need):
            return []
        field = "openable_ratio" if rule.p.openable_only else "glazing_ratio"
        return [Requirement("sleeping", field, rule.p.min_ratio.at(need.phase, need.climate), "max")]
