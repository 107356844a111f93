"""The room programme a population needs, from the same rule data the checker uses.

Given a population, a phase and a climate, :func:`programme` lists per resident group the sleeping
rooms (how many, beds per room, minimum floor area, height, width, windows), the WCs and showers and
how far they may be, and for the centre the common rooms the packs require, the exit width and the
centre-level ratios — each line naming the rules that set it and the less strict ones it supersedes
("AREA-BED-EU, stricter than AREA-SLEEP-HUM"). :func:`programme_vs_layout` sets a layout beside it,
line by line, for the app's Programme page.

Nothing here is a figure of its own: every number comes from a rule's parameters (packs/*.yaml).
Where the packs set no figure (for instance the area of a medical room) the line says so.
"""
from __future__ import annotations

import math
from collections import defaultdict
from typing import Any, Iterable, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner.geometry import Plan, build_plan
from planner.model import RESIDENT_GROUPS, SLEEPING_USES, Centre, Population
from standards.context import ceil_div, fmt_num, name_of
from standards.kinds import fixtures_of, passage_units, passage_width
from standards.packs import Pack, Rule, load_packs

Item = Literal["sleeping", "wc", "shower", "basin", "block", "phone", "room", "site_area", "exit_width", "capacity"]


class RoomSize(BaseModel):
    """``count`` sleeping rooms of ``beds`` beds each, of at least ``min_area_m2``."""

    model_config = ConfigDict(extra="forbid")

    count: int
    beds: int
    min_area_m2: float | None  # None: no area rule in the packs


class ProgrammeLine(BaseModel):
    """One requirement of the programme, with the rules that set it."""

    model_config = ConfigDict(extra="forbid")

    item: Item
    group: str | None = None  # a resident group, or None for the centre
    use: str | None = None  # the room use of the line (dormitory, sanitary, medical …)
    count: int | None = None  # rooms or fixtures required
    beds: int | None = None  # sleeping: beds in all the rooms of the line
    beds_per_room: int | None = None  # sleeping: the most beds a room may hold (None: no cap)
    sizes: list[RoomSize] = Field(default_factory=list)
    min_area_m2: float | None = None  # per room (sleeping: the largest room; room: its minimum)
    area_per_person_m2: float | None = None
    min_height_m: float | None = None
    min_width_m: float | None = None
    min_openable_ratio: float | None = None
    min_glazing_ratio: float | None = None
    max_distance_m: float | None = None
    min_width_total_m: float | None = None  # exits
    lockable: bool | None = None
    counted_uses: list[str] = Field(default_factory=list)  # site_area: the uses whose area counts
    rules: list[str] = Field(default_factory=list)  # the rules that set the figures
    supersedes: list[str] = Field(default_factory=list)  # less strict rules on the same figure
    source: str = ""
    source_status: Literal["verified", "secondary", "unverified"] = "verified"
    text: str = ""
    text_fr: str = ""


class Programme(BaseModel):
    """What a population requires, line by line."""

    model_config = ConfigDict(extra="forbid")

    population: dict[str, int]
    phase: str
    climate: str
    packs: list[str]
    lines: list[ProgrammeLine]

    def to_json_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def for_group(self, group: str | None) -> list[ProgrammeLine]:
        return [ln for ln in self.lines if ln.group == group]

    def line(self, item: str, group: str | None = None, use: str | None = None) -> ProgrammeLine | None:
        return next((ln for ln in self.lines if ln.item == item and ln.group == group
                     and (use is None or ln.use == use)), None)

    @property
    def totals(self) -> dict[str, float]:
        sleeping = [ln for ln in self.lines if ln.item == "sleeping"]
        return {
            "sleeping_rooms": sum(ln.count or 0 for ln in sleeping),
            "beds": sum(ln.beds or 0 for ln in sleeping),
            "sleeping_area_m2": round(sum(s.count * (s.min_area_m2 or 0.0) for ln in sleeping for s in ln.sizes), 2),
            "wc": sum(ln.count or 0 for ln in self.lines if ln.item == "wc" and ln.group),
            "shower": sum(ln.count or 0 for ln in self.lines if ln.item == "shower" and ln.group),
        }


# ---- helpers ------------------------------------------------------------------------------------
_RANK = {"verified": 0, "secondary": 1, "unverified": 2}


def _worst(rules: Iterable[Rule]) -> str:
    return max((r.status for r in rules), key=lambda s: _RANK[s], default="verified")


