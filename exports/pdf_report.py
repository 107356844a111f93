"""The compliance report as a PDF (A4, reportlab): one standards ``Report`` rendered for people.

Content: the centre and the check (packs, population, date, version); a summary by pack and severity;
the plan drawn from the geometry with the rooms that fail a check highlighted; every failing and
not-evaluable finding with measured, required and source (figures resting on an unverified source
are marked); the passed rules in brief; the room programme the population needs beside what the
layout provides (``standards.programme`` and ``programme_vs_layout``); the list of rooms.
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from centreplan.exports.dxf import failing_rules_by_room
from centreplan.exports.labels import translator
from centreplan.exports.pdf_common import (
    FONT,
    FONT_BOLD,
    build_pdf,
    content_width,
    fit_cell,
    grid_table,
    p,
    register_fonts,
    styles,
)
from centreplan.exports.report_references import back_matter, front_matter
from centreplan.exports.sheets import FULL_LIST_FINDINGS
from centreplan.planner import numbers, vocabulary
from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.model import OUTSIDE, Centre
from centreplan.standards.report import SEVERITIES

SEVERITY_COLOURS = {"critical": "#B00000", "major": "#C05000", "minor": "#806000"}
FAIL_FILL = colors.HexColor("#F6B8B8")
FAIL_STROKE = colors.HexColor("#C00000")


def _group_colour(group: str) -> colors.Color:
    """The group's fill colour, the same in the app, the PDF and the DXF plan (planner/vocabulary.yaml)."""
    return colors.HexColor(vocabulary.colour(group))


def use_label(use: str, lang: str) -> str:
    return vocabulary.label("uses", use, lang)


def group_label(group: str, lang: str) -> str:
    return vocabulary.label("groups", group, lang)


def plan_drawing(centre: Centre, plan: Plan, failing: dict[str, list[str]], lang: str, *,
                 width: float, max_height: float, level: int = 0) -> Drawing:
    """The rooms of ``level`` scaled into ``width`` × ``max_height`` points: fills by group, failing rooms
    red, room ids where they fit, doors as short orange strokes across their opening."""
    rooms = [r for r in centre.rooms if r.level == level]
    xs = [x for r in rooms for x, _y in r.polygon]
    ys = [y for r in rooms for _x, y in r.polygon]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    s = min(width / max(x1 - x0, 1e-9), max_height / max(y1 - y0, 1e-9))
    d = Drawing(width, (y1 - y0) * s)
    d.initialFontName = FONT  # the default font of its texts, else reportlab names Helvetica (not embedded)

    def tx(x: float, y: float) -> tuple[float, float]:
        return ((x - x0) * s, (y - y0) * s)

    for r in rooms:
        pts = [c for x, y in r.polygon for c in tx(x, y)]
        bad = r.id in failing
        d.add(Polygon(pts, fillColor=FAIL_FILL if bad else _group_colour(r.group),
                      strokeColor=FAIL_STROKE if bad else colors.HexColor("#404040"),
                      strokeWidth=1.2 if bad else 0.4))
    for door in centre.doors:
        if door.id not in plan.door_points:
            continue
        room = next(e for e in door.between if e != OUTSIDE)
        if plan.rooms[room].level != level:
            continue
        from centreplan.exports.dxf_walls import wall_direction as _wall_direction

        a, b = door.between
        wall = plan.polygons[room] if door.to_outside else plan.shared_wall(a, b)
        ux, uy = _wall_direction(wall, plan.door_points[door.id])
        x, y = plan.door_points[door.id]
        h = door.width / 2
        (ax, ay), (bx, by) = tx(x - ux * h, y - uy * h), tx(x + ux * h, y + uy * h)
        d.add(Line(ax, ay, bx, by, strokeColor=colors.HexColor("#E07000"), strokeWidth=2.2))
    for r in rooms:
        poly = plan.polygons[r.id]
        if poly.is_empty:
            continue
        c = poly.representative_point()
        minx, miny, maxx, maxy = poly.bounds
        w = (maxx - minx) * s
        size = min(7.0, 0.85 * w / max(stringWidth(r.id, FONT_BOLD, 1), 1e-9), (maxy - miny) * s * 0.6)
        if size < 3.5:
            continue
        cx, cy = tx(c.x, c.y)
        d.add(String(cx, cy - size * 0.35, r.id, fontName=FONT_BOLD, fontSize=size, textAnchor="middle",
                     fillColor=FAIL_STROKE if r.id in failing else colors.black))
    return d


