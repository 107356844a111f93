"""How generating layout options grows with the population, and where the time goes.

For populations of 60 to 600 persons in example (a)'s mix (men 42 %, women 25 %, boys 12.5 %,
girls 8.3 %, family members 12.5 %, a household per 3.75 family members), each on a site sized for
it, generates 3 options (seed 0) and prints per option the seconds spent in the CP-SAT solver, the
room filler (programme, wings, rooms, doors) and the standards check, their shares, and the growth
factor from 60 to 600 persons (time ratio ÷ population ratio: 1.0 is linear). Targets (issue #12):
120 persons under 2 s an option, 500 persons under 5 s an option, on the 2-core machine.
Run: ``.venv/bin/python bench/generate_scaling.py``.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from centreplan.generate import generate, parse_size  # noqa: E402
from centreplan.planner.model import Population  # noqa: E402

# population → site (width x depth, metres): example (a)'s 70 × 50 m for 120 persons, the others
# large enough for their wings
CASES = {60: "60x40", 120: "70x50", 250: "100x80", 500: "130x110", 600: "140x120"}


def population(n: int) -> Population:
    men, women, boys, girls = round(n * 50 / 120), round(n * 30 / 120), round(n * 15 / 120), round(n * 10 / 120)
    fam = max(0, n - men - women - boys - girls)
    return Population(men=men, women=women, boys=boys, girls=girls, family_persons=fam,
                      households=max(1, round(fam / 3.75)) if fam else 0, staff=max(1, round(n / 6)))


def measure(n: int) -> dict:
    t, c = time.perf_counter(), time.process_time()
    result = generate(population(n), parse_size(CASES[n]), options=3, seed=0)
    total, cpu = time.perf_counter() - t, time.process_time() - c
    parts = {k: sum(o.timings[k] for o in result.options) for k in ("solver", "filler", "check")}
    k = len(result.options)
    return {"n": n, "site": CASES[n], "options": k, "rooms": len(result.options[0].centre.rooms),
            "per_option": total / k, "cpu_per_option": cpu / k, "parts": {p: v / k for p, v in parts.items()},
            "compliant": all(o.report.exit_code() == 0 for o in result.options)}


def main() -> None:
    print(f"generate: 3 options per population, seed 0; {os.cpu_count()} CPU(s), "
          f"load average {os.getloadavg()[0]:.1f} at start (the machine is shared: wall-clock times include waiting for a core; 'cpu s' is this process's own time)")
    print(f"{'persons':>7} {'site':>8} {'rooms':>6} {'s/option':>9} {'cpu s':>6} {'solver':>8} {'filler':>8} {'check':>8}"
          f"  {'solver %':>8} {'filler %':>8} {'check %':>8}  compliant")
    rows = []
    for n in CASES:
        r = measure(n)
        rows.append(r)
        p = r["parts"]
        total = sum(p.values()) or 1.0
        print(f"{n:>7} {r['site']:>8} {r['rooms']:>6} {r['per_option']:>9.2f} {r['cpu_per_option']:>6.2f} {p['solver']:>8.2f} {p['filler']:>8.2f} "
              f"{p['check']:>8.2f}  {100 * p['solver'] / total:>7.0f}% {100 * p['filler'] / total:>7.0f}% "
              f"{100 * p['check'] / total:>7.0f}%  {'yes' if r['compliant'] else 'NO'} ({r['options']} options)")
    first, last = rows[0], rows[-1]
    growth = (last["per_option"] / first["per_option"]) / (last["n"] / first["n"])
    print(f"growth {first['n']} → {last['n']} persons: time × {last['per_option'] / first['per_option']:.1f} for "
          f"population × {last['n'] / first['n']:.0f} (factor {growth:.2f}; 1.0 is linear)")
    by_n = {r["n"]: r for r in rows}
    print(f"targets: 120 persons {by_n[120]['per_option']:.2f} s/option wall, {by_n[120]['cpu_per_option']:.2f} s CPU "
          f"(target < 2 s); 500 persons {by_n[500]['per_option']:.2f} s/option wall, "
          f"{by_n[500]['cpu_per_option']:.2f} s CPU (target < 5 s)")


if __name__ == "__main__":
    main()
