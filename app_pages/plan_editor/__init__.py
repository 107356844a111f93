"""The plan editor of the Plan page: the plan drawn and edited with the mouse (a ``st.components.v2``
component, inline HTML/CSS/JS kept beside this file; nothing is fetched at run time).

The browser sends one small command per edit (``{"op": "move_room", "id": …, "dx": …, "dy": …}``);
:func:`apply_command` applies it with the library (:mod:`layouts.plan_edit`), which validates the
result as a layout file is and refuses an invalid outline or an overlap with the reason. An accepted
edit replaces the project's centre, so it goes through the same model, check and drawing as
everything else; the previous centre goes on the undo list (at most :data:`MAX_HISTORY` steps).
"""
from __future__ import annotations

import hashlib
import importlib
import json
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import shapely
import streamlit as st

from app_pages import common, tables
from centreplan.layouts import plan_edit
from centreplan.layouts.edit import cell, room_rows
from centreplan.layouts.io import loads
from centreplan.planner import numbers
from centreplan.planner.drawing import GROUP_COLOURS
from centreplan.planner.errors import LayoutError, PlannerError
from centreplan.planner.geometry import Plan
from centreplan.planner.i18n import N_, Translator, translator
from centreplan.planner.model import FIXTURES, GROUPS, OUTSIDE, USES, Centre

HERE = Path(__file__).resolve().parent
KEY = "plan_editor"
EDITOR_HEIGHT = 770  # px, reserved before the browser has loaded the editor, so the page does not jump
MAX_HISTORY = 60  # undo steps kept (the issue asks for at least 50)
PROBLEMS = "problems"  # the message code of a refusal given as the library's problems (place, message)

_component = st.components.v2.component(
    "centreplan.plan_editor",
    css=(HERE / "editor.css").read_text(encoding="utf-8"),
    js=(HERE / "editor.js").read_text(encoding="utf-8"),
)

# Texts of the editor's toolbar and hints (translated in locales/*/LC_MESSAGES/app.po).
LABELS = {
    "select": N_("Select / move"), "rect": N_("Rectangle"), "poly": N_("Polygon"), "split": N_("Split"),
    "door": N_("Door"), "merge": N_("Merge with…"), "delete": N_("Delete"), "undo": N_("Undo"),
    "redo": N_("Redo"), "zoom_in": N_("Zoom in"), "zoom_out": N_("Zoom out"), "fit": N_("Fit"),
    "grid": N_("Grid"), "shared": N_("Move the shared wall"), "door_width": N_("New door width"),
    "door_width_of": N_("Door width"), "new_room": N_("New room"),
    "route_exit": N_("to the nearest exit"), "route_wc": N_("to the nearest sanitary room"),
    "hint_select": N_("Click a room to select it, drag it to move it, drag a handle to resize it; arrow keys move "
                      "it one grid step. Drag the background to pan, wheel to zoom. Ctrl+Z undoes, Ctrl+Y redoes."),
    "hint_rect": N_("Drag a rectangle to draw a new room."),
    "hint_poly": N_("Click the corners of the new room; double-click, Enter or a click on the first corner "
                    "closes it; Backspace removes the last corner; Escape cancels."),
    "hint_split": N_("Drag a line across the selected room (or any room) to cut it in two."),
    "hint_door": N_("Click a wall between two rooms to put a door there, or an outside wall for an exit."),
    "hint_merge": N_("Click a room that shares a wall with the selected room to merge them."),
}


# ---- history (undo / redo) ----------------------------------------------------------------------

def _state(p: common.Project) -> dict[str, Any]:
    """The editor's part of the project: selection, last refusal, undo and redo lists.

    The lists hold centres as JSON text. Any change of the centre made elsewhere (the tables, the
    Centre page) is noticed here and goes on the undo list too; opening another centre clears them.
    """
    key = common.key_of(p.centre)
    s = p.settings.get(KEY)
    if s is None or s["revision"] != p.revision:
        s = {"revision": p.revision, "seen": key, "undo": [], "redo": [], "selected": None, "message": None,
             "last_seq": None}
        p.settings[KEY] = s
    elif s["seen"] != key:
        _push(s["undo"], s["seen"])
        s["redo"].clear()
        s["seen"] = key
    return s


def _push(stack: list[str], key: str) -> None:
    stack.append(key)
    del stack[:-MAX_HISTORY]


