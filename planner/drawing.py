"""The plan as an SVG drawing: rooms coloured by occupant group, failing rooms marked, doors, exits.

Pure text output (no drawing library): the app shows it inline, tests read it as XML. Plan
coordinates are metres with y pointing up; the SVG flips y so the plan reads as drawn in CAD.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from shapely.geometry import Polygon

from centreplan.planner import vocabulary
from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.model import GROUPS, Centre

# Fill colour per occupant group: the one palette of planner/vocabulary.yaml (app, PDF and DXF alike).
GROUP_COLOURS = {g: vocabulary.colour(g) for g in GROUPS}
FAIL_COLOUR = "#c0392b"
EXIT_COLOUR = "#1a7f37"
DOOR_COLOUR = "#3d3d3d"
WALL_COLOUR = "#333333"


LABEL_FILL = 0.9  # a label takes at most this share of the room's length
EM = 0.62  # width of a letter, in font sizes (DejaVu Sans bold averages about 0.6 em)


def text_width(text: str, size: float) -> float:
    """The width a label of ``len(text)`` letters takes at font size ``size`` (an estimate)."""
    return EM * len(text) * size


def label_size(text: str, length: float, across: float, font: float) -> float:
    """The font size at which ``text`` fits along ``length`` (with :data:`LABEL_FILL`) and a third of
    ``across``, at most ``1.1 × font`` (the plan's legend size)."""
    return min(font * 1.1, length * LABEL_FILL / (EM * max(len(text), 2)), across / 3)


def _fmt(v: float) -> str:
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def plan_svg(centre: Centre, plan: Plan | None = None, *, failing: Mapping[str, str] | None = None,
             level: int = 0, group_labels: Mapping[str, str] | None = None,
             legend_failing: str = "fails a rule", legend_exit: str = "exit",
             title: str | None = None, decimal: str = ".") -> str:
    """The rooms of ``level`` as an SVG document.

    ``failing`` maps room ids to a short reason (shown on hover and as a red outline with hatching);
    ``group_labels`` gives the legend's text per group (default: the group names); ``decimal`` is the
    decimal mark of the areas (``","`` in French). Rooms whose
    polygon is invalid are still drawn, as given.
    """
    plan = plan or build_plan(centre)
    failing = failing or {}
    labels = {g: g for g in GROUPS} | dict(group_labels or {})
    rooms = [r for r in centre.rooms if r.level == level]
    polys = {r.id: Polygon(r.polygon) for r in rooms}
    if polys:
        xs = [x for r in rooms for x, _ in r.polygon]
        ys = [y for r in rooms for _, y in r.polygon]
        minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)
    else:
        minx, maxx, miny, maxy = 0.0, 10.0, 0.0, 10.0
    span = max(maxx - minx, maxy - miny, 1.0)
    pad = span * 0.03 + 1.0  # room for exits drawn on the outline
    # legend band below the plan, in plan units
    used_groups = [g for g in GROUPS if any(r.group == g for r in rooms)]
    font = max(span / 70, 0.25)
    box = font
    items = [("group", g, labels.get(g, g)) for g in used_groups]
    items += [("fail", "", legend_failing), ("exit", "", legend_exit)]
    legend: list[tuple[str, str, str, tuple[float, float]]] = []
    x, y, right = minx, 0.0, maxx + pad * 0.5
    for kind, key, text in items:
        w = box * 1.3 + text_width(text, font) + box * 1.2  # box, text, gap
        if x > minx and x + w > right:
            x, y = minx, y + font * 1.7
        legend.append((kind, key, text, (x, y)))
        x += w
    legend_h = y + font * 2.6
    ly0 = -(miny - pad) + font * 0.6
    vb_x, vb_y = minx - pad, -(maxy + pad)
    vb_w, vb_h = (maxx - minx) + 2 * pad, (maxy - miny) + 2 * pad + legend_h
    stroke = span / 600
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_fmt(vb_x)} {_fmt(vb_y)} {_fmt(vb_w)} {_fmt(vb_h)}" '
        f'preserveAspectRatio="xMidYMin meet" style="width:100%;height:auto;max-height:78vh;background:#fff" '
        f'font-family="DejaVu Sans, Arial, sans-serif" role="img">',
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    out.append(
        '<defs><pattern id="fail-hatch" patternUnits="userSpaceOnUse" '
        f'width="{_fmt(span / 80)}" height="{_fmt(span / 80)}" patternTransform="rotate(45)">'
        f'<line x1="0" y1="0" x2="0" y2="{_fmt(span / 80)}" stroke="{FAIL_COLOUR}" '
        f'stroke-width="{_fmt(stroke * 1.5)}" stroke-opacity="0.55"/></pattern></defs>')
    # rooms
    for r in sorted(rooms, key=lambda r: (r.use != "outdoor", r.use != "corridor")):  # outdoor first, below
        pts = " ".join(f"{_fmt(x)},{_fmt(-y)}" for x, y in r.polygon)
        fill = GROUP_COLOURS.get(r.group, "#eeeeee")
        reason = failing.get(r.id)
        tip = (f"{r.id} · {r.label} · {r.use} · {labels.get(r.group, r.group)} · "
               + f"{plan.area(r.id):.1f}".replace(".", decimal) + " m²")
        if reason:
            tip += f"\n{reason}"
        flag = ' data-failing="true"' if reason else ""
        out.append(f'<g class="room" data-room="{escape(r.id)}"{flag}>'
                   f"<title>{escape(tip)}</title>"
                   f'<polygon points="{pts}" fill="{fill}" stroke="{WALL_COLOUR}" stroke-width="{_fmt(stroke)}"/>')
        if reason:
            out.append(f'<polygon points="{pts}" fill="url(#fail-hatch)" stroke="{FAIL_COLOUR}" '
                       f'stroke-width="{_fmt(stroke * 3.5)}"/>')
        out.append("</g>")
    # labels: id (bold) and area, sized so both fit inside the room (turned along a narrow room's
    # length when that gives them more room); a room too small for a readable id keeps its tooltip only
    for r in rooms:
        poly = polys[r.id]
        if poly.is_empty or not poly.is_valid:
            p = poly.centroid if not poly.is_empty else None
        else:
            p = poly.representative_point()
        if p is None or p.is_empty:
            continue
        bx0, by0, bx1, by1 = poly.bounds
        area = f"{plan.area(r.id):.1f}".replace(".", decimal) + " m²"
        size, turned = label_size(r.id, bx1 - bx0, by1 - by0, font), False
        if (by1 - by0) > (bx1 - bx0) * 1.5:
            along = label_size(r.id, by1 - by0, bx1 - bx0, font)
            if along > size * 1.3:
                size, turned = along, True
        if size < font * 0.35:
            continue
        length, across = ((by1 - by0), (bx1 - bx0)) if turned else ((bx1 - bx0), (by1 - by0))
        colour = FAIL_COLOUR if r.id in failing else "#111"
        turn = f' transform="rotate(-90 {_fmt(p.x)} {_fmt(-p.y)})"' if turned else ""
        out.append(f'<text x="{_fmt(p.x)}" y="{_fmt(-p.y)}" font-size="{_fmt(size)}" text-anchor="middle" '
                   f'font-weight="bold" fill="{colour}" pointer-events="none"{turn}>{escape(r.id)}</text>')
        if across > size * 2.6 and text_width(area, size * 0.8) <= length * LABEL_FILL:
            out.append(f'<text x="{_fmt(p.x)}" y="{_fmt(-p.y + size * 1.1)}" font-size="{_fmt(size * 0.8)}" '
                       f'text-anchor="middle" fill="#333" pointer-events="none"{turn}>{area}</text>')
    # doors: a dot on the wall sized by the door's width; exits in green
    room_level = {r.id: r.level for r in centre.rooms}
    for d in centre.doors:
        at = plan.door_points.get(d.id)
        if at is None or all(room_level.get(x, level) != level for x in d.between):
            continue
        is_exit = plan.is_exit(d)
        colour = EXIT_COLOUR if is_exit else DOOR_COLOUR
        out.append(f'<circle class="door" data-door="{escape(d.id)}" cx="{_fmt(at[0])}" cy="{_fmt(-at[1])}" '
                   f'r="{_fmt(max(d.width / 3, span / 300))}" fill="{colour}" stroke="#fff" '
                   f'stroke-width="{_fmt(stroke)}">'
                   f"<title>{escape(d.id)} · {_fmt(d.width)} m</title></circle>")
    # legend, wrapped to the plan's width
    for kind, key, text, (x, y) in legend:
        ty = ly0 + y
        if kind == "group":
            out.append(f'<rect x="{_fmt(x)}" y="{_fmt(ty)}" width="{_fmt(box)}" height="{_fmt(box)}" '
                       f'fill="{GROUP_COLOURS[key]}" stroke="{WALL_COLOUR}" stroke-width="{_fmt(stroke)}"/>')
        elif kind == "fail":
            out.append(f'<rect x="{_fmt(x)}" y="{_fmt(ty)}" width="{_fmt(box)}" height="{_fmt(box)}" '
                       f'fill="url(#fail-hatch)" stroke="{FAIL_COLOUR}" stroke-width="{_fmt(stroke * 3)}"/>')
        else:
            out.append(f'<circle cx="{_fmt(x + box / 2)}" cy="{_fmt(ty + box / 2)}" r="{_fmt(box / 2)}" '
                       f'fill="{EXIT_COLOUR}"/>')
        out.append(f'<text x="{_fmt(x + box * 1.3)}" y="{_fmt(ty + box * 0.85)}" font-size="{_fmt(font)}">'
                   f"{escape(text)}</text>")
    out.append("</svg>")
    return "".join(out)


