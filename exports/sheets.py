"""Spreadsheets for procurement officers: one XLSX workbook, and the same tables as CSV and JSON.

The workbook (XlsxWriter) is ready for an EU PRAG supply tender; every sheet prints A4 landscape,
fitted to the page width, with the tender reference in the header and page numbers in the footer:

- **Procurement**: every supply line, a quantity column per centre and their sum, quantity × unit
  price as formulas (written even when the price is blank, so a price typed later reaches the
  totals), XOF as formulas on the parity cell of the Rates sheet, the price as its source gives it
  (amount, currency, date, source) next to the EUR price, the place of delivery;
- **Technical specifications** in the form of an EU PRAG supply tender Annex II + III (item number,
  specifications required, specifications offered, notes, evaluation committee's notes). The column
  wording follows ``../shared/reference/equipment.md`` §8.1, which marks it *unverified* against the
  current PRAG template (c4f): the headings are a parameter (:data:`ANNEX_II_III_HEADINGS`);
- **Budget breakdown** in the form of Annex IV (item, description, unit, quantity per centre, our
  estimated unit price and total, blank unit price and total columns for the tenderer) per lot with
  subtotals and grand totals, all formulas with stored values (EUR; columns equally unverified, see
  :data:`ANNEX_IV_HEADINGS`);
- **Works** (built items with a rough quantity), **Costs** (running cost per month, rough
  construction cost), **Rates** (the XOF parity and the CHF/USD rates with date and source);
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
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from centreplan.exports.labels import group_label, number, translator, use_label
from centreplan.planner.geometry import Plan, build_plan
from centreplan.planner.i18n import N_
from centreplan.planner.model import FIXTURES, Centre
from centreplan.planner.numbers import quantity
from centreplan.planner.text_safety import sheet_cell
from centreplan.planner.vocabulary import label, unit_name

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
    "delivery_time": N_("Delivery time offered"),
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
    "bid_unit_price": N_("Tenderer's unit price (EUR)"),
    "bid_total": N_("Tenderer's total price (EUR)"),
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
    from centreplan.exports.dxf import failing_rules_by_room

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


def _finding_count(report: Any) -> int:
    if report is None:
        return 0
    return len(report.get("findings", []) if isinstance(report, dict) else report.findings)


def _findings(report: Any) -> list[Any]:
    """The findings of a standards ``Report`` (its :class:`Finding` values, whose texts are written
    only when read) or of its JSON data (dicts)."""
    if report is None:
        return []
    return list(report.get("findings", []) if isinstance(report, dict) else report.findings)


def _fields_with_texts(f: Any, langs: tuple[str, ...]) -> dict[str, Any]:
    """A finding's fields (a ``Finding`` or its JSON data) with the texts of ``langs``, written for this
    use only (``Finding.fields_with_texts``)."""
    return f if isinstance(f, dict) else f.fields_with_texts(langs)


def _get(f: Any, key: str) -> Any:
    """A field of a finding, a dict or a ``Finding`` (reading a text field writes its texts)."""
    return f.get(key) if isinstance(f, dict) else getattr(f, key, None)


# A centre with more findings than this gets the passes summarised per rule in the workbook and the
# PDF (one line per rule, with the number of subjects); every other finding is still listed, and the
# CSV and JSON files keep every finding. The three example centres have 235 to 447 findings.
FULL_LIST_FINDINGS = 2000
_SUMMARY_KEYS = ("rule", "pack", "status", "severity", "source", "source_status")  # no text to write


def summarise_passes(findings: list[Any], lang: str = "en") -> list[Any]:
    """``findings`` with the passes of each rule folded into one finding (a dict): its rooms empty,
    its message the number of subjects that pass. A folded pass's own texts are never written."""
    _ = translator(lang)
    out: list[Any] = []
    passed: dict[str, Any] = {}
    count: dict[str, int] = {}
    for f in findings:
        if _get(f, "status") != "pass":
            out.append(f)
            continue
        rule = _get(f, "rule")
        if rule not in passed:
            passed[rule] = f
        count[rule] = count.get(rule, 0) + 1
    for rule, f in passed.items():
        text = _("subjects that pass: {n} (passes summarised per rule)", n=number(count[rule], 0, lang))
        out.append({**{k: _get(f, k) for k in _SUMMARY_KEYS}, "rooms": [], "group": None, "measured": "",
                    "required": "", "message": text, "message_fr": text, "fix": "", "fix_fr": ""})
    return out


