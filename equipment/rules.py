"""Sizing rules: one small function per catalogue rule, kept in a registry.

Each rule takes a catalogue item and the :class:`Context` of a centre (the facts of its layout, the
parameters, and the shared intermediates computed once: bed places, toilets, showers, water demand
and storage, septic tank, load list, generator, PV, fuel, first aid) and returns a :class:`~equipment.sizing.Sized`
quantity or a :class:`Skip` with the reason; bases, reasons and warnings are template keys with their
numbers (:class:`equipment.basis.Basis`), written in each language by one renderer. :func:`equipment.centre.size_centre`
is a loop over the catalogue calling ``RULES[item.rule]``; a rule named in the catalogue without a
function here fails at import time of the catalogue test (tests/unit/test_equipment_sizing.py).
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from centreplan.equipment import sizing as sz
from centreplan.equipment.basis import Basis, basis
from centreplan.equipment.catalogue import Item
from centreplan.equipment.params import parameter_info
from centreplan.equipment.protection import Protection
from centreplan.planner.units import quantity

if TYPE_CHECKING:
    from centreplan.equipment.centre import Facts
    from centreplan.planner.model import Centre

# Rooms where people stay during the day or night and a fan is useful (FAN-01, design choice).
FAN_USES = (
    "dormitory", "family_room", "medical", "isolation", "interview", "child_space", "women_space",
    "dining", "office", "reception", "waiting", "recreation", "prayer", "visits", "legal",
    "staff_room", "security",
)
IT_USES = ("office", "reception", "legal")


@dataclass(frozen=True)
class Skip:
    """An item left out of a centre's list, with the reason."""

    reason: Basis

    @property
    def en(self) -> str:
        return self.reason.en

    @property
    def fr(self) -> str:
        return self.reason.fr


def skip(key: str, **args: Any) -> Skip:
    """An item left out for the reason ``skip.<key>`` of ``equipment/bases.yaml``."""
    return Skip(basis(f"skip.{key}", **args))


class _Word:
    """A code of the one vocabulary as an argument of a basis (its name in each language)."""

    def __init__(self, table: str, code: str) -> None:
        self.table, self.code = table, code

    @property
    def en(self) -> str:
        from centreplan.planner.vocabulary import name
        return name(self.table, self.code, "en")

    @property
    def fr(self) -> str:
        from centreplan.planner.vocabulary import name
        return name(self.table, self.code, "fr")


Result = sz.Sized | Skip
RULES: dict[str, Callable[[Item, Context], Result]] = {}


def rule(name: str) -> Callable[[Callable[[Item, Context], Result]], Callable[[Item, Context], Result]]:
    """Register the sizing function of catalogue rule ``name``."""
    def register(fn: Callable[[Item, Context], Result]) -> Callable[[Item, Context], Result]:
        if name in RULES:
            raise ValueError(f"sizing rule {name!r} registered twice")
        RULES[name] = fn
        return fn
    return register


@dataclass(frozen=True)
class Context:
    """A centre's facts and parameters with the intermediates every rule shares, computed once."""

    centre: Centre
    f: Facts
    p: Any
    n: int
    phase: str
    months: float
    beds: int
    beds_what: str  # the phrase (equipment/bases.yaml) naming what a bed place counts
    toilets: sz.Toilets
    showers: sz.Sized
    water: sz.WaterDemand
    storage: sz.Sized
    septic: sz.SepticTank
    loads: list[sz.Load]
    gen: sz.Generator | None
    pv: sz.PvSystem | None
    fuel: sz.Sized | None
    first_aid: sz.FirstAid
    power_status: str = "design_choice"  # the load list rests on design-choice powers
    protection: Protection | None = None  # what the protection rules ask (accessible fixtures, night lighting)


