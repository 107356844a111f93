"""Library time of one edit in the app: rows -> centre -> plan -> check -> plan SVG.

This is what the Plan page does on every edit of the room table (Streamlit's own time is not
included). Runs on example (a) (layouts/examples/a_assistance_centre_120.yaml); without it, on the
synthetic centre of 120 rooms. Prints the median and the worst of 20 edits, each step apart.
The aim is under about 0.3 s per edit. Run: ``.venv/bin/python bench/app_edit_latency.py``.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from centreplan.layouts.edit import apply_tables, door_rows, room_rows  # noqa: E402
from centreplan.layouts.io import load_layout  # noqa: E402
from centreplan.planner.drawing import geometry_failures, plan_svg  # noqa: E402
from centreplan.planner.geometry import build_plan  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml"
EDITS = 20


def check(centre, plan):
    """The check the Plan page runs: the standards' report where it exists, else the geometry."""
    try:
        from centreplan.standards import check as standards_check
    except ImportError:
        return geometry_failures(plan)
    return standards_check(centre, plan=plan)


def main() -> None:
    if EXAMPLE.exists():
        centre, name = load_layout(EXAMPLE), EXAMPLE.name
    else:
        from bench.synthetic import synthetic_centre
        centre, name = synthetic_centre(120), "synthetic centre, 120 rooms (example (a) not found)"
    rows, doors = room_rows(centre), door_rows(centre)
    target = next(i for i, r in enumerate(rows) if r["width"] is not None)
    steps: dict[str, list[float]] = {"tables -> centre": [], "plan": [], "check": [], "svg": [], "total": []}
    for k in range(EDITS):
        rows[target]["depth"] = round(rows[target]["depth"] + (0.01 if k % 2 == 0 else -0.01), 3)
        t0 = time.perf_counter()
        edited = apply_tables(centre, rows, doors)
        t1 = time.perf_counter()
        plan = build_plan(edited)
        t2 = time.perf_counter()
        check(edited, plan)
        t3 = time.perf_counter()
        plan_svg(edited, plan, failing=geometry_failures(plan))
        t4 = time.perf_counter()
        for key, dt in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)):
            steps[key].append(dt)
    print(f"app edit latency on {name}: {len(centre.rooms)} rooms, {len(centre.doors)} doors, {EDITS} edits")
    for key, times in steps.items():
        print(f"  {key:<17} median {statistics.median(times) * 1000:7.1f} ms   worst {max(times) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