FINDING_COLUMNS = [
    Column("rule", N_("Rule"), 18), Column("pack", N_("Pack"), 12), Column("status", N_("Status"), 14),
    Column("severity", N_("Severity"), 10), Column("rooms", N_("Rooms"), 16), Column("group", N_("Group"), 12),
    Column("measured", N_("Measured"), 16), Column("required", N_("Required"), 16),
    Column("source", N_("Source"), 40), Column("source_status", N_("Source status"), 12),
    Column("message", N_("Message"), 60), Column("fix", N_("Suggested fix"), 40),
]


class _Rows:
    """The rows of a table written as they are read, again at each reading (a file's writer reads
    them once): the 63,000 findings of 5,500 rooms are never all held as rows (100 MB)."""

    def __init__(self, count: int, make: Any) -> None:
        self._count, self._make = count, make

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Any:
        return self._make()


def findings_table(report: Any, lang: str = "en", summarise: bool | None = None, lazy: bool = False) -> Table:
    """Every finding, fails first (critical, major, minor), then cannot-evaluate, n/a and passes.

    ``summarise``: passes folded per rule (:func:`summarise_passes`); by default when there are more
    than :data:`FULL_LIST_FINDINGS` findings. ``lazy``: the rows are written each time they are read
    (for :func:`write_csv` and :func:`write_json_rows`; a lazy table's rows are iterated, never indexed)."""
    findings = _findings(report)
    if summarise or (summarise is None and len(findings) > FULL_LIST_FINDINGS):
        findings = summarise_passes(findings, lang)
    findings = sorted(findings, key=lambda f: (STATUS_ORDER.get(_get(f, "status"), 9),
                                               SEVERITY_ORDER.get(_get(f, "severity"), 9), _get(f, "rule")))
    if lazy:
        rows = cast("list[dict[str, Any]]", _Rows(len(findings), lambda: _finding_rows(findings, lang)))
    else:
        rows = list(_finding_rows(findings, lang))
    return Table("findings", N_("Findings"), list(FINDING_COLUMNS), rows)


def _finding_rows(findings: list[Any], lang: str) -> Iterator[dict[str, Any]]:
    _ = translator(lang)
    fr = lang == "fr"
    status_names = {k: _(v) for k, v in STATUS_NAMES.items()}
    severity_names = {k: _(v) for k, v in SEVERITY_NAMES.items()}
    source_names = {k: _(v) for k, v in SOURCE_STATUS_NAMES.items()}
    packs: dict[str, str] = {}
    groups: dict[str, str] = {}
    for f in findings:
        d = _fields_with_texts(f, ("fr", "en") if fr else ("en",))
        pack, group, st, sev, sst = d["pack"], d.get("group"), d["status"], d["severity"], d.get("source_status", "")
        if pack and pack not in packs:
            packs[pack] = label("packs", pack, lang)
        if group and group not in groups:
            groups[group] = group_label(group, lang)
        yield {
            "rule": d["rule"], "pack": packs[pack] if pack else "",
            "status": status_names.get(st) or _(st), "severity": severity_names.get(sev) or _(sev),
            "rooms": " ".join(d.get("rooms") or []), "group": groups[group] if group else "",
            "measured": (d.get("measured_fr") if fr else None) or d.get("measured") or "",
            "required": (d.get("required_fr") if fr else None) or d.get("required") or "",
            "source": (d.get("source_fr") if fr else None) or d.get("source", ""),
            "source_status": source_names.get(sst) or _(sst),
            "message": (d.get("message_fr") if fr else None) or d.get("message", ""),
            "fix": ((d.get("fix_fr") if fr else None) or d.get("fix") or ""),
        }


STATUS_NAMES = {"pass": N_("pass"), "fail": N_("fail"), "not_applicable": N_("not applicable"),
                "cannot_evaluate": N_("cannot evaluate")}
SEVERITY_NAMES = {"critical": N_("critical"), "major": N_("major"), "minor": N_("minor")}
SOURCE_STATUS_NAMES = {"verified": N_("verified"), "secondary": N_("secondary"), "unverified": N_("unverified")}


def _centre_columns(plist: Any) -> list[Column]:
    """One quantity column per centre when the list covers several centres."""
    if plist is None or len(plist.centres) < 2:
        return []
    return [Column(f"qty_{i}", name, 12, "number") for i, name in enumerate(plist.centres)]


def _rate_words(ln: Any, lang: str) -> str:
    pr = ln.price
    if pr is None or pr.fx_eur_per_unit is None:
        return ""
    return f"1 {pr.currency} = {number(pr.fx_eur_per_unit, 6, lang)} EUR ({pr.fx_date})"


