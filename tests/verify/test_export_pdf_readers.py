"""The PDF reports read by poppler (pdffonts, pdftotext) and qpdf: every font embedded, accents, "m²"
and the key figures intact. Skips when the programs are absent (make verify-tools). Pages rendered to
PNG are left in out/verify/ for a person to look at."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from centreplan import equipment, standards
from centreplan.equipment import make_params
from centreplan.exports.pdf_procurement import procurement_pdf_bytes
from centreplan.exports.pdf_report import report_pdf_bytes
from centreplan.layouts.io import load_layout

pytestmark = pytest.mark.verify

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "data" / "export_small.yaml"
FX = {"fx": {"CHF": {"eur_per_unit": 1.06, "date": "2026-11-20", "source": "test rate"},
             "USD": {"eur_per_unit": 0.92, "date": "2026-11-20", "source": "test rate"}}}


def need(program: str) -> str:
    path = shutil.which(program)
    if not path:
        pytest.skip(f"{program} is not installed (make verify-tools)")
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    centre = load_layout(SMALL)
    report = standards.check(centre)
    plist = equipment.procurement_list([centre], make_params(FX))
    tmp = tmp_path_factory.mktemp("pdf")
    out = {}
    for lang in ("fr", "en"):
        out[("report", lang)] = tmp / f"report_{lang}.pdf"
        out[("report", lang)].write_bytes(report_pdf_bytes(centre, report, lang, date=dt.date(2026, 11, 23)))
        out[("procurement", lang)] = tmp / f"procurement_{lang}.pdf"
        out[("procurement", lang)].write_bytes(procurement_pdf_bytes(centre, plist, lang, date=dt.date(2026, 11, 23)))
    return centre, report, plist, out


def text_of(path: Path) -> str:
    return subprocess.run([need("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True,
                          timeout=60, check=True).stdout


@pytest.mark.parametrize("kind", ["report", "procurement"])
def test_every_font_is_embedded(pdfs, kind):
    *_, out = pdfs
    res = subprocess.run([need("pdffonts"), str(out[(kind, "fr")])], capture_output=True, text=True, timeout=60,
                         check=True).stdout.splitlines()[2:]
    assert res, "no font listed"
    for line in res:
        cols = line.split()
        # name type encoding emb sub uni object ID: 'emb' is the 4th column from the right end
        assert cols[-5] == "yes", line
        assert "DejaVuSans" in cols[0]


@pytest.mark.parametrize("kind", ["report", "procurement"])
def test_qpdf_finds_the_structure_sound(pdfs, kind):
    *_, out = pdfs
    subprocess.run([need("qpdf"), "--check", str(out[(kind, "fr")])], capture_output=True, timeout=60, check=True)


def test_report_text_keeps_accents_units_and_figures(pdfs):
    centre, report, plist, out = pdfs
    text = text_of(out[("report", "fr")])
    assert "Rapport de conformité" in text
    assert "Centre d'accueil de Thiès (essai)" in text
    assert "Réfectoire" in text and "m²" in text and "≥" in text
    assert "CONFIDENTIEL" in text
    n = len(report.failures())
    assert "page 1 sur " in text
    for f in report.failures():
        assert f.rule in text
    blocking = sum(1 for f in report.failures() if f.severity in ("critical", "major"))
    assert f"{blocking} non-conformités critiques ou majeures" in text or blocking == 0
    # the layout line: 8 rooms, 12 beds, floor area 252 − 24 (courtyard) = 228 m²
    assert "8 pièces, 12 lits, surface de plancher 228,0 m²" in text
    assert n > 0


def test_procurement_text_keeps_totals(pdfs):
    centre, report, plist, out = pdfs
    fr = text_of(out[("procurement", "fr")])
    # 514.60 EUR by hand (tests/unit/test_export_sheets.py); French decimal comma
    assert "514,60" in fr and "Total général (EUR)" in fr
    assert "Couverture, résistance thermique moyenne" in fr
    en = text_of(out[("procurement", "en")])
    assert "514.60" in en and "Grand total (EUR)" in en


def test_pages_render_to_png(pdfs):
    *_, out = pdfs
    target = ROOT / "out" / "verify"
    target.mkdir(parents=True, exist_ok=True)
    for (kind, lang), path in out.items():
        subprocess.run([need("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "1", str(path),
                        str(target / f"{kind}_{lang}")], timeout=120, check=True)
    pngs = list(target.glob("report_fr*.png"))
    assert pngs and all(p.stat().st_size > 5000 for p in pngs)
