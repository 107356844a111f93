"""Sleeping places for the declared population: a bed for each resident of each group, a sleeping
room for every group that has residents, and enough beds for all residents together.

The capacity a centre declares is what its sleeping places give: every declared resident needs a bed
in a sleeping room assigned to their group (EASO 2016 indicator 5.3 and EUAA 2018 indicator 44.3
ask for a bed per person and per child). Comparing the declared population with the beds drawn is
centreplan's design choice; the packs say so in a note on each rule.
"""
from __future__ import annotations

from typing import Any

from centreplan.planner.model import RESIDENT_GROUPS
from centreplan.standards.env import Env
from centreplan.standards.kinds.base import PerGroup
from centreplan.standards.registry import Count, Judgement, Kind, Need, Params, Phrase, Requirement, register


def sleeping_rooms(env: Env, group: str) -> list[Any]:
    """Sleeping rooms assigned to ``group`` (dormitories, family rooms), in layout order (the rooms of
    every group sorted out once per check)."""
    by_group: dict[str, list[Any]] | None = env.memo.get("sleeping_rooms")
    if by_group is None:
        by_group = env.memo["sleeping_rooms"] = {}
        for r in env.centre.rooms:
            if r.is_sleeping:
                by_group.setdefault(r.group, []).append(r)
    return list(by_group.get(group, ()))


class NoParams(Params):
    """The sleeping-place kinds take no parameter: one bed per declared resident is what they check."""


@register("scope", default="group")
class BedsPerGroup(PerGroup):
    """Beds in the sleeping rooms of each resident group, at least its declared persons."""

    name = "sleeping_places"
    mode = "group"
    fields = ("persons", "beds", "short", "rooms_count")

    Params = NoParams

    def judge_group(self, group: str, persons: int, rule: Any, env: Env) -> Judgement:
        rooms = sleeping_rooms(env, group)
        beds = sum(r.beds for r in rooms)
        return Judgement.compare(
            beds, persons, ">=", "bed", 0, rooms=tuple(r.id for r in rooms),
            shows=Phrase("value", {"value": Count(beds, "bed", "beds")}),
            requires=Phrase("at_least", {"value": Count(persons, "bed", "beds")}),
            values={"persons": persons, "beds": Count(beds, "bed"), "short": Count(max(0, persons - beds), "bed"),
                    "rooms_count": len(rooms)})

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None:
            return []
        return [Requirement("sleeping", "beds", need.population.of_group(need.group), "max")]


@register("scope")
class SleepingRoomPerGroup(PerGroup):
    """Every resident group that has persons has at least one sleeping room of its own with beds."""

    name = "sleeping_places"
    mode = "group_rooms"
    fields = BedsPerGroup.fields

    Params = NoParams

    def judge_group(self, group: str, persons: int, rule: Any, env: Env) -> Judgement:
        rooms = [r for r in sleeping_rooms(env, group) if r.beds > 0]
        return Judgement.compare(
            len(rooms), 1, ">=", "sleeping_room", 0, rooms=tuple(r.id for r in rooms),
            shows=Phrase("value", {"value": Count(len(rooms), "sleeping_room", "sleeping room(s)")}),
            requires=Phrase("at_least", {"value": Count(1, "sleeping_room", "sleeping room")}),
            values={"persons": persons, "beds": Count(sum(r.beds for r in rooms), "bed"), "rooms_count": len(rooms)})

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None:
            return []
        return [Requirement("sleeping", "at_least_one_room", True, "any")]


@register("scope")
class BedsForResidents(Kind):
    """Beds in all the residents' sleeping rooms (not staff rooms), at least the declared residents."""

    name = "sleeping_places"
    mode = "residents"
    fields = BedsPerGroup.fields
    programme = False  # the programme's sleeping lines give each group a bed per person: the total follows

    Params = NoParams

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        n = env.pop.residents
        if n == 0:
            return [Judgement("cannot_evaluate", reason="no_population")]
        rooms = [r for r in env.centre.rooms if r.is_sleeping and r.group in RESIDENT_GROUPS]
        beds = sum(r.beds for r in rooms)
        return [Judgement.compare(
            beds, n, ">=", "bed", 0,
            shows=Phrase("value", {"value": Count(beds, "bed", "beds")}),
            requires=Phrase("at_least", {"value": Count(n, "bed", "beds")}),
            values={"persons": n, "beds": Count(beds, "bed"), "short": Count(max(0, n - beds), "bed"),
                    "rooms_count": len(rooms)})]

