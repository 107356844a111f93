"""No silent loss of work: a draft restores the centre after a reload, replacing asks first; and the
first language follows the browser's."""
from __future__ import annotations

from pathlib import Path

from app_helpers import APP, SMALL, TIMEOUT, goto, open_app, project
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


def _edit_dw1(at) -> None:
    goto(at, "plan")
    at.session_state[project(at).editor_key("rooms")] = {"edited_rows": {2: {"x": 5.0}}, "added_rows": [],
                                                          "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    assert project(at).centre.room("DW1").polygon[0] == (5, 0)


def _button(at, key: str):
    return at.button(key=key)


def _reload() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_reload_offers_the_draft_and_restores_centre_language_packs_and_rates():
    """Regression: a reload brought back example (a) in English with every edit gone."""
    at = open_app(lang="fr")
    goto(at, "compliance")
    at.multiselect(key="packs_fr").set_value(["integrity", "protection"])
    at.run()
    goto(at, "equipment")
    at.number_input(key="fx_CHF").set_value(1.07)
    at.run()
    _edit_dw1(at)

    again = _reload()  # a new session, as after a reload or a crash of the browser tab
    assert project(again).centre.centre.name != "Small test centre"
    offer = " ".join(i.value for i in again.info)
    assert "Small test centre" in offer and "5 rooms" in offer
    _button(again, "restore_draft").click()
    again.run()
    assert not again.exception, again.exception
    p = project(again)
    assert p.centre.room("DW1").polygon[0] == (5, 0)
    assert p.lang == "fr" and p.settings["packs"] == ["integrity", "protection"]
    assert p.settings["equipment"]["fx"]["CHF"]["eur_per_unit"] == 1.07
    assert p.source == "small_centre.yaml" and p.unsaved
    assert not [i for i in again.info if "Restaurer" in i.value or "Restore" in i.value]


def test_an_untouched_session_leaves_no_draft(data_dir):
    at = open_app()
    goto(at, "plan")
    assert not (data_dir / "drafts").exists() or not list((data_dir / "drafts").iterdir())
    assert not _reload().info


def test_opening_an_example_over_unsaved_changes_asks_first():
    """Regression: opening an example replaced the edited centre without asking."""
    at = open_app()
    _edit_dw1(at)
    goto(at, "centre")
    _button(at, "open_example").click()
    at.run()
    assert project(at).centre.room("DW1").polygon[0] == (5, 0)  # not replaced yet
    assert any("saved in no file" in w.value for w in at.warning)
    _button(at, "cancel_replace").click()
    at.run()
    assert project(at).centre.room("DW1").polygon[0] == (5, 0)
    assert not any("saved in no file" in w.value for w in at.warning)

    _button(at, "open_example").click()
    at.run()
    _button(at, "confirm_replace").click()
    at.run()
    assert not at.exception, at.exception
    assert project(at).source == at.selectbox(key="example_choice").value.name
    assert not project(at).unsaved


def test_a_new_centre_and_an_upload_over_unsaved_changes_ask_first():
    at = open_app()
    _edit_dw1(at)
    goto(at, "centre")
    _button(at, "new_centre").click()
    at.run()
    assert project(at).centre.centre.name == "Small test centre"
    _button(at, "cancel_replace").click()
    at.run()
    other = ROOT / "layouts" / "examples" / "b_transit_centre_60.yaml"
    at.file_uploader(key="upload").set_value((other.name, other.read_bytes(), "application/x-yaml"))
    at.run()
    assert project(at).centre.centre.name == "Small test centre"
    assert any("saved in no file" in w.value for w in at.warning)
    _button(at, "confirm_replace").click()
    at.run()
    assert project(at).source == other.name


def test_a_centre_saved_to_a_file_is_replaced_without_asking():
    at = open_app()
    _edit_dw1(at)
    goto(at, "centre")
    assert project(at).unsaved
    at.get("download_button")  # the save buttons mark the centre as saved when clicked
    next(b for b in at.get("download_button") if b.proto.label == "Save layout (YAML)").click()
    at.run()
    assert not project(at).unsaved
    _button(at, "new_centre").click()
    at.run()
    assert project(at).centre.rooms == []


def test_the_first_language_follows_a_french_browser():
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context = {"locale": "fr-SN"}
    at.run()
    assert project(at).lang == "fr" and at.title[0].value == "Centre"
    assert at.sidebar.radio(key="lang_switch").value == "fr"
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.context = {"locale": "de-DE"}
    at.run()
    assert project(at).lang == "en"
