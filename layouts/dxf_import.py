"""Import a DXF floor plan drawn elsewhere: closed outlines and their labels become rooms.

``import_dxf(path)`` reads the plan with ezdxf's recover mode, converts drawing units to metres and
returns an :class:`ImportResult`: a valid layout (:class:`planner.model.Centre`, format v1) and an
:class:`ImportReport` listing everything that was not understood, with counts and places. Nothing is
dropped silently: every entity of the model space is either used or counted in the report.

What is read (the *mapping*, :class:`Mapping`, YAML data; defaults in ``layouts/dxf_mapping.yaml``):

- **rooms**: closed LWPOLYLINE and POLYLINE outlines on layers whose role is ``room``; a HATCH on a
  room layer is used when no outline was drawn for it. A polyline whose last point repeats its first
  counts as closed. Bulges (arcs) are flattened to 1 cm.
- **labels**: TEXT and MTEXT on label or room layers, and attributes of blocks on those layers, are
  the label of the smallest outline containing their anchor point. From the label come the room id
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

**Units**: ``$INSUNITS`` (inches, feet, mm, cm, dm, m) is converted to metres through the project's
pint registry. A unitless drawing (``$INSUNITS`` 0 or absent, as in every R12 file) is read in the
unit given by ``units=`` (CLI ``--units``), else in millimetres with a warning in the report. A unit
given by the caller wins over the file's, and the report says so.

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
far from both rooms (a few centimetres), then is straightened by a coverage simplification. Gaps that touch a single room (a
recess in a façade) are not walls and are left alone; nothing grows towards the outside. Rooms drawn
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

import fnmatch
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Literal

import numpy as np
import shapely
import shapely.errors
import shapely.ops
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field, field_validator, model_validator
from shapely.geometry import LineString, MultiPoint, Point, Polygon

from planner.errors import DxfImportError, PlannerError
from planner.model import GROUPS, MAX_ROOMS, OUTSIDE, USES, Centre, CentreInfo, Door, Group, Population, Room, Use, Window
from planner.units import ureg

MAX_DXF_BYTES = 50 * 1024 * 1024  # larger files are refused up front (a whole building is far less)
DEFAULT_MAPPING = "dxf_mapping.yaml"
UNKNOWN_USE = "storage"
FLATTEN_M = 0.01  # m: curves are flattened to this chord distance
AREA_EPS = 0.01  # m²: overlaps smaller than this are rounding (rules.md GEO-OVERLAP)
SAMPLE_M = 0.10  # m: spacing of the points that split wall gaps between rooms
SIMPLIFY_M = 0.02  # m: the split is straightened where walls meet (square root of the area removed)
TILE_M = 6.0  # m: the split is computed tile by tile
MIN_DOOR_M = 0.3  # m: smaller swings are not doors (hatch arcs, fixture symbols)
ROUND = 3  # decimals of metres written (1 mm)

# $INSUNITS codes (DXF reference, HEADER section) this importer converts; others need --units.
INSUNITS: dict[int, str] = {1: "in", 2: "ft", 4: "mm", 5: "cm", 6: "m", 14: "dm"}
UNIT_CHOICES = ("mm", "cm", "dm", "m", "in", "ft")
UNIT_WORDS = {"mm": "millimetres", "cm": "centimetres", "dm": "decimetres", "m": "metres",
              "in": "inches", "ft": "feet"}
# DXF versions read (R12 to R2018), by $ACADVER
DXF_VERSIONS = {"AC1009": "R12", "AC1012": "R13", "AC1014": "R14", "AC1015": "R2000",
                "AC1018": "R2004", "AC1021": "R2007", "AC1024": "R2010", "AC1027": "R2013",
                "AC1032": "R2018"}
ROLES = ("room", "door", "window", "wall", "label", "fill", "ignore")
APPID = "CENTREPLAN"  # application id of the data our own DXF export attaches (exports/dxf.py)


# ==== mapping ======================================================================================

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LayerRule(_Strict):
    """Entities on layers whose name matches ``pattern`` play ``role``."""

    pattern: str = Field(min_length=1)
    match: Literal["glob", "regex"] = "glob"
    role: Literal[ROLES]  # type: ignore[valid-type]
    use: Use | None = None
    group: Group | None = None

    @field_validator("pattern")
    @classmethod
    def _strip(cls, v: str) -> str:
        return v.strip()

    @model_validator(mode="after")
    def _compile(self) -> "LayerRule":
        if self.match == "regex":
            try:
                re.compile(self.pattern, re.IGNORECASE)
            except re.error as e:
                raise ValueError(f"pattern: {self.pattern!r} is not a valid regular expression ({e})") from None
        if self.use and self.role != "room":
            raise ValueError(f"use: only a rule with role 'room' can set it (role is {self.role!r})")
        if self.group and self.role not in ("room", "fill"):
            raise ValueError(f"group: only a rule with role 'room' or 'fill' can set it (role is {self.role!r})")
        return self

    def matches(self, layer: str) -> re.Match[str] | bool:
        if self.match == "regex":
            return re.fullmatch(self.pattern, layer, re.IGNORECASE) or False
        return fnmatch.fnmatchcase(fold(layer), fold(self.pattern))


class Mapping(_Strict):
    """Which layers hold what, and which label words mean which use, group and beds."""

    version: Literal[1] = 1
    max_wall_thickness: float = Field(default=0.45, ge=0, le=2.0)
    window_height: float | None = Field(default=None, gt=0, le=10)
    layers: list[LayerRule] = Field(default_factory=list)
    door_blocks: list[str] = Field(default_factory=list)
    window_blocks: list[str] = Field(default_factory=list)
    uses: dict[Use, list[str]] = Field(default_factory=dict)  # type: ignore[valid-type]
    groups: dict[Group, list[str]] = Field(default_factory=dict)  # type: ignore[valid-type]
    bed_words: list[str] = Field(default_factory=list)
    id_pattern: str | None = None
    id_line_pattern: str | None = None

    @field_validator("id_line_pattern")
    @classmethod
    def _id_line_pattern(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                re.compile(v)
            except re.error as e:
                raise ValueError(f"{v!r} is not a valid regular expression ({e})") from None
        return v

    @field_validator("id_pattern")
    @classmethod
    def _id_pattern(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            rx = re.compile(v)
        except re.error as e:
            raise ValueError(f"{v!r} is not a valid regular expression ({e})") from None
        if "id" not in rx.groupindex:
            raise ValueError(f"{v!r} needs a group named 'id', e.g. (?P<id>[A-Z]+[0-9]+)")
        return v

    # ---- lookups ------------------------------------------------------------------------------
    def rule_for(self, layer: str) -> tuple[LayerRule | None, str | None]:
        """The first rule matching ``layer`` and the use (role room) or group (role fill) its
        pattern gives or captured, if any."""
        for rule in self.layers:
            m = rule.matches(layer)
            if m:
                key, given, known = ("group", rule.group, GROUPS) if rule.role == "fill" else ("use", rule.use, USES)
                if given is None and isinstance(m, re.Match) and key in m.re.groupindex and m.group(key):
                    cand = m.group(key).lower().replace("-", "_")
                    given = cand if cand in known else None
                return rule, given
        return None, None

    def is_block(self, name: str, kind: str) -> bool:
        pats = self.door_blocks if kind == "door" else self.window_blocks
        return any(fnmatch.fnmatchcase(fold(name), fold(p)) for p in pats)


def fold(text: str) -> str:
    """Upper case without accents: ``Réfectoire`` → ``REFECTOIRE``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def words_of(text: str) -> list[str]:
    """A label as words: accents and case folded, punctuation as spaces (``W.C.`` → ``W C``)."""
    return re.sub(r"[^A-Z0-9]+", " ", fold(text)).split()


def load_mapping(path: str | Path | None = None) -> Mapping:
    """The mapping in ``path`` (YAML), or the default shipped in ``layouts/dxf_mapping.yaml``."""
    if path is None:
        text = resources.files("layouts").joinpath(DEFAULT_MAPPING).read_text(encoding="utf-8")
        source = f"layouts/{DEFAULT_MAPPING}"
    else:
        source = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DxfImportError(f"{source}: no such mapping file") from None
        except (OSError, UnicodeDecodeError) as e:
            raise DxfImportError(f"{source}: cannot read the mapping file ({e})") from None
    return mapping_from_text(text, source)


def mapping_from_text(text: str, source: str = "<mapping>") -> Mapping:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise DxfImportError(f"{source}: not valid YAML{where}: {getattr(e, 'problem', None) or e}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DxfImportError(f"{source}: a mapping file is a YAML mapping (layers:, uses:, …), "
                             f"got {type(data).__name__}")
    try:
        return Mapping.model_validate(data)
    except ValidationError as e:
        from layouts.io import validation_problems

        problems = validation_problems(e)
        for p in problems:  # the layout loader's wording points at 'centreplan schema'
            if p.message.startswith("unknown field"):
                object.__setattr__(p, "message", "unknown field (check the spelling; see layouts/dxf_mapping.yaml)")
        lines = [str(p) for p in problems]
        head = f"{source}: " + (lines[0] if len(lines) == 1 else f"{len(lines)} problems")
        raise DxfImportError("\n  - ".join([head] + (lines if len(lines) > 1 else []))) from None


# ==== report =======================================================================================

