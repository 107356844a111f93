"""The centre as a DXF plan that engineers open in AutoCAD, BricsCAD or LibreCAD and work on at once.

The drawing is DXF R2013 in metres (``$INSUNITS`` = 6, ``$MEASUREMENT`` = 1), with the layer scheme of
``exports/layers.yaml`` (AIA/NCS-style names). In model space, drawn in this order so that fills lie
under the lines and texts:

- ``A-AREA-PATT-<GROUP>``: a solid, partly transparent fill of each room, coloured by occupant group;
- ``A-ROOM-<USE>``: each room's outline, a closed LWPOLYLINE with the room's points as given;
- ``A-WALL``: the outer outline of the building (the union of the rooms of a level);
- ``A-GLAZ``: windows, a 0.15 m deep rectangle on the room's outside walls (or its longest walls);
- ``A-DOOR``: doors at their clear width, a leaf (LINE) and a 90° swing (ARC) at the door's point
  (:attr:`planner.geometry.Plan.door_points`), on the wall's direction;
- ``A-AREA-IDEN``: a label (MTEXT) in each room: id and name, use and group, area in m², beds;
- ``A-ISSUE``: a red outline and the rule ids in every room with a failing finding of the report;
- ``A-ANNO-DIMS``: overall dimensions in metres (dimension style ``CENTREPLAN-M``, header
  ``$DIMLFAC`` equal to the style's);
- ``A-ANNO-TTLB``: the title block below the plan (centre, drawing, date, scale, revision, a
  confidentiality mark when ``centre.confidential``) and the legend of group colours.

A paper-space layout ``A3 1-<scale>`` (DXF names may not hold ':'; 1:100 when the plan fits, else the next of
:data:`SCALES`) holds a viewport on the plan and its title block. The file opens on the plan.
Levels after the first are drawn to the right of the first, shifted by ``(dx, 0)``.

The extents (``$EXTMIN``/``$EXTMAX`` and the model space's) are the bounds of what is drawn, known
while drawing; the initial view is set with ``ezdxf.zoom.window`` on them, which is what
``zoom.extents`` would compute without measuring every entity again (slow for thousands of labels).
Text is UTF-8, as DXF R2007 and later require whatever ``$DWGCODEPAGE`` says; GDAL 3.6 needs
``--config DXF_ENCODING UTF-8`` to read accents right.

Machine-readable data (for :mod:`layouts.dxf_import` and other programs)
-------------------------------------------------------------------------
Application id ``CENTREPLAN`` (registered in the APPID table). XDATA is a list of strings (group code
1000): first the record kind, then ``key=value`` strings (split at the first ``=``; values are text,
numbers written with ``repr``-exact decimals, booleans ``true``/``false``).

- room outline (LWPOLYLINE on ``A-ROOM-<USE>``): ``room``, then ``id``, ``use``, ``group``, ``level``,
  ``beds``, and when set ``name``, ``height`` (m), ``lockable``, ``households``, ``occupants``,
  ``seats``, ``fixtures.<kind>`` (count, for wc, shower, basin, urinal, phone), ``windows`` (count).
  The outline's points are the layout's polygon plus the level shift ``dx`` (``offset=dx,0`` is
  written when it is not zero).
- door leaf (LINE on ``A-DOOR``): ``door``, then ``id``, ``between=A,B`` (``outside`` for an exit),
  ``width`` (m), ``at=x,y`` (the door's point in the layout's coordinates).
- window (LWPOLYLINE on ``A-GLAZ``): ``window``, then ``room``, ``width``, ``height``, ``openable``.
- issue outline (LWPOLYLINE on ``A-ISSUE``): ``issue``, then ``room``, ``rules=ID,ID``.

The header holds custom properties (``$CUSTOMPROPERTYTAG``/``$CUSTOMPROPERTY``): ``centreplan.format``,
``centreplan.name``, ``centreplan.climate``, ``centreplan.phase``, ``centreplan.levels``,
``centreplan.confidential``, ``centreplan.location`` (when set and the centre is not confidential),
``centreplan.population.<group>``
for men, women, boys, girls, family_persons, households, staff, and ``centreplan.level_offset.<n>``
(``dx`` of level ``n``).
"""
from __future__ import annotations

import datetime as _dt
import io
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import ezdxf
import numpy as np
import shapely
import yaml
from ezdxf import zoom
from ezdxf.colors import aci2rgb
from ezdxf.document import Drawing
from ezdxf.enums import TextEntityAlignment
from shapely.geometry import LineString, Point, Polygon
from shapely.ops import polylabel

from exports.labels import beds_label, check_lang, group_label, number, translator, use_label
from planner.errors import ExportError
from planner.geometry import Plan, build_plan
from planner.model import FIXTURES, GROUPS, OUTSIDE, USES, Centre, Room
from planner.text_safety import dxf_safe

