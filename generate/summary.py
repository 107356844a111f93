"""Key figures of a layout, and the table that compares several (``centreplan compare``, the app).

Figures: gross floor (every room, corridors included), net floor (without corridors), the share of
circulation, beds per group against the population, the longest walk to an exit and, per group, the
longest walk from a sleeping room to a sanitary room serving the group (the checker's walking
distance along the door graph), areas by use and group, findings by severity, equipment totals.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.model import RESIDENT_GROUPS, SLEEPING_USES, Centre
from centreplan.standards import Report, check

SEVERITIES = ("critical", "major", "minor")


def figures(centre: Centre, report: Report | None = None, plan: Plan | None = None) -> dict[str, Any]:
    """The key figures of one layout, as plain data (metres, square metres, counts)."""
    plan = plan if plan is not None else build_plan(centre)
    gross = sum(plan.area(r.id) for r in centre.rooms if r.use != "outdoor")
    corridors = sum(plan.area(r.id) for r in centre.rooms if r.use == "corridor")
    by_use: dict[str, float] = defaultdict(float)
    by_group: dict[str, float] = defaultdict(float)
    beds: dict[str, int] = defaultdict(int)
    for r in centre.rooms:
        by_use[r.use] += plan.area(r.id)
        by_group[r.group] += plan.area(r.id)
        if r.use in SLEEPING_USES:
            beds[r.group] += r.beds
    exits = plan.routes_to_exit()
    walk_exit = max((route.distance for rid, route in exits.items() if plan.rooms[rid].use != "outdoor"),
                    default=None)
    walk_wc: dict[str, float | None] = {}
    pop = centre.population
    for g in RESIDENT_GROUPS:
        if pop.of_group(g) == 0 and beds.get(g, 0) == 0:
            continue
        targets = [r.id for r in centre.rooms if r.is_sanitary and r.group in (g, "all")]
        routes = plan.routes_to(targets) if targets else {}
        sleeping = [r.id for r in centre.rooms if r.group == g and r.use in SLEEPING_USES]
        dists = [routes[rid].distance for rid in sleeping if rid in routes]
        walk_wc[g] = round(max(dists), 1) if dists and len(dists) == len(sleeping) else None
    out: dict[str, Any] = {
        "name": centre.centre.name,
        "rooms": len(centre.rooms),
        "gross_m2": round(gross, 1),
        "net_m2": round(gross - corridors, 1),
        "circulation_share": round(corridors / gross, 3) if gross else 0.0,
        "beds": {g: {"beds": beds.get(g, 0), "persons": pop.of_group(g)} for g in RESIDENT_GROUPS
                 if beds.get(g, 0) or pop.of_group(g)},
        "walk_to_exit_m": round(walk_exit, 1) if walk_exit is not None else None,
        "walk_to_wc_m": walk_wc,
        "area_by_use_m2": {k: round(v, 1) for k, v in sorted(by_use.items())},
        "area_by_group_m2": {k: round(v, 1) for k, v in sorted(by_group.items())},
    }
    if report is not None:
        out["check"] = {
            "exit_code": report.exit_code(),
            "pass": report.summary.pass_,
            "fail": report.summary.fail,
            "cannot_evaluate": report.summary.cannot_evaluate,
            "fail_by_severity": {s: report.summary.fail_by_severity.get(s, 0) for s in SEVERITIES},
        }
    return out


def equipment_totals(centres: list[Centre]) -> dict[str, float | None]:
    """The procurement total in EUR of each centre (None where the equipment library cannot price it)."""
    from centreplan.equipment import procurement_list
    from centreplan.planner.errors import PlannerError

    out: dict[str, float | None] = {}
    for c in centres:
        try:
            out[c.centre.name] = round(procurement_list([c]).totals.eur, 2)
        except PlannerError:
            out[c.centre.name] = None
    return out


def compare(centres: list[Centre], packs: Iterable[str] | None = None, names: list[str] | None = None,
            equipment: bool = True) -> list[dict[str, Any]]:
    """One column per centre: the figures of :func:`figures` flattened into rows ``{"row": …, names…}``."""
    names = names or [c.centre.name for c in centres]
    cols = []
    totals = equipment_totals(centres) if equipment else {}
    for c in centres:
        plan = build_plan(c)
        f = figures(c, check(c, list(packs) if packs is not None else None, plan=plan), plan)
        f["equipment_eur"] = totals.get(c.centre.name)
        cols.append(f)
    keys: list[tuple[str, str]] = [("gross_m2", "gross floor (m²)"), ("net_m2", "net floor (m²)"),
                                   ("circulation_share", "circulation share"), ("rooms", "rooms"),
                                   ("walk_to_exit_m", "longest walk to an exit (m)")]
    rows: list[dict[str, Any]] = []
    for key, label in keys:
        rows.append({"row": label, "key": key, **{n: f[key] for n, f in zip(names, cols)}})
    groups = sorted({g for f in cols for g in f["beds"]}, key=RESIDENT_GROUPS.index)
    for g in groups:
        rows.append({"row": f"beds {g} (persons)", "key": f"beds.{g}",
                     **{n: (f"{f['beds'][g]['beds']} ({f['beds'][g]['persons']})" if g in f["beds"] else "—")
                        for n, f in zip(names, cols)}})
        rows.append({"row": f"longest walk to a WC, {g} (m)", "key": f"walk_to_wc.{g}",
                     **{n: f["walk_to_wc_m"].get(g) for n, f in zip(names, cols)}})
    for kind in ("use", "group"):
        keys_k = sorted({k for f in cols for k in f[f"area_by_{kind}_m2"]})
        for k in keys_k:
            rows.append({"row": f"area {kind} {k} (m²)", "key": f"area_by_{kind}.{k}",
                         **{n: f[f"area_by_{kind}_m2"].get(k, 0.0) for n, f in zip(names, cols)}})
    for s in SEVERITIES:
        rows.append({"row": f"failures {s}", "key": f"fail.{s}",
                     **{n: f["check"]["fail_by_severity"][s] for n, f in zip(names, cols)}})
    rows.append({"row": "cannot evaluate", "key": "cannot_evaluate",
                 **{n: f["check"]["cannot_evaluate"] for n, f in zip(names, cols)}})
    if equipment:
        rows.append({"row": "equipment total (EUR)", "key": "equipment_eur",
                     **{n: f["equipment_eur"] for n, f in zip(names, cols)}})
    return rows
