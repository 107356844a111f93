"""Plan page: the plan drawn and edited with the mouse, failing rooms marked, and the room and door
tables to edit it precisely.

The page is one fragment: an edit on the plan reruns the page alone (not the sidebar, the draft offer
nor the router), and computes only what the edited centre changes. The tables and the drawing as
exported are built only while they are open (their expanders), so a drag costs the edit, the plan's
geometry, one standards check and the editor's drawing.
"""
from __future__ import annotations

import streamlit as st

from app_pages import common, plan_editor, tables
from centreplan.planner.text_safety import markdown_plain

TABLES_KEY = "plan_tables"  # the expander of the room and door tables (open: the tables are built)
EXPORTED_KEY = "plan_exported"  # the expander of the drawing as exported


@st.fragment
def plan_view() -> None:
    _ = common.tr()
    p = common.project()
    plan_area = st.container()  # drawn last, from the centre as edited in the tables below

    # ---- the tables (app_pages/tables.py): an applied edit changes the centre and reruns -----------
    table_error = None
    shown = st.expander(_("Rooms and doors in tables (the precise way in)"), key=TABLES_KEY, on_change="rerun",
                        icon=":material/table:")
    with shown:
        if shown.open:
            table_error = tables.table_editors(_)

    # ---- the plan, drawn from the centre as it now stands -----------------------------------------
    c = p.centre
    plan = common.plan_for(c)
    report = common.report_for(c) if common.available("centreplan.standards", "check") else None
    failing = common.failing_rooms(c, plan, report)
    levels = sorted({r.level for r in c.rooms}) or [0]
    with plan_area:
        if table_error:
            st.error(_("The tables have a problem; the plan shows the centre before this edit.") + "\n\n"
                     + markdown_plain(table_error, lines=True))
        top = st.columns([1, 1, 1, 3]) if len(levels) == 1 else st.columns([1, 1, 1, 1, 2])
        top[0].metric(_("Rooms"), len(c.rooms))
        top[1].metric(_("Failing rooms"), len(failing))
        top[2].metric(_("Exits"), len(plan.exits))
        level = levels[0]
        if len(levels) > 1:
            level = top[3].selectbox(_("Level"), levels, key="plan_level")
        plan_editor.show(c, plan, failing, level)  # the plan drawn and edited with the mouse
        if report is not None:
            centre_wide = [f for f in report.failures() if not f.rooms]
            if centre_wide:
                st.caption(_("{n} failing rules concern the centre as a whole (not one room): {rules}; see the "
                             "Compliance page.", n=len(centre_wide),
                             rules=", ".join(sorted({f.rule for f in centre_wide}))))
        if failing:
            with st.expander(_("Why rooms are marked ({n})", n=len(failing))):
                for rid, reason in sorted(failing.items()):
                    st.markdown(f"**{markdown_plain(rid)}**\n"
                                + "\n".join(f"- {markdown_plain(line)}" for line in reason.splitlines()))
        exported = st.expander(_("The plan as exported (legend, for printing)"), key=EXPORTED_KEY,
                               on_change="rerun")
        with exported:
            if exported.open:
                st.markdown(common.svg_for(c, failing, level), unsafe_allow_html=True)
    common.autosave()  # a rerun of this fragment alone does not reach the router's autosave


_ = common.tr()
st.title(_("Plan"))
plan_view()
