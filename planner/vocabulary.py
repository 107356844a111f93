"""The one vocabulary: names in English and French, and colours, of the closed lists of centreplan.

The data is ``planner/vocabulary.yaml``; every package names uses, occupant groups, population
categories, fixtures, phases, climates, packs, severities and units from here, so one code reads the
same in the app, the checker's findings, the PDF, the sheets and the DXF plan.

Usage::

    name("uses", "legal", "fr")            # "conseil juridique"   (inside a sentence)
    label("uses", "legal", "fr")           # "Conseil juridique"   (standing alone: cell, legend)
    plural("uses", "dormitory", "fr")      # "dortoirs"
    bare("uses", "medical", "fr")          # "médical"  ("local médical", "no medical room")
    short("groups", "boys", "en")          # "boys (unaccompanied)"  (room labels on a plan)
    colour("boys")                         # "#a1d99b"  (fill of the group's rooms everywhere)
    unit_name("bed", 3, "fr")              # "lits"     (see planner.numbers.count for "3 lits")

A code missing from a table comes back as itself (a layout read from a newer format still shows
something); ``codes(table)`` lists a table's codes in file order.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from centreplan.planner.errors import PlannerError

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where built: many times faster
VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")
LANGS = ("en", "fr")
TABLES = ("uses", "groups", "population", "fixtures", "phases", "centre_types", "entrance_roles", "climates", "packs",
          "severities", "units")


class VocabularyError(PlannerError):
    """The vocabulary file is missing, unreadable or lacks a language."""


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, dict[str, dict[str, Any]]]:
    """The whole vocabulary file, checked once: every table present, every entry in both languages."""
    try:
        data = yaml.load(VOCABULARY_FILE.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, yaml.YAMLError) as e:
        raise VocabularyError(f"{VOCABULARY_FILE}: cannot read the vocabulary: {e}") from None
    for table in TABLES:
        entries = data.get(table)
        if not isinstance(entries, dict) or not entries:
            raise VocabularyError(f"{VOCABULARY_FILE}: table {table!r} is missing")
        for code, entry in entries.items():
            forms = [entry] if table != "units" else [entry.get(k) for k in ("symbol", "one", "many") if k in entry]
            for form in forms:
                if not isinstance(form, dict) or any(not form.get(lang) for lang in LANGS):
                    raise VocabularyError(f"{VOCABULARY_FILE}: {table}.{code}: give both 'en' and 'fr'")
    return data


@lru_cache(maxsize=4)
def _contractions(lang: str) -> tuple[re.Pattern[str], dict[str, str]] | None:
    pairs = {k.lower(): v for k, v in (vocabulary().get("contractions") or {}).get(lang, {}).items()}
    if not pairs:
        return None
    alternatives = "|".join(re.escape(k) for k in sorted(pairs, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), pairs


def contract(text: str, lang: str) -> str:
    """``text`` with the articles of ``lang`` contracted before a group name (``des personnel`` reads
    ``du personnel``; the ``contractions`` table of the vocabulary file); a capital stays a capital."""
    found = _contractions(lang)
    if found is None or not text:
        return text
    pattern, pairs = found

    def _one(m: re.Match[str]) -> str:
        out = pairs[m.group(0).lower()]
        return out[:1].upper() + out[1:] if m.group(0)[:1].isupper() else out

    return pattern.sub(_one, text)


def _lang(lang: str) -> str:
    return lang if lang in LANGS else "en"


def _entry(table: str, code: str) -> dict[str, Any] | None:
    return vocabulary()[table].get(code)


def codes(table: str) -> tuple[str, ...]:
    """The codes of ``table`` in the order of the vocabulary file."""
    return tuple(vocabulary()[table])


@lru_cache(maxsize=4096)
def name(table: str, code: str, lang: str) -> str:
    """How ``code`` reads inside a sentence (``"dortoir"``, ``"garçons non accompagnés"``)."""
    e = _entry(table, code)
    return str(e[_lang(lang)]) if e else code


@lru_cache(maxsize=4096)
def label(table: str, code: str, lang: str) -> str:
    """How ``code`` reads standing alone: a table cell, a legend, a choice in a list."""
    e = _entry(table, code)
    if not e:
        return code
    if "label" in e:
        return str(e["label"][_lang(lang)])
    text = str(e[_lang(lang)])
    return text[:1].upper() + text[1:]


@lru_cache(maxsize=4096)
def plural(table: str, code: str, lang: str) -> str:
    """The plural inside a sentence (the name itself for codes that are plural already)."""
    e = _entry(table, code)
    if not e:
        return code
    return str(e["plural"][_lang(lang)]) if "plural" in e else str(e[_lang(lang)])


@lru_cache(maxsize=4096)
def bare(table: str, code: str, lang: str) -> str:
    """The word a sentence puts before "room" or after "local" (``medical`` in "no medical room",
    ``médical`` in "local médical"); the name when the entry has none."""
    e = _entry(table, code)
    if not e:
        return code
    return str(e["bare"][_lang(lang)]) if "bare" in e else str(e[_lang(lang)])


def short(table: str, code: str, lang: str) -> str:
    """A short form for labels on a plan (the name when the entry has none)."""
    e = _entry(table, code)
    if not e:
        return code
    return str(e["short"][_lang(lang)]) if "short" in e else str(e[_lang(lang)])


def colour(group: str) -> str:
    """The fill colour (``#rrggbb``) of a group's rooms in the app, the PDF and the DXF plan."""
    e = _entry("groups", group)
    return str(e["colour"]) if e and "colour" in e else "#ffffff"


def rgb(group: str) -> tuple[int, int, int]:
    """:func:`colour` as 0–255 integers (for a DXF true colour)."""
    h = colour(group).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def is_symbol(unit: str) -> bool:
    """Whether ``unit`` prints as a symbol (``m²``) rather than as a counted word (``lits``)."""
    e = _entry("units", unit)
    return e is None or "symbol" in e


@lru_cache(maxsize=4096)
def unit_name(unit: str, amount: float, lang: str) -> str:
    """The unit as printed after ``amount``: its symbol, or its word in the singular for an amount of
    at most one and in the plural otherwise (French usage: ``0,5 lit``, ``1 lit``, ``2 lits``; English
    uses the singular for exactly one only)."""
    e = _entry("units", unit)
    lg = _lang(lang)
    if e is None:
        return unit
    if "symbol" in e:
        return str(e["symbol"][lg])
    one = abs(amount) < 2 if lg == "fr" else abs(amount) == 1
    return str(e["one" if one else "many"][lg])
