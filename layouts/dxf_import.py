"""Import a DXF floor plan drawn elsewhere: closed outlines (or the spaces walls enclose) and their
labels become rooms. The work is done by the modules of :mod:`layouts.dxf`; this module keeps the
public functions.

``import_dxf(path)`` reads the plan with ezdxf's recover mode, converts drawing units to metres and
returns an :class:`ImportResult`: a valid layout (:class:`planner.model.Centre`, format v1) and an
:class:`ImportReport` listing everything that was not understood, with counts and places. Nothing is
dropped silently: every entity of the model space is either used or counted in the report.

What is read (the *mapping*, :class:`Mapping`, YAML data; defaults in ``layouts/dxf_mapping.yaml``):

- **rooms**: closed LWPOLYLINE and POLYLINE outlines on layers whose role is ``room``; a HATCH on a
  room layer is used when no outline was drawn for it. A polyline whose last point repeats its first
  counts as closed. Bulges (arcs) are flattened to 1 cm.
  Closed outlines on layers the mapping does not know are rooms too when at least half of them (two
  or more) hold a text (:mod:`layouts.dxf.detect`); the report names such layers.
- **labels**: TEXT and MTEXT on label or room layers, and attributes of blocks on those layers, are
  the label of the smallest outline containing the middle of their text box (else their insertion
  point); a text on a layer of no known role labels an outline that holds no other label. Texts
  repeated as placeholders (``ID_PIECE``) are left out. From the label come the room id (a room
  number alone, ``01``, too)
  (``id_pattern``, e.g. ``DM1 Dortoir``; ``id_line_pattern``, a short code alone above the rest), the
  name (the label's text; after an id, the rest of that line), the use and group (keywords, case and
  accents ignored, whole words, longest phrase first) and the beds (``8 LITS``, ``beds: 8``). A use or
  group given by the layer rule (e.g. our export's ``A-ROOM-DORMITORY``) wins over the label; a hatch
  on a ``fill`` layer with the room's outline gives its group (our export's ``A-AREA-PATT-<GROUP>``).
- **our own export's data** (``exports/dxf.py``): when a room outline, door leaf or window carries
  CENTREPLAN XDATA, its fields (id, use, group, level, beds, name, height, lockable, fixtures,
  households, occupants, seats; door id, rooms, width, point; window size) are taken from it, the
  geometry still from the drawing, and the centre's settings and population from the header's
  ``centreplan.*`` properties: a plan we exported comes back as the same layout. Such outlines are
  never snapped. Without the data (a CAD program may drop it) layers and labels still give the rooms.
- **doors**: ARCs on door layers (the swing: hinge at the centre, width = radius), and INSERTs on door
  layers or of blocks named like ``*DOOR*``/``*PORTE*`` (width from an arc in the block, else the
  block's extent, else its x scale for a unit block). A door is placed on the nearest wall shared by
  two rooms, or on a room's outer outline (a door to ``outside``).
- **windows**: entities on window layers (or window blocks), merged when they touch, attached to the
  nearest room. Plans give a width but no height, so windows are added to the room only when the
  mapping sets ``window_height``; otherwise they are listed in the room's notes and in the report.

- **rooms from walls** (:mod:`layouts.dxf.walls`): for the labels no outline holds, and for the whole
  plan when it has no outline, the spaces that the wall lines enclose become rooms (door swings and
  gaps closed, loose ends joined, wall-thickness faces dropped), marked "detected from the walls, to
  be checked" in their notes; a label in no space is reported. Where outlines are drawn, the space
  inside the walls (or the façade outline) that no outline covers (corridors, stairs round the zones)
  gives rooms for the labels in it. A space holding several labels and no line between them is shared
  between them by nearest distance and reported; a space round other rooms (the format has no holes)
  is joined to each hole by a 1 cm cut (:mod:`layouts.dxf.spaces`).
- **area texts** (``12,5 m²``, ``12.5 m2``) in labels are checked against each room's drawn outline
  (differences over 10 % reported) and, when they agree only in another unit, give the drawing's
  units (:mod:`layouts.dxf.areas`).
- **external references** (xrefs) are reported by name and path, never read.
- **several drawings in one model space**: the labelled plan, or the one with door swings, is imported and the
  others reported (:mod:`layouts.dxf.clusters`); ``region=`` (CLI ``--region``) chooses.
- **MINSERT** arrays are read copy by copy, up to 1,000 copies; a larger array is reported and its
  first copy read.

**Units**: ``$INSUNITS`` (inches, feet, mm, cm, dm, m) is converted to metres through the project's
pint registry. A unitless drawing (``$INSUNITS`` 0 or absent, as in every R12 file) is read in the
unit given by ``units=`` (CLI ``--units``), else in millimetres with a warning in the report. When the
plan's size or its door swings are implausible in that unit (a plan 3 m across, door swings 23 m
wide), the unit that makes them plausible is used and reported (:func:`layouts.dxf.units.propose_unit`).
A unit given by the caller always wins, and the report says when it disagrees with the file's. The
units our own export states are kept as they are (a site over 400 m long is not a drawing in the wrong
unit when the rooms carry our data).

**Names** in a code page the file does not declare (Shift-JIS layer names from a Japanese CAD program)
are read again in it; bytes still unreadable become U+FFFD, so the report is always valid UTF-8.

**Rooms whose use cannot be determined** (no label, or a label without a known keyword) get the use
``storage`` (the use no standard sets a minimum for, so it cannot make a check pass by accident) and
the note ``use not recognised from label '…' — set it``; the report lists them under ``use_unknown``.
Ids come from the label, else ``R01``, ``R02`` … in reading order (top to bottom, left to right).

**Walls have thickness** (the decision this module makes). Real plans draw each room at the inner
face of its walls, so two rooms separated by a 20 cm wall are 20 cm apart and share no boundary, yet
:mod:`planner.geometry` joins rooms by a door only where their outlines share a wall. The importer
therefore *snaps outlines to wall centre lines*: every gap between rooms narrower than
``max_wall_thickness`` (mapping data, 0.45 m by default; ``--max-wall``; 0 turns it off) is found as
the part of the morphological closing of all rooms that no room covers, and each point of such a gap
goes to the nearest room (a Voronoi partition of points sampled every 10 cm along the facing
outlines, facing each other across the wall, computed in 6 m tiles). Each room thus grows by half the
wall thickness towards its neighbours, and neighbours end up with exactly the same boundary along the
wall's centre line. Where a wall ends against another, the split follows the curve of points equally
far from both rooms (a few centimetres), then is straightened by a coverage simplification. Gaps that touch a
single room (a recess in a façade) are not walls and are left alone; nothing grows towards the outside. Rooms drawn
sharing their walls (our own export) are not changed at all. The cost: a room's area becomes its area
to the wall centre lines on shared walls (for a 6 × 5 m room with 20 cm walls on two sides, +1.1 m²),
which is larger than its net floor area. The report lists the area each room gained and the note of
the room keeps the drawn (net) area, so a user checking areas per person against a net-area standard
can see the difference; set ``max_wall_thickness: 0`` to keep outlines as drawn (doors will then not
meet a shared wall unless the plan was drawn on centre lines).

**Bad files** never hang and never give a traceback: files over :data:`MAX_DXF_BYTES`, empty,
binary (other than binary DXF), not DXF, truncated (no ``EOF``) or that ezdxf cannot recover raise
:class:`planner.errors.DxfImportError` naming the file and the reason, before any slow work.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from centreplan.layouts.dxf.areas import unit_from_areas
from centreplan.layouts.dxf.build import UNKNOWN_USE, build_centre
from centreplan.layouts.dxf.collect import APPID, Reader
from centreplan.layouts.dxf.geom import FLATTEN_M, ROUND
from centreplan.layouts.dxf.labels import LabelReader, LabelReading
from centreplan.layouts.dxf.mapping import (
    DEFAULT_MAPPING,
    ROLES,
    LayerRule,
    Mapping,
    fold,
    load_mapping,
    mapping_from_text,
    words_of,
)
from centreplan.layouts.dxf.messages import Refused, audit_finding, sub
from centreplan.layouts.dxf.reading import DXF_VERSIONS, MAX_DXF_BYTES, check_file, read_dxf
from centreplan.layouts.dxf.report import KIND_TITLES, ImportReport, ImportResult, ReportItem, item
from centreplan.layouts.dxf.snapping import snap_to_wall_centres
from centreplan.layouts.dxf.units import (
    INSUNITS,
    UNIT_CHOICES,
    UNIT_WORDS,
    metres_per,
    plan_size,
    propose_unit,
    units_of,
)
from centreplan.planner.errors import DxfImportError

__all__ = ["APPID", "DEFAULT_MAPPING", "DXF_VERSIONS", "FLATTEN_M", "INSUNITS", "KIND_TITLES", "MAX_DXF_BYTES",
           "ROLES", "ROUND", "UNIT_CHOICES", "UNIT_WORDS", "UNKNOWN_USE", "DxfImportError", "ImportReport",
           "ImportResult", "LabelReader", "LabelReading", "LayerRule", "Mapping", "ReportItem", "check_file",
           "fold", "import_dxf", "import_dxf_bytes", "load_mapping", "mapping_from_text", "read_dxf",
           "snap_to_wall_centres", "units_of", "words_of"]


def import_dxf(path: str | Path, mapping: Mapping | None = None, units: str | None = None,
               name: str | None = None, max_wall: float | None = None, source: str | None = None,
               region: tuple[float, float, float, float] | None = None) -> ImportResult:
    """Read the DXF plan at ``path`` into a layout and a report (see the module documentation).

    ``name``: the centre's name (default: the one our own export stored, else the file's name);
    ``source``: the file's name as the user knows it, in the report (default: ``path``); ``region``:
    ``(x0, y0, x1, y1)`` in metres, the part of the model space to import when it holds several drawings."""
    mapping = mapping or load_mapping()
    doc, auditor = read_dxf(path)
    report_items: list[ReportItem] = []

    def early(kind: str, key: str, params: dict | None = None) -> None:
        report_items.append(item(kind, key, params))

    unit, how, scale = units_of(doc, units, early)
    report, reader = _read(doc, auditor, mapping, unit, how, scale, source or str(path), report_items, path)
    # a drawing of our own export states its units truly: the checks of the units against the drawing's
    # size, door swings and area labels are for drawings from elsewhere, whose header may be wrong
    check_units = units is None and not (how == "file" and reader.has_own_data())
    if check_units:
        points = reader.points()
        size = plan_size(points) / scale
        better = propose_unit(unit, size, reader.quarter_radii, len(points))
        if better is not None:
            said = sub("units.said_file" if how == "file" else "units.said_assumed", unit=unit)
            new_scale = metres_per(better)
            doors = (sub("units.door_swings", size=float(np.median(reader.quarter_radii)))
                     if reader.quarter_radii else "")
            note = item("units", "units.proposed", {"said": said, "size": size * scale, "doors": doors,
                                                    "unit": better, "new_size": size * new_scale, "was": unit})
            items = [i for i in report_items if i.kind != "units"] + [note]
            report, reader = _read(doc, auditor, mapping, better, "drawing", new_scale, source or str(path), items,
                                   path)
    wall = mapping.max_wall_thickness if max_wall is None else max_wall
    if wall < 0:
        raise Refused("option.max_wall", wall=float(wall))
    if region is not None and not (region[0] < region[2] and region[1] < region[3]):
        raise Refused("option.region_order", region=",".join(f"{v:g}" for v in region))
    pairs: list[tuple[float, float]] = []
    centre = build_centre(reader, mapping, report, name, wall, region, pairs)
    read_in = report.units
    better = unit_from_areas(pairs, read_in) if check_units else None
    if better is not None:
        # the areas written in the labels agree with the outlines only in another unit: read it in that one
        said = (sub("units.said_file", unit=unit) if how == "file" and read_in == unit else
                sub("units.said_read", unit=read_in))
        note = item("units", "units.from_areas", {"said": said, "n": len(pairs), "area": pairs[0][0],
                                                  "unit": better, "was": read_in})
        items = [i for i in report_items if i.kind != "units"] + [note]
        report, reader = _read(doc, auditor, mapping, better, "drawing", metres_per(better), source or str(path),
                               items, path)
        centre = build_centre(reader, mapping, report, name, wall, region)
    return ImportResult(centre, report)


def _read(doc, auditor, mapping: Mapping, unit: str, how: str, scale: float, source: str,
          items: list[ReportItem], path) -> tuple[ImportReport, Reader]:
    """A report and the model space read in ``unit``."""
    version = doc.dxfversion
    vname = DXF_VERSIONS.get(version, version)
    report = ImportReport(source=source, dxf_version=f"{vname}, {version}", units=unit, units_from=how,
                          metres_per_unit=scale, audit_errors=len(auditor.errors), audit_fixes=len(auditor.fixes))
    report.items.extend(items)
    if version not in DXF_VERSIONS:
        report.add("version", "version.outside", {"version": version})
    for err in list(auditor.errors)[:50]:
        report.add("audit", "audit.error", {"text": audit_finding(err)})
    for fix in list(auditor.fixes)[:50]:
        report.add("audit", "audit.repaired", {"text": audit_finding(fix)})
    hidden = max(0, len(auditor.errors) - 50) + max(0, len(auditor.fixes) - 50)
    if hidden:
        report.add("audit", "audit.more", {"n": hidden})
    reader = Reader(doc, mapping, scale, report)
    try:
        reader.run(doc.modelspace())
        reader.finish()
    except RecursionError:
        raise Refused("file.block_loop", name=str(path)) from None
    return report, reader


def import_dxf_bytes(data: bytes, name: str = "plan.dxf", mapping: Mapping | None = None,
                     units: str | None = None, max_wall: float | None = None,
                     region: tuple[float, float, float, float] | None = None) -> ImportResult:
    """:func:`import_dxf` for the bytes of an uploaded file; ``name`` is used in messages and as the
    default centre name. The bytes are checked against :data:`MAX_DXF_BYTES` before anything else."""
    import os
    import tempfile

    if len(data) > MAX_DXF_BYTES:
        raise Refused("upload.too_large", name=name, mib=len(data) / 2**20, max=MAX_DXF_BYTES // 2**20)
    fd, tmp = tempfile.mkstemp(suffix=".dxf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            return import_dxf(tmp, mapping=mapping, units=units, max_wall=max_wall, source=name, region=region)
        except Refused as e:
            raise e.renamed(tmp, name) from None
        except DxfImportError as e:
            raise DxfImportError(str(e).replace(tmp, name)) from None
    finally:
        os.unlink(tmp)

