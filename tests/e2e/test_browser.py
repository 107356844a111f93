"""The app in a real browser (the system Chromium driven by Playwright): open, switch to French,
open the plan, edit a room in the table, download the DXF; and no request leaves 127.0.0.1.

Marked ``verify``: run by ``make verify``; skipped when Chromium or Playwright is absent. Never runs
``playwright install``: the Debian Chromium is used.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.verify

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "data" / "small_centre.yaml"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STREAMLIT = Path(sys.executable).with_name("streamlit")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make verify-tools installs it)")
    pytest.importorskip("playwright", reason="playwright is not installed (pip install -e '.[verify]')")
    port = _free_port()
    log = tempfile.TemporaryFile()
    data = tempfile.TemporaryDirectory(prefix="centreplan-data-")  # drafts of this test only
    env = {**os.environ, "CENTREPLAN_DATA_DIR": data.name}
    proc = subprocess.Popen([str(STREAMLIT), "run", "app.py", "--server.port", str(port)], cwd=ROOT,
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), 0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("the app did not start within 60 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(20)
        log.seek(0)
        output = log.read().decode(errors="replace")
        log.close()
        data.cleanup()
        assert "External URL" not in output  # the server did not look up its public address
        assert "missing ScriptRunContext" not in output  # every file was built inside the session


def _edit_cell(page, grid, row: int, column: int, text: str) -> None:
    """Type ``text`` into the cell (row, column) of a data editor, counting from the top-left cell."""
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 200, box["y"] + 60)
    page.wait_for_timeout(300)
    for key, n in (("ArrowUp", 8), ("ArrowLeft", 8), ("ArrowDown", row), ("ArrowRight", column)):
        for _ in range(n):
            page.keyboard.press(key)
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")


def test_french_plan_edit_and_dxf_download(server, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    requests: list[str] = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        ctx = pw.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS, accept_downloads=True,
            viewport={"width": 1400, "height": 1600})
        try:
            page = ctx.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(server + "/", wait_until="domcontentloaded", timeout=60_000)
            page.get_by_text("Language / Langue").wait_for(timeout=60_000)
            page.locator("input[type=file]").set_input_files(str(SMALL))
            page.get_by_text("Small test centre").first.wait_for(timeout=30_000)

            page.get_by_text("Français", exact=True).click()
            page.get_by_text("Paramètres", exact=True).wait_for(timeout=30_000)

            page.locator('[data-testid="stSidebarNav"] a[href$="/plan"]').click()
            _open_tables(page, "Pièces et portes en tableaux")
            page.get_by_text("Pièces (5)").wait_for(timeout=30_000)
            metrics = page.locator('[data-testid="stMetric"]')
            # DM1 (2.5 m² a bed) and SAN1 (shared by men and women) fail; DW1 does not
            failing = metrics.filter(has_text="Pièces non conformes")
            expect(failing).to_contain_text("2")
            expect(page.locator('[data-room-id="DW1"][data-failing="true"]')).to_have_count(0)
            # DW1 (row 2) moved to x = 5 overlaps DM1 by 1 m x 5 m: DW1 fails too
            _edit_cell(page, page.locator('[data-testid="stDataFrame"]').first, row=2, column=5, text="5")
            expect(failing).to_contain_text("3", timeout=30_000)
            expect(page.locator('[data-room-id="DW1"][data-failing="true"]')).to_have_count(1)
            page.screenshot(path=str(tmp_path / "plan_fr.png"), full_page=True)

            exports = page.locator('[data-testid="stSidebarNav"] a[href$="/exports"]')
            if exports.count() == 0:
                pytest.skip("the Exports page is not in this build yet: DXF download not exercised")
            exports.click()
            page.get_by_text("Plan (DXF)").first.wait_for(timeout=30_000)
            with page.expect_download(timeout=120_000) as dl:
                page.get_by_role("button", name="Plan (DXF)").first.click()
            path = tmp_path / dl.value.suggested_filename
            dl.value.save_as(path)
            assert path.suffix.lower() == ".dxf"
            import ezdxf
            doc = ezdxf.readfile(path)
            # the edit reached the export: DW1's outline now starts at x = 5
            outlines = [e for e in doc.modelspace().query("LWPOLYLINE")
                        if sorted(round(x, 3) for x, y, *_ in e.get_points()) == [5, 5, 10, 10]]
            assert outlines, "DW1 moved to x = 5..10 is not in the DXF"
        finally:
            ctx.close()
    hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts == {"127.0.0.1"}, f"requests left the machine: {[u for u in requests if '127.0.0.1' not in u]}"
    assert os.path.exists(tmp_path / "plan_fr.png")


def _open_tables(page, title: str) -> None:
    """Open the Plan page's expander of the room and door tables (folded: built only while open)."""
    page.locator('[data-testid="stExpander"] summary').filter(has_text=title).click()


def _browser(pw, profile, locale: str = "en-GB"):
    return pw.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, headless=True, args=ARGS, accept_downloads=True, locale=locale,
        viewport={"width": 1400, "height": 1600})


def test_a_french_browser_gets_french_files_and_a_reload_restores_the_work(server, tmp_path):
    """A French browser opens the app in French; the files downloaded are French with the session's
    packs; the Doors tab stays open after an edit; a reload offers the draft and restores it."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw, tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        ctx = _browser(pw, profile, locale="fr-FR")
        try:
            page = ctx.new_page()
            page.goto(server + "/", wait_until="domcontentloaded", timeout=60_000)
            page.get_by_text("Paramètres", exact=True).wait_for(timeout=60_000)  # French at once
            page.locator("input[type=file]").set_input_files(str(SMALL))
            page.get_by_text("Small test centre").first.wait_for(timeout=30_000)

            # the Doors tab stays open after an edit of a door
            page.locator('[data-testid="stSidebarNav"] a[href$="/plan"]').click()
            _open_tables(page, "Pièces et portes en tableaux")
            page.get_by_text("Portes (5)").click()
            page.wait_for_timeout(1500)
            grid = page.locator('[data-testid="stDataFrame"]').nth(1)
            _edit_cell(page, grid, row=0, column=3, text="1.1")
            page.wait_for_timeout(3000)
            expect(page.get_by_role("tab", name="Portes (5)")).to_have_attribute("aria-selected", "true")
            page.screenshot(path=str(tmp_path / "doors_fr.png"), full_page=True)

            page.locator('[data-testid="stSidebarNav"] a[href$="/exports"]').click()
            page.get_by_text("Rapport de conformité (PDF)").first.wait_for(timeout=60_000)
            page.screenshot(path=str(tmp_path / "exports_fr.png"), full_page=True)
            with page.expect_download(timeout=120_000) as dl:
                page.get_by_role("button", name="Rapport de conformité (PDF)").first.click()
            pdf = tmp_path / dl.value.suggested_filename
            dl.value.save_as(pdf)
            assert pdf.name == "small-test-centre-fr-compliance.pdf"
            if shutil.which("pdftotext"):
                text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
                assert "Rapport de conformité" in text
            with page.expect_download(timeout=120_000) as dl:
                page.get_by_role("button", name="Classeur (XLSX)").first.click()
            book = tmp_path / dl.value.suggested_filename
            dl.value.save_as(book)
            import openpyxl
            assert "Achats" in openpyxl.load_workbook(book).sheetnames

            page.reload(wait_until="domcontentloaded")
            page.get_by_text("Rétablir le brouillon").wait_for(timeout=60_000)
            page.get_by_role("button", name="Rétablir le brouillon").click()
            page.get_by_text("Ouvert : Small test centre").wait_for(timeout=30_000)
        finally:
            ctx.close()
