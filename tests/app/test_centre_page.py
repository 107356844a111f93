"""Centre page: open, upload (good and bad), settings, population, language switch."""
from __future__ import annotations

from app_helpers import SMALL, open_app, project, switch_language, unescape

from centreplan.layouts.io import loads
from centreplan.planner.errors import LayoutError


def test_an_uploaded_layout_becomes_the_open_centre(app):
    p = project(app)
    assert p.centre.centre.name == "Small test centre" and p.source == "small_centre.yaml"
    metrics = {m.label: m.value for m in app.metric}
    # 5 rooms, 5 doors, 12 + 6 beds, 12 men + 6 women residents;
    # floor area without the yard: 15x2 + 6x5 + 5x5 + 4x5 = 30 + 30 + 25 + 20 = 105 m²
    assert metrics == {"Rooms": "5", "Doors": "5", "Beds": "18", "Residents": "18", "Floor area": "105 m²"}
    assert not app.error


BAD = SMALL.read_text(encoding="utf-8").replace("between: [DM1, C1]", "between: [DM1, C9]")


def test_a_bad_upload_shows_the_clis_message_and_keeps_the_centre(app):
    before = project(app).centre
    with_error = None
    try:
        loads(BAD, "bad.yaml")
    except LayoutError as e:
        with_error = str(e)
    assert with_error == "bad.yaml: doors[0].between: unknown room 'C9'"
    app.file_uploader(key="upload").set_value(("bad.yaml", BAD.encode(), "application/x-yaml"))
    app.run()
    assert not app.exception
    shown = " ".join(unescape(e.value) for e in app.error)
    assert with_error in shown and "the centre you were editing is kept" in shown
    assert project(app).centre == before
    assert project(app).source == "small_centre.yaml"


def test_binary_and_broken_yaml_uploads_are_refused_with_a_message(app):
    app.file_uploader(key="upload").set_value(("plan.yaml", b"\x00\x01\x02PK", "application/x-yaml"))
    app.run()
    assert "plan.yaml: this is a binary file, not a YAML or JSON layout" in unescape(app.error[0].value)
    app.file_uploader(key="upload").set_value(("plan.json", b'{"format": ', "application/json"))
    app.run()
    assert "plan.json: not valid JSON" in unescape(app.error[0].value)
    assert project(app).centre.centre.name == "Small test centre"


def test_population_and_settings_edit_the_centre(app):
    rev = f"{project(app).revision}en"
    app.number_input(key=f"pop_women_{rev}").set_value(10)
    app.selectbox(key=f"phase_{rev}").set_value("emergency")
    app.toggle(key=f"confidential_{rev}").set_value(True)
    app.run()
    c = project(app).centre
    assert (c.population.women, c.centre.phase, c.centre.confidential) == (10, "emergency", True)
    assert {m.label: m.value for m in app.metric}["Residents"] == "22"  # 12 men + 10 women


def test_an_impossible_population_is_explained_and_not_applied(app):
    rev = f"{project(app).revision}en"
    app.number_input(key=f"pop_family_persons_{rev}").set_value(4)  # with 0 households
    app.run()
    assert "households: family_persons is set, so households must be at least 1" in unescape(app.error[0].value)
    assert project(app).centre.population.family_persons == 0
    app.number_input(key=f"pop_households_{rev}").set_value(1)
    app.run()
    assert not app.error
    assert project(app).centre.population.family_persons == 4


def test_language_switch_translates_the_page_and_keeps_the_centre(app):
    switch_language(app, "fr")
    assert [s.value for s in app.subheader][:2] == ["Ouvrir", "Paramètres"]
    assert {m.label for m in app.metric} == {"Pièces", "Portes", "Lits", "Résidents", "Surface de plancher"}
    assert project(app).centre.centre.name == "Small test centre"
    switch_language(app, "en")
    assert app.subheader[0].value == "Open"


def test_new_centre_starts_empty(app):
    app.button(key="new_centre").click()
    app.run()
    p = project(app)
    assert p.centre.rooms == [] and p.centre.centre.name == "New centre" and p.source == ""


def test_the_app_starts_on_a_centre_without_an_upload():
    at = open_app(layout=None)
    p = project(at)
    assert at.title[0].value == "Centre" and p.centre.centre.name


def _dxf_bytes(tmp_path) -> bytes:
    import ezdxf

    doc = ezdxf.new("R2013", units=6)  # metres
    msp = doc.modelspace()
    for x0, label in ((0, "DM1 DORTOIR HOMMES 8 LITS"), (6, "BUREAU")):
        msp.add_lwpolyline([(x0, 0), (x0 + 6, 0), (x0 + 6, 5), (x0, 5)], close=True, dxfattribs={"layer": "PIECES"})
        msp.add_text(label, dxfattribs={"layer": "TEXTES", "height": 0.25, "insert": (x0 + 0.5, 2.5)})
    path = tmp_path / "plan.dxf"
    doc.saveas(path)
    return path.read_bytes()


