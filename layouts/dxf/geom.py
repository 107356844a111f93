"""Small geometry helpers shared by the DXF import modules (metres, rounded to 1 mm)."""
from __future__ import annotations

import math

import shapely
import shapely.errors
import shapely.ops
from shapely.geometry import Point, Polygon

FLATTEN_M = 0.01  # m: curves are flattened to this chord distance
ROUND = 3  # decimals of metres written (1 mm)


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

