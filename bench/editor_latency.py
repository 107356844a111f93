"""Library time of one drag in the plan editor: command -> edited centre -> plan -> check -> routes.

What the Plan page does when the mouse is released after dragging a wall (Streamlit's own time and
the browser's are not included): ``resize_room`` (snap, validate, overlap test), the plan's geometry,
the standards check, the route lines of the selected room. Each drag gives a centre not seen before
(the east wall of DF1 goes out and back by a growing step), so nothing is served from a cache. Runs on
example (a) (66 rooms) and, with ``--big``, on a synthetic centre of 5,500 rooms; prints the median
and the worst of each step. The aim is about 0.3 s per drag on example (a).

``--against DIR``: the same drags run alternately on the code of another checkout (``DIR``, e.g. the
main branch) and on this one, in child processes, so both see the same load; prints the ratio of the
medians. Run: ``.venv/bin/python bench/editor_latency.py [--big] [--against /path/to/main]``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml"
DRAGS = 20
STEPS = ("edit (validate)", "plan", "check", "routes", "total")


def drags(centre, room: str, count: int) -> dict[str, list[float]]:
    """Seconds of each step of ``count`` drags of ``room``'s east wall (each drag a new centre)."""
    from centreplan.layouts import plan_edit
    from centreplan.planner.geometry import build_plan

    try:
        from centreplan.standards import check
    except ImportError:  # no standards engine: the geometry problems alone
        from centreplan.planner.drawing import geometry_failures

        def check(centre, plan):
            return geometry_failures(plan)
    else:
        _check = check

        def check(centre, plan):
            return _check(centre, plan=plan)

    steps: dict[str, list[float]] = {k: [] for k in STEPS}
    for k in range(count):
        # widths w+0.1, w-0.1, w+0.2, w-0.2 …: every drag gives another centre
        dx = round(0.1 * (k // 2 + 1) * (1 if k % 2 == 0 else -1), 3)
        t0 = time.perf_counter()
        edited = plan_edit.resize_room(centre, room, "e", dx, 0.0, step=0.1, tolerance=0.0)
        t1 = time.perf_counter()
        plan = build_plan(edited)
        t2 = time.perf_counter()
        check(edited, plan)
        t3 = time.perf_counter()
        plan_edit.route_lines(plan, room)
        t4 = time.perf_counter()
        for key, dt in zip(STEPS, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0)):
            steps[key].append(dt)
    return steps


def report(name: str, centre, steps: dict[str, list[float]]) -> None:
    print(f"plan editor drag on {name}: {len(centre.rooms)} rooms, {len(centre.doors)} doors, "
          f"{len(steps['total'])} drags")
    for key, times in steps.items():
        print(f"  {key:<16} median {statistics.median(times) * 1000:8.1f} ms   worst {max(times) * 1000:8.1f} ms")


def _child(tree: Path, count: int) -> dict[str, float]:
    """Medians (ms) of ``count`` drags on example (a) with the code of ``tree``, in a child process."""
    # the library comes from ``tree``; this file's drags() runs it
    code = ("import importlib.util, json, statistics, sys; sys.path.insert(0, sys.argv[1]); "
            "spec = importlib.util.spec_from_file_location('editor_latency_run', sys.argv[2]); "
            "bench = importlib.util.module_from_spec(spec); spec.loader.exec_module(bench); "
            "from centreplan.layouts.io import load_layout; "
            "s = bench.drags(load_layout(sys.argv[3]), 'DF1', int(sys.argv[4])); "
            "print(json.dumps({k: statistics.median(v) * 1000 for k, v in s.items()}))")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", code, str(tree), __file__, str(EXAMPLE), str(count)],
                         cwd=tree, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(other: Path, rounds: int = 3, count: int = 10) -> None:
    """This checkout against ``other``, alternately, ``rounds`` times ``count`` drags each."""
    runs: dict[str, list[dict[str, float]]] = {"other": [], "this": []}
    for _ in range(rounds):
        runs["other"].append(_child(other, count))
        runs["this"].append(_child(ROOT, count))
    print(f"example (a), DF1's east wall, {rounds} x {count} drags each, alternately "
          f"(load average {os.getloadavg()[0]:.2f}):")
    print(f"  {'step':<16} {other.name:>10} {'this':>10}   ratio this/other")
    for key in STEPS:
        a = statistics.median(r[key] for r in runs["other"])
        b = statistics.median(r[key] for r in runs["this"])
        print(f"  {key:<16} {a:8.1f} ms {b:8.1f} ms   {b / a:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also the synthetic centre of 5,500 rooms (minutes)")
    parser.add_argument("--against", type=Path, help="another checkout to compare with (e.g. the main branch)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from centreplan.layouts.io import load_layout

    if args.against:
        compare(args.against.resolve())
        return
    centre = load_layout(EXAMPLE)
    report(EXAMPLE.name, centre, drags(centre, "DF1", DRAGS))
    if args.big:
        from bench.synthetic import synthetic_centre

        big = synthetic_centre(5500)
        # the last room of the first wing's north side: its east wall is free (wings stand 10 m apart)
        rid = big.rooms[12].id if len(big.rooms) > 12 else big.rooms[-1].id
        report("synthetic centre", big, drags(big, rid, 3))


if __name__ == "__main__":
    main()
