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

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from planner import numbers, vocabulary
from planner.geometry import Plan, build_plan
from planner.model import RESIDENT_GROUPS, SLEEPING_USES, Centre, Population
from planner.numbers import ceil_div
from standards.kinds import fixtures_of
from standards.packs import Pack, Rule, load_packs
from standards.registry import Need, Requirement

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
Asked = list[tuple[Requirement, Rule]]


def _worst(rules: Iterable[Rule]) -> str:
    return max((r.status for r in rules), key=lambda s: _RANK[s], default="verified")


def _cite(rules: Iterable[Rule]) -> str:
    seen: list[str] = []
    for r in rules:
        c = f"{r.id}: {r.cite()}"
        if c not in seen:
            seen.append(c)
    return "; ".join(seen)


def _strictest(cands: Asked, larger_is_stricter: bool = True) -> tuple[float | None, list[Rule], list[Rule]]:
    """The strictest value, the rules that set it and the less strict ones."""
    if not cands:
        return None, [], []
    best = (max if larger_is_stricter else min)(float(q.value) for q, _ in cands)
    setting = [r for q, r in cands if abs(float(q.value) - best) < 1e-9]
    other = [r for q, r in cands if abs(float(q.value) - best) >= 1e-9]
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


def _num(x: float, lang: str, digits: int = 1) -> str:
    return numbers.number(x, lang, digits)


def _ask(rules: list[Rule], need: Need) -> dict[tuple[str, str], Asked]:
    """What each rule requires for ``need``: (item, field) → [(requirement, rule), …] in rule order."""
    out: dict[tuple[str, str], Asked] = defaultdict(list)
    for r in rules:
        for q in r.kind_class().requirement(r, need):
            out[(q.item, q.figure)].append((q, r))
    return out


def _rules(asked: Asked) -> list[Rule]:
    return [r for _, r in asked]


# ---- the programme -------------------------------------------------------------------------------
def programme(population: Population | dict[str, int], phase: str = "stabilised", climate: str = "hot",
              packs: Iterable[str | Pack] | None = None) -> Programme:
    """Rooms, beds, areas and fixtures that ``population`` needs under ``packs`` (default packs).

    Each rule's kind says what it requires (:meth:`standards.registry.Kind.requirement`); the
    programme keeps the strictest figure of each line and cites the rules that set it.

    Sleeping rooms per group: ceil(N / cap) rooms, the cap being the strictest cap on beds for the
    group (families: one room per household, OCC-FAMILY); persons spread evenly over them; each room
    at least beds × the strictest area per person (and the single-room minimum for one bed).
    Fixtures per group: the strictest ratio per fixture, ceil(N / persons per fixture) for the phase.
    """
    pop = population if isinstance(population, Population) else Population(**population)
    loaded = load_packs(packs)
    rules = [r for p in loaded for r in p.rules]
    lines: list[ProgrammeLine] = []
    for g in RESIDENT_GROUPS:
        n = pop.of_group(g)
        if n <= 0:
            continue
        use = "family_room" if g == "families" else "dormitory"
        asked = _ask(rules, Need(g, use, pop, phase, climate))
        lines.append(_sleeping(g, n, use, pop, asked))
        lines += _fixtures(g, n, asked)
    lines += _centre(pop, phase, climate, _ask(rules, Need(None, None, pop, phase, climate)))
    return Programme(population=pop.model_dump(), phase=phase, climate=climate, packs=[p.id for p in loaded],
                     lines=lines)