def context(centre: Centre, f: Facts, p: Any, plan: Any = None) -> tuple[Context, list[Basis]]:
    """The :class:`Context` of a centre and the warnings its intermediates raise (``plan``: the centre's
    plan when already built, for the protection rules)."""
    n, phase = f.residents, f.phase
    warnings: list[Basis] = []
    if p.beds_basis == "capacity":
        beds, beds_what = n, "what.resident"
        if f.sleeping_places and f.sleeping_places != n:
            warnings.append(basis("warning.beds_capacity", drawn=f.sleeping_places, n=n))
    else:
        beds, beds_what = f.sleeping_places, "what.bed_drawn"
    toilets = sz.toilets(n, transit_toilet_phase(centre, phase), females=f.females, males=f.males,
                         per_stabilised=int(p.persons_per_toilet_stabilised),
                         per_emergency=int(p.persons_per_toilet_emergency),
                         female_share=p.female_toilet_share, accessible_share=p.accessible_toilet_share)
    showers = sz.showers(n, phase, per_stabilised=int(p.persons_per_shower_stabilised),
                         per_emergency=int(p.persons_per_shower_emergency))
    water = sz.water_demand(n, phase, f.staff, f.infirmary_beds, f.inputs.outpatients_per_day,
                            emergency_rate=p.water_emergency, stabilised_rate=p.water_stabilised,
                            staff_rate=p.water_staff, inpatient_rate=p.water_inpatient,
                            outpatient_rate=p.water_outpatient)
    water = transit_water(centre, water, p)
    storage = sz.water_storage(water.total, f"{p.water_autonomy} day", p.tank_usable_fraction)
    storage = replace(storage, status=sz.worst(storage.status, water.status))
    users = n + f.staff
    septic = sz.septic_tank(users, water.total.magnitude / users, sewer_fraction=p.septic_sewer_fraction,
                            sludge_rate=p.sludge_rate, years=f"{p.desludging_interval} year",
                            factor=p.sludge_factor, minimum_wastewater=p.septic_min_wastewater)
    loads = load_list(f, p)
    running_kw = sum(ld.running_w for ld in loads) / 1000
    motor_kw = max([ld.power / 1000 for ld in loads if ld.motor and ld.count] or [0.0])
    energy = sum(ld.energy_wh for ld in loads)
    gen = pv = fuel = None
    if p.power_supply in ("both", "generator") and running_kw > 0:
        gen = sz.generator(running_kw, motor_kw, power_factor=p.power_factor, motor_start_factor=p.motor_start_factor,
                           site_temperature=p.site_temperature, site_altitude=p.site_altitude,
                           target_load=p.target_load, minimum_load=p.minimum_load,
                           derating_per_5K=p.derating_per_5K, derating_temperature=p.derating_temperature,
                           derating_per_500m=p.derating_per_500m, derating_altitude=p.derating_altitude)
        fuel = sz.fuel_tank(f"{energy} W*h/day", p.fuel_consumption, f"{p.fuel_autonomy} day")
    if p.power_supply in ("both", "pv") and energy > 0:
        pv = sz.pv_system(f"{energy} W*h/day", f"{running_kw * 1000} W", irradiation=p.pv_irradiation,
                          system_factor=p.pv_system_factor, contingency=p.energy_contingency,
                          autonomy=f"{p.battery_autonomy} day", depth_of_discharge=p.battery_dod,
                          inverter_efficiency=p.inverter_efficiency, cable_efficiency=p.cable_efficiency,
                          battery_voltage=p.battery_voltage, inverter_power_factor=p.inverter_power_factor)
    ctx = Context(centre, f, p, n, phase, p.supply_months, beds, beds_what, toilets, showers, water, storage,
                  septic, loads, gen, pv, fuel, sz.first_aid_kits(f.staff, f.inputs.hazard),
                  protection=Protection(centre, plan))
    warnings += list(toilets.notes) + list(septic.notes) + (list(gen.notes) if gen else [])
    if p.pv_irradiation == parameter_info()["pv_irradiation"].value and pv:
        warnings.append(basis("pv.irradiation", g=p.pv_irradiation))
    return ctx, warnings


