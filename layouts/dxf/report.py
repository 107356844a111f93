"""The import report: what was read, what was made of it, and everything not understood."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import (
    BaseModel,
    Field,
    computed_field,
)

from centreplan.layouts.dxf.units import UNIT_WORDS
from centreplan.planner.model import (
    Centre,
)

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
    "label_layer": "labels read from layers the mapping does not know",
    "text_unused": "texts inside rooms on layers that are not label layers (not read)",
    "walls": "outlines snapped to wall centre lines",
    "door": "doors that could not be placed",
    "door_outside": "doors placed on an outer wall (doors to outside)",
    "window": "windows",
    "unmapped_outline": "closed outlines on layers the mapping does not know",
    "geometry": "problems in the imported plan",
    "clusters": "several drawings in one model space",
    "layers_found": "layers read as room outlines because their outlines hold texts",
    "detected": "rooms found from the walls (to be checked)",
    "two_labels": "spaces enclosed by walls that hold several labels (shared between them)",
    "placeholder": "texts repeated as placeholders (not names)",
    "array": "arrays of blocks (MINSERT) too large to read",
    "area_check": "areas written in labels against the outlines drawn",
    "xref": "external references (other drawings this one points to: not read)",
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
    units_from: Literal["file", "option", "assumed", "drawing"]
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
        how = {"file": "from $INSUNITS", "option": "given with --units", "assumed": "ASSUMED, the file does not say",
               "drawing": "PROPOSED from the sizes in the drawing, see below"}
        out.append(f"units: {UNIT_WORDS.get(self.units, self.units)} ({how[self.units_from]}); "
                   f"1 drawing unit = {self.metres_per_unit:g} m")
        ents = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        out.append(f"read: {sum(self.entities.values())} entities in model space ({ents})")
        out.append(f"DXF audit: {self.audit_errors} errors, {self.audit_fixes} fixes")
        out.append(f"imported: {self.rooms} rooms ({self.area_m2:.2f} m²), {self.doors} doors, "
                   f"{self.windows_found} windows found")
        if self.rooms == 0:
            out.append("NO ROOM WAS IMPORTED. What to try:")
            out += [f"  - {tip}" for tip in self.what_to_try()]
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
                    out.append(f"    - {describe(it)}")
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
        # whatever the drawing's names hold, the report can be written in UTF-8
        return ("\n".join(out) + "\n").encode("utf-8", "replace").decode("utf-8")

    def what_to_try(self) -> list[str]:
        """Why no room came out of the drawing, as things to try."""
        tips = []
        if self.unknown_layers:
            names = ", ".join(sorted(self.unknown_layers)[:6]) + (" …" if len(self.unknown_layers) > 6 else "")
            tips.append(f"name the layers that hold the room outlines or the walls in a mapping file (--map, "
                        f"role room or wall); layers not in the mapping: {names}")
        if not any(i.kind == "detected" for i in self.items):
            tips.append("no space enclosed by walls was found: the walls may have gaps wider than a door "
                        "(1.25 m) or be on layers the mapping ignores")
        if self.units_from in ("assumed", "drawing"):
            tips.append(f"the units were {'assumed' if self.units_from == 'assumed' else 'guessed'} "
                        f"({UNIT_WORDS.get(self.units, self.units)}): give them with --units")
        if any(i.kind == "clusters" for i in self.items):
            tips.append("the model space holds several drawings: choose the plan with --region X0,Y0,X1,Y1")
        tips.append("or draw each room as a closed polyline on a layer named like ROOM, PIECE or LOCAL, with "
                    "its name as a text inside it")
        return tips


def describe(item: ReportItem) -> str:
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

