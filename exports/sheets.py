"""Spreadsheets for procurement officers: one XLSX workbook, and the same tables as CSV and JSON.

The workbook (XlsxWriter) has five sheets:

- **Procurement**: every line of the procurement list, quantity × unit price as formulas (EUR and
  XOF) whose computed values are stored with them, so a reader that does not recalculate shows them;
- **Technical specifications** in the form of an EU PRAG supply tender Annex II + III (item number,
  specifications required, specifications offered, notes, evaluation committee's notes). The column
  wording follows ``../shared/reference/equipment.md`` §8.1, which marks it *unverified* against the
  current PRAG template (c4f): the headings are a parameter (:data:`ANNEX_II_III_HEADINGS`);
- **Budget breakdown** in the form of Annex IV (item, description, unit, quantity, unit price, total)
  per lot with subtotals and a grand total, all formulas with stored values (EUR; columns equally
  unverified, see :data:`ANNEX_IV_HEADINGS`);
- **Findings** of the standards check and **Rooms** of the layout.

Totals are sums of the lines shown (design.md §5). Lines without a EUR price keep an empty price and
total and say why in their notes. CSV files are UTF-8 with a byte-order mark (so spreadsheet programs
detect the encoding), comma-separated, headings in the chosen language; JSON files hold the same rows
with stable English keys.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from exports.labels import group_label, translator, use_label
from planner.geometry import Plan, build_plan
from planner.i18n import N_
from planner.model import FIXTURES, Centre
from planner.text_safety import sheet_cell

FIXTURE_NAMES = {"wc": N_("WC"), "shower": N_("Showers"), "basin": N_("Basins"), "urinal": N_("Urinals"),
                 "phone": N_("Phones")}
SEVERITY_ORDER = {"critical": 0, "major": 1, "minor": 2}
STATUS_ORDER = {"fail": 0, "cannot_evaluate": 1, "not_applicable": 2, "pass": 3}

# EU PRAG supply tender, Annex II + III columns (equipment.md §8.1: wording unverified; override freely)
ANNEX_II_III_HEADINGS = {
    "item": N_("1. Item number"),
    "required": N_("2. Specifications required"),
    "offered": N_("3. Specifications offered"),
    "notes": N_("4. Notes, remarks, ref to documentation"),
    "committee": N_("5. Evaluation committee's notes"),
}
# EU PRAG supply tender, Annex IV (budget breakdown) columns (equipment.md §8.1: unverified)
ANNEX_IV_HEADINGS = {
    "item": N_("Item number"),
    "description": N_("Description"),
    "unit": N_("Unit"),
    "quantity": N_("Quantity"),
    "unit_price": N_("Unit price (EUR)"),
    "total": N_("Total price (EUR)"),
    "notes": N_("Notes"),
}


@dataclass
class Column:
    key: str
    title: str  # English message id
    width: float = 14
    kind: str = "text"  # text | int | number | money | area


@dataclass
class Table:
    key: str
    title: str  # English message id (sheet name)
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)


# ---- tables -------------------------------------------------------------------------------------
def rooms_table(centre: Centre, plan: Plan | None = None, report: Any = None, lang: str = "en") -> Table:
    """One row per room: id, name, use, group, level, area (m², from the geometry), beds, …"""
    plan = plan or build_plan(centre)
    from exports.dxf import failing_rules_by_room

    failing = failing_rules_by_room(report)
    cols = [
        Column("id", N_("Id"), 8), Column("name", N_("Name"), 30), Column("use", N_("Use"), 18),
        Column("group", N_("Group"), 18), Column("level", N_("Level"), 7, "int"),
        Column("area_m2", N_("Area (m²)"), 10, "area"), Column("beds", N_("Beds"), 7, "int"),
        Column("height_m", N_("Height (m)"), 10, "number"), Column("lockable", N_("Lockable"), 10),
        Column("windows", N_("Windows"), 9, "int"), Column("window_area_m2", N_("Window area (m²)"), 12, "area"),
        *[Column(f"fixtures_{k}", FIXTURE_NAMES[k], 8, "int") for k in FIXTURES],
        Column("failing_rules", N_("Failing rules"), 30),
    ]
    _ = translator(lang)
    rows = []
    for r in centre.rooms:
        row: dict[str, Any] = {
            "id": r.id, "name": r.name or "", "use": use_label(r.use, lang), "group": group_label(r.group, lang),
            "level": r.level, "area_m2": round(plan.area(r.id), 2), "beds": r.beds,
            "height_m": r.height, "lockable": "" if r.lockable is None else (_("yes") if r.lockable else _("no")),
            "windows": None if r.windows is None else len(r.windows),
            "window_area_m2": None if r.windows is None else round(sum(w.width * w.height for w in r.windows), 2),
            "failing_rules": " ".join(failing.get(r.id, [])),
        }
        for k in FIXTURES:
            row[f"fixtures_{k}"] = None if r.fixtures is None else getattr(r.fixtures, k)
        rows.append(row)
    return Table("rooms", N_("Rooms"), cols, rows)


def _findings(report: Any) -> list[dict[str, Any]]:
    if report is None:
        return []
    data = report if isinstance(report, dict) else report.to_json_data()
    return list(data.get("findings", []))


def findings_table(report: Any, lang: str = "en") -> Table:
    """Every finding, fails first (critical, major, minor), then cannot-evaluate, n/a and passes."""
    cols = [
        Column("rule", N_("Rule"), 18), Column("pack", N_("Pack"), 12), Column("status", N_("Status"), 14),
        Column("severity", N_("Severity"), 10), Column("rooms", N_("Rooms"), 16), Column("group", N_("Group"), 12),
        Column("measured", N_("Measured"), 16), Column("required", N_("Required"), 16),
        Column("source", N_("Source"), 40), Column("source_status", N_("Source status"), 12),
        Column("message", N_("Message"), 60), Column("fix", N_("Suggested fix"), 40),
    ]
    _ = translator(lang)
    findings = sorted(_findings(report), key=lambda f: (STATUS_ORDER.get(f["status"], 9),
                                                         SEVERITY_ORDER.get(f["severity"], 9), f["rule"]))
    rows = []
    for f in findings:
        rows.append({
            "rule": f["rule"], "pack": f.get("pack", ""), "status": _(STATUS_NAMES.get(f["status"], f["status"])),
            "severity": _(SEVERITY_NAMES.get(f["severity"], f["severity"])), "rooms": " ".join(f.get("rooms") or []),
            "group": group_label(f["group"], lang) if f.get("group") else "",
            "measured": f.get("measured") or "", "required": f.get("required") or "", "source": f.get("source", ""),
            "source_status": _(SOURCE_STATUS_NAMES.get(f.get("source_status", ""), f.get("source_status", ""))),
            "message": (f.get("message_fr") if lang == "fr" else None) or f.get("message", ""),
            "fix": ((f.get("fix_fr") if lang == "fr" else None) or f.get("fix") or ""),
        })
    return Table("findings", N_("Findings"), cols, rows)


STATUS_NAMES = {"pass": N_("pass"), "fail": N_("fail"), "not_applicable": N_("not applicable"),
                "cannot_evaluate": N_("cannot evaluate")}
SEVERITY_NAMES = {"critical": N_("critical"), "major": N_("major"), "minor": N_("minor")}
SOURCE_STATUS_NAMES = {"verified": N_("verified"), "secondary": N_("secondary"), "unverified": N_("unverified")}


def procurement_table(plist: Any, lang: str = "en") -> Table:
    """Every line of a ``ProcurementList``, by lot in catalogue order."""
    cols = [
        Column("id", N_("Item"), 9), Column("lot", N_("Lot"), 18), Column("name", N_("Description"), 34),
        Column("spec", N_("Specification"), 50), Column("unit", N_("Unit"), 7),
        Column("quantity", N_("Quantity"), 10, "number"),
        Column("unit_price_eur", N_("Unit price (EUR)"), 12, "money"),
        Column("total_eur", N_("Total (EUR)"), 13, "money"),
        Column("unit_price_xof", N_("Unit price (XOF)"), 13, "money0"),
        Column("total_xof", N_("Total (XOF)"), 15, "money0"),
        Column("basis", N_("Basis of the quantity"), 30), Column("source", N_("Source"), 40),
        Column("status", N_("Status of the figure"), 16), Column("notes", N_("Notes"), 40),
    ]
    rows = []
    if plist is not None:
        for lot, lot_en, lot_fr, lines in plist.by_lot():
            for ln in lines:
                notes = [n for n in [ln.price_note, *ln.notes] if n]
                rows.append({
                    "id": ln.id, "lot": lot_fr if lang == "fr" else lot_en,
                    "name": ln.name_fr if lang == "fr" else ln.name_en,
                    "spec": ln.spec_fr if lang == "fr" else ln.spec_en, "unit": ln.unit,
                    "quantity": ln.quantity, "unit_price_eur": ln.unit_price_eur,
                    "total_eur": _product(ln.quantity, ln.unit_price_eur, 2),
                    "unit_price_xof": ln.unit_price_xof, "total_xof": _product(ln.quantity, ln.unit_price_xof, 0),
                    "basis": ln.basis_fr if lang == "fr" else ln.basis, "source": ln.source,
                    "status": ln.status_text, "notes": "; ".join(notes),
                })
    return Table("procurement", N_("Procurement"), cols, rows)


def _product(q: float, price: float | None, digits: int) -> float | None:
    return None if price is None else round(q * price, digits)


def lots(plist: Any, lang: str) -> list[tuple[str, list[Any]]]:
    if plist is None:
        return []
    return [(lot_fr if lang == "fr" else lot_en, lines) for _lot, lot_en, lot_fr, lines in plist.by_lot()]


def specifications_table(plist: Any, lang: str = "en", headings: dict[str, str] | None = None) -> Table:
    """Annex II + III rows: item number ``<lot>.<n>``, the specification required (name, quantity,
    unit, specification, classification codes); columns 3-5 are left for tenderers and the committee."""
    _ = translator(lang)
    h = {**{k: _(v) for k, v in ANNEX_II_III_HEADINGS.items()}, **(headings or {})}
    cols = [Column("item", h["item"], 10), Column("required", h["required"], 70),
            Column("offered", h["offered"], 40), Column("notes", h["notes"], 30), Column("committee", h["committee"], 30)]
    rows = []
    for i, (lot_name, lines) in enumerate(lots(plist, lang), start=1):
        rows.append({"item": f"{_('Lot')} {i}", "required": lot_name, "offered": "", "notes": "", "committee": "",
                     "_lot": True})
        for j, ln in enumerate(lines, start=1):
            name = ln.name_fr if lang == "fr" else ln.name_en
            spec = ln.spec_fr if lang == "fr" else ln.spec_en
            codes = ", ".join(f"UNSPSC {u['code']}" for u in ln.unspsc if u.get("code"))
            qty = f"{_plain(ln.quantity)} {ln.unit}"
            text = f"{name} — {qty}\n{spec}" + (f"\n{codes}" if codes else "")
            rows.append({"item": f"{i}.{j}", "required": text, "offered": "", "notes": "", "committee": ""})
    return Table("specifications", N_("Technical specifications"), cols, rows)


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def budget_table(plist: Any, lang: str = "en", headings: dict[str, str] | None = None) -> Table:
    """Annex IV rows: per lot a heading, the items, a subtotal; a grand total at the end (EUR).
    Subtotals and the grand total are sums of the totals shown."""
    _ = translator(lang)
    h = {**{k: _(v) for k, v in ANNEX_IV_HEADINGS.items()}, **(headings or {})}
    cols = [Column("item", h["item"], 10), Column("description", h["description"], 50), Column("unit", h["unit"], 7),
            Column("quantity", h["quantity"], 10, "number"), Column("unit_price", h["unit_price"], 14, "money"),
            Column("total", h["total"], 15, "money"), Column("notes", h["notes"], 40)]
    rows: list[dict[str, Any]] = []
    grand = 0.0
    for i, (lot_name, lines) in enumerate(lots(plist, lang), start=1):
        rows.append({"item": f"{_('Lot')} {i}", "description": lot_name, "_kind": "lot"})
        subtotal = 0.0
        for j, ln in enumerate(lines, start=1):
            total = _product(ln.quantity, ln.unit_price_eur, 2)
            subtotal += total or 0.0
            rows.append({"item": f"{i}.{j}", "description": ln.name_fr if lang == "fr" else ln.name_en,
                         "unit": ln.unit, "quantity": ln.quantity, "unit_price": ln.unit_price_eur, "total": total,
                         "notes": "" if ln.unit_price_eur is not None else (ln.price_note or _("no price")),
                         "_kind": "item"})
        rows.append({"item": "", "description": _("Subtotal lot {n}", n=i), "total": round(subtotal, 2),
                     "_kind": "subtotal"})
        grand += round(subtotal, 2)
    rows.append({"item": "", "description": _("Grand total (EUR)"), "total": round(grand, 2), "_kind": "grand"})
    return Table("budget", N_("Budget breakdown"), cols, rows)


# ---- workbook -----------------------------------------------------------------------------------
def xlsx_bytes(centre: Centre, report: Any = None, procurement: Any = None, lang: str = "en", *,
               plan: Plan | None = None, annex_headings: dict[str, str] | None = None,
               budget_headings: dict[str, str] | None = None) -> bytes:
    """The workbook as bytes (see the module docstring)."""
    _ = translator(lang)
    plan = plan or build_plan(centre)
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    wb.set_properties({"title": f"{centre.centre.name}", "subject": _("Procurement and compliance"),
                       "author": "centreplan", "comments": _("CONFIDENTIAL: do not circulate")
                       if centre.centre.confidential else ""})
    f = _formats(wb)
    _procurement_sheet(wb, f, procurement_table(procurement, lang), _, centre)
    _plain_sheet(wb, f, specifications_table(procurement, lang, annex_headings), _, centre,
                 note=_("Form after the EU PRAG supply tender Annex II + III (technical specifications and "
                        "technical offer). Column headings are a parameter: check them against the current "
                        "template (their wording is unverified)."))
    _budget_sheet(wb, f, budget_table(procurement, lang, budget_headings), _, centre)
    _plain_sheet(wb, f, findings_table(report, lang), _, centre)
    _rooms_sheet(wb, f, rooms_table(centre, plan, report, lang), _, centre)
    wb.close()
    return out.getvalue()


def _formats(wb) -> dict[str, Any]:
    base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
    return {
        "title": wb.add_format({**base, "bold": True, "font_size": 13}),
        "note": wb.add_format({**base, "italic": True, "font_color": "#555555", "text_wrap": True}),
        "conf": wb.add_format({**base, "bold": True, "font_color": "#C00000"}),
        "head": wb.add_format({**base, "bold": True, "bg_color": "#DDE4EE", "border": 1, "text_wrap": True}),
        "text": wb.add_format({**base, "text_wrap": True}),
        "int": wb.add_format({**base, "num_format": "0"}),
        "number": wb.add_format({**base, "num_format": "0.##"}),
        "area": wb.add_format({**base, "num_format": "0.00"}),
        "money": wb.add_format({**base, "num_format": "#,##0.00"}),
        "money0": wb.add_format({**base, "num_format": "#,##0"}),
        "lot": wb.add_format({**base, "bold": True, "bg_color": "#F2F2F2", "text_wrap": True}),
        "sub": wb.add_format({**base, "bold": True, "num_format": "#,##0.00", "top": 1}),
        "sub0": wb.add_format({**base, "bold": True, "num_format": "#,##0", "top": 1}),
        "subtext": wb.add_format({**base, "bold": True, "top": 1}),
        "grand": wb.add_format({**base, "bold": True, "num_format": "#,##0.00", "top": 2, "bottom": 2}),
        "grandtext": wb.add_format({**base, "bold": True, "top": 2, "bottom": 2}),
    }


def _sheet_name(title: str) -> str:
    bad = '[]:*?/\\'
    return "".join(c for c in title if c not in bad)[:31]


def _start(wb, f, table: Table, _, centre: Centre, note: str | None = None):
    ws = wb.add_worksheet(_sheet_name(_(table.title)))
    ws.write(0, 0, sheet_cell(f"{centre.centre.name} — {_(table.title)}"), f["title"])
    row = 1
    if centre.centre.confidential:
        ws.write(row, 0, _("CONFIDENTIAL: do not circulate"), f["conf"])
        row += 1
    if note:
        ws.merge_range(row, 0, row, min(len(table.columns) - 1, 4), note, f["note"])
        ws.set_row(row, 42)
        row += 1
    row += 1
    for c, col in enumerate(table.columns):
        ws.write(row, c, _(col.title), f["head"])
        ws.set_column(c, c, col.width)
    ws.freeze_panes(row + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(row)
    return ws, row


def _write(ws, f, r: int, c: int, col: Column, value: Any) -> None:
    if value is None or value == "":
        ws.write_blank(r, c, None, f["text"])
    elif col.kind in ("int", "number", "area", "money", "money0") and isinstance(value, (int, float)):
        ws.write_number(r, c, value, f[col.kind])
    else:
        ws.write_string(r, c, sheet_cell(str(value)), f["text"])


def _fit_row(ws, r: int, table: Table, row: dict[str, Any]) -> None:
    """Set the row's height to the lines its wrapped texts need (spreadsheet programs keep the default
    height of rows written by XlsxWriter, so long texts would spill over the rows below)."""
    lines = 1
    for col in table.columns:
        v = row.get(col.key)
        if isinstance(v, str) and v:
            per_line = max(col.width * 1.15, 1.0)  # characters a line of the column holds
            lines = max(lines, sum(-(-len(part) // int(per_line)) or 1 for part in v.split("\n")))
    if lines > 1:
        ws.set_row(r, min(409.0, 12.75 * lines))


def _plain_sheet(wb, f, table: Table, _, centre: Centre, note: str | None = None) -> None:
    ws, head = _start(wb, f, table, _, centre, note)
    for i, row in enumerate(table.rows, start=head + 1):
        _fit_row(ws, i, table, row)
        lot = row.get("_lot")
        for c, col in enumerate(table.columns):
            if lot:
                ws.write(i, c, sheet_cell(row.get(col.key, "")), f["lot"])
            else:
                _write(ws, f, i, c, col, row.get(col.key))
    if table.rows:
        ws.autofilter(head, 0, head + len(table.rows), len(table.columns) - 1)
    else:
        ws.write(head + 1, 0, _("nothing to list"), f["note"])


def _col(table: Table, key: str) -> int:
    return next(i for i, c in enumerate(table.columns) if c.key == key)


def _procurement_sheet(wb, f, table: Table, _, centre: Centre) -> None:
    ws, head = _start(wb, f, table, _, centre)
    q, pe, te, px, tx = (_col(table, k) for k in ("quantity", "unit_price_eur", "total_eur", "unit_price_xof",
                                                  "total_xof"))
    first = head + 1
    for i, row in enumerate(table.rows, start=first):
        _fit_row(ws, i, table, row)
        for c, col in enumerate(table.columns):
            if c in (te, tx):
                price_col = pe if c == te else px
                if row.get(table.columns[price_col].key) is None:
                    ws.write_blank(i, c, None, f["text"])
                else:
                    formula = f"={xl_rowcol_to_cell(i, q)}*{xl_rowcol_to_cell(i, price_col)}"
                    ws.write_formula(i, c, formula, f[col.kind], row[col.key])
            else:
                _write(ws, f, i, c, col, row.get(col.key))
    last = first + len(table.rows) - 1
    total_row = last + 1
    ws.write(total_row, 0, _("Total"), f["subtext"])
    for c in range(1, len(table.columns)):
        if c not in (te, tx):
            ws.write_blank(total_row, c, None, f["subtext"])
    if table.rows:
        for c, key, fmt in ((te, "total_eur", "sub"), (tx, "total_xof", "sub0")):
            value = sum(r[key] or 0 for r in table.rows)
            ws.write_formula(total_row, c, f"=SUM({xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(last, c)})",
                             f[fmt], round(value, 2))
        ws.autofilter(head, 0, last, len(table.columns) - 1)
    else:
        ws.write(total_row + 1, 0, _("nothing to list"), f["note"])


def _budget_sheet(wb, f, table: Table, _, centre: Centre) -> None:
    ws, head = _start(wb, f, table, _, centre, note=_(
        "Form after the EU PRAG supply tender Annex IV (budget breakdown). Column headings are a parameter: "
        "check them against the current template (their wording is unverified). State the place of delivery "
        "and the Incoterm of each lot."))
    q, p, t = _col(table, "quantity"), _col(table, "unit_price"), _col(table, "total")
    subtotal_cells: list[str] = []
    lot_first = None
    r = head
    for row in table.rows:
        r += 1
        kind = row["_kind"]
        if kind == "lot":
            for c, col in enumerate(table.columns):
                ws.write(r, c, sheet_cell(row.get(col.key, "")), f["lot"])
            lot_first = r + 1
        elif kind == "item":
            _fit_row(ws, r, table, row)
            for c, col in enumerate(table.columns):
                if c == t:
                    if row["unit_price"] is None:
                        ws.write_blank(r, c, None, f["text"])
                    else:
                        ws.write_formula(r, c, f"={xl_rowcol_to_cell(r, q)}*{xl_rowcol_to_cell(r, p)}", f["money"],
                                         row["total"])
                else:
                    _write(ws, f, r, c, col, row.get(col.key))
        elif kind == "subtotal":
            for c in range(len(table.columns)):
                ws.write_blank(r, c, None, f["subtext"])
            ws.write(r, 1, row["description"], f["subtext"])
            first = lot_first if lot_first is not None else r
            formula = (f"=SUM({xl_rowcol_to_cell(first, t)}:{xl_rowcol_to_cell(r - 1, t)})" if r - 1 >= first
                       else "=0")
            ws.write_formula(r, t, formula, f["sub"], row["total"])
            subtotal_cells.append(xl_rowcol_to_cell(r, t))
        elif kind == "grand":
            for c in range(len(table.columns)):
                ws.write_blank(r, c, None, f["grandtext"])
            ws.write(r, 1, row["description"], f["grandtext"])
            formula = "=" + "+".join(subtotal_cells) if subtotal_cells else "=0"
            ws.write_formula(r, t, formula, f["grand"], row["total"])


def _rooms_sheet(wb, f, table: Table, _, centre: Centre) -> None:
    ws, head = _start(wb, f, table, _, centre)
    first = head + 1
    for i, row in enumerate(table.rows, start=first):
        for c, col in enumerate(table.columns):
            _write(ws, f, i, c, col, row.get(col.key))
    last = first + len(table.rows) - 1
    if table.rows:
        tr = last + 1
        ws.write(tr, 0, _("Total"), f["subtext"])
        for key in ("area_m2", "beds"):
            c = _col(table, key)
            value = sum(r[key] or 0 for r in table.rows)
            ws.write_formula(tr, c, f"=SUM({xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(last, c)})",
                             f["sub"] if key == "area_m2" else f["sub0"], round(value, 2))
        ws.autofilter(head, 0, last, len(table.columns) - 1)


# ---- CSV and JSON -----------------------------------------------------------------------------------
def all_tables(centre: Centre, report: Any = None, procurement: Any = None, lang: str = "en", *,
               plan: Plan | None = None) -> list[Table]:
    plan = plan or build_plan(centre)
    tables = [rooms_table(centre, plan, report, lang)]
    if report is not None:
        tables.append(findings_table(report, lang))
    if procurement is not None:
        tables += [procurement_table(procurement, lang), specifications_table(procurement, lang),
                   budget_table(procurement, lang)]
    return tables


def csv_text(table: Table, lang: str = "en") -> str:
    """The table as CSV (headings in ``lang``; numbers with a dot, as CSV readers expect)."""
    _ = translator(lang)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([_(c.title) for c in table.columns])
    for row in table.rows:
        w.writerow(["" if row.get(c.key) is None else sheet_cell(row.get(c.key)) for c in table.columns])
    return out.getvalue()


def json_data(table: Table) -> list[dict[str, Any]]:
    """The table's rows with stable English keys (internal markers dropped)."""
    return [{c.key: row.get(c.key) for c in table.columns} | ({"kind": row["_kind"]} if "_kind" in row else {})
            for row in table.rows]


def csv_files(tables: list[Table], lang: str) -> dict[str, bytes]:
    """``{name.csv: bytes}`` (UTF-8 with a byte-order mark)."""
    return {f"{t.key}.csv": csv_text(t, lang).encode("utf-8-sig") for t in tables}


def json_files(tables: list[Table], report: Any = None, procurement: Any = None) -> dict[str, bytes]:
    """``{name.json: bytes}``: each table's rows, plus the report (design.md §3) and the procurement
    list (design.md §4) as their contracts define them."""
    out = {f"{t.key}.json": _dumps(json_data(t)) for t in tables}
    if report is not None:
        out["report.json"] = _dumps(report if isinstance(report, dict) else report.to_json_data())
    if procurement is not None:
        out["procurement_list.json"] = _dumps(procurement.to_json_data())
    return out


def _dumps(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


