"""What changed between two layouts: rooms, doors, population, findings and equipment.

:func:`diff` compares two :class:`~planner.model.Centre` values (two revisions of a centre, or two
centres) field by field, re-checks both against the same rule packs and sizes both with the same
equipment parameters, and returns a :class:`LayoutDiff` of plain values; :func:`render` writes it in
English or French. Room outlines are compared as outlines (changed or not) and reported with their
areas before and after, since a list of coordinates says nothing to a reader.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from centreplan.layouts.io import to_data
from centreplan.planner.model import Centre

# room and door fields compared one by one, in the order a reader expects them
_ROOM_FIELDS = ("name", "use", "group", "level", "beds", "occupants", "households", "seats", "height",
                "lockable", "fixtures", "windows", "notes")


@dataclass(frozen=True)
class Change:
    """One field that differs: ``field`` went from ``old`` to ``new`` (None: absent)."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ItemChanges:
    """A room or door present on both sides with the fields that differ."""

    id: str
    name: str
    changes: list[Change]


@dataclass(frozen=True)
class FindingRef:
    """A failing finding, identified by its rule and subject."""

    rule: str
    severity: str
    rooms: list[str]
    group: str | None
    message: str
    message_fr: str


@dataclass(frozen=True)
class EquipmentChange:
    """An item whose quantity or cost differs (quantities in the item's unit, totals in EUR)."""

    id: str
    name: str
    name_fr: str
    unit: str
    old_quantity: float
    new_quantity: float
    old_total_eur: float | None
    new_total_eur: float | None


@dataclass
class LayoutDiff:
    """Everything that differs from ``old`` to ``new``."""

    old_label: str
    new_label: str
    centre: list[Change] = field(default_factory=list)
    population: list[Change] = field(default_factory=list)
    rooms_added: list[ItemChanges] = field(default_factory=list)
    rooms_removed: list[ItemChanges] = field(default_factory=list)
    rooms_changed: list[ItemChanges] = field(default_factory=list)
    doors_added: list[ItemChanges] = field(default_factory=list)
    doors_removed: list[ItemChanges] = field(default_factory=list)
    doors_changed: list[ItemChanges] = field(default_factory=list)
    findings_fixed: list[FindingRef] = field(default_factory=list)
    findings_new: list[FindingRef] = field(default_factory=list)
    findings_open: list[FindingRef] = field(default_factory=list)
    equipment: list[EquipmentChange] = field(default_factory=list)
    equipment_total_eur: tuple[float | None, float | None] = (None, None)

    @property
    def layout_changed(self) -> bool:
        return any((self.centre, self.population, self.rooms_added, self.rooms_removed, self.rooms_changed,
                    self.doors_added, self.doors_removed, self.doors_changed))

    @property
    def changed_rooms(self) -> set[str]:
        """Ids of the rooms added or changed on the new side (to mark them on a plan)."""
        return {r.id for r in self.rooms_added} | {r.id for r in self.rooms_changed}

    def to_data(self) -> dict[str, Any]:
        return asdict(self)


def _by_id(items: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(d["id"]): d for d in items}


def _area(polygon: list[list[float]]) -> float:
    from shapely.geometry import Polygon

    return round(float(Polygon(polygon).area), 2) if len(polygon) >= 3 else 0.0


