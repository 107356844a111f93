"""From what was collected to a layout: outlines, labels, ids, walls, rooms, doors, windows."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import shapely.errors
import shapely.ops
from pydantic import (
    ValidationError,
)
from shapely.geometry import Point, Polygon

from centreplan.layouts.dxf.areas import AREA_TOLERANCE, stated_area, unit_from_areas
from centreplan.layouts.dxf.collect import Outline, Reader, TextMark
from centreplan.layouts.dxf.detect import (
    label_texts,
    outline_layers_found_by_their_texts,
    rooms_from_walls,
)
from centreplan.layouts.dxf.geom import ROUND, anchor, coords_of, iou, one_line, rnd
from centreplan.layouts.dxf.labels import LabelReader, LabelReading
from centreplan.layouts.dxf.mapping import Mapping
from centreplan.layouts.dxf.messages import Refused, sub
from centreplan.layouts.dxf.openings import (
    attach_windows,
    data_doors,
    data_windows,
    number_or_text,
    place_doors,
)
from centreplan.layouts.dxf.report import ImportReport, problem_message
from centreplan.layouts.dxf.snapping import snap_to_wall_centres
from centreplan.planner.errors import PlannerError
from centreplan.planner.i18n import N_
from centreplan.planner.model import (
    MAX_ROOMS,
    Centre,
    CentreInfo,
    Population,
    Room,
)

UNKNOWN_USE = "storage"


def build_centre(reader: Reader, mapping: Mapping, report: ImportReport, name: str | None, max_wall: float,
                 region: tuple[float, float, float, float] | None = None,
                 area_pairs: list[tuple[float, float]] | None = None) -> Centre:
    """The layout of what ``reader`` collected; ``area_pairs``, when given, receives (area stated by a
    label, area drawn) in m² for each room whose label states one (:mod:`layouts.dxf.areas`)."""
    from centreplan.planner.geometry import build_plan

    outlines = _drawn_outlines(reader, report)
    texts, loose = label_texts(reader, report)
    if region is not None:
        outlines, texts, loose = _in_region(region, outlines, texts, loose, report)
    fill_group = _fill_groups(reader, outlines)
    outside, from_layer, loose_inside = _place_texts(outlines, texts, loose)
    if outside or not outlines:
        outlines += rooms_from_walls(reader, outlines, outside, max_wall, report, region)
    if len(outlines) > MAX_ROOMS:
        raise Refused("too_many.rooms", name=report.source, n=len(outlines), max=MAX_ROOMS)
    polys = [o.poly for o in outlines]
    _report_nested(outlines, polys, report)
    # our own export's rooms keep the drawing's order; the others are taken top to bottom, left to right
    order = [i for i, o in enumerate(outlines) if o.data is not None] + sorted(
        (i for i, o in enumerate(outlines) if o.data is None),
        key=lambda i: (-round(anchor(polys[i])[1], 1), round(anchor(polys[i])[0], 1)))
    readings = _readings(outlines, order, mapping)
    ids = _room_ids(outlines, order, readings, report)

    # walls
    snap_problems: list[str] = []
    fixed = {i for i, o in enumerate(outlines) if o.data is not None}
    snapped = snap_to_wall_centres(polys, max_wall, snap_problems, fixed=fixed)
    for msg in snap_problems:
        report.add("walls", "walls.not_split", {"error": msg})
    rooms: list[Room] = []
    pairs: list[tuple[float, float]] = [] if area_pairs is None else area_pairs
    for i in order:
        room = _room(outlines[i], readings[i], ids[i], snapped[i], fill_group.get(i), report, pairs)
        if room is not None:
            rooms.append(room)

    _report_loose_texts(from_layer, loose_inside, ids, report)

    info, population = header_centre(reader.doc, name, report)
    centre = Centre(centre=info, population=population, rooms=rooms)
    plan = build_plan(centre)
    for a, b, area in plan.overlaps:
        report.add("overlap", "overlap", {"a": a, "b": b, "area": area},
                   room=a, at=rnd(anchor(plan.polygons[a].intersection(plan.polygons[b]))))

    doors, marks = data_doors(reader, {r.id for r in rooms}, report)
    doors += place_doors(marks + reader.doors, plan, max_wall, report, {d.id for d in doors})
    data_windows(reader, rooms, report)
    attach_windows(reader.windows, plan, rooms, mapping, report)
    centre = Centre(centre=centre.centre, population=centre.population, rooms=rooms, doors=doors)
    final = build_plan(centre)
    for pr in final.problems():
        if pr.kind == "overlap":
            continue  # said above
        report.add("geometry", *problem_message(pr, final), room=pr.rooms[0] if pr.rooms else None)
    areas = sorted(final.area(r.id) for r in rooms)
    if areas:
        median = areas[len(areas) // 2]
        if median < 0.5:
            report.add("units", "units.tiny", {"median": median, "unit": report.units})
        elif median > 20_000:
            report.add("units", "units.huge", {"median": median, "unit": report.units})
    if pairs:
        agree = sum(1 for st, d in pairs if abs(d / st - 1) <= AREA_TOLERANCE)
        clue = unit_from_areas(pairs, report.units)
        then = sub("area_check.other_unit", unit=clue) if clue else ""
        report.add("area_check", "area_check.summary",
                   {"n": len(pairs), "agree": agree, "tolerance": AREA_TOLERANCE, "then": then})
    report.rooms = len(rooms)
    report.doors = len(doors)
    report.area_m2 = round(sum(final.area(r.id) for r in rooms), 2)
    return centre




def _drawn_outlines(reader: Reader, report: ImportReport) -> list[Outline]:
    """The room outlines drawn: those on room layers, hatches where no outline covers them, and the
    outlines of layers found by the texts they hold."""
    outlines = list(reader.outlines)
    if len(outlines) + len(reader.hatches) > MAX_ROOMS:
        raise Refused("too_many.outlines", name=report.source, n=len(outlines) + len(reader.hatches), max=MAX_ROOMS)
    # hatches: only where no outline covers them already
    for h in reader.hatches:
        dup = next((o for o in outlines if iou(o.poly, h.poly) > 0.9), None)
        if dup is not None:
            report.ignore("HATCH", h.layer, N_("same area as a room outline"))
            continue
        report.add("hatch", "hatch", layer=h.layer, entity="HATCH", handle=h.handle, at=rnd(anchor(h.poly)))
        report.used["HATCH"] = report.used.get("HATCH", 0) + 1
        outlines.append(h)
    return outlines + outline_layers_found_by_their_texts(reader, report)


def _in_region(region: tuple[float, float, float, float], outlines: list[Outline], texts: list[TextMark],
               loose: list[TextMark], report: ImportReport
               ) -> tuple[list[Outline], list[TextMark], list[TextMark]]:
    """The outlines and texts inside the region given with ``--region``; those left out are said."""
    zone = shapely.box(*region)
    left_out = [o for o in outlines if not zone.contains(o.poly.representative_point())]
    if left_out:
        report.add("clusters", "clusters.outlines_outside", {"n": len(left_out)})
    return ([o for o in outlines if zone.contains(o.poly.representative_point())],
            [t for t in texts if zone.contains(Point(t.at))], [t for t in loose if zone.contains(Point(t.at))])


def _fill_groups(reader: Reader, outlines: list[Outline]) -> dict[int, str]:
    """The group each outline's fill gives (our export's ``A-AREA-PATT-<GROUP>`` hatches), by index."""
    polys = [o.poly for o in outlines]
    tree = shapely.STRtree(np.array(polys, dtype=object)) if polys else None
    fill_group: dict[int, str] = {}
    for e, layer, fill_name, ring in reader.fills:
        hits = [int(i) for i in tree.query(ring, predicate="intersects")] if tree is not None else []
        k = next((i for i in hits if iou(polys[i], ring) > 0.98), None)
        if k is None:
            reader.ignore(e, layer, N_("fill matching no room outline"))
        else:
            reader.used(e)
            fill_group.setdefault(k, fill_name)
    return fill_group


def _place_texts(outlines: list[Outline], texts: list[TextMark], loose: list[TextMark]
                 ) -> tuple[list[TextMark], list[tuple[int, TextMark]], list[tuple[int, TextMark]]]:
    """Each label to the smallest outline containing the middle of its text box, else its insertion
    point, unless that outline holds a label of its own: a text whose box lies outside every outline but
    for its corner (a label written leftwards from a corner just inside the neighbouring zone) names the
    space it is written in, not that zone. Returns the texts in no outline, the texts of unknown layers
    read as labels (outline index, text) and those left unread inside an outline that has a label."""
    polys = [o.poly for o in outlines]
    tree = shapely.STRtree(np.array(polys, dtype=object)) if polys else None

    def container(at: tuple[float, float] | None) -> int | None:
        hits = [int(i) for i in tree.query(Point(at), predicate="intersects")] if at and tree is not None else []
        return min(hits, key=lambda i: polys[i].area) if hits else None

    def placed(t: TextMark) -> int | None:
        k = container(t.at)
        return k if k is not None else container(t.insert)

    outside: list[TextMark] = []
    by_corner: list[tuple[int, TextMark]] = []
    for t in texts:
        k = container(t.at)
        if k is not None:
            outlines[k].texts.append(t)
            continue
        k = container(t.insert)
        if k is None:
            outside.append(t)
        else:
            by_corner.append((k, t))
    for k, t in by_corner:
        if any(x.role for x in outlines[k].texts):
            outside.append(t)
        else:
            outlines[k].texts.append(t)
    loose_inside: list[tuple[int, TextMark]] = []
    from_layer: list[tuple[int, TextMark]] = []
    for t in loose:
        k = placed(t)
        if k is None:
            outside.append(t)
        elif not any(x.role for x in outlines[k].texts):
            outlines[k].texts.append(t)  # a text on any layer is the label of an outline that has none
            from_layer.append((k, t))
        else:
            loose_inside.append((k, t))
    return outside, from_layer, loose_inside


def _report_loose_texts(from_layer: list[tuple[int, TextMark]], loose_inside: list[tuple[int, TextMark]],
                        ids: dict[int, str], report: ImportReport) -> None:
    """Texts on layers the mapping does not know: read as a room's label, or left unread in a room."""
    for k, t in from_layer:
        report.add("label_layer", "label_layer", {"text": one_line(t.text), "layer": t.layer, "room": ids[k]},
                   layer=t.layer, entity=t.entity, handle=t.handle, at=rnd(t.insert or t.at), room=ids[k])
    for k, t in loose_inside:
        report.add("text_unused", "text_unused", {"text": t.text, "room": ids[k], "layer": t.layer},
                   layer=t.layer, entity=t.entity, handle=t.handle, at=rnd(t.insert or t.at), room=ids[k])


