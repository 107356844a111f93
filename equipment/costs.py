"""Running and construction costs per centre: rough figures beside the procurement total.

Monthly running cost: fuel from the generator sizing (daily energy × generator share × specific
consumption × days × diesel price), water (daily demand × days × tariff, when a tariff is known),
and the consumables of the list (soap, menstrual kits, hygiene parcels, health kits) replenished
every supply period. Construction: floor area by room use × a cost per m². Every rate carries its
date, source and status (``equipment/costs.yaml``, overridable in the parameters). Pure functions.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from pydantic import BaseModel, ConfigDict

from centreplan.equipment.pricing import Rate, costs, to_eur, xof_per_eur
from centreplan.equipment.sizing import num
from centreplan.planner.vocabulary import label


class CostRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    en: str
    fr: str
    quantity: float | None
    unit: str
    rate: float | None  # per unit, in rate_currency
    rate_currency: str
    rate_date: str | None
    source: str
    status: str
    basis: str
    basis_fr: str
    source_fr: str | None = None  # the source in French where it is a sentence rather than a citation
    eur: float | None
    xof: float | None


class CentreCosts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    running: list[CostRow]
    running_eur: float
    running_xof: float
    construction: list[CostRow]
    construction_eur: float
    construction_xof: float
    floor_area_m2: float


def _money(amount: float, currency: str, params: Any) -> tuple[float, float]:
    eur, _fx = to_eur(amount, currency, params)
    return round(eur, 2), float(round(eur * xof_per_eur()))


def _user_rate(price: Any, unit: str) -> Rate | None:
    if price is None:
        return None
    return Rate(amount=price.amount, currency=price.currency, unit=unit, date=price.date.isoformat(),
                source=price.source, status="user_set")


def running_costs(name: str, sizing: Any, lines: list[Any], params: Any) -> list[CostRow]:
    """Monthly running cost rows of one centre (``sizing``: its :class:`CentreSizing`)."""
    data = costs().running
    days = data.days_per_month.value
    rows: list[CostRow] = []
    energy_kwh = sum(ld.energy_wh for ld in sizing.loads) / 1000
    diesel = _user_rate(params.diesel_price, "L") or data.diesel
    if sizing.generator is not None and energy_kwh > 0:
        litres = round(energy_kwh * params.generator_energy_share * params.fuel_consumption * days, 1)
        eur, xof = _money(litres * (diesel.amount or 0), diesel.currency, params)
        rows.append(CostRow(
            key="fuel", en="Diesel for the generator", fr="Gasoil du groupe électrogène", quantity=litres,
            unit="L", rate=diesel.amount, rate_currency=diesel.currency, rate_date=diesel.date, source=diesel.source,
            status=diesel.status,
            basis=(f"{num(energy_kwh)} kWh/day × {num(params.generator_energy_share)} generator share × "
                   f"{num(params.fuel_consumption)} L/kWh × {num(days)} days"),
            basis_fr=(f"{num(energy_kwh, 'fr')} kWh/jour × {num(params.generator_energy_share, 'fr')} part du groupe × "
                      f"{num(params.fuel_consumption, 'fr')} L/kWh × {num(days, 'fr')} jours"),
            eur=eur, xof=xof))
    water = _user_rate(params.water_price, "m³") or data.water
    m3 = round(sizing.water.total.magnitude * days / 1000, 2)
    water_eur: float | None = None
    water_xof: float | None = None
    if water.amount is not None:
        water_eur, water_xof = _money(m3 * water.amount, water.currency, params)
    rows.append(CostRow(
        key="water", en="Water", fr="Eau", quantity=m3, unit="m³", rate=water.amount, rate_currency=water.currency,
        rate_date=water.date, source=water.source, source_fr=water.source_fr, status=water.status,
        basis=f"{num(sizing.water.total.magnitude)} L/day × {num(days)} days",
        basis_fr=f"{num(sizing.water.total.magnitude, 'fr')} L/jour × {num(days, 'fr')} jours", eur=water_eur,
        xof=water_xof))
    months = params.supply_months
    consumables = [ln for ln in lines if ln.consumable and ln.unit_price_eur is not None and ln.per_centre.get(name)]
    unpriced = [ln.id for ln in lines if ln.consumable and ln.unit_price_eur is None and ln.per_centre.get(name)]
    total = round(sum(ln.per_centre[name] * ln.unit_price_eur for ln in consumables) / months, 2)
    ids = ", ".join(ln.id for ln in consumables) or "—"
    rows.append(CostRow(
        key="consumables", en="Consumables and hygiene kits replenished",
        fr="Consommables et kits d'hygiène renouvelés",
        quantity=None, unit="", rate=None, rate_currency="EUR", rate_date=None,
        source="the priced consumable lines of this list",
        source_fr="les lignes de consommables chiffrées de cette liste",
        status="secondary" if consumables else "gap",
        basis=(f"priced consumables ({ids}) of {num(months)} months of supply / {num(months)}"
               + (f"; not priced, not counted: {', '.join(unpriced)}" if unpriced else "")),
        basis_fr=(f"consommables chiffrés ({ids}) pour {num(months, 'fr')} mois d'approvisionnement / "
                  f"{num(months, 'fr')}"
                  + (f" ; sans prix, non comptés : {', '.join(unpriced)}" if unpriced else "")),
        eur=total, xof=float(round(total * xof_per_eur()))))
    return rows


def construction_rate(use: str, params: Any) -> Rate:
    """The cost per m² of floor for a room use: the user's by use, the file's by use, the user's
    default, the file's default (in that order)."""
    data = costs().construction
    if use in params.construction_rate:
        return Rate(amount=params.construction_rate[use], currency="XOF", unit="m²", date=None,
                    source="set by the user", source_fr="fixé par l'utilisateur", status="user_set")
    if use in data.by_use:
        return data.by_use[use]
    if "default" in params.construction_rate:
        return Rate(amount=params.construction_rate["default"], currency="XOF", unit="m²", date=None,
                    source="set by the user", source_fr="fixé par l'utilisateur", status="user_set")
    return data.default


