"""Plan geometry: room polygons, validity, overlaps, adjacency, doors, the door graph and walking
distances.

Definitions follow ``../shared/reference/rules.md``:

- two rooms on the same level are *adjacent* when their outlines share a wall (a common boundary
  longer than :data:`MIN_SHARED_WALL`); candidate pairs come from an STRtree, never from a loop over
  all pairs of rooms;
- a door between two rooms sits at ``at`` projected on their shared wall, or by default at the
  middle of the longest piece of that wall; a door to ``outside`` sits at ``at`` on its room's outline;
- the *door graph* has one node per placed door; two doors of the same room are joined by a straight
  segment across that room, weighted by its length in metres;
- the *walking distance* from a room to a target is the distance from the room's farthest point to
  one of its doors, then door to door through rooms, to a door of the target (for exits: to an exit
  door). Doors to ``outside`` or to an ``outdoor`` room are exits.

Coordinates are snapped to a 1 mm grid before walls are compared, so rooms drawn with a shared wall
match even when their coordinates differ by rounding.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, Polygon
from shapely.validation import explain_validity

from centreplan.planner.model import OUTSIDE, Centre, Door, Room
from centreplan.planner.shortest_paths import dijkstra

if TYPE_CHECKING:  # networkx loads when a route is first asked for, not for `validate`
    import networkx as nx

GRID = 0.001  # m: coordinates are compared on a 1 mm grid
MIN_SHARED_WALL = 0.10  # m: a common boundary shorter than this is a corner touch, not a wall
OVERLAP_TOLERANCE = 0.01  # m²: rules.md GEO-OVERLAP
ON_OUTLINE_TOLERANCE = 0.05  # m: a door to outside must lie this close to its room's outline


@dataclass(frozen=True)
class GeometryProblem:
    """A geometric defect of the plan, about one or two rooms or a door."""

    kind: str  # "invalid", "overlap", "door"
    rooms: tuple[str, ...]
    message: str
    door: str | None = None
    value: float | None = None  # overlap area (m²) or shared wall length (m) where relevant


_VALIDITY = re.compile(r"^(?P<reason>[^\[]+)\[(?P<x>[-\d.eE+]+) (?P<y>[-\d.eE+]+)\]")


def polygon_of(room: Room) -> Polygon:
    """The room's outline as a shapely polygon (as drawn, not repaired)."""
    return Polygon(room.polygon)


def outlines(rooms: list[Room]) -> np.ndarray:
    """The rooms' outlines as an array of shapely polygons, made at once (as :func:`polygon_of` makes
    each: the ring closed on its first point)."""
    counts = [len(r.polygon) for r in rooms]
    try:
        coords = np.array([pt for r in rooms for pt in r.polygon], dtype=float).reshape(-1, 2)
        rings = shapely.linearrings(coords, indices=np.repeat(np.arange(len(rooms)), counts))
        return shapely.polygons(rings)
    except (ValueError, shapely.errors.GEOSException):  # an outline shapely refuses: made one by one
        out = np.empty(len(rooms), dtype=object)
        out[:] = [polygon_of(r) for r in rooms]
        return out