def _s(value: float, unit: str, b: Basis, source: str, status: str) -> sz.Sized:
    return sz.Sized(value, unit, b, source, status)


def load_list(f: Facts, p: Any) -> list[sz.Load]:
    """The electrical load list derived from the rooms (design-choice powers, see parameters.yaml).

    Lighting: lumen method per room with the lux of its use (corridor, sanitary: S26 verified;
    office, kitchen: unverified; other uses: design choice) × luminaire power, lighting diversity.
    Fans (hot climate), medical refrigerator, IT per office, a water pump (the motor step).
    """
    lux = lux_table(p)
    n_lum = sz.luminaires_for_rooms(((lux[use][0], a) for _, use, a in f.room_areas if use != "outdoor"),
                                    p.luminaire_flux, p.utilisation_factor, p.maintenance_factor)
    loads = [sz.Load("lighting (LGT-02)", n_lum, p.luminaire_power, p.lighting_hours, p.lighting_diversity,
                     False, "design_choice", basis("load.lighting", n=n_lum, uf=p.utilisation_factor,
                                                   mf=p.maintenance_factor, w=p.luminaire_power))]
    fans = fan_count(f, p)
    if fans:
        loads.append(sz.Load("fans (FAN-01)", fans, p.fan_power, p.fan_hours, 1.0, False, "design_choice",
                             basis("load.fans", n=fans, w=p.fan_power)))
    if f.infirmaries and p.fridge_power > 0:
        loads.append(sz.Load("medical refrigerator (MED-01)", f.infirmaries, p.fridge_power, p.fridge_hours, 1.0,
                             True, "design_choice", basis("load.fridge", n=f.infirmaries, w=p.fridge_power)))
    if f.it_rooms and p.it_power_per_office > 0:
        loads.append(sz.Load("IT and communication", f.it_rooms, p.it_power_per_office, p.it_hours, 1.0, False,
                             "design_choice", basis("load.it", n=f.it_rooms, w=p.it_power_per_office)))
    if p.pump_power > 0:
        loads.append(sz.Load("water pump", 1, p.pump_power * 1000, p.pump_hours, 1.0, True, "design_choice",
                             basis("load.pump", w=p.pump_power * 1000)))
    return loads


def lux_table(p: Any) -> dict[str, tuple[float, str]]:
    """Illuminance (lux) and status for every room use."""
    from centreplan.planner.model import USES

    info = parameter_info()
    table: dict[str, tuple[float, str]] = {}
    for use in USES:
        key = {"corridor": "lux_corridor", "sanitary": "lux_sanitary", "office": "lux_office",
               "kitchen": "lux_kitchen"}.get(use, "lux_other")
        table[use] = (getattr(p, key), info[key].status)
    for use, lux in p.lux_by_use.items():
        table[use] = (lux, "design_choice")
    return table


def fan_count(f: Facts, p: Any) -> int:
    return int(f.fan_rooms * p.fans_per_room) if f.climate == "hot" else 0



# ---- the rules ------------------------------------------------------------------------------------

def _one_per(count: Callable[[Context], int], what: str, reason: str,
             unit: str | None = None) -> Callable[[Item, Context], Result]:
    """A rule "one item per counted thing" (per surge place, infant, household, kitchen…): the count
    read from the context, or a :class:`Skip` (``skip.<reason>``) when it is 0."""
    def size(item: Item, c: Context) -> Result:
        n = count(c)
        if not n:
            return skip(reason)
        v = sz.per_place(n, 1, what=what, source=item.source, status=item.status)
        return replace(v, unit=item.unit) if unit == "item" else v
    return size


