"""Words printed in exported documents, in English or French (``exports/labels.yaml``).

The table's keys are the English text, as gettext message ids, so the same calls work when the
table moves to ``.po`` catalogues. :func:`translator` returns ``_(text, **values)``; names of uses and
groups come from :func:`use_label` and :func:`group_label`.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml

from planner.errors import ExportError

LANGUAGES = ("en", "fr")
LABELS_FILE = Path(__file__).with_name("labels.yaml")


@lru_cache(maxsize=1)
def _table() -> dict:
    with LABELS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ExportError(f"lang: {lang!r} is not available; choose one of: {', '.join(LANGUAGES)}")
    return lang


def translator(lang: str) -> Callable[..., str]:
    """``_(text, **values)``: ``text`` in ``lang`` (English text is the key), placeholders filled."""
    check_lang(lang)
    texts = _table()["text"]

    def _(text: str, /, **values: object) -> str:
        out = text
        if lang != "en":
            entry = texts.get(text)
            if entry and entry.get(lang):
                out = entry[lang]
        return out.format(**values) if values else out

    return _


def use_label(use: str, lang: str) -> str:
    entry = _table()["uses"].get(use)
    return entry[check_lang(lang)] if entry else use


def group_label(group: str, lang: str) -> str:
    entry = _table()["groups"].get(group)
    return entry[check_lang(lang)] if entry else group


def beds_label(n: int, lang: str) -> str:
    _ = translator(lang)
    return _("1 bed") if n == 1 else _("{n} beds", n=n)


def number(value: float, decimals: int, lang: str) -> str:
    """``value`` with ``decimals`` decimals, with a decimal comma in French."""
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text
