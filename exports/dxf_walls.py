"""Walls with thickness, derived from the room outlines, with openings at doors and windows.

Pure geometry (shapely), no DXF: :mod:`exports.dxf` draws what this module computes.

Every room edge is a wall's centre line. The outlines of the rooms of a level are noded together,
so an edge two rooms share is one segment, counted once: an **inner** wall (partition) when two
rooms that are not ``outdoor`` meet there, an **outer** wall otherwise (the outside of the building,
or a courtyard). Each segment is widened by half its thickness on each side, square-ended so that
corners close; the union of a level's segments, less the openings, is its wall outline.

Openings: a door cuts the wall at its point (:attr:`planner.geometry.Plan.door_points`) over its
width, across the whole thickness; a window the same on the room's outside walls (spread as in
:func:`window_places`).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
import yaml
from shapely.geometry import LineString, Polygon

from centreplan.planner.errors import ExportError
from centreplan.planner.geometry import Plan
from centreplan.planner.model import OUTSIDE, Room

LAYERS_FILE = Path(__file__).with_name("layers.yaml")
OPENING_MARGIN = 0.01  # m: an opening reaches this far past each face, so the cut is clean


@dataclass(frozen=True)
class WallSpec:
    """Thickness of outer walls and of inner partitions (m)."""

    outer: float
    inner: float

    def __post_init__(self) -> None:
        for name in ("outer", "inner"):
            v = getattr(self, name)
            if not (isinstance(v, (int, float)) and 0 < v <= 1.0):
                raise ExportError(f"walls.{name}: {v!r} is not a wall thickness in metres (0 < t ≤ 1 m)")


def default_walls() -> WallSpec:
    """The thicknesses of ``layers.yaml`` (``walls:``; see the source given there)."""
    with LAYERS_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)["walls"]
    return WallSpec(float(data["outer"]), float(data["inner"]))


def parse_walls(text: str | None) -> WallSpec:
    """``"0.2,0.1"`` (outer, inner, metres) → a :class:`WallSpec`; ``None`` → the default."""
    if text is None:
        return default_walls()
    parts = [p.strip() for p in str(text).split(",")]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise ExportError(f"--walls: {text!r} is not two thicknesses in metres, e.g. 0.2,0.1") from None
    if len(values) != 2:
        raise ExportError(f"--walls: {text!r} is not two thicknesses in metres (outer,inner), e.g. 0.2,0.1")
    return WallSpec(*values)


@dataclass
class WallSegment:
    line: LineString
    kind: str  # "outer" | "inner"
    rooms: tuple[str, ...]


@dataclass
class Opening:
    """A cut in a wall: centre, unit direction along the wall, width, and the wall's thickness."""

    centre: tuple[float, float]
    direction: tuple[float, float]
    width: float
    thickness: float
    kind: str  # "door" | "window"
    ref: str = ""  # door id, or room id for a window

    def polygon(self) -> Polygon:
        (cx, cy), (ux, uy) = self.centre, self.direction
        hw, ht = self.width / 2, self.thickness / 2 + OPENING_MARGIN
        nx, ny = -uy, ux
        return Polygon([(cx - ux * hw - nx * ht, cy - uy * hw - ny * ht),
                        (cx + ux * hw - nx * ht, cy + uy * hw - ny * ht),
                        (cx + ux * hw + nx * ht, cy + uy * hw + ny * ht),
                        (cx - ux * hw + nx * ht, cy - uy * hw + ny * ht)])


@dataclass
class Walls:
    segments: list[WallSegment]
    outline: dict[int, shapely.Geometry]  # level → wall polygons (openings cut)
    openings: list[Opening] = field(default_factory=list)


