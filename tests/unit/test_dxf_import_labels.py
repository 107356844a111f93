"""Room labels read as a person reads them (layouts/dxf/labels.py, the id pattern of
layouts/dxf_mapping.yaml): a room number with a letter is one room's id, written apart or together."""
from __future__ import annotations

from pathlib import Path

import ezdxf
import pytest
from shapely.geometry import Polygon

from bench.dxf_import_real import REAL
from centreplan.layouts.dxf_import import LabelReader, import_dxf, load_mapping


@pytest.mark.parametrize("label, rid, name", [
    # the French university's labels: two rooms of one number, told apart by a letter after a space
    ("A009 a \nSanitaire F", "A009a", "Sanitaire F"),
    ("A009 b \nSanitaire H", "A009b", "Sanitaire H"),
    ("B017 b DEGAGEMENT", "B017b", "DEGAGEMENT"),
    ("B017 a Dégagement", "B017a", "Dégagement"),
    ("D016 a\nDgt", "D016a", "Dgt"),
    # and written together
    ("D017c \nDégagement E-D", "D017c", "Dégagement E-D"),
    ("F005a\nSanitaires H \n8.24m²", "F005a", "Sanitaires H"),
    ("A12B Salle", "A12B", "Salle"),
    # a lower-case word after the number that goes on in lower case is the name, not a letter of the id
    ("R12 a small office", "R12", "a small office"),
    ("DM1 Dortoir hommes 1", "DM1", "Dortoir hommes 1"),
])
def test_a_room_number_with_a_letter_is_one_id(label, rid, name):
    r = LabelReader(load_mapping()).read(label)
    assert (r.id, r.name) == (rid, name)


def test_regression_two_rooms_of_one_number_keep_their_ids_and_names(tmp_path):
    """Two sanitary rooms side by side labelled "A009 a / Sanitaire F" and "A009 b / Sanitaire H" (as in the
    French university's plan): rooms A009a (women) and A009b (men), named by their second line. Before,
    the id was A009 and the name "a" for the first, the second lost its id (used twice: R01) and was named
    "b", and the report said the id was taken twice."""
    doc = ezdxf.new("R2013")
    doc.header["$INSUNITS"] = 5  # centimetres, as the university's plan
    msp = doc.modelspace()
    for x0, text in ((0, "A009 a \\PSanitaire F"), (300, "A009 b \\PSanitaire H")):
        msp.add_lwpolyline([(x0, 0), (x0 + 300, 0), (x0 + 300, 400), (x0, 400)], close=True,
                           dxfattribs={"layer": "ZONES"})
        msp.add_mtext(text, dxfattribs={"layer": "TEXTES", "char_height": 20, "insert": (x0 + 50, 200)})
    p = tmp_path / "plan.dxf"
    doc.saveas(p)
    res = import_dxf(p, max_wall=0)
    got = sorted((r.id, r.name, r.use, r.group) for r in res.centre.rooms)
    assert got == [("A009a", "Sanitaire F", "sanitary", "women"), ("A009b", "Sanitaire H", "sanitary", "men")]
    assert not res.report.of_kind("label_conflict")


@pytest.mark.skipif(not (REAL / "fr_university_zones_cm.dxf").is_file(), reason="real plans absent")
def test_regression_fr_rooms_numbered_with_a_letter_keep_it():
    """In the French university's plan, the rooms written "A009 a", "B017 b DEGAGEMENT", "D017c", "F005a"…
    are rooms A009a, B017b, D017c, F005a with their names; no id from a label is refused as used twice."""
    res = import_dxf(Path(REAL / "fr_university_zones_cm.dxf"))
    rooms = {r.id: r.name for r in res.centre.rooms}
    assert {k: rooms.get(k) for k in ("A009a", "A009b", "B017a", "B017b", "B017c", "D016a", "D017a", "D017b",
                                      "D017c", "F005a", "F005b", "B015a", "B015b")} == {
        "A009a": "Sanitaire F", "A009b": "Sanitaire H", "B017a": "Dégagement", "B017b": "DEGAGEMENT",
        "B017c": "DEGAGEMENT", "D016a": "Dgt", "D017a": "Circulation", "D017b": "CIRCULATION",
        "D017c": "Dégagement E-D", "F005a": "Sanitaires H", "F005b": "Sanitaires F", "B015a": "Sanitaires F",
        "B015b": "Sanitaires H"}
    assert not [i for i in res.report.of_kind("label_conflict") if "used twice" in i.message]


def test_regression_a_label_written_leftwards_from_just_inside_a_zone_names_the_space_it_is_written_in(tmp_path):
    """A zone B013 (x 5..8 m, on a zone layer) and, left of it, a space closed by walls (x 0..5 m) with no
    zone. Its label "B015 b / Sanitaires H" is an MTEXT attached by its top right corner 10 cm inside the
    zone (x 5.10 m) and written leftwards 1.67 m wide (its box x 3.43..5.10 m, its middle at 4.26 m, in the
    space without a zone): it names that space, room B015b, and B013 keeps its own label only. Before, the
    text's middle lay in no zone, so its corner placed it in B013 (as in the French university's plan):
    the zone's room was read as B015b "Sanitaires H", B013 was lost, and the space without a zone was no
    room."""
    doc = ezdxf.new("R2013")
    doc.header["$INSUNITS"] = 5
    msp = doc.modelspace()
    for a, b in (((0, 0), (800, 0)), ((800, 0), (800, 400)), ((800, 400), (0, 400)), ((0, 400), (0, 0)),
                 ((500, 0), (500, 400))):
        msp.add_line(a, b, dxfattribs={"layer": "MURS"})
    msp.add_lwpolyline([(500, 0), (800, 0), (800, 400), (500, 400)], close=True, dxfattribs={"layer": "ZONES"})
    msp.add_mtext("B013 \\PTechnologie atelier", dxfattribs={"layer": "TEXTES", "char_height": 20,
                                                             "insert": (600, 250), "width": 250})
    msp.add_mtext("B015 b \\PSanitaires H", dxfattribs={"layer": "TEXTES", "char_height": 20, "insert": (510, 300),
                                                         "attachment_point": 3, "width": 167})
    p = tmp_path / "plan.dxf"
    doc.saveas(p)
    rooms = {r.id: r for r in import_dxf(p, max_wall=0.2).centre.rooms}
    assert sorted((k, r.name) for k, r in rooms.items()) == [("B013", "Technologie atelier"), ("B015b", "Sanitaires H")]
    assert Polygon(rooms["B015b"].polygon).area == pytest.approx(5 * 4, abs=0.01)
