"""Evacuation plans to display in the rooms of a centre: one PDF page per room, in French and English.

Each page shows the level's plan with the room marked "Vous êtes ici / You are here", the walking
routes to the **two nearest exits** drawn from the door graph (:attr:`planner.geometry.Plan.graph`,
the same distances as :meth:`planner.geometry.Plan.routes_to_exit`: from the room's farthest point
to a door, then door to door), every exit, the proposed places of the fire extinguishers and of the
assembly point, a legend and the instructions, in both languages whatever the export language.

Exits are the plan's exits (doors to ``outside`` or to an ``outdoor`` room, as the fire rules count
them). The layout format holds no places for extinguishers or an assembly point, so the page
proposes them and says so: an extinguisher just inside each exit and at the door of each kitchen
and technical room (rooms with a particular risk, Code du travail R4227-29, reference S23 of
``equipment.md``), the assembly point 10 m outside the exit most routes of the centre lead to, or at
``assembly=(x, y)``. Rooms with a plan: dormitories, family rooms and corridors by default (where
people sleep and the ways out), any others on request.
"""
from __future__ import annotations

import datetime as _dt
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx
from reportlab.lib import colors
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as _canvas
from shapely.ops import polylabel

from centreplan.exports.dxf import dxf_string
from centreplan.exports.dxf_walls import wall_direction
from centreplan.exports.labels import check_lang
from centreplan.exports.pdf_common import FONT, FONT_BOLD, register_fonts, version
from centreplan.planner.errors import ExportError
from centreplan.planner.geometry import Plan, Route, build_plan
from centreplan.planner.model import OUTSIDE, Centre

DEFAULT_USES = ("dormitory", "family_room", "corridor")
RISK_USES = ("kitchen", "technical")
PAGES = {"A4": landscape(A4), "A3": landscape(A3)}
ASSEMBLY_DISTANCE = 10.0  # m outside the main exit: a proposed place, to be confirmed on site
GREEN = colors.HexColor("#00873E")  # safety green (ISO 7010 escape signs)
RED = colors.HexColor("#D52B1E")  # safety red (ISO 7010 fire equipment signs)

# both languages on every page: a resident reads the one they know
TEXT = {
    "title": ("Plan d'évacuation", "Evacuation plan"),
    "here": ("Vous êtes ici", "You are here"),
    "route1": ("Itinéraire vers la sortie la plus proche", "Route to the nearest exit"),
    "route2": ("Itinéraire de secours (deuxième sortie)", "Alternative route (second exit)"),
    "exit": ("Sortie", "Exit"),
    "ext": ("Extincteur (emplacement proposé)", "Fire extinguisher (proposed place)"),
    "assembly": ("Point de rassemblement (proposé, à confirmer sur place)",
                 "Assembly point (proposed, to be confirmed on site)"),
    "instr": (
        "En cas d'incendie : gardez votre calme, donnez l'alerte, quittez la pièce par l'itinéraire "
        "vert sans prendre vos affaires, fermez les portes derrière vous, aidez les enfants et les "
        "personnes qui en ont besoin, rejoignez le point de rassemblement et restez-y.",
        "In case of fire: stay calm, raise the alarm, leave by the green route without your belongings, "
        "close the doors behind you, help children and anyone who needs it, go to the assembly point "
        "and stay there."),
    "distance": ("Distance", "Distance"),
    "noroute": ("Aucun itinéraire vers une sortie : à corriger sur le plan",
                "No route to an exit: the layout must be corrected"),
    "level": ("Niveau", "Level"),
}


def both(key: str) -> str:
    fr, en = TEXT[key]
    return f"{fr} / {en}"


ExitTrees = dict[str, tuple[dict[str, float], dict[str, list[str]]]]


def exit_trees(plan: Plan) -> ExitTrees:
    """For each exit, the shortest walking distance from it to every door of the door graph and each
    door's predecessor on that shortest path (one Dijkstra per exit, shared by every room's routes)."""
    return {ex.id: _dijkstra(plan, ex.id) for ex in plan.exits}


def _exits_by_door(plan: Plan) -> dict[str, list[Any]]:
    """Door id → the exits of its part of the door graph (a site of separate buildings: a room's
    routes are looked for among its own building's exits only)."""
    part = {door: k for k, doors in enumerate(nx.connected_components(plan.graph)) for door in doors}
    exits: dict[int, list[Any]] = {}
    for ex in plan.exits:
        if ex.id in part:
            exits.setdefault(part[ex.id], []).append(ex)
    return {door: exits.get(k, []) for door, k in part.items()}