def procurement_table(plist: Any, lang: str = "en") -> Table:
    """Every supply line of a ``ProcurementList``, by lot in catalogue order, with a quantity column
    per centre, the price as the source gives it next to the EUR price used, and the place of delivery."""
    _ = translator(lang)
    cols = [
        Column("id", N_("Item"), 9), Column("lot", N_("Lot"), 16), Column("name", N_("Description"), 34),
        Column("spec", N_("Specification"), 50), Column("unit", N_("Unit"), 7),
        *_centre_columns(plist),
        Column("quantity", N_("Quantity"), 10, "number"),
        Column("unit_price_eur", N_("Unit price (EUR)"), 12, "money"),
        Column("total_eur", N_("Total (EUR)"), 13, "money"),
        Column("unit_price_xof", N_("Unit price (XOF)"), 13, "money0"),
        Column("total_xof", N_("Total (XOF)"), 15, "money0"),
        Column("price_original", N_("Price as the source gives it"), 16),
        Column("price_date", N_("Price date"), 11), Column("price_source", N_("Price source"), 30),
        Column("rate", N_("Exchange rate used"), 22), Column("delivery", N_("Place of delivery"), 24),
        Column("basis", N_("Basis of the quantity"), 30), Column("source", N_("Source"), 40),
        Column("status", N_("Status of the figure"), 16), Column("notes", N_("Notes"), 40),
    ]
    rows = []
    if plist is not None:
        for _lot, lot_en, lot_fr, lines in plist.by_lot():
            for ln in lines:
                notes = [n for n in [ln.price_note_fr if lang == "fr" else ln.price_note,
                                     *(ln.notes_fr if lang == "fr" else ln.notes)] if n]
                orig = ln.unit_price_original
                rows.append({
                    "id": ln.id, "lot": lot_fr if lang == "fr" else lot_en,
                    "name": ln.name_fr if lang == "fr" else ln.name_en,
                    "spec": ln.spec_fr if lang == "fr" else ln.spec_en, "unit": unit_name(ln.unit, ln.quantity, lang),
                    **{f"qty_{i}": ln.per_centre.get(name, 0) for i, name in enumerate(plist.centres)
                       if len(plist.centres) > 1},
                    "quantity": ln.quantity, "unit_price_eur": ln.unit_price_eur,
                    "total_eur": ln.total_eur, "unit_price_xof": ln.unit_price_xof, "total_xof": ln.total_xof,
                    "price_original": "" if orig is None else f"{number(orig.amount, 2, lang)} {orig.currency}",
                    "price_date": ln.price_date or "", "price_source": ln.price_source_in(lang) or "",
                    "rate": _rate_words(ln, lang),
                    "delivery": "; ".join(ln.delivery.values()),
                    "basis": ln.basis_fr if lang == "fr" else ln.basis, "source": ln.source_in(lang),
                    "status": ln.status_text_fr if lang == "fr" else ln.status_text, "notes": "; ".join(notes),
                })
    return Table("procurement", N_("Procurement"), cols, rows)


def _product(q: float, price: float | None, digits: int) -> float | None:
    return None if price is None else round(q * price, digits)


def lots(plist: Any, lang: str) -> list[tuple[str, list[Any]]]:
    if plist is None:
        return []
    return [(lot_fr if lang == "fr" else lot_en, lines) for _lot, lot_en, lot_fr, lines in plist.by_lot()]


SERVICE_TEXT = {
    "installation": (N_("Installation and commissioning at the place of delivery"),),
    "warranty": (N_("Warranty: the tenderer states its duration and terms"),),
    "after_sales": (
        N_("After-sales service in Senegal: the tenderer names the service provider and the response time"),),
    "spare_parts": (N_("Spare parts for the warranty period, with a priced list of wear parts"),),
    "training": (N_("Training of the centre's staff in operation and routine maintenance"),),
}


