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