def _report_nested(outlines: list[Outline], polys: list[Polygon], report: ImportReport) -> None:
    """Outlines inside other outlines: both kept, said."""
    if not polys:
        return
    tree = shapely.STRtree(np.array(polys, dtype=object))
    for i, a in enumerate(polys):
        for j in tree.query(a, predicate="contains_properly"):
            j = int(j)
            if j != i:
                report.add("nested", "nested", {"handle": outlines[i].handle, "layer": outlines[i].layer},
                           layer=outlines[j].layer, entity=outlines[j].entity, handle=outlines[j].handle,
                           at=rnd(anchor(polys[j])))


def _readings(outlines: list[Outline], order: list[int], mapping: Mapping) -> dict[int, LabelReading]:
    """What each outline's label says (its texts read top to bottom, left to right)."""
    labels = LabelReader(mapping)
    readings: dict[int, LabelReading] = {}
    for i in order:
        o = outlines[i]
        if o.data is not None:
            readings[i] = LabelReading("", id=o.data.get("id"))
            continue
        texts = sorted(o.texts, key=lambda t: (-t.at[1], t.at[0]))
        id_hint = next((t.id_hint for t in texts if t.id_hint), None)
        readings[i] = labels.read("\n".join(t.text for t in texts), id_hint) if texts else LabelReading("")
    return readings