def specifications_table(plist: Any, lang: str = "en", headings: dict[str, str] | None = None) -> Table:
    """Annex II + III rows: item number ``<lot>.<n>``, the specification required (name, size,
    quantity per centre, place of delivery, specification, classification codes), then the service lines
    the item calls for (``<lot>.<n>.<k>``); the offered, delivery time and notes columns are left for
    tenderers and the committee's column for the evaluation."""
    _ = translator(lang)
    h = {**{k: _(v) for k, v in ANNEX_II_III_HEADINGS.items()}, **(headings or {})}
    cols = [Column("item", h["item"], 10), Column("required", h["required"], 70),
            Column("offered", h["offered"], 40), Column("notes", h["notes"], 30),
            Column("delivery_time", h["delivery_time"], 14), Column("committee", h["committee"], 30)]
    blank = {"offered": "", "notes": "", "delivery_time": "", "committee": ""}
    rows = []
    for i, (lot_name, lines) in enumerate(lots(plist, lang), start=1):
        rows.append({"item": f"{_('Lot')} {i}", "required": lot_name, **blank, "_lot": True})
        for j, ln in enumerate(lines, start=1):
            name = ln.name_fr if lang == "fr" else ln.name_en
            spec = ln.spec_fr if lang == "fr" else ln.spec_en
            codes = ", ".join(f"UNSPSC {u['code']}" for u in ln.unspsc if u.get("code"))
            where = "; ".join(f"{nm}: {quantity(q, ln.unit, lang, 0 if float(q).is_integer() else 1)}"
                              for nm, q in ln.per_centre.items() if q)
            text = (f"{name}\n{_('Quantity')}: {where}\n{_('Place of delivery')}: {'; '.join(ln.delivery.values())}"
                    f"\n{spec}" + (f"\n{codes}" if codes else ""))
            rows.append({"item": f"{i}.{j}", "required": text, **blank})
            for k, service in enumerate(ln.services, start=1):
                rows.append({"item": f"{i}.{j}.{k}", "required": _(SERVICE_TEXT[service][0]), **blank})
    return Table("specifications", N_("Technical specifications"), cols, rows)


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def budget_table(plist: Any, lang: str = "en", headings: dict[str, str] | None = None) -> Table:
    """Annex IV rows: per lot a heading, the items, a subtotal; a grand total at the end (EUR). Our
    estimate (unit price, total) sits next to blank unit-price and total columns for the tenderer.
    Subtotals and the grand total are sums of the totals shown."""
    _ = translator(lang)
    h = {**{k: _(v) for k, v in ANNEX_IV_HEADINGS.items()}, **(headings or {})}
    cols = [Column("item", h["item"], 10), Column("description", h["description"], 50), Column("unit", h["unit"], 7),
            *_centre_columns(plist),
            Column("quantity", h["quantity"], 10, "number"), Column("unit_price", h["unit_price"], 14, "money"),
            Column("total", h["total"], 15, "money"), Column("bid_unit_price", h["bid_unit_price"], 14, "money"),
            Column("bid_total", h["bid_total"], 15, "money"), Column("notes", h["notes"], 40)]
    rows: list[dict[str, Any]] = []
    grand = 0.0
    for i, (lot_name, lines) in enumerate(lots(plist, lang), start=1):
        rows.append({"item": f"{_('Lot')} {i}", "description": lot_name, "_kind": "lot"})
        subtotal = 0.0
        for j, ln in enumerate(lines, start=1):
            subtotal += ln.total_eur or 0.0
            rows.append({"item": f"{i}.{j}", "description": ln.name_fr if lang == "fr" else ln.name_en,
                         "unit": unit_name(ln.unit, ln.quantity, lang),
                         **{f"qty_{k}": ln.per_centre.get(name, 0) for k, name in enumerate(plist.centres)
                            if len(plist.centres) > 1},
                         "quantity": ln.quantity, "unit_price": ln.unit_price_eur, "total": ln.total_eur,
                         "bid_unit_price": None, "bid_total": None,
                         "notes": "" if ln.unit_price_eur is not None else (
                             (ln.price_note_fr if lang == "fr" else ln.price_note) or _("no price")),
                         "_kind": "item"})
        rows.append({"item": "", "description": _("Subtotal lot {n}", n=i), "total": round(subtotal, 2),
                     "_kind": "subtotal"})
        grand += round(subtotal, 2)
    rows.append({"item": "", "description": _("Grand total (EUR)"), "total": round(grand, 2), "_kind": "grand"})
    return Table("budget", N_("Budget breakdown"), cols, rows)


def works_table(plist: Any, lang: str = "en") -> Table:
    """Works (built items) with their rough quantity per centre, kept out of the supply lots."""
    cols = [Column("id", N_("Item"), 9), Column("name", N_("Description"), 34), Column("unit", N_("Unit"), 8),
            *_centre_columns(plist), Column("quantity", N_("Quantity"), 10, "number"),
            Column("spec", N_("Specification"), 60), Column("basis", N_("Basis of the quantity"), 40),
            Column("source", N_("Source"), 30)]
    rows = []
    for ln in (plist.works if plist is not None else []):
        rows.append({"id": ln.id, "name": ln.name_fr if lang == "fr" else ln.name_en,
                     "unit": unit_name(ln.unit, ln.quantity, lang),
                     **{f"qty_{i}": ln.per_centre.get(name, 0) for i, name in enumerate(plist.centres)
                        if len(plist.centres) > 1},
                     "quantity": ln.quantity, "spec": ln.spec_fr if lang == "fr" else ln.spec_en,
                     "basis": ln.basis_fr if lang == "fr" else ln.basis, "source": ln.source_in(lang)})
    return Table("works", N_("Works"), cols, rows)


