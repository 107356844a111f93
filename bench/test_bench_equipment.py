"""pytest-benchmark of the procurement list (run with `make bench`): three centres of n rooms."""
import pytest

from bench.synthetic import synthetic_centre
from centreplan.equipment import procurement_list


@pytest.mark.parametrize("n", [100, 1000, 5000])
def test_procurement_list_three_centres(benchmark, n):
    centres = []
    for i in range(3):
        c = synthetic_centre(n)
        centres.append(c.model_copy(update={"centre": c.centre.model_copy(update={"name": f"Centre {i + 1}"})}))

    pl = benchmark.pedantic(lambda: procurement_list(centres), rounds=3, iterations=1)
    assert pl.centres == ["Centre 1", "Centre 2", "Centre 3"]
    assert all(abs(ln.quantity - sum(ln.per_centre.values())) < 1e-6 for ln in pl.lines)
