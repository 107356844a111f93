"""Area texts in labels (layouts/dxf/areas.py): a check of each room found and a clue to the units."""
from __future__ import annotations

import ezdxf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import Polygon

from centreplan.layouts.dxf.areas import stated_area, unit_from_areas
from centreplan.layouts.dxf_import import import_dxf


@pytest.mark.parametrize("text, value", [
    ("Cuisine 12,5 m²", 12.5), ("12.5 m2", 12.5), ("Fællesrum 60 m2", 60.0), ("F006\nDégagement 18.27m²", 18.27),
    ("Hall 1 234,5 m²", 1234.5), ("GT \n2.51m²", 2.51), ("BUREAU", None), ("2 m2x", None), ("0 m²", None),
    ("R+1 m", None),
])
def test_the_area_a_label_states(text, value):
    assert stated_area(text) == value


@given(st.integers(1, 99_999), st.integers(0, 99), st.sampled_from([",", "."]), st.sampled_from(["m²", "m2", " m²"]))
def test_an_area_written_with_either_decimal_mark_reads_back(whole, cents, mark, unit):
    assert stated_area(f"Salle {whole}{mark}{cents:02d}{unit}") == pytest.approx(whole + cents / 100)


def test_areas_a_hundred_times_too_small_say_centimetres_not_millimetres():
    # labels say 20 and 12 m²; read in mm the outlines measure 0.2 and 0.12 m²: 100 = (10 mm per cm)²
    assert unit_from_areas([(20.0, 0.2), (12.0, 0.121)], "mm") == "cm"
    assert unit_from_areas([(20.0, 20.3), (12.0, 11.8)], "mm") is None  # they fit as read
    assert unit_from_areas([(20.0, 0.2)], "mm") is None  # one text says nothing about the units
    assert unit_from_areas([(20.0, 3.0), (12.0, 40.0)], "mm") is None  # no unit makes them fit


def _plan_in_cm_said_mm(tmp_path, labels):
    """Two rooms drawn in centimetres, 40 × 50 m and 20 × 50 m (4,000 × 5,000 units), whose header says
    millimetres: read in mm the plan is 6 m across, a plausible size, so only the area texts tell."""
    doc = ezdxf.new("R2013")
    doc.header["$INSUNITS"] = 4
    msp = doc.modelspace()
    for (x0, x1), text in zip(((0, 4000), (4000, 6000)), labels):
        msp.add_lwpolyline([(x0, 0), (x1, 0), (x1, 5000), (x0, 5000)], close=True, dxfattribs={"layer": "PIECES"})
        msp.add_text(text, dxfattribs={"layer": "TEXTES", "height": 50, "insert": (x0 + 100, 2500)})
    p = tmp_path / "plan.dxf"
    doc.saveas(p)
    return p


def test_area_texts_set_the_units_when_the_header_is_wrong(tmp_path):
    res = import_dxf(_plan_in_cm_said_mm(tmp_path, ("SALLE 2000 m²", "HALL 1000 m²")), max_wall=0)
    assert res.report.units == "cm"
    areas = sorted(round(Polygon(r.polygon).area, 3) for r in res.centre.rooms)
    assert areas == [1000.0, 2000.0]
    assert any("areas written in the room labels" in i.message and "centimetres" in i.message
               for i in res.report.of_kind("units"))


def test_an_area_text_that_disagrees_with_its_room_is_reported(tmp_path):
    # read in cm: 2,000 m² agrees; the hall is 1,000 m² drawn but labelled 1,500 m² (−33 %)
    res = import_dxf(_plan_in_cm_said_mm(tmp_path, ("SALLE 2000 m²", "HALL 1500 m²")), units="cm", max_wall=0)
    checks = res.report.of_kind("area_check")
    assert any("says 1500 m²" in i.message and "1000.00 m²" in i.message and "-33 %" in i.message for i in checks)
    assert any("2 room label(s) state an area: 1 agree" in i.message for i in checks)
    assert res.report.units == "cm"  # a unit given by the caller always wins
