"""The room and door tables of the Plan page: editors that keep their tab and scroll position, door
rooms chosen from the rooms, and problems told in the app's language at the row and column a person
sees. Not a page: ``plan.py`` calls :func:`table_editors`."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import streamlit as st

from app_pages import common
from centreplan.layouts.edit import DOOR_COLUMNS, ROOM_COLUMNS, apply_tables, cell, door_rows, room_rows
from centreplan.planner.errors import LayoutError, PlannerError
from centreplan.planner.i18n import N_, Translator
from centreplan.planner.model import FIXTURES, GROUPS, OUTSIDE, USES

if TYPE_CHECKING:
    import pandas as pd  # imported when the tables are first opened (a second of a first Plan page)

ROOM_HEADERS = {
    "id": N_("Id"), "name": N_("Name"), "use": N_("Use"), "group": N_("Group"), "level": N_("Level"),
    "x": "x", "y": "y", "width": N_("Width"), "depth": N_("Depth"), "outline": N_("Outline"),
    "height": N_("Height"), "beds": N_("Beds"), "occupants": N_("Occupants"), "lockable": N_("Lockable"),
    "wc": N_("WC"), "shower": N_("Showers"), "basin": N_("Basins"), "urinal": N_("Urinals"),
    "phone": N_("Phones"), "windows": N_("Windows"),
}
DOOR_HEADERS = {"id": N_("Id"), "from": N_("From room"), "to": N_("To room"), "width": N_("Clear width"),
                "at_x": N_("At x"), "at_y": N_("At y")}

# The library's messages about a table cell (layouts.edit, planner.model), said in the app's language.
# Each pattern matches a whole message; a message not listed here is shown as the library wrote it.
MESSAGES: list[tuple[re.Pattern[str], str]] = [(re.compile(p), t) for p, t in (
    (r"required: choose the room's use", N_("required: choose the room's use")),
    (r"must be greater than 0 m(?:, got (?P<value>\S+) m)?", N_("must be greater than 0 m")),
    (r"x, y, width and depth must be numbers \(metres\)", N_("x, y, width and depth must be numbers (metres)")),
    (r"give width and depth \(a rectangle\) or an outline \(a polygon\)",
     N_("give width and depth (a rectangle) or an outline (a polygon)")),
    (r"point (?P<i>\d+) (?P<text>'.*') is not 'x y' \(two numbers in metres\)",
     N_("point {i} {text} is not 'x y' (two numbers in metres)")),
    (r"an outline needs at least 3 points 'x y' separated by ';', got (?P<n>\d+)",
     N_("an outline needs at least 3 points 'x y' separated by ';', got {n}")),
    (r"a polygon needs at least 3 distinct points, got (?P<n>\d+)",
     N_("an outline needs at least 3 distinct points, got {n}")),
    (r"window (?P<i>\d+) (?P<text>'.*') is not 'width x height' in metres.*",
     N_("window {i} {text} is not 'width x height' in metres (add 'fixed' for a window that does not "
        "open; 'none' for no window)")),
    (r"a door needs two rooms .*", N_("a door needs two rooms: choose a room or the outside")),
    (r"required: the clear width of the door, metres", N_("required: the clear width of the door, metres")),
    (r"give both at_x and at_y, or neither", N_("give both At x and At y, or neither")),
    (r"'outside' is reserved for doors to the outside", N_("'outside' is kept for doors to the outside")),
    (r"duplicate id '(?P<id>.*)' \(also (?:rooms|doors)\[(?P<row>\d+)\]\)",
     N_("the id '{id}' is already used on row {row}")),
    (r"unknown room '(?P<id>.*)'", N_("no room has the id '{id}'")),
    (r"a door joins two different rooms, got '(?P<id>.*)' twice",
     N_("a door joins two different rooms, not '{id}' twice")),
    (r"a door to outside needs 'at', a point on the room's outline",
     N_("a door to the outside needs At x and At y, a point on the room's outline")),
    (r"required field is missing", N_("required")),
    (r"Input should be greater than or equal to 0", N_("must be 0 or more")),
    (r"String should match pattern .*", N_("letters, digits, '-' and '_' only")),
    (r"'(?P<value>.*)': choose yes, no or leave blank", N_("'{value}': choose yes, no or leave blank")),
)]


def say(_: Translator, message: str) -> str:
    """A library message about a cell in the app's language (row numbers counted from 1)."""
    for pattern, text in MESSAGES:
        m = pattern.fullmatch(message)
        if m:
            values = {k: v for k, v in m.groupdict().items() if v is not None}
            if "row" in values:
                values["row"] = int(values["row"]) + 1
            return _(text, **values)
    return message