APPID = "CENTREPLAN"
LAYERS_FILE = Path(__file__).with_name("layers.yaml")
DIMSTYLE = "CENTREPLAN-M"
TEXTSTYLE = "LiberationSans"
SCALES = (100, 200, 250, 500, 1000, 2000, 5000, 10000)  # plot scales tried for the A3 layout, 1:n
A3 = (420.0, 297.0)  # mm, landscape
SHEET_MARGIN = 10.0  # mm
TITLE_ROW = 7.0  # mm on paper: title block row height

LABEL_MAX_H = 0.25  # m: 2.5 mm on paper at 1:100
LABEL_MIN_H = 0.12  # m: below this the label drops lines
CHAR_W = 0.8  # character width / height, generous: LibreCAD's stroke font is wider than Arial's
LINE_PITCH = 5.0 / 3.0  # MTEXT line spacing factor 1.0: lines are 5/3 of the text height apart
WINDOW_DEPTH = 0.15  # m: depth of the window symbol across the wall
LEVEL_GAP = 10.0  # m between the plans of two levels


# ---- layer scheme ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LayerDef:
    name: str
    color: int
    lineweight: int
    linetype: str = "Continuous"
    description: str = ""
    plot: bool = True
    transparency: float | None = None


@lru_cache(maxsize=4)
def layer_scheme(path: str | None = None) -> dict[str, LayerDef]:
    """Every layer of the plan, from ``layers.yaml``: fixed layers, ``A-ROOM-<USE>`` for every use,
    ``A-AREA-PATT-<GROUP>`` for every group."""
    source = Path(path) if path else LAYERS_FILE
    with source.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    out: dict[str, LayerDef] = {}
    for name, d in data["layers"].items():
        out[name] = LayerDef(name, int(d["color"]), int(d["lineweight"]), d.get("linetype", "Continuous"),
                             d.get("description", ""), bool(d.get("plot", True)))
    rl = data["room_layer"]
    for use in USES:
        name = room_layer(use, rl["prefix"])
        out[name] = LayerDef(name, int(rl["colors"].get(use, rl["default_color"])), int(rl["lineweight"]),
                             rl.get("linetypes", {}).get(use, rl["linetype"]), f"Rooms: {use}")
    gf = data["group_fill"]
    for group in GROUPS:
        name = fill_layer(group, gf["prefix"])
        out[name] = LayerDef(name, int(gf["colors"][group]), int(gf["lineweight"]), "Continuous",
                             f"Room fill: {group}", True, float(gf["transparency"]))
    return out


def room_layer(use: str, prefix: str = "A-ROOM-") -> str:
    return prefix + use.upper().replace("_", "-")


def fill_layer(group: str, prefix: str = "A-AREA-PATT-") -> str:
    return prefix + group.upper()


# ---- report adapter --------------------------------------------------------------------------
def failing_rules_by_room(report: Any) -> dict[str, list[str]]:
    """Room id → ids of the rules that fail for it, from a standards ``Report`` (or its JSON data).

    A finding about one room (its ``subject``) marks that room only, not the other rooms it names
    (the sanitary room too far from a dormitory, the courtyard an exit route ends in); a finding with
    no room subject marks every room it names."""
    if report is None:
        return {}
    findings = report.get("findings", []) if isinstance(report, dict) else getattr(report, "findings", [])
    out: dict[str, list[str]] = {}
    for f in findings:
        get = f.get if isinstance(f, dict) else (lambda k, _f=f: getattr(_f, k, None))
        if get("status") != "fail":
            continue
        rooms = get("rooms") or []
        subject = get("subject")
        for rid in ([subject] if subject in rooms else rooms):
            rules = out.setdefault(rid, [])
            if get("rule") not in rules:
                rules.append(get("rule"))
    return out


# ---- small geometry helpers -------------------------------------------------------------------
def _segments(geom) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        parts = [geom.exterior]
    elif geom.geom_type in ("LineString", "LinearRing"):
        parts = [geom]
    elif hasattr(geom, "geoms"):
        return [s for g in geom.geoms for s in _segments(g)]
    else:
        return []
    out = []
    for part in parts:
        c = list(part.coords)
        out += [(c[i], c[i + 1]) for i in range(len(c) - 1) if c[i] != c[i + 1]]
    return out


def _wall_direction(geom, p: tuple[float, float]) -> tuple[float, float]:
    """Unit vector along the segment of ``geom`` nearest to ``p``."""
    px, py = p
    best, best_d = None, math.inf
    for (x1, y1), (x2, y2) in _segments(geom):
        vx, vy = x2 - x1, y2 - y1
        t = max(0.0, min(1.0, ((px - x1) * vx + (py - y1) * vy) / (vx * vx + vy * vy)))
        d = math.hypot(x1 + t * vx - px, y1 + t * vy - py)
        if d < best_d:
            best, best_d = (vx, vy), d
    if best is None:
        return (1.0, 0.0)
    length = math.hypot(*best)
    return (best[0] / length, best[1] / length)