def _accept(p: common.Project, s: dict[str, Any], centre: Centre) -> None:
    if centre == p.centre:
        return
    _push(s["undo"], s["seen"])
    s["redo"].clear()
    _set(p, s, centre)


def _set(p: common.Project, s: dict[str, Any], centre: Centre) -> None:
    p.centre = centre
    p.edits += 1  # the table editors start again from the edited centre
    s["seen"] = common.key_of(centre)


def _undo(p: common.Project, s: dict[str, Any], back: bool) -> None:
    source, target = (s["undo"], s["redo"]) if back else (s["redo"], s["undo"])
    if not source:
        return
    target.append(s["seen"])
    _set(p, s, loads(source.pop(), "centre.json"))


def _num(v: Any, default: float | None = None) -> float:
    try:
        out = float(v)
    except (TypeError, ValueError):
        if default is None:
            raise plan_edit.EditRefused("width") from None
        return default
    if not math.isfinite(out):
        raise plan_edit.EditRefused("width")
    return out


def apply_command(p: common.Project, cmd: dict[str, Any]) -> None:
    """Apply one command of the editor to the project; a refusal is kept as the message to show."""
    s = _state(p)
    if cmd.get("seq") is not None and (cmd.get("seq"), cmd.get("at_ms")) == s.get("last_seq"):
        return  # the same trigger seen twice
    s["last_seq"] = (cmd.get("seq"), cmd.get("at_ms"))
    s["message"] = None
    c = p.centre
    op = cmd.get("op")
    step = _num(cmd.get("step"), plan_edit.DEFAULT_STEP)
    tol = min(max(_num(cmd.get("tolerance"), plan_edit.SNAP_TOLERANCE), 0.0), 2.0)
    try:
        if op == "select":
            s["selected"] = cmd.get("id")
        elif op == "undo":
            _undo(p, s, True)
        elif op == "redo":
            _undo(p, s, False)
        elif op == "move_room":
            _accept(p, s, plan_edit.move_room(c, cmd["id"], _num(cmd["dx"]), _num(cmd["dy"]), step=step,
                                              tolerance=tol, snap=cmd.get("snap", True) is not False))
            s["selected"] = cmd["id"]
        elif op == "resize_room":
            _accept(p, s, plan_edit.resize_room(c, cmd["id"], str(cmd["handle"]), _num(cmd["dx"]), _num(cmd["dy"]),
                                                step=step, tolerance=tol, shared=bool(cmd.get("shared"))))
            s["selected"] = cmd["id"]
        elif op == "add_room":
            centre, rid = plan_edit.add_room(c, cmd["points"], level=int(cmd.get("level") or 0))
            _accept(p, s, centre)
            s["selected"] = rid
        elif op == "split_room":
            centre, _new = plan_edit.split_room(c, cmd["id"], cmd["a"], cmd["b"])
            _accept(p, s, centre)
            s["selected"] = cmd["id"]
        elif op == "merge_rooms":
            _accept(p, s, plan_edit.merge_rooms(c, cmd["id"], cmd["other"]))
            s["selected"] = cmd["id"]
        elif op == "delete_room":
            _accept(p, s, plan_edit.delete_room(c, cmd["id"]))
            s["selected"] = None
        elif op == "add_door":
            centre, _door = plan_edit.add_door(c, common.plan_for(c), (_num(cmd["x"]), _num(cmd["y"])),
                                               width=_num(cmd.get("width"), plan_edit.DEFAULT_DOOR_WIDTH),
                                               level=int(cmd.get("level") or 0),
                                               tolerance=min(max(_num(cmd.get("tolerance"), 0.15), 0.05), 2.0))
            _accept(p, s, centre)
        elif op == "move_door":
            _accept(p, s, plan_edit.move_door(c, common.plan_for(c), cmd["id"], (_num(cmd["x"]), _num(cmd["y"]))))
        elif op == "set_door_width":
            _accept(p, s, plan_edit.set_door_width(c, cmd["id"], _num(cmd["width"])))
        elif op == "delete_door":
            _accept(p, s, plan_edit.delete_door(c, cmd["id"]))
    except plan_edit.EditRefused as e:
        s["message"] = (e.code, e.values)
    except PlannerError as e:
        s["message"] = _problems(e)
    except (KeyError, TypeError, ValueError) as e:  # a malformed command: say so, keep the centre
        s["message"] = ("", {"text": f"{op}: {e}"})


