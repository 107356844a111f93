"""planner.drawing: the plan SVG is well-formed, coloured by group, and marks failing rooms."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from centreplan.layouts.edit import apply_tables, room_rows
from centreplan.layouts.io import load_layout
from centreplan.planner.drawing import GROUP_COLOURS, geometry_failures, plan_svg
from centreplan.planner.geometry import build_plan

SMALL = Path(__file__).resolve().parents[1] / "data" / "small_centre.yaml"
NS = {"s": "http://www.w3.org/2000/svg"}


def test_svg_has_one_group_per_room_with_its_group_colour():
    c = load_layout(SMALL)
    root = ET.fromstring(plan_svg(c, failing={"DM1": "floor area 2.5 m² per bed < 3.5"}))
    rooms = {g.get("data-room"): g for g in root.iterfind("s:g[@class='room']", NS)}
    assert set(rooms) == {"C1", "DM1", "DW1", "SAN1", "YARD"}
    fill = rooms["DW1"].find("s:polygon", NS).get("fill")
    assert fill == GROUP_COLOURS["women"]
    assert rooms["DM1"].get("data-failing") == "true" and rooms["DW1"].get("data-failing") is None
    assert "floor area 2.5 m² per bed" in rooms["DM1"].find("s:title", NS).text
    # y is flipped: DM1 spans y 0..5 in the plan, so -5..0 in the SVG
    pts = rooms["DM1"].find("s:polygon", NS).get("points")
    assert pts == "0,0 6,0 6,-5 0,-5"
    doors = root.findall("s:circle[@class='door']", NS)
    assert len(doors) == 5


def test_labels_are_escaped_and_translated_legend_is_used():
    c = load_layout(SMALL)
    rows = room_rows(c)
    rows[1]["name"] = "<Dortoir & co>"
    c = apply_tables(c, rooms=rows)
    svg = plan_svg(c, group_labels={"men": "Hommes"}, legend_failing="non conforme")
    root = ET.fromstring(svg)  # parses: the name's < and & are escaped
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Hommes" in texts and "non conforme" in texts


def test_geometry_failures_name_both_overlapping_rooms():
    c = load_layout(SMALL)
    rows = room_rows(c)
    rows[2]["x"] = 5.0  # DW1 moved 1 m left: overlaps DM1 by 1 m x 5 m = 5 m²
    c = apply_tables(c, rooms=rows)
    failing = geometry_failures(build_plan(c))
    assert "rooms DM1 and DW1 overlap by 5.00 m²" in failing["DM1"]
    assert "rooms DM1 and DW1 overlap by 5.00 m²" in failing["DW1"]


def test_an_empty_centre_draws():
    from centreplan.layouts.edit import new_centre
    ET.fromstring(plan_svg(new_centre("x")))


def test_failures_by_room_orders_by_severity_and_uses_the_language():
    from types import SimpleNamespace as F

    from centreplan.planner.drawing import failures_by_room

    findings = [
        F(status="fail", rooms=["DM1"], rule="WIN-LIGHT", severity="minor", message="little daylight",
          message_fr="peu de jour"),
        F(status="fail", rooms=["DM1", "C1"], rule="AREA-BED-EU", severity="major", message="too small ",
          message_fr="trop petit "),
        F(status="pass", rooms=["DW1"], rule="AREA-BED-EU", severity="major", message="fine", message_fr="bien"),
    ]
    assert failures_by_room(findings) == {
        "DM1": "AREA-BED-EU (major): too small\nWIN-LIGHT (minor): little daylight",
        "C1": "AREA-BED-EU (major): too small",
    }
    fr = failures_by_room(findings, "fr", {"major": "majeure", "minor": "mineure"})
    assert fr["DM1"] == "AREA-BED-EU (majeure): trop petit\nWIN-LIGHT (mineure): peu de jour"
    # a finding about BW1 that names the sanitary room LF it measured to marks BW1 only
    far = F(status="fail", rooms=["BW1", "LF"], subject="BW1", rule="DIST-WC", severity="major",
            message="60.5 m to the nearest WC", message_fr="")
    assert failures_by_room([far]) == {"BW1": "DIST-WC (major): 60.5 m to the nearest WC"}
    overlap = F(status="fail", rooms=["DM1", "DW1"], subject="DM1/DW1", rule="GEO-OVERLAP", severity="critical",
                message="overlap", message_fr="")
    assert set(failures_by_room([overlap])) == {"DM1", "DW1"}


# ---- labels fit their room (issue 10: labels overlapped in narrow rooms) ------------------------------

def _wide_site_with_a_narrow_wc():
    from centreplan.layouts.io import centre_from_data

    return centre_from_data({"format": "centreplan/1", "centre": {"name": "Site"}, "rooms": [
        {"id": "YARD", "use": "outdoor", "polygon": [[0, 0], [70, 0], [70, 30], [0, 30]]},
        {"id": "WC", "use": "sanitary", "polygon": [[2, 2], [3.2, 2], [3.2, 3.6], [2, 3.6]]},
        {"id": "CORRIDOR12", "use": "corridor", "polygon": [[5, 2], [6.5, 2], [6.5, 20], [5, 20]]},
    ]}, "test")


def _labels(svg: str) -> dict[str, list[ET.Element]]:
    root = ET.fromstring(svg)
    out: dict[str, list[ET.Element]] = {}
    for t in root.iter("{http://www.w3.org/2000/svg}text"):
        out.setdefault("rot" if t.get("transform") else "flat", []).append(t)
    return out


def test_labels_fit_inside_narrow_rooms():
    """Regression: in a 1.2 m × 1.6 m WC of a 70 m site the area label (1.6 m wide at the size of the
    id) spilled over the neighbouring rooms."""
    from centreplan.planner.drawing import EM

    c = _wide_site_with_a_narrow_wc()
    svg = plan_svg(c, decimal=",")
    texts = [t for ts in _labels(svg).values() for t in ts]
    by_text = {t.text: t for t in texts}
    in_wc = [t for t in texts if 2 <= float(t.get("x")) <= 3.2 and -3.6 <= float(t.get("y")) <= -2]
    assert "WC" in [t.text for t in in_wc]
    for t in in_wc:  # at most 90 % of its 1.2 m width, at 0.62 em a letter
        assert EM * len(t.text) * float(t.get("font-size")) <= 1.2 * 0.9 + 1e-9, t.text
    # the corridor, 1.5 m wide and 18 m long, is labelled along its length, and reads in French
    corridor = by_text["CORRIDOR12"]
    assert corridor.get("transform", "").startswith("rotate(-90")
    assert EM * 10 * float(corridor.get("font-size")) <= 18 * 0.9
    assert "27,0 m²" in by_text