def _room_changes(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    out = [Change(f, a.get(f), b.get(f)) for f in _ROOM_FIELDS if a.get(f) != b.get(f)]
    if a.get("polygon") != b.get("polygon"):
        out.insert(0, Change("area_m2", _area(a["polygon"]), _area(b["polygon"])))
    return out


def _door_changes(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    return [Change(f, a.get(f), b.get(f)) for f in ("between", "width", "at", "notes") if a.get(f) != b.get(f)]


def _items(old: list[dict[str, Any]], new: list[dict[str, Any]], changes: Any,
           ) -> tuple[list[ItemChanges], list[ItemChanges], list[ItemChanges]]:
    a, b = _by_id(old), _by_id(new)
    label = lambda d: str(d.get("name") or (" / ".join(d["between"]) if "between" in d else ""))  # noqa: E731
    added = [ItemChanges(i, label(b[i]), []) for i in b if i not in a]
    removed = [ItemChanges(i, label(a[i]), []) for i in a if i not in b]
    changed = []
    for i in a:
        if i in b:
            ch = changes(a[i], b[i])
            if ch:
                changed.append(ItemChanges(i, label(b[i]), ch))
    return added, removed, changed


def _fails(centre: Centre, packs: list[str] | None) -> dict[tuple[Any, ...], FindingRef]:
    from centreplan.standards import check

    out = {}
    for f in check(centre, packs).findings:
        if f.status == "fail":
            key = (f.rule, tuple(f.rooms), f.group, f.subject)
            out[key] = FindingRef(f.rule, f.severity, list(f.rooms), f.group, f.message, f.message_fr)
    return out


def _equipment(centre: Centre, params: Any) -> tuple[dict[str, dict[str, Any]], float | None]:
    from centreplan.equipment.procurement import procurement_list

    data = procurement_list([centre], params).to_json_data()
    items = {str(i["id"]): i for i in data.get("items", [])}
    total = data.get("totals", {}).get("eur")
    return items, (float(total) if total is not None else None)


def diff(old: Centre, new: Centre, *, old_label: str = "A", new_label: str = "B",
         packs: list[str] | None = None, equipment: bool = True, params: Any = None) -> LayoutDiff:
    """Compare two layouts; findings use ``packs`` (default packs) and equipment ``params`` (defaults)."""
    a, b = to_data(old), to_data(new)
    d = LayoutDiff(old_label, new_label)
    ca, cb = a.get("centre", {}), b.get("centre", {})
    d.centre = [Change(k, ca.get(k), cb.get(k)) for k in sorted(set(ca) | set(cb)) if ca.get(k) != cb.get(k)]
    pa, pb = old.population.model_dump(), new.population.model_dump()
    d.population = [Change(k, pa.get(k), pb.get(k)) for k in pa if pa.get(k) != pb.get(k)]
    d.rooms_added, d.rooms_removed, d.rooms_changed = _items(a.get("rooms", []), b.get("rooms", []), _room_changes)
    d.doors_added, d.doors_removed, d.doors_changed = _items(a.get("doors", []), b.get("doors", []), _door_changes)

    fa, fb = _fails(old, packs), _fails(new, packs)
    d.findings_fixed = [fa[k] for k in fa if k not in fb]
    d.findings_new = [fb[k] for k in fb if k not in fa]
    d.findings_open = [fb[k] for k in fb if k in fa]

    if equipment:
        ea, ta = _equipment(old, params)
        eb, tb = _equipment(new, params)
        for i in list(ea) + [i for i in eb if i not in ea]:
            x, y = ea.get(i, {}), eb.get(i, {})
            qa, qb = float(x.get("quantity", 0) or 0), float(y.get("quantity", 0) or 0)
            sa_, sb_ = x.get("total_eur"), y.get("total_eur")
            if qa != qb or sa_ != sb_:
                ref = y or x
                names = ref.get("name", {})
                d.equipment.append(EquipmentChange(
                    i, str(names.get("en", ref.get("name_en", i))), str(names.get("fr", ref.get("name_fr", i))),
                    str(ref.get("unit", "")), qa, qb, sa_, sb_))
        d.equipment_total_eur = (ta, tb)
    return d


# ---- text ---------------------------------------------------------------------------------------

_WORDS = {
    "en": {"title": "Differences from {a} to {b}", "same": "The layouts are identical.",
           "centre": "Centre", "population": "Population", "rooms": "Rooms", "doors": "Doors",
           "added": "added", "removed": "removed", "changed": "changed", "findings": "Findings",
           "fixed": "fixed", "new": "new", "open": "still open", "equipment": "Equipment",
           "total": "Total (EUR)", "none": "none", "unpriced": "not priced",
           "no_equipment_change": "no quantity or cost change"},
    "fr": {"title": "Différences de {a} à {b}", "same": "Les plans sont identiques.",
           "centre": "Centre", "population": "Population", "rooms": "Pièces", "doors": "Portes",
           "added": "ajoutée", "removed": "supprimée", "changed": "modifiée",
           "findings": "Constats", "fixed": "corrigé|corrigés", "new": "nouveau|nouveaux",
           "open": "toujours ouvert|toujours ouverts",
           "equipment": "Équipement", "total": "Total (EUR)", "none": "aucun", "unpriced": "non chiffré",
           "no_equipment_change": "aucune quantité ni aucun coût modifié"},
}


# room, door and centre field names as a reader says them (population fields come from the vocabulary)
_FIELDS = {
    "en": {"area_m2": "area (m²)", "between": "between", "at": "position"},
    "fr": {"area_m2": "surface (m²)", "name": "nom", "use": "usage", "group": "groupe", "level": "niveau",
           "beds": "lits", "occupants": "occupants", "seats": "places assises", "height": "hauteur (m)",
           "lockable": "verrouillable", "fixtures": "équipements sanitaires", "windows": "fenêtres",
           "notes": "notes", "between": "entre", "width": "largeur (m)", "at": "position",
           "climate": "climat", "phase": "phase", "confidential": "confidentiel", "levels": "niveaux",
           "location": "lieu"},
}
_YES_NO = {"en": {True: "yes", False: "no"}, "fr": {True: "oui", False: "non"}}


def _field(name: str, lang: str) -> str:
    from centreplan.planner.vocabulary import codes
    from centreplan.planner.vocabulary import name as vocab_name

    if name in codes("population"):
        return vocab_name("population", name, lang)
    return _FIELDS["fr" if lang == "fr" else "en"].get(name, name.replace("_", " "))


def _value_of(name: str, value: Any, lang: str) -> str:
    from centreplan.planner.vocabulary import label

    if name == "use" and isinstance(value, str):
        return label("uses", value, lang)
    if name == "group" and isinstance(value, str):
        return label("groups", value, lang)
    return _val(value, lang)


def _colon(lang: str) -> str:
    return "\u202f:" if lang == "fr" else ":"


def _val(value: Any, lang: str) -> str:
    from centreplan.planner.numbers import number

    if isinstance(value, bool):
        return _YES_NO["fr" if lang == "fr" else "en"][value]
    if isinstance(value, (int, float)):
        return number(float(value), lang, 0 if float(value).is_integer() else 2)
    return "—" if value is None else str(value)


def _unit(unit: str, amount: float, lang: str) -> str:
    from centreplan.planner.numbers import unit_text

    return unit_text(unit, amount, lang)


# Complexity: one branch per kind of change, in the order a reader sees them.
def render(d: LayoutDiff, lang: str = "en") -> str:  # noqa: C901 (see the note above)
    """The difference as text for a terminal or a text area, in ``lang`` (``en`` or ``fr``)."""
    from centreplan.planner.vocabulary import name as vocab_name

    w = _WORDS["fr" if lang == "fr" else "en"]
    lines = [w["title"].format(a=d.old_label, b=d.new_label)]
    if not d.layout_changed:
        lines.append(w["same"])

    def changes(title: str, items: list[Change]) -> None:
        if items:
            lines.append(f"\n{title}{_colon(lang)}")
            lines.extend(f"  {_field(c.field, lang)}{_colon(lang)} {_value_of(c.field, c.old, lang)} → "
                         f"{_value_of(c.field, c.new, lang)}" for c in items)

    changes(w["centre"], d.centre)
    changes(w["population"], d.population)
    for title, added, removed, changed in ((w["rooms"], d.rooms_added, d.rooms_removed, d.rooms_changed),
                                           (w["doors"], d.doors_added, d.doors_removed, d.doors_changed)):
        if added or removed or changed:
            lines.append(f"\n{title}{_colon(lang)}")
            for it in added:
                lines.append(f"  + {it.id} {it.name}  ({w['added']})")
            for it in removed:
                lines.append(f"  - {it.id} {it.name}  ({w['removed']})")
            for it in changed:
                parts = "; ".join(f"{_field(c.field, lang)} {_value_of(c.field, c.old, lang)} → "
                                  f"{_value_of(c.field, c.new, lang)}" for c in it.changes)
                lines.append(f"  ~ {it.id} {it.name}{_colon(lang)} {parts}")
    def count(n: int, word: str) -> str:
        one, _, many = word.partition("|")
        return f"{n} {one if n <= 1 or not many else many}"

    lines.append(f"\n{w['findings']}{_colon(lang)} {count(len(d.findings_fixed), w['fixed'])}, "
                 f"{count(len(d.findings_new), w['new'])}, {count(len(d.findings_open), w['open'])}")
    for sign, items in (("✓", d.findings_fixed), ("✗", d.findings_new)):
        for f in items:
            msg = f.message_fr if lang == "fr" else f.message
            severity = vocab_name("severities", f.severity, lang)
            lines.append(f"  {sign} {f.rule} [{severity}] {msg}")
    if d.equipment or d.equipment_total_eur != (None, None):
        lines.append(f"\n{w['equipment']}{_colon(lang)}")
        if not d.equipment:
            lines.append(f"  {w['no_equipment_change']}")
        for e in d.equipment:
            name = e.name_fr if lang == "fr" else e.name
            cost = ""
            if e.old_total_eur is not None or e.new_total_eur is not None:
                cost = f"; EUR {_val(e.old_total_eur, lang)} → {_val(e.new_total_eur, lang)}"
            lines.append(f"  {e.id} {name}{_colon(lang)} {_val(e.old_quantity, lang)} → {_val(e.new_quantity, lang)} "
                         f"{_unit(e.unit, e.new_quantity, lang)}{cost}")
        ta, tb = d.equipment_total_eur
        lines.append(f"  {w['total']}{_colon(lang)} {_val(ta, lang)} → {_val(tb, lang)}")
    return "\n".join(lines) + "\n"
