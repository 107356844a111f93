"""Programme page: what the standards require for the population, next to what the layout provides."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from centreplan.planner import numbers, vocabulary

_ = common.tr()
p = common.project()
lang = p.lang
c = p.centre

st.title(_("Programme"))
st.caption(_("What the rule packs require for {residents} residents ({phase}, {climate} climate), line by line, "
             "beside what the layout provides.", residents=c.population.residents,
             phase=vocabulary.name("phases", c.centre.phase, lang),
             climate=vocabulary.name("climates", c.centre.climate, lang)))

prog, comparison = common.programme_for(c)
totals = prog.totals
m = st.columns(5)
m[0].metric(_("Sleeping rooms"), int(totals["sleeping_rooms"]))
m[1].metric(_("Beds"), int(totals["beds"]), delta=_("{n} in the layout", n=c.beds), delta_color="off",
             delta_arrow="off")
m[2].metric(_("Sleeping area"), numbers.quantity(totals["sleeping_area_m2"], "m2", lang, 0))
m[3].metric(_("WC"), int(totals["wc"]))
m[4].metric(_("Showers"), int(totals["shower"]))

ok = sum(1 for ln in comparison.lines if ln.ok is True)
short = sum(1 for ln in comparison.lines if ln.ok is False)
unknown = sum(1 for ln in comparison.lines if ln.ok is None)
st.caption(_("{ok} lines met, {short} short, {unknown} that the layout does not show enough to tell.",
             ok=ok, short=short, unknown=unknown))

def show_group(g: str) -> str:
    return vocabulary.label("groups", g, lang)


verdict = {True: _("met"), False: _("short"), None: _("cannot tell")}
only_short = st.toggle(_("Only lines not met"), key="prog_only_short")
lines = [ln for ln in comparison.lines if not only_short or ln.ok is not True]
rows = [{
    _("Group"): show_group(ln.line.group) if ln.line.group else _("Centre"),
    _("Layout"): verdict[ln.ok],
    _("Required"): ln.line.text_fr if lang == "fr" else ln.line.text,
    _("Provided"): ((ln.provided_fr if lang == "fr" else "") or ln.provided)
    + (f" ({', '.join(ln.rooms)})" if ln.rooms and len(ln.rooms) <= 6 else ""),
    _("Shortfall"): ((ln.shortfall_fr if lang == "fr" else None) or ln.shortfall) or "",
} for ln in lines]
if rows:
    st.table(pd.DataFrame(rows).set_index(_("Group")))
else:
    st.info(_("Every line of the programme is met."))
with st.expander(_("Rules and sources of each line")):
    st.table(pd.DataFrame([{
        _("Rules"): ", ".join(ln.line.rules) + (
            " (" + _("stricter than {rules}", rules=", ".join(ln.line.supersedes)) + ")" if ln.line.supersedes else ""),
        _("Source status"): common.labeller(_, common.SOURCE_STATUS_LABELS)(ln.line.source_status),
        _("Source"): ln.line.source_in(lang),
    } for ln in lines], columns=[_("Rules"), _("Source status"), _("Source")]))
