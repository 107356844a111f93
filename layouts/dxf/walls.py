"""Rooms from walls: the faces that the wall lines of a plan enclose, as the best CAD programs find a
room from a point inside it.

The lines that may be walls (:class:`layouts.dxf.collect.Stroke`) are chosen by layer: lines on wall,
room and window layers when the mapping names some (windows close the wall where they sit), else the
lines on layers the mapping does not know. Door openings are bridged: a door swing (a quarter arc) is
replaced by the two lines from its hinge to its ends, one of which closes the opening along the wall;
a bare gap between two loose ends that continue each other, up to :data:`MAX_GAP_M` wide, is closed
by a line; in walls drawn with both faces, an opening between closed wall ends (jambs) up to
:data:`MAX_JAMB_GAP_M`, and the front of a closet between the ends of its side walls, are closed too;
an opening with a window or a door drawn in it, up to a glazed screen's width, is closed on both faces
of its wall (:mod:`layouts.dxf.screens`).
Loose ends within :data:`SNAP_M` of another line are joined to the line they run into, else to the
nearest one; wall ends closed by a jamb that stop as short of a line are joined to it on both faces
(:func:`layouts.dxf.screens.end_snaps`). The network is then noded and
:func:`shapely.ops.polygonize` gives its faces. In a plan drawn with both faces, a long straight line
with no second face that runs between two faces (a shelf, a worktop's edge) is no wall: the faces are
found again without it. Lines on wall layers that are not walls (floorboards and stair treads drawn as
a lattice, lines over the plan that run through a wall, the sides of fixtures, the inside of a glazed
wall) are told apart in :mod:`layouts.dxf.nonwalls`. Faces thinner than the thickest wall are
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
from centreplan.layouts.dxf.geom import ALIGN_COS, grid_key, wall_band
from centreplan.layouts.dxf.nonwalls import fixture_side, inside_glazing, lattice_lines, through_walls
from centreplan.layouts.dxf.screens import end_snaps, run_into, screen_bridges
from centreplan.planner.i18n import N_

SNAP_M = 0.08  # m: a loose end this close to another line is joined to it (drawing slack)
MAX_GAP_M = 1.25  # m: widest bare opening between two aligned wall ends closed as a door gap
# m: widest opening closed between the closed ends (jambs) of a wall drawn with both faces. An importer's
# bound, not a figure of a standard: a closet's bifold or sliding doors open wider than a door (the US
# apartment's bedroom closet opens 1.41 m between its jambs)
MAX_JAMB_GAP_M = 1.5
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
    lattice: int = 0  # lines of lattices left out (layouts.dxf.nonwalls)
    over_plan: int = 0  # lines running through a wall left out
    glazed: int = 0  # faces inside a glazed wall left out


def wall_lines(strokes: list[Stroke]) -> tuple[list[Stroke], str]:
    """The strokes that are walls, and how they were chosen (for the report)."""
    named = [s for s in strokes if s.role in WALL_ROLES]
    if any(s.role == "wall" for s in named) or (named and len(named) >= 4):
        # closed outlines on other layers (a façade contour) bound the rooms too
        named += [s for s in strokes if s.role is None and s.geom.is_closed]
        return named, N_("lines on the wall, room and window layers")
    unknown = [s for s in strokes if s.role is None]
    return unknown, N_("lines on layers the mapping does not know (no wall layer is named)")


def find_faces(strokes: list[Stroke], swings: list[DoorMark], max_wall: float,
               marks: list[LineString] | None = None, leaves: list[LineString] | None = None) -> Faces:
    """The faces enclosed by ``strokes`` once door swings and gaps are bridged (see the module doc);
    ``marks``: the drawing's other lines, where glazing symbols are looked for, and ``leaves`` the lines
    on door layers (:mod:`layouts.dxf.screens`)."""
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
    drawn = len(lines)
    lattice = lattice_lines(lines)
    lines = [g for i, g in enumerate(lines) if i not in lattice]
    screens = Screens(marks or [], [(d.hinge, d.width) for d in swings], leaves or [])
    faces, gaps, snaps = _faces(lines + extra, max_wall, screens)
    fittings = {id(g) for g in _single_lines(lines, max_wall, faces)}
    over = {id(g) for g in _over_the_plan(lines, max_wall, faces)} - fittings
    fittings |= over
    if fittings:
        faces, gaps, snaps = _faces([g for g in lines if id(g) not in fittings] + extra, max_wall, screens)
    half = max(max_wall, 0.1) / 2 + 0.02
    rooms = [f for f in faces if f.area >= MIN_ROOM_M2 and not f.buffer(-half, quad_segs=1).is_empty]
    rooms = _fill_small_holes(rooms)
    glazed = inside_glazing(rooms, [s.geom for s in strokes if s.role == "window"])
    rooms = [f for k, f in enumerate(rooms) if k not in glazed]
    return Faces(rooms, drawn - len(lattice) - len(fittings), sorted({s.layer for s in strokes}), gaps, snaps,
                 len(swings), len(lattice), len(over), len(glazed))


@dataclass(frozen=True)
class Screens:
    """What shows an opening to be part of its wall: the drawing's other lines (glazing symbols), the
    door swings' hinges with their leaf widths, and the lines on door layers (leaves, sliding panels)."""

    marks: list[LineString]
    hinges: list[tuple[tuple[float, float], float]]
    leaves: list[LineString]


