"""The one pint registry of centreplan, with a ``person`` dimension.

Texts are read by :func:`parse_quantity`, a small grammar of our own (a number, then an optional unit
made of unit names), never by pint's expression parser, which evaluates arithmetic (``9**9**9``
would run for ever). Decimal commas are decimals (``"2,8 m"`` is 2.8 m); ambiguous forms are refused.

Values enter as numbers (already in the canonical unit) or strings with a unit (``"280 cm"``); they
are converted at the edges and stored as plain floats in canonical units inside the models:
metres, square metres, litres, litres per day. ``person`` is a base dimension so that m²/person and
L/person/day are dimension-checked (pint has no such unit; this project defines it).

The registry is built on first use (:func:`registry`, or the module attributes ``ureg`` and ``Q_``),
not at import: building it takes a good part of a second, and a plain number in the canonical unit
(``magnitude(2.8, "m")``, the common case when a layout is read) never needs it.
"""
from __future__ import annotations

import math
import re
import threading
from functools import cache
from numbers import Real
from typing import TYPE_CHECKING, Any

from centreplan.planner.errors import UnitError
from centreplan.planner.text_safety import excerpt

if TYPE_CHECKING:
    import pint

    ureg: pint.UnitRegistry
    Q_: type[pint.Quantity]


_BUILD = threading.Lock()  # the app's sessions run in threads: two registries would not mix quantities


@cache
def registry() -> pint.UnitRegistry:
    """The one pint registry (built once, on first use)."""
    with _BUILD:
        return _build()


@cache
def _build() -> pint.UnitRegistry:
    import pint

    reg: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=True)
    reg.define("person = [population] = persons = pers")
    reg.define("Wp = W = watt_peak")  # peak watts of a PV array (rated at STC)
    reg.formatter.default_format = "~P"
    return reg


def __getattr__(name: str) -> Any:
    # ``from planner.units import ureg, Q_`` builds the registry then, not when this module is imported
    if name == "ureg":
        return registry()
    if name == "Q_":
        return registry().Quantity
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_DIMENSION_NAMES = {
    "m": "a length",
    "m**2": "an area",
    "m**3": "a volume",
    "L": "a volume",
    "kg": "a mass",
    "W": "a power",
    "kW": "a power",
}


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_ATOM = re.compile(r"(?P<name>[A-Za-zµμΩ°%_]+)(?:(?P<sup>[²³¹])|(?:\*\*|\^)?(?P<exp>-?[1-4])(?![0-9]))?")
_SEPARATOR = re.compile(r"\s*(?P<op>[*·/])\s*|\s+")
MAX_QUANTITY_TEXT = 60  # characters: the longest quantity text read (``"15 L/person/day"`` is 15)
_SUPERSCRIPTS = {"¹": 1, "²": 2, "³": 3}
_ALIASES = {"%": "percent", "°C": "degC", "°F": "degF", "μm": "µm"}


def parse_quantity(text: str, field: str | None = None) -> tuple[float, pint.Unit | None]:
    """Read ``text`` as a number and an optional unit, with a grammar of our own (never ``eval``).

    The grammar: ``[sign] digits [(. or ,) digits] [e exponent]``, then optionally a unit made of
    unit names the registry knows (``m``, ``cm``, ``L``, ``person``, ``day``, ``lux``, ``%`` …)
    joined by ``*``, ``·``, ``/`` or a space, each with an exponent from 1 to 4 (``m²``, ``m**2``,
    ``m^2``, ``m2``). Nothing is evaluated, so ``"9**9**9"`` is refused at once.

    A decimal comma is read as a decimal point (``"2,8 m"`` is 2.8 m, ``"2,80 m"`` 2.8 m), as
    French users write it. Refused as ambiguous, with the field named:

    - a comma followed by exactly three digits (``"1,234"``: 1.234 in French, 1234 in English);
    - digits separated by a space (``"2 8 m"``, ``"1 234 m"``): write the number without spaces (the
      narrow no-break space that centreplan's French output puts between thousands is accepted);
    - feet and inch marks (``"9'"``, ``9"``): write ``ft`` or ``in``, or the value in metres.

    Returns the magnitude and the unit (``None`` for a bare number).
    """
    pre = f"{field}: " if field else ""
    shown = excerpt(text)
    if len(text) > MAX_QUANTITY_TEXT:
        raise UnitError(f"{pre}{shown} is too long to be a quantity (at most {MAX_QUANTITY_TEXT} characters)")
    # the thousands separator of centreplan's own French output (U+202F, "1 234,5 m²") is unambiguous
    s = re.sub("(?<=[0-9])\u202f(?=[0-9]{3}(?![0-9]))", "", text.strip())
    m = _NUMBER.match(s)
    if not m:
        raise UnitError(f"{pre}{shown} is not a number")
    number, rest = m.group(), s[m.end():]
    if any(mark in rest for mark in ("'", '"', "′", "″", "’", "”")):
        raise UnitError(f"{pre}{shown}: feet and inch marks (' \") are ambiguous; write the unit as ft or in, "
                        "or the value in metres (2.74 m)")
    if re.match(r"\s*[0-9.,]", rest):
        raise UnitError(f"{pre}{shown} is ambiguous: digits separated by a space or by several separators; "
                        "write one number with a decimal point or comma (2.8 m or 2,8 m)")
    if "," in number:
        whole, _, frac = number.partition(",")
        if len(frac.split("e")[0].split("E")[0]) == 3 and whole.lstrip("+-"):
            raise UnitError(f"{pre}{shown} is ambiguous: a comma before three digits may separate thousands "
                            f"or decimals; write {whole}.{frac} or {whole}{frac} without the comma")
        number = number.replace(",", ".")
    value = float(number)
    if not math.isfinite(value):
        raise UnitError(f"{pre}{shown} is not a finite number")
    rest = rest.strip()
    if not rest:
        return value, None
    return value, _parse_unit(rest, pre, shown)


