"""The workbook opened by LibreOffice, which recalculates every formula: each sheet is readable and the
recalculated totals equal the values we stored. Skips when LibreOffice (soffice) is absent.

LibreOffice does not recalculate OOXML files on load by default; the test runs it with a profile
whose ``OOXMLRecalcMode`` is 0 (always recalculate), so the totals compared are LibreOffice's own.
"""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from centreplan import equipment, standards
from centreplan.equipment import make_params
from centreplan.exports.sheets import budget_table, procurement_table, rooms_table, xlsx_bytes
from centreplan.layouts.io import load_layout

pytestmark = pytest.mark.verify

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = ROOT / "tests" / "data" / "export_small.yaml"
FX = {"fx": {"CHF": {"eur_per_unit": 1.06, "date": "2026-11-20", "source": "test rate"},
             "USD": {"eur_per_unit": 0.92, "date": "2026-11-20", "source": "test rate"}}}
RECALC = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">\
<value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice is not installed (make verify-tools)")
    tmp = tmp_path_factory.mktemp("xlsx")
    profile = tmp / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    centre = load_layout(LAYOUT)
    report = standards.check(centre)
    plist = equipment.procurement_list([centre], make_params(FX))
    book = tmp / "book.xlsx"
    book.write_bytes(xlsx_bytes(centre, report, plist, "en"))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                    "--outdir", str(tmp), str(book)], capture_output=True, timeout=300, check=True)
    sheets = {p.stem.split("-", 1)[1]: list(csv.reader(p.open(encoding="utf-8"))) for p in tmp.glob("book-*.csv")}
    return centre, report, plist, sheets


def row_starting(rows, column: int, text: str) -> list[str]:
    return next(r for r in rows if len(r) > column and r[column] == text)


def test_every_sheet_is_readable(converted):
    centre, report, plist, sheets = converted
    assert set(sheets) == {"Procurement", "Technical specifications", "Budget breakdown", "Works", "Costs", "Rates",
                           "Findings", "Rooms"}
    assert all(len(rows) > 3 for name, rows in sheets.items())
    assert sum(1 for r in sheets["Findings"] if r and r[0] and r[0].isupper() and r[0] != "Rule") == len(report.findings)


def test_recalculated_procurement_totals_equal_ours(converted):
    centre, report, plist, sheets = converted
    table = procurement_table(plist, "en")
    cols = [c.key for c in table.columns]
    rows = sheets["Procurement"]
    for line in table.rows:
        got = row_starting(rows, 0, line["id"])
        if line["total_eur"] is not None:
            assert float(got[cols.index("total_eur")]) == pytest.approx(line["total_eur"], abs=0.005)
            # XOF = EUR × 655.957 on every line, recalculated from the parity cell
            assert float(got[cols.index("total_xof")]) == pytest.approx(line["total_xof"], abs=0.5)
    total = row_starting(rows, 0, "Total")
    assert float(total[cols.index("total_eur")]) == pytest.approx(plist.totals.eur, abs=0.005)
    assert float(total[cols.index("total_xof")]) == pytest.approx(plist.totals.xof, abs=0.5)


def test_recalculated_budget_equals_ours(converted):
    centre, report, plist, sheets = converted
    ours = budget_table(plist, "en").rows
    rows = sheets["Budget breakdown"]
    for row in ours:
        if row["_kind"] in ("subtotal", "grand"):
            got = row_starting(rows, 1, row["description"])
            assert float(got[5]) == pytest.approx(row["total"], abs=0.005)


def test_recalculated_room_totals_equal_ours(converted):
    centre, report, plist, sheets = converted
    table = rooms_table(centre, report=report)
    cols = [c.key for c in table.columns]
    total = row_starting(sheets["Rooms"], 0, "Total")
    assert float(total[cols.index("area_m2")]) == pytest.approx(sum(r["area_m2"] for r in table.rows), abs=0.005)
    assert float(total[cols.index("beds")]) == sum(r["beds"] for r in table.rows)