def _on_edit() -> None:
    state = st.session_state.get(KEY)
    cmd = state.get("edit") if state is not None else None
    if isinstance(cmd, dict):
        apply_command(common.project(), cmd)


def _problems(e: PlannerError) -> tuple[str, dict[str, Any]]:
    """A refusal of the library kept as its problems (place, English message), said in the user's
    language when shown (the language may change in between)."""
    if isinstance(e, LayoutError) and e.problems:
        return PROBLEMS, {"problems": [(pr.place, pr.message) for pr in e.problems]}
    return "", {"text": str(e)}


_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?")


def _number(value: Any, lang: str) -> Any:
    """A number the library wrote (``1234.50``) as ``lang`` writes it (``1 234,50`` in French)."""
    m = _NUMBER.fullmatch(value) if isinstance(value, str) else None
    if m is None or lang == "en":
        return value
    return numbers.number(float(value), lang, len(m.group(1) or ""))


def _outline_reason(reason: str, lang: str) -> str:
    """Why an outline is invalid (GEOS's words, planner.geometry.validity_reason) in ``lang``: the
    standards' own phrases for it, when the standards engine is there."""
    if lang == "en" or not common.available("centreplan.standards.kinds.integrity", "outline_problem"):
        return reason
    from centreplan.standards.kinds.integrity import outline_problem
    from centreplan.standards.render import text

    return text(outline_problem(reason), lang)


def message_text(_: Translator, message: tuple[str, dict[str, Any]] | None, lang: str) -> str | None:
    """The refusal in the user's language (French numbers: ``1 234,50``)."""
    if not message:
        return None
    code, values = message
    if not code:
        return values.get("text")
    if code == PROBLEMS:
        return "\n".join(_problem_line(_, place, text) for place, text in values["problems"])
    values = {k: _number(v, lang) for k, v in values.items()}
    if code == "invalid":
        values["reason"] = _outline_reason(str(values["reason"]), lang)
    return _(plan_edit.MESSAGES[code], **values)


def _problem_line(_: Translator, place: str, message: str) -> str:
    """``Beds: must be 0 or more``: a problem of the property panel named by the field a person sees."""
    where = cell(place)
    said = tables.say(_, message)
    if where is None or not where[2]:
        return said
    column = where[2]
    label = _(tables.ROOM_HEADERS[column]) if column in tables.ROOM_HEADERS else column
    return _("{column}: {message}", column=label, message=said)


# ---- what the browser draws -----------------------------------------------------------------------

def _segment(line: shapely.Geometry, p: tuple[float, float], width: float) -> list[list[float]]:
    """The door drawn as a segment of ``width`` along the piece of ``line`` nearest ``p``."""
    parts = [shapely.get_coordinates(g) for g in getattr(line, "geoms", [line])] if line is not None else []
    parts = [c for c in parts if len(c) > 1]
    direction = (1.0, 0.0)
    if parts:
        starts = np.concatenate([c[:-1] for c in parts])
        ends = np.concatenate([c[1:] for c in parts])
        d = ends - starts
        lengths = np.hypot(d[:, 0], d[:, 1])
        ok = lengths > 0
        if ok.any():
            starts, d, lengths = starts[ok], d[ok], lengths[ok]
            # distance from p to each piece: the nearest point of the piece, clamped to its ends
            t = np.clip(((p[0] - starts[:, 0]) * d[:, 0] + (p[1] - starts[:, 1]) * d[:, 1]) / lengths ** 2, 0, 1)
            gaps = np.hypot(starts[:, 0] + t * d[:, 0] - p[0], starts[:, 1] + t * d[:, 1] - p[1])
            k = int(np.argmin(gaps))
            direction = (float(d[k, 0] / lengths[k]), float(d[k, 1] / lengths[k]))
    h = width / 2
    return [[round(p[0] - direction[0] * h, 3), round(p[1] - direction[1] * h, 3)],
            [round(p[0] + direction[0] * h, 3), round(p[1] + direction[1] * h, 3)]]