KIND_TITLES = {
    "error": "could not be read",
    "audit": "problems the DXF audit found and repaired",
    "units": "units",
    "version": "DXF version",
    "open_outline": "open outlines on room layers (not imported)",
    "bad_outline": "outlines that are not a usable polygon",
    "unlabelled": "outlines without a label",
    "use_unknown": "rooms whose use was not recognised (set to 'storage' — set them)",
    "label_conflict": "labels that disagree with their layer or with themselves",
    "missing_beds": "sleeping rooms without a number of beds",
    "overlap": "overlapping outlines",
    "nested": "outlines inside other outlines",
    "hatch": "hatches on room layers",
    "text_outside": "texts outside every room",
    "text_unused": "texts inside rooms on layers that are not label layers (not read)",
    "walls": "outlines snapped to wall centre lines",
    "door": "doors that could not be placed",
    "door_outside": "doors placed on an outer wall (doors to outside)",
    "window": "windows",
    "unmapped_outline": "closed outlines on layers the mapping does not know",
    "geometry": "problems in the imported plan",
}


class ReportItem(BaseModel):
    """One thing the importer did not understand or had to decide."""

    kind: str
    message: str
    layer: str | None = None
    entity: str | None = None  # DXF type
    handle: str | None = None
    at: tuple[float, float] | None = None  # metres, in the layout's coordinates
    room: str | None = None


