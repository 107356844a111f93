"""Helpers for the app's AppTests: the app opened on a known centre."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
SMALL = ROOT / "tests" / "data" / "small_centre.yaml"
TIMEOUT = 60


def open_app(layout: Path | None = SMALL, lang: str = "en") -> AppTest:
    """The app after its first run, with ``layout`` uploaded on the Centre page."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    if lang != "en":
        switch_language(at, lang)
    if layout is not None:
        at.file_uploader(key="upload").set_value((layout.name, layout.read_bytes(), "application/x-yaml"))
        at.run()
        assert not at.exception, at.exception
    return at


def unescape(markdown: str) -> str:
    """A Markdown text as the reader sees it: the app escapes user text (``planner.text_safety``)."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


def switch_language(at: AppTest, lang: str) -> None:
    at.sidebar.radio(key="lang_switch").set_value(lang)
    at.run()


def goto(at: AppTest, page: str, *, folded: bool = False) -> AppTest:
    """Open ``page``; on the Plan page, the tables and the drawing as exported are opened too (they
    are built only while open) unless ``folded``."""
    at.switch_page(f"app_pages/{page}.py")
    if page == "plan" and not folded:
        from app_pages.plan import EXPORTED_KEY, TABLES_KEY

        at.session_state[TABLES_KEY] = True
        at.session_state[EXPORTED_KEY] = True
    at.run()
    assert not at.exception, at.exception
    return at


def project(at: AppTest):
    return at.session_state["project"]


@pytest.fixture
def app() -> AppTest:
    return open_app()


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """``{file name: bytes}`` of every file the app hands to a download button while the test runs
    (the bytes the browser would save; a file built only at click time is not among them)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return files
