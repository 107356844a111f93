"""The centre as a DXF plan that engineers plot and carry on in AutoCAD, BricsCAD or LibreCAD.

The drawing is DXF R2013 in metres (``$INSUNITS`` = 6, ``$MEASUREMENT`` = 1), with the layer scheme of
``exports/layers.yaml`` (AIA/NCS-style names). In model space, drawn in this order so that fills lie
under the lines and texts:

- ``A-AREA-PATT-<GROUP>``: a solid, partly transparent fill of each room, coloured by occupant group,
  a hatch associated with the room's outline (in a centre of more than 500 rooms, one hatch per group
  with a boundary path per room, each associated with its outline: the same picture, fewer entities);
- ``A-ROOM-<USE>``: each room's outline, a closed LWPOLYLINE with the room's points as given (the
  wall centre lines), carrying the room's data;
- ``A-WALL``: the walls with their thickness (:mod:`exports.dxf_walls`): one solid hatch per level, then
  the closed outlines of the wall masses it is associated with (openings cut at doors and windows);
- ``A-GLAZ``: windows, block ``CP-WINDOW`` (a unit frame scaled to the window's width and the wall's
  thickness) in the wall openings of the room's outside walls;
- ``A-DOOR``: doors, block ``CP-DOOR`` (a unit leaf and 90° swing, scaled to the door's width, hinge at
  the insert point, turned along the wall) with the door id as its ``ID`` attribute;
- ``A-AREA-IDEN``: room tags, block ``CP-ROOM-TAG`` with attributes ``NAME``, ``AREA`` and ``BEDS``
  (an engineer switches one off or edits it as any attribute), 2.5 mm high on paper;
- ``A-ISSUE``: a red outline and the rule ids in every room with a failing finding of the report;
- ``A-ANNO-DIMS``: chain dimensions of the outer walls of each building part and overall dimensions
  (dimension style ``CP-1-<scale>``: text 2.5 mm on paper, ``$DIMSCALE`` = scale / 1000).

Each sheet is a paper-space layout (:mod:`exports.dxf_sheets`): the frame, the title block (block
``CP-TITLE`` with attributes PROJECT, CENTRE, TITLE, NUMBER, REVISION, DATE, AUTHOR, SCALE,
CONFIDENTIALITY), the revision table, the legend, a north arrow (block ``CP-NORTH``: the plan's +y
axis) and a graphic scale bar, around a viewport on the plan at the largest standard scale that fits
(1:50, 1:100, 1:200 on one sheet; a plan that does not fit at 1:200 gets an overview at 1:250 or 1:500
and sheets at 1:200). A3 by default, A1 or A0 on request. No empty ``Layout1``.

LibreCAD 2.2 does not display block attributes: ``attributes=False`` writes the room tags, door tags
and title block values as plain texts at the same places (``centreplan export --cad librecad``).
Texts are written through :func:`dxf_string` (one place to clean what a user typed).

A large plan is written as it is drawn (:func:`write_plan`, used by :func:`write_dxf`, :func:`dxf_bytes`
and ``exports.bundle.export_all``): model space goes out to a temporary file every ``SPOOL_EVERY``
entities instead of being held whole (:class:`exports.dxf_entities.Spool`); the file is the same.

Tables are purged: one text style (``LiberationSans``, besides the required ``Standard``), the
dimension styles in use, the one dashed linetype the layers use. Levels after the first are drawn
to the right of the first, shifted by ``(dx, 0)``. Text is UTF-8, as DXF R2007 and later require;
``$DWGCODEPAGE`` says ``ANSI_1252`` (what AutoCAD writes), GDAL reads the accents right with
``--config DXF_ENCODING UTF-8``.

Machine-readable data (for :mod:`layouts.dxf_import` and other programs)
-------------------------------------------------------------------------
Application id ``CENTREPLAN`` (registered in the APPID table). XDATA is a list of strings (group code
1000): first the record kind, then ``key=value`` strings (split at the first ``=``; values are text,
numbers written with ``repr``-exact decimals, booleans ``true``/``false``).

- room outline (LWPOLYLINE on ``A-ROOM-<USE>``): ``room``, then ``id``, ``use``, ``group``, ``level``,
  ``beds``, and when set ``name``, ``height`` (m), ``lockable``, ``households``, ``occupants``,
  ``seats``, ``lock``, ``accessible``, ``lighting`` (lux or ``lit``/``unlit``), ``fixtures.<kind>``
  (count, for wc, shower, basin, urinal, phone, accessible_wc, accessible_shower), ``windows`` (count).
  The outline's points are the layout's polygon plus the level shift ``dx`` (``offset=dx,0`` is
  written when it is not zero).
- door (INSERT of ``CP-DOOR`` on ``A-DOOR``): ``door``, then ``id``, ``between=A,B`` (``outside`` for
  an exit), ``width`` (m), ``at=x,y`` (the door's point in the layout's coordinates), and when set
  ``step`` (m), ``ramp_slope`` (rise over run), ``lighting``, ``entrance=ROLE,ROLE``, ``one_way``.
- window (INSERT of ``CP-WINDOW`` on ``A-GLAZ``): ``window``, then ``room``, ``width``, ``height``,
  ``openable``.
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
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ezdxf
import shapely
import yaml
from ezdxf import zoom
from ezdxf.document import Drawing
from ezdxf.enums import TextEntityAlignment
from shapely.geometry import Point
from shapely.ops import polylabel

from centreplan.exports import dxf_entities as fast
from centreplan.exports.dxf_sheets import SIDE, Sheet, plan_sheets, scale_bar_length, viewport_box
from centreplan.exports.dxf_walls import (
    WallSpec,
    build_walls,
    default_walls,
    outside_walls,
    polygons_of,
    unions_by_part,
    window_places,
)
from centreplan.exports.labels import beds_label, check_lang, group_label, translator, use_label
from centreplan.planner.errors import ExportError
from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.model import GROUPS, OUTSIDE, USES, Centre, Room
from centreplan.planner.numbers import number, quantity
from centreplan.planner.text_safety import dxf_safe
from centreplan.planner.vocabulary import rgb as vocabulary_rgb

APPID = "CENTREPLAN"
LAYERS_FILE = Path(__file__).with_name("layers.yaml")
TEXTSTYLE = "LiberationSans"
TAG_MM = 2.5  # mm on paper: room tag lines (the issue asks 2.5–3.5 mm)
DOOR_TAG_MM = 2.0  # mm on paper: door ids
ISSUE_MM = 2.5  # mm on paper: failing rule ids
CHAR_W = 0.8  # character width / height, generous: LibreCAD's stroke font is wider than Arial's
LINE_PITCH = 1.6  # tag lines are 1.6 text heights apart
LEVEL_GAP = 10.0  # m between the plans of two levels
BLOCK_DOOR, BLOCK_WINDOW, BLOCK_TAG = "CP-DOOR", "CP-WINDOW", "CP-ROOM-TAG"
BLOCK_TITLE, BLOCK_NORTH = "CP-TITLE", "CP-NORTH"
GROUP_FILL_ROOMS = 500  # above this many rooms, one fill per group (a boundary path per room)
SPOOL_EVERY = 1000  # model-space entities written out at a time by write_plan (dxf_entities.Spool)
TITLE_W, TITLE_ROW = SIDE, 8.0  # mm: title block width and row height


def dimstyle_name(scale: int) -> str:
    return f"CP-1-{scale}"


DIMSTYLE = dimstyle_name(100)  # the style of a plan at 1:100 (the tests' small plan)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def dxf_string(text: Any) -> str:
    """Any text written into the drawing: one line, no control characters (a group code is one line);
    no-break spaces as plain spaces (LibreCAD's fonts have no glyph for them)."""
    return _CONTROL.sub(" ", str(text)).replace("\u00a0", " ").replace("\u202f", " ").strip()


def _mtext_escape(text: str) -> str:
    return dxf_string(text).replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")


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
        if isinstance(f, dict):
            if f.get("status") != "fail":
                continue
            rooms, subject, rule = f.get("rooms") or [], f.get("subject"), str(f.get("rule"))
        else:  # a Finding: its fields read one by one (no text among them; a finding keeps no mapping of them)
            if f.status != "fail":
                continue
            rooms, subject, rule = f.rooms or [], getattr(f, "subject", None), f.rule
        for rid in ([subject] if subject in rooms else rooms):
            rules = out.setdefault(str(rid), [])
            if rule not in rules:
                rules.append(rule)
    return out



# ---- room tags ---------------------------------------------------------------------------------
def _is_axis_rectangle(pts: list[tuple[float, float]]) -> bool:
    if len(pts) != 4:
        return False
    return len({round(x, 6) for x, _ in pts}) == 2 and len({round(y, 6) for _, y in pts}) == 2


def _label_box(room: Room, poly) -> tuple[tuple[float, float], float, float]:
    """Where a room's tag goes and the width and height it may use (m)."""
    pts = [(float(p[0]), float(p[1])) for p in room.polygon]
    if _is_axis_rectangle(pts):
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2), max(xs) - min(xs), max(ys) - min(ys)
    if poly.is_empty or poly.area <= 0 or poly.geom_type != "Polygon":
        c = poly.centroid if not poly.is_empty else Point(pts[0])
        return (c.x, c.y), 0.5, 0.5
    centre = polylabel(poly, tolerance=0.05)
    r = poly.exterior.distance(centre)
    box_w = box_h = 2 * r * 0.7071
    minx, miny, maxx, maxy = poly.bounds
    for axis in ("x", "y"):  # the largest axis box round the centre that stays inside
        lo, hi = (minx, maxx) if axis == "x" else (miny, maxy)
        for k in range(10, 0, -1):
            w = (hi - lo) * k / 10
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