def problem_lines(_: Translator, error: LayoutError, rooms: list[dict[str, Any]],
                  doors: list[dict[str, Any]]) -> list[str]:
    """Each problem as ``Rooms, row 32 (DM1), column Width: must be greater than 0 m``."""
    out = []
    for pr in error.problems:
        where = cell(pr.place)
        if where is None:
            out.append(f"{pr.place}: {say(_, pr.message)}" if pr.place else say(_, pr.message))
            continue
        table, index, column = where
        rows, headers = (rooms, ROOM_HEADERS) if table == "rooms" else (doors, DOOR_HEADERS)
        rid = rows[index].get("id") if index < len(rows) else None
        rid = rid if isinstance(rid, str) and rid.strip() else None
        values = {"table": _("Rooms") if table == "rooms" else _("Doors"), "row": index + 1,
                  "column": _(headers[column]) if column in headers else column, "message": say(_, pr.message)}
        if rid:
            out.append(_("{table}, row {row} ({id}), column {column}: {message}", id=rid, **values))
        else:
            out.append(_("{table}, row {row}, column {column}: {message}", **values))
    return out


def _room_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(ROOM_COLUMNS))
    for col in ("level", "beds", "occupants", *FIXTURES):
        frame[col] = frame[col].astype("Int64")
    for col in ("x", "y", "width", "depth", "height"):
        frame[col] = frame[col].astype("Float64")
    return frame


def _door_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=list(DOOR_COLUMNS))
    for col in ("width", "at_x", "at_y"):
        frame[col] = frame[col].astype("Float64")
    return frame


def _room_columns(_: Translator) -> dict[str, Any]:
    metres = _("metres")
    h = {k: _(v) if k not in ("x", "y") else v for k, v in ROOM_HEADERS.items()}
    return {
        "id": st.column_config.TextColumn(h["id"], required=True, pinned=True, width="small",
                                          validate=r"^[A-Za-z0-9_-]+$"),
        "name": st.column_config.TextColumn(h["name"], width="medium"),
        "use": st.column_config.SelectboxColumn(h["use"], options=list(USES), required=True, width="medium",
                                                format_func=common.vocab("uses")),
        "group": st.column_config.SelectboxColumn(h["group"], options=list(GROUPS), default="all",
                                                  width="medium", format_func=common.vocab("groups")),
        "level": st.column_config.NumberColumn(h["level"], step=1, default=0, width="small"),
        "x": st.column_config.NumberColumn("x", help=_("Lower-left corner, {unit}", unit=metres), format="%.2f",
                                           width="small"),
        "y": st.column_config.NumberColumn("y", help=_("Lower-left corner, {unit}", unit=metres), format="%.2f",
                                           width="small"),
        "width": st.column_config.NumberColumn(h["width"], help=_("Size along x, {unit}", unit=metres),
                                               format="%.2f", min_value=0.0, width="small"),
        "depth": st.column_config.NumberColumn(h["depth"], help=_("Size along y, {unit}", unit=metres),
                                               format="%.2f", min_value=0.0, width="small"),
        "outline": st.column_config.TextColumn(
            h["outline"], width="medium",
            help=_("For a room that is not a rectangle: points 'x y' separated by ';' (leave width and depth "
                   "blank)")),
        "height": st.column_config.NumberColumn(h["height"], help=_("Clear ceiling height, {unit}", unit=metres),
                                                format="%.2f", min_value=0.0, width="small"),
        "beds": st.column_config.NumberColumn(h["beds"], min_value=0, step=1, default=0, width="small"),
        "occupants": st.column_config.NumberColumn(
            h["occupants"], min_value=0, step=1, width="small",
            help=_("Persons in the room at the busiest time, for a room without beds (blank: worked out from "
                   "its beds or its area)")),
        "lockable": st.column_config.SelectboxColumn(
            h["lockable"], options=["yes", "no"], width="small", help=_("Blank: not known"),
            format_func=common.labeller(_, common.YES_NO_LABELS)),
        "wc": st.column_config.NumberColumn(h["wc"], min_value=0, step=1, width="small"),
        "shower": st.column_config.NumberColumn(h["shower"], min_value=0, step=1, width="small"),
        "basin": st.column_config.NumberColumn(h["basin"], min_value=0, step=1, width="small"),
        "urinal": st.column_config.NumberColumn(h["urinal"], min_value=0, step=1, width="small"),
        "phone": st.column_config.NumberColumn(h["phone"], min_value=0, step=1, width="small"),
        "windows": st.column_config.TextColumn(
            h["windows"], width="medium",
            help=_("Width x height of each window in metres, separated by ',' (add 'fixed' when it does not "
                   "open; 'none' for no window; blank: not known)")),
    }


