"""How the DXF import scales with the number of rooms (``layouts/dxf_import.py``).

For the synthetic centre of N rooms (``bench/synthetic.py``), best of 3, two drawings:

- **own**: the plan as our export writes it (``exports.dxf``, rooms carry their data; no wall gaps);
- **foreign**: the same rooms drawn as an architect would, at the inner faces of 20 cm walls (each room
  shrunk by 0.10 m), in millimetres, closed LWPOLYLINEs on ``PIECES`` with a TEXT label, doors as ARCs
  on ``PORTES``: the importer reads the labels, snaps the outlines to the wall centre lines and places
  the doors.

Prints, for each, the file size, the time of ezdxf's recover read, of the whole import, and of the import
with wall snapping off (``max_wall=0``; the difference is the snapping), and checks that every room and
door came back. Then the worst case the size limit allows: a file just under 50 MiB of lines on an
unknown layer, to show the time an import of the largest accepted file takes. Run:
``.venv/bin/python bench/dxf_import_scaling.py [N ...]`` (default 100 500 2000).

``--snapping`` measures the wall snapping alone (:func:`layouts.dxf.snapping.snap_to_wall_centres` on
the foreign drawing's room outlines, best of 3) at 250 and 2,000 rooms and prints its growth against
linear: (time at 2,000 / time at 250) / 8 (goal of issue 19: at most 1.3).

``--walls`` measures the rooms found from walls alone likewise: the foreign drawing's outlines drawn as
LINEs on ``MURS`` (both faces of each 20 cm wall), every kitchen's wall to its corridor left open over
its middle metre and a half (an opening carried across along the wall's line: issue 14's kitchen bay), and a
label in each room; the whole import at 250 and 2,000 rooms, best of 3, and its growth against linear.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ezdxf  # noqa: E402

from bench.synthetic import synthetic_centre  # noqa: E402
from centreplan.exports.dxf import write_dxf  # noqa: E402
from centreplan.layouts.dxf_import import MAX_DXF_BYTES, import_dxf, read_dxf  # noqa: E402
from centreplan.planner.geometry import build_plan  # noqa: E402

ROUNDS = 3
LABELS = {"dormitory": "DORTOIR", "family_room": "CHAMBRE FAMILLE", "sanitary": "SANITAIRES",
          "corridor": "COULOIR"}
GROUP_WORDS = {"men": "HOMMES", "women": "FEMMES", "boys": "GARCONS", "girls": "FILLES", "families": "FAMILLES",
               "all": ""}


def foreign_plan(centre, path: Path) -> list:
    """The centre as a foreign plan in mm with 20 cm walls; returns the drawn (shrunk) polygons."""
    plan = build_plan(centre)
    doc = ezdxf.new("R2000", units=4)
    msp = doc.modelspace()
    drawn = []
    for room in centre.rooms:
        inner = plan.polygons[room.id].buffer(-0.10, join_style="mitre")
        drawn.append(inner)
        pts = [(x * 1000, y * 1000) for x, y in inner.exterior.coords[:-1]]
        msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": "PIECES"})
        c = inner.representative_point()
        beds = f" {room.beds} LITS" if room.beds else ""
        label = f"{LABELS[room.use]} {GROUP_WORDS[room.group]}{beds}".strip()
        msp.add_text(label, dxfattribs={"layer": "TEXTES", "insert": (c.x * 1000, c.y * 1000), "height": 200})
    for door in centre.doors:
        x, y = plan.door_points[door.id]
        w = door.width
        if door.to_outside:  # on the end walls of a corridor: a vertical wall
            msp.add_arc((x * 1000, (y - w / 2) * 1000), w * 1000, 0, 90, dxfattribs={"layer": "PORTES"})
        else:  # on a horizontal wall between a room and the corridor: hinge on the room's face
            room = next(r for r in door.between if r != "outside" and plan.rooms[r].use != "corridor")
            below = plan.polygons[room].centroid.y < y
            face = y - 0.10 if below else y + 0.10
            start, end = (270, 360) if not below else (0, 90)
            msp.add_arc(((x - w / 2) * 1000, face * 1000), w * 1000, start, end, dxfattribs={"layer": "PORTES"})
    doc.saveas(path)
    return drawn


def best(fn, *args, **kw):
    times, out = [], None
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        out = fn(*args, **kw)
        times.append(time.perf_counter() - t0)
    return min(times), out


def big_file(path: Path) -> int:
    """Lines on an unknown layer until the file is just under the size limit; returns their count."""
    doc = ezdxf.new("R2000", units=4)
    msp = doc.modelspace()
    per_line = 130  # bytes a LINE takes in the file, about
    n = (MAX_DXF_BYTES - 200_000) // per_line
    for i in range(n):
        msp.add_line((i, 0), (i, 1000), dxfattribs={"layer": "XREF-SITE"})
    doc.saveas(path)
    while path.stat().st_size > MAX_DXF_BYTES:  # trim if the estimate was short
        n = int(n * 0.95)
        doc = ezdxf.new("R2000", units=4)
        for i in range(n):
            doc.modelspace().add_line((i, 0), (i, 1000), dxfattribs={"layer": "XREF-SITE"})
        doc.saveas(path)
    return n


def snapping_growth(small: int = 250, large: int = 2000) -> float:
    """Wall snapping time per room at ``large`` over that at ``small`` (1.0 is linear)."""
    import os

    from centreplan.layouts.dxf.snapping import snap_to_wall_centres

    times = {}
    for n in (small, large):
        centre = synthetic_centre(n)
        plan = build_plan(centre)
        drawn = [plan.polygons[r.id].buffer(-0.10, join_style="mitre") for r in centre.rooms]
        times[n], _ = best(snap_to_wall_centres, drawn, 0.45)
        print(f"{n:>6} rooms: wall snapping {times[n]:.2f} s ({1000 * times[n] / n:.1f} ms/room)")
    growth = (times[large] / times[small]) / (large / small)
    print(f"growth {small} → {large} rooms: {times[large] / times[small]:.1f}× the time for {large / small:.0f}× "
          f"the rooms, {growth:.2f}× linear (load average {os.getloadavg()[0]:.1f})")
    return growth


def walls_plan(centre, path: Path) -> None:
    """The centre's rooms as wall lines only (see the module doc), in mm."""
    from shapely.geometry import LineString, box

    plan = build_plan(centre)
    doc = ezdxf.new("R2000", units=4)
    msp = doc.modelspace()
    for room in centre.rooms:
        inner = plan.polygons[room.id].buffer(-0.10, join_style="mitre")
        ring = LineString(inner.exterior.coords)
        if room.use == "kitchen":  # an opening 1.5 m wide in the middle of its longest side
            x0, y0, x1, y1 = inner.bounds
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            gap = box(cx - 0.75, y0 - 1, cx + 0.75, y0 + 0.01) if x1 - x0 >= y1 - y0 else \
                box(x0 - 1, cy - 0.75, x0 + 0.01, cy + 0.75)
            ring = ring.difference(gap)
        for part in getattr(ring, "geoms", [ring]):
            xy = [(x * 1000, y * 1000) for x, y in part.coords]
            for a, b in zip(xy[:-1], xy[1:]):
                msp.add_line(a, b, dxfattribs={"layer": "MURS"})
        c = inner.representative_point()
        msp.add_text(f"{LABELS[room.use]} {GROUP_WORDS[room.group]}".strip(),
                     dxfattribs={"layer": "TEXTES", "insert": (c.x * 1000, c.y * 1000), "height": 200})
    doc.saveas(path)