def room_tag_values(room: Room, area: float, lang: str) -> list[dict[str, str]]:
    """The tag's attribute values, fullest name first, then shorter names for narrow rooms."""
    name = room.name if room.name and room.name != room.id else ""
    area_text = quantity(area, "m²", lang, 1)
    beds = beds_label(room.beds, lang) if room.beds else ""
    names = ([f"{room.id} · {name}", room.id] if name else [room.id])
    if not name and room.group != "all":
        names.insert(0, f"{room.id} · {use_label(room.use, lang)} · {group_label(room.group, lang, short=True)}")
    return [{"ID": room.id, "NAME": n, "AREA": area_text, "BEDS": beds} for n in names]


@dataclass(frozen=True)
class TagPlace:
    values: dict[str, str]
    centre: tuple[float, float]
    height: float  # m
    rotation: float  # degrees


def place_tag(room: Room, poly, area: float, lang: str, k: float) -> TagPlace:
    """The tag of a room at ``TAG_MM`` on paper (``k`` m per paper mm), never smaller: the fullest
    name that fits across the room, turned 90° in a room much deeper than wide when that fits better."""
    (cx, cy), w, h = _label_box(room, poly)
    height = TAG_MM * k
    forms = room_tag_values(room, area, lang)
    turns = (0.0, 90.0) if h > 1.5 * w else (0.0,)

    def width_of(v: dict[str, str]) -> float:
        return max(len(s) for t, s in v.items() if t != "ID") * height * CHAR_W

    for values in forms:
        for r in turns:
            across = w if r == 0 else h
            if width_of(values) <= 0.95 * across:
                return TagPlace(values, (cx, cy), height, r)
    values = forms[-1]
    return TagPlace(values, (cx, cy), height, turns[-1])


# ---- document ----------------------------------------------------------------------------------
def _setup_document(lang: str, scale: int) -> Drawing:
    """An R2013 drawing in metres with only the tables the plan uses."""
    doc = ezdxf.new("R2013", setup=False, units=6)
    k = scale / 1000.0
    h = doc.header
    h["$MEASUREMENT"] = 1
    h["$INSUNITS"] = 6
    h["$LUNITS"] = 2
    h["$LUPREC"] = 2
    h["$AUNITS"] = 0
    h["$AUPREC"] = 0
    h["$LTSCALE"] = 1.0
    h["$PSLTSCALE"] = 0  # paper space is drawn in model units: its linetypes scale like the model's
    h["$LWDISPLAY"] = 1
    h["$TEXTSIZE"] = TAG_MM * k
    h["$ATTMODE"] = 1
    doc.appids.new(APPID)
    # the one dashed linetype the layer scheme uses: 5 mm dash, 2.5 mm gap on paper at the plan's scale
    doc.linetypes.add("DASHED", pattern=[7.5 * k, 5.0 * k, -2.5 * k], description="Dashed __ __ __")
    for d in layer_scheme().values():
        layer = doc.layers.add(d.name, color=d.color,
                               linetype=d.linetype if d.linetype.upper() in ("CONTINUOUS", "DASHED") else "Continuous")
        layer.dxf.lineweight = d.lineweight
        if d.description:
            layer.description = d.description
        if not d.plot:
            layer.dxf.plot = 0
    for group in GROUPS:  # the group's colour of the vocabulary: the app and the PDF show the same
        doc.layers.get(fill_layer(group)).rgb = vocabulary_rgb(group)
    doc.styles.add(TEXTSTYLE, font="LiberationSans-Regular.ttf")
    h["$TEXTSTYLE"] = TEXTSTYLE
    dim = {
        "dimtxt": TAG_MM, "dimasz": 2.0, "dimtsz": 1.5, "dimexe": 1.25, "dimexo": 1.0, "dimgap": 0.8,
        "dimdli": 7.0, "dimdec": 2, "dimlfac": 1.0, "dimlunit": 2, "dimtad": 1, "dimtih": 0, "dimtoh": 0,
        "dimzin": 8, "dimdsep": ord(",") if lang == "fr" else ord("."), "dimscale": k,
    }
    name = dimstyle_name(scale)
    doc.dimstyles.new(name, dxfattribs={**dim, "dimtxsty": TEXTSTYLE})
    h["$DIMSTYLE"] = name
    for key, v in dim.items():  # the header's current dimension settings equal the style's
        h["$" + key.upper()] = v
    return doc