def _is_axis_rectangle(pts: list[tuple[float, float]]) -> bool:
    if len(pts) != 4:
        return False
    xs = {round(x, 6) for x, _ in pts}
    ys = {round(y, 6) for _, y in pts}
    return len(xs) == 2 and len(ys) == 2


def _label_box(room: Room, poly) -> tuple[tuple[float, float], float, float]:
    """Where a room's label goes and the width and height it may use (m)."""
    pts = [tuple(p) for p in room.polygon]
    if _is_axis_rectangle(pts):
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2), max(xs) - min(xs), max(ys) - min(ys)
    if poly.is_empty or poly.area <= 0 or poly.geom_type != "Polygon":
        c = poly.centroid if not poly.is_empty else Point(pts[0])
        return (c.x, c.y), 0.5, 0.5
    centre = polylabel(poly, tolerance=0.05)
    r = poly.exterior.distance(centre)
    # the largest axis box around the centre that stays inside: grow along x and y from the circle
    box_w = box_h = 2 * r * 0.7071
    minx, miny, maxx, maxy = poly.bounds
    for axis in ("x", "y"):
        lo, hi = (minx, maxx) if axis == "x" else (miny, maxy)
        span = hi - lo
        for k in range(10, 0, -1):
            w = span * k / 10
            if (axis == "x" and w <= box_w) or (axis == "y" and w <= box_h):
                break
            if axis == "x":
                cand = shapely.box(centre.x - w / 2, centre.y - box_h / 2, centre.x + w / 2, centre.y + box_h / 2)
            else:
                cand = shapely.box(centre.x - box_w / 2, centre.y - w / 2, centre.x + box_w / 2, centre.y + w / 2)
            if poly.contains(cand):
                if axis == "x":
                    box_w = w
                else:
                    box_h = w
                break
    return (centre.x, centre.y), box_w, box_h


def _fit_label(lines: list[str], width: float, height: float) -> float:
    """The text height (m) at which ``lines`` fit in ``width`` × ``height`` (90 %), capped."""
    chars = max(len(s) for s in lines)
    n = len(lines)
    by_w = 0.9 * width / (CHAR_W * chars)
    by_h = 0.9 * height / (1 + (n - 1) * LINE_PITCH)
    return min(LABEL_MAX_H, by_w, by_h)


def _choose_label(forms: list[list[str]], extra: list[str], w: float, h: float) -> tuple[list[str], float, float]:
    """The fullest label form that fits at a legible height, horizontal or, in rooms much deeper than
    wide, turned 90°; else the shortest form at the height that fits. Returns lines, height, rotation."""
    turns = (0.0, 90.0) if h > 1.5 * w else (0.0,)
    for form in forms:
        for r in turns:  # horizontal first: it reads best
            height = _fit_label(form + extra, w, h) if r == 0 else _fit_label(form + extra, h, w)
            if height >= LABEL_MIN_H:
                return form, round(height, 3), r
    form = forms[-1]
    best = max(((_fit_label(form + extra, w, h) if r == 0 else _fit_label(form + extra, h, w)), r) for r in turns)
    return form, round(max(0.05, best[0]), 3), best[1]


def _mtext_escape(text: str) -> str:
    return dxf_safe(text).replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


def room_label_lines(room: Room, area: float, lang: str) -> list[list[str]]:
    """The label of a room, fullest first, then shorter forms for rooms too small for it."""
    head = f"{room.id} · {room.name}" if room.name and room.name != room.id else room.id
    use = use_label(room.use, lang)
    if room.group != "all":
        use += f" · {group_label(room.group, lang, short=True)}"
    elif room.name and room.name.strip().lower() == use.lower():
        use = ""  # the name already says it
    area_text = f"{number(area, 1, lang)} m²"
    if room.beds:
        area_text += f" · {beds_label(room.beds, lang)}"
    short = [room.id, area_text]
    full = [head, use, area_text] if use else [head, area_text]
    return [full, short, [room.id]]


# ---- the drawing -----------------------------------------------------------------------------
def _xdata_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(round(v, 6))
    return str(v)


def _kv(pairs: Iterable[tuple[str, Any]]) -> list[tuple[int, str]]:
    out = []
    for k, v in pairs:
        if v is None:
            continue
        text = dxf_safe(f"{k}={_xdata_value(v)}")
        out.append((1000, text[:255]))
    return out


def room_xdata(room: Room, dx: float) -> list[tuple[int, str]]:
    pairs: list[tuple[str, Any]] = [
        ("id", room.id), ("use", room.use), ("group", room.group), ("level", room.level), ("beds", room.beds),
        ("name", room.name), ("height", room.height), ("lockable", room.lockable),
        ("households", room.households), ("occupants", room.occupants), ("seats", room.seats),
    ]
    if room.fixtures is not None:
        pairs += [(f"fixtures.{k}", getattr(room.fixtures, k)) for k in FIXTURES]
    if room.windows is not None:
        pairs.append(("windows", len(room.windows)))
    if dx:
        pairs.append(("offset", f"{_xdata_value(float(dx))},0"))
    return [(1000, "room")] + _kv(pairs)


