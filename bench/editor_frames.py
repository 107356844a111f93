"""Frame times of the plan editor in the browser while panning and zooming a 5,500-room plan.

By default the editor's own script and style (app_pages/plan_editor/) run in a bare page with the
drawing the Plan page sends for the synthetic centre of 5,500 rooms (bench/synthetic.py): what is
measured is the browser's work alone, not the server's check of 5,500 rooms. With ``--app``, the
app is started, the centre uploaded on the Centre page and the Plan page opened (minutes on a busy
machine). Then the editor is panned (middle-button drag) and zoomed (wheel) for a few seconds while
the page records the time between animation frames, with the whole plan in view and zoomed in 12
times; prints the median, 95th percentile and worst frame time of each. ``--against DIR``: the editor
of another checkout (e.g. an export of the main branch) first, in the same browser. Needs Chromium
and Playwright (``pip install -e '.[verify]'``); uses /usr/bin/chromium headless without a GPU, so
real machines do better.
Run: ``.venv/bin/python bench/editor_frames.py [--app] [--against DIR]``.
"""
from __future__ import annotations

import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_centre  # noqa: E402
from centreplan.layouts.io import dumps  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOMS = 5500

RECORD = """() => { window.__frames = []; let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__recording) requestAnimationFrame(tick); };
  window.__recording = true; requestAnimationFrame(tick); }"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _report(name: str, frames: list[float]) -> None:
    frames = sorted(frames[1:])
    if not frames:
        print(f"  {name}: no frames")
        return
    p95 = frames[int(0.95 * (len(frames) - 1))]
    print(f"  {name:<5} {len(frames):4d} frames   median {statistics.median(frames):6.1f} ms   "
          f"95th {p95:6.1f} ms   worst {frames[-1]:6.1f} ms", flush=True)


def _drawing(rooms: int) -> dict:
    """What the Plan page sends the editor for the synthetic centre of ``rooms`` rooms (English)."""
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # the page's cache, used without a server
    from app_pages import plan_editor
    from centreplan.layouts import plan_edit
    from centreplan.planner.i18n import translator

    centre = synthetic_centre(rooms)
    data = dict(plan_editor._drawing(centre.model_dump_json(), (), 0, "en", centre))
    _ = translator("en", "app")
    data.update(selected=None, routes={}, message=None, labels={k: _(v) for k, v in plan_editor.LABELS.items()},
                decimal=".", steps=list(plan_edit.GRID_STEPS), level=0, can_undo=False, can_redo=False,
                fit_key="bench", view_key="bench", checked="")
    return data


def _shown(page) -> str:
    """How the editor draws the plan now: ``overview``/``detail``/``all`` and the elements in the page."""
    svg = page.locator('svg[data-testid="plan-editor"]')
    return (f"{svg.get_attribute('data-mode')}, {page.locator('[data-room-id]').count()} room and "
            f"{page.locator('[data-door-id]').count()} door elements")


def _measure(page, box) -> None:
    """Pan and zoom with the whole plan in view, then zoomed in 12 times on its middle (rooms a few
    metres wide read with their names and doors)."""
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    print(f"  whole plan in view ({_shown(page)}):", flush=True)
    _pan_zoom(page, box)
    page.mouse.move(cx, cy)
    page.mouse.wheel(0, -math.log(12) / 0.0015)  # the editor zooms by exp(-deltaY * 0.0015)
    page.wait_for_timeout(1000)
    print(f"  zoomed in 12 times ({_shown(page)}):", flush=True)
    _pan_zoom(page, box)


def _pan_zoom(page, box) -> None:
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for name in ("pan", "zoom"):
        page.evaluate(RECORD)
        if name == "pan":
            page.mouse.move(box["x"] + 5, box["y"] + 5)
            page.mouse.down(button="middle")  # the middle button pans wherever it is pressed
            for k in range(120):
                page.mouse.move(box["x"] + 5 + (k % 60) * 4, box["y"] + 5 + (k % 60) * 2)
            page.mouse.up(button="middle")
        else:
            page.mouse.move(cx, cy)
            for k in range(60):
                page.mouse.wheel(0, -60 if k < 30 else 60)
                page.wait_for_timeout(16)
        frames = page.evaluate("() => { window.__recording = false; return window.__frames; }")
        _report(name, frames)
        page.wait_for_timeout(500)


DRAWN = """(n) => { const s = document.querySelector('svg[data-testid="plan-editor"]');
  return !!s && (s.hasAttribute('data-mode') || s.querySelectorAll('[data-room-id]').length === n); }"""


def component_only(editors: dict[str, Path]) -> None:
    """The editor's script in a bare page, given the drawing of 5,500 rooms; each editor of
    ``editors`` (name: its folder) in turn, in the same browser."""
    import json

    from playwright.sync_api import sync_playwright

    t0 = time.perf_counter()
    data = _drawing(ROOMS)
    payload = json.dumps(data)
    print(f"drawing of {ROOMS} rooms made in {time.perf_counter() - t0:.1f} s ({len(payload) / 1e6:.1f} MB of JSON; "
          f"load average {os.getloadavg()[0]:.2f})", flush=True)
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        ctx = pw.chromium.launch_persistent_context(str(Path(tmp) / "profile"), executable_path=CHROMIUM,
                                                    headless=True, args=ARGS, viewport={"width": 1500, "height": 1100})
        for name, here in editors.items():
            script = (here / "editor.js").read_text(encoding="utf-8").replace("export default function",
                                                                             "window.mountEditor = function")
            page = ctx.new_page()
            page.set_content(f"<html><head><style>{(here / 'editor.css').read_text(encoding='utf-8')}</style></head>"
                             "<body><div id='host' style='width:1100px;height:770px'></div></body></html>")
            page.add_script_tag(content=script)
            t0 = time.perf_counter()
            page.evaluate("(d) => window.mountEditor({data: JSON.parse(d),"
                          " parentElement: document.getElementById('host'), setTriggerValue: () => {}})", payload)
            page.wait_for_function(DRAWN, arg=ROOMS, timeout=600_000, polling=50)
            print(f"{name}: plan editor on {ROOMS} rooms drawn in {time.perf_counter() - t0:.1f} s", flush=True)
            _measure(page, page.locator('svg[data-testid="plan-editor"]').bounding_box())
            page.close()
        ctx.close()
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", action="store_true", help="through the app (upload, check, Plan page)")
    parser.add_argument("--against", type=Path,
                        help="another checkout whose editor (app_pages/plan_editor) runs first, in the same browser")
    args = parser.parse_args()
    if not args.app:
        editors = {"this": ROOT / "app_pages" / "plan_editor"}
        if args.against:
            editors = {args.against.name: args.against / "app_pages" / "plan_editor", **editors}
        component_only(editors)
        return
    from playwright.sync_api import sync_playwright

    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        layout = Path(tmp) / "synthetic_5500.yaml"
        layout.write_text(dumps(synthetic_centre(ROOMS)), encoding="utf-8")
        app = subprocess.Popen([str(Path(sys.executable).with_name("streamlit")), "run", "app.py",
                                "--server.port", str(port), "--server.headless", "true"], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(5)
            with sync_playwright() as pw:
                ctx = pw.chromium.launch_persistent_context(str(Path(tmp) / "profile"), executable_path=CHROMIUM,
                                                            headless=True, args=ARGS,
                                                            viewport={"width": 1500, "height": 1100})
                page = ctx.new_page()
                page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded", timeout=120_000)
                upload = page.locator("input[type=file]").first
                upload.wait_for(state="attached", timeout=300_000)  # the app starts slowly on a busy machine
                upload.set_input_files(str(layout))
                page.get_by_text("synthetic", exact=False).first.wait_for(timeout=300_000)
                t0 = time.perf_counter()
                page.locator('[data-testid="stSidebarNav"] a[href$="/plan"]').click()
                page.locator(f'svg[data-testid="plan-editor"][data-rooms="{ROOMS}"][data-mode]').wait_for(
                    state="attached", timeout=1_200_000)
                print(f"plan editor on {ROOMS} rooms: page shown in {time.perf_counter() - t0:.1f} s", flush=True)
                _measure(page, page.locator('svg[data-testid="plan-editor"]').bounding_box())
                ctx.close()
        finally:
            app.terminate()
            app.wait(20)


if __name__ == "__main__":
    main()
