"""Plan page: the plan drawn by group with failing rooms marked, and the room and door tables to edit it."""
from __future__ import annotations

import streamlit as st

from app_pages import common, plan_editor, tables
from planner.text_safety import markdown_plain

_ = common.tr()
p = common.project()
c = p.centre

st.title(_("Plan"))
plan_area = st.container()  # drawn last, from the centre as edited below

# ---- editors (app_pages/tables.py): an applied edit changes the centre and reruns ------------------
table_error = tables.table_editors(_)

# ---- the plan, drawn from the centre as it now stands ---------------------------------------------
plan = common.plan_for(c)
failing = common.failing_rooms(c, plan)
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
    if common.available("standards", "check"):
        centre_wide = [f for f in common.report_for(c).failures() if not f.rooms]
        if centre_wide:
            st.caption(_("{n} failing rules concern the centre as a whole (not one room): {rules}; see the "
                         "Compliance page.", n=len(centre_wide), rules=", ".join(sorted({f.rule for f in centre_wide}))))
    if failing:
        with st.expander(_("Why rooms are marked ({n})", n=len(failing))):
            for rid, reason in sorted(failing.items()):
                st.markdown(f"**{markdown_plain(rid)}**\n"
                            + "\n".join(f"- {markdown_plain(line)}" for line in reason.splitlines()))