def _sleeping(g: str, n: int, use: str, pop: Population, asked: dict[tuple[str, str], Asked]) -> ProgrammeLine:
    cap: float | None
    cap_other: list[Rule]
    household_rules = _rules(asked[("sleeping", "households_per_room")])
    if g == "families" and household_rules and pop.households > 0:
        rooms = pop.households
        cap, cap_rules, cap_other = None, household_rules, []
    else:
        cap, cap_rules, cap_other = _strictest(asked[("sleeping", "beds_per_room")], larger_is_stricter=False)
        rooms = ceil_div(n, cap) if cap else 1
    per, per_rules, per_other = _strictest(asked[("sleeping", "area_per_person")])
    single_min, single_rules, _ = _strictest(asked[("sleeping", "single_room_area")])
    sizes = []
    for count, beds in split(n, rooms):
        area = beds * per if per is not None else None
        if beds == 1 and single_min is not None:
            area = max(area or 0.0, single_min)
        sizes.append(RoomSize(count=count, beds=beds, min_area_m2=round(area, 2) if area is not None else None))
    height, h_rules, h_other = _strictest(asked[("sleeping", "min_height")])
    width, w_rules, _ = _strictest(asked[("sleeping", "min_width")])
    vent_v, vent_rules, _ = _strictest(asked[("sleeping", "openable_ratio")])
    light_v, light_rules, _ = _strictest(asked[("sleeping", "glazing_ratio")])
    locks = _rules(asked[("sleeping", "lockable")])
    places = _rules(asked[("sleeping", "beds")]) + _rules(asked[("sleeping", "at_least_one_room")])
    setting = cap_rules + per_rules + single_rules + h_rules + w_rules + vent_rules + light_rules + locks + places
    supersedes = [r.id for r in cap_other + per_other + h_other if r.id not in {s.id for s in setting}]
    figures = {"cap": (cap, cap_rules), "per": (per, per_rules, per_other), "height": (height, h_rules, h_other),
               "width": (width, w_rules), "vent": (vent_v, vent_rules), "light": (light_v, light_rules),
               "locks": locks, "places": places}
    texts = {lang: _sleeping_text(lang, g, n, use, rooms, sizes, figures) for lang in ("en", "fr")}
    return ProgrammeLine(
        item="sleeping", group=g, use=use, count=rooms, beds=n, beds_per_room=int(cap) if cap else None,
        sizes=sizes, min_area_m2=max((s.min_area_m2 for s in sizes if s.min_area_m2 is not None), default=None),
        area_per_person_m2=per, min_height_m=height, min_width_m=width, min_openable_ratio=vent_v,
        min_glazing_ratio=light_v, lockable=True if locks else None, rules=[r.id for r in setting],
        supersedes=supersedes, source=_cite(setting), source_status=_worst(setting), text=texts["en"],
        text_fr=texts["fr"])


def _ids(rules: list[Rule]) -> str:
    return ", ".join(r.id for r in rules)


