"""Exports page: a download for each format, built from the centre as edited, in the app's language."""
from __future__ import annotations

import io
import json
import zipfile

import pytest
from app_helpers import goto, open_app, project

from centreplan.planner import vocabulary

pytest.importorskip("centreplan.exports")


def _buttons(at) -> dict[str, object]:
    return {b.label: b for b in at.get("download_button")}


def test_every_format_has_a_download(app):
    goto(app, "exports")
    labels = set(_buttons(app))
    assert {"Plan (DXF)", "Compliance report (PDF)", "Procurement list (PDF)", "Workbook (XLSX)"} <= labels
    assert any(label.endswith(".csv") for label in labels) and "report.json" in labels


def test_the_files_are_those_of_the_centre_as_edited(app):
    from app_pages.common import export_for
    from centreplan.layouts.edit import apply_tables, room_rows

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


def _pdf_text(data: bytes, tmp_path, name: str) -> str:
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_files_from_a_french_session_carry_its_language_packs_and_rates(downloads, tmp_path):
    """Regression: the PDF, XLSX and DXF were built at click time outside the session, in English,
    with the default packs and no exchange rate."""
    import ezdxf
    import openpyxl

    from centreplan.equipment import procurement_list

    at = open_app(lang="fr")
    goto(at, "compliance")
    at.multiselect(key="packs_fr").set_value(["integrity", "humanitarian", "protection"])  # fire removed
    at.run()
    goto(at, "equipment")
    at.number_input(key="fx_CHF").set_value(1.07)
    at.run()
    assert not at.exception, at.exception
    fx = project(at).settings["equipment"]["fx"]
    assert fx["CHF"]["eur_per_unit"] == 1.07
    goto(at, "exports")
    stem = "small-test-centre-fr"
    assert {f"{stem}-plan.dxf", f"{stem}-compliance.pdf", f"{stem}-procurement.pdf", f"{stem}.xlsx"} <= set(downloads)

    # the priced total with the session's CHF rate: the blankets, pillows and sheets quoted in CHF
    # (the default dated rate gives another total)
    total = procurement_list([project(at).centre], {"fx": fx}).totals.eur
    assert total > 0
    assert procurement_list([project(at).centre], {}).totals.eur != total
    total_fr = f"{total:,.2f}".replace(",", " ").replace(".", ",")

    report = _pdf_text(downloads[f"{stem}-compliance.pdf"], tmp_path, "report.pdf")
    assert "Rapport de conformité" in report and "Compliance report" not in report
    packs_line = next(line for line in report.splitlines() if line.startswith("Référentiels"))
    assert "Protection" in packs_line and "Incendie" not in packs_line

    procurement = _pdf_text(downloads[f"{stem}-procurement.pdf"], tmp_path, "procurement.pdf")
    assert "Liste d'achats" in procurement and "Procurement list" not in procurement
    assert total_fr.replace(" ", "") in procurement.replace(" ", "").replace("\u202f", "")

    book = openpyxl.load_workbook(io.BytesIO(downloads[f"{stem}.xlsx"]))
    assert {"Achats", "Constats", "Pièces"} <= set(book.sheetnames)
    findings = list(book["Constats"].iter_rows(min_row=4, values_only=True))
    packs_fr = {vocabulary.label("packs", pack, "fr") for pack in ("integrity", "humanitarian", "protection")}
    assert findings and {row[1] for row in findings} <= packs_fr
    purchases = list(book["Achats"].iter_rows(min_row=4, values_only=True))
    # quantity × unit price (EUR) of the priced lines: the total the screen shows
    assert round(sum(row[5] * row[6] for row in purchases if isinstance(row[6], (int, float))), 2) == round(total, 2)

    doc = ezdxf.read(io.StringIO(downloads[f"{stem}-plan.dxf"].decode("utf-8")))
    # room tags are block attributes, written in French: beds in words, areas with a decimal comma
    texts = " ".join(a.dxf.text for i in doc.modelspace().query("INSERT") for a in i.attribs)
    assert "12 lits" in texts and "30,0 m²" in texts and "beds" not in texts


def test_file_names_keep_accented_letters_transliterated(downloads):
    """Regression: the app dropped accented letters (``centre-d-hbergement…-cole-primaire``)."""
    from app_helpers import ROOT

    at = open_app(ROOT / "layouts" / "examples" / "c_collective_centre_school.yaml", lang="fr")
    goto(at, "exports")
    stem = "centre-d-hebergement-collectif-ancienne-ecole-primaire-fr"
    assert f"{stem}-plan.dxf" in downloads and f"{stem}-compliance.pdf" in downloads
    goto(at, "centre")
    assert "centre-d-hebergement-collectif-ancienne-ecole-primaire.yaml" in downloads
