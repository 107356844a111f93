"""Drafts: the centre being edited, saved as the user works, so a reload or a crash loses nothing.

A draft is one JSON file in the user's data folder (``<data dir>/drafts/<id>.json``): the centre as
layout data and what the app showed it with (language, rule packs, sizing parameters, exchange
rates). Each app session writes its own draft, atomically (a draft is whole or absent, never half
written); the newest :data:`KEEP` drafts are kept.

The data folder is the platform's (``~/.local/share/centreplan`` on Linux, ``%LOCALAPPDATA%`` on
Windows, ``~/Library/Application Support`` on macOS), or the folder named by the environment
variable ``CENTREPLAN_DATA_DIR``.

Interface (no Streamlit here; the app calls it)::

    save(draft_id, centre, settings, *, source="", unsaved=True) -> Path
    drafts() -> list[Draft]           # newest first; unreadable files are skipped
    load(draft_id) -> Draft
    discard(draft_id) -> None
    new_id() -> str
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import logging
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from centreplan.layouts.io import atomic_write, centre_from_data, to_data
from centreplan.planner.errors import LayoutError, PlannerError
from centreplan.planner.model import Centre

ENV = "CENTREPLAN_DATA_DIR"
FORMAT = "centreplan-draft/1"
KEEP = 10  # drafts kept, newest first
_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")
log = logging.getLogger("centreplan.drafts")


@dataclass(frozen=True)
class Draft:
    """A saved draft: the centre, where it came from, and the app's settings for it."""

    id: str
    saved_at: _dt.datetime  # UTC
    centre: Centre
    source: str = ""  # the example's or the uploaded file's name it started from
    unsaved: bool = True  # the centre has changes not saved in a layout file
    settings: dict[str, Any] = field(default_factory=dict)  # lang, packs, equipment (params, fx, others)


def data_dir() -> Path:
    """The user's data folder for centreplan (``CENTREPLAN_DATA_DIR`` when set)."""
    override = os.environ.get(ENV, "").strip()
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("centreplan", appauthor=False))


def drafts_dir() -> Path:
    return data_dir() / "drafts"


def new_id(now: _dt.datetime | None = None) -> str:
    """A new draft id: the UTC time it was made and a random part (``20261201T001500-3fa2c1``)."""
    now = now or _dt.datetime.now(_dt.UTC)
    return f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def _path(draft_id: str) -> Path:
    if not _ID.match(draft_id or ""):
        raise PlannerError(f"draft id {draft_id!r}: letters, digits and '-' only")
    return drafts_dir() / f"{draft_id}.json"


def save(draft_id: str, centre: Centre, settings: Mapping[str, Any] | None = None, *, source: str = "",
         unsaved: bool = True, now: _dt.datetime | None = None) -> Path:
    """Write the draft ``draft_id`` (atomically: the previous draft stays whole until the new one is
    complete) and keep only the newest :data:`KEEP` drafts. ``settings`` must be plain JSON data."""
    path = _path(draft_id)
    now = now or _dt.datetime.now(_dt.UTC)
    doc = {"format": FORMAT, "id": draft_id, "saved_at": now.isoformat(timespec="seconds"),
           "source": source, "unsaved": bool(unsaved), "settings": dict(settings or {}),
           "centre": to_data(centre)}
    atomic_write(path, json.dumps(doc, ensure_ascii=False, indent=1, default=str))
    _prune(keep=path)
    return path


def load(draft_id: str) -> Draft:
    """The draft ``draft_id``; raises :class:`LayoutError` naming the file when it cannot be read."""
    return _read(_path(draft_id))


def _read(path: Path) -> Draft:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LayoutError("no such draft", str(path)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise LayoutError(f"not a readable draft: {e}", str(path)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise LayoutError(f"format: not a centreplan draft (expected '{FORMAT}')", str(path))
    try:
        saved_at = _dt.datetime.fromisoformat(str(doc.get("saved_at")))
    except ValueError:
        raise LayoutError(f"saved_at: {doc.get('saved_at')!r} is not a date and time", str(path)) from None
    settings = doc.get("settings")
    return Draft(id=path.stem, saved_at=saved_at, centre=centre_from_data(doc.get("centre"), str(path)),
                 source=str(doc.get("source") or ""), unsaved=bool(doc.get("unsaved", True)),
                 settings=settings if isinstance(settings, dict) else {})


def drafts() -> list[Draft]:
    """Every readable draft, newest first (a file that cannot be read is left alone and logged)."""
    folder = drafts_dir()
    if not folder.is_dir():
        return []
    out = []
    for path in folder.glob("*.json"):
        try:
            out.append(_read(path))
        except PlannerError as e:
            log.warning("draft skipped: %s", e)
    return sorted(out, key=lambda d: (d.saved_at, d.id), reverse=True)


def discard(draft_id: str) -> None:
    """Delete the draft ``draft_id`` (nothing happens when there is none)."""
    with contextlib.suppress(FileNotFoundError):
        _path(draft_id).unlink()


def _prune(keep: Path) -> None:
    files = sorted(drafts_dir().glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in [p for p in files if p != keep][KEEP - 1:]:
        try:
            old.unlink()
        except OSError as e:
            log.warning("old draft not removed: %s", e)
