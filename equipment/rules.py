"""Sizing rules: one small function per catalogue rule, kept in a registry.

Each rule takes a catalogue item and the :class:`Context` of a centre (the facts of its layout, the
parameters, and the shared intermediates computed once: bed places, toilets, showers, water demand
and storage, septic tank, load list, generator, PV, fuel, first aid) and returns a :class:`~equipment.sizing.Sized`
quantity or a :class:`Skip` with the reason in English and French. :func:`equipment.centre.size_centre`
is a loop over the catalogue calling ``RULES[item.rule]``; a rule named in the catalogue without a
function here fails at import time of the catalogue test (tests/unit/test_equipment_sizing.py).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable, Union

from equipment import sizing as sz
from equipment.catalogue import Item
from equipment.params import parameter_info
from planner.units import quantity

if TYPE_CHECKING:
    from equipment.centre import Facts
    from planner.model import Centre

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

    en: str
    fr: str


Result = Union[sz.Sized, Skip]
RULES: dict[str, Callable[[Item, "Context"], Result]] = {}


def rule(name: str) -> Callable[[Callable[[Item, "Context"], Result]], Callable[[Item, "Context"], Result]]:
    """Register the sizing function of catalogue rule ``name``."""
    def register(fn: Callable[[Item, "Context"], Result]) -> Callable[[Item, "Context"], Result]:
        if name in RULES:
            raise ValueError(f"sizing rule {name!r} registered twice")
        RULES[name] = fn
        return fn
    return register


@dataclass(frozen=True)
class Context:
    """A centre's facts and parameters with the intermediates every rule shares, computed once."""

    centre: "Centre"
    f: "Facts"
    p: Any
    n: int
    phase: str
    months: float
    beds: int
    beds_en: str
    beds_fr: str
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


def context(centre: "Centre", f: "Facts", p: Any) -> tuple[Context, list[str]]:
    """The :class:`Context` of a centre and the warnings its intermediates raise."""
    n, phase = f.residents, f.phase
    warnings: list[str] = []
    if p.beds_basis == "capacity":
        beds, beds_en, beds_fr = n, "resident", "résident"
        if f.sleeping_places and f.sleeping_places != n:
            warnings.append(f"the layout draws {f.sleeping_places} beds in sleeping rooms for {n} residents; "
                            "bedding is sized on the capacity (beds_basis: capacity)")
    else:
        beds, beds_en, beds_fr = f.sleeping_places, "bed drawn in sleeping rooms", "lit dessiné en chambre"
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
    ctx = Context(centre, f, p, n, phase, p.supply_months, beds, beds_en, beds_fr, toilets, showers, water, storage,
                  septic, loads, gen, pv, fuel, sz.first_aid_kits(f.staff, f.inputs.hazard))
    warnings += list(toilets.notes) + list(septic.notes) + (list(gen.notes) if gen else [])
    if p.pv_irradiation == parameter_info()["pv_irradiation"].value and pv:
        warnings.append("PV sized on the annual mean irradiation of 5.48 kWh/m²/day (ANER, S21); the reference "
                        "asks to size on the site's worst month: set pv_irradiation to that month's value")
    return ctx, warnings


