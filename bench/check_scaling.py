"""How checking a centre against the default packs grows with the number of rooms, against a floor.

Builds the synthetic centre (bench/synthetic.py) of 550 and 5,500 rooms, writes each as a JSON
layout, and measures in one run:

- the floor: what any check of that file must at least do, as a whole process — start Python,
  load the JSON, make the shapely polygons and find the touching rooms with an STRtree;
- ``centreplan check FILE`` as a whole process (what a user waits for: the failures as text), and
  ``centreplan check FILE --format json`` (every finding with its English and French texts);
- in this process: building the plan, then ``standards.check`` (its CPU time too), and the slowest
  rules of the largest centre;
- the memory of the checked centre: the peak resident size (``ru_maxrss``) of a process that builds
  the largest centre, its plan and its report, before any text is written (what the exports start
  from), and once every finding's texts are written.

Prints the minimum of a few runs, the ratio of the check to the floor (aim: ≤ 5× at 5,500 rooms,
and under 3 s wall on a quiet machine) and the growth 550 → 5,500 (aim: ≤ 11× for 10× the rooms),
with the load average, since the machine may be shared. The package's bytecode is written first, as
an install writes it (bench/bytecode.py): the floor's libraries have theirs. Run:
``.venv/bin/python bench/check_scaling.py`` (``--quick``: one run of each).
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bytecode import write_bytecode  # noqa: E402
from bench.synthetic import synthetic_centre  # noqa: E402
from centreplan.layouts.io import save_layout  # noqa: E402
from centreplan.planner.geometry import build_plan  # noqa: E402
from centreplan.standards import check, load_packs  # noqa: E402
from centreplan.standards.engine import collector_paused, judge  # noqa: E402
from centreplan.standards.env import Env  # noqa: E402
from centreplan.standards.render import Renderer  # noqa: E402

SIZES = (550, 5_500)
RUNS = 3

# The floor, as its own process: JSON load + shapely polygons + STRtree adjacency (touching pairs).
FLOOR = """
import json, sys
import numpy as np
import shapely
data = json.load(open(sys.argv[1], encoding="utf-8"))
polys = shapely.polygons([r["polygon"] for r in data["rooms"]])
tree = shapely.STRtree(polys)
left, right = tree.query(polys, predicate="intersects")
keep = left < right
walls = shapely.intersection(shapely.boundary(polys[left[keep]]), shapely.boundary(polys[right[keep]]))
print(len(polys), int(keep.sum()), float(shapely.length(walls).sum()))
"""


# The memory of the checked centre, as its own process: peak resident MB after the check, then after
# every text is written.
MEMORY = """
import resource, sys
sys.path.insert(0, sys.argv[2])
from bench.synthetic import synthetic_centre
from centreplan.planner.geometry import build_plan
from centreplan.standards import check
centre = synthetic_centre(int(sys.argv[1]))
report = check(centre, plan=build_plan(centre))
checked = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
report.ready()
print(checked, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def memory(n: int) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", MEMORY, str(n), str(ROOT)], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def wall(argv: list[str], runs: int) -> tuple[float, float]:
    """The least wall-clock and the least CPU seconds (user + system) of ``runs`` runs of ``argv``
    (CPU time stretches less than wall time when the machine is shared)."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return best, best_cpu


def per_rule(centre, plan) -> dict[str, float]:
    """Seconds per rule, in the order the checker runs them (shared routes are timed where first built)."""
    env = Env(centre, plan)
    renderer = Renderer(env)
    times: dict[str, float] = defaultdict(float)
    with collector_paused():  # as standards.check runs them
        for pack in load_packs():
            for rule in pack.rules:
                t = time.perf_counter()
                judge(rule, env, renderer)
                times[rule.id] += time.perf_counter() - t
    return times


def in_process(n: int) -> dict:
    centre = synthetic_centre(n)
    t0, c0 = time.perf_counter(), time.process_time()
    plan = build_plan(centre)
    t1, c1 = time.perf_counter(), time.process_time()
    report = check(centre, plan=plan)
    t2, c2 = time.perf_counter(), time.process_time()
    return {"plan": t1 - t0, "check": t2 - t1, "check_cpu": c2 - c1, "findings": len(report.findings),
            "fails": report.summary.fail}


def main() -> None:
    runs = 1 if "--quick" in sys.argv else RUNS
    py = sys.executable
    print(write_bytecode())
    check(synthetic_centre(30))  # packs and catalogues are read once per process: keep that out
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for n in SIZES:
            files[n] = Path(tmp) / f"synthetic_{n}.json"
            save_layout(synthetic_centre(n), files[n])
        rows = {}
        for n in SIZES:
            floor, floor_cpu = wall([py, "-c", FLOOR, str(files[n])], runs)
            cli, cli_cpu = wall([py, "-m", "centreplan.planner.cli", "check", str(files[n])], runs)
            cli_json, _ = wall([py, "-m", "centreplan.planner.cli", "check", str(files[n]), "--format", "json"], runs)
            rows[n] = {"floor": floor, "floor_cpu": floor_cpu, "cli": cli, "cli_cpu": cli_cpu, "cli_json": cli_json,
                       **in_process(n)}
    print(f"load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"now {' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores: above 2, timings stretch)")
    print("whole processes, wall-clock seconds (minimum of %d):" % runs)
    print(f"{'rooms':>6} {'floor':>7} {'check':>7} {'×floor':>7} {'--format json':>14} {'×floor':>7}"
          f" {'cpu: floor':>11} {'check':>7} {'×floor':>7}")
    for n, r in rows.items():
        print(f"{n:>6} {r['floor']:>7.2f} {r['cli']:>7.2f} {r['cli'] / r['floor']:>7.1f} "
              f"{r['cli_json']:>14.2f} {r['cli_json'] / r['floor']:>7.1f}"
              f" {r['floor_cpu']:>11.2f} {r['cli_cpu']:>7.2f} {r['cli_cpu'] / r['floor_cpu']:>7.1f}")
    print("\nin this process (imports done): plan + standards.check, seconds")
    print(f"{'rooms':>6} {'plan':>7} {'check':>7} {'(cpu)':>7} {'findings':>9} {'fails':>6}")
    for n, r in rows.items():
        print(f"{n:>6} {r['plan']:>7.2f} {r['check']:>7.2f} {r['check_cpu']:>7.2f} {r['findings']:>9} {r['fails']:>6}")
    small, large = SIZES
    size = large / small
    print(f"\ngrowth {small} -> {large} rooms (size ×{size:.0f}; aim ≤ ×11):")
    for key, label in (("cli", "centreplan check"), ("cli_cpu", "  its cpu"), ("cli_json", "check --format json"),
                       ("check", "standards.check in process"), ("check_cpu", "  its cpu")):
        print(f"  {label:<28} ×{rows[large][key] / rows[small][key]:.1f}")
    print(f"\nratio to the floor at {large} rooms (aim ≤ 5×, and under 3 s wall on a quiet machine): "
          f"check ×{rows[large]['cli'] / rows[large]['floor']:.1f} ({rows[large]['cli']:.2f} s against "
          f"{rows[large]['floor']:.2f} s); in CPU time ×{rows[large]['cli_cpu'] / rows[large]['floor_cpu']:.1f}")
    checked, texts = memory(large)
    print(f"memory of the checked centre of {large} rooms (peak resident): {checked:.0f} MB after the check, "
          f"{texts:.0f} MB once every text is written")
    slow = sorted(per_rule(synthetic_centre(large), build_plan(synthetic_centre(large))).items(),
                  key=lambda kv: -kv[1])[:6]
    print("slowest rules at %d rooms: %s" % (large, ", ".join(f"{rid} {t:.2f}s" for rid, t in slow)))


if __name__ == "__main__":
    main()
