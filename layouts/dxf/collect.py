"""Walking the model space once: entities sorted by the role of their layer, in metres."""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import shapely
import shapely.errors
import shapely.ops
from shapely.geometry import LineString, Polygon

from centreplan.layouts.dxf.geom import FLATTEN_M, dedupe, rnd
from centreplan.layouts.dxf.mapping import LayerRule, Mapping, fold
from centreplan.layouts.dxf.messages import sub as submessage
from centreplan.layouts.dxf.report import ImportReport
from centreplan.planner.i18n import N_

MIN_DOOR_M = 0.3  # m: smaller swings are not doors (hatch arcs, fixture symbols)
SWING_M = (0.5, 1.4)  # m: radius of a quarter arc read as a door swing (door leaves 0.6–1.2 m and more)
STROKE_TYPES = ("LINE", "LWPOLYLINE", "POLYLINE", "ARC")
MAX_STROKES = 20_000  # lines kept to find rooms from walls (the real plans measured have at most 3,000)
MAX_ARRAY_COPIES = 1000  # a MINSERT with more copies is read as its first copy, and reported
APPID = "CENTREPLAN"  # application id of the data our own DXF export attaches (exports/dxf.py)


@dataclass
class Outline:
    poly: Polygon
    layer: str
    entity: str
    handle: str
    use: str | None
    group: str | None
    texts: list[TextMark] = field(default_factory=list)
    data: dict[str, str] | None = None  # CENTREPLAN XDATA of our own export
    how: str | None = None  # None: drawn on a room layer; "layer": a layer found by its texts; "walls": a face


@dataclass
class TextMark:
    text: str
    at: tuple[float, float]
    layer: str
    entity: str
    handle: str
    role: str | None
    id_hint: str | None = None
    insert: tuple[float, float] | None = None  # the insertion point, when ``at`` is the middle of the box


@dataclass
class DoorMark:
    hinge: tuple[float, float]
    ends: list[tuple[float, float]]  # candidate far points along the wall (arc ends)
    width: float
    layer: str
    entity: str
    handle: str
    id_hint: str | None = None


@dataclass
class Stroke:
    """A line of the drawing (LINE, polyline, arc, hatch boundary) that may be a wall, in metres."""

    geom: LineString
    layer: str
    role: str | None
    colour: int
    entity: str
    handle: str


@dataclass
class WindowMark:
    geom: shapely.Geometry
    layer: str
    entity: str
    handle: str