def _s(value: float, unit: str, en: str, fr: str, source: str, status: str) -> sz.Sized:
    return sz.Sized(value, unit, en, fr, source, status)


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
                     False, "design_choice",
                     f"{n_lum} luminaires by the lumen method (UF {p.utilisation_factor:g}, MF {p.maintenance_factor:g}) "
                     f"× {p.luminaire_power:g} W")]
    fans = fan_count(f, p)
    if fans:
        loads.append(sz.Load("fans (FAN-01)", fans, p.fan_power, p.fan_hours, 1.0, False, "design_choice",
                             f"{fans} fans × {p.fan_power:g} W"))
    if f.infirmaries and p.fridge_power > 0:
        loads.append(sz.Load("medical refrigerator (MED-01)", f.infirmaries, p.fridge_power, p.fridge_hours, 1.0,
                             True, "design_choice", f"{f.infirmaries} × {p.fridge_power:g} W (compressor motor)"))
    if f.it_rooms and p.it_power_per_office > 0:
        loads.append(sz.Load("IT and communication", f.it_rooms, p.it_power_per_office, p.it_hours, 1.0, False,
                             "design_choice", f"{f.it_rooms} offices × {p.it_power_per_office:g} W"))
    if p.pump_power > 0:
        loads.append(sz.Load("water pump", 1, p.pump_power * 1000, p.pump_hours, 1.0, True, "design_choice",
                             f"1 × {p.pump_power * 1000:g} W (motor)"))
    return loads


def lux_table(p: Any) -> dict[str, tuple[float, str]]:
    """Illuminance (lux) and status for every room use."""
    from planner.model import USES

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

def _one_per(count: Callable[[Context], int], what_en: str, what_fr: str, skip_en: str, skip_fr: str,
             unit: str | None = None) -> Callable[[Item, Context], Result]:
    """A rule "one item per counted thing" (per surge place, infant, household, kitchen…): the count
    read from the context, or a :class:`Skip` with the reason when it is 0."""
    def size(item: Item, c: Context) -> Result:
        n = count(c)
        if not n:
            return Skip(skip_en, skip_fr)
        v = sz.per_place(n, 1, what_en=what_en, what_fr=what_fr, source=item.source, status=item.status)
        return replace(v, unit=item.unit) if unit == "item" else v
    return size


rule("surge_places")(_one_per(
    lambda c: c.f.inputs.surge_places, "surge place", "place d'urgence",
    "surge places = 0 (set centres.<name>.surge_places for surge capacity)",
    "places d'urgence = 0 (renseigner centres.<nom>.surge_places)"))
rule("infants")(_one_per(
    lambda c: c.f.inputs.infants_0_2 or 0, "infant aged 0-2", "nourrisson de 0 à 2 ans",
    "infants aged 0-2 not given (set centres.<name>.infants_0_2)",
    "nourrissons de 0 à 2 ans non renseignés (centres.<nom>.infants_0_2)"))
rule("households")(_one_per(
    lambda c: c.f.households, "household", "ménage", "no households (families) in the population",
    "aucun ménage dans la population", unit="item"))
rule("persons")(_one_per(
    lambda c: c.n, "resident", "résident", "no residents", "aucun résident", unit="item"))
rule("infirmary_beds")(_one_per(
    lambda c: c.f.infirmary_beds, "bed in medical/isolation rooms", "lit en salle médicale/d'isolement",
    "no beds in medical or isolation rooms", "aucun lit en salle médicale ou d'isolement"))
rule("kitchens")(_one_per(
    lambda c: c.f.kitchens, "kitchen", "cuisine", "no kitchen in the layout", "aucune cuisine dans le plan"))
rule("sleeping_rooms")(_one_per(
    lambda c: c.f.sleeping_rooms, "sleeping room", "chambre", "no sleeping rooms in the layout",
    "aucune chambre dans le plan"))


@rule("beds")
def _beds(item: Item, c: Context) -> Result:
    beds = c.beds
    beds_en = c.beds_en
    beds_fr = c.beds_fr
    v = sz.per_place(beds, 1, what_en=beds_en, what_fr=beds_fr, source=item.source, status=item.status)
    return v


@rule("blankets")
def _blankets(item: Item, c: Context) -> Result:
    p = c.p
    n = c.n
    v = sz.blankets(n, p.blankets_per_person)
    return v