def _define_blocks(doc: Drawing, lang: str) -> None:
    """Door, window, room tag, north arrow and title block definitions."""
    _ = translator(lang)
    door = doc.blocks.new(BLOCK_DOOR)  # "Door, unit width: hinge at the origin, wall along +x"
    door.add_line((0, 0), (0, 1))  # the leaf, open at 90°
    door.add_arc((0, 0), 1.0, 0, 90)  # the swing
    door.add_attdef("ID", (0.5, -0.5), dxfattribs={"height": 0.2, "style": TEXTSTYLE})
    win = doc.blocks.new(BLOCK_WINDOW)  # "Window, unit width × wall thickness, centred"
    win.add_lwpolyline([(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)], close=True)
    win.add_line((-0.5, -1 / 6), (0.5, -1 / 6))  # two panes of glass
    win.add_line((-0.5, 1 / 6), (0.5, 1 / 6))
    tag = doc.blocks.new(BLOCK_TAG)  # "Room tag: name, area, beds (text height 1: scale = height)"
    tag.add_attdef("ID", (0, 0), dxfattribs={"height": 1.0, "style": TEXTSTYLE, "flags": 1})  # invisible: data
    for tag_name, y in (("NAME", LINE_PITCH), ("AREA", 0.0), ("BEDS", -LINE_PITCH)):
        a = tag.add_attdef(tag_name, (0, y), dxfattribs={"height": 1.0, "style": TEXTSTYLE})
        a.set_placement((0, y), align=TextEntityAlignment.MIDDLE_CENTER)
    north = doc.blocks.new(BLOCK_NORTH)  # "North arrow, 12 mm (the plan's +y axis)"
    north.add_lwpolyline([(0, 0), (-3, -4), (0, 8), (3, -4)], close=True)
    north.add_solid([(0, 8), (0, 0), (3, -4)])
    t = north.add_text("N", height=3.5, dxfattribs={"style": TEXTSTYLE})
    t.set_placement((0, 10), align=TextEntityAlignment.BOTTOM_CENTER)
    _define_title_block(doc, lang)


TITLE_FIELDS = ("PROJECT", "CENTRE", "TITLE", "NUMBER", "REVISION", "DATE", "AUTHOR", "SCALE", "CONFIDENTIALITY")


def _title_captions(lang: str) -> dict[str, str]:
    _ = translator(lang)
    return {"PROJECT": _("Project"), "CENTRE": _("Centre"), "TITLE": _("Drawing"), "NUMBER": _("Drawing no."),
            "REVISION": _("Revision"), "DATE": _("Date"), "AUTHOR": _("Drawn by"), "SCALE": _("Scale"),
            "CONFIDENTIALITY": _("Confidentiality")}


# rows of the title block (mm from its top): caption field(s) and the value height
TITLE_ROWS = (("PROJECT",), ("CENTRE",), ("TITLE",), ("NUMBER", "REVISION"), ("DATE", "SCALE"), ("AUTHOR",),
              ("CONFIDENTIALITY",))


def _define_title_block(doc: Drawing, lang: str) -> None:
    """``CP-TITLE`` in paper millimetres (inserted at scale k), top-left corner at the origin."""
    caps = _title_captions(lang)
    blk = doc.blocks.new(BLOCK_TITLE)  # "Title block, paper mm, origin at its top-left corner"
    rows = len(TITLE_ROWS)
    blk.add_lwpolyline([(0, 0), (TITLE_W, 0), (TITLE_W, -rows * TITLE_ROW), (0, -rows * TITLE_ROW)], close=True)
    for i, fields in enumerate(TITLE_ROWS):
        top = -i * TITLE_ROW
        if i:
            blk.add_line((0, top), (TITLE_W, top))
        col_w = TITLE_W / len(fields)
        for j, f in enumerate(fields):
            x = j * col_w
            if j:
                blk.add_line((x, top), (x, top - TITLE_ROW))
            c = blk.add_text(dxf_string(caps[f]), height=1.6, dxfattribs={"style": TEXTSTYLE})
            c.set_placement((x + 1.2, top - 1.0), align=TextEntityAlignment.TOP_LEFT)
            h = 2.5
            a = blk.add_attdef(f, (x + 1.2, top - TITLE_ROW + 1.0), dxfattribs={"height": h, "style": TEXTSTYLE})
            a.set_placement((x + 1.2, top - TITLE_ROW + 1.0), align=TextEntityAlignment.BOTTOM_LEFT)
            if f == "CONFIDENTIALITY":
                a.dxf.color = 1


def _squeeze(text: str, height: float, room: float) -> float:
    """The width factor (1 or less, at least 0.5) that keeps ``text`` within ``room``."""
    need = len(text) * height * CHAR_W
    return 1.0 if need <= room else max(0.5, round(room / need, 3))


def title_fit() -> dict[str, float]:
    """Room (block mm) for each title block value: its cell's width less the margins."""
    return {f: TITLE_W / len(fields) - 2.4 for fields in TITLE_ROWS for f in fields}


# ---- text through one place --------------------------------------------------------------------
def _text(space, text: str, at: tuple[float, float], height: float, *, layer: str,
          align: TextEntityAlignment = TextEntityAlignment.MIDDLE_LEFT, rotation: float = 0.0, color: int = 256):
    t = space.add_text(dxf_string(text), height=height, rotation=rotation,
                       dxfattribs={"layer": layer, "style": TEXTSTYLE, "color": color})
    t.set_placement(at, align=align)
    return t