def _sleeping_text(lang: str, g: str, n: int, use: str, rooms: int, sizes: list[RoomSize],
                   figures: dict[str, Any]) -> str:
    """The sentence of a sleeping line in ``lang``: rooms and sizes, then each figure and its rules."""
    fr = lang == "fr"
    cap, cap_rules = figures["cap"]
    per, per_rules, per_other = figures["per"]
    height, h_rules, h_other = figures["height"]
    width, w_rules = figures["width"]
    vent_v, vent_rules = figures["vent"]
    light_v, light_rules = figures["light"]
    locks, places = figures["locks"], figures["places"]
    kind = vocabulary.plural("uses", use, lang) if rooms > 1 else vocabulary.name("uses", use, lang)
    parts = []
    for s in sizes:
        if s.min_area_m2 is None:
            size = "sans surface minimale dans les référentiels" if fr else "no minimum area in the packs"
        else:
            size = f"≥ {numbers.quantity(s.min_area_m2, 'm2', lang)} {'chacune' if fr else 'each'}"
        parts.append(f"{s.count} × {numbers.count(s.beds, 'bed', lang)}, {size}")
    colon = " : " if fr else ": "
    extra = []
    if cap_rules and cap:
        extra.append(f"≤ {int(cap)} {'lits par chambre' if fr else 'beds a room'} ({_ids(cap_rules)})")
    elif cap_rules:
        extra.append(f"{'un ménage par chambre' if fr else 'one household a room'} ({_ids(cap_rules)})")
    else:
        extra.append("pas de limite de lits par chambre dans ces référentiels" if fr
                     else "no limit on beds a room in these packs")
    stricter = "plus strict que" if fr else "stricter than"
    if per is not None:
        sup = f", {stricter} {_ids(per_other)}" if per_other else ""
        extra.append(f"{numbers.quantity(per, 'm2_per_person', lang)} ({_ids(per_rules)}{sup})")
    if height is not None:
        sup = f", {stricter} {_ids(h_other)}" if h_other else ""
        extra.append(f"{'hauteur' if fr else 'height'} ≥ {numbers.quantity(height, 'm', lang, 2)} "
                     f"({_ids(h_rules)}{sup})")
    if width is not None:
        extra.append(f"{'largeur' if fr else 'width'} ≥ {numbers.quantity(width, 'm', lang, 2)} ({_ids(w_rules)})")
    if vent_v is not None:
        extra.append(f"{'fenêtre ouvrante' if fr else 'openable window'} ≥ {numbers.percent(vent_v, lang)} "
                     f"({_ids(vent_rules)})")
    if light_v is not None:
        extra.append(f"{'vitrage' if fr else 'glazing'} ≥ {numbers.percent(light_v, lang)} ({_ids(light_rules)})")
    if locks:
        extra.append(f"{'verrouillable' if fr else 'lockable'} ({_ids(locks)})")
    if places:
        extra.append(f"{'un lit par personne' if fr else 'a bed for each person'} ({_ids(places)})")
    sep = " ; " if fr else "; "
    return (f"{vocabulary.name('groups', g, lang)} ({n}){colon}{rooms} {kind}{colon}" + sep.join(parts)
            + (" — " + sep.join(extra) if extra else ""))


def _fixtures(g: str, n: int, asked: dict[tuple[str, str], Asked]) -> list[ProgrammeLine]:
    out = []
    need: dict[str, Asked] = defaultdict(list)
    for q, r in asked[("fixture", "count")]:
        need[q.key or ""].append((q, r))
    d, d_rules, _ = _strictest(asked[("sanitary", "max_distance")], larger_is_stricter=False)
    locks = _rules(asked[("sanitary", "lockable")])
    for fixture in ("wc", "shower", "basin", "urinal", "phone", "block"):
        if fixture not in need:
            continue
        count, setting, other = _strictest(need[fixture])
        per_of = {r.id: q.extra["per"] for q, r in need[fixture]}
        setting_all = setting + d_rules + locks
        texts = {}
        for lang in ("en", "fr"):
            fr = lang == "fr"
            group = vocabulary.name("groups", g, lang)
            per = ", ".join(f"1/{_num(per_of[r.id], lang, 0)}" for r in setting)
            within = (f", {'à moins de' if fr else 'within'} {numbers.quantity(d, 'm', lang, 0)} "
                      f"({', '.join(r.id for r in d_rules)})") if d is not None else ""
            lock = (f", {'verrouillables de l’intérieur' if fr else 'lockable from inside'} "
                    f"({', '.join(r.id for r in locks)})") if locks else ""
            serving = "pour les" if fr else "serving"
            texts[lang] = (f"{group} ({n}){' :' if fr else ':'} {numbers.count(int(count or 0), fixture, lang)} "
                           f"{serving} {group} ({per}, {', '.join(r.id for r in setting)}){within}{lock}")
        out.append(ProgrammeLine(item=fixture if fixture in ("wc", "shower", "basin", "phone", "block") else "wc",
                                 group=g, use="sanitary", count=int(count or 0), max_distance_m=d,
                                 lockable=True if locks else None, rules=[r.id for r in setting_all],
                                 supersedes=[r.id for r in other], source=_cite(setting_all),
                                 source_status=_worst(setting_all), text=texts["en"], text_fr=texts["fr"]))
    return out


