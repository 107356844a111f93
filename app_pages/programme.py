"""Programme page: what the standards require for the population, next to what the layout provides."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common

_ = common.tr()
p = common.project()
lang = p.lang
c = p.centre

st.title(_("Programme"))
st.caption(_("What the rule packs require for {residents} residents ({phase}, {climate} climate), line by line, "
             "beside what the layout provides.", residents=c.population.residents,
             phase=common.labeller(_, common.PHASE_LABELS)(c.centre.phase).lower(),
             climate=common.labeller(_, common.CLIMATE_LABELS)(c.centre.climate).lower()))

prog, comparison = common.programme_for(c)
totals = prog.totals
m = st.columns(5)
m[0].metric(_("Sleeping rooms"), int(totals["sleeping_rooms"]))
m[1].metric(_("Beds"), int(totals["beds"]), delta=_("{n} in the layout", n=c.beds), delta_color="off")
m[2].metric(_("Sleeping area"), f"{totals['sleeping_area_m2']:.0f} m²")
m[3].metric(_("WC"), int(totals["wc"]))
m[4].metric(_("Showers"), int(totals["shower"]))

ok = sum(1 for ln in comparison.lines if ln.ok is True)
short = sum(1 for ln in comparison.lines if ln.ok is False)
unknown = sum(1 for ln in comparison.lines if ln.ok is None)
st.caption(_("{ok} lines met, {short} short, {unknown} that the layout does not show enough to tell.",
             ok=ok, short=short, unknown=unknown))

show_group = common.labeller(_, common.GROUP_LABELS)
verdict = {True: _("met"), False: _("short"), None: _("cannot tell")}
only_short = st.toggle(_("Only lines not met"), key="prog_only_short")
rows = [{
    "group": show_group(ln.line.group) if ln.line.group else _("Centre"),
    "verdict": verdict[ln.ok],
    "required": ln.line.text_fr if lang == "fr" else ln.line.text,
    "provided": ln.provided, "shortfall": ln.shortfall or "", "rooms": ", ".join(ln.rooms),
    "rules": ", ".join(ln.line.rules),
    "status": common.labeller(_, common.SOURCE_STATUS_LABELS)(ln.line.source_status),
    "source": ln.line.source,
} for ln in comparison.lines if not only_short or ln.ok is not True]
st.dataframe(pd.DataFrame(rows, columns=["group", "verdict", "required", "provided", "shortfall", "rooms", "rules",
                                         "status", "source"]),
             hide_index=True, width="stretch", height=min(38 + 35 * max(len(rows), 1), 720),
             row_height=35, column_config={
                 "group": st.column_config.TextColumn(_("Group"), width="small", pinned=True),
                 "verdict": st.column_config.TextColumn(_("Layout"), width="small"),
                 "required": st.column_config.TextColumn(_("Required"), width="large"),
                 "provided": st.column_config.TextColumn(_("Provided"), width="medium"),
                 "shortfall": st.column_config.TextColumn(_("Shortfall"), width="medium"),
                 "rooms": st.column_config.TextColumn(_("Rooms"), width="small"),
                 "rules": st.column_config.TextColumn(_("Rules"), width="medium"),
                 "status": st.column_config.TextColumn(_("Source status"), width="small"),
                 "source": st.column_config.TextColumn(_("Source"), width="large"),
             })
