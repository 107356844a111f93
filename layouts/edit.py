"""Editing a centre as tables: rooms and doors as rows of plain values, and back.

The app's table editors show :func:`room_rows` and :func:`door_rows`; what the user typed comes back
through :func:`apply_tables`, which builds layout data and validates it exactly as a layout file is
validated. Its problems name the table, the row as the editor lists it (blank rows included, counted
from 0) and the column: ``rooms[3].width: …``; :func:`cell` reads such a place back.

A room is drawn either as a rectangle (``x``, ``y``, ``width``, ``depth``: the lower-left corner and
the sizes along x and y, metres) or as a polygon (``outline``: points ``x y`` separated by ``;``).
When ``width`` and ``depth`` are both filled the room is that rectangle; otherwise its ``outline``
is read. Rooms that are axis-aligned rectangles are shown as rectangles, the others by outline.

Fields the tables do not show (``seats``, ``households``, ``notes``) are kept from the room with the
same id. A door's rooms may be written ``outside`` or, in French, ``extérieur``. A blank cell means "not
given": no height, no lockable, no windows, no fixtures (a fixture row with any number filled counts blanks as 0).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from centreplan.layouts.io import centre_from_data, to_data
from centreplan.planner.errors import LayoutError, Problem
from centreplan.planner.model import FIXTURES, OUTSIDE, Centre, Room

ROOM_COLUMNS = ("id", "name", "use", "group", "level", "x", "y", "width", "depth", "outline", "height",
                "beds", "occupants", "lockable", "wc", "shower", "basin", "urinal", "phone", "windows")
DOOR_COLUMNS = ("id", "from", "to", "width", "at_x", "at_y")
KEPT_FIELDS = ("seats", "households", "notes")
# what a door's end may say for the outside (compared without case)
OUTSIDE_WORDS = frozenset({OUTSIDE, "extérieur", "exterieur", "dehors"})
YES, NO = "yes", "no"
DIGITS = 3  # coordinates and sizes are rounded to the millimetre


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return True
    return isinstance(value, str) and not value.strip()


def _num(value: Any) -> float:
    return round(float(value), DIGITS) + 0.0  # + 0.0 turns -0.0 into 0.0


def _text(value: Any) -> str | None:
    return None if _blank(value) else str(value).strip()


def _plain(value: Any) -> Any:
    """A cell value as plain Python (numpy numbers become int/float; blanks None)."""
    if _blank(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, str):
        return value.strip()
    return value


def rectangle_of(polygon: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """``(x, y, width, depth)`` when the polygon is an axis-aligned rectangle, else ``None``."""
    if len(polygon) != 4:
        return None
    xs = sorted({round(p[0], 6) for p in polygon})
    ys = sorted({round(p[1], 6) for p in polygon})
    if len(xs) != 2 or len(ys) != 2:
        return None
    corners = {(round(p[0], 6), round(p[1], 6)) for p in polygon}
    if corners != {(x, y) for x in xs for y in ys}:
        return None
    return xs[0], ys[0], xs[1] - xs[0], ys[1] - ys[0]


def format_outline(polygon: Iterable[tuple[float, float]]) -> str:
    """``"0 0; 6 0; 6 5; 0 5"``: the outline as users type it."""
    return "; ".join(f"{_g(x)} {_g(y)}" for x, y in polygon)


def _g(v: float) -> str:
    return f"{round(v, DIGITS):g}"


_POINT = re.compile(r"^\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*[ ,]\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*$")


def parse_outline(text: str) -> list[list[float]]:
    """Points from ``"x y; x y; …"`` (a comma may separate x and y); raises ValueError with the reason."""
    points: list[list[float]] = []
    for i, part in enumerate(p for p in text.split(";") if p.strip()):
        m = _POINT.match(part)
        if not m:
            raise ValueError(f"point {i + 1} {part.strip()!r} is not 'x y' (two numbers in metres)")
        points.append([_num(m.group(1)), _num(m.group(2))])
    if len(points) < 3:
        raise ValueError(f"an outline needs at least 3 points 'x y' separated by ';', got {len(points)}")
    return points


def format_windows(room: Room) -> str:
    """``"1.2x1, 0.6x0.6 fixed"``: width × height of each window, ``fixed`` when it does not open."""
    if room.windows is None:
        return ""
    if not room.windows:
        return "none"
    return ", ".join(f"{_g(w.width)}x{_g(w.height)}" + ("" if w.openable else " fixed") for w in room.windows)


_WINDOW = re.compile(r"^\s*([\d.]+)\s*[x×*]\s*([\d.]+)\s*(fixed|fixe)?\s*$", re.IGNORECASE)


def parse_windows(text: str) -> list[dict[str, Any]]:
    """Windows from ``"1.2x1, 0.6x0.6 fixed"`` (``none``: the room has no window; the French words
    ``fixe`` and ``aucune`` are read too)."""
    if text.strip().lower() in ("none", "aucune", "aucun", "0", "-"):
        return []
    out: list[dict[str, Any]] = []
    for i, part in enumerate(p for p in text.split(",") if p.strip()):
        m = _WINDOW.match(part)
        if not m:
            raise ValueError(f"window {i + 1} {part.strip()!r} is not 'width x height' in metres "
                             "(add 'fixed' for a window that does not open; 'none' for no window)")
        out.append({"width": float(m.group(1)), "height": float(m.group(2)), "openable": not m.group(3)})
    return out


def room_rows(centre: Centre) -> list[dict[str, Any]]:
    """One row per room, with the columns of :data:`ROOM_COLUMNS`."""
    rows = []
    for r in centre.rooms:
        rect = rectangle_of(r.polygon)
        row: dict[str, Any] = {
            "id": r.id, "name": r.name or "", "use": r.use, "group": r.group, "level": r.level,
            "x": None, "y": None, "width": None, "depth": None, "outline": "",
            "height": r.height, "beds": r.beds, "occupants": r.occupants,
            "lockable": None if r.lockable is None else (YES if r.lockable else NO),
        }
        if rect:
            row.update(x=_num(rect[0]), y=_num(rect[1]), width=_num(rect[2]), depth=_num(rect[3]))
        else:
            row["outline"] = format_outline(r.polygon)
        for f in FIXTURES:
            row[f] = None if r.fixtures is None else getattr(r.fixtures, f)
        row["windows"] = format_windows(r)
        rows.append(row)
    return rows


def door_rows(centre: Centre) -> list[dict[str, Any]]:
    """One row per door, with the columns of :data:`DOOR_COLUMNS`."""
    return [{"id": d.id, "from": d.between[0], "to": d.between[1], "width": d.width,
             "at_x": None if d.at is None else d.at[0], "at_y": None if d.at is None else d.at[1]}
            for d in centre.doors]


# Complexity: one check per table column, each with its own message.
def _room_data(i: int, row: Mapping[str, Any], previous: Mapping[str, Room],  # noqa: C901 (reason above)
               problems: list[Problem]) -> dict[str, Any]:
    place = f"rooms[{i}]"
    data: dict[str, Any] = {}
    rid = _text(row.get("id"))
    data["id"] = rid if rid is not None else ""
    old = previous.get(rid or "")
    if old is not None:
        data.update({k: getattr(old, k) for k in KEPT_FIELDS if getattr(old, k) is not None})
    for key in ("name", "use", "group"):
        v = _text(row.get(key))
        if v is not None:
            data[key] = v
    if "use" not in data:
        problems.append(Problem(f"{place}.use", "required: choose the room's use"))
    for key in ("level", "beds", "occupants"):
        v = _plain(row.get(key))
        if v is not None:
            data[key] = int(v) if isinstance(v, float) and v.is_integer() else v
    v = _plain(row.get("height"))
    if v is not None:
        data["height"] = v
    lock = _text(row.get("lockable"))
    if lock is not None:
        if lock.lower() in (YES, "true"):
            data["lockable"] = True
        elif lock.lower() in (NO, "false"):
            data["lockable"] = False
        else:
            problems.append(Problem(f"{place}.lockable", f"{lock!r}: choose yes, no or leave blank"))
    # the outline: a rectangle when width and depth are filled, else the outline text
    w, d = _plain(row.get("width")), _plain(row.get("depth"))
    outline = _text(row.get("outline"))
    if w is not None and d is not None:
        try:
            x0, y0 = _num(_plain(row.get("x")) or 0), _num(_plain(row.get("y")) or 0)
            w, d = _num(w), _num(d)
        except (TypeError, ValueError):
            problems.append(Problem(f"{place}.x", "x, y, width and depth must be numbers (metres)"))
        else:
            if w <= 0 or d <= 0:
                problems.append(Problem(f"{place}.width" if w <= 0 else f"{place}.depth",
                                        "must be greater than 0 m"))
            rect = [[x0, y0], [_num(x0 + w), y0], [_num(x0 + w), _num(y0 + d)], [x0, _num(y0 + d)]]
            if old is not None and rectangle_of(old.polygon) is not None and \
                    sorted(map(tuple, rect)) == sorted((_num(p[0]), _num(p[1])) for p in old.polygon):
                data["polygon"] = [list(p) for p in old.polygon]  # unchanged: keep the drawn order
            else:
                data["polygon"] = rect
    elif outline is not None:
        try:
            data["polygon"] = parse_outline(outline)
        except ValueError as e:
            problems.append(Problem(f"{place}.outline", str(e)))
    else:
        problems.append(Problem(f"{place}.width", "give width and depth (a rectangle) or an outline (a polygon)"))
    fixtures = {f: _plain(row.get(f)) for f in FIXTURES}
    if any(v is not None for v in fixtures.values()):
        data["fixtures"] = {f: (0 if v is None else int(v) if isinstance(v, float) and v.is_integer() else v)
                            for f, v in fixtures.items()}
    win = _text(row.get("windows"))
    if win is not None:
        try:
            data["windows"] = parse_windows(win)
        except ValueError as e:
            problems.append(Problem(f"{place}.windows", str(e)))
    return data


def _end(value: Any) -> str | None:
    """A door's end as written: a room id, or the outside in English or French."""
    text = _text(value)
    return OUTSIDE if text is not None and text.lower() in OUTSIDE_WORDS else text