def _cite(rules: Iterable[Rule]) -> str:
    seen: list[str] = []
    for r in rules:
        c = f"{r.id}: {r.cite()}"
        if c not in seen:
            seen.append(c)
    return "; ".join(seen)


def _sleeping_rule_applies(rule: Rule, group: str, use: str) -> bool:
    a = rule.applies_to
    return (a.uses is None or use in a.uses) and (a.groups is None or group in a.groups)


def _strictest(cands: list[tuple[float, Rule]], larger_is_stricter: bool = True) -> tuple[float | None, list[Rule], list[Rule]]:
    """The strictest value, the rules that set it and the less strict ones."""
    if not cands:
        return None, [], []
    best = (max if larger_is_stricter else min)(v for v, _ in cands)
    setting = [r for v, r in cands if abs(v - best) < 1e-9]
    other = [r for v, r in cands if abs(v - best) >= 1e-9]
    return best, setting, other


def split(persons: int, rooms: int) -> list[tuple[int, int]]:
    """Persons spread evenly over rooms: [(rooms, beds each), …], larger rooms first.

    50 persons in 9 rooms → [(5, 6), (4, 5)].
    """
    if rooms <= 0:
        return []
    base, extra = divmod(persons, rooms)
    out = []
    if extra:
        out.append((extra, base + 1))
    if rooms - extra and base:
        out.append((rooms - extra, base))
    return out


def _group_name(g: str, lang: str) -> str:
    return name_of("groups", g, lang)


# ---- the programme -------------------------------------------------------------------------------
def programme(population: Population | dict[str, int], phase: str = "stabilised", climate: str = "hot",
              packs: Iterable[str | Pack] | None = None) -> Programme:
    """Rooms, beds, areas and fixtures that ``population`` needs under ``packs`` (default packs).

    Sleeping rooms per group: ceil(N / cap) rooms, the cap being the strictest ``max_occupants`` rule
    for the group (families: one room per household, OCC-FAMILY); persons spread evenly over them;
    each room at least beds × the strictest area per person (and the single-room minimum for one
    bed). Fixtures per group: the strictest ``fixture_ratio`` per fixture, ceil(N / persons per
    fixture) for the phase.
    """
    pop = population if isinstance(population, Population) else Population(**population)
    loaded = load_packs(packs)
    rules = [r for p in loaded for r in p.rules]
    by_kind: dict[str, list[Rule]] = defaultdict(list)
    for r in rules:
        by_kind[r.kind].append(r)
    lines: list[ProgrammeLine] = []
    for g in RESIDENT_GROUPS:
        n = pop.of_group(g)
        if n <= 0:
            continue
        lines.append(_sleeping(g, n, pop, phase, climate, by_kind))
        lines += _fixtures(g, n, phase, climate, by_kind)
    lines += _centre(pop, phase, climate, by_kind)
    return Programme(population=pop.model_dump(), phase=phase, climate=climate, packs=[p.id for p in loaded],
                     lines=lines)


