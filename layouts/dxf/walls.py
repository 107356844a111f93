"""Rooms from walls: the faces that the wall lines of a plan enclose, as the best CAD programs find a
room from a point inside it.

The lines that may be walls (:class:`layouts.dxf.collect.Stroke`) are chosen by layer: lines on wall,
room and window layers when the mapping names some (windows close the wall where they sit), else the
lines on layers the mapping does not know. Door openings are bridged: a door swing (a quarter arc) is
replaced by the two lines from its hinge to its ends, one of which closes the opening along the wall;
a bare gap between two loose ends that continue each other, up to :data:`MAX_GAP_M` wide, is closed
by a line. Loose ends within :data:`SNAP_M` of another line are joined to it. The network is then
noded and :func:`shapely.ops.polygonize` gives its faces. Faces thinner than the thickest wall are
the walls themselves and are dropped; small closed shapes inside a face (furniture, columns) are
filled into it.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
import shapely
import shapely.ops
from shapely.geometry import LineString, Polygon

from centreplan.layouts.dxf.collect import DoorMark, Stroke
from centreplan.planner.i18n import N_

SNAP_M = 0.08  # m: a loose end this close to another line is joined to it (drawing slack)
MAX_GAP_M = 1.25  # m: widest bare opening between two aligned wall ends closed as a door gap
ALIGN_COS = math.cos(math.radians(8))  # two wall ends continue each other within 8°
MIN_ROOM_M2 = 0.8  # m²: smaller faces are not rooms (a shower tray, a column)
MAX_HOLE_M2 = 12.0  # m²: closed shapes inside a face up to this size are furniture or columns, filled
WALL_ROLES = ("wall", "room", "window")
MAX_CROSSINGS = 2 * 30_000  # line pairs that touch (counted both ways); the real plans measured have < 6,000


class TooTangled(ValueError):
    """The lines cross too often to be a floor plan's walls: finding the faces would take minutes."""


@dataclass
class Faces:
    """The faces found, and what was done to find them (for the report)."""

    polygons: list[Polygon]
    lines_used: int
    layers: list[str]
    gaps_bridged: int
    ends_snapped: int
    doors_bridged: int


def wall_lines(strokes: list[Stroke]) -> tuple[list[Stroke], str]:
    """The strokes that are walls, and how they were chosen (for the report)."""
    named = [s for s in strokes if s.role in WALL_ROLES]
    if any(s.role == "wall" for s in named) or (named and len(named) >= 4):
        # closed outlines on other layers (a façade contour) bound the rooms too
        named += [s for s in strokes if s.role is None and s.geom.is_closed]
        return named, N_("lines on the wall, room and window layers")
    unknown = [s for s in strokes if s.role is None]
    return unknown, N_("lines on layers the mapping does not know (no wall layer is named)")


def find_faces(strokes: list[Stroke], swings: list[DoorMark], max_wall: float) -> Faces:
    """The faces enclosed by ``strokes`` once door swings and gaps are bridged (see the module doc)."""
    lines = [s.geom for s in strokes if s.geom.length > 1e-6]
    if not lines:
        return Faces([], 0, [], 0, 0, 0)
    extra: list[LineString] = []
    for d in swings:
        for end in d.ends:
            if math.dist(d.hinge, end) > 1e-6:
                extra.append(LineString([d.hinge, end]))
    arr = np.array(lines + extra, dtype=object)
    crossings = shapely.STRtree(arr).query(arr, predicate="intersects").shape[1] - len(arr)
    if crossings > MAX_CROSSINGS:
        raise TooTangled(f"its {len(arr):,} lines cross or touch each other {crossings // 2:,} times (more than "
                         f"{MAX_CROSSINGS // 2:,}: this is not a floor plan's walls)")
    net = shapely.union_all(arr, grid_size=1e-4)
    segs = list(shapely.get_parts(shapely.line_merge(net))) if not net.is_empty else []
    joins, gaps, snaps = _joins(segs)
    jambs = _jamb_bridges(segs, max_wall)
    joins += jambs
    gaps += len(jambs) // 2
    if joins:
        net = shapely.union_all(np.array(segs + joins, dtype=object), grid_size=1e-4)
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(net))))
    half = max(max_wall, 0.1) / 2 + 0.02
    rooms = [f for f in faces if f.area >= MIN_ROOM_M2 and not f.buffer(-half, quad_segs=1).is_empty]
    rooms = _fill_small_holes(rooms)
    return Faces(rooms, len(lines), sorted({s.layer for s in strokes}), gaps, snaps, len(swings))


def _ends(segs: list[LineString]) -> list[tuple[tuple[float, float], tuple[float, float], int]]:
    """Loose ends of the noded network: (point, outward direction, index of its line)."""
    count: Counter = Counter()
    for g in segs:
        c = g.coords
        count[_key(c[0])] += 1
        count[_key(c[-1])] += 1
    out = []
    for i, g in enumerate(segs):
        c = list(g.coords)
        if len(c) < 2:
            continue
        for end, prev in ((c[0], c[1]), (c[-1], c[-2])):
            if count[_key(end)] == 1:
                dx, dy = end[0] - prev[0], end[1] - prev[1]
                n = math.hypot(dx, dy) or 1.0
                out.append(((end[0], end[1]), (dx / n, dy / n), i))
    return out


def _key(p) -> tuple[int, int]:
    return (round(p[0] * 1e4), round(p[1] * 1e4))


