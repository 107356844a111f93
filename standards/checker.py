"""Check a centre against rule packs: every rule of every pack, through its kind."""
from __future__ import annotations

from typing import Iterable

from planner.geometry import Plan, build_plan
from planner.model import Centre
from standards.context import Context
from standards.kinds import KINDS
from standards.packs import Pack, load_packs
from standards.report import Finding, Report


def check(centre: Centre, packs: Iterable[str | Pack] | None = None, plan: Plan | None = None, *,
          phase: str | None = None, climate: str | None = None) -> Report:
    """Check ``centre`` against ``packs`` (names or loaded packs; None: the default packs).

    ``integrity`` is always checked. ``plan`` may be passed when it is already built; ``phase`` and
    ``climate`` override the layout's own settings. Returns a :class:`Report` with one finding per
    rule and subject; it never raises for a centre that fails a rule.
    """
    loaded = load_packs(packs)
    plan = plan if plan is not None else build_plan(centre)
    ctx = Context(centre, plan, phase=phase, climate=climate)
    findings: list[Finding] = []
    n_rules = 0
    for pack in loaded:
        for rule in pack.rules:
            n_rules += 1
            findings.extend(KINDS[rule.kind]().check(ctx, rule))
    return Report.build(centre.centre.name, [p.id for p in loaded], findings, phase=ctx.phase,
                        climate=ctx.climate, rules=n_rules)