def _legend(centre: Centre, lang: str, failing: bool) -> Drawing:
    _ = translator(lang)
    groups = [g for g in ("men", "women", "boys", "girls", "families", "staff", "all")
              if any(r.group == g for r in centre.rooms)]
    items = [(group_label(g, lang), _group_colour(g), colors.HexColor("#404040")) for g in groups]
    if failing:
        items.append((_("fails a check"), FAIL_FILL, FAIL_STROKE))
    items.append((_("door"), None, colors.HexColor("#E07000")))
    width = content_width()
    lines: list[list[tuple[float, str, Any, Any]]] = [[]]
    x = 0.0
    for text, fill, stroke in items:
        step = 13 + stringWidth(text, FONT, 7.5) + 10
        if x and x + step - 10 > width:
            lines.append([])
            x = 0.0
        lines[-1].append((x, text, fill, stroke))
        x += step
    d = Drawing(width, 12 * len(lines))
    d.initialFontName = FONT
    for k, line in enumerate(lines):
        y = 12 * (len(lines) - 1 - k) + 2
        for x, text, fill, stroke in line:
            if fill is None:
                d.add(Line(x, y + 3.5, x + 10, y + 3.5, strokeColor=stroke, strokeWidth=2.2))
            else:
                d.add(Rect(x, y, 10, 7, fillColor=fill, strokeColor=stroke, strokeWidth=0.6))
            d.add(String(x + 13, y + 1, text, fontName=FONT, fontSize=7.5))
    return d


def _findings(report: Any) -> list[Any]:
    return list(report.findings) if report is not None else []


class _Read:
    """What the report tells of the findings, read in one pass (a large centre has 63,000 findings,
    each of whose fields a finding of the checker reads through its rule's form)."""

    def __init__(self, findings: list[Any], lang: str):
        self.by: defaultdict[str, Counter[str]] = defaultdict(Counter)  # pack → outcome → count
        self.fails: list[Any] = []
        self.cannot: list[Any] = []
        self.passed: Counter[str] = Counter()  # rule → passes
        self.unverified: set[str] = set()  # rules with a finding on an unverified figure
        self.titles: dict[str, str] = {}  # rule → its check, in ``lang``
        self.status: dict[str, str] = {}  # rule → the source status of its last finding
        self.cited: dict[str, tuple[str, str]] = {}  # rule → citation and source status of its first finding
        for f in findings:
            rule, status, source_status = f.rule, f.status, f.source_status
            if status == "fail":
                self.fails.append(f)
                self.by[f.pack][f"fail_{f.severity}"] += 1
            else:
                self.by[f.pack][status] += 1
                if status == "pass":
                    self.passed[rule] += 1
                elif status == "cannot_evaluate":
                    self.cannot.append(f)
            if source_status == "unverified":
                self.unverified.add(rule)
            self.status[rule] = source_status
            if rule not in self.cited:
                self.titles[rule] = f.title_fr if lang == "fr" else f.title
                self.cited[rule] = (f.source_in(lang), source_status)