def costs_table(plist: Any, lang: str = "en") -> Table:
    """Monthly running cost and rough construction cost per centre, each row with its rate and source."""
    cols = [Column("centre", N_("Centre"), 24), Column("kind", N_("Cost"), 18), Column("what", N_("Description"), 30),
            Column("quantity", N_("Quantity"), 11, "number"), Column("unit", N_("Unit"), 7),
            Column("rate", N_("Rate"), 12, "number"), Column("currency", N_("Currency"), 8),
            Column("rate_date", N_("Date of the rate"), 11), Column("eur", N_("Amount (EUR)"), 14, "money"),
            Column("xof", N_("Amount (XOF)"), 16, "money0"), Column("basis", N_("Basis"), 40),
            Column("source", N_("Source"), 40), Column("status", N_("Status of the figure"), 14)]
    _ = translator(lang)
    rows = []
    for name, c in (plist.costs.items() if plist is not None else []):
        for kind, group in ((_("Running cost per month"), c.running), (_("Construction (rough)"), c.construction)):
            for r in group:
                rows.append({"centre": name, "kind": kind, "what": r.fr if lang == "fr" else r.en,
                             "quantity": r.quantity, "unit": r.unit, "rate": r.rate, "currency": r.rate_currency,
                             "rate_date": r.rate_date or "", "eur": r.eur, "xof": r.xof,
                             "basis": r.basis_fr if lang == "fr" else r.basis,
                             "source": (r.source_fr or r.source) if lang == "fr" else r.source,
                             "status": _status(r.status, lang)})
    return Table("costs", N_("Costs"), cols, rows)


def _status(code: str, lang: str) -> str:
    """A figure's status: its code in English sheets (as the JSON), its words in French ones."""
    from centreplan.equipment.text import status_text

    return status_text(code, lang) if lang == "fr" and code else code


def rates_table(plist: Any, lang: str = "en") -> Table:
    """The exchange rates used, with their dates and sources (the first row is the XOF parity)."""
    cols = [Column("currency", N_("Currency"), 10), Column("value", N_("Rate"), 14, "rate"),
            Column("meaning", N_("Meaning"), 30), Column("date", N_("Date"), 12), Column("source", N_("Source"), 60),
            Column("status", N_("Status of the figure"), 14)]
    _ = translator(lang)
    rows = [{"currency": "XOF", "value": 655.957, "meaning": _("XOF for 1 EUR (fixed parity)"), "date": "",
             "source": _("fixed legal parity EUR/XOF"), "status": _status("verified", lang)}]
    for cur, r in ((plist.fx.items()) if plist is not None else []):
        if cur == "XOF":
            continue
        rows.append({"currency": cur, "value": r["eur_per_unit"], "meaning": _("EUR for 1 {currency}", currency=cur),
                     "date": r["date"], "source": r["source"] or "", "status": _status(r.get("status", ""), lang)})
    return Table("rates", N_("Rates"), cols, rows)


# ---- workbook -----------------------------------------------------------------------------------
XOF_RATE_NAME = "XOF_PER_EUR"  # defined name of the parity cell on the Rates sheet


def xlsx_bytes(centre: Centre, report: Any = None, procurement: Any = None, lang: str = "en", *,
               plan: Plan | None = None, annex_headings: dict[str, str] | None = None,
               budget_headings: dict[str, str] | None = None) -> bytes:
    """The workbook as bytes (see the module docstring)."""
    _ = translator(lang)
    plan = plan or build_plan(centre)
    out = io.BytesIO()
    # constant_memory: each row written out as soon as the next begins (rows go top to bottom, as here),
    # into a temporary file of the system, so a table of thousands of rows is never held whole
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                   "strings_to_urls": False})
    wb.set_properties({"title": f"{centre.centre.name}", "subject": _("Procurement and compliance"),
                       "author": "centreplan", "comments": _("CONFIDENTIAL: do not circulate")
                       if centre.centre.confidential else ""})
    f = _formats(wb)
    ref = (procurement.tender_reference if procurement is not None else None) or ""
    page = _Page(ref, centre.centre.name, _)
    _procurement_sheet(wb, f, procurement_table(procurement, lang), _, centre, page)
    _plain_sheet(wb, f, specifications_table(procurement, lang, annex_headings), _, centre, page,
                 note=_("Form after the EU PRAG supply tender Annex II + III (technical specifications and "
                        "technical offer). Column headings are a parameter: check them against the current "
                        "template (their wording is unverified)."))
    _budget_sheet(wb, f, budget_table(procurement, lang, budget_headings), _, centre, page)
    _quantity_sheet(wb, f, works_table(procurement, lang), _, centre, page, note=_(
        "Works are built items, not supplies: a rough quantity for the works contractor's bill of quantities."))
    _plain_sheet(wb, f, costs_table(procurement, lang), _, centre, page, note=_(
        "Running cost per month and a rough construction cost per m² by room use, each with its rate, date and "
        "source: an order of magnitude beside the procurement total, not a quotation."))
    _rates_sheet(wb, f, rates_table(procurement, lang), _, centre, page, procurement)
    findings = findings_table(report, lang)
    total = _finding_count(report)
    _plain_sheet(wb, f, findings, _, centre, page, note=_(
        "{n} findings: every failure and every finding not evaluated is listed, the passes are summarised "
        "per rule. The CSV and JSON files list every finding.", n=number(total, 0, lang))
        if len(findings.rows) < total else None)
    _rooms_sheet(wb, f, rooms_table(centre, plan, report, lang), _, centre, page)
    wb.close()
    return out.getvalue()


