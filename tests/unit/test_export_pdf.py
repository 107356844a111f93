"""PDF reports: embedded DejaVu Sans only, the plan with failing rooms highlighted, totals as sums of
the lines shown. Text extraction by an outside reader is in tests/verify/test_export_pdf_readers.py."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Polygon, String

from centreplan import equipment, standards
from centreplan.equipment import make_params
from centreplan.exports.dxf import failing_rules_by_room
from centreplan.exports.pdf_common import FONT
from centreplan.exports.pdf_procurement import procurement_pdf_bytes, procurement_story
from centreplan.exports.pdf_report import FAIL_FILL, plan_drawing, report_pdf_bytes, report_story
from centreplan.layouts.io import load_layout
from centreplan.planner.geometry import build_plan

SMALL = Path(__file__).resolve().parent.parent / "data" / "export_small.yaml"
DATE = dt.date(2026, 11, 23)
FX = {"fx": {"CHF": {"eur_per_unit": 1.06, "date": "2026-11-20", "source": "test rate"},
             "USD": {"eur_per_unit": 0.92, "date": "2026-11-20", "source": "test rate"}}}


@pytest.fixture(scope="module")
def centre():
    return load_layout(SMALL)


@pytest.fixture(scope="module")
def report(centre):
    return standards.check(centre)


def fonts_of(pdf: bytes) -> set[str]:
    return set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", pdf))


def test_report_pdf_embeds_dejavu_and_nothing_else(centre, report):
    # regression: reportlab named Helvetica (never embedded) as every page's initial font until the
    # document and the canvas were given DejaVu Sans as theirs
    pdf = report_pdf_bytes(centre, report, "fr", date=DATE)
    assert pdf.startswith(b"%PDF-")
    names = {n.split(b"+")[-1] for n in fonts_of(pdf)}
    assert names == {b"DejaVuSans", b"DejaVuSans-Bold"}
    assert pdf.count(b"/FontFile2") == 2  # both embedded as TrueType
    assert b"Helvetica" not in pdf


def test_report_without_a_report_checks_the_centre(centre):
    pdf = report_pdf_bytes(centre, None, "en", date=DATE)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 3


def test_plan_highlights_exactly_the_failing_rooms(centre, report):
    plan = build_plan(centre)
    failing = failing_rules_by_room(report)
    assert failing  # the small layout fails some checks
    d = plan_drawing(centre, plan, failing, "en", width=400, max_height=300)
    polys = [e for e in d.contents if isinstance(e, Polygon)]
    assert len(polys) == len(centre.rooms)
    red = sum(1 for e in polys if e.fillColor == FAIL_FILL)
    assert red == len(set(failing) & {r.id for r in centre.rooms})
    # scaled to the width: the plan is 20 m × 14 m, so 400 pt wide gives 20 pt/m and 280 pt high
    assert d.width == 400 and d.height == pytest.approx(280)
    labels = {e.text for e in d.contents if isinstance(e, String)}
    assert {"DM1", "C1", "DN1"} <= labels
    assert d.initialFontName == FONT


def test_report_story_lists_every_failure(centre, report):
    story = report_story(centre, report, "en", date=DATE)
    text = repr(story)
    for f in report.failures():
        assert f.rule in text


def test_procurement_totals_are_sums_of_the_lines_shown(centre):
    plist = equipment.procurement_list([centre], make_params(FX))
    story = procurement_story(plist, "en", centres=[centre], date=DATE)
    text = repr(story)
    # 12 × 4.35 + 24 × 12.72 + 12 × 4.60 + 12 × 7.42 = 501.72 (bedding); + 2 × 6.44 = 514.60
    assert "501.72" in text and "514.60" in text
    assert plist.totals.eur == pytest.approx(514.60)
    pdf = procurement_pdf_bytes(centre, plist, "fr", date=DATE)
    assert {n.split(b"+")[-1] for n in fonts_of(pdf)} == {b"DejaVuSans", b"DejaVuSans-Bold"}


def test_procurement_pdf_computes_the_list_when_not_given(centre):
    pdf = procurement_pdf_bytes(centre, None, "en", params=make_params(FX), date=DATE)
    assert pdf.startswith(b"%PDF-")
