"""Texts from users, made safe where they are read and where they are written.

Names and notes come from files that anyone may have written. This module holds the few pure
functions that keep such text from being misread by the programs that show or open it:

- :func:`check_text` refuses control characters (and, in one-line fields, line breaks) and texts
  longer than a bound, on load (the model calls it for every name, location and note);
- :func:`excerpt` quotes at most a short piece of a value in an error message;
- :func:`terminal_safe` makes control sequences visible (``\\x1b``) before text reaches a terminal;
- :func:`dxf_safe` keeps a text on one DXF line (a line break in a group value would end the
  value, and the next line would be read as a group code: ``0`` / ``EOF`` ends the drawing);
- :func:`sheet_cell` neutralises a spreadsheet cell that a spreadsheet program would read as a
  formula (OWASP "CSV injection": a text starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a
  leading apostrophe); numbers stay numbers;
- :func:`markdown_plain` escapes Markdown and HTML so that a text is shown as written (no image is
  fetched, no link or HTML is rendered).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

# C0 controls except tab and line feed, DEL, C1 controls; the bidirectional embedding, override
# and isolate marks that reorder what a reader sees (U+202A-U+202E, U+2066-U+2069), and the Unicode
# line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile("[\t\n\r\v\f\u0085\u2028\u2029]")
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

EXCERPT = 40  # characters of a value quoted in an error message


def _codepoint(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name.lower()}" if name else "")


def excerpt(value: Any, limit: int = EXCERPT) -> str:
    """A short, printable quotation of ``value`` for an error message (``'abc…' (1 000 000 characters)``)."""
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= limit:
        return repr(text) if isinstance(value, str) else text
    head = repr(text[:limit])[:-1] + "…" + repr(text[:limit])[-1] if isinstance(value, str) else text[:limit] + "…"
    return f"{head} ({len(text):,} characters)"


def check_text(value: str, *, max_length: int, multiline: bool = False) -> str:
    """``value`` if it is a clean text of at most ``max_length`` characters, else ``ValueError``.

    One-line texts (names, a location) may hold no control character at all, line breaks and tabs
    included; multi-line texts (notes) may hold line breaks and tabs. Leading and trailing spaces
    are kept (the model stores what the file says).
    """
    if len(value) > max_length:
        raise ValueError(f"{excerpt(value)} is too long: {len(value):,} characters, at most {max_length:,}")
    bad = _CONTROL.search(value)
    if bad is None and not multiline:
        bad = _LINE_BREAKS.search(value)
    if bad is not None:
        kind = "a line break or tab" if _LINE_BREAKS.match(bad.group()) else "a control character"
        where = "" if multiline else "; this text is one line"
        raise ValueError(f"{excerpt(value)} contains {kind} ({_codepoint(bad.group())}) at character "
                         f"{bad.start() + 1}{where}")
    return value


def terminal_safe(text: str) -> str:
    """``text`` with every control character but line feed and tab shown as an escape (``\\x1b``)."""
    return _TERMINAL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def dxf_safe(text: str) -> str:
    """``text`` fit for one DXF group value: line breaks and other control characters become spaces."""
    return _LINE_BREAKS.sub(" ", _CONTROL.sub(" ", text))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def sheet_cell(value: Any) -> Any:
    """A cell value a spreadsheet program shows as written, never runs (OWASP CSV injection rule).

    A text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
    apostrophe (``'=1+1``), which spreadsheet programs read as "this is text". Numbers, booleans,
    dates and ``None`` are returned unchanged, so they stay numeric. A text that is only a signed
    number (``-3``, ``+2.5``) is left as it is: it is a value, not a formula.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if re.fullmatch(r"[+-][0-9]+(?:[.,][0-9]+)?", value):
        return value
    return "'" + value


# Characters that make Markdown or HTML anywhere in a line (images, links, code, emphasis, tags,
# entities, tables, maths; ":" breaks bare web addresses and icon codes), and the markers that do so
# at the start of a line (headings, lists, quotes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>!|~$&:])")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|[0-9]+(?=[.)]))")


def markdown_plain(text: str, lines: bool = False) -> str:
    """``text`` for a Markdown renderer, shown exactly as written: every Markdown and HTML character
    is escaped, so no image, link, HTML tag or formatting comes of it. Line breaks become spaces, or
    with ``lines`` Markdown line breaks (for a message of several lines)."""
    if lines:
        return "  \n".join(markdown_plain(line) for line in str(text).splitlines())
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", dxf_safe(str(text)))
    # "- x" → "\\- x"; "12. x" → "12\\. x" (a backslash escapes punctuation only)
    return _LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit()
                                                   else "\\" + m.group(2)), escaped)
