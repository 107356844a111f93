"""Prices and exchange rates as dated data: which unit price a line uses, and how it is converted.

Defaults live in ``equipment/costs.yaml`` (the fixed EUR/XOF parity, dated ECB reference rates for
CHF and USD, the old-price limit, running-cost and construction rates), each with its date, source
and status. A user overrides a rate (``fx``), sets a unit price for an item (``prices``), or asks
old prices to be raised by a stated annual index (``inflation``).

A line's price keeps what the source says (amount, currency, date) next to what the list uses
(the EUR amount, the rate and its date, the inflation factor), so a document can print both.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from centreplan.planner.errors import CatalogueError

COSTS_FILE = Path(__file__).parent / "costs.yaml"
Status = Literal["verified", "secondary", "unverified", "design_choice", "gap"]


class _S(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Value(_S):
    value: float
    source: str
    status: Status


class _Fx(_S):
    per_eur: float = Field(gt=0)  # units of the currency per 1 EUR, as the ECB publishes it
    date: str
    source: str
    status: Status


class Rate(_S):
    """A money rate (amount per unit) with its date, source and status; ``amount`` None = not known."""

    amount: float | None
    currency: str
    unit: str = ""
    date: str | None
    source: str
    source_fr: str | None = None  # the source in French where it is a sentence rather than a citation
    status: Literal["verified", "secondary", "unverified", "design_choice", "gap", "user_set"]


class _Running(_S):
    diesel: Rate
    water: Rate
    days_per_month: _Value


class _Construction(_S):
    default: Rate
    by_use: dict[str, Rate] = Field(default_factory=dict)


class Costs(_S):
    xof_per_eur: _Value
    fx: dict[str, _Fx]
    old_price_years: float = Field(gt=0)
    running: _Running
    construction: _Construction


@lru_cache(maxsize=1)
def costs() -> Costs:
    """The money data of ``costs.yaml``, validated."""
    try:
        return Costs.model_validate(yaml.safe_load(COSTS_FILE.read_text(encoding="utf-8")))
    except ValidationError as e:
        raise CatalogueError(f"costs.yaml: {e}") from None


def xof_per_eur() -> float:
    return costs().xof_per_eur.value


@dataclass(frozen=True)
class FxUsed:
    """The rate a conversion used: 1 unit of ``currency`` = ``eur_per_unit`` EUR on ``date``."""

    currency: str
    eur_per_unit: float
    date: str
    source: str
    status: str
    default: bool  # from costs.yaml rather than set by the user


def fx_rates(params: Any) -> dict[str, FxUsed]:
    """The rates in use: the user's (``params.fx``) over the dated defaults of costs.yaml."""
    out = {cur: FxUsed(cur, round(1 / f.per_eur, 6), f.date, f.source, f.status, True)
           for cur, f in costs().fx.items()}
    for cur, r in params.fx.items():
        out[cur] = FxUsed(cur, r.eur_per_unit, r.date.isoformat(), r.source or "set by the user", "user_set", False)
    return out


def to_eur(amount: float, currency: str, params: Any) -> tuple[float, FxUsed | None]:
    """``amount`` of ``currency`` in EUR (not rounded) and the rate used (None for EUR and XOF)."""
    if currency == "EUR":
        return amount, None
    if currency == "XOF":
        return amount / xof_per_eur(), None
    rate = fx_rates(params).get(currency)
    if rate is None:
        raise CatalogueError(f"no exchange rate for {currency}: set fx.{currency} (eur_per_unit and date)")
    return amount * rate.eur_per_unit, rate


def price_date(text: str) -> dt.date | None:
    """The date a price stands for: an ISO date, or 1 July of the latest year named (``"c. 2003-2007"``)."""
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)]
    return dt.date(max(years), 7, 1) if years else None


def age_years(text: str, as_of: dt.date) -> float | None:
    d = price_date(text)
    return None if d is None else max(0.0, (as_of - d).days / 365.25)