def _insert_with_values(space, block: str, at, values: dict[str, str], *, layer: str, attributes: bool,
                        scale: float = 1.0, rotation: float = 0.0, xdata=None, attrib_color: dict | None = None,
                        fit: dict[str, float] | None = None):
    """An INSERT of ``block`` with its attribute ``values``; with ``attributes=False`` the values are
    plain TEXTs where the attributes would be (for LibreCAD 2.2, which does not show attributes)."""
    ins = fast.add_insert(space, block, at, layer=layer, xscale=scale, rotation=rotation)
    clean = {k: dxf_string(v) for k, v in values.items()}
    if clean and attributes:  # (no values: a door, whose id its caller adds)
        # one ATTRIB per ATTDEF, as ezdxf's add_auto_attribs places them, from the block's attribute
        # definitions read once per drawing (an insert is only moved, turned and scaled uniformly)
        cos, sin = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
        x0, y0 = at[0], at[1]

        def place(p) -> tuple[float, float]:
            return (x0 + scale * (p[0] * cos - p[1] * sin), y0 + scale * (p[0] * sin + p[1] * cos))

        for tag, template in _attdef_templates(space.doc, block):
            attribs = dict(template)
            default = attribs.pop("text", "")  # the ATTDEF's default value, for a tag not given
            text = clean.get(tag, default)
            attribs["layer"] = layer
            attribs["height"] = template.get("height", 1.0) * scale
            attribs["rotation"] = (template.get("rotation", 0.0) + rotation) % 360.0
            attribs["align_point"] = place(attribs.get("align_point", attribs["insert"]))
            attribs.setdefault("width", 1.0)
            if attrib_color and tag in attrib_color:
                attribs["color"] = attrib_color[tag]
            if fit and tag in fit:
                attribs["width"] = _squeeze(text, attribs["height"], fit[tag] * scale)
            fast.add_attrib(ins, tag, text, place(attribs.pop("insert")), attribs)
    elif clean:
        blk = space.doc.blocks[block]
        m = ins.matrix44()
        for attdef in blk.attdefs():
            value = clean.get(attdef.dxf.tag, "")
            if not value or attdef.is_invisible:
                continue
            p = m.transform(attdef.dxf.align_point if attdef.dxf.halign or attdef.dxf.valign else attdef.dxf.insert)
            t = space.add_text(value, height=attdef.dxf.height * scale, rotation=rotation,
                               dxfattribs={"layer": layer, "style": TEXTSTYLE,
                                           "color": (attrib_color or {}).get(attdef.dxf.tag, 256)})
            t.set_placement((p.x, p.y), align=attdef.get_align_enum())
            if fit and attdef.dxf.tag in fit:
                t.dxf.width = _squeeze(value, attdef.dxf.height * scale, fit[attdef.dxf.tag] * scale)
    if xdata:
        ins.set_xdata(APPID, xdata)
    return ins


_ATTDEFS: weakref.WeakKeyDictionary[Drawing, dict[str, list[tuple[str, dict[str, Any]]]]] = \
    weakref.WeakKeyDictionary()


def _attdef_templates(doc: Drawing, block: str) -> list[tuple[str, dict[str, Any]]]:
    """The DXF attributes of each ATTDEF of ``block`` (in the block's coordinates), read once per drawing."""
    cache = _ATTDEFS.setdefault(doc, {})
    if block not in cache:
        out = []
        for attdef in doc.blocks[block].attdefs():
            d = attdef.dxfattribs(drop={"prompt", "handle", "owner", "layer", "extrusion"})
            d["insert"] = tuple(d["insert"])[:2]
            if "align_point" in d:
                d["align_point"] = tuple(d["align_point"])[:2]
            out.append((d.pop("tag"), d))
        cache[block] = out
    return cache[block]


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
        ("lock", room.lock), ("accessible", room.accessible), ("lighting", room.lighting),
    ]
    if room.fixtures is not None:
        pairs += [(f"fixtures.{k}", getattr(room.fixtures, k)) for k in type(room.fixtures).model_fields]
    if room.windows is not None:
        pairs.append(("windows", len(room.windows)))
    if dx:
        pairs.append(("offset", f"{_xdata_value(float(dx))},0"))
    return [(1000, "room")] + _kv(pairs)


# ---- the drawing -------------------------------------------------------------------------------
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
        offsets[level] = 0.0 if x_end is None else x_end + LEVEL_GAP - b[0]
        x_end = b[2] + offsets[level]
    return offsets, {k: tuple(v) for k, v in bounds.items()}  # type: ignore[misc]


def drawing_sheets(centre: Centre, plan: Plan | None = None, sheet: str = "A3", details: bool = False) -> list[Sheet]:
    """The sheets the plan of ``centre`` is laid out on (scale, windows), as :func:`build_dxf` does."""
    plan = plan or build_plan(centre)
    offsets, bounds = _level_offsets(centre, plan)
    total = [math.inf, math.inf, -math.inf, -math.inf]
    for level, (x0, y0, x1, y1) in bounds.items():
        dx = offsets[level]
        total = [min(total[0], x0 + dx), min(total[1], y0), max(total[2], x1 + dx), max(total[3], y1)]
    return plan_sheets(tuple(total), sheet, details)  # type: ignore[arg-type]


