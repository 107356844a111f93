"""Lines drawn on wall layers that are not walls, told apart as a person tells them.

- **A lattice** (:func:`lattice_lines`): five parallel lines or more, of the same extent, at one constant
  spacing narrower than a room can be (:data:`MAX_PERIOD_M`): floorboards, stair treads, a paving grid, a
  hatch drawn as lines. Walls do not come in such rows: the space between two of them is a room, and no
  room is :data:`MAX_PERIOD_M` wide. The lattice's inner lines go; its first and last stay when they are
  the room's edge (nothing runs beside them within a period: a wall's face the boards run up to).
- **A line through a wall** (:func:`through_walls`): a wall meets another wall at its face; a straight
  line that runs through both faces of a wall drawn with both faces, crossing each of them away from
  their ends, is something drawn over the plan (a shelf's edge that runs on into the next room, the
  outline of a floor above), not a wall, unless its own second face runs across that wall too (then it
  is a wall whose junction was drawn loosely, the other wall's faces run on into it).
- **A side of a fixture** (:func:`fixture_side`): a short segment between two lines that do not leave it
  square and the same way (a basin's or a bowl's outline) is not a wall's closed end: no opening is
  bridged from it.
- **The inside of a glazed wall** (:func:`inside_glazing`): a narrow face closed mostly by panes (the light
  box between the two panes of a glazed wall) is no room.

Pure functions of the lines (metres); :func:`layouts.dxf.walls.find_faces` drops what they find.
"""
from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

from centreplan.layouts.dxf.geom import ALIGN_COS, wall_band
from centreplan.layouts.dxf.report import ImportReport

# m: widest spacing of a lattice. An importer's bound, not a figure of a standard: a space 0.6 m wide
# between two walls is no room a person would list (a closet or a WC cubicle is wider); floorboards
# (0.1 m in the Japanese house), stair treads (0.25-0.3 m) and most tiles are narrower
MAX_PERIOD_M = 0.6
MIN_PERIOD_M = 0.02  # m: lines closer than this are one line drawn twice
MIN_LATTICE = 5  # lines: fewer in a row are a wall with its window (two faces and two panes: four)
SAME_EXTENT_M = 0.05  # m: the lattice's lines start and end within this of each other
PERIOD_TOLERANCE = 0.1  # the spacings of one lattice agree within 10 % (and 5 mm)
ALIGN_DEG = 1.0  # degrees: parallel lines
END_M = 0.01  # m: a crossing this close to a line's end is a junction, not a crossing
MIN_STRAIGHT_M = 0.3  # m: shorter lines are never taken for lattices or for lines over the plan


def _straight(lines: list[LineString], min_length: float) -> list[int]:
    return [i for i, g in enumerate(lines) if len(g.coords) == 2 and g.length >= min_length]


def lattice_lines(lines: list[LineString]) -> set[int]:
    """Indices of the lines of ``lines`` that belong to a lattice (see the module doc) and are not its
    edge: the inner lines of each row, and its first or last line when another line runs beside it,
    parallel, within a period and along most of its length (then that line is the room's edge)."""
    idx = _straight(lines, MIN_STRAIGHT_M)
    if len(idx) < MIN_LATTICE:
        return set()
    c = np.array([np.asarray(lines[i].coords)[:2, :2] for i in idx], dtype=float)
    angle = _angles(c)
    every = _parts(lines)  # every segment of every line: a room's edge may be a polyline's side
    every_angle = _angles(every)
    out: set[int] = set()
    for bucket in _angle_buckets(angle):
        if len(bucket) < MIN_LATTICE:
            continue
        ref = float(angle[bucket[0]])  # the median taken about one line (a bucket may hold 179.9° and 0.1°)
        theta = math.radians(ref + float(np.median((angle[bucket] - ref + 90.0) % 180.0 - 90.0)))
        u = np.array([math.cos(theta), math.sin(theta)])
        n = np.array([-u[1], u[0]])
        along = c[bucket] @ u  # (k, 2): each line's two ends along the direction
        lo, hi = along.min(axis=1), along.max(axis=1)
        off = (c[bucket] @ n).mean(axis=1)
        turn = np.abs(every_angle - math.degrees(theta))
        par = every[np.minimum(turn, 180.0 - turn) <= ALIGN_DEG]
        p_along = par @ u
        p_lo, p_hi, p_off = p_along.min(axis=1), p_along.max(axis=1), (par @ n).mean(axis=1)
        for group in _same_extent(lo, hi):
            for run in _rows(off[group]):
                members = [group[k] for k in run]
                period = float(np.median(np.diff(off[members])))
                inner = members[1:-1]
                out.update(idx[bucket[k]] for k in inner)
                for k in (members[0], members[-1]):
                    side = 1.0 if k == members[-1] else -1.0
                    if _beside(off[k], lo[k], hi[k], side, period, p_off, p_lo, p_hi):
                        out.add(idx[bucket[k]])
    return out


