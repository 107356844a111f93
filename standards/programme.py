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
from typing import Any, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from centreplan.planner import numbers, vocabulary
from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.i18n import N_, Translator, translator
from centreplan.planner.model import FEMALE_GROUPS, MALE_GROUPS, RESIDENT_GROUPS, SLEEPING_USES, Centre, Population
from centreplan.planner.numbers import ceil_div
from centreplan.standards.kinds import fixtures_of
from centreplan.standards.packs import Pack, Rule, load_packs
from centreplan.standards.registry import Need, Requirement

DOMAIN = "standards"  # the gettext domain of the programme's and the report's words
Item = Literal["sleeping", "wc", "shower", "basin", "block", "phone", "room", "site_area", "exit_width", "capacity",
               "accessible_wc", "accessible_shower"]


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
    sex: Literal["female", "male"] | None = None  # a centre line for the WCs of women and girls, or of men and boys
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
    share: float | None = None  # accessible_wc / accessible_shower: the rule's share of the group's fixtures
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
    source_fr: str = ""  # ``source`` in French (standards/clauses_fr.yaml)

    def source_in(self, lang: str) -> str:
        return (self.source_fr or self.source) if lang == "fr" else self.source


class Programme(BaseModel):
    """What a population requires, line by line."""

    model_config = ConfigDict(extra="forbid")

    population: dict[str, int]
    phase: str
    climate: str
    packs: list[str]
    lines: list[ProgrammeLine]
    centre_type: str | None = None  # transit selects the transit-centre rules (transit/flow/infection)

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


def _cite(rules: Iterable[Rule], lang: str = "en") -> str:
    seen: list[str] = []
    for r in rules:
        c = f"{r.id} : {r.cite(lang)}" if lang == "fr" else f"{r.id}: {r.cite(lang)}"
        if c not in seen:
            seen.append(c)
    return (" ; " if lang == "fr" else "; ").join(seen)


class _Cites(TypedDict):
    source: str
    source_fr: str


def _cites(rules: list[Rule]) -> _Cites:
    """A line's ``source`` and ``source_fr``."""
    return {"source": _cite(rules), "source_fr": _cite(rules, "fr")}


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


# every (line, figure) the programme reads from the kinds' requirements; a kind answering with another
# would be ignored (tests/unit/test_standards_kinds.py holds the kinds to this list)
FIGURES = frozenset({
    ("sleeping", "beds_per_room"), ("sleeping", "households_per_room"), ("sleeping", "area_per_person"),
    ("sleeping", "single_room_area"), ("sleeping", "min_height"), ("sleeping", "min_width"),
    ("sleeping", "openable_ratio"), ("sleeping", "glazing_ratio"), ("sleeping", "lockable"), ("sleeping", "beds"),
    ("sleeping", "at_least_one_room"), ("fixture", "count"), ("sanitary", "max_distance"), ("sanitary", "lockable"),
    ("room", "required"), ("room", "min_area"), ("residents_fixture", "count"), ("site_area", "area_per_person"),
    ("exit_width", "total_width"), ("capacity", "max_residents"),
    ("fixture", "accessible_share"), ("fixture", "accessible_width"), ("residents_fixture", "female_share"),
})


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
              packs: Iterable[str | Pack] | None = None, centre_type: str | None = None) -> Programme:
    """Rooms, beds, areas and fixtures that ``population`` needs under ``packs`` (default packs).

    Each rule's kind says what it requires (:meth:`standards.registry.Kind.requirement`); the
    programme keeps the strictest figure of each line and cites the rules that set it.

    Sleeping rooms per group: ceil(N / cap) rooms, the cap being the strictest cap on beds for the
    group (families: one room per household, OCC-FAMILY); persons spread evenly over them; each room
    at least beds × the strictest area per person (and the single-room minimum for one bed).
    Fixtures per group: the strictest ratio per fixture, ceil(N / persons per fixture) for the phase.
    ``centre_type`` (``transit`` …) keeps the rules for that type of centre (a transit centre's
    arrival area, triage and registration rooms) and leaves out those for other types.
    """
    pop = population if isinstance(population, Population) else Population(**population)
    loaded = load_packs(packs)
    rules = [r for p in loaded for r in p.rules if r.for_type(centre_type)]
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
                     lines=lines, centre_type=centre_type)


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
        supersedes=supersedes, **_cites(setting), source_status=_worst(setting), text=texts["en"],
        text_fr=texts["fr"])


def _ids(rules: list[Rule]) -> str:
    return ", ".join(r.id for r in rules)


