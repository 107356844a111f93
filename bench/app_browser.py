"""What a person waits for in the app, measured in a real browser on example (a).

The app is started (``streamlit run app.py`` on 127.0.0.1 and a free port, a data folder of its own
so no draft is offered) and opened in headless Chromium (/usr/bin/chromium, driven by Playwright).
Each run times, on a server just started:

- first page: from the browser asking for the page (the server answering its health check) to the
  Centre page's last button ("Save layout (YAML)") shown;
- Plan page: from the click on "Plan" in the sidebar to the plan editor drawn (every room of
  example (a) and the mark of the check it shows, ``data-checked``);
- edit shown: from the click on "Apply to room DF1" in the side panel (a new name each time) to the
  editor showing the checked, edited centre (its ``data-checked`` mark changed);
- drag: from the mouse released after dragging DF1's east wall (by a step never used before, so no
  cache serves it) to the editor showing the checked, edited centre.

The times are taken in the page (``performance.now()`` at the event and at the change of the mark),
not by Playwright's polling. Beside them, the same browser times a bare Streamlit page (a title and
a button) started the same way: its first page and a click's rerun shown are the floor of Streamlit
itself on this machine at this moment, and the ratios to it are what to compare between runs.

``--against DIR``: the app of another checkout (its app.py and app_pages/, e.g. an export of the main
branch; the library is the one installed) is measured alternately with this one, and the ratio of
the medians printed. Needs Chromium and Playwright (``pip install -e '.[verify]'``); not run by
``make test``. Aims (issue "fast where people wait"): first page ≤ 3 s, Plan page ≤ 1.5 s, edit shown
≤ 1 s, drag about 0.3 s. Run: ``make bench-app`` or ``.venv/bin/python bench/app_browser.py [--runs N]``.
"""
from __future__ import annotations

import argparse
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STREAMLIT = Path(sys.executable).with_name("streamlit")
ROOM = "DF1"  # the dormitory whose name is changed and whose east wall is dragged (an outside wall)
EDITS = 4  # panel edits and drags per run
BARE_APP = '''import streamlit as st
st.title("Bare page")
st.button("Rerun")
st.write("Shown", st.session_state.setdefault("n", 0))
st.session_state["n"] += 1
'''