def _centre(pop: Population, phase: str, climate: str, asked: dict[tuple[str, str], Asked]) -> list[ProgrammeLine]:
    out: list[ProgrammeLine] = []
    n = pop.residents
    # required common rooms, with a minimum area where a rule sets one
    uses: dict[str, Asked] = defaultdict(list)
    for q, r in asked[("room", "required")] + asked[("room", "min_area")]:
        uses[q.key or ""].append((q, r))
    for u, qs in uses.items():
        rs = _rules(qs)
        area = next((float(q.value) for q, _ in qs if q.figure == "min_area"), None)
        texts = {}
        for lang in ("en", "fr"):
            size = (f", ≥ {numbers.quantity(area, 'm2', lang)}" if area is not None else
                    (", pas de surface minimale dans les référentiels" if lang == "fr" else
                     ", no minimum area in the packs"))
            room = "1 local" if lang == "fr" else "1 room"
            texts[lang] = f"{room} : {vocabulary.name('uses', u, lang)}{size} ({', '.join(r.id for r in rs)})" \
                if lang == "fr" else f"{room}: {vocabulary.name('uses', u, lang)}{size} ({', '.join(r.id for r in rs)})"
        out.append(ProgrammeLine(item="room", use=u, count=1, min_area_m2=area, rules=[r.id for r in rs],
                                 source=_cite(rs), source_status=_worst(rs), text=texts["en"], text_fr=texts["fr"]))
    # fixtures counted for all residents (fr-cra)
    for q, r in asked[("residents_fixture", "count")]:
        count, fixture, per = int(q.value), q.key or "wc", q.extra["per"]
        texts = {lang: f"{numbers.count(count, fixture, lang)} ({'pour' if lang == 'fr' else 'for'} "
                       f"{numbers.count(n, 'resident', lang)}, 1/{_num(per, lang, 0)}, {r.id})"
                 for lang in ("en", "fr")}
        out.append(ProgrammeLine(item=fixture if fixture != "urinal" else "wc", use="sanitary", count=count,
                                 rules=[r.id], source=_cite([r]), source_status=r.status,
                                 text=texts["en"], text_fr=texts["fr"]))
    # usable area per resident (fr-cra)
    for q, r in asked[("site_area", "area_per_person")]:
        per, total = float(q.value), float(q.extra["total"])
        texts = {"en": f"bedrooms and day rooms ≥ {numbers.quantity(total, 'm2', 'en')} in all "
                       f"({numbers.quantity(per, 'm2', 'en')} × {n} residents, {r.id})",
                 "fr": f"chambres et locaux de jour ≥ {numbers.quantity(total, 'm2', 'fr')} au total "
                       f"({numbers.quantity(per, 'm2', 'fr')} × {numbers.count(n, 'resident', 'fr')}, {r.id})"}
        out.append(ProgrammeLine(item="site_area", min_area_m2=round(total, 2), area_per_person_m2=per,
                                 rules=[r.id], counted_uses=list(q.extra["counted_uses"]),
                                 source=_cite([r]), source_status=r.status, text=texts["en"], text_fr=texts["fr"]))
    # exits: total width for residents and staff
    for q, r in asked[("exit_width", "total_width")]:
        width, units, persons, door = float(q.value), q.extra["units"], q.extra["persons"], q.extra["door"]
        texts = {"en": f"exits ≥ {numbers.quantity(width, 'm', 'en', 2)} wide in all "
                       f"({units} UP for {persons} persons); "
                       f"every door on an escape route ≥ {numbers.quantity(door, 'm', 'en', 2)} ({r.id})",
                 "fr": f"sorties ≥ {numbers.quantity(width, 'm', 'fr', 2)} de large au total ({units} UP pour "
                       f"{numbers.count(persons, 'person', 'fr')}) ; chaque porte d'évacuation ≥ "
                       f"{numbers.quantity(door, 'm', 'fr', 2)} ({r.id})"}
        out.append(ProgrammeLine(item="exit_width", count=units, min_width_total_m=width, min_width_m=door,
                                 rules=[r.id], source=_cite([r]), source_status=r.status,
                                 text=texts["en"], text_fr=texts["fr"]))
    for q, r in asked[("capacity", "max_residents")]:
        limit = int(q.value)
        texts = {"en": f"capacity ≤ {limit} residents ({r.id}); planned {n}",
                 "fr": f"capacité ≤ {numbers.count(limit, 'resident', 'fr')} ({r.id}) ; "
                       f"prévu {numbers.integer(n, 'fr')}"}
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
    provided_fr: str = ""
    shortfall_fr: str | None = None