def _angle_buckets(angle: np.ndarray) -> list[np.ndarray]:
    """Indices of lines grouped by direction: sorted by angle, split where two neighbours differ by more
    than :data:`ALIGN_DEG` (and 0° joined to 180°)."""
    order = np.argsort(angle)
    a = angle[order]
    cuts = np.nonzero(np.diff(a) > ALIGN_DEG)[0] + 1
    groups = [g for g in np.split(order, cuts) if len(g)]
    if len(groups) >= 2 and angle[groups[0][0]] + 180.0 - angle[groups[-1][-1]] <= ALIGN_DEG:
        groups[0] = np.concatenate([groups[-1], groups[0]])
        groups.pop()
    return groups


def _same_extent(lo: np.ndarray, hi: np.ndarray) -> list[np.ndarray]:
    """Indices grouped by extent: lines whose two ends lie within :data:`SAME_EXTENT_M` of the first
    line of their group (sorted by start, then end; groups found by their rounded ends, so the cost
    grows with the number of lines, not its square)."""
    order = np.lexsort((hi, lo))
    groups: list[list[int]] = []
    at: dict[tuple[int, int], list[int]] = {}  # rounded ends -> groups whose first line rounds there
    for k in order.tolist():
        key = (round(lo[k] / SAME_EXTENT_M), round(hi[k] / SAME_EXTENT_M))
        found = None
        for dk in ((0, 0), (-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)):
            for gi in at.get((key[0] + dk[0], key[1] + dk[1]), []):
                g = groups[gi]
                if abs(lo[g[0]] - lo[k]) <= SAME_EXTENT_M and abs(hi[g[0]] - hi[k]) <= SAME_EXTENT_M:
                    found = gi
                    break
            if found is not None:
                break
        if found is None:
            at.setdefault(key, []).append(len(groups))
            groups.append([k])
        else:
            groups[found].append(k)
    return [np.array(g) for g in groups if len(g) >= MIN_LATTICE]


def _rows(off: np.ndarray) -> list[list[int]]:
    """Runs of :data:`MIN_LATTICE` lines or more (indices into ``off``) at one constant spacing of at most
    :data:`MAX_PERIOD_M`; lines drawn twice count once."""
    order = np.argsort(off)
    uniq: list[int] = []
    for k in order.tolist():
        if not uniq or off[k] - off[uniq[-1]] >= MIN_PERIOD_M:
            uniq.append(k)
    rows: list[list[int]] = []
    run = uniq[:1]
    for k in uniq[1:]:
        gap = off[k] - off[run[-1]]
        if gap <= MAX_PERIOD_M + 1e-9 and (len(run) < 2 or _same_period(gap, off[run[-1]] - off[run[-2]])):
            run.append(k)
            continue
        if len(run) >= MIN_LATTICE:
            rows.append(run)
        run = [run[-1], k] if gap <= MAX_PERIOD_M + 1e-9 else [k]
    if len(run) >= MIN_LATTICE:
        rows.append(run)
    return rows


def _same_period(a: float, b: float) -> bool:
    return abs(a - b) <= max(PERIOD_TOLERANCE * max(a, b), 0.005)


def _beside(o: float, lo: float, hi: float, side: float, period: float, off: np.ndarray, lo_all: np.ndarray,
            hi_all: np.ndarray) -> bool:
    """A segment runs beyond the lattice's edge line (on ``side``), within one period and a half, along
    80 % of its length or more: the edge line is a board, the segment the room's edge."""
    beyond = side * (off - o)
    overlap = np.minimum(hi_all, hi) - np.maximum(lo_all, lo)
    return bool(((beyond > 1e-4) & (beyond <= 1.5 * period) & (overlap >= 0.8 * (hi - lo))).any())