def _setup_document(lang: str) -> Drawing:
    doc = ezdxf.new("R2013", setup=True, units=6)
    doc.header["$MEASUREMENT"] = 1
    doc.header["$INSUNITS"] = 6
    doc.header["$LUNITS"] = 2
    doc.header["$AUNITS"] = 0
    doc.header["$LTSCALE"] = 0.5
    doc.header["$LWDISPLAY"] = 1
    doc.appids.new(APPID)
    ltypes = {lt.dxf.name.upper(): lt.dxf.name for lt in doc.linetypes}
    for d in layer_scheme().values():
        layer = doc.layers.add(d.name, color=d.color, linetype=ltypes.get(d.linetype.upper(), "Continuous"))
        layer.dxf.lineweight = d.lineweight
        if d.description:
            layer.description = d.description
        if not d.plot:
            layer.dxf.plot = 0
        if d.transparency is not None:
            # a light tint of the layer's colour for programs that draw fills opaque (LibreCAD):
            # the colour blended with white as the transparency would show it
            r, g, b = aci2rgb(d.color)
            t = d.transparency
            layer.rgb = (round(r + (255 - r) * t), round(g + (255 - g) * t), round(b + (255 - b) * t))
    if TEXTSTYLE not in doc.styles:
        doc.styles.add(TEXTSTYLE, font="LiberationSans-Regular.ttf")
    dim = {
        "dimtxt": 0.25, "dimasz": 0.15, "dimtsz": 0.1, "dimexe": 0.15, "dimexo": 0.1, "dimgap": 0.08,
        "dimdec": 2, "dimlfac": 1.0, "dimlunit": 2, "dimtad": 1, "dimtih": 0, "dimtoh": 0,
        "dimzin": 8, "dimdsep": ord(",") if lang == "fr" else ord("."), "dimscale": 1.0,
    }
    doc.dimstyles.new(DIMSTYLE, dxfattribs={**dim, "dimtxsty": TEXTSTYLE})
    doc.header["$DIMSTYLE"] = DIMSTYLE
    for k, v in dim.items():  # the header's current dimension settings equal the style's
        doc.header["$" + k.upper()] = v
    return doc


def _level_offsets(centre: Centre, plan: Plan) -> tuple[dict[int, float], dict[int, tuple[float, float, float, float]]]:
    """x shift of each level's drawing, and each level's bounds (in the layout's coordinates)."""
    bounds: dict[int, list[float]] = {}
    for r in centre.rooms:
        xs = [p[0] for p in r.polygon]
        ys = [p[1] for p in r.polygon]
        b = bounds.setdefault(r.level, [math.inf, math.inf, -math.inf, -math.inf])
        b[0], b[1] = min(b[0], min(xs)), min(b[1], min(ys))
        b[2], b[3] = max(b[2], max(xs)), max(b[3], max(ys))
    offsets: dict[int, float] = {}
    x_end = None
    for level in sorted(bounds):
        b = bounds[level]
        if x_end is None:
            offsets[level] = 0.0
        else:
            offsets[level] = x_end + LEVEL_GAP - b[0]
        x_end = b[2] + offsets[level]
    return offsets, {k: tuple(v) for k, v in bounds.items()}  # type: ignore[misc]


def _choose_scale(width: float, height: float, sizes: tuple[float, float, float, float]) -> tuple[int, bool]:
    """The smallest scale of :data:`SCALES` at which the plan (``width`` × ``height`` m) and its title
    block and legend (``sizes``: widths and heights in mm) fit the A3 viewport, with the title block
    under the plan or beside it. Returns (scale, beside)."""
    avail_w = A3[0] - 2 * SHEET_MARGIN - 4
    avail_h = A3[1] - 2 * SHEET_MARGIN - 4
    tb_w, tb_h, lg_w, lg_h = sizes
    for s in SCALES:
        pw, ph = width * 1000 / s, height * 1000 / s
        below = pw <= avail_w and lg_w + 6 + tb_w <= avail_w and ph + 8 + max(tb_h, lg_h) <= avail_h
        beside = pw + 8 + max(tb_w, lg_w) <= avail_w and max(ph, tb_h + 4 + lg_h) <= avail_h
        if below or beside:
            return s, not below
    return SCALES[-1], False


