"""The shared base of per-room threshold kinds: measure a room, compare with a threshold.

A :class:`RoomThreshold` kind says what it measures (:meth:`~RoomThreshold.measure`, a number or
:class:`~standards.registry.Missing`), its threshold, comparator, unit and decimals; the engine hands
it each room the rule applies to, and the judgement is the comparison. Missing data is
``cannot_evaluate`` (never a pass), with the threshold shown where ``show_required_when_missing``.
A pass is given to the engine as the two numbers (:meth:`RoomThreshold.quick`), unless the kind
writes its own :meth:`~RoomThreshold.judge`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar, Literal

from centreplan.planner.model import RESIDENT_GROUPS
from centreplan.standards.env import Env
from centreplan.standards.registry import Comparator, Judgement, Kind, Missing, Name, Need, Pass, Requirement, Subject


class RoomThreshold(Kind):
    """A measured room quantity against a minimum (or maximum) from the rule's parameters."""

    subjects = "rooms"
    comparator: ClassVar[Comparator] = ">="
    unit: ClassVar[str] = "m"
    digits: ClassVar[int] = 1
    show_required_when_missing: ClassVar[bool] = False
    # the programme figure this threshold sets on sleeping rooms (None: none)
    requirement_field: ClassVar[str | None] = None

    def measure(self, room: Any, p: Any, env: Env) -> float | Missing:  # pragma: no cover - per kind
        raise NotImplementedError

    def threshold(self, room: Any, p: Any, env: Env) -> float:
        return env.at(p.min)

    def values(self, room: Any, p: Any, env: Env, measured: float, required: float) -> Mapping[str, Any]:
        """Placeholders of the rule's message besides the standard ones."""
        return {}

    def __init_subclass__(cls, **kw: Any) -> None:
        super().__init_subclass__(**kw)
        # a kind judging its own way has no short cut past its judge()
        cls.pass_form = None if "judge" in cls.__dict__ else (cls.unit, cls.comparator, cls.digits)

    def judge(self, room: Any, p: Any, env: Env) -> Judgement:
        return self._judged(room, p, env, self.measure(room, p, env))

    def quick(self, room: Any, p: Any, env: Env) -> Judgement | Pass:
        m = self.measure(room, p, env)
        if not isinstance(m, Missing):
            need = self.threshold(room, p, env)
            if Judgement.holds(m, need, self.comparator):
                return m, need
        return self._judged(room, p, env, m)

    def _judged(self, room: Any, p: Any, env: Env, m: float | Missing) -> Judgement:
        if isinstance(m, Missing):
            if self.show_required_when_missing:
                return Judgement("cannot_evaluate", required=self.threshold(room, p, env), unit=self.unit,
                                 comparator=self.comparator, digits=self.digits, reason=m.reason, rooms=(room.id,))
            return Judgement("cannot_evaluate", reason=m.reason, rooms=(room.id,))
        need = self.threshold(room, p, env)
        return Judgement.compare(m, need, self.comparator, self.unit, self.digits, rooms=(room.id,),
                                 values=self.values(room, p, env, m, need))

    def requirement(self, rule: Any, need: Need) -> list[Requirement]:
        if self.requirement_field is None or need.group is None or not sleeping_rule_applies(rule, need):
            return []
        stricter: Literal["max", "min"] = "max" if self.comparator == ">=" else "min"
        return [Requirement("sleeping", self.requirement_field, rule.p.min.at(need.phase, need.climate), stricter)]


def sleeping_rule_applies(rule: Any, need: Need) -> bool:
    """Whether ``rule`` applies to the sleeping rooms of the group ``need`` asks about."""
    a = rule.applies_to
    return (a.uses is None or need.use in a.uses) and (a.groups is None or need.group in a.groups)


def group_subject(group: str) -> Subject:
    return Subject("group", group, {"group": Name("groups", group)})


class PerGroup(Kind):
    """A kind judging each resident group: ``cannot_evaluate`` when the layout gives no population,
    ``not_applicable`` for a group with nobody, :meth:`judge_group` for the others."""

    def judge_group(self, group: str, persons: int, rule: Any, env: Env) -> Judgement:  # pragma: no cover
        raise NotImplementedError

    def judge_rule(self, rule: Any, env: Env) -> list[Judgement]:
        if not env.has_population:
            return [Judgement("cannot_evaluate", reason="no_population")]
        out = []
        for g in RESIDENT_GROUPS:
            n = env.pop.of_group(g)
            if n == 0:
                out.append(Judgement("not_applicable", subject=group_subject(g), group=g, reason="group_absent"))
            else:
                out.append(replace(self.judge_group(g, n, rule, env), subject=group_subject(g), group=g))
        return out
