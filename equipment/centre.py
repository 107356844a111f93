"""Sizing one centre: the facts a layout gives (areas, beds, rooms by use, population) turned into
a quantity for each catalogue item through the functions of :mod:`equipment.sizing`.

Items whose sizing rule is a gap in the reference (HYG-05, LAU-01, KIT-02, TAR-01, WAT-02), or
that need an input the layout does not hold (children 0-6, infants, surge places), are left out of
the computed list with the reason shown, unless the user sets a quantity (``overrides``) or the
missing input (``centres.<name>``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from planner.errors import CatalogueError
from planner.geometry import build_plan
from planner.model import SLEEPING_USES, Centre

from equipment import sizing as sz
from equipment.catalogue import Catalogue, load_catalogue
from equipment.params import CentreInputs, SizingParams, make_params, parameter_info

# Rooms where people stay during the day or night and a fan is useful (FAN-01, design choice).
FAN_USES = (
    "dormitory", "family_room", "medical", "isolation", "interview", "child_space", "women_space",
    "dining", "office", "reception", "waiting", "recreation", "prayer", "visits", "legal",
    "staff_room", "security",
)
IT_USES = ("office", "reception", "legal")
INFIRMARY_USES = ("medical", "isolation")
# Rules whose quantity the spare / turn-over factor k_spare applies to (non-food items, consumables).
SPARE_RULES = ("beds", "blankets", "linen", "nets", "persons", "bathing_soap", "laundry_soap",
               "menstrual", "households", "buckets", "jerrycans", "surge_places", "infants")


@dataclass(frozen=True)
class Facts:
    """What the sizing reads from a centre's layout and inputs (counts, m²)."""

    name: str
    phase: str
    climate: str
    residents: int
    staff: int
    households: int
    females: int
    males: int
    family_persons: int
    sleeping_places: int  # beds drawn in dormitories and family rooms
    sleeping_rooms: int
    family_room_persons: tuple[int, ...]
    infirmary_beds: int
    infirmaries: int
    kitchens: int
    technical_rooms: int
    sanitary_rooms: int
    it_rooms: int
    fan_rooms: int
    floor_area: float
    levels: int
    layout_wc: int
    layout_showers: int
    water_points: int  # WC, showers, basins and urinals drawn, plus one per kitchen
    room_areas: tuple[tuple[str, str, float], ...]  # (id, use, m²)
    inputs: CentreInputs


def facts_of(centre: Centre, inputs: CentreInputs | None = None, plan: Any = None) -> Facts:
    """The :class:`Facts` of a centre (areas from :func:`planner.geometry.build_plan`)."""
    plan = plan or build_plan(centre)
    pop = centre.population
    rooms = centre.rooms
    areas = tuple((r.id, r.use, plan.area(r.id)) for r in rooms)
    sleeping = [r for r in rooms if r.use in SLEEPING_USES]
    return Facts(
        name=centre.centre.name, phase=centre.centre.phase, climate=centre.centre.climate,
        residents=pop.residents, staff=pop.staff, households=pop.households,
        females=pop.women + pop.girls, males=pop.men + pop.boys, family_persons=pop.family_persons,
        sleeping_places=sum(r.beds for r in sleeping), sleeping_rooms=len(sleeping),
        family_room_persons=tuple((r.occupants if r.occupants is not None else r.beds)
                                  for r in rooms if r.use == "family_room"),
        infirmary_beds=sum(r.beds for r in rooms if r.use in INFIRMARY_USES),
        infirmaries=1 if any(r.use == "medical" for r in rooms) else 0,
        kitchens=sum(1 for r in rooms if r.use == "kitchen"),
        technical_rooms=sum(1 for r in rooms if r.use == "technical"),
        sanitary_rooms=sum(1 for r in rooms if r.use == "sanitary"),
        it_rooms=sum(1 for r in rooms if r.use in IT_USES),
        fan_rooms=sum(1 for r in rooms if r.use in FAN_USES),
        floor_area=sum(a for _, use, a in areas if use != "outdoor"),
        levels=max([centre.centre.levels] + [len({r.level for r in rooms})]),
        layout_wc=sum(r.fixtures.wc for r in rooms if r.fixtures and r.use == "sanitary"),
        layout_showers=sum(r.fixtures.shower for r in rooms if r.fixtures and r.use == "sanitary"),
        water_points=sum(r.fixtures.wc + r.fixtures.shower + r.fixtures.basin + r.fixtures.urinal
                         for r in rooms if r.fixtures) + sum(1 for r in rooms if r.use == "kitchen"),
        room_areas=areas, inputs=inputs or CentreInputs(),
    )


