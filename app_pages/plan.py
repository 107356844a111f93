"""Plan page: the plan drawn by group with failing rooms marked, and the room and door tables to edit it."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common, plan_editor
from layouts.edit import DOOR_COLUMNS, ROOM_COLUMNS, apply_tables, door_rows, room_rows
from planner.errors import PlannerError
from planner.model import FIXTURES, GROUPS, OUTSIDE, USES

_ = common.tr()
p = common.project()
c = p.centre

st.title(_("Plan"))
plan_area = st.container()  # drawn last, from the centre as edited below

# ---- editors -------------------------------------------------------------------------------------
# The editors show the centre as it stands; once an edit is applied their keys change, so they start
# again from the edited centre (their pending edits always apply to the rows they were given).
rooms_key, doors_key = p.editor_key("rooms"), p.editor_key("doors")
room_frame = pd.DataFrame(room_rows(c), columns=list(ROOM_COLUMNS))
for col in ("level", "beds", *FIXTURES):
    room_frame[col] = room_frame[col].astype("Int64")
for col in ("x", "y", "width", "depth", "height"):
    room_frame[col] = room_frame[col].astype("Float64")
door_frame = pd.DataFrame(door_rows(c), columns=list(DOOR_COLUMNS))
for col in ("width", "at_x", "at_y"):
    door_frame[col] = door_frame[col].astype("Float64")

metres = _("metres")
room_columns = {
    "id": st.column_config.TextColumn(_("Id"), required=True, pinned=True, width="small",
                                      validate=r"^[A-Za-z0-9_-]+$"),
    "name": st.column_config.TextColumn(_("Name"), width="medium"),
    "use": st.column_config.SelectboxColumn(_("Use"), options=list(USES), required=True, width="medium",
                                            format_func=common.labeller(_, common.USE_LABELS)),
    "group": st.column_config.SelectboxColumn(_("Group"), options=list(GROUPS), default="all", width="medium",
                                              format_func=common.labeller(_, common.GROUP_LABELS)),
    "level": st.column_config.NumberColumn(_("Level"), step=1, default=0, width="small"),
    "x": st.column_config.NumberColumn("x", help=_("Lower-left corner, {unit}", unit=metres), format="%.2f",
                                       width="small"),
    "y": st.column_config.NumberColumn("y", help=_("Lower-left corner, {unit}", unit=metres), format="%.2f",
                                       width="small"),
    "width": st.column_config.NumberColumn(_("Width"), help=_("Size along x, {unit}", unit=metres),
                                           format="%.2f", min_value=0.0, width="small"),
    "depth": st.column_config.NumberColumn(_("Depth"), help=_("Size along y, {unit}", unit=metres),
                                           format="%.2f", min_value=0.0, width="small"),
    "outline": st.column_config.TextColumn(
        _("Outline"), width="medium",
        help=_("For a room that is not a rectangle: points 'x y' separated by ';' (leave width and depth blank)")),
    "height": st.column_config.NumberColumn(_("Height"), help=_("Clear ceiling height, {unit}", unit=metres),
                                            format="%.2f", min_value=0.0, width="small"),
    "beds": st.column_config.NumberColumn(_("Beds"), min_value=0, step=1, default=0, width="small"),
    "lockable": st.column_config.SelectboxColumn(
        _("Lockable"), options=["yes", "no"], width="small", help=_("Blank: not known"),
        format_func=common.labeller(_, common.YES_NO_LABELS)),
    "wc": st.column_config.NumberColumn(_("WC"), min_value=0, step=1, width="small"),
    "shower": st.column_config.NumberColumn(_("Showers"), min_value=0, step=1, width="small"),
    "basin": st.column_config.NumberColumn(_("Basins"), min_value=0, step=1, width="small"),
    "urinal": st.column_config.NumberColumn(_("Urinals"), min_value=0, step=1, width="small"),
    "phone": st.column_config.NumberColumn(_("Phones"), min_value=0, step=1, width="small"),
    "windows": st.column_config.TextColumn(
        _("Windows"), width="medium",
        help=_("Width x height of each window in metres, separated by ',' (add 'fixed' when it does not "
               "open; 'none' for no window; blank: not known)")),
}
door_columns = {
    "id": st.column_config.TextColumn(_("Id"), required=True, pinned=True, validate=r"^[A-Za-z0-9_-]+$"),
    "from": st.column_config.TextColumn(_("From room"), required=True),
    "to": st.column_config.TextColumn(_("To room"), required=True,
                                      help=_("A room id, or '{outside}' for a door to the outside", outside=OUTSIDE)),
    "width": st.column_config.NumberColumn(_("Clear width"), help=metres, format="%.2f", min_value=0.0),
    "at_x": st.column_config.NumberColumn(_("At x"), format="%.2f",
                                          help=_("Optional point on the wall; required for a door to the outside")),
    "at_y": st.column_config.NumberColumn(_("At y"), format="%.2f",
                                          help=_("Optional point on the wall; required for a door to the outside")),
}

tab_rooms, tab_doors = st.tabs([_("Rooms ({n})", n=len(c.rooms)), _("Doors ({n})", n=len(c.doors))])
with tab_rooms:
    st.caption(_("A room is a rectangle (x, y, width, depth) or, when width and depth are blank, the polygon "
                 "given in Outline. Add a row at the bottom of the table; select rows to delete them."))
    edited_rooms = st.data_editor(room_frame, column_config=room_columns, num_rows="dynamic", hide_index=True,
                                  key=rooms_key, width="stretch", height=420)
with tab_doors:
    st.caption(_("Doors join two rooms, or a room and the outside."))
    edited_doors = st.data_editor(door_frame, column_config=door_columns, num_rows="dynamic", hide_index=True,
                                  key=doors_key, width="stretch", height=420)

try:
    edited = apply_tables(c, edited_rooms.to_dict("records"), edited_doors.to_dict("records"),
                          source=_("tables"))
except PlannerError as e:
    table_error: str | None = str(e)
else:
    table_error = None
    if edited != c:
        p.centre = edited
        p.edits += 1
        st.rerun()

# ---- the plan, drawn from the centre as it now stands ---------------------------------------------
plan = common.plan_for(c)
failing = common.failing_rooms(c, plan)
levels = sorted({r.level for r in c.rooms}) or [0]
with plan_area:
    if table_error:
        st.error(_("The tables have a problem; the plan shows the centre before this edit.") + "\n\n"
                 + "```\n" + table_error + "\n```")
    top = st.columns([1, 1, 1, 3]) if len(levels) == 1 else st.columns([1, 1, 1, 1, 2])
    top[0].metric(_("Rooms"), len(c.rooms))
    top[1].metric(_("Failing rooms"), len(failing))
    top[2].metric(_("Exits"), len(plan.exits))
    level = levels[0]
    if len(levels) > 1:
        level = top[3].selectbox(_("Level"), levels, key="plan_level")
    plan_editor.show(c, plan, failing, level)  # the plan drawn and edited with the mouse
    if common.available("standards", "check"):
        centre_wide = [f for f in common.report_for(c).failures() if not f.rooms]
        if centre_wide:
            st.caption(_("{n} failing rules concern the centre as a whole (not one room): {rules}; see the "
                         "Compliance page.", n=len(centre_wide), rules=", ".join(sorted({f.rule for f in centre_wide}))))
    if failing:
        with st.expander(_("Why rooms are marked ({n})", n=len(failing))):
            for rid, reason in sorted(failing.items()):
                st.markdown(f"**{rid}**\n" + "\n".join(f"- {line}" for line in reason.splitlines()))
