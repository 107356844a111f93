"""Evacuation plans: the routes drawn are the door graph's, two nearest exits, one page per room."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from centreplan.exports.evacuation import (
    assembly_place,
    evacuation_pages,
    evacuation_pdf_bytes,
    exit_routes,
    extinguisher_places,
)
from centreplan.layouts.io import load_layout, loads
from centreplan.planner.errors import ExportError
from centreplan.planner.geometry import build_plan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_A = ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml"
DATE = dt.date(2026, 12, 1)

# a corridor 20 × 2 m with an exit at each end, two 5 × 4 m dormitories on it
LINE = """
format: centreplan/1
centre: {name: t}
rooms:
  - {id: C, use: corridor, polygon: [[0,4],[20,4],[20,6],[0,6]]}
  - {id: D1, use: dormitory, group: men, beds: 4, polygon: [[0,0],[5,0],[5,4],[0,4]]}
  - {id: D2, use: dormitory, group: men, beds: 4, polygon: [[15,0],[20,0],[20,4],[15,4]]}
doors:
  - {id: d1, between: [D1, C], width: 0.9, at: [2.5, 4]}
  - {id: d2, between: [D2, C], width: 0.9, at: [17.5, 4]}
  - {id: w, between: [C, outside], width: 1.4, at: [0, 5]}
  - {id: e, between: [C, outside], width: 1.4, at: [20, 5]}
"""


def test_two_nearest_exits_worked_by_hand():
    plan = build_plan(loads(LINE))
    first, second = exit_routes(plan, "D1")
    # from D1's farthest corner to d1 at (2.5, 4): (2.5, 0) or (0,0)... the farthest is (0, 0) or
    # (5, 0), √(2.5² + 4²) = 4.717; then d1 → w (0, 5): √(2.5² + 1²) = 2.693; d1 → e (20, 5): 17.529
    assert first.doors == ["d1", "w"] and second.doors == ["d1", "e"]
    assert first.distance == pytest.approx(4.717 + 2.693, abs=1e-3)
    assert second.distance == pytest.approx(4.717 + 17.529, abs=1e-3)
    assert first.rooms == ["D1", "C", "outside"]


@pytest.mark.parametrize("path", sorted((ROOT / "layouts" / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_the_nearest_route_is_the_librarys(path):
    centre = load_layout(path)
    plan = build_plan(centre)
    lib = plan.routes_to_exit()
    pages = evacuation_pages(centre, plan)
    assert pages
    for pg in pages:
        assert pg.routes, pg.room
        assert pg.routes[0].distance == pytest.approx(lib[pg.room].distance)
        assert pg.routes[0].rooms[-1] == lib[pg.room].rooms[-1]
        if len(pg.routes) > 1:
            assert pg.routes[0].doors[-1] != pg.routes[1].doors[-1]  # two different exits
            assert pg.routes[1].distance >= pg.routes[0].distance


def pages_of(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in mm, from the PDF's page objects."""
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(round(float(w) / 72 * 25.4), round(float(h) / 72 * 25.4)) for w, h in boxes]


def test_one_landscape_page_per_dormitory_family_room_and_corridor():
    centre = load_layout(EXAMPLE_A)
    want = [r.id for r in centre.rooms if r.use in ("dormitory", "family_room", "corridor")]
    pdf = evacuation_pdf_bytes(centre, "fr", date=DATE)
    assert pages_of(pdf) == [(297, 210)] * len(want)
    assert pages_of(evacuation_pdf_bytes(centre, page="a3", uses=["dining"], date=DATE)) == [(420, 297)]


def test_extinguishers_at_exits_and_risk_rooms_and_the_assembly_point_outside():
    plan = build_plan(loads(LINE))
    # 1 m inside each exit: (1, 5) and (19, 5); no kitchen or technical room
    assert sorted(extinguisher_places(plan)) == [pytest.approx((1.0, 5.0)), pytest.approx((19.0, 5.0))]
    # D1 leaves by w, D2 and C by e (C's farthest point is as far from both: e wins on the id);
    # the assembly point is 10 m outside the exit most rooms use
    x, y = assembly_place(plan)
    assert (x, y) in ((pytest.approx(-10.0), pytest.approx(5.0)), (pytest.approx(30.0), pytest.approx(5.0)))
    assert assembly_place(plan, (3.0, 40.0)) == (3.0, 40.0)


