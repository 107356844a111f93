"""Library time of one drag in the plan editor: command -> edited centre -> plan -> check -> editor data.

What the Plan page does when the mouse is released after dragging a wall (Streamlit's own time and
the browser's are not included): ``resize_room`` (snap, validate, overlap test), the plan's geometry,
the standards check, the route lines of the selected room. Runs on example (a) (66 rooms) and on a
synthetic centre of 5,500 rooms; prints the median and the worst of 20 drags, each step apart.
The aim is about 0.3 s per drag on example (a). Run: ``.venv/bin/python bench/editor_latency.py``.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from layouts import plan_edit  # noqa: E402
from layouts.io import load_layout  # noqa: E402
from bench.app_edit_latency import check  # noqa: E402  (the check the Plan page runs)
from planner.geometry import build_plan  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml"
DRAGS = 20


def run(centre, room: str, name: str, drags: int = DRAGS) -> None:
    steps: dict[str, list[float]] = {"edit (validate)": [], "plan": [], "check": [], "routes": [], "total": []}
    for k in range(drags):
        t0 = time.perf_counter()
        edited = plan_edit.resize_room(centre, room, "e", 1.0 if k % 2 == 0 else 0.5, 0.0, step=0.1, tolerance=0.0)
        t1 = time.perf_counter()
        plan = build_plan(edited)
        t2 = time.perf_counter()
        check(edited, plan)
        t3 = time.perf_counter()
        plan_edit.route_lines(plan, room)
        t4 = time.perf_counter()
        for key, dt in zip(steps, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)):
            steps[key].append(dt)
    print(f"plan editor drag on {name}: {len(centre.rooms)} rooms, {len(centre.doors)} doors, {drags} drags")
    for key, times in steps.items():
        print(f"  {key:<16} median {statistics.median(times) * 1000:8.1f} ms   worst {max(times) * 1000:8.1f} ms")


def main() -> None:
    run(load_layout(EXAMPLE), "DF1", EXAMPLE.name)
    from bench.synthetic import synthetic_centre

    big = synthetic_centre(5500)
    # the last room of the first wing's north side: its east wall is free (wings stand 10 m apart)
    run(big, big.rooms[12].id if len(big.rooms) > 12 else big.rooms[-1].id, "synthetic centre", drags=3)


if __name__ == "__main__":
    main()