# In the page: the time of each change of the editor's data-checked mark, and of the last pointerup
# and click (capture phase: before the page's own handlers run).
PROBE = """() => {
  if (window.__probe) return;
  // the editor is drawn inside the component's shadow root
  window.__editorSvg = () => {
    const find = (root) => {
      const hit = root.querySelector('svg[data-testid="plan-editor"]');
      if (hit) return hit;
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) { const h = find(el.shadowRoot); if (h) return h; }
      }
      return null;
    };
    return find(document);
  };
  window.__probe = {marks: [], up: null, click: null};
  document.addEventListener('pointerup', () => { window.__probe.up = performance.now(); }, true);
  document.addEventListener('click', () => { window.__probe.click = performance.now(); }, true);
  const watch = () => {
    const svg = window.__editorSvg();
    if (!svg) return false;
    new MutationObserver(() => window.__probe.marks.push([performance.now(), svg.getAttribute('data-checked')]))
      .observe(svg, {attributes: true, attributeFilter: ['data-checked']});
    return true;
  };
  if (!watch()) { const t = setInterval(() => { if (watch()) clearInterval(t); }, 20); }
}"""
WAIT_MARK = """([old, since]) => (window.__probe.marks.find(([t, m]) => t >= since && m && m !== old) || [null])[0]"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(app_dir: Path, script: str = "app.py"):
    """The app of ``app_dir`` on a free port; yields (url, seconds from start to health check)."""
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="centreplan-bench-") as data:
        env = {**os.environ, "CENTREPLAN_DATA_DIR": data, "PYTHONPATH": str(app_dir)}
        t0 = time.perf_counter()
        proc = subprocess.Popen([str(STREAMLIT), "run", script, "--server.address", "127.0.0.1",
                                 "--server.port", str(port), "--server.headless", "true",
                                 "--browser.gatherUsageStats", "false"],
                                cwd=app_dir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"the app in {app_dir} did not start")
                time.sleep(0.05)
            yield url, time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(20)


def _first_page(browser, url: str, button: str, **context):
    """A new browser context at ``url``: (its page, seconds until the button ``button`` is shown)."""
    ctx = browser.new_context(viewport={"width": 1500, "height": 1200}, **context)
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url + "/", wait_until="commit", timeout=120_000)
    page.get_by_role("button", name=button).wait_for(timeout=120_000)
    return page, time.perf_counter() - t0


def _since(page) -> float:
    return page.evaluate("() => performance.now()")


def _mark_after(page, old: str, since: float, timeout: float = 60_000) -> float:
    """The page time at which the editor showed a mark other than ``old`` (after ``since``)."""
    handle = page.wait_for_function(WAIT_MARK, arg=[old, since], timeout=timeout, polling=20)
    return handle.json_value()


def measure_app(browser, app_dir: Path, edits: int, drags: int, offset: int) -> dict[str, list[float]]:
    """One run of the app of ``app_dir`` on a fresh server: seconds of each step."""
    from playwright.sync_api import expect

    out: dict[str, list[float]] = {"server start": [], "first page": [], "plan page": [], "edit shown": [],
                                   "drag": []}
    with server(app_dir) as (url, started):
        out["server start"].append(started)
        page, shown = _first_page(browser, url, "Save layout (YAML)", locale="en-GB")
        try:
            out["first page"].append(shown)

            page.evaluate(PROBE)
            rooms = _level0_rooms()
            t0 = time.perf_counter()
            page.locator('[data-testid="stSidebarNav"] a[href$="/plan"]').click()
            page.wait_for_function(
                "(n) => { const s = window.__editorSvg();"
                " return s && s.getAttribute('data-checked') && s.querySelectorAll('[data-room-id]').length === n; }",
                arg=rooms, timeout=120_000, polling=20)
            out["plan page"].append(time.perf_counter() - t0)
            svg = page.locator('svg[data-testid="plan-editor"]')

            # select the room: the side panel opens on it
            page.locator(f'[data-room-id="{ROOM}"]').click()
            expect(page.locator("[data-handle]")).to_have_count(8, timeout=60_000)
            apply = page.get_by_role("button", name=f"Apply to room {ROOM}")
            apply.wait_for(timeout=60_000)
            for k in range(edits):
                mark = svg.get_attribute("data-checked")
                name = page.get_by_label("Name", exact=True)
                expect(name).to_have_count(1, timeout=60_000)  # the form of the last run is gone
                expect(apply).to_have_count(1, timeout=60_000)
                name.fill(f"Dormitory {offset}-{k}")
                since = _since(page)
                apply.click()
                shown = _mark_after(page, mark, since)
                out["edit shown"].append((shown - page.evaluate("() => window.__probe.click")) / 1000)
                page.wait_for_timeout(300)  # the panel's form is rebuilt with the new name

            # zoomed in on the room to 60 px a metre: the editor's snap to another wall (8 px) then
            # reaches 0.13 m, less than the 0.3 m each drag moves the wall away from the others
            # (the wheel over the east wall keeps it in place), then the plan panned 250 px to the left
            # with the middle button, so the wall has room to grow on screen
            east = page.locator('[data-handle="e"]').bounding_box()
            page.mouse.move(east["x"] + east["width"] / 2, east["y"] + east["height"] / 2)
            k_px = svg.evaluate("s => s.getScreenCTM().a")
            page.mouse.wheel(0, -math.log(60 / k_px) / 0.0015)  # the editor zooms by exp(-deltaY * 0.0015)
            page.wait_for_timeout(600)
            stage = svg.bounding_box()
            cx, cy = stage["x"] + stage["width"] / 2, stage["y"] + stage["height"] / 2
            page.mouse.move(cx, cy)
            page.mouse.down(button="middle")
            for j in range(1, 6):
                page.mouse.move(cx - 50 * j, cy)
            page.mouse.up(button="middle")
            page.wait_for_timeout(300)
            for _k in range(drags):
                mark = svg.get_attribute("data-checked")
                k_px = svg.evaluate("s => s.getScreenCTM().a")
                east = page.locator('[data-handle="e"]').bounding_box()
                a = (east["x"] + east["width"] / 2, east["y"] + east["height"] / 2)
                b = (a[0] + 0.3 * k_px, a[1])  # DF1 0.3 m wider each time: a centre never seen before
                page.mouse.move(*a)
                page.mouse.down()
                for j in range(1, 6):
                    page.mouse.move(a[0] + (b[0] - a[0]) * j / 5, a[1])
                since = _since(page)
                page.mouse.up()
                shown = _mark_after(page, mark, since)
                out["drag"].append((shown - page.evaluate("() => window.__probe.up")) / 1000)
                page.wait_for_timeout(300)
        except Exception:
            shot = Path(tempfile.gettempdir()) / "app_browser_failed.png"
            page.screenshot(path=str(shot))
            print(f"failed on the app of {app_dir}; the page as it was: {shot}", file=sys.stderr)
            raise
        finally:
            page.context.close()
    return out


def measure_bare(browser, clicks: int) -> dict[str, list[float]]:
    """Streamlit's floor: a bare page's first load and a button's rerun shown, same server flags."""
    out: dict[str, list[float]] = {"server start": [], "first page": [], "edit shown": []}
    with tempfile.TemporaryDirectory(prefix="centreplan-bare-") as tmp:
        Path(tmp, "bare.py").write_text(BARE_APP, encoding="utf-8")
        with server(Path(tmp), "bare.py") as (url, started):
            out["server start"].append(started)
            page, shown = _first_page(browser, url, "Rerun")
            try:
                out["first page"].append(shown)
                page.get_by_text("Shown").wait_for()
                for _k in range(clicks):
                    before = page.get_by_text("Shown").inner_text()
                    t0 = time.perf_counter()
                    page.get_by_role("button", name="Rerun").click()
                    page.wait_for_function("(b) => { const e = [...document.querySelectorAll('p')]"
                                           ".find(p => p.innerText.startsWith('Shown'));"
                                           " return e && e.innerText !== b; }",
                                           arg=before, polling=20)
                    out["edit shown"].append(time.perf_counter() - t0)
            finally:
                page.context.close()
    return out