def _joins(segs: list[LineString]) -> tuple[list[LineString], int, int]:
    """Lines that close bare door gaps between aligned loose ends, and join loose ends to a line nearby."""
    ends = _ends(segs)
    if not ends:
        return [], 0, 0
    joins: list[LineString] = []
    done: set[int] = set()
    end_tree = shapely.STRtree(np.array([shapely.Point(e[0]) for e in ends], dtype=object))
    gaps = 0
    # bare gaps: two loose ends facing each other along the same line
    for a, (pa, da, _line) in enumerate(ends):
        if a in done:
            continue
        best = None
        for b in end_tree.query(shapely.Point(pa), predicate="dwithin", distance=MAX_GAP_M).tolist():
            if b in done or b == a:
                continue
            pb, db, ib = ends[b]
            d = math.dist(pa, pb)
            if d <= 1e-6:
                continue
            ux, uy = (pb[0] - pa[0]) / d, (pb[1] - pa[1]) / d
            facing = da[0] * ux + da[1] * uy >= ALIGN_COS and -(db[0] * ux + db[1] * uy) >= ALIGN_COS
            if facing and (best is None or d < best[0]):
                best = (d, b)
        if best is not None:
            b = best[1]
            joins.append(LineString([pa, ends[b][0]]))
            done.update((a, b))
            gaps += 1
    # slack: a loose end near another line is joined to its nearest point
    tree = shapely.STRtree(np.array(segs, dtype=object))
    snaps = 0
    for a, (pa, da, ia) in enumerate(ends):
        if a in done:
            continue
        p = shapely.Point(pa)
        hits = [int(i) for i in tree.query(p, predicate="dwithin", distance=SNAP_M) if int(i) != ia]
        if not hits:
            continue
        k = min(hits, key=lambda i: segs[i].distance(p))
        q = shapely.ops.nearest_points(segs[k], p)[0]
        if q.distance(p) > 1e-6:
            # a little past the line, so that noding cuts it
            ex, ey = q.x + da[0] * 1e-3, q.y + da[1] * 1e-3
            joins.append(LineString([pa, (ex, ey)]))
            snaps += 1
    return joins, gaps, snaps


def _jamb_bridges(segs: list[LineString], max_wall: float) -> list[LineString]:
    """Openings in walls drawn with both faces and closed ends (jambs): two short parallel ends facing
    each other across a door's width are joined on both faces of the wall."""
    parts = []
    for g in segs:
        c = list(g.coords)
        parts += [(c[i], c[i + 1]) for i in range(len(c) - 1)]
    thick = max(max_wall, 0.1) + 0.05
    jambs = []
    for a, b in parts:
        n = math.dist(a, b)
        if 0.03 <= n <= thick:
            jambs.append((np.array(a), np.array(b), n))
    if len(jambs) < 2:
        return []
    mids = np.array([(a + b) / 2 for a, b, _ in jambs])
    tree = shapely.STRtree(np.array([shapely.Point(m) for m in mids], dtype=object))
    walls = shapely.STRtree(np.array(segs, dtype=object))
    out: list[LineString] = []
    used: set[int] = set()
    for i, (a, b, n) in enumerate(jambs):
        if i in used:
            continue
        u = (b - a) / n
        best = None
        for j in tree.query(shapely.Point(mids[i]), predicate="dwithin", distance=MAX_GAP_M).tolist():
            if j <= i or j in used:
                continue
            c, d, m = jambs[j]
            v = (d - c) / m
            if abs(float(u @ v)) < ALIGN_COS:
                continue
            gap = mids[j] - mids[i]
            width = float(np.hypot(*gap))
            if not 0.5 <= width <= MAX_GAP_M or abs(float(gap @ u)) > 0.12:
                continue  # not facing each other square across the opening
            across = LineString([mids[i] + gap * 1e-3, mids[j] - gap * 1e-3])
            if len(walls.query(across, predicate="intersects")):
                continue  # a wall stands in between: not one opening
            if best is None or width < best[0]:
                best = (width, j)
        if best is None:
            continue
        j = best[1]
        c, d, _ = jambs[j]
        if float((d - c) @ (b - a)) < 0:
            c, d = d, c
        out += [LineString([tuple(a), tuple(c)]), LineString([tuple(b), tuple(d)])]
        used.update((i, j))
    return out


def _fill_small_holes(faces: list[Polygon]) -> list[Polygon]:
    """Fill the small holes of each face (furniture, columns) and drop the faces that filled them."""
    out: list[Polygon] = []
    filled_in: list[Polygon] = []
    for f in faces:
        keep: list = []
        fill: list = []
        for ring in f.interiors:
            h = Polygon(ring)
            (fill if h.area <= MAX_HOLE_M2 and h.area < 0.3 * f.area else keep).append(ring)
        if fill:
            filled_in.extend(Polygon(r) for r in fill)
            f = Polygon(f.exterior, keep)
        out.append(f)
    if not filled_in:
        return out
    holes = shapely.STRtree(np.array(filled_in, dtype=object))
    result = []
    for f in out:
        p = f.representative_point()
        if any(filled_in[int(i)].contains(p) and f.area <= filled_in[int(i)].area + 1e-6 for i in holes.query(p)):
            continue  # a face inside a filled hole (not the face the hole was filled into)
        result.append(f)
    return result
