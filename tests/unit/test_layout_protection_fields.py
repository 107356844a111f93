"""The layout format's protection fields (issue 18): centre type, accessibility, locks, lighting,
entrances, outdoor paths and the site perimeter. Old files load unchanged; bad values are refused
with the field named."""
from __future__ import annotations

import pytest

from layouts.io import dumps, loads
from planner.errors import LayoutError
from tests.conftest import SMALL_LAYOUT


def _with(old: str, new: str) -> str:
    assert old in SMALL_LAYOUT
    return SMALL_LAYOUT.replace(old, new, 1)


def test_an_old_file_loads_with_every_new_field_unset_and_saves_unchanged() -> None:
    centre = loads(SMALL_LAYOUT)
    assert centre.centre.type is None
    again = loads(dumps(centre, "yaml"))
    assert again == centre
    assert "type" not in dumps(centre, "yaml")


def test_centre_type_transit_is_read() -> None:
    centre = loads(_with("phase: stabilised}", "phase: emergency, type: transit}"))
    assert centre.centre.type == "transit"


def test_an_unknown_centre_type_is_refused_with_the_field_named() -> None:
    with pytest.raises(LayoutError) as e:
        loads(_with("phase: stabilised}", "phase: stabilised, type: camp}"))
    assert "centre.type" in str(e.value) and "transit" in str(e.value)