def wall_segments(plan: Plan, level: int) -> list[WallSegment]:
    """The noded centre lines of the walls of ``level``: each room edge once, inner or outer."""
    rooms = [r for r in plan.centre.rooms if r.level == level and r.id not in plan.invalid]
    built = [r for r in rooms if r.use != "outdoor"]
    if not built:
        return []
    polys = [plan.polygons[r.id] for r in built]
    boundaries = [p.boundary for p in polys]
    ends = []  # each noded line cut into its two-point pieces, in order; repeated points dropped
    for line in (g for _members, noded in unions_by_part(boundaries) for g in _lines(noded)):
        c = shapely.get_coordinates(line)
        pairs = np.stack([c[:-1], c[1:]], axis=1)
        ends.append(pairs[np.any(pairs[:, 0] != pairs[:, 1], axis=1)])
    if not ends or not sum(len(e) for e in ends):
        return []
    pairs = np.concatenate(ends)
    pieces = shapely.linestrings(pairs).tolist()
    tree = shapely.STRtree(boundaries)
    mids = shapely.points(pairs.mean(axis=1))  # a straight piece's midpoint
    hits_i, hits_j = tree.query(mids, predicate="dwithin", distance=1e-6)
    touching: dict[int, list[str]] = {}
    for i, j in zip(hits_i.tolist(), hits_j.tolist()):
        touching.setdefault(i, []).append(built[j].id)
    out = []
    for i, piece in enumerate(pieces):
        ids = tuple(sorted(touching.get(i, [])))
        out.append(WallSegment(piece, "inner" if len(ids) >= 2 else "outer", ids))
    return out


def _lines(geom) -> list:
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type in ("LineString", "LinearRing"):
        return [geom]
    if hasattr(geom, "geoms"):
        return [g for part in geom.geoms for g in _lines(part)]
    return []


def segments_of(geom) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    out = []
    for part in _lines(geom.exterior if geom is not None and geom.geom_type == "Polygon" else geom):
        c = list(part.coords)
        out += [(c[i], c[i + 1]) for i in range(len(c) - 1) if c[i] != c[i + 1]]
    return out


def wall_direction(geom, p: tuple[float, float]) -> tuple[float, float]:
    """Unit vector along the segment of ``geom`` nearest to ``p``."""
    px, py = p
    best, best_d = None, math.inf
    for (x1, y1), (x2, y2) in segments_of(geom):
        vx, vy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((px - x1) * vx + (py - y1) * vy) / (vx * vx + vy * vy)))
        d = math.hypot(x1 + t * vx - px, y1 + t * vy - py)
        if d < best_d:
            best, best_d = (vx, vy), d
    if best is None:
        return (1.0, 0.0)
    length = math.hypot(*best)
    return (best[0] / length, best[1] / length)


def window_places(room: Room, outside, thickness: float) -> list[tuple[Opening, object]]:
    """Where the room's windows go: spread over its outside walls (parts shared with no other room),
    longest first, one after the other; a room with no outside wall gets them on its longest walls.
    Returns (opening, window) pairs."""
    candidates = sorted(segments_of(outside) or segments_of(Polygon(room.polygon)), key=lambda e: -math.dist(*e))
    if not candidates or not room.windows:
        return []
    per_edge: list[list] = [[] for _ in candidates]
    for i, win in enumerate(room.windows):
        per_edge[i % len(candidates)].append(win)
    out = []
    for (a, b), wins in zip(candidates, per_edge):
        length = math.dist(a, b)
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        for j, win in enumerate(wins):
            t = length * (j + 0.5) / len(wins)
            width = min(win.width, length)
            out.append((Opening((a[0] + ux * t, a[1] + uy * t), (ux, uy), width, thickness, "window", room.id), win))
    return out


def door_opening(plan: Plan, door, spec: WallSpec) -> Opening:
    """The cut a placed door makes in its wall."""
    x, y = plan.door_points[door.id]
    a, b = door.between
    if door.to_outside:
        room_id = a if b == OUTSIDE else b
        geom, thickness = plan.polygons[room_id], spec.outer
    else:
        geom = plan.shared_wall(a, b)
        outdoor = plan.rooms[a].use == "outdoor" or plan.rooms[b].use == "outdoor"
        thickness = spec.outer if outdoor else spec.inner
    return Opening((x, y), wall_direction(geom, (x, y)), door.width, thickness, "door", door.id)


