"""The Plan page with its plan editor: the page renders with the component, the editor's commands
change the centre through the library (refusals keep it and say why), undo and redo walk back and
forth, and every editor message is translated."""
from __future__ import annotations

from pathlib import Path

import pytest
from app_helpers import ROOT, goto, project

from app_pages import plan_editor
from centreplan.planner.errors import PlannerError
from centreplan.planner.i18n import untranslated, used_messages


def test_the_plan_page_renders_with_the_editor(app):
    goto(app, "plan")
    assert not app.exception
    # the editor's state is set up for this centre, with nothing to undo
    state = project(app).settings[plan_editor.KEY]
    assert state["undo"] == [] and state["redo"] == []
    # the drawing as exported is still on the page (under the editor)
    assert any(m.value.startswith("<svg") for m in app.markdown)


def test_commands_edit_the_centre_and_undo_restores_it(app):
    goto(app, "plan")
    p = project(app)
    original = p.centre
    # SAN1 (x 11..15) east wall 1 m further east: 5 x 5 m
    plan_editor.apply_command(p, {"op": "resize_room", "id": "SAN1", "handle": "e", "dx": 1.0, "dy": 0, "seq": 1})
    assert p.centre.room("SAN1").polygon == [(11, 0), (16, 0), (16, 5), (11, 5)]
    plan_editor.apply_command(p, {"op": "add_door", "x": 6.0, "y": 2.0, "seq": 2})
    assert set(p.centre.doors[-1].between) == {"DM1", "DW1"}
    app.run()
    assert not app.exception
    assert {m.label: m.value for m in app.metric}["Rooms"] == "5"
    # an overlap is refused with its reason, the centre kept
    kept = p.centre
    plan_editor.apply_command(p, {"op": "move_room", "id": "DW1", "dx": -1.0, "dy": 0, "seq": 3, "tolerance": 0})
    assert p.centre == kept
    assert "DW1" in plan_editor.message_text(lambda m, **v: m.format(**v), p.settings[plan_editor.KEY]["message"], "en")
    plan_editor.apply_command(p, {"op": "undo", "seq": 4})
    plan_editor.apply_command(p, {"op": "undo", "seq": 5})
    assert p.centre == original
    plan_editor.apply_command(p, {"op": "redo", "seq": 6})
    assert p.centre.room("SAN1").polygon[1] == (16, 0)
    app.run()
    assert not app.exception


def test_a_table_edit_goes_on_the_undo_list_too(app):
    goto(app, "plan")
    p = project(app)
    before = p.centre
    app.session_state[p.editor_key("rooms")] = {"edited_rows": {2: {"x": 6.5}}, "added_rows": [], "deleted_rows": []}
    app.run()
    assert p.centre != before
    app.run()
    plan_editor.apply_command(p, {"op": "undo", "seq": 1})
    assert p.centre == before


def test_a_malformed_command_is_a_message_not_a_traceback(app):
    goto(app, "plan")
    p = project(app)
    before = p.centre
    plan_editor.apply_command(p, {"op": "move_room", "id": "DM1", "dx": "far", "dy": 0, "seq": 1})
    assert p.centre == before and p.settings[plan_editor.KEY]["message"]


def test_every_editor_message_is_translated():
    files = [ROOT / "app_pages" / "plan_editor" / "__init__.py", ROOT / "layouts" / "plan_edit.py"]
    used = used_messages([Path(f) for f in files])
    assert len(used) > 40
    assert untranslated(used, "app") == {}


