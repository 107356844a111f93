"""Snapping outlines to the 1 mm grid without an overlay per room (``planner.geometry.on_grid``) gives
what GEOS gives: the same geometries, point for point and in the same order (the DXF and CSV exports
write the vertices in that order), on random outlines drawn either way round, from any first point,
on the grid or off it, with points twice in a row, holes, bow ties, slivers and vertices a hair from a
wall.

The reference is how :class:`planner.geometry.Plan` snapped before: ``set_precision`` to the grid
(GEOS keeps the result valid by an overlay), then to no grid, keeping the polygonal part.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon

from centreplan.planner.geometry import (
    GRID,
    _geos_snaps_as_known,
    _polygonal_each,
    interiors_meet,
    on_grid,
    polygonal,
)


def drawn(polys: list[Polygon]) -> np.ndarray:
    """The outlines as the plan hands them to the grid: repaired where they are not valid."""
    return np.array([p if p.is_valid else polygonal(shapely.make_valid(p)) for p in polys], dtype=object)


def reference(geoms: np.ndarray) -> np.ndarray:
    return _polygonal_each(shapely.set_precision(_polygonal_each(shapely.set_precision(geoms, GRID)), 0))


def same(a: np.ndarray, b: np.ndarray) -> bool:
    """The same types, parts, rings and points in the same order (0.0 and -0.0 count as one: where
    points fall together GEOS keeps either, from one run to the next)."""
    return bool(shapely.equals_identical(a, b).all())


@st.composite
def outlines(draw) -> Polygon:
    """A star-shaped outline (valid when its radii keep it simple), its points on the grid or not,
    sometimes one point twice, sometimes a hole, a bow tie or a spike a hair from a wall."""
    n = draw(st.integers(3, 10))
    cx, cy = draw(st.floats(-5000, 5000)), draw(st.floats(-5000, 5000))
    turns = sorted(draw(st.lists(st.floats(0, 2 * math.pi, exclude_max=True), min_size=n, max_size=n, unique=True)))
    radius = st.floats(1, 20) | st.floats(1, 20) | st.sampled_from([0.0004, 0.003, 0.5, 2.0]) | st.floats(0.001, 20)
    radii = draw(st.lists(radius, min_size=n, max_size=n))
    pts = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a, r in zip(turns, radii)]
    if draw(st.booleans()):
        pts = [(round(x, 3), round(y, 3)) for x, y in pts]
    if draw(st.booleans()):
        pts.reverse()
    k = draw(st.integers(0, n - 1))
    pts = pts[k:] + pts[:k]
    twist = draw(st.sampled_from(["none", "none", "twice", "bowtie", "hole", "spike"]))
    if twist == "twice":
        i = draw(st.integers(0, n - 1))
        pts.insert(i, pts[i])
    elif twist == "bowtie" and n >= 4:
        pts[0], pts[1] = pts[1], pts[0]
    elif twist == "spike":  # a vertex pulled to within a few grid steps of the wall two points on
        i = draw(st.integers(0, n - 1))
        a, b = np.array(pts[(i + 2) % n]), np.array(pts[(i + 3) % n])
        pts[i] = tuple((a + b) / 2 + draw(st.floats(-0.02, 0.02)))
    if twist == "hole":
        r = min(radii) / 3
        return Polygon(pts, [[(cx - r, cy - r), (cx + r, cy - r), (cx + r, cy + r), (cx - r, cy + r)]])
    return Polygon(pts)


@pytest.mark.filterwarnings("ignore:divide by zero encountered in set_precision")  # outlines smaller than a step
@settings(max_examples=400, deadline=None)
@given(st.lists(outlines(), min_size=1, max_size=8))
def test_snapping_to_the_grid_gives_the_points_geos_gives_in_its_order(polys):
    try:
        geoms = drawn(polys)
    except shapely.errors.GEOSException:  # an outline make_valid itself refuses (points all in one)
        assume(False)
    note(str(shapely.to_wkt(geoms, rounding_precision=-1).tolist()))
    assert same(on_grid(geoms, short_cut=True), reference(geoms))


def test_a_rectangle_drawn_either_way_starts_where_geos_starts_it():
    # worked by hand from GEOS 3.14: the ring runs clockwise, from the point after the first
    # (clockwise drawn) or before it (anticlockwise drawn)
    ccw = Polygon([(0, 0), (5, 0), (5, 5), (0, 5)])
    cw = Polygon([(0, 0), (0, 5), (5, 5), (5, 0)])
    out = on_grid(np.array([ccw, cw], dtype=object))
    assert list(out[0].exterior.coords) == [(0, 5), (5, 5), (5, 0), (0, 0), (0, 5)]
    assert list(out[1].exterior.coords) == [(0, 5), (5, 5), (5, 0), (0, 0), (0, 5)]
    assert same(out, reference(np.array([ccw, cw], dtype=object)))


def test_the_short_cut_is_taken_with_the_geos_installed():
    """The plan takes the short cut only where GEOS snaps as it has it (asked once); with the GEOS the
    project installs it does, and without the short cut the outlines are GEOS's own."""
    assert _geos_snaps_as_known()
    polys = np.array([Polygon([(0, 0), (5, 0), (5, 5), (0, 5)]), Polygon([(0, 0), (0, 5), (2.5, 3), (5, 5), (5, 0)])],
                     dtype=object)
    assert same(on_grid(polys, short_cut=False), reference(polys))
    assert same(on_grid(polys), reference(polys))