def _parse_unit(text: str, pre: str, shown: str) -> pint.Unit:
    unit = None
    pos, sign = 0, 1
    while pos < len(text):
        m = _ATOM.match(text, pos)
        if not m:
            raise UnitError(f"{pre}{shown}: {excerpt(text[pos:])} is not a unit")
        name = m.group("name")
        exp = _SUPERSCRIPTS[m.group("sup")] if m.group("sup") else int(m.group("exp") or 1)
        name = _ALIASES.get(name, name)
        ureg = registry()
        if name not in ureg:
            raise UnitError(f"{pre}{shown}: unknown unit {excerpt(name)}")
        atom = ureg.Unit(name) ** (sign * exp)
        unit = atom if unit is None else unit * atom
        pos = m.end()
        if pos == len(text):
            break
        sep = _SEPARATOR.match(text, pos)
        if not sep or sep.end() == len(text):
            raise UnitError(f"{pre}{shown}: {excerpt(text[pos:])} is not a unit")
        sign = -1 if sep.group("op") == "/" else (1 if sep.group("op") else sign)
        pos = sep.end()
    assert unit is not None
    return unit  # type: ignore[return-value]  # pint types the product of units as PlainUnit


def quantity(value: Any, unit: str, field: str | None = None) -> pint.Quantity:
    """Read ``value`` as a quantity of ``unit``'s dimension.

    A bare number is taken to be in ``unit``; a string may carry any unit of the same dimension
    (``"280 cm"`` for a length). Raises :class:`UnitError` naming ``field`` otherwise.
    """
    import pint

    ureg = registry()
    Q_ = ureg.Quantity
    target = ureg.Unit(unit)
    pre = f"{field}: " if field else ""
    if isinstance(value, bool):
        raise UnitError(f"{pre}{value!r} is not a number")
    if isinstance(value, pint.Quantity):
        q = value
    elif isinstance(value, Real):
        try:
            q = Q_(float(value), target)
        except OverflowError:
            raise UnitError(f"{pre}{excerpt(value)} is too large a number") from None
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            raise UnitError(f"{pre}empty value, expected {_describe(unit)}")
        number, parsed = parse_quantity(value, field)
        q = Q_(number, target if parsed is None else parsed)
    else:
        raise UnitError(f"{pre}{excerpt(value)} is not a number or a quantity with a unit")
    if q.dimensionality != target.dimensionality:
        raise UnitError(f"{pre}{excerpt(value)} is not {_describe(unit)} (expected a unit like {unit})")
    try:
        mag = float(q.to(target).magnitude)
    except (pint.PintError, OverflowError, ZeroDivisionError) as e:
        raise UnitError(f"{pre}{excerpt(value)} cannot be read as {_describe(unit)} ({type(e).__name__})") from None
    if not math.isfinite(mag):
        raise UnitError(f"{pre}{excerpt(value)} is not a finite number")
    return Q_(round(mag, 9), target)


def magnitude(value: Any, unit: str, field: str | None = None) -> float:
    """``quantity(value, unit, field)`` as a float in ``unit``.

    A plain number is already in ``unit``: it is checked and rounded as :func:`quantity` would, without
    going through pint (the same float, the same messages).
    """
    if type(value) is float or type(value) is int or (isinstance(value, Real) and not isinstance(value, bool)):
        pre = f"{field}: " if field else ""
        try:
            mag = float(value)
        except OverflowError:
            raise UnitError(f"{pre}{excerpt(value)} is too large a number") from None
        if not math.isfinite(mag):
            raise UnitError(f"{pre}{excerpt(value)} is not a finite number")
        return round(mag, 9)
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
