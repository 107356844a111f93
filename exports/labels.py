"""Words printed in exported documents, in English or French.

Messages live in the gettext catalogues of the ``exports`` domain
(``locales/<lang>/LC_MESSAGES/exports.po``, read by :mod:`planner.i18n`); message ids are the English
text. Names of uses, groups, phases and climates come from the one vocabulary
(``planner/vocabulary.yaml``), numbers from the one number format (:mod:`planner.numbers`).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from centreplan.planner import numbers, vocabulary
from centreplan.planner.errors import ExportError
from centreplan.planner.i18n import LANGUAGES
from centreplan.planner.i18n import translator as _translator

DOMAIN = "exports"


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ExportError(f"lang: {lang!r} is not available; choose one of: {', '.join(LANGUAGES)}")
    return lang


@lru_cache(maxsize=4)
def translator(lang: str) -> Callable[..., str]:
    """``_(text, **values)``: ``text`` (English, the message id) in ``lang``, placeholders filled.

    Kept once per language: the catalogues of the exports change with a release, and a plan of
    thousands of rooms asks for a label per room."""
    return _translator(check_lang(lang), DOMAIN)


def use_label(use: str, lang: str) -> str:
    """The use of a room standing alone (a cell, a label on the plan): ``Dortoir``, ``Dormitory``."""
    return vocabulary.label("uses", use, check_lang(lang))


def group_label(group: str, lang: str, short: bool = False) -> str:
    """The occupant group standing alone (a cell, a legend) or, ``short``, inside a room label on the plan."""
    check_lang(lang)
    return vocabulary.short("groups", group, lang) if short else vocabulary.label("groups", group, lang)


def beds_label(n: int, lang: str) -> str:
    """``1 bed``, ``6 beds``, ``6 lits`` (a plain space: CAD fonts may lack the no-break space)."""
    return f"{numbers.integer(n, lang)} {vocabulary.unit_name('bed', n, check_lang(lang))}"


def number(value: float, decimals: int, lang: str) -> str:
    """``value`` with ``decimals`` decimals in the one number format (``1 234,5`` in French)."""
    return numbers.number(value, lang, decimals)
