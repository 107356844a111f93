"""A plain number is read without pint (planner/units.py ``magnitude``): the same float and the same
messages as through the registry."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centreplan.planner.errors import UnitError
from centreplan.planner.units import magnitude, quantity


@settings(deadline=None)  # the first example builds the pint registry
@given(st.one_of(st.floats(allow_nan=False, allow_infinity=False, width=64), st.integers(-10**12, 10**12)))
def test_plain_numbers_give_what_pint_gives(x) -> None:
    for unit in ("m", "m**2/person", "L/person/day"):
        assert magnitude(x, unit) == float(quantity(x, unit).magnitude)


@pytest.mark.parametrize("value", [math.nan, math.inf, 10**400, True])
def test_plain_numbers_refused_with_the_same_message(value) -> None:
    with pytest.raises(UnitError) as fast:
        magnitude(value, "m", "rooms[0].height")
    with pytest.raises(UnitError) as slow:
        quantity(value, "m", "rooms[0].height")
    assert str(fast.value) == str(slow.value)
