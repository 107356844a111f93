"""``centreplan equip``: the consolidated list in text and JSON, and bad input without a traceback."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from centreplan.layouts.io import save_layout
from centreplan.planner.cli import main
from tests.unit.equipment_layouts import small_centre, worked_example_centre

EXAMPLES = Path(__file__).resolve().parents[2] / "layouts" / "examples"


@pytest.fixture
def layouts(tmp_path):
    paths = []
    for name, men in (("Centre A", 60), ("Centre B", 30), ("Centre C", 12)):
        p = tmp_path / f"{name[-1].lower()}.yaml"
        save_layout(small_centre(name, men=men, women=10, staff=8), p)
        paths.append(str(p))
    return paths


def run(capsys, *argv):
    code = main(["equip", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_text_list_has_per_centre_columns_basis_source_and_totals(capsys, layouts):
    code, out, err = run(capsys, *layouts, "--rate", "CHF=1.06@2026-11-20")
    assert code == 0, err
    head = next(line for line in out.splitlines() if line.startswith("id "))
    assert "Centre A" in head and "Centre B" in head and "Centre C" in head
    assert "== Bedding ==" in out and "== Fire safety and first aid ==" in out
    # BLK-01: 70 + 40 + 22 = 132 blankets; 4.35 EUR each → 574.20 EUR
    row = next(line for line in out.splitlines() if line.startswith("BLK-01"))
    assert row.split()[-5:-3] == ["132", "pieces"] and "574.20" in row and "376,651" in row  # round(574.20 × 655.957 = 376 650.51)
    # every item row is followed by its bases and its source
    lines = out.splitlines()
    for i, line in enumerate(lines):
        if line[:3].isalpha() and line[3:4] == "-" and line[:6] not in ("lines ",):
            block = "\n".join(lines[i + 1:i + 8])
            assert "basis [1]:" in block and "source:" in block, line
    assert "EUR" in out and "XOF" in out and "Items not computed" in out
    # the rates used are printed with their dates and sources: the user's CHF rate, the default USD rate
    assert "1 CHF = 1.06 EUR on 2026-11-20 (set on the command line; user_set)" in out
    assert "1 USD = 0.960523 EUR on 2025-02-28 (ECB euro reference rate" in out
    # without --rate the dated ECB reference rates of costs.yaml convert CHF prices
    code, out, _ = run(capsys, *layouts)
    assert "1 CHF = 1.087311 EUR on 2026-01-27" in out
    # works are apart from the supply lots, with a rough quantity
    assert "== Works (not supplies) ==" in out and "== Running and construction costs ==" in out


def test_json_output(capsys, layouts):
    code, out, _ = run(capsys, *layouts, "--format", "json", "--months", "6")
    assert code == 0
    data = json.loads(out)
    assert data["centres"] == ["Centre A", "Centre B", "Centre C"] and data["supply_months"] == 6
    soap = next(i for i in data["items"] if i["id"] == "HYG-02")
    # 200 g × (70 + 40 + 22) persons × 6 months = 200 × 132 × 6 = 158 400 g = 158.4 kg
    assert soap["quantity"] == pytest.approx(158.4)
    assert soap["per_centre"] == {"Centre A": 84, "Centre B": 48, "Centre C": 26.4}


def test_output_file_is_written(capsys, layouts, tmp_path):
    target = tmp_path / "list.json"
    code, out, _ = run(capsys, *layouts, "--format", "json", "--output", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("argv, message", [
    (["--months", "0"], "supply_months: must be greater than 0"),
    (["--months", "-3"], "supply_months: must be greater than 0"),
    (["--months", "3 kg"], "supply_months: '3 kg'"),
    (["--sittings", "0"], "sittings: must be greater than 0"),
    (["--set", "XYZ-01=3"], "unknown item 'XYZ-01'"),
    (["--set", "BED-01=many"], "--set BED-01: 'many' is not a number"),
    (["--param", "site_temperature=45 m"], "site_temperature: '45 m'"),
    (["--param", "no_such=1"], "no_such: unknown parameter"),
    (["--rate", "CHF=abc"], "--rate"),
])
def test_bad_options_exit_2_with_a_message(capsys, layouts, argv, message):
    code, out, err = run(capsys, layouts[0], *argv)
    assert code == 2
    assert message in err


def test_bad_parameters_file(capsys, layouts, tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text("supply_months: 3\nwater_stabilised: 20 kg\n", encoding="utf-8")
    code, _, err = run(capsys, layouts[0], "--params", str(f))
    assert code == 2 and "water_stabilised: '20 kg'" in err and str(f) in err
    f.write_text("overrides: {NOPE-01: 2}\n", encoding="utf-8")
    code, _, err = run(capsys, layouts[0], "--params", str(f))
    assert code == 2 and "unknown item 'NOPE-01'" in err


def test_zero_capacity_layout_exits_2(capsys, tmp_path):
    p = tmp_path / "z.yaml"
    save_layout(small_centre("Zero", men=0), p)
    code, _, err = run(capsys, str(p))
    assert code == 2 and "Zero: population: capacity is 0" in err


def test_list_params(capsys):
    code, out, _ = run(capsys, "--list-params")
    assert code == 0 and "water_stabilised" in out and "design_choice" in out


def test_worked_example_from_a_file(capsys, tmp_path):
    p = tmp_path / "w.yaml"
    save_layout(worked_example_centre(), p)
    code, out, _ = run(capsys, str(p), "--format", "json", "--months", "1")
    data = json.loads(out)
    fir = next(i for i in data["items"] if i["id"] == "FIR-01")
    # max(ceil(1 500 / 200), 2) = 8
    assert fir["quantity"] == 8 and fir["basis"] == "max(ceil(1,500 m² / 200 m²), 2 levels)"


def test_bundled_examples_give_a_consolidated_list(capsys):
    files = sorted(str(p) for p in EXAMPLES.glob("*.yaml"))
    assert len(files) == 3  # the programme's three centres
    code, out, err = run(capsys, *files)
    assert code == 0, err
    head = next(line for line in out.splitlines() if line.startswith("id "))
    assert len(head.split("…")) >= 3 or all(n in head for n in ("Centre",))
    assert out.count("basis [3]:") == out.count("basis [1]:") > 30
    assert "== Totals ==" in out and "XOF" in out
    code, js, _ = run(capsys, *files, "--format", "json")
    data = json.loads(js)
    assert len(data["centres"]) == len(files)
    for item in data["items"]:
        assert set(item["per_centre"]) == set(data["centres"])
        assert item["basis"] and item["source"]


def test_spec_and_french(capsys, layouts):
    code, out, _ = run(capsys, layouts[0], "--spec", "--lang", "fr")
    assert code == 0
    assert "== Literie ==" in out and "BLK-01  Couverture" in out and "non vérifié [!]" in out
    assert "spécification : " in out and "ISO 11092" in out and "UNSPSC v7.0901: 52121508 Couvertures" in out


def test_output_to_a_directory_is_a_clear_error(capsys, layouts, tmp_path):
    code, _, err = run(capsys, layouts[0], "--output", str(tmp_path))
    assert code == 2 and "cannot be written" in err