def _dijkstra(plan: Plan, source: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    pred, dist = nx.dijkstra_predecessor_and_distance(plan.graph, source, weight="weight")
    return dist, pred


def _path_to(pred: dict[str, list[str]], door: str) -> list[str]:
    """The doors from ``door`` back to the tree's exit (the first predecessor found, as
    ``networkx.single_source_dijkstra`` keeps the first shortest path it finds)."""
    out = [door]
    while pred[out[-1]]:
        out.append(pred[out[-1]][0])
    return out


def exit_routes(plan: Plan, room_id: str, n: int = 2, trees: ExitTrees | None = None,
                exits_of: dict[str, list[Any]] | None = None) -> list[Route]:
    """The walking routes from ``room_id`` to its ``n`` nearest exits (distinct exit doors), nearest
    first, measured as :meth:`Plan.routes_to_exit` measures (farthest point of the room to one of its
    doors, then door to door on the door graph). ``trees`` (:func:`exit_trees`) and ``exits_of``
    (the exits each door can reach, :func:`_exits_by_door`): computed once for the routes of many rooms."""
    doors = plan.doors_of[room_id]
    if not doors:
        return []
    g = plan.graph
    best: list[tuple[float, str, list[str]]] = []
    exits = plan.exits if exits_of is None else {ex.id: ex for d in doors for ex in exits_of.get(d.id, [])}.values()
    for ex in exits:
        dist, pred = trees[ex.id] if trees is not None else _dijkstra(plan, ex.id)
        cand = None
        for d in doors:
            if d.id not in dist:
                continue
            total = plan.far_distance(room_id, d.id) + dist[d.id]
            if cand is None or total < cand[0]:
                cand = (total, d.id)
        if cand is not None:
            best.append((cand[0], ex.id, _path_to(pred, cand[1])))
    best.sort(key=lambda t: (t[0], t[1]))
    out = []
    for total, ex_id, door_ids in best[:n]:
        rooms = [room_id]
        for d1, d2 in zip(door_ids, door_ids[1:]):
            via = g[d1][d2]["room"]
            if via != rooms[-1]:
                rooms.append(via)
        end = plan._exit_end(ex_id)
        if end != rooms[-1]:
            rooms.append(end)
        out.append(Route(total, rooms, door_ids))
    return out


@dataclass
class EvacuationPage:
    room: str
    level: int
    routes: list[Route]
    extinguishers: list[tuple[float, float]]
    assembly: tuple[float, float] | None


def _inward(plan: Plan, door, room_id: str, depth: float) -> tuple[float, float]:
    """A point ``depth`` m from the door's point into ``room_id``."""
    x, y = plan.door_points[door.id]
    a, b = door.between
    geom = plan.polygons[room_id] if door.to_outside or OUTSIDE in (a, b) else plan.shared_wall(a, b)
    if geom is None:
        geom = plan.polygons[room_id]
    ux, uy = wall_direction(geom, (x, y))
    nx_, ny_ = -uy, ux
    if not plan.polygons[room_id].contains(_pt(x + nx_ * 0.05, y + ny_ * 0.05)):
        nx_, ny_ = -nx_, -ny_
    return (x + nx_ * depth, y + ny_ * depth)


def _pt(x: float, y: float):
    from shapely.geometry import Point

    return Point(x, y)


def extinguisher_places(plan: Plan) -> list[tuple[float, float]]:
    """Proposed places: 1 m inside each exit, and 1 m inside the door of each kitchen or technical room."""
    out = []
    for door in plan.exits:
        inside = next((e for e in door.between if e != OUTSIDE and plan.rooms[e].use != "outdoor"), None)
        if inside is not None:
            out.append(_inward(plan, door, inside, 1.0))
    for room_id, doors in plan.doors_of.items():
        if plan.rooms[room_id].use in RISK_USES and doors:
            out.append(_inward(plan, doors[0], room_id, 1.0))
    return out


def assembly_place(plan: Plan, assembly: tuple[float, float] | None = None) -> tuple[float, float] | None:
    """``assembly`` if given; else 10 m outside the exit to ``outside`` that most rooms' nearest route
    leads to (a courtyard enclosed by the building is no assembly point)."""
    if assembly is not None:
        return assembly
    counts: dict[str, int] = {}
    for route in plan.routes_to_exit().values():
        if route.doors and route.rooms[-1] == OUTSIDE:
            counts[route.doors[-1]] = counts.get(route.doors[-1], 0) + 1
    outside = [d for d in plan.exits if d.to_outside]
    if not outside:
        return None
    main = max(outside, key=lambda d: (counts.get(d.id, 0), d.id))
    room = next(e for e in main.between if e != OUTSIDE)
    x, y = plan.door_points[main.id]
    ix, iy = _inward(plan, main, room, 1.0)
    return (x - (ix - x) * ASSEMBLY_DISTANCE, y - (iy - y) * ASSEMBLY_DISTANCE)


def evacuation_pages(centre: Centre, plan: Plan | None = None, uses: Iterable[str] = DEFAULT_USES,
                     assembly: tuple[float, float] | None = None) -> list[EvacuationPage]:
    plan = plan or build_plan(centre)
    uses = set(uses)
    ext = extinguisher_places(plan)
    where = assembly_place(plan, assembly)
    trees, exits_of = exit_trees(plan), _exits_by_door(plan)
    return [EvacuationPage(r.id, r.level, exit_routes(plan, r.id, trees=trees, exits_of=exits_of), ext, where)
            for r in centre.rooms if r.use in uses and r.id not in plan.invalid]


def evacuation_pdf_bytes(centre: Centre, lang: str = "en", *, plan: Plan | None = None, page: str = "A4",
                         uses: Iterable[str] = DEFAULT_USES, assembly: tuple[float, float] | None = None,
                         date: _dt.date | None = None) -> bytes:
    """One landscape page per room (A4 or A3), both languages on every page."""
    check_lang(lang)
    key = str(page).strip().upper()
    if key not in PAGES:
        raise ExportError(f"evacuation: page size {page!r} is not available; choose one of {', '.join(PAGES)}")
    plan = plan or build_plan(centre)
    pages = evacuation_pages(centre, plan, uses, assembly)
    if not pages:
        raise ExportError("evacuation: the centre has no room of the kinds that get a plan "
                          f"({', '.join(sorted(set(uses)))})")
    register_fonts()
    date = date or _dt.date.today()
    out = io.BytesIO()
    c = _canvas.Canvas(out, pagesize=PAGES[key], initialFontName=FONT, initialFontSize=9)
    c.setTitle(f"{centre.centre.name} — {both('title')}")
    c.setAuthor("centreplan")
    c.setCreator(f"centreplan {version()}")
    frames: dict[int, object] = {}  # level → its transform, once its forms are defined
    for pg in pages:
        if pg.level not in frames:
            frames[pg.level] = _transform(plan, pg.level, pg.assembly, _plan_box(PAGES[key]))
            _define_level_forms(c, plan, pg, frames[pg.level])
        _draw_page(c, centre, plan, pg, PAGES[key], date, frames[pg.level])
        c.showPage()
    c.save()
    return out.getvalue()


def _plan_box(size) -> tuple[float, float, float, float]:
    """The plan's area of a page (left of the legend column): x, y, width, height (points)."""
    W, H = size
    m = 12 * mm
    col = 95 * mm
    return (m, 16 * mm, W - 2 * m - col - 6 * mm, H - 22 * mm - 16 * mm - 6 * mm)


def _draw_page(c, centre: Centre, plan: Plan, pg: EvacuationPage, size, date: _dt.date, tx) -> None:
    W, H = size
    m = 12 * mm
    room = plan.rooms[pg.room]
    # header
    c.setFillColor(GREEN)
    c.rect(0, H - 22 * mm, W, 22 * mm, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont(FONT_BOLD, 20)
    c.drawString(m, H - 14 * mm, both("title"))
    c.setFont(FONT, 11)
    name = dxf_string(room.name or room.id)
    c.drawRightString(W - m, H - 10 * mm, f"{room.id} · {name}")
    c.drawRightString(W - m, H - 17 * mm, f"{dxf_string(centre.centre.name)} · {both('level')} {room.level}")
    # plan area (left), legend and instructions (right column)
    col = 95 * mm
    _plan(c, plan, pg, _plan_box(size), tx)
    _legend(c, pg, W - m - col, H - 30 * mm, col)
    c.setFont(FONT, 7)
    c.setFillColor(colors.HexColor("#555555"))
    c.drawString(m, 8 * mm, f"{date.isoformat()} · centreplan {version()} · "
                            "Emplacements proposés d'après le plan / places proposed from the layout")


def _level_rooms(plan: Plan, level: int) -> list:
    return [r for r in plan.centre.rooms if r.level == level and r.id not in plan.invalid]


def _transform(plan: Plan, level: int, assembly: tuple[float, float] | None, box):
    """Model metres → page points for the plan of ``level`` (its rooms and the assembly point) in ``box``."""
    bx, by, bw, bh = box
    rooms = _level_rooms(plan, level)
    xs = [x for r in rooms for x, _ in r.polygon]
    ys = [y for r in rooms for _, y in r.polygon]
    if assembly:
        xs.append(assembly[0])
        ys.append(assembly[1])
    x0, y0, x1, y1 = min(xs) - 2, min(ys) - 2, max(xs) + 2, max(ys) + 2
    s = min(bw / (x1 - x0), bh / (y1 - y0))
    ox = bx + (bw - (x1 - x0) * s) / 2
    oy = by + (bh - (y1 - y0) * s) / 2

    def tx(x: float, y: float) -> tuple[float, float]:
        return (ox + (x - x0) * s, oy + (y - y0) * s)

    return tx


def _form(level: int, part: str) -> str:
    return f"evac-{part}-{level}"


def _room_path(c, r, tx, fill) -> None:
    path = c.beginPath()
    pts = [tx(x, y) for x, y in r.polygon]
    path.moveTo(*pts[0])
    for p in pts[1:]:
        path.lineTo(*p)
    path.close()
    c.setFillColor(fill)
    c.setStrokeColor(colors.black)
    c.setLineWidth(1.6 if r.use != "outdoor" else 0.5)
    c.drawPath(path, stroke=1, fill=1)


def _define_level_forms(c, plan: Plan, pg: EvacuationPage, tx) -> None:
    """What every page of a level shows the same, drawn once as PDF forms that each page places (a
    level of 5,500 rooms is drawn once, not once per page): the rooms (``rooms``); their ids and the
    doors (``labels``); the exits, extinguishers and assembly point (``marks``)."""
    level = pg.level
    rooms = _level_rooms(plan, level)
    c.beginForm(_form(level, "rooms"))
    for r in rooms:
        _room_path(c, r, tx, colors.HexColor("#E8F5E9") if r.use == "outdoor" else colors.HexColor("#F4F4F4"))
    c.endForm()
    c.beginForm(_form(level, "labels"))
    c.setFont(FONT, 6)
    c.setFillColor(colors.HexColor("#444444"))
    for r in rooms:
        p = plan.polygons[r.id].representative_point()
        c.drawCentredString(*tx(p.x, p.y - 0.3), r.id)
    # doors: gaps shown as short white strokes
    for door in plan.centre.doors:
        if door.id not in plan.door_points:
            continue
        rid = next(e for e in door.between if e != OUTSIDE)
        if plan.rooms[rid].level != level:
            continue
        a, b = door.between
        geom = plan.polygons[rid] if door.to_outside else plan.shared_wall(a, b)
        x, y = plan.door_points[door.id]
        ux, uy = wall_direction(geom, (x, y))
        h = door.width / 2
        c.setStrokeColor(colors.white)
        c.setLineWidth(2.4)
        c.line(*tx(x - ux * h, y - uy * h), *tx(x + ux * h, y + uy * h))
    c.endForm()
    c.beginForm(_form(level, "marks"))
    for door in plan.exits:
        rid = next(e for e in door.between if e != OUTSIDE)
        if plan.rooms[rid].level != level:
            continue
        x, y = tx(*plan.door_points[door.id])
        c.setFillColor(GREEN)
        c.roundRect(x - 9, y - 5, 18, 10, 2, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(FONT_BOLD, 5.5)
        c.drawCentredString(x, y - 2, "EXIT")
    # extinguishers
    for ex, ey in pg.extinguishers:
        x, y = tx(ex, ey)
        c.setFillColor(RED)
        c.rect(x - 3.5, y - 3.5, 7, 7, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(FONT_BOLD, 5)
        c.drawCentredString(x, y - 1.8, "E")
    # assembly point
    if pg.assembly:
        x, y = tx(*pg.assembly)
        c.setFillColor(GREEN)
        c.circle(x, y, 8, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(FONT_BOLD, 7)
        c.drawCentredString(x, y - 2.5, "A")
    c.endForm()


def _plan(c, plan: Plan, pg: EvacuationPage, box, tx) -> None:
    """The level's plan (its forms) with this page's room, routes and "you are here" drawn over it."""
    bx, by, bw, bh = box
    c.doForm(_form(pg.level, "rooms"))
    _room_path(c, plan.rooms[pg.room], tx, colors.HexColor("#FFF3B0"))
    c.doForm(_form(pg.level, "labels"))
    # routes: second (dashed) under the first
    start = polylabel(plan.polygons[pg.room], tolerance=0.05)
    for k, route in reversed(list(enumerate(pg.routes))):
        pts = [(start.x, start.y)] + [plan.door_points[d] for d in route.doors]
        last = plan._door(route.doors[-1])
        inside = route.rooms[-2] if len(route.rooms) > 1 else pg.room
        ix, iy = _inward(plan, last, inside, 1.0)
        ex, ey = pts[-1]
        pts.append((ex - (ix - ex) * 2.0, ey - (iy - ey) * 2.0))  # 2 m beyond the exit
        c.setStrokeColor(GREEN)
        c.setLineWidth(3.2 if k == 0 else 2.0)
        c.setDash([] if k == 0 else [6, 4])
        path = c.beginPath()
        path.moveTo(*tx(*pts[0]))
        for p in pts[1:]:
            path.lineTo(*tx(*p))
        c.drawPath(path, stroke=1, fill=0)
        c.setDash([])
        _arrow(c, tx(*pts[-2]), tx(*pts[-1]))
    c.doForm(_form(pg.level, "marks"))
    # you are here
    hx, hy = tx(start.x, start.y)
    c.setFillColor(colors.HexColor("#D52B1E"))
    c.circle(hx, hy, 5, stroke=0, fill=1)
    c.setFont(FONT_BOLD, 9)
    c.setFillColor(colors.black)
    c.drawString(hx + 7, hy + 4, both("here"))
    if not pg.routes:
        c.setFillColor(RED)
        c.setFont(FONT_BOLD, 12)
        c.drawString(bx, by + bh - 12, both("noroute"))


def _arrow(c, p, q) -> None:
    (x1, y1), (x2, y2) = p, q
    ang = math.atan2(y2 - y1, x2 - x1)
    size = 9
    path = c.beginPath()
    path.moveTo(x2, y2)
    path.lineTo(x2 - size * math.cos(ang - 0.4), y2 - size * math.sin(ang - 0.4))
    path.lineTo(x2 - size * math.cos(ang + 0.4), y2 - size * math.sin(ang + 0.4))
    path.close()
    c.setFillColor(GREEN)
    c.drawPath(path, stroke=0, fill=1)


@lru_cache(maxsize=64)
def _split(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines ``width`` points wide (the same texts on every page: broken once)."""
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, font, size, width)


def _legend(c, pg: EvacuationPage, x: float, top: float, width: float) -> None:
    y = top
    c.setFont(FONT_BOLD, 10)
    c.setFillColor(colors.black)
    c.drawString(x, y, "Légende / Legend")
    y -= 8 * mm

    def item(draw, key: str) -> None:
        nonlocal y
        draw(x + 6, y + 3)
        c.setFillColor(colors.black)
        c.setFont(FONT, 8)
        lines = _split(both(key), FONT, 8, width - 18 * mm)
        for i, line in enumerate(lines):
            c.drawString(x + 16 * mm, y + 1 - i * 10, line)
        y -= max(9 * mm, (len(lines) + 0.6) * 10)

    def dot(px, py):
        c.setFillColor(RED)
        c.circle(px + 8, py, 5, stroke=0, fill=1)

    def line(dashed):
        def draw(px, py):
            c.setStrokeColor(GREEN)
            c.setLineWidth(3.2 if not dashed else 2.0)
            c.setDash([6, 4] if dashed else [])
            c.line(px - 4, py, px + 30, py)
            c.setDash([])
        return draw

    def exit_(px, py):
        c.setFillColor(GREEN)
        c.roundRect(px - 2, py - 5, 22, 10, 2, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(FONT_BOLD, 5.5)
        c.drawCentredString(px + 9, py - 2, "EXIT")

    def ext(px, py):
        c.setFillColor(RED)
        c.rect(px + 4, py - 3.5, 7, 7, stroke=0, fill=1)

    def assembly(px, py):
        c.setFillColor(GREEN)
        c.circle(px + 8, py, 8, stroke=0, fill=1)

    item(dot, "here")
    item(line(False), "route1")
    if len(pg.routes) > 1:
        item(line(True), "route2")
    item(exit_, "exit")
    item(ext, "ext")
    if pg.assembly:
        item(assembly, "assembly")
    y -= 2 * mm
    for k, route in enumerate(pg.routes):
        c.setFont(FONT, 8)
        c.setFillColor(colors.black)
        c.drawString(x, y, f"{both('distance')} {k + 1} : {route.distance:.0f} m")
        y -= 5 * mm
    y -= 4 * mm
    c.setFont(FONT, 8.5)
    for text in TEXT["instr"]:
        for line_ in _split(text, FONT, 8.5, width):
            c.drawString(x, y, line_)
            y -= 11
        y -= 6

