"""Sizing formulas for equipment, water, sanitation, power and fire safety: pure functions.

Every function takes plain numbers or pint quantities (``planner.units.ureg``, the one registry),
checks the dimension of each quantity (a supply period of ``"3 kg"`` raises
:class:`~planner.errors.UnitError` naming the argument), names its source and the units of its
inputs and result in its docstring, and has visible defaults (the values of
``equipment/parameters.yaml``; :mod:`equipment.params` lets a user change them). Source ids
(``S5``, ``UN1`` …) are those of the register ``equipment/catalogue/sources.yaml`` (from
``reference/equipment.md`` §1 and ``reference/standards.md``).

Functions return a :class:`Sized` (value, unit, basis, source, status) or a small result dataclass;
they never print and never read files. A basis is a template key and its numbers
(:class:`equipment.basis.Basis`), written in each language by one renderer.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import pint

from centreplan.equipment.basis import Basis, basis, num
from centreplan.planner.errors import CatalogueError, UnitError
from centreplan.planner.units import Q_, quantity

Status = Literal["verified", "secondary", "unverified", "design_choice", "gap"]
_WORST = ("verified", "secondary", "unverified", "design_choice", "gap")


def worst(*statuses: str) -> str:
    """The weakest of several statuses (a result is only as strong as its weakest input)."""
    return max(statuses, key=_WORST.index)


@dataclass(frozen=True)
class Sized:
    """A sized quantity with the formula in words and its inputs (``basis``), source and status."""

    value: float
    unit: str
    basis: Basis
    source: str
    status: str
    notes: tuple[Basis, ...] = ()

    @property
    def basis_en(self) -> str:
        return self.basis.en

    @property
    def basis_fr(self) -> str:
        return self.basis.fr


def _default(value: Any, name: str) -> Any:
    """``value``, or the default of parameter ``name`` (each default is stated once, in
    ``equipment/parameters.yaml``; a bare number is read in the parameter's unit)."""
    if value is not None:
        return value
    from centreplan.equipment.params import parameter_info

    return parameter_info()[name].value


def _count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != int(value):
        raise CatalogueError(f"{name}: expected a whole number ≥ 0, got {value!r}")
    return int(value)


def _positive(q: pint.Quantity, name: str) -> pint.Quantity:
    if q.magnitude <= 0:
        raise CatalogueError(f"{name}: must be greater than 0, got {q.magnitude:g} {q.units:~P}".strip())
    return q


def _ceil(x: float) -> int:
    """ceil() that ignores floating-point noise (120/20 → 6, never 7)."""
    return int(math.ceil(round(x, 9)))


# ---- bedding and nets -------------------------------------------------------------------------

def per_place(places: int, per: float = 1.0, *, what: str = "what.bed_drawn", source: str = "",
              status: str = "verified", template: str = "per_place") -> Sized:
    """``ceil(places × per)`` items: one (or ``per``) per bed, resident or room.

    ``what`` is the phrase (a key of ``equipment/bases.yaml``) naming what is counted. Units:
    ``places`` a count; result in pieces. Source: given by the caller (the item's rule).
    """
    n = _count(places, what)
    value = _ceil(n * per)
    return Sized(value, "pc", basis(template, per=per, what=basis(what), n=n), source, status)


def blankets(persons: int, per_person: Any | None = None) -> Sized:
    """Blankets ``N × k_blk`` (pieces).

    Source: reference §2 BLK-01, S5; k_blk = 1 blanket/person is **unverified** as a Sphere number.
    ``per_person`` in 1/person (a bare number is read so).
    """
    per_person = _default(per_person, "blankets_per_person")
    k = quantity(per_person, "1/person", "blankets_per_person")
    n = _count(persons, "persons")
    value = _ceil(n * k.magnitude)
    return Sized(value, "pc", basis("blankets", k=k.magnitude, n=n), "S5", "unverified")


def nets(sleeping_places: int, *, rule: str = "per_sleeping_place", residents: int = 0,
         family_room_persons: Iterable[int] = (), single_places: int | None = None,
         persons_per_net_procurement: float | None = None, persons_per_net_family: float | None = None) -> Sized:
    """Long-lasting insecticidal nets (pieces).

    Source: S9 (WHO 2017): 1 LLIN per 2 persons (campaigns), ``ceil(N/1.8)`` for procurement
    quantification (verified). One net per sleeping place in dormitories is a design inference
    (reference §3). Rules: ``per_sleeping_place`` = B; ``family_rooms_half`` = one per place outside
    family rooms + ``ceil(persons/2)`` per family room; ``who_procurement`` = ``ceil(N/1.8)``.
    """
    persons_per_net_procurement = _default(persons_per_net_procurement, "persons_per_net_procurement")
    persons_per_net_family = _default(persons_per_net_family, "persons_per_net_family")
    b = _count(sleeping_places, "sleeping_places")
    if rule == "per_sleeping_place":
        return Sized(b, "pc", basis("nets.per_place", b=b), "S9; one per sleeping place is a design inference",
                     "secondary")
    if rule == "who_procurement":
        n = _count(residents, "residents")
        v = _ceil(n / persons_per_net_procurement)
        return Sized(v, "pc", basis("nets.procurement", n=n, per=persons_per_net_procurement),
                     "S9 (WHO 2017, procurement quantification)", "verified")
    if rule == "family_rooms_half":
        rooms = [_count(p, "family room persons") for p in family_room_persons]
        singles = b if single_places is None else _count(single_places, "single_places")
        fam = sum(_ceil(p / persons_per_net_family) for p in rooms)
        return Sized(singles + fam, "pc",
                     basis("nets.family", singles=singles, per=persons_per_net_family, rooms=len(rooms), fam=fam),
                     "S9 (1 per 2 persons); one per sleeping place is a design inference", "secondary")
    raise CatalogueError(f"net_rule: {rule!r} is not a rule; "
                         "choose per_sleeping_place, family_rooms_half, who_procurement")


# ---- hygiene consumables ------------------------------------------------------------------------

def consumable_mass(persons: int, rate: Any, period: Any, *, field_name: str = "rate") -> pint.Quantity:
    """Mass of a consumable for ``persons`` over a supply ``period``: ``N × rate × period``.

    Units: ``rate`` mass/person/month (g/person/month), ``period`` a time (month); result in kg.
    Source: the caller's rate (S3 for soap).
    """
    n = _count(persons, "persons")
    r = quantity(rate, "g/person/month", field_name)
    m = _positive(quantity(period, "month", "supply period"), "supply period")
    return (Q_(n, "person") * r * m).to("kg")


def bathing_soap(persons: int, period: Any | None = None, rate: Any | None = None,
                 bar_mass: Any | None = None) -> Sized:
    """Bathing soap bars: ``ceil(N × 250 g/person/month × months / 250 g per bar)`` (bars).

    Source: S3 (Sphere 2011 via OpenLearn, Table 14.3): 250 g per person per month (secondary).
    Units: ``period`` month, ``rate`` g/person/month, ``bar_mass`` g.
    """
    period = _default(period, "supply_months")
    rate = _default(rate, "bathing_soap_rate")
    bar_mass = _default(bar_mass, "soap_bar_mass")
    mass = consumable_mass(persons, rate, period, field_name="bathing_soap_rate")
    bar = _positive(quantity(bar_mass, "g", "soap_bar_mass"), "soap_bar_mass")
    bars = _ceil((mass / bar).to("").magnitude)
    r = quantity(rate, "g/person/month").magnitude
    m = quantity(period, "month").magnitude
    return Sized(bars, "bar",
                 basis("bathing_soap", rate=r, n=persons, m=m, kg=mass.magnitude, bars=bars, bar=bar.magnitude),
                 "S3 (Sphere 2011, Table 14.3)", "secondary")


def laundry_soap(persons: int, period: Any | None = None, rate: Any | None = None) -> Sized:
    """Laundry soap in kg: ``N × 200 g/person/month × months``.

    Source: S3 (Sphere 2011 table, 200 g; indikit lists 250 g: conflict noted in reference §3).
    Units: ``period`` month, ``rate`` g/person/month; result kg.
    """
    period = _default(period, "supply_months")
    rate = _default(rate, "laundry_soap_rate")
    mass = consumable_mass(persons, rate, period, field_name="laundry_soap_rate")
    r = quantity(rate, "g/person/month").magnitude
    m = quantity(period, "month").magnitude
    kg = round(mass.magnitude, 3)
    return Sized(kg, "kg", basis("laundry_soap", rate=r, n=persons, m=m),
                 "S3 (Sphere 2011 table; indikit 250 g, conflict)", "secondary")


# ---- water --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class WaterTerm:
    name: str
    count: float
    rate: pint.Quantity
    litres_per_day: float
    source: str
    status: str
    unit: str = "resident"  # what ``count`` counts (a unit of planner/vocabulary.yaml)
    rate_unit: str = "L_per_person_day"


@dataclass(frozen=True)
class WaterDemand:
    """Daily water demand by term (L/day) and its total."""

    terms: tuple[WaterTerm, ...]

    @property
    def total(self) -> pint.Quantity:
        return Q_(sum(t.litres_per_day for t in self.terms), "L/day")

    @property
    def status(self) -> str:
        return worst(*(t.status for t in self.terms if t.litres_per_day > 0)) if self.terms else "verified"

    @property
    def basis(self) -> Basis:
        """The sum of the terms that count (``120 residents × 15 L/person/day + … = 2,600 L/day``)."""
        terms = [basis("water.term", count=t.count, unit=t.unit, rate=t.rate.magnitude, rate_unit=t.rate_unit)
                 for t in self.terms if t.count]
        return basis("water.demand", terms=terms, total=self.total.magnitude)

    def words(self, lang: str = "en") -> str:
        return self.basis.text(lang)


def water_demand(residents: int, phase: str = "stabilised", staff: int = 0, inpatients: int = 0,
                 outpatients_per_day: int = 0, *, emergency_rate: Any | None = None, stabilised_rate: Any | None = None,
                 staff_rate: Any | None = None, inpatient_rate: Any | None = None,
                 outpatient_rate: Any | None = None) -> WaterDemand:
    """Daily water demand ``Q_day = N×q_res + S×q_staff + inpatients×q_in + outpatients×q_out`` (L/day).

    Sources: residents 15 L/person/day emergency (Sphere S2, UNHCR UN1, verified) and 20
    L/person/day post-emergency (UNHCR WASH 2018, UN1, verified); staff 40 L/person/day (low end
    of an engineering range of 40-70, weak secondary); inpatients 40 L/patient/day (low end of
    40-60, UNHCR 1999 via ODI, secondary); outpatients 5 L per visit (Sphere 2004 via eng-tips,
    secondary). Kitchen and laundry terms have no figure in the reference (gap): not added.
    Units: rates in L/person/day (outpatients L/person per visit); result L/day.
    """
    emergency_rate = _default(emergency_rate, "water_emergency")
    stabilised_rate = _default(stabilised_rate, "water_stabilised")
    staff_rate = _default(staff_rate, "water_staff")
    inpatient_rate = _default(inpatient_rate, "water_inpatient")
    outpatient_rate = _default(outpatient_rate, "water_outpatient")
    if phase not in ("emergency", "stabilised"):
        raise CatalogueError(f"phase: {phase!r}; choose emergency or stabilised")
    q_res = quantity(emergency_rate if phase == "emergency" else stabilised_rate, "L/person/day",
                     "water_emergency" if phase == "emergency" else "water_stabilised")
    terms = [
        WaterTerm("residents", _count(residents, "residents"), q_res,
                  residents * q_res.magnitude, "UN1 (UNHCR WASH 2018); S2 (Sphere)", "verified"),
        WaterTerm("staff", _count(staff, "staff"), quantity(staff_rate, "L/person/day", "water_staff"),
                  staff * quantity(staff_rate, "L/person/day").magnitude, "CALC7 (weak)", "secondary", "staff_member"),
        WaterTerm("infirmary beds", _count(inpatients, "inpatients"),
                  quantity(inpatient_rate, "L/person/day", "water_inpatient"),
                  inpatients * quantity(inpatient_rate, "L/person/day").magnitude, "HE3", "secondary", "infirmary_bed"),
        WaterTerm("outpatients/day", _count(outpatients_per_day, "outpatients_per_day"),
                  quantity(outpatient_rate, "L/person", "water_outpatient"),
                  outpatients_per_day * quantity(outpatient_rate, "L/person").magnitude, "HE4", "secondary",
                  "outpatient_day", "L_per_visit"),
    ]
    return WaterDemand(tuple(terms))


def water_storage(daily: Any, autonomy: Any | None = None, usable_fraction: float | None = None) -> Sized:
    """Storage volume ``V = Q_day × days / usable fraction`` in m³ (rounded up to 0.1 m³).

    Source: S13 (MSF cholera guideline: at least 3 days of activity, verified); usable fraction
    is a design choice (1.0 = the whole volume is usable). Units: ``daily`` L/day, ``autonomy`` day.
    """
    autonomy = _default(autonomy, "water_autonomy")
    usable_fraction = _default(usable_fraction, "tank_usable_fraction")
    q = quantity(daily, "L/day", "daily water demand")
    days = quantity(autonomy, "day", "water_autonomy")
    if days.magnitude < 0:
        raise CatalogueError("water_autonomy: must not be negative")
    if not 0 < usable_fraction <= 1:
        raise CatalogueError(f"tank_usable_fraction: must be in (0, 1], got {usable_fraction:g}")
    v = (q * days / usable_fraction).to("m**3").magnitude
    v = math.ceil(round(v * 10, 6)) / 10
    b = (basis("water.storage", q=q.magnitude, days=days.magnitude) if usable_fraction == 1 else
         basis("water.storage.usable", q=q.magnitude, days=days.magnitude, frac=usable_fraction))
    return Sized(v, "m³", b, "S13 (3 days of autonomy)", "verified")


# ---- toilets, showers, septic tank --------------------------------------------------------------

@dataclass(frozen=True)
class Toilets:
    total: int
    female: int
    male: int
    accessible: int
    persons_per_toilet: int
    male_majority: bool
    basis: Basis

    @property
    def basis_en(self) -> str:
        return self.basis.en

    @property
    def notes(self) -> tuple[Basis, ...]:
        return (basis("toilets.male_majority"),) if self.male_majority else ()


def toilets(persons: int, phase: str = "stabilised", *, females: int = 0, males: int = 0,
            per_stabilised: int | None = None, per_emergency: int | None = None, female_share: float | None = None,
            accessible_share: float | None = None) -> Toilets:
    """Toilets ``T = ceil(N/20)`` (medium term) or ``ceil(N/50)`` (onset); ``T_f = ceil(0.75 T)``,
    ``T_m = T − T_f``; accessible ``ceil(0.15 T)``.

    Sources: S1 Sphere 2018 p.118 (1/50 onset, 1/20 medium term, 3:1 female:male; verified);
    S32 (≥ 15 % accessible; verified). The 3:1 split is flagged for a male-majority population.
    Units: counts of persons; result in cubicles.
    """
    per_stabilised = _default(per_stabilised, "persons_per_toilet_stabilised")
    per_emergency = _default(per_emergency, "persons_per_toilet_emergency")
    female_share = _default(female_share, "female_toilet_share")
    accessible_share = _default(accessible_share, "accessible_toilet_share")
    n = _count(persons, "persons")
    per = per_stabilised if phase == "stabilised" else per_emergency
    t = _ceil(n / per)
    tf = _ceil(t * female_share)
    acc = _ceil(accessible_share * t)
    male_majority = males > females
    return Toilets(t, tf, t - tf, acc, per, male_majority,
                   basis("toilets", n=n, per=per, t=t, tf=tf, tm=t - tf, acc=acc, share=accessible_share * 100))


def showers(persons: int, phase: str = "stabilised", *, per_stabilised: int | None = None,
            per_emergency: int | None = None) -> Sized:
    """Showers ``ceil(N/20)`` post-emergency, ``ceil(N/50)`` emergency (UNHCR WASH 2018, UN6, verified).

    Units: persons; result in showers.
    """
    per_stabilised = _default(per_stabilised, "persons_per_shower_stabilised")
    per_emergency = _default(per_emergency, "persons_per_shower_emergency")
    n = _count(persons, "persons")
    per = per_stabilised if phase == "stabilised" else per_emergency
    s = _ceil(n / per)
    return Sized(s, "shower", basis("showers", n=n, per=per), "UN6 (UNHCR WASH 2018)", "verified")


def retention_hours(daily_flow_m3: float) -> float:
    """Retention time T (h) from the daily flow A (m³/day): 24 h if A < 6; 33 − 1.5 A if 6 ≤ A ≤ 14;
    12 h if A > 14 (UNHCR F401/2016A tool, S14, after Franceys, Pickford & Reed; verified)."""
    if daily_flow_m3 < 6:
        return 24.0
    if daily_flow_m3 <= 14:
        return 33 - 1.5 * daily_flow_m3
    return 12.0


@dataclass(frozen=True)
class SepticTank:
    users: int
    per_capita: float  # L/person/day
    daily_flow: float  # m³/day reaching the tank
    retention: float  # h
    liquid: float  # m³
    sludge: float  # m³
    total: float  # m³ (rounded up to 0.1)
    minimum: float  # L/person/day of combined wastewater from which a septic tank is recommended
    basis: Basis

    @property
    def applicable(self) -> bool:
        return self.per_capita >= self.minimum

    @property
    def basis_en(self) -> str:
        return self.basis.en

    @property
    def notes(self) -> tuple[Basis, ...]:
        if not self.applicable:
            return (basis("septic.not_applicable", q=self.per_capita, min=self.minimum),)
        return ()


def septic_tank(users: int, per_capita: Any, *, sewer_fraction: float | None = None, sludge_rate: Any | None = None,
                years: Any | None = None, factor: float | None = None,
                minimum_wastewater: Any | None = None) -> SepticTank:
    """Septic tank volume (UNHCR F401/2016A tool, S14, verified):

    ``A = P × Q/1000 × Z × T/24`` (m³) with the retention rule of :func:`retention_hours`, plus the
    sludge and scum volume ``P × years × S_rate × F``. Sludge rate 85.3 L/person/year is the mean
    measured by Gray (1995, S15, verified); F (temperature) is a design choice (classic values
    unverified). Septic tanks only where combined wastewater ≥ 40 L/person/day (S14).
    Units: ``per_capita`` L/person/day, ``sludge_rate`` L/person/year, ``years`` year; result m³.
    """
    sewer_fraction = _default(sewer_fraction, "septic_sewer_fraction")
    sludge_rate = _default(sludge_rate, "sludge_rate")
    years = _default(years, "desludging_interval")
    factor = _default(factor, "sludge_factor")
    minimum_wastewater = _default(minimum_wastewater, "septic_min_wastewater")
    p = _count(users, "users")
    q = quantity(per_capita, "L/person/day", "per-capita wastewater").magnitude
    s_rate = quantity(sludge_rate, "L/person/year", "sludge_rate").magnitude
    yrs = quantity(years, "year", "desludging_interval").magnitude
    flow = p * q / 1000 * sewer_fraction
    t = retention_hours(flow)
    liquid = flow * t / 24
    sludge = p * yrs * s_rate * factor / 1000
    total = math.ceil(round((liquid + sludge) * 10, 6)) / 10
    min_q = quantity(minimum_wastewater, "L/person/day").magnitude
    return SepticTank(
        p, q, flow, t, liquid, sludge, total, min_q,
        basis("septic", p=p, q=q, z=sewer_fraction, t=t, liquid=liquid, yrs=yrs, s=s_rate, f=factor, sludge=sludge))


# ---- lighting -----------------------------------------------------------------------------------

def luminaires(illuminance: Any, area: Any, flux: Any | None = None, utilisation: float | None = None,
               maintenance: float | None = None) -> int:
    """Lumen method ``n = ceil(E × A / (Φ × UF × MF))`` (luminaires).

    Source: reference §6 (standard lumen method); lux values S26 (EN 12464-1 via Trilux,
    CIBSE via Thorlux); UF 0.5-0.6 and MF 0.8 typical values are **unverified**.
    Units: ``illuminance`` lux, ``area`` m², ``flux`` lumen per luminaire.
    """
    flux = _default(flux, "luminaire_flux")
    utilisation = _default(utilisation, "utilisation_factor")
    maintenance = _default(maintenance, "maintenance_factor")
    e = quantity(illuminance, "lux", "illuminance")
    a = quantity(area, "m**2", "area")
    phi = _positive(quantity(flux, "lumen", "luminaire_flux"), "luminaire_flux")
    if a.magnitude <= 0:
        return 0
    n = (e * a / (phi * utilisation * maintenance)).to("").magnitude
    return _ceil(n)


def luminaires_for_rooms(rooms: Iterable[tuple[float, float]], flux: Any | None = None,
                         utilisation: float | None = None,
                        maintenance: float | None = None) -> int:
    """Σ over rooms of the lumen method ``ceil(E × A / (Φ × UF × MF))`` (luminaires).

    Same formula and sources as :func:`luminaires`; for many rooms, ``rooms`` holds canonical
    floats ``(illuminance in lux, area in m²)`` (as stored in the models) so that pint checks the
    luminaire flux once rather than every room.
    """
    flux = _default(flux, "luminaire_flux")
    utilisation = _default(utilisation, "utilisation_factor")
    maintenance = _default(maintenance, "maintenance_factor")
    phi = _positive(quantity(flux, "lumen", "luminaire_flux"), "luminaire_flux").magnitude
    per = phi * utilisation * maintenance
    return sum(_ceil(e * a / per) for e, a in rooms if a > 0)


# ---- power --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Load:
    """One line of the load list: ``count`` appliances of ``power`` W each, ``hours`` h/day."""

    name: str
    count: int
    power: float  # W each
    hours: float  # h/day
    diversity: float = 1.0
    motor: bool = False
    status: str = "design_choice"
    basis: Basis | None = None

    @property
    def running_w(self) -> float:
        return self.count * self.power * self.diversity

    @property
    def energy_wh(self) -> float:
        return self.count * self.power * self.hours


def temperature_derating(intake: Any, threshold: Any | None = None, per_5K: float | None = None) -> float:
    """Derating factor for intake air temperature: ``1 − 0.03 × (T − 40 °C)/5`` above 40 °C.

    Source: S16 (Stamford; Wacker Neuson: 45 °C → 0.97, 50 °C → 0.94, 55 °C → 0.91, 60 °C →
    0.88; verified). Units: °C.
    """
    threshold = _default(threshold, "derating_temperature")
    per_5K = _default(per_5K, "derating_per_5K")
    t = quantity(intake, "degC", "site_temperature").magnitude
    t0 = quantity(threshold, "degC", "derating_temperature").magnitude
    return 1 - per_5K * max(0.0, t - t0) / 5


def altitude_derating(altitude: Any, threshold: Any | None = None, per_500m: float | None = None) -> float:
    """Derating factor for altitude: ``1 − 0.03 × (h − 1000 m)/500`` above 1 000 m (S16, verified). Units: m."""
    threshold = _default(threshold, "derating_altitude")
    per_500m = _default(per_500m, "derating_per_500m")
    h = quantity(altitude, "m", "site_altitude").magnitude
    h0 = quantity(threshold, "m", "derating_altitude").magnitude
    return 1 - per_500m * max(0.0, h - h0) / 500


@dataclass(frozen=True)
class Generator:
    running_kw: float
    largest_motor_kw: float
    required_kva: float  # S_req before derating and loading
    derating: float  # f_temp × f_alt
    rated_kva: float  # rounded up to 0.1 kVA
    loading_at_run: float  # P_run / (S_rated × pf × derating)
    minimum_load: float
    basis: Basis

    @property
    def basis_en(self) -> str:
        return self.basis.en

    @property
    def notes(self) -> tuple[Basis, ...]:
        if self.loading_at_run < self.minimum_load:
            return (basis("generator.underloaded", load=self.loading_at_run * 100, min=self.minimum_load * 100),)
        return ()


def generator(running_kw: Any, largest_motor_kw: Any = 0, *, power_factor: float | None = None,
              motor_start_factor: float | None = None, site_temperature: Any | None = None,
              site_altitude: Any | None = None,
              target_load: float | None = None, minimum_load: float | None = None, derating_per_5K: float | None = None,
              derating_temperature: Any | None = None, derating_per_500m: float | None = None,
              derating_altitude: Any | None = None) -> Generator:
    """Diesel generator rating (kVA), reference §4.1:

    ``S_req = max(P_run, P_run − P_motor + 2.5 P_motor) / pf``;
    ``S_rated = S_req / (f_temp × f_alt × target_load)``; check ``P_run / (S_rated × pf × f) ≥ 0.30``.

    Sources: pf 0.8 and motor start ≈ 2.5 × running power (S17 AMPS, verified); derating
    −3 %/5 °C above 40 °C and −3 %/500 m above 1 000 m (S16, verified); loading 70-80 % most
    efficient and ≥ 30 % minimum (S19, verified). Units: kW in, kVA out.
    """
    power_factor = _default(power_factor, "power_factor")
    motor_start_factor = _default(motor_start_factor, "motor_start_factor")
    site_temperature = _default(site_temperature, "site_temperature")
    site_altitude = _default(site_altitude, "site_altitude")
    target_load = _default(target_load, "target_load")
    minimum_load = _default(minimum_load, "minimum_load")
    derating_per_5K = _default(derating_per_5K, "derating_per_5K")
    derating_temperature = _default(derating_temperature, "derating_temperature")
    derating_per_500m = _default(derating_per_500m, "derating_per_500m")
    derating_altitude = _default(derating_altitude, "derating_altitude")
    p = quantity(running_kw, "kW", "running load").magnitude
    pm = quantity(largest_motor_kw, "kW", "largest motor").magnitude
    if p < 0 or pm < 0:
        raise CatalogueError("generator: loads must not be negative")
    if pm > p:
        raise CatalogueError("generator: the largest motor cannot exceed the running load it is part of")
    s_req = max(p, p - pm + motor_start_factor * pm) / power_factor
    ft = temperature_derating(site_temperature, derating_temperature, derating_per_5K)
    fa = altitude_derating(site_altitude, derating_altitude, derating_per_500m)
    f = ft * fa
    s_rated = math.ceil(round(s_req / (f * target_load) * 10, 6)) / 10
    loading = p / (s_rated * power_factor * f) if s_rated > 0 else 0.0
    t = quantity(site_temperature, "degC").magnitude
    return Generator(
        p, pm, s_req, f, s_rated, loading, minimum_load,
        basis("generator", p=p, pm=pm, k=motor_start_factor, pf=power_factor, s=s_req, ft=ft, t=t, fa=fa,
              target=target_load * 100))


@dataclass(frozen=True)
class PvSystem:
    daily_energy_wh: float  # with contingency
    array_wp: float
    battery_kwh: float
    battery_ah: float
    inverter_va: float
    basis_array: Basis
    basis_battery: Basis
    basis_inverter: Basis


def pv_system(daily_energy: Any, peak_load: Any, *, irradiation: Any | None = None, system_factor: float | None = None,
              contingency: float | None = None, autonomy: Any | None = None, depth_of_discharge: float | None = None,
              inverter_efficiency: float | None = None, cable_efficiency: float | None = None,
              battery_voltage: Any | None = None, inverter_power_factor: float | None = None) -> PvSystem:
    """Off-grid PV array, battery and inverter (reference §4.2, S20, verified formulas):

    ``E = E_day × (1 + contingency)``; ``P_pv = E / (G × K_sys)`` (Wp, G as peak sun hours);
    ``C = E × days / (DoD × η_inv × η_cable)`` (kWh; Ah = kWh / V_sys); ``S_inv = P_peak / 0.8`` (VA).

    Defaults: G = 5.48 kWh/m²/day, ANER Senegal for 2 000 kWh/m²·yr (S21, verified; an annual
    mean: the reference asks to size on the site's worst month, whose value is a gap); K_sys 0.7
    (SimpliSolar, S20); DoD 0.8 (LiFePO4 80-90 %, S20); η_inv 0.95 (94-97 %), η_cable 0.96
    (0.95-0.97) (S20); contingency 15 % and 1 day of autonomy are design choices (no source).
    Units: ``daily_energy`` Wh/day, ``peak_load`` W, ``irradiation`` kWh/m²/day, ``autonomy`` day,
    ``battery_voltage`` V.
    """
    irradiation = _default(irradiation, "pv_irradiation")
    system_factor = _default(system_factor, "pv_system_factor")
    contingency = _default(contingency, "energy_contingency")
    autonomy = _default(autonomy, "battery_autonomy")
    depth_of_discharge = _default(depth_of_discharge, "battery_dod")
    inverter_efficiency = _default(inverter_efficiency, "inverter_efficiency")
    cable_efficiency = _default(cable_efficiency, "cable_efficiency")
    battery_voltage = _default(battery_voltage, "battery_voltage")
    inverter_power_factor = _default(inverter_power_factor, "inverter_power_factor")
    e_day = quantity(daily_energy, "W*h/day", "daily energy").magnitude
    peak = quantity(peak_load, "W", "peak load").magnitude
    g = _positive(quantity(irradiation, "kWh/m**2/day", "pv_irradiation"), "pv_irradiation")
    psh = (g / Q_(1, "kW/m**2")).to("h/day").magnitude
    days = quantity(autonomy, "day", "battery_autonomy").magnitude
    v = _positive(quantity(battery_voltage, "V", "battery_voltage"), "battery_voltage").magnitude
    e = e_day * (1 + contingency)
    wp = math.ceil(round(e / (psh * system_factor), 6))
    kwh = e * days / (depth_of_discharge * inverter_efficiency * cable_efficiency) / 1000
    kwh = math.ceil(round(kwh * 10, 6)) / 10
    ah = math.ceil(round(kwh * 1000 / v, 6))
    va = math.ceil(round(peak / inverter_power_factor, 6))
    return PvSystem(
        e, wp, kwh, ah, va,
        basis("pv.array", e_day=e_day, c=contingency * 100, e=e, psh=psh, k=system_factor),
        basis("pv.battery", e=e, days=days, dod=depth_of_discharge, inv=inverter_efficiency, cable=cable_efficiency,
              kwh=kwh, ah=ah, v=v),
        basis("pv.inverter", peak=peak, pf=inverter_power_factor),
    )


def fuel_tank(daily_energy: Any, consumption: Any | None = None, autonomy: Any | None = None) -> Sized:
    """Fuel store ``V = L/h × h/day × days`` = daily energy (kWh/day) × SFC (L/kWh) × days (L).

    Source: S19 (waltpower: SFC 0.2-0.3 L/kWh at normal load, verified); the days of fuel are a
    design choice. Units: ``daily_energy`` Wh/day, ``consumption`` L/kWh, ``autonomy`` day.
    """
    consumption = _default(consumption, "fuel_consumption")
    autonomy = _default(autonomy, "fuel_autonomy")
    e = quantity(daily_energy, "kWh/day", "daily energy")
    sfc = _positive(quantity(consumption, "L/kWh", "fuel_consumption"), "fuel_consumption")
    days = quantity(autonomy, "day", "fuel_autonomy")
    litres = math.ceil(round((e * sfc * days).to("L").magnitude, 6))
    return Sized(litres, "L", basis("fuel_tank", e=e.magnitude, sfc=sfc.magnitude, days=days.magnitude),
                 "S19 (SFC 0.2-0.3 L/kWh)", "verified")


# ---- fire safety and first aid ------------------------------------------------------------------

def extinguishers(area: Any, levels: int, area_per_unit: Any | None = None, minimum: int | None = None) -> Sized:
    """Water-spray extinguishers ≥ 6 L: ``max(ceil(A / 200 m²), L)`` (pieces).

    Source: S23, French Code du travail R4227-29 (1 per 200 m² and ≥ 1 per level; verified);
    ERP categories 1-4 add a minimum of 2 per establishment (secondary); ERP 5th category uses
    300 m² per unit (secondary). Units: ``area`` m² (gross floor area), ``area_per_unit`` m².
    """
    area_per_unit = _default(area_per_unit, "area_per_extinguisher")
    minimum = _default(minimum, "minimum_extinguishers")
    a = quantity(area, "m**2", "floor area").magnitude
    per = _positive(quantity(area_per_unit, "m**2", "area_per_extinguisher"), "area_per_extinguisher").magnitude
    lv = _count(levels, "levels")
    n = max(_ceil(a / per), lv, int(minimum))
    b = (basis("extinguishers.minimum", a=a, per=per, lv=lv, min=int(minimum)) if minimum else
         basis("extinguishers", a=a, per=per, lv=lv))
    return Sized(n, "pc", b, "S23 (Code du travail R4227-29)", "verified")


@dataclass(frozen=True)
class FirstAid:
    kits: int
    size: str  # BS 8599-1 kit size
    personnel: Basis

    @property
    def personnel_en(self) -> str:
        return self.personnel.en


def first_aid_kits(staff: int, hazard: str = "low") -> FirstAid:
    """First-aid kits by staff number and hazard (UK HSE guidance with BS 8599-1 sizes, S25, secondary):

    low hazard: < 25 staff → 1 small; 25-100 → 1 medium; > 100 → 1 large per 100;
    high hazard: < 5 → 1 small; 5-25 → 1 medium; > 25 → 1 large per 25.
    Residents are not employees: their care follows the infirmary / IEHK logic. Units: persons.
    """
    s = _count(staff, "staff")
    if hazard == "low":
        if s < 25:
            kits, size = 1, "small"
        elif s <= 100:
            kits, size = 1, "medium"
        else:
            kits, size = _ceil(s / 100), "large"
        if s < 25:
            pers = basis("first_aid.appointed")
        elif s <= 50:
            pers = basis("first_aid.efaw")
        else:
            pers = basis("first_aid.faw", n=_ceil(s / 100), per=100)
    elif hazard == "high":
        if s < 5:
            kits, size = 1, "small"
        elif s <= 25:
            kits, size = 1, "medium"
        else:
            kits, size = _ceil(s / 25), "large"
        if s < 5:
            pers = basis("first_aid.appointed")
        elif s <= 50:
            pers = basis("first_aid.efaw_faw")
        else:
            pers = basis("first_aid.faw", n=_ceil(s / 50), per=50)
    else:
        raise CatalogueError(f"hazard: {hazard!r}; choose low or high")
    return FirstAid(kits, size, pers)


# ---- site perimeter -----------------------------------------------------------------------------

def enclosure_length(outline: Any, gate_widths: Iterable[Any] = ()) -> Sized:
    """Length of fence or wall to build: the perimeter's outline less its gate openings (m).

    No figure: the lengths are the layout's (``site.perimeter``: its closed outline, its gates' widths).
    Units: metres (a bare number is read so); result m, to 0.01 m.
    """
    length = quantity(outline, "m", "site.perimeter").magnitude
    widths = [quantity(w, "m", "site.perimeter.gates.width").magnitude for w in gate_widths]
    if length < 0 or any(w < 0 for w in widths):
        raise CatalogueError("site.perimeter: lengths must not be negative")
    if sum(widths) > length:
        raise CatalogueError(f"site.perimeter.gates: the gates ({sum(widths):g} m) are wider than the outline "
                             f"({length:g} m)")
    value = round(length - sum(widths), 2)
    b = basis("perimeter.length", l=length, w=sum(widths)) if widths else basis("perimeter.no_gate", l=length)
    return Sized(value, "m", b, "", "verified")


# ---- health, children, dining -------------------------------------------------------------------

def iehk_modules(persons: int, period: Any | None = None, persons_per_module: Any | None = None,
                 module_period: Any | None = None) -> Sized:
    """IEHK basic modules: ``ceil(N / 1 000) × ceil(months / 3)`` (modules).

    Source: S10 (WHO IEHK 2017: 10 000 people for about 3 months, 10 basic modules of 1 000
    people each; verified for the older edition). Units: persons, ``period`` month.
    """
    period = _default(period, "supply_months")
    persons_per_module = _default(persons_per_module, "persons_per_iehk_module")
    module_period = _default(module_period, "iehk_period")
    n = _count(persons, "persons")
    per = quantity(persons_per_module, "person", "persons_per_iehk_module").magnitude
    m = _positive(quantity(period, "month", "supply period"), "supply period").magnitude
    mp = _positive(quantity(module_period, "month", "iehk_period"), "iehk_period").magnitude
    mods, periods = _ceil(n / per), _ceil(m / mp)
    return Sized(mods * periods, "module", basis("iehk", n=n, per=per, m=m, mp=mp), "S10 (IEHK 2017)", "verified")


def children_kits(children: int, per_kit: Any, *, age: str = "age.0_6", source: str = "S11") -> Sized:
    """Kits for children: ``ceil(children / per_kit)`` (ECD: 50 children 0-6; recreation: 90
    children 7-18; S11 UNICEF Supply, verified). ``age`` is the phrase (a key of
    ``equipment/bases.yaml``) naming the ages counted. Units: persons."""
    n = _count(children, "children")
    per = _positive(quantity(per_kit, "person", "children per kit"), "children per kit").magnitude
    return Sized(_ceil(n / per), "kit", basis("children_kits", n=n, age=basis(age), per=per), source, "verified")


def dining_seats(persons: int, sittings: int | None = None) -> Sized:
    """Refectory seats ``ceil(N / sittings)`` (design choice, no source). Units: persons."""
    sittings = _default(sittings, "sittings")
    n = _count(persons, "persons")
    s = _count(sittings, "sittings")
    if s < 1:
        raise CatalogueError("sittings: must be at least 1")
    return Sized(_ceil(n / s), "seat", basis("dining_seats", n=n, s=s), "design choice, no source", "design_choice")


__all__ = [
    "Sized", "WaterDemand", "Toilets", "SepticTank", "Load", "Generator", "PvSystem", "FirstAid",
    "per_place", "blankets", "nets", "consumable_mass", "bathing_soap", "laundry_soap", "water_demand",
    "water_storage", "toilets", "showers", "retention_hours", "septic_tank", "luminaires",
    "temperature_derating", "altitude_derating", "generator", "pv_system", "fuel_tank", "extinguishers",
    "first_aid_kits", "iehk_modules", "children_kits", "dining_seats", "enclosure_length", "worst", "num", "basis",
    "Basis", "UnitError",
]