@dataclass(frozen=True)
class Omitted:
    id: str
    reason_en: str
    reason_fr: str


@dataclass
class CentreSizing:
    """Quantities for one centre: computed lines, items left out with the reason, design figures."""

    name: str
    facts: Facts
    lines: dict[str, sz.Sized]
    omitted: dict[str, Omitted]
    water: sz.WaterDemand
    storage: sz.Sized
    toilets: sz.Toilets
    showers: sz.Sized
    septic: sz.SepticTank
    loads: list[sz.Load]
    generator: sz.Generator | None
    pv: sz.PvSystem | None
    fuel: sz.Sized | None
    first_aid: sz.FirstAid
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The design figures behind the list, as plain data (for JSON and reports)."""
        f = self.facts
        out: dict[str, Any] = {
            "residents": f.residents, "staff": f.staff, "households": f.households,
            "phase": f.phase, "floor_area_m2": round(f.floor_area, 2), "levels": f.levels,
            "beds_in_sleeping_rooms": f.sleeping_places, "sleeping_rooms": f.sleeping_rooms,
            "water": {"demand_l_per_day": self.water.total.magnitude, "basis": self.water.words(),
                      "basis_fr": self.water.words("fr"), "status": self.water.status,
                      "storage_m3": self.storage.value, "storage_basis": self.storage.basis_en},
            "toilets": {"total": self.toilets.total, "female": self.toilets.female, "male": self.toilets.male,
                        "accessible": self.toilets.accessible, "in_layout": f.layout_wc,
                        "basis": self.toilets.basis_en, "notes": list(self.toilets.notes),
                        **toilet_agreement(self.toilets.total, f.layout_wc, f.residents)},
            "showers": {"total": self.showers.value, "in_layout": f.layout_showers, "basis": self.showers.basis_en},
            "septic_tank": {"users": self.septic.users, "per_capita_l_per_day": round(self.septic.per_capita, 2),
                            "daily_flow_m3": round(self.septic.daily_flow, 3), "retention_h": self.septic.retention,
                            "liquid_m3": round(self.septic.liquid, 3), "sludge_m3": round(self.septic.sludge, 3),
                            "total_m3": self.septic.total, "applicable": self.septic.applicable,
                            "basis": self.septic.basis_en, "notes": list(self.septic.notes)},
            "loads": [{"name": ld.name, "count": ld.count, "power_w": ld.power, "hours_per_day": ld.hours,
                       "diversity": ld.diversity, "motor": ld.motor, "status": ld.status,
                       "running_w": round(ld.running_w, 1), "energy_wh_per_day": round(ld.energy_wh, 1),
                       "basis": ld.basis} for ld in self.loads],
            "first_aid": {"kits": self.first_aid.kits, "size": self.first_aid.size,
                          "personnel": self.first_aid.personnel_en, "hazard": f.inputs.hazard},
        }
        if self.generator:
            g = self.generator
            out["generator"] = {"running_kw": round(g.running_kw, 3), "largest_motor_kw": g.largest_motor_kw,
                                "required_kva": round(g.required_kva, 3), "derating": round(g.derating, 4),
                                "rated_kva": g.rated_kva, "loading_at_run": round(g.loading_at_run, 3),
                                "basis": g.basis_en, "notes": list(g.notes)}
        if self.pv:
            p = self.pv
            out["pv"] = {"daily_energy_wh": round(p.daily_energy_wh, 1), "array_wp": p.array_wp,
                         "battery_kwh": p.battery_kwh, "battery_ah": p.battery_ah, "inverter_va": p.inverter_va}
        return out


def toilet_agreement(sized: int, drawn: int, residents: int) -> dict[str, str]:
    """Why the toilet figures of the sizing (Sphere ratio over the whole centre) and the layout differ,
    in words a procurement officer can act on. The programme and the check count WCs per group and
    sanitary block, so they can ask for more than the whole-centre ratio: the works build the highest."""
    if drawn >= sized:
        en = (f"The layout draws {drawn} WCs, at least the {sized} the Sphere ratio asks for {residents} residents: "
              "build the WCs drawn (the works list counts them); the programme's per-group count, if higher, governs.")
        fr = (f"Le plan dessine {drawn} WC, au moins les {sized} que le ratio Sphère demande pour {residents} résidents : "
              "construire les WC dessinés (la liste des travaux les compte) ; le décompte par groupe du programme, "
              "s'il est plus élevé, prévaut.")
    else:
        en = (f"The layout draws {drawn} WCs, {sized - drawn} fewer than the {sized} the Sphere ratio asks for {residents} "
              "residents: add WCs to the plan before tendering the works (the check and the programme flag the "
              "shortfall per group).")
        fr = (f"Le plan dessine {drawn} WC, soit {sized - drawn} de moins que les {sized} que le ratio Sphère demande "
              f"pour {residents} résidents : ajouter des WC au plan avant de lancer les travaux (le contrôle et le "
              "programme signalent le manque par groupe).")
    return {"agreement": en, "agreement_fr": fr}


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


def size_centre(centre: Centre, params: Any = None, catalogue: Catalogue | None = None,
                plan: Any = None, name: str | None = None) -> CentreSizing:
    """Quantities of every catalogue item for one centre (see the module docstring)."""
    p = params if params is not None else make_params()
    cat = catalogue or load_catalogue()
    key = name or centre.centre.name
    inputs = p.centres.get(key) or p.centres.get(centre.centre.name) or CentreInputs()
    f = facts_of(centre, inputs, plan)
    if f.residents <= 0:
        raise CatalogueError(
            f"{key}: population: capacity is 0; set men, women, boys, girls or family_persons "
            "(the planned peak number of residents)")
    n, phase, months = f.residents, f.phase, p.supply_months
    lines: dict[str, sz.Sized] = {}
    omitted: dict[str, Omitted] = {}
    warnings: list[str] = []

    def omit(item: str, en: str, fr: str) -> None:
        omitted[item] = Omitted(item, en, fr)

    # bed places B
    if p.beds_basis == "capacity":
        beds, beds_en, beds_fr = n, "resident", "résident"
        if f.sleeping_places and f.sleeping_places != n:
            warnings.append(f"the layout draws {f.sleeping_places} beds in sleeping rooms for {n} residents; "
                            "bedding is sized on the capacity (beds_basis: capacity)")
    else:
        beds, beds_en, beds_fr = f.sleeping_places, "bed drawn in sleeping rooms", "lit dessiné en chambre"
    toilets = sz.toilets(n, phase, females=f.females, males=f.males,
                         per_stabilised=int(p.persons_per_toilet_stabilised),
                         per_emergency=int(p.persons_per_toilet_emergency),
                         female_share=p.female_toilet_share, accessible_share=p.accessible_toilet_share)
    showers = sz.showers(n, phase, per_stabilised=int(p.persons_per_shower_stabilised),
                         per_emergency=int(p.persons_per_shower_emergency))
    water = sz.water_demand(n, phase, f.staff, f.infirmary_beds, f.inputs.outpatients_per_day,
                            emergency_rate=p.water_emergency, stabilised_rate=p.water_stabilised,
                            staff_rate=p.water_staff, inpatient_rate=p.water_inpatient,
                            outpatient_rate=p.water_outpatient)
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
    first_aid = sz.first_aid_kits(f.staff, f.inputs.hazard)
    power_status = "design_choice"  # the load list rests on design-choice powers

    for item in cat.items.values():
        rule = item.rule
        v: sz.Sized | None = None
        if rule == "beds":
            v = sz.per_place(beds, 1, what_en=beds_en, what_fr=beds_fr, source=item.source, status=item.status)
        elif rule == "surge_places":
            if f.inputs.surge_places:
                v = sz.per_place(f.inputs.surge_places, 1, what_en="surge place", what_fr="place d'urgence",
                                 source=item.source, status=item.status)
            else:
                omit(item.id, "surge places = 0 (set centres.<name>.surge_places for surge capacity)",
                     "places d'urgence = 0 (renseigner centres.<nom>.surge_places)")
        elif rule == "infants":
            if f.inputs.infants_0_2:
                v = sz.per_place(f.inputs.infants_0_2, 1, what_en="infant aged 0-2", what_fr="nourrisson de 0 à 2 ans",
                                 source=item.source, status=item.status)
            else:
                omit(item.id, "infants aged 0-2 not given (set centres.<name>.infants_0_2)",
                     "nourrissons de 0 à 2 ans non renseignés (centres.<nom>.infants_0_2)")
        elif rule == "blankets":
            v = sz.blankets(n, p.blankets_per_person)
        elif rule == "linen":
            v = sz.per_place(beds, p.linen_sets_per_bed, what_en=beds_en, what_fr=beds_fr,
                             source=item.source, status=item.status)
            v = replace(v, unit="set", basis_en=v.basis_en.replace(" per ", " sets in rotation per ", 1),
                        basis_fr=v.basis_fr.replace(" par ", " jeux en rotation par ", 1))
        elif rule == "nets":
            v = sz.nets(beds, rule=p.net_rule, residents=n, family_room_persons=f.family_room_persons,
                        single_places=max(beds - sum(f.family_room_persons), 0),
                        persons_per_net_procurement=p.persons_per_net_procurement,
                        persons_per_net_family=p.persons_per_net_family)
        elif rule == "bathing_soap":
            v = sz.bathing_soap(n, f"{months} month", p.bathing_soap_rate, p.soap_bar_mass)
        elif rule == "laundry_soap":
            v = sz.laundry_soap(n, f"{months} month", p.laundry_soap_rate)
        elif rule == "menstrual":
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
                omit(item.id, "no women or girls in the population", "aucune femme ni fille dans la population")
        elif rule == "households":
            if f.households:
                v = sz.per_place(f.households, 1, what_en="household", what_fr="ménage",
                                 source=item.source, status=item.status)
                v = replace(v, unit=item.unit)
            else:
                omit(item.id, "no households (families) in the population", "aucun ménage dans la population")
        elif rule == "buckets":
            k = int(p.cleaning_buckets_per_sanitary_room)
            val = f.households + k * f.sanitary_rooms
            if val:
                v = _s(val, "pc",
                       f"1 per household × {f.households} + {k} cleaning bucket per sanitary room × {f.sanitary_rooms} (design choice)",
                       f"1 par ménage × {f.households} + {k} seau de nettoyage par local sanitaire × {f.sanitary_rooms} (choix de conception)",
                       item.source, "design_choice" if k else item.status)
            else:
                omit(item.id, "no households and no sanitary rooms", "aucun ménage ni local sanitaire")
        elif rule == "toilets":
            v = _s(toilets.total, "cubicle", toilets.basis_en + f"; the layout has {f.layout_wc} WCs",
                   toilets.basis_fr + f" ; le plan compte {f.layout_wc} WC", item.source, item.status)
            v = replace(v, notes=toilets.notes)
        elif rule == "septic":
            v = _s(septic.total, "m³", septic.basis_en, septic.basis_fr, item.source,
                   sz.worst(item.status, "design_choice", water.status))
            v = replace(v, notes=septic.notes)
        elif rule == "self_catering_households":
            if f.inputs.self_catering and f.households:
                v = sz.per_place(f.households, 1, what_en="self-catering household", what_fr="ménage cuisinant",
                                 source=item.source, status=item.status)
                v = replace(v, unit="set")
            else:
                omit(item.id, "no self-catering family units (set centres.<name>.self_catering: true)",
                     "pas d'unités familiales cuisinant elles-mêmes (centres.<nom>.self_catering: true)")
        elif rule == "persons":
            v = sz.per_place(n, 1, what_en="resident", what_fr="résident", source=item.source, status=item.status)
            v = replace(v, unit=item.unit)
        elif rule == "infirmary_beds":
            if f.infirmary_beds:
                v = sz.per_place(f.infirmary_beds, 1, what_en="bed in medical/isolation rooms",
                                 what_fr="lit en salle médicale/d'isolement", source=item.source, status=item.status)
            else:
                omit(item.id, "no beds in medical or isolation rooms", "aucun lit en salle médicale ou d'isolement")
        elif rule == "infirmaries":
            if f.infirmaries:
                v = _s(1, "pc", "1 per infirmary (a medical room is drawn)", "1 par infirmerie (une salle médicale est dessinée)",
                       item.source, item.status)
            else:
                omit(item.id, "no medical room in the layout", "aucune salle médicale dans le plan")
        elif rule == "iehk":
            own = f.inputs.own_primary_care if f.inputs.own_primary_care is not None else bool(f.infirmaries)
            if own:
                v = sz.iehk_modules(n, f"{months} month", p.persons_per_iehk_module, f"{p.iehk_period} month")
            else:
                omit(item.id, "the centre does not run its own primary care (no medical room; set own_primary_care)",
                     "le centre n'assure pas ses propres soins primaires (pas de salle médicale ; own_primary_care)")
        elif rule == "jerrycans":
            if f.inputs.self_collect_water and f.households:
                v = _s(2 * f.households, "pc", f"2 per household × {f.households} households (residents collect water)",
                       f"2 par ménage × {f.households} ménages (les résidents puisent l'eau)", item.source, item.status)
            else:
                omit(item.id, "residents do not collect water themselves (set centres.<name>.self_collect_water: true)",
                     "les résidents ne puisent pas l'eau eux-mêmes (centres.<nom>.self_collect_water: true)")
        elif rule == "water_storage":
            v = _s(storage.value, "m³", f"({water.words()}) × {p.water_autonomy:g} {sz.plural(p.water_autonomy, 'day', 'days')}",
                   f"({water.words('fr')}) × {sz.num(p.water_autonomy, 'fr')} {sz.plural(p.water_autonomy, 'jour', 'jours')}", item.source, storage.status)
            v = replace(v, notes=("kitchen and laundry water have no figure in the reference (gap): not included; "
                                  "the resident rate covers drinking, cooking and personal hygiene",))
        elif rule == "lanterns":
            k = p.lanterns_per_sleeping_room
            if f.sleeping_rooms and k:
                v = sz.per_place(f.sleeping_rooms, k, what_en="sleeping room (design choice, no source)",
                                 what_fr="chambre (choix de conception, sans source)", source=item.source,
                                 status=item.status)
            else:
                omit(item.id, "no sleeping rooms, or lanterns_per_sleeping_room = 0", "aucune chambre, ou lanterns_per_sleeping_room = 0")
        elif rule == "luminaires":
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
                omit(item.id, "no rooms with a floor area", "aucun local avec une surface")
        elif rule == "fans":
            fans = fan_count(f, p)
            if fans:
                v = _s(fans, "pc", f"{p.fans_per_room:g} per occupied room × {f.fan_rooms} rooms (hot climate; design choice)",
                       f"{sz.num(p.fans_per_room, 'fr')} par local occupé × {f.fan_rooms} locaux (climat chaud ; choix de conception)",
                       item.source, item.status)
            else:
                omit(item.id, f"{f.climate} climate or no occupied rooms: no fans", f"climat {f.climate} ou aucun local occupé : pas de ventilateur")
        elif rule == "generator":
            if gen:
                v = _s(gen.rated_kva, "kVA", gen.basis_en, gen.basis_fr, item.source, power_status)
                v = replace(v, notes=gen.notes)
            else:
                omit(item.id, "no generator (power_supply) or no load", "pas de groupe (power_supply) ou aucune charge")
        elif rule == "pv_array":
            if pv:
                v = _s(pv.array_wp, "Wp", pv.basis_array_en, pv.basis_array_fr, item.source, power_status)
            else:
                omit(item.id, "no PV (power_supply) or no load", "pas de PV (power_supply) ou aucune charge")
        elif rule == "battery":
            if pv:
                v = _s(pv.battery_kwh, "kWh", pv.basis_battery_en, pv.basis_battery_fr, item.source, power_status)
            else:
                omit(item.id, "no PV (power_supply) or no load", "pas de PV (power_supply) ou aucune charge")
        elif rule == "inverter":
            if pv:
                v = _s(pv.inverter_va, "VA", pv.basis_inverter_en, pv.basis_inverter_fr, item.source, power_status)
            else:
                omit(item.id, "no PV (power_supply) or no load", "pas de PV (power_supply) ou aucune charge")
        elif rule == "fuel_tank":
            if fuel:
                v = replace(fuel, status=power_status)
            else:
                omit(item.id, "no generator (power_supply) or no load", "pas de groupe (power_supply) ou aucune charge")
        elif rule == "extinguishers":
            v = sz.extinguishers(f.floor_area, f.levels, p.area_per_extinguisher, int(p.minimum_extinguishers))
        elif rule == "co2_extinguishers":
            k = max(f.technical_rooms, 1)
            v = _s(k, "pc", f"1 per technical room × {f.technical_rooms}, at least 1 at the main electrical board",
                   f"1 par local technique × {f.technical_rooms}, au moins 1 au tableau électrique principal",
                   item.source, "design_choice")
        elif rule == "kitchens":
            if f.kitchens:
                v = sz.per_place(f.kitchens, 1, what_en="kitchen", what_fr="cuisine", source=item.source, status=item.status)
            else:
                omit(item.id, "no kitchen in the layout", "aucune cuisine dans le plan")
        elif rule == "sleeping_rooms":
            if f.sleeping_rooms:
                v = sz.per_place(f.sleeping_rooms, 1, what_en="sleeping room", what_fr="chambre", source=item.source,
                                 status=item.status)
            else:
                omit(item.id, "no sleeping rooms in the layout", "aucune chambre dans le plan")
        elif rule == "first_aid":
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
        elif rule == "dining_seats":
            v = sz.dining_seats(n, int(p.sittings))
            drawn = [r.seats for r in centre.rooms if r.use == "dining" and r.seats is not None]
            if drawn:
                v = replace(v, basis_en=v.basis_en + f"; the layout's dining rooms seat {sum(drawn)}",
                            basis_fr=v.basis_fr + f" ; les salles à manger du plan comptent {sum(drawn)} places")
        elif rule == "ecd_kits":
            if f.inputs.children_0_6 is None:
                omit(item.id, "children aged 0-6 not given (set centres.<name>.children_0_6)",
                     "enfants de 0 à 6 ans non renseignés (centres.<nom>.children_0_6)")
            elif f.inputs.children_0_6 == 0:
                omit(item.id, "no children aged 0-6", "aucun enfant de 0 à 6 ans")
            else:
                v = sz.children_kits(f.inputs.children_0_6, p.children_per_ecd_kit, age_en="aged 0-6", age_fr="de 0 à 6 ans")
        elif rule == "recreation_kits":
            c, note_en, note_fr = f.inputs.children_7_18, "aged 7-18", "de 7 à 18 ans"
            if c is None:
                c = centre.population.boys + centre.population.girls
                note_en = "aged 7-18 (unaccompanied minors; set centres.<name>.children_7_18 to count children in families)"
                note_fr = "de 7 à 18 ans (mineurs non accompagnés ; centres.<nom>.children_7_18 pour les enfants en famille)"
            if c:
                v = sz.children_kits(c, p.children_per_recreation_kit, age_en=note_en, age_fr=note_fr)
            else:
                omit(item.id, "no children aged 7-18 (set centres.<name>.children_7_18)",
                     "aucun enfant de 7 à 18 ans (centres.<nom>.children_7_18)")
        elif rule == "water_points":
            if f.water_points:
                v = _s(f.water_points, "point", "WC, showers, basins and urinals drawn in the layout + 1 per kitchen "
                       f"= {f.water_points} water points", "WC, douches, lavabos et urinoirs dessinés au plan + 1 par "
                       f"cuisine = {f.water_points} points d'eau", item.source, item.status)
            else:
                omit(item.id, "no fixtures drawn in the layout", "aucun appareil sanitaire dessiné au plan")
        elif rule == "gap":
            omit(item.id, f"no sizing rule in the reference: {item.rule_text.en}; set a quantity with overrides",
                 f"pas de règle de dimensionnement dans la référence : {item.rule_text.fr} ; fixer une quantité (overrides)")
        else:  # pragma: no cover - the catalogue validates rule names
            raise CatalogueError(f"{item.id}: no sizing for rule {rule!r}")

        if v is not None:
            if rule in SPARE_RULES and p.k_spare > 0:
                spared = math.ceil(round(v.value * (1 + p.k_spare), 6)) if v.unit != "kg" else round(v.value * (1 + p.k_spare), 3)
                v = replace(v, value=spared,
                            basis_en=v.basis_en + f" × (1 + {sz.num(p.k_spare * 100)} % spare, design choice)",
                            basis_fr=v.basis_fr + f" × (1 + {sz.num(p.k_spare * 100, 'fr')} % de réserve, choix de conception)",
                            status=sz.worst(v.status, "design_choice"))
            lines[item.id] = v

    for ov in (p.overrides, f.inputs.overrides):
        for item_id, qty in ov.items():
            unit = lines[item_id].unit if item_id in lines else cat.items[item_id].unit
            was = (f" (computed: {sz.num(lines[item_id].value)})" if item_id in lines else "")
            was_fr = (f" (calculé : {sz.num(lines[item_id].value, 'fr')})" if item_id in lines else "")
            lines[item_id] = sz.Sized(qty, unit, f"set by the user{was}", f"fixé par l'utilisateur{was_fr}",
                                      "user override", "design_choice")
            omitted.pop(item_id, None)

    warnings += list(toilets.notes) + list(septic.notes) + (list(gen.notes) if gen else [])
    if p.pv_irradiation == parameter_info()["pv_irradiation"].value and pv:
        warnings.append("PV sized on the annual mean irradiation of 5.48 kWh/m²/day (ANER, S21); the reference "
                        "asks to size on the site's worst month: set pv_irradiation to that month's value")
    return CentreSizing(key, f, lines, omitted, water, storage, toilets, showers, septic, loads, gen, pv, fuel,
                        first_aid, warnings)