def build_dxf(
    centre: Centre,
    report: Any = None,
    lang: str = "en",
    *,
    plan: Plan | None = None,
    date: _dt.date | None = None,
    revision: str = "A",
) -> Drawing:
    """The plan of ``centre`` as an ezdxf document (see the module docstring for its content).

    ``report``: a standards ``Report`` (or its JSON data); rooms with a failing finding are marked on
    ``A-ISSUE``. ``lang``: ``"en"`` or ``"fr"`` for every text of the drawing.
    """
    check_lang(lang)
    if not centre.rooms:
        raise ExportError("dxf: the centre has no rooms to draw")
    _ = translator(lang)
    plan = plan or build_plan(centre)
    date = date or _dt.date.today()
    doc = _setup_document(lang)
    msp = doc.modelspace()
    offsets, bounds = _level_offsets(centre, plan)
    failing = failing_rules_by_room(report)
    scheme = layer_scheme()

    # 1. fills, under everything else
    for room in centre.rooms:
        dx = offsets[room.level]
        pts = [(x + dx, y) for x, y in room.polygon]
        layer = fill_layer(room.group)
        hatch = msp.add_hatch(color=256, dxfattribs={"layer": layer})
        hatch.paths.add_polyline_path(pts, is_closed=True)
        hatch.transparency = scheme[layer].transparency or 0.0

    # 2. room outlines with their data
    for room in centre.rooms:
        dx = offsets[room.level]
        pts = [(x + dx, y) for x, y in room.polygon]
        pl = msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": room_layer(room.use)})
        pl.set_xdata(APPID, room_xdata(room, dx))

    # 3. outer walls of each level: the parts of room outlines no other room shares
    outside = outside_walls(plan)
    for level, dx in offsets.items():
        parts = [outside[r.id] for r in centre.rooms
                 if r.level == level and r.id not in plan.invalid and r.use != "outdoor"]
        merged = shapely.line_merge(shapely.union_all(parts)) if parts else None
        for line in _lines(merged):
            coords = [(x + dx, y) for x, y in line.coords]
            closed = len(coords) > 3 and coords[0] == coords[-1]
            msp.add_lwpolyline(coords[:-1] if closed else coords, close=closed, dxfattribs={"layer": "A-WALL"})

    # 4. windows and 5. doors
    for room in centre.rooms:
        if room.windows:
            _draw_windows(msp, room, outside[room.id], offsets[room.level])
    for door in centre.doors:
        if door.id in plan.door_points:
            _draw_door(msp, plan, door, offsets)

    # 6. labels, with the ids of failing rules in red under them (on A-ISSUE)
    for room in centre.rooms:
        dx = offsets[room.level]
        poly = plan.polygons[room.id]
        (cx, cy), w, h = _label_box(room, poly)
        rules = failing.get(room.id)
        extra = [" ".join(rules)] if rules else []
        forms = room_label_lines(room, plan.area(room.id), lang)
        lines, height, rotation = _choose_label(forms, extra, w, h)
        n = len(lines) + len(extra)
        # the block of n lines is centred on (cx, cy); MTEXT hangs from its top centre
        ux, uy = (0.0, 1.0) if rotation == 0 else (-1.0, 0.0)  # "up" along the text
        half = height * (1 + (n - 1) * LINE_PITCH) / 2
        top = (cx + dx + ux * half, cy + uy * half)
        msp.add_mtext("\\P".join(_mtext_escape(s) for s in lines), dxfattribs={
            "layer": "A-AREA-IDEN", "char_height": height, "insert": top, "rotation": rotation,
            "attachment_point": 2, "style": TEXTSTYLE})
        if rules:
            down = len(lines) * LINE_PITCH * height
            _draw_issue(msp, plan, room, rules, dx, (top[0] - ux * down, top[1] - uy * down), height, rotation)

    # 8. dimensions, title block, extents, layout
    total = [math.inf, math.inf, -math.inf, -math.inf]
    for level, (x0, y0, x1, y1) in bounds.items():
        dx = offsets[level]
        x0, x1 = x0 + dx, x1 + dx
        total = [min(total[0], x0), min(total[1], y0), max(total[2], x1), max(total[3], y1)]
        off = 1.5
        msp.add_linear_dim(base=(x0, y0 - off), p1=(x0, y0), p2=(x1, y0), dimstyle=DIMSTYLE,
                           dxfattribs={"layer": "A-ANNO-DIMS"}).render()
        msp.add_linear_dim(base=(x0 - off, y0), p1=(x0, y0), p2=(x0, y1), angle=90, dimstyle=DIMSTYLE,
                           dxfattribs={"layer": "A-ANNO-DIMS"}).render()
        if len(bounds) > 1:
            caption = _("Ground floor plan") if level == 0 else _("Level {n} plan", n=level)
            msp.add_text(caption, height=0.5, dxfattribs={"layer": "A-ANNO-TTLB", "style": TEXTSTYLE}).set_placement(
                (x0, y1 + 1.0), align=TextEntityAlignment.BOTTOM_LEFT)
    plan_w = total[2] - total[0] + 3.0
    plan_h = total[3] - total[1] + 3.0
    groups = [g for g in GROUPS if any(r.group == g for r in centre.rooms)]
    rows = _title_rows(centre, failing, lang, date, revision, SCALES[-1])
    sizes = _title_sizes(rows, groups, lang)
    scale, beside = _choose_scale(plan_w, plan_h, sizes)
    rows = _title_rows(centre, failing, lang, date, revision, scale)
    k = scale / 1000.0  # paper mm -> model m
    tb_w, tb_h, lg_w, lg_h = (v * k for v in sizes)
    if beside:  # a column right of the plan: legend above the title block, bottoms level with the plan's
        x0 = total[2] + 8 * k
        tb_top = total[1] - 1.5 + tb_h
        legend_at = (x0, tb_top + 4 * k + lg_h)
    else:  # under the plan: title block right-aligned, legend at its left
        x0 = max(total[2] - tb_w, total[0] - 1.5 + lg_w + 6 * k)
        tb_top = total[1] - 2.5 - 8 * k
        legend_at = (x0 - lg_w - 6 * k, tb_top)
    title = _title_block(msp, rows, groups, lang, x0=x0, top=tb_top, width=tb_w, k=k, legend_at=legend_at)
    ext_min = (min(total[0] - 2.5, title[0]), min(total[1] - 2.5, title[1]), 0.0)
    ext_max = (max(total[2], title[2]), max(total[3] + (1.8 if len(bounds) > 1 else 0.5), title[3]), 0.0)
    msp.reset_extents(ext_min, ext_max)
    doc.header["$EXTMIN"] = ext_min
    doc.header["$EXTMAX"] = ext_max
    doc.header["$LIMMIN"] = ext_min[:2]
    doc.header["$LIMMAX"] = ext_max[:2]
    zoom.window(msp, ext_min[:2], ext_max[:2])
    _paper_layout(doc, scale, ext_min, ext_max)
    _custom_properties(doc, centre, offsets)
    return doc


