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

from centreplan.layouts.dxf.messages import KIND_TITLES, MESSAGES, WALLS_LAYER, render, render_text, translate, value
from centreplan.planner.model import (
    Centre,
)


class ReportItem(BaseModel):
    """One thing the importer did not understand or had to decide: a message key of
    :mod:`layouts.dxf.messages` and its values, written in English (``message``) and in French
    (``message_fr``) when it is made; :meth:`text` writes it in any language."""

    kind: str
    message: str  # in English, as the report has always said it
    key: str | None = None  # a key of layouts.dxf.messages.MESSAGES (None: a message of its own, in English)
    params: dict[str, Any] = Field(default_factory=dict)  # its numbers, codes and the names the user drew
    message_fr: str | None = None
    layer: str | None = None
    entity: str | None = None  # DXF type
    handle: str | None = None
    at: tuple[float, float] | None = None  # metres, in the layout's coordinates
    room: str | None = None

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``."""
        if self.key is None:
            return self.message
        return render(self.key, self.params, lang)


def item(kind: str, key: str, params: dict[str, Any] | None = None, **where: Any) -> ReportItem:
    """A report item of message ``key`` with ``params`` (a text that is not a key is kept as the message)."""
    if key not in MESSAGES:
        return ReportItem(kind=kind, message=key, **where)
    values = params or {}
    return ReportItem(kind=kind, message=render(key, values, "en"), key=key, params=values,
                      message_fr=render(key, values, "fr"), **where)


class Ignored(BaseModel):
    """Entities of one type on one layer that were not imported, and why (an English phrase of the code
    marked with ``N_``, with its values)."""

    type: str
    layer: str
    why: str
    params: dict[str, Any] = Field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        return render("ignored.entry", {"type": self.type, "layer": self.layer,
                                        "role": sub_text(self.why, self.params, lang)}, lang)


def sub_text(template: str, params: dict[str, Any], lang: str) -> str:
    return render_text(translate(template, lang), params, lang)


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
    ignored_why: dict[str, Ignored] = Field(default_factory=dict)  # the same key → its parts, for other languages
    unknown_layers: dict[str, dict[str, int]] = Field(default_factory=dict)  # layer → type → count
    items: list[ReportItem] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def counts(self) -> dict[str, int]:
        """Items to check, by kind."""
        return dict(Counter(i.kind for i in self.items))

    def add(self, kind: str, key: str, params: dict[str, Any] | None = None, /, **where: Any) -> None:
        """An item of message ``key`` (layouts.dxf.messages) with its ``params``, and where it is."""
        self.items.append(item(kind, key, params, **where))

    def ignore(self, dxftype: str, layer: str, why: str, **params: Any) -> None:
        """One more entity of ``dxftype`` on ``layer`` not imported, because of ``why`` (``N_`` phrase)."""
        entry = Ignored(type=dxftype, layer=layer, why=why, params=params)
        key = entry.text("en")
        self.ignored[key] = self.ignored.get(key, 0) + 1
        self.ignored_why.setdefault(key, entry)

    def of_kind(self, kind: str) -> list[ReportItem]:
        return [i for i in self.items if i.kind == kind]

    def text(self, lang: str = "en") -> str:
        """The report as plain text for people, in ``lang``."""
        def say(key: str, **params: Any) -> str:
            return render(key, params, lang)

        out = [say("head", source=self.source, version=self.dxf_version)]
        out.append(say("units", unit=self.units, how=say(f"units.{self.units_from}"), scale=self.metres_per_unit))
        ents = ", ".join(f"{k} {value(v, lang)}" for k, v in sorted(self.entities.items())) or say("none")
        out.append(say("read", n=sum(self.entities.values()), types=ents))
        out.append(say("audit", errors=self.audit_errors, fixes=self.audit_fixes))
        out.append(say("imported", rooms=self.rooms, area=self.area_m2, doors=self.doors, windows=self.windows_found))
        if self.rooms == 0:
            out.append(say("no_room"))
            out += [f"  - {tip}" for tip in self.what_to_try(lang)]
        counts = self.counts
        if self.items:
            out.append("")
            out.append(say("to_check", n=len(self.items)))
            for kind in list(KIND_TITLES) + sorted(set(counts) - set(KIND_TITLES)):
                items = self.of_kind(kind)
                if not items:
                    continue
                title = translate(KIND_TITLES[kind], lang) if kind in KIND_TITLES else kind
                out.append("  " + say("section", title=title, n=len(items)))
                for it in items:
                    out.append(f"    - {describe(it, lang)}")
        if self.ignored:
            out.append("")
            out.append(say("ignored", n=sum(self.ignored.values())))
            for k, v in sorted(self.ignored.items()):
                entry = self.ignored_why.get(k)
                out.append(f"  {value(v, lang):>6}  {entry.text(lang) if entry else k}")
        if self.unknown_layers:
            total = sum(sum(t.values()) for t in self.unknown_layers.values())
            out.append("")
            out.append(say("unknown_layers", layers=len(self.unknown_layers), n=total))
            for layer, types in sorted(self.unknown_layers.items()):
                out.append(f"  {layer}: " + ", ".join(f"{t} {value(n, lang)}" for t, n in sorted(types.items())))
        if not self.items and not self.ignored and not self.unknown_layers:
            out.append(say("all_understood"))
        # whatever the drawing's names hold, the report can be written in UTF-8
        return ("\n".join(out) + "\n").encode("utf-8", "replace").decode("utf-8")

    def what_to_try(self, lang: str = "en") -> list[str]:
        """Why no room came out of the drawing, as things to try, in ``lang``."""
        from centreplan.layouts.dxf.walls import MAX_GAP_M

        tips = []
        if self.unknown_layers:
            tips.append(render("try.map", {"layers": sorted(self.unknown_layers)[:6],
                                           "etc": " …" if len(self.unknown_layers) > 6 else ""}, lang))
        if not any(i.kind == "detected" for i in self.items):
            tips.append(render("try.walls", {"gap": MAX_GAP_M}, lang))
        if self.units_from in ("assumed", "drawing"):
            key = "try.units_assumed" if self.units_from == "assumed" else "try.units_guessed"
            tips.append(render(key, {"unit": self.units}, lang))
        if any(i.kind == "clusters" for i in self.items):
            tips.append(render("try.region", {}, lang))
        tips.append(render("try.draw", {}, lang))
        return tips


def describe(item: ReportItem, lang: str = "en") -> str:
    """An item with where it is: its entity, handle, layer and place, then its message, in ``lang``."""
    parts = []
    layer = translate(item.layer, lang) if item.layer == WALLS_LAYER else item.layer
    if item.entity:
        ent = item.entity if not item.handle else render("where.entity", {"entity": item.entity,
                                                                          "handle": item.handle}, lang)
        parts.append(render("where.on_layer", {"what": ent, "layer": layer}, lang) if layer else ent)
    elif layer:
        parts.append(render("where.layer", {"layer": layer}, lang))
    if item.at:
        parts.append(render("where.at", {"x": item.at[0], "y": item.at[1]}, lang))
    head = " ".join(parts)
    message = item.text(lang)
    return render("where.item", {"where": head, "message": message}, lang) if head else message


def problem_message(pr: Any, plan: Any) -> tuple[str, dict[str, Any]]:
    """The message key and values of a defect the imported plan still has (a
    :class:`planner.geometry.GeometryProblem` of ``plan``)."""
    if pr.kind == "invalid":
        rid = pr.rooms[0]
        return "geometry.invalid", {"room": rid, "reason": plan.invalid.get(rid, "")}
    if pr.kind == "door" and pr.door is not None:
        if len(pr.rooms) == 1:  # a door to outside
            if not pr.value:
                return "geometry.door_no_area", {"door": pr.door, "room": pr.rooms[0]}
            return "geometry.door_off_outline", {"door": pr.door, "room": pr.rooms[0], "dist": pr.value}
        a, b = pr.rooms
        if not pr.value:
            levels = plan.rooms[a].level != plan.rooms[b].level
            return ("geometry.door_levels" if levels else "geometry.door_no_wall"), {"door": pr.door, "a": a, "b": b}
        width = next((d.width for d in plan.centre.doors if d.id == pr.door), 0.0)
        return "geometry.door_wall_short", {"door": pr.door, "a": a, "b": b, "length": pr.value, "width": width}
    return pr.message, {}


@dataclass
class ImportResult:
    centre: Centre
    report: ImportReport

