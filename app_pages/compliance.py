"""Compliance page: the findings of the standards check, filtered by outcome, severity, pack, room, group."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common
from centreplan.planner import vocabulary
from centreplan.planner.text_safety import markdown_plain
from centreplan.standards import default_pack_names, load_packs, pack_names

_ = common.tr()
p = common.project()
lang = p.lang

st.title(_("Compliance"))
st.caption(_("Each rule of the chosen packs, checked on the centre as it stands; every finding cites its source."))

all_packs = {pk.id: pk for pk in load_packs(pack_names())}
current = list(default_pack_names() if common.packs_chosen() is None else common.packs_chosen())
chosen = st.multiselect(
    _("Rule packs"), list(all_packs), default=current,
    format_func=lambda pid: all_packs[pid].title.get(lang), key=f"packs_{lang}",
    help=_("Plan integrity is always checked."))
if list(chosen) != current:
    p.settings["packs"] = list(chosen)
    st.rerun()

report = common.report_for(p.centre)
s = report.summary
m = st.columns(6)
m[0].metric(_("Critical"), s.fail_by_severity.get("critical", 0))
m[1].metric(_("Major"), s.fail_by_severity.get("major", 0))
m[2].metric(_("Minor"), s.fail_by_severity.get("minor", 0))
m[3].metric(_("Passed"), s.pass_)
m[4].metric(_("Cannot evaluate"), s.cannot_evaluate, help=_("Data missing in the layout: never counted as a pass."))
m[5].metric(_("Not applicable"), s.not_applicable)
if report.exit_code():
    st.error(_("The centre fails at least one critical or major rule."))
else:
    st.success(_("No critical or major rule fails."))

show_status = common.labeller(_, common.STATUS_LABELS)
show_severity = common.labeller(_, common.SEVERITY_LABELS)
def show_group(g: str) -> str:
    return vocabulary.label("groups", g, lang)


f1, f2 = st.columns([3, 2])
statuses = f1.pills(_("Outcome"), list(common.STATUS_LABELS), default=["fail", "cannot_evaluate"],
                    selection_mode="multi", format_func=show_status, key=f"f_status_{lang}")
severities = f2.pills(_("Severity"), list(common.SEVERITY_LABELS), default=list(common.SEVERITY_LABELS),
                      selection_mode="multi", format_func=show_severity, key=f"f_severity_{lang}")
f3, f4 = st.columns([3, 2])
room_ids = sorted({r for f in report.findings for r in f.rooms})
rooms = f3.multiselect(_("Room"), room_ids, key=f"f_room_{lang}", placeholder=_("All rooms"))
groups_found = sorted({f.group for f in report.findings if f.group})
groups = f4.multiselect(_("Group"), groups_found, key=f"f_group_{lang}", format_func=show_group,
                        placeholder=_("All groups"))
packs = report.packs

shown = [f for f in report.findings
         if f.status in statuses and f.severity in severities and f.pack in packs
         and (not rooms or set(rooms) & set(f.rooms)) and (not groups or f.group in groups)]
st.caption(_("{n} of {total} findings shown", n=len(shown), total=len(report.findings)))

severity_order = {"critical": 0, "major": 1, "minor": 2}
status_order = {"fail": 0, "cannot_evaluate": 1, "not_applicable": 2, "pass": 3}
shown.sort(key=lambda f: (status_order[f.status], severity_order[f.severity], f.rule, f.rooms))
table = pd.DataFrame([{
    "status": show_status(f.status), "severity": show_severity(f.severity), "rule": f.rule,
    "title": f.title_fr if lang == "fr" else f.title, "rooms": ", ".join(f.rooms),
    "group": show_group(f.group) if f.group else "",
    "measured": ((f.measured_fr if lang == "fr" else None) or f.measured) or "",
    "required": ((f.required_fr if lang == "fr" else None) or f.required) or "",
    "message": (f.message_fr if lang == "fr" else f.message).strip(),
    "fix": (f.fix_fr if lang == "fr" else f.fix) or "",
    "source": f.source_in(lang), "source_status": common.labeller(_, common.SOURCE_STATUS_LABELS)(f.source_status),
    "pack": all_packs[f.pack].title.get(lang) if f.pack in all_packs else f.pack,
} for f in shown], columns=["status", "severity", "rule", "title", "rooms", "group", "measured", "required",
                            "message", "fix", "source", "source_status", "pack"])
if table.empty:
    st.info(_("No finding matches these filters."))
else:
    st.caption(_("Select a row to read the finding in full, with its fix and its source."))
    event = st.dataframe(
        table[["status", "severity", "rule", "rooms", "message"]], hide_index=True, width="stretch",
        height=min(38 + 35 * len(table), 460), on_select="rerun", selection_mode="single-row",
        key=f"findings_{lang}", column_config={
            "status": st.column_config.TextColumn(_("Outcome"), width="small"),
            "severity": st.column_config.TextColumn(_("Severity"), width="small"),
            "rule": st.column_config.TextColumn(_("Rule"), width="small"),
            "rooms": st.column_config.TextColumn(_("Rooms"), width="small"),
            "message": st.column_config.TextColumn(_("Finding"), width="large"),
        })
    picked = event.selection.rows[0] if event.selection.rows else 0
    row = table.iloc[min(picked, len(table) - 1)]
    with st.container(border=True):
        st.markdown(f"**{markdown_plain(row['rule'])}** · {markdown_plain(row['title'])} · "
                    f"{markdown_plain(row['status'])} · {markdown_plain(row['severity'])}")
        st.markdown(markdown_plain(row["message"], lines=True))
        d1, d2, d3 = st.columns(3)
        d1.markdown(_("**Measured**  \n{value}", value=markdown_plain(row["measured"] or "—")))
        d2.markdown(_("**Required**  \n{value}", value=markdown_plain(row["required"] or "—")))
        d3.markdown(_("**Rooms**  \n{value}", value=markdown_plain(row["rooms"] or "—"))
                    + (_("  \n**Group**: {value}", value=markdown_plain(row["group"])) if row["group"] else ""))
        if row["fix"]:
            st.markdown(_("**Suggested fix**: {fix}", fix=markdown_plain(row["fix"])))
        st.caption(_("Source: {source} ({status}) · Pack: {pack}", source=row["source"],
                     status=row["source_status"], pack=row["pack"]))
if report.unverified_rules:
    st.warning(_("These rules rest on a figure whose source could not be verified: {rules}",
                 rules=", ".join(report.unverified_rules)))
