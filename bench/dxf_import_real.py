"""The DXF import on eight real plans drawn by other people (``../shared/samples/real_dxf/``, never
copied into the project): rooms found against what a person sees in each (``expectations.md`` there).

For each file: rooms a person sees and labelled rooms (from ``expectations.md``), rooms imported, rooms
given a label from the drawing, the area check (rooms whose label states an area, ``60 m2``: how many
have their area within 2 % of it, and the median error) and the import time. Rooms are counted as the
importer returns them (the labelled plan, or the plan with door swings, when the model space holds
several drawings). Run: ``.venv/bin/python bench/dxf_import_real.py [FOLDER]``.
"""
from __future__ import annotations

import os
import re
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from centreplan.layouts.dxf_import import import_dxf  # noqa: E402

REAL = Path(os.environ.get("CENTREPLAN_SHARED") or Path(__file__).resolve().parents[1].parent / "shared") \
    / "samples" / "real_dxf"
_AREA = re.compile(r"(\d+(?:[.,]\d+)?)\s*m(?:²|2)(?![\w])", re.IGNORECASE)
_NET = re.compile(r"drawn \(net\) area (\d+(?:\.\d+)?) m²")
_MADE_UP_ID = re.compile(r"^R\d+$")


@dataclass
class Expected:
    rooms: int
    labelled: int


@dataclass
class Measured:
    file: str
    expected: Expected
    found: int
    labelled: int
    areas_checked: int
    areas_within_2pc: int
    median_area_error: float | None
    seconds: float
    units: str
    error: str | None = None


def expectations(folder: Path = REAL) -> dict[str, Expected]:
    """Rooms and labelled rooms per file, from the table of ``expectations.md`` (``≈ 96`` → 96;
    ``87 numbered rooms + 9 stairs`` → 96)."""
    out: dict[str, Expected] = {}
    for line in (folder / "expectations.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        name = cells[0].strip("`")

        def first(cell: str) -> int:
            nums = re.findall(r"(?:^|\+\s*)≈?\s*(\d+)", cell)
            return sum(int(n) for n in nums) if nums else 0
        out[name] = Expected(first(cells[1]), first(cells[2]))
    return out


def measure(path: Path, expected: Expected) -> Measured:
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = import_dxf(path)
        except Exception as e:  # recorded, and the test fails on it
            return Measured(path.name, expected, 0, 0, 0, 0, None, time.perf_counter() - t0, "?",
                            f"{type(e).__name__}: {e}")
    seconds = time.perf_counter() - t0
    from shapely.geometry import Polygon

    rooms = result.centre.rooms
    labelled = sum(1 for r in rooms if r.name or not _MADE_UP_ID.match(r.id))
    errors = []
    for r in rooms:
        m = _AREA.search(r.name or "")
        if not m:
            continue
        stated = float(m.group(1).replace(",", "."))
        net = _NET.search(r.notes or "")
        got = float(net.group(1)) if net else Polygon(r.polygon).area
        errors.append(abs(got - stated) / stated)
    within = sum(1 for e in errors if e <= 0.02)
    return Measured(path.name, expected, len(rooms), labelled, len(errors), within,
                    statistics.median(errors) if errors else None, seconds, result.report.units)


def table(rows: list[Measured]) -> str:
    head = ("| file | expected rooms | found | expected labelled | labelled | area texts within 2 % "
            "(median error) | units read | seconds |")
    out = [head, "|---|---:|---:|---:|---:|---|---|---:|"]
    for m in rows:
        area = (f"{m.areas_within_2pc}/{m.areas_checked} ({100 * m.median_area_error:.1f} %)"
                if m.areas_checked else "–")
        found = "CRASH " + m.error if m.error else str(m.found)
        out.append(f"| {m.file} | {m.expected.rooms} | {found} | {m.expected.labelled} | {m.labelled} | {area} "
                   f"| {m.units} | {m.seconds:.1f} |")
    exp = sum(m.expected.rooms for m in rows)
    found = sum(min(m.found, m.expected.rooms) for m in rows)
    lab_exp = sum(m.expected.labelled for m in rows)
    lab = sum(min(m.labelled, m.expected.labelled) for m in rows)
    out.append(f"| **total** | {exp} | {found} ({100 * found / exp:.0f} %, capped per file) | {lab_exp} | "
               f"{lab} ({100 * lab / max(lab_exp, 1):.0f} %) | | | {sum(m.seconds for m in rows):.1f} |")
    return "\n".join(out)


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else REAL
    if not (folder / "expectations.md").is_file():
        print(f"no real plans in {folder} (expectations.md missing)")
        return 1
    exp = expectations(folder)
    rows = [measure(folder / name, e) for name, e in sorted(exp.items()) if (folder / name).is_file()]
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
