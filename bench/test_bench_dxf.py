"""pytest-benchmark of the DXF export (run with `make bench`); see bench/dxf_scaling.py for the ratio
against bare polylines."""
import datetime as dt

import pytest

from bench.synthetic import synthetic_centre
from centreplan.exports.dxf import dxf_bytes


@pytest.mark.parametrize("n", [500, 5000])
def test_dxf_export(benchmark, n):
    centre = synthetic_centre(n)
    data = benchmark.pedantic(lambda: dxf_bytes(centre, None, "en", date=dt.date(2026, 1, 1)), rounds=1,
                              iterations=1)
    assert data.count(b"\nA-ROOM-") >= n  # every room outline is there