rule("surge_places")(_one_per(lambda c: c.f.inputs.surge_places, "what.surge_place", "surge_places"))
rule("infants")(_one_per(lambda c: c.f.inputs.infants_0_2 or 0, "what.infant", "infants"))
rule("households")(_one_per(lambda c: c.f.households, "what.household", "households", unit="item"))
rule("persons")(_one_per(lambda c: c.n, "what.resident", "persons", unit="item"))
rule("infirmary_beds")(_one_per(lambda c: c.f.infirmary_beds, "what.infirmary_bed", "infirmary_beds"))
rule("kitchens")(_one_per(lambda c: c.f.kitchens, "what.kitchen", "kitchens"))
rule("sleeping_rooms")(_one_per(lambda c: c.f.sleeping_rooms, "what.sleeping_room", "sleeping_rooms"))


@rule("beds")
def _beds(item: Item, c: Context) -> Result:
    return sz.per_place(c.beds, 1, what=c.beds_what, source=item.source, status=item.status)


@rule("blankets")
def _blankets(item: Item, c: Context) -> Result:
    return sz.blankets(c.n, c.p.blankets_per_person)


@rule("linen")
def _linen(item: Item, c: Context) -> Result:
    v = sz.per_place(c.beds, c.p.linen_sets_per_bed, what=c.beds_what, source=item.source, status=item.status,
                     template="per_place.rotation")
    return replace(v, unit="set")


@rule("nets")
def _nets(item: Item, c: Context) -> Result:
    f, p, beds = c.f, c.p, c.beds
    return sz.nets(beds, rule=p.net_rule, residents=c.n, family_room_persons=f.family_room_persons,
                   single_places=max(beds - sum(f.family_room_persons), 0),
                   persons_per_net_procurement=p.persons_per_net_procurement,
                   persons_per_net_family=p.persons_per_net_family)


@rule("bathing_soap")
def _bathing_soap(item: Item, c: Context) -> Result:
    return sz.bathing_soap(c.n, f"{c.months} month", c.p.bathing_soap_rate, c.p.soap_bar_mass)


@rule("laundry_soap")
def _laundry_soap(item: Item, c: Context) -> Result:
    return sz.laundry_soap(c.n, f"{c.months} month", c.p.laundry_soap_rate)


@rule("menstrual")
def _menstrual(item: Item, c: Context) -> Result:
    f = c.f
    if f.inputs.women_15_49 is not None:
        nw, what = f.inputs.women_15_49, "what.woman_15_49"
    else:
        nw, what = f.females, "what.woman_or_girl"
    if not nw:
        return skip("menstrual")
    return replace(sz.per_place(nw, 1, what=what, source=item.source, status=item.status), unit="kit")


@rule("buckets")
def _buckets(item: Item, c: Context) -> Result:
    f = c.f
    k = int(c.p.cleaning_buckets_per_sanitary_room)
    val = f.households + k * f.sanitary_rooms
    if not val:
        return skip("buckets")
    return _s(val, "pc", basis("buckets", h=f.households, k=k, s=f.sanitary_rooms), item.source,
              "design_choice" if k else item.status)


@rule("toilets")
def _toilets(item: Item, c: Context) -> Result:
    v = _s(c.toilets.total, "cubicle", c.toilets.basis.plus("toilets.layout", n=c.f.layout_wc), item.source,
           item.status)
    return replace(v, notes=c.toilets.notes)


@rule("septic")
def _septic(item: Item, c: Context) -> Result:
    v = _s(c.septic.total, "m³", c.septic.basis, item.source, sz.worst(item.status, "design_choice", c.water.status))
    return replace(v, notes=c.septic.notes)


@rule("self_catering_households")
def _self_catering_households(item: Item, c: Context) -> Result:
    f = c.f
    if not (f.inputs.self_catering and f.households):
        return skip("self_catering")
    v = sz.per_place(f.households, 1, what="what.self_catering", source=item.source, status=item.status)
    return replace(v, unit="set")