def _sleeping(g: str, n: int, pop: Population, phase: str, climate: str,
              by_kind: dict[str, list[Rule]]) -> ProgrammeLine:
    use = "family_room" if g == "families" else "dormitory"
    caps: list[tuple[float, Rule]] = []
    household_rules: list[Rule] = []
    for r in by_kind["max_occupants"]:
        if not _sleeping_rule_applies(r, g, use):
            continue
        if r.p.count == "households":
            household_rules.append(r)
        else:
            caps.append((float(r.p.max), r))
    if g == "families" and household_rules and pop.households > 0:
        rooms = pop.households
        cap, cap_rules, cap_other = None, household_rules, []
    else:
        cap, cap_rules, cap_other = _strictest(caps, larger_is_stricter=False)
        rooms = ceil_div(n, cap) if cap else 1
    sizes_raw = split(n, rooms)
    per_cands = [(r.p.min.at(phase, climate), r) for r in by_kind["min_area_per_person"]
                 if r.p.scope == "room" and _sleeping_rule_applies(r, g, use)]
    per, per_rules, per_other = _strictest(per_cands)
    single = [(r.p.min.at(phase, climate), r) for r in by_kind["min_area"]
              if r.p.scope == "room" and r.applies_to.beds == 1 and _sleeping_rule_applies(r, g, use)]
    single_min, single_rules, _ = _strictest(single)
    sizes = []
    for count, beds in sizes_raw:
        area = beds * per if per is not None else None
        if beds == 1 and single_min is not None:
            area = max(area or 0.0, single_min)
        sizes.append(RoomSize(count=count, beds=beds, min_area_m2=round(area, 2) if area is not None else None))
    heights = [(r.p.min.at(phase, climate), r) for r in by_kind["min_height"] if _sleeping_rule_applies(r, g, use)]
    height, h_rules, h_other = _strictest(heights)
    widths = [(r.p.min.at(phase, climate), r) for r in by_kind["min_dimension"]
              if r.p.target == "room_width" and _sleeping_rule_applies(r, g, use)]
    width, w_rules, _ = _strictest(widths)
    vent = [(r.p.min_ratio.at(phase, climate), r) for r in by_kind["window_ratio"]
            if r.p.openable_only and _sleeping_rule_applies(r, g, use)]
    vent_v, vent_rules, _ = _strictest(vent)
    light = [(r.p.min_ratio.at(phase, climate), r) for r in by_kind["window_ratio"]
             if not r.p.openable_only and _sleeping_rule_applies(r, g, use)]
    light_v, light_rules, _ = _strictest(light)
    locks = [r for r in by_kind["feature"] if r.p.field == "lockable" and _sleeping_rule_applies(r, g, use)]
    setting = cap_rules + per_rules + single_rules + h_rules + w_rules + vent_rules + light_rules + locks
    supersedes = [r.id for r in cap_other + per_other + h_other if r.id not in {s.id for s in setting}]
    texts = {}
    for lang in ("en", "fr"):
        fr = lang == "fr"
        kind = name_of("uses_plural" if rooms > 1 else "uses", use, lang)
        parts = []
        for s in sizes:
            beds_word = ("lit" if fr else "bed") + ("s" if s.beds > 1 else "")
            if s.min_area_m2 is None:
                size = "sans surface minimale dans les référentiels" if fr else "no minimum area in the packs"
            else:
                size = f"≥ {fmt_num(s.min_area_m2)} m² {'chacune' if fr else 'each'}"
            parts.append(f"{s.count} × {s.beds} {beds_word}, {size}")
        colon = " : " if fr else ": "
        extra = []
        ids = ", ".join(r.id for r in cap_rules)
        if cap_rules and cap:
            extra.append(f"≤ {int(cap)} {'lits par chambre' if fr else 'beds a room'} ({ids})")
        elif cap_rules:
            extra.append(f"{'un ménage par chambre' if fr else 'one household a room'} ({ids})")
        else:
            extra.append("pas de limite de lits par chambre dans ces référentiels" if fr
                         else "no limit on beds a room in these packs")
        stricter = "plus strict que" if fr else "stricter than"
        if per is not None:
            sup = f", {stricter} {', '.join(r.id for r in per_other)}" if per_other else ""
            extra.append(f"{fmt_num(per)} m²/{'personne' if fr else 'person'} ({', '.join(r.id for r in per_rules)}{sup})")
        if height is not None:
            sup = f", {stricter} {', '.join(r.id for r in h_other)}" if h_other else ""
            extra.append(f"{'hauteur' if fr else 'height'} ≥ {fmt_num(height, 2)} m ({', '.join(r.id for r in h_rules)}{sup})")
        if width is not None:
            extra.append(f"{'largeur' if fr else 'width'} ≥ {fmt_num(width, 2)} m ({', '.join(r.id for r in w_rules)})")
        if vent_v is not None:
            extra.append(f"{'fenêtre ouvrante' if fr else 'openable window'} ≥ {fmt_num(vent_v * 100, 0)} % "
                         f"({', '.join(r.id for r in vent_rules)})")
        if light_v is not None:
            extra.append(f"{'vitrage' if fr else 'glazing'} ≥ {fmt_num(light_v * 100, 0)} % "
                         f"({', '.join(r.id for r in light_rules)})")
        if locks:
            extra.append(f"{'verrouillable' if fr else 'lockable'} ({', '.join(r.id for r in locks)})")
        sep = " ; " if fr else "; "
        texts[lang] = (f"{_group_name(g, lang)} ({n}){colon}{rooms} {kind}{colon}" + sep.join(parts)
                       + (" — " + sep.join(extra) if extra else ""))
    return ProgrammeLine(
        item="sleeping", group=g, use=use, count=rooms, beds=n, beds_per_room=int(cap) if cap else None,
        sizes=sizes, min_area_m2=max((s.min_area_m2 for s in sizes if s.min_area_m2 is not None), default=None), area_per_person_m2=per,
        min_height_m=height, min_width_m=width, min_openable_ratio=vent_v, min_glazing_ratio=light_v,
        lockable=True if locks else None, rules=[r.id for r in setting], supersedes=supersedes,
        source=_cite(setting), source_status=_worst(setting), text=texts["en"], text_fr=texts["fr"])


