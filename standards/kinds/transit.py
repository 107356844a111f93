"""Transit-centre sanitation: communal toilets for the whole population with a share for women and
girls (Sphere's figures for reception and transit centres: 1 toilet per 50 persons, 3:1 female to
male)."""
from __future__ import annotations

from typing import Any

from centreplan.planner.model import FEMALE_GROUPS
from centreplan.planner.numbers import ceil_div
from centreplan.standards.env import Env
from centreplan.standards.kinds.fixtures import counted, fixtures_of
from centreplan.standards.kinds.rooms import whole
from centreplan.standards.params import Persons, Ratio
from centreplan.standards.registry import Judgement, Kind, Name, Need, Params, Phrase, Requirement, Subject, register


class _SplitParams(Params):
    persons_per: Persons
    female_share: Ratio


@register()
class FixtureSplit(Kind):
    """WCs for all residents ≥ ceil(residents / ``persons_per``) (sanitary rooms not assigned to staff),
    and WCs in sanitary rooms of female groups ≥ ceil(``female_share`` × that number) when women or
    girls are present. Rooms of families or of all groups count in the total only."""

    name = "fixture_split"
    fields = ("have", "need", "persons", "per", "share", "add")
    Params = _SplitParams

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        """The programme's lines for all residents: ceil(residents / persons_per) WCs, and of them
        ceil(female_share × that number) for women and girls when any are present."""
        n = need.population.residents
        if need.group is not None or n == 0:
            return []
        per = rule.p.persons_per
        need_all = ceil_div(n, per)
        out = [Requirement("residents_fixture", "count", float(need_all), "max", key="wc",
                           extra={"per": per, "rule": rule.id})]
        if sum(need.population.of_group(g) for g in FEMALE_GROUPS) > 0:  # as judge_rule: women or girls present
            female = ceil_div(rule.p.female_share * need_all, 1)
            out.append(Requirement("residents_fixture", "female_share", float(female), "max", key="wc",
                                   extra={"share": rule.p.female_share, "total": need_all}))
        return out

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        p = rule.p
        if not env.has_population:
            return [Judgement("cannot_evaluate", reason="no_population")]
        rooms = [r for r in env.centre.rooms if r.is_sanitary and r.fixtures is not None and r.group != "staff"]
        n = env.pop.residents
        need = ceil_div(n, p.persons_per)
        have = sum(fixtures_of(r, "wc") for r in rooms)
        total = Subject("fixture", "wc", {"fixture": Name("fixtures", "wc", "plural")})
        values = {"persons": n, "per": whole(p.persons_per), "share": f"{p.female_share * 100:g} %"}
        out = [Judgement.compare(have, need, ">=", "wc", subject=total,
                                 rooms=tuple(r.id for r in rooms if fixtures_of(r, "wc")),
                                 shows=Phrase("value", {"value": counted(have, "wc")}),
                                 requires=Phrase("at_least", {"value": counted(need, "wc")}),
                                 values={**values, "have": counted(have, "wc"), "need": counted(need, "wc"),
                                         "add": counted(max(0, need - have), "wc")})]
        female = Subject("fixture", "wc-female", {"fixture": {"en": "WC for women and girls",
                                                              "fr": "WC des femmes et des filles"}})
        if sum(env.pop.of_group(g) for g in FEMALE_GROUPS) == 0:
            out.append(Judgement("not_applicable", subject=female, reason="no_women_or_girls"))
            return out
        f_rooms = [r for r in rooms if r.group in FEMALE_GROUPS]
        f_have = sum(fixtures_of(r, "wc") for r in f_rooms)
        f_need = ceil_div(p.female_share * need, 1)
        out.append(Judgement.compare(
            f_have, f_need, ">=", "wc", subject=female, rooms=tuple(r.id for r in f_rooms if fixtures_of(r, "wc")),
            shows=Phrase("value", {"value": counted(f_have, "wc")}),
            requires=Phrase("female_share_of", {"value": counted(f_need, "wc"), "share": values["share"],
                                                "total": counted(need, "wc")}),
            values={**values, "have": counted(f_have, "wc"), "need": counted(f_need, "wc"),
                    "add": counted(max(0, f_need - f_have), "wc")}))
        return out