def outside_walls(plan: Plan) -> dict[str, shapely.Geometry]:
    """Room id → the part of its outline on the outside of the building: shared with no room, or
    with an ``outdoor`` one (a courtyard). Lines."""
    ids = plan.ids
    boundaries = shapely.boundary(np.array([plan.polygons[i] for i in ids], dtype=object))
    shared = []
    for rid in ids:
        walls = [w for n in plan.neighbours[rid]
                 if plan.rooms[n].use != "outdoor" and (w := plan.shared_wall(rid, n)) is not None]
        shared.append(walls[0] if len(walls) == 1 else shapely.union_all(walls) if walls else None)
    out = dict(zip(ids, boundaries))
    idx = [k for k, w in enumerate(shared) if w is not None]
    if idx:
        # the outlines are already on the plan's 1 mm grid and the walls are cut from them, so the
        # exact overlay suffices (a snap-rounding one costs ten times as much)
        diff = shapely.difference(boundaries[idx], np.array([shared[k] for k in idx], dtype=object))
        for k, geom in zip(idx, diff):
            out[ids[k]] = geom
    return out


def _lines(geom) -> list:
    if geom is None or geom.is_empty:
        return []
    if geom.geom_type in ("LineString", "LinearRing"):
        return [geom]
    if hasattr(geom, "geoms"):
        return [g for part in geom.geoms for g in _lines(part)]
    return []


def _draw_windows(msp, room: Room, outside, dx: float) -> None:
    """Windows spread over the room's outside walls (parts shared with no other room), longest first;
    a room with no outside wall gets them on its longest walls."""
    candidates = sorted(_segments(outside) or _segments(Polygon(room.polygon)), key=lambda e: -math.dist(*e))
    if not candidates:
        return
    per_edge: list[list] = [[] for _ in candidates]
    for i, win in enumerate(room.windows or []):
        per_edge[i % len(candidates)].append(win)
    for (a, b), wins in zip(candidates, per_edge):
        if not wins:
            continue
        length = math.dist(a, b)
        ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length
        nx_, ny_ = -uy * WINDOW_DEPTH / 2, ux * WINDOW_DEPTH / 2
        for j, win in enumerate(wins):
            t = length * (j + 0.5) / len(wins)
            half = min(win.width, length) / 2
            cx, cy = a[0] + ux * t + dx, a[1] + uy * t
            p1 = (cx - ux * half, cy - uy * half)
            p2 = (cx + ux * half, cy + uy * half)
            pts = [(p1[0] - nx_, p1[1] - ny_), (p2[0] - nx_, p2[1] - ny_), (p2[0] + nx_, p2[1] + ny_),
                   (p1[0] + nx_, p1[1] + ny_)]
            w = msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": "A-GLAZ"})
            w.set_xdata(APPID, [(1000, "window")] + _kv([
                ("room", room.id), ("width", win.width), ("height", win.height), ("openable", win.openable)]))