@dataclass(frozen=True)
class UnitPriceUsed:
    """The price a line uses: the source's amount, currency and date, and the EUR figure derived."""

    amount: float  # as the source gives it
    currency: str
    date: str
    source: str
    status: str
    reference: str | None
    note: str | None
    user_set: bool
    age_years: float | None
    old: bool
    inflation_factor: float | None  # applied to ``amount`` before conversion
    inflation_index: str | None
    fx: FxUsed | None
    unit_eur: float  # rounded to the cent, as printed


def no_price_fr(item: Any) -> str | None:
    """Why an item has no price, in French (None when it has a usable catalogue price)."""
    pr = item.price
    if pr is not None and pr.suspect:
        amount = f"{pr.amount:.2f}".replace(".", ",")
        why = f" : {pr.note_fr}" if pr.note_fr else " : à vérifier"
        return (f"prix de référence {amount} {pr.currency} ({pr.date}) douteux{why} ; "
                f"saisir un prix unitaire (prices.{item.id})")
    if pr is None:
        return ("pas de prix sourcé : ni la référence ni un catalogue public consulté n'en donnent ; saisir un prix "
                f"unitaire avec sa devise et sa date (prices.{item.id})")
    return None


def price_key(item_id: str, size: float | None = None) -> str:
    """The key of a user's price: ``BED-01``, or ``PWR-01:30`` for one standard size of an item."""
    return item_id if size is None else f"{item_id}:{size:g}"


def split_price_key(key: str) -> tuple[str, float | None]:
    """``("PWR-01", 30.0)`` for ``"PWR-01:30"`` (decimal comma accepted), ``("BED-01", None)`` for an id.

    Raises ``ValueError`` when the size after ``:`` is not a number greater than 0.
    """
    if ":" not in key:
        return key.strip(), None
    item_id, size = key.split(":", 1)
    try:
        value = float(size.strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"size {size.strip()!r} after ':' is not a number") from None
    if not value > 0:
        raise ValueError(f"size {size.strip()!r} after ':' must be greater than 0")
    return item_id.strip(), value


def use_price(item: Any, params: Any, size: float | None = None) -> tuple[UnitPriceUsed | None, str | None]:
    """The unit price of ``item`` (user's price over the catalogue's) and, without one, why not.

    A user's price for the standard size bought (``prices["PWR-01:30"]``) comes before one for the
    item (``prices["PWR-01"]``).
    """
    user = params.prices.get(price_key(item.id, size)) if size is not None else None
    if user is None:
        user = params.prices.get(item.id)
    if user is not None:
        amount, currency, date, source, status = (user.amount, user.currency, user.date.isoformat(), user.source,
                                                  "user_set")
        reference = note = None
    elif item.price is not None and not item.price.suspect:
        pr = item.price
        amount, currency, date, source, status = pr.amount, pr.currency, pr.date, pr.source, pr.status
        reference, note = pr.reference, pr.note
    elif item.price is not None:
        pr = item.price
        return None, (f"reference price {pr.amount:.2f} {pr.currency} ({pr.date}) is doubtful: {pr.note}; "
                      f"enter a unit price (prices.{item.id})")
    else:
        return None, (f"no sourced price: neither the reference nor a public catalogue found gives one; enter a "
                      f"unit price with its currency and date (prices.{item.id})")
    age = age_years(date, params.as_of)
    old = age is not None and age > costs().old_price_years
    factor = index = None
    used = amount
    if old and params.inflation is not None and age is not None:
        factor = round((1 + params.inflation.annual_rate) ** age, 4)
        index = params.inflation.index
        used = amount * factor
    eur, fx = to_eur(used, currency, params)
    return UnitPriceUsed(amount, currency, date, source, status, reference, note, user is not None, age, old,
                         factor, index, fx, round(eur, 2)), None


def rate_text(fx: FxUsed, lang: str = "en") -> str:
    """``1 CHF = 1.087311 EUR (ECB …, 2026-01-27)`` in words for documents."""
    from centreplan.equipment.sizing import num

    value = num(fx.eur_per_unit, lang, 6)
    return f"1 {fx.currency} = {value} EUR ({fx.date}; {fx.source})"