@dataclass
class _Page:
    """Print setup shared by every sheet: header with the tender reference, numbered footer."""

    reference: str
    centre: str
    _: Any

    def apply(self, ws) -> None:
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)  # fitted to the page width, as many pages tall as needed
        ref = self.reference or self._("no tender reference set")
        ws.set_header(f"&L{_header_text(ref)}&R{_header_text(self.centre)}")
        ws.set_footer("&C" + _header_text(self._("page {n} of {total}", n="&P", total="&N")))


def _header_text(text: str) -> str:
    """Text for an XLSX header/footer (``&`` doubled so it prints, page codes kept)."""
    return text.replace("&", "&&").replace("&&P", "&P").replace("&&N", "&N")[:120]


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
        "rate": wb.add_format({**base, "num_format": "0.000000"}),
        "area": wb.add_format({**base, "num_format": "0.00"}),
        "money": wb.add_format({**base, "num_format": "#,##0.00"}),
        "money0": wb.add_format({**base, "num_format": "#,##0"}),
        "bid": wb.add_format({**base, "num_format": "#,##0.00", "bg_color": "#FFF9E0", "border": 1}),
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


def _start(wb, f, table: Table, _, centre: Centre, page: _Page, note: str | None = None):
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
    page.apply(ws)
    ws.repeat_rows(row)
    return ws, row


def _write(ws, f, r: int, c: int, col: Column, value: Any) -> None:
    """The one writer of a data cell (text cells pass through here only)."""
    if value is None or value == "":
        ws.write_blank(r, c, None, f["text"])
    elif col.kind in ("int", "number", "area", "money", "money0", "rate") and isinstance(value, (int, float)):
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


def _plain_sheet(wb, f, table: Table, _, centre: Centre, page: _Page, note: str | None = None) -> None:
    ws, head = _start(wb, f, table, _, centre, page, note)
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


def _cell(r: int, c: int) -> str:
    return xl_rowcol_to_cell(r, c)


def _quantity_formula(table: Table, r: int, row: dict[str, Any], ws, f, q: int) -> bool:
    """Write the total quantity as the sum of the per-centre columns (when there are any)."""
    centre_cols = [i for i, c in enumerate(table.columns) if c.key.startswith("qty_")]
    if not centre_cols:
        return False
    ws.write_formula(r, q, f"=SUM({_cell(r, centre_cols[0])}:{_cell(r, centre_cols[-1])})", f["number"],
                     row["quantity"])
    return True


def _procurement_sheet(wb, f, table: Table, _, centre: Centre, page: _Page) -> None:
    ws, head = _start(wb, f, table, _, centre, page)
    q, pe, te, px, tx = (_col(table, k) for k in ("quantity", "unit_price_eur", "total_eur", "unit_price_xof",
                                                  "total_xof"))
    first = head + 1
    for i, row in enumerate(table.rows, start=first):
        _fit_row(ws, i, table, row)
        for c, col in enumerate(table.columns):
            if c == q and _quantity_formula(table, i, row, ws, f, q):
                continue
            if c == te:  # always a formula, so a price typed later reaches the totals
                ws.write_formula(i, c, f"=ROUND({_cell(i, q)}*{_cell(i, pe)},2)", f["money"], row["total_eur"] or 0)
            elif c == px:
                ws.write_formula(i, c, f"=ROUND({_cell(i, pe)}*{XOF_RATE_NAME},0)", f["money0"],
                                 row["unit_price_xof"] or 0)
            elif c == tx:
                ws.write_formula(i, c, f"=ROUND({_cell(i, te)}*{XOF_RATE_NAME},0)", f["money0"], row["total_xof"] or 0)
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
            ws.write_formula(total_row, c, f"=SUM({_cell(first, c)}:{_cell(last, c)})", f[fmt], round(value, 2))
        ws.autofilter(head, 0, last, len(table.columns) - 1)
    else:
        ws.write(total_row + 1, 0, _("nothing to list"), f["note"])


