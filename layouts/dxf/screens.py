"""Openings with a window or a door drawn in them, in walls drawn with both faces: closed on the
wall's faces, as a person reads a plan.

Between two wall ends closed by jambs, an opening is part of the wall when something is drawn in it: a
glazing symbol (lines along the wall between its two faces, across most of the opening: a window, a
glazed screen), door leaves hinged in it (a door, French doors) or a door's panels drawn in it (a
sliding door). Such an opening, up to :data:`MAX_SCREEN_M` wide, is closed on both faces of the wall,
so that the room on each side ends at its wall's face (its net area, as a person measures it) and the
opening itself, as thick as the wall, is no room. Without it, a glass line in the middle of the wall,
or a door's leaf hinged in the reveal, would close the room inside the wall's thickness; a glazed
screen wider than a door (:data:`walls.MAX_JAMB_GAP_M`) would not be closed at all. A wide opening with
nothing drawn in it is a way through (an arch, a corridor's mouth) and stays open.

A wall end closed by a jamb is no loose end, so the drawing slack that joins loose ends to the lines
they stop short of missed it: a partition whose end stops a few centimetres short of the wall it meets
(:func:`end_snaps`) is joined to that wall on both its faces.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import LineString, Polygon

from centreplan.layouts.dxf.geom import ALIGN_COS, grid_key, wall_band

# m: widest opening closed on the faces of a wall when a glazing symbol or door leaves are drawn in it.
# An importer's bound, read off the real plans: the UK house's glazed screens open 3.09 m between their
# jambs and its French doors 2.26 m; a sliding patio door of four leaves opens about 4 m
MAX_SCREEN_M = 4.5
MIN_SCREEN_M = 0.3  # m: narrower openings are no window (a slot, a gap between two posts)
GLAZED_SHARE = 0.75  # lines along the wall between its faces over this share of the opening: a glazing symbol
SQUARE_SIN = math.sin(math.radians(8))  # a jamb square to its wall within 8°
SQUARE_M = 0.12  # m: two jambs face each other square when their middles are this close across the wall
FACE_M = 0.02  # m: the two wall ends' faces lie on the same lines within this
MIN_FACE_M = 0.15  # m: the faces of a wall end run on at least this far from its jamb
SLOT_M = 0.06  # m: a jamb drawn in two pieces with a slot this wide or less between them is one jamb
LEAF_M = 0.3  # m: a line on a door layer this long in an opening is a door leaf or panel drawn in it


@dataclass(frozen=True)
class Jamb:
    """A short segment closing a wall drawn with both faces: its two ends (on the two faces)."""

    a: tuple[float, float]
    b: tuple[float, float]

    @property
    def length(self) -> float:
        return math.dist(self.a, self.b)

    @property
    def mid(self) -> tuple[float, float]:
        return ((self.a[0] + self.b[0]) / 2, (self.a[1] + self.b[1]) / 2)


def jambs_of(lines: list[LineString], max_wall: float) -> list[Jamb]:
    """The segments of the wall lines as drawn (before they are cut where other lines touch them) short
    enough to close a wall, 3 cm up to its thickness, and the jambs drawn in two pieces (:func:`_slotted`)."""
    thick = wall_band(max_wall)
    out = []
    seen: set[frozenset[tuple[int, int]]] = set()  # a line drawn twice is one jamb
    pieces: list[Jamb] = []
    for g in lines:
        c = list(g.coords)
        for a, b in zip(c[:-1], c[1:]):
            key = frozenset((grid_key(a), grid_key(b)))
            n = math.dist(a, b)
            if n > thick or key in seen or n < 1e-3:
                continue
            seen.add(key)
            pieces.append(Jamb((a[0], a[1]), (b[0], b[1])))
            if n >= 0.03:
                out.append(pieces[-1])
    return out + _slotted(pieces, thick)


def _slotted(pieces: list[Jamb], thick: float) -> list[Jamb]:
    """Jambs drawn in pieces on one line with a slot between them (a sliding door's track, a window's
    frame), up to :data:`SLOT_M` apart: each pair as one jamb, from the far end of one to the far end of
    the other, no longer than a wall is thick."""
    if len(pieces) < 2:
        return []
    geoms = shapely.linestrings([[p.a, p.b] for p in pieces])
    i, j = shapely.STRtree(geoms).query(geoms, predicate="dwithin", distance=SLOT_M)
    out = []
    for p, q in zip(i.tolist(), j.tolist()):
        if p >= q:
            continue
        one, other = pieces[p], pieces[q]
        a, b, c, d = (np.array(x) for x in (one.a, one.b, other.a, other.b))
        u = (b - a) / one.length
        if abs(float(u @ ((d - c) / other.length))) < ALIGN_COS:
            continue
        off = [abs(float((x - a)[0] * u[1] - (x - a)[1] * u[0])) for x in (c, d)]  # off the line of `one`
        along = sorted([0.0, one.length, float((c - a) @ u), float((d - a) @ u)])
        span = along[-1] - along[0]
        if max(off) > 1e-3 or span > thick or span <= max(one.length, other.length) + 1e-6:
            continue  # not on one line, too long, or overlapping
        if span - one.length - other.length > SLOT_M:
            continue
        ends = [a + u * along[0], a + u * along[-1]]
        out.append(Jamb((float(ends[0][0]), float(ends[0][1])), (float(ends[1][0]), float(ends[1][1]))))
    return out


def _leaving(segs: list[LineString]) -> dict[tuple[int, int], list[tuple[float, float, float]]]:
    """For each vertex of the noded wall lines (on a 0.1 mm grid), the segments leaving it: their
    direction (a unit vector) and length."""
    out: dict[tuple[int, int], list[tuple[float, float, float]]] = defaultdict(list)
    for g in segs:
        xy = shapely.get_coordinates(g)
        for p, q in zip(xy[:-1], xy[1:]):
            d = q - p
            n = float(np.hypot(*d))
            if n < 1e-9:
                continue
            out[grid_key(p)].append((d[0] / n, d[1] / n, n))
            out[grid_key(q)].append((-d[0] / n, -d[1] / n, n))
    return out


def _wall_end(jamb: Jamb, away: np.ndarray, leaving: dict[tuple[int, int], list[tuple[float, float, float]]]
              ) -> bool:
    """``jamb`` closes the end of a wall that runs in direction ``away``: from each of its two ends a
    face of the wall leaves that way, :data:`MIN_FACE_M` long or more (a window frame's small square
    is no wall end)."""
    def faces_from(p) -> list[tuple[float, float, float]]:
        kx, ky = grid_key(p)  # the wall lines were noded on a 0.1 mm grid: the point's cell or one beside it
        return [f for i in (-1, 0, 1) for j in (-1, 0, 1) for f in leaving.get((kx + i, ky + j), ())]

    return all(any(dx * away[0] + dy * away[1] >= ALIGN_COS and n >= MIN_FACE_M for dx, dy, n in faces_from(p))
               for p in (jamb.a, jamb.b))


def screen_bridges(lines: list[LineString], segs: list[LineString], max_wall: float, marks: list[LineString],
                   hinges: list[tuple[tuple[float, float], float]], leaves: list[LineString] | None = None
                   ) -> tuple[list[LineString], int]:
    """Lines that close the wide openings with a glazing symbol or door leaves in them, on both faces of
    the wall (see the module doc).

    ``lines``: the wall lines as drawn; ``segs``: the same, noded; ``marks``: the other lines of the
    drawing (glazing symbols are often drawn on a layer of their own); ``hinges``: each door swing's
    hinge and leaf width; ``leaves``: the lines on door layers (door leaves and sliding panels drawn as
    lines). Returns the lines and the number of openings closed."""
    jambs = jambs_of(lines, max_wall)
    if len(jambs) < 2:
        return [], 0
    pairs = _facing_pairs(jambs)
    if not pairs:
        return [], 0
    leaving = _leaving(segs)
    walls = shapely.STRtree(np.array(segs, dtype=object))
    mark_arr = np.array(marks, dtype=object)
    mark_tree = shapely.STRtree(mark_arr) if len(marks) else None
    hinge_tree = shapely.STRtree(shapely.points(np.array([h for h, _ in hinges]))) if hinges else None
    leaf_arr = np.array(leaves or [], dtype=object)
    leaf_tree = shapely.STRtree(leaf_arr) if len(leaf_arr) else None
    out: list[LineString] = []
    used: set[int] = set()
    closed = 0
    # each jamb closes one opening, the narrowest it faces (the jambs taken in the drawing's order)
    for width, i, j, faces in sorted(pairs, key=lambda p: (p[1], p[0])):
        if i in used or j in used:
            continue
        one, other = jambs[i], jambs[j]
        across = (np.array(other.mid) - np.array(one.mid)) / width
        if not (_wall_end(one, -across, leaving) and _wall_end(other, across, leaving)):
            continue
        band = Polygon([faces[0].coords[0], faces[0].coords[1], faces[1].coords[1], faces[1].coords[0]])
        if not band.is_valid or _blocked(walls, segs, faces):
            continue
        if (_glazed(band, faces[0], mark_arr, mark_tree) or _hinged(band, width, hinges, hinge_tree)
                or _leaf_in(band, leaf_arr, leaf_tree)):
            out += list(faces)
            used.update((i, j))
            closed += 1
    return out, closed


def _facing_pairs(jambs: list[Jamb]) -> list[tuple[float, int, int, tuple[LineString, LineString]]]:
    """The pairs of jambs ``i < j`` that face each other square across an opening
    (:data:`MIN_SCREEN_M` to :data:`MAX_SCREEN_M` wide), their two ends on the same two lines (the two faces of
    one wall): (width, i, j, the lines along the two faces between them)."""
    a = np.array([j.a for j in jambs])
    b = np.array([j.b for j in jambs])
    mids = (a + b) / 2
    u = (b - a) / np.hypot(*(b - a).T)[:, None]
    tree = shapely.STRtree(shapely.points(mids))
    i, j = tree.query(shapely.points(mids), predicate="dwithin", distance=MAX_SCREEN_M + 1e-3)
    keep = i < j
    i, j = i[keep], j[keep]
    dot = np.sum(u[i] * u[j], axis=1)
    gap = mids[j] - mids[i]
    width = np.hypot(*gap.T)
    ok = (np.abs(dot) >= ALIGN_COS) & (width >= MIN_SCREEN_M) & (width <= MAX_SCREEN_M + 1e-6)
    along = np.abs(np.sum(gap * u[i], axis=1))
    ok &= (along <= SQUARE_M) & (along <= SQUARE_SIN * np.maximum(width, 1e-9))
    # the other jamb's ends taken the same way round: its end on this jamb's first face first
    flip = dot < 0
    c = np.where(flip[:, None], b[j], a[j])
    d = np.where(flip[:, None], a[j], b[j])
    ok &= (np.abs(np.sum((c - a[i]) * u[i], axis=1)) <= FACE_M) & (np.abs(np.sum((d - b[i]) * u[i], axis=1)) <= FACE_M)
    return [(float(w), int(p), int(q), (LineString([tuple(a[p]), tuple(cc)]), LineString([tuple(b[p]), tuple(dd)])))
            for w, p, q, cc, dd in zip(width[ok], i[ok], j[ok], c[ok], d[ok])]


def _blocked(walls: shapely.STRtree, segs: list[LineString], faces: tuple[LineString, LineString]) -> bool:
    """The opening is no opening: a line crosses both its faces between the jambs (a wall across it; a
    window's frame or a door's leaf crosses one face at most), or wall lines already run along half
    of a face (a wall built of panels between posts)."""
    inner = [shapely.line_interpolate_point(f, [1e-3, 1 - 1e-3], normalized=True) for f in faces]
    trimmed = [LineString(shapely.get_coordinates(p)) for p in inner]
    hits = [set(walls.query(t, predicate="intersects").tolist()) for t in trimmed]
    if hits[0] & hits[1]:
        return True
    for face, near in zip(trimmed, hits):
        if near:
            along = shapely.intersection(face.buffer(1e-3, cap_style="flat"),
                                         shapely.union_all([segs[k] for k in near]))
            if along.length >= face.length:  # a line along the face is counted on both sides of the buffer
                return True
    return False


def _glazed(band: Polygon, face: LineString, marks: np.ndarray, tree: shapely.STRtree | None) -> bool:
    """Lines along the wall between its faces cover :data:`GLAZED_SHARE` of the opening or more."""
    if tree is None:
        return False
    zone = band.buffer(0.02, join_style="mitre")
    (x0, y0), (x1, y1) = face.coords
    width = math.dist((x0, y0), (x1, y1))
    u = np.array([x1 - x0, y1 - y0]) / width
    spans = []
    for k in tree.query(zone, predicate="intersects").tolist():
        part = shapely.intersection(marks[k], zone)
        for seg in shapely.get_parts(part):
            xy = shapely.get_coordinates(seg)
            if len(xy) < 2:
                continue
            for p, q in zip(xy[:-1], xy[1:]):
                d = q - p
                n = float(np.hypot(*d))
                if n < 1e-6 or abs(float(d @ u)) / n < ALIGN_COS:
                    continue
                t = sorted((float((p - (x0, y0)) @ u), float((q - (x0, y0)) @ u)))
                spans.append((max(t[0], 0.0), min(t[1], width)))
    return _covered(spans) >= GLAZED_SHARE * width


def _covered(spans: list[tuple[float, float]]) -> float:
    """Length of the union of intervals."""
    total, end = 0.0, -math.inf
    for lo, hi in sorted(spans):
        if hi <= lo:
            continue
        if lo > end:
            total += hi - lo
            end = hi
        elif hi > end:
            total += hi - end
            end = hi
    return total


def _leaf_in(band: Polygon, leaves: np.ndarray, tree: shapely.STRtree | None) -> bool:
    """A line on a door layer runs :data:`LEAF_M` or more inside the opening (a sliding door's panel, a
    leaf drawn shut)."""
    if tree is None:
        return False
    zone = band.buffer(0.02, join_style="mitre")
    return any(shapely.intersection(leaves[k], zone).length >= LEAF_M
               for k in tree.query(zone, predicate="intersects").tolist())


def _hinged(band: Polygon, width: float, hinges: list[tuple[tuple[float, float], float]],
            tree: shapely.STRtree | None) -> bool:
    """A door leaf no wider than the opening is hinged in it (within 10 cm of its band)."""
    if tree is None:
        return False
    return any(hinges[k][1] <= width + 0.1 for k in tree.query(band, predicate="dwithin", distance=0.1).tolist())


def end_snaps(lines: list[LineString], segs: list[LineString], max_wall: float, reach: float) -> list[LineString]:
    """Lines that join a wall end closed by a jamb to the line it stops short of (drawing slack, up to
    ``reach``): a partition drawn with both faces whose end stops 2.5 cm short of the wall it meets closes
    the room on each side of it. Both faces must run into a line; the lines run on a little past it, so
    that noding cuts it."""
    jambs = jambs_of(lines, max_wall)
    if not jambs:
        return []
    leaving = _leaving(segs)
    tree = shapely.STRtree(np.array(segs, dtype=object))
    out: list[LineString] = []
    for jamb in jambs:
        a, b = np.array(jamb.a), np.array(jamb.b)
        u = (b - a) / jamb.length
        for away in (np.array([-u[1], u[0]]), np.array([u[1], -u[0]])):
            if not _wall_end(jamb, away, leaving):
                continue
            ha, hb = (run_into(p, -away, reach, segs, tree) for p in (a, b))
            if ha is not None and hb is not None:
                out += [LineString([tuple(p), tuple(h - away * 1e-3)]) for p, h in ((a, ha), (b, hb))]
            break
    return out


def run_into(p: np.ndarray, d: np.ndarray, reach: float, segs: list[LineString],
             tree: shapely.STRtree) -> np.ndarray | None:
    """The first point of the lines that ``p`` runs into going ``d``, within ``reach``; ``None`` if none."""
    # from 0.2 mm on: the lines were noded on a 0.1 mm grid, so the line ``p`` closes may lie just ahead
    ray = LineString([tuple(p + d * 2e-4), tuple(p + d * reach)])
    best: np.ndarray | None = None
    for k in tree.query(ray, predicate="intersects").tolist():
        for q in shapely.get_coordinates(shapely.intersection(ray, segs[k])):
            if best is None or float((q - p) @ d) < float((best - p) @ d):
                best = q
    return best
