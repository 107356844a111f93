import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from centreplan.planner.errors import PlannerError, UnitError
from centreplan.planner.units import Q_, length_m, magnitude, quantity, ureg


@pytest.mark.parametrize("value", [2.8, 2.8e0, "2.8", "2.8 m", "280 cm", "2800 mm", " 2.8m "])
def test_lengths_in_any_unit_give_metres(value):
    assert length_m(value, "rooms[0].height") == pytest.approx(2.8)


def test_wrong_dimension_names_the_field():
    with pytest.raises(UnitError) as e:
        length_m("2.8 kg", "rooms[0].height")
    assert str(e.value).startswith("rooms[0].height: '2.8 kg' is not a length")
    assert isinstance(e.value, PlannerError)


@pytest.mark.parametrize("value", ["abc", "", "nan m", True, None, [1]])
def test_unreadable_values_are_refused(value):
    with pytest.raises(UnitError):
        length_m(value, "doors[0].width")


def test_person_is_a_dimension_so_per_person_ratios_are_checked():
    # 20 m² shared by 5 persons is 4 m²/person; it is not an area
    ratio = Q_(20, "m**2") / Q_(5, "person")
    assert ratio.to("m**2/person").magnitude == pytest.approx(4.0)
    assert magnitude("15 L/person/day", "L/person/day") == 15
    with pytest.raises(UnitError):
        quantity("15 L/day", "L/person/day", "water")
    with pytest.raises(pint_dimensionality_error()):
        (ratio + Q_(1, "m**2"))


def pint_dimensionality_error():
    import pint

    return pint.DimensionalityError


def test_one_registry():
    assert Q_(1, "m")._REGISTRY is ureg


@given(st.floats(min_value=0.01, max_value=1e4, allow_nan=False))
def test_centimetres_round_trip(x):
    # quantities are rounded to 9 decimals (planner.units), so allow 0.5e-9 m absolute as well
    assert length_m(f"{x * 100!r} cm") == pytest.approx(x, rel=1e-9, abs=5e-10)
    assert math.isfinite(length_m(x))