# Complexity: the report reads top to bottom as one story; sections move out as the report grows.
def report_story(centre: Centre, report: Any, lang: str = "en", *, plan: Plan | None = None,  # noqa: C901
                 programme: Any = None, comparison: Any = None, date: _dt.date | None = None,
                 author: str | None = None, organisation: str | None = None, revision: str = "A") -> list:
    """The flowables of the compliance report (see the module docstring)."""
    from centreplan import standards

    _ = translator(lang)
    st = styles()
    plan = plan or build_plan(centre)
    date = date or _dt.date.today()
    info = centre.centre
    if programme is None:
        programme = standards.programme(centre.population, info.phase, info.climate, report.packs if report else None)
    if comparison is None:
        comparison = standards.programme_vs_layout(programme, centre, plan)
    findings = _findings(report)
    read = _Read(findings, lang)
    failing = failing_rules_by_room(report)
    width = content_width()
    story: list = []

    # ---- title and context ---------------------------------------------------------------------
    story.append(Paragraph(_("Compliance report"), st["title"]))
    story.append(p(info.name, "h2"))
    if info.confidential:
        story.append(p(_("CONFIDENTIAL: do not circulate. Do not publish the location or the plan."), "conf"))
    pop = centre.population
    facts = [
        [p(_("Date")), p(date.isoformat())],
        [p(_("Climate, phase")), p(f"{vocabulary.label('climates', info.climate, lang)}, "
                                   f"{vocabulary.name('phases', info.phase, lang)}")],
        [p(_("Rule packs")), p(", ".join(vocabulary.label("packs", k, lang) for k in report.packs) if report else "—")],
        [p(_("Residents")), p(_("{n} persons: {men} men, {women} women, {boys} boys and {girls} girls "
                                "(unaccompanied), {family} in {households} families; {staff} staff",
                                n=pop.residents, men=pop.men, women=pop.women, boys=pop.boys, girls=pop.girls,
                                family=pop.family_persons, households=pop.households, staff=pop.staff))],
        [p(_("Layout")), p(_("{rooms} rooms, {beds} beds, floor area {area} m²", rooms=len(centre.rooms),
                             beds=centre.beds, area=numbers.number(sum(plan.area(r.id) for r in centre.rooms
                                                                       if r.use != "outdoor"), lang, 1)))],
    ]
    if info.location and not info.confidential:
        facts.insert(1, [p(_("Location")), p(info.location)])
    story.append(grid_table(facts, [38 * mm, width - 38 * mm], header_rows=0))
    # ---- document control, summary, scope and method (exports/report_references.py) ----------------
    story += front_matter(centre, report, plan, lang, author=author, organisation=organisation, revision=revision,
                          date=date)

    # ---- summary by pack and severity ------------------------------------------------------------
    story.append(Paragraph(_("Summary by pack and severity"), st["h1"]))
    packs = list(report.packs) if report else []
    by = read.by
    head = [p(_("Pack"), "cellb"), p(_("pass"), "cellb"), p(_("fail: critical"), "cellb"),
            p(_("fail: major"), "cellb"), p(_("fail: minor"), "cellb"), p(_("cannot evaluate"), "cellb"),
            p(_("not applicable"), "cellb")]
    keys = ["pass", "fail_critical", "fail_major", "fail_minor", "cannot_evaluate", "not_applicable"]
    rows = [head]
    for pack in packs + sorted(set(by) - set(packs)):
        rows.append([p(vocabulary.label("packs", pack, lang))] + [p(by[pack][k]) for k in keys])
    rows.append([p(_("Total"), "cellb")] + [p(sum(by[x][k] for x in by), "cellb") for k in keys])
    extra = []
    for i, k in enumerate(keys, start=1):
        if k.startswith("fail_"):
            sev = k[5:]
            for r_i in range(1, len(rows)):
                pack = None if r_i == len(rows) - 1 else (packs + sorted(set(by) - set(packs)))[r_i - 1]
                n = sum(by[x][k] for x in by) if pack is None else by[pack][k]
                if n:
                    extra.append(("TEXTCOLOR", (i, r_i), (i, r_i), colors.HexColor(SEVERITY_COLOURS[sev])))
    story.append(grid_table(rows, [34 * mm] + [(width - 34 * mm) / 6] * 6, extra=extra))
    fails = read.fails
    blocking = [f for f in fails if f.severity in ("critical", "major")]
    verdict = (_("{n} critical or major failures: the layout does not meet the packs checked.", n=len(blocking))
               if blocking else _("No critical or major failure."))
    story.append(Spacer(1, 3))
    story.append(p(verdict, "base"))
    unverified = sorted(read.unverified)
    if unverified:
        story.append(p(_("Findings marked 'unverified' rest on a figure whose source could not be checked: "
                         "{rules}.", rules=", ".join(unverified)), "note"))

    # ---- the plan ----------------------------------------------------------------------------------
    levels = sorted({r.level for r in centre.rooms})
    for n_level, level in enumerate(levels):
        block = [Paragraph(_("Plan"), st["h1"])] if n_level == 0 else []
        if len(levels) > 1:
            block.append(p(_("Level {n}", n=level), "h2"))
        block.append(plan_drawing(centre, plan, failing, lang, width=width,
                                  max_height=(150 if len(levels) == 1 else 110) * mm, level=level))
        if n_level == len(levels) - 1:
            block += [Spacer(1, 4), _legend(centre, lang, bool(failing))]
        story.append(KeepTogether(block))  # the heading never stays alone at the foot of a page

    # ---- findings -------------------------------------------------------------------------------------
    order = {s: i for i, s in enumerate(SEVERITIES)}
    story.append(PageBreak())
    story.append(Paragraph(_("Failures"), st["h1"]))
    big = len(findings) > FULL_LIST_FINDINGS  # one line per finding under its rule (reportlab's fast path)
    table = _findings_by_rule if big else _findings_table
    if big and fails:
        story.append(p(_("This centre has {n} findings: each failure is listed on one line under its rule "
                         "(subject, measured, required); the rule's check and source are given once. The "
                         "workbook and the CSV file give each finding's full message and suggested fix.",
                         n=numbers.number(len(findings), lang, 0)), "note"))
    story.append(table(sorted(fails, key=lambda f: (order[f.severity], f.rule)), lang)
                 if fails else p(_("None."), "base"))
    cannot = read.cannot
    story.append(Paragraph(_("Not evaluated (data missing)"), st["h1"]))
    story.append(p(_("A rule that cannot be evaluated is never counted as passed: add the data it needs."),
                   "note"))
    story.append(table(sorted(cannot, key=lambda f: f.rule), lang) if cannot else p(_("None."), "base"))
    passed = read.passed
    if passed:
        story.append(Paragraph(_("Passed"), st["h1"]))
        titles, status = read.titles, read.status
        rows = [[p(_("Rule"), "cellb"), p(_("Check"), "cellb"), p(_("Subjects"), "cellb"),
                 p(_("Source status"), "cellb")]]
        for rule in sorted(passed):
            rows.append([p(rule), p(titles[rule]), p(passed[rule]), p(_(status[rule]))])
        story.append(grid_table(rows, [34 * mm, width - 34 * mm - 40 * mm, 16 * mm, 24 * mm]))

    # ---- programme ---------------------------------------------------------------------------------
    story.append(PageBreak())
    story.append(Paragraph(_("Room programme"), st["h1"]))
    story.append(p(_("What the planned population needs under the packs checked, beside what the layout "
                     "provides."), "note"))
    rows = [[p(_("Requirement"), "cellb"), p(_("In the layout"), "cellb"), p(_("Meets it"), "cellb"),
             p(_("Source status"), "cellb")]]
    extra = []
    for i, lc in enumerate(comparison.lines, start=1):
        ln = lc.line
        text = ln.text_fr if lang == "fr" else ln.text
        shortfall = (lc.shortfall_fr if lang == "fr" else None) or lc.shortfall
        provided = ((lc.provided_fr if lang == "fr" else "") or lc.provided) + (f" — {shortfall}" if shortfall else "")
        ok = _("yes") if lc.ok else (_("no") if lc.ok is False else _("cannot tell"))
        rows.append([p(text), p(provided), p(ok, "cellb"), p(_(ln.source_status))])
        if lc.ok is False:
            extra.append(("TEXTCOLOR", (2, i), (2, i), FAIL_STROKE))
        if ln.source_status == "unverified":
            extra.append(("BACKGROUND", (3, i), (3, i), colors.HexColor("#FFF2CC")))
    story.append(grid_table(rows, [92 * mm, 46 * mm, 18 * mm, width - 156 * mm], extra=extra))

    # ---- sources ----------------------------------------------------------------------------------
    cited = read.cited
    if cited:
        story.append(Paragraph(_("Sources of the rules"), st["h1"]))
        rows = [[p(_("Rule"), "cellb"), p(_("Source"), "cellb"), p(_("Source status"), "cellb")]]
        extra = []
        for i, (rule_id, (cited_source, cited_status)) in enumerate(sorted(cited.items()), start=1):
            rows.append([p(rule_id), p(cited_source, "small"), p(_(cited_status))])
            if cited_status == "unverified":
                extra.append(("BACKGROUND", (2, i), (2, i), colors.HexColor("#FFF2CC")))
        story.append(grid_table(rows, [34 * mm, width - 58 * mm, 24 * mm], extra=extra))

    # ---- rooms --------------------------------------------------------------------------------------
    story.append(Paragraph(_("Rooms"), st["h1"]))
    widths = [14 * mm, 46 * mm, 26 * mm, 28 * mm, 16 * mm, 10 * mm, width - 140 * mm]
    rows = [[fit_cell(t, w, font=FONT_BOLD) for t, w in zip(
        (_("Id"), _("Name"), _("Use"), _("Group"), _("Area (m²)"), _("Beds"), _("Failing rules")), widths)]]
    for r in centre.rooms:  # plain cells only: a table of 5,000 rooms lays out in seconds
        values = (r.id, r.name or "", use_label(r.use, lang), group_label(r.group, lang),
                  numbers.number(plan.area(r.id), lang, 1), r.beds or "", " ".join(failing.get(r.id, [])))
        rows.append([fit_cell(v, w) for v, w in zip(values, widths)])
    story.append(grid_table(rows, widths, extra=[("FONTNAME", (0, 0), (-1, 0), FONT_BOLD)]))
    # ---- references and glossary (exports/report_references.py) -----------------------------------
    story += back_matter(report, lang)
    return story