# Complexity: one row layout per kind of budget line, written in sheet order.
def _budget_sheet(wb, f, table: Table, _, centre: Centre, page: _Page) -> None:  # noqa: C901 (see the note above)
    ws, head = _start(wb, f, table, _, centre, page, note=_(
        "Form after the EU PRAG supply tender Annex IV (budget breakdown). Column headings are a parameter: "
        "check them against the current template (their wording is unverified). Our estimate sits next to "
        "the tenderer's columns, which are left blank; the place of delivery of each line is on the "
        "Technical specifications sheet."))
    q, p, t = _col(table, "quantity"), _col(table, "unit_price"), _col(table, "total")
    bp, bt = _col(table, "bid_unit_price"), _col(table, "bid_total")
    subtotal_cells: dict[int, list[str]] = {t: [], bt: []}
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
                if c == q and _quantity_formula(table, r, row, ws, f, q):
                    continue
                if c == t:
                    ws.write_formula(r, c, f"=ROUND({_cell(r, q)}*{_cell(r, p)},2)", f["money"], row["total"] or 0)
                elif c == bp:
                    ws.write_blank(r, c, None, f["bid"])
                elif c == bt:
                    ws.write_formula(r, c, f"=ROUND({_cell(r, q)}*{_cell(r, bp)},2)", f["bid"], 0)
                else:
                    _write(ws, f, r, c, col, row.get(col.key))
        elif kind == "subtotal":
            for c in range(len(table.columns)):
                ws.write_blank(r, c, None, f["subtext"])
            ws.write(r, 1, row["description"], f["subtext"])
            first = lot_first if lot_first is not None else r
            for c, value in ((t, row["total"]), (bt, 0)):
                formula = f"=SUM({_cell(first, c)}:{_cell(r - 1, c)})" if r - 1 >= first else "=0"
                ws.write_formula(r, c, formula, f["sub"], value)
                subtotal_cells[c].append(_cell(r, c))
        elif kind == "grand":
            for c in range(len(table.columns)):
                ws.write_blank(r, c, None, f["grandtext"])
            ws.write(r, 1, row["description"], f["grandtext"])
            for c, value in ((t, row["total"]), (bt, 0)):
                formula = "=" + "+".join(subtotal_cells[c]) if subtotal_cells[c] else "=0"
                ws.write_formula(r, c, formula, f["grand"], value)


def _quantity_sheet(wb, f, table: Table, _, centre: Centre, page: _Page, note: str | None = None) -> None:
    ws, head = _start(wb, f, table, _, centre, page, note)
    q = _col(table, "quantity")
    for i, row in enumerate(table.rows, start=head + 1):
        _fit_row(ws, i, table, row)
        for c, col in enumerate(table.columns):
            if c == q and _quantity_formula(table, i, row, ws, f, q):
                continue
            _write(ws, f, i, c, col, row.get(col.key))
    if not table.rows:
        ws.write(head + 1, 0, _("nothing to list"), f["note"])


def _rates_sheet(wb, f, table: Table, _, centre: Centre, page: _Page, plist: Any) -> None:
    ws, head = _start(wb, f, table, _, centre, page, note=_(
        "Rates used by this workbook. The XOF columns are formulas on the XOF parity cell; each line keeps the "
        "price as its source gives it (amount, currency, date) next to the converted one."))
    for i, row in enumerate(table.rows, start=head + 1):
        _fit_row(ws, i, table, row)
        for c, col in enumerate(table.columns):
            _write(ws, f, i, c, col, row.get(col.key))
    wb.define_name(XOF_RATE_NAME, f"='{_sheet_name(_(table.title))}'!{xl_rowcol_to_cell(head + 1, 1, True, True)}")
    r = head + len(table.rows) + 2
    if plist is not None:
        ws.write(r, 0, _("Prices aged against {date}; older than 3 years are flagged on their line.",
                         date=plist.as_of), f["note"])
        ws.write(r + 1, 0, _("Tender reference: {ref}", ref=plist.tender_reference or _("no tender reference set")),
                 f["note"])


def _rooms_sheet(wb, f, table: Table, _, centre: Centre, page: _Page) -> None:
    ws, head = _start(wb, f, table, _, centre, page)
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
               plan: Plan | None = None, lazy: bool = False) -> list[Table]:
    """Every table of the CSV and JSON files (``lazy``: the findings' rows written as they are read,
    see :func:`findings_table`)."""
    plan = plan or build_plan(centre)
    tables = [rooms_table(centre, plan, report, lang)]
    if report is not None:
        tables.append(findings_table(report, lang, summarise=False, lazy=lazy))
    if procurement is not None:
        tables += [procurement_table(procurement, lang), specifications_table(procurement, lang),
                   budget_table(procurement, lang), works_table(procurement, lang), costs_table(procurement, lang),
                   rates_table(procurement, lang)]
    return tables