# Complexity: the drawing is assembled layer by layer in one sequence, read top to bottom.
def build_dxf(  # noqa: C901 (reason above)
    centre: Centre,
    report: Any = None,
    lang: str = "en",
    *,
    plan: Plan | None = None,
    date: _dt.date | None = None,
    revision: str = "A",
    sheet: str = "A3",
    details: bool = False,
    walls: WallSpec | None = None,
    attributes: bool = True,
    project: str | None = None,
    author: str | None = None,
    number_prefix: str = "PL",
    spool: Any = None,
) -> Drawing:
    """The plan of ``centre`` as an ezdxf document (see the module docstring for its content).

    ``report``: a standards ``Report`` (or its JSON data); rooms with a failing finding are marked on
    ``A-ISSUE``. ``lang``: ``"en"`` or ``"fr"`` for every text of the drawing. ``sheet``: A3, A1 or A0.
    ``walls``: thicknesses (default :func:`exports.dxf_walls.default_walls`). ``attributes=False``:
    tags and title block values as plain texts (LibreCAD 2.2 does not show attributes). ``spool``: an
    open temporary binary file into which model space is written as it is drawn (:class:`dxf_entities.Spool`:
    a large plan is never held whole); the drawing is then only good for :func:`write_dxf_stream`, once,
    while that file is open (:func:`write_plan` does both).
    """
    check_lang(lang)
    if not centre.rooms:
        raise ExportError("dxf: the centre has no rooms to draw")
    plan = plan or build_plan(centre)
    date = date or _dt.date.today()
    spec = walls or default_walls()
    sheets = drawing_sheets(centre, plan, sheet, details)
    scale = min(s.scale for s in sheets)  # the most detailed sheet sizes the annotation
    k = scale / 1000.0
    doc = _setup_document(lang, scale)
    _define_blocks(doc, lang)
    msp = doc.modelspace()
    out = fast.Spool(doc, spool, SPOOL_EVERY) if spool is not None else fast.NoSpool()
    offsets, bounds = _level_offsets(centre, plan)
    failing = failing_rules_by_room(report)
    scheme = layer_scheme()

    # 1. fills, under everything else, and 2. room outlines with their data; each fill's boundary path
    # is associated with its outline (a large centre: one fill per group, a path per room)
    fills: dict[str, tuple[Any, Any]] = {}
    group_hatches: dict[str, Any] = {}
    for room in centre.rooms:
        dx = offsets[room.level]
        pts = [(x + dx, y) for x, y in room.polygon]
        layer = fill_layer(room.group)
        hatch = group_hatches.get(layer)
        if hatch is None:
            hatch = msp.add_hatch(color=256, dxfattribs={"layer": layer})
            hatch.transparency = scheme[layer].transparency or 0.0
            out.keep(hatch)  # its paths are associated with the outlines below
            if len(centre.rooms) > GROUP_FILL_ROOMS:
                group_hatches[layer] = hatch
        fills[room.id] = (hatch, fast.add_polyline_path(hatch, pts))
    for room in centre.rooms:
        dx = offsets[room.level]
        pts = [(x + dx, y) for x, y in room.polygon]
        pl = fast.add_lwpolyline(msp, pts, layer=room_layer(room.use))
        pl.set_xdata(APPID, room_xdata(room, dx))
        hatch, path = fills[room.id]
        hatch.associate(path, [pl])
        out.step()
    for hatch, _path in fills.values():
        out.release(hatch)

    # 3. walls with their thickness, openings cut at doors and windows
    outside = outside_walls(plan)
    win_places: list[tuple[Any, Any]] = []  # (opening, the room's window)
    for room in centre.rooms:
        if room.windows and room.id not in plan.invalid:
            win_places += window_places(room, outside[room.id], spec.outer if _has_outside(outside[room.id])
                                        else spec.inner)
    wall_set = build_walls(plan, spec, [o for o, _w in win_places])
    for level, geom in wall_set.outline.items():  # one fill per level, under the outlines: a path per ring
        dx = offsets[level]
        rings = [ring for poly in polygons_of(geom) for ring in (poly.exterior, *poly.interiors)]
        if not rings:
            continue
        hatch = msp.add_hatch(color=256, dxfattribs={"layer": "A-WALL"})
        out.keep(hatch)  # its paths are associated with the outlines drawn next
        for ring in rings:
            coords = [(x + dx, y) for x, y in ring.coords[:-1]]
            pl = fast.add_lwpolyline(msp, coords, layer="A-WALL")
            hatch.associate(fast.add_polyline_path(hatch, coords), [pl])
            out.step()
        out.release(hatch)

    # 4. windows and 5. doors, as blocks
    level_of = {r.id: r.level for r in centre.rooms}
    for opening, win in win_places:
        dx = offsets[level_of[opening.ref]]
        (cx, cy), (ux, uy) = opening.centre, opening.direction
        ins = fast.add_insert(msp, BLOCK_WINDOW, (cx + dx, cy), layer="A-GLAZ", xscale=opening.width,
                              yscale=opening.thickness, rotation=math.degrees(math.atan2(uy, ux)))
        ins.set_xdata(APPID, [(1000, "window")] + _kv([
            ("room", opening.ref), ("width", win.width), ("height", win.height), ("openable", win.openable)]))
        out.step()
    door_openings = {o.ref: o for o in wall_set.openings if o.kind == "door"}
    for door in centre.doors:
        if door.id in door_openings:
            _draw_door(msp, plan, door, door_openings[door.id], offsets, k, attributes)
            out.step()

    # 6. room tags, with the ids of failing rules in red under them (on A-ISSUE)
    marked = [r.id for r in centre.rooms if r.id in failing]
    insides = dict(zip(marked, shapely.buffer([plan.polygons[i] for i in marked], -0.15, join_style="mitre")))
    for room in centre.rooms:
        dx = offsets[room.level]
        poly = plan.polygons[room.id]
        tag = place_tag(room, poly, plan.area(room.id), lang, k)
        cx, cy = tag.centre
        _insert_with_values(msp, BLOCK_TAG, (cx + dx, cy), tag.values, layer="A-AREA-IDEN", attributes=attributes,
                            scale=tag.height, rotation=tag.rotation)
        rules = failing.get(room.id)
        if rules:
            down = 2.6 * tag.height * LINE_PITCH
            ux, uy = (0.0, 1.0) if tag.rotation == 0 else (-1.0, 0.0)
            _draw_issue(msp, plan, room, rules, dx, (cx + dx - ux * down, cy - uy * down), ISSUE_MM * k, tag.rotation,
                        inner=insides[room.id])
        out.step()

    # 7. dimensions: chains along the outer walls of each building part, then the overall size
    total = [math.inf, math.inf, -math.inf, -math.inf]
    name = dimstyle_name(scale)
    for level, (x0, y0, x1, y1) in bounds.items():
        dx = offsets[level]
        total = [min(total[0], x0 + dx), min(total[1], y0), max(total[2], x1 + dx), max(total[3], y1)]
        _chain_dimensions(msp, plan, level, dx, k, name, chains=len(sheets) == 1)
        if len(bounds) > 1:
            _ = translator(lang)
            caption = _("Ground floor plan") if level == 0 else _("Level {n} plan", n=level)
            _text(msp, caption, (x0 + dx, y1 + 8 * k), 3.5 * k, layer="A-ANNO-TTLB",
                  align=TextEntityAlignment.BOTTOM_LEFT)
    ext_min = (total[0] - 20 * k, total[1] - 20 * k, 0.0)
    ext_max = (total[2] + 2 * k, total[3] + 12 * k, 0.0)
    msp.reset_extents(ext_min, ext_max)
    doc.header["$EXTMIN"] = ext_min
    doc.header["$EXTMAX"] = ext_max
    doc.header["$LIMMIN"] = ext_min[:2]
    doc.header["$LIMMAX"] = ext_max[:2]
    zoom.window(msp, ext_min[:2], ext_max[:2])
    out.flush()

    # 8. the sheets
    groups = [g for g in GROUPS if any(r.group == g for r in centre.rooms)]
    info = dict(project=project, author=author, date=date, revision=revision, prefix=number_prefix,
                levels=sorted(bounds))
    for sh in sheets:
        _sheet_layout(doc, sh, centre, lang, groups, failing, info, attributes, scale)
    doc.layouts.set_active_layout(sheets[0].layout_name)
    doc.layouts.delete("Layout1")
    _custom_properties(doc, centre, offsets)
    return doc