def _level0_rooms() -> int:
    from centreplan.layouts.io import load_layout

    centre = load_layout(ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml")
    return sum(1 for r in centre.rooms if r.level == 0)


def _merge(into: dict[str, list[float]], more: dict[str, list[float]]) -> None:
    for k, v in more.items():
        into.setdefault(k, []).extend(v)


def _med(times: list[float]) -> str:
    return f"{statistics.median(times):6.2f} s" if times else "     -  "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh servers per app (default 3)")
    parser.add_argument("--edits", type=int, default=EDITS, help="panel edits and drags per run")
    parser.add_argument("--against", type=Path, help="another checkout's app (app.py, app_pages/) to compare with")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    apps = {"this": ROOT}
    if args.against:
        apps = {args.against.name: args.against.resolve(), "this": ROOT}
    results: dict[str, dict[str, list[float]]] = {name: {} for name in apps}
    bare: dict[str, list[float]] = {}
    load = os.getloadavg()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            for run in range(args.runs):
                _merge(bare, measure_bare(browser, args.edits))
                for name, folder in apps.items():
                    _merge(results[name], measure_app(browser, folder, args.edits, args.edits, run))
                print(f"run {run + 1}/{args.runs} done", file=sys.stderr, flush=True)
        finally:
            browser.close()
    load_after = os.getloadavg()
    print(f"app in the browser, example (a): {args.runs} runs x {args.edits} edits and drags "
          f"(load average {load[0]:.2f} before, {load_after[0]:.2f} after)")
    names = list(apps)
    print(f"  {'step (median)':<14}" + "".join(f"{n:>12}" for n in names) + f"{'bare page':>12}"
          + "".join(f"   {n}/bare" for n in names)
          + (f"   {names[1]}/{names[0]}" if len(names) > 1 else ""))
    for step in ("server start", "first page", "plan page", "edit shown", "drag"):
        row = f"  {step:<14}" + "".join(f"{_med(results[n].get(step, [])):>12}" for n in names)
        floor = bare.get(step)
        row += f"{_med(floor or []):>12}"
        for n in names:
            times = results[n].get(step)
            row += (f"{statistics.median(times) / statistics.median(floor):>{len(n) + 8}.2f}"
                    if floor and times else " " * (len(n) + 8))
        if len(names) > 1:
            a, b = results[names[0]].get(step), results[names[1]].get(step)
            width = len(names[1]) + len(names[0]) + 4
            row += f"{statistics.median(b) / statistics.median(a):>{width}.2f}" if a and b else ""
        print(row)


if __name__ == "__main__":
    main()
