"""layouts.edit: rooms and doors as table rows and back, with the same messages as a layout file."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from centreplan.layouts.edit import (
    apply_tables,
    door_rows,
    format_outline,
    new_centre,
    parse_outline,
    parse_windows,
    rectangle_of,
    room_rows,
    update_settings,
)
from centreplan.layouts.io import load_layout
from centreplan.planner.errors import LayoutError

SMALL = Path(__file__).resolve().parents[1] / "data" / "small_centre.yaml"


@pytest.fixture
def centre():
    return load_layout(SMALL)


def _row(rows, rid):
    return next(r for r in rows if r["id"] == rid)


def test_rows_round_trip_to_the_same_centre(centre):
    assert apply_tables(centre, room_rows(centre), door_rows(centre)) == centre


def test_rectangles_show_as_x_y_width_depth_and_polygons_as_outline(centre):
    rows = room_rows(centre)
    dm1 = _row(rows, "DM1")  # polygon [[0,0],[6,0],[6,5],[0,5]]
    assert (dm1["x"], dm1["y"], dm1["width"], dm1["depth"], dm1["outline"]) == (0, 0, 6, 5, "")
    yard = _row(rows, "YARD")  # a trapezium: not a rectangle
    assert yard["width"] is None and yard["outline"] == "0 7; 6 7; 8 11; 0 11"
    assert dm1["lockable"] == "yes" and dm1["windows"] == "1.2x1" and dm1["wc"] is None
    san = _row(rows, "SAN1")
    assert (san["wc"], san["shower"], san["basin"], san["urinal"]) == (2, 2, 2, 0)


def test_editing_a_rectangle_changes_the_room(centre):
    rows = room_rows(centre)
    _row(rows, "DM1")["depth"] = 4.5  # 6 m x 4.5 m from (0, 0)
    out = apply_tables(centre, rooms=rows)
    assert out.room("DM1").polygon == [(0, 0), (6, 0), (6, 4.5), (0, 4.5)]
    assert out.room("DM1").windows == centre.room("DM1").windows  # other fields untouched
    assert centre.room("DM1").polygon[2] == (6, 5)  # the given centre is not modified


def test_a_new_row_adds_a_room_and_blank_rows_are_skipped(centre):
    rows = room_rows(centre) + [
        {"id": "OF1", "use": "office", "x": 15, "y": 0, "width": 3, "depth": 5, "lockable": "no"},
        {k: None for k in rows_keys()},
    ]
    out = apply_tables(centre, rooms=rows)
    of1 = out.room("OF1")
    assert of1.polygon == [(15, 0), (18, 0), (18, 5), (15, 5)] and of1.lockable is False
    assert of1.group == "all" and of1.windows is None and of1.height is None
    assert len(out.rooms) == len(centre.rooms) + 1


def rows_keys():
    from centreplan.layouts.edit import ROOM_COLUMNS
    return ROOM_COLUMNS


def test_an_outline_makes_a_polygon_room(centre):
    rows = room_rows(centre)
    r = _row(rows, "DM1")
    r.update(width=None, depth=None, outline="0 0; 6 0; 6 5; 3 6; 0 5")
    assert apply_tables(centre, rooms=rows).room("DM1").polygon == [(0, 0), (6, 0), (6, 5), (3, 6), (0, 5)]


def test_pandas_missing_values_count_as_blank(centre):
    rows = room_rows(centre)
    r = _row(rows, "DM1")
    r.update(height=math.nan, windows=None, lockable=float("nan"))
    out = apply_tables(centre, rooms=rows).room("DM1")
    assert out.height is None and out.windows is None and out.lockable is None


def test_bad_cells_name_the_row_and_column(centre):
    rows = room_rows(centre)
    rows[1].update(outline="0 0; 6 0; six 5", width=None)
    rows[2]["windows"] = "big"
    rows[3]["use"] = "ballroom"
    with pytest.raises(LayoutError) as e:
        apply_tables(centre, rooms=rows, source="tables")
    text = str(e.value)
    assert "rooms[1].outline: point 3 'six 5' is not 'x y'" in text
    assert "rooms[2].windows: window 1 'big' is not 'width x height'" in text
    with pytest.raises(LayoutError, match=r"rooms\[3\]\.use: 'ballroom' is not allowed; choose one of: dormitory"):
        rows[1].update(outline="", width=6)
        rows[2]["windows"] = ""
        apply_tables(centre, rooms=rows)


def test_renaming_a_room_that_doors_use_is_explained(centre):
    rows = room_rows(centre)
    _row(rows, "DM1")["id"] = "DM9"
    with pytest.raises(LayoutError, match=r"doors\[0\]\.between: unknown room 'DM1'"):
        apply_tables(centre, rooms=rows)


def test_doors_from_rows(centre):
    rows = door_rows(centre)
    rows.append({"id": "e2", "from": "YARD", "to": "outside", "width": 1.2, "at_x": 0, "at_y": 9})
    out = apply_tables(centre, doors=rows)
    assert out.doors[-1].between == ("YARD", "outside") and out.doors[-1].at == (0, 9)
    rows[-1]["at_y"] = None
    with pytest.raises(LayoutError, match=r"doors\[5\]\.at_y: give both at_x and at_y, or neither"):
        apply_tables(centre, doors=rows)


def test_windows_text():
    assert parse_windows("1.2x1, 0.6 x 0.6 fixed") == [
        {"width": 1.2, "height": 1.0, "openable": True}, {"width": 0.6, "height": 0.6, "openable": False}]
    assert parse_windows("aucune") == [] and parse_windows("none") == []
    assert parse_windows("1x1 fixe")[0]["openable"] is False


def test_outline_text():
    assert parse_outline("0 0; 4,0; 4 3") == [[0, 0], [4, 0], [4, 3]]
    with pytest.raises(ValueError, match="at least 3 points"):
        parse_outline("0 0; 4 0")


def test_rectangle_detection():
    assert rectangle_of([(2, 1), (2, 4), (7, 4), (7, 1)]) == (2, 1, 5, 3)
    assert rectangle_of([(0, 0), (4, 0), (5, 3), (0, 3)]) is None
    assert rectangle_of([(0, 0), (4, 0), (4, 3), (0, 3), (0, 1)]) is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(-1000, 1000, allow_nan=False), st.floats(-1000, 1000, allow_nan=False)),
                min_size=3, max_size=8))
def test_outline_text_round_trips_to_the_millimetre(points):
    back = parse_outline(format_outline(points))
    assert all(abs(a - b) <= 0.0005 + 1e-9 for p, q in zip(points, back) for a, b in zip(p, q))


def test_update_settings_validates_like_a_file(centre):
    out = update_settings(centre, {"name": "Centre B", "phase": "emergency"}, {"women": 8})
    assert (out.centre.name, out.centre.phase, out.population.women, out.population.men) == ("Centre B", "emergency", 8, 12)
    with pytest.raises(LayoutError, match="households: family_persons is set, so households must be at least 1"):
        update_settings(centre, population={"family_persons": 5, "households": 0})
    with pytest.raises(LayoutError, match=r"centre\.name"):
        update_settings(centre, {"name": ""})


def test_new_centre_is_empty():
    c = new_centre("Nouveau centre")
    assert c.centre.name == "Nouveau centre" and c.rooms == [] and c.population.residents == 0


# ---- issue 10: cells named as the editor shows them, occupants, the outside in French -----------------

def test_problems_name_the_row_as_listed_blank_rows_included_and_the_table_column(centre):
    """Regression: a problem found by validation named the layout's field (``rooms[31].polygon``) and
    the index among non-blank rows, not the row and column a person sees."""
    from centreplan.layouts.edit import cell

    rows = room_rows(centre)
    blank = {k: None for k in rows[0]}
    rows.insert(1, blank)  # a row added and left empty: row 1 as listed
    rows[3]["id"] = rows[2]["id"]  # DW1 (row 3 as listed) takes DM1's id (row 2 as listed)
    rows[4]["height"] = -1.0  # SAN1
    with pytest.raises(LayoutError) as e:
        apply_tables(centre, rooms=rows, doors=door_rows(centre))
    places = {p.place: p.message for p in e.value.problems}
    assert places["rooms[4].height"].startswith("must be greater than 0 m")
    rows[4]["height"] = None
    with pytest.raises(LayoutError) as e:
        apply_tables(centre, rooms=rows, doors=door_rows(centre))
    places = {p.place: p.message for p in e.value.problems}
    assert places["rooms[3].id"] == "duplicate id 'DM1' (also rooms[2])"
    assert cell("rooms[4].height") == ("rooms", 4, "height") and cell("centre.name") is None


def test_an_unknown_door_room_names_the_from_or_to_column(centre):
    rooms, doors = room_rows(centre), door_rows(centre)
    _row(rooms, "DM1")["id"] = "DM9"
    with pytest.raises(LayoutError) as e:
        apply_tables(centre, rooms=rooms, doors=doors)
    d1 = next(i for i, d in enumerate(doors) if "DM1" in (d["from"], d["to"]))
    column = "from" if doors[d1]["from"] == "DM1" else "to"
    assert f"doors[{d1}].{column}: unknown room 'DM1'" in str(e.value)


def test_a_room_outline_problem_names_width_for_a_rectangle(centre):
    rows = room_rows(centre)
    rows[0]["width"] = 0.0
    with pytest.raises(LayoutError, match=r"rooms\[0\]\.width: must be greater than 0 m"):
        apply_tables(centre, rooms=rows)


def test_the_outside_may_be_written_in_french(centre):
    rows = door_rows(centre)
    rows.append({"id": "e2", "from": "YARD", "to": "Extérieur", "width": 1.2, "at_x": 0, "at_y": 9})
    rows.append({"id": "e3", "from": "exterieur", "to": "YARD", "width": 1.2, "at_x": 0, "at_y": 8})
    out = apply_tables(centre, doors=rows)
    assert out.doors[-2].between == ("YARD", "outside") and out.doors[-1].between == ("outside", "YARD")


def test_occupants_are_a_column(centre):
    rows = room_rows(centre)
    assert _row(rows, "SAN1")["occupants"] is None
    _row(rows, "SAN1")["occupants"] = 4.0  # the editor gives numbers as floats
    out = apply_tables(centre, rooms=rows)
    assert out.room("SAN1").occupants == 4
    assert _row(room_rows(out), "SAN1")["occupants"] == 4
    _row(rows, "SAN1")["occupants"] = None
    assert apply_tables(out, rooms=rows).room("SAN1").occupants is None