def _findings_table(findings: list[Any], lang: str):
    _ = translator(lang)
    width = content_width()
    rows = [[p(_("Rule and finding"), "cellb"), p(_("Rooms"), "cellb"), p(_("Measured"), "cellb"),
             p(_("Required"), "cellb"), p(_("Source"), "cellb")]]
    extra = []
    for f in findings:
        title = f.title_fr if lang == "fr" else f.title
        message = (f.message_fr if lang == "fr" else f.message) or ""
        fix = (f.fix_fr if lang == "fr" else f.fix) or ""
        head = f"{f.rule} · {_(f.severity)}" if f.status == "fail" else f.rule
        body = f"{title}\n{message}" + (f"\n→ {fix}" if fix else "")
        where = group_label(f.group, lang) if f.group else _("centre")
        src = f.source_in(lang) + ("" if f.source_status == "verified" else f"\n[{_(f.source_status)}]")
        colour = SEVERITY_COLOURS[f.severity] if f.status == "fail" else "#000000"
        head_p = Paragraph(f'<font color="{colour}">{escape(head)}</font>', styles()["cellb"])
        measured = (getattr(f, "measured_fr", None) if lang == "fr" else None) or f.measured
        required = (getattr(f, "required_fr", None) if lang == "fr" else None) or f.required
        first, *more = room_rows(f.rooms, 20 * mm) or [where]
        rows.append([[head_p, p(body)], p(first), p(measured or "—"), p(required or "—"), p(src, "small")])
        if f.source_status == "unverified":
            extra.append(("BACKGROUND", (4, len(rows) - 1), (4, len(rows) - 1), colors.HexColor("#FFF2CC")))
        rows += [[p(f"{f.rule} …"), p(chunk), "", "", ""] for chunk in more]
    return grid_table(rows, [78 * mm, 20 * mm, 20 * mm, 22 * mm, width - 140 * mm], extra=extra)


