"""Finding rooms in drawings that were not drawn for us: outline layers told by the texts they hold,
labels on any layer, and rooms from walls for the labels that no outline holds."""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

import numpy as np
import shapely
import shapely.errors
from shapely.geometry import Point, Polygon

from centreplan.layouts.dxf.clusters import choose_plan
from centreplan.layouts.dxf.collect import MAX_STROKES, Outline, Reader, TextMark
from centreplan.layouts.dxf.geom import anchor, iou, one_line, rnd
from centreplan.layouts.dxf.messages import WALLS_LAYER, sub
from centreplan.layouts.dxf.report import ImportReport
from centreplan.layouts.dxf.spaces import CUT_M, cut_apart, cut_holes, split_by_labels
from centreplan.layouts.dxf.walls import MIN_ROOM_M2, TooTangled, find_faces, wall_lines

PLACEHOLDER_REPEATS = 3  # the same identifier-like text this often is a placeholder, not a name
_PLACEHOLDER = re.compile(r"^(?=.*[_#?])[A-Z0-9_#?.-]{3,}$|^[A-Z]{2,}_[A-Z0-9_]+$")
MAX_FACE_M2 = 2000.0  # m²: a larger face is a site or a frame, not a room
# m: a closed outline narrower than this everywhere (on a layer of no known role) that encloses a face on
# its own is a thing standing against the walls, not a room: a run of worktops, a bench. An importer's
# bound, not a figure of a standard: the hackerspace's worktops and bench are 0.60-0.73 m deep, and a
# room a person walks into is wider
MAX_OBJECT_WIDTH_M = 0.8


def label_texts(reader: Reader, report: ImportReport) -> tuple[list[TextMark], list[TextMark]]:
    """The texts that may be labels: those on label and room layers, and those on other layers; texts
    repeated as placeholders (``ID_PIECE`` in every room) are left out and reported."""
    count = Counter(t.text for t in reader.texts + reader.loose_texts)
    dropped: dict[str, TextMark] = {}

    def keep(t: TextMark) -> bool:
        if count[t.text] >= PLACEHOLDER_REPEATS and _PLACEHOLDER.match(t.text):
            dropped.setdefault(t.text, t)
            return False
        return True

    texts = [t for t in reader.texts if keep(t)]
    loose = [t for t in reader.loose_texts if keep(t)]
    for text, t in dropped.items():
        report.add("placeholder", "placeholder", {"text": text, "n": count[text]},
                   layer=t.layer, entity=t.entity, handle=t.handle, at=rnd(t.insert or t.at))
    return texts, loose


def outline_layers_found_by_their_texts(reader: Reader, report: ImportReport) -> list[Outline]:
    """Closed outlines on layers the mapping does not know, read as rooms when at least half of the
    outlines of their layer (and two or more) each hold a text; the others are reported."""
    by_layer: dict[str, list[Outline]] = defaultdict(list)
    for o in reader.unmapped_closed:
        by_layer[o.layer].append(o)
    pts = [Point(t.at) for t in reader.texts + reader.loose_texts]
    tree = shapely.STRtree(np.array(pts, dtype=object)) if pts else None
    found: list[Outline] = []
    for layer, outs in by_layer.items():
        holding = [o for o in outs if tree is not None and len(tree.query(o.poly, predicate="contains"))]
        if len(holding) >= 2 and 2 * len(holding) >= len(outs):
            for o in outs:
                o.how = "layer"
            found += outs
            report.add("layers_found", "layers_found", {"layer": layer, "n": len(holding), "total": len(outs)},
                       layer=layer)
            continue
        for o in outs:
            report.add("unmapped_outline", "unmapped_outline", {"layer": layer},
                       layer=layer, entity=o.entity, handle=o.handle, at=rnd(anchor(o.poly)))
    return found


def rooms_from_walls(reader: Reader, outlines: list[Outline], texts: list[TextMark], max_wall: float,
                     report: ImportReport, region: tuple[float, float, float, float] | None = None) -> list[Outline]:
    """Rooms for the labels that no outline holds (every plausible space when there is no outline at
    all) from the faces that the walls enclose; what cannot be placed is reported."""
    try:
        return _rooms_from_walls(reader, outlines, texts, max_wall, report, region)
    except (shapely.errors.GEOSException, TooTangled) as e:
        report.add("walls", "walls.failed", {"error": str(e)})
        return []


