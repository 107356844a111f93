"""What a rule kind looks at: the centre, its plan, phase and climate, and shared derived data.

A :class:`Context` is built once per check; walking routes (to sanitary rooms per group, to exits)
and door indexes are computed once on first use and shared by every rule that needs them. It also
turns a kind's outcome into a :class:`~standards.report.Finding` with its sentences in English and
French, so kinds stay small.
"""
from __future__ import annotations

import math
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from planner.geometry import Plan, Route
from planner.model import OUTSIDE, Centre, Door, Room
from standards.packs import Rule
from standards.report import Finding

MESSAGES_FILE = Path(__file__).parent / "messages.yaml"
LANGS = ("en", "fr")


@lru_cache(maxsize=1)
def messages() -> dict[str, Any]:
    """The generic sentences, reasons and names (standards/messages.yaml)."""
    return yaml.safe_load(MESSAGES_FILE.read_text(encoding="utf-8"))


class _Blank(dict):
    def __missing__(self, key: str) -> str:  # a template may name a value an outcome lacks
        return "—"


def render(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Blank(values))


@lru_cache(maxsize=1)
def _measured_fr() -> tuple[re.Pattern[str], dict[str, str]]:
    table = messages().get("measured_fr") or {}
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)"), table


@lru_cache(maxsize=4096)
def measured_in(text: str | None, lang: str) -> str | None:
    """A ``measured``/``required`` string with its words in ``lang`` (numbers and units unchanged)."""
    if not text or lang != "fr":
        return text
    pattern, table = _measured_fr()
    return pattern.sub(lambda m: table[m.group(1)], text)


def name_of(table: str, key: str, lang: str) -> str:
    entry = messages()[table].get(key)
    return entry[lang] if entry else key


