"""Projects page: save revisions, history, open, restore, compare; two sessions saving the same centre."""
from __future__ import annotations

import pytest
from app_helpers import goto, open_app, project


@pytest.fixture(autouse=True)
def _store(tmp_path, monkeypatch):
    monkeypatch.setenv("CENTREPLAN_DB", f"sqlite:///{tmp_path / 'centres.db'}")


def _with_men(at, men: int) -> None:
    p = project(at)
    p.centre = p.centre.model_copy(update={"population": p.centre.population.model_copy(update={"men": men})})


def _create_and_save(at, name: str = "Sénégal") -> None:
    at.text_input(key="proj_new_name").set_value(name)
    at.button(key="proj_create").click()
    at.run()
    at.text_input(key="proj_message").set_value("first draft")
    at.button(key="proj_save").click()
    at.run()
    assert not at.exception, at.exception


def test_save_revisions_and_see_the_history():
    at = goto(open_app(), "projects")
    assert "No project yet" in at.info[0].value
    _create_and_save(at)
    assert at.success[0].value == "Saved as revision 1 of Small test centre."
    _with_men(at, 10)
    at.text_input(key="proj_message").set_value("10 men")
    at.button(key="proj_save").click()
    at.run()
    assert at.success[0].value == "Saved as revision 2 of Small test centre."
    history = at.dataframe[0].value
    assert list(history["Revision"]) == [2, 1] and list(history["Message"]) == ["10 men", "first draft"]
    # the comparison of revision 1 with revision 2 names the change
    assert "men: 12 → 10" in at.code[-1].value
    # saving again without a change adds nothing
    at.button(key="proj_save").click()
    at.run()
    assert at.info[0].value == "Nothing changed since revision 2; nothing saved."


def test_open_and_restore_an_old_revision():
    at = goto(open_app(), "projects")
    _create_and_save(at)
    _with_men(at, 10)
    at.button(key="proj_save").click()
    at.run()
    at.selectbox(key="proj_rev").set_value(1)
    at.button(key="proj_open").click()
    at.run()
    assert project(at).centre.population.men == 12
    at.selectbox(key="proj_rev").set_value(1)
    at.button(key="proj_restore").click()
    at.run()
    assert list(at.dataframe[0].value["Revision"]) == [3, 2, 1]


def test_the_second_save_of_two_sessions_is_refused_and_nothing_typed_is_lost():
    first = goto(open_app(), "projects")
    _create_and_save(first)
    second = goto(open_app(), "projects")
    second.selectbox(key="proj_rev").set_value(1)
    second.button(key="proj_open").click()
    second.run()
    _with_men(second, 14)
    second.button(key="proj_save").click()
    second.run()
    assert second.success[0].value.startswith("Saved as revision 2")

    _with_men(first, 9)
    first.button(key="proj_save").click()
    first.run()
    assert not first.exception, first.exception
    assert first.error[0].value.startswith("Not saved: ") and "revision 2" in first.error[0].value
    assert project(first).centre.population.men == 9  # the edit is kept
    assert "men: 14 → 9" in first.code[0].value  # the difference with the revision saved meanwhile
    assert list(first.dataframe[0].value["Revision"]) == [2, 1]
    first.button(key="proj_save_on_top").click()
    first.run()
    assert list(first.dataframe[0].value["Revision"]) == [3, 2, 1]


def test_projects_page_in_french():
    at = goto(open_app(lang="fr"), "projects")
    _create_and_save(at, "Sénégal 2027")
    assert at.success[0].value == "Enregistré comme version 1 de Small test centre."
    assert at.title[0].value == "Projets"


def test_opening_a_revision_over_unsaved_work_asks_first_and_links_only_once_replaced():
    """Regression (issue 10): "Open this revision" replaced unsaved work without asking, and linked the
    open centre to the store before anything was replaced."""
    at = goto(open_app(), "projects")
    _create_and_save(at)  # revision 1: 12 men
    at.run()
    p = project(at)
    link = p.settings.pop("store")  # the open centre no longer comes from the store (another file)...
    _with_men(at, 7)  # ... and has a change saved nowhere
    at.selectbox(key="proj_rev").set_value(1)
    at.button(key="proj_open").click()
    at.run()
    assert not at.exception, at.exception
    assert p.centre.population.men == 7 and "store" not in p.settings
    assert any("saved in no file" in w.value for w in at.warning)
    at.button(key="cancel_replace").click()  # keep editing: nothing replaced, nothing linked
    at.run()
    assert p.centre.population.men == 7 and "store" not in p.settings
    at.selectbox(key="proj_rev").set_value(1)
    at.button(key="proj_open").click()
    at.run()
    at.button(key="confirm_replace").click()
    at.run()
    assert not at.exception, at.exception
    assert p.centre.population.men == 12 and not p.unsaved
    assert p.settings["store"] == link