ROOM_ROW_LINES = 16  # lines of room ids one table row holds: a row never outgrows a page


def room_rows(rooms: list[str], width: float) -> list[str]:
    """The ids of ``rooms`` cut into runs that each fill at most :data:`ROOM_ROW_LINES` lines of a
    column ``width`` points wide (a finding may name hundreds of rooms; one table row must fit a page)."""
    space = pdfmetrics.stringWidth(" ", FONT, 8)
    budget = ROOM_ROW_LINES * (width - 6.5)
    out: list[str] = []
    run: list[str] = []
    used = 0.0
    for rid in rooms:
        w = pdfmetrics.stringWidth(rid, FONT, 8) + space
        if run and used + w > budget:
            out.append(" ".join(run))
            run, used = [], 0.0
        run.append(rid)
        used += w * 2 if w > (width - 6.5) / 2 else w  # an id wider than half the line takes a line
    if run:
        out.append(" ".join(run))
    return out


def _findings_by_rule(findings: list[Any], lang: str):
    """The findings of a large centre: per rule a heading row (rule, severity, check, source), then one
    plain row per finding (subject, measured, required); ``findings`` sorted by rule."""
    _ = translator(lang)
    width = content_width()
    widths = [46 * mm, 52 * mm, 52 * mm, width - 150 * mm]
    # plain cells only (reportlab's fast path): the heading rows in bold, in the colour of the severity
    rows: list[list[Any]] = [[fit_cell(t, w, font=FONT_BOLD) for t, w in zip(
        (_("Rooms"), _("Measured"), _("Required"), _("Source status")), widths)]]
    extra: list[tuple] = [("FONTNAME", (0, 0), (-1, 0), FONT_BOLD)]
    rule = None
    for f in findings:
        if f.rule != rule:
            rule = f.rule
            title = f.title_fr if lang == "fr" else f.title
            head = f"{f.rule} · {_(f.severity)}" if f.status == "fail" else f.rule
            colour = SEVERITY_COLOURS[f.severity] if f.status == "fail" else "#000000"
            i = len(rows)
            # the heading runs across the row's empty cells (no SPAN: reportlab would work out the
            # spans again at every page it splits the table at; the table has no vertical rules)
            rows.append([fit_cell(f"{head} — {title} · {f.source_in(lang)}", sum(widths), font=FONT_BOLD), "", "", ""])
            extra += [("BACKGROUND", (0, i), (-1, i), colors.HexColor("#F2F2F2")),
                      ("FONTNAME", (0, i), (-1, i), FONT_BOLD), ("TEXTCOLOR", (0, i), (-1, i), colors.HexColor(colour))]
        measured = (getattr(f, "measured_fr", None) if lang == "fr" else None) or f.measured
        required = (getattr(f, "required_fr", None) if lang == "fr" else None) or f.required
        where = group_label(f.group, lang) if f.group else _("centre")
        first, *more = room_rows(f.rooms, widths[0]) or [where]
        values = (first, measured or "—", required or "—", _(f.source_status))
        rows.append([fit_cell(v, w) for v, w in zip(values, widths)])
        if f.source_status == "unverified":
            extra.append(("BACKGROUND", (3, len(rows) - 1), (3, len(rows) - 1), colors.HexColor("#FFF2CC")))
        rows += [[fit_cell(chunk, widths[0]), "", "", ""] for chunk in more]
    return grid_table(rows, widths, extra=extra)


def report_pdf_bytes(centre: Centre, report: Any = None, lang: str = "en", *, plan: Plan | None = None,
                     programme: Any = None, date: _dt.date | None = None, author: str | None = None,
                     organisation: str | None = None, revision: str = "A") -> bytes:
    """The compliance report as PDF bytes. Without ``report``, the centre is checked with the default
    packs (``standards.check``)."""
    from centreplan import standards

    _ = translator(lang)
    register_fonts()
    plan = plan or build_plan(centre)
    if report is None:
        report = standards.check(centre, plan=plan)
    date = date or _dt.date.today()
    story = report_story(centre, report, lang, plan=plan, programme=programme, date=date, author=author,
                         organisation=organisation, revision=revision)
    return build_pdf(story, title=_("Compliance report"), centre_name=centre.centre.name,
                     confidential=centre.centre.confidential, date=date, _=_)
