"""Drawing units: $INSUNITS, the --units option, and what the drawing itself suggests."""
from __future__ import annotations

from typing import Literal

from planner.errors import DxfImportError
from planner.units import ureg

# $INSUNITS codes (DXF reference, HEADER section) this importer converts; others need --units.
INSUNITS: dict[int, str] = {1: "in", 2: "ft", 4: "mm", 5: "cm", 6: "m", 14: "dm"}
UNIT_CHOICES = ("mm", "cm", "dm", "m", "in", "ft")
UNIT_WORDS = {"mm": "millimetres", "cm": "centimetres", "dm": "decimetres", "m": "metres",
              "in": "inches", "ft": "feet"}


def units_of(doc, units: str | None, report_add) -> tuple[str, Literal["file", "option", "assumed"], float]:
    code = doc.header.get("$INSUNITS", 0)
    try:
        code = int(code)
    except (TypeError, ValueError):
        code = 0
    from_file = INSUNITS.get(code)
    if units is not None:
        if units not in UNIT_CHOICES:
            raise DxfImportError(f"--units: {units!r} is not a unit this importer reads; choose one of: "
                                 + ", ".join(UNIT_CHOICES))
        if from_file and from_file != units:
            report_add("units", f"the file says {UNIT_WORDS[from_file]} ($INSUNITS={code}) but --units "
                       f"{units} was given: read in {UNIT_WORDS[units]}")
        unit, how = units, "option"
    elif from_file:
        unit, how = from_file, "file"
    elif code == 0:
        unit, how = "mm", "assumed"
        report_add("units", "the drawing does not say its units ($INSUNITS is 0 or absent, as in every R12 "
                   "file): read in millimetres; if that is wrong, import again with --units m (or cm, in)")
    else:
        raise DxfImportError(f"$INSUNITS={code} is a unit this importer does not convert; give the drawing's "
                             "unit with --units (" + ", ".join(UNIT_CHOICES) + ")")
    return unit, how, float(ureg.Quantity(1, unit).to("m").magnitude)

