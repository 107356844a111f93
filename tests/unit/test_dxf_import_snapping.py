"""Wall snapping in tiles (layouts/dxf/snapping.py): each tile visits only the points near it and
only the tiles a wall gap touches are visited, so the work grows with the plan (bench/dxf_import_scaling.py
prints the growth); the result is the same as if the plan were split in one piece."""
from __future__ import annotations

import math
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from centreplan.layouts.dxf import snapping
from centreplan.layouts.dxf.snapping import TILE_M, _cut_to_tiles, snap_to_wall_centres


@settings(max_examples=60, deadline=None)
@given(x=st.floats(-50, 50), y=st.floats(-50, 50), w=st.floats(0.05, 40), h=st.floats(0.05, 40),
       ox=st.floats(-10, 10), oy=st.floats(-10, 10))
def test_cutting_a_gap_at_the_tile_lines_keeps_its_area_and_puts_each_part_in_its_tile(x, y, w, h, ox, oy):
    gap = box(x, y, x + w, y + h).difference(box(x + w / 4, y + h / 4, x + 3 * w / 4, y + 3 * h / 4))
    tiles: dict = defaultdict(list)
    _cut_to_tiles(gap, ox, oy, tiles)
    total = sum(p.area for parts in tiles.values() for p in parts)
    assert math.isclose(total, gap.area, rel_tol=1e-6, abs_tol=1e-9)
    for (c, r), parts in tiles.items():
        cell = box(ox + c * TILE_M, oy + r * TILE_M, ox + (c + 1) * TILE_M, oy + (r + 1) * TILE_M).buffer(1e-6)
        assert all(cell.contains(p) for p in parts)
    # only the tiles the gap's box overlaps are made
    assert len(tiles) <= (math.ceil(w / TILE_M) + 1) * (math.ceil(h / TILE_M) + 1)


def _pair(dx: float) -> list[Polygon]:
    """Two 4 × 3 m rooms either side of a 20 cm wall, moved ``dx`` to the east."""
    return [box(dx, 0, dx + 4, 3), box(dx + 4.2, 0, dx + 8.2, 3)]


def test_far_apart_plans_snap_as_each_does_alone():
    """Two pairs of rooms 600 m apart (100 tiles of empty drawing between them): each pair meets on its
    wall's centre line exactly as when snapped alone."""
    alone = snap_to_wall_centres(_pair(0), 0.45)
    both = snap_to_wall_centres(_pair(0) + _pair(600), 0.45)
    for a, b in zip(alone, both[:2]):
        assert a.symmetric_difference(b).area < 1e-6
    assert both[0].bounds[2] == 4.1 and both[1].bounds[0] == 4.1
    assert both[2].bounds[2] == 604.1 and both[3].bounds[0] == 604.1


def test_empty_tiles_between_far_plans_are_never_visited(monkeypatch):
    """Regression (issue 19: each of 3,220 tiles scanned all sample points, most tiles empty): the tiles
    looked at are the ones the two walls touch, not the 100 between them."""
    seen = []
    real = snapping._tile_points

    def spy(pts, by_tile, cx, cy, *rest):
        seen.append((cx, cy))
        return real(pts, by_tile, cx, cy, *rest)

    monkeypatch.setattr(snapping, "_tile_points", spy)
    snap_to_wall_centres(_pair(0) + _pair(600), 0.45)
    assert 2 <= len(seen) <= 4