def _faces(lines: list[LineString], max_wall: float, screens: Screens) -> tuple[list[Polygon], int, int]:
    """Every face the lines enclose once gaps are bridged and loose ends joined, with the number of
    gaps bridged and of ends joined."""
    net = shapely.union_all(np.array(lines, dtype=object), grid_size=1e-4)
    segs = list(shapely.get_parts(shapely.line_merge(net))) if not net.is_empty else []
    joins, gaps, snaps = _joins(segs)
    jambs, openings = _jamb_bridges(segs, max_wall)
    joins += jambs
    gaps += openings
    wide, openings = screen_bridges(lines, segs, max_wall, screens.marks, screens.hinges, screens.leaves)
    joins += wide + end_snaps(lines, segs, max_wall, SNAP_M)
    gaps += openings
    if joins:
        net = shapely.union_all(np.array(segs + joins, dtype=object), grid_size=1e-4)
    return list(shapely.get_parts(shapely.polygonize(shapely.get_parts(net)))), gaps, snaps


DOUBLE_SHARE = 0.6  # a plan whose long wall lines are this much drawn with both faces is a double-line plan
SINGLE_MIN_M = 0.5  # m: shorter lines (jambs, wall ends) are never taken for fittings


def _single_lines(lines: list[LineString], max_wall: float, faces: list[Polygon]) -> list[LineString]:
    """In a plan whose walls are drawn with both faces, the long straight lines with no second face
    beside them that run between two faces (a shelf, a worktop's edge, a tatami mat's edge on the wall
    layer) are fittings, not walls; a line on the building's outline stays (an outer wall drawn with
    its inner face only, a worktop that closes a room open to the outside). None in a plan drawn with
    single lines."""
    straight = [g for g in lines if len(g.coords) == 2 and g.length >= SINGLE_MIN_M]
    parts = [(c[k], c[k + 1]) for g in lines for c in [np.asarray(g.coords)] for k in range(len(c) - 1)]
    if len(parts) < 4 or not straight or not faces:
        return []
    a = np.array([p for p, _ in parts], dtype=float)
    b = np.array([q for _, q in parts], dtype=float)
    length = np.hypot(*(b - a).T)
    covered = _second_face(a, b, length, max_wall)
    long = length >= SINGLE_MIN_M
    if not long.any() or covered[long].sum() < DOUBLE_SHARE * length[long].sum():
        return []
    single_at = {(tuple(np.round(p, 6)), tuple(np.round(q, 6))) for (p, q), n, c in zip(parts, length, covered)
                 if n >= SINGLE_MIN_M and c < 0.2 * n}
    outline = shapely.union_all(np.array(faces, dtype=object), grid_size=1e-4).boundary
    out = []
    for g in straight:
        p, q = (tuple(np.round(c, 6)) for c in np.asarray(g.coords))
        if (p, q) in single_at and outline.distance(g.interpolate(0.5, normalized=True)) > 1e-3:
            out.append(g)
    return out