def _door_data(i: int, row: Mapping[str, Any], problems: list[Problem]) -> dict[str, Any]:
    place = f"doors[{i}]"
    data: dict[str, Any] = {"id": _text(row.get("id")) or ""}
    a, b = _end(row.get("from")), _end(row.get("to"))
    if a is None or b is None:
        problems.append(Problem(f"{place}.{'from' if a is None else 'to'}",
                                f"a door needs two rooms (a room id or '{OUTSIDE}')"))
    data["between"] = [a or "", b or ""]
    w = _plain(row.get("width"))
    if w is None:
        problems.append(Problem(f"{place}.width", "required: the clear width of the door, metres"))
    else:
        data["width"] = w
    ax, ay = _plain(row.get("at_x")), _plain(row.get("at_y"))
    if (ax is None) != (ay is None):
        problems.append(Problem(f"{place}.{'at_x' if ax is None else 'at_y'}", "give both at_x and at_y, or neither"))
    elif ax is not None:
        data["at"] = [ax, ay]
    return data


def _is_empty_row(row: Mapping[str, Any]) -> bool:
    return all(_blank(v) for v in row.values())


def apply_tables(centre: Centre, rooms: Iterable[Mapping[str, Any]] | None = None,
                 doors: Iterable[Mapping[str, Any]] | None = None, source: str = "tables") -> Centre:
    """``centre`` with its rooms and/or doors replaced by the table rows (``None``: keep as is).

    Raises :class:`LayoutError` listing every problem at its cell (``rooms[2].outline: …``, the row
    counted from 0 as the editor lists it, blank rows included; the column a table column); the given
    centre is never modified. Entirely blank rows (a row just added in the editor) are skipped.
    """
    data = to_data(centre)
    problems: list[Problem] = []
    previous = centre.rooms_by_id()
    shown: dict[str, list[tuple[int, Mapping[str, Any]]]] = {"rooms": [], "doors": []}
    if rooms is not None:
        shown["rooms"] = [(i, r) for i, r in enumerate(rooms) if not _is_empty_row(r)]
        data["rooms"] = [_room_data(i, row, previous, problems) for i, row in shown["rooms"]]
    if doors is not None:
        shown["doors"] = [(i, r) for i, r in enumerate(doors) if not _is_empty_row(r)]
        data["doors"] = [_door_data(i, row, problems) for i, row in shown["doors"]]
    if problems:
        raise LayoutError(problems, source)
    try:
        return centre_from_data(data, source)
    except LayoutError as e:
        raise LayoutError([_at_cell(pr, shown) for pr in e.problems], source) from None


