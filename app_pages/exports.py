"""Exports page: the plan (DXF), the compliance report and procurement list (PDF), the workbook (XLSX),
the tables as CSV and JSON; in the language of the app."""
from __future__ import annotations

import streamlit as st

from app_pages import common

_ = common.tr()
p = common.project()
c = p.centre
suffix = f"{common.file_stem(c.centre.name)}-{p.lang}"

st.title(_("Exports"))
st.caption(_("Files of the centre as it stands, in the language of the app ({lang}); the check uses the packs "
             "chosen on the Compliance page and the procurement list the settings of the Equipment page.",
             lang=common.LANGUAGE_NAMES[p.lang]))
if c.centre.confidential:
    st.warning(_("This centre is confidential: every file carries a confidentiality mark. Share them only "
                 "with the people who need them."))
if not c.rooms:
    st.info(_("The centre has no rooms yet: draw them on the Plan page first."))
    st.stop()


files = [
    ("dxf", _("Plan (DXF)"), _("For AutoCAD, BricsCAD, LibreCAD: rooms, doors, labels, failing rooms marked."),
     f"{suffix}-plan.dxf", "application/dxf", "dxf_bytes"),
    ("report_pdf", _("Compliance report (PDF)"), _("The findings rule by rule, with the plan and the sources."),
     f"{suffix}-compliance.pdf", "application/pdf", "report_pdf_bytes"),
    ("procurement_pdf", _("Procurement list (PDF)"), _("Quantities, specifications, basis, sources and prices."),
     f"{suffix}-procurement.pdf", "application/pdf", "procurement_pdf_bytes"),
    ("xlsx", _("Workbook (XLSX)"), _("Rooms, findings, procurement list and budget, one sheet each."),
     f"{suffix}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx_bytes"),
    ("evacuation_pdf", _("Evacuation plans (PDF)"),
     _("One page to display in each dormitory, family room and corridor: routes to the two nearest exits, "
       "in French and English."),
     f"{suffix}-evacuation.pdf", "application/pdf", "evacuation_pdf_bytes"),
]
# The files are built here, in the user's session, with its language, packs, parameters and rates
# (a file built at click time would run outside the session and lose them); each is cached on what
# it is made from, so a visit that changes nothing builds nothing.
files = [f for f in files if common.available("centreplan.exports", f[-1])]
with st.spinner(_("Preparing the files…")):
    built = {kind: common.export_for(kind, c) for kind, *_rest in files}
for kind, label, help_text, name, mime, _function in files:
    col1, col2 = st.columns([1, 2], vertical_alignment="center")
    col1.download_button(label, built[kind], file_name=name, mime=mime, key=f"dl_{kind}",
                         icon=":material/download:", on_click="ignore", width="stretch")
    col2.caption(help_text)

if common.available("centreplan.exports.sheets", "csv_files"):
    st.subheader(_("Tables"))
    for kind, title, mime in (("csv", _("CSV (one file a table, UTF-8)"), "text/csv"),
                              ("json", _("JSON (tables, report and procurement list)"), "application/json")):
        st.markdown(f"**{title}**")
        items = list(common.export_for(kind, c).items())
        for start in range(0, len(items), 4):  # four buttons a row, so every file name stays readable
            for col, (fname, data) in zip(st.columns(4), items[start:start + 4]):
                col.download_button(fname, data, file_name=f"{suffix}-{fname}", mime=mime,
                                    key=f"dl_{kind}_{fname}", on_click="ignore", width="stretch")
