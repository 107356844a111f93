"""The layout format's protection fields (issue 18): centre type, accessibility, locks, lighting,
entrances, outdoor paths and the site perimeter. Old files load unchanged; bad values are refused
with the field named."""
from __future__ import annotations

from pathlib import Path

import pytest

from centreplan.layouts.io import dumps, loads
from centreplan.planner.errors import LayoutError
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


FULL = Path(__file__).parent.parent / "data" / "protection_fields.yaml"


def test_every_protection_field_is_read_in_its_unit() -> None:
    centre = loads(FULL.read_text(encoding="utf-8"))
    d1 = centre.doors[0]
    assert d1.step == pytest.approx(0.02)  # "2 cm"
    assert d1.ramp_slope == pytest.approx(1 / 12)  # "1:12"
    assert d1.lighting == 30.0  # "30 lx"
    assert centre.rooms[0].lighting == 120.0 and centre.rooms[2].lighting == "lit"
    assert centre.rooms[1].locks_inside is True and centre.rooms[2].locks_inside is True
    assert centre.doors[2].entrance == ["residents", "staff"]
    perimeter = centre.site.perimeter
    assert perimeter.length == pytest.approx(2 * 40 + 2 * 40)  # a 40 m × 40 m outline, closing point dropped
    assert perimeter.gates[0].controlled is True
    assert centre.paths[0].serves("women") and not centre.paths[0].serves("men")
    assert loads(dumps(centre, "yaml")) == centre


@pytest.mark.parametrize(("lock", "lockable", "inside"), [
    ("inside", None, True), ("both", None, True), ("outside", None, False), ("none", None, False),
    (None, True, True), (None, False, False), (None, None, None)])
def test_lock_and_lockable_say_the_same_thing(lock, lockable, inside) -> None:
    from centreplan.planner.model import Room
    room = Room(id="S", use="sanitary", polygon=[(0, 0), (1, 0), (1, 1)], lock=lock, lockable=lockable)
    assert room.locks_inside is inside


BAD = {
    "lock_contradicts_lockable": (("lock: both, lockable: true", "lock: outside, lockable: true"),
                                  "rooms[1]: lock: 'outside' contradicts lockable: true"),
    "lighting_word": (("lighting: 120", "lighting: bright"), "rooms[0].lighting: 'bright' is not a number"),
    "lighting_negative": (("lighting: 120", "lighting: -5"), "rooms[0].lighting: an illuminance must be between 0"),
    "zero_slope": (('ramp_slope: "1:12"', 'ramp_slope: "0:12"'), "doors[0].ramp_slope: '0:12' is not a slope"),
    "steep_slope": (('ramp_slope: "1:12"', 'ramp_slope: "150 %"'), "doors[0].ramp_slope: a ramp's slope must be"),
    "step_too_high": (('step: "2 cm"', "step: 7"), "doors[0].step: a step must be between 0 and 5 m, got 7 m"),
    "unknown_role": (("entrance: [residents, staff]", "entrance: [visitors]"),
                     "doors[2].entrance[0]: 'visitors' is not allowed"),
    "entrance_inside": (("{id: d3, between: [S, C], width: 0.9}", "{id: d3, between: [S, C], width: 0.9, entrance: [staff]}"),
                        "doors[1].entrance: only an exit"),
    "unknown_fence": (("fence: wall", "fence: hedge"), "site.perimeter.fence: 'hedge' is not allowed"),
    "path_one_point": (("points: [[0, 0], [0, -10], [5, -10]]", "points: [[0, 0]]"), "paths[0].points"),
    "duplicate_gate": (("gates: [{id: g1,", "gates: [{id: g1, at: [1, -20], width: 1}, {id: g1,"),
                       "site.perimeter.gates[1].id: duplicate id 'g1'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_protection_field_is_refused_with_its_place(case) -> None:
    (old, new), expected = BAD[case]
    text = FULL.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(LayoutError) as e:
        loads(text.replace(old, new, 1))
    assert expected in str(e.value)
