"""The check pauses the cycle collector while it runs and leaves it as it found it."""
from __future__ import annotations

import gc
import threading

from centreplan.layouts.io import loads
from centreplan.standards import check
from centreplan.standards.engine import collector_paused
from tests.conftest import SMALL_LAYOUT


def test_collector_paused_during_a_check_and_restored():
    seen = []
    centre = loads(SMALL_LAYOUT)
    assert gc.isenabled()
    with collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False] and gc.isenabled()
    check(centre)
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_checks_restore_it_once_the_last_ends():
    first_in, second_done = threading.Event(), threading.Event()
    states = []

    def first():
        with collector_paused():
            first_in.set()
            second_done.wait(5)
            states.append(("first, after the second ended", gc.isenabled()))

    t = threading.Thread(target=first)
    t.start()
    first_in.wait(5)
    with collector_paused():
        pass
    second_done.set()
    t.join(5)
    assert states == [("first, after the second ended", False)]
    assert gc.isenabled()


def test_the_check_command_leaves_its_report_out_of_the_collectors_scans():
    """``centreplan check`` keeps its report until the process ends: once the check is done its
    findings are frozen out of the cycle collector (``planner.cli.keep_until_exit``), so that the
    first collection after a check of thousands of rooms does not scan them all to free nothing. Run
    in a fresh process: freezing is for the whole process."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    example = root / "layouts" / "examples" / "a_assistance_centre_120.yaml"
    code = (
        "import gc, sys\n"
        "from centreplan.planner import cli\n"
        "from centreplan.standards import text\n"
        "from centreplan.standards.report import Finding\n"
        "seen = []\n"
        "def render(report, **kw):\n"
        "    scanned = sum(1 for o in gc.get_objects() if isinstance(o, Finding))\n"
        "    seen.append((len(report.findings), scanned, gc.isenabled()))\n"
        "    return ''\n"
        "text.render_text = render\n"
        f"cli.main(['check', {str(example)!r}])\n"
        "print(seen, file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    [(findings, scanned, enabled)] = eval(out.stderr.strip().splitlines()[-1])
    assert findings > 100 and scanned == 0 and enabled
