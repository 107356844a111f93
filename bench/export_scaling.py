"""Every export of a large centre: time and peak memory per format, the DXF against bare ezdxf.

For synthetic centres of N rooms (``bench/synthetic.py``; default 550 and 5,500), each size in a
fresh process so that its peak memory is its own, with the collector set as every ``centreplan``
command sets it (``planner.cli.relax_gc``):

- the centre is checked and its equipment sized once (not counted: ``bench/check_scaling.py``);
- each format is written alone by :func:`exports.bundle.export_all`, as ``centreplan export --formats X``
  writes it (DXF; compliance and procurement PDF; XLSX; CSV; JSON; evacuation plans, one page per
  dormitory, family room and corridor; the exporters' modules imported
  beforehand, once), timed, with the process's peak resident memory after it (``ru_maxrss``, which
  includes the checked centre: what a user running ``centreplan export`` needs) and the peak while that
  format alone was written (Linux: ``VmHWM`` reset before each format through ``/proc/self/clear_refs``);
- the DXF's entities are counted (model space per room, as the issue counts them, and every entity
  written: paper space, block attributes) and the same entities are then written by bare ezdxf (same
  types, same geometry and texts, same layouts; no XDATA, no associations, no layout logic), so the
  export's cost per entity is measured against ezdxf's own in the same run (the aim is at most 1.5×): the
  export once more and bare ezdxf twice, alternated, the best time of each (a shared machine's load
  weighs on both alike).

Prints per size, then the growth from the smallest to the largest size. Run:
``.venv/bin/python bench/export_scaling.py [N ...]`` (takes minutes at 5,500 rooms on a loaded machine).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATE = dt.date(2026, 1, 1)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> bool:
    """Start this process's peak resident memory (VmHWM) afresh; False where Linux does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _peak_mb() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM")) / 1024


def _entities(doc) -> list:
    """Every graphic entity the document writes: model and paper space, with INSERTs' attributes."""
    out = []
    for layout in doc.layouts:
        for e in layout:
            out.append(e)
            if e.dxftype() == "INSERT":
                out += list(e.attribs)
    return out


def _bare_plan(doc) -> list[tuple[str, list[tuple]]]:
    """The entities of ``doc`` as plain data, layout by layout, for :func:`_bare_write`."""
    plan = []
    for layout in doc.layouts:
        items: list[tuple] = []
        for e in layout:
            t = e.dxftype()
            layer = e.dxf.layer
            if t == "LWPOLYLINE":
                items.append((t, layer, list(e.get_points("xy")), e.closed))
            elif t == "HATCH":
                items.append((t, layer, [list(p.vertices) for p in e.paths if hasattr(p, "vertices")]))
            elif t == "INSERT":
                items.append((t, layer, e.dxf.name, tuple(e.dxf.insert)[:2], e.dxf.xscale, e.dxf.rotation,
                              [(a.dxf.tag, a.dxf.text, tuple(a.dxf.insert)[:2], a.dxf.height) for a in e.attribs]))
            elif t in ("TEXT", "MTEXT"):
                items.append((t, layer, e.dxf.text if t == "TEXT" else e.text, tuple(e.dxf.insert)[:2],
                              e.dxf.height if t == "TEXT" else e.dxf.char_height))
            elif t == "LINE":
                items.append((t, layer, tuple(e.dxf.start)[:2], tuple(e.dxf.end)[:2]))
            elif t == "DIMENSION":
                items.append((t, layer, tuple(e.dxf.defpoint)[:2], tuple(e.dxf.defpoint2)[:2],
                              tuple(e.dxf.defpoint3)[:2], e.dxf.get("angle", 0.0)))
            elif t == "VIEWPORT":
                items.append((t, layer, tuple(e.dxf.center)[:2], e.dxf.width, e.dxf.height))
            else:
                items.append(("OTHER", layer, t))
        plan.append((layout.name, items))
    return plan