class ProgrammeComparison(BaseModel):
    model_config = ConfigDict(extra="forbid")

    centre: str
    lines: list[LineComparison]

    def to_json_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def programme_vs_layout(prog: Programme, centre: Centre, plan: Plan | None = None) -> ProgrammeComparison:
    """For each programme line, what ``centre`` provides and whether it meets the line."""
    plan = plan if plan is not None else build_plan(centre)
    return ProgrammeComparison(centre=centre.centre.name, lines=[_compare(ln, centre, plan) for ln in prog.lines])


def _both(make: Any) -> dict[str, str]:
    return {lang: make(lang) for lang in ("en", "fr")}


def _result(ln: ProgrammeLine, provided: dict[str, str], ok: bool | None, short: dict[str, str] | None,
            count: float | None, rooms: list[str]) -> LineComparison:
    return LineComparison(line=ln, provided=provided["en"], provided_fr=provided["fr"], provided_count=count,
                          rooms=rooms, ok=ok, shortfall=short["en"] if short else None,
                          shortfall_fr=short["fr"] if short else None)


def _compare_sleeping(ln: ProgrammeLine, centre: Centre, plan: Plan) -> LineComparison:
    mine = [r for r in centre.rooms if r.group == ln.group and r.use in SLEEPING_USES]
    beds = sum(r.beds for r in mine)
    small = [r.id for r in mine if ln.area_per_person_m2 and r.beds and
             plan.area(r.id) / r.beds + 1e-9 < ln.area_per_person_m2]
    crowded = [r.id for r in mine if ln.beds_per_room and r.beds > ln.beds_per_room]
    missing = (ln.beds or 0) - beds
    ok = missing <= 0 and not small and not crowded

    def short(lang: str) -> str:
        fr = lang == "fr"
        parts = []
        if missing > 0:
            parts.append(f"{numbers.count(missing, 'bed', lang)} manquants" if fr else f"{missing} beds short")
        if crowded:
            parts.append((f"plus de {ln.beds_per_room} lits : " if fr else f"over {ln.beds_per_room} beds: ")
                         + ", ".join(crowded))
        if small:
            per = numbers.quantity(ln.area_per_person_m2 or 0, "m2", lang)
            parts.append((f"moins de {per} par lit : " if fr else f"under {per} a bed: ") + ", ".join(small))
        return ("; " if not fr else " ; ").join(parts)

    provided = _both(lambda lang: f"{len(mine)} rooms, {beds} beds" if lang == "en" else
                     f"{numbers.count(len(mine), 'sleeping_room', 'fr')}, {numbers.count(beds, 'bed', 'fr')}")
    return _result(ln, provided, ok, None if ok else _both(short), len(mine), [r.id for r in mine])


