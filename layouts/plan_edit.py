"""Editing a centre on the plan: the geometry operations behind the app's plan editor.

Each operation takes a centre and returns a new one (the given centre is never modified). The result
is validated exactly as a layout file is (the pydantic model), then its geometry: every outline the
edit changed must be a valid polygon, and the edit must not make two rooms of one level overlap (by
more than :data:`planner.geometry.OVERLAP_TOLERANCE`). Otherwise the operation raises
:class:`EditRefused`, which says why in words (``code`` and ``values`` let the app translate it).

Coordinates are metres, y pointing up (north). Moves and resizes are snapped: an edge that comes
within ``tolerance`` of another room's edge of the same level lands on it (walls meet exactly),
otherwise the moved corner or edge lands on the grid of step ``step``. Results are rounded to the
millimetre, as in the tables.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.ops import split as shapely_split

from centreplan.layouts.edit import DIGITS, apply_tables, room_rows
from centreplan.layouts.io import centre_from_data, to_data
from centreplan.planner.errors import LayoutError, Problem
from centreplan.planner.geometry import OVERLAP_TOLERANCE, Plan, validity_reason
from centreplan.planner.i18n import N_
from centreplan.planner.model import OUTSIDE, Centre

GRID_STEPS = (0.05, 0.1, 0.5)  # m: the grid steps the editor offers
DEFAULT_STEP = 0.1  # m
SNAP_TOLERANCE = 0.25  # m: an edge this close to another room's edge lands on it (a design choice)
DOOR_TOLERANCE = 0.15  # m: a click this close to a wall places a door on it (a design choice)
DEFAULT_DOOR_WIDTH = 0.9  # m: the editor's default clear width (the figure; rules check it)
MIN_SIDE = 0.3  # m: a resize never makes a room narrower than this (a design choice, not a rule)
HANDLES = ("n", "s", "e", "w", "ne", "nw", "se", "sw")
EPS = 1e-6

# Why an edit is refused: English templates, translated by the app (``_(template, **values)``).
MESSAGES = {
    "unknown_room": N_("There is no room {room}."),
    "unknown_door": N_("There is no door {door}."),
    "invalid": N_("Room {room} would not be a valid outline: {reason}."),
    "overlap": N_("Room {room} would overlap room {other} by {area} m²."),
    "too_small": N_("Room {room} would be narrower than {min} m."),
    "shared_longer": N_("The wall of room {other} is longer than the side of room {room}; drag without "
                        "\"move the shared wall\" or split room {other} first."),
    "split_parts": N_("The line must cross room {room} from wall to wall (it would make {parts} parts)."),
    "not_adjacent": N_("Rooms {room} and {other} do not share a wall; only touching rooms can be merged."),
    "merge_levels": N_("Rooms {room} and {other} are on different levels."),
    "no_wall": N_("No wall here: click on a wall between two rooms, or on an outside wall for an exit."),
    "wall_short": N_("The wall between {room} and {other} is {length} m long, shorter than a {width} m door."),
    "door_off_wall": N_("Door {door} must stay on the wall between {room} and {other}."),
    "exit_off_wall": N_("Exit {door} must stay on the outside wall of room {room}."),
    "width": N_("A door's clear width must be greater than 0 m."),
    "points": N_("A room needs at least 3 corners."),
    "handle": N_("Unknown handle {handle}."),
}


class EditRefused(LayoutError):
    """An edit on the plan that would not give a valid centre; the centre is kept."""

    def __init__(self, code: str, **values: Any):
        self.code = code
        self.values = {k: _show(v) for k, v in values.items()}
        super().__init__([Problem("", MESSAGES[code].format(**self.values))], "plan")


def _show(v: Any) -> Any:
    return f"{v:.2f}" if isinstance(v, float) else v


def _r(v: float) -> float:
    return round(float(v), DIGITS) + 0.0


# ---- snapping ---------------------------------------------------------------------------------

def snap_to_grid(value: float, step: float) -> float:
    """``value`` rounded to the nearest multiple of ``step`` (millimetre precision)."""
    return _r(round(value / step) * step)


def snap_delta(moving: Sequence[float], delta: float, edges: Iterable[float], step: float,
               tolerance: float = SNAP_TOLERANCE) -> float:
    """The displacement to apply, along one axis, to coordinates ``moving`` dragged by ``delta``.

    When one of the moved coordinates comes within ``tolerance`` of an edge of another room, the
    displacement puts it exactly on that edge (the nearest such edge wins); otherwise it puts the
    first moved coordinate on the grid of ``step``.
    """
    edges = np.asarray(list(edges), dtype=float)
    best: float | None = None
    if edges.size:
        for m in moving:
            gaps = edges - (m + delta)
            k = int(np.argmin(np.abs(gaps)))
            if abs(gaps[k]) <= tolerance + EPS and (best is None or abs(gaps[k]) < abs(best)):
                best = float(gaps[k])
    if best is not None:
        return _r(delta + best)
    return _r(snap_to_grid(moving[0] + delta, step) - moving[0])


def _other_edges(centre: Centre, room_ids: set[str], level: int) -> tuple[np.ndarray, np.ndarray]:
    pts = [p for r in centre.rooms if r.level == level and r.id not in room_ids for p in r.polygon]
    if not pts:
        return np.zeros(0), np.zeros(0)
    arr = np.asarray(pts, dtype=float)
    return np.unique(arr[:, 0]), np.unique(arr[:, 1])


# ---- validation -------------------------------------------------------------------------------

def _room_index(data: Mapping[str, Any], room_id: str) -> int:
    for i, r in enumerate(data["rooms"]):
        if r["id"] == room_id:
            return i
    raise EditRefused("unknown_room", room=room_id)


def _reuse_unchanged(before: Centre, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every room, door and section the edit left as it was given as ``before``'s own
    (already validated) model object: validating the edited centre then checks what changed and the
    cross-references, not the whole centre again. The models are never modified in place, so the
    two centres can share them."""
    was = to_data(before)
    out = dict(data)
    for section, models in (("rooms", before.rooms), ("doors", before.doors)):
        old = {item["id"]: (item, model) for item, model in zip(was.get(section, []), models)}
        out[section] = [old[item["id"]][1] if isinstance(item, dict) and item.get("id") in old
                        and old[item["id"]][0] == item else item for item in data.get(section, [])]
    for section in ("centre", "population", "equipment"):
        if section in data and data[section] == was.get(section):
            out[section] = getattr(before, section)
    return out


