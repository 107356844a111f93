"""Issue 11 point 5, in a real browser: names holding Markdown images and HTML make no request.

The app (the system Chromium driven by Playwright) opens a layout whose centre, location and room
names are Markdown images, links and HTML tags pointing to outside addresses, visits every page,
hovers the plan, then uploads a broken file whose error message quotes such a name (the "error box
breakout"). Every request the page makes is logged; any to an address other than 127.0.0.1 fails.

Marked ``verify``: skipped when Chromium or Playwright is absent (``make verify`` installs them).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from test_browser import ARGS, CHROMIUM, server  # noqa: E402,F401  (the app server fixture)

pytestmark = pytest.mark.verify

# 203.0.113.0/24 is TEST-NET-3 (RFC 5737): never a real host
HOSTILE = """\
format: centreplan/1
centre: {name: "![c](http://203.0.113.1/centre.png) <img src=http://203.0.113.2/c.png>",
         location: "[l](http://203.0.113.3/) <b>bold</b>", climate: hot, phase: stabilised}
population: {men: 12, staff: 2}
rooms:
  - {id: C1, name: "<img src=http://203.0.113.4/x.png onerror=alert(1)>", use: corridor, height: 2.8,
     polygon: [[0, 5], [15, 5], [15, 7], [0, 7]]}
  - {id: DM1, name: "![r](http://203.0.113.5/room.png)", use: dormitory, group: men, height: 2.8, beds: 12,
     lockable: true, polygon: [[0, 0], [6, 0], [6, 5], [0, 5]]}
  - {id: SAN1, name: "<svg><image href='http://203.0.113.6/s.png'/></svg>", use: sanitary, group: men,
     fixtures: {wc: 1, shower: 1}, polygon: [[6, 0], [15, 0], [15, 5], [6, 5]]}
doors:
  - {id: d1, between: [DM1, C1], width: 0.9}
  - {id: d2, between: [SAN1, C1], width: 0.9}
  - {id: e1, between: [C1, outside], width: 1.4, at: [15, 6]}
"""
BROKEN = HOSTILE.replace("use: corridor", "use: '```\\n![b](http://203.0.113.7/break.png)'")


def test_the_app_fetches_remote_urls_no_request_leaves_the_machine(server, tmp_path):
    from playwright.sync_api import sync_playwright

    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(HOSTILE, encoding="utf-8")
    broken = tmp_path / "![n](http:%2F%2F203.0.113.8%2Fname.png).yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    requests: list[str] = []
    with sync_playwright() as pw, tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        ctx = pw.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, headless=True, args=ARGS,
                                                    viewport={"width": 1400, "height": 1600})
        try:
            page = ctx.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.goto(server + "/", wait_until="domcontentloaded", timeout=60_000)
            page.get_by_text("Language / Langue").wait_for(timeout=60_000)
            page.locator("input[type=file]").set_input_files(str(hostile))
            # the name is shown as written, Markdown and all
            page.get_by_text("![c](http://203.0.113.1/centre.png)", exact=False).first.wait_for(timeout=30_000)
            for name in ("plan", "compliance", "programme", "equipment", "exports"):
                link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{name}"]')
                if link.count() == 0:
                    continue
                link.click()
                page.wait_for_timeout(4000)
                if name == "plan":
                    for room in ("C1", "DM1", "SAN1"):
                        page.locator(f'[data-room-id="{room}"]').first.hover()
                        page.wait_for_timeout(300)
                    page.screenshot(path=str(tmp_path / "plan.png"), full_page=True)
            page.locator('[data-testid="stSidebarNav"] a').first.click()  # the Centre page
            page.locator("input[type=file]").set_input_files(str(broken), timeout=60_000)
            page.get_by_text("the centre you were editing is kept").wait_for(timeout=30_000)
            page.wait_for_timeout(2000)
            page.screenshot(path=str(tmp_path / "error.png"), full_page=True)
            assert page.locator("img[src*='203.0.113']").count() == 0
            assert page.locator("image[href*='203.0.113']").count() == 0
        finally:
            ctx.close()
    hosts = {urlparse(u).hostname for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert requests and hosts == {"127.0.0.1"}, [u for u in requests if "127.0.0.1" not in u]
