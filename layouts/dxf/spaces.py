"""Spaces that are not one simple room: a space holding the labels of several rooms (no line drawn
between them), and a space that surrounds other rooms (a corridor round a block, a hall round a
stair). The layout format holds rooms as simple polygons (no holes), so these are made into simple
polygons here, and the import marks them as to be checked.

- :func:`cut_apart`: the space is first cut along its walls' own lines: a wall edge that stops at a
  corner of the space and takes up again on the same line further on (an opening wider than a door:
  a kitchen bay open on a hall) is carried across the opening, up to :data:`MAX_CUT_M`, the shortest
  first. A cut is kept when it leaves labels on both sides.
- :func:`split_by_labels`: what still holds several labels is shared between them by nearest
  distance (a Voronoi split of the labels' points clipped to the space); a piece cut off from its
  label's part by the space's shape goes to the neighbour it shares the longest edge with.
- :func:`cut_holes`: each hole is joined to the outline by a cut :data:`CUT_M` wide, straight up from
  the hole's highest point to the first edge met; the room keeps its area but for the cut's.
"""
from __future__ import annotations

import numpy as np
import shapely
import shapely.errors
import shapely.ops
from shapely.geometry import LineString, MultiPoint, Point, Polygon

CUT_M = 0.01  # m: width of the cut that joins a hole to the room's outline (1 cm, kept by the 1 mm grid)
# m: the widest opening carried across between two rooms along a wall's line. An importer's bound, not a
# figure of a standard: the Danish hackerspace's kitchen bay opens 2.70 m on its hall, and a space
# wider than this between two labels is more likely one room shared than two rooms with an opening
MAX_CUT_M = 4.0
MAX_CUT_VERTICES = 400  # a space with more corners than this is shared by distance only (cost grows as its square)


def cut_apart(space: Polygon, seeds: list[tuple[float, float]]
              ) -> tuple[list[tuple[Polygon, list[int]]], list[LineString]]:
    """``space`` cut along its walls' lines (:func:`wall_cuts`) until each part holds one seed or no cut
    separates its seeds: the parts with the indices of their seeds, and the cuts made."""
    cuts: list[LineString] = []
    return _cut_apart(space, list(range(len(seeds))), seeds, cuts), cuts


def _cut_apart(space: Polygon, mine: list[int], seeds: list[tuple[float, float]], cuts: list[LineString],
               depth: int = 0) -> list[tuple[Polygon, list[int]]]:
    if len(mine) < 2 or depth > 2 * len(seeds):
        return [(space, mine)]
    pts = np.array([seeds[k] for k in mine], dtype=float)
    for cut in wall_cuts(space):
        halves = _split_by_line(space, cut)
        if halves is None:
            continue
        a, b = halves
        on_a = shapely.dwithin(a, shapely.points(pts), 1e-6)
        on_b = shapely.dwithin(b, shapely.points(pts), 1e-6)
        if on_a.any() and (~on_a).any() and on_b[~on_a].all():
            cuts.append(cut)
            in_a = [k for k, yes in zip(mine, on_a.tolist()) if yes]
            in_b = [k for k, yes in zip(mine, on_a.tolist()) if not yes]
            return _cut_apart(a, in_a, seeds, cuts, depth + 1) + _cut_apart(b, in_b, seeds, cuts, depth + 1)
    return [(space, mine)]


def wall_cuts(space: Polygon, max_len: float = MAX_CUT_M) -> list[LineString]:
    """The lines that carry an edge of ``space`` on across it, from a corner where the edge stops, to
    the boundary it meets when the boundary goes on along the same line there (an opening in a wall
    line), at most ``max_len`` long; shortest first."""
    rings = [np.asarray(r.coords) for r in (space.exterior, *space.interiors)]
    if sum(len(r) for r in rings) > MAX_CUT_VERTICES:
        return []
    a = np.concatenate([r[:-1] for r in rings])  # every edge of the boundary, a -> b
    b = np.concatenate([r[1:] for r in rings])
    boundary = space.boundary
    found: list[tuple[float, LineString]] = []
    for ring in rings:
        xy = ring[:-1]
        n = len(xy)
        for i in range(n):
            p = xy[i]
            for q in (xy[i - 1], xy[(i + 1) % n]):
                d = p - q
                length = float(np.hypot(*d))
                if length < 1e-6:
                    continue
                u = d / length
                if not space.contains(Point(p + u * 1e-4)):
                    continue  # the edge's line runs out of the space here
                t = _first_hit(p, u, a, b, max_len)
                if t is None:
                    continue
                h = p + u * t
                ahead = Point(h + u * 0.02)
                if boundary.distance(ahead) < 1e-6 and not space.contains(ahead):  # the wall takes up again
                    found.append((t, LineString([tuple(p), tuple(h)])))
    found.sort(key=lambda f: f[0])
    out: list[LineString] = []
    for _, line in found:
        if not any(line.equals_exact(o, 1e-6) or line.reverse().equals_exact(o, 1e-6) for o in out):
            out.append(line)
    return out


def _first_hit(p: np.ndarray, u: np.ndarray, a: np.ndarray, b: np.ndarray, max_len: float) -> float | None:
    """How far along ``u`` from ``p`` the ray first crosses an edge ``a[k] -> b[k]`` (beyond 0.1 mm,
    within ``max_len``); ``None`` if it crosses none."""
    e = b - a
    w = a - p
    den = u[0] * e[:, 1] - u[1] * e[:, 0]
    ok = np.abs(den) > 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (w[:, 0] * e[:, 1] - w[:, 1] * e[:, 0]) / den  # along the ray
        s = (w[:, 0] * u[1] - w[:, 1] * u[0]) / den  # along the edge
    hit = ok & (t > 1e-4) & (t <= max_len) & (s >= -1e-9) & (s <= 1 + 1e-9)
    return float(t[hit].min()) if hit.any() else None