@rule("linen")
def _linen(item: Item, c: Context) -> Result:
    p = c.p
    beds = c.beds
    beds_en = c.beds_en
    beds_fr = c.beds_fr
    v = sz.per_place(beds, p.linen_sets_per_bed, what_en=beds_en, what_fr=beds_fr,
                     source=item.source, status=item.status)
    v = replace(v, unit="set", basis_en=v.basis_en.replace(" per ", " sets in rotation per ", 1),
                basis_fr=v.basis_fr.replace(" par ", " jeux en rotation par ", 1))
    return v


@rule("nets")
def _nets(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    n = c.n
    beds = c.beds
    v = sz.nets(beds, rule=p.net_rule, residents=n, family_room_persons=f.family_room_persons,
                single_places=max(beds - sum(f.family_room_persons), 0),
                persons_per_net_procurement=p.persons_per_net_procurement,
                persons_per_net_family=p.persons_per_net_family)
    return v


@rule("bathing_soap")
def _bathing_soap(item: Item, c: Context) -> Result:
    p = c.p
    n = c.n
    months = c.months
    v = sz.bathing_soap(n, f"{months} month", p.bathing_soap_rate, p.soap_bar_mass)
    return v


@rule("laundry_soap")
def _laundry_soap(item: Item, c: Context) -> Result:
    p = c.p
    n = c.n
    months = c.months
    v = sz.laundry_soap(n, f"{months} month", p.laundry_soap_rate)
    return v


@rule("menstrual")
def _menstrual(item: Item, c: Context) -> Result:
    f = c.f
    if f.inputs.women_15_49 is not None:
        nw, how_en, how_fr = f.inputs.women_15_49, "woman aged 15-49", "femme de 15 à 49 ans"
    else:
        nw = f.females
        how_en = "woman or girl (ages not given: set centres.<name>.women_15_49)"
        how_fr = "femme ou fille (âges non renseignés : centres.<nom>.women_15_49)"
    if nw:
        v = sz.per_place(nw, 1, what_en=how_en, what_fr=how_fr, source=item.source, status=item.status)
        v = replace(v, unit="kit")
    else:
        return Skip("no women or girls in the population", "aucune femme ni fille dans la population")
    return v


@rule("buckets")
def _buckets(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    k = int(p.cleaning_buckets_per_sanitary_room)
    val = f.households + k * f.sanitary_rooms
    if val:
        v = _s(val, "pc",
               f"1 per household × {f.households} + {k} cleaning bucket per sanitary room × {f.sanitary_rooms} (design choice)",
               f"1 par ménage × {f.households} + {k} seau de nettoyage par local sanitaire × {f.sanitary_rooms} (choix de conception)",
               item.source, "design_choice" if k else item.status)
    else:
        return Skip("no households and no sanitary rooms", "aucun ménage ni local sanitaire")
    return v


@rule("toilets")
def _toilets(item: Item, c: Context) -> Result:
    f = c.f
    toilets = c.toilets
    v = _s(toilets.total, "cubicle", toilets.basis_en + f"; the layout has {f.layout_wc} WCs",
           toilets.basis_fr + f" ; le plan compte {f.layout_wc} WC", item.source, item.status)
    v = replace(v, notes=toilets.notes)
    return v


@rule("septic")
def _septic(item: Item, c: Context) -> Result:
    water = c.water
    septic = c.septic
    v = _s(septic.total, "m³", septic.basis_en, septic.basis_fr, item.source,
           sz.worst(item.status, "design_choice", water.status))
    v = replace(v, notes=septic.notes)
    return v


@rule("self_catering_households")
def _self_catering_households(item: Item, c: Context) -> Result:
    f = c.f
    if f.inputs.self_catering and f.households:
        v = sz.per_place(f.households, 1, what_en="self-catering household", what_fr="ménage cuisinant",
                         source=item.source, status=item.status)
        v = replace(v, unit="set")
    else:
        return Skip("no self-catering family units (set centres.<name>.self_catering: true)",
             "pas d'unités familiales cuisinant elles-mêmes (centres.<nom>.self_catering: true)")
    return v


@rule("infirmaries")
def _infirmaries(item: Item, c: Context) -> Result:
    f = c.f
    if f.infirmaries:
        v = _s(1, "pc", "1 per infirmary (a medical room is drawn)", "1 par infirmerie (une salle médicale est dessinée)",
               item.source, item.status)
    else:
        return Skip("no medical room in the layout", "aucune salle médicale dans le plan")
    return v


@rule("iehk")
def _iehk(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    n = c.n
    months = c.months
    own = f.inputs.own_primary_care if f.inputs.own_primary_care is not None else bool(f.infirmaries)
    if own:
        v = sz.iehk_modules(n, f"{months} month", p.persons_per_iehk_module, f"{p.iehk_period} month")
    else:
        return Skip("the centre does not run its own primary care (no medical room; set own_primary_care)",
             "le centre n'assure pas ses propres soins primaires (pas de salle médicale ; own_primary_care)")
    return v


@rule("jerrycans")
def _jerrycans(item: Item, c: Context) -> Result:
    f = c.f
    if f.inputs.self_collect_water and f.households:
        v = _s(2 * f.households, "pc", f"2 per household × {f.households} households (residents collect water)",
               f"2 par ménage × {f.households} ménages (les résidents puisent l'eau)", item.source, item.status)
    else:
        return Skip("residents do not collect water themselves (set centres.<name>.self_collect_water: true)",
             "les résidents ne puisent pas l'eau eux-mêmes (centres.<nom>.self_collect_water: true)")
    return v


@rule("water_storage")
def _water_storage(item: Item, c: Context) -> Result:
    p = c.p
    water = c.water
    storage = c.storage
    v = _s(storage.value, "m³", f"({water.words()}) × {p.water_autonomy:g} {sz.plural(p.water_autonomy, 'day', 'days')}",
           f"({water.words('fr')}) × {sz.num(p.water_autonomy, 'fr')} {sz.plural(p.water_autonomy, 'jour', 'jours')}", item.source, storage.status)
    v = replace(v, notes=("kitchen and laundry water have no figure in the reference (gap): not included; "
                          "the resident rate covers drinking, cooking and personal hygiene",))
    return v


@rule("lanterns")
def _lanterns(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    k = p.lanterns_per_sleeping_room
    if f.sleeping_rooms and k:
        v = sz.per_place(f.sleeping_rooms, k, what_en="sleeping room (design choice, no source)",
                         what_fr="chambre (choix de conception, sans source)", source=item.source,
                         status=item.status)
    else:
        return Skip("no sleeping rooms, or lanterns_per_sleeping_room = 0", "aucune chambre, ou lanterns_per_sleeping_room = 0")
    return v


@rule("luminaires")
def _luminaires(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    loads = c.loads
    lux = lux_table(p)
    n_lum = loads[0].count
    statuses = {lux[use][1] for _, use, a in f.room_areas if use != "outdoor" and a > 0}
    v = _s(n_lum, "luminaire",
           f"Σ ceil(E × A / ({p.luminaire_flux:g} lm × UF {p.utilisation_factor:g} × MF {p.maintenance_factor:g})) "
           f"over {sum(1 for _, u, _a in f.room_areas if u != 'outdoor')} rooms, E by use (corridors and toilets 100 lx)",
           f"Σ plafond(E × A / ({p.luminaire_flux:g} lm × UF {sz.num(p.utilisation_factor, 'fr')} × MF "
           f"{sz.num(p.maintenance_factor, 'fr')})) sur les locaux, E selon l'usage (circulations et toilettes 100 lx)",
           item.source, sz.worst("unverified", "design_choice", *statuses))
    if not n_lum:
        v = None
        return Skip("no rooms with a floor area", "aucun local avec une surface")
    return v


@rule("fans")
def _fans(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    fans = fan_count(f, p)
    if fans:
        v = _s(fans, "pc", f"{p.fans_per_room:g} per occupied room × {f.fan_rooms} rooms (hot climate; design choice)",
               f"{sz.num(p.fans_per_room, 'fr')} par local occupé × {f.fan_rooms} locaux (climat chaud ; choix de conception)",
               item.source, item.status)
    else:
        return Skip(f"{f.climate} climate or no occupied rooms: no fans", f"climat {f.climate} ou aucun local occupé : pas de ventilateur")
    return v


@rule("generator")
def _generator(item: Item, c: Context) -> Result:
    gen = c.gen
    power_status = c.power_status
    if gen:
        v = _s(gen.rated_kva, "kVA", gen.basis_en, gen.basis_fr, item.source, power_status)
        v = replace(v, notes=gen.notes)
    else:
        return Skip("no generator (power_supply) or no load", "pas de groupe (power_supply) ou aucune charge")
    return v


_NO_PV = Skip("no PV (power_supply) or no load", "pas de PV (power_supply) ou aucune charge")


def _pv_part(value: str, unit: str, basis: str) -> Callable[[Item, Context], Result]:
    """The rule of one part of the PV system (array, battery, inverter): its size and basis."""
    def size(item: Item, c: Context) -> Result:
        if not c.pv:
            return _NO_PV
        return _s(getattr(c.pv, value), unit, getattr(c.pv, f"basis_{basis}_en"), getattr(c.pv, f"basis_{basis}_fr"),
                  item.source, c.power_status)
    return size


rule("pv_array")(_pv_part("array_wp", "Wp", "array"))
rule("battery")(_pv_part("battery_kwh", "kWh", "battery"))
rule("inverter")(_pv_part("inverter_va", "VA", "inverter"))


@rule("fuel_tank")
def _fuel_tank(item: Item, c: Context) -> Result:
    fuel = c.fuel
    power_status = c.power_status
    if fuel:
        v = replace(fuel, status=power_status)
    else:
        return Skip("no generator (power_supply) or no load", "pas de groupe (power_supply) ou aucune charge")
    return v


@rule("extinguishers")
def _extinguishers(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    v = sz.extinguishers(f.floor_area, f.levels, p.area_per_extinguisher, int(p.minimum_extinguishers))
    return v


@rule("co2_extinguishers")
def _co2_extinguishers(item: Item, c: Context) -> Result:
    f = c.f
    k = max(f.technical_rooms, 1)
    v = _s(k, "pc", f"1 per technical room × {f.technical_rooms}, at least 1 at the main electrical board",
           f"1 par local technique × {f.technical_rooms}, au moins 1 au tableau électrique principal",
           item.source, "design_choice")
    return v


@rule("first_aid")
def _first_aid(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    first_aid = c.first_aid
    extra = int(p.first_aid_kits_per_level) * f.levels
    total = first_aid.kits + extra
    en = (f"{first_aid.kits} {first_aid.size} kit(s) for {f.staff} staff, {f.inputs.hazard} hazard "
          f"(+ {first_aid.personnel_en})")
    fr = (f"{first_aid.kits} trousse(s) {sz.KIT_SIZE_FR[first_aid.size]} pour {f.staff} personnels, risque "
          f"{'faible' if f.inputs.hazard == 'low' else 'élevé'} (+ {first_aid.personnel_fr})")
    if extra:
        en += f" + {int(p.first_aid_kits_per_level)} per level × {f.levels} levels (design choice)"
        fr += f" + {int(p.first_aid_kits_per_level)} par niveau × {f.levels} niveaux (choix de conception)"
    v = _s(total, "kit", en, fr, item.source, item.status if not extra else "design_choice")
    return v


@rule("dining_seats")
def _dining_seats(item: Item, c: Context) -> Result:
    p = c.p
    n = c.n
    centre = c.centre
    v = sz.dining_seats(n, int(p.sittings))
    drawn = [r.seats for r in centre.rooms if r.use == "dining" and r.seats is not None]
    if drawn:
        v = replace(v, basis_en=v.basis_en + f"; the layout's dining rooms seat {sum(drawn)}",
                    basis_fr=v.basis_fr + f" ; les salles à manger du plan comptent {sum(drawn)} places")
    return v


@rule("ecd_kits")
def _ecd_kits(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    if f.inputs.children_0_6 is None:
        return Skip("children aged 0-6 not given (set centres.<name>.children_0_6)",
             "enfants de 0 à 6 ans non renseignés (centres.<nom>.children_0_6)")
    elif f.inputs.children_0_6 == 0:
        return Skip("no children aged 0-6", "aucun enfant de 0 à 6 ans")
    else:
        v = sz.children_kits(f.inputs.children_0_6, p.children_per_ecd_kit, age_en="aged 0-6", age_fr="de 0 à 6 ans")
    return v


@rule("recreation_kits")
def _recreation_kits(item: Item, c: Context) -> Result:
    f = c.f
    p = c.p
    centre = c.centre
    c, note_en, note_fr = f.inputs.children_7_18, "aged 7-18", "de 7 à 18 ans"
    if c is None:
        c = centre.population.boys + centre.population.girls
        note_en = "aged 7-18 (unaccompanied minors; set centres.<name>.children_7_18 to count children in families)"
        note_fr = "de 7 à 18 ans (mineurs non accompagnés ; centres.<nom>.children_7_18 pour les enfants en famille)"
    if c:
        v = sz.children_kits(c, p.children_per_recreation_kit, age_en=note_en, age_fr=note_fr)
    else:
        return Skip("no children aged 7-18 (set centres.<name>.children_7_18)",
             "aucun enfant de 7 à 18 ans (centres.<nom>.children_7_18)")
    return v


@rule("water_points")
def _water_points(item: Item, c: Context) -> Result:
    f = c.f
    if f.water_points:
        v = _s(f.water_points, "point", "WC, showers, basins and urinals drawn in the layout + 1 per kitchen "
               f"= {f.water_points} water points", "WC, douches, lavabos et urinoirs dessinés au plan + 1 par "
               f"cuisine = {f.water_points} points d'eau", item.source, item.status)
    else:
        return Skip("no fixtures drawn in the layout", "aucun appareil sanitaire dessiné au plan")
    return v


@rule("gap")
def _gap(item: Item, c: Context) -> Result:
    return Skip(f"no sizing rule in the reference: {item.rule_text.en}; set a quantity with overrides",
         f"pas de règle de dimensionnement dans la référence : {item.rule_text.fr} ; fixer une quantité (overrides)")


# ---- transit/flow/infection: transit centres (centre.type transit) ---------------------------------
def transit_toilet_phase(centre: "Centre", phase: str) -> str:
    """The phase whose toilet ratio a centre takes: a transit centre takes 1 per 50 whatever its phase
    (Sphere 2011 Appendix 3, reception/transit centres: 1 toilet to 50 individuals, 3:1 female to
    male; SPHAPP, secondary; the same figures as S1 for the first phase, verified)."""
    return "emergency" if centre.centre.type == "transit" else phase


def transit_water(centre: "Centre", water: sz.WaterDemand, p: Any) -> sz.WaterDemand:
    """A transit centre's residents at ``water_transit`` L/person/day instead of the phase's rate
    (Sphere 2011 Appendix 2, reception/transit centres: 15 L if the stay is longer than a day, 3 L if
    limited to the day; SPHAPP, secondary). Units: L/person/day; other terms unchanged."""
    if centre.centre.type != "transit":
        return water
    rate = quantity(p.water_transit, "L/person/day", "water_transit")
    terms = tuple(replace(t, rate=rate, litres_per_day=t.count * rate.magnitude, source="SPHAPP (Sphere appendix)",
                          status="secondary") if t.name == "residents" else t for t in water.terms)
    return sz.WaterDemand(terms)