# a resource (the drawing itself, not a copy): editor_data copies its top level and changes nothing below
@st.cache_resource(max_entries=16, show_spinner=False)
def _drawing(key: str, failing: tuple[tuple[str, str], ...], level: int, lang: str,
             _centre: Centre | None = None) -> dict[str, Any]:
    _ = translator(lang, "app")
    centre = _centre if _centre is not None else loads(key, "centre.json")
    plan = common.plan_of(key, centre)
    fails = dict(failing)
    use_label = common.vocab("uses")
    rooms = []
    for r in centre.rooms:
        if r.level != level:
            continue
        poly = plan.polygons[r.id]
        c = poly.representative_point() if not poly.is_empty else shapely.Point(r.polygon[0])
        if poly.area > 0 and poly.contains(poly.centroid):
            c = poly.centroid
        x0, y0, x1, y1 = poly.bounds if not poly.is_empty else (0, 0, 1, 1)
        size = min(x1 - x0, y1 - y0)
        rooms.append({"id": r.id, "pts": [[x, y] for x, y in r.polygon], "fill": GROUP_COLOURS.get(r.group, "#eee"),
                      "failing": r.id in fails, "reason": fails.get(r.id, ""),
                      "label": f"{r.id} · {r.name or use_label(r.use)}", "c": [round(c.x, 3), round(c.y, 3)],
                      "fs": round(min(max(size / 5, 0.25), 0.8), 2)})
    doors = []
    for d in centre.doors:
        if d.id not in plan.door_points:
            continue
        a, b = d.between
        ends = [e for e in d.between if e != OUTSIDE]
        if any(plan.rooms[e].level != level for e in ends):
            continue
        p = plan.door_points[d.id]
        wall = plan.polygons[ends[0]].boundary if OUTSIDE in d.between else plan.shared_wall(a, b)
        doors.append({"id": d.id, "seg": _segment(wall, p, d.width), "exit": plan.is_exit(d), "width": d.width,
                      "title": f"{d.id}: {a} – {b}, {numbers.number(d.width, lang, 2)} m"})
    # the browser draws the rooms and doors again only when this mark changes (not on a selection)
    mark = hashlib.sha1(repr((key, failing, level, lang)).encode()).hexdigest()[:16]
    return {"rooms": rooms, "doors": doors, "drawing": mark}


@st.cache_data(max_entries=64, show_spinner=False)
def _routes(key: str, room_id: str, _centre: Centre | None = None) -> dict[str, Any]:
    plan = common.plan_of(key, _centre)
    if room_id not in plan.rooms:
        return {}
    return plan_edit.route_lines(plan, room_id)


def checked_mark(c: Centre) -> str:
    """A short mark of the centre whose check the plan shows (the SVG's ``data-checked``): tests compare
    it with the layout they download, to know that the check ran on the edited centre."""
    return hashlib.sha256(common.key_of(c).encode()).hexdigest()[:16]


def editor_data(p: common.Project, c: Centre, failing: dict[str, str], level: int, _: Translator) -> dict[str, Any]:
    s = _state(p)
    key = common.key_of(c)
    data = dict(_drawing(key, tuple(sorted(failing.items())), level, p.lang, c))
    selected = s["selected"] if s["selected"] in {r["id"] for r in data["rooms"]} else None
    data.update(
        selected=selected, routes=_routes(key, selected, c) if selected else {},
        message=message_text(_, s["message"], p.lang), labels={k: _(v) for k, v in LABELS.items()},
        decimal="," if p.lang == "fr" else ".", steps=list(plan_edit.GRID_STEPS), level=level,
        can_undo=bool(s["undo"]), can_redo=bool(s["redo"]), fit_key=f"{p.revision}-{level}", view_key=KEY,
        checked=checked_mark(c))
    return data


def warm_up(p: common.Project) -> None:
    """What the Plan page computes first for the centre open, computed ahead (see common.warm_up)."""
    c = p.centre
    level = min((r.level for r in c.rooms), default=0)
    failing = common.failing_rooms(c, common.plan_for(c))  # the plan and the standards check
    _drawing(common.key_of(c), tuple(sorted(failing.items())), level, p.lang, c)
    # what the first room marked as failing costs once: the standards' sentences, and the table of
    # emoji Streamlit reads before its first message box
    if common.available("centreplan.standards.render", "messages"):
        from centreplan.standards.render import messages

        messages()
    importlib.import_module("streamlit.emojis")


# ---- the side panel -----------------------------------------------------------------------------