def _finish(before: Centre, data: dict[str, Any], changed: Iterable[str]) -> Centre:
    """The edited centre, validated as a file is, with no invalid outline or new overlap among
    the ``changed`` rooms."""
    centre = centre_from_data(_reuse_unchanged(before, data), "plan")
    rooms = centre.rooms
    index = {r.id: k for k, r in enumerate(rooms)}
    changed = [c for c in dict.fromkeys(changed) if c in index]
    if not changed:
        return centre
    polys: dict[int, Polygon] = {}
    for rid in changed:
        i = index[rid]
        polys[i] = Polygon(rooms[i].polygon)
        reason = validity_reason(polys[i])
        if reason is not None:
            raise EditRefused("invalid", room=rid, reason=reason)
    # only rooms whose bounding box meets a changed room's can overlap it: their outlines alone are built
    boxes = np.array([_bounds(r.polygon) for r in rooms], dtype=float)
    levels = np.array([r.level for r in rooms])
    before_rooms = {r.id: r for r in before.rooms}
    for rid in changed:
        i = index[rid]
        x0, y0, x1, y1 = boxes[i]
        near = ((levels == rooms[i].level) & (boxes[:, 0] < x1) & (boxes[:, 2] > x0)
                & (boxes[:, 1] < y1) & (boxes[:, 3] > y0))
        near[i] = False
        for j in np.flatnonzero(near).tolist():
            if j not in polys:
                polys[j] = Polygon(rooms[j].polygon)
            if not polys[j].is_valid:
                continue  # an outline the edit did not change: the check reports it
            area = float(polys[i].intersection(polys[j]).area)
            if area <= OVERLAP_TOLERANCE:
                continue
            other = rooms[j].id
            was = 0.0
            if rid in before_rooms and other in before_rooms:
                a, b = Polygon(before_rooms[rid].polygon), Polygon(before_rooms[other].polygon)
                if a.is_valid and b.is_valid:
                    was = a.intersection(b).area
            if area > was + OVERLAP_TOLERANCE:
                raise EditRefused("overlap", room=rid, other=other, area=area)
    return centre


