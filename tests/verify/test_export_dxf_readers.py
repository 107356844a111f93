"""The DXF plan read by programs we did not write: GDAL (ogr2ogr), the npm dxf-parser, LibreCAD.

Each test skips when its program is absent (install them with ``make verify-tools``). The rendered
PNG is left in ``out/verify/`` for a person to look at.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from centreplan.exports.dxf import write_dxf
from centreplan.layouts.io import load_layout
from centreplan.planner.geometry import build_plan

pytestmark = pytest.mark.verify

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
NPM_DIR = Path(os.environ.get("VERIFY_NPM_DIR", Path.home() / ".cache" / "verify-npm"))
LAYOUTS = [ROOT / "tests" / "data" / "export_small.yaml", ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml"]
REPORT = {"findings": [{"rule": "AREA-BED-EU", "status": "fail", "severity": "major", "rooms": ["DM1"]}]}


def need(program: str) -> str:
    path = shutil.which(program)
    if not path:
        pytest.skip(f"{program} is not installed (make verify-tools)")
    return path


@pytest.fixture(scope="module", params=[p for p in LAYOUTS if p.exists()], ids=lambda p: p.stem)
def written(request, tmp_path_factory):
    centre = load_layout(request.param)
    path = tmp_path_factory.mktemp("dxf") / f"{request.param.stem}.dxf"
    write_dxf(centre, path, REPORT, "fr")
    return centre, path


def gdal_rows(path: Path, sql: str) -> list[dict]:
    need("ogr2ogr")
    # DXF R2007 and later are UTF-8 whatever $DWGCODEPAGE says; GDAL 3.6 decodes by $DWGCODEPAGE
    # (ANSI_1252) unless told, so it is told
    out = subprocess.run(["ogr2ogr", "--config", "DXF_ENCODING", "UTF-8", "-f", "GeoJSON", "/vsistdout/", str(path),
                          "-dialect", "SQLite", "-sql", sql],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    return [f["properties"] for f in json.loads(out)["features"]]


def test_gdal_reads_every_room_as_a_closed_outline_with_the_models_area(written):
    centre, path = written
    plan = build_plan(centre)
    rows = gdal_rows(path, "SELECT Layer, ST_IsClosed(geometry) AS closed, "
                           "ST_Area(ST_MakePolygon(geometry)) AS area FROM entities "
                           "WHERE Layer LIKE 'A-ROOM-%' AND SubClasses LIKE '%AcDbPolyline'")
    assert len(rows) == len(centre.rooms)
    assert all(r["closed"] == 1 for r in rows)
    # GDAL gives no room id; compare the multiset of areas per layer with the model's
    from centreplan.exports.dxf import room_layer
    ours: dict[str, list[float]] = {}
    for room in centre.rooms:
        ours.setdefault(room_layer(room.use), []).append(plan.area(room.id))
    theirs: dict[str, list[float]] = {}
    for r in rows:
        theirs.setdefault(r["Layer"], []).append(r["area"])
    assert set(theirs) == set(ours)
    for layer, areas in ours.items():
        assert sorted(theirs[layer]) == pytest.approx(sorted(areas), abs=0.01)


def test_gdal_finds_the_layers_and_the_tags(written):
    centre, path = written
    rows = gdal_rows(path, "SELECT Layer, Text FROM entities")
    layers = {r["Layer"] for r in rows}
    assert {"A-WALL", "A-DOOR", "A-GLAZ", "A-AREA-IDEN", "A-ANNO-TTLB", "A-ANNO-DIMS"} <= layers
    tags = [r["Text"] or "" for r in rows if r["Layer"] == "A-AREA-IDEN"]  # the tag blocks' attributes
    assert all(any(t.startswith(room.id) for t in tags) for room in centre.rooms)
    assert any(t.endswith(" m²") for t in tags)  # accents and m² read right (DXF_ENCODING, see gdal_rows)
    # the title block's attributes, in paper space
    assert centre.centre.name in {r["Text"] for r in rows if r["Layer"] == "A-ANNO-TTLB"}


def test_dxf_parser_reads_the_plan(written):
    centre, path = written
    node = need("node")
    if not (NPM_DIR / "node_modules" / "dxf-parser").is_dir():
        pytest.skip("dxf-parser is not installed (make verify-tools)")
    script = SHARED / "verify" / "dump_dxf.js"
    if script.exists():  # install.sh put a copy beside node_modules; take the current one
        shutil.copy(script, NPM_DIR / "dump_dxf.js")
    out = subprocess.run([node, str(NPM_DIR / "dump_dxf.js"), str(path)], capture_output=True, text=True,
                         timeout=120, check=True).stdout
    lines = out.splitlines()
    assert "INSUNITS 6" in lines
    layers = next(line for line in lines if line.startswith("layers ")).split(" ", 1)[1].split(",")
    assert {"A-WALL", "A-DOOR", "A-GLAZ", "A-AREA-IDEN", "A-ISSUE", "A-ROOM-DORMITORY"} <= set(layers)
    counts = {tuple(line.split()[1:3]): int(line.split()[3]) for line in lines if line.startswith("count ")}
    rooms = sum(n for (kind, layer), n in counts.items() if kind == "LWPOLYLINE" and layer.startswith("A-ROOM-"))
    assert rooms == len(centre.rooms)
    # tags, doors and windows are blocks: one INSERT each, and a door and a window in the sheet's legend
    assert counts[("INSERT", "A-AREA-IDEN")] == len(centre.rooms)
    assert counts[("INSERT", "A-DOOR")] == len(build_plan(centre).door_points) + 1
    assert counts[("INSERT", "A-GLAZ")] == sum(len(r.windows or []) for r in centre.rooms) + 1


@pytest.mark.parametrize("attributes", [True, False], ids=["attributes", "librecad-texts"])
def test_librecad_prints_the_sheet_on_one_a3_page(written, attributes, tmp_path):
    centre, path = written
    need("librecad")
    need("pdftoppm")
    need("pdfinfo")
    if not attributes:  # what `centreplan export --cad librecad` writes: values as texts
        path = write_dxf(centre, tmp_path / f"{path.stem}_librecad.dxf", REPORT, "fr", attributes=False)
    out_dir = ROOT / "out" / "verify"
    out_dir.mkdir(parents=True, exist_ok=True)
    res = subprocess.run(["bash", str(ROOT / "tests" / "verify" / "render_dxf.sh"), str(path), str(out_dir), "60"],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    png = Path(res.stdout.strip().splitlines()[-1])
    info = subprocess.run(["pdfinfo", str(png.with_suffix(".pdf"))], capture_output=True, text=True, timeout=60).stdout
    # A3 landscape, 420 × 297 mm = 1191 × 842 pt (the metre drawing once printed on a 420 m page)
    assert "1191 x 842 pts (A3)" in info
    assert png.stat().st_size > 5_000
    from PIL import Image

    with Image.open(png) as im:
        dark = sum(im.convert("L").histogram()[:128])
    assert dark > 1000  # lines and texts were drawn, not a blank page
