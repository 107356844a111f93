"""The XLSX workbook and the CSV/JSON tables. Figures by hand from tests/data/export_small.yaml and the
catalogue's reference prices with a CHF→EUR rate of 1.06 (so prices are those the equipment package
prints: blanket 4.1 CHF × 1.06 = 4.35 EUR)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from centreplan import equipment, standards
from centreplan.equipment import make_params
from centreplan.exports.sheets import (
    all_tables,
    budget_table,
    csv_files,
    json_files,
    rooms_table,
    xlsx_bytes,
)
from centreplan.layouts.io import load_layout

SMALL = Path(__file__).resolve().parent.parent / "data" / "export_small.yaml"
FX = {"fx": {"CHF": {"eur_per_unit": 1.06, "date": "2026-11-20", "source": "test rate"},
             "USD": {"eur_per_unit": 0.92, "date": "2026-11-20", "source": "test rate"}}}


@pytest.fixture(scope="module")
def centre():
    return load_layout(SMALL)


@pytest.fixture(scope="module")
def report(centre):
    return standards.check(centre)


@pytest.fixture(scope="module")
def plist(centre):
    return equipment.procurement_list([centre], make_params(FX))


@pytest.fixture(scope="module")
def book(centre, report, plist):
    data = xlsx_bytes(centre, report, plist, "en")
    return (openpyxl.load_workbook(io.BytesIO(data)),  # formulas
            openpyxl.load_workbook(io.BytesIO(data), data_only=True))  # the values stored with them


def find_row(ws, column: int, text: str) -> int:
    for row in ws.iter_rows(min_col=column, max_col=column):
        if row[0].value == text:
            return row[0].row
    raise AssertionError(f"{text!r} not in column {column}")


def header(ws) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows(max_row=8):
        values = [c.value for c in row]
        if values and values[0] in ("Item", "Item number", "1. Item number", "Rule", "Id"):
            return row[0].row, {v: i + 1 for i, v in enumerate(values) if v}
    raise AssertionError("no header row")


def test_sheets_in_english_and_french(centre, report, plist, book):
    assert book[0].sheetnames == ["Procurement", "Technical specifications", "Budget breakdown", "Works", "Costs",
                                  "Rates", "Findings", "Rooms"]
    fr = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(centre, report, plist, "fr")))
    assert fr.sheetnames == ["Achats", "Spécifications techniques", "Budget détaillé", "Travaux", "Coûts", "Taux",
                             "Constats", "Pièces"]
    assert fr["Pièces"]["A2"].value == "CONFIDENTIEL : ne pas diffuser"


def test_procurement_totals_are_formulas_with_their_values_stored(book, plist):
    wb, values = book
    ws, vs = wb["Procurement"], values["Procurement"]
    h, cols = header(ws)
    r = find_row(ws, 1, "BLK-01")
    q, p, t = cols["Quantity"], cols["Unit price (EUR)"], cols["Total (EUR)"]
    letter = openpyxl.utils.get_column_letter
    assert ws.cell(r, t).value == f"=ROUND({letter(q)}{r}*{letter(p)}{r},2)"
    # the XOF columns are formulas on the parity cell of the Rates sheet
    assert ws.cell(r, cols["Total (XOF)"]).value == f"=ROUND({letter(t)}{r}*XOF_PER_EUR,0)"
    # the source's price and date sit next to the converted one
    assert ws.cell(r, cols["Price as the source gives it"]).value == "4.10 CHF"
    assert ws.cell(r, cols["Price date"]).value == "2019"
    assert ws.cell(r, cols["Exchange rate used"]).value == "1 CHF = 1.060000 EUR (2026-11-20)"
    # 12 blankets × 4.35 EUR = 52.20 EUR
    assert vs.cell(r, q).value == 12 and vs.cell(r, p).value == 4.35
    assert vs.cell(r, t).value == pytest.approx(52.20)
    total_row = find_row(ws, 1, "Total")
    assert ws.cell(total_row, t).value.startswith("=SUM(")
    # 12 × 4.35 + 24 × 12.72 + 12 × 4.60 + 12 × 7.42 + 2 × 6.44 = 52.20 + 305.28 + 55.20 + 89.04 + 12.88 = 514.60
    assert vs.cell(total_row, t).value == pytest.approx(514.60)
    assert vs.cell(total_row, t).value == pytest.approx(plist.totals.eur)
    tx = cols["Total (XOF)"]
    assert vs.cell(total_row, tx).value == pytest.approx(plist.totals.xof)
    # a line without a price still carries the formula (a price typed later reaches the totals), and says why
    bed = find_row(ws, 1, "BED-01")
    assert ws.cell(bed, t).value == f"=ROUND({letter(q)}{bed}*{letter(p)}{bed},2)" and vs.cell(bed, t).value == 0
    assert "no sourced price" in ws.cell(bed, cols["Notes"]).value


def test_budget_breakdown_has_lot_subtotals_and_a_grand_total(book):
    wb, values = book
    ws, vs = wb["Budget breakdown"], values["Budget breakdown"]
    h, cols = header(ws)
    t = cols["Total price (EUR)"]
    bedding_sub = find_row(ws, 2, "Subtotal lot 1")
    assert ws.cell(bedding_sub, t).value.startswith("=SUM(")
    # bedding: 52.20 + 305.28 + 55.20 + 89.04 = 501.72
    assert vs.cell(bedding_sub, t).value == pytest.approx(501.72)
    grand = find_row(ws, 2, "Grand total (EUR)")
    formula = ws.cell(grand, t).value
    subtotal_rows = [r for r in range(h + 1, grand) if str(ws.cell(r, 2).value or "").startswith("Subtotal lot")]
    assert formula == "=" + "+".join(f"{openpyxl.utils.get_column_letter(t)}{r}" for r in subtotal_rows)
    assert vs.cell(grand, t).value == pytest.approx(514.60)
    assert ws.cell(h + 1, 1).value == "Lot 1" and ws.cell(h + 2, 1).value == "1.1"


def test_budget_table_subtotals_are_sums_of_the_lines_shown(plist):
    rows = budget_table(plist, "en").rows
    items = [r for r in rows if r["_kind"] == "item"]
    subs = [r for r in rows if r["_kind"] == "subtotal"]
    (grand,) = [r for r in rows if r["_kind"] == "grand"]
    assert round(sum(r["total"] or 0 for r in items), 2) == pytest.approx(sum(r["total"] for r in subs))
    assert grand["total"] == pytest.approx(sum(r["total"] for r in subs))


def test_annex_ii_iii_headings_are_a_parameter(centre, report, plist, book):
    ws = book[0]["Technical specifications"]
    h, cols = header(ws)
    assert list(cols) == ["1. Item number", "2. Specifications required", "3. Specifications offered",
                          "4. Notes, remarks, ref to documentation", "Delivery time offered",
                          "5. Evaluation committee's notes"]
    assert "unverified" in ws["A2"].value or "unverified" in ws["A3"].value
    r = find_row(ws, 1, "1.1")
    assert ws.cell(r, 2).value.startswith("Bed, single")
    assert ws.cell(r, 3).value is None  # left for the tenderer
    data = xlsx_bytes(centre, report, plist, "en", annex_headings={"offered": "3. Offer (tenderer)"})
    ws2 = openpyxl.load_workbook(io.BytesIO(data))["Technical specifications"]
    assert "3. Offer (tenderer)" in header(ws2)[1]


def test_findings_sheet_lists_fails_first(book, report):
    ws = book[0]["Findings"]
    h, cols = header(ws)
    statuses = [ws.cell(r, cols["Status"]).value for r in range(h + 1, ws.max_row + 1)]
    assert len(statuses) == len(report.findings)
    assert statuses[: report.summary.fail] == ["fail"] * report.summary.fail
    severities = [ws.cell(r, cols["Severity"]).value for r in range(h + 1, h + 1 + report.summary.fail)]
    order = {"critical": 0, "major": 1, "minor": 2}
    assert severities == sorted(severities, key=order.get)


def test_rooms_sheet_areas_and_totals(book):
    wb, values = book
    ws, vs = wb["Rooms"], values["Rooms"]
    h, cols = header(ws)
    dm1 = find_row(ws, 1, "DM1")
    assert vs.cell(dm1, cols["Area (m²)"]).value == 30.0
    assert vs.cell(dm1, cols["Failing rules"]).value is None or isinstance(vs.cell(dm1, cols["Failing rules"]).value, str)
    total = find_row(ws, 1, "Total")
    # 40 + 30 + 30 + 15 + 25 + 48 + 40 + 24 = 252 m²; beds 6 + 6 = 12
    assert ws.cell(total, cols["Area (m²)"]).value.startswith("=SUM(")
    assert vs.cell(total, cols["Area (m²)"]).value == pytest.approx(252.0)
    assert vs.cell(total, cols["Beds"]).value == 12


def test_rooms_table_marks_failing_rules(centre, report):
    rows = {r["id"]: r for r in rooms_table(centre, report=report).rows}
    failing = {rid for f in report.failures() for rid in ([f.subject] if f.subject in f.rooms else f.rooms)}
    for rid, row in rows.items():
        assert bool(row["failing_rules"]) == (rid in failing)


def test_csv_and_json_carry_the_same_rows(centre, report, plist):
    tables = all_tables(centre, report, plist, "fr")
    files = csv_files(tables, "fr")
    assert set(files) == {"rooms.csv", "findings.csv", "procurement.csv", "specifications.csv", "budget.csv",
                          "works.csv", "costs.csv", "rates.csv"}
    raw = files["rooms.csv"]
    assert raw.startswith("\ufeff".encode("utf-8"))  # byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Id", "Nom", "Usage", "Groupe"]
    assert len(rows) == 1 + len(centre.rooms)
    assert ["DN1", "Réfectoire", "Réfectoire", "Tous"] == rows[[r[0] for r in rows].index("DN1")][:4]
    js = json_files(tables, report, plist)
    rooms = json.loads(js["rooms.json"])
    assert rooms[[r["id"] for r in rooms].index("DN1")]["area_m2"] == 48.0
    assert json.loads(js["report.json"])["summary"]["fail"] == report.summary.fail
    assert json.loads(js["procurement_list.json"])["totals"]["eur"] == pytest.approx(514.60)
    budget = json.loads(js["budget.json"])
    assert budget[-1]["kind"] == "grand" and budget[-1]["total"] == pytest.approx(514.60)


def test_workbook_without_report_or_procurement_still_opens(centre):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(centre, None, None, "en")))
    assert wb["Findings"].cell(wb["Findings"].max_row, 1).value == "nothing to list"
    assert wb["Rooms"].max_row > len(centre.rooms)


def test_consolidated_workbook_has_a_quantity_column_per_centre_and_bidder_columns(centre, report):
    other = load_layout(SMALL).model_copy(update={"centre": centre.centre.model_copy(update={"name": "Other"})})
    pl = equipment.procurement_list([centre, other], make_params({**FX, "tender_reference": "EuropeAid/1/D/SUP/SN"}))
    data = xlsx_bytes(centre, report, pl, "en")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Procurement"]
    h, cols = header(ws)
    assert centre.centre.name in cols and "Other" in cols and "Place of delivery" in cols
    r = find_row(ws, 1, "BLK-01")
    letter = openpyxl.utils.get_column_letter
    assert ws.cell(r, cols["Quantity"]).value == (f"=SUM({letter(cols[centre.centre.name])}{r}:"
                                                  f"{letter(cols['Other'])}{r})")
    budget = wb["Budget breakdown"]
    bh, bcols = header(budget)
    assert "Tenderer's unit price (EUR)" in bcols and "Tenderer's total price (EUR)" in bcols
    # print setup: A4 landscape, fitted to the width, the tender reference in the header
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert "EuropeAid/1/D/SUP/SN" in ws.oddHeader.left.text
    rates = wb["Rates"]
    assert find_row(rates, 1, "CHF") and find_row(rates, 1, "XOF")


def test_specifications_hold_no_placeholder_and_read_in_both_languages(plist):
    from centreplan.equipment.catalogue import PLACEHOLDERS, load_catalogue

    for item in load_catalogue().items.values():
        for lang in ("en", "fr"):
            text = item.spec.text(lang)
            assert not any(p.lower() in text.lower() for p in PLACEHOLDERS), (item.id, lang)
    ext = load_catalogue().items["FIR-01"].spec
    assert ext.text("en").startswith("Portable water-spray fire extinguisher, 6 L, with additive, fire classes A and B")
    assert "EN 3 (S23); annual check, overhaul every 10 years." in ext.text("en")
    assert ext.text("fr").startswith("Extincteur portatif à eau pulvérisée 6 L avec additif, classes de feu A et B")
    assert "EN 3 (S23) ; vérification annuelle, révision tous les 10 ans." in ext.text("fr")
