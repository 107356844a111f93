"""How the plan geometry's cost grows with the number of rooms.

Builds the synthetic centre of 500, 1,000 and 5,000 rooms and times, in one run: validating the
model, building the Plan (validity, STRtree adjacency, door placement), the door graph, and the
walking routes from every room to the nearest exit. Prints the times and the growth factor
(time ratio divided by size ratio: 1.0 is linear). Run: ``.venv/bin/python bench/geometry_scaling.py``.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_centre  # noqa: E402
from centreplan.planner.geometry import build_plan  # noqa: E402

SIZES = (500, 1_000, 5_000)


def measure(n: int) -> dict[str, float]:
    t0 = time.perf_counter()
    centre = synthetic_centre(n)
    t1 = time.perf_counter()
    plan = build_plan(centre)
    t2 = time.perf_counter()
    graph = plan.graph
    t3 = time.perf_counter()
    routes = plan.routes_to_exit()
    t4 = time.perf_counter()
    assert len(routes) == n and graph.number_of_nodes() == len(centre.doors)
    return {"model": t1 - t0, "plan": t2 - t1, "graph": t3 - t2, "routes": t4 - t3, "total": t4 - t1}


def main() -> None:
    results = {n: measure(n) for n in SIZES}
    print(f"{'rooms':>6} {'model s':>8} {'plan s':>8} {'graph s':>8} {'routes s':>9} {'geometry s':>11}")
    for n, r in results.items():
        print(f"{n:>6} {r['model']:>8.3f} {r['plan']:>8.3f} {r['graph']:>8.3f} {r['routes']:>9.3f} "
              f"{r['total']:>11.3f}")
    small, large = SIZES[0], SIZES[-1]
    ratio = results[large]["total"] / results[small]["total"]
    print(f"growth factor {small} -> {large} rooms: time x{ratio:.1f} for size x{large / small:.0f}; "
          f"(time ratio / size ratio) = {ratio / (large / small):.2f} (1.0 = linear)")


if __name__ == "__main__":
    main()