@rule("infirmaries")
def _infirmaries(item: Item, c: Context) -> Result:
    if not c.f.infirmaries:
        return skip("infirmaries")
    return _s(1, "pc", basis("infirmaries"), item.source, item.status)


@rule("iehk")
def _iehk(item: Item, c: Context) -> Result:
    f, p = c.f, c.p
    own = f.inputs.own_primary_care if f.inputs.own_primary_care is not None else bool(f.infirmaries)
    if not own:
        return skip("iehk")
    return sz.iehk_modules(c.n, f"{c.months} month", p.persons_per_iehk_module, f"{p.iehk_period} month")


@rule("jerrycans")
def _jerrycans(item: Item, c: Context) -> Result:
    f = c.f
    if not (f.inputs.self_collect_water and f.households):
        return skip("jerrycans")
    return _s(2 * f.households, "pc", basis("jerrycans", h=f.households), item.source, item.status)


@rule("water_storage")
def _water_storage(item: Item, c: Context) -> Result:
    v = _s(c.storage.value, "m³", basis("water.storage.rule", demand=c.water.basis, days=c.p.water_autonomy),
           item.source, c.storage.status)
    return replace(v, notes=(basis("water.gap"),))


@rule("lanterns")
def _lanterns(item: Item, c: Context) -> Result:
    k = c.p.lanterns_per_sleeping_room
    if not (c.f.sleeping_rooms and k):
        return skip("lanterns")
    return sz.per_place(c.f.sleeping_rooms, k, what="what.sleeping_room_lantern", source=item.source,
                        status=item.status)


@rule("luminaires")
def _luminaires(item: Item, c: Context) -> Result:
    f, p = c.f, c.p
    n_lum = c.loads[0].count
    if not n_lum:
        return skip("luminaires")
    lux = lux_table(p)
    statuses = {lux[use][1] for _, use, a in f.room_areas if use != "outdoor" and a > 0}
    rooms = sum(1 for _, u, _a in f.room_areas if u != "outdoor")
    b = basis("luminaires", flux=p.luminaire_flux, uf=p.utilisation_factor, mf=p.maintenance_factor, rooms=rooms)
    v = _s(n_lum, "luminaire", b, item.source, sz.worst("unverified", "design_choice", *statuses))
    night = c.protection.night if c.protection else None
    if night and night.indoor_rooms:
        areas = {rid: (use, a) for rid, use, a in f.room_areas}
        route = ((lux[areas[r][0]][0], areas[r][1]) for r in night.indoor_rooms if r in areas)
        on_route = sz.luminaires_for_rooms(route, p.luminaire_flux, p.utilisation_factor, p.maintenance_factor)
        v = replace(v, notes=(basis("night.indoor", n=on_route, rooms=", ".join(night.indoor_rooms),
                                    rules=", ".join(night.rules)),))
    return v


@rule("fans")
def _fans(item: Item, c: Context) -> Result:
    f, p = c.f, c.p
    fans = fan_count(f, p)
    if not fans:
        return skip("fans", climate=_Word("climates", f.climate))
    return _s(fans, "pc", basis("fans", k=p.fans_per_room, r=f.fan_rooms), item.source, item.status)


@rule("generator")
def _generator(item: Item, c: Context) -> Result:
    if not c.gen:
        return skip("generator")
    return replace(_s(c.gen.rated_kva, "kVA", c.gen.basis, item.source, c.power_status), notes=c.gen.notes)


def _pv_part(value: str, unit: str, part: str) -> Callable[[Item, Context], Result]:
    """The rule of one part of the PV system (array, battery, inverter): its size and basis."""
    def size(item: Item, c: Context) -> Result:
        if not c.pv:
            return skip("pv")
        return _s(getattr(c.pv, value), unit, getattr(c.pv, f"basis_{part}"), item.source, c.power_status)
    return size