def test_a_dxf_plan_upload_imports_rooms_and_shows_the_report(app, tmp_path):
    import pytest

    if not any(".dxf" in t or t == "dxf" for t in app.file_uploader(key="upload").allowed_type):
        pytest.skip("DXF import is not in this build")
    app.file_uploader(key="upload").set_value(("plan.dxf", _dxf_bytes(tmp_path), "application/dxf"))
    app.run()
    assert not app.exception and not app.error
    # the plan read is shown with its report; the open centre changes only when the user opens it
    assert project(app).centre.centre.name == "Small test centre"
    assert "2 rooms read from plan.dxf, 0 of them found from the walls" in app.info[0].value
    app.button(key="dxf_accept").click()
    app.run()
    c = project(app).centre
    # two 6 m x 5 m rooms drawn sharing a wall: 30 m² each
    assert len(c.rooms) == 2 and project(app).source == "plan.dxf"
    dm1 = c.room("DM1")
    assert (dm1.use, dm1.group, dm1.beds) == ("dormitory", "men", 8)
    assert any("DXF import" in e.label for e in app.expander)
    assert "Import of plan.dxf" in app.code[0].value


def test_a_dxf_with_no_room_is_not_opened_and_its_report_says_what_to_try(app):
    import io

    import ezdxf
    import pytest

    if not any(".dxf" in t or t == "dxf" for t in app.file_uploader(key="upload").allowed_type):
        pytest.skip("DXF import is not in this build")
    doc = ezdxf.new("R2013", units=4)
    doc.modelspace().add_line((0, 0), (5000, 0), dxfattribs={"layer": "SITE"})
    stream = io.StringIO()
    doc.write(stream)
    app.file_uploader(key="upload").set_value(("empty.dxf", stream.getvalue().encode(), "application/dxf"))
    app.run()
    assert "No room was found in this drawing" in app.error[0].value
    assert "What to try" in app.code[0].value
    assert project(app).centre.centre.name == "Small test centre"


def test_a_broken_dxf_is_refused_naming_the_upload(app):
    import pytest

    if not any(".dxf" in t or t == "dxf" for t in app.file_uploader(key="upload").allowed_type):
        pytest.skip("DXF import is not in this build")
    app.file_uploader(key="upload").set_value(("broken.dxf", b"0\nSECTION\n2\nENTITIES\n0\nLINE\n", "application/dxf"))
    app.run()
    text = unescape(app.error[0].value)
    assert "broken.dxf" in text and "centreplan-" not in text  # names the upload, not the temporary copy
    assert project(app).centre.centre.name == "Small test centre"


def test_the_dxf_upload_preview_speaks_french_in_the_french_app(app, tmp_path):
    """In French, the preview, its report and its buttons are French (the names the user drew stay as
    drawn); the rooms are opened only when accepted, and the report follows a change of language."""
    import pytest

    from tests.unit.test_standards_french import english_in

    if not any(".dxf" in t or t == "dxf" for t in app.file_uploader(key="upload").allowed_type):
        pytest.skip("DXF import is not in this build")
    switch_language(app, "fr")
    app.file_uploader(key="upload").set_value(("plan.dxf", _dxf_bytes(tmp_path), "application/dxf"))
    app.run()
    assert not app.exception and not app.error
    assert "2 pièces lues dans plan.dxf" in unescape(app.info[0].value)
    report = app.code[0].value
    assert report.startswith("Import de plan.dxf (DXF ") and "unités : mètres (d'après $INSUNITS)" in report
    assert "importé : 2\u00a0pièces (60,00\u00a0m²)" in report
    drawn = ["plan.dxf", "PIECES", "TEXTES", "DM1 DORTOIR HOMMES 8 LITS", "BUREAU"]
    assert [ln for ln in report.splitlines() if english_in(ln, drawn)] == []
    assert project(app).centre.centre.name == "Small test centre"  # not opened unseen
    switch_language(app, "en")
    assert app.code[0].value.startswith("Import of plan.dxf")
    switch_language(app, "fr")
    app.button(key="dxf_accept").click()
    app.run()
    assert len(project(app).centre.rooms) == 2 and project(app).source == "plan.dxf"



def test_a_broken_dxf_is_refused_in_french_in_the_french_app(app):
    import pytest

    if not any(".dxf" in t or t == "dxf" for t in app.file_uploader(key="upload").allowed_type):
        pytest.skip("DXF import is not in this build")
    switch_language(app, "fr")
    app.file_uploader(key="upload").set_value(("broken.dxf", b"0\nSECTION\n2\nENTITIES\n0\nLINE\n", "application/dxf"))
    app.run()
    text = unescape(app.error[0].value)
    assert "broken.dxf : le fichier se termine sans la marque DXF « EOF »" in text, text
    assert "centreplan-" not in text and project(app).centre.centre.name == "Small test centre"
