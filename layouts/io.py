"""Load and save layout files (YAML or JSON), safely.

- Only safe loaders: a YAML ``!!python`` tag is refused, never executed.
- Every error names the file and the place (``rooms[3].polygon: …``); see :class:`LayoutError`.
- Saving is atomic: the text is written to a temporary file beside the target and renamed over it,
  so a failed or interrupted save leaves the previous file intact.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from planner.errors import LayoutError, Problem
from planner.model import FORMAT, MAX_ROOMS, Centre, error_place

MAX_FILE_BYTES = 32 * 1024 * 1024

try:  # the C loader is much faster on large files; both are safe loaders
    _SafeLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader


def _format_of(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


def parse_text(text: str, source: str = "<layout>") -> Any:
    """Parse YAML or JSON text into plain data (no model validation)."""
    if not text.strip():
        raise LayoutError("the file is empty; a layout starts with 'format: centreplan/1'", source)
    kind = _format_of(source, text)
    if kind == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise LayoutError(f"not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}", source) from None
    try:
        return yaml.load(text, Loader=_SafeLoader)  # noqa: S506 - a safe loader
    except yaml.constructor.ConstructorError as e:
        mark = e.problem_mark
        where = f" at line {mark.line + 1}" if mark else ""
        raise LayoutError(
            f"the file uses a YAML tag that is not allowed{where} ({e.problem}); "
            "layouts hold plain values only", source) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise LayoutError(f"not valid YAML{where}: {problem}", source) from None


def centre_from_data(data: Any, source: str = "<layout>") -> Centre:
    """Validate plain data as a :class:`Centre`, turning every error into a named place."""
    if not isinstance(data, dict):
        raise LayoutError(
            f"expected a mapping with 'format', 'centre', 'population', 'rooms' and 'doors', "
            f"got {type(data).__name__}", source)
    fmt = data.get("format")
    if fmt is None:
        raise LayoutError(f"format: missing; the first line of a layout is 'format: {FORMAT}'", source)
    if fmt != FORMAT:
        raise LayoutError(f"format: {fmt!r} is not supported; this version reads '{FORMAT}'", source)
    rooms = data.get("rooms")
    if isinstance(rooms, list) and len(rooms) > MAX_ROOMS:
        raise LayoutError(
            f"rooms: {len(rooms):,} rooms is more than the {MAX_ROOMS:,} a layout may hold; "
            "split the site into several layouts", source)
    try:
        return Centre.model_validate(data)
    except ValidationError as e:
        raise LayoutError(validation_problems(e), source) from None


def validation_problems(error: ValidationError) -> list[Problem]:
    """pydantic's errors as :class:`Problem` values naming the field."""
    problems: list[Problem] = []
    for err in error.errors(include_url=False):
        place = error_place(tuple(err["loc"]))
        msg = str(err["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        if err["type"] == "extra_forbidden":
            msg = "unknown field (check the spelling; see 'centreplan schema')"
        elif err["type"] == "literal_error":
            expected = str(err.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", ", ")
            msg = f"{err.get('input')!r} is not allowed; choose one of: {expected}"
        elif err["type"] == "missing":
            msg = "required field is missing"
        for line in msg.splitlines():
            # model-level checks already name their place ("doors[1].between: …")
            if not place and ": " in line and line.split(": ", 1)[0].replace("[", "").replace("]", "").replace(".", "").replace("_", "").isalnum():
                sub_place, sub_msg = line.split(": ", 1)
                problems.append(Problem(sub_place, sub_msg))
            else:
                problems.append(Problem(place, line))
    return problems


def loads(text: str, source: str = "<layout>") -> Centre:
    """A :class:`Centre` from YAML or JSON text.

    A text with more room outlines than a layout may hold is refused before it is parsed (every
    room has one ``polygon``), so a huge file gets its message at once instead of after a long parse.
    """
    outlines = text.count("polygon")
    if outlines > MAX_ROOMS:
        raise LayoutError(
            f"rooms: about {outlines:,} rooms is more than the {MAX_ROOMS:,} a layout may hold; "
            "split the site into several layouts", source)
    return centre_from_data(parse_text(text, source), source)


def read_text(path: str | os.PathLike[str]) -> str:
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise LayoutError("no such file", name) from None
    except OSError as e:
        raise LayoutError(f"cannot read the file: {e.strerror}", name) from None
    if p.is_dir():
        raise LayoutError("is a folder, not a layout file", name)
    if size > MAX_FILE_BYTES:
        raise LayoutError(
            f"the file is {size / 1e6:.0f} MB; layouts larger than {MAX_FILE_BYTES // 2**20} MiB are refused", name)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise LayoutError(f"cannot read the file: {e.strerror}", name) from None
    return decode(raw, name)


def decode(raw: bytes, source: str) -> str:
    """Bytes of a layout file as text; binary content is refused with a clear message."""
    if b"\x00" in raw[:8192]:
        raise LayoutError("this is a binary file, not a YAML or JSON layout", source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LayoutError(f"not UTF-8 text (byte {e.start}); save the layout as UTF-8", source) from None


def load_layout(path: str | os.PathLike[str]) -> Centre:
    """Read a layout file (``.yaml``, ``.yml`` or ``.json``). Never modifies the file."""
    return loads(read_text(path), str(path))


def to_data(centre: Centre) -> dict[str, Any]:
    """The layout as plain data, in file order, without empty optional fields."""
    data = centre.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    out: dict[str, Any] = {"format": FORMAT}
    out.update({k: v for k, v in data.items() if k != "format"})
    out.setdefault("centre", {"name": centre.centre.name})
    return out


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dumps(centre: Centre, fmt: str = "yaml") -> str:
    """The layout as YAML (default) or JSON text."""
    data = to_data(centre)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt != "yaml":
        raise LayoutError(f"unknown format {fmt!r}; choose yaml or json")
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=None, width=100)


def atomic_write(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename (all or nothing)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_layout(centre: Centre, path: str | os.PathLike[str]) -> None:
    """Save a layout; the format follows the suffix (``.json`` → JSON, otherwise YAML)."""
    fmt = "json" if Path(path).suffix.lower() == ".json" else "yaml"
    atomic_write(path, dumps(centre, fmt))