def _rooms_from_walls(reader: Reader, outlines: list[Outline], texts: list[TextMark], max_wall: float,
                      report: ImportReport, region: tuple[float, float, float, float] | None) -> list[Outline]:
    if reader.too_many_strokes:
        report.add("walls", "walls.too_many_lines", {"max": MAX_STROKES})
        return []
    strokes, chosen = wall_lines(reader.strokes)
    walls = {id(s) for s in strokes}
    marks = [s.geom for s in reader.strokes if id(s) not in walls or s.role == "window"]
    leaves = [s.geom for s in reader.strokes if s.role == "door"]
    faces = find_faces(strokes, reader.swing_arcs, max_wall, marks, leaves) if strokes else None
    drawn = _covered(outlines)
    cands = []
    for f in (faces.polygons if faces else []):
        if f.area > MAX_FACE_M2:
            continue
        if drawn is not None and f.intersects(drawn):
            cands += _left_over(f, drawn, max_wall)  # what no drawn outline covers (a corridor round them)
        else:
            cands.append(f)
    tree = shapely.STRtree(np.array(cands, dtype=object)) if cands else None
    objects = _drawn_objects(reader.unmapped_closed, cands, tree, texts)
    held: dict[int, list[TextMark]] = defaultdict(list)
    for t in texts:
        hits = [int(i) for i in tree.query(Point(t.at), predicate="intersects")] if tree is not None else []
        if hits:
            held[min(hits, key=lambda i: cands[i].area)].append(t)
        elif t.role is not None:  # texts on layers of no known role are counted, not listed one by one
            why = sub("text_outside.no_wall_around" if faces and faces.polygons else "text_outside.no_walls")
            report.add("text_outside", "text_outside", {"text": one_line(t.text), "why": why},
                       layer=t.layer, entity=t.entity, handle=t.handle, at=rnd(t.insert or t.at))
    out: list[Outline] = []
    for i, f in enumerate(cands):
        mine = held.get(i, [])
        if i in objects or (not mine and outlines):
            continue  # a worktop is not a room; where rooms are drawn as outlines, nor is a face without a label
        out += _rooms_of_space(f, mine, report)
    _join_objects(out, [(cands[i], o) for i, o in objects.items()], report)
    if not outlines:
        out = choose_plan(out, reader.swing_arcs, report, region)
    if faces is not None and out:
        report.add("detected", "detected", {
            "n": len(out), "chosen": chosen, "lines": faces.lines_used, "layers": list(faces.layers[:6]),
            "etc": " …" if len(faces.layers) > 6 else "", "doors": faces.doors_bridged, "gaps": faces.gaps_bridged,
            "ends": faces.ends_snapped})
    return out


def _drawn_objects(closed: list[Outline], faces: list[Polygon], tree: shapely.STRtree | None,
                  texts: list[TextMark]) -> dict[int, Outline]:
    """The faces that are things drawn against the walls, by index: each is a closed outline of its own
    on a layer the mapping does not know, :data:`MAX_OBJECT_WIDTH_M` wide or less, with no text in it (a
    run of worktops, a bench; a room drawn as an outline is wider)."""
    if tree is None:
        return {}
    found: dict[int, Outline] = {}
    for o in closed:
        # its mean width (twice the area over the perimeter: a strip's width, a bench's depth) and no
        # part much wider (an L's corner is wider than its arms: √2·w at most)
        if (o.poly.area <= 0 or 2 * o.poly.area / o.poly.length > MAX_OBJECT_WIDTH_M
                or not o.poly.buffer(-0.6 * MAX_OBJECT_WIDTH_M, quad_segs=2).is_empty):
            continue
        for i in tree.query(o.poly, predicate="intersects").tolist():
            f = faces[i]
            if iou(f, o.poly) > 0.95 and not any(f.intersects(Point(t.at)) for t in texts):
                found[int(i)] = o
    return found


def _join_objects(rooms: list[Outline], objects: list[tuple[Polygon, Outline]], report: ImportReport) -> None:
    """Each thing drawn against the walls joined to the room it shares the most outline with (a U of
    worktops to the kitchen it lines), said in the report."""
    for face, o in objects:
        edge = face.boundary
        best = max(((shapely.length(shapely.intersection(edge, r.poly.buffer(1e-4))), k)
                    for k, r in enumerate(rooms)), default=(0.0, -1))
        if best[0] <= 1e-3:
            continue
        r = rooms[best[1]]
        joined = shapely.union_all([r.poly, face], grid_size=1e-4)
        if joined.geom_type != "Polygon":
            continue
        r.poly = Polygon(joined.exterior)
        report.add("walls", "walls.object_outline", {"layer": o.layer, "area": face.area,
                                                    "width": 100 * MAX_OBJECT_WIDTH_M},
                   layer=o.layer, entity=o.entity, handle=o.handle, at=rnd(anchor(face)))