rule("pv_array")(_pv_part("array_wp", "Wp", "array"))
rule("battery")(_pv_part("battery_kwh", "kWh", "battery"))
rule("inverter")(_pv_part("inverter_va", "VA", "inverter"))


@rule("fuel_tank")
def _fuel_tank(item: Item, c: Context) -> Result:
    if not c.fuel:
        return skip("generator")
    return replace(c.fuel, status=c.power_status)


@rule("extinguishers")
def _extinguishers(item: Item, c: Context) -> Result:
    return sz.extinguishers(c.f.floor_area, c.f.levels, c.p.area_per_extinguisher, int(c.p.minimum_extinguishers))


@rule("co2_extinguishers")
def _co2_extinguishers(item: Item, c: Context) -> Result:
    f = c.f
    return _s(max(f.technical_rooms, 1), "pc", basis("co2_extinguishers", n=f.technical_rooms), item.source,
              "design_choice")


@rule("first_aid")
def _first_aid(item: Item, c: Context) -> Result:
    f, fa = c.f, c.first_aid
    per_level = int(c.p.first_aid_kits_per_level)
    extra = per_level * f.levels
    b = basis("first_aid", kits=fa.kits, size=basis(f"kit.{fa.size}"), staff=f.staff,
              hazard=basis(f"hazard.{f.inputs.hazard}"), personnel=fa.personnel)
    if extra:
        b = b.plus("first_aid.per_level", k=per_level, lv=f.levels)
    return _s(fa.kits + extra, "kit", b, item.source, item.status if not extra else "design_choice")


@rule("dining_seats")
def _dining_seats(item: Item, c: Context) -> Result:
    v = sz.dining_seats(c.n, int(c.p.sittings))
    drawn = [r.seats for r in c.centre.rooms if r.use == "dining" and r.seats is not None]
    if drawn:
        v = replace(v, basis=v.basis.plus("dining_seats.drawn", n=sum(drawn)))
    return v


@rule("ecd_kits")
def _ecd_kits(item: Item, c: Context) -> Result:
    children = c.f.inputs.children_0_6
    if children is None:
        return skip("ecd_not_given")
    if children == 0:
        return skip("ecd_none")
    return sz.children_kits(children, c.p.children_per_ecd_kit, age="age.0_6")


@rule("recreation_kits")
def _recreation_kits(item: Item, c: Context) -> Result:
    children, age = c.f.inputs.children_7_18, "age.7_18"
    if children is None:
        children = c.centre.population.boys + c.centre.population.girls
        age = "age.7_18_unaccompanied"
    if not children:
        return skip("recreation")
    return sz.children_kits(children, c.p.children_per_recreation_kit, age=age)


@rule("water_points")
def _water_points(item: Item, c: Context) -> Result:
    if not c.f.water_points:
        return skip("water_points")
    return _s(c.f.water_points, "point", basis("water_points", n=c.f.water_points), item.source, item.status)


# ---- protection (issue 18): accessible fittings, night lighting, perimeter ---------------------------
def _accessible_fittings(fixture: str, per: str) -> Callable[[Item, Context], Result]:
    """A rule "``per`` fittings for each accessible WC (or shower) the accessibility rule requires"
    (:meth:`equipment.protection.Protection.accessible`), with how that number was reached."""
    def size(item: Item, c: Context) -> Result:
        need = c.protection.accessible(fixture) if c.protection else None
        if need is None:
            return skip(f"accessible_{fixture}")
        k = getattr(c.p, per)
        v = sz.per_place(need.count, k, what=f"what.accessible_{fixture}", source=item.source,
                         status=sz.worst(item.status, need.status))
        b = v.basis.plus("accessible.need", count=need.count, unit=fixture, share=need.share * 100, total=need.total,
                         need=need.need, drawn=need.drawn, lacking=need.lacking, rule=need.rule)
        return replace(v, basis=b, unit=item.unit)
    return size