class ImportReport(BaseModel):
    """What was read, what was made of it, and everything not understood."""

    source: str
    dxf_version: str
    units: str
    units_from: Literal["file", "option", "assumed"]
    metres_per_unit: float
    audit_errors: int = 0
    audit_fixes: int = 0
    rooms: int = 0
    doors: int = 0
    windows_found: int = 0
    area_m2: float = 0.0
    entities: dict[str, int] = Field(default_factory=dict)  # model space entities by DXF type
    used: dict[str, int] = Field(default_factory=dict)  # entities used, by DXF type
    ignored: dict[str, int] = Field(default_factory=dict)  # "TYPE on LAYER (role)" → count
    unknown_layers: dict[str, dict[str, int]] = Field(default_factory=dict)  # layer → type → count
    items: list[ReportItem] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        """Items to check, by kind."""
        return dict(Counter(i.kind for i in self.items))

    def add(self, kind: str, message: str, **kw: Any) -> None:
        self.items.append(ReportItem(kind=kind, message=message, **kw))

    def of_kind(self, kind: str) -> list[ReportItem]:
        return [i for i in self.items if i.kind == kind]

    def text(self) -> str:
        """The report as plain text for people."""
        out = [f"Import of {self.source} (DXF {self.dxf_version})"]
        how = {"file": "from $INSUNITS", "option": "given with --units", "assumed": "ASSUMED, the file does not say"}
        out.append(f"units: {UNIT_WORDS.get(self.units, self.units)} ({how[self.units_from]}); "
                   f"1 drawing unit = {self.metres_per_unit:g} m")
        ents = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        out.append(f"read: {sum(self.entities.values())} entities in model space ({ents})")
        out.append(f"DXF audit: {self.audit_errors} errors, {self.audit_fixes} fixes")
        out.append(f"imported: {self.rooms} rooms ({self.area_m2:.2f} m²), {self.doors} doors, "
                   f"{self.windows_found} windows found")
        if self.rooms == 0:
            out.append("NO ROOM WAS IMPORTED: room outlines must be closed polylines on a room layer; see the "
                       "unknown layers below and give a mapping file (--map) that names them")
        counts = self.counts
        if self.items:
            out.append("")
            out.append(f"to check ({len(self.items)}):")
            for kind in list(KIND_TITLES) + sorted(set(counts) - set(KIND_TITLES)):
                items = self.of_kind(kind)
                if not items:
                    continue
                out.append(f"  {KIND_TITLES.get(kind, kind)} ({len(items)}):")
                for it in items:
                    out.append(f"    - {_describe(it)}")
        if self.ignored:
            out.append("")
            out.append(f"not imported, on known layers ({sum(self.ignored.values())} entities):")
            for k, v in sorted(self.ignored.items()):
                out.append(f"  {v:>6}  {k}")
        if self.unknown_layers:
            total = sum(sum(t.values()) for t in self.unknown_layers.values())
            out.append("")
            out.append(f"unknown layers, not in the mapping ({len(self.unknown_layers)} layers, {total} entities; "
                       "add a rule to the mapping file to use them):")
            for layer, types in sorted(self.unknown_layers.items()):
                out.append(f"  {layer}: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
        if not self.items and not self.ignored and not self.unknown_layers:
            out.append("everything in the drawing was understood.")
        return "\n".join(out) + "\n"


def _describe(item: ReportItem) -> str:
    parts = []
    if item.entity:
        ent = item.entity + (f" #{item.handle}" if item.handle else "")
        parts.append(ent + (f" on layer {item.layer}" if item.layer else ""))
    elif item.layer:
        parts.append(f"layer {item.layer}")
    if item.at:
        parts.append(f"at ({item.at[0]:.2f}, {item.at[1]:.2f})")
    head = " ".join(parts)
    return f"{head}: {item.message}" if head else item.message


@dataclass
class ImportResult:
    centre: Centre
    report: ImportReport


# ==== reading the file ==============================================================================

_BINARY_DXF = b"AutoCAD Binary DXF"


def check_file(path: str | Path) -> None:
    """Refuse, quickly and clearly, a file that is not a whole DXF drawing we can read."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise DxfImportError(f"{name}: no such file") from None
    except OSError as e:
        raise DxfImportError(f"{name}: cannot read the file ({e.strerror})") from None
    if p.is_dir():
        raise DxfImportError(f"{name}: is a folder, not a DXF file")
    if size == 0:
        raise DxfImportError(f"{name}: the file is empty")
    if size > MAX_DXF_BYTES:
        raise DxfImportError(f"{name}: the file is {size / 2**20:.0f} MiB; DXF plans larger than "
                             f"{MAX_DXF_BYTES // 2**20} MiB are refused (purge unused blocks and layers, "
                             "or export only the floor plan)")
    try:
        with p.open("rb") as fh:
            head = fh.read(65536)
            fh.seek(max(0, size - 4096))
            tail = fh.read()
    except OSError as e:
        raise DxfImportError(f"{name}: cannot read the file ({e.strerror})") from None
    if head.startswith(_BINARY_DXF):
        if b"EOF" not in tail:
            raise DxfImportError(f"{name}: the binary DXF file ends without its EOF marker: it is truncated")
        return
    if b"\x00" in head:
        raise DxfImportError(f"{name}: this is a binary file, not a DXF drawing (DXF is text, or binary DXF "
                             "starting with 'AutoCAD Binary DXF')")
    lines = head.lstrip(b"\xef\xbb\xbf").splitlines()
    tags = [ln.strip() for ln in lines[:4000]]
    if not any(a == b"0" and b == b"SECTION" for a, b in zip(tags, tags[1:])):
        raise DxfImportError(f"{name}: not a DXF drawing (no 'SECTION' at the start of the file)")
    end = [ln.strip() for ln in tail.splitlines() if ln.strip()]
    if not end or end[-1] != b"EOF":
        raise DxfImportError(
            f"{name}: the file ends without the DXF 'EOF' marker: it is truncated or was not saved "
            "completely; save or export the drawing again (nothing was imported)")


def read_dxf(path: str | Path):
    """``(doc, auditor)`` from ezdxf's recover mode (binary DXF: read, then audited); any failure is a
    :class:`DxfImportError`."""
    check_file(path)
    from ezdxf import recover
    from ezdxf.lldxf.const import DXFError

    try:
        with open(path, "rb") as fh:
            binary = fh.read(len(_BINARY_DXF)) == _BINARY_DXF
        if binary:  # recover mode reads text DXF only; binary DXF is read, then audited
            import ezdxf

            doc = ezdxf.readfile(str(path))
            return doc, doc.audit()
        return recover.readfile(str(path))
    except (DXFError, OSError, ValueError, IndexError, KeyError, TypeError, AttributeError,
            UnicodeError, RecursionError, MemoryError) as e:
        raise DxfImportError(f"{path}: ezdxf could not recover this drawing ({type(e).__name__}: {e})") from None


# ==== geometry collected from the drawing ===========================================================

@dataclass
class _Outline:
    poly: Polygon
    layer: str
    entity: str
    handle: str
    use: str | None
    group: str | None
    texts: list["_Text"] = field(default_factory=list)
    data: dict[str, str] | None = None  # CENTREPLAN XDATA of our own export


@dataclass
class _Text:
    text: str
    at: tuple[float, float]
    layer: str
    entity: str
    handle: str
    role: str | None
    id_hint: str | None = None


@dataclass
class _DoorMark:
    hinge: tuple[float, float]
    ends: list[tuple[float, float]]  # candidate far points along the wall (arc ends)
    width: float
    layer: str
    entity: str
    handle: str
    id_hint: str | None = None


@dataclass
class _WindowMark:
    geom: shapely.Geometry
    layer: str
    entity: str
    handle: str


class _Reader:
    """Walks the model space once and sorts entities by the role of their layer."""

    def __init__(self, doc, mapping: Mapping, scale: float, report: ImportReport):
        self.doc = doc
        self.mapping = mapping
        self.scale = scale  # metres per drawing unit
        self.report = report
        self.outlines: list[_Outline] = []
        self.hatches: list[_Outline] = []
        self.texts: list[_Text] = []
        self.loose_texts: list[_Text] = []  # texts on other layers, to tell the user if inside a room
        self.doors: list[_DoorMark] = []
        self.windows: list[_WindowMark] = []
        self.unmapped_closed: list[tuple[str, str, str, tuple[float, float]]] = []
        self.data_doors: list[tuple[dict[str, str], tuple[float, float], str, str]] = []  # data, hinge, layer, handle
        self.data_windows: list[tuple[dict[str, str], Polygon, str, str]] = []
        self.swings: list[tuple[_DoorMark, object]] = []  # arcs on door layers, until data doors are known
        self.glass: list[tuple[object, str, shapely.Geometry]] = []  # window lines, likewise
        self.fills: list[tuple[object, str, str, Polygon]] = []  # entity, layer, group, boundary
        self._rules: dict[str, tuple[LayerRule | None, str | None]] = {}

    def rule(self, layer: str) -> tuple[LayerRule | None, str | None]:
        if layer not in self._rules:
            self._rules[layer] = self.mapping.rule_for(layer)
        return self._rules[layer]

    def pt(self, v) -> tuple[float, float]:
        # metres on a 1 µm grid: no float noise from the unit conversion (4900 mm × 0.001 ≠ 4.9)
        return (round(float(v[0]) * self.scale, 6), round(float(v[1]) * self.scale, 6))

    # ---- bookkeeping -------------------------------------------------------------------------
    def used(self, e) -> None:
        t = e.dxftype()
        self.report.used[t] = self.report.used.get(t, 0) + 1

    def ignore(self, e, layer: str, why: str) -> None:
        key = f"{e.dxftype()} on {layer} ({why})"
        self.report.ignored[key] = self.report.ignored.get(key, 0) + 1

    def unknown(self, e, layer: str) -> None:
        types = self.report.unknown_layers.setdefault(layer, {})
        types[e.dxftype()] = types.get(e.dxftype(), 0) + 1

    # ---- walking -----------------------------------------------------------------------------
    def run(self, entities: Iterable) -> None:
        for e in entities:
            t = e.dxftype()
            self.report.entities[t] = self.report.entities.get(t, 0) + 1
            self.entity(e, e.dxf.get("layer", "0"), depth=0)

    def entity(self, e, layer: str, depth: int) -> None:
        t = e.dxftype()
        rule, layer_use = self.rule(layer)
        role = rule.role if rule else None
        data = _xdata(e)
        if data is not None and self.data_entity(e, layer, rule, data):
            return
        if t == "INSERT":
            self.insert(e, layer, role, depth)
            return
        if role is None:
            if t in ("TEXT", "MTEXT"):
                self.text(e, layer, None, loose=True)
            elif t in ("LWPOLYLINE", "POLYLINE"):
                ring = self._ring(e)
                if ring is not None and ring[1]:
                    poly = Polygon(ring[0])
                    if poly.is_valid and poly.area > 0:
                        c = poly.representative_point()
                        self.unmapped_closed.append((layer, t, e.dxf.handle, (c.x, c.y)))
            self.unknown(e, layer)
            return
        if role == "fill":
            if t == "HATCH" and layer_use:  # layer_use is the fill's group here
                self.fill(e, layer, layer_use)
            else:
                self.ignore(e, layer, "fill layer: only hatches naming a group are read")
        elif role == "ignore":
            self.ignore(e, layer, "layer ignored by the mapping")
        elif role == "wall":
            self.ignore(e, layer, "wall layer: walls are read from the room outlines")
        elif role == "room":
            if t in ("LWPOLYLINE", "POLYLINE"):
                self.outline(e, layer, rule, layer_use)
            elif t == "HATCH":
                self.hatch(e, layer, rule, layer_use)
            elif t in ("TEXT", "MTEXT"):
                self.text(e, layer, role)
            else:
                self.ignore(e, layer, "room layer: only closed polylines, hatches and texts are read")
        elif role == "label":
            if t in ("TEXT", "MTEXT"):
                self.text(e, layer, role)
            else:
                self.ignore(e, layer, "label layer: only texts are read")
        elif role == "door":
            if t == "ARC":
                self.arc_door(e, layer)
            else:
                self.ignore(e, layer, "door layer: doors are read from arcs and blocks")
        elif role == "window":
            if t in ("LINE", "LWPOLYLINE", "POLYLINE", "ARC", "SOLID"):
                self.glass.append((e, layer, self._footprint([e])))
            else:
                self.ignore(e, layer, "window layer: only lines, polylines and blocks are read")

    def data_entity(self, e, layer: str, rule: LayerRule | None, data: dict[str, str]) -> bool:
        """An entity our own export wrote with CENTREPLAN data; ``False`` to read it like any other."""
        t = e.dxftype()
        kind = data.get("", "")
        if kind == "room" and t in ("LWPOLYLINE", "POLYLINE"):
            ring = self._ring(e)
            if ring is None or not ring[1] or len(ring[0]) < 3:
                return False
            poly = Polygon(ring[0])
            if poly.area <= 1e-6:
                return False
            self.used(e)
            self.outlines.append(_Outline(poly, layer, t, e.dxf.get("handle"), None, None, data=data))
            return True
        if kind == "door" and t in ("LINE", "INSERT"):  # leaf line (older exports) or door block at its hinge
            self.used(e)
            self.data_doors.append((data, self.pt(e.dxf.start if t == "LINE" else e.dxf.insert), layer,
                                    e.dxf.get("handle")))
            return True
        if kind == "window" and t == "INSERT":  # window block: its frame is its footprint
            geom = self._footprint(self._virtual(e))
            if geom is None or geom.is_empty:
                return False
            self.used(e)
            self.data_windows.append((data, geom.envelope, layer, e.dxf.get("handle")))
            return True
        if kind == "window" and t in ("LWPOLYLINE", "POLYLINE"):
            ring = self._ring(e)
            if ring is None or len(ring[0]) < 3:
                return False
            self.used(e)
            self.data_windows.append((data, Polygon(ring[0]), layer, e.dxf.get("handle")))
            return True
        return False

    def insert(self, e, layer: str, role: str | None, depth: int) -> None:
        name = e.dxf.get("name", "")
        if role == "door" or self.mapping.is_block(name, "door"):
            self.block_door(e, layer)
            return
        if role == "window" or self.mapping.is_block(name, "window"):
            self.window(e, layer, self._footprint(self._virtual(e)))
            return
        attribs = list(getattr(e, "attribs", []))
        if role in ("label", "room") and attribs:
            self.attrib_label(e, layer, attribs, role)
            return
        if role in ("ignore", "wall"):
            self.ignore(e, layer, "layer ignored by the mapping" if role == "ignore" else "wall layer")
            return
        if depth >= 4:
            self.ignore(e, layer, "block nested more than 4 deep")
            return
        # a block holding part of the plan: read what it contains, each on its own layer
        # (entities on layer 0 inside a block take the layer of the block reference)
        subs = self._virtual(e)
        if not subs:
            self.ignore(e, layer, "empty block") if role else self.unknown(e, layer)
            return
        self.used(e)
        for sub in subs:
            sub_layer = sub.dxf.get("layer", "0")
            self.entity(sub, layer if sub_layer == "0" else sub_layer, depth + 1)

    def finish(self) -> None:
        """Door swings and window lines that belong to a door or window read from its data are that
        door's or window's drawing; the others are doors and windows of their own."""
        hinges = [h for _, h, _, _ in self.data_doors]
        for mark, e in self.swings:
            if any(math.dist(mark.hinge, h) < 0.002 for h in hinges):
                self.ignore(e, mark.layer, "swing of a door read from its CENTREPLAN data")
            else:
                self.used(e)
                self.doors.append(mark)
        frames = [shapely.buffer(poly, 0.01) for _, poly, _, _ in self.data_windows]
        for e, layer, geom in self.glass:
            if geom is not None and any(f.contains(geom) for f in frames):
                self.ignore(e, layer, "glass line of a window read from its CENTREPLAN data")
            else:
                self.window(e, layer, geom)

    def _virtual(self, e) -> list:
        try:
            return list(e.virtual_entities())
        except Exception as exc:  # ezdxf raises various errors on broken block definitions
            self.report.add("error", f"block {e.dxf.get('name', '?')!r} could not be exploded ({exc})",
                            layer=e.dxf.get("layer"), entity="INSERT", handle=e.dxf.get("handle"))
            return []

    # ---- outlines ----------------------------------------------------------------------------
    def _ring(self, e) -> tuple[list[tuple[float, float]], bool] | None:
        """The entity's points in metres and whether it is closed; ``None`` if it cannot be read."""
        from ezdxf import path as ezpath

        t = e.dxftype()
        if t == "POLYLINE" and (e.is_poly_face_mesh or e.is_polygon_mesh):
            return None
        try:
            p = ezpath.make_path(e)
            pts = [self.pt(v) for v in p.flattening(FLATTEN_M / self.scale, segments=4)]
        except Exception:  # a malformed polyline (recover mode keeps what it can)
            return None
        closed = bool(e.closed if t == "LWPOLYLINE" else e.is_closed)
        pts = _dedupe(pts)
        if len(pts) >= 2 and math.dist(pts[0], pts[-1]) < 1e-6:
            closed = True
            pts = pts[:-1]
        return pts, closed

    def outline(self, e, layer: str, rule: LayerRule, layer_use: str | None) -> None:
        t = e.dxftype()
        handle = e.dxf.get("handle")
        ring = self._ring(e)
        if ring is None:
            self.ignore(e, layer, "mesh or unreadable polyline")
            return
        pts, closed = ring
        at = pts[0] if pts else None
        if not closed:
            self.report.add("open_outline", f"an open polyline ({len(pts)} points) on a room layer: close it to "
                            "make it a room", layer=layer, entity=t, handle=handle, at=_r(at))
            return
        if len(pts) < 3:
            self.report.add("bad_outline", f"a closed polyline with {len(pts)} distinct points is not a room",
                            layer=layer, entity=t, handle=handle, at=_r(at))
            return
        poly = Polygon(pts)
        if poly.area <= 1e-6:
            self.report.add("bad_outline", "a closed polyline with no area is not a room",
                            layer=layer, entity=t, handle=handle, at=_r(at))
            return
        self.used(e)
        self.outlines.append(_Outline(poly, layer, t, handle, layer_use, rule.group))

    def fill(self, e, layer: str, group: str) -> None:
        rings = self._hatch_rings(e)
        if not rings:
            self.ignore(e, layer, "fill without a usable boundary")
            return
        self.fills.append((e, layer, group, rings[0]))

    def _hatch_rings(self, e) -> list[Polygon] | None:
        """The hatch's boundary rings with an area, largest first; ``None`` if unreadable."""
        from ezdxf import path as ezpath

        try:
            rings = []
            for p in ezpath.from_hatch(e):
                pts = _dedupe([self.pt(v) for v in p.flattening(FLATTEN_M / self.scale, segments=4)])
                if len(pts) >= 2 and math.dist(pts[0], pts[-1]) < 1e-6:
                    pts = pts[:-1]
                if len(pts) >= 3 and Polygon(pts).area > 1e-6:
                    rings.append(Polygon(pts))
        except Exception:
            return None
        return sorted(rings, key=lambda g: -g.area)

    def hatch(self, e, layer: str, rule: LayerRule, layer_use: str | None) -> None:
        rings = self._hatch_rings(e)
        if rings is None:
            self.ignore(e, layer, "hatch boundary could not be read")
            return
        if not rings:
            self.ignore(e, layer, "hatch without a usable boundary")
            return
        outer = []
        for g in rings:  # inner rings (islands, holes) are not rooms
            if any(o.contains(g.representative_point()) for o in outer):
                continue
            outer.append(g)
        for g in outer:  # counted as used (or ignored) once compared with the outlines
            self.hatches.append(_Outline(g, layer, "HATCH", e.dxf.get("handle"), layer_use, rule.group))

    # ---- texts -------------------------------------------------------------------------------
    def text(self, e, layer: str, role: str | None, loose: bool = False) -> None:
        t = e.dxftype()
        try:
            if t == "MTEXT":
                content = e.plain_text(split=False)
                anchor = e.dxf.insert
            else:
                content = e.plain_text()
                align, p1, p2 = e.get_placement()
                anchor = p1 if p2 is None else (p1 + p2) / 2
                anchor = e.ocs().to_wcs(anchor)
        except Exception:
            self.ignore(e, layer, "unreadable text")
            return
        content = content.replace("\r", "").strip()
        if not content:
            self.ignore(e, layer, "empty text")
            return
        item = _Text(content, self.pt(anchor), layer, t, e.dxf.get("handle"), role)
        if loose:
            self.loose_texts.append(item)
            return
        self.used(e)
        self.texts.append(item)

    def attrib_label(self, e, layer: str, attribs: list, role: str) -> None:
        lines, id_hint = [], None
        for a in attribs:
            value = (a.dxf.get("text") or "").strip()
            tag = fold(a.dxf.get("tag") or "")
            if not value:
                continue
            if tag in ("ID", "NUM", "NO", "NUMBER", "NUMERO", "ROOMNO", "ROOM_NUMBER", "ROOMID"):
                id_hint = value
            else:
                lines.append(value)
        if not lines and id_hint is None:
            self.ignore(e, layer, "block with empty attributes")
            return
        self.used(e)
        ins = e.ocs().to_wcs(e.dxf.insert)
        self.texts.append(_Text("\n".join(lines), self.pt(ins), layer, "INSERT", e.dxf.get("handle"), role,
                                id_hint=id_hint))

    # ---- doors and windows ---------------------------------------------------------------------
    def arc_door(self, e, layer: str) -> None:
        r = float(e.dxf.radius) * self.scale
        if r < MIN_DOOR_M:
            self.ignore(e, layer, f"arc smaller than {MIN_DOOR_M} m, not a door swing")
            return
        c = self.pt(e.ocs().to_wcs(e.dxf.center))
        ends = [self.pt(e.start_point), self.pt(e.end_point)]
        self.swings.append((_DoorMark(c, ends, r, layer, "ARC", e.dxf.get("handle")), e))

    def block_door(self, e, layer: str) -> None:
        subs = self._virtual(e)
        arcs = [s for s in subs if s.dxftype() == "ARC"]
        handle = e.dxf.get("handle")
        id_hint = None
        for a in getattr(e, "attribs", []):
            if fold(a.dxf.get("tag") or "") in ("ID", "NUM", "NO", "NUMBER", "DOOR", "PORTE"):
                id_hint = (a.dxf.get("text") or "").strip() or None
        if arcs:
            arc = max(arcs, key=lambda a: a.dxf.radius)
            c = self.pt(arc.ocs().to_wcs(arc.dxf.center))
            r = float(arc.dxf.radius) * self.scale
            ends = [self.pt(arc.start_point), self.pt(arc.end_point)]
        else:
            fp = self._footprint(subs)
            ins = self.pt(e.ocs().to_wcs(e.dxf.insert))
            if fp is not None and not fp.is_empty:
                x0, y0, x1, y1 = fp.bounds
                r = max(x1 - x0, y1 - y0)
                c = ((x0 + x1) / 2, (y0 + y1) / 2)
            else:  # a unit block: its x scale is the width
                r = abs(float(e.dxf.get("xscale", 1.0))) * self.scale
                c = ins
            ends = []
        if r < MIN_DOOR_M:
            self.ignore(e, layer, f"door block narrower than {MIN_DOOR_M} m")
            return
        self.used(e)
        self.doors.append(_DoorMark(c, ends, r, layer, "INSERT", handle, id_hint))

    def _footprint(self, entities: list) -> shapely.Geometry | None:
        from ezdxf import path as ezpath

        lines = []
        for s in entities:
            try:
                p = ezpath.make_path(s)
                pts = [self.pt(v) for v in p.flattening(FLATTEN_M / self.scale, segments=4)]
            except Exception:
                continue
            if len(pts) >= 2:
                lines.append(LineString(pts))
        return shapely.union_all(lines) if lines else None

    def window(self, e, layer: str, geom: shapely.Geometry | None) -> None:
        if geom is None or geom.is_empty:
            self.ignore(e, layer, "window without geometry")
            return
        self.used(e)
        self.windows.append(_WindowMark(geom, layer, e.dxftype(), e.dxf.get("handle")))


def _xdata(e) -> dict[str, str] | None:
    """The CENTREPLAN XDATA of an entity as ``{"": kind, key: value}`` (see exports/dxf.py), or ``None``."""
    try:
        if not e.has_xdata(APPID):
            return None
        tags = [str(t.value) for t in e.get_xdata(APPID) if t.code == 1000]
    except Exception:  # broken XDATA: read the entity like any other
        return None
    if not tags:
        return None
    out = {"": tags[0]}
    for t in tags[1:]:
        key, sep, value = t.partition("=")
        if sep:
            out[key.strip()] = value
    return out


def _dedupe(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for p in pts:
        if not out or math.dist(out[-1], p) > 1e-9:
            out.append(p)
    return out


def _r(p) -> tuple[float, float] | None:
    return None if p is None else (round(float(p[0]), ROUND), round(float(p[1]), ROUND))


# ==== labels ========================================================================================

_AREA_TEXT = re.compile(r"\d\s*m(?:²|2\b)", re.IGNORECASE)


@dataclass
class LabelReading:
    """What a room's label says."""

    text: str
    id: str | None = None
    name: str | None = None
    use: str | None = None
    use_words: str | None = None
    groups: list[str] = field(default_factory=list)
    beds: int | None = None


class LabelReader:
    """Reads id, use, group and beds from label text with the mapping's words."""

    def __init__(self, mapping: Mapping):
        self.mapping = mapping
        self.uses = sorted(((tuple(words_of(w)), u) for u, ws in mapping.uses.items() for w in ws if words_of(w)),
                           key=lambda t: -len(t[0]))
        self.groups = sorted(((tuple(words_of(w)), g) for g, ws in mapping.groups.items() for w in ws
                              if words_of(w)), key=lambda t: -len(t[0]))
        beds = "|".join(re.escape(" ".join(words_of(w))) for w in mapping.bed_words if words_of(w))
        number = r"(\d{1,4})"
        self.beds_rx = (re.compile(r"\b" + number + " ?(?:" + beds + r")\b|\b(?:" + beds + ") ?" + number + r"\b")
                        if beds else None)
        self.id_rx = re.compile(mapping.id_pattern) if mapping.id_pattern else None
        self.id_line_rx = re.compile(mapping.id_line_pattern) if mapping.id_line_pattern else None
        self.keywords = {p for p, _ in self.uses} | {p for p, _ in self.groups} | {
            tuple(words_of(w)) for w in mapping.bed_words}

    @staticmethod
    def _find(words: list[str], phrases: list[tuple[tuple[str, ...], str]]) -> list[tuple[int, int, str, str]]:
        """(position, length, value, phrase) of every phrase found, longest phrases first, no overlaps."""
        taken = [False] * len(words)
        found = []
        for phrase, value in phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == phrase and not any(taken[i:i + n]):
                    found.append((i, n, value, " ".join(phrase)))
                    for k in range(i, i + n):
                        taken[k] = True
        return found

    def read(self, text: str, id_hint: str | None = None) -> LabelReading:
        out = LabelReading(text=text)
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        body = lines
        if id_hint:
            out.id = id_hint
        elif self.id_rx and lines:
            m = self.id_rx.match(lines[0])
            if m:
                out.id = m.group("id")
                rest = lines[0][m.end():].strip(" \t:.-—–·")
                body = ([rest] if rest else []) + lines[1:]
                # a label with an id is structured: "id name" on its first line, or the id alone
                # above the name (a line giving an area, "24.0 m²", is not a name)
                names = [rest] if rest else [ln for ln in lines[1:2] if not _AREA_TEXT.search(ln)]
                out.name = names[0] if names else None
            elif (self.id_line_rx and len(lines) > 1 and self.id_line_rx.fullmatch(lines[0])
                  and tuple(words_of(lines[0])) not in self.keywords):
                out.id = lines[0]
                body = lines[1:]
        if out.name is None and (not out.id or id_hint):
            out.name = " ".join(body).strip() or None
        words = words_of(" ".join(body))
        joined = " ".join(words)
        if self.beds_rx:
            m = self.beds_rx.search(joined)
            if m:
                out.beds = int(m.group(1) or m.group(2))
        # bed counts are not use words ("8 LITS" must not read as a room of use 'lit')
        uses = self._find(words, self.uses)
        if uses:
            best = min(uses, key=lambda f: (-f[1], f[0]))
            out.use, out.use_words = best[2], best[3]
        groups = self._find(words, self.groups)
        # a use phrase that contains a group word (ESPACE FEMMES) also names the group, by design
        seen: list[str] = []
        for _, _, g, _ in sorted(groups):
            if g not in seen:
                seen.append(g)
        out.groups = seen
        return out


# ==== walls: snapping outlines to wall centre lines =================================================

def snap_to_wall_centres(polys: list[Polygon], max_wall: float, problems: list[str] | None = None,
                         fixed: set[int] | frozenset[int] = frozenset()) -> list[Polygon]:
    """Grow each polygon into the wall gaps it shares with other polygons, up to the gap's centre line.

    A *wall gap* is a part of the morphological closing (by ``max_wall``) of all polygons that no
    polygon covers and that touches at least two polygons. Each gap is split between the polygons
    that face it by nearest distance: a Voronoi partition of points sampled on their outlines every
    :data:`SAMPLE_M` at the same coordinates on both faces of a wall, so that the split of a wall of
    even thickness is exactly its centre line. Neighbours end up with identical coordinates on a 1 mm
    grid. The work is done in square tiles of :data:`TILE_M`, so it grows with the plan's size, not
    its square. Polygons facing no gap, and those in ``fixed`` (rooms our own export wrote, whose
    outlines are the layout's), are returned unchanged (the same objects).
    """
    n = len(polys)
    if max_wall <= 0 or n < 2:
        return list(polys)
    valid = [p.is_valid and p.area > 0 for p in polys]
    usable = [p for p, ok in zip(polys, valid) if ok]
    if len(usable) < 2:
        return list(polys)
    try:
        walls = _wall_gaps(polys, valid, max_wall)
        if not walls:
            return list(polys)
        pieces = _split_walls(polys, valid, walls, max_wall)
    except shapely.errors.GEOSException as e:
        if problems is not None:
            problems.append(f"walls could not be split between rooms ({e}); outlines kept as drawn")
        return list(polys)
    out = list(polys)
    for k, mine in pieces.items():
        if k in fixed:
            continue
        try:
            grown = shapely.union_all([polys[k], *mine], grid_size=0.001)
        except shapely.errors.GEOSException:
            continue
        grown = _main_polygon(grown, polys[k])
        if grown is None or not grown.is_valid or grown.area + 1e-6 < polys[k].area:
            continue
        out[k] = grown
    changed = [k for k in range(n) if out[k] is not polys[k]]
    if changed:
        # the split follows parabolas where a wall meets another wall's end; straighten them (shared
        # edges stay shared: a coverage simplification, outer boundaries untouched)
        ok = [k for k in range(n) if valid[k] and out[k].is_valid]
        try:
            simple = shapely.coverage_simplify(np.array([out[k] for k in ok], dtype=object), SIMPLIFY_M,
                                               simplify_boundary=False)
        except shapely.errors.GEOSException:
            simple = None
        if simple is not None:
            for k, g in zip(ok, simple):
                if out[k] is not polys[k] and g.geom_type == "Polygon" and g.is_valid:
                    out[k] = shapely.simplify(shapely.set_precision(g, 0.001), 0.0)  # drop collinear points
    return out


def _wall_gaps(polys: list[Polygon], valid: list[bool], max_wall: float) -> list[Polygon]:
    """The gaps narrower than ``max_wall`` that touch two polygons or more."""
    union = shapely.union_all([p for p, ok in zip(polys, valid) if ok])
    h = max_wall / 2
    closed = union.buffer(h, join_style="mitre", mitre_limit=10.0).buffer(-h, join_style="mitre", mitre_limit=10.0)
    parts = [g for g in shapely.get_parts(shapely.difference(closed, union))
             if g.geom_type == "Polygon" and g.area > 1e-5]
    if not parts:
        return []
    tree = shapely.STRtree(np.array(polys, dtype=object))
    walls = []
    for g in parts:
        near = {int(i) for i in tree.query(g, predicate="dwithin", distance=1e-6) if valid[int(i)]}
        if len(near) >= 2:
            walls.append(g)
    return walls


def _aligned_points(ring: shapely.Geometry, step: float) -> np.ndarray:
    """Points on the lines of ``ring``: every vertex, and along each segment the points whose
    coordinate along the segment's direction (taken the same way round for parallel segments) is a
    multiple of ``step``. The two faces of a wall thus get points facing each other, and their
    Voronoi split is the wall's straight centre line, whatever the wall's angle."""
    out = []
    for line in shapely.get_parts(ring):
        xy = shapely.get_coordinates(line)
        for p0, p1 in zip(xy[:-1], xy[1:]):
            out.append(tuple(p0))
            d = p1 - p0
            length = math.hypot(d[0], d[1])
            if length == 0:
                continue
            u = d / length
            if u[0] < 0 or (u[0] == 0 and u[1] < 0):
                u = -u
            a0, a1 = float(p0 @ u), float(p1 @ u)
            lo, hi = sorted((a0, a1))
            ks = np.arange(math.floor(lo / step) + 1, math.ceil(hi / step)) * step
            out.extend(map(tuple, p0 + np.outer(ks - a0, u)))
        if len(xy):
            out.append(tuple(xy[-1]))
    return np.array(out, dtype=float).reshape(-1, 2)


def _split_walls(polys: list[Polygon], valid: list[bool], walls: list[Polygon],
                 max_wall: float) -> dict[int, list[shapely.Geometry]]:
    """Each polygon's share of the wall gaps (pieces, by polygon index), tile by tile."""
    zone = shapely.union_all(walls)
    reach = max_wall + SAMPLE_M
    # sample points on the outline pieces near a wall, with their owner
    tree = shapely.STRtree(np.array(polys, dtype=object))
    near = sorted({int(i) for i in tree.query(zone, predicate="dwithin", distance=reach) if valid[int(i)]})
    zone_near = zone.buffer(reach, quad_segs=2)
    pts_list, own_list = [], []
    for k in near:
        edge = shapely.intersection(polys[k].exterior, zone_near)
        pts = _aligned_points(edge, SAMPLE_M)
        pts_list.append(pts)
        own_list.append(np.full(len(pts), k))
    if not pts_list:
        return {}
    pts = np.concatenate(pts_list)
    owner = np.concatenate(own_list)
    # drop repeated points (rooms touching each other share outline points): the first owner keeps it
    _, first = np.unique(np.round(pts, 7), axis=0, return_index=True)
    first.sort()
    pts, owner = pts[first], owner[first]
    # fixed, sub-micrometre jitter: points sampled on parallel lines are co-circular by the thousand,
    # which GEOS's Delaunay step does not survive (empty and invalid cells)
    pts = pts + np.random.default_rng(20240601).uniform(-1e-7, 1e-7, pts.shape)
    x0, y0, x1, y1 = zone.bounds
    pieces: dict[int, list[shapely.Geometry]] = defaultdict(list)
    for tx in np.arange(x0, x1, TILE_M):
        for ty in np.arange(y0, y1, TILE_M):
            try:
                tile = shapely.make_valid(shapely.clip_by_rect(zone, tx, ty, tx + TILE_M, ty + TILE_M))
            except shapely.errors.GEOSException:  # a sliver the fast clip refuses: a full overlay
                tile = shapely.intersection(zone, shapely.box(tx, ty, tx + TILE_M, ty + TILE_M), grid_size=1e-6)
            if tile.is_empty or tile.area <= 0:
                continue
            # every point that can be the nearest to a place in the tile lies within `reach` of it
            sel = ((pts[:, 0] >= tx - reach) & (pts[:, 0] <= tx + TILE_M + reach)
                   & (pts[:, 1] >= ty - reach) & (pts[:, 1] <= ty + TILE_M + reach))
            idx = np.nonzero(sel)[0]
            if len(idx) < 3 or len(set(owner[idx].tolist())) < 2:
                if len(idx):
                    k = int(owner[idx][0])
                    pieces[k].append(tile)
                continue
            cells = shapely.voronoi_polygons(MultiPoint(pts[idx]), ordered=True)
            cell_arr = shapely.get_parts(cells)
            if len(cell_arr) != len(idx):
                raise shapely.errors.GEOSException("Voronoi cells do not match their points")
            hit = shapely.intersects(cell_arr, tile)
            cells_hit, own_hit = cell_arr[hit], owner[idx][hit]
            for k in np.unique(own_hit).tolist():
                # the cells of a Voronoi diagram are edge-matched: their union per owner is cheap
                mine = cells_hit[own_hit == k]
                try:
                    region = shapely.coverage_union_all(mine)
                except shapely.errors.GEOSException:
                    region = shapely.union_all(shapely.make_valid(mine))
                g = shapely.intersection(shapely.make_valid(region), tile, grid_size=1e-6)
                for part in shapely.get_parts(g):
                    if part.geom_type == "Polygon" and part.area > 0:
                        pieces[int(k)].append(part)
    return pieces


def _main_polygon(geom: shapely.Geometry, original: Polygon) -> Polygon | None:
    if geom.geom_type == "Polygon":
        return Polygon(geom.exterior.coords)  # wall pieces never make holes in a room
    polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    if not polys:
        return None
    best = max(polys, key=lambda g: g.intersection(original).area)
    return Polygon(best.exterior.coords)


# ==== the import ====================================================================================

def units_of(doc, units: str | None, report_add) -> tuple[str, Literal["file", "option", "assumed"], float]:
    code = doc.header.get("$INSUNITS", 0)
    try:
        code = int(code)
    except (TypeError, ValueError):
        code = 0
    from_file = INSUNITS.get(code)
    if units is not None:
        if units not in UNIT_CHOICES:
            raise DxfImportError(f"--units: {units!r} is not a unit this importer reads; choose one of: "
                                 + ", ".join(UNIT_CHOICES))
        if from_file and from_file != units:
            report_add("units", f"the file says {UNIT_WORDS[from_file]} ($INSUNITS={code}) but --units "
                       f"{units} was given: read in {UNIT_WORDS[units]}")
        unit, how = units, "option"
    elif from_file:
        unit, how = from_file, "file"
    elif code == 0:
        unit, how = "mm", "assumed"
        report_add("units", "the drawing does not say its units ($INSUNITS is 0 or absent, as in every R12 "
                   "file): read in millimetres; if that is wrong, import again with --units m (or cm, in)")
    else:
        raise DxfImportError(f"$INSUNITS={code} is a unit this importer does not convert; give the drawing's "
                             "unit with --units (" + ", ".join(UNIT_CHOICES) + ")")
    return unit, how, float(ureg.Quantity(1, unit).to("m").magnitude)


def import_dxf(path: str | Path, mapping: Mapping | None = None, units: str | None = None,
               name: str | None = None, max_wall: float | None = None, source: str | None = None) -> ImportResult:
    """Read the DXF plan at ``path`` into a layout and a report (see the module documentation).

    ``name``: the centre's name (default: the one our own export stored, else the file's name);
    ``source``: the file's name as the user knows it, in the report (default: ``path``)."""
    mapping = mapping or load_mapping()
    doc, auditor = read_dxf(path)
    version = doc.dxfversion
    vname = DXF_VERSIONS.get(version, version)
    report_items: list[ReportItem] = []

    def early(kind: str, message: str) -> None:
        report_items.append(ReportItem(kind=kind, message=message))

    unit, how, scale = units_of(doc, units, early)
    report = ImportReport(source=source or str(path), dxf_version=f"{vname}, {version}", units=unit, units_from=how,
                          metres_per_unit=scale, audit_errors=len(auditor.errors), audit_fixes=len(auditor.fixes))
    report.items.extend(report_items)
    if version not in DXF_VERSIONS:
        report.add("version", f"DXF version {version} is outside R12–R2018; read anyway, check the result")
    for err in list(auditor.errors)[:50]:
        report.add("audit", f"error: {getattr(err, 'message', err)}")
    for fix in list(auditor.fixes)[:50]:
        report.add("audit", f"repaired: {getattr(fix, 'message', fix)}")
    hidden = max(0, len(auditor.errors) - 50) + max(0, len(auditor.fixes) - 50)
    if hidden:
        report.add("audit", f"… and {hidden} more audit messages")

    reader = _Reader(doc, mapping, scale, report)
    try:
        reader.run(doc.modelspace())
        reader.finish()
    except RecursionError:
        raise DxfImportError(f"{path}: the drawing's blocks reference each other in a loop") from None
    wall = mapping.max_wall_thickness if max_wall is None else max_wall
    if wall < 0:
        raise DxfImportError(f"--max-wall: must be 0 or more metres, got {wall:g}")
    centre = _build(reader, mapping, report, name, wall)
    return ImportResult(centre, report)


def import_dxf_bytes(data: bytes, name: str = "plan.dxf", mapping: Mapping | None = None,
                     units: str | None = None, max_wall: float | None = None) -> ImportResult:
    """:func:`import_dxf` for the bytes of an uploaded file; ``name`` is used in messages and as the
    default centre name. The bytes are checked against :data:`MAX_DXF_BYTES` before anything else."""
    import os
    import tempfile

    if len(data) > MAX_DXF_BYTES:
        raise DxfImportError(f"{name}: the file is {len(data) / 2**20:.0f} MiB; DXF plans larger than "
                             f"{MAX_DXF_BYTES // 2**20} MiB are refused")
    fd, tmp = tempfile.mkstemp(suffix=".dxf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:
            return import_dxf(tmp, mapping=mapping, units=units, max_wall=max_wall, source=name)
        except DxfImportError as e:
            raise DxfImportError(str(e).replace(tmp, name)) from None
    finally:
        os.unlink(tmp)


def _build(reader: _Reader, mapping: Mapping, report: ImportReport, name: str | None, max_wall: float) -> Centre:
    from planner.geometry import build_plan

    outlines = list(reader.outlines)
    if len(outlines) + len(reader.hatches) > MAX_ROOMS:
        raise DxfImportError(
            f"{report.source}: {len(outlines) + len(reader.hatches):,} room outlines is more than the "
            f"{MAX_ROOMS:,} a layout may hold; give a mapping file (--map) whose room layers hold only rooms, "
            "or split the plan")
    # hatches: only where no outline covers them already
    for h in reader.hatches:
        dup = next((o for o in outlines if _iou(o.poly, h.poly) > 0.9), None)
        if dup is not None:
            key = f"HATCH on {h.layer} (same area as a room outline)"
            report.ignored[key] = report.ignored.get(key, 0) + 1
            continue
        report.add("hatch", "no outline was drawn here: the hatch's boundary was used as the room outline",
                   layer=h.layer, entity="HATCH", handle=h.handle, at=_r(_anchor(h.poly)))
        report.used["HATCH"] = report.used.get("HATCH", 0) + 1
        outlines.append(h)
    for layer, t, handle, at in reader.unmapped_closed:
        report.add("unmapped_outline", f"a closed outline on layer {layer!r}, which the mapping does not know: "
                   f"add `- {{pattern: '{layer}', role: room}}` to a mapping file to import such outlines",
                   layer=layer, entity=t, handle=handle, at=_r(at))

    # labels → the smallest outline containing the anchor
    polys = [o.poly for o in outlines]
    tree = shapely.STRtree(np.array(polys, dtype=object)) if polys else None
    fill_group: dict[int, str] = {}
    for e, layer, group, ring in reader.fills:
        hits = [int(i) for i in tree.query(ring, predicate="intersects")] if tree is not None else []
        k = next((i for i in hits if _iou(polys[i], ring) > 0.98), None)
        if k is None:
            reader.ignore(e, layer, "fill matching no room outline")
        else:
            reader.used(e)
            fill_group.setdefault(k, group)

    def container(at: tuple[float, float]) -> int | None:
        if tree is None:
            return None
        hits = [int(i) for i in tree.query(Point(at), predicate="intersects")]
        return min(hits, key=lambda i: polys[i].area) if hits else None

    for t in reader.texts:
        k = container(t.at)
        if k is None:
            report.add("text_outside", f"text {t.text!r} is inside no room outline: not used",
                       layer=t.layer, entity=t.entity, handle=t.handle, at=_r(t.at))
        else:
            outlines[k].texts.append(t)
    loose_inside = []
    for t in reader.loose_texts:
        k = container(t.at)
        if k is not None:
            loose_inside.append((k, t))

    # nested outlines (one inside another): both kept, said
    for i, a in enumerate(polys):
        if tree is None:
            break
        for j in tree.query(a, predicate="contains_properly"):
            j = int(j)
            if j != i:
                report.add("nested", f"this outline lies inside the outline #{outlines[i].handle} "
                           f"({outlines[i].layer}); both were imported as rooms: delete one",
                           layer=outlines[j].layer, entity=outlines[j].entity, handle=outlines[j].handle,
                           at=_r(_anchor(polys[j])))

    labels = LabelReader(mapping)
    # our own export's rooms keep the drawing's order; the others are taken top to bottom, left to right
    order = [i for i, o in enumerate(outlines) if o.data is not None] + sorted(
        (i for i, o in enumerate(outlines) if o.data is None),
        key=lambda i: (-round(_anchor(polys[i])[1], 1), round(_anchor(polys[i])[0], 1)))
    readings: dict[int, LabelReading] = {}
    for i in order:
        o = outlines[i]
        if o.data is not None:
            readings[i] = LabelReading("", id=o.data.get("id"))
            continue
        texts = sorted(o.texts, key=lambda t: (-t.at[1], t.at[0]))
        id_hint = next((t.id_hint for t in texts if t.id_hint), None)
        readings[i] = labels.read("\n".join(t.text for t in texts), id_hint) if texts else LabelReading("")

    # ids: from labels when valid and unique, else R01, R02 … in reading order
    from planner.model import ID_PATTERN

    ids: dict[int, str] = {}
    taken: set[str] = set()
    for i in order:
        cand = readings[i].id
        if cand and re.match(ID_PATTERN, cand) and cand not in taken and cand.lower() != "outside":
            ids[i] = cand
            taken.add(cand)
        elif cand:
            report.add("label_conflict", f"room id {cand!r} from the label is used twice or not a valid id "
                       "(letters, digits, _ and -): a new id was given", layer=outlines[i].layer,
                       entity=outlines[i].entity, handle=outlines[i].handle, at=_r(_anchor(polys[i])))
    width = max(2, len(str(len(outlines))))
    counter = 0
    for i in order:
        if i in ids:
            continue
        while True:
            counter += 1
            cand = f"R{counter:0{width}d}"
            if cand not in taken:
                break
        ids[i] = cand
        taken.add(cand)

    # walls
    snap_problems: list[str] = []
    fixed = {i for i, o in enumerate(outlines) if o.data is not None}
    snapped = snap_to_wall_centres(polys, max_wall, snap_problems, fixed=fixed)
    for msg in snap_problems:
        report.add("walls", msg)
    rooms: list[Room] = []
    for i in order:
        o, rd, rid = outlines[i], readings[i], ids[i]
        at = _r(_anchor(o.poly))
        notes: list[str] = []
        where = dict(layer=o.layer, entity=o.entity, handle=o.handle, at=at, room=rid)
        if o.data is not None:
            room = _data_room(o.data, o.poly, rid, report, where)
            if room is not None:
                rooms.append(room)
                continue
        use = o.use
        if rd.use and use and rd.use != use:
            report.add("label_conflict", f"room {rid}: the layer says {use!r} but the label {rd.text!r} says "
                       f"{rd.use!r} ({rd.use_words}); the layer's use was kept", **where)
        use = use or rd.use
        if use is None:
            if rd.text:
                notes.append(f"use not recognised from label '{_one_line(rd.text)}' — set it")
                report.add("use_unknown", f"room {rid}: no known word in the label {_one_line(rd.text)!r}: "
                           f"use set to '{UNKNOWN_USE}' — set it", **where)
            else:
                notes.append("no label in the drawing: use not known — set it")
                report.add("unlabelled", f"room {rid}: no text inside this outline; use set to "
                           f"'{UNKNOWN_USE}' — set its use and name", **where)
            use = UNKNOWN_USE
        group = o.group or fill_group.get(i)
        if group is None:
            if len(rd.groups) == 1:
                group = rd.groups[0]
            elif len(rd.groups) > 1:
                report.add("label_conflict", f"room {rid}: the label {_one_line(rd.text)!r} names several groups "
                           f"({', '.join(rd.groups)}); group left as 'all' — set it", **where)
        group = group or "all"
        beds = rd.beds or 0
        if use in ("dormitory", "family_room") and not rd.beds:
            report.add("missing_beds", f"room {rid} ({use}): no number of beds in the label "
                       "(e.g. '8 LITS'); beds set to 0 — set them", **where)
        if use in ("dormitory", "family_room") and group == "all":
            report.add("label_conflict", f"room {rid} ({use}): no group in the label (HOMMES, FEMMES, GARÇONS, "
                       "FILLES, FAMILLES); group left as 'all' — set it", **where)
        drawn = o.poly
        poly = snapped[i]
        if poly is not drawn:
            gained = poly.area - drawn.area
            if gained > 0.0005:
                notes.append(f"outline snapped to wall centre lines: drawn (net) area {drawn.area:.2f} m², "
                             f"{gained:+.2f} m²")
                report.add("walls", f"room {rid}: grown by {gained:.2f} m² to the centre of its walls "
                           f"(drawn area {drawn.area:.2f} m², now {poly.area:.2f} m²)", **where)
        if o.entity == "HATCH":
            notes.append("outline from a hatch boundary")
        if not poly.is_valid:
            from planner.geometry import validity_reason

            report.add("bad_outline", f"room {rid}: the outline is not a simple polygon "
                       f"({validity_reason(poly)}); imported as drawn — redraw it", **where)
        coords = _coords(poly)
        rooms.append(Room(id=rid, name=rd.name, use=use, group=group, polygon=coords, beds=beds,
                          notes="; ".join(notes) or None))

    for k, t in loose_inside:
        report.add("text_unused", f"text {t.text!r} inside room {ids[k]} is on layer {t.layer!r}, which the "
                   "mapping does not know: not read as a label (add a rule with role 'label')",
                   layer=t.layer, entity=t.entity, handle=t.handle, at=_r(t.at), room=ids[k])

    info, population = _header_centre(reader.doc, name, report)
    centre = Centre(centre=info, population=population, rooms=rooms)
    plan = build_plan(centre)
    for a, b, area in plan.overlaps:
        report.add("overlap", f"rooms {a} and {b} overlap by {area:.2f} m²: redraw one of them",
                   room=a, at=_r(_anchor(plan.polygons[a].intersection(plan.polygons[b]))))

    doors, marks = _data_doors(reader, {r.id for r in rooms}, report)
    doors += _place_doors(marks + reader.doors, plan, max_wall, report, {d.id for d in doors})
    _data_windows(reader, rooms, report)
    _attach_windows(reader.windows, plan, rooms, mapping, report)
    centre = Centre(centre=centre.centre, population=centre.population, rooms=rooms, doors=doors)
    final = build_plan(centre)
    for pr in final.problems():
        if pr.kind == "overlap":
            continue  # said above
        report.add("geometry", pr.message, room=pr.rooms[0] if pr.rooms else None)
    areas = sorted(final.area(r.id) for r in rooms)
    if areas:
        median = areas[len(areas) // 2]
        if median < 0.5:
            report.add("units", f"the rooms are tiny (half of them under {median:.3f} m²): the drawing is "
                       f"probably not in {UNIT_WORDS[report.units]}; import again with --units m (or cm)")
        elif median > 20_000:
            report.add("units", f"the rooms are huge (half of them over {median:,.0f} m²): the drawing is "
                       f"probably not in {UNIT_WORDS[report.units]}; import again with --units mm (or cm)")
    report.rooms = len(rooms)
    report.doors = len(doors)
    report.area_m2 = round(sum(final.area(r.id) for r in rooms), 2)
    return centre


_DATA_INTS = ("level", "beds", "households", "occupants", "seats")


def _data_room(data: dict[str, str], poly: Polygon, rid: str, report: ImportReport, where: dict) -> Room | None:
    """A room from the CENTREPLAN data of its outline; ``None`` (and a report line) if the data is bad."""
    fields: dict[str, Any] = {k: data[k] for k in ("use", "group", "name") if k in data}
    fields.update({k: data[k] for k in _DATA_INTS if k in data})
    if "height" in data:
        fields["height"] = _number_or_text(data["height"])
    if "lockable" in data:
        fields["lockable"] = data["lockable"]
    if data.get("windows", "").strip() == "0":
        fields["windows"] = []  # "no windows" said, not "not given"; counted windows come with their data
    fixtures = {k.split(".", 1)[1]: v for k, v in data.items() if k.startswith("fixtures.")}
    if fixtures:
        fields["fixtures"] = fixtures
    dx = 0.0
    if "offset" in data:
        try:
            dx = float(data["offset"].split(",")[0])
        except ValueError:
            report.add("label_conflict", f"room {rid}: offset {data['offset']!r} in its data is not a number; "
                       "ignored", **where)
    coords = [(round(x - dx, ROUND) + 0.0, round(y, ROUND) + 0.0) for x, y in _coords(poly)]
    try:
        return Room(id=rid, polygon=coords, **fields)
    except (ValidationError, PlannerError) as e:
        why = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()) \
            if isinstance(e, ValidationError) else str(e)
        report.add("label_conflict", f"room {rid}: its CENTREPLAN data is not valid ({why}); read from its "
                   "label instead", **where)
        return None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _anchor(g: shapely.Geometry) -> tuple[float, float]:
    p = g.representative_point() if not g.is_empty else Point(0, 0)
    return (p.x, p.y)


def _iou(a: Polygon, b: Polygon) -> float:
    try:
        inter = a.intersection(b).area
        union = a.union(b).area
    except shapely.errors.GEOSException:
        return 0.0
    return inter / union if union > 0 else 0.0


def _coords(poly: Polygon) -> list[tuple[float, float]]:
    pts = [(round(x, ROUND) + 0.0, round(y, ROUND) + 0.0) for x, y in list(poly.exterior.coords)[:-1]]
    return _dedupe(pts)


# ==== doors =========================================================================================

def _header_centre(doc, name: str | None, report: ImportReport) -> tuple[CentreInfo, Population]:
    """Centre settings and population from the header of our own export, else defaults."""
    notes = f"imported from {Path(report.source).name} by centreplan import; see the import report"
    cv = doc.header.custom_vars
    info: dict[str, Any] = {}
    pop: dict[str, Any] = {}
    try:
        for key in ("name", "climate", "phase", "levels", "confidential", "location"):
            if cv.has_tag(f"centreplan.{key}"):
                info[key] = cv.get(f"centreplan.{key}")
        for key in Population.model_fields:
            if cv.has_tag(f"centreplan.population.{key}"):
                pop[key] = cv.get(f"centreplan.population.{key}")
    except Exception:  # custom properties are optional; a damaged header must not stop the import
        info, pop = {}, {}
    if name:
        info["name"] = name
    info.setdefault("name", Path(report.source).stem or "imported plan")
    try:
        centre_info = CentreInfo(notes=notes, **info)
    except ValidationError as e:
        report.add("label_conflict", f"the drawing's centre properties are not valid ({e.errors()[0]['msg']}); "
                   "defaults used")
        centre_info = CentreInfo(name=info["name"], notes=notes)
    try:
        population = Population(**pop)
    except ValidationError as e:
        report.add("label_conflict", f"the drawing's population properties are not valid "
                   f"({e.errors()[0]['msg']}); population left empty")
        population = Population()
    return centre_info, population


def _data_doors(reader: _Reader, room_ids: set[str], report: ImportReport) -> tuple[list[Door], list[_DoorMark]]:
    """Doors from the CENTREPLAN data of door leaves; those that cannot be used go back to placement."""
    doors: list[Door] = []
    marks: list[_DoorMark] = []
    for data, hinge, layer, handle in reader.data_doors:
        where = dict(layer=layer, entity="LINE", handle=handle, at=_r(hinge))
        try:
            a, b = (x.strip() for x in data["between"].split(","))
            at = tuple(float(v) for v in data["at"].split(","))
            door = Door(id=data["id"], between=(a, b), width=_number_or_text(data["width"]), at=at)
        except (KeyError, ValueError, ValidationError, PlannerError) as e:
            report.add("door", f"the door's CENTREPLAN data is not readable ({type(e).__name__}); placed from "
                       "its drawing instead", **where)
            marks.append(_DoorMark(hinge, [], _num(data.get("width"), 0.9), layer, "LINE", handle, data.get("id")))
            continue
        missing = [x for x in door.between if x != OUTSIDE and x not in room_ids]
        if missing:
            report.add("door", f"door {door.id}: room {', '.join(missing)} named in its data is not in the "
                       "drawing; placed from its drawing instead", **where)
            marks.append(_DoorMark(hinge, [], door.width, layer, "LINE", handle, door.id))
            continue
        doors.append(door)
    return doors, marks


def _number_or_text(value: str) -> float | str:
    """A plain number as a float (metres), anything else as given for the model to read or refuse."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def _num(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _data_windows(reader: _Reader, rooms: list[Room], report: ImportReport) -> None:
    by_id = {r.id: r for r in rooms}
    for data, poly, layer, handle in reader.data_windows:
        where = dict(layer=layer, entity="LWPOLYLINE", handle=handle, at=_r(_anchor(poly)))
        room = by_id.get(data.get("room", ""))
        try:
            win = Window(width=_number_or_text(data["width"]), height=_number_or_text(data["height"]),
                         openable=data.get("openable", "true"))
        except (KeyError, ValidationError, PlannerError):
            win = None
        if room is None or win is None:
            report.add("window", "a window whose CENTREPLAN data names no room of the drawing or is not readable: "
                       "not attached", **where)
            continue
        room.windows = [*(room.windows or []), win]
        report.windows_found += 1


def _place_doors(marks: list[_DoorMark], plan, max_wall: float, report: ImportReport,
                 taken: set[str] | None = None) -> list[Door]:
    """Each door symbol on the nearest shared wall, or on a room's outer outline (a door to outside)."""
    if not marks:
        return []
    # candidate walls: shared walls, and the part of each outline no neighbour shares
    cands: list[tuple[shapely.Geometry, tuple[str, str]]] = []
    for key, line in plan._walls.items():
        a, b = sorted(key)
        cands.append((line, (a, b)))
    for rid in plan.ids:
        poly = plan.polygons[rid]
        if poly.is_empty:
            continue
        boundary = poly.boundary
        shared = [plan.shared_wall(rid, o) for o in plan.neighbours[rid]]
        if shared:
            boundary = boundary.difference(shapely.union_all([s.buffer(1e-4) for s in shared]))
        if not boundary.is_empty and boundary.length > 0:
            cands.append((boundary, (rid, "outside")))
    if not cands:
        for m in marks:
            report.add("door", "a door, but no room outline to put it in: not placed", layer=m.layer,
                       entity=m.entity, handle=m.handle, at=_r(m.hinge))
        return []
    geoms = np.array([c[0] for c in cands], dtype=object)
    tree = shapely.STRtree(geoms)
    reach = max(max_wall, 0.3) + 0.3
    doors: list[Door] = []
    used_ids: set[str] = set(taken or ())
    door_no = 0
    for m in marks:
        probes = [((m.hinge[0] + e[0]) / 2, (m.hinge[1] + e[1]) / 2) for e in m.ends] or [m.hinge]
        best = None
        for probe in probes:
            # the nearest wall; at equal distance a wall between rooms (listed first) wins over an outer one
            hits, dists = tree.query_nearest(Point(probe), return_distance=True, all_matches=True)
            k, d = min(zip(hits.tolist(), dists.tolist()), key=lambda kd: (kd[1], kd[0]))
            if best is None or d < best[0] - 1e-6:
                best = (float(d), int(k), probe)
        dist, k, probe = best
        if dist > reach:
            report.add("door", f"a door {m.width:.2f} m wide is {dist:.2f} m from the nearest wall (more than "
                       f"{reach:.2f} m): not placed", layer=m.layer, entity=m.entity, handle=m.handle, at=_r(probe))
            continue
        geom, (a, b) = cands[k]
        on = shapely.ops.nearest_points(geom, Point(probe))[0]
        did = m.id_hint if m.id_hint and re.match(r"^[A-Za-z0-9_-]+$", m.id_hint) else None
        if did is None or did in used_ids:
            door_no += 1
            while f"D{door_no}" in used_ids:
                door_no += 1
            did = f"D{door_no}"
        used_ids.add(did)
        width = round(m.width, ROUND)
        doors.append(Door(id=did, between=(a, b), width=width, at=_r((on.x, on.y))))
        if b == "outside":
            report.add("door_outside", f"door {did} ({width:.2f} m) is on an outer wall of room {a}: imported as a "
                       "door to outside (an exit); if it opens onto a room that is not drawn, draw that room",
                       layer=m.layer, entity=m.entity, handle=m.handle, at=_r((on.x, on.y)), room=a)
    return doors


# ==== windows =======================================================================================

def _attach_windows(marks: list[_WindowMark], plan, rooms: list[Room], mapping: Mapping,
                    report: ImportReport) -> None:
    if not marks:
        return
    # parts of one window symbol (two or three parallel lines) touch or nearly touch: merge them
    blobs: list[tuple[shapely.Geometry, list[_WindowMark]]] = []
    for m in marks:
        g = m.geom.buffer(0.05)
        hit = [b for b in blobs if b[0].intersects(g)]
        merged_geom = shapely.union_all([g] + [b[0] for b in hit])
        merged_marks = [m] + [x for b in hit for x in b[1]]
        blobs = [b for b in blobs if all(b is not h for h in hit)] + [(merged_geom, merged_marks)]
    by_id = {r.id: r for r in rooms}
    ids = plan.ids
    polys = np.array([plan.polygons[r] for r in ids], dtype=object)
    reach = max(mapping.max_wall_thickness, 0.3) + 0.3
    found: dict[str, list[float]] = defaultdict(list)
    for geom, ms in blobs:
        core = shapely.union_all([x.geom for x in ms])
        x0, y0, x1, y1 = core.bounds
        width = round(max(x1 - x0, y1 - y0), 2)
        c = core.centroid
        head = ms[0]
        where = dict(layer=head.layer, entity=head.entity, handle=head.handle, at=_r((c.x, c.y)))
        if not len(ids):
            report.add("window", f"a window {width:.2f} m wide, but there are no rooms", **where)
            continue
        d = shapely.distance(shapely.boundary(polys), c)
        k = int(np.argmin(d))
        if d[k] > reach or width < 0.2:
            report.add("window", f"a window symbol {width:.2f} m wide is {d[k]:.2f} m from the nearest room: "
                       "not attached", **where)
            continue
        found[ids[k]].append(width)
        report.windows_found += 1
    for rid, widths in found.items():
        room = by_id[rid]
        ws = ", ".join(f"{w:.2f}" for w in widths)
        if mapping.window_height:
            room.windows = [Window(width=w, height=mapping.window_height, openable=True) for w in widths]
            report.add("window", f"room {rid}: {len(widths)} window(s) {ws} m wide, height "
                       f"{mapping.window_height:g} m from the mapping; openable assumed — check", room=rid)
        else:
            note = f"windows in the drawing: {ws} m wide (heights not in the plan)"
            room.notes = f"{room.notes}; {note}" if room.notes else note
            report.add("window", f"room {rid}: {len(widths)} window(s) {ws} m wide found; the plan gives no "
                       "height, so they are listed in the room's notes only — set windows with their heights",
                       room=rid)