def _has_outside(geom) -> bool:
    return geom is not None and not geom.is_empty and geom.length > 0


def _draw_door(msp, plan: Plan, door, opening, offsets: dict[int, float], k: float, attributes: bool) -> None:
    """``CP-DOOR`` at the hinge, scaled to the width, turned along the wall. Exits open outwards; other
    doors open into the room that is not a corridor (else into the first room named)."""

    x, y = opening.centre
    a, b = door.between
    if door.to_outside:
        room_id = a if b == OUTSIDE else b
        into, outward = room_id, True
    else:
        ra, rb = plan.rooms[a], plan.rooms[b]
        into = b if (ra.use == "corridor" and rb.use != "corridor") else a
        outward = False
        room_id = a
    dx = offsets[plan.rooms[room_id].level]
    ux, uy = opening.direction
    nx_, ny_ = -uy, ux
    inside = bool(shapely.contains_xy(plan.polygons[into], x + nx_ * 0.05, y + ny_ * 0.05))
    if inside == outward:
        nx_, ny_ = -nx_, -ny_
    if ux * ny_ - uy * nx_ < 0:  # keep the swing on the block's +y side: hinge at the other jamb
        ux, uy = -ux, -uy
    w = door.width
    hinge = (x - ux * w / 2 + dx, y - uy * w / 2)
    xdata = [(1000, "door")] + _kv([("id", door.id), ("between", f"{a},{b}"), ("width", door.width),
                                    ("at", f"{_xdata_value(float(x))},{_xdata_value(float(y))}"),
                                    ("step", door.step), ("ramp_slope", door.ramp_slope), ("lighting", door.lighting),
                                    ("entrance", ",".join(door.entrance) if door.entrance else None),
                                    ("one_way", door.one_way)])
    ins = _insert_with_values(msp, BLOCK_DOOR, hinge, {}, layer="A-DOOR", attributes=False, scale=w,
                              rotation=math.degrees(math.atan2(uy, ux)), xdata=xdata)
    # the door's tag: its id, beside the opening on the swing side, DOOR_TAG_MM high on paper
    h = DOOR_TAG_MM * k
    at = (x + dx - nx_ * (h * 1.2 + 0.1), y - ny_ * (h * 1.2 + 0.1))
    if attributes:  # centred on ``at`` (MIDDLE_CENTER)
        fast.add_attrib(ins, "ID", dxf_string(door.id), at, {
            "height": h, "style": TEXTSTYLE, "layer": "A-DOOR", "halign": 1, "valign": 2, "align_point": at})
    else:
        _text(msp, door.id, at, h, layer="A-DOOR", align=TextEntityAlignment.MIDDLE_CENTER)


def _draw_issue(msp, plan: Plan, room: Room, rules: list[str], dx: float, at: tuple[float, float],
                height: float, rotation: float = 0.0, inner=None) -> None:
    """A red outline just inside the room (``inner``: the room's polygon 0.15 m in, when computed
    already) and the failing rule ids centred at ``at``."""
    poly = plan.polygons[room.id]
    if inner is None:
        inner = poly.buffer(-0.15, join_style="mitre")
    if poly.area <= 0:
        inner = poly
    ring_poly = inner if (not inner.is_empty and inner.geom_type == "Polygon") else poly
    if ring_poly.geom_type == "Polygon" and not ring_poly.is_empty:
        pts = [(px + dx, py) for px, py in ring_poly.exterior.coords[:-1]]
        pl = fast.add_lwpolyline(msp, pts, layer="A-ISSUE")
        pl.set_xdata(APPID, [(1000, "issue")] + _kv([("room", room.id), ("rules", ",".join(rules))]))
    fast.add_mtext(msp, _mtext_escape(" ".join(rules)), {
        "layer": "A-ISSUE", "char_height": float(height), "insert": at, "attachment_point": 5, "style": TEXTSTYLE,
        "rotation": float(rotation),
        "linetype": "Continuous"})  # the layer's dashes would cut the letters in some programs


def _chain_dimensions(msp, plan: Plan, level: int, dx: float, k: float, dimstyle: str, chains: bool = True) -> None:
    """Below and left of each building part (a connected group of rooms): a chain through every
    corner of its outer outline (``chains``: not on a site cut into several sheets, where they would
    cost more than they show), and the overall length further out."""
    polys = [plan.polygons[r.id] for r in plan.centre.rooms
             if r.level == level and r.id not in plan.invalid and r.use != "outdoor"]
    if not polys:
        return
    parts = [p for _members, union in unions_by_part(polys) for p in polygons_of(shapely.set_precision(union, 1e-3))]
    attribs = {"layer": "A-ANNO-DIMS"}
    for part in parts:
        x0, y0, x1, y1 = part.bounds
        xs = sorted({round(x, 3) for x, _ in part.exterior.coords})
        ys = sorted({round(y, 3) for _, y in part.exterior.coords})
        chain_off, total_off = 8 * k, 15 * k
        if chains and len(xs) > 2:
            msp.add_multi_point_linear_dim(base=(x0 + dx, y0 - chain_off), points=[(x + dx, y0) for x in xs],
                                           dimstyle=dimstyle, dxfattribs=attribs)
        msp.add_linear_dim(base=(x0 + dx, y0 - total_off), p1=(x0 + dx, y0), p2=(x1 + dx, y0), dimstyle=dimstyle,
                           dxfattribs=attribs).render()
        if chains and len(ys) > 2:
            msp.add_multi_point_linear_dim(base=(x0 + dx - chain_off, y0), points=[(x0 + dx, y) for y in ys],
                                           angle=90, dimstyle=dimstyle, dxfattribs=attribs)
        msp.add_linear_dim(base=(x0 + dx - total_off, y0), p1=(x0 + dx, y0), p2=(x0 + dx, y1), angle=90,
                           dimstyle=dimstyle, dxfattribs=attribs).render()


# ---- sheets ------------------------------------------------------------------------------------
def layout_name(scale: int, size: str = "A3") -> str:
    """The paper-space layout's name: ``A3 1-100`` (DXF names may not contain ':')."""
    return f"{size} 1-{scale}"


