"""Equipment page: the procurement list, sizing parameters, exchange rates, consolidation, both languages."""
from __future__ import annotations

import pytest
from app_helpers import goto, open_app, project

pytest.importorskip("centreplan.equipment")


def _list(at):
    return next(d.value for d in at.dataframe if "quantity" in d.value.columns)


def test_the_list_is_sized_from_the_open_centre(app):
    goto(app, "equipment")
    table = _list(app)
    bed = table[table["id"] == "BED-01"].iloc[0]
    assert bed["quantity"] == 18  # 1 bed per resident: 12 men + 6 women
    assert bed["basis"].startswith("1 per resident")
    assert all(s for s in table["source"])


def test_a_parameter_change_resizes_the_list(app):
    goto(app, "equipment")
    params = next(d.value for d in app.dataframe if "default" in d.value.columns)
    row = int(params.index[params["name"] == "linen_sets_per_bed"][0])
    before = _list(app)
    lin_before = before[before["id"] == "LIN-01"].iloc[0]["quantity"]
    app.session_state["eq_params"] = {"edited_rows": {row: {"value": 3.0}}, "added_rows": [], "deleted_rows": []}
    app.run()
    assert not app.exception
    after = _list(app)
    lin_after = after[after["id"] == "LIN-01"].iloc[0]["quantity"]
    # sheet sets: linen_sets_per_bed x beds = 2 x 18 = 36, then 3 x 18 = 54
    assert (lin_before, lin_after) == (36, 54)
    assert project(app).settings["equipment"]["params"] == {"linen_sets_per_bed": 3.0}


def test_an_exchange_rate_replaces_the_dated_default(app):
    goto(app, "equipment")
    totals = {m.label: m.value for m in app.metric}
    # the dated ECB reference rates price CHF and USD lines by default
    assert int(totals["Priced lines"]) > 0 and totals["Total (EUR)"] not in ("—", "0.00")
    app.number_input(key="fx_CHF").set_value(2.0)
    app.number_input(key="fx_USD").set_value(0.92)
    app.run()
    assert not app.exception
    after = {m.label: m.value for m in app.metric}
    assert after["Priced lines"] == totals["Priced lines"] and after["Total (EUR)"] != totals["Total (EUR)"]


def test_consolidation_with_a_bundled_centre(app):
    goto(app, "equipment")
    app.multiselect(key="eq_others_en").set_value(["b_transit_centre_60.yaml"])
    app.run()
    table = _list(app)
    centre_cols = [c for c in table.columns if c.startswith("c") and c[1:].isdigit()]
    assert len(centre_cols) == 2
    bed = table[table["id"] == "BED-01"].iloc[0]
    assert bed["quantity"] == bed["c0"] + bed["c1"] and bed["c0"] == 18


def test_equipment_in_french():
    at = open_app(lang="fr")
    goto(at, "equipment")
    assert at.title[0].value == "Équipement"
    table = _list(at)
    assert table[table["id"] == "BED-01"].iloc[0]["basis"].startswith("1 par résident")


def test_inputs_for_the_centre_are_saved_with_it_and_size_the_list(app):
    goto(app, "equipment")
    rev = project(app).revision
    app.number_input(key=f"eq_in_children_0_6_{rev}").set_value(60)
    app.run()
    assert not app.exception
    saved = project(app).centre.equipment
    assert saved is not None and saved.children_0_6 == 60
    table = _list(app)
    # ECD kits: ceil(60 / 50) = 2, from the saved input
    assert table[table["id"] == "CHD-01"].iloc[0]["quantity"] == 2
    app.session_state[f"eq_in_prices_{rev}"] = {
        "edited_rows": {}, "deleted_rows": [],
        "added_rows": [{"item": "BED-01", "amount": 50.0, "currency": "EUR", "date": "2026-10-01",
                        "source": "quotation"}]}
    app.run()
    assert not app.exception
    assert project(app).centre.equipment.prices["BED-01"].amount == 50.0
    table = _list(app)
    # 18 beds × 50.00 EUR = 900.00
    assert table[table["id"] == "BED-01"].iloc[0]["total_eur"].replace("\u202f", "") == "900.00"


def test_the_price_file_can_be_downloaded_to_fill(app):
    goto(app, "equipment")
    totals = {m.label: m.value for m in app.metric}
    unpriced = int(totals["Lines"]) - int(totals["Priced lines"])
    labels = [e.label for e in app.expander]
    assert f"Price file for quotations ({unpriced} lines without a price)" in labels, labels
    buttons = app.get("download_button")
    assert {b.proto.label for b in buttons} >= {"Price file (XLSX)", "Price file (CSV)"}
