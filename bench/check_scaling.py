"""How checking a centre against the default packs grows with the number of rooms.

Builds the synthetic centre (bench/synthetic.py) of 500, 1,000 and 5,000 rooms and times, for
each: building the plan, then ``standards.check`` against the default packs (integrity,
humanitarian, protection, fire) on that plan, and the slowest rules. Prints the times and the
growth factor (time ratio divided by size ratio: 1.0 is linear).
Run: ``.venv/bin/python bench/check_scaling.py``.
"""
from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import synthetic_centre  # noqa: E402
from planner.geometry import build_plan  # noqa: E402
from standards import check, load_packs  # noqa: E402
from standards.engine import judge  # noqa: E402
from standards.env import Env  # noqa: E402
from standards.render import Renderer  # noqa: E402

SIZES = (500, 1_000, 5_000)


def per_rule(centre, plan) -> dict[str, float]:
    """Seconds per rule, in the order the checker runs them (shared routes are timed where first built)."""
    env = Env(centre, plan)
    renderer = Renderer(env)
    times: dict[str, float] = defaultdict(float)
    for pack in load_packs():
        for rule in pack.rules:
            t = time.perf_counter()
            judge(rule, env, renderer)
            times[rule.id] += time.perf_counter() - t
    return times


def measure(n: int) -> dict:
    centre = synthetic_centre(n)
    t0, c0 = time.perf_counter(), time.process_time()
    plan = build_plan(centre)
    t1, c1 = time.perf_counter(), time.process_time()
    report = check(centre, plan=plan)
    t2, c2 = time.perf_counter(), time.process_time()
    return {"plan": t1 - t0, "check": t2 - t1, "total": t2 - t0, "check_cpu": c2 - c1, "total_cpu": c2 - c0,
            "findings": len(report.findings),
            "fails": report.summary.fail, "slowest": sorted(per_rule(centre, build_plan(centre)).items(),
                                                            key=lambda kv: -kv[1])[:4]}


def main() -> None:
    # packs and message catalogues are read once per process: keep that out of the timings
    check(synthetic_centre(30))
    results = {n: measure(n) for n in SIZES}
    print("wall-clock seconds (cpu seconds of this process in brackets)")
    print(f"{'rooms':>6} {'plan s':>8} {'check s':>15} {'total s':>15} {'findings':>9}  slowest rules")
    for n, r in results.items():
        slow = ", ".join(f"{rid} {t:.2f}s" for rid, t in r["slowest"])
        print(f"{n:>6} {r['plan']:>8.3f} {r['check']:>7.3f} ({r['check_cpu']:>5.2f}) "
              f"{r['total']:>7.3f} ({r['total_cpu']:>5.2f}) {r['findings']:>9}  {slow}")
    small, large = SIZES[0], SIZES[-1]
    for key in ("check", "total", "check_cpu", "total_cpu"):
        ratio = results[large][key] / results[small][key]
        print(f"growth factor of {key} {small} -> {large} rooms: time x{ratio:.1f} for size x{large / small:.0f}; "
              f"(time ratio / size ratio) = {ratio / (large / small):.2f} (1.0 = linear)")


if __name__ == "__main__":
    main()
