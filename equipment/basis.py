"""The basis of an equipment quantity, a reason for leaving an item out, a warning: a template key and
its numbers, written in each language by one renderer, as the checker's findings are.

A :class:`Basis` holds no sentence. Its key names a template of ``equipment/bases.yaml`` (one line
per language), and its arguments are numbers, other bases (a phrase, a sum of terms) or words of the
data (a catalogue text in both languages, an id). :func:`render` fills the template with the project's
one number format (:mod:`planner.numbers`) and the units of the one vocabulary
(:mod:`planner.vocabulary`)::

    b = basis("blankets", k=1, n=120)        # template: "{k} per person × {n:person}"
    b.text("en")                             # "1 per person × 120 persons"
    b.text("fr")                             # "1 par personne × 120 personnes"

Placeholders: ``{x}`` a number with at most two decimals and no trailing zeros (``2.5``, ``1 234``);
``{x:.3}`` at most three decimals; ``{x:unit}`` or ``{x:unit.1}`` the number and its unit, a symbol
(``L/jour``) or a counted word in the singular or plural (``1 mois``, ``3 jours``, ``0,5 lit``); a
:class:`Basis` argument is rendered in the same language, a list of them joined by `` + ``; an object
with ``en`` and ``fr`` (a catalogue text) gives its own language; a string is data and prints as it is.
Parts added with :meth:`Basis.plus` follow the main text (their templates carry their own punctuation:
``"; the layout has {n} WCs"``).
"""
from __future__ import annotations

import string
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from centreplan.planner.errors import CatalogueError
from centreplan.planner.numbers import NBSP, fill, number
from centreplan.planner.vocabulary import unit_name, vocabulary

BASES_FILE = Path(__file__).with_name("bases.yaml")
LANGS = ("en", "fr")


@lru_cache(maxsize=1)
def templates() -> dict[str, dict[str, str]]:
    """The templates of ``equipment/bases.yaml`` by key, each in every language."""
    try:
        data = yaml.safe_load(BASES_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise CatalogueError(f"{BASES_FILE}: cannot read the bases: {e}") from None
    out: dict[str, dict[str, str]] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or any(not isinstance(entry.get(lang), str) for lang in LANGS):
            raise CatalogueError(f"{BASES_FILE}: {key}: give the template in 'en' and 'fr'")
        out[key] = {lang: entry[lang] for lang in LANGS}
    return out


def num(x: float, lang: str = "en", digits: int = 2) -> str:
    """A number in ``lang``'s format with at most ``digits`` decimals and no trailing zeros."""
    if float(x).is_integer():
        return number(x, lang, 0)
    return number(x, lang, digits).rstrip("0").rstrip(".,")


def _with_unit(x: float, unit: str, lang: str, digits: int) -> str:
    return f"{num(x, lang, digits)}{NBSP if lang == 'fr' else ' '}{unit_name(unit, x, lang)}"


def _write(v: Any, spec: str, lang: str) -> str:
    """One argument written in ``lang`` by its spec: ``unit.digits`` (``L.1``: ``2 600 L``), a basis or
    bases (joined by `` + ``), a text, or a value with its ``en`` and ``fr``."""
    if isinstance(v, Basis):
        return v.text(lang)
    if isinstance(v, (list, tuple)):
        return " + ".join(b.text(lang) for b in v)
    if isinstance(v, str):
        return v
    if hasattr(v, "en") and hasattr(v, "fr"):
        return str(getattr(v, lang))
    unit, _, digits = spec.partition(".")
    d = int(digits) if digits else 2
    return _with_unit(float(v), unit, lang, d) if unit else num(float(v), lang, d)


@dataclass(frozen=True)
class Basis:
    """A template key of ``equipment/bases.yaml``, its arguments, and the parts that follow it."""

    key: str
    args: tuple[tuple[str, Any], ...] = ()
    then: tuple[Basis, ...] = ()

    def text(self, lang: str = "en") -> str:
        return render(self, lang)

    @property
    def en(self) -> str:
        return render(self, "en")

    @property
    def fr(self) -> str:
        return render(self, "fr")

    def plus(self, key: str, **args: Any) -> Basis:
        """This basis followed by the part ``key`` (``"; the layout has 3 WCs"``)."""
        return replace(self, then=self.then + (basis(key, **args),))

    def __str__(self) -> str:
        return render(self, "en")


def basis(key: str, **args: Any) -> Basis:
    """The basis of template ``key`` with ``args`` (a missing key fails here, not when printed)."""
    if key not in templates():
        raise KeyError(f"{BASES_FILE.name}: no template {key!r}")
    return Basis(key, tuple(args.items()))


def source_text(source: str, lang: str = "en") -> str:
    """A source the sizing code wrote (in English), in ``lang``: the ``source.*`` entry of
    ``equipment/bases.yaml`` whose English text it is; a bare citation (``S5``) stays as it is."""
    if lang == "en" or lang not in LANGS:
        return source
    return _sources(lang).get(source, source)


@lru_cache(maxsize=len(LANGS))
def _sources(lang: str) -> dict[str, str]:
    return {t["en"]: t[lang] for key, t in templates().items() if key.startswith("source.")}


def render(b: Basis, lang: str = "en") -> str:
    """``b`` written in ``lang`` (English for a language without templates)."""
    lg = lang if lang in LANGS else "en"
    text = fill(templates()[b.key][lg], dict(b.args), lg, _write)
    return text + "".join(render(part, lg) for part in b.then)


def placeholders(key: str, lang: str) -> list[tuple[str, str]]:
    """The ``(name, spec)`` placeholders of a template (for the test that every unit exists)."""
    return [(f, s or "") for _, f, s, _ in string.Formatter().parse(templates()[key][lang]) if f]


def known_unit(spec: str) -> bool:
    """Whether a placeholder spec names a unit of the vocabulary (or no unit)."""
    unit = spec.partition(".")[0]
    return not unit or unit in vocabulary()["units"]