def _sleeping_text(lang: str, g: str, n: int, use: str, rooms: int, sizes: list[RoomSize],
                   figures: dict[str, Any]) -> str:
    """The sentence of a sleeping line in ``lang``: rooms and sizes, then each figure and its rules."""
    _ = translator(lang, DOMAIN)
    cap, cap_rules = figures["cap"]
    per, per_rules, per_other = figures["per"]
    height, h_rules, h_other = figures["height"]
    width, w_rules = figures["width"]
    vent_v, vent_rules = figures["vent"]
    light_v, light_rules = figures["light"]
    locks, places = figures["locks"], figures["places"]

    def cited(rules: list[Rule], others: list[Rule] | None = None) -> str:
        return _("{rules}, stricter than {others}", rules=_ids(rules), others=_ids(others)) if others else _ids(rules)

    kind = vocabulary.plural("uses", use, lang) if rooms > 1 else vocabulary.name("uses", use, lang)
    parts = []
    for s in sizes:
        size = (_("no minimum area in the packs") if s.min_area_m2 is None else
                _("≥ {area} each", area=numbers.quantity(s.min_area_m2, "m2", lang)))
        parts.append(_("{count} × {beds}, {size}", count=s.count, beds=numbers.count(s.beds, "bed", lang), size=size))
    extra = []
    if cap_rules and cap:
        extra.append(_("≤ {cap} beds a room ({rules})", cap=int(cap), rules=_ids(cap_rules)))
    elif cap_rules:
        extra.append(_("one household a room ({rules})", rules=_ids(cap_rules)))
    else:
        extra.append(_("no limit on beds a room in these packs"))
    if per is not None:
        extra.append(f"{numbers.quantity(per, 'm2_per_person', lang)} ({cited(per_rules, per_other)})")
    if height is not None:
        extra.append(_("height ≥ {value} ({rules})", value=numbers.quantity(height, "m", lang, 2),
                       rules=cited(h_rules, h_other)))
    if width is not None:
        extra.append(_("width ≥ {value} ({rules})", value=numbers.quantity(width, "m", lang, 2), rules=_ids(w_rules)))
    if vent_v is not None:
        extra.append(_("openable window ≥ {value} ({rules})", value=numbers.percent(vent_v, lang),
                       rules=_ids(vent_rules)))
    if light_v is not None:
        extra.append(_("glazing ≥ {value} ({rules})", value=numbers.percent(light_v, lang), rules=_ids(light_rules)))
    if locks:
        extra.append(_("lockable ({rules})", rules=_ids(locks)))
    if places:
        extra.append(_("a bed for each person ({rules})", rules=_ids(places)))
    line = _("{group} ({n}): {rooms} {kind}: {sizes}", group=vocabulary.name("groups", g, lang), n=n, rooms=rooms,
             kind=kind, sizes=_("; ").join(parts))
    return line + (" — " + _("; ").join(extra) if extra else "")

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
        texts = {lang: _fixture_text(lang, g, n, fixture, int(count or 0), setting, per_of, d, d_rules, locks)
                 for lang in ("en", "fr")}
        out.append(ProgrammeLine(item=fixture if fixture in ("wc", "shower", "basin", "phone", "block") else "wc",
                                 group=g, use="sanitary", count=int(count or 0), max_distance_m=d,
                                 lockable=True if locks else None, rules=[r.id for r in setting_all],
                                 supersedes=[r.id for r in other], **_cites(setting_all),
                                 source_status=_worst(setting_all), text=texts["en"], text_fr=texts["fr"]))
    out += _accessible(g, {ln.item: int(ln.count or 0) for ln in out}, asked)
    return out


def _accessible(g: str, counts: dict[str, int], asked: dict[tuple[str, str], Asked]) -> list[ProgrammeLine]:
    """Accessible WCs and showers of a group: its share of the group's line, at least one
    (accessible_share rules), in rooms at least as wide as the accessible room size rules ask."""
    from centreplan.standards.kinds.accessibility import required_accessible

    width, width_rules, _ = _strictest(asked[("fixture", "accessible_width")])
    out = []
    for fixture in ("wc", "shower"):
        cands = [(q, r) for q, r in asked[("fixture", "accessible_share")] if q.key == fixture]
        if not cands or not counts.get(fixture):
            continue
        share, setting, other = _strictest(cands)
        count = required_accessible(counts[fixture], share or 0.0)
        rules = setting + width_rules

        def text(lang: str, count: int = count, share: float = share or 0.0, fixture: str = fixture,
                 setting: list[Rule] = setting) -> str:
            wide = (_t(lang, N_(", in a room at least {width} wide ({rules})"),
                       width=numbers.quantity(width, "m", lang, 2), rules=_ids(width_rules)) if width else "")
            return _t(lang, N_("{group}: {count} accessible ({share} of {total}, at least 1; {rules}){wide}"),
                      group=vocabulary.name("groups", g, lang), count=numbers.count(count, fixture, lang),
                      share=numbers.percent(share, lang), total=numbers.count(counts[fixture], fixture, lang),
                      rules=_ids(setting), wide=wide)

        out.append(ProgrammeLine(item=f"accessible_{fixture}", group=g, use="sanitary", count=count,
                                 min_width_m=width, share=share, rules=[r.id for r in rules],
                                 supersedes=[r.id for r in other], **_cites(rules),
                                 source_status=_worst(rules), text=text("en"), text_fr=text("fr")))
    return out