def _bare_write(plan, blocks: list[str]) -> str:
    """The same entities by bare ezdxf: new document, add each entity with its geometry, write."""
    import ezdxf

    doc = ezdxf.new("R2013", setup=False, units=6)
    for name in blocks:
        doc.blocks.new(name).add_line((0, 0), (1, 0))
    for name, items in plan:
        space = doc.modelspace() if name == "Model" else doc.layouts.new(name)
        for item in items:
            t, layer = item[0], item[1]
            a = {"layer": layer}
            if t == "LWPOLYLINE":
                space.add_lwpolyline(item[2], close=item[3], dxfattribs=a)
            elif t == "HATCH":
                h = space.add_hatch(color=256, dxfattribs=a)
                for path in item[2]:
                    h.paths.add_polyline_path(path, is_closed=True)
            elif t == "INSERT":
                ins = space.add_blockref(item[2], item[3], dxfattribs={**a, "xscale": item[4], "yscale": item[4],
                                                                       "rotation": item[5]})
                for tag, text, at, height in item[6]:
                    ins.add_attrib(tag, text, at, dxfattribs={"height": height, "layer": layer})
            elif t == "TEXT":
                space.add_text(item[2], height=item[4], dxfattribs={**a, "insert": item[3]})
            elif t == "MTEXT":
                space.add_mtext(item[2], dxfattribs={**a, "insert": item[3], "char_height": item[4]})
            elif t == "LINE":
                space.add_line(item[2], item[3], dxfattribs=a)
            elif t == "DIMENSION":
                space.add_linear_dim(base=item[2], p1=item[3], p2=item[4], angle=item[5], dxfattribs=a).render()
            elif t == "VIEWPORT" and name != "Model":
                space.add_viewport(center=item[2], size=(item[3], item[4]), view_center_point=item[2],
                                   view_height=item[4])
            else:
                space.add_point((0, 0), dxfattribs=a)
    stream = io.StringIO()
    doc.write(stream)
    return stream.getvalue()


def measure(n: int) -> dict:
    """One size, in this process."""
    import tempfile

    import centreplan.exports.evacuation
    import centreplan.exports.pdf_procurement
    import centreplan.exports.pdf_report
    import centreplan.exports.sheets  # noqa: F401 (imported before the clock starts: see below)
    from bench.synthetic import synthetic_centre
    from centreplan import equipment, standards
    from centreplan.exports.bundle import export_all
    from centreplan.exports.dxf import build_dxf
    from centreplan.planner.cli import relax_gc
    from centreplan.planner.geometry import build_plan

    relax_gc()  # as `centreplan export` runs
    # every exporter is imported first (ezdxf, reportlab, XlsxWriter: about 1.5 s, once per process,
    # measured by bench/startup_latency.py), so that each format's time is its own work at this size
    centre = synthetic_centre(n)
    plan = build_plan(centre)
    report = standards.check(centre, plan=plan)
    plist = equipment.procurement_list([centre], None, plans=[plan])
    out: dict = {"rooms": n, "findings": len(report.findings), "rss_before_mb": _rss_mb(), "formats": {}}
    cpu: dict[str, float] = {}  # the best processor time of each format (the machine's other work left out)
    with tempfile.TemporaryDirectory() as tmp:  # each format as `centreplan export --formats X` writes it
        def write(fmt: str, where: str) -> tuple[float, dict]:
            t0, c0 = time.perf_counter(), time.process_time()
            paths = export_all(centre, where, [fmt], "en", report=report, procurement=plist, plan=plan, date=DATE)
            seconds = time.perf_counter() - t0
            cpu[fmt] = min(cpu.get(fmt, math.inf), time.process_time() - c0)
            sizes = {p.name.split("_", 1)[-1]: p.stat().st_size for p in paths}
            for p in paths:
                p.unlink()
            return seconds, sizes

        for fmt in ("dxf", "pdf", "xlsx", "csv", "json", "evacuation"):
            alone = _reset_peak()
            seconds, sizes = write(fmt, tmp)
            own = _peak_mb() if alone else None
            so_far = max(own or 0.0, _rss_mb(), *(v["rss_mb"] for v in out["formats"].values()))
            out["formats"][fmt] = {"s": seconds, "bytes": sum(sizes.values()), "rss_mb": so_far, "own_peak_mb": own,
                                   "report_json": sizes.get("report.json")}
        out["export_peak_rss_mb"] = max(v["rss_mb"] for v in out["formats"].values())
        dxf_times = [out["formats"]["dxf"]["s"]]
    doc = build_dxf(centre, report, "en", plan=plan, date=DATE)  # the drawing again, to count its entities
    ents = _entities(doc)
    out["msp_per_room"] = len(doc.modelspace()) / n
    out["entities"] = len(ents)
    out["entities_per_room"] = len(ents) / n
    out["types"] = dict(Counter(e.dxftype() for e in ents).most_common())
    out["sheets"] = len(doc.layouts) - 1
    plan_data = _bare_plan(doc)
    blocks = [b.name for b in doc.blocks if not b.name.startswith("*")]
    del doc, ents
    bare_times, bare_cpu = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for again in (True, False):  # bare, export, bare: alternated
            t0, c0 = time.perf_counter(), time.process_time()
            _bare_write(plan_data, blocks)
            bare_times.append(time.perf_counter() - t0)
            bare_cpu.append(time.process_time() - c0)
            if again:
                dxf_times.append(write("dxf", tmp)[0])
    out["dxf_s_best"] = min(dxf_times)
    out["bare_dxf_s"] = min(bare_times)
    out["dxf_cpu_s"] = cpu["dxf"]
    out["bare_dxf_cpu_s"] = min(bare_cpu)
    return out