def _draw_door(msp, plan: Plan, door, offsets: dict[int, float]) -> None:
    """Leaf and 90° swing at the door's point, along its wall. Exits open outwards; other doors open
    into the room that is not a corridor (else into the first room named)."""
    x, y = plan.door_points[door.id]
    a, b = door.between
    if door.to_outside:
        room_id = a if b == OUTSIDE else b
        wall_geom = plan.polygons[room_id]
        into, outward = room_id, True
    else:
        wall_geom = plan.shared_wall(a, b)
        ra, rb = plan.rooms[a], plan.rooms[b]
        into = b if (ra.use == "corridor" and rb.use != "corridor") else a
        outward = False
        room_id = a
    dx = offsets[plan.rooms[room_id].level]
    ux, uy = _wall_direction(wall_geom, (x, y))
    nx_, ny_ = -uy, ux
    inside = bool(shapely.contains_xy(plan.polygons[into], x + nx_ * 0.05, y + ny_ * 0.05))
    if inside == outward:
        nx_, ny_ = -nx_, -ny_
    w = door.width
    hx, hy = x - ux * w / 2, y - uy * w / 2
    leaf_end = (hx + nx_ * w + dx, hy + ny_ * w)
    hinge = (hx + dx, hy)
    line = msp.add_line(hinge, leaf_end, dxfattribs={"layer": "A-DOOR"})
    line.set_xdata(APPID, [(1000, "door")] + _kv([
        ("id", door.id), ("between", f"{a},{b}"), ("width", door.width),
        ("at", f"{_xdata_value(float(x))},{_xdata_value(float(y))}")]))
    ang_u = math.degrees(math.atan2(uy, ux))
    ang_n = math.degrees(math.atan2(ny_, nx_))
    cross = ux * ny_ - uy * nx_
    start, end = (ang_u, ang_n) if cross > 0 else (ang_n, ang_u)
    msp.add_arc(hinge, w, start, end, dxfattribs={"layer": "A-DOOR"})


def _draw_issue(msp, plan: Plan, room: Room, rules: list[str], dx: float, at: tuple[float, float],
                height: float, rotation: float = 0.0) -> None:
    """A red outline just inside the room and the failing rule ids at ``at`` (top centre)."""
    poly = plan.polygons[room.id]
    inner = poly.buffer(-0.08, join_style="mitre") if poly.area > 0 else poly
    ring_poly = inner if (not inner.is_empty and inner.geom_type == "Polygon") else poly
    if ring_poly.geom_type == "Polygon" and not ring_poly.is_empty:
        pts = [(px + dx, py) for px, py in ring_poly.exterior.coords[:-1]]
        pl = msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": "A-ISSUE"})
        pl.set_xdata(APPID, [(1000, "issue")] + _kv([("room", room.id), ("rules", ",".join(rules))]))
    msp.add_mtext(_mtext_escape(" ".join(rules)), dxfattribs={
        "layer": "A-ISSUE", "char_height": height, "insert": at, "attachment_point": 2, "style": TEXTSTYLE,
        "rotation": rotation,
        "linetype": "Continuous"})  # the layer's dashes would cut the letters in some programs


def _title_rows(centre: Centre, failing: dict, lang: str, date: _dt.date, revision: str,
                scale: int) -> list[tuple[str, float, int]]:
    """The title block's rows: text, height on paper (mm), colour (ACI, 256 = by layer)."""
    _ = translator(lang)
    info = centre.centre
    rows: list[tuple[str, float, int]] = [(info.name, 4.0, 256)]
    if info.location and not info.confidential:
        rows.append((info.location, 2.5, 256))
    levels = sorted({r.level for r in centre.rooms})
    drawing = _("Ground floor plan") if levels == [0] else _("Plan")
    rows.append((f"{drawing} · {_('Dimensions in metres, areas in m²')}", 2.5, 256))
    rows.append((f"{_('Date')}: {date.isoformat()}   {_('Scale')}: 1:{scale} (A3)   "
                 f"{_('Revision')}: {revision}", 2.5, 256))
    if failing:
        rows.append((_("In red: rooms failing a check, with the rule ids"), 2.5, 1))
    if info.confidential:
        rows.append((_("CONFIDENTIAL: do not circulate"), 3.5, 1))
    rows.append((_("Drawn with centreplan"), 2.0, 256))
    return rows


def _title_sizes(rows, groups: list[str], lang: str) -> tuple[float, float, float, float]:
    """Title block width and height, legend width and height, in paper mm."""
    tb_w = max(100.0, max(len(t) * h * CHAR_W for t, h, _c in rows) + 6)
    lg_w = (max((len(group_label(g, lang)) for g in groups), default=0) * 2.5 * CHAR_W + 10) if groups else 0.0
    return tb_w, TITLE_ROW * len(rows), lg_w, TITLE_ROW * len(groups)