def _room_panel(p: common.Project, c: Centre, rid: str, plan: Plan, failing: dict[str, str],
                _: Translator) -> None:
    row = room_rows(c.model_copy(update={"rooms": [c.room(rid)]}))[0]  # the table's row of this room alone
    poly = plan.polygons[rid]
    x0, y0, x1, y1 = poly.bounds
    size = (numbers.number(poly.area, p.lang, 1), numbers.number(x1 - x0, p.lang, 2),
            numbers.number(y1 - y0, p.lang, 2))
    st.markdown("**{}** · {} m² · {} × {} m".format(rid, *size))
    if rid in failing:
        st.error(failing[rid])
    routes = _routes(common.key_of(c), rid, c)
    for kind, text in (("exit", _("Walk to the nearest exit: {d} m")), ("wc", _("Walk to the nearest sanitary room: {d} m"))):
        if kind in routes:
            st.caption(text.format(d=numbers.number(routes[kind]["distance"], p.lang, 1)))
    use_label = common.vocab("uses")
    group_label = common.vocab("groups")
    yes_no = common.labeller(_, common.YES_NO_LABELS)
    form = f"room_panel_{rid}_{p.revision}_{p.edits}"
    with st.form(form, border=False):
        st.text_input(_("Name"), value=row["name"] or "", key=f"{form}_name")
        st.selectbox(_("Use"), list(USES), index=list(USES).index(row["use"]), format_func=use_label,
                     key=f"{form}_use")
        st.selectbox(_("Group"), list(GROUPS), index=list(GROUPS).index(row["group"]), format_func=group_label,
                     key=f"{form}_group")
        a, b = st.columns(2)
        a.number_input(_("Beds"), min_value=0, step=1, value=int(row["beds"] or 0), key=f"{form}_beds")
        b.number_input(_("Height"), min_value=0.0, step=0.05, format="%.2f",
                       value=None if row["height"] is None else float(row["height"]),
                       help=_("Clear ceiling height, {unit}", unit=_("metres")), key=f"{form}_height")
        lock_options = [None, "yes", "no"]
        st.selectbox(_("Lockable"), lock_options, index=lock_options.index(row["lockable"]),
                     format_func=lambda v: _("Blank: not known") if v is None else yes_no(v), key=f"{form}_lockable")
        cols = st.columns(len(FIXTURES))
        fixture_labels = {"wc": _("WC"), "shower": _("Showers"), "basin": _("Basins"), "urinal": _("Urinals"),
                          "phone": _("Phones")}
        for col, f in zip(cols, FIXTURES):
            col.number_input(fixture_labels[f], min_value=0, step=1, value=None if row[f] is None else int(row[f]),
                             key=f"{form}_{f}")
        st.text_input(_("Windows"), value=row["windows"] or "", key=f"{form}_windows",
                      help=_("Width x height of each window in metres, separated by ',' (add 'fixed' "
                             "when it does not open; 'none' for no window; blank: not known)"))
        # applied before the page runs again (a callback): the run that follows draws the edited room
        st.form_submit_button(_("Apply to room {id}", id=rid), on_click=_apply_panel, args=(rid, form))


PANEL_FIELDS = ("name", "use", "group", "beds", "height", "lockable", "windows", *FIXTURES)


def _apply_panel(rid: str, form: str) -> None:
    """The side panel's fields applied to room ``rid`` (a refusal is kept as the message to show)."""
    p = common.project()
    s = _state(p)
    fields = {f: st.session_state.get(f"{form}_{f}") for f in PANEL_FIELDS}
    try:
        _accept(p, s, plan_edit.update_room(p.centre, rid, fields))
        s["message"] = None
    except PlannerError as e:
        s["message"] = _problems(e)


def show(c: Centre, plan: Plan, failing: dict[str, str], level: int) -> None:
    """The editor and its side panel."""
    _ = common.tr()
    p = common.project()
    left, right = st.columns([3, 1], gap="medium")
    with left:
        # given as JSON text in a dict: Streamlit looks for data frames among a dict's values, and
        # imports pandas to do so (about a second on the first Plan page) unless they are text
        _component(key=KEY, data={"json": json.dumps(editor_data(p, c, failing, level, _))},
                   on_edit_change=_on_edit, height=EDITOR_HEIGHT)
    with right:
        s = _state(p)
        rid = s["selected"]
        if rid in plan.rooms and plan.rooms[rid].level == level:
            _room_panel(p, c, rid, plan, failing, _)
        else:
            st.caption(_("Select a room on the plan to see and edit its properties; the tables below list "
                         "every room and door."))