_PLACE = re.compile(r"^(rooms|doors)\[(\d+)\](?:\.([A-Za-z_]+))?")
_ROW_REF = re.compile(r"\b(rooms|doors)\[(\d+)\]")
_SAME_COLUMN = {"rooms": {"id", "name", "use", "group", "level", "height", "beds", "occupants", "lockable",
                          "windows"},
                "doors": {"id", "width"}}


def _at_cell(problem: Problem, shown: Mapping[str, list[tuple[int, Mapping[str, Any]]]]) -> Problem:
    """A validation problem of the layout data (``rooms[i].polygon``, ``doors[j].between``) moved to the
    table's row and column (``rooms[k].width``, ``doors[m].to``)."""
    m = _PLACE.match(problem.place)
    if not m or not shown.get(m.group(1)):
        return problem
    table, index, field = m.group(1), int(m.group(2)), m.group(3) or ""
    rows = shown[table]
    if index >= len(rows):
        return problem
    row_index, row = rows[index]

    def renumber(ref: re.Match[str]) -> str:
        k = int(ref.group(2))
        rs = shown.get(ref.group(1)) or []
        return f"{ref.group(1)}[{rs[k][0] if k < len(rs) else k}]"

    message = _ROW_REF.sub(renumber, problem.message)
    rest = problem.place[m.end():]
    if field in _SAME_COLUMN[table]:
        column = field
    elif table == "rooms" and field == "polygon":
        column = "width" if not _blank(row.get("width")) else "outline"
    elif table == "rooms" and field == "fixtures":
        column = rest.lstrip(".").split(".")[0] or "wc"
    elif table == "doors" and field == "between":
        unknown = re.search(r"unknown room '(.*)'", message)
        column = "to" if unknown and _end(row.get("to")) == unknown.group(1) else "from"
    elif table == "doors" and field == "at":
        column = "at_x"
    else:
        return Problem(f"{table}[{row_index}]" + (f".{field}" if field else "") + rest, message)
    return Problem(f"{table}[{row_index}].{column}", message)


def cell(place: str) -> tuple[str, int, str] | None:
    """``("rooms", 3, "width")`` from the place ``rooms[3].width`` of a table problem (None for a
    place that is not a table cell)."""
    m = re.match(r"^(rooms|doors)\[(\d+)\](?:\.([A-Za-z_]+))?$", place)
    return (m.group(1), int(m.group(2)), m.group(3) or "") if m else None


def update_settings(centre: Centre, info: Mapping[str, Any] | None = None,
                    population: Mapping[str, Any] | None = None, source: str = "centre") -> Centre:
    """``centre`` with fields of ``centre:`` (name, climate, phase, confidential, …) and of
    ``population:`` replaced; validated as a layout file is (raises :class:`LayoutError`)."""
    data = to_data(centre)
    if info:
        data["centre"] = {**data.get("centre", {}), **dict(info)}
    if population:
        data["population"] = {**data.get("population", {}), **dict(population)}
    return centre_from_data(data, source)


def new_centre(name: str) -> Centre:
    """An empty centre (no rooms, no population) named ``name``."""
    return centre_from_data({"format": "centreplan/1", "centre": {"name": name}}, "new centre")
