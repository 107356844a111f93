"""The plan's bulk entities (exports/dxf_entities.py) are written exactly as ezdxf's own add_* write them, and a
plan written out as it is drawn (exports.dxf.write_plan) is the same file as the drawing held whole."""
from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import ezdxf
import ezdxf.math
import pytest
from ezdxf.lldxf.tagwriter import TagCollector

import centreplan.exports.dxf as dxf_module
from centreplan.exports import dxf_entities as fast
from centreplan.exports.dxf import build_dxf, fill_layer, write_dxf, write_dxf_stream, write_plan
from centreplan.layouts.io import load_layout


def tags_of(entity) -> list[tuple[int, object]]:
    """What the entity writes (with its ATTRIBs and SEQEND), handles left out (a SEQEND's owner is its INSERT)."""
    out = []
    own = entity.dxf.handle
    for e in [entity, *getattr(entity, "attribs", []), *([entity.seqend] if getattr(entity, "attribs", None) else [])]:
        collector = TagCollector(dxfversion=entity.doc.dxfversion)
        e.export_dxf(collector)
        out += [(t.code, "SELF" if t.value == own else t.value) for t in collector.tags if t.code != 5]
    return out


def drawing():
    doc = ezdxf.new("R2013", setup=False, units=6)
    doc.layers.add("L1")
    doc.styles.add("S1", font="LiberationSans-Regular.ttf")
    blk = doc.blocks.new("B1")
    blk.add_line((0, 0), (1, 0))
    return doc


def test_polyline_insert_attrib_and_mtext_write_what_ezdxf_writes():
    doc = drawing()
    msp = doc.modelspace()
    pts = [(0.0, 0.0), (5.5, 0.0), (5.5, 4.25), (0.0, 4.25)]
    assert tags_of(fast.add_lwpolyline(msp, pts, layer="L1")) == tags_of(
        msp.add_lwpolyline(pts, close=True, dxfattribs={"layer": "L1"}))
    assert tags_of(fast.add_lwpolyline(msp, pts[:3], layer="L1", closed=False)) == tags_of(
        msp.add_lwpolyline(pts[:3], close=False, dxfattribs={"layer": "L1"}))
    attrib = {"height": 0.25, "style": "S1", "halign": 1, "valign": 2, "rotation": 90.0, "width": 1.0, "flags": 1,
              "align_point": (3.0, 4.0)}
    ours = fast.add_insert(msp, "B1", (1.5, 2.5), layer="L1", xscale=0.9, rotation=90.0)
    fast.add_attrib(ours, "ID", "D1", (3.0, 4.0), attrib)
    fast.add_attrib(ours, "NAME", "Dortoir", (3.0, 4.5), {**attrib, "layer": "L1", "flags": 0})
    theirs = msp.add_blockref("B1", (1.5, 2.5), dxfattribs={"layer": "L1", "xscale": 0.9, "yscale": 0.9,
                                                            "rotation": 90.0})
    theirs.add_attrib("ID", "D1", (3.0, 4.0), dxfattribs={**attrib, "layer": "L1"})
    theirs.add_attrib("NAME", "Dortoir", (3.0, 4.5), dxfattribs={**attrib, "layer": "L1", "flags": 0})
    assert tags_of(ours) == tags_of(theirs)
    door = fast.add_insert(msp, "B1", (0, 0), layer="L1", xscale=2.0, yscale=0.2)
    assert tags_of(door) == tags_of(msp.add_blockref("B1", (0, 0), dxfattribs={"layer": "L1", "xscale": 2.0,
                                                                              "yscale": 0.2, "rotation": 0.0}))
    m = {"layer": "L1", "char_height": 0.25, "insert": (2.0, 3.0), "attachment_point": 5, "style": "S1",
         "rotation": 0.0, "linetype": "Continuous"}
    assert tags_of(fast.add_mtext(msp, "AREA-BED-EU WIN-LIGHT", m)) == tags_of(msp.add_mtext(
        "AREA-BED-EU WIN-LIGHT", dxfattribs={**m, "insert": (2.0, 3.0)}))
    psp = doc.layouts.new("Sheet")
    on_paper = fast.add_insert(psp, "B1", (1, 1), layer="L1")
    fast.add_attrib(on_paper, "ID", "x", (1, 1), {"height": 1.0})
    their_paper = psp.add_blockref("B1", (1, 1), dxfattribs={"layer": "L1", "xscale": 1.0, "yscale": 1.0,
                                                              "rotation": 0.0})
    their_paper.add_attrib("ID", "x", (1, 1), dxfattribs={"height": 1.0})
    assert tags_of(on_paper) == tags_of(their_paper)