def fmt_num(value: float, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text


def pair(measured: float, required: float, digits: int = 1) -> tuple[str, str]:
    """Format two numbers so that different values never look equal (3.96 vs 4.0 → "3.96", "4.00")."""
    d = digits
    while d < 3 and abs(measured - required) > 1e-9 and fmt_num(measured, d) == fmt_num(required, d):
        d += 1
    return fmt_num(measured, d), fmt_num(required, d)


def ceil_div(n: float, k: float) -> int:
    """ceil(n / k) for counts, robust to float noise (30 / 20 → 2; 40 / 20 → 2)."""
    q = n / k
    r = round(q)
    return int(r) if abs(q - r) < 1e-9 else int(math.ceil(q))


def _limit(required: str | None) -> str:
    """The required value without its comparator: "≥ 4.0 m²/person" → "4.0 m²/person"."""
    if not required:
        return "—"
    for sign in ("≥ ", "≤ ", "> ", "< "):
        if required.startswith(sign):
            return required[len(sign):]
    return required


class Subject:
    """How a finding names what it is about, in both languages."""

    def __init__(self, key: str | None, texts: dict[str, str]):
        self.key = key
        self.texts = texts


class Context:
    """The centre being checked and everything derived from it once."""

    def __init__(self, centre: Centre, plan: Plan, phase: str | None = None, climate: str | None = None):
        self.centre = centre
        self.plan = plan
        self.phase = phase or centre.centre.phase
        self.climate = climate or centre.centre.climate
        self.rooms: dict[str, Room] = plan.rooms
        self.pop = centre.population
        self._routes: dict[str, dict[str, Route]] = {}
        self._statics: dict[str, dict[str, Any]] = {}
        self._room_subjects: dict[str, Subject] = {}

    # ---- population ---------------------------------------------------------------------------
    @property
    def has_population(self) -> bool:
        return self.pop.residents + self.pop.staff > 0

    # ---- rooms and doors ------------------------------------------------------------------------
    def select(self, rule: Rule) -> list[Room]:
        """The rooms ``rule`` applies to, in layout order."""
        a = rule.applies_to
        return [r for r in self.centre.rooms if a.matches(r)]

    def area(self, room_id: str) -> float:
        return self.plan.area(room_id)

    def valid(self, room_id: str) -> bool:
        return room_id not in self.plan.invalid

    @cached_property
    def doors_of(self) -> dict[str, list[Door]]:
        """Room id → every door declared on it (placed or not)."""
        out: dict[str, list[Door]] = {rid: [] for rid in self.rooms}
        for d in self.centre.doors:
            for end in set(d.between):
                if end in out:
                    out[end].append(d)
        return out

    @staticmethod
    def serves(room: Room, group: str) -> bool:
        """A room serves a group when it is assigned to it or to ``all``."""
        return room.group == group or room.group == "all"

    @cached_property
    def _sanitary_by_group(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        sanitary = [r for r in self.centre.rooms if r.is_sanitary]
        for g in {r.group for r in self.centre.rooms} | {"all"}:
            out[g] = [r.id for r in sanitary if self.serves(r, g)]
        return out

    def sanitary_for(self, group: str) -> list[str]:
        """Sanitary rooms serving ``group`` (assigned to it or to ``all``), computed once per group."""
        return self._sanitary_by_group.get(group) or self._sanitary_by_group["all"]

    def routes_to_sanitary(self, group: str) -> dict[str, Route]:
        """Walking routes from every room to the nearest sanitary room serving ``group``."""
        key = f"sanitary:{group}"
        if key not in self._routes:
            self._routes[key] = self.plan.routes_to(self.sanitary_for(group))
        return self._routes[key]

    def routes_to_exit(self) -> dict[str, Route]:
        if "exit" not in self._routes:
            self._routes["exit"] = self.plan.routes_to_exit()
        return self._routes["exit"]

    @cached_property
    def _exit_components(self) -> tuple[dict[str, str], dict[str, set[str]]]:
        """Rooms joined by placed doors (outdoor rooms count as outside) and the exits of each group."""
        parent: dict[str, str] = {r: r for r in self.rooms}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        inside = {rid for rid, r in self.rooms.items() if r.use != "outdoor"}
        for d in self.centre.doors:
            if d.id not in self.plan.door_points:
                continue
            a, b = d.between
            if a in inside and b in inside:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[ra] = rb
        exits: dict[str, set[str]] = {}
        for d in self.plan.exits:
            for end in d.between:
                if end in inside:
                    exits.setdefault(find(end), set()).add(d.id)
        return {rid: find(rid) for rid in inside}, exits

    def exits_reachable(self, room_id: str) -> int:
        """How many exit doors can be reached from a room (a choice of exits when ≥ 2)."""
        comp, exits = self._exit_components
        root = comp.get(room_id)
        return len(exits.get(root, ())) if root is not None else 0

    def occupancy(self, room: Room, densities: dict[str, float]) -> tuple[float, str] | None:
        """Persons in a room: ``occupants``, else beds (sleeping rooms), else area × density of its use.

        Returns (persons, basis) with basis ``occupants``, ``beds`` or ``density``; None if unknown.
        """
        if room.occupants is not None:
            return float(room.occupants), "occupants"
        if room.is_sleeping and room.beds > 0:
            return float(room.beds), "beds"
        if room.use in densities and self.valid(room.id):
            return self.area(room.id) * densities[room.use], "density"
        return None

    # ---- subjects -------------------------------------------------------------------------------
    def room_subject(self, room_id: str) -> Subject:
        subj = self._room_subjects.get(room_id)
        if subj is None:
            room = self.rooms[room_id]
            label = f"{room.name} ({room.id})" if room.name else room.id
            subj = self._room_subjects[room_id] = self._subject(room_id, "room", name=label)
        return subj

    def door_subject(self, door: Door) -> Subject:
        return self._subject(door.id, "door", id=door.id, between="–".join(door.between))

    def group_subject(self, group: str) -> Subject:
        return Subject(group, {lang: render(messages()["subjects"]["group"][lang],
                                            {"group": name_of("groups", group, lang)}) for lang in LANGS})

    def use_subject(self, use: str) -> Subject:
        return Subject(use, {lang: render(messages()["subjects"]["use"][lang],
                                          {"use": name_of("uses", use, lang)}) for lang in LANGS})

    def fixture_subject(self, fixture: str) -> Subject:
        return Subject(fixture, {lang: render(messages()["subjects"]["fixture"][lang],
                                              {"fixture": name_of("fixtures", fixture, lang)}) for lang in LANGS})

    def pair_subject(self, a: str, b: str) -> Subject:
        return self._subject(f"{a}/{b}", "pair", a=a, b=b)

    def centre_subject(self) -> Subject:
        return self._subject(None, "centre")

    def rooms_subject(self, rooms: list[str]) -> Subject:
        if len(rooms) == 1:
            return self.room_subject(rooms[0])
        first = ", ".join(rooms[:4]) + (", …" if len(rooms) > 4 else "")
        return self._subject(rooms[0], "rooms", count=len(rooms), first=first)

    def _subject(self, key: str | None, template: str, **values: Any) -> Subject:
        t = messages()["subjects"][template]
        return Subject(key, {lang: render(t[lang], values) for lang in LANGS})

    # ---- findings -------------------------------------------------------------------------------
    def _static(self, rule: Rule) -> dict[str, Any]:
        """What every finding of ``rule`` shares, computed once per check."""
        st = self._statics.get(rule.id)
        if st is None:
            st = {"pack": rule.pack, "source": rule.cite(), "url": rule.url, "status": rule.status,
                  "severity": rule.severity, "kind": rule.kind, "title": rule.title.en, "title_fr": rule.title.fr,
                  "lang": {lang: {"title": rule.title.get(lang), "climate": name_of("climates", self.climate, lang),
                                  "phase": name_of("phases", self.phase, lang),
                                  "message": rule.message.get(lang),
                                  "fix": rule.fix.get(lang) if rule.fix else None} for lang in LANGS}}
            self._statics[rule.id] = st
        return st

    def finding(self, rule: Rule, status: str, subject: Subject, *, rooms: list[str] | tuple[str, ...] = (),
                group: str | None = None, measured: str | None = None, required: str | None = None,
                reason: str | None = None, values: dict[str, Any] | None = None,
                unverified: str | None = None) -> Finding:
        """A finding of ``rule`` with its sentences rendered from the rule's and the generic templates.

        ``reason`` names an entry of messages.yaml ``reasons`` (rendered into ``{detail}``);
        ``values`` fill kind-specific placeholders (a value that is a dict {en, fr} is localised);
        ``unverified`` names a parameter whose figure was used and is flagged unverified.
        """
        msgs = messages()
        st = self._static(rule)
        texts: dict[str, str] = {}
        fixes: dict[str, str | None] = {}
        limit = _limit(required)
        rooms_text = ", ".join(rooms)
        for lang in LANGS:
            ls = st["lang"][lang]
            vals: dict[str, Any] = {}
            for k, v in (values or {}).items():
                vals[k] = v.get(lang, v.get("en")) if isinstance(v, dict) else v
            if group:
                vals.setdefault("group", name_of("groups", group, lang))
            subj = subject.texts[lang]
            vals.update(subject=subj, Subject=subj[:1].upper() + subj[1:], name=subj,
                        measured=measured_in(measured, lang) or "—", required=measured_in(required, lang) or "—",
                        title=ls["title"], limit=measured_in(limit, lang), rooms=rooms_text, climate=ls["climate"], phase=ls["phase"])
            detail = render(msgs["reasons"][reason][lang], vals) if reason else ""
            vals["detail"] = detail
            vals["Detail"] = (detail[:1].upper() + detail[1:] + ".") if detail else ""
            if status == "fail":
                text = render(ls["message"], vals)
            elif status == "pass":
                key = "pass" if measured and required else ("pass_detail" if detail else "pass_plain")
                text = render(msgs["outcomes"][key][lang], vals)
            else:
                text = render(msgs["outcomes"][status][lang], vals)
            note = rule.unverified_note(unverified) if unverified else None
            if note is not None:
                text += render(msgs["outcomes"]["unverified"][lang], {"note": note.get(lang)})
            texts[lang] = text.rstrip()
            fixes[lang] = render(ls["fix"], vals) if (ls["fix"] and status == "fail") else None
        # built from typed values by the kinds, so validation is skipped here (it is the hot path of
        # a large check); a Report read back from JSON is validated
        return Finding.model_construct(
            rule=rule.id, pack=st["pack"], status=status, severity=st["severity"], rooms=list(rooms),
            group=group, measured=measured, required=required, source=st["source"],
            message=texts["en"], message_fr=texts["fr"], fix=fixes["en"], fix_fr=fixes["fr"],
            source_status="unverified" if unverified else st["status"], source_url=st["url"],
            subject=subject.key, kind=st["kind"], title=st["title"], title_fr=st["title_fr"],
        )

    def other_end(self, door: Door, room_id: str) -> str:
        return door.other(room_id)

    @staticmethod
    def is_outside(end: str) -> bool:
        return end == OUTSIDE
