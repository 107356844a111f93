"""Capacities become things one buys: generator sets, PV modules, battery modules, inverters and
tanks in standard sizes, counted, with the sizing basis kept visible.

The standard sizes are data (``ranges:`` of ``parameters.yaml``, overridable); a capacity above the
largest size is bought as several units of one size: ``n = ceil(capacity / largest)`` units of the
smallest size ``s`` with ``n × s ≥ capacity``. Pure functions; nothing here reads files.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from centreplan.equipment.sizing import Sized, num, worst

# sizing rule → (range name or module parameter, unit of the size, unit bought)
RULES = {
    "generator": ("generator_kva", "kVA", "unit"),
    "inverter": ("inverter_va", "VA", "unit"),
    "water_storage": ("water_tank_m3", "m³", "tank"),
    "fuel_tank": ("fuel_tank_l", "L", "tank"),
    "pv_array": ("pv_module_wp", "Wp", "module"),
    "battery": ("battery_module_kwh", "kWh", "module"),
}


def standard_units(required: float, sizes: Sequence[float]) -> tuple[int, float | None]:
    """``(n, size)``: the fewest units of one standard size that together reach ``required``.

    ``standard_units(20.1, [20, 30, 45, 60]) == (1, 30)``; ``standard_units(70, [20, 30, 45, 60]) == (2, 45)``.
    """
    if required <= 0:
        return 0, None
    ordered = sorted(sizes)
    n = math.ceil(round(required / ordered[-1], 9))
    size = next(s for s in ordered if n * s >= required - 1e-9)
    return n, size


@dataclass(frozen=True)
class Bought:
    """A purchasable quantity: ``count`` units of ``size`` (``size_unit``) for a sized capacity."""

    count: int
    unit: str
    size: float | None
    size_unit: str
    variant_en: str
    variant_fr: str
    basis_en: str
    basis_fr: str
    status: str


def purchasable(rule: str, sized: Sized, params: Any) -> Bought | None:
    """The units to buy for a capacity sized by ``rule`` (None when the rule sizes a count already)."""
    if rule not in RULES:
        return None
    name, size_unit, unit = RULES[rule]
    capacity = float(sized.value)
    size: float | None
    if rule in ("pv_array", "battery"):
        module = float(getattr(params, name))
        n, size = math.ceil(round(capacity / module, 9)), module
        how_en = f"{num(capacity)} {size_unit} / {num(module)} {size_unit} per module ({name}, design choice)"
        how_fr = (f"{num(capacity, 'fr')} {size_unit} / {num(module, 'fr')} {size_unit} par module "
                  f"({name}, choix de conception)")
    else:
        sizes = params.sizes(name)
        n, size = standard_units(capacity, sizes)
        shown = "/".join(num(s) for s in sizes)
        shown_fr = "/".join(num(s, "fr") for s in sizes)
        how_en = (f"{num(capacity)} {size_unit} required → {n} × {num(size or 0)} {size_unit} "
                  f"(standard sizes {shown} {size_unit}, design choice)")
        how_fr = (f"{num(capacity, 'fr')} {size_unit} requis → {n} × {num(size or 0, 'fr')} {size_unit} "
                  f"(tailles normalisées {shown_fr} {size_unit}, choix de conception)")
    spare = int(params.generator_spare_sets) if rule == "generator" and n else 0
    if spare:
        how_en += f" + {spare} spare set{'s' if spare > 1 else ''} (N+{spare}, generator_spare_sets)"
        how_fr += f" + {spare} groupe{'s' if spare > 1 else ''} de secours (N+{spare}, generator_spare_sets)"
    return Bought(
        count=n + spare, unit=unit, size=size, size_unit=size_unit,
        variant_en=f"{num(size or 0)} {size_unit}", variant_fr=f"{num(size or 0, 'fr')} {size_unit}",
        basis_en=f"{sized.basis_en}; {how_en}", basis_fr=f"{sized.basis_fr} ; {how_fr}",
        status=worst(sized.status, "design_choice"))