def _over_the_plan(lines: list[LineString], max_wall: float, faces: list[Polygon]) -> list[LineString]:
    """The lines that run through a wall drawn with both faces (:func:`layouts.dxf.nonwalls.through_walls`),
    but for those on the building's outline (a line that closes a room from the outside stays, as in
    :func:`_single_lines`)."""
    over = through_walls(lines, max_wall)
    if not over or not faces:
        return []
    outline = shapely.union_all(np.array(faces, dtype=object), grid_size=1e-4).boundary
    return [lines[i] for i in sorted(over) if outline.distance(lines[i].interpolate(0.5, normalized=True)) > 1e-3]


def _second_face(a: np.ndarray, b: np.ndarray, length: np.ndarray, max_wall: float) -> np.ndarray:
    """How much of each segment ``a -> b`` has a parallel line beside it at a wall's thickness (3 cm up
    to ``max_wall``): its second face."""
    ok = length > 1e-9
    u = np.zeros_like(a)
    u[ok] = (b - a)[ok] / length[ok, None]
    thick = wall_band(max_wall)
    geoms = shapely.linestrings(np.stack([a, b], axis=1))
    i, j = shapely.STRtree(geoms).query(geoms, predicate="dwithin", distance=thick)
    keep = (i != j) & ok[i] & ok[j] & (np.abs(np.sum(u[i] * u[j], axis=1)) >= ALIGN_COS)
    i, j = i[keep], j[keep]
    rel_a, rel_b = a[j] - a[i], b[j] - a[i]
    across = np.abs(rel_a[:, 0] * u[i, 1] - rel_a[:, 1] * u[i, 0])  # the other line's distance off this one
    ta, tb = np.sum(rel_a * u[i], axis=1), np.sum(rel_b * u[i], axis=1)
    overlap = np.clip(np.minimum(np.maximum(ta, tb), length[i]) - np.maximum(np.minimum(ta, tb), 0), 0, None)
    face = (across >= 0.03) & (across <= thick)
    return np.minimum(np.bincount(i[face], weights=overlap[face], minlength=len(a)), length)


def _ends(segs: list[LineString]) -> list[tuple[tuple[float, float], tuple[float, float], int]]:
    """Loose ends of the noded network: (point, outward direction, index of its line)."""
    count: Counter = Counter()
    for g in segs:
        c = g.coords
        count[grid_key(c[0])] += 1
        count[grid_key(c[-1])] += 1
    out = []
    for i, g in enumerate(segs):
        c = list(g.coords)
        if len(c) < 2:
            continue
        for end, prev in ((c[0], c[1]), (c[-1], c[-2])):
            if count[grid_key(end)] == 1:
                dx, dy = end[0] - prev[0], end[1] - prev[1]
                n = math.hypot(dx, dy) or 1.0
                out.append(((end[0], end[1]), (dx / n, dy / n), i))
    return out


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
    # slack: a loose end near another line is joined to the line it runs into, else to the nearest
    # point of a line beside it (a glazing line stopping short of the wall runs into the wall, not into
    # the second glazing line 3 cm beside it)
    tree = shapely.STRtree(np.array(segs, dtype=object))
    snaps = 0
    for a, (pa, da, ia) in enumerate(ends):
        if a in done:
            continue
        p = shapely.Point(pa)
        hits = [int(i) for i in tree.query(p, predicate="dwithin", distance=SNAP_M) if int(i) != ia]
        if not hits:
            continue
        ahead = run_into(np.array(pa), np.array(da), SNAP_M, segs, tree)
        if ahead is not None:
            q = shapely.Point(ahead)
        else:
            k = min(hits, key=lambda i: segs[i].distance(p))
            q = shapely.ops.nearest_points(segs[k], p)[0]
        if q.distance(p) > 1e-6:
            # a little past the line, so that noding cuts it
            ex, ey = q.x + da[0] * 1e-3, q.y + da[1] * 1e-3
            joins.append(LineString([pa, (ex, ey)]))
            snaps += 1
    return joins, gaps, snaps


