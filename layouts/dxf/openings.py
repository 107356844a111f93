"""Doors and windows: from our own export's data, or placed on the walls of the rooms found."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import numpy as np
import shapely
import shapely.errors
import shapely.ops
from pydantic import (
    ValidationError,
)
from shapely.geometry import Point

from centreplan.layouts.dxf.collect import DoorMark, Reader, WindowMark
from centreplan.layouts.dxf.geom import ROUND, anchor, rnd
from centreplan.layouts.dxf.mapping import Mapping
from centreplan.layouts.dxf.report import ImportReport
from centreplan.planner.errors import PlannerError
from centreplan.planner.model import (
    OUTSIDE,
    Door,
    Room,
    Window,
)


def data_doors(reader: Reader, room_ids: set[str], report: ImportReport) -> tuple[list[Door], list[DoorMark]]:
    """Doors from the CENTREPLAN data of door leaves; those that cannot be used go back to placement."""
    doors: list[Door] = []
    marks: list[DoorMark] = []
    for data, hinge, layer, handle in reader.data_doors:
        where = dict(layer=layer, entity="LINE", handle=handle, at=rnd(hinge))
        try:
            a, b = (x.strip() for x in data["between"].split(","))
            at = tuple(float(v) for v in data["at"].split(","))
            extra: dict[str, object] = {k: number_or_text(data[k]) for k in ("step", "ramp_slope", "lighting")
                                        if k in data}
            if "entrance" in data:
                extra["entrance"] = [x.strip() for x in data["entrance"].split(",")]
            if "one_way" in data:
                extra["one_way"] = data["one_way"]
            door = Door(id=data["id"], between=(a, b), width=number_or_text(data["width"]), at=at, **extra)
        except (KeyError, ValueError, ValidationError, PlannerError) as e:
            report.add("door", "door.data_unreadable", {"error": type(e).__name__}, **where)
            marks.append(DoorMark(hinge, [], num_or(data.get("width"), 0.9), layer, "LINE", handle, data.get("id")))
            continue
        missing = [x for x in door.between if x != OUTSIDE and x not in room_ids]
        if missing:
            report.add("door", "door.data_unknown_room", {"door": door.id, "rooms": missing}, **where)
            marks.append(DoorMark(hinge, [], door.width, layer, "LINE", handle, door.id))
            continue
        doors.append(door)
    return doors, marks


def number_or_text(value: str) -> float | str:
    """A plain number as a float (metres), anything else as given for the model to read or refuse."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def num_or(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def data_windows(reader: Reader, rooms: list[Room], report: ImportReport) -> None:
    by_id = {r.id: r for r in rooms}
    for data, poly, layer, handle in reader.data_windows:
        where = dict(layer=layer, entity="LWPOLYLINE", handle=handle, at=rnd(anchor(poly)))
        room = by_id.get(data.get("room", ""))
        try:
            win = Window(width=number_or_text(data["width"]), height=number_or_text(data["height"]),
                         openable=data.get("openable", "true"))
        except (KeyError, ValidationError, PlannerError):
            win = None
        if room is None or win is None:
            report.add("window", "window.data", **where)
            continue
        room.windows = [*(room.windows or []), win]
        report.windows_found += 1


def place_doors(marks: list[DoorMark], plan, max_wall: float, report: ImportReport,
                 taken: set[str] | None = None) -> list[Door]:
    """Each door symbol on the nearest shared wall, or on a room's outer outline (a door to outside)."""
    if not marks:
        return []
    # candidate walls: shared walls, and the part of each outline no neighbour shares
    cands: list[tuple[shapely.Geometry, tuple[str, str]]] = []
    for key, line in plan._walls.items():
        a, b = sorted(key)
        cands.append((line, (a, b)))
    for rid in plan.ids:
        poly = plan.polygons[rid]
        if poly.is_empty:
            continue
        boundary = poly.boundary
        shared = [plan.shared_wall(rid, o) for o in plan.neighbours[rid]]
        if shared:
            boundary = boundary.difference(shapely.union_all([s.buffer(1e-4) for s in shared]))
        if not boundary.is_empty and boundary.length > 0:
            cands.append((boundary, (rid, "outside")))
    if not cands:
        for m in marks:
            report.add("door", "door.no_room", layer=m.layer,
                       entity=m.entity, handle=m.handle, at=rnd(m.hinge))
        return []
    geoms = np.array([c[0] for c in cands], dtype=object)
    tree = shapely.STRtree(geoms)
    reach = max(max_wall, 0.3) + 0.3
    doors: list[Door] = []
    used_ids: set[str] = set(taken or ())
    door_no = 0
    for m in marks:
        best = _nearest_wall(m, tree)
        if best is None:
            continue
        dist, k, probe = best
        if dist > reach:
            report.add("door", "door.far", {"width": m.width, "dist": dist, "reach": reach},
                       layer=m.layer, entity=m.entity, handle=m.handle, at=rnd(probe))
            continue
        geom, (a, b) = cands[k]
        on = shapely.ops.nearest_points(geom, Point(probe))[0]
        did = m.id_hint if m.id_hint and re.match(r"^[A-Za-z0-9_-]+$", m.id_hint) else None
        if did is None or did in used_ids:
            door_no += 1
            while f"D{door_no}" in used_ids:
                door_no += 1
            did = f"D{door_no}"
        used_ids.add(did)
        width = round(m.width, ROUND)
        doors.append(Door(id=did, between=(a, b), width=width, at=rnd((on.x, on.y))))
        if b == "outside":
            report.add("door_outside", "door_outside", {"door": did, "width": width, "room": a},
                       layer=m.layer, entity=m.entity, handle=m.handle, at=rnd((on.x, on.y)), room=a)
    return doors