def geometry_failures(plan: Plan) -> dict[str, str]:
    """Rooms with a geometry problem (invalid outline, overlap, misplaced door) and why, joined by ' · '."""
    out: dict[str, list[str]] = {}
    for pr in plan.problems():
        for rid in pr.rooms:
            out.setdefault(rid, [])
            if pr.message not in out[rid]:
                out[rid].append(pr.message)
    return {rid: " · ".join(msgs) for rid, msgs in out.items()}


def failures_by_room(findings: Iterable, lang: str = "en",
                     severity_labels: Mapping[str, str] | None = None) -> dict[str, str]:
    """Rooms named by failing findings (``standards.Finding``-like: status, rooms, rule, severity,
    message, message_fr, subject) and why: ``"RULE (severity): message"`` joined by newlines, most
    severe first. A finding about one room (its ``subject``) marks that room only, not the rooms it
    merely names (the sanitary room too far from a dormitory is not itself at fault)."""
    severity_labels = severity_labels or {}
    order = {"critical": 0, "major": 1, "minor": 2}
    out: dict[str, list[tuple[int, str]]] = {}
    for f in findings:
        if f.status != "fail":
            continue
        text = f.message_fr if lang == "fr" and getattr(f, "message_fr", None) else f.message
        line = f"{f.rule} ({severity_labels.get(f.severity, f.severity)}): {text.strip()}"
        subject = getattr(f, "subject", None)
        for rid in ([subject] if isinstance(subject, str) and subject in f.rooms else f.rooms):
            if line not in (t for _, t in out.get(rid, [])):
                out.setdefault(rid, []).append((order.get(f.severity, 9), line))
    return {rid: "\n".join(t for _, t in sorted(lines)) for rid, lines in out.items()}