rule("accessible_wc_grab_bars")(_accessible_fittings("wc", "grab_bars_per_accessible_wc"))
rule("accessible_shower_grab_bars")(_accessible_fittings("shower", "grab_bars_per_accessible_shower"))
rule("accessible_shower_seats")(_accessible_fittings("shower", "seats_per_accessible_shower"))


@rule("night_paths")
def _night_paths(item: Item, c: Context) -> Result:
    night = c.protection.night if c.protection else None
    if night is None or not night.length:
        return skip("night_paths")
    parts = [basis("night.path", id=pid, m=m) for pid, m in night.paths]
    if night.route_m:
        parts.append(basis("night.route", m=night.route_m))
    b = basis("night.paths", parts=parts, total=night.length, lux=night.lux_outdoor, rules=", ".join(night.rules))
    return replace(_s(night.length, "m", b, item.source, sz.worst(item.status, night.status)),
                   notes=(basis("night.spacing"),))


@rule("night_doors")
def _night_doors(item: Item, c: Context) -> Result:
    night = c.protection.night if c.protection else None
    if night is None or not night.doors:
        return skip("night_doors")
    k, n = c.p.lights_per_lit_door, len(night.doors)
    return _s(math.ceil(round(n * k, 9)), "pc", basis("night.doors", per=k, n=n, ids=", ".join(night.doors)),
              item.source, item.status)


def _enclosure(fence: str) -> Callable[[Item, Context], Result]:
    """The rule of the fence (or the wall) closing the site: its length less the gates, when the layout's
    perimeter is of that kind."""
    other = {"fence": "perimeter_wall", "wall": "perimeter_fence"}
    def size(item: Item, c: Context) -> Result:
        site = c.centre.site
        per = site.perimeter if site else None
        if per is None:
            return skip("perimeter")
        if per.fence == "none":
            return skip("perimeter_open")
        if per.fence != fence:
            return skip(other[fence])
        v = sz.enclosure_length(per.length, [g.width for g in per.gates])
        return replace(v, source=item.source, status=item.status)
    return size


rule("fence")(_enclosure("fence"))
rule("wall")(_enclosure("wall"))


@rule("gates")
def _gates(item: Item, c: Context) -> Result:
    site = c.centre.site
    per = site.perimeter if site else None
    if per is None:
        return skip("perimeter")
    if not per.gates:
        return skip("gates")
    return _s(len(per.gates), "pc", basis("gates", ids=", ".join(g.id for g in per.gates),
                                          w=sum(g.width for g in per.gates)), item.source, item.status)


@rule("gap")
def _gap(item: Item, c: Context) -> Result:
    return skip("gap", rule=item.rule_text)


# ---- transit/flow/infection: transit centres (centre.type transit) ---------------------------------
def transit_toilet_phase(centre: Centre, phase: str) -> str:
    """The phase whose toilet ratio a centre takes: a transit centre takes 1 per 50 whatever its phase
    (Sphere 2011 Appendix 3, reception/transit centres: 1 toilet to 50 individuals, 3:1 female to
    male; SPHAPP, secondary; the same figures as S1 for the first phase, verified)."""
    return "emergency" if centre.centre.type == "transit" else phase


def transit_water(centre: Centre, water: sz.WaterDemand, p: Any) -> sz.WaterDemand:
    """A transit centre's residents at ``water_transit`` L/person/day instead of the phase's rate
    (Sphere 2011 Appendix 2, reception/transit centres: 15 L if the stay is longer than a day, 3 L if
    limited to the day; SPHAPP, secondary). Units: L/person/day; other terms unchanged."""
    if centre.centre.type != "transit":
        return water
    rate = quantity(p.water_transit, "L/person/day", "water_transit")
    terms = tuple(replace(t, rate=rate, litres_per_day=t.count * rate.magnitude, source="SPHAPP (Sphere appendix)",
                          status="secondary") if t.name == "residents" else t for t in water.terms)
    return sz.WaterDemand(terms)
