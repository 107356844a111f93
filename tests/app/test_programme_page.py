"""Programme page: requirements for the population beside what the layout provides."""
from __future__ import annotations

import pytest
from app_helpers import goto, open_app

pytest.importorskip("centreplan.standards")


def _lines(at):
    return at.table[0].value


def test_requirements_beside_the_layout(app):
    goto(app, "programme")
    table = _lines(app)
    men = table[(table.index == "Men") & table["Required"].str.contains("dormitor")].iloc[0]
    # 12 men, at most 6 beds a room (OCC-ADULT): 2 dormitories of 6 beds, 4.0 m²/bed -> 24 m² each;
    # the layout has one room DM1 with 12 beds in 30 m²
    assert "2 dormitories: 2 × 6 beds, ≥ 24.0 m² each" in men["Required"]
    assert men["Layout"] == "short" and "(DM1)" in men["Provided"]
    assert "over 6 beds: DM1" in men["Shortfall"]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Beds"] == "18"  # 12 men + 6 women
    sources = app.table[1].value
    assert len(sources) == len(table) and all(sources["Source"])


def test_only_short_lines(app):
    goto(app, "programme")
    n_all = len(_lines(app))
    app.toggle(key="prog_only_short").set_value(True)
    app.run()
    table = _lines(app)
    assert 0 < len(table) < n_all and "met" not in set(table["Layout"])


def test_programme_in_french():
    at = open_app(lang="fr")
    goto(at, "programme")
    table = _lines(at)
    men = table[table.index == "Hommes"].iloc[0]
    assert "2 dortoirs : 2 × 6\u00a0lits" in men["Exigé"] and men["Plan"] == "insuffisant"