def _compare(ln: ProgrammeLine, centre: Centre, plan: Plan) -> LineComparison:
    rooms = centre.rooms
    fixture_items = ("wc", "shower", "basin", "block", "phone")
    if ln.item == "sleeping":
        return _compare_sleeping(ln, centre, plan)
    if ln.item in fixture_items and ln.group:
        own = [r for r in rooms if r.is_sanitary and r.group == ln.group]
        shared = [r for r in rooms if r.is_sanitary and r.group == "all"]
        have = sum(fixtures_of(r, ln.item) for r in own)
        pool = sum(fixtures_of(r, ln.item) for r in shared)
        ok = have >= (ln.count or 0)
        provided = {"en": f"{have} in {len(own)} sanitary room(s) of the group"
                          + (f", {pool} in shared rooms" if pool else ""),
                    "fr": f"{have} dans les sanitaires du groupe ({len(own)})"
                          + (f", {pool} dans des sanitaires partagés" if pool else "")}
        missing = (ln.count or 0) - have
        return _result(ln, provided, ok if ok or not pool else None,
                       None if ok else {"en": f"{missing} short", "fr": f"{missing} manquant(s)"}, have,
                       [r.id for r in own])
    if ln.item in fixture_items:
        counted = [r for r in rooms if r.group != "staff" and (r.is_sanitary or ln.item == "phone")]
        if ln.item == "block":
            have = min(sum(fixtures_of(r, f) for r in counted) for f in ("wc", "shower", "basin"))
        else:
            have = sum(fixtures_of(r, ln.item) for r in counted)
        ok = have >= (ln.count or 0)
        missing = (ln.count or 0) - have
        return _result(ln, {"en": f"{have}", "fr": f"{have}"}, ok,
                       None if ok else {"en": f"{missing} short", "fr": f"{missing} manquant(s)"}, have,
                       [r.id for r in counted if fixtures_of(r, ln.item if ln.item != "block" else "wc")])
    if ln.item == "room":
        mine = [r for r in rooms if r.use == ln.use]
        largest = max((plan.area(r.id) for r in mine), default=0.0)
        ok = bool(mine) and (ln.min_area_m2 is None or largest + 1e-9 >= ln.min_area_m2)
        big = _both(lambda lang: numbers.quantity(largest, "m2", lang))
        need = _both(lambda lang: numbers.quantity(ln.min_area_m2 or 0, "m2", lang))
        provided = ({"en": f"{len(mine)} room(s), largest {big['en']}",
                     "fr": f"{numbers.count(len(mine), 'room', 'fr')}, la plus grande de {big['fr']}"} if mine
                    else {"en": "none", "fr": "aucun"})
        short = None if ok else ({"en": "missing", "fr": "manquant"} if not mine else
                                 {"en": f"largest {big['en']} < {need['en']}",
                                  "fr": f"la plus grande {big['fr']} < {need['fr']}"})
        return _result(ln, provided, ok, short, len(mine), [r.id for r in mine])
    if ln.item == "site_area":
        area = sum(plan.area(r.id) for r in rooms if r.use in ln.counted_uses and r.group != "staff")
        ok = area + 1e-9 >= (ln.min_area_m2 or 0)
        gap = (ln.min_area_m2 or 0) - area
        return _result(ln, _both(lambda lang: numbers.quantity(area, "m2", lang)), ok,
                       None if ok else {"en": f"{numbers.quantity(gap, 'm2', 'en')} short",
                                        "fr": f"{numbers.quantity(gap, 'm2', 'fr')} manquants"}, round(area, 2), [])
    if ln.item == "exit_width":
        exits = plan.exits
        total = sum(d.width for d in exits)
        ok = total + 1e-9 >= (ln.min_width_total_m or 0)
        gap = (ln.min_width_total_m or 0) - total
        provided = {"en": f"{len(exits)} exit(s), {numbers.quantity(total, 'm', 'en', 2)} in all",
                    "fr": f"{numbers.count(len(exits), 'exit', 'fr')}, "
                          f"{numbers.quantity(total, 'm', 'fr', 2)} au total"}
        return _result(ln, provided, ok, None if ok else {"en": f"{numbers.quantity(gap, 'm', 'en', 2)} short",
                                                          "fr": f"{numbers.quantity(gap, 'm', 'fr', 2)} manquants"},
                       round(total, 3), [])
    # capacity
    n = centre.population.residents
    ok = n <= (ln.count or 0)
    over = n - (ln.count or 0)
    return _result(ln, {"en": f"{n} residents planned", "fr": f"{numbers.count(n, 'resident', 'fr')} prévus"}, ok,
                   None if ok else {"en": f"{over} over", "fr": f"{over} de trop"}, n, [])
