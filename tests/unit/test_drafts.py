"""Drafts: the centre being edited kept in the user's data folder, whole or not at all."""
from __future__ import annotations

import datetime as dt
import os

import pytest

from centreplan.layouts import drafts
from centreplan.layouts.edit import apply_tables, room_rows
from centreplan.layouts.io import load_layout
from centreplan.planner.errors import LayoutError, PlannerError

SMALL = os.path.join(os.path.dirname(__file__), "..", "data", "small_centre.yaml")


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(drafts.ENV, str(tmp_path / "data"))
    return tmp_path / "data"


def _at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 12, 1, 0, minute, tzinfo=dt.timezone.utc)


def test_the_data_folder_follows_the_environment_variable(data_dir):
    assert drafts.data_dir() == data_dir
    assert drafts.drafts_dir() == data_dir / "drafts"


def test_the_data_folder_defaults_to_the_platforms(monkeypatch):
    monkeypatch.delenv(drafts.ENV)
    assert drafts.data_dir().name == "centreplan"


def test_a_draft_comes_back_with_its_centre_and_settings():
    c = load_layout(SMALL)
    rows = room_rows(c)
    rows[2]["x"] = 5.0
    edited = apply_tables(c, rows)
    settings = {"lang": "fr", "packs": ["integrity", "protection"],
                "equipment": {"params": {}, "fx": {"CHF": {"eur_per_unit": 1.07, "date": "2026-11-30"}},
                              "others": []}}
    drafts.save("s1", edited, settings, source="small_centre.yaml", now=_at(5))
    [d] = drafts.drafts()
    assert d.id == "s1" and d.centre == edited and d.settings == settings
    assert d.source == "small_centre.yaml" and d.unsaved is True and d.saved_at == _at(5)
    assert drafts.load("s1").centre.room("DW1").polygon[0] == (5, 0)


def test_drafts_are_listed_newest_first_and_only_the_last_ones_kept():
    c = load_layout(SMALL)
    for i in range(drafts.KEEP + 3):
        drafts.save(f"s{i}", c, {}, now=_at(i))
    found = drafts.drafts()
    assert len(found) == drafts.KEEP
    assert [d.id for d in found[:2]] == [f"s{drafts.KEEP + 2}", f"s{drafts.KEEP + 1}"]


def test_a_failed_write_leaves_the_previous_draft_whole(monkeypatch):
    c = load_layout(SMALL)
    drafts.save("s1", c, {"lang": "en"}, now=_at(1))
    before = (drafts.drafts_dir() / "s1.json").read_bytes()

    def disk_full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        drafts.save("s1", c, {"lang": "fr"}, now=_at(2))
    assert (drafts.drafts_dir() / "s1.json").read_bytes() == before
    assert [p.name for p in drafts.drafts_dir().iterdir()] == ["s1.json"]  # no temporary file left


def test_a_broken_draft_is_skipped_and_named_when_loaded():
    c = load_layout(SMALL)
    drafts.save("good", c, {}, now=_at(1))
    (drafts.drafts_dir() / "bad.json").write_text('{"format": "centreplan-draft/1", "cen', encoding="utf-8")
    assert [d.id for d in drafts.drafts()] == ["good"]
    with pytest.raises(LayoutError, match="bad.json: not a readable draft"):
        drafts.load("bad")


def test_discard_and_ids():
    c = load_layout(SMALL)
    drafts.save("s1", c, {})
    drafts.discard("s1")
    drafts.discard("s1")  # nothing left: no error
    assert drafts.drafts() == []
    assert drafts.new_id(_at(7)).startswith("20261201T000700-")
    with pytest.raises(PlannerError, match="letters, digits"):
        drafts.load("../etc/passwd")
