"""pytest-benchmark of the plan geometry (run with `make bench`)."""
import pytest

from bench.synthetic import synthetic_centre
from centreplan.planner.geometry import build_plan


@pytest.mark.parametrize("n", [500, 1000, 5000])
def test_plan_and_exit_routes(benchmark, n):
    centre = synthetic_centre(n)

    def run():
        plan = build_plan(centre)
        return plan.routes_to_exit()

    routes = benchmark.pedantic(run, rounds=3, iterations=1)
    assert len(routes) == n
