"""Load and save layout files (YAML or JSON), safely.

- Only safe loaders: a YAML ``!!python`` tag is refused, never executed.
- Only regular files are read, and their size is checked before reading (a FIFO or ``/dev/zero``
  is refused at once instead of blocking or filling the memory).
- YAML aliases are expanded within a bound (:data:`MAX_NODES` values, :data:`MAX_DEPTH` levels of
  nesting), so a small file of aliases to aliases cannot grow into billions of values; a key given
  twice in one mapping (YAML or JSON) is refused rather than silently keeping the last value.
- Error messages quote at most a short excerpt of a value (:func:`planner.text_safety.excerpt`).
- Every error names the file and the place (``rooms[3].polygon: …``); see :class:`LayoutError`.
- Saving is atomic: the text is written to a temporary file beside the target and renamed over it,
  so a failed or interrupted save leaves the previous file intact.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from pydantic import ValidationError

from centreplan.planner.errors import LayoutError, Problem
from centreplan.planner.model import FORMAT, MAX_ROOMS, Centre, error_place
from centreplan.planner.text_safety import excerpt

MAX_FILE_BYTES = 32 * 1024 * 1024
# Values (scalars, lists, mappings) of a layout once its aliases are expanded: 20 000 rooms of 8
# points and a dozen fields are about 1.5 million. A project choice against alias amplification.
MAX_NODES = 3_000_000
MAX_DEPTH = 64  # levels of nesting (a layout needs 5: rooms, a room, polygon, a point, x)

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


def _json_object(source: str):
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise LayoutError(f"the key {excerpt(key)} is given twice in one object; "
                                  "keep one (the file is ambiguous)", source)
            out[key] = value
        return out
    return hook


def _check_nodes(root: yaml.Node, source: str) -> None:
    """Refuse a YAML document whose aliases expand beyond :data:`MAX_NODES` values or
    :data:`MAX_DEPTH` levels, or that repeats a key in a mapping, before anything is built from it.

    Sizes are counted once per node (an alias refers to a node already counted), so the check takes
    the time of the file, not of its expansion.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            kids = _children(node)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            if size[key] > MAX_NODES:
                raise LayoutError(
                    f"the file expands to more than {MAX_NODES:,} values (YAML aliases repeat parts of it); "
                    "a layout this large is refused", source)
            if depth[key] > MAX_DEPTH:
                raise LayoutError(f"values are nested more than {MAX_DEPTH} levels deep; a layout needs 5", source)
            continue
        if key in size:
            continue
        if key in open_nodes:
            line = node.start_mark.line + 1 if node.start_mark else 0
            raise LayoutError(f"an alias at line {line} refers to a value that contains it (a loop)", source)
        open_nodes.add(key)
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for k, _v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.tag != "tag:yaml.org,2002:merge":
                    if k.value in seen:
                        raise LayoutError(
                            f"line {k.start_mark.line + 1}: the key {excerpt(k.value)} is given twice in one "
                            f"mapping (also line {seen[k.value]}); keep one (the file is ambiguous)", source)
                    seen[k.value] = k.start_mark.line + 1
        stack.append((node, True))
        stack.extend((k, False) for k in _children(node) if id(k) not in size)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _load_yaml(text: str, source: str) -> Any:
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_nodes(node, source)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse_text(text: str, source: str = "<layout>") -> Any:
    """Parse YAML or JSON text into plain data (no model validation)."""
    if not text.strip():
        raise LayoutError("the file is empty; a layout starts with 'format: centreplan/1'", source)
    kind = _format_of(source, text)
    if kind == "json":
        try:
            return json.loads(text, object_pairs_hook=_json_object(source))
        except json.JSONDecodeError as e:
            # json's messages that name a place end in "at" ("Unterminated string starting at")
            raise LayoutError(f"not valid JSON: {e.msg.removesuffix(' at')} at line {e.lineno}, column {e.colno}",
                              source) from None
        except RecursionError:
            raise LayoutError(f"values are nested more than {MAX_DEPTH} levels deep; a layout needs 5",
                              source) from None
    try:
        return _load_yaml(text, source)
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
        raise LayoutError(f"format: {excerpt(fmt)} is not supported; this version reads '{FORMAT}'", source)
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
            msg = f"{excerpt(err.get('input'))} is not allowed; choose one of: {expected}"
        elif err["type"] == "missing":
            msg = "required field is missing"
        for line in msg.splitlines():
            # model-level checks already name their place ("doors[1].between: …")
            head = line.split(": ", 1)[0]
            if not place and ": " in line and re.sub(r"[\[\]._]", "", head).isalnum():
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


def read_regular_file(path: str | os.PathLike[str], limit: int, what: str = "layout",
                      error: type[Exception] = LayoutError) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, else ``error``
    naming the file. The file is opened without blocking and checked before a byte is read, so a
    FIFO, a device (``/dev/zero``) or a folder is refused at once; at most ``limit`` bytes are read
    even if the file grows meanwhile."""
    name = str(path)

    def fail(message: str) -> Exception:
        return error(f"{name}: {message}") if error is not LayoutError else LayoutError(message, name)

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise fail("no such file") from None
    except OSError as e:
        raise fail(f"cannot read the file: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise fail(f"is a folder, not a {what} file")
    if not stat.S_ISREG(st.st_mode):
        raise fail(f"is not a regular file (a pipe, a device or a socket); save the {what} as a file first")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        raise fail(f"cannot read the file: {e.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise fail(f"is not a regular file (a pipe, a device or a socket); save the {what} as a file first")
        if st.st_size > limit:
            raise fail(f"the file is {st.st_size / 1e6:.0f} MB; {what} files larger than "
                       f"{limit // 2**20} MiB are refused")
        try:
            raw = fh.read(limit + 1)
        except OSError as e:
            raise fail(f"cannot read the file: {e.strerror}") from None
    if len(raw) > limit:
        raise fail(f"the file is larger than {limit // 2**20} MiB; {what} files this large are refused")
    return raw


def read_text(path: str | os.PathLike[str]) -> str:
    return decode(read_regular_file(path, MAX_FILE_BYTES), str(path))


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


def atomic_write(path: str | os.PathLike[str], content: str | bytes | Callable[[BinaryIO], object]) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename (all or nothing).
    ``content`` may be a function that writes into the open binary file (a large file is then never
    held in memory whole)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(content):
                content(fh)
            else:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def save_layout(centre: Centre, path: str | os.PathLike[str]) -> None:
    """Save a layout; the format follows the suffix (``.json`` → JSON, otherwise YAML)."""
    fmt = "json" if Path(path).suffix.lower() == ".json" else "yaml"
    atomic_write(path, dumps(centre, fmt))
