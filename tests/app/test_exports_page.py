"""Exports page: a download for each format, built from the centre as edited, in the app's language."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from app_helpers import goto, open_app, project

pytest.importorskip("exports")


def _buttons(at) -> dict[str, object]:
    return {b.label: b for b in at.get("download_button")}


def test_every_format_has_a_download(app):
    goto(app, "exports")
    labels = set(_buttons(app))
    assert {"Plan (DXF)", "Compliance report (PDF)", "Procurement list (PDF)", "Workbook (XLSX)"} <= labels
    assert any(label.endswith(".csv") for label in labels) and "report.json" in labels


def test_the_files_are_those_of_the_centre_as_edited(app):
    from app_pages.common import export_for
    from layouts.edit import apply_tables, room_rows

    c = project(app).centre
    rows = room_rows(c)
    rows[2]["x"] = 5.0  # DW1 moved onto DM1
    edited = apply_tables(c, rows)
    import ezdxf

    doc = ezdxf.read(io.StringIO(export_for("dxf", edited).decode("utf-8")))
    xs = [sorted(round(x, 3) for x, y, *_ in e.get_points()) for e in doc.modelspace().query("LWPOLYLINE")]
    assert [5, 5, 10, 10] in xs
    pdf = export_for("report_pdf", edited)
    assert pdf.startswith(b"%PDF")
    book = zipfile.ZipFile(io.BytesIO(export_for("xlsx", edited)))
    assert "xl/workbook.xml" in book.namelist()
    report = json.loads(export_for("json", edited)["report.json"])
    overlap = [f for f in report["findings"] if f["rule"] == "GEO-OVERLAP" and f["status"] == "fail"]
    assert overlap and set(overlap[0]["rooms"]) == {"DM1", "DW1"}


def test_exports_in_french():
    at = open_app(lang="fr")
    goto(at, "exports")
    labels = set(_buttons(at))
    assert {"Plan (DXF)", "Rapport de conformité (PDF)", "Liste d'achats (PDF)", "Classeur (XLSX)"} <= labels
