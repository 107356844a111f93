"""DXF import: hand-written R12 plans, labels, units, walls, report, bad files, AutoCAD samples."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from centreplan.layouts.dxf_import import import_dxf

# ---- a minimal R12 (AC1009) ASCII writer, written by hand so that ezdxf did not write these files ----

def _tags(*pairs) -> str:
    return "".join(f"{code:>3}\n{value}\n" for code, value in pairs)


def r12_polyline(points, layer="PIECES", closed=True) -> str:
    out = _tags((0, "POLYLINE"), (8, layer), (66, 1), (10, "0.0"), (20, "0.0"), (30, "0.0"), (70, 1 if closed else 0))
    for x, y in points:
        out += _tags((0, "VERTEX"), (8, layer), (10, f"{x:.3f}"), (20, f"{y:.3f}"), (30, "0.0"))
    return out + _tags((0, "SEQEND"), (8, layer))


def r12_text(x, y, text, layer="TEXTES", height=250) -> str:
    return _tags((0, "TEXT"), (8, layer), (10, f"{x:.3f}"), (20, f"{y:.3f}"), (30, "0.0"), (40, height), (1, text))


def r12_arc(cx, cy, r, a0, a1, layer="PORTES") -> str:
    return _tags((0, "ARC"), (8, layer), (10, f"{cx:.3f}"), (20, f"{cy:.3f}"), (30, "0.0"), (40, f"{r:.3f}"),
                 (50, f"{a0:.1f}"), (51, f"{a1:.1f}"))


def r12_line(x0, y0, x1, y1, layer) -> str:
    return _tags((0, "LINE"), (8, layer), (10, x0), (20, y0), (30, 0), (11, x1), (21, y1), (31, 0))


def r12_file(entities: str, insunits: int | None = 4, codepage: str | None = None) -> str:
    header = _tags((9, "$ACADVER"), (1, "AC1009"))
    if codepage:
        header += _tags((9, "$DWGCODEPAGE"), (3, codepage))
    if insunits is not None:
        header += _tags((9, "$INSUNITS"), (70, insunits))
    return (_tags((0, "SECTION"), (2, "HEADER")) + header + _tags((0, "ENDSEC"))
            + _tags((0, "SECTION"), (2, "ENTITIES")) + entities + _tags((0, "ENDSEC"), (0, "EOF")))


def rect(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def write(tmp_path: Path, text: str, name: str = "plan.dxf", encoding: str = "ascii") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def room_named(centre, fragment: str):
    hits = [r for r in centre.rooms if r.name and fragment in r.name]
    assert len(hits) == 1, [r.name for r in centre.rooms]
    return hits[0]


def area(room) -> float:
    from shapely.geometry import Polygon

    return Polygon(room.polygon).area


# A centre drawn as architects draw: rooms at the inner faces of 200 mm walls, in millimetres, labels
# in French (R12, code page ANSI_1252 so that "RÉFECTOIRE" is one byte per letter).
#
#   y 11400..16000  H COUR (whole width)
#   y  7200..11200  E SANITAIRES FEMMES x0..3000 | F DORTOIR FEMMES 6 LITS x3200..9000 | G SALLE DE SOINS x9200..14000
#   y  5200.. 7000  D COULOIR x0..14000
#   y     0.. 5000  A DORTOIR HOMMES 8 LITS x0..6000 | B SANITAIRES HOMMES x6200..9000 | C RÉFECTOIRE x9200..14000
CENTRE_ROOMS = [
    (rect(0, 0, 6000, 5000), "DORTOIR HOMMES 8 LITS"),
    (rect(6200, 0, 9000, 5000), "SANITAIRES HOMMES"),
    (rect(9200, 0, 14000, 5000), "RÉFECTOIRE"),
    (rect(0, 5200, 14000, 7000), "COULOIR"),
    (rect(0, 7200, 3000, 11200), "SANITAIRES FEMMES"),
    (rect(3200, 7200, 9000, 11200), "DORTOIR FEMMES 6 LITS"),
    (rect(9200, 7200, 14000, 11200), "SALLE DE SOINS"),
    (rect(0, 11400, 14000, 16000), "COUR"),
]
# door swings: hinge on a room's face, radius = leaf width, quarter arc into one of the two rooms
CENTRE_DOORS = [
    (1000, 5000, 900, 0, 90),     # A - D
    (7000, 5000, 800, 0, 90),     # B - D
    (10000, 5000, 900, 0, 90),    # C - D
    (1000, 7200, 800, 270, 360),  # E - D
    (4000, 7200, 900, 270, 360),  # F - D
    (10000, 7200, 900, 270, 360), # G - D
    (0, 5500, 1200, 90, 180),     # D - outside (west)
    (14000, 5500, 1200, 0, 90),   # D - outside (east)
    (5000, 11200, 900, 0, 90),    # F - H (courtyard)
]


def centre_plan(insunits: int | None = 4) -> str:
    ents = ""
    for pts, label in CENTRE_ROOMS:
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        ents += r12_polyline(pts, layer="PIECES")
        ents += r12_text(min(xs) + 300, (min(ys) + max(ys)) / 2, label, layer="TEXTES")
    for cx, cy, r, a0, a1 in CENTRE_DOORS:
        ents += r12_arc(cx, cy, r, a0, a1, layer="PORTES")
        ents += r12_line(cx, cy, cx, cy + r, layer="PORTES")  # the leaf
    ents += r12_line(-200, -200, 14200, -200, layer="MURS")
    ents += r12_text(0, -2000, "PLAN DU REZ-DE-CHAUSSEE 1/100", layer="CARTOUCHE")
    return r12_file(ents, insunits=insunits, codepage="ANSI_1252")


def write_centre(tmp_path: Path, insunits: int | None = 4) -> Path:
    return write(tmp_path, centre_plan(insunits), "centre.dxf", encoding="cp1252")


# ---- rooms, labels, units from a hand-written R12 plan ---------------------------------------------

def test_r12_plan_rooms_from_french_labels_with_walls_snapped_to_centre_lines(tmp_path):
    from centreplan.planner.geometry import build_plan

    result = import_dxf(write_centre(tmp_path))
    centre, report = result.centre, result.report
    assert report.units == "mm" and report.units_from == "file" and report.metres_per_unit == 0.001
    assert len(centre.rooms) == 8
    expect = {  # name: (use, group, beds)
        "DORTOIR HOMMES 8 LITS": ("dormitory", "men", 8),
        "SANITAIRES HOMMES": ("sanitary", "men", 0),
        "RÉFECTOIRE": ("dining", "all", 0),
        "COULOIR": ("corridor", "all", 0),
        "SANITAIRES FEMMES": ("sanitary", "women", 0),
        "DORTOIR FEMMES 6 LITS": ("dormitory", "women", 6),
        "SALLE DE SOINS": ("medical", "all", 0),
        "COUR": ("outdoor", "all", 0),
    }
    assert {r.name: (r.use, r.group, r.beds) for r in centre.rooms} == expect
    plan = build_plan(centre)
    assert plan.problems() == []
    # drawn areas: 30 + 14 + 24 + 25.2 + 12 + 23.2 + 19.2 + 64.4 = 212.0 m²; the walls between rooms
    # (224 - 212 = 12.0 m²) are shared out, so the rooms now tile the 14 m × 16 m building exactly
    assert sum(plan.area(r.id) for r in centre.rooms) == pytest.approx(14 * 16, abs=1e-6)
    # the men's dormitory reaches the centre lines of the walls to its right (x = 6.1) and above
    # (y = 5.1): 6.1 × 5.1 = 31.11 m², less a 0.09 × 0.025 / 2 × 2 sliver where the wall between
    # the dormitory and the sanitary room meets the corridor wall (0.00225 m²... within 0.01 m²)
    men = room_named(centre, "DORTOIR HOMMES")
    assert area(men) == pytest.approx(6.1 * 5.1, abs=0.01)
    assert "drawn (net) area 30.00 m²" in men.notes
    # doors: six between a room and the corridor, one courtyard door, two exits
    corridor = room_named(centre, "COULOIR").id
    assert len(centre.doors) == 9
    by_pair = {frozenset(d.between): d for d in centre.doors}
    door = by_pair[frozenset((men.id, corridor))]
    # swing hinged at (1000, 5000) mm, radius 900: the opening's middle (1.45, 5.0) m, on the wall's
    # centre line y = 5.1
    assert door.width == 0.9 and door.at == (1.45, 5.1)
    exits = [d for d in centre.doors if d.to_outside]
    assert sorted(d.at for d in exits) == [(0.0, 6.1), (14.0, 6.1)]
    assert plan.reachable_from_exits() == set(plan.ids)
    assert len(report.of_kind("door_outside")) == 2
    assert len(report.of_kind("walls")) == 8


def test_r12_plan_in_unitless_drawing_is_read_in_millimetres_with_a_warning(tmp_path):
    result = import_dxf(write_centre(tmp_path, insunits=None))
    assert result.report.units == "mm" and result.report.units_from == "assumed"
    [item] = result.report.of_kind("units")
    assert "--units" in item.message
    assert "ASSUMED" in result.report.text()
    assert len(result.centre.rooms) == 8


@pytest.mark.parametrize("insunits, units, factor", [
    (6, None, 1.0),        # $INSUNITS 6: metres
    (5, None, 0.01),       # 5: centimetres
    (1, None, 0.0254),     # 1: inches
    (None, "m", 1.0),      # unitless, --units m
    (4, "cm", 0.01),       # --units wins over the file, and the report says so
])
def test_units(tmp_path, insunits, units, factor):
    # one 100 × 50 drawing-unit room: 5000 units², so 5000 × factor² m² (100 in = 2.54 m exactly, so
    # the 1 mm rounding of coordinates does not show)
    text = r12_file(r12_polyline(rect(0, 0, 100, 50), layer="PIECES") + r12_text(10, 10, "BUREAU"), insunits=insunits)
    result = import_dxf(write(tmp_path, text), units=units, max_wall=0)
    [room] = result.centre.rooms
    assert area(room) == pytest.approx(5000 * factor ** 2, rel=1e-9)
    assert room.use == "office"
    if insunits == 4 and units == "cm":
        assert result.report.units_from == "option"
        assert "--units cm was given" in result.report.of_kind("units")[0].message


def test_unsupported_unit_code_asks_for_units(tmp_path):
    from centreplan.planner.errors import DxfImportError

    text = r12_file(r12_polyline(rect(0, 0, 4, 3)), insunits=7)  # kilometres
    with pytest.raises(DxfImportError, match="--units"):
        import_dxf(write(tmp_path, text))
    assert len(import_dxf(write(tmp_path, text), units="m").centre.rooms) == 1


@pytest.mark.parametrize("label, use, groups, beds", [
    ("DORTOIR HOMMES 8 LITS", "dormitory", ["men"], 8),
    ("WC", "sanitary", [], None),
    ("W.C. H", "sanitary", ["men"], None),
    ("SANITAIRES FEMMES", "sanitary", ["women"], None),
    ("CUISINE", "kitchen", [], None),
    ("BUREAU", "office", [], None),
    ("Bureau d'entretien", "interview", [], None),  # the longer phrase wins over BUREAU
    ("SALLE DE SOINS", "medical", [], None),
    ("ISOLEMENT", "isolation", [], None),
    ("RÉFECTOIRE", "dining", [], None),
    ("réfectoire", "dining", [], None),
    ("COUR", "outdoor", [], None),
    ("Chambre famille\n5 lits", "family_room", ["families"], 5),
    ("DORTOIR GARÇONS (lits : 4)", "dormitory", ["boys"], 4),
    ("Espace femmes", "women_space", ["women"], None),
    ("Women's dormitory, 6 beds", "dormitory", ["women"], 6),
    ("SALLE DU PERSONNEL", "staff_room", ["staff"], None),
    ("SANITAIRES HOMMES / FEMMES", "sanitary", ["men", "women"], None),
    ("LOCAL 12", None, [], None),
])
def test_label_keywords(label, use, groups, beds):
    from centreplan.layouts.dxf_import import LabelReader, load_mapping

    reading = LabelReader(load_mapping()).read(label)
    assert (reading.use, reading.groups, reading.beds) == (use, groups, beds)


def test_label_id_at_the_start_of_the_first_line():
    from centreplan.layouts.dxf_import import LabelReader, load_mapping

    reader = LabelReader(load_mapping())
    r = reader.read("DM1 Dortoir hommes 1\n6 lits")
    # a label with an id is structured: the rest of its first line is the name
    assert (r.id, r.name, r.use, r.groups, r.beds) == ("DM1", "Dortoir hommes 1", "dormitory", ["men"], 6)
    assert reader.read("DORTOIR 1").id is None  # a word, not an id
    assert reader.read("P01 - Bureau").id == "P01"
    assert reader.read("SAS · Sas d'isolement").id == "SAS"  # our export's "id · name"
    assert (reader.read("CM\n92.0 m²").id, reader.read("WC\n3.0 m²").id) == ("CM", None)  # a code alone above
    assert reader.read("CM").id is None  # a lone word without anything below is a name
    assert (reader.read("P01\nBureau du chef").id, reader.read("P01\nBureau du chef").name) == ("P01", "Bureau du chef")
    assert reader.read("DM1\n24.0 m² · 6 beds").name is None  # an area is not a name


def test_labels_on_two_texts_are_read_together_and_ids_come_from_labels(tmp_path):
    ents = (r12_polyline(rect(0, 0, 5000, 4000)) + r12_text(500, 3000, "DM1 DORTOIR FILLES")
            + r12_text(500, 2000, "4 LITS") + r12_polyline(rect(5000, 0, 8000, 4000)) + r12_text(5500, 2000, "SF1 WC FILLES"))
    result = import_dxf(write(tmp_path, r12_file(ents)))
    rooms = {r.id: r for r in result.centre.rooms}
    assert set(rooms) == {"DM1", "SF1"}
    assert (rooms["DM1"].use, rooms["DM1"].group, rooms["DM1"].beds) == ("dormitory", "girls", 4)
    assert rooms["DM1"].name == "DORTOIR FILLES"  # the first line after the id
    assert (rooms["SF1"].use, rooms["SF1"].group) == ("sanitary", "girls")


# ---- the report: nothing dropped silently ------------------------------------------------------

def test_report_lists_everything_not_understood(tmp_path):
    ents = (
        r12_polyline(rect(0, 0, 4000, 4000)) + r12_text(1000, 2000, "CUISINE")          # understood
        + r12_polyline(rect(4000, 0, 8000, 4000))                                          # no label
        + r12_polyline(rect(8000, 0, 12000, 4000)) + r12_text(9000, 2000, "LOCAL 12")     # unknown use
        + r12_polyline([(0, 5000), (3000, 5000), (3000, 8000)], closed=False)              # open outline
        + r12_polyline(rect(10000, 2000, 14000, 6000)) + r12_text(13000, 5000, "BUREAU")  # overlaps the third
        + r12_text(50000, 50000, "DORTOIR ?")                                              # outside every room
        + r12_text(2000, 1000, "frigo", layer="MOBILIER")                                  # ignored layer
        + r12_line(0, 0, 1000, 0, layer="XREF-SITE") + r12_line(0, 0, 0, 1000, layer="XREF-SITE")  # unknown layer
        + r12_polyline(rect(20000, 0, 24000, 3000), layer="0")                             # closed, layer unknown
        + r12_text(6000, 3000, "SALON", layer="0")                                         # label on unknown layer
        + r12_polyline(rect(0, 10000, 3000, 13000))                                        # no label
    )
    result = import_dxf(write(tmp_path, r12_file(ents)), max_wall=0)
    report, centre = result.report, result.centre
    counts = report.counts
    assert counts["open_outline"] == 1
    [open_item] = report.of_kind("open_outline")
    assert open_item.at == (0.0, 5.0) and open_item.layer == "PIECES" and open_item.entity == "POLYLINE"
    assert counts["unlabelled"] == 1
    assert counts["use_unknown"] == 1
    assert counts["overlap"] == 1
    [overlap] = report.of_kind("overlap")
    assert "overlap by 4.00 m²" in overlap.message  # [10, 12] × [2, 4] m = 2 × 2 m
    assert counts["text_outside"] == 1 and report.of_kind("text_outside")[0].at == (50.0, 50.0)
    assert counts["unmapped_outline"] == 1
    # a text on a layer the mapping does not know is the label of the outline that holds no other label
    [found] = report.of_kind("label_layer")
    assert "SALON" in found.message and found.room is not None and found.layer == "0"
    assert not report.of_kind("text_unused")
    assert report.unknown_layers["XREF-SITE"] == {"LINE": 2}
    assert report.unknown_layers["0"] == {"POLYLINE": 1, "TEXT": 1}
    assert report.ignored == {"TEXT on MOBILIER (layer ignored by the mapping)": 1}
    # rooms whose use is unknown: storage, with a note saying so, and listed
    by_use = {r.use for r in centre.rooms}
    assert {"kitchen", "office", "recreation"} <= by_use
    storage = [r for r in centre.rooms if r.use == "storage"]
    assert len(storage) == 2
    assert {r.notes for r in storage} == {"no label in the drawing: use not known — set it",
                                         "use not recognised from label 'LOCAL 12' — set it"}
    text = report.text()
    for words in ("open outlines", "outlines without a label", "overlapping outlines", "texts outside every room",
                  "unknown layers", "XREF-SITE: LINE 2", "TEXT on MOBILIER", "(0.00, 5.00)"):
        assert words in text


def test_polyline_whose_last_point_repeats_the_first_is_a_room(tmp_path):
    pts = rect(0, 0, 3000, 2000) + [(0, 0)]
    result = import_dxf(write(tmp_path, r12_file(r12_polyline(pts, closed=False) + r12_text(100, 100, "WC"))))
    [room] = result.centre.rooms
    assert area(room) == pytest.approx(6.0)
    assert result.report.counts.get("open_outline", 0) == 0


# ---- walls -------------------------------------------------------------------------------------

def test_wall_snapping_off_keeps_outlines_as_drawn(tmp_path):
    result = import_dxf(write_centre(tmp_path), max_wall=0)
    men = room_named(result.centre, "DORTOIR HOMMES")
    assert area(men) == pytest.approx(30.0)
    assert sorted(men.polygon) == [(0, 0), (0, 5), (6, 0), (6, 5)]
    assert result.report.counts.get("walls", 0) == 0


def test_gap_wider_than_the_thickest_wall_is_not_a_wall(tmp_path):
    # two 3 × 3 m rooms 0.6 m apart (default thickest wall 0.45 m): both keep 9.00 m²
    ents = r12_polyline(rect(0, 0, 3000, 3000)) + r12_polyline(rect(3600, 0, 6600, 3000))
    result = import_dxf(write(tmp_path, r12_file(ents)))
    assert [area(r) for r in result.centre.rooms] == [pytest.approx(9.0), pytest.approx(9.0)]


def test_facade_recess_touching_one_room_is_not_filled(tmp_path):
    # a U-shaped room (6 × 4 m less a 0.3 × 2 m notch = 23.4 m²) and a room 0.2 m to its right
    u = [(0, 0), (6000, 0), (6000, 4000), (3150, 4000), (3150, 2000), (2850, 2000), (2850, 4000), (0, 4000)]
    ents = r12_polyline(u) + r12_polyline(rect(6200, 0, 9000, 4000))
    result = import_dxf(write(tmp_path, r12_file(ents)))
    rooms = sorted(result.centre.rooms, key=lambda r: min(p[0] for p in r.polygon))
    # the notch stays; the wall between the rooms is shared: 23.4 + 0.1 × 4 and 2.8 × 4 + 0.1 × 4
    assert area(rooms[0]) == pytest.approx(23.4 + 0.4, abs=1e-6)
    assert area(rooms[1]) == pytest.approx(11.2 + 0.4, abs=1e-6)


# ---- bad files ---------------------------------------------------------------------------------

def test_empty_missing_folder_binary_and_not_dxf_files_are_refused(tmp_path):
    from centreplan.planner.errors import DxfImportError

    cases = {
        "empty.dxf": (b"", "empty"),
        "garbage.dxf": (bytes(range(256)) * 64, "binary file"),
        "words.dxf": (b"hello\nthis is not a drawing\n" * 100, "not a DXF"),
        "layout.dxf": (b"format: centreplan/1\nrooms: []\n", "not a DXF"),
    }
    for name, (content, words) in cases.items():
        p = tmp_path / name
        p.write_bytes(content)
        with pytest.raises(DxfImportError, match=words) as info:
            import_dxf(p)
        assert name in str(info.value)
    with pytest.raises(DxfImportError, match="no such file"):
        import_dxf(tmp_path / "missing.dxf")
    with pytest.raises(DxfImportError, match="folder"):
        import_dxf(tmp_path)


def test_very_large_file_is_refused_before_reading(tmp_path):
    from centreplan.layouts.dxf_import import MAX_DXF_BYTES
    from centreplan.planner.errors import DxfImportError

    p = tmp_path / "huge.dxf"
    with p.open("wb") as fh:  # a sparse file: no 50 MB written to disk
        fh.truncate(MAX_DXF_BYTES + 1)
    with pytest.raises(DxfImportError, match="larger than 50 MiB are refused"):
        import_dxf(p)


def test_truncated_files_are_refused_and_do_not_hang(tmp_path):
    """Cut the plan at several places; each import runs in a child process with a time limit, so a
    hang fails this test instead of stalling the suite."""
    import subprocess
    import sys

    whole = centre_plan().encode("cp1252")
    paths = []
    for k, frac in enumerate((0.1, 0.5, 0.9, 0.999)):
        p = tmp_path / f"cut{k}.dxf"
        p.write_bytes(whole[: int(len(whole) * frac)])
        paths.append(str(p))
    code = (
        "import sys\n"
        "from centreplan.layouts.dxf_import import import_dxf\n"
        "from centreplan.planner.errors import DxfImportError\n"
        "for p in sys.argv[1:]:\n"
        "    try:\n"
        "        import_dxf(p)\n"
        "        print('IMPORTED', p)\n"
        "    except DxfImportError as e:\n"
        "        print('REFUSED', e)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code, *paths], cwd=root, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 4 and all(ln.startswith("REFUSED") and "truncated" in ln for ln in lines), lines


def test_damaged_files_import_or_are_refused_never_crash(tmp_path):
    """Delete, swap or garble lines of a good plan (fixed seed): every result is a layout or a
    DxfImportError, never another exception."""
    import random

    from centreplan.planner.errors import DxfImportError

    lines = centre_plan().splitlines()
    rng = random.Random(7)
    outcomes = {"imported": 0, "refused": 0}
    for k in range(40):
        damaged = list(lines)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(len(damaged) - 2)
            how = rng.choice(("delete", "garble", "swap"))
            if how == "delete":
                del damaged[i]
            elif how == "garble":
                damaged[i] = rng.choice(("abc", "-1e999", "999999999999", "", "0", "SECTION", "nan"))
            else:
                damaged[i], damaged[i + 1] = damaged[i + 1], damaged[i]
        p = write(tmp_path, "\n".join(damaged) + "\n", f"damaged{k}.dxf", encoding="cp1252")
        try:
            import_dxf(p)
            outcomes["imported"] += 1
        except DxfImportError as e:
            assert p.name in str(e)
            outcomes["refused"] += 1
    assert sum(outcomes.values()) == 40


# ---- mapping files -----------------------------------------------------------------------------

def test_mapping_errors_name_the_field(tmp_path):
    from centreplan.layouts.dxf_import import load_mapping
    from centreplan.planner.errors import DxfImportError

    def check(text, *words):
        p = tmp_path / "map.yaml"
        p.write_text(text, encoding="utf-8")
        with pytest.raises(DxfImportError) as info:
            load_mapping(p)
        for w in words:
            assert w in str(info.value), str(info.value)

    check("layers: [\n  - {pattern: A}\n", "map.yaml", "not valid YAML", "line")
    check("layerz: []\n", "layerz", "unknown field")
    check("layers:\n  - {pattern: PIECES, role: rom}\n", "layers[0].role", "'rom' is not allowed", "room")
    check("layers:\n  - {pattern: PIECES, role: room, colour: red}\n", "layers[0].colour", "unknown field")
    check("layers:\n  - {pattern: '(', match: regex, role: room}\n", "not a valid regular expression")
    check("uses:\n  canteen: [CANTINE]\n", "uses.canteen")
    check("layers:\n  - {pattern: PORTES, role: door, use: office}\n", "only a rule with role 'room'")
    check("id_pattern: '[A-Z]+[0-9]+'\n", "id_pattern", "group named 'id'")
    check("- a\n- b\n", "a YAML mapping")
    with pytest.raises(DxfImportError, match="no such mapping file"):
        load_mapping(tmp_path / "nothing.yaml")


def test_a_mapping_of_our_own(tmp_path):
    from centreplan.layouts.dxf_import import load_mapping

    mapping_file = tmp_path / "map.yaml"
    mapping_file.write_text(
        "max_wall_thickness: 0\n"
        "extends_defaults: false\n"
        "layers:\n"
        "  - {pattern: 'LOCAUX_NUIT', role: room, use: dormitory, group: women}\n"
        "  - {pattern: '^ZONE-(?P<use>[a-z_]+)$', match: regex, role: room}\n"
        "  - {pattern: 'NOMS', role: label}\n"
        "uses: {kitchen: [POPOTE]}\n"
        "bed_words: [COUCHETTES]\n", encoding="utf-8")
    ents = (r12_polyline(rect(0, 0, 4000, 4000), layer="LOCAUX_NUIT") + r12_text(1000, 1000, "A 3 COUCHETTES", "NOMS")
            + r12_polyline(rect(4000, 0, 8000, 4000), layer="ZONE-laundry")
            + r12_polyline(rect(8000, 0, 9000, 4000), layer="ZONE-other") + r12_text(8100, 1000, "POPOTE", "NOMS")
            + r12_polyline(rect(0, 5000, 4000, 9000), layer="PIECES"))
    result = import_dxf(write(tmp_path, r12_file(ents)), mapping=load_mapping(mapping_file))
    got = sorted((r.use, r.group, r.beds) for r in result.centre.rooms)
    assert got == [("dormitory", "women", 3), ("kitchen", "all", 0), ("laundry", "all", 0)]
    assert "PIECES" in result.report.unknown_layers  # the default mapping is replaced, not extended


def test_a_mapping_of_our_own_extends_the_default_one(tmp_path):
    from centreplan.layouts.dxf_import import load_mapping

    mapping_file = tmp_path / "map.yaml"
    mapping_file.write_text("layers:\n  - {pattern: 'LOCAUX_NUIT', role: room, use: dormitory, group: women}\n"
                            "  - {pattern: 'NOMS', role: label}\nuses: {kitchen: [POPOTE]}\n", encoding="utf-8")
    mapping = load_mapping(mapping_file)
    assert mapping.rule_for("PIECES")[0].role == "room"  # a default rule, still there
    assert mapping.uses["kitchen"][:2] == ["POPOTE", "CUISINE"]  # the user's word first, the defaults after
    ents = (r12_polyline(rect(0, 0, 4000, 4000), layer="LOCAUX_NUIT") + r12_text(1000, 1000, "A 3 LITS", "NOMS")
            + r12_polyline(rect(5000, 0, 8000, 4000), layer="PIECES") + r12_text(5100, 1000, "POPOTE", "TEXTES"))
    result = import_dxf(write(tmp_path, r12_file(ents)), mapping=mapping, max_wall=0)
    assert sorted((r.use, r.group, r.beds) for r in result.centre.rooms) == [
        ("dormitory", "women", 3), ("kitchen", "all", 0)]


# ---- drawings saved by AutoCAD 2017 (read from ../shared/samples, never copied) -----------------

# CI has shared/ beside the checkout (../shared from the repository root); CENTREPLAN_SHARED overrides
SHARED = Path(os.environ.get("CENTREPLAN_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
SAMPLES = SHARED / "samples" / "autocad2017"
SAMPLE_FILES = sorted(SAMPLES.glob("*.dxf")) if SAMPLES.is_dir() else []


@pytest.mark.skipif(not SAMPLE_FILES, reason=f"sample drawings not found in {SAMPLES}")
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_autocad_samples_import_or_are_refused_with_a_clear_report(path):
    from centreplan.planner.errors import DxfImportError

    try:
        result = import_dxf(path)
    except DxfImportError as e:
        assert path.name in str(e)
        return
    report = result.report
    # none of these drawings is a floor plan on known layers: no rooms, and every entity accounted
    assert result.centre.rooms == []
    assert report.entities and sum(report.entities.values()) > 0
    accounted = set(report.used) | {k.split(" on ")[0] for k in report.ignored} | {
        t for types in report.unknown_layers.values() for t in types}
    assert set(report.entities) <= accounted
    assert report.text().startswith(f"Import of {path}")


@pytest.mark.skipif(not SAMPLE_FILES, reason=f"sample drawings not found in {SAMPLES}")
def test_autocad_rectangles_become_rooms_with_a_mapping_for_layer_0(tmp_path):
    from centreplan.layouts.dxf_import import mapping_from_text

    mapping = mapping_from_text("max_wall_thickness: 0\nlayers:\n  - {pattern: '0', role: room}\n")
    result = import_dxf(SAMPLES / "2Drectangles.dxf", mapping=mapping, units="m")
    areas = sorted(round(area(r), 3) for r in result.centre.rooms)
    # closed LWPOLYLINEs on layer 0 (drawing units read as metres): 5 × 3 = 15, 5 × 2.5 = 12.5,
    # and, with coordinates written to 1 mm, (8.503 - 4.334) × (18.081 - 15.090) = 4.169 × 2.991 = 12.469
    assert areas == [12.469, 12.5, 15.0]
    assert all(r.use == "storage" for r in result.centre.rooms)
    assert result.report.counts["unlabelled"] == 3
    assert "Title Block" in result.report.unknown_layers


# ---- the command -------------------------------------------------------------------------------

def test_cli_import_writes_a_valid_layout_and_a_readable_report(tmp_path, capsys):
    from centreplan.layouts.io import load_layout
    from centreplan.planner.cli import main
    from centreplan.planner.geometry import build_plan

    plan = write_centre(tmp_path)
    out, rep = tmp_path / "centre.yaml", tmp_path / "report.txt"
    assert main(["import", str(plan), "-o", str(out), "--report", str(rep)]) == 0
    centre = load_layout(out)
    assert len(centre.rooms) == 8 and len(centre.doors) == 9
    assert build_plan(centre).problems() == []
    text = rep.read_text(encoding="utf-8")
    assert text.startswith(f"Import of {plan} (DXF R12, AC1009)")
    assert "imported: 8 rooms (224.00 m²), 9 doors" in text
    assert "doors placed on an outer wall" in text
    printed = capsys.readouterr().out
    assert printed.startswith("Import of") and f"wrote {out} (8 rooms, 9 doors)" in printed
    # the report as data
    assert main(["import", str(plan), "-o", str(out), "--report", str(tmp_path / "r.json")]) == 0
    import json

    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["rooms"] == 8 and data["counts"]["door_outside"] == 2


def test_cli_bad_file_exits_2_and_leaves_the_output_alone(tmp_path, capsys):
    from centreplan.planner.cli import main

    bad = tmp_path / "bad.dxf"
    bad.write_bytes(centre_plan().encode("cp1252")[:3000])
    out = tmp_path / "layout.yaml"
    out.write_text("previous content\n", encoding="utf-8")
    assert main(["import", str(bad), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "truncated" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert main(["import", str(bad), "-o", str(tmp_path / "x.txt")]) == 2
    assert ".yaml, .yml or .json" in capsys.readouterr().err


# ---- property: rectangles in, the same areas out -----------------------------------------------

from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(500, 12000), st.integers(500, 12000)), min_size=1, max_size=6),
       st.sampled_from([0, 1000]))
def test_random_rectangles_written_as_r12_import_with_their_areas(tmp_path_factory, sizes, gap):
    """A row of w × h mm rectangles, touching (gap 0) or 1 m apart: each room is w × h / 10⁶ m².

    The row is a plausible plan in millimetres, at least 4 m long (PLAN_SIZE_M): a smaller drawing
    without units is rightly read as centimetres (four touching 0.5 m squares, 2,000 units long, are
    a 20 m plan in centimetres, not a 2 m one in millimetres)."""
    from centreplan.layouts.dxf.units import PLAN_SIZE_M

    length = sum(w for w, _ in sizes) + gap * (len(sizes) - 1)
    assume(max(length, max(h for _, h in sizes)) >= PLAN_SIZE_M[0] * 1000)
    tmp = tmp_path_factory.mktemp("rects")
    ents, x = "", 0
    for w, h in sizes:
        ents += r12_polyline(rect(x, 0, x + w, h))
        x += w + gap
    result = import_dxf(write(tmp, r12_file(ents)))
    rooms = sorted(result.centre.rooms, key=lambda r: min(p[0] for p in r.polygon))
    assert [area(r) for r in rooms] == [pytest.approx(w * h / 1e6, abs=1e-9) for w, h in sizes]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(2000, 8000), min_size=2, max_size=4),
       st.lists(st.integers(2000, 6000), min_size=1, max_size=3),
       st.integers(50, 400))
def test_rooms_drawn_inside_walls_tile_the_building_after_snapping(tmp_path_factory, widths, heights, wall):
    """A grid of rooms drawn at the inner faces of walls `wall` mm thick (≤ 0.45 m): after the import
    the rooms cover the building's outline exactly (sum of areas = its area) and every two rooms side by
    side share a wall, so doors between them are possible."""
    from centreplan.planner.geometry import build_plan

    tmp = tmp_path_factory.mktemp("grid")
    ents, y = "", 0
    for h in heights:
        x = 0
        for w in widths:
            ents += r12_polyline(rect(x, y, x + w, y + h))
            x += w + wall
        y += h + wall
    total_w = sum(widths) + wall * (len(widths) - 1)
    total_h = sum(heights) + wall * (len(heights) - 1)
    result = import_dxf(write(tmp, r12_file(ents)))
    plan = build_plan(result.centre)
    # coordinates are written to 1 mm, so the sum can differ from the outline by rounding only
    assert sum(plan.area(r) for r in plan.ids) == pytest.approx(total_w * total_h / 1e6, abs=1e-3 * len(plan.ids))
    assert plan.overlaps == []
    cols = len(widths)
    # every room has its neighbours: (cols - 1) × rows + cols × (rows - 1) pairs share a wall
    pairs = {frozenset((a, b)) for a in plan.ids for b in plan.neighbours[a]}
    assert len(pairs) == (cols - 1) * len(heights) + cols * (len(heights) - 1)


def test_a_unit_that_makes_rooms_implausible_is_pointed_out(tmp_path):
    # a 6 × 5 room drawn in metres in a file that does not say so: read as mm it is 0.00003 m²
    text = r12_file(r12_polyline(rect(0, 0, 6, 5)) + r12_text(1, 1, "DORTOIR"), insunits=None)
    result = import_dxf(write(tmp_path, text))
    messages = [i.message for i in result.report.of_kind("units")]
    assert len(messages) == 2 and "--units m" in messages[1] and "tiny" in messages[1]
    assert result.report.of_kind("units")[0].message.startswith("the drawing does not say its units")
    assert import_dxf(write(tmp_path, text), units="m").report.of_kind("units") == []


def test_regression_sawtooth_centre_line_on_a_slanted_wall(tmp_path):
    """Regression: points sampled at fixed x on both faces of a slanted wall made a saw-tooth centre
    line; samples are now taken along the wall's own direction."""
    from shapely.geometry import LineString

    from centreplan.planner.geometry import build_plan

    # two rooms 150 mm apart across a wall from (6150, 3000)-(9000, 4000) to (6150, 3150)-(9000, 4150)
    ents = (r12_polyline([(6150, 0), (9000, 0), (9000, 4000), (6150, 3000)]) + r12_text(6500, 1000, "WC FILLES")
            + r12_polyline([(6150, 3150), (9000, 4150), (9000, 6000), (6150, 6000)]) + r12_text(7000, 5000, "BUREAU"))
    result = import_dxf(write(tmp_path, r12_file(ents)))
    plan = build_plan(result.centre)
    a, b = plan.ids
    wall = plan.shared_wall(a, b)
    centre_line = LineString([(6.15, 3.075), (9.0, 4.075)])  # midway between the faces
    import shapely

    assert wall.length == pytest.approx(centre_line.length, abs=0.01)
    worst = max(centre_line.distance(shapely.Point(p)) for p in shapely.get_coordinates(wall))
    assert worst < 0.002  # on the 1 mm grid