_JambEnds = tuple[np.ndarray, np.ndarray, float]  # the two ends of a short segment closing a wall, its length


def _jamb_bridges(segs: list[LineString], max_wall: float) -> tuple[list[LineString], int]:
    """Openings in walls drawn with both faces and closed ends (jambs): two short parallel ends facing
    each other square across a door's width (up to :data:`MAX_JAMB_GAP_M`) are joined on both faces of
    the wall; then two ends on one line, facing each other end to end across up to :data:`MAX_GAP_M`
    (the side walls of a closet whose front is not drawn), are joined by the line between their near
    ends (an end may close a door on one side and a closet on the other). Returns the lines and the
    number of openings they close."""
    thick = wall_band(max_wall)
    jambs: list[_JambEnds] = []
    for g in segs:
        c = list(g.coords)
        for k, (a, b) in enumerate(zip(c[:-1], c[1:])):
            if 0.03 <= math.dist(a, b) <= thick and not fixture_side(c, k):
                jambs.append((np.array(a), np.array(b), math.dist(a, b)))
    if len(jambs) < 2:
        return [], 0
    mids = np.array([(a + b) / 2 for a, b, _ in jambs])
    tree = shapely.STRtree(np.array([shapely.Point(m) for m in mids], dtype=object))
    walls = shapely.STRtree(np.array(segs, dtype=object))
    out: list[LineString] = []
    openings = 0
    used: set[int] = set()  # square: each jamb closes one opening
    ends_used: set[tuple[int, int]] = set()  # end to end: each end of a jamb closes one opening
    for square in (True, False):
        for i in range(len(jambs)):
            if square and i in used:
                continue
            near = tree.query(shapely.Point(mids[i]), predicate="dwithin", distance=MAX_JAMB_GAP_M + thick).tolist()
            cands = [(w, j, ends) for j in near if j > i and not (square and j in used)
                     for w, ends in [_opening(jambs[i], jambs[j], square)]
                     if ends is not None and not _blocked(walls, *ends)
                     and (square or not ({grid_key(ends[0]), grid_key(ends[1])} & ends_used))]
            if not cands:
                continue
            _, j, ends = min(cands, key=lambda c: c[0])
            openings += 1
            if square:
                a, b, _ = jambs[i]
                c, d, _ = jambs[j]
                if float((d - c) @ (b - a)) < 0:
                    c, d = d, c
                out += [LineString([tuple(a), tuple(c)]), LineString([tuple(b), tuple(d)])]
                used.update((i, j))
            else:
                out.append(LineString([tuple(ends[0]), tuple(ends[1])]))
                ends_used.update((grid_key(ends[0]), grid_key(ends[1])))
    return out, openings


def _opening(one: _JambEnds, other: _JambEnds, square: bool) -> tuple[float, tuple[np.ndarray, np.ndarray] | None]:
    """The width of the opening between two jambs and the points it runs between (``None`` when they
    close no opening): facing each other square across it (``square``), or on one line, end to end."""
    a, b, n = one
    c, d, m = other
    u = (b - a) / n
    if abs(float(u @ ((d - c) / m))) < ALIGN_COS:
        return 0.0, None
    gap = (c + d) / 2 - (a + b) / 2
    along = abs(float(gap @ u))
    if square:
        width = float(np.hypot(*gap))
        ok = along <= 0.12 and 0.5 <= width <= MAX_JAMB_GAP_M
        return width, ((a + b) / 2, (c + d) / 2) if ok else None
    if along <= 0.12 or abs(float(gap[0] * u[1] - gap[1] * u[0])) > 0.05:
        return 0.0, None
    p, q = min(((p, q) for p in (a, b) for q in (c, d)), key=lambda pq: float(np.hypot(*(pq[1] - pq[0]))))
    width = float(np.hypot(*(q - p)))
    return width, (p, q) if 0.5 <= width <= MAX_GAP_M else None


def _blocked(walls: shapely.STRtree, p: np.ndarray, q: np.ndarray) -> bool:
    """A wall stands between ``p`` and ``q``: not one opening."""
    step = (q - p) * 1e-3
    return bool(len(walls.query(LineString([p + step, q - step]), predicate="intersects")))


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
