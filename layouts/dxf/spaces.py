"""Spaces that are not one simple room: a space holding the labels of several rooms (no line drawn
between them), and a space that surrounds other rooms (a corridor round a block, a hall round a
stair). The layout format holds rooms as simple polygons (no holes), so these are made into simple
polygons here, and the import marks them as to be checked.

- :func:`split_by_labels`: the space is shared between its labels by nearest distance (a Voronoi
  split of the labels' points clipped to the space); a piece cut off from its label's part by the
  space's shape goes to the neighbour it shares the longest edge with.
- :func:`cut_holes`: each hole is joined to the outline by a cut :data:`CUT_M` wide, straight up from
  the hole's highest point to the first edge met; the room keeps its area but for the cut's.
"""
from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPoint, Point, Polygon

CUT_M = 0.01  # m: width of the cut that joins a hole to the room's outline (1 cm, kept by the 1 mm grid)


def split_by_labels(space: Polygon, seeds: list[tuple[float, float]]) -> list[Polygon | None]:
    """The part of ``space`` nearest to each seed (same order; ``None`` for a seed left without a
    part). The parts cover the space and do not overlap."""
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
    for g in sorted(orphans, key=lambda g: -g.area):
        edge = g.boundary
        shared = [(shapely.length(shapely.intersection(edge, o.buffer(1e-5))), k) for k, o in enumerate(own)
                  if o is not None]
        best = max(shared, default=(0.0, -1))
        if best[0] > 1e-4:
            k = best[1]
            merged = shapely.union_all([own[k], g], grid_size=1e-6)
            if merged.geom_type == "Polygon":
                own[k] = merged
    return own


def cut_holes(poly: Polygon) -> Polygon:
    """``poly`` without holes: each hole joined to an edge above it by a cut :data:`CUT_M` wide. A
    polygon without holes is returned as it is."""
    for _ in range(len(poly.interiors) * 2 + 2):
        if not poly.interiors:
            return poly
        ring = max(poly.interiors, key=lambda r: Polygon(r).area)
        xy = np.asarray(ring.coords)
        # the middle of the hole's highest edge (its lower end the highest): a corner would let the
        # cut run along an edge
        k = int(np.argmax(np.minimum(xy[:-1, 1], xy[1:, 1])))
        top = (xy[k] + xy[k + 1]) / 2
        ray = LineString([(top[0], top[1] - CUT_M), (top[0], poly.bounds[3] + 1.0)])
        inside = shapely.line_merge(shapely.intersection(ray, poly))
        pieces = [g for g in shapely.get_parts(inside) if g.geom_type == "LineString"]
        seg = next((g for g in pieces if g.distance(Point(top)) < CUT_M / 2), None)
        if seg is None:
            return poly
        sy0, sy1 = seg.coords[0][1], seg.coords[-1][1]
        slit = shapely.box(top[0] - CUT_M / 2, min(sy0, sy1) - CUT_M, top[0] + CUT_M / 2, max(sy0, sy1) + CUT_M / 10)
        cut = shapely.difference(poly, slit, grid_size=1e-6)
        parts = [g for g in shapely.get_parts(cut) if g.geom_type == "Polygon"]
        if not parts:
            return poly
        poly = max(parts, key=lambda g: g.area)
    return poly