def _nearest_wall(m: DoorMark, tree: shapely.STRtree) -> tuple[float, int, tuple[float, float]] | None:
    """The wall nearest to the door's leaf (distance, index, the point of the leaf measured from); at
    equal distance a wall between rooms (listed first) wins over an outer one."""
    probes = [((m.hinge[0] + e[0]) / 2, (m.hinge[1] + e[1]) / 2) for e in m.ends] or [m.hinge]
    best: tuple[float, int, tuple[float, float]] | None = None
    for probe in probes:
        hits, dists = tree.query_nearest(Point(probe), return_distance=True, all_matches=True)
        k, d = min(zip(hits.tolist(), dists.tolist()), key=lambda kd: (kd[1], kd[0]))
        if best is None or d < best[0] - 1e-6:
            best = (float(d), int(k), probe)
    return best


# ==== windows =======================================================================================

def attach_windows(marks: list[WindowMark], plan, rooms: list[Room], mapping: Mapping,
                    report: ImportReport) -> None:
    if not marks:
        return
    # parts of one window symbol (two or three parallel lines) touch or nearly touch: merge them
    blobs: list[tuple[shapely.Geometry, list[WindowMark]]] = []
    for m in marks:
        g = m.geom.buffer(0.05)
        hit = [b for b in blobs if b[0].intersects(g)]
        merged_geom = shapely.union_all([g] + [b[0] for b in hit])
        merged_marks = [m] + [x for b in hit for x in b[1]]
        blobs = [b for b in blobs if all(b is not h for h in hit)] + [(merged_geom, merged_marks)]
    by_id = {r.id: r for r in rooms}
    ids = plan.ids
    polys = np.array([plan.polygons[r] for r in ids], dtype=object)
    reach = max(mapping.max_wall_thickness, 0.3) + 0.3
    found: dict[str, list[float]] = defaultdict(list)
    for _blob, ms in blobs:
        core = shapely.union_all([x.geom for x in ms])
        x0, y0, x1, y1 = core.bounds
        width = round(max(x1 - x0, y1 - y0), 2)
        c = core.centroid
        head = ms[0]
        where = dict(layer=head.layer, entity=head.entity, handle=head.handle, at=rnd((c.x, c.y)))
        if not len(ids):
            report.add("window", "window.no_rooms", {"width": width}, **where)
            continue
        d = shapely.distance(shapely.boundary(polys), c)
        k = int(np.argmin(d))
        if d[k] > reach or width < 0.2:
            report.add("window", "window.far", {"width": width, "dist": float(d[k])}, **where)
            continue
        found[ids[k]].append(width)
        report.windows_found += 1
    for rid, widths in found.items():
        room = by_id[rid]
        ws = ", ".join(f"{w:.2f}" for w in widths)
        if mapping.window_height:
            room.windows = [Window(width=w, height=mapping.window_height, openable=True) for w in widths]
            report.add("window", "window.set", {"room": rid, "n": len(widths), "widths": [float(w) for w in widths],
                                                "height": mapping.window_height}, room=rid)
        else:
            note = f"windows in the drawing: {ws} m wide (heights not in the plan)"
            room.notes = f"{room.notes}; {note}" if room.notes else note
            report.add("window", "window.notes_only", {"room": rid, "n": len(widths),
                                                       "widths": [float(w) for w in widths]}, room=rid)