def title_values(centre: Centre, sh: Sheet, lang: str, info: dict) -> dict[str, str]:
    _ = translator(lang)
    c = centre.centre
    levels = info.get("levels") or sorted({r.level for r in centre.rooms})
    drawing = _("Ground floor plan") if levels == [0] else _("Plan")
    if sh.overview:
        drawing += " · " + _("overall view")
    if sh.count > 1:
        drawing += " · " + _("sheet {n} of {total}", n=sh.number, total=sh.count)
    centre_text = c.name if (c.confidential or not c.location) else f"{c.name}, {c.location}"
    return {
        "PROJECT": info.get("project") or _("Reception centre: layout and equipment"),
        "CENTRE": centre_text,
        "TITLE": drawing,
        "NUMBER": f"{info.get('prefix') or 'PL'}-{sh.number:02d}",
        "REVISION": info["revision"],
        "DATE": info["date"].isoformat(),
        "AUTHOR": info.get("author") or _("centreplan (generated)"),
        "SCALE": f"1:{sh.scale} ({sh.size_name})",
        "CONFIDENTIALITY": _("CONFIDENTIAL: do not circulate") if c.confidential else _("Not confidential"),
    }


def _sheet_layout(doc: Drawing, sh: Sheet, centre: Centre, lang: str, groups: list[str], failing: dict,
                  info: dict, attributes: bool, tag_scale: int) -> None:
    """One paper-space layout: frame, viewport, title block, revision table, legend, north, scale bar."""
    _ = translator(lang)
    k = sh.k
    psp = doc.layouts.new(sh.layout_name)
    pw, ph = sh.paper
    psp.page_setup(size=sh.paper, margins=(0, 0, 0, 0), units="mm", scale=(1, k), name="ISO")
    ox, oy = sh.origin
    lay = psp.dxf_layout.dxf
    # plot the sheet's window at 1 mm = k m; limits = the sheet in metres, LibreCAD's paper size
    lay.plot_type = 4
    lay.plot_window_x1, lay.plot_window_y1 = ox, oy
    lay.plot_window_x2, lay.plot_window_y2 = ox + pw * k, oy + ph * k
    lay.limmin = (ox, oy)
    lay.limmax = (ox + pw / 1000.0, oy + ph / 1000.0)
    lay.insert_base = (ox, oy, 0)
    lay.extmin = (ox, oy, 0)
    lay.extmax = (ox + pw * k, oy + ph * k, 0)
    main = psp.main_viewport()
    if main is not None:
        main.dxf.center = (ox + pw * k / 2, oy + ph * k / 2)
        main.dxf.width, main.dxf.height = pw * k, ph * k
    P = sh.to_model
    ttl = {"layer": "A-ANNO-TTLB"}
    # sheet edge (trim line, thin) and frame
    psp.add_lwpolyline([P(0, 0), P(pw, 0), P(pw, ph), P(0, ph)], close=True, dxfattribs={**ttl, "lineweight": 0})
    b = 10.0
    psp.add_lwpolyline([P(b, b), P(pw - b, b), P(pw - b, ph - b), P(b, ph - b)], close=True, dxfattribs=ttl)
    col_x = pw - b - SIDE
    psp.add_line(P(col_x, b), P(col_x, ph - b), dxfattribs=ttl)
    # the viewport on the plan: paper units are model metres, so it shows the model at 1:1 in them
    vx0, vy0, vx1, vy1 = viewport_box(sh.paper)
    c = P((vx0 + vx1) / 2, (vy0 + vy1) / 2)
    vp = psp.add_viewport(center=c, size=((vx1 - vx0) * k, (vy1 - vy0) * k), view_center_point=c,
                          view_height=(vy1 - vy0) * k, dxfattribs={"layer": "VIEWPORTS"})
    vp.dxf.flags = vp.dxf.flags | 16384  # locked display: the scale cannot be changed by zooming
    if sh.scale > tag_scale:  # a key plan: tags sized for the detail sheets would print too small here
        vp.frozen_layers = ["A-AREA-IDEN"]
    # title block at the column's foot
    tb_h = TITLE_ROW * len(TITLE_ROWS)
    _insert_with_values(psp, BLOCK_TITLE, P(col_x, b + tb_h), title_values(centre, sh, lang, info),
                        layer="A-ANNO-TTLB", attributes=attributes, scale=k, attrib_color={"CONFIDENTIALITY": 1},
                        fit=title_fit())
    # revision table above it, legend above; north arrow and scale bar at the column's top
    y = b + tb_h + 4
    top = ph - b
    if sh.count == 1:
        y = _revision_table(psp, P, k, col_x, y, lang, info)
        _legend(psp, P, k, col_x, y + 4, lang, groups, bool(failing))
        psp.add_blockref(BLOCK_NORTH, P(col_x + 12, top - 24), dxfattribs={**ttl, "xscale": k, "yscale": k})
        _scale_bar(psp, P, k, sh.scale, col_x + 24, top - 22, lang)
        return
    psp.add_blockref(BLOCK_NORTH, P(col_x + 12, top - 24), dxfattribs={**ttl, "xscale": k, "yscale": k})
    # a set of sheets: the revision table and legend (the same on every sheet) and the scale bar of
    # each scale are drawn once, as blocks in paper mm, and inserted at the sheet's scale
    notes = "CP-SHEET-NOTES"
    if notes not in doc.blocks:
        blk = doc.blocks.new(notes)  # "Revision table and legend, paper mm, origin at their lower left"
        at = (col_x, y)
        y1 = _revision_table(blk, lambda u, v: (u - at[0], v - at[1]), 1.0, col_x, y, lang, info)
        _legend(blk, lambda u, v: (u - at[0], v - at[1]), 1.0, col_x, y1 + 4, lang, groups, bool(failing))
    psp.add_blockref(notes, P(col_x, y), dxfattribs={**ttl, "xscale": k, "yscale": k})
    bar = f"CP-SCALE-BAR-1-{sh.scale}"
    if bar not in doc.blocks:
        _scale_bar(doc.blocks.new(bar), lambda u, v: (u, v), 1.0, sh.scale, 0.0, 0.0, lang)
    psp.add_blockref(bar, P(col_x + 24, top - 22), dxfattribs={**ttl, "xscale": k, "yscale": k})