def outside_walls(plan: Plan) -> dict[str, shapely.Geometry]:
    """Room id → the part of its outline on the outside of the building: shared with no room, or
    with an ``outdoor`` one (a courtyard). Lines."""
    import numpy as np

    ids = plan.ids
    boundaries = shapely.boundary(np.array([plan.polygons[i] for i in ids], dtype=object))
    shared = []
    for rid in ids:
        walls = [w for n in plan.neighbours[rid]
                 if plan.rooms[n].use != "outdoor" and (w := plan.shared_wall(rid, n)) is not None]
        shared.append(walls[0] if len(walls) == 1 else shapely.union_all(walls) if walls else None)
    out = dict(zip(ids, boundaries))
    idx = [k for k, w in enumerate(shared) if w is not None]
    if idx:
        # the outlines are on the plan's 1 mm grid and the walls are cut from them: the exact overlay
        # suffices (a snap-rounding one costs ten times as much)
        diff = shapely.difference(boundaries[idx], np.array([shared[k] for k in idx], dtype=object))
        for k, geom in zip(idx, diff):
            out[ids[k]] = geom
    return out


def build_walls(plan: Plan, spec: WallSpec, windows: list[Opening] | None = None) -> Walls:
    """Every level's wall outline: segments widened by half their thickness each side (square ends),
    united, less the door openings and ``windows``."""
    doors = [door_opening(plan, d, spec) for d in plan.centre.doors if d.id in plan.door_points]
    openings = doors + list(windows or [])
    segments: list[WallSegment] = []
    outline: dict[int, shapely.Geometry] = {}
    level_of = {r.id: r.level for r in plan.centre.rooms}
    for level in sorted({r.level for r in plan.centre.rooms}):
        segs = wall_segments(plan, level)
        segments += segs
        if not segs:
            continue
        bodies = shapely.buffer(np.array([s.line for s in segs], dtype=object),
                                np.array([(spec.inner if s.kind == "inner" else spec.outer) / 2 for s in segs]),
                                cap_style="square", join_style="mitre")
        cuts = np.array([o.polygon() for o in openings if _level_of_opening(o, plan, level_of) == level],
                        dtype=object)
        parts = unions_by_part(bodies)
        # each part of the building less the openings that reach it (an opening between two parts cuts both)
        cut_of: dict[int, list[int]] = {}
        if len(cuts):
            part_of = np.empty(len(bodies), dtype=np.int64)
            for k, (members, _geom) in enumerate(parts):
                part_of[members] = k
            c, b = shapely.STRtree(bodies).query(cuts, predicate="intersects")
            for ci, k in set(zip(c.tolist(), part_of[b].tolist())):
                cut_of.setdefault(k, []).append(ci)
        pieces = []
        for k, (_members, body) in enumerate(parts):
            if k in cut_of:
                body = body.difference(shapely.union_all(cuts[sorted(cut_of[k])]))
            pieces += polygons_of(shapely.set_precision(body, 1e-6))
        outline[level] = pieces[0] if len(pieces) == 1 else shapely.MultiPolygon(pieces)
    return Walls(segments, outline, openings)


def unions_by_part(geoms) -> list[tuple[np.ndarray, shapely.Geometry]]:
    """The union of ``geoms`` part by part: each set of geometries that touch one another, directly or
    through others (the rooms of one building), with the indices of its members.

    The union of the parts is the union of all (they share no point), and a large site of separate
    buildings is united building by building, each overlay small, rather than in one overlay whose
    cost grows faster than the number of rooms."""
    arr = np.asarray(geoms, dtype=object)
    if len(arr) == 0:
        return []
    a, b = shapely.STRtree(arr).query(arr, predicate="intersects")
    labels = np.arange(len(arr))
    while True:  # each geometry takes the smallest index of its part (label propagation, pointer jumping)
        low = np.minimum(labels[a], labels[b])
        new = labels.copy()
        np.minimum.at(new, a, low)
        np.minimum.at(new, b, low)
        new = new[new]
        if np.array_equal(new, labels):
            break
        labels = new
    order = np.argsort(labels, kind="stable")
    cuts = np.flatnonzero(np.diff(labels[order])) + 1
    return [(members, shapely.union_all(arr[members])) for members in np.split(order, cuts)]


def _level_of_opening(o: Opening, plan: Plan, level_of: dict[str, int]) -> int:
    if o.kind == "window":
        return level_of[o.ref]
    door = plan._door(o.ref)
    return level_of[next(e for e in door.between if e != OUTSIDE)]


def polygons_of(geom) -> list[Polygon]:
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in polygons_of(g)]
    return []
