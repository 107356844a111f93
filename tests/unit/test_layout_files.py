"""Layout files: loading, saving, and every bad input named in the foundation issue."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centreplan.layouts.io import dumps, load_layout, loads, save_layout
from centreplan.planner.cli import main
from centreplan.planner.errors import LayoutError
from centreplan.planner.model import GROUPS, USES, Centre, json_schema
from tests.conftest import SMALL_LAYOUT


def run_cli(argv, capsys):
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_small_layout_loads_with_units_resolved(small_file):
    c = load_layout(small_file)
    assert [r.id for r in c.rooms] == ["C", "D1", "D2", "S"]
    assert c.room("D2").height == pytest.approx(2.8)  # "280 cm"
    assert c.beds == 8
    assert c.room("S").fixtures.wc == 2
    assert c.room("D1").windows[0].openable is True  # default
    assert c.room("C").lockable is None  # not given, not "false"


def test_load_save_load_gives_an_equal_model(tmp_path, small_file):
    c = load_layout(small_file)
    for name in ("copy.yaml", "copy.json"):
        save_layout(c, tmp_path / name)
        assert load_layout(tmp_path / name) == c


def test_json_and_yaml_text_load_alike(small_text):
    c = loads(small_text, "a.yaml")
    assert loads(dumps(c, "json"), "a.json") == c


# ---- bad inputs: one clear message naming the place, exit 2, no traceback, file untouched -------

def _replace(old: str, new: str) -> str:
    assert old in SMALL_LAYOUT
    return SMALL_LAYOUT.replace(old, new, 1)


BAD_INPUTS = {
    "empty": ("", "the file is empty"),
    "python_tag": ("!!python/object/apply:os.system ['touch /tmp/centreplan-pwned']\n",
                   "YAML tag that is not allowed"),
    "unknown_field": (_replace("beds: 4, height: 2.8", "bedz: 4, height: 2.8"), "rooms[1].bedz: unknown field"),
    "duplicate_id": (_replace("id: D2,", "id: D1,"), "rooms[2].id: duplicate id 'D1' (also rooms[1])"),
    "door_to_unknown_room": (_replace("between: [S, C]", "between: [S, C9]"), "doors[2].between: unknown room 'C9'"),
    "nan_coordinate": (_replace("[[0, 2], [5, 2]", "[[.nan, 2], [5, 2]"), "rooms[1].polygon[0][0]: nan is not a finite number"),
    "infinite_coordinate": (_replace("[[0, 2], [5, 2]", "[[.inf, 2], [5, 2]"), "rooms[1].polygon[0][0]: inf is not a finite number"),
    "text_coordinate": (_replace("[[0, 2], [5, 2]", "[[zero, 2], [5, 2]"), "rooms[1].polygon[0][0]: 'zero' is not a number"),
    "two_points": (_replace("[[10, 2], [13, 2], [13, 6], [10, 6]]", "[[10, 2], [13, 2]]"),
                   "rooms[3].polygon: a polygon needs at least 3 distinct points, got 2"),
    "wrong_unit": (_replace('height: "280 cm"', 'height: "2.8 kg"'), "rooms[2].height: '2.8 kg' is not a length"),
    "negative_beds": (_replace("beds: 4, height: 2.8", "beds: -1, height: 2.8"),
                      "rooms[1].beds: Input should be greater than or equal to 0"),
    "unknown_use": (_replace("use: dormitory, group: men, beds: 4, height: 2.8", "use: dorm, group: men, beds: 4, height: 2.8"),
                    "rooms[1].use: 'dorm' is not allowed; choose one of: dormitory, family_room"),
    "outside_door_without_at": (_replace(", at: [0, 1]", ""), "doors[3].at: a door to outside needs 'at'"),
    "wrong_format": (_replace("format: centreplan/1", "format: centreplan/9"), "format: 'centreplan/9' is not supported"),
    "not_a_mapping": ("- 1\n- 2\n", "expected a mapping"),
    "broken_yaml": ("format: centreplan/1\nrooms: [\n", "not valid YAML at line"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gets_one_clear_message(case, tmp_path, capsys):
    text, expected = BAD_INPUTS[case]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes(), os.stat(path).st_mtime_ns
    with pytest.raises(LayoutError) as e:
        load_layout(path)
    assert expected in str(e.value)
    assert str(path) in str(e.value)
    code, out, err = run_cli(["validate", str(path)], capsys)
    assert code == 2
    assert expected in err and "Traceback" not in err + out
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert not Path("/tmp/centreplan-pwned").exists()


def test_binary_garbage_is_refused(tmp_path, capsys):
    path = tmp_path / "plan.yaml"
    path.write_bytes(bytes(range(256)) * 8)
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert code == 2 and "binary file" in err


def test_not_utf8_is_refused(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_bytes("format: centreplan/1\ncentre: {name: Thiès}\n".encode("latin-1"))
    with pytest.raises(LayoutError, match="not UTF-8"):
        load_layout(path)


def test_json_nan_is_refused(tmp_path):
    data = json.loads(dumps(loads(SMALL_LAYOUT), "json"))
    text = json.dumps(data).replace("[0.0, 2.0]", "[NaN, 2.0]", 1)
    path = tmp_path / "plan.json"
    path.write_text(text)
    with pytest.raises(LayoutError, match=r"rooms\[0\]\.polygon\[3\]\[0\]: nan is not a finite number"):
        load_layout(path)


def test_self_intersecting_polygon_is_reported_by_validate(tmp_path, capsys):
    # a bow tie: the edges (10,2)-(13,6) and (13,2)-(10,6) cross at (11.5, 4)
    path = tmp_path / "bow.yaml"
    path.write_text(_replace("[[10, 2], [13, 2], [13, 6], [10, 6]]", "[[10, 2], [13, 6], [13, 2], [10, 6]]"))
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert code == 2
    assert "rooms[3].polygon (S): self-intersection at (11.50, 4.00)" in err


def test_a_hundred_thousand_rooms_are_refused_quickly(tmp_path, capsys):
    rows = "\n".join(f"  - {{id: R{i}, use: office, polygon: [[{i}, 0], [{i + 1}, 0], [{i + 1}, 1]]}}"
                     for i in range(100_000))
    path = tmp_path / "huge.yaml"
    path.write_text(f"format: centreplan/1\ncentre: {{name: huge}}\nrooms:\n{rows}\n")
    code, _, err = run_cli(["validate", str(path)], capsys)
    assert code == 2
    assert "100,000 rooms is more than the 20,000 a layout may hold" in err


def test_missing_file_and_folder(tmp_path, capsys):
    code, _, err = run_cli(["validate", str(tmp_path / "nope.yaml"), str(tmp_path)], capsys)
    assert code == 2 and "no such file" in err and "is a folder" in err


# ---- atomic save ---------------------------------------------------------------------------

def test_failed_save_leaves_the_previous_file_intact(tmp_path, small_file, monkeypatch):
    c = load_layout(small_file)
    target = tmp_path / "keep.yaml"
    save_layout(c, target)
    before = target.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError):
        save_layout(c.model_copy(update={"rooms": c.rooms[:1]}), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".keep")] == []


# ---- schema -----------------------------------------------------------------------------------

def test_schema_command_prints_the_json_schema(capsys):
    code, out, _ = run_cli(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema == json.loads(json.dumps(json_schema()))
    room = schema["$defs"]["Room"]
    assert room["additionalProperties"] is False
    assert set(room["properties"]["use"]["enum"]) == set(USES)
    assert set(room["properties"]["group"]["enum"]) == set(GROUPS)


# ---- property: load → save → load gives an equal model ----------------------------------------

names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)
rect = st.tuples(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4), st.floats(0.5, 50), st.floats(0.5, 50))


@st.composite
def centres(draw):
    n = draw(st.integers(1, 6))
    rooms = []
    for i in range(n):
        x, y, w, h = draw(rect)
        rooms.append({
            "id": f"R{i}", "name": draw(names), "use": draw(st.sampled_from(USES)),
            "group": draw(st.sampled_from(GROUPS)), "beds": draw(st.integers(0, 12)),
            "height": draw(st.one_of(st.none(), st.floats(2.0, 6.0))),
            "polygon": [[x, y], [x + w, y], [x + w, y + h], [x, y + h]],
            "lockable": draw(st.one_of(st.none(), st.booleans())),
        })
    doors = [{"id": f"d{i}", "between": [f"R{i}", "outside"], "width": 0.9, "at": rooms[i]["polygon"][0]}
             for i in range(draw(st.integers(0, n)))]
    return Centre.model_validate({"format": "centreplan/1", "centre": {"name": draw(names)},
                                  "rooms": rooms, "doors": doors})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(centres(), st.sampled_from(["yaml", "json"]))
def test_round_trip_property(tmp_path, centre, fmt):
    path = tmp_path / f"rt.{fmt}"
    save_layout(centre, path)
    assert load_layout(path) == centre


def test_regression_a_truncated_json_string_is_not_said_to_start_at_at(tmp_path):
    """A JSON file cut inside a string: Python's message "Unterminated string starting at" was followed
    by our " at line …", which read "starting at at line 3". The string opens on line 3, column 13 (after `  "centre": `)."""
    path = tmp_path / "cut.json"
    path.write_text('{\n  "format": "centreplan/1",\n  "centre": "Cen', encoding="utf-8")
    with pytest.raises(LayoutError) as e:
        load_layout(path)
    assert "not valid JSON: Unterminated string starting at line 3, column 13" in str(e.value)
    assert "at at" not in str(e.value)