def _revision_table(psp, P, k: float, x0: float, y0: float, lang: str, info: dict) -> float:
    """Rev | date | description | by, one row for this issue; returns its top (mm). ``P`` places a
    point given in paper mm, ``k`` is model units per paper mm (1 in a block drawn in mm)."""
    _ = translator(lang)
    ttl = "A-ANNO-TTLB"
    cols = [(0, _("Rev.")), (10, _("Date")), (32, _("Description")), (80, _("By"))]
    rows = [[info["revision"], info["date"].isoformat(), _("First issue"), info.get("author") or "centreplan"]]
    row_h = 5.0
    n = len(rows) + 1
    psp.add_lwpolyline([P(x0, y0), P(x0 + SIDE, y0), P(x0 + SIDE, y0 + n * row_h), P(x0, y0 + n * row_h)],
                       close=True, dxfattribs={"layer": ttl})
    for i in range(1, n):
        psp.add_line(P(x0, y0 + i * row_h), P(x0 + SIDE, y0 + i * row_h), dxfattribs={"layer": ttl})
    for cx, _cap in cols[1:]:
        psp.add_line(P(x0 + cx, y0), P(x0 + cx, y0 + n * row_h), dxfattribs={"layer": ttl})
    for j, (cx, cap) in enumerate(cols):
        _text(psp, cap, P(x0 + cx + 1, y0 + (n - 0.5) * row_h), 1.8 * k, layer=ttl)
        for i, row in enumerate(rows):
            _text(psp, row[j], P(x0 + cx + 1, y0 + (n - 1.5 - i) * row_h), 2.0 * k, layer=ttl)
    _text(psp, _("Revisions"), P(x0, y0 + n * row_h + 1.5), 2.5 * k, layer=ttl, align=TextEntityAlignment.BOTTOM_LEFT)
    return y0 + n * row_h + 6


def _legend(psp, P, k: float, x0: float, y0: float, lang: str, groups: list[str], issues: bool) -> float:
    """Group fills, walls, doors, windows and (when any) failing rooms, bottom-up from ``y0`` (mm)."""
    _ = translator(lang)
    row = 6.0
    items: list[tuple[str, str]] = [("fill:" + g, group_label(g, lang)) for g in groups]
    items += [("wall", _("Wall")), ("door", _("Door, with its id")), ("window", _("Window"))]
    if issues:
        items.append(("issue", _("Room failing a check (rule ids)")))
    y = y0
    for kind, text in reversed(items):
        sw = [P(x0 + 2, y + 1), P(x0 + 12, y + 1), P(x0 + 12, y + row - 1), P(x0 + 2, y + row - 1)]
        if kind.startswith("fill:"):
            h = psp.add_hatch(color=256, dxfattribs={"layer": fill_layer(kind[5:])})
            h.paths.add_polyline_path(sw, is_closed=True)
            psp.add_lwpolyline(sw, close=True, dxfattribs={"layer": "A-ANNO-TTLB"})
        elif kind == "wall":
            h = psp.add_hatch(color=256, dxfattribs={"layer": "A-WALL"})
            h.paths.add_polyline_path(sw, is_closed=True)
        elif kind == "door":
            psp.add_blockref(BLOCK_DOOR, P(x0 + 4, y + 1), dxfattribs={"layer": "A-DOOR", "xscale": 4 * k,
                                                                      "yscale": 4 * k})
        elif kind == "window":
            psp.add_blockref(BLOCK_WINDOW, P(x0 + 7, y + row / 2), dxfattribs={
                "layer": "A-GLAZ", "xscale": 10 * k, "yscale": 2 * k})
        else:
            psp.add_lwpolyline(sw, close=True, dxfattribs={"layer": "A-ISSUE"})
        _text(psp, text, P(x0 + 15, y + row / 2), 2.5 * k, layer="A-ANNO-TTLB")
        y += row
    _text(psp, _("Legend"), P(x0, y + 1.5), 2.5 * k, layer="A-ANNO-TTLB", align=TextEntityAlignment.BOTTOM_LEFT)
    return y + 6


def _scale_bar(psp, P, k: float, scale: int, x0: float, y0: float, lang: str) -> None:
    """A graphic scale for 1:``scale``: five alternating blocks over a round length, labelled in metres."""
    length = scale_bar_length(scale)
    mm = length * 1000 / scale
    step = mm / 5
    for i in range(5):
        a, b = x0 + i * step, x0 + (i + 1) * step
        pts = [P(a, y0), P(b, y0), P(b, y0 + 2), P(a, y0 + 2)]
        if i % 2 == 0:
            h = psp.add_hatch(color=7, dxfattribs={"layer": "A-ANNO-TTLB"})
            h.paths.add_polyline_path(pts, is_closed=True)
        psp.add_lwpolyline(pts, close=True, dxfattribs={"layer": "A-ANNO-TTLB"})
    for i in (0, 5):
        value = number(length * i / 5, lang, 0 if float(length).is_integer() else 1)
        _text(psp, value, P(x0 + i * step, y0 + 3), 2.0 * k, layer="A-ANNO-TTLB",
              align=TextEntityAlignment.BOTTOM_CENTER)
    _text(psp, f"1:{scale} · m", P(x0, y0 - 1.5), 2.0 * k, layer="A-ANNO-TTLB", align=TextEntityAlignment.TOP_LEFT)


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


def write_dxf_stream(doc: Drawing, out: Any) -> None:
    """Write ``doc`` into the binary stream ``out`` (an open file or ``io.BytesIO``), UTF-8 as R2013
    requires, without a text copy of the drawing."""
    stream = io.TextIOWrapper(out, encoding="utf-8", newline="")
    doc.write(stream)
    stream.flush()
    stream.detach()


def write_plan(centre: Centre, out: Any, report: Any = None, lang: str = "en", **options: Any) -> None:
    """Draw the plan of ``centre`` and write it into the binary stream ``out``: the same file as
    ``write_dxf_stream(build_dxf(...), out)``, with model space written out as it is drawn (through a
    temporary file) instead of held whole (``options``: those of :func:`build_dxf`)."""
    import tempfile

    with tempfile.TemporaryFile() as spool:
        write_dxf_stream(build_dxf(centre, report, lang, spool=spool, **options), out)


def dxf_bytes(centre: Centre, report: Any = None, lang: str = "en", **options: Any) -> bytes:
    """The DXF file as bytes (UTF-8, as R2013 requires), for download buttons."""
    out = io.BytesIO()
    write_plan(centre, out, report, lang, **options)
    return out.getvalue()


def write_dxf(centre: Centre, path: str | os.PathLike[str], report: Any = None, lang: str = "en",
              **options: Any) -> Path:
    """Write the plan to ``path`` (all or nothing: a failed export leaves any existing file as it was)."""
    from centreplan.layouts.io import atomic_write

    atomic_write(path, lambda fh: write_plan(centre, fh, report, lang, **options))  # straight into the file
    return Path(path)
