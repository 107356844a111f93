"""The checker's outcomes are pinned: the report JSON of the three examples and of every rule scenario,
captured before the standards engine was rebuilt (tests/golden/standards_outcomes.json), must not move.

Only the rules that existed at capture time are compared (``rules`` in the golden file), so a rule
added later changes nothing here; each scenario is compared through a digest of all its findings and
in full for the findings of its own rule, each example in full.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml

from centreplan.layouts.io import centre_from_data, load_layout
from centreplan.standards import check
from tests.rules.scenarios import build_layout, scenario_files
from tests.rules.test_rule_scenarios import PACK_OF

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "standards_outcomes.json"
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "layouts" / "examples"


@pytest.fixture(scope="module")
def golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def _rows(report: dict, keys: list[str], rules: set[str]) -> list[list]:
    return [[f[k] for k in keys] for f in report["findings"] if f["rule"] in rules]


def _summary(rows: list[list], keys: list[str]) -> dict[str, int]:
    i = keys.index("status")
    return {s: sum(1 for r in rows if r[i] == s) for s in ("pass", "fail", "not_applicable", "cannot_evaluate")}


@pytest.mark.parametrize("stem", ["a_assistance_centre_120", "b_transit_centre_60", "c_collective_centre_school"])
def test_example_outcomes_unchanged(golden: dict, stem: str) -> None:
    rules = set(golden["rules"])
    report = check(load_layout(EXAMPLES / f"{stem}.yaml")).to_json_data()
    got = _rows(report, golden["keys"], rules)
    want = golden["examples"][stem]["findings"]
    assert _summary(got, golden["keys"]) == _summary(want, golden["keys"])
    assert got == want


def test_scenario_outcomes_unchanged(golden: dict) -> None:
    rules = set(golden["rules"])
    keys = golden["keys"]
    moved = []
    for path in scenario_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc["cases"]):
            name = f"{path.stem}[{i}]"
            if name not in golden["scenarios"]:
                continue  # a scenario written after the capture
            report = check(centre_from_data(build_layout(case), source=name),
                           case.get("packs", [PACK_OF.get(doc["rule"], "integrity")])).to_json_data()
            rows = _rows(report, keys, rules)
            want = golden["scenarios"][name]
            own = [r for r in rows if r[0] == doc["rule"]]
            digest = hashlib.sha256(json.dumps({"summary": {**_summary_of(report, rules)}, "findings": rows},
                                               ensure_ascii=False, sort_keys=True).encode()).hexdigest()
            if own != want["findings"] or digest != want["digest"]:
                moved.append(name)
    assert moved == []


def _summary_of(report: dict, rules: set[str]) -> dict:
    """The report's summary as captured (counts over the captured rules only)."""
    s = dict(report["summary"])
    fs = [f for f in report["findings"] if f["rule"] in rules]
    s["pass"] = sum(1 for f in fs if f["status"] == "pass")
    s["fail"] = sum(1 for f in fs if f["status"] == "fail")
    s["not_applicable"] = sum(1 for f in fs if f["status"] == "not_applicable")
    s["cannot_evaluate"] = sum(1 for f in fs if f["status"] == "cannot_evaluate")
    s["fail_by_severity"] = {k: sum(1 for f in fs if f["status"] == "fail" and f["severity"] == k)
                             for k in ("critical", "major", "minor")}
    s["unverified"] = sum(1 for f in fs if f["source_status"] == "unverified")
    return s
