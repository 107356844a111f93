"""The one number format of centreplan, per language.

French writes a decimal comma, groups thousands with a narrow no-break space (U+202F, as Babel's
``fr`` locale does) and puts a no-break space (U+00A0) between a number and its unit; English writes
a decimal point and groups thousands with a comma::

    number(2.4, "fr", 2)             # "2,40"
    number(1234.5, "fr")             # "1 234,5"   (U+202F between 1 and 234)
    number(1234.5, "en")             # "1,234.5"
    quantity(2.4, "m", "fr", 2)      # "2,40 m"   (U+00A0 before the unit)
    quantity(3.3, "m2_per_person", "fr")   # "3,3 m²/personne"
    count(3, "bed", "fr")            # "3 lits"
    count(1, "bed", "en")            # "1 bed"

Units are codes of the ``units`` table of :mod:`planner.vocabulary`; an unknown unit prints as given.
``grouping=False`` writes no thousands separator (the English strings of the checker's report JSON,
whose form is a contract, are written so). :func:`pair` chooses the decimals that keep two different
values apart (3.96 against 4.0 → ``3.96`` and ``4.00``); :func:`ceil_div` is the ceiling of a count
without float noise.

:func:`fill` writes a template's values in one language, each by its placeholder's format spec, with the
writer of the domain whose grammar the specs follow (the DXF import report's ``{x:m2.2}``, ``{x:q}``;
the equipment bases' ``{x:L.1}``)::

    fill("{area:m2.1}", {"area": 24.0}, "fr", write)   # write(24.0, "m2.1", "fr")
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from centreplan.planner.vocabulary import unit_name

NARROW_NBSP = "\u202f"  # French thousands separator
NBSP = "\u00a0"  # between a number and its unit in French


@lru_cache(maxsize=65536)  # a check of thousands of rooms writes the same limits again and again
def number(value: float, lang: str = "en", digits: int = 1, *, grouping: bool = True) -> str:
    """``value`` with ``digits`` decimals in ``lang``'s format (``-0`` prints as ``0``)."""
    text = f"{value:,.{digits}f}" if grouping else f"{value:.{digits}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]
    if lang == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def integer(value: float, lang: str = "en", *, grouping: bool = True) -> str:
    """A whole number (``1 234`` in French, ``1,234`` in English)."""
    return number(round(value), lang, 0, grouping=grouping)


def unit_text(unit: str | None, amount: float, lang: str) -> str:
    """The unit as printed after ``amount`` in ``lang`` (see :func:`planner.vocabulary.unit_name`)."""
    return unit_name(unit, amount, lang) if unit else ""


def quantity(value: float, unit: str | None, lang: str = "en", digits: int = 1, *, grouping: bool = True) -> str:
    """``value`` and its unit: ``2,40 m``, ``1 234,5 m²``, ``0,5 colis``, ``3 lits``."""
    text = number(value, lang, digits, grouping=grouping)
    if not unit:
        return text
    sep = NBSP if lang == "fr" else " "
    return f"{text}{sep}{unit_text(unit, value, lang)}"


def count(n: int, unit: str, lang: str = "en", *, grouping: bool = True) -> str:
    """A whole count and its word: ``1 lit``, ``3 lits``, ``12 showers``."""
    return quantity(float(n), unit, lang, 0, grouping=grouping)


def percent(ratio: float, lang: str = "en", digits: int = 0) -> str:
    """A ratio as a percentage: 0.125 → ``12.5 %`` / ``12,5 %`` (a no-break space in French)."""
    sep = NBSP if lang == "fr" else " "
    return f"{number(ratio * 100, lang, digits)}{sep}%"


def digits_apart(measured: float, required: float, digits: int = 1, most: int = 3) -> int:
    """The decimals (from ``digits`` up to ``most``) at which two different values print differently."""
    d = digits
    while d < most and abs(measured - required) > 1e-9 and \
            number(measured, "en", d, grouping=False) == number(required, "en", d, grouping=False):
        d += 1
    return d


def pair(measured: float, required: float, digits: int = 1, lang: str = "en", *,
         grouping: bool = True) -> tuple[str, str]:
    """Two numbers written so that different values never look equal (3.96, 4.0 → ``3.96``, ``4.00``)."""
    d = digits_apart(measured, required, digits)
    return number(measured, lang, d, grouping=grouping), number(required, lang, d, grouping=grouping)


def ceil_div(n: float, k: float) -> int:
    """ceil(n / k) for counts, robust to float noise (30 / 20 → 2; 40 / 20 → 2)."""
    q = n / k
    r = round(q)
    return int(r) if abs(q - r) < 1e-9 else int(math.ceil(q))


Writer = Callable[[Any, str, str], str]  # write(value, spec, lang)


class _Arg:
    """One value as :meth:`str.format` sees it: written in one language by a domain's writer."""

    __slots__ = ("value", "lang", "write")

    def __init__(self, value: Any, lang: str, write: Writer) -> None:
        self.value, self.lang, self.write = value, lang, write

    def __format__(self, spec: str) -> str:
        return self.write(self.value, spec, self.lang)


def fill(template: str, params: Mapping[str, Any], lang: str, write: Writer) -> str:
    """``template`` (already in ``lang``) with each value of ``params`` written by ``write(value, spec,
    lang)``, ``spec`` being its placeholder's format spec."""
    return template.format(**{k: _Arg(v, lang, write) for k, v in params.items()})
