"""Translations: gettext-style message catalogues (``.po``) read with Babel, offline.

Catalogues live in ``locales/<lang>/LC_MESSAGES/<domain>.po``, one domain per package (``app`` for
the Streamlit app, ``exports`` for the exported documents, …), so packages never edit the same file.
The message ids are the English sentences; both the ``en`` and the ``fr`` catalogues carry a
non-empty translation for every message the code uses (``tests/unit/test_i18n.py`` checks it with
:func:`untranslated`).

Usage::

    _ = translator("fr", "app")
    _("Rooms")                         # -> "Pièces"
    _("{n} rooms", n=12)               # -> "12 pièces" (placeholders filled with str.format)

Strings that are not passed to ``_`` where they are written (labels in a table defined once) are
marked with :func:`N_` so that extraction finds them; they are translated later with ``_(label)``.

Adding messages (standard Babel tools; the English catalogue repeats each id as its text)::

    .venv/bin/pybabel extract -k N_ -o /tmp/app.pot app.py app_pages
    .venv/bin/pybabel update -i /tmp/app.pot -d locales -D app    # then fill in every new msgstr
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from centreplan.planner.errors import PlannerError

LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

# Names of the functions whose first string argument is a message id (for extraction).
KEYWORDS = ("_", "N_")


class Translator(Protocol):
    def __call__(self, msgid: str, /, **values: object) -> str: ...


class TranslationError(PlannerError):
    """An unknown language or a missing or unreadable message catalogue."""


def N_(msgid: str) -> str:
    """Marks ``msgid`` for extraction without translating it now (translate later with ``_``)."""
    return msgid


def catalogue_path(lang: str, domain: str, locales_dir: str | os.PathLike[str] | None = None) -> Path:
    return Path(locales_dir or LOCALES_DIR) / lang / "LC_MESSAGES" / f"{domain}.po"


@lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int) -> dict[str, str]:
    # mtime_ns is part of the cache key, so an edited catalogue is read again.
    data = path.read_bytes()
    plain = read_plain_po(data)
    return plain if plain is not None else read_po_with_babel(data, path)


def read_po_with_babel(data: bytes, path: Path | str = "<catalogue>") -> dict[str, str]:
    """The translations of a catalogue's bytes as ``{msgid: text}``, read by Babel (fuzzy and empty
    ones left out). Babel is imported here: a command that translates nothing starts without it."""
    from io import BytesIO

    from babel.messages.pofile import read_po

    try:
        cat = read_po(BytesIO(data), abort_invalid=True)
    except Exception as e:  # babel raises PoFileError and others on a broken file
        raise TranslationError(f"{path}: cannot read the message catalogue: {e}") from None
    out: dict[str, str] = {}
    for msg in cat:
        if not msg.id or msg.fuzzy or not isinstance(msg.id, str):
            continue
        text = msg.string if isinstance(msg.string, str) else ""
        if text:
            out[msg.id] = text
    return out


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r'\\([\\abfnrtv"])')
_CHARSET = re.compile(rb"charset=([-\w]+)", re.IGNORECASE)


def _unquote(part: str) -> str:
    """A quoted string of a catalogue, without its quotes and with its escapes read (as Babel does)."""
    inner = part[1:-1]
    return _ESCAPE.sub(lambda m: _ESCAPES[m.group(1)], inner) if "\\" in inner else inner


def read_plain_po(data: bytes) -> dict[str, str] | None:
    """The translations of a catalogue's bytes as ``{msgid: text}``, as :func:`read_po_with_babel`
    gives them, read line by line without Babel (a thirtieth of a second to import, more to read).

    It reads what the project's catalogues hold: UTF-8, comments, flags, ``msgid``/``msgstr`` on one
    line or several. Anything else — contexts, plurals, obsolete entries, a repeated id, another
    character set, a line it does not know — gives None, and the catalogue goes to Babel, which
    reads it or says what is wrong with it.
    """
    charset = _CHARSET.search(data)
    if charset is not None and charset.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    try:
        lines = [raw.strip().decode("utf-8") for raw in data.split(b"\n")]
    except UnicodeDecodeError:
        return None
    reader = _PlainPo()
    return reader.out if all(map(reader.line, lines)) and reader.finish() else None


class _PlainPo:
    """The state of :func:`read_plain_po`: each method returns False where Babel must take over."""

    def __init__(self) -> None:
        self.out: dict[str, str] = {}
        self.seen: set[str] = set()
        self.msgid: list[str] | None = None
        self.msgstr: list[str] | None = None
        self.current: list[str] | None = None
        self.fuzzy = False

    def line(self, line: str) -> bool:
        if not line:
            return True
        if line[0] == "#":
            if line[1:2] in ("-", "~") or not self.finish():
                return False
            if line[1:2] == ",":
                self.fuzzy = self.fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].lstrip().split(","))
            return True
        if line[0] == '"':
            if self.current is not None:
                self.current.append(line)
            return self.current is not None
        keyword, _, arg = line.partition(" ")
        arg = arg.strip()
        if keyword == "msgid":
            if not self.finish():
                return False
            self.msgid = self.current = [arg]
            return True
        if keyword == "msgstr" and self.msgid is not None and self.msgstr is None:
            self.msgstr = self.current = [] if arg == '""' else [arg]
            return True
        return False

    def finish(self) -> bool:
        """Adds the message read so far (none before the first ``msgid``)."""
        if self.msgid is None:
            return True
        if self.msgstr is None:
            return False
        key = "".join(map(_unquote, self.msgid))
        if key in self.seen:
            return False
        self.seen.add(key)
        text = "".join(map(_unquote, self.msgstr))
        if key and text and not self.fuzzy:
            self.out[key] = text
        self.msgid = self.msgstr = self.current = None
        self.fuzzy = False
        return True


def catalogue(lang: str, domain: str, locales_dir: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """The translations of ``domain`` in ``lang`` as ``{msgid: text}`` (fuzzy and empty ones left out)."""
    if lang not in LANGUAGES:
        raise TranslationError(f"language {lang!r} is not available; choose one of: {', '.join(LANGUAGES)}")
    path = catalogue_path(lang, domain, locales_dir)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise TranslationError(f"no message catalogue for domain {domain!r} in {lang!r} (expected {path})") from None
    return _load(path, mtime)


def translator(lang: str, domain: str, locales_dir: str | os.PathLike[str] | None = None) -> Translator:
    """A function ``_(msgid, **values)`` giving ``msgid`` in ``lang``, with ``{placeholders}`` filled.

    A message missing from the catalogue comes back as the English message id (the tests make sure
    none is missing). Raises :class:`TranslationError` for an unknown language or a missing catalogue.
    """
    messages = catalogue(lang, domain, locales_dir)

    def _(msgid: str, /, **values: object) -> str:
        text = messages.get(msgid, msgid)
        return text.format(**values) if values else text

    return _


def used_messages(files: Iterable[str | os.PathLike[str]],
                  keywords: Iterable[str] = KEYWORDS) -> dict[str, list[str]]:
    """Every message id passed to the ``keywords`` functions in the Python ``files``.

    Returns ``{msgid: ["file:line", …]}``. Only literal strings are found, which is why labels built
    at run time must be written out and marked with :func:`N_`.
    """
    from babel.messages.extract import extract_from_file

    spec = {k: None for k in keywords}
    found: dict[str, list[str]] = {}
    for f in files:
        for lineno, message, _comments, _context in extract_from_file("python", str(f), keywords=spec):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                found.setdefault(msgid, []).append(f"{f}:{lineno}")
    return found


def untranslated(msgids: Iterable[str], domain: str,
                 locales_dir: str | os.PathLike[str] | None = None) -> dict[str, list[str]]:
    """``{lang: [msgid, …]}`` for every language whose ``domain`` catalogue lacks a translation."""
    wanted = sorted(set(msgids))
    out: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        messages = catalogue(lang, domain, locales_dir)
        missing = [m for m in wanted if not messages.get(m, "").strip()]
        if missing:
            out[lang] = missing
    return out


def placeholder_mismatches(domain: str, locales_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Translations whose ``{placeholders}`` differ from their message id's (they would fail to format)."""
    import string

    def names(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    out: list[str] = []
    for lang in LANGUAGES:
        for msgid, text in catalogue(lang, domain, locales_dir).items():
            if names(msgid) != names(text):
                out.append(f"{lang}/{domain}: {msgid!r} -> {text!r}")
    return out

