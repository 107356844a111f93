"""Generate page: options for the centre's population side by side, one opened on the Plan page."""
from __future__ import annotations

import pytest
from app_helpers import goto, open_app, project

pytest.importorskip("ortools")


def test_three_options_side_by_side_and_open_one(app):
    # tests/data/small_centre.yaml: 12 men and 6 women
    goto(app, "generate")
    app.number_input(key="gen_width").set_value(50.0)
    app.number_input(key="gen_depth").set_value(40.0)
    app.button(key="gen_run").click()
    app.run()
    assert not app.exception, app.exception
    assert [h.value for h in app.subheader] == ["Option 1", "Option 2", "Option 3"]
    metrics = [m for m in app.metric if m.label == "Gross floor"]
    assert len(metrics) == 3 and all(m.value.endswith("m²") for m in metrics)
    beds = app.dataframe[0].value
    assert list(beds["Beds"]) == [12, 6] and list(beds["Persons"]) == [12, 6]
    assert all("0 critical, 0 major" in c.value for c in app.caption if c.value.startswith("Check:"))
    name = project(app).centre.centre.name
    app.button(key="gen_open_2").click()
    app.run()
    assert not app.exception, app.exception
    p = project(app)
    assert p.source == "option_2.yaml" and p.centre.centre.name == name
    assert sum(r.beds for r in p.centre.rooms if r.group == "men") == 12
    assert any(r.id == "M-CO" for r in p.centre.rooms)


def test_site_too_small_names_the_requirement_in_french():
    at = open_app(lang="fr")
    goto(at, "generate")
    at.number_input(key="gen_width").set_value(10.0)
    at.number_input(key="gen_depth").set_value(10.0)
    at.button(key="gen_run").click()
    at.run()
    assert not at.exception, at.exception
    assert at.error and "le terrain offre 100 m²" in at.error[0].value
    assert not at.subheader