def walls_growth(small: int = 250, large: int = 2000) -> float:
    """The import from walls alone: time per room at ``large`` over that at ``small`` (1.0 is linear)."""
    import os

    times: dict[int, float] = {}
    unsnapped: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (small, large):
            centre = synthetic_centre(n)
            path = Path(tmp) / f"walls{n}.dxf"
            walls_plan(centre, path)
            times[n], result = best(import_dxf, path)
            unsnapped[n], _ = best(import_dxf, path, max_wall=0)
            print(f"{n:>6} rooms drawn as walls: import {times[n]:.2f} s ({1000 * times[n] / n:.1f} ms/room), "
                  f"{unsnapped[n]:.2f} s without wall snapping; {len(result.centre.rooms)} rooms found")
    growth = (times[large] / times[small]) / (large / small)
    bare = (unsnapped[large] / unsnapped[small]) / (large / small)
    print(f"growth {small} → {large} rooms: {times[large] / times[small]:.1f}× the time for {large / small:.0f}× "
          f"the rooms, {growth:.2f}× linear ({bare:.2f}× without wall snapping; load average "
          f"{os.getloadavg()[0]:.1f})")
    return growth


def main(sizes: list[int]) -> None:
    print(f"{'N':>6} {'drawing':<8} {'MB':>6} {'read s':>8} {'import s':>9} {'no-snap s':>10} {'ms/room':>8}  result")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            centre = synthetic_centre(n)
            own = write_dxf(centre, Path(tmp) / f"own{n}.dxf")
            foreign = Path(tmp) / f"foreign{n}.dxf"
            foreign_plan(centre, foreign)
            for name, path in (("own", own), ("foreign", foreign)):
                t_read, _ = best(read_dxf, path)
                t_all, result = best(import_dxf, path)
                t_off, _ = best(import_dxf, path, max_wall=0)
                got = result.centre
                # every room and door back, and the doors between rooms found as such (not as exits):
                # for the foreign drawing that needs the walls snapped
                exits = sum(d.to_outside for d in got.doors)
                ok = (len(got.rooms) == n and len(got.doors) == len(centre.doors)
                      and exits == sum(d.to_outside for d in centre.doors))
                problems = len(build_plan(got).problems())
                print(f"{n:>6} {name:<8} {path.stat().st_size / 1e6:>6.1f} {t_read:>8.2f} {t_all:>9.2f} "
                      f"{t_off:>10.2f} {1000 * t_all / n:>8.1f}  {len(got.rooms)} rooms, {len(got.doors)} doors"
                      f" ({'all' if ok else 'NOT all'}), {problems} geometry problems")
        big = Path(tmp) / "big.dxf"
        lines = big_file(big)
        t0 = time.perf_counter()
        result = import_dxf(big)
        t = time.perf_counter() - t0
        print(f"largest accepted file: {big.stat().st_size / 2**20:.1f} MiB, {lines:,} lines on an unknown layer: "
              f"import {t:.1f} s, {sum(sum(v.values()) for v in result.report.unknown_layers.values()):,} "
              "entities reported")


if __name__ == "__main__":
    if "--snapping" in sys.argv[1:]:
        snapping_growth()
    elif "--walls" in sys.argv[1:]:
        walls_growth()
    else:
        main([int(a) for a in sys.argv[1:]] or [100, 500, 2000])