def _door_columns(_: Translator, room_ids: list[str]) -> dict[str, Any]:
    ends = [*room_ids, OUTSIDE]
    show_end = (lambda v: _("outside") if v == OUTSIDE else v)  # noqa: E731
    h = {k: _(v) for k, v in DOOR_HEADERS.items()}
    at_help = _("Optional point on the wall; required for a door to the outside")
    return {
        "id": st.column_config.TextColumn(h["id"], required=True, pinned=True, validate=r"^[A-Za-z0-9_-]+$"),
        "from": st.column_config.SelectboxColumn(h["from"], options=ends, required=True, format_func=show_end),
        "to": st.column_config.SelectboxColumn(h["to"], options=ends, required=True, format_func=show_end,
                                               help=_("A room, or the outside for a door to the outside")),
        "width": st.column_config.NumberColumn(h["width"], help=_("metres"), format="%.2f", min_value=0.0),
        "at_x": st.column_config.NumberColumn(h["at_x"], format="%.2f", help=at_help),
        "at_y": st.column_config.NumberColumn(h["at_y"], format="%.2f", help=at_help),
    }


def table_editors(_: Translator) -> str | None:
    """The Rooms and Doors tabs with their editors; an applied edit changes the centre and reruns.

    Returns the problem text of an edit that cannot be applied (the centre is then kept). Each editor
    is given the rows of the centre as it was when the editor started, and its pending edits apply to
    those rows; an edit made in the tables keeps the editor (and so its scroll position), a change made
    elsewhere (another page, the language, a restored draft) starts it again from the centre."""
    p = common.project()
    c = p.centre
    if common.key_of(c) != p.table_centre:  # changed other than by the tables
        p.edits += 1
        p.table_centre = common.key_of(c)
        p.table_bases.clear()
    room_ids = [r.id for r in c.rooms]
    rooms_key, doors_key = p.editor_key("rooms"), p.editor_key("doors")
    for key, rows in ((rooms_key, room_rows), (doors_key, door_rows)):
        if key not in p.table_bases or key not in st.session_state:  # a new editor, or one just shown again
            p.table_bases[key] = rows(c)
    for key in [k for k in p.table_bases if k not in (rooms_key, doors_key)]:
        del p.table_bases[key]
    base_rooms = p.table_bases[rooms_key]
    base_doors = p.table_bases[doors_key]

    # the tab shown is kept across edits and language switches (counts in the labels change)
    names = {"rooms": _("Rooms ({n})", n=len(c.rooms)), "doors": _("Doors ({n})", n=len(c.doors))}
    tab_key = f"plan_tab_{p.lang}_{len(c.rooms)}_{len(c.doors)}"
    tab_rooms, tab_doors = st.tabs(list(names.values()), key=tab_key, on_change="rerun",
                                   default=names[p.settings.get("plan_tab", "rooms")])
    shown = st.session_state.get(tab_key)
    p.settings["plan_tab"] = next((t for t, label in names.items() if label == shown), "rooms")
    with tab_rooms:
        st.caption(_("A room is a rectangle (x, y, width, depth) or, when width and depth are blank, the polygon "
                     "given in Outline. Add a row at the bottom of the table; select rows to delete them."))
        edited_rooms = st.data_editor(_room_frame(base_rooms), column_config=_room_columns(_), num_rows="dynamic",
                                      hide_index=True, key=rooms_key, width="stretch", height=420, placeholder="")
    with tab_doors:
        st.caption(_("Doors join two rooms, or a room and the outside."))
        edited_doors = st.data_editor(_door_frame(base_doors), column_config=_door_columns(_, room_ids),
                                      num_rows="dynamic", hide_index=True, key=doors_key, width="stretch",
                                      height=420, placeholder="")
    rooms = edited_rooms.to_dict("records")
    doors = edited_doors.to_dict("records")
    try:
        edited = apply_tables(c, rooms, doors, source=_("tables"))
    except LayoutError as e:
        return "\n".join(problem_lines(_, e, rooms, doors))
    except PlannerError as e:
        return str(e)
    if edited != c:
        p.centre = edited
        p.table_centre = common.key_of(edited)
        st.rerun()
    return None