def _fixtures(g: str, n: int, phase: str, climate: str, by_kind: dict[str, list[Rule]]) -> list[ProgrammeLine]:
    out = []
    need: dict[str, list[tuple[float, Rule]]] = defaultdict(list)
    for r in by_kind["fixture_ratio"]:
        if r.p.scope != "group":
            continue
        for fixture, per_v in r.p.persons_per.items():
            need[fixture].append((float(ceil_div(n, per_v.at(phase, climate))), r))
    dist = [(r.p.max.at(phase, climate), r) for r in by_kind["max_distance"] if r.p.target == "sanitary"]
    d, d_rules, _ = _strictest(dist, larger_is_stricter=False)
    locks = [r for r in by_kind["feature"] if r.p.field == "lockable" and r.applies_to.uses
             and "sanitary" in r.applies_to.uses]
    for fixture in ("wc", "shower", "basin", "urinal", "phone", "block"):
        if fixture not in need:
            continue
        count, setting, other = _strictest(need[fixture])
        setting_all = setting + d_rules + locks
        texts = {}
        for lang in ("en", "fr"):
            fname = name_of("fixtures_one" if count == 1 else "fixtures", fixture, lang)
            per = ", ".join(f"1/{_per(r, fixture, phase, climate)}" for r in setting)
            within = (f", {'à moins de' if lang == 'fr' else 'within'} {fmt_num(d, 0)} m "
                      f"({', '.join(r.id for r in d_rules)})") if d is not None else ""
            lock = (f", {'verrouillables de l’intérieur' if lang == 'fr' else 'lockable from inside'} "
                    f"({', '.join(r.id for r in locks)})") if locks else ""
            serving = "pour les" if lang == "fr" else "serving"
            texts[lang] = (f"{_group_name(g, lang)} ({n}){' :' if lang == 'fr' else ':'} {int(count)} {fname} "
                           f"{serving} {_group_name(g, lang)} ({per}, {', '.join(r.id for r in setting)}){within}{lock}")
        out.append(ProgrammeLine(item=fixture if fixture in ("wc", "shower", "basin", "phone", "block") else "wc",
                                 group=g, use="sanitary", count=int(count), max_distance_m=d,
                                 lockable=True if locks else None, rules=[r.id for r in setting_all],
                                 supersedes=[r.id for r in other], source=_cite(setting_all),
                                 source_status=_worst(setting_all), text=texts["en"], text_fr=texts["fr"]))
    return out


def _per(rule: Rule, fixture: str, phase: str, climate: str) -> str:
    return fmt_num(rule.p.persons_per[fixture].at(phase, climate), 0)


def _condition_holds(rule: Rule, pop: Population) -> bool:
    p = rule.p
    if p.when_residents_at_least is not None and pop.residents < p.when_residents_at_least:
        return False
    if p.when_groups is not None and not any(pop.of_group(g) > 0 for g in p.when_groups):
        return False
    return True


