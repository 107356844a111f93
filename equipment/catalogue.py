"""The equipment catalogue: items, specifications, UNSPSC codes and reference prices, as data.

The catalogue lives in ``equipment/catalogue/*.yaml`` (one file per procurement lot, plus
``lots.yaml`` and ``sources.yaml``). Every file is validated with pydantic (``extra="forbid"``), so
a misspelt field fails at load time with a :class:`~planner.errors.CatalogueError` naming the file
and the item. Figures come from ``reference/equipment.md``; each item carries the source and status
(verified / secondary / unverified / design_choice / gap) of its sizing rule.

UNSPSC codes are those of UNSPSC v7.0901 (2005, reference S30): check them against the current
UNGM/UNSPSC release before printing a tender (reference §2).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from centreplan.planner.errors import CatalogueError
from centreplan.planner.model import error_place
from centreplan.planner.vocabulary import SafeLoader

CATALOGUE_DIR = Path(__file__).parent / "catalogue"
UNSPSC_CAVEAT = (
    "UNSPSC codes are from UNSPSC v7.0901 (2005, openacs/ref-unspsc); check each code against the "
    "current UNGM/UNSPSC release before printing a tender."
)
# 1 EUR = 655.957 XOF: fixed legal parity (reference equipment.md §0 and §9).
EUR_XOF = 655.957
CURRENCIES = ("EUR", "XOF", "CHF", "USD")

Status = Literal["verified", "secondary", "unverified", "design_choice", "gap"]
STATUS_TEXT = {
    "verified": "verified",
    "secondary": "secondary source",
    "unverified": "unverified",
    "design_choice": "design choice, no source",
    "gap": "gap in the reference",
}
STATUS_TEXT_FR = {
    "verified": "vérifié",
    "secondary": "source secondaire",
    "unverified": "non vérifié",
    "design_choice": "choix de conception, sans source",
    "gap": "lacune de la référence",
}
UNSPSC_CAVEAT_FR = (
    "Les codes UNSPSC sont ceux de UNSPSC v7.0901 (2005, openacs/ref-unspsc) ; vérifier chaque code dans la "
    "version UNGM/UNSPSC en vigueur avant d'imprimer un appel d'offres."
)
ITEM_ID = r"^[A-Z]{3}-\d{2}$"

# Sizing rule ids an item may name; each has a function in equipment.sizing (see size_centre).
RULES = (
    "beds", "surge_places", "infants", "blankets", "linen", "nets", "bathing_soap", "laundry_soap",
    "menstrual", "households", "buckets", "toilets", "septic", "self_catering_households",
    "persons", "infirmary_beds", "infirmaries", "iehk", "jerrycans", "water_storage", "lanterns",
    "luminaires", "fans", "generator", "pv_array", "battery", "inverter", "fuel_tank",
    "extinguishers", "co2_extinguishers", "kitchens", "sleeping_rooms", "first_aid", "dining_seats",
    "ecd_kits", "recreation_kits", "water_points", "gap",
    # protection (issue 18): accessible fittings, night lighting, site perimeter
    "accessible_wc_grab_bars", "accessible_shower_grab_bars", "accessible_shower_seats", "night_paths",
    "night_doors", "fence", "wall", "gates",
)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in English and French."""

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)

    def get(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


class Unspsc(_Strict):
    code: str = Field(pattern=r"^\d{8}$")
    en: str | None = None
    fr: str | None = None  # only where the reference gives the French label


class Spec(_Strict):
    """Specification fields of reference §7 (only those the reference gives for the item)."""

    description: Text
    dimensions: Text | None = None
    material: Text | None = None
    performance: Text | None = None
    packing: Text | None = None
    shelf_life: Text | None = None
    standard: Text | None = None
    buyer_choice: Text | None = None  # where the reference leaves a choice to the buyer
    status: Status = "verified"

    def lines(self, lang: str = "en") -> list[tuple[str, str]]:
        out = []
        for name in SPEC_FIELDS:
            value = getattr(self, name)
            if value is not None:
                out.append((name, value.get(lang)))
        return out

    def text(self, lang: str = "en") -> str:
        return " ".join(v if v.endswith(".") else v + "." for _, v in self.lines(lang))


SPEC_FIELDS = ("description", "dimensions", "material", "performance", "standard", "packing", "shelf_life",
               "buyer_choice")
# Words that mark a specification as unfinished: none may remain in a catalogue specification.
PLACEHOLDERS = ("À préciser", "Print:", "TBD", "to be specified", "à compléter")
# Service lines a tender asks of the supplier for an item (Annex II + III, "where the item calls for them").
SERVICES = ("installation", "warranty", "after_sales", "spare_parts", "training")


class Price(_Strict):
    """A reference price as the source states it (amount, currency, date); never converted here."""

    amount: float = Field(gt=0)
    currency: Literal[CURRENCIES]  # type: ignore[valid-type]
    date: str = Field(min_length=4)
    source: str
    status: Status
    reference: str | None = None
    note: str | None = None
    note_fr: str | None = None  # the note in French (documents in French print it)
    suspect: bool = False  # a value the reference itself doubts: shown, never used for totals


class Item(_Strict):
    id: str = Field(pattern=ITEM_ID)
    name: Text
    unit: str = Field(min_length=1)
    rule: Literal[RULES]  # type: ignore[valid-type]
    rule_text: Text
    source: str
    source_fr: str | None = None  # the source in French where it holds prose (documents in French print it)
    status: Status
    unspsc: list[Unspsc] = Field(default_factory=list)
    spec: Spec
    price: Price | None = None
    kind: Literal["supply", "works"] = "supply"  # works (built items) are listed apart from the supply lots
    installed: bool = False  # fixed at a centre: one line per centre, never summed across sites
    consumable: bool = False  # replenished every supply period (monthly running cost)
    services: list[Literal[SERVICES]] = Field(default_factory=list)  # type: ignore[valid-type]
    lot: str = ""  # filled from the file

    @field_validator("source_fr")
    @classmethod
    def _same_citations(cls, v: str | None, info: Any) -> str | None:
        """A French source cites the same documents as the source: its citation ids are kept unchanged."""
        if v is None:
            return v
        if not v.strip():
            raise ValueError("source_fr is empty: leave it out to print the source as it is")
        pattern = citation_ids()
        ids, ids_fr = pattern.findall(info.data.get("source") or ""), pattern.findall(v)
        if sorted(set(ids)) != sorted(set(ids_fr)):
            raise ValueError(f"source_fr cites {', '.join(sorted(set(ids_fr))) or 'nothing'} but source cites "
                             f"{', '.join(sorted(set(ids))) or 'nothing'}: keep the citation ids unchanged")
        return v

    def source_in(self, lang: str = "en") -> str:
        """The source in ``lang``: the French text where there is one, else the source as it is."""
        return (self.source_fr or self.source) if lang == "fr" else self.source

    @property
    def unverified(self) -> bool:
        return self.status in ("unverified", "design_choice", "gap") or self.spec.status == "unverified"


class Lot(_Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    en: str
    fr: str


class _LotsFile(_Strict):
    lots: list[Lot] = Field(min_length=1)


class _ItemsFile(_Strict):
    lot: str
    items: list[dict[str, Any]] = Field(default_factory=list)


class _SourcesFile(_Strict):
    sources: dict[str, str]
    sources_fr: dict[str, str] = Field(default_factory=dict)  # the entries in French, where words are ours

    @field_validator("sources_fr")
    @classmethod
    def _fr_ids(cls, v: dict[str, str], info: Any) -> dict[str, str]:
        unknown = sorted(set(v) - set(info.data.get("sources") or {}))
        if unknown:
            raise ValueError(f"{', '.join(unknown)}: not in 'sources' (a French entry translates a registered one)")
        return v

    @field_validator("sources")
    @classmethod
    def _ids(cls, v: dict[str, str]) -> dict[str, str]:
        for k in v:
            if not re.match(r"^[A-Z0-9]+$", k):
                raise ValueError(f"source id {k!r} must be upper-case letters and digits")
        return v


class Catalogue(_Strict):
    lots: list[Lot]
    items: dict[str, Item]
    sources: dict[str, str]
    sources_fr: dict[str, str] = Field(default_factory=dict)

    def item(self, item_id: str) -> Item:
        try:
            return self.items[item_id]
        except KeyError:
            raise CatalogueError(
                f"unknown item {item_id!r}; known items: {', '.join(sorted(self.items))}") from None

    def lot(self, lot_id: str) -> Lot:
        for lot in self.lots:
            if lot.id == lot_id:
                return lot
        raise CatalogueError(f"unknown lot {lot_id!r}")

    def lot_order(self) -> dict[str, int]:
        return {lot.id: i for i, lot in enumerate(self.lots)}

    def source_title(self, source_id: str, lang: str = "en") -> str:
        """The register entry of ``source_id`` in ``lang`` (the French entry where the register has one)."""
        if lang == "fr" and source_id in self.sources_fr:
            return self.sources_fr[source_id]
        return self.sources[source_id]

    def cite(self, text: str, lang: str = "en") -> str:
        """Expand a leading source id (``S5``) into its register entry, in ``lang``."""
        head = text.split(" ", 1)[0].rstrip(",;")
        if head in self.sources:
            rest = text[len(head):].strip()
            return f"{head} {self.source_title(head, lang)}" + (f" {rest}" if rest else "")
        return text


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except OSError as e:
        raise CatalogueError(f"{path.name}: cannot be read ({e.strerror})") from None
    except yaml.YAMLError as e:
        raise CatalogueError(f"{path.name}: not valid YAML ({e})") from None


SOURCES_FILE = CATALOGUE_DIR / "sources.yaml"


def register_ids(path: Path = SOURCES_FILE) -> tuple[str, ...]:
    """The citation ids of the source register (``sources.yaml``: S5, UN1, SPHAPP, APPROPEDIA …)."""
    data = _read_yaml(path)
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(sources, dict):
        raise CatalogueError(f"{path.name}: no 'sources:' register")
    return tuple(str(k) for k in sources)


def citation_pattern(ids: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern finding the citation ``ids`` as whole words (``S5`` alone, not inside ``ISO-S5``)."""
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


@lru_cache(maxsize=1)
def citation_ids() -> re.Pattern[str]:
    """The citation ids of the source register, kept unchanged in a French source (the register is
    read when first needed, not when the module is imported)."""
    return citation_pattern(register_ids())


def __getattr__(name: str) -> Any:
    if name == "CITATION_IDS":  # the pattern of citation_ids(), under the name it has always had
        return citation_ids()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _errors(e: ValidationError) -> str:
    parts = []
    for err in e.errors(include_url=False):
        place = error_place(tuple(err["loc"]))
        msg = "unknown field (check the spelling)" if err["type"] == "extra_forbidden" else err["msg"]
        parts.append(f"{place}: {msg}" if place else msg)
    return "; ".join(parts)


def load_catalogue(directory: str | Path | None = None) -> Catalogue:
    """Read and validate every catalogue file in ``directory`` (default: the bundled catalogue)."""
    d = Path(directory) if directory is not None else CATALOGUE_DIR
    if directory is None:
        return _bundled()
    return _load(d)


@lru_cache(maxsize=1)
def _bundled() -> Catalogue:
    return _load(CATALOGUE_DIR)


def _load(d: Path) -> Catalogue:
    if not d.is_dir():
        raise CatalogueError(f"catalogue directory {str(d)!r} does not exist")
    try:
        lots = _LotsFile.model_validate(_read_yaml(d / "lots.yaml")).lots
    except ValidationError as e:
        raise CatalogueError(f"lots.yaml: {_errors(e)}") from None
    try:
        register = _SourcesFile.model_validate(_read_yaml(d / "sources.yaml"))
        sources, sources_fr = register.sources, register.sources_fr
    except ValidationError as e:
        raise CatalogueError(f"sources.yaml: {_errors(e)}") from None
    lot_ids = [lot.id for lot in lots]
    items: dict[str, Item] = {}
    where: dict[str, str] = {}
    for path in sorted(d.glob("*.yaml")):
        if path.name in ("lots.yaml", "sources.yaml"):
            continue
        data = _read_yaml(path)
        try:
            f = _ItemsFile.model_validate(data)
        except ValidationError as e:
            raise CatalogueError(f"{path.name}: {_errors(e)}") from None
        if f.lot not in lot_ids:
            raise CatalogueError(f"{path.name}: lot {f.lot!r} is not in lots.yaml ({', '.join(lot_ids)})")
        for i, raw in enumerate(f.items):
            label = raw.get("id", f"items[{i}]") if isinstance(raw, dict) else f"items[{i}]"
            try:
                item = Item.model_validate({**raw, "lot": f.lot})
            except ValidationError as e:
                raise CatalogueError(f"{path.name}: item {label}: {_errors(e)}") from None
            if item.id in items:
                raise CatalogueError(
                    f"{path.name}: item {item.id}: duplicate id (also in {where[item.id]})")
            items[item.id] = item
            where[item.id] = path.name
    if not items:
        raise CatalogueError(f"catalogue directory {str(d)!r} holds no items")
    return Catalogue(lots=lots, items=items, sources=sources, sources_fr=sources_fr)
