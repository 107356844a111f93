"""Programme page: requirements for the population beside what the layout provides."""
from __future__ import annotations

import pytest

from app_helpers import goto, open_app

pytest.importorskip("standards")


def test_requirements_beside_the_layout(app):
    goto(app, "programme")
    table = app.dataframe[0].value
    men = table[(table["group"] == "Men") & table["required"].str.contains("dormitor")].iloc[0]
    # 12 men, at most 6 beds a room (OCC-ADULT): 2 dormitories of 6 beds, 4.0 m²/bed -> 24 m² each;
    # the layout has one room DM1 with 12 beds in 30 m²
    assert "2 dormitories: 2 × 6 beds, ≥ 24.0 m² each" in men["required"]
    assert men["verdict"] == "short" and men["rooms"] == "DM1"
    assert "over 6 beds: DM1" in men["shortfall"]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Beds"] == "18"  # 12 men + 6 women


def test_only_short_lines(app):
    goto(app, "programme")
    n_all = len(app.dataframe[0].value)
    app.toggle(key="prog_only_short").set_value(True)
    app.run()
    table = app.dataframe[0].value
    assert 0 < len(table) < n_all and "met" not in set(table["verdict"])


def test_programme_in_french():
    at = open_app(lang="fr")
    goto(at, "programme")
    table = at.dataframe[0].value
    men = table[table["group"] == "Hommes"].iloc[0]
    assert "2 dortoirs : 2 × 6 lits" in men["required"] and men["verdict"] == "insuffisant"
