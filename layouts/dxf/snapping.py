"""Snapping room outlines to wall centre lines, so that neighbours share a wall."""
from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
import shapely
import shapely.errors
import shapely.ops
from shapely.geometry import MultiPoint, Polygon

SAMPLE_M = 0.10  # m: spacing of the points that split wall gaps between rooms
SIMPLIFY_M = 0.02  # m: the split is straightened where walls meet (square root of the area removed)
TILE_M = 6.0  # m: the split is computed tile by tile


def snap_to_wall_centres(polys: list[Polygon], max_wall: float, problems: list[str] | None = None,
                         fixed: set[int] | frozenset[int] = frozenset()) -> list[Polygon]:
    """Grow each polygon into the wall gaps it shares with other polygons, up to the gap's centre line.

    A *wall gap* is a part of the morphological closing (by ``max_wall``) of all polygons that no
    polygon covers and that touches at least two polygons. Each gap is split between the polygons
    that face it by nearest distance: a Voronoi partition of points sampled on their outlines every
    :data:`SAMPLE_M` at the same coordinates on both faces of a wall, so that the split of a wall of
    even thickness is exactly its centre line. Neighbours end up with identical coordinates on a 1 mm
    grid. The work is done in square tiles of :data:`TILE_M`, so it grows with the plan's size, not
    its square. Polygons facing no gap, and those in ``fixed`` (rooms our own export wrote, whose
    outlines are the layout's), are returned unchanged (the same objects).
    """
    n = len(polys)
    if max_wall <= 0 or n < 2:
        return list(polys)
    valid = [p.is_valid and p.area > 0 for p in polys]
    usable = [p for p, ok in zip(polys, valid) if ok]
    if len(usable) < 2:
        return list(polys)
    try:
        walls = _wall_gaps(polys, valid, max_wall)
        if not walls:
            return list(polys)
        pieces = _split_walls(polys, valid, walls, max_wall)
    except shapely.errors.GEOSException as e:
        if problems is not None:
            problems.append(str(e))  # the report says it (layouts/dxf/messages.py walls.not_split)
        return list(polys)
    out = list(polys)
    for k, mine in pieces.items():
        if k in fixed:
            continue
        try:
            grown = shapely.union_all([polys[k], *mine], grid_size=0.001)
        except shapely.errors.GEOSException:
            continue
        grown = _main_polygon(grown, polys[k])
        if grown is None or not grown.is_valid or grown.area + 1e-6 < polys[k].area:
            continue
        out[k] = grown
    changed = [k for k in range(n) if out[k] is not polys[k]]
    if changed:
        # the split follows parabolas where a wall meets another wall's end; straighten them (shared
        # edges stay shared: a coverage simplification, outer boundaries untouched)
        ok = [k for k in range(n) if valid[k] and out[k].is_valid]
        try:
            simple = shapely.coverage_simplify(np.array([out[k] for k in ok], dtype=object), SIMPLIFY_M,
                                               simplify_boundary=False)
        except shapely.errors.GEOSException:
            simple = None
        if simple is not None:
            for k, g in zip(ok, simple):
                if out[k] is not polys[k] and g.geom_type == "Polygon" and g.is_valid:
                    out[k] = shapely.simplify(shapely.set_precision(g, 0.001), 0.0)  # drop collinear points
    return out


def _wall_gaps(polys: list[Polygon], valid: list[bool], max_wall: float) -> list[Polygon]:
    """The gaps narrower than ``max_wall`` that touch two polygons or more."""
    union = shapely.union_all([p for p, ok in zip(polys, valid) if ok])
    h = max_wall / 2
    closed = union.buffer(h, join_style="mitre", mitre_limit=10.0).buffer(-h, join_style="mitre", mitre_limit=10.0)
    parts = [g for g in shapely.get_parts(shapely.difference(closed, union))
             if g.geom_type == "Polygon" and g.area > 1e-5]
    if not parts:
        return []
    tree = shapely.STRtree(np.array(polys, dtype=object))
    walls = []
    for g in parts:
        near = {int(i) for i in tree.query(g, predicate="dwithin", distance=1e-6) if valid[int(i)]}
        if len(near) >= 2:
            walls.append(g)
    return walls