def test_more_outlines_than_a_layout_may_hold_is_refused(tmp_path, monkeypatch):
    import centreplan.layouts.dxf.build as dxf_build
    from centreplan.planner.errors import DxfImportError

    monkeypatch.setattr(dxf_build, "MAX_ROOMS", 2)  # the real limit is 20,000 rooms
    ents = "".join(r12_polyline(rect(x, 0, x + 1000, 1000)) for x in (0, 2000, 4000))
    with pytest.raises(DxfImportError, match="3 room outlines is more than the 2"):
        import_dxf(write(tmp_path, r12_file(ents)))


def test_what_the_dxf_audit_repaired_is_reported(tmp_path):
    bad_colour_line = _tags((0, "LINE"), (8, "PIECES"), (62, 999), (10, 0), (20, 0), (30, 0), (11, 1), (21, 1), (31, 0))
    result = import_dxf(write(tmp_path, r12_file(r12_polyline(rect(0, 0, 3000, 3000)) + bad_colour_line)))
    assert (result.report.audit_errors, result.report.audit_fixes) == (0, 1)
    [item] = result.report.of_kind("audit")
    assert "invalid color index" in item.message
    assert "DXF audit: 0 errors, 1 fixes" in result.report.text()


def test_regression_wall_snapping_refused_on_a_millimetre_wing():
    """A wing of twelve 5 × 5 m rooms along a corridor, drawn in mm inside 200 mm walls: millimetres
    times 0.001 left float noise that made the tile clipping fail, and the walls were kept as drawn."""
    import tempfile

    from centreplan.planner.geometry import build_plan

    ents = r12_polyline(rect(100, 5100, 59900, 6900)) + r12_text(1000, 6000, "COULOIR")
    for i in range(12):
        ents += r12_polyline(rect(5000 * i + 100, 100, 5000 * i + 4900, 4900))
        ents += r12_text(5000 * i + 500, 2500, "DORTOIR HOMMES 6 LITS")
    with tempfile.TemporaryDirectory() as tmp:
        result = import_dxf(write(Path(tmp), r12_file(ents)))
    assert not [i for i in result.report.of_kind("walls") if "could not" in i.message]
    plan = build_plan(result.centre)
    corridor = next(r.id for r in result.centre.rooms if r.use == "corridor")
    assert len(plan.neighbours[corridor]) == 12


def test_import_from_uploaded_bytes_names_the_upload():
    from centreplan.layouts.dxf_import import import_dxf_bytes
    from centreplan.planner.errors import DxfImportError

    data = centre_plan().encode("cp1252")
    result = import_dxf_bytes(data, "Plan RDC.dxf")
    assert result.report.source == "Plan RDC.dxf" and result.centre.centre.name == "Plan RDC"
    assert "imported from Plan RDC.dxf" in result.centre.centre.notes
    assert len(result.centre.rooms) == 8
    with pytest.raises(DxfImportError, match="^Plan RDC.dxf: the file ends without"):
        import_dxf_bytes(data[:3000], "Plan RDC.dxf")
