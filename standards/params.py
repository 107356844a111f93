"""Parameter types of rule packs: quantities with units and thresholds that vary by phase or climate.

A quantity in a pack is written with its unit (``"4.0 m**2/person"``, ``"50 m"``, ``"20 person"``)
and read through the project's one pint registry (:mod:`planner.units`); a bare number is taken to be
in the parameter's unit. Inside, values are plain floats in that unit.

A threshold that depends on the layout's phase or climate is written as data::

    min: {default: "2.0 m", by_climate: {hot: "2.6 m"}}
    persons_per: {by_phase: {emergency: "50 person", stabilised: "20 person"}}

``by_climate`` wins over ``by_phase``, which wins over ``default``.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, model_validator

from centreplan.planner.errors import UnitError
from centreplan.planner.model import CLIMATES, PHASES
from centreplan.planner.units import magnitude

# a number and the parameter's own unit (``"50 m"`` for a length), as packs write nearly every
# figure: read without pint (whose registry takes a good part of a second to build), the same float
# as pint gives; other names of a unit with their factor (``"4 %"`` is 0.04)
_PLAIN = re.compile(r"\s*([+-]?[0-9]+(?:\.[0-9]+)?)\s+(\S+)\s*")
_OTHER_NAMES = {("lux", "lx"): 1.0, ("dimensionless", "%"): 0.01, ("dimensionless", "percent"): 0.01}


def plain_magnitude(value: Any, unit: str) -> float | None:
    """``value`` in ``unit`` when it is a number followed by ``unit`` itself (or another name of it),
    else None (pint reads it)."""
    if not isinstance(value, str):
        return None
    m = _PLAIN.fullmatch(value)
    if m is None:
        return None
    factor = 1.0 if m.group(2) == unit else _OTHER_NAMES.get((unit, m.group(2)))
    if factor is None:
        return None
    return round(float(m.group(1)) * factor, 9)


def _reader(unit: str):
    def read(value: Any) -> float:
        fast = plain_magnitude(value, unit)
        if fast is not None:
            return fast
        try:
            return magnitude(value, unit)
        except UnitError as e:
            raise ValueError(str(e)) from None
    return read


def Qty(unit: str) -> Any:
    """A float read as a quantity of ``unit`` (``Qty("m")`` accepts ``2.1``, ``"2.1 m"``, ``"210 cm"``)."""
    return Annotated[float, BeforeValidator(_reader(unit))]


Length = Qty("m")
Area = Qty("m**2")
AreaPerPerson = Qty("m**2/person")
Persons = Qty("person")
Density = Qty("person/m**2")
Ratio = Qty("dimensionless")  # "4 %", "4 percent" or 0.04
Illuminance = Qty("lux")  # "20 lx", "20 lux" or 20


class Varying(BaseModel):
    """A threshold with a default and optional values by phase and by climate."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    unit: ClassVar[str] = ""

    default: float | None = None
    by_phase: dict[str, float] = {}
    by_climate: dict[str, float] = {}

    @model_validator(mode="before")
    @classmethod
    def _read(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            data = {"default": data}
        out = dict(data)
        read = _reader(cls.unit)
        if out.get("default") is not None:
            out["default"] = read(out["default"])
        for key, valid in (("by_phase", PHASES), ("by_climate", CLIMATES)):
            table = out.get(key)
            if table is None:
                continue
            if not isinstance(table, dict):
                raise ValueError(f"{key} must be a mapping of {', '.join(valid)} to values")
            for k in table:
                if k not in valid:
                    raise ValueError(f"{key}: {k!r} is not one of {', '.join(valid)}")
            out[key] = {k: read(v) for k, v in table.items()}
        return out

    @model_validator(mode="after")
    def _complete(self) -> Varying:
        if self.default is None:
            if self.by_phase and set(self.by_phase) != set(PHASES):
                raise ValueError(f"by_phase needs a value for every phase ({', '.join(PHASES)}) "
                                 "or a default")
            if self.by_climate and set(self.by_climate) != set(CLIMATES):
                raise ValueError(f"by_climate needs a value for every climate ({', '.join(CLIMATES)}) "
                                 "or a default")
            if not self.by_phase and not self.by_climate:
                raise ValueError("a threshold needs a default, by_phase or by_climate")
        return self

    def at(self, phase: str, climate: str) -> float:
        """The value for a layout's phase and climate."""
        if climate in self.by_climate:
            return self.by_climate[climate]
        if phase in self.by_phase:
            return self.by_phase[phase]
        if self.default is None:  # by_phase complete but the climate table is not: validated away
            raise ValueError("no value for this phase and climate")
        return self.default

    def values(self) -> list[float]:
        out = [] if self.default is None else [self.default]
        return out + list(self.by_phase.values()) + list(self.by_climate.values())


class VLength(Varying):
    unit: ClassVar[str] = "m"


class VArea(Varying):
    unit: ClassVar[str] = "m**2"


class VAreaPerPerson(Varying):
    unit: ClassVar[str] = "m**2/person"


class VPersons(Varying):
    unit: ClassVar[str] = "person"


class VRatio(Varying):
    unit: ClassVar[str] = "dimensionless"