def _title_block(msp, rows, groups: list[str], lang: str, *, x0: float, top: float, width: float, k: float,
                 legend_at: tuple[float, float]) -> tuple[float, float, float, float]:
    """The title block (left edge ``x0``, top ``top``, ``width`` in m) and the legend of group fills
    (top left at ``legend_at``); text sizes in paper mm × ``k``. Returns the bounds drawn."""
    attrs = {"layer": "A-ANNO-TTLB", "style": TEXTSTYLE}
    row = TITLE_ROW * k
    right = x0 + width
    height_total = row * len(rows)
    frame = [(x0, top), (right, top), (right, top - height_total), (x0, top - height_total)]
    msp.add_lwpolyline(frame, close=True, dxfattribs={"layer": "A-ANNO-TTLB"})
    for i, (text, h_mm, color) in enumerate(rows):
        y_row = top - (i + 1) * row
        if i:
            msp.add_line((x0, y_row + row), (right, y_row + row), dxfattribs={"layer": "A-ANNO-TTLB"})
        t = msp.add_text(dxf_safe(text), height=h_mm * k, dxfattribs={**attrs, "color": color})
        t.set_placement((x0 + 2 * k, y_row + row / 2), align=TextEntityAlignment.MIDDLE_LEFT)
    bottom = top - height_total
    sw = 6 * k
    lx, ly = legend_at
    legend_top = ly
    for g in groups:
        ly -= row
        pts = [(lx, ly + row * 0.2), (lx + sw, ly + row * 0.2), (lx + sw, ly + row * 0.8), (lx, ly + row * 0.8)]
        hatch = msp.add_hatch(color=256, dxfattribs={"layer": fill_layer(g)})
        hatch.paths.add_polyline_path(pts, is_closed=True)
        msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": "A-ANNO-TTLB"})
        t = msp.add_text(group_label(g, lang), height=2.5 * k, dxfattribs=attrs)
        t.set_placement((lx + sw + 2 * k, ly + row / 2), align=TextEntityAlignment.MIDDLE_LEFT)
    return (min(lx, x0) if groups else x0, min(bottom, ly), right, max(top, legend_top))


def layout_name(scale: int) -> str:
    """The paper-space layout's name: ``A3 1-100`` (DXF names may not contain ':')."""
    return f"A3 1-{scale}"


def _paper_layout(doc: Drawing, scale: int, ext_min, ext_max) -> None:
    name = layout_name(scale)
    psp = doc.layouts.new(name)
    psp.page_setup(size=A3, margins=(SHEET_MARGIN,) * 4, units="mm")
    x0, y0 = SHEET_MARGIN, SHEET_MARGIN
    x1, y1 = A3[0] - SHEET_MARGIN, A3[1] - SHEET_MARGIN
    # no frame or other entity here: LibreCAD 2.2 draws paper space over model space
    vw, vh = x1 - x0 - 4, y1 - y0 - 4
    cx = (ext_min[0] + ext_max[0]) / 2
    cy = (ext_min[1] + ext_max[1]) / 2
    psp.add_viewport(center=((x0 + x1) / 2, (y0 + y1) / 2), size=(vw, vh), view_center_point=(cx, cy),
                     view_height=vh * scale / 1000.0)


def _custom_properties(doc: Drawing, centre: Centre, offsets: dict[int, float]) -> None:
    cv = doc.header.custom_vars
    info = centre.centre
    cv.append("centreplan.format", centre.format)
    cv.append("centreplan.name", dxf_safe(info.name))
    cv.append("centreplan.climate", info.climate)
    cv.append("centreplan.phase", info.phase)
    cv.append("centreplan.levels", str(info.levels))
    cv.append("centreplan.confidential", "true" if info.confidential else "false")
    if info.location and not info.confidential:
        cv.append("centreplan.location", dxf_safe(info.location))
    pop = centre.population
    for g in ("men", "women", "boys", "girls", "family_persons", "households", "staff"):
        cv.append(f"centreplan.population.{g}", str(getattr(pop, g)))
    for level, dx in sorted(offsets.items()):
        cv.append(f"centreplan.level_offset.{level}", _xdata_value(float(dx)))


def dxf_text(doc: Drawing) -> str:
    stream = io.StringIO()
    doc.write(stream)
    return stream.getvalue()


def dxf_bytes(centre: Centre, report: Any = None, lang: str = "en", **options: Any) -> bytes:
    """The DXF file as bytes (UTF-8, as R2013 requires), for download buttons."""
    return dxf_text(build_dxf(centre, report, lang, **options)).encode("utf-8")


def write_dxf(centre: Centre, path: str | os.PathLike[str], report: Any = None, lang: str = "en",
              **options: Any) -> Path:
    """Write the plan to ``path`` (all or nothing: a failed export leaves any existing file as it was)."""
    from layouts.io import atomic_write

    data = dxf_bytes(centre, report, lang, **options)
    atomic_write(path, data)
    return Path(path)