def test_no_room_to_plan_and_bad_page_are_refused():
    centre = loads(LINE)
    with pytest.raises(ExportError, match="no room of the kinds"):
        evacuation_pdf_bytes(centre, uses=["kitchen"])
    with pytest.raises(ExportError, match="page size 'B4'"):
        evacuation_pdf_bytes(centre, page="B4")


def test_a_room_with_no_way_out_has_no_route():
    centre = loads("""
format: centreplan/1
centre: {name: t}
rooms:
  - {id: D1, use: dormitory, polygon: [[0,0],[5,0],[5,4],[0,4]]}
""")
    (page,) = evacuation_pages(centre)
    assert page.routes == [] and page.assembly is None
    assert pages_of(evacuation_pdf_bytes(centre, date=DATE)) == [(297, 210)]  # the page says so


def _streams(pdf: bytes) -> list[bytes]:
    """Every content stream of a reportlab PDF, decoded (ASCII85 then Flate; the embedded fonts'
    binary streams left out)."""
    import base64
    import zlib

    out = []
    for raw in re.findall(rb"(?<!end)stream\r?\n(.*?)\r?\n?endstream", pdf, re.S):
        if not raw.endswith(b"~>"):
            continue
        raw = raw[:-2]
        try:
            out.append(zlib.decompress(base64.a85decode(raw, ignorechars=b" \t\n\r\v")))
        except (ValueError, zlib.error):
            continue
    return out


def test_each_level_is_drawn_once_and_placed_on_every_page():
    # regression: each page drew every room of its level again (4,620 pages of a 5,500-room level)
    centre = load_layout(EXAMPLE_A)
    pdf = evacuation_pdf_bytes(centre, "fr", date=DATE)
    pages = len(pages_of(pdf))
    assert len(re.findall(rb"/Subtype /Form", pdf)) == 3  # one level: its rooms, labels and marks
    streams = _streams(pdf)
    placing = [s for s in streams if len(re.findall(rb"/\S+ Do", s)) == 3]
    assert len(placing) == pages  # every page places the three forms
    # a room's outline (a path closed, filled and stroked: "h B*") is in the rooms form once, and
    # on a page only for the room the page is for
    rooms = [r for r in centre.rooms if r.level == 0]
    assert sum(len(re.findall(rb"h\s+B\*", s)) for s in streams if s not in placing) == len(rooms)
    assert all(len(re.findall(rb"h\s+B\*", s)) == 1 for s in placing)


def test_rooms_of_two_separate_buildings_get_the_same_routes_looked_for_among_their_own_exits():
    # the corridor of LINE twice, the second 30 m north: each building's rooms leave by its own exits
    rooms, doors = LINE.split("doors:\n")
    two = (rooms + "  - {id: C2, use: corridor, polygon: [[0,34],[20,34],[20,36],[0,36]]}\n"
           "  - {id: D3, use: dormitory, group: men, beds: 4, polygon: [[0,30],[5,30],[5,34],[0,34]]}\n"
           "doors:\n" + doors + "  - {id: d3, between: [D3, C2], width: 0.9, at: [2.5, 34]}\n"
           "  - {id: n, between: [C2, outside], width: 1.4, at: [20, 35]}\n")
    plan = build_plan(loads(two))
    pages = {pg.room: pg.routes for pg in evacuation_pages(plan.centre, plan)}
    assert [r.doors for r in pages["D3"]] == [["d3", "n"]]  # its building's one exit
    assert [r.doors for r in pages["D1"]] == [["d1", "w"], ["d1", "e"]]
    for room, routes in pages.items():  # the same routes as looked for among every exit
        assert [(r.distance, r.rooms, r.doors) for r in routes] == \
            [(r.distance, r.rooms, r.doors) for r in exit_routes(plan, room)]
