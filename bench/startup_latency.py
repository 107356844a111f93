"""Start-up time of the command line, against bare Python, measured in one run.

What a user waits for before anything happens: ``centreplan --help``, ``centreplan validate`` of a
small file and ``centreplan check`` of example (a), each as a whole process (import time included),
beside ``python -c pass`` on the same interpreter. Prints the minimum and the median of several runs
and their ratio to bare Python, and the ten slowest imports of ``--help`` (``python -X importtime``).
The aims (issue "fast where people wait"): ``--help`` ≤ 0.3 s and ``validate`` ≤ 0.6 s on a quiet
2-core machine. The package's bytecode is written first, as an install writes it (bench/bytecode.py).
Run: ``.venv/bin/python bench/startup_latency.py``.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bytecode import write_bytecode  # noqa: E402

SMALL = ROOT / "tests" / "data" / "small_centre.yaml"
EXAMPLE = ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml"
RUNS = 7
CLI = [sys.executable, "-m", "centreplan.planner.cli"]


def timed(argv: list[str]) -> list[float]:
    out = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        out.append(time.perf_counter() - t0)
    return out


def slowest_imports(argv: list[str], n: int = 10) -> list[tuple[float, str]]:
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], cwd=ROOT, capture_output=True, text=True)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.split("|")
        try:
            cumulative = int(parts[1].strip()) / 1e6
        except ValueError:
            continue
        name = parts[2].rstrip()
        if not name.startswith("  "):  # top-level imports only: their time includes what they pull in
            rows.append((cumulative, name.strip()))
    return sorted(rows, reverse=True)[:n]


def main() -> None:
    print(write_bytecode())
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "centreplan --help": [*CLI, "--help"],
        "centreplan validate (small file)": [*CLI, "validate", str(SMALL)],
        "centreplan check (example a)": [*CLI, "check", str(EXAMPLE)],
    }
    results = {name: timed(argv) for name, argv in cases.items()}
    floor = min(results["python -c pass"])
    print(f"{'command':<36} {'min s':>7} {'median s':>9} {'× bare python':>14}")
    for name, runs in results.items():
        print(f"{name:<36} {min(runs):>7.3f} {statistics.median(runs):>9.3f} {min(runs) / floor:>14.1f}")
    print("\nslowest top-level imports of --help (cumulative s):")
    for seconds, name in slowest_imports(["-m", "centreplan.planner.cli", "--help"]):
        print(f"  {seconds:>7.3f}  {name}")


if __name__ == "__main__":
    main()