def _bounds(points: Sequence[Sequence[float]]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _doors_of(data: Mapping[str, Any], room_id: str) -> list[dict[str, Any]]:
    return [d for d in data.get("doors", []) if room_id in d["between"]]


# ---- rooms ------------------------------------------------------------------------------------

def move_room(centre: Centre, room_id: str, dx: float, dy: float, *, step: float = DEFAULT_STEP,
              tolerance: float = SNAP_TOLERANCE, snap: bool = True) -> Centre:
    """``room_id`` moved by (``dx``, ``dy``), snapped; its doors with a position move with it."""
    data = to_data(centre)
    i = _room_index(data, room_id)
    room = data["rooms"][i]
    if snap:
        x0, y0, x1, y1 = _bounds(room["polygon"])
        ex, ey = _other_edges(centre, {room_id}, centre.rooms[i].level)
        dx = snap_delta((x0, x1), dx, ex, step, tolerance)
        dy = snap_delta((y0, y1), dy, ey, step, tolerance)
    room["polygon"] = [[_r(x + dx), _r(y + dy)] for x, y in room["polygon"]]
    for d in _doors_of(data, room_id):
        if "at" in d:
            d["at"] = [_r(d["at"][0] + dx), _r(d["at"][1] + dy)]
    return _finish(centre, data, [room_id])


def _moved_side(handle: str) -> tuple[str | None, str | None]:
    if handle not in HANDLES:
        raise EditRefused("handle", handle=handle)
    sx = "e" if "e" in handle else "w" if "w" in handle else None
    sy = "n" if "n" in handle else "s" if "s" in handle else None
    return sx, sy


# Complexity: the cases of a resize (corner, edge, neighbour, door) read in one place.
def resize_room(centre: Centre, room_id: str, handle: str, dx: float, dy: float, *,  # noqa: C901 (reason above)
                step: float = DEFAULT_STEP, tolerance: float = SNAP_TOLERANCE, shared: bool = False,
                snap: bool = True) -> Centre:
    """``room_id`` with the side(s) named by ``handle`` (``n``, ``se``…) dragged by (``dx``, ``dy``).

    The side is the room's extreme along that direction: every corner on it moves (for a
    rectangle, its wall). With ``shared``, the rooms whose wall lies on that side, within the
    room's extent, change with it (a wall moved between two rooms: one grows, the other shrinks).
    Doors placed on a moved wall move with it.
    """
    sx, sy = _moved_side(handle)
    data = to_data(centre)
    i = _room_index(data, room_id)
    level = centre.rooms[i].level
    pts = data["rooms"][i]["polygon"]
    x0, y0, x1, y1 = _bounds(pts)
    others_x, others_y = _other_edges(centre, {room_id}, level)
    moves: list[tuple[int, float, float]] = []  # (axis, old coordinate, displacement)
    if sx:
        edge = x1 if sx == "e" else x0
        d = snap_delta((edge,), dx, others_x, step, tolerance) if snap else dx
        if (sx == "e" and edge + d < x0 + MIN_SIDE - EPS) or (sx == "w" and edge + d > x1 - MIN_SIDE + EPS):
            raise EditRefused("too_small", room=room_id, min=MIN_SIDE)
        moves.append((0, edge, d))
    if sy:
        edge = y1 if sy == "n" else y0
        d = snap_delta((edge,), dy, others_y, step, tolerance) if snap else dy
        if (sy == "n" and edge + d < y0 + MIN_SIDE - EPS) or (sy == "s" and edge + d > y1 - MIN_SIDE + EPS):
            raise EditRefused("too_small", room=room_id, min=MIN_SIDE)
        moves.append((1, edge, d))
    changed = [room_id]
    span = {0: (y0, y1), 1: (x0, x1)}
    targets = [i]
    if shared:
        for j, other in enumerate(data["rooms"]):
            if j == i or centre.rooms[j].level != level:
                continue
            for axis, edge, _d in moves:
                on_line = [p for p in other["polygon"] if abs(p[axis] - edge) < EPS]
                if len(on_line) < 2:
                    continue
                lo, hi = span[axis]
                along = [p[1 - axis] for p in on_line]
                if max(along) <= lo + EPS or min(along) >= hi - EPS:
                    continue  # on the same line but beside the room, not against it
                if min(along) < lo - EPS or max(along) > hi + EPS:
                    raise EditRefused("shared_longer", room=room_id, other=other["id"])
                targets.append(j)
                changed.append(other["id"])
                break
    for j in targets:
        room = data["rooms"][j]
        for axis, edge, d in moves:
            room["polygon"] = [[_r(p[0] + d), p[1]] if axis == 0 and abs(p[0] - edge) < EPS else
                               [p[0], _r(p[1] + d)] if axis == 1 and abs(p[1] - edge) < EPS else p
                               for p in room["polygon"]]
    moved_doors = {id(d): d for rid in changed for d in _doors_of(data, rid) if "at" in d}
    for door in moved_doors.values():
        for axis, edge, dd in moves:
            if abs(door["at"][axis] - edge) <= DOOR_TOLERANCE:
                door["at"][axis] = _r(door["at"][axis] + dd)
    return _finish(centre, data, changed)


def set_polygon(centre: Centre, room_id: str, points: Sequence[Sequence[float]]) -> Centre:
    """``room_id`` with the outline ``points`` (rounded to the millimetre)."""
    if len(points) < 3:
        raise EditRefused("points")
    data = to_data(centre)
    i = _room_index(data, room_id)
    data["rooms"][i]["polygon"] = [[_r(x), _r(y)] for x, y in points]
    return _finish(centre, data, [room_id])


def _new_id(taken: Iterable[str], prefix: str) -> str:
    taken = set(taken)
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def add_room(centre: Centre, points: Sequence[Sequence[float]], *, use: str = "storage",
             group: str = "all", level: int = 0, room_id: str | None = None) -> tuple[Centre, str]:
    """``centre`` with a new room drawn as ``points``; returns the centre and the new room's id."""
    if len(points) < 3:
        raise EditRefused("points")
    data = to_data(centre)
    rid = room_id or _new_id((r.id for r in centre.rooms), "R")
    room: dict[str, Any] = {"id": rid, "use": use, "group": group,
                            "polygon": [[_r(x), _r(y)] for x, y in points]}
    if level:
        room["level"] = level
    data.setdefault("rooms", []).append(room)
    return _finish(centre, data, [rid]), rid


def delete_room(centre: Centre, room_id: str) -> Centre:
    """``centre`` without ``room_id`` and without the doors that lead into it."""
    data = to_data(centre)
    i = _room_index(data, room_id)
    del data["rooms"][i]
    data["doors"] = [d for d in data.get("doors", []) if room_id not in d["between"]]
    return _finish(centre, data, [])


def _clean(poly: Polygon) -> list[list[float]]:
    """The outline's corners, rounded, without repeated or collinear points."""
    poly = shapely.set_precision(poly, 10 ** -DIGITS)
    poly = poly.simplify(0)
    coords = [[_r(x), _r(y)] for x, y in list(poly.exterior.coords)[:-1]]
    return coords


def split_room(centre: Centre, room_id: str, a: Sequence[float], b: Sequence[float]) -> tuple[Centre, str]:
    """``room_id`` cut in two by the line through ``a`` and ``b``.

    The part holding the room's first corner keeps its id and properties; the other part is a new
    room with the same use, group, level and height (id ``<id>-2``, ``-3``…), without fixtures or
    windows. Beds are shared in proportion to floor area (the total is kept). Doors go with the
    part whose outline holds them. Returns the centre and the new room's id.
    """
    data = to_data(centre)
    i = _room_index(data, room_id)
    room = data["rooms"][i]
    poly = Polygon(room["polygon"])
    (ax, ay), (bx, by) = a, b
    length = math.hypot(bx - ax, by - ay)
    if length <= EPS:
        raise EditRefused("split_parts", room=room_id, parts=1)
    # the cut runs through a and b, extended across the whole room
    x0, y0, x1, y1 = poly.bounds
    reach = math.hypot(x1 - x0, y1 - y0) + 1.0
    ux, uy = (bx - ax) / length, (by - ay) / length
    line = LineString([(ax - ux * reach, ay - uy * reach), (bx + ux * reach, by + uy * reach)])
    parts = [g for g in shapely_split(poly, line).geoms if g.area > OVERLAP_TOLERANCE]
    if len(parts) != 2:
        raise EditRefused("split_parts", room=room_id, parts=len(parts))
    first = Point(room["polygon"][0])
    parts.sort(key=lambda g: g.distance(first))
    keep, other = parts
    rid = _new_id((r.id for r in centre.rooms), f"{room_id}-")
    if rid == f"{room_id}-1":
        rid = _new_id(list(r.id for r in centre.rooms) + [f"{room_id}-1"], f"{room_id}-")
    new: dict[str, Any] = {k: v for k, v in room.items() if k in ("use", "group", "level", "height")}
    new = {"id": rid, **new, "polygon": _clean(other)}
    if room.get("name"):
        new["name"] = f"{room['name']} (2)"
    room["polygon"] = _clean(keep)
    beds = int(room.get("beds", 0))
    if beds:
        kept = round(beds * keep.area / poly.area)
        room["beds"] = kept
        if beds - kept:
            new["beds"] = beds - kept
    data["rooms"].insert(i + 1, new)
    for d in _doors_of(data, room_id):
        other_end = d["between"][1] if d["between"][0] == room_id else d["between"][0]
        if "at" in d:
            p = Point(d["at"])
            goes = other.exterior.distance(p) < keep.exterior.distance(p)
        elif other_end != OUTSIDE:
            wall = Polygon(centre.room(other_end).polygon)
            goes = other.intersection(wall.boundary).length > keep.intersection(wall.boundary).length
        else:
            goes = False
        if goes:
            d["between"] = [rid if e == room_id else e for e in d["between"]]
    return _finish(centre, data, [room_id, rid]), rid


def merge_rooms(centre: Centre, room_id: str, other_id: str) -> Centre:
    """``room_id`` and ``other_id`` (which share a wall) as one room.

    The merged room keeps ``room_id``'s id and properties; beds, fixtures and windows are added up;
    the doors between the two go; the other room's doors now lead into the merged room.
    """
    data = to_data(centre)
    i, j = _room_index(data, room_id), _room_index(data, other_id)
    a, b = data["rooms"][i], data["rooms"][j]
    if a.get("level", 0) != b.get("level", 0):
        raise EditRefused("merge_levels", room=room_id, other=other_id)
    pa = shapely.set_precision(Polygon(a["polygon"]), 10 ** -DIGITS)
    pb = shapely.set_precision(Polygon(b["polygon"]), 10 ** -DIGITS)
    wall = pa.boundary.intersection(pb.boundary)
    union = shapely.union(pa, pb)
    if wall.length < 0.1 or union.geom_type != "Polygon" or len(union.interiors):
        raise EditRefused("not_adjacent", room=room_id, other=other_id)
    a["polygon"] = _clean(union)
    if b.get("beds"):
        a["beds"] = a.get("beds", 0) + b["beds"]
    if "fixtures" in b:
        fx = dict(a.get("fixtures", {}))
        for k, v in b["fixtures"].items():
            fx[k] = fx.get(k, 0) + v
        a["fixtures"] = fx
    if "windows" in b:
        a["windows"] = list(a.get("windows", [])) + list(b["windows"])
    for key in ("occupants", "seats", "households"):
        if key in b:
            a[key] = a.get(key, 0) + b[key]
    del data["rooms"][j]
    doors = []
    for d in data.get("doors", []):
        ends = [room_id if e == other_id else e for e in d["between"]]
        if ends[0] == ends[1]:
            continue  # a door between the two merged rooms
        d["between"] = ends
        doors.append(d)
    data["doors"] = doors
    return _finish(centre, data, [room_id])


def update_room(centre: Centre, room_id: str, fields: Mapping[str, Any]) -> Centre:
    """``room_id`` with the table fields ``fields`` replaced (name, use, group, beds, height,
    lockable, wc, shower, basin, urinal, phone, windows as in the room table), validated as the
    table is: a bad value raises :class:`LayoutError` naming the field."""
    rows = room_rows(centre)
    for row in rows:
        if row["id"] == room_id:
            row.update(fields)
            break
    else:
        raise EditRefused("unknown_room", room=room_id)
    return apply_tables(centre, rows, None, source="plan")


# ---- doors ------------------------------------------------------------------------------------

def _walls_at(centre: Centre, point: Point, level: int, tolerance: float) -> list[str]:
    """Rooms of ``level`` whose outline passes within ``tolerance`` of ``point``, nearest first."""
    near = []
    for r in centre.rooms:
        if r.level != level:
            continue
        poly = Polygon(r.polygon)
        dist = poly.exterior.distance(point)
        if dist <= tolerance:
            near.append((dist, r.id))
    return [rid for _d, rid in sorted(near)]


def door_walls(centre: Centre, plan: Plan, point: Sequence[float], level: int = 0,
               tolerance: float = DOOR_TOLERANCE) -> tuple[str, str] | None:
    """The two sides of the wall at ``point``: two room ids, or a room id and ``outside``."""
    p = Point(point)
    rooms = _walls_at(centre, p, level, tolerance)
    for k, a in enumerate(rooms):
        for b in rooms[k + 1:]:
            wall = plan.shared_wall(a, b)
            if wall is not None and wall.distance(p) <= tolerance:
                return a, b
    for a in rooms:
        poly = plan.polygons[a]
        shared = [plan.shared_wall(a, b) for b in plan.neighbours[a]]
        if all(w is None or w.distance(p) > tolerance for w in shared) and poly.boundary.distance(p) <= tolerance:
            return a, OUTSIDE
    return None


def add_door(centre: Centre, plan: Plan, point: Sequence[float], *, width: float = DEFAULT_DOOR_WIDTH,
             level: int = 0, tolerance: float = DOOR_TOLERANCE) -> tuple[Centre, str]:
    """A door of clear ``width`` on the wall at ``point``: between the two rooms that share it, or
    an exit when it is an outside wall. ``plan`` is the centre's geometry. Returns the centre and
    the door's id."""
    if width <= 0:
        raise EditRefused("width")
    ends = door_walls(centre, plan, point, level, tolerance)
    if ends is None:
        raise EditRefused("no_wall")
    a, b = ends
    p = Point(point)
    if b == OUTSIDE:
        q = shapely.ops.nearest_points(plan.polygons[a].boundary, p)[0]
        prefix = "e"
    else:
        wall = plan.shared_wall(a, b)
        if wall is None:
            raise EditRefused("no_wall")
        length = float(wall.length)
        if length + EPS < width:
            raise EditRefused("wall_short", room=a, other=b, length=length, width=float(width))
        q = shapely.ops.nearest_points(wall, p)[0]
        prefix = "d"
    data = to_data(centre)
    did = _new_id((d.id for d in centre.doors), prefix)
    data.setdefault("doors", []).append({"id": did, "between": [a, b], "width": _r(width),
                                         "at": [_r(q.x), _r(q.y)]})
    return _finish(centre, data, []), did


def _door_index(data: Mapping[str, Any], door_id: str) -> int:
    for i, d in enumerate(data.get("doors", [])):
        if d["id"] == door_id:
            return i
    raise EditRefused("unknown_door", door=door_id)


def move_door(centre: Centre, plan: Plan, door_id: str, point: Sequence[float], *,
              tolerance: float = DOOR_TOLERANCE) -> Centre:
    """Door ``door_id`` moved to ``point``, which must lie on the same wall (within ``tolerance``)."""
    data = to_data(centre)
    d = data["doors"][_door_index(data, door_id)]
    a, b = d["between"]
    p = Point(point)
    if OUTSIDE in (a, b):
        room = a if b == OUTSIDE else b
        outline = plan.polygons[room].boundary
        if outline.distance(p) > tolerance:
            raise EditRefused("exit_off_wall", door=door_id, room=room)
        q = shapely.ops.nearest_points(outline, p)[0]
    else:
        wall = plan.shared_wall(a, b)
        if wall is None or wall.distance(p) > tolerance:
            raise EditRefused("door_off_wall", door=door_id, room=a, other=b)
        q = shapely.ops.nearest_points(wall, p)[0]
    d["at"] = [_r(q.x), _r(q.y)]
    return _finish(centre, data, [])


def set_door_width(centre: Centre, door_id: str, width: float) -> Centre:
    """Door ``door_id`` with the clear ``width`` (metres)."""
    if not width or width <= 0:
        raise EditRefused("width")
    data = to_data(centre)
    data["doors"][_door_index(data, door_id)]["width"] = _r(width)
    return _finish(centre, data, [])


def delete_door(centre: Centre, door_id: str) -> Centre:
    data = to_data(centre)
    del data["doors"][_door_index(data, door_id)]
    return _finish(centre, data, [])


# ---- what the editor shows --------------------------------------------------------------------

def sanitary_for(centre: Centre, group: str) -> list[str]:
    """Sanitary rooms serving ``group`` (its own or everyone's), as the standards check counts them."""
    own = [r.id for r in centre.rooms if r.is_sanitary and r.group in (group, "all")]
    return own or [r.id for r in centre.rooms if r.is_sanitary and r.group == "all"]


def route_lines(plan: Plan, room_id: str) -> dict[str, dict[str, Any]]:
    """The walking routes from ``room_id`` to the nearest exit and to the nearest sanitary room of
    its group, as polylines (room centre, then door to door) with their length in metres.

    Keys ``exit`` and ``wc``; a route that does not exist (no way out, no sanitary room, or the room
    is itself the target) is absent.
    """
    out: dict[str, dict[str, Any]] = {}
    room = plan.rooms[room_id]
    poly = plan.polygons[room_id]
    start = poly.centroid if poly.contains(poly.centroid) else poly.representative_point()
    wanted = {"exit": plan.routes_to_exit()}
    targets = sanitary_for(plan.centre, room.group)
    if targets:
        wanted["wc"] = plan.routes_to(targets)
    for kind, routes in wanted.items():
        route = routes.get(room_id)
        if route is None or not route.doors:
            continue
        points = [[_r(start.x), _r(start.y)]]
        points += [[_r(plan.door_points[d][0]), _r(plan.door_points[d][1])] for d in route.doors]
        end = route.rooms[-1]
        if kind == "wc" and end in plan.polygons:
            c = plan.polygons[end].representative_point()
            points.append([_r(c.x), _r(c.y)])
        out[kind] = {"points": points, "distance": round(route.distance, 1), "to": end}
    return out