def _room_ids(outlines: list[Outline], order: list[int], readings: dict[int, LabelReading],
              report: ImportReport) -> dict[int, str]:
    """Room ids from the labels when valid and unique, else R01, R02 … in reading order."""
    from centreplan.planner.model import ID_PATTERN

    ids: dict[int, str] = {}
    taken: set[str] = set()
    for i in order:
        cand = readings[i].id
        if cand and re.match(ID_PATTERN, cand) and cand not in taken and cand.lower() != "outside":
            ids[i] = cand
            taken.add(cand)
        elif cand:
            report.add("label_conflict", "label_conflict.bad_id", {"id": cand}, layer=outlines[i].layer,
                       entity=outlines[i].entity, handle=outlines[i].handle, at=rnd(anchor(outlines[i].poly)))
    width = max(2, len(str(len(outlines))))
    counter = 0
    for i in order:
        if i in ids:
            continue
        while True:
            counter += 1
            cand = f"R{counter:0{width}d}"
            if cand not in taken:
                break
        ids[i] = cand
        taken.add(cand)
    return ids


_HOW_NOTES = {
    "walls": "detected from the walls of the drawing, to be checked",
    "split": "detected from the walls of the drawing and shared with the other labels of its space by nearest "
             "distance (no line separates them): check where it ends",
    "cut": "detected from the walls of the drawing and closed across an opening along the line of its walls "
           "(its space holds other labels): check where it ends",
}