def report(rows: list[dict], load_before: float | None = None) -> None:
    before = f"{load_before:.2f} at the start, " if load_before is not None else ""
    print(f"load average: {before}{os.getloadavg()[0]:.2f} at the end (2 cores shared; ratios are in one run)")
    for r in rows:
        f = r["formats"]
        total = sum(v["s"] for v in f.values())
        print(f"\n{r['rooms']:,} rooms, {r['findings']:,} findings; resident memory after the check "
              f"{r['rss_before_mb']:.0f} MB")
        for name, v in f.items():
            own = f"  its own peak {v['own_peak_mb']:5.0f} MB" if v["own_peak_mb"] is not None else ""
            print(f"  {name:5s} {v['s']:7.2f} s  {v['bytes'] / 1e6:7.1f} MB written  "
                  f"peak RSS so far {v['rss_mb']:5.0f} MB{own}")
        print(f"  (report.json {f['json']['report_json'] / 1e6:.1f} MB)")
        peak = r["export_peak_rss_mb"]
        print(f"  all formats {total:7.2f} s (aim 20 s at 5,500 rooms; without the evacuation plans, which are "
              f"written on request, {total - f['evacuation']['s']:.2f} s); peak RSS {peak:.0f} MB (aim 400 MB), "
              f"{peak - r['rss_before_mb']:.0f} MB above the checked centre's")
        ratio = r["dxf_s_best"] / r["bare_dxf_s"]
        print(f"  DXF: {r['entities']:,} entities written ({r['entities_per_room']:.2f} per room; model space "
              f"{r['msp_per_room']:.2f} per room), {r['sheets']} sheets; types {r['types']}")
        print(f"  DXF: export best of 2 {r['dxf_s_best']:.2f} s, the same entities by bare ezdxf best of 2 "
              f"{r['bare_dxf_s']:.2f} s: cost per entity, export / bare {ratio:.2f}x (aim at most 1.5x)")
        print(f"  DXF: processor time, export {r['dxf_cpu_s']:.2f} s, bare ezdxf {r['bare_dxf_cpu_s']:.2f} s: "
              f"{r['dxf_cpu_s'] / r['bare_dxf_cpu_s']:.2f}x (the machine's other work left out)")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        k = b["rooms"] / a["rooms"]
        for name in a["formats"]:
            print(f"growth {a['rooms']:,} -> {b['rooms']:,} rooms ({k:.0f}x): {name} "
                  f"{b['formats'][name]['s'] / a['formats'][name]['s']:.1f}x")


def main(sizes: list[int]) -> list[dict]:
    load_before = os.getloadavg()[0]
    rows = []
    for n in sizes:  # a fresh process per size: its peak memory is its own
        res = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
    report(rows, load_before)
    return rows


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [550, 5_500])
