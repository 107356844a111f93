"""DXF import of drawings drawn by other people: arrays, rooms from walls, labels on any layer, units
the drawing suggests, several drawings in one model space. Plans built by hand with ezdxf, worked out
by hand (millimetres unless said)."""
from __future__ import annotations

from pathlib import Path

import ezdxf
import pytest
from shapely.geometry import Polygon

from layouts.dxf_import import import_dxf


def save(doc, tmp_path: Path, name: str = "plan.dxf") -> Path:
    p = tmp_path / name
    doc.saveas(p)
    return p


def new_doc(insunits: int | None = 4):
    doc = ezdxf.new("R2013")
    if insunits is None:
        doc.header.remove("$INSUNITS") if "$INSUNITS" in doc.header else None
    else:
        doc.header["$INSUNITS"] = insunits
    return doc


def area(room) -> float:
    return Polygon(room.polygon).area


# ---- issue 11, point 10: MINSERT arrays ------------------------------------------------------------

def test_regression_minsert_array_imports_every_copy_not_only_the_first(tmp_path):
    """A row of three identical rooms drawn as one MINSERT (3 columns, 5 m apart) came in as one room."""
    doc = new_doc()
    blk = doc.blocks.new("CELL")
    blk.add_lwpolyline([(0, 0), (4000, 0), (4000, 3000), (0, 3000)], close=True, dxfattribs={"layer": "PIECES"})
    blk.add_text("CHAMBRE", dxfattribs={"layer": "TEXTES", "height": 200, "insert": (500, 1500)})
    ins = doc.modelspace().add_blockref("CELL", (0, 0), dxfattribs={"layer": "0"})
    ins.grid(size=(1, 3), spacing=(0, 5000))  # rows, columns; row spacing, column spacing
    res = import_dxf(save(doc, tmp_path), max_wall=0)
    xs = sorted(min(x for x, _ in r.polygon) for r in res.centre.rooms)
    assert xs == [0.0, 5.0, 10.0]
    assert all(abs(area(r) - 12.0) < 1e-6 for r in res.centre.rooms)


def test_minsert_array_too_large_is_reported_not_expanded(tmp_path):
    doc = new_doc()
    blk = doc.blocks.new("TILE")
    blk.add_lwpolyline([(0, 0), (300, 0), (300, 300), (0, 300)], close=True, dxfattribs={"layer": "PIECES"})
    ins = doc.modelspace().add_blockref("TILE", (0, 0))
    ins.grid(size=(200, 200), spacing=(300, 300))  # 40,000 copies of a floor tile
    res = import_dxf(save(doc, tmp_path), max_wall=0)
    items = res.report.of_kind("array")
    assert len(items) == 1 and "40000 copies" in items[0].message.replace(",", "").replace("\u202f", "")
    assert len(res.centre.rooms) == 1  # the first copy only, said in the report
