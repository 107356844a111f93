"""``centreplan export`` and ``exports.export_all``."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import ezdxf
import pytest

from centreplan.exports import export_all
from centreplan.exports.bundle import parse_formats, slug
from centreplan.layouts.io import load_layout
from centreplan.planner.cli import main
from centreplan.planner.errors import ExportError

SMALL = Path(__file__).resolve().parent.parent / "data" / "export_small.yaml"


def test_export_writes_the_chosen_formats(tmp_path, capsys):
    code = main(["export", str(SMALL), "--to", str(tmp_path / "out"), "--formats", "dxf,csv,json", "--lang", "fr"])
    assert code == 0
    printed = capsys.readouterr().out.split()
    names = sorted(Path(p).name for p in printed)
    assert "export_small_plan.dxf" in names
    assert "export_small_rooms.csv" in names and "export_small_report.json" in names
    assert not any(n.endswith((".pdf", ".xlsx")) for n in names)
    assert all(Path(p).exists() for p in printed)
    doc = ezdxf.readfile(tmp_path / "out" / "export_small_plan.dxf")
    assert "A-ROOM-DORMITORY" in doc.layers
    report = json.loads((tmp_path / "out" / "export_small_report.json").read_text(encoding="utf-8"))
    assert set(report) >= {"centre", "packs", "findings", "summary"}


def test_export_all_writes_every_format(tmp_path):
    centre = load_layout(SMALL)
    written = export_all(centre, tmp_path, None, "en", date=dt.date(2026, 11, 23))
    suffixes = {p.suffix for p in written}
    assert suffixes == {".dxf", ".pdf", ".xlsx", ".csv", ".json"}
    assert sum(1 for p in written if p.suffix == ".pdf") == 2
    assert all(p.stat().st_size > 0 for p in written)
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind
    assert written[0].name.startswith("centre-d-accueil-de-thies-essai")


def test_unknown_format_is_refused_by_name(tmp_path, capsys):
    code = main(["export", str(SMALL), "--to", str(tmp_path), "--formats", "dxf,png"])
    assert code == 2
    assert "formats: 'png' not available; choose from dxf, pdf, xlsx, csv, json" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unknown_pack_and_unreadable_file_are_refused(tmp_path, capsys):
    assert main(["export", str(SMALL), "--to", str(tmp_path), "--packs", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.yaml"), "--to", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_target_that_is_a_file_is_refused(tmp_path):
    f = tmp_path / "plan"
    f.write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="is a file, not a directory"):
        export_all(load_layout(SMALL), f, "dxf")
    assert f.read_text(encoding="utf-8") == "keep me"


def test_format_list_and_file_stem():
    assert parse_formats("json, DXF") == ["dxf", "json"]
    with pytest.raises(ExportError, match="none given"):
        parse_formats(" , ")
    assert slug("Centre d'accueil de Thiès (essai)") == "centre-d-accueil-de-thies-essai"
    assert slug("ÑÑ") == "nn" and slug("***") == "centre"


def test_the_plan_and_the_report_are_written_straight_into_their_files_as_their_bytes(tmp_path):
    from centreplan import standards
    from centreplan.exports.dxf import dxf_bytes
    from centreplan.exports.sheets import report_json_bytes

    centre = load_layout(SMALL)
    report = standards.check(centre)
    date = dt.date(2026, 11, 23)
    written = {p.name.split("_")[-1]: p for p in export_all(centre, tmp_path, "dxf,json", "en", report=report,
                                                             date=date)}
    assert written["report.json"].read_bytes() == report_json_bytes(report)

    def body(data: bytes) -> bytes:  # the entities (the header and the objects hold the time of writing)
        return data[data.index(b"  2\nENTITIES\n"):data.index(b"  2\nOBJECTS\n")]

    plan = written["plan.dxf"].read_bytes()
    assert body(plan) == body(dxf_bytes(centre, report, "en", date=date))


def test_atomic_write_of_a_writer_that_fails_leaves_the_file_as_it_was(tmp_path):
    from centreplan.layouts.io import atomic_write

    target = tmp_path / "plan.dxf"
    atomic_write(target, lambda fh: fh.write(b"first"))
    assert target.read_bytes() == b"first"

    def half(fh) -> None:
        fh.write(b"half of a drawing")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, half)
    assert target.read_bytes() == b"first" and [p.name for p in tmp_path.iterdir()] == ["plan.dxf"]