def json_data(table: Table) -> list[dict[str, Any]]:
    """The table's rows with stable English keys (internal markers dropped)."""
    return list(json_data_rows(table))


def json_data_rows(table: Table) -> Iterator[dict[str, Any]]:
    """:func:`json_data` row by row."""
    for row in table.rows:
        yield {c.key: row.get(c.key) for c in table.columns} | ({"kind": row["_kind"]} if "_kind" in row else {})


def write_csv(table: Table, lang: str, out: Any) -> None:
    """The table as CSV (headings in ``lang``; numbers with a dot, as CSV readers expect) into the
    binary stream ``out``, UTF-8 with a byte-order mark, row by row."""
    _ = translator(lang)
    stream = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    w = csv.writer(stream, lineterminator="\r\n")
    w.writerow([_(c.title) for c in table.columns])
    for row in table.rows:
        w.writerow(["" if row.get(c.key) is None else sheet_cell(row.get(c.key)) for c in table.columns])
    stream.flush()
    stream.detach()


def write_json_rows(table: Table, out: Any) -> None:
    """The table's JSON file (as :func:`json_files` writes it) into the binary stream ``out``; a
    large table compact, row by row."""
    if len(table.rows) <= COMPACT_JSON_ROWS:
        out.write(_dumps(json_data(table)))
        return
    sep = b"["
    for row in json_data_rows(table):
        out.write(sep + _COMPACT.encode(row).encode("utf-8"))
        sep = b","
    out.write(b"]\n" if sep == b"," else b"[]\n")


def _written(write: Any, *args: Any) -> bytes:
    """What ``write(*args, out)`` writes into the binary stream ``out``."""
    out = io.BytesIO()
    write(*args, out)
    return out.getvalue()


def csv_files(tables: list[Table], lang: str) -> dict[str, bytes]:
    """``{name.csv: bytes}`` (UTF-8 with a byte-order mark)."""
    return {f"{t.key}.csv": _written(write_csv, t, lang) for t in tables}


def json_files(tables: list[Table], report: Any = None, procurement: Any = None) -> dict[str, bytes]:
    """``{name.json: bytes}``: each table's rows, plus the report (design.md §3) and the procurement
    list (design.md §4) as their contracts define them."""
    out = {f"{t.key}.json": _written(write_json_rows, t) for t in tables}
    if report is not None:
        out["report.json"] = report_json_bytes(report)
    if procurement is not None:
        out["procurement_list.json"] = _dumps(procurement.to_json_data())
    return out


# Beyond this many rows (or findings) a JSON file is written compact, on one line: indented, the
# report of 5,500 rooms is two thirds blanks, and only the compact form goes through the C encoder.
COMPACT_JSON_ROWS = 2000
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def report_json_bytes(report: Any) -> bytes:
    """The report as JSON (design.md §3: a standards ``Report`` or its JSON data). A large one is
    written compact, one finding at a time (:func:`write_report_json`)."""
    return _written(write_report_json, report)


def write_report_json(report: Any, out: Any) -> None:
    """:func:`report_json_bytes` written into the binary stream ``out``: a large report finding by
    finding, so that neither the data of every finding nor the whole text is ever held at once."""
    if isinstance(report, dict):
        out.write(_dumps(report, compact=len(report.get("findings", [])) > COMPACT_JSON_ROWS))
        return
    if len(report.findings) <= COMPACT_JSON_ROWS:
        out.write(_dumps(report.to_json_data()))
        return
    from pydantic import BaseModel

    # pydantic's own dump of the other keys (the report's would write every finding's texts first)
    head = BaseModel.model_dump(report, mode="json", by_alias=True, exclude={"findings"})
    sep = b"{"
    for key in type(report).model_fields:  # the contract's order of keys
        out.write(sep + _COMPACT.encode(key).encode("utf-8") + b":")
        sep = b","
        if key != "findings":
            out.write(_COMPACT.encode(head[key]).encode("utf-8"))
            continue
        comma = b"["
        for f in report.findings:
            out.write(comma + _COMPACT.encode(f.dump_json_unkept()).encode("utf-8"))
            comma = b","
        out.write(b"]" if comma == b"," else b"[]")
    out.write(b"}\n")


def _dumps(data: Any, compact: bool = False) -> bytes:
    if compact:
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