def test_a_drawing_of_fast_entities_audits_clean_and_reads_back():
    doc = drawing()
    msp = doc.modelspace()
    for i in range(20):
        fast.add_lwpolyline(msp, [(i, 0), (i + 1, 0), (i + 1, 1)], layer="L1")
        ins = fast.add_insert(msp, "B1", (i, 2), layer="L1", xscale=0.5)
        fast.add_attrib(ins, "ID", f"R{i}", (i, 2), {"height": 0.5, "style": "S1"})
    stream = io.StringIO()
    doc.write(stream)
    back = ezdxf.read(io.StringIO(stream.getvalue()))
    auditor = back.audit()
    assert not auditor.has_errors and not auditor.has_fixes
    inserts = back.modelspace().query("INSERT")
    assert [i.get_attrib_text("ID") for i in inserts] == [f"R{i}" for i in range(20)]
    assert [len(p) for p in back.modelspace().query("LWPOLYLINE")] == [3] * 20


# ---- boundary paths kept as one array of floats --------------------------------------------------
def test_a_compact_boundary_path_reads_and_writes_as_ezdxfs_own():
    doc = drawing()
    msp = doc.modelspace()
    pts = [(0.0, 0.0), (5.5, 0.0), (5.5, 4.25), (0.0, 4.25)]
    ours = msp.add_hatch(color=256, dxfattribs={"layer": "L1"})
    path = fast.add_polyline_path(ours, pts)
    theirs = msp.add_hatch(color=256, dxfattribs={"layer": "L1"})
    theirs.paths.add_polyline_path(pts, is_closed=True)
    assert tags_of(ours) == tags_of(theirs)
    assert list(path.vertices) == [(0.0, 0.0, 0.0), (5.5, 0.0, 0.0), (5.5, 4.25, 0.0), (0.0, 4.25, 0.0)]
    assert len(path.vertices) == 4 and path.vertices[-1] == (0.0, 4.25, 0.0) and path.vertices[1:3] == [
        (5.5, 0.0, 0.0), (5.5, 4.25, 0.0)]
    with pytest.raises(IndexError):
        path.vertices[4]
    assert path.is_closed and not path.has_bulge()


# ---- a large plan written out as it is drawn (exports.dxf.write_plan) ------------------------------
SMALL = Path(__file__).resolve().parent.parent / "data" / "export_small.yaml"
EXAMPLE_A = Path(__file__).resolve().parents[2] / "layouts" / "examples" / "a_assistance_centre_120.yaml"
DATE = dt.date(2026, 11, 23)
REPORT = {"findings": [{"rule": "AREA-BED-EU", "status": "fail", "severity": "major", "rooms": ["DM1", "DN1"]}]}


@pytest.fixture()
def fixed_metadata(monkeypatch):
    """Dates and GUIDs of the header fixed, so that two writings of one drawing can be compared."""
    monkeypatch.setattr(ezdxf.options, "write_fixed_meta_data_for_testing", True)


@pytest.mark.parametrize("attributes", [True, False])
@pytest.mark.parametrize("layout", [SMALL, EXAMPLE_A], ids=["small", "example-a"])
def test_a_plan_written_as_it_is_drawn_is_the_drawing_held_whole_byte_for_byte(layout, attributes, monkeypatch,
                                                                               fixed_metadata):
    centre = load_layout(layout)
    monkeypatch.setattr(dxf_module, "GROUP_FILL_ROOMS", 3)  # one fill per group, kept until its paths are linked
    monkeypatch.setattr(dxf_module, "SPOOL_EVERY", 3)  # written out every 3 entities, mid-room and mid-walls
    whole = io.BytesIO()
    write_dxf_stream(build_dxf(centre, REPORT, "fr", date=DATE, attributes=attributes), whole)
    spooled = io.BytesIO()
    write_plan(centre, spooled, REPORT, "fr", date=DATE, attributes=attributes)
    assert spooled.getvalue() == whole.getvalue()


def test_a_spooled_drawing_holds_no_model_space_entity_once_drawn(monkeypatch):
    centre = load_layout(EXAMPLE_A)
    monkeypatch.setattr(dxf_module, "GROUP_FILL_ROOMS", 3)
    monkeypatch.setattr(dxf_module, "SPOOL_EVERY", 3)
    most = []
    step = fast.Spool.step

    def counting(self) -> None:
        step(self)
        most.append(sum(1 for e in self.space.entities if not isinstance(e, fast._Written)))

    monkeypatch.setattr(fast.Spool, "step", counting)
    whole = build_dxf(centre, REPORT, "en", date=DATE)
    held = len(whole.modelspace()) + sum(len(i.attribs) for i in whole.modelspace().query("INSERT"))
    with tempfile.TemporaryFile() as spool:
        doc = build_dxf(centre, REPORT, "en", date=DATE, spool=spool)
        # the groups' fills, then the walls' fill, are kept while their paths are linked to outlines drawn
        # after them; besides them, fewer than 3 entities are held after each step (of 892 in the drawing)
        groups = len({fill_layer(r.group) for r in centre.rooms})
        assert held == 892 and max(most) <= groups + 1 + 2
        left = [e for e in doc.modelspace().entity_space.entities if not isinstance(e, fast._Written)]
        assert left == []
        assert not any(e.dxf.owner == doc.modelspace().layout_key for e in doc.entitydb.values()
                       if e.dxftype() in ("LWPOLYLINE", "INSERT", "ATTRIB", "MTEXT", "HATCH"))