def test_outlines_geos_must_repair_or_drop_go_through_geos():
    empty, line = Polygon(), shapely.LineString([(0, 0), (1, 1)])
    bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])
    tiny = Polygon([(0, 0), (0.0003, 0), (0.0003, 0.0003)])  # smaller than the grid: nothing left
    geoms = np.array([empty, line, polygonal(shapely.make_valid(bowtie)), tiny, None], dtype=object)
    out = on_grid(geoms)
    assert same(out, reference(geoms))
    assert out[3].is_empty and out[4].is_empty
    assert len(on_grid(np.array([], dtype=object))) == 0


# ---- rooms whose interiors meet: rectangles compared by their bounds -------------------------------
@st.composite
def rooms(draw) -> Polygon:
    """A rectangle along the axes on a half-metre grid (drawn either way round, from any corner), or
    now and then a rotated square, an L, a triangle or a rectangle with a point in the middle of a side."""
    x0, y0 = draw(st.integers(0, 8)) / 2, draw(st.integers(0, 8)) / 2
    w, h = draw(st.integers(1, 6)) / 2, draw(st.integers(1, 6)) / 2
    shape = draw(st.sampled_from(["box"] * 6 + ["rotated", "l", "triangle", "side_point"]))
    if shape == "box":
        pts = [(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)]
        k = draw(st.integers(0, 3))
        pts = pts[k:] + pts[:k]
        return Polygon(pts[::-1] if draw(st.booleans()) else pts)
    if shape == "rotated":
        return Polygon([(x0 + w, y0), (x0 + 2 * w, y0 + w), (x0 + w, y0 + 2 * w), (x0, y0 + w)])
    if shape == "l":
        return Polygon([(x0, y0), (x0 + 2 * w, y0), (x0 + 2 * w, y0 + h), (x0 + w, y0 + h), (x0 + w, y0 + 2 * h),
                        (x0, y0 + 2 * h)])
    if shape == "triangle":
        return Polygon([(x0, y0), (x0 + w, y0), (x0, y0 + h)])
    return Polygon([(x0, y0), (x0 + w / 2, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)])


@settings(max_examples=300, deadline=None)
@given(st.lists(rooms(), min_size=2, max_size=12))
def test_interiors_meet_where_geos_says_the_rooms_do_not_only_touch(polys):
    geoms = np.array(polys, dtype=object)
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    assert interiors_meet(geoms, left, right).tolist() == (~shapely.touches(geoms[left], geoms[right])).tolist()


def test_rectangles_meeting_at_a_wall_or_a_corner_only_touch():
    a = Polygon([(0, 0), (5, 0), (5, 5), (0, 5)])
    wall, corner, overlap = (Polygon([(5, 0), (7, 0), (7, 5), (5, 5)]), Polygon([(5, 5), (6, 5), (6, 6), (5, 6)]),
                             Polygon([(4.9, 1), (7, 1), (7, 2), (4.9, 2)]))
    geoms = np.array([a, wall, corner, overlap], dtype=object)
    assert interiors_meet(geoms, np.array([0, 0, 0]), np.array([1, 2, 3])).tolist() == [False, False, True]