def _aligned_points(ring: shapely.Geometry, step: float) -> np.ndarray:
    """Points on the lines of ``ring``: every vertex, and along each segment the points whose
    coordinate along the segment's direction (taken the same way round for parallel segments) is a
    multiple of ``step``. The two faces of a wall thus get points facing each other, and their
    Voronoi split is the wall's straight centre line, whatever the wall's angle."""
    out = []
    for line in shapely.get_parts(ring):
        xy = shapely.get_coordinates(line)
        for p0, p1 in zip(xy[:-1], xy[1:]):
            out.append(tuple(p0))
            d = p1 - p0
            length = math.hypot(d[0], d[1])
            if length == 0:
                continue
            u = d / length
            if u[0] < 0 or (u[0] == 0 and u[1] < 0):
                u = -u
            a0, a1 = float(p0 @ u), float(p1 @ u)
            lo, hi = sorted((a0, a1))
            ks = np.arange(math.floor(lo / step) + 1, math.ceil(hi / step)) * step
            out.extend(map(tuple, p0 + np.outer(ks - a0, u)))
        if len(xy):
            out.append(tuple(xy[-1]))
    return np.array(out, dtype=float).reshape(-1, 2)


def _split_walls(polys: list[Polygon], valid: list[bool], walls: list[Polygon],
                 max_wall: float) -> dict[int, list[shapely.Geometry]]:
    """Each polygon's share of the wall gaps (pieces, by polygon index), tile by tile.

    Near-linear in the plan's size: each polygon's outline is cut by the wall gaps near it only, the
    sample points are binned by tile once, each tile looks at the points of its own bin and the bins
    within ``reach`` of it, and tiles that no wall gap touches are never visited."""
    reach = max_wall + SAMPLE_M
    wall_arr = np.array(walls, dtype=object)
    wall_tree = shapely.STRtree(wall_arr)
    # sample points on the outline pieces near a wall, with their owner
    tree = shapely.STRtree(np.array(polys, dtype=object))
    pairs = tree.query(wall_arr, predicate="dwithin", distance=reach)
    near = sorted({int(i) for i in pairs[1] if valid[int(i)]})
    pts_list, own_list = [], []
    for k in near:
        mine = wall_arr[wall_tree.query(polys[k], predicate="dwithin", distance=reach)]
        zone_near = shapely.union_all(shapely.buffer(mine, reach, quad_segs=2))
        edge = shapely.intersection(polys[k].exterior, zone_near)
        pts = _aligned_points(edge, SAMPLE_M)
        pts_list.append(pts)
        own_list.append(np.full(len(pts), k))
    if not pts_list:
        return {}
    pts = np.concatenate(pts_list)
    owner = np.concatenate(own_list)
    # drop repeated points (rooms touching each other share outline points): the first owner keeps it
    _, first = np.unique(np.round(pts, 7), axis=0, return_index=True)
    first.sort()
    pts, owner = pts[first], owner[first]
    # fixed, sub-micrometre jitter: points sampled on parallel lines are co-circular by the thousand,
    # which GEOS's Delaunay step does not survive (empty and invalid cells)
    pts = pts + np.random.default_rng(20240601).uniform(-1e-7, 1e-7, pts.shape)
    x0, y0 = shapely.total_bounds(wall_arr)[:2]
    # the points of each tile (a tile is addressed by its column and row from the gaps' lower left)
    cols = np.floor((pts[:, 0] - x0) / TILE_M).astype(np.int64)
    rows = np.floor((pts[:, 1] - y0) / TILE_M).astype(np.int64)
    by_tile: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, key in enumerate(zip(cols.tolist(), rows.tolist())):
        by_tile[key].append(i)
    # the wall gaps cut at the tile lines (a gap network can span the whole plan: cutting it by
    # halves costs its size times the depth, where clipping it once per tile would cost its size per tile)
    tiles: dict[tuple[int, int], list[shapely.Geometry]] = defaultdict(list)
    for w in walls:
        _cut_to_tiles(w, x0, y0, tiles)
    pieces: dict[int, list[shapely.Geometry]] = defaultdict(list)
    for (cx, cy), parts in sorted(tiles.items()):
        tx, ty = x0 + cx * TILE_M, y0 + cy * TILE_M
        try:
            tile = shapely.make_valid(shapely.union_all(parts)) if len(parts) > 1 else parts[0]
        except shapely.errors.GEOSException:
            tile = shapely.union_all(shapely.make_valid(np.array(parts, dtype=object)), grid_size=1e-6)
        if tile.is_empty or tile.area <= 0:
            continue
        # every point that can be the nearest to a place in the tile lies within `reach` of it, so in
        # this tile's bin or the eight around it
        idx = _tile_points(pts, by_tile, cx, cy, tx, ty, reach)
        if len(idx) < 3 or len(set(owner[idx].tolist())) < 2:
            if len(idx):
                k = int(owner[idx][0])
                pieces[k].append(tile)
            continue
        cells = shapely.voronoi_polygons(MultiPoint(pts[idx]), ordered=True)
        cell_arr = shapely.get_parts(cells)
        if len(cell_arr) != len(idx):
            raise shapely.errors.GEOSException("Voronoi cells do not match their points")
        hit = shapely.intersects(cell_arr, tile)
        cells_hit, own_hit = cell_arr[hit], owner[idx][hit]
        for k in np.unique(own_hit).tolist():
            # the cells of a Voronoi diagram are edge-matched: their union per owner is cheap
            mine = cells_hit[own_hit == k]
            try:
                region = shapely.coverage_union_all(mine)
            except shapely.errors.GEOSException:
                region = shapely.union_all(shapely.make_valid(mine))
            g = shapely.intersection(shapely.make_valid(region), tile, grid_size=1e-6)
            for part in shapely.get_parts(g):
                if part.geom_type == "Polygon" and part.area > 0:
                    pieces[int(k)].append(part)
    return pieces


