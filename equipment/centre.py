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

from centreplan.equipment import rules
from centreplan.equipment import sizing as sz
from centreplan.equipment.basis import Basis, basis
from centreplan.equipment.catalogue import Catalogue, load_catalogue
from centreplan.equipment.params import CentreInputs, make_params
from centreplan.equipment.rules import FAN_USES, IT_USES, fan_count, load_list, lux_table  # noqa: F401 (public names)
from centreplan.planner.errors import CatalogueError
from centreplan.planner.geometry import build_plan
from centreplan.planner.model import SLEEPING_USES, Centre

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
    warnings: list[Basis] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The design figures behind the list, as plain data (for JSON and reports)."""
        f = self.facts
        out: dict[str, Any] = {
            "residents": f.residents, "staff": f.staff, "households": f.households,
            "phase": f.phase, "floor_area_m2": round(f.floor_area, 2), "levels": f.levels,
            "beds_in_sleeping_rooms": f.sleeping_places, "sleeping_rooms": f.sleeping_rooms,
            "water": {"demand_l_per_day": self.water.total.magnitude, "basis": self.water.words(),
                      "basis_fr": self.water.words("fr"), "status": self.water.status,
                      "storage_m3": self.storage.value, "storage_basis": self.storage.basis_en,
                      "storage_basis_fr": self.storage.basis_fr},
            "toilets": {"total": self.toilets.total, "female": self.toilets.female, "male": self.toilets.male,
                        "accessible": self.toilets.accessible, "in_layout": f.layout_wc,
                        "basis": self.toilets.basis.en, "basis_fr": self.toilets.basis.fr,
                        "notes": [n.en for n in self.toilets.notes], "notes_fr": [n.fr for n in self.toilets.notes],
                        **toilet_agreement(self.toilets.total, f.layout_wc, f.residents)},
            "showers": {"total": self.showers.value, "in_layout": f.layout_showers, "basis": self.showers.basis_en,
                        "basis_fr": self.showers.basis_fr},
            "septic_tank": {"users": self.septic.users, "per_capita_l_per_day": round(self.septic.per_capita, 2),
                            "daily_flow_m3": round(self.septic.daily_flow, 3), "retention_h": self.septic.retention,
                            "liquid_m3": round(self.septic.liquid, 3), "sludge_m3": round(self.septic.sludge, 3),
                            "total_m3": self.septic.total, "applicable": self.septic.applicable,
                            "basis": self.septic.basis.en, "basis_fr": self.septic.basis.fr,
                            "notes": [n.en for n in self.septic.notes], "notes_fr": [n.fr for n in self.septic.notes]},
            "loads": [{"name": ld.name, "count": ld.count, "power_w": ld.power, "hours_per_day": ld.hours,
                       "diversity": ld.diversity, "motor": ld.motor, "status": ld.status,
                       "running_w": round(ld.running_w, 1), "energy_wh_per_day": round(ld.energy_wh, 1),
                       "basis": ld.basis.en if ld.basis else "", "basis_fr": ld.basis.fr if ld.basis else ""}
                      for ld in self.loads],
            "first_aid": {"kits": self.first_aid.kits, "size": self.first_aid.size,
                          "personnel": self.first_aid.personnel.en, "personnel_fr": self.first_aid.personnel.fr,
                          "hazard": f.inputs.hazard},
        }
        if self.generator:
            g = self.generator
            out["generator"] = {"running_kw": round(g.running_kw, 3), "largest_motor_kw": g.largest_motor_kw,
                                "required_kva": round(g.required_kva, 3), "derating": round(g.derating, 4),
                                "rated_kva": g.rated_kva, "loading_at_run": round(g.loading_at_run, 3),
                                "basis": g.basis.en, "basis_fr": g.basis.fr,
                                "notes": [n.en for n in g.notes], "notes_fr": [n.fr for n in g.notes]}
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
        fr = (f"Le plan dessine {drawn} WC, au moins les {sized} que le ratio Sphère demande pour {residents} "
              "résidents : "
              "construire les WC dessinés (la liste des travaux les compte) ; le décompte par groupe du programme, "
              "s'il est plus élevé, prévaut.")
    else:
        en = (f"The layout draws {drawn} WCs, {sized - drawn} fewer than the {sized} the Sphere ratio asks for "
              f"{residents} "
              "residents: add WCs to the plan before tendering the works (the check and the programme flag the "
              "shortfall per group).")
        fr = (f"Le plan dessine {drawn} WC, soit {sized - drawn} de moins que les {sized} que le ratio Sphère demande "
              f"pour {residents} résidents : ajouter des WC au plan avant de lancer les travaux (le contrôle et le "
              "programme signalent le manque par groupe).")
    return {"agreement": en, "agreement_fr": fr}


def size_centre(centre: Centre, params: Any = None, catalogue: Catalogue | None = None,
                plan: Any = None, name: str | None = None) -> CentreSizing:
    """Quantities of every catalogue item for one centre: the registered sizing rule of each item
    (:data:`equipment.rules.RULES`) on the centre's :class:`~equipment.rules.Context`, then the
    spare factor and the user's quantities (see the module docstring)."""
    p = params if params is not None else make_params()
    cat = catalogue or load_catalogue()
    key = name or centre.centre.name
    inputs = p.centres.get(key) or p.centres.get(centre.centre.name) or CentreInputs()
    plan = plan or build_plan(centre)
    f = facts_of(centre, inputs, plan)
    if f.residents <= 0:
        raise CatalogueError(
            f"{key}: population: capacity is 0; set men, women, boys, girls or family_persons "
            "(the planned peak number of residents)")
    ctx, warnings = rules.context(centre, f, p, plan)
    lines: dict[str, sz.Sized] = {}
    omitted: dict[str, Omitted] = {}
    for item in cat.items.values():
        out = rules.RULES[item.rule](item, ctx)
        if isinstance(out, rules.Skip):
            omitted[item.id] = Omitted(item.id, out.en, out.fr)
        else:
            lines[item.id] = _spared(out, p) if item.rule in SPARE_RULES and p.k_spare > 0 else out
    for ov in (p.overrides, f.inputs.overrides):
        for item_id, qty in ov.items():
            unit = lines[item_id].unit if item_id in lines else cat.items[item_id].unit
            why = basis("override.computed", v=lines[item_id].value) if item_id in lines else basis("override")
            lines[item_id] = sz.Sized(qty, unit, why, "user override", "design_choice")
            omitted.pop(item_id, None)
    return CentreSizing(key, f, lines, omitted, ctx.water, ctx.storage, ctx.toilets, ctx.showers, ctx.septic,
                        ctx.loads, ctx.gen, ctx.pv, ctx.fuel, ctx.first_aid, warnings)


def _spared(v: sz.Sized, p: Any) -> sz.Sized:
    """``v`` raised by the spare / turn-over factor k_spare (a design choice, shown in the basis)."""
    spared = math.ceil(round(v.value * (1 + p.k_spare), 6)) if v.unit != "kg" else round(v.value * (1 + p.k_spare), 3)
    return replace(v, value=spared, basis=v.basis.plus("spare", k=p.k_spare * 100),
                   status=sz.worst(v.status, "design_choice"))