def _centre(pop: Population, phase: str, climate: str, by_kind: dict[str, list[Rule]]) -> list[ProgrammeLine]:
    out: list[ProgrammeLine] = []
    n = pop.residents
    # required common rooms, with a minimum area where a rule sets one
    uses: dict[str, list[Rule]] = defaultdict(list)
    for r in by_kind["required_room"]:
        if _condition_holds(r, pop):
            for u in r.p.uses:
                uses[u].append(r)
    for r in by_kind["min_area"]:
        if r.p.scope == "centre" and n > (r.p.above or 0):
            for u in r.applies_to.uses or []:
                uses[u].append(r)
    for u, rs in uses.items():
        area_rules = [r for r in rs if r.kind == "min_area"]
        area = None
        if area_rules:
            r = area_rules[0]
            area = r.p.base + r.p.per_step * ceil_div(n - r.p.above, r.p.step)
        texts = {}
        for lang in ("en", "fr"):
            uname = name_of("uses", u, lang)
            size = (f", ≥ {fmt_num(area)} m²" if area is not None else
                    (", pas de surface minimale dans les référentiels" if lang == "fr" else ", no minimum area in the packs"))
            texts[lang] = f"{'1 local' if lang == 'fr' else '1 room'}: {uname}{size} ({', '.join(r.id for r in rs)})"
        out.append(ProgrammeLine(item="room", use=u, count=1, min_area_m2=area, rules=[r.id for r in rs],
                                 source=_cite(rs), source_status=_worst(rs), text=texts["en"], text_fr=texts["fr"]))
    # fixtures counted for all residents (fr-cra)
    for r in by_kind["fixture_ratio"]:
        if r.p.scope != "residents" or n == 0:
            continue
        for fixture, per_v in r.p.persons_per.items():
            count = ceil_div(n, per_v.at(phase, climate))
            texts = {lang: f"{count} {name_of('fixtures_one' if count == 1 else 'fixtures', fixture, lang)} "
                           f"({'pour' if lang == 'fr' else 'for'} {n} {'résidents' if lang == 'fr' else 'residents'}, "
                           f"1/{fmt_num(per_v.at(phase, climate), 0)}, {r.id})" for lang in ("en", "fr")}
            out.append(ProgrammeLine(item=fixture if fixture != "urinal" else "wc", use="sanitary", count=count,
                                     rules=[r.id], source=_cite([r]), source_status=r.status,
                                     text=texts["en"], text_fr=texts["fr"]))
    # usable area per resident (fr-cra)
    for r in by_kind["min_area_per_person"]:
        if r.p.scope != "centre" or n == 0:
            continue
        per = r.p.min.at(phase, climate)
        total = per * n
        texts = {"en": f"bedrooms and day rooms ≥ {fmt_num(total)} m² in all ({fmt_num(per)} m² × {n} residents, {r.id})",
                 "fr": f"chambres et locaux de jour ≥ {fmt_num(total)} m² au total ({fmt_num(per)} m² × {n} résidents, {r.id})"}
        out.append(ProgrammeLine(item="site_area", min_area_m2=round(total, 2), area_per_person_m2=per, rules=[r.id],
                                 counted_uses=list(r.p.count_uses),
                                 source=_cite([r]), source_status=r.status, text=texts["en"], text_fr=texts["fr"]))
    # exits: total width for residents and staff
    for r in by_kind["min_dimension"]:
        if r.p.target != "escape_doors":
            continue
        persons = n + pop.staff
        if persons == 0:
            continue
        units = passage_units(persons, r.p.passage_units or [(19, 1)], r.p.beyond_persons, r.p.beyond_units)
        width = passage_width(units, r.p.one_unit, r.p.two_units, r.p.per_unit)
        door = r.p.min.at(phase, climate)
        texts = {"en": f"exits ≥ {fmt_num(width, 2)} m wide in all ({units} UP for {persons} persons); "
                       f"every door on an escape route ≥ {fmt_num(door, 2)} m ({r.id})",
                 "fr": f"sorties ≥ {fmt_num(width, 2)} m de large au total ({units} UP pour {persons} personnes) ; "
                       f"chaque porte d'évacuation ≥ {fmt_num(door, 2)} m ({r.id})"}
        out.append(ProgrammeLine(item="exit_width", count=units, min_width_total_m=width, min_width_m=door,
                                 rules=[r.id], source=_cite([r]), source_status=r.status,
                                 text=texts["en"], text_fr=texts["fr"]))
    for r in by_kind["capacity"]:
        limit = int(r.p.max)
        texts = {"en": f"capacity ≤ {limit} residents ({r.id}); planned {n}",
                 "fr": f"capacité ≤ {limit} résidents ({r.id}) ; prévu {n}"}
        out.append(ProgrammeLine(item="capacity", count=limit, rules=[r.id], source=_cite([r]),
                                 source_status=r.status, text=texts["en"], text_fr=texts["fr"]))
    return out


# ---- programme versus a layout ---------------------------------------------------------------------
class LineComparison(BaseModel):
    """A programme line beside what a layout provides."""

    model_config = ConfigDict(extra="forbid")

    line: ProgrammeLine
    provided: str
    provided_count: float | None = None
    rooms: list[str] = Field(default_factory=list)
    ok: bool | None  # None: the layout does not say enough to tell
    shortfall: str | None = None


class ProgrammeComparison(BaseModel):
    model_config = ConfigDict(extra="forbid")

    centre: str
    lines: list[LineComparison]

    def to_json_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def programme_vs_layout(prog: Programme, centre: Centre, plan: Plan | None = None) -> ProgrammeComparison:
    """For each programme line, what ``centre`` provides and whether it meets the line."""
    plan = plan if plan is not None else build_plan(centre)
    out = []
    for ln in prog.lines:
        out.append(_compare(ln, centre, plan))
    return ProgrammeComparison(centre=centre.centre.name, lines=out)