def _tile_points(pts: np.ndarray, by_tile: dict[tuple[int, int], list[int]], cx: int, cy: int, tx: float,
                 ty: float, reach: float) -> np.ndarray:
    """Indices of the points within ``reach`` of the tile at column ``cx``, row ``cy`` (lower left
    ``tx, ty``): they lie in its bin or the bins around it (the eight around it when ``reach`` is
    shorter than a tile)."""
    span = range(-math.ceil(reach / TILE_M), math.ceil(reach / TILE_M) + 1)
    cand = np.array([i for dx in span for dy in span for i in by_tile.get((cx + dx, cy + dy), ())],
                    dtype=np.int64)
    if not len(cand):
        return cand
    sub = pts[cand]
    sel = ((sub[:, 0] >= tx - reach) & (sub[:, 0] <= tx + TILE_M + reach)
           & (sub[:, 1] >= ty - reach) & (sub[:, 1] <= ty + TILE_M + reach))
    return np.sort(cand[sel])


def _cut_to_tiles(geom: shapely.Geometry, x0: float, y0: float,
                  tiles: dict[tuple[int, int], list[shapely.Geometry]],
                  span: tuple[int, int, int, int] | None = None) -> None:
    """Add the parts of ``geom`` to the tiles (columns and rows of :data:`TILE_M` from ``x0, y0``) they
    lie in, cutting it in halves along tile lines until each part lies in one tile. ``span``: the
    first and last column and row ``geom`` may touch (from its bounds when not given)."""
    if geom.is_empty or geom.area <= 0:
        return
    if span is None:
        bx0, by0, bx1, by1 = geom.bounds
        span = (math.floor((bx0 - x0) / TILE_M), math.floor((bx1 - x0) / TILE_M),
                math.floor((by0 - y0) / TILE_M), math.floor((by1 - y0) / TILE_M))
    c0, c1, r0, r1 = span
    if c0 == c1 and r0 == r1:
        tiles[(c0, r0)].append(geom)
        return
    bx0, by0, bx1, by1 = geom.bounds
    halves: list[tuple[tuple[float, float, float, float], tuple[int, int, int, int]]]
    if c1 - c0 >= r1 - r0:
        mid = (c0 + c1 + 1) // 2
        cut = x0 + mid * TILE_M
        halves = [((bx0 - 1, by0 - 1, cut, by1 + 1), (c0, mid - 1, r0, r1)),
                  ((cut, by0 - 1, bx1 + 1, by1 + 1), (mid, c1, r0, r1))]
    else:
        mid = (r0 + r1 + 1) // 2
        cut = y0 + mid * TILE_M
        halves = [((bx0 - 1, by0 - 1, bx1 + 1, cut), (c0, c1, r0, mid - 1)),
                  ((bx0 - 1, cut, bx1 + 1, by1 + 1), (c0, c1, mid, r1))]
    for rect, part_span in halves:
        try:
            half = shapely.make_valid(shapely.clip_by_rect(geom, *rect))
        except shapely.errors.GEOSException:  # a sliver the fast clip refuses: a full overlay
            half = shapely.intersection(geom, shapely.box(*rect), grid_size=1e-6)
        polys = [g for g in shapely.get_parts(half) if g.geom_type == "Polygon" and g.area > 0]
        if polys:
            _cut_to_tiles(polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys), x0, y0, tiles, part_span)


def _main_polygon(geom: shapely.Geometry, original: Polygon) -> Polygon | None:
    if geom.geom_type == "Polygon":
        return Polygon(geom.exterior.coords)  # wall pieces never make holes in a room
    polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    if not polys:
        return None
    best = max(polys, key=lambda g: g.intersection(original).area)
    return Polygon(best.exterior.coords)