def _parts(lines: list[LineString]) -> np.ndarray:
    """Every straight segment of ``lines``, shape (n, 2, 2)."""
    out = [np.stack([c[:-1], c[1:]], axis=1) for g in lines for c in [np.asarray(g.coords)[:, :2]] if len(c) >= 2]
    return np.concatenate(out) if out else np.zeros((0, 2, 2))


def _angles(c: np.ndarray) -> np.ndarray:
    """Direction of each segment of ``c`` (n, 2, 2), degrees in [0, 180)."""
    d = c[:, 1] - c[:, 0]
    return np.degrees(np.arctan2(d[:, 1], d[:, 0])) % 180.0


def through_walls(lines: list[LineString], max_wall: float) -> set[int]:
    """Indices of the straight lines of ``lines`` that run through a wall drawn with both faces: each
    crosses two parallel lines a wall's thickness apart (3 cm up to ``max_wall`` and 5 cm), away from
    the ends of all three (:data:`END_M`), and has no second face of its own running across that wall
    (a wall's face with its second face beside it, across which another wall's faces were drawn on
    into it, is a junction drawn loosely: it stays)."""
    idx = _straight(lines, MIN_STRAIGHT_M)
    if not idx:
        return set()
    parts = _parts(lines)
    a, b = parts[:, 0], parts[:, 1]
    segs = shapely.linestrings(np.stack([a, b], axis=1))
    tree = shapely.STRtree(segs)
    cand = np.array([lines[i] for i in idx], dtype=object)
    ci, sj = tree.query(cand, predicate="crosses")
    if not len(ci):
        return set()
    thick = wall_band(max_wall)
    out: set[int] = set()
    order = np.argsort(ci, kind="stable")
    ci, sj = ci[order], sj[order]
    keys, first = np.unique(ci, return_index=True)
    for k, j0, j1 in zip(keys.tolist(), first.tolist(), [*first[1:].tolist(), len(ci)]):
        g = np.asarray(lines[idx[k]].coords)[:, :2]
        crossed = [int(j) for j in sj[j0:j1] if _away_from_ends(g[0], g[1], a[j], b[j])]
        if len(crossed) < 2:
            continue
        beside = tree.query(cand[k], predicate="dwithin", distance=thick)
        for i, j in _face_pairs(crossed, a, b, thick):
            span = sorted(_at(g[0], g[1], a[m], b[m]) for m in (i, j))
            if not _second_face_across(g[0], g[1], span, beside, a, b, thick):
                out.add(idx[k])
                break
    return out


def _at(p: np.ndarray, q: np.ndarray, r: np.ndarray, s: np.ndarray) -> float:
    """How far along ``p-q`` (m from ``p``) the line through ``r-s`` crosses it."""
    d1, d2, w = q - p, s - r, r - p
    den = d1[0] * d2[1] - d1[1] * d2[0]
    return float((w[0] * d2[1] - w[1] * d2[0]) / den * np.hypot(*d1)) if abs(den) > 1e-12 else 0.0


def _second_face_across(p: np.ndarray, q: np.ndarray, span: list[float], beside: np.ndarray, a: np.ndarray,
                        b: np.ndarray, thick: float) -> bool:
    """A segment among ``beside`` parallel to ``p-q``, 3 cm to ``thick`` off it, runs along it across
    ``span`` (m along ``p-q``, within 5 mm): the line's second face, crossing the same wall."""
    n = float(np.hypot(*(q - p)))
    u = (q - p) / n
    for m in beside.tolist():
        d = b[m] - a[m]
        length = float(np.hypot(*d))
        if length < 1e-9 or abs(float(u @ d)) / length < math.cos(math.radians(ALIGN_DEG)):
            continue
        w = a[m] - p
        if not 0.03 <= abs(float(w[0] * u[1] - w[1] * u[0])) <= thick:
            continue
        lo, hi = sorted((float(u @ (a[m] - p)), float(u @ (b[m] - p))))
        if lo <= span[0] + 0.005 and hi >= span[1] - 0.005:
            return True
    return False


