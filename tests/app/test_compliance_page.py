"""Compliance page: findings of the standards check with filters, in both languages."""
from __future__ import annotations

import pytest
from app_helpers import goto, open_app, project, switch_language

from centreplan.standards import load_packs, pack_names

pytest.importorskip("centreplan.standards")


def _table(at):
    return at.dataframe[0].value


def test_failures_are_listed_with_their_sources(app):
    goto(app, "compliance")
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    # small centre: SAN1 serves men and women (critical SEP-SAN-SEX); DM1 2.5 m²/bed fails AREA-BED-EU
    # and AREA-SLEEP-HUM and has 12 beds > 6 (OCC-ADULT), all major
    assert int(metrics["Critical"]) >= 1 and int(metrics["Major"]) >= 3
    table = _table(app)
    assert set(table["status"]) <= {"fail", "cannot evaluate"}
    dm1 = table[table["rooms"].str.contains("DM1")]
    assert {"AREA-BED-EU", "AREA-SLEEP-HUM", "OCC-ADULT"} <= set(dm1["rule"])
    # the first finding is shown in full below the table, with its source
    detail = " ".join(c.value for c in app.caption)
    assert "Source: " in detail and ("(verified)" in detail or "(secondary source)" in detail)
    first = table.iloc[0]
    assert any(m.value.startswith(f"**{first['rule']}**") for m in app.markdown)
    assert "The centre fails at least one critical or major rule." in app.error[0].value


def test_filters_by_room_and_severity(app):
    goto(app, "compliance")
    lang = project(app).lang
    app.multiselect(key=f"f_room_{lang}").set_value(["SAN1"])
    app.run()
    table = _table(app)
    assert len(table) >= 1 and all("SAN1" in r for r in table["rooms"])
    assert "critical" in set(table["severity"])  # SEP-SAN-SEX: SAN1 serves men and women
    app.pills(key=f"f_severity_{lang}").set_value(["minor"])
    app.run()
    # SAN1 has no minor failure: the table gives way to a message
    assert not app.dataframe and app.info[0].value == "No finding matches these filters."
    app.multiselect(key=f"f_room_{lang}").set_value(["DM1"])
    app.run()
    assert set(_table(app)["rule"]) == {"WIN-LIGHT"}  # DM1: 1.2 m² of glazing, 4 % < 8 % of 30 m²


def test_pack_choice_changes_the_check(app):
    goto(app, "compliance")
    app.multiselect(key="packs_en").set_value(["integrity"])
    app.run()
    assert project(app).settings["packs"] == ["integrity"]
    # integrity only: the small centre is a coherent plan, so nothing critical or major fails
    assert "No critical or major rule fails." in app.success[0].value
    # the plan page now marks no room
    goto(app, "plan")
    assert {m.label: m.value for m in app.metric}["Failing rooms"] == "0"


def test_compliance_in_french():
    at = open_app(lang="fr")
    goto(at, "compliance")
    assert at.title[0].value == "Conformité"
    table = _table(at)
    assert "non conforme" in set(table["status"])
    assert any("Dortoir" in m or "(DM1)" in m for m in table["message"])
    assert any(" : " in m for m in table["message"])  # French typography of message_fr
    # the finding shown in full cites its source in French (standards/clauses_fr.yaml)
    detail = " ".join(c.value for c in at.caption)
    assert "Source : " in detail
    first = table.iloc[0]["rule"]
    rule = next(r for p in load_packs(pack_names()) for r in p.rules if r.id == first)
    assert rule.cite("fr") in detail and (rule.cite() == rule.cite("fr") or rule.cite() not in detail)
    switch_language(at, "en")
    assert at.title[0].value == "Compliance"


def test_selecting_a_finding_shows_it_in_full(app):
    goto(app, "compliance")
    table = _table(app)
    last = len(table) - 1
    app.session_state["findings_en"] = {"selection": {"rows": [last], "columns": [], "cells": []}}
    app.run()
    assert not app.exception
    rule = table.iloc[last]["rule"]
    assert rule != table.iloc[0]["rule"]  # so the detail shown proves the selection was read
    assert any(m.value.startswith(f"**{rule}**") for m in app.markdown)
