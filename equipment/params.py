"""Sizing parameters: every default visible, with its unit, source and status, and overridable.

Defaults live in ``equipment/parameters.yaml`` (value, unit, source id, status, EN/FR label). A
user sets any of them in a parameters file (``centreplan equip --params FILE``) or on the command
line; a value may carry a unit (``"3 month"``, ``"45 degC"``, ``"75 %"``), which is converted with
the one pint registry, and a value of the wrong dimension is refused naming the parameter
(``supply_months: '3 kg' is not a quantity in month``).

Per-centre inputs that a layout does not hold (ages, surge places, outpatients…) and item
quantity overrides go under ``centres: {<centre name>: {...}}`` or ``overrides: {ITEM: qty}``.

Parameters file example::

    supply_months: 6
    site_temperature: 48 degC
    fx: {CHF: {eur_per_unit: 1.06, date: 2026-11-20, source: ECB reference rate}}
    overrides: {TAR-01: 10}
    centres:
      Centre A: {children_0_6: 10, children_7_18: 20, women_15_49: 30}
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache, partial
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeInt,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)

from centreplan.planner.errors import CatalogueError
from centreplan.planner.model import USES, error_place
from centreplan.planner.units import quantity

PARAMETERS_FILE = Path(__file__).parent / "parameters.yaml"

# Parameters that may be zero (all others must be > 0); temperatures may be any value.
ZERO_ALLOWED = {
    "k_spare", "cleaning_buckets_per_sanitary_room", "water_staff", "water_inpatient",
    "water_outpatient", "lanterns_per_sleeping_room", "fans_per_room", "fan_power", "fan_hours",
    "fridge_power", "fridge_hours", "it_power_per_office", "it_hours", "pump_power", "pump_hours",
    "lighting_hours", "site_altitude", "first_aid_kits_per_level", "minimum_extinguishers",
    "energy_contingency", "derating_per_5K", "derating_per_500m", "derating_altitude",
    "fuel_autonomy", "sludge_rate", "desludging_interval", "water_autonomy", "battery_autonomy",
    "generator_spare_sets", "generator_energy_share", "seats_per_accessible_shower",
}
ANY_SIGN = {"site_temperature", "derating_temperature"}
# Parameters that are fractions (≤ 1).
FRACTIONS = {
    "female_toilet_share", "accessible_toilet_share", "septic_sewer_fraction", "utilisation_factor",
    "maintenance_factor", "lighting_diversity", "power_factor", "derating_per_5K",
    "derating_per_500m", "target_load", "minimum_load", "pv_system_factor", "battery_dod",
    "inverter_efficiency", "cable_efficiency", "inverter_power_factor", "tank_usable_fraction",
    "generator_energy_share",
}
WHOLE = {"sittings", "minimum_extinguishers", "first_aid_kits_per_level", "generator_spare_sets"}


class ParameterInfo(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float
    unit: str
    source: str
    status: Literal["verified", "secondary", "unverified", "design_choice", "gap"]
    en: str
    fr: str


class RangeInfo(BaseModel):
    """Standard sizes a capacity is bought in (``ranges:`` of parameters.yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    values: list[float] = Field(min_length=1)
    unit: str
    source: str
    status: Literal["verified", "secondary", "unverified", "design_choice", "gap"]
    en: str
    fr: str


@lru_cache(maxsize=1)
def range_info() -> dict[str, RangeInfo]:
    """The standard-size register: name → sizes, unit, source, status, labels."""
    data = yaml.safe_load(PARAMETERS_FILE.read_text(encoding="utf-8"))
    try:
        return {k: RangeInfo.model_validate(v) for k, v in data.get("ranges", {}).items()}
    except ValidationError as e:
        raise CatalogueError(f"parameters.yaml: ranges: {e}") from None


@lru_cache(maxsize=1)
def parameter_info() -> dict[str, ParameterInfo]:
    """The parameter register: name → default value, unit, source, status, labels."""
    data = yaml.safe_load(PARAMETERS_FILE.read_text(encoding="utf-8"))
    try:
        return {k: ParameterInfo.model_validate(v) for k, v in data["parameters"].items()}
    except ValidationError as e:
        raise CatalogueError(f"parameters.yaml: {e}") from None


def _convert(name: str, unit: str, value: Any) -> float:
    q = quantity(value, unit, name)
    v = float(q.magnitude)
    shown = f"{v:g} {unit}".strip()
    if name not in ANY_SIGN:
        if name in ZERO_ALLOWED and v < 0:
            raise ValueError(f"must not be negative, got {shown}")
        if name not in ZERO_ALLOWED and v <= 0:
            raise ValueError(f"must be greater than 0, got {shown}")
    if name in FRACTIONS and v > 1:
        raise ValueError(f"is a fraction and must be at most 1 (100 %), got {v:g}")
    if name in WHOLE and v != int(v):
        raise ValueError(f"must be a whole number, got {v:g}")
    return v


class FxRate(BaseModel):
    """A dated exchange rate set by the user: 1 unit of the currency = ``eur_per_unit`` EUR."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    eur_per_unit: float = Field(gt=0)
    date: dt.date
    source: str | None = None


class UnitPrice(BaseModel):
    """A unit price set by the user for an item: amount in a currency, dated, with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    amount: float = Field(gt=0)
    currency: Literal["EUR", "XOF", "CHF", "USD"] = "EUR"
    date: dt.date
    source: str = "set by the user"


class Inflation(BaseModel):
    """Raise prices older than the old-price limit by a stated annual index (compound)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    annual_rate: float = Field(ge=0, le=1)
    index: str = Field(min_length=1, description="the index the rate comes from, printed on every raised line")


class CentreInputs(BaseModel):
    """Inputs about one centre that its layout does not hold. ``None`` means "not given"."""

    model_config = ConfigDict(extra="forbid")

    delivery_place: str | None = None

    women_15_49: NonNegativeInt | None = None
    children_0_6: NonNegativeInt | None = None
    children_7_18: NonNegativeInt | None = None
    infants_0_2: NonNegativeInt | None = None
    surge_places: NonNegativeInt = 0
    outpatients_per_day: NonNegativeInt = 0
    self_catering: bool = False
    self_collect_water: bool = False
    own_primary_care: bool | None = None
    hazard: Literal["low", "high"] = "low"
    overrides: dict[str, float] = Field(default_factory=dict)


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    beds_basis: Literal["capacity", "layout"] = Field(
        "capacity", description="B = N (capacity, reference §2) or the beds drawn in sleeping rooms")
    net_rule: Literal["per_sleeping_place", "family_rooms_half", "who_procurement"] = Field(
        "per_sleeping_place",
        description="LLIN rule: 1 per sleeping place; family rooms ceil(persons/2); WHO ceil(N/1.8)")
    power_supply: Literal["both", "generator", "pv"] = "both"
    lux_by_use: dict[str, float] = Field(default_factory=dict)
    fx: dict[Literal["CHF", "USD"], FxRate] = Field(default_factory=dict)
    overrides: dict[str, float] = Field(default_factory=dict)
    centres: dict[str, CentreInputs] = Field(default_factory=dict)
    prices: dict[str, UnitPrice] = Field(default_factory=dict)
    ranges: dict[str, list[float]] = Field(default_factory=dict)
    inflation: Inflation | None = None
    as_of: dt.date = Field(default_factory=dt.date.today, description="date prices are aged against")
    diesel_price: UnitPrice | None = None  # per litre
    water_price: UnitPrice | None = None  # per m³
    construction_rate: dict[str, float] = Field(default_factory=dict)  # XOF/m², by room use or "default"
    tender_reference: str | None = None

    @field_validator("ranges")
    @classmethod
    def _ranges(cls, v: dict[str, list[float]]) -> dict[str, list[float]]:
        known = range_info()
        for name, sizes in v.items():
            if name not in known:
                raise ValueError(f"ranges: unknown range {name!r}; known: {', '.join(known)}")
            if not sizes or any(s <= 0 for s in sizes):
                raise ValueError(f"ranges.{name}: give one or more sizes greater than 0")
        return {k: sorted(float(x) for x in s) for k, s in v.items()}

    @field_validator("construction_rate")
    @classmethod
    def _construction(cls, v: dict[str, float]) -> dict[str, float]:
        for use, rate in v.items():
            if use != "default" and use not in USES:
                raise ValueError(f"construction_rate: unknown room use {use!r}; choose default or one of: "
                                 f"{', '.join(USES)}")
            if rate < 0:
                raise ValueError(f"construction_rate.{use}: must not be negative")
        return v

    def sizes(self, name: str) -> list[float]:
        """The standard sizes of ``name`` (user's, else the parameters file's)."""
        return self.ranges.get(name) or list(range_info()[name].values)

    @field_validator("lux_by_use")
    @classmethod
    def _lux(cls, v: dict[str, Any]) -> dict[str, float]:
        out = {}
        for use, lux in v.items():
            if use not in USES:
                raise ValueError(f"unknown room use {use!r}; choose one of: {', '.join(USES)}")
            val = float(quantity(lux, "lux", f"lux_by_use.{use}").magnitude)
            if val <= 0:
                raise ValueError(f"lux_by_use.{use}: must be greater than 0 lx")
            out[use] = val
        return out

    @model_validator(mode="after")
    def _overrides(self) -> _Options:
        from centreplan.equipment.catalogue import load_catalogue

        known = load_catalogue().items
        from centreplan.equipment.pricing import split_price_key

        for key in self.prices:
            try:
                item_id, _size = split_price_key(key)
            except ValueError as e:
                raise ValueError(f"prices: {key!r}: {e}") from None
            if item_id not in known:
                raise ValueError(f"prices: unknown item {item_id!r}; known items: {', '.join(sorted(known))}")
        places = [("overrides", self.overrides)] + [
            (f"centres.{name}.overrides", c.overrides) for name, c in self.centres.items()]
        for place, ov in places:
            for item_id, qty in ov.items():
                if item_id not in known:
                    raise ValueError(
                        f"{place}: unknown item {item_id!r}; known items: {', '.join(sorted(known))}")
                if qty < 0:
                    raise ValueError(f"{place}.{item_id}: quantity must not be negative, got {qty:g}")
        return self


def _fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, info in parameter_info().items():
        typ = Annotated[float, BeforeValidator(partial(_convert, name, info.unit))]
        fields[name] = (typ, Field(info.value, description=f"{info.en} [{info.unit or '1'}]"))
    return fields


SizingParams = create_model(
    "SizingParams",
    __base__=_Options,
    __doc__="Every sizing parameter with its default (see parameters.yaml for units and sources).",
    **_fields(),
)


def _problems(e: ValidationError) -> str:
    out = []
    for err in e.errors(include_url=False):
        place = error_place(tuple(err["loc"]))
        msg = str(err["msg"])
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if err["type"] == "extra_forbidden":
            msg = "unknown parameter (check the spelling; `centreplan equip --list-params` shows them)"
        named = ("overrides", "centres.", "lux_by_use", "prices", "ranges", "construction_rate")
        if msg.startswith(place + ":") or (": " in msg and msg.split(": ", 1)[0].startswith(named)):
            out.append(msg)
        else:
            out.append(f"{place}: {msg}" if place else msg)
    return "; ".join(out)


def make_params(data: dict[str, Any] | None = None, source: str = "parameters") -> Any:
    """A validated :data:`SizingParams` from plain data; errors name the parameter."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise CatalogueError(f"{source}: expected a mapping of parameter names to values")
    try:
        return SizingParams.model_validate(data)
    except ValidationError as e:
        raise CatalogueError(f"{source}: {_problems(e)}") from None


def load_params(path: str | Path) -> Any:
    """Read a parameters YAML/JSON file (safe loader)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise CatalogueError(f"{path}: cannot be read ({e.strerror})") from None
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as e:
        raise CatalogueError(f"{path}: not valid YAML ({e})") from None
    return make_params(data or {}, str(path))


def used_parameters(params: Any) -> list[dict[str, Any]]:
    """Every numeric parameter with its value, default, unit, source and status (for outputs)."""
    out = []
    for name, info in parameter_info().items():
        value = getattr(params, name)
        out.append({
            "name": name, "value": value, "default": info.value, "unit": info.unit,
            "source": info.source, "status": info.status, "changed": value != info.value,
            "en": info.en, "fr": info.fr,
        })
    return out
