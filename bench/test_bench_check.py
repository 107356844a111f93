"""pytest-benchmark of standards.check against the default packs (run with `make bench`)."""
import pytest

from bench.synthetic import synthetic_centre
from centreplan.planner.geometry import build_plan
from centreplan.standards import check, load_packs


@pytest.mark.parametrize("n", [500, 1000, 5000])
def test_check_default_packs(benchmark, n):
    centre = synthetic_centre(n)
    load_packs()

    def run():
        return check(centre, plan=build_plan(centre))

    report = benchmark.pedantic(run, rounds=3, iterations=1)
    assert report.packs == ["integrity", "humanitarian", "protection", "fire"]
    assert sum(1 for f in report.findings if f.rule == "AREA-BED-EU") > 0