def test_a_drag_on_the_folded_page_builds_neither_the_tables_nor_the_exported_drawing(monkeypatch):
    """The tables and the drawing as exported are built only while their expanders are open; an edit
    on the plan runs the standards check once and reads no centre back from its JSON."""
    from app_helpers import open_app

    from app_pages import common, tables
    from centreplan import standards

    at = open_app()
    goto(at, "plan", folded=True)
    assert not at.tabs and not any(m.value.startswith("<svg") for m in at.markdown)
    calls = {"check": 0, "tables": 0, "loads": 0}

    def counting(name, f):
        def wrapper(*a, **k):
            calls[name] += 1
            return f(*a, **k)
        return wrapper

    monkeypatch.setattr(standards, "check", counting("check", standards.check))
    monkeypatch.setattr(tables, "table_editors", counting("tables", tables.table_editors))
    monkeypatch.setattr(common, "loads", counting("loads", common.loads))
    monkeypatch.setattr(plan_editor, "loads", counting("loads", plan_editor.loads))
    p = project(at)
    # DW1's east wall 0.35 m further east into SAN1 (a centre no other test makes: not in any cache)
    plan_editor.apply_command(p, {"op": "resize_room", "id": "DW1", "handle": "e", "dx": 0.35, "dy": 0,
                                  "seq": 1, "tolerance": 0, "step": 0.05, "shared": True})
    assert p.centre.room("DW1").polygon[1] == (11.35, 0)
    at.run()
    assert not at.exception
    assert calls == {"check": 1, "tables": 0, "loads": 0}
    assert {m.label: m.value for m in at.metric}["Rooms"] == "5"


def test_refusals_in_french_with_french_numbers():
    """Regression: the reason of an invalid outline and the property panel's errors were in English."""
    from centreplan.layouts import plan_edit
    from centreplan.layouts.io import load_layout
    from centreplan.planner.i18n import translator

    c = load_layout(ROOT / "tests" / "data" / "small_centre.yaml")
    fr = translator("fr", "app")
    with pytest.raises(plan_edit.EditRefused) as bow_tie:  # YARD drawn as a bow tie: its sides cross at (7.5, 9.5)
        plan_edit.set_polygon(c, "YARD", [(0, 7), (15, 12), (15, 7), (0, 12)])
    assert plan_editor.message_text(fr, (bow_tie.value.code, bow_tie.value.values), "fr") == (
        "Le contour de la pièce YARD ne serait pas valide : le contour se recoupe au point (7,50 ; 9,50).")
    with pytest.raises(plan_edit.EditRefused) as overlap:  # DW1 1 m west: 1 m x 5 m over DM1
        plan_edit.move_room(c, "DW1", -1.0, 0.0, tolerance=0)
    assert plan_editor.message_text(fr, (overlap.value.code, overlap.value.values), "fr") == (
        "La pièce DW1 empiéterait de 5,00 m² sur la pièce DM1.")
    with pytest.raises(PlannerError) as panel:
        plan_edit.update_room(c, "DM1", {"windows": "abc"})
    text = plan_editor.message_text(fr, plan_editor._problems(panel.value), "fr")
    assert text.startswith("Fenêtres : la fenêtre 1 'abc' n'est pas « largeur x hauteur » en mètres")
    en = plan_editor.message_text(lambda m, **v: m.format(**v), plan_editor._problems(panel.value), "en")
    assert en.startswith("Windows: window 1 'abc' is not 'width x height' in metres")


def test_the_side_panel_applies_its_edit_in_the_run_that_shows_it(app, monkeypatch):
    """Regression: "Apply to room …" changed the room during the run, after the plan was drawn, then
    ran the whole app again to show it (two runs for one edit). The edit is applied before the run
    (a callback), and that run shows it: the room's new name and beds, in one run of the app."""
    from app_pages import common

    goto(app, "plan", folded=True)
    p = project(app)
    plan_editor.apply_command(p, {"op": "select", "id": "DM1", "seq": 1})
    app.run()
    runs = []
    monkeypatch.setattr(common, "sidebar", lambda _: runs.append(1))  # once a run of the whole app
    form = f"room_panel_DM1_{p.revision}_{p.edits}"
    app.text_input(key=f"{form}_name").input("Dortoir des hommes")
    app.number_input(key=f"{form}_beds").set_value(4)
    next(b for b in app.button if b.label == "Apply to room DM1").click()
    app.run()
    assert not app.exception
    assert (p.centre.room("DM1").name, p.centre.room("DM1").beds) == ("Dortoir des hommes", 4)
    assert len(runs) == 1
    # the editor was given the edited room, and the panel starts again from it
    assert app.text_input(key=f"room_panel_DM1_{p.revision}_{p.edits}_name").value == "Dortoir des hommes"
    assert plan_editor.KEY in app.session_state and p.settings[plan_editor.KEY]["undo"]
