"""Exports of large centres (issue 19): the same content written through the libraries' fast paths.
Small centres (the three examples: 235 to 447 findings, 31 to 66 rooms) are written as before."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import ezdxf
import openpyxl
import pytest
from reportlab.platypus import Paragraph

import centreplan.exports.dxf as dxf_module
from centreplan.exports.dxf import BLOCK_TAG, dxf_bytes, fill_layer
from centreplan.exports.pdf_common import fit_cell
from centreplan.exports.sheets import FULL_LIST_FINDINGS, all_tables, csv_files, findings_table, json_files, xlsx_bytes
from centreplan.layouts.io import load_layout

SMALL = Path(__file__).resolve().parent.parent / "data" / "export_small.yaml"
DATE = dt.date(2026, 11, 23)


def finding(rule: str, status: str, room: str, message: str = "") -> dict:
    return {"rule": rule, "pack": "core", "status": status, "severity": "major", "rooms": [room], "group": None,
            "measured": "4.0 m²", "required": "at least 4.5 m²", "source": "a source", "source_status": "verified",
            "message": message or f"{room}: {status}", "message_fr": None, "fix": "", "fix_fr": None}


@pytest.fixture(scope="module")
def centre():
    return load_layout(SMALL)


@pytest.fixture(scope="module")
def big_report():
    """2,004 findings: 1,500 passes of one rule, 500 of another, 4 failures."""
    findings = [finding("AREA-BED-EU", "pass", f"R{i}") for i in range(1500)]
    findings += [finding("HEIGHT-EU", "pass", f"R{i}") for i in range(500)]
    findings += [finding("AREA-BED-EU", "fail", f"F{i}", f"F{i} is too small") for i in range(4)]
    assert len(findings) > FULL_LIST_FINDINGS
    return {"findings": findings}


def test_findings_of_a_large_centre_summarise_passes_per_rule_and_list_every_failure(big_report):
    rows = findings_table(big_report, "en").rows
    assert [r["status"] for r in rows] == ["fail"] * 4 + ["pass"] * 2
    assert {r["message"] for r in rows[:4]} == {f"F{i} is too small" for i in range(4)}
    passes = {r["rule"]: r for r in rows[4:]}
    assert passes["AREA-BED-EU"]["message"] == "subjects that pass: 1,500 (passes summarised per rule)"
    assert passes["HEIGHT-EU"]["message"] == "subjects that pass: 500 (passes summarised per rule)"
    assert passes["AREA-BED-EU"]["rooms"] == "" and passes["AREA-BED-EU"]["measured"] == ""
    fr = findings_table(big_report, "fr").rows
    assert {r["message"] for r in fr[4:]} == {"sujets conformes : 1\u202f500 (conformités résumées par règle)",
                                               "sujets conformes : 500 (conformités résumées par règle)"}


def test_a_small_report_keeps_every_finding(big_report):
    small = {"findings": big_report["findings"][:FULL_LIST_FINDINGS]}
    assert len(findings_table(small, "en").rows) == FULL_LIST_FINDINGS


def test_workbook_of_a_large_centre_says_passes_are_summarised_and_csv_keeps_all(centre, big_report):
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(centre, big_report, None, "en")))
    ws = wb["Findings"]
    texts = [c.value for row in ws.iter_rows(max_col=1) for c in row if isinstance(c.value, str)]
    assert any(t.startswith("2,004 findings: every failure") for t in texts)
    assert sum(1 for row in ws.iter_rows(min_col=3, max_col=3) if row[0].value in ("pass", "fail")) == 6
    tables = all_tables(centre, big_report, None, "en")
    rows = list(csv.reader(io.StringIO(csv_files(tables, "en")["findings.csv"].decode("utf-8-sig"))))
    assert len(rows) == 1 + 2004


def test_json_of_a_large_centre_is_compact_with_the_same_data(centre, big_report):
    tables = all_tables(centre, big_report, None, "en")
    files = json_files(tables, big_report)
    report = files["report.json"]
    assert b"\n" not in report.rstrip(b"\n") and b'{"findings":[{"rule":"AREA-BED-EU"' in report
    assert json.loads(report) == big_report
    assert len(json.loads(files["findings.json"])) == 2004
    assert files["rooms.json"].startswith(b"[\n  {")  # a small table stays indented


def test_fit_cell_is_plain_text_on_one_line_when_it_fits_and_broken_at_spaces_when_not():
    assert fit_cell("DM1", 40) == "DM1"
    assert fit_cell(None, 40) == ""
    # 40 pt less 6.5 pt of padding holds "a name" (8 pt DejaVu Sans: 30.1 pt), not "a name far" (43.7 pt)
    assert fit_cell("a name far too long", 40) == "a name\nfar too\nlong"
    assert fit_cell("two\nlines", 400) == "two\nlines"
    # a word wider than the column is cut where a paragraph cuts it: it fills the line it starts on
    assert fit_cell("d'enregistrement", 40) == "d'enregi\nstremen\nt"
    assert fit_cell("Bureau d'enregistrement", 73.7) == "Bureau d'enregi\nstrement"


def test_tag_attributes_stand_where_ezdxf_places_them(centre):
    doc = ezdxf.read(io.StringIO(dxf_bytes(centre, None, "en", date=DATE).decode("utf-8")))
    msp = doc.modelspace()
    tags = [i for i in msp.query("INSERT") if i.dxf.name == BLOCK_TAG]
    assert tags
    for ins in tags:
        ref = msp.add_blockref(BLOCK_TAG, ins.dxf.insert, dxfattribs={
            "xscale": ins.dxf.xscale, "yscale": ins.dxf.yscale, "rotation": ins.dxf.rotation})
        ref.add_auto_attribs({a.dxf.tag: a.dxf.text for a in ins.attribs})
        for ours, theirs in zip(ins.attribs, ref.attribs, strict=True):
            assert ours.dxf.tag == theirs.dxf.tag
            for key in ("insert", "align_point"):
                assert ours.dxf.get(key).isclose(theirs.dxf.get(key), abs_tol=1e-9), (ours.dxf.tag, key)
            for key in ("height", "rotation", "halign", "valign", "flags", "width", "style"):
                assert getattr(ours.dxf, key) == pytest.approx(getattr(theirs.dxf, key)), (ours.dxf.tag, key)


def test_a_large_centre_gets_one_fill_per_group_with_a_path_per_room(centre, monkeypatch):
    monkeypatch.setattr(dxf_module, "GROUP_FILL_ROOMS", 3)  # the small centre counts as large
    doc = ezdxf.read(io.StringIO(dxf_bytes(centre, None, "en", date=DATE).decode("utf-8")))
    fills = [h for h in doc.modelspace().query("HATCH") if h.dxf.layer.startswith("A-AREA-PATT-")]
    assert sorted(h.dxf.layer for h in fills) == sorted({fill_layer(r.group) for r in centre.rooms})
    outlines = {e.dxf.handle for e in doc.modelspace().query("LWPOLYLINE") if e.dxf.layer.startswith("A-ROOM-")}
    linked = [p.source_boundary_objects[0] for h in fills for p in h.paths]
    assert sorted(linked) == sorted(outlines) and all(h.dxf.associative == 1 for h in fills)


def test_report_pdf_of_a_large_centre_lists_each_failure_on_one_line_under_its_rule(centre, monkeypatch):
    from reportlab.platypus import Table

    import centreplan.exports.pdf_report as pdf_report
    from centreplan import standards

    report = standards.check(centre)
    fails = [f for f in report.findings if f.status == "fail"]
    assert fails and len(report.findings) > 10
    monkeypatch.setattr(pdf_report, "FULL_LIST_FINDINGS", 10)  # the small centre counts as large
    story = pdf_report.report_story(centre, report, "en", date=DATE)
    notes = [f.getPlainText() for f in story if isinstance(f, Paragraph)]
    n = len(report.findings)
    assert any(t.startswith(f"This centre has {n} findings: each failure is listed on one line") for t in notes)
    table = next(f for f in story if isinstance(f, Table) and f._cellvalues[0][0] == "Rooms")
    cells = table._cellvalues
    # every cell plain text (reportlab's fast path); a rule's heading row runs across the table, shaded
    # (no SPAN: reportlab would work the spans out again at each page break)
    assert all(isinstance(c, str) for row in cells for c in row) and not table._spanCmds
    spans = {cmd[1][1] for cmd in table._bkgrndcmds if cmd[1][0] == 0 and cmd[2][0] == -1 and cmd[1][1] > 0}
    assert all(cells[i][1:] == ["", "", ""] for i in spans)
    heads = [row[0].replace("\n", " ") for i, row in enumerate(cells) if i in spans]
    assert [h.split(" · ")[0] for h in heads] == sorted({f.rule for f in fails}, key=[f.rule for f in sorted(
        fails, key=lambda f: (["critical", "major", "minor"].index(f.severity), f.rule))].index)
    assert all(" — " in h for h in heads)  # rule · severity — check · source
    plain = [row for i, row in enumerate(cells[1:], start=1) if i not in spans]
    assert len(plain) == len(fails)
    assert sorted(row[0] for row in plain) == sorted(
        " ".join(f.rooms) or (pdf_report.group_label(f.group, "en") if f.group else "centre") for f in fails)
    assert pdf_report.report_pdf_bytes(centre, report, "en", date=DATE).startswith(b"%PDF-")


def _report_with_a_failure_naming(centre, n_rooms: int):
    """The small centre's report with its first failure naming ``n_rooms`` rooms (as ACC-WC-SHARE
    names every sanitary room of a large centre)."""
    from centreplan import standards

    report = standards.check(centre)
    k = next(i for i, f in enumerate(report.findings) if f.status == "fail")
    wide = report.findings[k].model_copy(update={"rooms": [f"S{i:04d}" for i in range(n_rooms)]})
    return report.model_copy(update={"findings": [*report.findings[:k], wide, *report.findings[k + 1:]]}), wide


@pytest.mark.parametrize("large", [False, True])
def test_regression_pdf_failure_naming_880_rooms_no_longer_overflows_a_page(centre, monkeypatch, large):
    """5,500 rooms: ACC-WC-SHARE names 880 sanitary rooms; its one cell was 2,904 pt high and reportlab
    stopped with a LayoutError. The rooms are now listed over as many rows as they need."""
    from reportlab.platypus import Table

    import centreplan.exports.pdf_report as pdf_report

    if large:
        monkeypatch.setattr(pdf_report, "FULL_LIST_FINDINGS", 10)
    report, wide = _report_with_a_failure_naming(centre, 880)
    assert pdf_report.report_pdf_bytes(centre, report, "en", date=DATE).startswith(b"%PDF-")
    story = pdf_report.report_story(centre, report, "en", date=DATE)
    failures = next(t for t in story if isinstance(t, Table) and "S0000" in repr(t._cellvalues))

    def text(cell) -> str:
        if isinstance(cell, list):
            return " ".join(text(c) for c in cell)
        return cell.getPlainText() if isinstance(cell, Paragraph) else str(cell)

    named = " ".join(text(row[1 if not large else 0]) for row in failures._cellvalues).split()
    assert [r for r in named if re.fullmatch(r"S\d{4}", r)] == wide.rooms  # every room, in order, none lost


def _pending(findings) -> list:
    """The findings whose texts are still to be written."""
    return [f for f in findings if (f.__pydantic_private__ or {}).get("_texts") is not None]


def test_workbook_and_pdf_of_a_large_centre_leave_the_summarised_passes_unwritten(centre, monkeypatch):
    import centreplan.exports.pdf_report as pdf_report
    import centreplan.exports.sheets as sheets
    from centreplan import standards

    monkeypatch.setattr(sheets, "FULL_LIST_FINDINGS", 10)
    monkeypatch.setattr(pdf_report, "FULL_LIST_FINDINGS", 10)
    report = standards.check(centre)
    passes = [f for f in report.findings if f.status == "pass"]
    assert passes and set(map(id, _pending(passes))) == set(map(id, passes))  # the check wrote none
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(centre, report, None, "en")))
    pdf_report.report_pdf_bytes(centre, report, "en", date=DATE)
    assert set(map(id, _pending(passes))) == set(map(id, passes))
    fails = [f for f in report.findings if f.status == "fail"]
    listed = [r[10].value for r in wb["Findings"].iter_rows(min_row=1) if r[2].value == "fail"]
    assert sorted(listed) == sorted(f.message for f in fails)  # the failures' own messages, written


def test_report_json_of_a_large_centre_is_written_finding_by_finding_with_the_same_text(centre, monkeypatch):
    import centreplan.exports.sheets as sheets
    from centreplan import standards

    report = standards.check(centre)
    small = sheets.report_json_bytes(report)
    assert small == (json.dumps(report.to_json_data(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    monkeypatch.setattr(sheets, "COMPACT_JSON_ROWS", 10)  # the small centre counts as large
    streamed = sheets.report_json_bytes(report)
    whole = json.dumps(report.to_json_data(), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert streamed == whole.encode("utf-8")
    assert list(json.loads(streamed)) == ["centre", "packs", "findings", "summary", "phase", "climate", "rules"]


def test_regression_csv_and_json_of_a_large_centre_leave_the_findings_texts_unwritten(centre, monkeypatch):
    """5,500 rooms: the CSV and JSON exports wrote the texts of all 63,000 findings, in both languages,
    onto the findings, where they stayed (100 MB). They are now written for the file only."""
    import centreplan.exports.sheets as sheets
    from centreplan import standards

    monkeypatch.setattr(sheets, "COMPACT_JSON_ROWS", 10)  # the small centre counts as large
    report = standards.check(centre)
    assert len(_pending(report.findings)) == len(report.findings)
    for lang in ("en", "fr"):
        tables = all_tables(centre, report, None, lang)
        csv_files(tables, lang)
        json_files(tables, report)
    streamed = sheets.report_json_bytes(report)
    assert len(_pending(report.findings)) == len(report.findings)  # none written onto its finding
    rows = findings_table(report, "fr", summarise=False).rows
    whole = json.dumps(report.to_json_data(), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert streamed == whole.encode("utf-8")  # the same text as the findings' own
    ready = {(f.rule, tuple(f.rooms), f.message_fr or f.message, f.measured_fr or f.measured or "")
             for f in report.findings}
    assert {(r["rule"], tuple(r["rooms"].split()), r["message"], r["measured"]) for r in rows} == ready


def test_a_lazy_findings_table_writes_the_same_rows_each_time_it_is_read_and_keeps_none(centre, big_report):
    from centreplan import standards

    for report in (big_report, standards.check(centre)):
        full = findings_table(report, "fr", summarise=False)
        lazy = findings_table(report, "fr", summarise=False, lazy=True)
        assert not isinstance(lazy.rows, list) and len(lazy.rows) == len(full.rows)
        assert list(lazy.rows) == full.rows and list(lazy.rows) == full.rows  # read twice: the same rows
        assert lazy.columns == full.columns


def test_a_set_of_sheets_inserts_one_legend_and_one_scale_bar_per_scale_drawn_once():
    from centreplan.layouts.io import loads

    big = ("format: centreplan/1\ncentre: {name: t}\n"
           "rooms:\n  - {id: Y, use: outdoor, group: men, polygon: [[0,0],[90,0],[90,40],[0,40]]}\n")
    doc = dxf_module.build_dxf(loads(big), date=DATE, details=True)
    sheets = [n for n in doc.layouts.names() if n != "Model"]
    assert sheets == ["A3 1-500 (1 of 3)", "A3 1-200 (2 of 3)", "A3 1-200 (3 of 3)"]
    for name in sheets:
        scale = 500 if "1-500" in name else 200
        inserts = {i.dxf.name: i for i in doc.paperspace(name).query("INSERT")}
        assert {"CP-SHEET-NOTES", f"CP-SCALE-BAR-1-{scale}", "CP-TITLE", "CP-NORTH"} <= set(inserts)
        assert inserts["CP-SHEET-NOTES"].dxf.xscale == pytest.approx(scale / 1000)  # paper mm at the sheet's scale
        assert not doc.paperspace(name).query("TEXT HATCH")  # nothing drawn again sheet by sheet
    notes = {t.dxf.text for t in doc.blocks["CP-SHEET-NOTES"].query("TEXT")}
    assert {"Legend", "Revisions", "First issue", "Men", "Wall"} <= notes
    assert {t.dxf.text for t in doc.blocks["CP-SCALE-BAR-1-200"].query("TEXT")} == {"0", "10", "1:200 · m"}  # 10 m: 50 mm
    assert {t.dxf.text for t in doc.blocks["CP-SCALE-BAR-1-500"].query("TEXT")} == {"0", "20", "1:500 · m"}  # 20 m: 40 mm on paper
    assert not ezdxf.read(io.StringIO(dxf_module.dxf_text(doc))).audit().has_errors


def test_regression_the_drawing_is_freed_before_the_next_format_is_written(centre, tmp_path) -> None:
    """The DXF document and its entities refer to each other (half a million objects for 5,500 rooms, in
    reference cycles): with the command line's relaxed collector (``planner.cli.relax_gc``) nothing freed
    them before the PDF was written, so the PDF's memory came on top of the drawing's (peak 440 MB for
    5,500 rooms instead of 422). ``export_all`` frees the drawing once it is written."""
    import gc

    from ezdxf.document import Drawing

    from centreplan.exports.bundle import export_all

    before = gc.get_threshold()
    gc.collect()
    gc.set_threshold(1_000_000, 1_000, 1_000)  # as relax_gc sets it for a command
    try:
        export_all(centre, tmp_path, ["dxf", "xlsx"], "en", date=DATE)
        drawings = [o for o in gc.get_objects() if isinstance(o, Drawing)]
    finally:
        gc.set_threshold(*before)
    assert drawings == []
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".dxf", ".xlsx"]


def test_regression_writing_the_report_json_never_changes_a_finding_others_are_reading() -> None:
    """The app caches one checked report for every session; writing its JSON used to write each
    finding's texts into the finding and then put the finding back in two steps, between which another
    session reading ``f.message`` got an AttributeError. The texts are now written into a copy."""
    from centreplan import standards

    centre = load_layout(Path(__file__).resolve().parents[2] / "layouts" / "examples" / "a_assistance_centre_120.yaml")
    report = standards.check(centre)
    pending = [f for f in report.findings if f._pending() is not None]
    assert pending
    expected = [g.model_dump(mode="json") for g in standards.check(centre).findings]
    index = {id(f): i for i, f in enumerate(report.findings)}
    for f in pending:
        fields, private = f.__dict__, dict(f.__pydantic_private__)
        data = f.dump_json_unkept()
        after = f.__dict__  # a finding of the checker gives its fields as a new mapping at each reading
        assert after == fields and "message" not in after and f.__pydantic_private__ == private
        assert object.__getattribute__(f, "_t") is None  # no text kept on the finding
        assert data == expected[index[id(f)]]