def _fixture_text(lang: str, g: str, n: int, fixture: str, count: int, setting: list[Rule],
                  per_of: dict[str, float], d: float | None, d_rules: list[Rule], locks: list[Rule]) -> str:
    _ = translator(lang, DOMAIN)
    group = vocabulary.name("groups", g, lang)
    per = ", ".join(f"1/{_num(per_of[r.id], lang, 0)}" for r in setting)
    within = (_(", within {distance} ({rules})", distance=numbers.quantity(d, "m", lang, 0), rules=_ids(d_rules))
              if d is not None else "")
    lock = _(", lockable from inside ({rules})", rules=_ids(locks)) if locks else ""
    return _("{group} ({n}): {count} serving {group} ({per}, {rules}){within}{lock}", group=group, n=n,
             count=numbers.count(count, fixture, lang), per=per, rules=_ids(setting), within=within, lock=lock)


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
        texts = {lang: _t(lang, N_("1 room: {use}{size} ({rules})"), use=vocabulary.name("uses", u, lang),
                          rules=_ids(rs), size=(f", ≥ {numbers.quantity(area, 'm2', lang)}" if area is not None else
                                                _t(lang, N_(", no minimum area in the packs"))))
                 for lang in ("en", "fr")}
        out.append(ProgrammeLine(item="room", use=u, count=1, min_area_m2=area, rules=[r.id for r in rs],
                                 **_cites(rs), source_status=_worst(rs), text=texts["en"], text_fr=texts["fr"]))
    # fixtures counted for all residents (fr-cra)
    for q, r in asked[("residents_fixture", "count")]:
        count, fixture, per = int(q.value), q.key or "wc", q.extra["per"]
        texts = {lang: _t(lang, N_("{count} (for {residents}, 1/{per}, {rule})"),
                                   count=numbers.count(count, fixture, lang), per=_num(per, lang, 0), rule=r.id,
                                   residents=numbers.count(n, "resident", lang)) for lang in ("en", "fr")}
        out.append(ProgrammeLine(item=fixture if fixture != "urinal" else "wc", use="sanitary", count=count,
                                 rules=[r.id], **_cites([r]), source_status=r.status,
                                 text=texts["en"], text_fr=texts["fr"]))
    # the share of those WCs for women and girls, the rest for men and boys (transit centres: 3:1)
    for q, r in asked[("residents_fixture", "female_share")]:
        wcs, female, share = int(q.extra["total"]), int(q.value), float(q.extra["share"])
        male_majority = pop.men + pop.boys > pop.women + pop.girls
        for sex, count in (("female", female), ("male", wcs - female)):
            msg = (N_("WC for women and girls: {count} of {total} ({share} of them, {rule})") if sex == "female" else
                   N_("WC for men and boys: {count} of {total} (the rest, {rule})"))
            texts = {lang: _t(lang, msg, count=numbers.integer(count, lang), total=numbers.count(wcs, "wc", lang),
                              share=numbers.percent(share, lang), rule=r.id)
                     + (_t(lang, N_("; the 3:1 split applied as written to a population mostly of men and boys: "
                                    "a planning choice to review")) if male_majority and sex == "male" else "")
                     for lang in ("en", "fr")}
            out.append(ProgrammeLine(item="wc", use="sanitary", sex=sex, count=count, rules=[r.id],
                                     **_cites([r]), source_status=r.status, text=texts["en"],
                                     text_fr=texts["fr"]))
    # usable area per resident (fr-cra)
    for q, r in asked[("site_area", "area_per_person")]:
        per, total = float(q.value), float(q.extra["total"])
        texts = {lang: _t(lang, N_("bedrooms and day rooms ≥ {total} in all ({per} × {residents}, {rule})"),
                                   total=numbers.quantity(total, "m2", lang), per=numbers.quantity(per, "m2", lang),
                                   residents=numbers.count(n, "resident", lang), rule=r.id) for lang in ("en", "fr")}
        out.append(ProgrammeLine(item="site_area", min_area_m2=round(total, 2), area_per_person_m2=per,
                                 rules=[r.id], counted_uses=list(q.extra["counted_uses"]),
                                 **_cites([r]), source_status=r.status, text=texts["en"], text_fr=texts["fr"]))
    # exits: total width for residents and staff
    for q, r in asked[("exit_width", "total_width")]:
        width, units, persons, door = float(q.value), q.extra["units"], q.extra["persons"], q.extra["door"]
        texts = {lang: _t(lang, N_("exits ≥ {width} wide in all ({units} UP for {persons}); every door on an "
                                   "escape route ≥ {door} ({rule})"), width=numbers.quantity(width, "m", lang, 2),
                          units=units, persons=numbers.count(persons, "person", lang), rule=r.id,
                          door=numbers.quantity(door, "m", lang, 2)) for lang in ("en", "fr")}
        out.append(ProgrammeLine(item="exit_width", count=units, min_width_total_m=width, min_width_m=door,
                                 rules=[r.id], **_cites([r]), source_status=r.status,
                                 text=texts["en"], text_fr=texts["fr"]))
    for q, r in asked[("capacity", "max_residents")]:
        limit = int(q.value)
        texts = {lang: _t(lang, N_("capacity ≤ {limit} ({rule}); planned {n}"), rule=r.id, n=numbers.integer(n, lang),
                                   limit=numbers.count(limit, "resident", lang)) for lang in ("en", "fr")}
        out.append(ProgrammeLine(item="capacity", count=limit, rules=[r.id], **_cites([r]),
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


def _lang(lang: str) -> Translator:
    """The translator of the standards messages in ``lang`` (locales/<lang>/LC_MESSAGES/standards.po)."""
    return translator(lang, DOMAIN)


def _t(lang: str, msgid: str, **values: object) -> str:
    """``msgid`` (marked with ``N_`` where it is written) in ``lang``, placeholders filled."""
    return _lang(lang)(msgid, **values)


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
        _ = _lang(lang)
        parts = []
        if missing > 0:
            parts.append(_("{beds} short", beds=numbers.count(missing, "bed", lang)))
        if crowded:
            parts.append(_("over {n} beds: {rooms}", n=ln.beds_per_room, rooms=", ".join(crowded)))
        if small:
            parts.append(_("under {area} a bed: {rooms}", area=numbers.quantity(ln.area_per_person_m2 or 0, "m2", lang),
                           rooms=", ".join(small)))
        return _("; ").join(parts)

    provided = _both(lambda lang: f"{numbers.count(len(mine), 'sleeping_room', lang)}, "
                                  f"{numbers.count(beds, 'bed', lang)}")
    return _result(ln, provided, ok, None if ok else _both(short), len(mine), [r.id for r in mine])


def _compare(ln: ProgrammeLine, centre: Centre, plan: Plan) -> LineComparison:
    rooms = centre.rooms
    fixture_items = ("wc", "shower", "basin", "block", "phone")
    if ln.item == "sleeping":
        return _compare_sleeping(ln, centre, plan)
    if ln.item in fixture_items:
        return _compare_fixtures(ln, centre)
    if ln.item in ("accessible_wc", "accessible_shower"):
        return _compare_accessible(ln, centre)
    if ln.item == "room":
        mine = [r for r in rooms if r.use == ln.use]
        largest = max((plan.area(r.id) for r in mine), default=0.0)
        ok = bool(mine) and (ln.min_area_m2 is None or largest + 1e-9 >= ln.min_area_m2)
        big = _both(lambda lang: numbers.quantity(largest, "m2", lang))
        need = _both(lambda lang: numbers.quantity(ln.min_area_m2 or 0, "m2", lang))
        provided = (_both(lambda lang: _t(lang, N_("{n} room(s), largest {area}"), n=len(mine), area=big[lang]))
                    if mine else _both(lambda lang: _t(lang, N_("none"))))
        short = None if ok else (_both(lambda lang: _t(lang, N_("missing"))) if not mine else
                                 _both(lambda lang: _t(lang, N_("largest {area} < {need}"), area=big[lang],
                                                                need=need[lang])))
        return _result(ln, provided, ok, short, len(mine), [r.id for r in mine])
    if ln.item == "site_area":
        area = sum(plan.area(r.id) for r in rooms if r.use in ln.counted_uses and r.group != "staff")
        ok = area + 1e-9 >= (ln.min_area_m2 or 0)
        gap = (ln.min_area_m2 or 0) - area
        return _result(ln, _both(lambda lang: numbers.quantity(area, "m2", lang)), ok,
                       None if ok else _both(lambda lang: _t(lang, N_("{area} short"),
                                                                      area=numbers.quantity(gap, "m2", lang))),
                       round(area, 2), [])
    if ln.item == "exit_width":
        exits = plan.exits
        total = sum(d.width for d in exits)
        ok = total + 1e-9 >= (ln.min_width_total_m or 0)
        gap = (ln.min_width_total_m or 0) - total
        provided = _both(lambda lang: _t(lang, N_("{n} exit(s), {width} in all"), n=len(exits),
                                                  width=numbers.quantity(total, "m", lang, 2)))
        return _result(ln, provided, ok, None if ok else _both(
            lambda lang: _t(lang, N_("{width} short"), width=numbers.quantity(gap, "m", lang, 2))), round(total, 3), [])
    # capacity
    n = centre.population.residents
    ok = n <= (ln.count or 0)
    return _result(ln, _both(lambda lang: _t(lang, N_("{n} residents planned"), n=numbers.integer(n, lang))), ok,
                   None if ok else _both(lambda lang: _t(lang, N_("{n} over"), n=n - (ln.count or 0))), n, [])


def _compare_fixtures(ln: ProgrammeLine, centre: Centre) -> LineComparison:
    rooms = centre.rooms
    if ln.group:
        own = [r for r in rooms if r.is_sanitary and r.group == ln.group]
        shared = [r for r in rooms if r.is_sanitary and r.group == "all"]
        have = sum(fixtures_of(r, ln.item) for r in own)
        pool = sum(fixtures_of(r, ln.item) for r in shared)
        ok = have >= (ln.count or 0)
        provided = _both(lambda lang: _t(lang, N_("{have} in {n} sanitary room(s) of the group"), have=have, n=len(own))
                         + (_t(lang, N_(", {pool} in shared rooms"), pool=pool) if pool else ""))
        missing = (ln.count or 0) - have
        return _result(ln, provided, ok if ok or not pool else None,
                       None if ok else _both(lambda lang: _t(lang, N_("{n} short"), n=missing)), have,
                       [r.id for r in own])
    if ln.sex is not None:  # the WCs in the sanitary rooms of women and girls, or of men and boys
        groups = FEMALE_GROUPS if ln.sex == "female" else MALE_GROUPS
        own = [r for r in rooms if r.is_sanitary and r.group in groups]
        have = sum(fixtures_of(r, "wc") for r in own)
        pool = sum(fixtures_of(r, "wc") for r in rooms if r.is_sanitary and r.group in ("all", "families"))
        ok = have >= (ln.count or 0)
        return _result(ln, _both(lambda lang: _t(lang, N_("{have} in {n} sanitary room(s) of the group"), have=have,
                                                 n=len(own))), ok if ok or not pool else None,
                       None if ok else _both(lambda lang: _t(lang, N_("{n} short"), n=(ln.count or 0) - have)), have,
                       [r.id for r in own if fixtures_of(r, "wc")])
    counted = [r for r in rooms if r.group != "staff" and (r.is_sanitary or ln.item == "phone")]
    if ln.item == "block":
        have = min(sum(fixtures_of(r, f) for r in counted) for f in ("wc", "shower", "basin"))
    else:
        have = sum(fixtures_of(r, ln.item) for r in counted)
    ok = have >= (ln.count or 0)
    missing = (ln.count or 0) - have
    return _result(ln, {"en": f"{have}", "fr": f"{have}"}, ok,
                   None if ok else _both(lambda lang: _t(lang, N_("{n} short"), n=missing)), have,
                   [r.id for r in counted if fixtures_of(r, ln.item if ln.item != "block" else "wc")])


def _compare_accessible(ln: ProgrammeLine, centre: Centre) -> LineComparison:
    """Accessible WCs or showers in the group's own sanitary rooms (unknown when not given)."""
    fixture = ln.item.removeprefix("accessible_")
    own = [r for r in centre.rooms if r.is_sanitary and r.group == ln.group and r.fixtures is not None
           and getattr(r.fixtures, fixture) > 0]
    counts = [r.accessible_count(fixture) for r in own]
    if any(c is None for c in counts):
        return _result(ln, _both(lambda lang: _t(lang, N_("not given"))), None, None, None, [r.id for r in own])
    have = sum(c or 0 for c in counts)
    ok = have >= (ln.count or 0)
    return _result(ln, _both(lambda lang: numbers.count(have, fixture, lang)), ok,
                   None if ok else _both(lambda lang: _t(lang, N_("{n} short"), n=(ln.count or 0) - have)), have,
                   [r.id for r, c in zip(own, counts) if c])
