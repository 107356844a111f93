"""Every export of a centre at once: the plan (DXF), the compliance report and the procurement list
(PDF), the workbook (XLSX), the tables as CSV and JSON. Each file is written atomically."""
from __future__ import annotations

import datetime as _dt
import gc
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from centreplan.exports.labels import check_lang
from centreplan.planner.errors import ExportError
from centreplan.planner.model import Centre

FORMATS = ("dxf", "pdf", "xlsx", "csv", "json", "evacuation")
DEFAULT_FORMATS = ("dxf", "pdf", "xlsx", "csv", "json")  # evacuation plans on request


def parse_formats(formats: str | Iterable[str] | None) -> list[str]:
    """``"dxf,pdf"`` or a list → the formats in canonical order; an unknown one is refused by name."""
    if formats is None:
        return list(DEFAULT_FORMATS)
    items = [f.strip().lower() for f in (formats.split(",") if isinstance(formats, str) else formats)]
    items = [f for f in items if f]
    bad = [f for f in items if f not in FORMATS]
    if bad:
        raise ExportError(f"formats: {', '.join(repr(b) for b in bad)} not available; choose from "
                          f"{', '.join(FORMATS)}")
    if not items:
        raise ExportError(f"formats: none given; choose from {', '.join(FORMATS)}")
    return [f for f in FORMATS if f in items]


def slug(text: str) -> str:
    """A file-name stem from a centre's name: ASCII letters, digits and '-' only; accents are
    transliterated and any other character (a typographic apostrophe too) separates words."""
    letters = (ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))
    out = re.sub(r"[^a-z0-9]+", "-", "".join(ch if ch.isascii() else "-" for ch in letters)).strip("-")
    return out[:60].rstrip("-") or "centre"


def export_all(centre: Centre, out_dir: str | os.PathLike[str], formats: str | Iterable[str] | None = None,
               lang: str = "en", *, report: Any = None, procurement: Any = None, params: Any = None,
               packs: list[str] | None = None, stem: str | None = None, date: _dt.date | None = None,
               dxf_options: dict[str, Any] | None = None, plan: Any = None) -> list[Path]:
    """Write the chosen ``formats`` of ``centre`` into ``out_dir``; returns the paths written.

    The standards report (``standards.check`` with ``packs``) and the procurement list
    (``equipment.procurement_list`` with ``params``) are computed when not given, and so is the plan
    geometry (``plan``: ``planner.geometry.build_plan``). ``dxf_options``:
    keyword arguments of :func:`exports.dxf.build_dxf` (``sheet``, ``details``, ``walls``, ``attributes``).
    """
    from centreplan import equipment, standards
    from centreplan.exports.dxf import write_plan
    from centreplan.exports.pdf_procurement import procurement_pdf_bytes
    from centreplan.exports.pdf_report import report_pdf_bytes
    from centreplan.exports.sheets import xlsx_bytes
    from centreplan.layouts.io import atomic_write
    from centreplan.planner.geometry import build_plan

    check_lang(lang)
    chosen = parse_formats(formats)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"--to: {out} is a file, not a directory")
    stem = stem or slug(centre.centre.name)
    date = date or _dt.date.today()
    plan = plan or build_plan(centre)
    if report is None:
        report = standards.check(centre, packs, plan=plan)
    if procurement is None and {"pdf", "xlsx", "csv", "json"} & set(chosen):
        procurement = equipment.procurement_list([centre], params, plans=[plan])
    written: list[Path] = []

    def put(name: str, data: bytes | Callable[[BinaryIO], object]) -> None:
        path = out / name
        atomic_write(path, data)
        written.append(path)

    if "dxf" in chosen:  # written straight into its file, model space as it is drawn (never held whole)
        # what the drawing leaves (its document, tables, sheets: objects in reference cycles) is freed once
        # written, so that the formats written next reuse that memory instead of adding to it (a command's
        # collector runs rarely: planner.cli.relax_gc); what the process held before is frozen meanwhile,
        # so that this collection scans only what the drawing made (5,500 rooms: 0.3 s less). A process
        # that froze nothing (the app) is left with nothing frozen; a command keeps it frozen to its end
        frozen_before = gc.get_freeze_count()
        gc.freeze()
        try:
            put(f"{stem}_plan.dxf", lambda fh: write_plan(centre, fh, report, lang, plan=plan, date=date,
                                                          **(dxf_options or {})))
        finally:
            gc.collect()
            if not frozen_before:
                gc.unfreeze()
    if "pdf" in chosen:
        put(f"{stem}_compliance.pdf", report_pdf_bytes(centre, report, lang, plan=plan, date=date))
        put(f"{stem}_procurement.pdf", procurement_pdf_bytes(centre, procurement, lang, date=date))
    if "evacuation" in chosen:
        from centreplan.exports.evacuation import evacuation_pdf_bytes

        put(f"{stem}_evacuation.pdf", evacuation_pdf_bytes(centre, lang, plan=plan, date=date))
    if "xlsx" in chosen:
        put(f"{stem}.xlsx", xlsx_bytes(centre, report, procurement, lang, plan=plan))
    if {"csv", "json"} & set(chosen):
        _tables(centre, chosen, lang, report, procurement, plan, lambda name, data: put(f"{stem}_{name}", data))
    return written


def _tables(centre: Centre, chosen: list[str], lang: str, report: Any, procurement: Any, plan: Any,
            put: Any) -> None:
    """The tables as CSV and JSON files, ``put(name, bytes or a writer)`` one by one (the report of a large
    centre is tens of MB of JSON: it is written last of the tables, alone, straight into its file)."""
    from centreplan.exports.sheets import all_tables, json_files, write_csv, write_json_rows, write_report_json

    # each file written straight into itself, row by row; the findings' rows are written as they are
    # read (once for the CSV file, once for the JSON file), never all held at once
    for table in all_tables(centre, report, procurement, lang, plan=plan, lazy=True):
        if "csv" in chosen:
            put(f"{table.key}.csv", lambda fh, t=table: write_csv(t, lang, fh))
        if "json" in chosen:
            put(f"{table.key}.json", lambda fh, t=table: write_json_rows(t, fh))
    if "json" in chosen:
        if report is not None:  # straight into its file: 58 MB for 5,500 rooms never held in memory
            put("report.json", lambda fh: write_report_json(report, fh))
        for name, content in json_files([], None, procurement).items():
            put(name, content)