def construction_costs(room_areas: Any, params: Any) -> list[CostRow]:
    """Rough construction cost by room use: floor area (m²) × rate (XOF/m²)."""
    areas: dict[str, float] = defaultdict(float)
    for _id, use, area in room_areas:
        areas[use] += area
    rows = []
    for use, area in sorted(areas.items()):
        rate = construction_rate(use, params)
        eur, xof = _money(area * (rate.amount or 0), rate.currency, params)
        rows.append(CostRow(
            key=use, en=label("uses", use, "en"), fr=label("uses", use, "fr"), quantity=round(area, 2), unit="m²",
            rate=rate.amount, rate_currency=rate.currency, rate_date=rate.date, source=rate.source,
            source_fr=rate.source_fr,
            status=rate.status,
            basis=f"{num(area, digits=1)} m² × {num(rate.amount or 0)} {rate.currency}/m²",
            basis_fr=f"{num(area, 'fr', 1)} m² × {num(rate.amount or 0, 'fr')} {rate.currency}/m²", eur=eur, xof=xof))
    return rows


def centre_costs(name: str, sizing: Any, lines: list[Any], params: Any) -> CentreCosts:
    running = running_costs(name, sizing, lines, params)
    built = construction_costs(sizing.facts.room_areas, params)
    return CentreCosts(
        running=running, running_eur=round(sum(r.eur or 0 for r in running), 2),
        running_xof=float(sum(r.xof or 0 for r in running)),
        construction=built, construction_eur=round(sum(r.eur or 0 for r in built), 2),
        construction_xof=float(sum(r.xof or 0 for r in built)),
        floor_area_m2=round(sum(r.quantity or 0 for r in built), 2))