def _room(o: Outline, rd: LabelReading, rid: str, poly: Polygon, fill_group: str | None, report: ImportReport,
          pairs: list[tuple[float, float]]) -> Room | None:
    """The room of one outline (``poly``: its outline snapped to the wall centre lines)."""
    where = dict(layer=o.layer, entity=o.entity, handle=o.handle, at=rnd(anchor(o.poly)), room=rid)
    if o.data is not None:
        room = data_room(o.data, o.poly, rid, report, where)
        if room is not None:
            return room
    notes: list[str] = []
    use = _use(o, rd, rid, notes, report, where)
    group = _group(o, rd, rid, fill_group, report, where)
    if use in ("dormitory", "family_room") and not rd.beds:
        report.add("missing_beds", "missing_beds", {"room": rid, "use": use}, **where)
    if use in ("dormitory", "family_room") and group == "all":
        report.add("label_conflict", "label_conflict.no_group", {"room": rid, "use": use}, **where)
    if o.how in _HOW_NOTES:
        notes.append(_HOW_NOTES[o.how])
    elif o.how == "layer":
        notes.append(f"outline on layer '{o.layer}', read as a room because it holds a text — to be checked")
    drawn = o.poly
    stated = stated_area(rd.text)
    if stated is not None and drawn.area > 0:
        pairs.append((stated, drawn.area))
        off = drawn.area / stated - 1
        if abs(off) > AREA_TOLERANCE:
            report.add("area_check", "area_check.room", {"room": rid, "stated": stated, "drawn": drawn.area,
                                                         "off": off}, **where)
    if poly is not drawn:
        gained = poly.area - drawn.area
        if gained > 0.0005:
            notes.append(f"outline snapped to wall centre lines: drawn (net) area {drawn.area:.2f} m², "
                         f"{gained:+.2f} m²")
            report.add("walls", "walls.grown", {"room": rid, "gained": gained, "drawn": drawn.area,
                                                "now": poly.area}, **where)
    if o.entity == "HATCH":
        notes.append("outline from a hatch boundary")
    if not poly.is_valid:
        from centreplan.planner.geometry import validity_reason

        report.add("bad_outline", "bad_outline.room", {"room": rid, "reason": validity_reason(poly)}, **where)
    return Room(id=rid, name=rd.name, use=use, group=group, polygon=coords_of(poly), beds=rd.beds or 0,
                notes="; ".join(notes) or None)


def _use(o: Outline, rd: LabelReading, rid: str, notes: list[str], report: ImportReport, where: dict) -> str:
    """The room's use: the layer's, else the label's, else :data:`UNKNOWN_USE` (said in its notes)."""
    use = o.use
    if rd.use and use and rd.use != use:
        report.add("label_conflict", "label_conflict.layer_use", {"room": rid, "layer_use": use, "text": rd.text,
                                                                  "label_use": rd.use, "words": rd.use_words}, **where)
    use = use or rd.use
    if use is not None:
        return use
    if rd.text:
        notes.append(f"use not recognised from label '{one_line(rd.text)}' — set it")
        report.add("use_unknown", "use_unknown", {"room": rid, "text": one_line(rd.text), "use": UNKNOWN_USE},
                   **where)
    else:
        notes.append("no label in the drawing: use not known — set it")
        report.add("unlabelled", "unlabelled", {"room": rid, "use": UNKNOWN_USE}, **where)
    return UNKNOWN_USE