def _split_by_line(space: Polygon, cut: LineString) -> tuple[Polygon, Polygon] | None:
    """The two parts of ``space`` on either side of ``cut`` (a line from boundary to boundary)."""
    xy = np.asarray(cut.coords)
    u = xy[-1] - xy[0]
    u = u / float(np.hypot(*u))
    longer = LineString([tuple(xy[0] - u * 1e-6), tuple(xy[-1] + u * 1e-6)])
    try:
        pieces = [g for g in shapely.get_parts(shapely.ops.split(space, longer)) if g.area > 1e-6]
    except (shapely.errors.GEOSException, ValueError):
        return None
    if len(pieces) != 2:
        return None
    return pieces[0], pieces[1]


def split_by_labels(space: Polygon, seeds: list[tuple[float, float]]) -> list[Polygon | None]:
    """The part of ``space`` nearest to each seed (same order; ``None`` for a seed left without a
    part): a Voronoi split clipped to the space. The parts cover the space and do not overlap."""
    if len(seeds) < 2:
        return [space]
    pts = np.array(seeds, dtype=float)
    x0, y0, x1, y1 = space.bounds
    pad = max(x1 - x0, y1 - y0) + 1.0
    cells = shapely.get_parts(shapely.voronoi_polygons(
        MultiPoint(pts), extend_to=shapely.box(x0 - pad, y0 - pad, x1 + pad, y1 + pad), ordered=True))
    own: list[Polygon | None] = []
    orphans: list[Polygon] = []
    for p, cell in zip(pts, cells):
        parts = [g for g in shapely.get_parts(shapely.intersection(space, cell, grid_size=1e-6))
                 if g.geom_type == "Polygon" and g.area > 1e-6]
        mine = next((g for g in parts if g.intersects(Point(p))), None)
        if mine is None and parts:
            mine = min(parts, key=lambda g: g.distance(Point(p)))
        own.append(mine)
        orphans += [g for g in parts if g is not mine]
    # an orphan may touch only another orphan: pass again while any is joined to a part
    left = sorted(orphans, key=lambda g: -g.area)
    while left:
        waiting: list[Polygon] = []
        for g in left:
            edge = g.boundary
            shared = [(shapely.length(shapely.intersection(edge, o.buffer(1e-5))), k) for k, o in enumerate(own)
                      if o is not None]
            best = max(shared, default=(0.0, -1))
            merged = shapely.union_all([own[best[1]], g], grid_size=1e-6) if best[0] > 1e-4 else None
            if merged is not None and merged.geom_type == "Polygon":
                own[best[1]] = merged
            else:
                waiting.append(g)
        if len(waiting) == len(left):
            break
        left = waiting
    return own


# where along a hole's highest edge its cut is tried, in turn: the middle first (a corner would let
# the cut run along an edge), then points away from it, for when the middle lies on the side of
# another hole or of the outline above it
_CUT_AT = (0.5, 0.25, 0.75, 0.375, 0.625, 0.125, 0.875)


def cut_holes(poly: Polygon) -> Polygon:
    """``poly`` without holes: each hole joined to an edge above it by a cut :data:`CUT_M` wide. A
    polygon without holes is returned as it is.

    A cut runs up from the hole's highest edge to the first edge it meets; it is taken only if it
    loses no more than its own area (a cut that runs along another ring's side would cut off the strip
    beside it): the next point along the edge is tried instead."""
    for _ in range(len(poly.interiors) * 2 + 2):
        if not poly.interiors:
            return poly
        ring = max(poly.interiors, key=lambda r: Polygon(r).area)
        xy = np.asarray(ring.coords)
        # the hole's highest edge (its lower end the highest)
        k = int(np.argmax(np.minimum(xy[:-1, 1], xy[1:, 1])))
        for t in _CUT_AT:
            cut = _cut_up(poly, xy[k] + t * (xy[k + 1] - xy[k]))
            if cut is not None:
                break
        else:
            return poly
        poly = cut
    return poly


def _cut_up(poly: Polygon, top: np.ndarray) -> Polygon | None:
    """``poly`` with a cut :data:`CUT_M` wide from ``top`` (a point on a hole's edge) up to the first
    edge above it, or None where that cut would lose more than its own area or does not open the hole."""
    ray = LineString([(top[0], top[1] - CUT_M), (top[0], poly.bounds[3] + 1.0)])
    inside = shapely.line_merge(shapely.intersection(ray, poly))
    pieces = [g for g in shapely.get_parts(inside) if g.geom_type == "LineString"]
    seg = next((g for g in pieces if g.distance(Point(top)) < CUT_M / 2), None)
    if seg is None:
        return None
    sy0, sy1 = seg.coords[0][1], seg.coords[-1][1]
    slit = shapely.box(top[0] - CUT_M / 2, min(sy0, sy1) - CUT_M, top[0] + CUT_M / 2, max(sy0, sy1) + CUT_M / 10)
    parts = [g for g in shapely.get_parts(shapely.difference(poly, slit, grid_size=1e-6)) if g.geom_type == "Polygon"]
    if not parts:
        return None
    out = max(parts, key=lambda g: g.area)
    if poly.area - out.area > slit.area + 1e-6 or len(out.interiors) >= len(poly.interiors):
        return None
    return out
