"""Check a centre against rule packs: for each rule, the subjects its kind judges, each judgement
rendered as a finding.

The engine owns what every kind would otherwise repeat: which rooms a rule applies to,
``not_applicable`` when there is none, ``cannot_evaluate`` for rooms whose outline is invalid (for
kinds that measure areas or widths), and turning a judgement into a finding through the renderer.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.model import Centre
from centreplan.standards.env import Env
from centreplan.standards.packs import Pack, Rule, load_packs
from centreplan.standards.registry import Judgement, Name, Subject
from centreplan.standards.render import Renderer
from centreplan.standards.report import Finding, Report

CENTRE = Subject("centre", None)


_gc_lock = threading.Lock()
_gc_users = 0
_gc_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while a check runs.

    A check of thousands of rooms makes hundreds of thousands of objects that all live until its
    report is read, and almost none in cycles: the collector would scan them again and again, more
    often the larger the centre (the check grew faster than the centre). Reference counting still
    frees everything else at once; cycles made meanwhile are collected once the check is over. The
    collector comes back as it was when the last check running (the app runs one per session thread)
    ends.
    """
    global _gc_users, _gc_was_enabled
    with _gc_lock:
        if _gc_users == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_users += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_users -= 1
            if _gc_users == 0 and _gc_was_enabled:
                gc.enable()


def judge(rule: Rule, env: Env, renderer: Renderer) -> list[Finding]:
    """Every finding of one rule."""
    kind = rule.kind_class()
    make = renderer.maker(rule)
    if not rule.for_type(env.centre_type):
        return [make(Judgement("not_applicable", reason="other_centre_type",
                               values={"types": [Name("centre_types", t) for t in rule.centre_types or ()]}), CENTRE)]
    if kind.subjects == "rule":
        return [make(j, j.subject or CENTRE) for j in kind.judge_rule(rule, env)]
    select = getattr(kind, "select", None)
    rooms = select(rule, env) if select is not None else env.select(rule.applies_to)
    if not rooms:
        return [make(Judgement("not_applicable", reason="no_subject"), CENTRE)]
    out = []
    params = rule.p
    judge_room = kind.judge
    check_valid = kind.needs_valid
    invalid = env.plan.invalid
    form = kind.pass_form  # the kind gives its passes as numbers or phrases: their findings are made from them
    quick = kind.quick if form is not None else None
    if form is not None:
        numbers, make_pass = renderer.pass_makers(rule, *form)
        made = Finding.made
    for room in rooms:
        if check_valid and room.id in invalid:
            j = Judgement("cannot_evaluate", reason="invalid_geometry", rooms=(room.id,))
        elif quick is not None:
            r = quick(room, params, env)
            if isinstance(r, tuple):  # a pass: (measured, required) made here, the others by make_pass
                out.append(made(numbers, room.id, r[0], r[1]) if len(r) == 2 else make_pass(room.id, *r))
                continue
            j = r
        else:
            j = judge_room(room, params, env)
        out.append(make(j, j.subject or room.id))
    return out


def check(centre: Centre, packs: Iterable[str | Pack] | None = None, plan: Plan | None = None, *,
          phase: str | None = None, climate: str | None = None) -> Report:
    """Check ``centre`` against ``packs`` (names or loaded packs; None: the default packs).

    ``integrity`` is always checked. ``plan`` may be passed when it is already built; ``phase`` and
    ``climate`` override the layout's own settings. Returns a :class:`Report` with one finding per
    rule and subject; it never raises for a centre that fails a rule.
    """
    loaded = load_packs(packs)
    with collector_paused():
        plan = plan if plan is not None else build_plan(centre)
        env = Env(centre, plan, phase=phase, climate=climate)
        renderer = Renderer(env)
        findings: list[Finding] = []
        n_rules = 0
        for pack in loaded:
            for rule in pack.rules:
                n_rules += 1
                findings.extend(judge(rule, env, renderer))
    return Report.build(centre.centre.name, [p.id for p in loaded], findings, phase=env.phase,
                        climate=env.climate, rules=n_rules)