def test_a_plan_written_as_it_is_drawn_gives_each_rooms_id_area_and_beds_to_a_cad_reader(tmp_path, monkeypatch):
    """The plan written out as it is drawn: read as a CAD user reads it (block attributes, outlines and
    their XDATA), every room of the small centre with its area worked out by hand."""
    monkeypatch.setattr(dxf_module, "SPOOL_EVERY", 2)
    path = write_dxf(load_layout(SMALL), tmp_path / "plan.dxf", REPORT, "en", date=DATE)
    doc = ezdxf.readfile(path)
    assert not doc.audit().has_errors
    msp = doc.modelspace()
    tags = {i.get_attrib_text("ID"): (i.get_attrib_text("AREA"), i.get_attrib_text("BEDS"))
            for i in msp.query("INSERT") if i.dxf.name == "CP-ROOM-TAG"}
    # C1 20 × 2; DM1, DW1 6 × 5; SW1 3 × 5; OF1 5 × 5; DN1 6 × 5 + 6 × 3; KT1 8 × 5; YD1 6 × 4
    assert tags == {"C1": ("40.0 m²", ""), "DM1": ("30.0 m²", "6 beds"), "DW1": ("30.0 m²", "6 beds"),
                    "SW1": ("15.0 m²", ""), "OF1": ("25.0 m²", ""), "DN1": ("48.0 m²", ""), "KT1": ("40.0 m²", ""),
                    "YD1": ("24.0 m²", "")}
    outlines = {}
    for e in msp.query("LWPOLYLINE"):
        if e.dxf.layer.startswith("A-ROOM-"):
            data = dict(t.value.partition("=")[::2] for t in e.get_xdata("CENTREPLAN")[1:])
            outlines[data["id"]] = (round(ezdxf.math.area(e.get_points("xy")), 6), data["beds"])
    assert outlines == {"C1": (40.0, "0"), "DM1": (30.0, "6"), "DW1": (30.0, "6"), "SW1": (15.0, "0"),
                        "OF1": (25.0, "0"), "DN1": (48.0, "0"), "KT1": (40.0, "0"), "YD1": (24.0, "0")}
    issues = [t.text for t in msp.query("MTEXT") if t.dxf.layer == "A-ISSUE"]
    assert issues == ["AREA-BED-EU", "AREA-BED-EU"]  # DM1 and DN1


def test_exporting_the_plan_frees_the_drawing_and_leaves_the_collector_as_it_found_it(tmp_path):
    """export_all freezes what the process held while it frees the drawing (the collection then scans only
    what the drawing made): a process that froze nothing, as the app, has nothing frozen afterwards."""
    import gc

    from ezdxf.document import Drawing

    from centreplan.exports.bundle import export_all

    gc.unfreeze()  # as in the app (a command run in this process by an earlier test may have frozen some)
    gc.collect()
    export_all(load_layout(SMALL), tmp_path, ["dxf"], "en", date=DATE)
    assert gc.get_freeze_count() == 0
    assert not [o for o in gc.get_objects() if isinstance(o, Drawing)]
    assert [p.name for p in tmp_path.iterdir()] == ["centre-d-accueil-de-thies-essai_plan.dxf"]


@pytest.mark.parametrize("force_optional", [False, True])
def test_the_bulk_entities_namespace_writes_what_ezdxfs_namespace_writes(force_optional):
    """fast._Namespace skips ezdxf's steps for unset attributes: each entity it writes, every attribute
    set or not, optional or not, equal to its default or not, is written as ezdxf's own namespace writes it."""
    from ezdxf.entities.dxfns import DXFNamespace

    doc = drawing()
    msp = doc.modelspace()
    ins = fast.add_insert(msp, "B1", (1.5, 2.5), layer="L1", xscale=0.9, rotation=0.0)
    attrib = fast.add_attrib(ins, "ID", "D1", (3.0, 4.0), {"height": 0.25, "style": "S1", "halign": 1, "valign": 2,
                                                          "width": 1.0, "flags": 0, "align_point": (3.0, 4.0)})
    entities = [fast.add_lwpolyline(msp, [(0, 0), (1, 0), (1, 1)], layer="L1"), ins, attrib,
                fast.add_mtext(msp, "AREA-BED-EU", {"layer": "L1", "char_height": 0.25, "insert": (2.0, 3.0),
                                                    "attachment_point": 5, "rotation": 0.0, "linetype": "Continuous"})]
    for e in entities:
        assert isinstance(e.dxf, fast._Namespace)
        ours = TagCollector(dxfversion=doc.dxfversion)
        ours.force_optional = force_optional
        e.export_dxf(ours)
        plain = DXFNamespace(entity=e)
        plain.__dict__.update({k: v for k, v in e.dxf.__dict__.items() if k != "_entity"})
        e.dxf = plain
        theirs = TagCollector(dxfversion=doc.dxfversion)
        theirs.force_optional = force_optional
        e.export_dxf(theirs)
        assert ours.tags == theirs.tags and len(ours.tags) > 8, e.dxftype()