def _away_from_ends(p: np.ndarray, q: np.ndarray, r: np.ndarray, s: np.ndarray) -> bool:
    """Segments ``p-q`` and ``r-s`` cross at a point at least :data:`END_M` from all four ends."""
    d1, d2 = q - p, s - r
    den = d1[0] * d2[1] - d1[1] * d2[0]
    if abs(den) < 1e-12:
        return False
    w = r - p
    t = (w[0] * d2[1] - w[1] * d2[0]) / den
    v = (w[0] * d1[1] - w[1] * d1[0]) / den
    n1, n2 = float(np.hypot(*d1)), float(np.hypot(*d2))
    return END_M <= t * n1 <= n1 - END_M and END_M <= v * n2 <= n2 - END_M


def _face_pairs(crossed: list[int], a: np.ndarray, b: np.ndarray, thick: float) -> list[tuple[int, int]]:
    """The pairs of ``crossed`` segments that are parallel and 3 cm to ``thick`` apart: a wall's two faces."""
    out = []
    for x, i in enumerate(crossed):
        ui = (b[i] - a[i]) / (np.hypot(*(b[i] - a[i])) or 1.0)
        for j in crossed[x + 1:]:
            uj = (b[j] - a[j]) / (np.hypot(*(b[j] - a[j])) or 1.0)
            if abs(float(ui @ uj)) < math.cos(math.radians(ALIGN_DEG)):
                continue
            w = a[j] - a[i]
            if 0.03 <= abs(float(w[0] * ui[1] - w[1] * ui[0])) <= thick:
                out.append((i, j))
    return out


def fixture_side(c: list, k: int) -> bool:
    """The short segment ``c[k] -> c[k+1]`` lies between two lines that do not leave it square and the
    same way, as a wall's two faces leave its end: a side of a fixture's outline (a basin, a bowl drawn
    as a polygon), not a wall's end. Unknown (``False``) at a line's end, where another line meets it."""
    closed = len(c) > 3 and c[0] == c[-1]
    n = len(c) - 1 if closed else len(c)
    if not closed and (k == 0 or k + 2 >= n):
        return False
    prev, a, b, nxt = (np.array(c[(k + j) % n][:2]) for j in (-1, 0, 1, 2))
    e1, e2, v = a - prev, b - nxt, b - a
    n1, n2, w = float(np.hypot(*e1)), float(np.hypot(*e2)), float(np.hypot(*v))
    if min(n1, n2, w) < 1e-9:
        return False
    u1, u2 = e1 / n1, e2 / n2
    return float(u1 @ u2) < ALIGN_COS or abs(float(u1 @ (v / w))) > 1 - ALIGN_COS


GLAZED_OUTLINE_SHARE = 0.75  # a face with this much of its outline on panes is the inside of a glazed wall
GLAZED_WIDTH_M = 1.2  # m: ... when it is narrower than this everywhere


def inside_glazing(faces: list[Polygon], panes: list[LineString]) -> set[int]:
    """Indices of the faces that are the inside of a glazed wall (a light box between two panes, a
    showcase), not rooms: narrower than :data:`GLAZED_WIDTH_M` everywhere, with :data:`GLAZED_OUTLINE_SHARE` of
    their outline or more on panes (lines on window layers). A room with glass walls is wider, or has
    walls on more of its outline."""
    if not faces or not panes:
        return set()
    glass = shapely.union_all(np.array(panes, dtype=object), grid_size=1e-4).buffer(0.01)
    out = set()
    for k, f in enumerate(faces):
        if not f.buffer(-GLAZED_WIDTH_M / 2, quad_segs=2).is_empty:
            continue
        edge = f.exterior
        if shapely.intersection(edge, glass).length >= GLAZED_OUTLINE_SHARE * edge.length:
            out.add(k)
    return out


def report_not_walls(report: ImportReport, lattice: int, over_plan: int, glazed: int) -> None:
    """Say in the report what was not taken for walls or rooms, so that a person checks the rooms there."""
    if lattice:
        report.add("walls", "walls.lattice", {"n": lattice, "period": 100 * MAX_PERIOD_M})
    if over_plan:
        report.add("walls", "walls.over_plan", {"n": over_plan})
    if glazed:
        report.add("walls", "walls.glazed", {"n": glazed, "width": 100 * GLAZED_WIDTH_M})