class Reader:
    """Walks the model space once and sorts entities by the role of their layer."""

    def __init__(self, doc, mapping: Mapping, scale: float, report: ImportReport):
        self.doc = doc
        self.mapping = mapping
        self.scale = scale  # metres per drawing unit
        self.report = report
        self.outlines: list[Outline] = []
        self.hatches: list[Outline] = []
        self.texts: list[TextMark] = []
        self.loose_texts: list[TextMark] = []  # texts on other layers, to tell the user if inside a room
        self.doors: list[DoorMark] = []
        self.windows: list[WindowMark] = []
        self.unmapped_closed: list[Outline] = []  # closed outlines on layers the mapping does not know
        self.strokes: list[Stroke] = []  # every line that may be a wall (rooms from walls)
        self.too_many_strokes = False
        self.swing_arcs: list[DoorMark] = []  # arcs shaped like a door swing, on any layer
        self.quarter_radii: list[float] = []  # radii of every quarter arc, in drawing units (units check)
        self.data_doors: list[tuple[dict[str, str], tuple[float, float], str, str]] = []  # data, hinge, layer, handle
        self.data_windows: list[tuple[dict[str, str], Polygon, str, str]] = []
        self.swings: list[tuple[DoorMark, object]] = []  # arcs on door layers, until data doors are known
        self.glass: list[tuple[object, str, shapely.Geometry]] = []  # window lines, likewise
        self.fills: list[tuple[object, str, str, Polygon]] = []  # entity, layer, group, boundary
        self._rules: dict[str, tuple[LayerRule | None, str | None]] = {}
        self._colours: dict[str, int] = {}
        self._names: dict[str, str] = {}
        self._second: str | None = None

    def name(self, text: str) -> str:
        """``text`` readable: a name written in another code page than the file says (Shift-JIS layer
        names in a file without ``$DWGCODEPAGE``) is decoded again; what cannot be is replaced by �."""
        if text in self._names:
            return self._names[text]
        out = readable(text, self.encoding, self.second_code_page())
        self._names[text] = out
        return out

    @property
    def encoding(self) -> str:
        return getattr(self.doc, "encoding", "cp1252") or "cp1252"

    def second_code_page(self) -> str | None:
        """The code page the names were really written in, when some cannot be read in the file's own:
        the first of :data:`SECOND_CODE_PAGES` that reads them all (then every name is read in it)."""
        if self._second is None:
            self._second = ""
            try:  # the layer table, and the layers the entities name (an R12 file may have no table)
                names = {ly.dxf.name for ly in self.doc.layers}
                names |= {e.dxf.get("layer", "0") for e, _ in zip(self.doc.modelspace(), range(20_000))}
            except Exception:
                names = set()
            odd = [n for n in names if any("\udc80" <= c <= "\udcff" for c in n)]
            if odd:
                for cp in SECOND_CODE_PAGES:
                    try:
                        for n in odd:
                            n.encode(self.encoding, "surrogateescape").decode(cp)
                    except (UnicodeError, LookupError):
                        continue
                    self._second = cp
                    break
        return self._second or None

    def rule(self, layer: str) -> tuple[LayerRule | None, str | None]:
        if layer not in self._rules:
            self._rules[layer] = self.mapping.rule_for(layer)
        return self._rules[layer]

    def pt(self, v) -> tuple[float, float]:
        # metres on a 1 µm grid: no float noise from the unit conversion (4900 mm × 0.001 ≠ 4.9)
        return (round(float(v[0]) * self.scale, 6), round(float(v[1]) * self.scale, 6))

    # ---- bookkeeping -------------------------------------------------------------------------
    def used(self, e) -> None:
        t = e.dxftype()
        self.report.used[t] = self.report.used.get(t, 0) + 1

    def ignore(self, e, layer: str, why: str, **params) -> None:
        """``e`` is not imported because of ``why`` (a phrase marked with ``N_``, with its ``params``)."""
        self.report.ignore(e.dxftype(), layer, why, **params)

    def unknown(self, e, layer: str) -> None:
        types = self.report.unknown_layers.setdefault(layer, {})
        types[e.dxftype()] = types.get(e.dxftype(), 0) + 1

    # ---- walking -----------------------------------------------------------------------------
    def run(self, entities: Iterable) -> None:
        self.xrefs = self._xrefs()
        self.xref_uses: dict[str, int] = {}
        for e in entities:
            t = e.dxftype()
            self.report.entities[t] = self.report.entities.get(t, 0) + 1
            self.entity(e, self.name(e.dxf.get("layer", "0")), depth=0)
        self._report_xrefs()

    def _xrefs(self) -> dict[str, str]:
        """The blocks that are external references (another drawing's file), with the path they give."""
        out: dict[str, str] = {}
        try:
            for b in self.doc.blocks:
                blk = b.block
                if blk is not None and (blk.is_xref or blk.is_xref_overlay):
                    out[b.name] = blk.dxf.get("xref_path", "") or ""
        except Exception:  # a damaged block table: the blocks are read as they come
            return out
        return out

    def _report_xrefs(self) -> None:
        """Each external reference by name and path, and whether its file lies where the path says
        (beside the drawing for a relative path); never read: its content is another file's."""
        from pathlib import Path, PureWindowsPath

        here = Path(self.report.source).parent
        for name, path in sorted(self.xrefs.items()):
            uses = self.xref_uses.get(name, 0)
            if path:
                parts = PureWindowsPath(path).parts if "\\" in path else Path(path).parts
                target = Path(*parts) if parts else Path(path)
                found = (target if target.is_absolute() else here / target).is_file()
                place = "at_path" if target.is_absolute() else "beside"
                where = submessage(f"xref.{'found' if found else 'missing'}_{place}", path=path)
            else:
                where = submessage("xref.no_path")
            self.report.add("xref", "xref", {"name": self.name(name), "where": where, "n": uses})

    def entity(self, e, layer: str, depth: int) -> None:
        t = e.dxftype()
        rule, layer_use = self.rule(layer)
        role = rule.role if rule else None
        data = xdata_of(e)
        if data is not None and self.data_entity(e, layer, rule, data):
            return
        if t == "INSERT":
            self.insert(e, layer, role, depth)
            return
        if (t in STROKE_TYPES or (t == "HATCH" and role == "wall")) and role not in ("ignore", "fill", "label"):
            self.stroke(e, layer, role)
        if role is None:
            self.unmapped(e, layer)
        elif role in ("fill", "ignore", "wall"):
            self.not_read(e, layer, role, layer_use)
        elif role == "room" and rule is not None:
            if t in ("LWPOLYLINE", "POLYLINE"):
                self.outline(e, layer, rule, layer_use)
            elif t == "HATCH":
                self.hatch(e, layer, rule, layer_use)
            elif t in ("TEXT", "MTEXT"):
                self.text(e, layer, role)
            else:
                self.ignore(e, layer, N_("room layer: only closed polylines, hatches and texts are read"))
        else:
            self.opening_or_label(e, layer, role)

    def unmapped(self, e, layer: str) -> None:
        """An entity on a layer the mapping does not know: a text may still be a label, a closed outline
        a room (when its layer's outlines hold texts); counted in the report."""
        t = e.dxftype()
        if t in ("TEXT", "MTEXT"):
            self.text(e, layer, None, loose=True)
        elif t in ("LWPOLYLINE", "POLYLINE"):
            ring = self._ring(e)
            if ring is not None and ring[1] and len(ring[0]) >= 3:
                poly = Polygon(ring[0])
                if poly.is_valid and poly.area > 1e-6:
                    self.unmapped_closed.append(Outline(poly, layer, t, e.dxf.get("handle"), None, None))
        self.unknown(e, layer)

    def not_read(self, e, layer: str, role: str, layer_use: str | None) -> None:
        """Fill, ignored and wall layers: only a fill's hatch naming a group is read (walls are taken as
        lines, see :meth:`stroke`)."""
        if role == "fill":
            if e.dxftype() == "HATCH" and layer_use:  # layer_use is the fill's group here
                self.fill(e, layer, layer_use)
            else:
                self.ignore(e, layer, N_("fill layer: only hatches naming a group are read"))
        elif role == "ignore":
            self.ignore(e, layer, N_("layer ignored by the mapping"))
        else:
            self.ignore(e, layer, N_("wall layer: rooms come from outlines; walls only where no outline holds a label"))

    def opening_or_label(self, e, layer: str, role: str | None) -> None:
        """An entity on a label, door or window layer."""
        t = e.dxftype()
        if role == "label":
            if t in ("TEXT", "MTEXT"):
                self.text(e, layer, role)
            else:
                self.ignore(e, layer, N_("label layer: only texts are read"))
        elif role == "door":
            if t == "ARC":
                self.arc_door(e, layer)
            else:
                self.ignore(e, layer, N_("door layer: doors are read from arcs and blocks"))
        elif role == "window":
            if t in ("LINE", "LWPOLYLINE", "POLYLINE", "ARC", "SOLID"):
                self.glass.append((e, layer, self._footprint([e])))
            else:
                self.ignore(e, layer, N_("window layer: only lines, polylines and blocks are read"))

    def data_entity(self, e, layer: str, rule: LayerRule | None, data: dict[str, str]) -> bool:
        """An entity our own export wrote with CENTREPLAN data; ``False`` to read it like any other."""
        t = e.dxftype()
        kind = data.get("", "")
        if kind == "room" and t in ("LWPOLYLINE", "POLYLINE"):
            ring = self._ring(e)
            if ring is None or not ring[1] or len(ring[0]) < 3:
                return False
            poly = Polygon(ring[0])
            if poly.area <= 1e-6:
                return False
            self.used(e)
            self.outlines.append(Outline(poly, layer, t, e.dxf.get("handle"), None, None, data=data))
            return True
        if kind == "door" and t in ("LINE", "INSERT"):  # leaf line (older exports) or door block at its hinge
            self.used(e)
            self.data_doors.append((data, self.pt(e.dxf.start if t == "LINE" else e.dxf.insert), layer,
                                    e.dxf.get("handle")))
            return True
        if kind == "window" and t == "INSERT":  # window block: its frame is its footprint
            geom = self._footprint(self._virtual(e))
            if geom is None or geom.is_empty:
                return False
            self.used(e)
            self.data_windows.append((data, geom.envelope, layer, e.dxf.get("handle")))
            return True
        if kind == "window" and t in ("LWPOLYLINE", "POLYLINE"):
            ring = self._ring(e)
            if ring is None or len(ring[0]) < 3:
                return False
            self.used(e)
            self.data_windows.append((data, Polygon(ring[0]), layer, e.dxf.get("handle")))
            return True
        return False

    def insert(self, e, layer: str, role: str | None, depth: int) -> None:
        name = e.dxf.get("name", "")
        if name in getattr(self, "xrefs", {}):
            self.xref_uses[name] = self.xref_uses.get(name, 0) + 1
            self.ignore(e, layer, N_("external reference: said in the report, not read"))
            return
        copies = _copies(e)
        if copies > 1:  # a MINSERT: an array of copies of the block
            if copies <= MAX_ARRAY_COPIES:
                for one in e.multi_insert():
                    self.insert(one, layer, role, depth)
                return
            self.report.add("array", "array", {"copies": copies, "name": name, "max": MAX_ARRAY_COPIES},
                            layer=layer, entity="INSERT", handle=e.dxf.get("handle"), at=rnd(self.pt(e.dxf.insert)))
        if role == "door" or self.mapping.is_block(name, "door"):
            self.block_door(e, layer)
            return
        if role == "window" or self.mapping.is_block(name, "window"):
            self.window(e, layer, self._footprint(self._virtual(e)))
            return
        attribs = list(getattr(e, "attribs", []))
        if role in ("label", "room") and attribs:
            self.attrib_label(e, layer, attribs, role)
            return
        if role in ("ignore", "wall"):
            self.ignore(e, layer, N_("layer ignored by the mapping") if role == "ignore" else N_("wall layer"))
            return
        if depth >= 4:
            self.ignore(e, layer, N_("block nested more than 4 deep"))
            return
        # a block holding part of the plan: read what it contains, each on its own layer
        # (entities on layer 0 inside a block take the layer of the block reference)
        subs = self._virtual(e)
        if not subs:
            self.ignore(e, layer, N_("empty block")) if role else self.unknown(e, layer)
            return
        self.used(e)
        for sub in subs:
            sub_layer = self.name(sub.dxf.get("layer", "0"))
            self.entity(sub, layer if sub_layer == "0" else sub_layer, depth + 1)

    def finish(self) -> None:
        """Door swings and window lines that belong to a door or window read from its data are that
        door's or window's drawing; the others are doors and windows of their own."""
        hinges = [h for _, h, _, _ in self.data_doors]
        for mark, e in self.swings:
            if any(math.dist(mark.hinge, h) < 0.002 for h in hinges):
                self.ignore(e, mark.layer, N_("swing of a door read from its CENTREPLAN data"))
            else:
                self.used(e)
                self.doors.append(mark)
        frames = [shapely.buffer(poly, 0.01) for _, poly, _, _ in self.data_windows]
        for e, layer, geom in self.glass:
            if geom is not None and any(f.contains(geom) for f in frames):
                self.ignore(e, layer, N_("glass line of a window read from its CENTREPLAN data"))
            else:
                self.window(e, layer, geom)

    def _virtual(self, e) -> list:
        try:
            return list(e.virtual_entities())
        except Exception as exc:  # ezdxf raises various errors on broken block definitions
            self.report.add("error", "error.block", {"name": e.dxf.get("name", "?"), "error": str(exc)},
                            layer=e.dxf.get("layer"), entity="INSERT", handle=e.dxf.get("handle"))
            return []

    # ---- outlines ----------------------------------------------------------------------------
    def _ring(self, e) -> tuple[list[tuple[float, float]], bool] | None:
        """The entity's points in metres and whether it is closed; ``None`` if it cannot be read."""
        from ezdxf import path as ezpath

        t = e.dxftype()
        if t == "POLYLINE" and (e.is_poly_face_mesh or e.is_polygon_mesh):
            return None
        try:
            p = ezpath.make_path(e)
            pts = [self.pt(v) for v in p.flattening(FLATTEN_M / self.scale, segments=4)]
        except Exception:  # a malformed polyline (recover mode keeps what it can)
            return None
        closed = bool(e.closed if t == "LWPOLYLINE" else e.is_closed)
        pts = dedupe(pts)
        if len(pts) >= 2 and math.dist(pts[0], pts[-1]) < 1e-6:
            closed = True
            pts = pts[:-1]
        return pts, closed

    def outline(self, e, layer: str, rule: LayerRule, layer_use: str | None) -> None:
        t = e.dxftype()
        handle = e.dxf.get("handle")
        ring = self._ring(e)
        if ring is None:
            self.ignore(e, layer, N_("mesh or unreadable polyline"))
            return
        pts, closed = ring
        at = pts[0] if pts else None
        if not closed:
            self.report.add("open_outline", "open_outline", {"n": len(pts)},
                            layer=layer, entity=t, handle=handle, at=rnd(at))
            return
        if len(pts) < 3:
            self.report.add("bad_outline", "bad_outline.points", {"n": len(pts)},
                            layer=layer, entity=t, handle=handle, at=rnd(at))
            return
        poly = Polygon(pts)
        if poly.area <= 1e-6:
            self.report.add("bad_outline", "bad_outline.no_area",
                            layer=layer, entity=t, handle=handle, at=rnd(at))
            return
        self.used(e)
        self.outlines.append(Outline(poly, layer, t, handle, layer_use, rule.group))

    def fill(self, e, layer: str, group: str) -> None:
        rings = self._hatch_rings(e)
        if not rings:
            self.ignore(e, layer, N_("fill without a usable boundary"))
            return
        self.fills.append((e, layer, group, rings[0]))

    def _hatch_rings(self, e) -> list[Polygon] | None:
        """The hatch's boundary rings with an area, largest first; ``None`` if unreadable."""
        from ezdxf import path as ezpath

        try:
            rings = []
            for p in ezpath.from_hatch(e):
                pts = dedupe([self.pt(v) for v in p.flattening(FLATTEN_M / self.scale, segments=4)])
                if len(pts) >= 2 and math.dist(pts[0], pts[-1]) < 1e-6:
                    pts = pts[:-1]
                if len(pts) >= 3 and Polygon(pts).area > 1e-6:
                    rings.append(Polygon(pts))
        except Exception:
            return None
        return sorted(rings, key=lambda g: -g.area)

    def hatch(self, e, layer: str, rule: LayerRule, layer_use: str | None) -> None:
        rings = self._hatch_rings(e)
        if rings is None:
            self.ignore(e, layer, N_("hatch boundary could not be read"))
            return
        if not rings:
            self.ignore(e, layer, N_("hatch without a usable boundary"))
            return
        outer: list[Polygon] = []
        for g in rings:  # inner rings (islands, holes) are not rooms
            if any(o.contains(g.representative_point()) for o in outer):
                continue
            outer.append(g)
        for g in outer:  # counted as used (or ignored) once compared with the outlines
            self.hatches.append(Outline(g, layer, "HATCH", e.dxf.get("handle"), layer_use, rule.group))

    # ---- texts -------------------------------------------------------------------------------
    def text(self, e, layer: str, role: str | None, loose: bool = False) -> None:
        t = e.dxftype()
        try:
            if t == "MTEXT":
                content = e.plain_text(split=False)
                anchor = e.dxf.insert
            else:
                content = e.plain_text()
                align, p1, p2 = e.get_placement()
                anchor = p1 if p2 is None else (p1 + p2) / 2
                anchor = e.ocs().to_wcs(anchor)
        except Exception:
            self.ignore(e, layer, N_("unreadable text"))
            return
        content = self.name(content).replace("\r", "").strip()
        if not content:
            self.ignore(e, layer, N_("empty text"))
            return
        item = TextMark(content, self.pt(_text_middle(e, anchor)), layer, t, e.dxf.get("handle"), role,
                        insert=self.pt(anchor))
        if loose:
            self.loose_texts.append(item)
            return
        self.used(e)
        self.texts.append(item)

    def stroke(self, e, layer: str, role: str | None) -> None:
        """Keep a line that may be a wall; an arc shaped like a door swing is kept as a door gap."""
        from ezdxf import path as ezpath

        t = e.dxftype()
        if t == "ARC":
            try:
                r = float(e.dxf.radius) * self.scale
                sweep = (float(e.dxf.end_angle) - float(e.dxf.start_angle)) % 360
                if abs(sweep - 90) <= 12:
                    self.quarter_radii.append(float(e.dxf.radius))
                if SWING_M[0] <= r <= SWING_M[1] and abs(sweep - 90) <= 12:
                    c = self.pt(e.ocs().to_wcs(e.dxf.center))
                    ends = [self.pt(e.start_point), self.pt(e.end_point)]
                    self.swing_arcs.append(DoorMark(c, ends, r, layer, "ARC", e.dxf.get("handle")))
                    return
            except Exception:
                return
        if t == "POLYLINE" and (e.is_poly_face_mesh or e.is_polygon_mesh):
            return
        if len(self.strokes) >= MAX_STROKES:
            self.too_many_strokes = True
            return
        try:
            if t == "HATCH":
                paths = list(ezpath.from_hatch(e))
            else:
                paths = [ezpath.make_path(e)]
            for p in paths:
                pts = dedupe([self.pt(v) for v in p.flattening(FLATTEN_M * 5 / self.scale, segments=4)])
                if len(pts) >= 2:
                    self.strokes.append(Stroke(LineString(pts), layer, role, self.colour(e, layer), t,
                                               e.dxf.get("handle")))
        except Exception:  # an unreadable line is simply not a wall
            return

    def has_own_data(self) -> bool:
        """Whether the drawing carries our own export's data (room outlines or doors with CENTREPLAN XDATA)."""
        return bool(self.data_doors) or any(o.data is not None for o in self.outlines)

    def points(self) -> np.ndarray:
        """Every vertex of the lines and outlines read, in metres (to measure the plan)."""
        arrays = [shapely.get_coordinates(s.geom) for s in self.strokes]
        arrays += [shapely.get_coordinates(o.poly.exterior) for o in self.outlines + self.unmapped_closed]
        return np.concatenate(arrays) if arrays else np.zeros((0, 2))

    def colour(self, e, layer: str) -> int:
        c = e.dxf.get("color", 256)
        if c in (0, 256):  # by block, by layer
            if layer not in self._colours:
                try:
                    self._colours[layer] = abs(int(self.doc.layers.get(layer).dxf.color))
                except Exception:
                    self._colours[layer] = 7
            return self._colours[layer]
        return int(c)

    def attrib_label(self, e, layer: str, attribs: list, role: str) -> None:
        lines, id_hint = [], None
        for a in attribs:
            value = (a.dxf.get("text") or "").strip()
            tag = fold(a.dxf.get("tag") or "")
            if not value:
                continue
            if tag in ("ID", "NUM", "NO", "NUMBER", "NUMERO", "ROOMNO", "ROOM_NUMBER", "ROOMID"):
                id_hint = value
            else:
                lines.append(value)
        if not lines and id_hint is None:
            self.ignore(e, layer, N_("block with empty attributes"))
            return
        self.used(e)
        ins = e.ocs().to_wcs(e.dxf.insert)
        self.texts.append(TextMark("\n".join(lines), self.pt(ins), layer, "INSERT", e.dxf.get("handle"), role,
                                id_hint=id_hint))

    # ---- doors and windows ---------------------------------------------------------------------
    def arc_door(self, e, layer: str) -> None:
        r = float(e.dxf.radius) * self.scale
        if r < MIN_DOOR_M:
            self.ignore(e, layer, N_("arc smaller than {min:m}, not a door swing"), min=MIN_DOOR_M)
            return
        c = self.pt(e.ocs().to_wcs(e.dxf.center))
        ends = [self.pt(e.start_point), self.pt(e.end_point)]
        self.swings.append((DoorMark(c, ends, r, layer, "ARC", e.dxf.get("handle")), e))

    def block_door(self, e, layer: str) -> None:
        subs = self._virtual(e)
        arcs = [s for s in subs if s.dxftype() == "ARC"]
        handle = e.dxf.get("handle")
        id_hint = None
        for a in getattr(e, "attribs", []):
            if fold(a.dxf.get("tag") or "") in ("ID", "NUM", "NO", "NUMBER", "DOOR", "PORTE"):
                id_hint = (a.dxf.get("text") or "").strip() or None
        if arcs:
            arc = max(arcs, key=lambda a: a.dxf.radius)
            c = self.pt(arc.ocs().to_wcs(arc.dxf.center))
            r = float(arc.dxf.radius) * self.scale
            ends = [self.pt(arc.start_point), self.pt(arc.end_point)]
        else:
            fp = self._footprint(subs)
            ins = self.pt(e.ocs().to_wcs(e.dxf.insert))
            if fp is not None and not fp.is_empty:
                x0, y0, x1, y1 = fp.bounds
                r = max(x1 - x0, y1 - y0)
                c = ((x0 + x1) / 2, (y0 + y1) / 2)
            else:  # a unit block: its x scale is the width
                r = abs(float(e.dxf.get("xscale", 1.0))) * self.scale
                c = ins
            ends = []
        if r < MIN_DOOR_M:
            self.ignore(e, layer, N_("door block narrower than {min:m}"), min=MIN_DOOR_M)
            return
        self.used(e)
        self.doors.append(DoorMark(c, ends, r, layer, "INSERT", handle, id_hint))

    def _footprint(self, entities: list) -> shapely.Geometry | None:
        from ezdxf import path as ezpath

        lines = []
        for s in entities:
            try:
                p = ezpath.make_path(s)
                pts = [self.pt(v) for v in p.flattening(FLATTEN_M / self.scale, segments=4)]
            except Exception:
                continue
            if len(pts) >= 2:
                lines.append(LineString(pts))
        return shapely.union_all(lines) if lines else None

    def window(self, e, layer: str, geom: shapely.Geometry | None) -> None:
        if geom is None or geom.is_empty:
            self.ignore(e, layer, N_("window without geometry"))
            return
        self.used(e)
        self.windows.append(WindowMark(geom, layer, e.dxftype(), e.dxf.get("handle")))


