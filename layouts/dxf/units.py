"""Drawing units: $INSUNITS, the --units option, and what the drawing itself suggests."""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from centreplan.planner.i18n import N_
from centreplan.planner.units import registry

if TYPE_CHECKING:  # numpy and pint load when a drawing is read, not for ``centreplan --help``
    import numpy as np

# $INSUNITS codes (DXF reference, HEADER section) this importer converts; others need --units.
INSUNITS: dict[int, str] = {1: "in", 2: "ft", 4: "mm", 5: "cm", 6: "m", 14: "dm"}
UNIT_CHOICES = ("mm", "cm", "dm", "m", "in", "ft")
# in words (translated in the ``layouts`` catalogue)
UNIT_WORDS = {"mm": N_("millimetres"), "cm": N_("centimetres"), "dm": N_("decimetres"), "m": N_("metres"),
              "in": N_("inches"), "ft": N_("feet")}


UnitSource = Literal["file", "option", "assumed"]


def units_of(doc, units: str | None, report_add) -> tuple[str, UnitSource, float]:
    from centreplan.layouts.dxf.messages import Refused  # not at import: ``centreplan --help`` stays light

    how: UnitSource
    code = doc.header.get("$INSUNITS", 0)
    try:
        code = int(code)
    except (TypeError, ValueError):
        code = 0
    from_file = INSUNITS.get(code)
    if units is not None:
        if units not in UNIT_CHOICES:
            raise Refused("option.units", units=units, choices=", ".join(UNIT_CHOICES))
        if from_file and from_file != units:
            report_add("units", "units.option_over_file", {"file": from_file, "code": code, "given": units})
        unit, how = units, "option"
    elif from_file:
        unit, how = from_file, "file"
    elif code == 0:
        unit, how = "mm", "assumed"
        report_add("units", "units.assumed_mm")
    else:
        raise Refused("units.unknown_code", code=code, choices=", ".join(UNIT_CHOICES))
    return unit, how, float(registry().Quantity(1, unit).to("m").magnitude)



# What makes a plan plausible (bounds this importer uses to check units, not figures of a standard):
# the longer side of a floor plan, and the radius of a door swing (door leaves 0.6–1.3 m wide; issue
# #14 names openings of 0.8–1.0 m as the usual case).
PLAN_SIZE_M = (4.0, 400.0)
SWING_RANGE_M = (0.6, 1.3)
GUESS_ORDER = ("mm", "cm", "m", "in", "ft", "dm")


def metres_per(unit: str) -> float:
    return float(registry().Quantity(1, unit).to("m").magnitude)


def plan_size(points: np.ndarray) -> float:
    """The longer side of the box holding 96 % of the points (stray far entities left out), in their units."""
    import numpy as np

    if len(points) < 2:
        return 0.0
    lo = np.percentile(points, 2, axis=0)
    hi = np.percentile(points, 98, axis=0)
    return float(max(hi - lo))


MIN_POINTS = 40  # fewer vertices than this: too little drawing to judge its size (a room or two)


def propose_unit(unit: str, size: float, swing_radii: list[float], points: int = MIN_POINTS) -> str | None:
    """A unit that makes the plan plausible when ``unit`` does not (``size``: the plan's longer side and
    ``swing_radii``: radii of quarter arcs, both in drawing units; ``points``: how many vertices the size
    was measured on); ``None`` when ``unit`` is plausible or no unit is."""
    if size <= 0 or (points < MIN_POINTS and not swing_radii):
        return None
    import numpy as np

    radius = float(np.median(swing_radii)) if swing_radii else None

    def plausible(u: str, with_doors: bool) -> bool:
        f = metres_per(u)
        if not PLAN_SIZE_M[0] <= size * f <= PLAN_SIZE_M[1]:
            return False
        return not with_doors or radius is None or SWING_RANGE_M[0] <= radius * f <= SWING_RANGE_M[1]

    for with_doors in (True, False):
        if plausible(unit, with_doors):
            return None
        for u in GUESS_ORDER:
            if u != unit and plausible(u, with_doors):
                return u
    return None
