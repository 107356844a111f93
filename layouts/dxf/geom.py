"""Small geometry helpers shared by the DXF import modules (metres, rounded to 1 mm)."""
from __future__ import annotations

import math

import shapely
import shapely.errors
import shapely.ops
from shapely.geometry import Point, Polygon

FLATTEN_M = 0.01  # m: curves are flattened to this chord distance
ROUND = 3  # decimals of metres written (1 mm)
ALIGN_COS = math.cos(math.radians(8))  # two lines continue each other, or run along each other, within 8°


def wall_band(max_wall: float) -> float:
    """How far across a wall its lines may lie: the thickest wall (at least 0.1 m) and 5 cm."""
    return max(max_wall, 0.1) + 0.05


def grid_key(p) -> tuple[int, int]:
    """A point on a 0.1 mm grid: ends that meet get the same key."""
    return (round(float(p[0]) * 1e4), round(float(p[1]) * 1e4))


def dedupe(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for p in pts:
        if not out or math.dist(out[-1], p) > 1e-9:
            out.append(p)
    return out


def rnd(p) -> tuple[float, float] | None:
    return None if p is None else (round(float(p[0]), ROUND), round(float(p[1]), ROUND))


def one_line(text: str) -> str:
    return " ".join(text.split())


def anchor(g: shapely.Geometry) -> tuple[float, float]:
    p = g.representative_point() if not g.is_empty else Point(0, 0)
    return (p.x, p.y)


def iou(a: Polygon, b: Polygon) -> float:
    try:
        inter = a.intersection(b).area
        union = a.union(b).area
    except shapely.errors.GEOSException:
        return 0.0
    return inter / union if union > 0 else 0.0


def coords_of(poly: Polygon) -> list[tuple[float, float]]:
    pts = [(round(x, ROUND) + 0.0, round(y, ROUND) + 0.0) for x, y in list(poly.exterior.coords)[:-1]]
    return dedupe(pts)