def _covered(outlines: list[Outline]) -> shapely.Geometry | None:
    """The area the drawn outlines cover (their polygonal parts: a self-crossing outline made valid
    also gives lines)."""
    if not outlines:
        return None
    valid = shapely.make_valid(np.array([o.poly for o in outlines], dtype=object))
    polys = [g for g in shapely.get_parts(shapely.get_parts(valid)) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(np.array(polys, dtype=object), grid_size=1e-4) if polys else None


def _left_over(face: Polygon, drawn: shapely.Geometry, max_wall: float) -> list[Polygon]:
    """The parts of ``face`` that no drawn outline covers, without the wall-thick slivers between
    outlines (an opening by half the thickest wall)."""
    h = max(max_wall, 0.1) / 2
    rest = shapely.difference(face, drawn, grid_size=1e-4)
    rest = rest.buffer(-h, join_style="mitre").buffer(h, join_style="mitre")
    rest = shapely.intersection(rest, face, grid_size=1e-4)
    return [g for g in shapely.get_parts(rest) if g.geom_type == "Polygon" and g.area >= MIN_ROOM_M2]


def _seeds(texts: list[TextMark]) -> list[list[TextMark]]:
    """The texts of a space grouped by the room they name: each text that is more than an area
    (``12 m²``) or a number (a dimension, a coordinate) starts a room; the others join the nearest of
    them."""
    names = [t for t in texts if not _only_area(t.text) and not _only_numbers(t.text)
             and not _PLACEHOLDER.match(t.text.strip())]
    named = [t for t in names if t.role] or names
    groups: dict[str, list[TextMark]] = {}
    for t in named:
        groups.setdefault(one_line(t.text), []).append(t)
    out = [g for g in groups.values()]
    for t in texts:
        if any(t in g for g in out) or _PLACEHOLDER.match(t.text.strip()):
            continue  # placed, or a placeholder (``ID_ZONE``): not a name
        if out:
            min(out, key=lambda g: math.dist(g[0].at, t.at)).append(t)
    return out or [[t for t in texts if not _PLACEHOLDER.match(t.text.strip())]]


def _rooms_of_space(f: Polygon, mine: list[TextMark], report: ImportReport) -> list[Outline]:
    """The rooms of one space enclosed by walls: one per label (the space cut between its labels along
    its walls' lines, else shared by nearest distance, when there are several), each without holes."""
    groups = _seeds(mine) if mine else [[]]
    parts: list[Polygon | None] = [f]
    hows = ["walls"]
    if len(groups) >= 2:
        parts, hows = _share(f, groups, report)
    out: list[Outline] = []
    for g, part, how in zip(groups, parts, hows):
        if part is None:
            continue
        if part.interiors:
            holes = len(part.interiors)
            part = cut_holes(part)
            report.add("walls", "walls.holes", {"label": sub("walls.holes_label", text=one_line(g[0].text)) if g
                                                else "", "n": holes, "cut": 100 * CUT_M}, at=rnd(anchor(part)))
        out.append(Outline(part, WALLS_LAYER, "FACE", "", None, None, texts=list(g), how=how))
    return out


def _share(f: Polygon, groups: list[list[TextMark]], report: ImportReport) -> tuple[list[Polygon | None], list[str]]:
    """A space holding several labels: cut between them along its walls' lines across the openings
    (``cut``), and what no such cut separates shared by nearest distance (``split``); both reported."""
    pieces, cuts = cut_apart(f, [g[0].at for g in groups])
    parts: list[Polygon | None] = [None] * len(groups)
    hows = ["cut"] * len(groups)
    shared: list[int] = []
    for part, mine in pieces:
        if len(mine) == 1:
            parts[mine[0]] = part
            continue
        for k, piece in zip(mine, split_by_labels(part, [groups[k][0].at for k in mine])):
            parts[k] = piece
            hows[k] = "split"
        shared += mine
    if cuts:
        report.add("two_labels", "two_labels.cut", {"labels": [one_line(g[0].text) for g in groups],
                                                    "n": len(cuts), "widths": [c.length for c in cuts]},
                   at=rnd(anchor(f)))
    if shared:
        report.add("two_labels", "two_labels", {"labels": [one_line(groups[k][0].text) for k in shared],
                                                "n": sum(parts[k] is not None for k in shared)}, at=rnd(anchor(f)))
    return parts, hows


def _only_numbers(text: str) -> bool:
    """A dimension, a level or a coordinate pair (``0,790``; ``360,550``; ``2.40``): numbers that are not a
    room number alone (``01``, ``12b``)."""
    t = text.strip()
    return bool(re.fullmatch(r"[\d\s.,;:+-]+", t)) and not re.fullmatch(r"\d{1,4}", t)


def _only_area(text: str) -> bool:
    return bool(re.fullmatch(r"[\d\s.,]+\s*m(?:²|2)?", text.strip(), re.IGNORECASE))
