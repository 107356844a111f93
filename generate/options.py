"""Generate layout options: programme → wings → CP-SAT zoning → room filler → the checker.

Every option goes through :func:`standards.check` exactly as a hand-drawn plan does; an option with
a critical or major failure is discarded (and the next arrangement tried), never returned as
compliant. When no layout fits, :class:`NoLayoutFits` names the requirement and by how much.
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from centreplan.generate.brief import WingSpec, wings_for
from centreplan.generate.data import sizes
from centreplan.generate.errors import NoLayoutFits
from centreplan.generate.filler import Placement, WingLayout, build, pack
from centreplan.generate.site import Site
from centreplan.generate.zoning import WingBox, Zoner
from centreplan.planner.errors import PlannerError
from centreplan.planner.model import Centre, CentreInfo, Population
from centreplan.planner.numbers import number
from centreplan.standards import Report, check, programme
from centreplan.standards.programme import Programme

MAX_TRIES_PER_OPTION = 3  # arrangements tried for each option wanted before giving up


@dataclass
class Option:
    number: int
    centre: Centre
    report: Report
    placements: dict[str, Placement]
    timings: dict[str, float]  # seconds: solver, filler, check


@dataclass
class Generated:
    options: list[Option]
    programme: Programme
    wings: list[WingLayout]
    site: Site
    discarded: list[str] = field(default_factory=list)  # why arrangements were set aside
    notes: list[str] = field(default_factory=list)


def _fmt(x: float, lang: str, digits: int = 0) -> str:
    return number(x, lang, digits)


def _window_ratio(packs: Iterable[str] | None, phase: str, climate: str) -> float:
    from centreplan.standards import load_packs

    ratios = [r.p.min_ratio.at(phase, climate) for p in load_packs(packs) for r in p.rules if r.kind == "window_ratio"]
    return max(ratios, default=0.0)


def _height(prog: Programme) -> float | None:
    hs = [ln.min_height_m for ln in prog.lines if ln.min_height_m]
    return round(math.ceil(max(hs) * 10 - 1e-9) / 10, 2) if hs else None


def feasibility(layouts: list[WingLayout], site: Site) -> None:
    """Refuse at once, with the figures, a programme that cannot fit the site on one level."""
    s = sizes()
    floor = sum(w.length * w.depth for w in layouts)
    x0, y0, x1, y1 = site.bounds
    if floor > site.area:
        raise NoLayoutFits(
            f"the programme needs {_fmt(floor, 'en')} m² of floor on one level; the site offers "
            f"{_fmt(site.area, 'en')} m² — enlarge the site, add a storey or lower the population",
            f"le programme demande {_fmt(floor, 'fr')} m² de plancher sur un niveau ; le terrain offre "
            f"{_fmt(site.area, 'fr')} m² — agrandir le terrain, ajouter un étage ou réduire la population",
            {"floor_m2": round(floor, 1), "site_m2": round(site.area, 1)})
    longest = max(layouts, key=lambda w: w.length)
    side = max(x1 - x0, y1 - y0)
    if min(longest.length, longest.depth) > min(x1 - x0, y1 - y0) or longest.length > side:
        name = longest.wing.name
        raise NoLayoutFits(
            f"{name['en']} ({longest.wing.id}) is {_fmt(longest.length, 'en', 1)} m long and "
            f"{_fmt(longest.depth, 'en', 1)} m deep; the site measures {site.describe('en')} — enlarge the site",
            f"{name['fr']} ({longest.wing.id}) mesure {_fmt(longest.length, 'fr', 1)} m de long sur "
            f"{_fmt(longest.depth, 'fr', 1)} m ; le terrain mesure {site.describe('fr')} — agrandir le terrain",
            {"wing_length_m": longest.length, "site_side_m": side})
    gap = s["wing_gap_m"]
    with_gaps = sum((w.length + gap) * (w.depth + gap) for w in layouts)
    room = (x1 - x0 + gap) * (y1 - y0 + gap) * site.area / max((x1 - x0) * (y1 - y0), 1e-9)
    if with_gaps > room:
        raise NoLayoutFits(
            f"the {len(layouts)} wings need {_fmt(with_gaps, 'en')} m² with the {_fmt(gap, 'en', 1)} m between "
            f"them; the site offers {_fmt(site.area, 'en')} m² — enlarge the site, add a storey or lower the "
            "population",
            f"les {len(layouts)} ailes demandent {_fmt(with_gaps, 'fr')} m² avec les {_fmt(gap, 'fr', 1)} m qui les "
            f"séparent ; le terrain offre {_fmt(site.area, 'fr')} m² — agrandir le terrain, ajouter un étage ou "
            f"réduire la population", {"needed_m2": round(with_gaps, 1), "site_m2": round(site.area, 1)})


def _mirror(layouts: list[WingLayout], placements: dict[str, Placement]) -> dict[str, Placement]:
    """Turn each wing so that its head (entrance) faces the reception wing (the reception wing's head
    faces the middle of the built area)."""
    def centre(w: WingLayout, p: Placement) -> tuple[float, float]:
        a, b = (w.depth, w.length) if p.vertical else (w.length, w.depth)
        return (p.x + a / 2, p.y + b / 2)

    def head(w: WingLayout, p: Placement, mirrored: bool) -> tuple[float, float]:
        u = w.length if mirrored else 0.0
        return (p.x + w.depth / 2, p.y + u) if p.vertical else (p.x + u, p.y + w.depth / 2)

    by_id = {w.wing.id: w for w in layouts}
    cs = [centre(by_id[i], p) for i, p in placements.items()]
    middle = (sum(c[0] for c in cs) / len(cs), sum(c[1] for c in cs) / len(cs))
    front = next((centre(by_id[i], p) for i, p in placements.items() if by_id[i].wing.kind == "front"), middle)
    out = {}
    for wid, p in placements.items():
        w = by_id[wid]
        target = middle if w.wing.kind == "front" else front
        d0, d1 = (math.dist(head(w, p, m), target) for m in (False, True))
        out[wid] = Placement(p.x, p.y, p.vertical, d1 < d0 - 1e-9)
    return out


def assemble(layouts: list[WingLayout], placements: dict[str, Placement], *, name: str, pop: Population,
             phase: str, climate: str, height: float | None, window_ratio: float, lang: str,
             notes: list[str], centre_type: str | None = None) -> Centre:
    rooms, doors = [], []
    for w in layouts:
        r, d = build(w, placements[w.wing.id], height=height, window_ratio=window_ratio, lang=lang)
        rooms += r
        doors += d
    return Centre(centre=CentreInfo(name=name, climate=climate, phase=phase, type=centre_type, levels=1,
                                    notes=notes),
                  population=pop, rooms=rooms, doors=doors)


def generate(population: Population, site: Site, *, phase: str = "stabilised", climate: str = "hot",
             packs: list[str] | None = None, options: int = 3, seed: int = 0, storeys: int = 1,
             lang: str = "en", name: str | None = None, centre_type: str | None = None) -> Generated:
    """Up to ``options`` layouts of ``population`` on ``site`` that pass ``packs`` (no critical or
    major failure). Raises :class:`NoLayoutFits` when none fits (naming the requirement and by how
    much) and :class:`PlannerError` for a request it cannot take (no resident, several storeys).
    ``centre_type`` ``transit`` lays out the disembarkation flow (arrival, triage, registration)."""
    if storeys != 1:
        raise PlannerError("--storeys: only single-storey layouts are generated for now (--storeys 1); "
                           "draw the upper levels on the Plan page")
    if population.residents == 0:
        raise PlannerError("population: give at least one resident (--men, --women, --boys, --girls, "
                           "--family-persons)")
    if options < 1:
        raise PlannerError(f"--options: {options} is not a number of options; give 1 or more")
    t0 = time.perf_counter()
    prog = programme(population, phase, climate, packs, centre_type=centre_type)
    x0, y0, x1, y1 = site.bounds
    wings: list[WingSpec] = wings_for(prog, population, longest=max(x1 - x0, y1 - y0) - 1.0)
    layouts = [pack(w) for w in wings]
    t_fill = time.perf_counter() - t0
    feasibility(layouts, site)
    zoner = Zoner([WingBox(w.wing.id, w.wing.kind, w.length, w.depth) for w in layouts], site, seed)
    height = _height(prog)
    ratio = _window_ratio(packs, phase, climate)
    out = Generated([], prog, layouts, site)
    base = name or ("Option {n}" if lang == "en" else "Option {n}")
    tries = 0
    while len(out.options) < options and tries < options * MAX_TRIES_PER_OPTION:
        tries += 1
        t1 = time.perf_counter()
        z = zoner.next()
        t_solve = time.perf_counter() - t1
        if z is None:
            break
        placements = _mirror(layouts, z.placements)
        t2 = time.perf_counter()
        n = len(out.options) + 1
        notes = _notes(layouts, placements, seed, lang)
        centre = assemble(layouts, placements, name=base.format(n=n), pop=population, phase=phase,
                          climate=climate, height=height, window_ratio=ratio, lang=lang, notes=notes,
                          centre_type=centre_type)
        t3 = time.perf_counter()
        report = check(centre, packs)
        t4 = time.perf_counter()
        if report.exit_code() != 0:
            bad = sorted({f.rule for f in report.findings if f.blocking})
            out.discarded.append(f"arrangement {tries}: fails {', '.join(bad)}")
            continue
        out.options.append(Option(n, centre, report, placements,
                                  {"solver": t_solve, "filler": (t3 - t2) + (t_fill if n == 1 else 0.0),
                                   "check": t4 - t3}))
    if not out.options:
        floor = sum(w.length * w.depth for w in layouts)
        why_en = "; ".join(out.discarded) or "the solver found no arrangement of the wings with the gaps between them"
        why_fr = "; ".join(out.discarded) or "le solveur ne trouve aucune disposition des ailes avec les écarts requis"
        raise NoLayoutFits(
            f"no compliant layout fits {site.describe('en')}: the {len(layouts)} wings take "
            f"{_fmt(floor, 'en')} m² of the site's {_fmt(site.area, 'en')} m² ({why_en}) — enlarge the site, "
            "add a storey or lower the population",
            f"aucun plan conforme ne tient sur {site.describe('fr')} : les {len(layouts)} ailes occupent "
            f"{_fmt(floor, 'fr')} m² des {_fmt(site.area, 'fr')} m² du terrain ({why_fr}) — agrandir le terrain, "
            "ajouter un étage ou réduire la population",
            {"floor_m2": round(floor, 1), "site_m2": round(site.area, 1)})
    return out


def _notes(layouts: list[WingLayout], placements: dict[str, Placement], seed: int, lang: str) -> list[str]:
    fr = lang == "fr"
    out = [("Plan généré par centreplan generate (graine {seed}) : une aile par groupe, couloir central et "
            "pièces des deux côtés ; les surfaces que les référentiels ne fixent pas (cuisine, bureaux, "
            "sanitaires) sont des choix de conception à ajuster (generate/rooms.yaml).") if fr else
           ("Generated by centreplan generate (seed {seed}): one wing per group, a central corridor with rooms "
            "on both sides; the areas the packs do not set (kitchen, offices, sanitary rooms) are design "
            "choices to adjust (generate/rooms.yaml).")]
    out[0] = out[0].format(seed=seed)
    for w in layouts:
        p = placements[w.wing.id]
        axis = ("nord–sud" if p.vertical else "est–ouest") if fr else ("north–south" if p.vertical else "east–west")
        out.append(f"{w.wing.id}: {w.wing.name[lang]}, {w.length:g} × {w.depth:g} m, "
                   f"{'axe' if fr else 'axis'} {axis}, {'coin' if fr else 'corner'} ({p.x:g}, {p.y:g})"
                   + ((" ; entrée par le poste de surveillance, porte du fond = issue de secours" if fr else
                       "; entered through the supervision post, far-end door is an emergency exit")
                      if w.wing.supervised else ""))
    return out