def _compare(ln: ProgrammeLine, centre: Centre, plan: Plan) -> LineComparison:
    rooms = centre.rooms
    if ln.item == "sleeping":
        mine = [r for r in rooms if r.group == ln.group and r.use in SLEEPING_USES]
        beds = sum(r.beds for r in mine)
        small = [r.id for r in mine if ln.area_per_person_m2 and r.beds and
                 plan.area(r.id) / r.beds + 1e-9 < ln.area_per_person_m2]
        crowded = [r.id for r in mine if ln.beds_per_room and r.beds > ln.beds_per_room]
        ok = beds >= (ln.beds or 0) and not small and not crowded
        short = []
        if beds < (ln.beds or 0):
            short.append(f"{(ln.beds or 0) - beds} beds short")
        if crowded:
            short.append(f"over {ln.beds_per_room} beds: {', '.join(crowded)}")
        if small:
            short.append(f"under {fmt_num(ln.area_per_person_m2 or 0)} m² a bed: {', '.join(small)}")
        return LineComparison(line=ln, provided=f"{len(mine)} rooms, {beds} beds", provided_count=len(mine),
                              rooms=[r.id for r in mine], ok=ok, shortfall="; ".join(short) or None)
    if ln.item in ("wc", "shower", "basin", "block", "phone") and ln.group:
        own = [r for r in rooms if r.is_sanitary and r.group == ln.group]
        shared = [r for r in rooms if r.is_sanitary and r.group == "all"]
        have = sum(fixtures_of(r, ln.item) for r in own)
        pool = sum(fixtures_of(r, ln.item) for r in shared)
        text = f"{have} in {len(own)} sanitary room(s) of the group" + (f", {pool} in shared rooms" if pool else "")
        ok = have >= (ln.count or 0)
        return LineComparison(line=ln, provided=text, provided_count=have, rooms=[r.id for r in own],
                              ok=ok if ok or not pool else None,
                              shortfall=None if ok else f"{(ln.count or 0) - have} short")
    if ln.item in ("wc", "shower", "basin", "block", "phone"):
        counted = [r for r in rooms if r.group != "staff" and (r.is_sanitary or ln.item == "phone")]
        if ln.item == "block":
            have = min(sum(fixtures_of(r, f) for r in counted) for f in ("wc", "shower", "basin"))
        else:
            have = sum(fixtures_of(r, ln.item) for r in counted)
        ok = have >= (ln.count or 0)
        return LineComparison(line=ln, provided=f"{have}", provided_count=have,
                              rooms=[r.id for r in counted if fixtures_of(r, ln.item if ln.item != "block" else "wc")],
                              ok=ok, shortfall=None if ok else f"{(ln.count or 0) - have} short")
    if ln.item == "room":
        mine = [r for r in rooms if r.use == ln.use]
        largest = max((plan.area(r.id) for r in mine), default=0.0)
        ok = bool(mine) and (ln.min_area_m2 is None or largest + 1e-9 >= ln.min_area_m2)
        text = (f"{len(mine)} room(s), largest {fmt_num(largest)} m²" if mine else "none")
        short = None if ok else ("missing" if not mine else f"largest {fmt_num(largest)} m² < {fmt_num(ln.min_area_m2 or 0)} m²")
        return LineComparison(line=ln, provided=text, provided_count=len(mine), rooms=[r.id for r in mine], ok=ok,
                              shortfall=short)
    if ln.item == "site_area":
        area = sum(plan.area(r.id) for r in rooms if r.use in ln.counted_uses and r.group != "staff")
        ok = area + 1e-9 >= (ln.min_area_m2 or 0)
        return LineComparison(line=ln, provided=f"{fmt_num(area)} m²", provided_count=round(area, 2), ok=ok,
                              shortfall=None if ok else f"{fmt_num((ln.min_area_m2 or 0) - area)} m² short")
    if ln.item == "exit_width":
        exits = plan.exits
        total = sum(d.width for d in exits)
        ok = total + 1e-9 >= (ln.min_width_total_m or 0)
        return LineComparison(line=ln, provided=f"{len(exits)} exit(s), {fmt_num(total, 2)} m in all",
                              provided_count=round(total, 3), ok=ok,
                              shortfall=None if ok else f"{fmt_num((ln.min_width_total_m or 0) - total, 2)} m short")
    # capacity
    n = centre.population.residents
    ok = n <= (ln.count or 0)
    return LineComparison(line=ln, provided=f"{n} residents planned", provided_count=n, ok=ok,
                          shortfall=None if ok else f"{n - (ln.count or 0)} over")
