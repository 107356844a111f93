"""The plan's bulk entities (exports/dxf_entities.py) are written exactly as ezdxf's own add_* write them."""
from __future__ import annotations

import io

import ezdxf
from ezdxf.lldxf.tagwriter import TagCollector

from centreplan.exports import dxf_entities as fast


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