SECOND_CODE_PAGES = ("shift_jis", "gbk", "big5", "euc_kr", "utf-8")


def readable(text: str, encoding: str, second: str | None = None) -> str:
    """``text`` as a person can read it. ezdxf keeps bytes it could not decode as lone surrogates; a
    file whose names are in ``second`` (a code page the file does not declare, Shift-JIS from a Japanese
    CAD program) is read again in it; bytes still unreadable become U+FFFD, so that the report can
    always be written in UTF-8."""
    if second and not text.isascii():
        try:
            return text.encode(encoding, "surrogateescape").decode(second, "replace")
        except (UnicodeError, LookupError):
            pass
    return "".join("\ufffd" if "\udc80" <= c <= "\udcff" else c for c in text)


def _text_middle(e, anchor):
    """The middle of a text's box (a label starting on a wall still belongs to the room it is written in);
    the anchor if the box cannot be measured. MTEXT: from its attachment point, lines and character
    height (a character is taken as 0.6 of its height wide when the box has no width)."""
    try:
        if e.dxftype() == "MTEXT":
            lines = e.plain_text(split=True) or [""]
            h = float(e.dxf.get("char_height", 1.0) or 1.0)
            spacing = float(e.dxf.get("line_spacing_factor", 1.0) or 1.0)
            tall = h * (1 + (len(lines) - 1) * 5 / 3 * spacing)
            wide = float(e.dxf.get("width", 0) or 0) or max(len(ln) for ln in lines) * 0.6 * h
            ap = int(e.dxf.get("attachment_point", 1) or 1)
            col, row = (ap - 1) % 3, (ap - 1) // 3
            dx, dy = (0.5 - col * 0.5) * wide, (row * 0.5 - 0.5) * tall
            a = math.radians(e.get_rotation())
            ins = e.dxf.insert
            return (ins[0] + dx * math.cos(a) - dy * math.sin(a), ins[1] + dx * math.sin(a) + dy * math.cos(a))
        from ezdxf import bbox

        box = bbox.extents([e], fast=True)
        if box.has_data:
            return box.center
    except Exception:
        pass
    return anchor


def _copies(e) -> int:
    """How many copies an INSERT draws: ``mcount`` of a MINSERT, else 1 (a broken grid counts as 1)."""
    try:
        return max(1, int(e.mcount))
    except Exception:
        return 1


def xdata_of(e) -> dict[str, str] | None:
    """The CENTREPLAN XDATA of an entity as ``{"": kind, key: value}`` (see exports/dxf.py), or ``None``."""
    try:
        if not e.has_xdata(APPID):
            return None
        tags = [str(t.value) for t in e.get_xdata(APPID) if t.code == 1000]
    except Exception:  # broken XDATA: read the entity like any other
        return None
    if not tags:
        return None
    out = {"": tags[0]}
    for t in tags[1:]:
        key, sep, value = t.partition("=")
        if sep:
            out[key.strip()] = value
    return out

