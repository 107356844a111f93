"""Golden file: the procurement list of the reference §10 worked example as JSON.

Regenerate after a deliberate change with ``CENTREPLAN_UPDATE_GOLDEN=1 pytest tests/unit/test_equipment_golden.py``
and review the diff: every changed quantity, basis or price must be explained in the commit.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from centreplan.equipment import procurement_list
from tests.unit.equipment_layouts import worked_example_centre

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "equip_worked_example_120.json"
PARAMS = {
    "supply_months": 1,
    "as_of": "2026-11-30",  # prices are aged against a fixed date, so the file does not change with the day
    "fx": {"CHF": {"eur_per_unit": 1.06, "date": "2026-11-20", "source": "test rate"},
           "USD": {"eur_per_unit": 0.92, "date": "2026-11-20", "source": "test rate"}},
    "centres": {"Worked example 120": {"women_15_49": 30, "children_0_6": 10, "children_7_18": 20}},
}


def test_worked_example_json_matches_the_golden_file():
    data = procurement_list([worked_example_centre()], PARAMS).to_json_data()
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if os.environ.get("CENTREPLAN_UPDATE_GOLDEN") or not GOLDEN.exists():
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
