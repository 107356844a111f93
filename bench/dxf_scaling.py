"""The DXF export of a large centre against writing the same number of bare closed polylines.

For the synthetic centre of 5,000 rooms (``bench/synthetic.py``), in one run, best of 3:

- baseline: ``ezdxf.new("R2013", setup=True, units=6)``, one closed LWPOLYLINE per room (the room's
  points), written to a string;
- export: :func:`exports.dxf.dxf_bytes` (plan geometry included; model space written out as it is drawn,
  as every export writes it), with the drawing held whole (:func:`exports.dxf.build_dxf`, then written)
  timed apart to show where the time goes.

Prints both times and their ratio (the aim is at most 2×), where the export's time goes, and the
time per entity written against the bare polylines' (the export writes several entities per room).
Run: ``.venv/bin/python bench/dxf_scaling.py [N]``.
"""
from __future__ import annotations

import datetime as dt
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ezdxf  # noqa: E402

from bench.synthetic import synthetic_centre  # noqa: E402
from centreplan.exports.dxf import build_dxf, dxf_bytes, dxf_text  # noqa: E402
from centreplan.planner.geometry import build_plan  # noqa: E402

ROUNDS = 3


def bare_polylines(centre) -> str:
    doc = ezdxf.new("R2013", setup=True, units=6)
    msp = doc.modelspace()
    for room in centre.rooms:
        msp.add_lwpolyline(room.polygon, close=True, dxfattribs={"layer": "ROOMS"})
    stream = io.StringIO()
    doc.write(stream)
    return stream.getvalue()


def best(fn, *args, **kw) -> tuple[float, object]:
    times, out = [], None
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        out = fn(*args, **kw)
        times.append(time.perf_counter() - t0)
    return min(times), out


def main(n: int = 5_000) -> float:
    centre = synthetic_centre(n)
    report = {"findings": [{"rule": "AREA-BED-EU", "status": "fail", "rooms": [r.id for r in centre.rooms[::7]]}]}
    t_bare, bare = best(bare_polylines, centre)
    t_plan, plan = best(build_plan, centre)
    t_build, doc = best(build_dxf, centre, report, "en", plan=plan, date=dt.date(2026, 1, 1))
    t_write, text = best(dxf_text, doc)
    t_all, _ = best(lambda: dxf_bytes(centre, report, "en", date=dt.date(2026, 1, 1)))
    ratio = t_all / t_bare
    entities = len(doc.modelspace())
    per_entity = (t_all / entities) / (t_bare / len(centre.rooms))
    print(f"{n:,} rooms, {len(centre.doors):,} doors")
    print(f"  bare closed polylines (new + add + write): {t_bare:7.3f} s, {len(bare) / 1e6:6.1f} MB")
    print(f"  centreplan DXF export (geometry + build + write): {t_all:7.3f} s, {len(text) / 1e6:6.1f} MB")
    print(f"    the drawing held whole: plan geometry {t_plan:.3f} s, building entities {t_build:.3f} s, "
          f"writing {t_write:.3f} s")
    print(f"  ratio export / bare: {ratio:.2f}x (aim: at most 2x)")
    print(f"  the export writes {entities:,} model-space entities ({entities / len(centre.rooms):.1f} per room: "
          f"fill, outline, label, door leaf and swing, window, walls, issues);")
    print(f"  time per entity written, export / bare: {per_entity:.2f}x")
    return ratio


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5_000)
