"""Words printed in exported documents, in English or French.

Messages live in the gettext catalogues of the ``exports`` domain
(``locales/<lang>/LC_MESSAGES/exports.po``, read by :mod:`planner.i18n`); message ids are the English
text. Names of uses and groups are listed here once (marked with ``N_`` for extraction) and
translated by :func:`use_label` and :func:`group_label`.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from planner.errors import ExportError
from planner.i18n import LANGUAGES, N_
from planner.i18n import translator as _translator

DOMAIN = "exports"

USE_NAMES = {
    "dormitory": N_("Dormitory"), "family_room": N_("Family room"), "sanitary": N_("Sanitary"),
    "medical": N_("Medical"), "isolation": N_("Isolation"), "interview": N_("Interview"),
    "child_space": N_("Child space"), "women_space": N_("Women's space"), "dining": N_("Dining"),
    "kitchen": N_("Kitchen"), "food_store": N_("Food store"), "laundry": N_("Laundry"),
    "storage": N_("Storage"), "luggage": N_("Luggage"), "office": N_("Office"), "reception": N_("Reception"),
    "waiting": N_("Waiting"), "recreation": N_("Recreation"), "prayer": N_("Prayer"), "visits": N_("Visits"),
    "legal": N_("Legal advice"), "staff_room": N_("Staff room"), "security": N_("Security"),
    "corridor": N_("Corridor"), "outdoor": N_("Outdoor"), "technical": N_("Technical room"),
    # transit/flow/infection
    "arrival": N_("Arrival area"), "triage": N_("Medical triage"), "registration": N_("Registration"),
}
GROUP_NAMES = {
    "men": N_("men"), "women": N_("women"), "boys": N_("boys (unaccompanied)"),
    "girls": N_("girls (unaccompanied)"), "families": N_("families"), "staff": N_("staff"), "all": N_("common"),
}
CLIMATE_NAMES = {"hot": N_("hot"), "temperate": N_("temperate"), "cold": N_("cold")}
PHASE_NAMES = {"emergency": N_("emergency"), "stabilised": N_("stabilised")}
# room labels on the plan spell the groups out: an acronym (UASC, MNA) is not explained on a drawing
GROUP_SHORT = dict(GROUP_NAMES)


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
    return translator(lang)(USE_NAMES[use]) if use in USE_NAMES else use


def group_label(group: str, lang: str, short: bool = False) -> str:
    names = GROUP_SHORT if short else GROUP_NAMES
    return translator(lang)(names[group]) if group in names else group


def beds_label(n: int, lang: str) -> str:
    _ = translator(lang)
    return _("1 bed") if n == 1 else _("{n} beds", n=n)


def number(value: float, decimals: int, lang: str) -> str:
    """``value`` with ``decimals`` decimals; in French a decimal comma and no-break spaces between
    thousands."""
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text