def _runs(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices ``starts[i], starts[i] + 1, …, starts[i] + lengths[i] - 1`` of every run, in order."""
    ends = np.cumsum(lengths)
    return np.repeat(starts - (ends - lengths), lengths) + np.arange(int(ends[-1]) if len(ends) else 0)


def _polygonal_each(geoms: np.ndarray) -> np.ndarray:
    """:func:`polygonal` of each geometry (those already non-empty polygons are kept as they are)."""
    out = geoms.copy()
    todo = ~np.isin(shapely.get_type_id(geoms), (3, 6)) | shapely.is_empty(geoms)
    for k in np.flatnonzero(todo):
        out[k] = polygonal(geoms[k])
    return out


# A vertex farther than this from every wall it does not end keeps its place and its wall when
# snapped (the 1 mm grid moves a point by at most 0.71 mm; ten grid steps leave a wide margin).
CLEAR_OF_GRID = 10 * GRID


def on_grid(geoms: np.ndarray, *, short_cut: bool | None = None) -> np.ndarray:
    """Each geometry snapped to the :data:`GRID` as GEOS snaps it keeping it valid, then freed of the
    grid (later steps, such as buffers of less than a millimetre, work in full precision): the
    polygonal part of ``set_precision(set_precision(g, GRID), 0)``, the same coordinates in the same
    order.

    GEOS reaches that by an overlay of each outline with itself (24 µs a room). For an outline that
    is a valid polygon without holes once each point is rounded to the grid, has no point twice in
    a row and keeps every vertex :data:`CLEAR_OF_GRID` away from the walls it does not end (nearly
    every room), the overlay changes nothing but the ring's orientation and first point: its ring
    runs clockwise from the point that followed the first (clockwise drawn) or that preceded it
    (anticlockwise drawn: the ring reversed). Those are made at once from the rounded points; the
    others go through GEOS. A GEOS that starts its rings elsewhere (:func:`_geos_snaps_as_known`)
    gets every outline (``short_cut``: take the short cut or not, whatever GEOS does).
    """
    out = np.empty(len(geoms), dtype=object)
    if not len(geoms):
        return out
    rounded = shapely.set_precision(geoms, GRID, mode="pointwise")
    fast = ((shapely.get_type_id(rounded) == 3) & ~shapely.is_empty(rounded)
            & (shapely.get_num_interior_rings(rounded) == 0) & shapely.is_valid(rounded))
    if not (short_cut if short_cut is not None else _geos_snaps_as_known()):
        fast[:] = False
    fast[fast] = shapely.minimum_clearance(rounded[fast]) > CLEAR_OF_GRID
    shells = shapely.get_exterior_ring(rounded[fast])
    coords, which = shapely.get_coordinates(shells, return_index=True)
    twice = (coords[1:] == coords[:-1]).all(axis=1) & (which[1:] == which[:-1])
    if twice.any():  # a point twice in a row: GEOS drops one, and the first point may move
        fast[np.flatnonzero(fast)[which[1:][twice]]] = False
        shells = shapely.get_exterior_ring(rounded[fast])
        coords, which = shapely.get_coordinates(shells, return_index=True)
    if len(shells):
        n = np.bincount(which, minlength=len(shells))  # points of each closed ring (first one repeated)
        start = np.cumsum(n) - n
        pos = np.arange(len(which)) - start[which]  # each point's place in its ring
        m = n[which] - 1  # points of the open ring
        ccw = shapely.is_ccw(shells)[which]
        # the open ring's point k of the result: clockwise drawn, point k + 1; anticlockwise, m - 1 - k
        # (the closing point, k = m, repeats the first)
        k = np.where(pos == m, 0, pos)
        src = np.where(ccw, m - 1 - k, (k + 1) % m)
        out[fast] = shapely.polygons(shapely.linearrings(coords[start[which] + src], indices=which))
    slow = ~fast
    if slow.any():
        out[slow] = _polygonal_each(shapely.set_precision(_polygonal_each(shapely.set_precision(geoms[slow], GRID)), 0))
    return out


def _boxes(polys: np.ndarray) -> np.ndarray:
    """Which geometries are rectangles with sides along the axes (four corners, each side moving along
    x or along y only)."""
    out = (shapely.get_type_id(polys) == 3) & (shapely.get_num_coordinates(polys) == 5)
    if not out.any():
        return out
    corners = shapely.get_coordinates(polys[out]).reshape(-1, 5, 2)[:, :4]
    lo, hi = corners.min(axis=1, keepdims=True), corners.max(axis=1, keepdims=True)
    at_lo, at_hi = corners == lo, corners == hi
    code = at_hi[..., 0] * 2 + at_hi[..., 1]  # which corner each point is
    turns = code ^ np.roll(code, -1, axis=1)  # a side changes x only (2) or y only (1)
    out[out] = ((at_lo | at_hi).all(axis=(1, 2)) & (lo < hi).all(axis=(1, 2))
                & (np.sort(code, axis=1) == np.arange(4)).all(axis=1) & ((turns == 1) | (turns == 2)).all(axis=1))
    return out


def interiors_meet(polys: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """For pairs of geometries that intersect, whether their interiors meet (``not touches``): for
    two rectangles along the axes, whether they overlap on both axes (exact comparisons of their
    coordinates); for the others, GEOS's ``touches``."""
    boxes = _boxes(polys)
    both = boxes[left] & boxes[right]
    out = np.empty(len(left), dtype=bool)
    if both.any():
        a, b = shapely.bounds(polys[left[both]]), shapely.bounds(polys[right[both]])
        out[both] = ((np.maximum(a[:, 0], b[:, 0]) < np.minimum(a[:, 2], b[:, 2]))
                     & (np.maximum(a[:, 1], b[:, 1]) < np.minimum(a[:, 3], b[:, 3])))
    rest = ~both
    if rest.any():
        out[rest] = ~shapely.touches(polys[left[rest]], polys[right[rest]])
    return out


@lru_cache(maxsize=1)
def _geos_snaps_as_known() -> bool:
    """Whether this GEOS snaps outlines to the grid as :func:`on_grid`'s short cut has it (asked once,
    on outlines drawn either way round, one of them not convex)."""
    probe = np.array([Polygon([(0, 0), (5, 0), (5, 5), (2.5, 3), (0, 5)]),
                      Polygon([(1, 1), (1, 6), (3.5, 4), (6, 6), (6, 1)])], dtype=object)
    want = _polygonal_each(shapely.set_precision(_polygonal_each(shapely.set_precision(probe, GRID)), 0))
    return bool(shapely.equals_identical(on_grid(probe, short_cut=True), want).all())


def validity_reason(poly: Polygon) -> str | None:
    """``None`` when ``poly`` is a valid simple polygon with area > 0, else the reason in words."""
    if poly.is_valid:
        if poly.is_empty or poly.area <= 0:
            return "the polygon has no area (its points are on one line)"
        return None
    text = explain_validity(poly)
    m = _VALIDITY.match(text)
    if m:
        reason = m.group("reason").strip().lower()
        x, y = float(m.group("x")), float(m.group("y"))
        return f"{reason} at ({x:.2f}, {y:.2f})"
    return text.lower()


def polygonal(geom: shapely.Geometry) -> Polygon | MultiPolygon:
    """The area part of ``geom`` as a Polygon or MultiPolygon (an empty Polygon when it has none).

    ``make_valid`` and ``set_precision`` may give any type: a GeometryCollection of a polygon and
    the line of a spike, a MultiLineString for an outline drawn as a line, an empty geometry for a
    room smaller than the grid. Every later step works on this polygonal part only.
    """
    if geom is None or geom.is_empty:
        return Polygon()
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon") and not g.is_empty]
    if not parts:
        return Polygon()
    merged = shapely.union_all(parts)
    return merged if merged.geom_type in ("Polygon", "MultiPolygon") else polygonal(merged)


def _longest_line(geom: shapely.Geometry) -> LineString | None:
    if geom is None or geom.is_empty:
        return None
    merged = shapely.line_merge(geom) if geom.geom_type in ("MultiLineString", "GeometryCollection") else geom
    parts: Iterable[shapely.Geometry]
    if merged.geom_type == "LineString":
        parts = [merged]
    elif hasattr(merged, "geoms"):
        parts = [g for g in merged.geoms if g.geom_type == "LineString"]
    else:
        parts = []
    best = max(parts, key=lambda g: g.length, default=None)
    return best if best is not None and best.length > 0 else None


def _lines_only(geom: shapely.Geometry) -> shapely.Geometry:
    """The linear part of an intersection (points where walls only touch are dropped)."""
    if geom.is_empty or geom.geom_type in ("LineString", "MultiLineString"):
        return geom
    if hasattr(geom, "geoms"):
        lines = [g for g in geom.geoms if g.geom_type in ("LineString", "MultiLineString")]
        flat: list[LineString] = []
        for g in lines:
            flat.extend(g.geoms if g.geom_type == "MultiLineString" else [g])
        return MultiLineString(flat) if flat else LineString()
    return LineString()


@dataclass
class Route:
    """The shortest walking route from a room to a target: its length and the rooms it crosses."""

    distance: float
    rooms: list[str]  # from the start room to the target room (or "outside"), in order
    doors: list[str] = field(default_factory=list)

    @property
    def through(self) -> list[str]:
        """Rooms crossed between the start and the target (both excluded)."""
        return self.rooms[1:-1]


class Routes(Mapping[str, Route]):
    """The shortest routes from every room to a set of targets, as a read-only mapping room → route
    (rooms with no way there are absent; the targets first, then the rooms in layout order).

    The shortest-path tree is built at once; each room's route is read off it when first asked for,
    then kept: a rule about the rooms of one group asks for a fifth of them. It holds what it reads,
    not the plan (which holds it): no cycle, so the plan is freed as soon as nothing uses it.
    """

    def __init__(self, ids: list[str], doors_of: dict[str, list[Door]], far: dict[tuple[str, str], float],
                 targets: dict[str, Route], dist: dict[str, float],
                 onward: Callable[[str], tuple[tuple[str, ...], tuple[str, ...]]]):
        self._ids = ids
        self._doors_of = doors_of
        self._far = far
        self._targets = list(targets)
        self._made: dict[str, Route | None] = dict(targets)
        self._dist = dist
        self._onward = onward

    def _route(self, rid: str) -> Route | None:
        dist, far = self._dist, self._far
        best: tuple[float, str] | None = None
        for door in self._doors_of[rid]:
            to_target = dist.get(door.id)
            if to_target is None:
                continue
            total = far[(rid, door.id)] + to_target
            if best is None or total < best[0]:
                best = (total, door.id)
        if best is None:
            return None
        total, first = best
        doors, ahead = self._onward(first)
        # the rooms crossed, each once where a walk stays in one room across several doors
        rooms = [rid, *ahead[1:]] if ahead[0] == rid else [rid, *ahead]
        return Route(total, rooms, list(doors))

    def _get(self, rid: str) -> Route | None:
        if rid in self._made:
            return self._made[rid]
        route = self._made[rid] = self._route(rid) if rid in self._doors_of else None
        return route

    def __getitem__(self, rid: str) -> Route:
        route = self._get(rid)
        if route is None:
            raise KeyError(rid)
        return route

    def get(self, rid: str, default: Route | None = None) -> Route | None:  # type: ignore[override]
        route = self._get(rid)
        return default if route is None else route

    def __iter__(self) -> Iterator[str]:
        targets = set(self._targets)
        return iter(self._targets + [rid for rid in self._ids if rid not in targets and self._get(rid) is not None])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __reduce__(self) -> tuple[type, tuple[dict[str, Route]]]:
        return dict, (dict(self),)  # pickled (a cache of the app) as the plain mapping it reads as


def _crossing(only: dict[str, str | None], doors_by_id: dict[str, Door], doors_of: dict[str, list[Door]],
              index: dict[str, int], walks: dict[str, list[list[float]]]) -> Callable[[str, str], str]:
    """``crossed(d1, d2)``: the room the walk between joined doors ``d1`` and ``d2`` crosses (see
    :attr:`Plan._door_graph`); ``only`` gives each door's one room with other doors (None when it has
    two). It holds the plan's dictionaries, not the plan: routes keep it."""

    def crossed(d1: str, d2: str) -> str:
        room = only[d1] or only[d2]
        if room is not None:
            return room
        ends = doors_by_id[d2].between  # both doors join the same two rooms
        best: tuple[float, str] | None = None
        for rid in sorted({r for r in doors_by_id[d1].between if r in ends}, key=index.__getitem__):
            ids = [d.id for d in doors_of[rid]]
            k, m = sorted((ids.index(d1), ids.index(d2)))
            w = walks[rid][k][m]
            if best is None or best[0] > w:
                best = (w, rid)
        assert best is not None, (d1, d2)  # joined doors share a room
        return best[1]

    return crossed


class Plan:
    """The geometry of a centre, computed once and shared by every rule and export.

    Build it with :func:`build_plan`. All lengths are metres, areas square metres.
    """

    def __init__(self, centre: Centre):
        self.centre = centre
        self.rooms: dict[str, Room] = centre.rooms_by_id()
        self.ids: list[str] = [r.id for r in centre.rooms]
        drawn = outlines(centre.rooms)
        self.drawn: dict[str, Polygon] = dict(zip(self.ids, drawn.tolist()))
        self.invalid: dict[str, str] = {}
        # the outlines to explain: invalid, empty or of no area (each measure made for all at once)
        for k in np.flatnonzero(~shapely.is_valid(drawn) | shapely.is_empty(drawn) | (shapely.area(drawn) <= 0)):
            reason = validity_reason(drawn[k])
            if reason:
                self.invalid[self.ids[k]] = reason
        # repaired, grid-snapped polygons for all further geometry
        work = drawn.copy()
        for n, rid in enumerate(self.ids):
            if rid in self.invalid:
                work[n] = polygonal(shapely.make_valid(work[n]))
        # snap to the grid, then drop the grid from the geometry so that later operations
        # (buffers of less than a millimetre) work in full precision
        work = on_grid(work)
        for e in np.flatnonzero(shapely.is_empty(work)):
            rid = self.ids[e]
            if rid not in self.invalid:
                self.invalid[rid] = "the outline is smaller than the 1 mm grid (it has no area once measured)"
            else:
                self.invalid[rid] += "; what is left once repaired has no area"
        self._polys = work
        self.polygons: dict[str, shapely.Geometry] = dict(zip(self.ids, work.tolist()))
        self._index = {rid: i for i, rid in enumerate(self.ids)}
        self._walls: dict[frozenset[str], LineString] = {}
        self._route_sets: dict[frozenset[str] | str, Mapping[str, Route]] = {}
        self.neighbours: dict[str, set[str]] = {rid: set() for rid in self.ids}
        self.overlaps: list[tuple[str, str, float]] = []
        self._pairs()
        self.door_points: dict[str, tuple[float, float]] = {}
        self.door_problems: list[GeometryProblem] = []
        self._place_doors()

    # ---- areas --------------------------------------------------------------------------
    def area(self, room_id: str) -> float:
        """Floor area in m² (of the drawn outline; 0 for an outline with no area)."""
        return self._areas[self._index[room_id]]

    @cached_property
    def _areas(self) -> list[float]:
        return shapely.area(self._polys).tolist()

    @cached_property
    def _rectangles(self) -> tuple[list[float], list[list[list[float]] | None]]:
        """Each outline's minimum rotated rectangle, made for all at once: its area and its first
        three corners (None where the outline has no area)."""
        rects = shapely.minimum_rotated_rectangle(self._polys)
        coords, which = shapely.get_coordinates(rects, return_index=True)
        starts = np.searchsorted(which, np.arange(len(rects) + 1)).tolist()
        xy = coords.tolist()
        corners = [xy[a:a + 3] if b - a >= 4 else None for a, b in zip(starts, starts[1:])]
        return shapely.area(rects).tolist(), corners

    def least_width(self, room_id: str) -> float:
        """The least width between walls, in metres.

        For a rectangle (or any outline equal to its minimum rotated rectangle) it is the shorter
        side. Otherwise it is the largest width ``w`` such that every part of the room lies in a
        ``w``-wide square that fits inside it (a morphological opening with mitred corners keeps
        ≥ 98 % of the area): an L-shaped room with 2 m wide arms has a least width of 2 m.
        """
        k = self._index[room_id]
        area = self._areas[k]
        if area <= 0:  # an empty outline too (no area)
            return 0.0
        poly = self.polygons[room_id]
        rect_areas, corners = self._rectangles
        coords = corners[k]
        if coords is None:
            coords = list(shapely.minimum_rotated_rectangle(poly).exterior.coords)
        side = min(math.dist(coords[0], coords[1]), math.dist(coords[1], coords[2]))
        if abs(rect_areas[k] - area) <= 1e-6 * max(area, 1.0):
            return float(side)
        lo, hi = 0.0, side
        while hi - lo > 0.005:
            mid = (lo + hi) / 2
            opened = poly.buffer(-mid / 2, join_style="mitre").buffer(mid / 2, join_style="mitre")
            if opened.area >= 0.98 * poly.area:
                lo = mid
            else:
                hi = mid
        return float(round(lo, 2))

    # ---- adjacency ------------------------------------------------------------------------
    def _pairs(self) -> None:
        if len(self.ids) < 2:
            return
        tree = shapely.STRtree(self._polys)
        left, right = tree.query(self._polys, predicate="intersects")
        keep = left < right
        left, right = left[keep], right[keep]
        if left.size == 0:
            return
        levels = np.array([self.rooms[rid].level for rid in self.ids])
        same = levels[left] == levels[right]
        left, right = left[same], right[same]
        boundaries = shapely.boundary(self._polys)
        walls = shapely.intersection(boundaries[left], boundaries[right])
        # rooms that only touch (nearly all pairs) overlap by nothing: intersect the others only
        overlap = np.zeros(len(left))
        deep = interiors_meet(self._polys, left, right)
        if deep.any():
            overlap[deep] = shapely.area(shapely.intersection(self._polys[left[deep]], self._polys[right[deep]]))
        # walls that are lines already (nearly all) are measured at once; the rest (a point where
        # corners touch, lines and points together) go through _lines_only one by one
        lines = np.isin(shapely.get_type_id(walls), (1, 5))  # LineString, MultiLineString
        lengths = np.where(lines, shapely.length(walls), 0.0)
        keep = (overlap > OVERLAP_TOLERANCE) | (lengths >= MIN_SHARED_WALL) | ~lines
        ids = self.ids
        for i, j, wall, ov, is_line, length in zip(left[keep].tolist(), right[keep].tolist(), walls[keep],
                                                    overlap[keep].tolist(), lines[keep].tolist(),
                                                    lengths[keep].tolist()):
            a, b = ids[i], ids[j]
            if ov > OVERLAP_TOLERANCE:
                self.overlaps.append((a, b, float(ov)))
            line = wall if is_line else _lines_only(wall)
            if (length if is_line else (0.0 if line.is_empty else line.length)) < MIN_SHARED_WALL:
                continue
            self._walls[frozenset((a, b))] = line
            self.neighbours[a].add(b)
            self.neighbours[b].add(a)

    def shared_wall(self, a: str, b: str) -> shapely.Geometry | None:
        """The wall rooms ``a`` and ``b`` share (a line or several), or ``None``."""
        return self._walls.get(frozenset((a, b)))

    def shared_wall_length(self, a: str, b: str) -> float:
        wall = self.shared_wall(a, b)
        return float(wall.length) if wall is not None else 0.0

    # ---- doors ------------------------------------------------------------------------------
    def _place_doors(self) -> None:
        # doors in the middle of a wall that is one straight-or-bent line (nearly all) are placed at
        # once after the loop; their places are kept in the doors' order meanwhile
        middles: list[tuple[str, LineString]] = []
        for i, door in enumerate(self.centre.doors):
            a, b = door.between
            place = f"doors[{i}] ({door.id})"
            if door.to_outside:
                room = a if b == OUTSIDE else b
                poly = self.polygons[room]
                assert door.at is not None  # the model requires it
                pt = Point(door.at)
                if poly.is_empty:
                    self.door_problems.append(GeometryProblem(
                        "door", (room,), f"{place}: room {room} has no area (see its outline); the door "
                        "cannot be placed", door=door.id, value=0.0))
                    continue
                dist = poly.exterior.distance(pt) if poly.geom_type == "Polygon" else poly.boundary.distance(pt)
                if dist > ON_OUTLINE_TOLERANCE:
                    self.door_problems.append(GeometryProblem(
                        "door", (room,), f"{place}: 'at' ({pt.x:g}, {pt.y:g}) is {dist:.2f} m from the "
                        f"outline of room {room}; a door to outside must lie on it", door=door.id, value=dist))
                    continue
                self.door_points[door.id] = (pt.x, pt.y)
                continue
            wall = self.shared_wall(a, b)
            length = float(wall.length) if wall is not None else 0.0
            if wall is None:
                why = ("they are on different levels" if self.rooms[a].level != self.rooms[b].level
                       else "their outlines share no wall")
                self.door_problems.append(GeometryProblem(
                    "door", (a, b), f"{place}: rooms {a} and {b} do not touch ({why})",
                    door=door.id, value=0.0))
                continue
            if length + 1e-6 < door.width:
                self.door_problems.append(GeometryProblem(
                    "door", (a, b), f"{place}: the wall shared by {a} and {b} is {length:.2f} m long, "
                    f"shorter than the door's {door.width:.2f} m", door=door.id, value=length))
            if door.at is not None:
                p = shapely.ops.nearest_points(wall, Point(door.at))[0]
                self.door_points[door.id] = (p.x, p.y)
            elif wall.geom_type == "LineString" and length > 0:  # its own longest line
                self.door_points[door.id] = (0.0, 0.0)
                middles.append((door.id, wall))
            else:
                line = _longest_line(wall)
                mid = line.interpolate(0.5, normalized=True) if line is not None else wall.centroid
                self.door_points[door.id] = (mid.x, mid.y)
        if middles:
            points = shapely.line_interpolate_point(np.array([w for _, w in middles]), 0.5, normalized=True)
            for (door_id, _), xy in zip(middles, shapely.get_coordinates(points).tolist()):
                self.door_points[door_id] = (xy[0], xy[1])

    @cached_property
    def doors_of(self) -> dict[str, list[Door]]:
        """Room id → its placed doors."""
        out: dict[str, list[Door]] = {rid: [] for rid in self.ids}
        for door in self.centre.doors:
            if door.id not in self.door_points:
                continue
            for end in set(door.between):
                if end != OUTSIDE:
                    out[end].append(door)
        return out

    def is_exit(self, door: Door) -> bool:
        """A door to ``outside`` or to an ``outdoor`` room."""
        return any(end == OUTSIDE or self.rooms[end].use == "outdoor" for end in door.between)

    @cached_property
    def exits(self) -> list[Door]:
        return [d for d in self.centre.doors if d.id in self.door_points and self.is_exit(d)]

    @cached_property
    def _in_rooms(self) -> tuple[dict[tuple[str, str], float], dict[str, list[list[float]]]]:
        """For each placed door of each room: the walk from the room's farthest point to it
        (``(room, door)`` → metres), and the walks between the room's doors (room → one row per door
        of :attr:`doors_of`, in that order, of the walks to each of them).

        Convex rooms, nearly all of a plan, are measured at once with straight lines (one array of
        every door-to-vertex and door-to-door vector); the others walk round their corners
        (:meth:`_walks_from_door`).
        """
        far: dict[tuple[str, str], float] = {}
        walks: dict[str, list[list[float]]] = {}
        convex = [i for i, rid in enumerate(self.ids) if self.doors_of[rid] and rid not in self._nonconvex]
        if convex:
            coords, which = shapely.get_coordinates(self._polys[convex], return_index=True)
            ids = [[d.id for d in self.doors_of[self.ids[i]]] for i in convex]
            n_vert = np.bincount(which, minlength=len(convex))
            n_door = np.array([len(x) for x in ids])
            doors_xy = np.array([self.door_points[d] for row in ids for d in row], dtype=float).reshape(-1, 2)
            # the targets of each room, its vertices then its doors, one room after the other
            n_targ = n_vert + n_door
            t_start = np.cumsum(n_targ) - n_targ
            targets = np.empty((int(n_targ.sum()), 2))
            targets[_runs(t_start, n_vert)] = coords
            targets[_runs(t_start + n_vert, n_door)] = doors_xy
            # one row per door of each room: from the door to each target of its room
            pair_room = np.repeat(np.arange(len(convex)), n_door)
            row_len = n_targ[pair_room]
            row_start = np.cumsum(row_len) - row_len
            to = _runs(t_start[pair_room], row_len)
            dist = np.hypot(targets[to, 0] - np.repeat(doors_xy[:, 0], row_len),
                            targets[to, 1] - np.repeat(doors_xy[:, 1], row_len))
            vertex = np.arange(len(dist)) - np.repeat(row_start, row_len) < np.repeat(n_vert[pair_room], row_len)
            farthest = np.maximum.reduceat(np.where(vertex, dist, -np.inf), row_start)
            farthest[n_vert[pair_room] == 0] = 0.0
            flat, far_list, starts = dist.tolist(), farthest.tolist(), row_start.tolist()
            nv_list = n_vert.tolist()
            pair = 0
            for n, i in enumerate(convex):
                rid, row_ids, nv = self.ids[i], ids[n], nv_list[n]
                k = len(row_ids)
                rows = []
                for did in row_ids:
                    far[(rid, did)] = far_list[pair]
                    first = starts[pair] + nv
                    rows.append(flat[first:first + k])
                    pair += 1
                walks[rid] = rows
        for rid in self._nonconvex:
            doors = [d.id for d in self.doors_of[rid]]
            rows = []
            for did in doors:
                to_vertices, others = self._walks_from_door(rid, did)
                far[(rid, did)] = float(to_vertices.max()) if to_vertices.size else 0.0
                rows.append([others[d] for d in doors])
            if doors:
                walks[rid] = rows
        return far, walks

    @cached_property
    def _door_graph(self) -> tuple[dict[str, dict[str, float]], Callable[[str, str], str]]:
        """The door graph as plain dictionaries, door → {door: metres}, and ``crossed(door, door)``: the
        room the walk between two joined doors crosses (the shorter room where two rooms join the same
        doors, the first in layout order where both are as short).

        Each door's neighbours are in the order they were first joined: room by room in layout order,
        each room's other doors in its order (the order the shortest paths visit them in). The walk
        between a room's doors ``k < m`` is row ``k`` of the room's walks (as the walk was first
        measured), in both directions.
        """
        _, walks = self._in_rooms
        adj: dict[str, dict[str, float]] = {d: {} for d in self.door_points}
        only: dict[str, str | None] = {}  # door → its one room with other doors (None: it has two)
        for rid, doors in self.doors_of.items():
            if len(doors) < 2:
                continue
            rows = walks[rid]
            ids = [d.id for d in doors]
            for k, d1 in enumerate(ids):
                only[d1] = None if d1 in only else rid
                others = ids[:k] + ids[k + 1:]
                lengths = [rows[m][k] for m in range(k)] + rows[k][k + 1:]
                a = adj[d1]
                if not a:  # the door's first room with other doors (nearly always its only one)
                    a.update(zip(others, lengths))
                    continue
                for d2, w in zip(others, lengths):
                    known = a.get(d2)
                    if known is None or known > w:
                        a[d2] = w
        return adj, _crossing(only, self.doors_by_id, self.doors_of, self._index, walks)

    def step(self, d1: str, d2: str) -> tuple[str, float]:
        """The room the walk between joined doors ``d1`` and ``d2`` crosses, and its metres (an edge of
        :attr:`graph`, read without building it)."""
        adj, crossed = self._door_graph
        return crossed(d1, d2), adj[d1][d2]

    @cached_property
    def graph(self) -> nx.Graph:
        """The door graph: nodes are door ids, edges join doors of one room (weight: metres, room:
        the room crossed). Routes use the same graph held as dictionaries (:attr:`_door_graph`)."""
        import networkx as nx

        adj, crossed = self._door_graph
        g = nx.Graph()
        g.add_nodes_from(self.door_points)
        for doors in self.doors_of.values():  # in the order the edges were first joined
            ids = [d.id for d in doors]
            for k, d1 in enumerate(ids):
                for d2 in ids[k + 1:]:
                    if not g.has_edge(d1, d2):
                        g.add_edge(d1, d2, weight=adj[d1][d2], room=crossed(d1, d2))
        return g

    def far_distance(self, room_id: str, door_id: str) -> float:
        """Walking distance from the room's farthest point to the door (the farthest point is a
        vertex of the outline; in a room that is not convex the walk goes round its corners)."""
        far = self._in_rooms[0].get((room_id, door_id))
        if far is None:  # a door that is not one of the room's placed doors
            to_vertices, _ = self._walks_from_door(room_id, door_id)
            far = float(to_vertices.max()) if to_vertices.size else 0.0
        return far

    def walk_within(self, room_id: str, p: tuple[float, float], q: tuple[float, float]) -> float:
        """The shortest walk from ``p`` to ``q`` inside the room: a straight line where it stays in
        the room, otherwise round its inner corners (a shortest path on the visibility graph)."""
        return float(self._walks(room_id, p, np.array([q], dtype=float))[0])

    @cached_property
    def _nonconvex(self) -> dict[str, shapely.Geometry]:
        """Rooms that are not convex → their outline grown by 0.1 mm (so walls can be walked along)."""
        out = {}
        areas = np.array(self._areas)
        hulls = shapely.area(shapely.convex_hull(self._polys))  # measured for all at once
        for k in np.flatnonzero((areas > 0) & (hulls - areas > 1e-6 * areas)).tolist():
            zone = self._polys[k].buffer(1e-4)
            shapely.prepare(zone)
            out[self.ids[k]] = zone
        return out

    def _walks(self, room_id: str, start: tuple[float, float], targets: np.ndarray) -> np.ndarray:
        if targets.size == 0:
            return np.zeros(0)
        straight = np.hypot(targets[:, 0] - start[0], targets[:, 1] - start[1])
        zone = self._nonconvex.get(room_id)
        if zone is None:
            return straight
        corners = shapely.get_coordinates(shapely.boundary(self.polygons[room_id]))
        nodes = np.vstack([np.array([start], dtype=float), corners, targets])
        n = len(nodes)
        i, j = np.triu_indices(n, k=1)
        segments = shapely.linestrings(np.stack([nodes[i], nodes[j]], axis=1))
        visible = shapely.covers(zone, segments)
        lengths = np.hypot(*(nodes[i] - nodes[j]).T)
        adj: dict[int, dict[int, float]] = {k: {} for k in range(n)}
        for a, b, w in zip(i[visible].tolist(), j[visible].tolist(), lengths[visible].tolist()):
            adj[a][b] = adj[b][a] = w
        dist, _ = dijkstra(adj, [0])
        first = 1 + len(corners)
        # an unreachable point (outside the room) keeps the straight line rather than vanishing
        return np.array([dist.get(first + k, straight[k]) for k in range(len(targets))])

    def _walks_from_door(self, room_id: str, door_id: str) -> tuple[np.ndarray, dict[str, float]]:
        vertices = shapely.get_coordinates(self.polygons[room_id])
        others = [d.id for d in self.doors_of[room_id]]
        points = np.array([self.door_points[d] for d in others], dtype=float).reshape(-1, 2)
        dist = self._walks(room_id, self.door_points[door_id], np.vstack([vertices, points]))
        return dist[: len(vertices)], dict(zip(others, dist[len(vertices):].tolist()))

    def routes_to(self, targets: Iterable[str]) -> Mapping[str, Route]:
        """Shortest walking route from every room to the nearest room of ``targets``.

        Rooms in ``targets`` get a route of length 0; rooms with no way there are absent. Worked out
        once per set of targets (one shortest-path run from all their doors) and shared by every
        caller: do not change the routes returned.
        """
        target_set = {t for t in targets if t in self.rooms}
        key = frozenset(target_set)
        routes = self._route_sets.get(key)
        if routes is None:
            # sorted: among routes of equal length the same one wins in every run (sets follow the hash seed)
            sources = sorted({d.id for t in target_set for d in self.doors_of[t]})
            routes = self._route_sets[key] = self._routes(
                sources, target_set, lambda door: self._target_room(door, target_set))
        return routes

    def routes_to_exit(self) -> Mapping[str, Route]:
        """Shortest walking route from every room to the nearest exit door (worked out once; do not
        change the routes returned)."""
        routes = self._route_sets.get(OUTSIDE)
        if routes is None:
            sources = sorted({d.id for d in self.exits})
            routes = self._route_sets[OUTSIDE] = self._routes(
                sources, {r for r in self.ids if self.rooms[r].use == "outdoor"}, self._exit_end)
        return routes

    def _exit_end(self, door_id: str) -> str:
        door = self._door(door_id)
        return next((e for e in door.between if e == OUTSIDE or self.rooms[e].use == "outdoor"), OUTSIDE)

    def _target_room(self, door_id: str, targets: set[str]) -> str:
        door = self._door(door_id)
        return next(e for e in door.between if e in targets)

    @cached_property
    def doors_by_id(self) -> dict[str, Door]:
        """Door id → door (every door declared, placed or not)."""
        return {d.id: d for d in self.centre.doors}

    def _door(self, door_id: str) -> Door:
        return self.doors_by_id[door_id]

    def _routes(self, sources: list[str], at_target: set[str], end_of) -> Mapping[str, Route]:
        targets = {rid: Route(0.0, [rid]) for rid in at_target}
        if not sources:
            return targets
        adj, crossed = self._door_graph
        dist, pred = dijkstra(adj, sources)
        ends = {door: end_of(door) for door in sources}  # where a path ends: the room past a target's door
        return Routes(self.ids, self.doors_of, self._in_rooms[0], targets, dist, self._onward(pred, crossed, ends))

    @staticmethod
    def _onward(pred: dict[str, str], crossed: Callable[[str, str], str], ends: dict[str, str]
                ) -> Callable[[str], tuple[tuple[str, ...], tuple[str, ...]]]:
        """``onward(door)``: the doors of the shortest path from ``door`` to a target's door and the
        rooms it crosses after ``door`` (the target last), each worked out once for every route
        through that door (the paths of a shortest-path tree share their ends)."""
        known: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

        def onward(door: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
            path = [door]  # back along the tree to a door already known, or to a target's door
            while path[-1] not in known and path[-1] in pred:
                path.append(pred[path[-1]])
            last = path.pop()
            if last not in known:
                known[last] = ((last,), (ends[last],))
            doors, rooms = known[last]
            while path:
                d = path.pop()
                room = crossed(d, doors[0])
                doors = (d, *doors)
                rooms = rooms if rooms[0] == room else (room, *rooms)
                known[d] = (doors, rooms)
            return known[door]

        return onward

    # ---- summary ---------------------------------------------------------------------------
    def problems(self) -> list[GeometryProblem]:
        """Every geometric defect: invalid outlines, overlaps, misplaced doors."""
        out = [GeometryProblem("invalid", (rid,), f"rooms[{self._index[rid]}].polygon ({rid}): {reason}")
               for rid, reason in self.invalid.items()]
        out += [GeometryProblem("overlap", (a, b), f"rooms {a} and {b} overlap by {area:.2f} m²", value=area)
                for a, b, area in self.overlaps]
        out += self.door_problems
        return out

    def reachable_from_exits(self) -> set[str]:
        """Rooms that can be reached from an exit through doors."""
        joined: dict[str, list[str]] = {rid: [] for rid in self.ids}
        joined[OUTSIDE] = []
        for door in self.centre.doors:
            if door.id in self.door_points:
                a, b = door.between
                joined[a].append(b)
                joined[b].append(a)
        seen = {OUTSIDE} | {r for r in self.ids if self.rooms[r].use == "outdoor"}
        stack = list(seen)
        while stack:
            for nxt in joined[stack.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        return seen - {OUTSIDE}


def build_plan(centre: Centre) -> Plan:
    """Compute the geometry of ``centre`` (validity, adjacency, doors, door graph)."""
    return Plan(centre)
