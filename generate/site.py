"""The site a centre is generated on: a rectangle (``60x40`` metres) or a closed outline.

An outline file is YAML or JSON — ``outline: [[0, 0], [70, 0], [70, 50], [0, 50]]`` in metres (a
bare list of points is accepted too) — or a DXF drawing, read with the DXF importer's units logic
(``$INSUNITS``, or ``units``); its largest closed polyline is the site. The street (the entrance
side) is the south edge: the side of the lowest y. The y axis points north.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
import yaml
from shapely.geometry import Polygon

from centreplan.generate.errors import SiteError
from centreplan.planner.numbers import number

MAX_SIDE_M = 1000.0  # a larger site is refused: it is a town plan, not a centre's plot
_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[x×X*]\s*(\d+(?:[.,]\d+)?)\s*(?:m)?\s*$")


@dataclass(frozen=True)
class Site:
    """A site outline in metres (x east, y north); the street is along its south side."""

    outline: tuple[tuple[float, float], ...]
    source: str = ""

    @property
    def polygon(self) -> Polygon:
        return Polygon(self.outline)

    @property
    def area(self) -> float:
        return float(self.polygon.area)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = self.polygon.bounds
        return float(x0), float(y0), float(x1), float(y1)

    @property
    def is_rectangle(self) -> bool:
        p = self.polygon
        return abs(p.envelope.area - p.area) < 1e-6 * max(p.area, 1.0)

    def describe(self, lang: str = "en") -> str:
        x0, y0, x1, y1 = self.bounds
        w, h = _num(x1 - x0, lang), _num(y1 - y0, lang)
        if self.is_rectangle:
            return f"{w} × {h} m"
        return (f"contour de {_num(self.area, lang)} m² ({w} × {h} m hors tout)" if lang == "fr"
                else f"outline of {_num(self.area, lang)} m² ({w} × {h} m overall)")


def _num(x: float, lang: str) -> str:
    return number(x, lang, 0 if abs(x - round(x)) < 0.05 else 1)


def rectangle(width: float, depth: float) -> Site:
    for name, v in (("width", width), ("depth", depth)):
        if not math.isfinite(v) or v <= 0:
            raise SiteError(f"--site-size: the {name} must be a positive number of metres, got {v:g}")
        if v > MAX_SIDE_M:
            raise SiteError(f"--site-size: the {name} {v:g} m is more than the {MAX_SIDE_M:g} m a site may measure")
    return Site(((0.0, 0.0), (width, 0.0), (width, depth), (0.0, depth)), f"{width:g} × {depth:g} m")


def parse_size(text: str) -> Site:
    """``60x40`` (metres, also ``60 × 40``, ``60x40m``, ``60,5x40``) → a rectangular site."""
    m = _SIZE.match(text or "")
    if not m:
        raise SiteError(f"--site-size: {text!r} is not a size; write width x depth in metres, e.g. 70x50")
    return rectangle(float(m.group(1).replace(",", ".")), float(m.group(2).replace(",", ".")))


def from_points(points: Any, source: str) -> Site:
    if not isinstance(points, list) or len(points) < 3:
        raise SiteError(f"{source}: outline: give at least 3 points [x, y] in metres")
    pts: list[tuple[float, float]] = []
    for i, p in enumerate(points):
        if (not isinstance(p, (list, tuple)) or len(p) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in p)):
            raise SiteError(f"{source}: outline[{i}]: must be [x, y] in metres, got {p!r}")
        if not all(math.isfinite(v) for v in p):
            raise SiteError(f"{source}: outline[{i}]: {p!r} is not a finite point")
        pts.append((float(p[0]), float(p[1])))
    if len(pts) >= 4 and pts[0] == pts[-1]:
        pts = pts[:-1]
    poly = Polygon(pts)
    if not poly.is_valid or poly.area <= 0:
        raise SiteError(f"{source}: outline: the points do not make a simple closed outline "
                        f"({shapely.validation.explain_validity(poly).lower()})")
    x0, y0, x1, y1 = poly.bounds
    if max(x1 - x0, y1 - y0) > MAX_SIDE_M:
        raise SiteError(f"{source}: outline: {max(x1 - x0, y1 - y0):g} m across, more than the "
                        f"{MAX_SIDE_M:g} m a site may measure (is the outline in millimetres?)")
    return Site(tuple(pts), source)


def load_site(path: str | Path, units: str | None = None) -> Site:
    """A site from a YAML/JSON outline file or a DXF drawing (its largest closed polyline)."""
    p = Path(path)
    name = str(path)
    if p.suffix.lower() == ".dxf":
        return _from_dxf(p, units)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise SiteError(f"{name}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise SiteError(f"{name}: cannot read the file ({e})") from None
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as e:
        raise SiteError(f"{name}: not valid {'JSON' if p.suffix.lower() == '.json' else 'YAML'} ({e})") from None
    if isinstance(data, dict):
        if "outline" not in data:
            raise SiteError(f"{name}: outline: missing; write outline: [[x, y], …] in metres")
        data = data["outline"]
    return from_points(data, name)


def _from_dxf(path: Path, units: str | None) -> Site:
    from centreplan.layouts.dxf_import import read_dxf, units_of

    doc, _auditor = read_dxf(path)
    notes: list[str] = []
    _unit, _how, scale = units_of(doc, units, lambda kind, text: notes.append(text))
    best: Polygon | None = None
    for e in doc.modelspace().query("LWPOLYLINE POLYLINE"):
        try:
            closed = bool(e.closed) if e.dxftype() == "LWPOLYLINE" else bool(e.is_closed)
            pts = ([(p[0], p[1]) for p in e.get_points("xy")] if e.dxftype() == "LWPOLYLINE"
                   else [(v.dxf.location.x, v.dxf.location.y) for v in e.vertices])
        except (AttributeError, TypeError, ValueError):
            continue
        if not closed or len(pts) < 3:
            continue
        poly = Polygon([(x * scale, y * scale) for x, y in pts])
        if poly.is_valid and (best is None or poly.area > best.area):
            best = poly
    if best is None:
        raise SiteError(f"{path}: no closed polyline in the drawing; draw the site boundary as one closed polyline")
    coords = [(round(x, 3), round(y, 3)) for x, y in list(best.exterior.coords)[:-1]]
    return from_points([list(c) for c in coords], str(path))
