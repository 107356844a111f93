"""The one pint registry of centreplan, with a ``person`` dimension.

Values enter as numbers (already in the canonical unit) or strings with a unit (``"280 cm"``); they
are converted at the edges and stored as plain floats in canonical units inside the models:
metres, square metres, litres, litres per day. ``person`` is a base dimension so that m²/person and
L/person/day are dimension-checked (pint has no such unit; this project defines it).
"""
from __future__ import annotations

import math
from numbers import Real
from typing import Any

import pint

from planner.errors import UnitError

ureg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
ureg.define("person = [population] = persons = pers")
ureg.define("Wp = W = watt_peak")  # peak watts of a PV array (rated at STC)
ureg.formatter.default_format = "~P"
Q_ = ureg.Quantity

_DIMENSION_NAMES = {
    "m": "a length",
    "m**2": "an area",
    "m**3": "a volume",
    "L": "a volume",
    "kg": "a mass",
    "W": "a power",
    "kW": "a power",
}


def quantity(value: Any, unit: str, field: str | None = None) -> pint.Quantity:
    """Read ``value`` as a quantity of ``unit``'s dimension.

    A bare number is taken to be in ``unit``; a string may carry any unit of the same dimension
    (``"280 cm"`` for a length). Raises :class:`UnitError` naming ``field`` otherwise.
    """
    target = ureg.Unit(unit)
    pre = f"{field}: " if field else ""
    if isinstance(value, bool):
        raise UnitError(f"{pre}{value!r} is not a number")
    if isinstance(value, pint.Quantity):
        q = value
    elif isinstance(value, Real):
        q = Q_(float(value), target)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise UnitError(f"{pre}empty value, expected {_describe(unit)}")
        try:
            q = ureg.Quantity(text)
        except Exception:
            raise UnitError(f"{pre}{value!r} cannot be read as {_describe(unit)}") from None
        if not isinstance(q, pint.Quantity):
            q = Q_(float(q), target)
        elif q.dimensionless and not target.dimensionless:
            q = Q_(q.magnitude, target)
    else:
        raise UnitError(f"{pre}{value!r} is not a number or a quantity with a unit")
    if q.dimensionality != target.dimensionality:
        raise UnitError(f"{pre}{value!r} is not {_describe(unit)} (expected a unit like {unit})")
    mag = float(q.to(target).magnitude)
    if not math.isfinite(mag):
        raise UnitError(f"{pre}{value!r} is not a finite number")
    return Q_(round(mag, 9), target)


def magnitude(value: Any, unit: str, field: str | None = None) -> float:
    """``quantity(value, unit, field)`` as a float in ``unit``."""
    return float(quantity(value, unit, field).magnitude)


def length_m(value: Any, field: str | None = None) -> float:
    """A length in metres: ``2.8``, ``"2.8 m"`` and ``"280 cm"`` all give 2.8."""
    return magnitude(value, "m", field)


def _describe(unit: str) -> str:
    return _DIMENSION_NAMES.get(unit, f"a quantity in {unit}")


def fmt(q: pint.Quantity, digits: int = 1) -> str:
    """A quantity as users read it: ``3.3 m²/person``."""
    unit = f"{q.units:~P}".replace("person", " person").replace("/ ", "/")
    unit = unit.replace("·", "·").strip()
    return f"{q.magnitude:.{digits}f} {unit}".replace("  ", " ").strip()
