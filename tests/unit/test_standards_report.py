"""The report JSON is design.md §3 (a contract), and the CLI's exit codes follow it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from centreplan.layouts.io import centre_from_data
from centreplan.planner.cli import main
from centreplan.standards import check
from tests.rules.scenarios import build_layout

CONTRACT_TOP = {"centre", "packs", "findings", "summary"}
CONTRACT_FINDING = {"rule", "pack", "status", "severity", "rooms", "group", "measured", "required", "source",
                    "message"}
CONTRACT_SUMMARY = {"pass", "fail", "not_applicable", "cannot_evaluate"}


def _centre(**changes):
    return centre_from_data(build_layout({"base": "good", **changes}))


def test_json_has_the_contract_keys() -> None:
    data = check(_centre(rooms={"DM1": {"beds": 9}})).to_json_data()
    assert CONTRACT_TOP <= set(data)
    assert data["packs"] == ["integrity", "humanitarian", "protection", "accessibility", "fire"]
    assert CONTRACT_SUMMARY <= set(data["summary"])
    for f in data["findings"]:
        assert CONTRACT_FINDING <= set(f)
        assert f["status"] in ("pass", "fail", "not_applicable", "cannot_evaluate")
        assert f["severity"] in ("critical", "major", "minor")
        assert isinstance(f["rooms"], list)
    # 30 m² / 9 beds = 3.33 m²/person against 4.0: the example of design.md §3
    bed = next(f for f in data["findings"] if f["rule"] == "AREA-BED-EU" and f["rooms"] == ["DM1"])
    assert bed == {**bed, "pack": "protection", "status": "fail", "severity": "major", "group": None,
                   "measured": "3.3 m²/person", "required": "≥ 4.0 m²/person"}
    assert bed["source"].startswith("EASO 2016, §1.3, indicator 5.1")
    # summary counts are the counts of the findings listed
    for status in CONTRACT_SUMMARY:
        assert data["summary"][status] == sum(1 for f in data["findings"] if f["status"] == status)
    json.dumps(data)  # plain data


def test_exit_code_zero_without_critical_or_major_fail() -> None:
    report = check(_centre(rooms={"DM1": {"windows": [{"width": 1.2, "height": 1.0}]}}))  # WIN-LIGHT, minor
    # the base has no staff post by the children's rooms (SEC-SUPERVISION, minor, unverified)
    assert [f.rule for f in report.failures() if f.rule != "SEC-SUPERVISION"] == ["WIN-LIGHT"]
    assert report.exit_code() == 0
    assert check(_centre(rooms={"DM1": {"beds": 9}})).exit_code() == 1


def test_missing_data_is_never_a_pass() -> None:
    report = check(_centre(rooms={"DM1": {"height": None, "lockable": None, "windows": None}}))
    dm1 = {f.rule: f.status for f in report.for_room("DM1") if f.rule in
           ("HEIGHT-HUM", "HEIGHT-EU", "LOCK-BED", "WIN-VENT", "WIN-LIGHT")}
    assert dm1 == dict.fromkeys(("HEIGHT-HUM", "HEIGHT-EU", "LOCK-BED", "WIN-VENT", "WIN-LIGHT"), "cannot_evaluate")


def _layout_file(tmp_path: Path, **changes) -> Path:
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(build_layout({"base": "good", **changes}), allow_unicode=True), encoding="utf-8")
    return path


def test_cli_check_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    good = _layout_file(tmp_path)
    assert main(["check", str(good)]) == 0
    out = capsys.readouterr().out
    assert "OK (no critical or major failure)" in out
    assert "EXITS-COUNT" in out  # the unverified densities are named
    assert main(["check", str(good), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert CONTRACT_TOP <= set(data)
    bad = _layout_file(tmp_path, rooms={"DM1": {"beds": 9}})
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "MAJOR" in out and "AREA-BED-EU" in out and "3.3 m²/person" in out


def test_cli_check_unknown_pack_and_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    good = _layout_file(tmp_path)
    assert main(["check", str(good), "--packs", "integrity,firee"]) == 2
    err = capsys.readouterr().err
    assert "unknown pack 'firee'" in err and "integrity, humanitarian, protection, accessibility, fire, fr-cra" in err
    missing = tmp_path / "nope.yaml"
    assert main(["check", str(missing)]) == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: centreplan/1\ncentre: {name: x}\nrooms: [{id: A}]\n", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    assert "rooms[0]" in capsys.readouterr().err


def test_cli_check_with_fr_cra_pack(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    good = _layout_file(tmp_path)
    code = main(["check", str(good), "--packs", "fr-cra", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["packs"] == ["integrity", "fr-cra"]
    assert code == 1  # 9.5 m²/person < 10 (AREA-SITE-FR), no phone, too few basins
