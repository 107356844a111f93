"""Frame times of the plan editor in the browser while panning and zooming a 5,500-room plan.

Starts the app, opens the synthetic centre of 5,500 rooms (bench/synthetic.py) on the Centre page,
goes to the Plan page, then pans (mouse drag) and zooms (wheel) the editor for a few seconds while
the page records the time between animation frames. Prints the median, 95th percentile and worst
frame time of each. Needs Chromium and Playwright (``pip install -e '.[verify]'``); uses
/usr/bin/chromium headless without a GPU, so real machines do better.
Run: ``.venv/bin/python bench/editor_frames.py``.
"""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_centre  # noqa: E402
from layouts.io import dumps  # noqa: E402

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


def main() -> None:
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
                page.locator('svg[data-testid="plan-editor"] [data-room-id]').nth(ROOMS - 1).wait_for(timeout=600_000)
                print(f"plan editor on {ROOMS} rooms: page shown in {time.perf_counter() - t0:.1f} s "
                      f"({page.locator('[data-room-id]').count()} room shapes)", flush=True)
                box = page.locator('svg[data-testid="plan-editor"]').bounding_box()
                cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
                for name in ("pan", "zoom"):
                    page.evaluate(RECORD)
                    if name == "pan":
                        page.mouse.move(box["x"] + 5, box["y"] + 5)  # the background margin
                        page.mouse.down()
                        for k in range(120):
                            page.mouse.move(box["x"] + 5 + (k % 60) * 4, box["y"] + 5 + (k % 60) * 2)
                        page.mouse.up()
                    else:
                        page.mouse.move(cx, cy)
                        for k in range(60):
                            page.mouse.wheel(0, -60 if k < 30 else 60)
                            page.wait_for_timeout(16)
                    frames = page.evaluate("() => { window.__recording = false; return window.__frames; }")
                    _report(name, frames)
                ctx.close()
        finally:
            app.terminate()
            app.wait(20)


if __name__ == "__main__":
    main()
