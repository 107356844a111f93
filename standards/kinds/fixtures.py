"""Fixtures per person: WCs, showers, basins, phones or sanitary blocks, per resident group or for all
residents."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Literal

from pydantic import field_validator

from centreplan.planner.model import FIXTURES, RESIDENT_GROUPS
from centreplan.planner.numbers import ceil_div
from centreplan.standards.env import Env
from centreplan.standards.kinds.rooms import whole
from centreplan.standards.params import VPersons
from centreplan.standards.registry import (
    Count,
    Judgement,
    Kind,
    Name,
    Need,
    Params,
    Phrase,
    Requirement,
    Subject,
    register,
)

ALL_FIXTURES = FIXTURES + ("block",)
# the words of the report contract's English ``measured``/``required`` ("3 wc", "1 shower")
_CONTRACT_EN = {"wc": ("wc", "wc"), "shower": ("shower", "showers"), "basin": ("basin", "basins"),
                "urinal": ("urinal", "urinals"), "phone": ("phone", "phones"),
                "block": ("sanitary block", "sanitary blocks")}


def counted(n: int, fixture: str) -> Count:
    """``n`` fixtures: ``2 showers`` / ``2 douches``, ``3 wc`` / ``3 WC``."""
    one, many = _CONTRACT_EN[fixture]
    return Count(n, fixture, one if n == 1 else many)


def fixtures_of(room: Any, fixture: str) -> int:
    """Fixtures of one kind in a room; a "block" is a wc + shower + basin (also used by the programme)."""
    f = room.fixtures
    if f is None:
        return 0
    if fixture == "block":
        return min(f.wc, f.shower, f.basin)
    return int(getattr(f, fixture))


class _RatioParams(Params):
    persons_per: dict[str, VPersons]
    rooms: Literal["sanitary", "any"] = "sanitary"

    @field_validator("persons_per")
    @classmethod
    def _fixtures(cls, v: dict[str, Any]) -> dict[str, Any]:
        for k in v:
            if k not in ALL_FIXTURES:
                raise ValueError(f"{k!r} is not a fixture; valid: {', '.join(ALL_FIXTURES)}")
        return v


def _rooms_with_fixtures(rule: Any, env: Env) -> list[Any]:
    if rule.p.rooms == "any":
        return [r for r in env.centre.rooms if r.fixtures is not None]
    return [r for r in env.centre.rooms if r.fixtures is not None and r.is_sanitary]


def _numbers(fixture: str, persons: int, per: float, have: int, need: int) -> dict[str, Any]:
    short = max(0, need - have)
    return {"fixture": Name("fixtures", fixture, "plural"), "persons": persons, "per": whole(per), "own": have,
            "short": short, "have": Count(have, fixture), "need": Count(need, fixture), "add": Count(short, fixture)}


@register("scope", default="group")
class FixturesPerGroup(Kind):
    """Fixtures per person for each resident group: fixtures in sanitary rooms serving it.

    A sanitary room assigned to the group counts for it; rooms assigned to ``all`` form a shared pool
    that covers the groups' shortfalls when it is large enough for all of them together. A ``block``
    is a wc, a shower and a basin: blocks = min(wc, shower, basin) summed over the rooms.
    """

    name = "fixture_ratio"
    mode = "group"
    fields = ("fixture", "persons", "per", "own", "shared", "short", "have", "need", "add")
    Params = _RatioParams

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        if not env.has_population:
            return [Judgement("cannot_evaluate", reason="no_population")]
        rooms = _rooms_with_fixtures(rule, env)
        out = []
        for fixture, per_v in rule.p.persons_per.items():
            per = env.at(per_v)
            own: dict[str, int] = defaultdict(int)
            own_rooms: dict[str, list[str]] = defaultdict(list)
            shared, shared_rooms = 0, []
            for r in rooms:
                n = fixtures_of(r, fixture)
                if r.group == "all":
                    shared += n
                    shared_rooms.append(r.id)
                else:
                    own[r.group] += n
                    own_rooms[r.group].append(r.id)
            need = {g: ceil_div(env.pop.of_group(g), per) for g in RESIDENT_GROUPS if env.pop.of_group(g) > 0}
            short = {g: max(0, need[g] - own[g]) for g in need}
            pool_covers = sum(short.values()) <= shared
            for g in RESIDENT_GROUPS:
                subject = Subject("group", g, {"group": Name("groups", g)})
                if g not in need:
                    out.append(Judgement("not_applicable", subject=subject, group=g, reason="group_absent"))
                    continue
                uses_pool = short[g] > 0
                ok = short[g] == 0 or pool_covers
                have = counted(own[g], fixture)
                shows = (Phrase("with_shared", {"own": have, "shared": shared}) if uses_pool and shared
                         else Phrase("value", {"value": have}))
                out.append(Judgement(
                    "pass" if ok else "fail", subject=subject, group=g, measured=own[g] + (shared if uses_pool else 0),
                    required=need[g], unit=fixture, comparator=">=", shows=shows,
                    requires=Phrase("at_least", {"value": counted(need[g], fixture)}),
                    rooms=tuple(own_rooms[g] + (shared_rooms if uses_pool else [])),
                    values={**_numbers(fixture, env.pop.of_group(g), per, own[g], need[g]), "shared": shared}))
        return out

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if need.group is None:
            return []
        n = need.population.of_group(need.group)
        return [Requirement("fixture", "count", float(ceil_div(n, per_v.at(need.phase, need.climate))), "max",
                            key=fixture, extra={"per": per_v.at(need.phase, need.climate)})
                for fixture, per_v in rule.p.persons_per.items()]


@register("scope")
class FixturesForResidents(Kind):
    """Fixtures per person for all residents together (fixtures in rooms not assigned to staff)."""

    name = "fixture_ratio"
    mode = "residents"
    fields = FixturesPerGroup.fields
    Params = _RatioParams

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        if not env.has_population:
            return [Judgement("cannot_evaluate", reason="no_population")]
        n = env.pop.residents
        rooms = [r for r in _rooms_with_fixtures(rule, env) if r.group != "staff"]
        out = []
        for fixture, per_v in rule.p.persons_per.items():
            per = env.at(per_v)
            if fixture == "block":
                have = min(sum(fixtures_of(r, f) for r in rooms) for f in ("wc", "shower", "basin"))
                with_it = tuple(r.id for r in rooms if r.fixtures.wc + r.fixtures.shower + r.fixtures.basin > 0)
            else:
                have = sum(fixtures_of(r, fixture) for r in rooms)
                with_it = tuple(r.id for r in rooms if fixtures_of(r, fixture) > 0)
            need = ceil_div(n, per)
            out.append(Judgement.compare(
                have, need, ">=", fixture, subject=Subject("fixture", fixture,
                                                           {"fixture": Name("fixtures", fixture, "plural")}),
                rooms=with_it, shows=Phrase("value", {"value": counted(have, fixture)}),
                requires=Phrase("at_least", {"value": counted(need, fixture)}),
                values=_numbers(fixture, n, per, have, need)))
        return out

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        n = need.population.residents
        if need.group is not None or n == 0:
            return []
        return [Requirement("residents_fixture", "count", float(ceil_div(n, per_v.at(need.phase, need.climate))),
                            "max", key=fixture, extra={"per": per_v.at(need.phase, need.climate), "rule": rule.id})
                for fixture, per_v in rule.p.persons_per.items()]