def _group(o: Outline, rd: LabelReading, rid: str, fill_group: str | None, report: ImportReport,
           where: dict) -> str:
    """The room's group: the layer's, else its fill's, else the one its label names, else 'all'."""
    group = o.group or fill_group
    if group is None:
        if len(rd.groups) == 1:
            group = rd.groups[0]
        elif len(rd.groups) > 1:
            report.add("label_conflict", "label_conflict.groups", {"room": rid, "text": one_line(rd.text),
                                                                   "groups": list(rd.groups)}, **where)
    return group or "all"


_DATA_INTS = ("level", "beds", "households", "occupants", "seats")


def data_room(data: dict[str, str], poly: Polygon, rid: str, report: ImportReport, where: dict) -> Room | None:
    """A room from the CENTREPLAN data of its outline; ``None`` (and a report line) if the data is bad."""
    fields: dict[str, Any] = {k: data[k] for k in ("use", "group", "name") if k in data}
    fields.update({k: data[k] for k in _DATA_INTS if k in data})
    if "height" in data:
        fields["height"] = number_or_text(data["height"])
    fields.update({k: data[k] for k in ("lockable", "lock", "accessible") if k in data})
    if "lighting" in data:
        fields["lighting"] = number_or_text(data["lighting"])
    if data.get("windows", "").strip() == "0":
        fields["windows"] = []  # "no windows" said, not "not given"; counted windows come with their data
    fixtures = {k.split(".", 1)[1]: v for k, v in data.items() if k.startswith("fixtures.")}
    if fixtures:
        fields["fixtures"] = fixtures
    dx = 0.0
    if "offset" in data:
        try:
            dx = float(data["offset"].split(",")[0])
        except ValueError:
            report.add("label_conflict", "label_conflict.offset", {"room": rid, "offset": str(data["offset"])},
                       **where)
    coords = [(round(x - dx, ROUND) + 0.0, round(y, ROUND) + 0.0) for x, y in coords_of(poly)]
    try:
        return Room(id=rid, polygon=coords, **fields)
    except (ValidationError, PlannerError) as e:
        why = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()) \
            if isinstance(e, ValidationError) else str(e)
        report.add("label_conflict", "label_conflict.room_data", {"room": rid, "why": why}, **where)
        return None


def header_centre(doc, name: str | None, report: ImportReport) -> tuple[CentreInfo, Population]:
    """Centre settings and population from the header of our own export, else defaults."""
    notes = f"imported from {Path(report.source).name} by centreplan import; see the import report"
    cv = doc.header.custom_vars
    info: dict[str, Any] = {}
    pop: dict[str, Any] = {}
    try:
        for key in ("name", "climate", "phase", "levels", "confidential", "location"):
            if cv.has_tag(f"centreplan.{key}"):
                info[key] = cv.get(f"centreplan.{key}")
        for key in Population.model_fields:
            if cv.has_tag(f"centreplan.population.{key}"):
                pop[key] = cv.get(f"centreplan.population.{key}")
    except Exception:  # custom properties are optional; a damaged header must not stop the import
        info, pop = {}, {}
    if name:
        info["name"] = name
    info.setdefault("name", Path(report.source).stem or "imported plan")
    try:
        centre_info = CentreInfo(notes=notes, **info)
    except ValidationError as e:
        report.add("label_conflict", "label_conflict.centre_data", {"why": e.errors()[0]["msg"]})
        centre_info = CentreInfo(name=info["name"], notes=notes)
    try:
        population = Population(**pop)
    except ValidationError as e:
        report.add("label_conflict", "label_conflict.population_data", {"why": e.errors()[0]["msg"]})
        population = Population()
    return centre_info, population

