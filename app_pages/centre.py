"""Centre page: open an example or a file, set the centre's settings and population, save it."""
from __future__ import annotations

import streamlit as st

from app_pages import common
from centreplan.layouts import drafts
from centreplan.layouts.edit import new_centre, update_settings
from centreplan.layouts.io import decode, load_layout, loads
from centreplan.planner.errors import PlannerError
from centreplan.planner.model import CLIMATES, PHASES
from centreplan.planner.numbers import integer
from centreplan.planner.text_safety import markdown_plain
from centreplan.planner.vocabulary import codes

POPULATION_FIELDS = codes("population")

_ = common.tr()
p = common.project()
rev = f"{p.revision}{p.lang}"  # widgets start again from the centre when it is replaced or the language changes


def _dxf_preview(centre, name: str) -> None:
    """The plan read from an uploaded DXF, rooms found from the walls highlighted, to open or discard."""
    from centreplan.planner.drawing import plan_svg

    detected = {r.id: _("found from the walls") for r in centre.rooms
                if r.notes and "detected from the walls" in r.notes}
    st.info(_("{n} rooms read from {name}, {d} of them found from the walls (highlighted): check them, then "
              "open the plan.", n=len(centre.rooms), name=name, d=len(detected)))
    st.markdown(plan_svg(centre, common.plan_for(centre), failing=detected, title=centre.centre.name,
                         group_labels=common.group_labels(p.lang), legend_failing=_("found from the walls — check"),
                         legend_exit=_("exit"), decimal="," if p.lang == "fr" else "."), unsafe_allow_html=True)
    a, b = st.columns(2)
    if a.button(_("Open the imported plan"), key="dxf_accept", type="primary"):
        p.settings.pop("dxf_pending", None)
        p.replace(centre, name)
        st.rerun()
    if b.button(_("Discard it"), key="dxf_discard"):
        p.settings.pop("dxf_pending", None)
        p.settings.pop("dxf_report", None)
        st.rerun()


def _error_text(e: PlannerError) -> str:
    """Why a file was not opened, in the app's language where the DXF import says it."""
    if common.available("centreplan.layouts.dxf.messages", "error_text"):
        from centreplan.layouts.dxf.messages import error_text

        return error_text(e, p.lang)
    return str(e)


st.title(_("Centre"))
st.caption(_("Open a centre, set its population and settings, and save it as a layout file."))

# ---- open --------------------------------------------------------------------------------------
st.subheader(_("Open"))
c1, c2 = st.columns([1, 1], gap="large")
with c1:
    examples = common.examples()
    if examples:
        names = common.example_names()
        chosen = st.selectbox(_("Bundled example"), examples, format_func=lambda f: names.get(f.name, f.stem),
                              key="example_choice")
        if st.button(_("Open example"), key="open_example"):
            try:
                example = load_layout(chosen)
            except PlannerError as e:
                st.error(markdown_plain(str(e), lines=True))
            else:
                common.request_replace(example, chosen.name)
                st.rerun()
    if st.button(_("Start a new empty centre"), key="new_centre"):
        common.request_replace(new_centre(_("New centre")), "")
        st.rerun()
with c2:
    dxf = common.available("centreplan.layouts.dxf_import", "import_dxf")
    kinds = ["yaml", "yml", "json"] + (["dxf"] if dxf else [])
    upload = st.file_uploader(_("Upload a layout file ({kinds})", kinds=", ".join(kinds)), type=kinds,
                              key="upload")
    units = None
    if dxf:
        from centreplan.layouts.dxf_import import UNIT_CHOICES

        show_unit = common.labeller(_, common.UNIT_LABELS)
        units = st.selectbox(_("Units of a DXF drawing"), [None, *UNIT_CHOICES], key="dxf_units",
                             format_func=lambda u: _("as the drawing says") if u is None else show_unit(u),
                             placeholder=_("as the drawing says"),
                             help=_("A drawing that does not say its units is read in millimetres."))
    if upload is not None and upload.file_id != p.last_upload:
        p.last_upload = upload.file_id
        p.settings.pop("dxf_report", None)
        p.settings.pop("dxf_pending", None)
        try:
            centre = None
            if upload.name.lower().endswith(".dxf"):
                result = common.import_dxf_upload(upload.name, upload.getvalue(), units)
                p.settings["dxf_report"] = result.report  # written in the language shown, when shown
                if result.centre.rooms:  # shown for the user to accept, never opened unseen
                    p.settings["dxf_pending"] = (result.centre, upload.name)
                else:
                    raise PlannerError(_("No room was found in this drawing; the report below says what to try."))
            else:
                centre = loads(decode(upload.getvalue(), upload.name), upload.name)
            if centre is not None:
                common.plan_for(centre)  # its geometry is computed before it replaces the open centre
        except PlannerError as e:
            p.settings["upload_error"] = _error_text(e)
        except Exception as e:  # a defect of ours must not cost the user the centre they are editing
            common.log.exception("upload %s failed", upload.name)
            p.settings["upload_error"] = f"{upload.name}: {type(e).__name__}"
        else:
            p.settings.pop("upload_error", None)
            if centre is not None:
                common.request_replace(centre, upload.name)
                st.rerun()
    if p.settings.get("upload_error"):
        st.error(_("This file was not opened; the centre you were editing is kept.") + "\n\n"
                 + markdown_plain(p.settings["upload_error"], lines=True))
    if p.settings.get("dxf_pending"):
        _dxf_preview(*p.settings["dxf_pending"])
    if p.settings.get("dxf_report"):
        with st.expander(_("What the DXF import read and what to check"),
                         expanded=bool(p.settings.get("dxf_pending"))):
            st.code(p.settings["dxf_report"].text(p.lang), language=None)

# ---- settings ----------------------------------------------------------------------------------
c = p.centre
st.subheader(_("Settings"))
s1, s2, s3, s4 = st.columns([3, 1, 1, 1])
name = s1.text_input(_("Name"), value=c.centre.name, key=f"name_{rev}")
climate = s2.selectbox(_("Climate"), CLIMATES, index=CLIMATES.index(c.centre.climate),
                       format_func=common.vocab("climates"), key=f"climate_{rev}")
phase = s3.selectbox(_("Phase"), PHASES, index=PHASES.index(c.centre.phase),
                     format_func=common.vocab("phases"), key=f"phase_{rev}")
with s4:
    st.write("")
    confidential = st.toggle(_("Confidential"), value=c.centre.confidential, key=f"confidential_{rev}",
                             help=_("Exports carry a confidentiality mark."))
location = st.text_input(_("Location"), value=c.centre.location or "", key=f"location_{rev}")

st.subheader(_("Population (planned peak capacity, persons)"))
show_population = common.vocab("population")
cols = st.columns(len(POPULATION_FIELDS))
population = {
    k: cols[i].number_input(show_population(k), min_value=0, step=1, value=int(getattr(c.population, k)),
                            key=f"pop_{k}_{rev}")
    for i, k in enumerate(POPULATION_FIELDS)
}

info = {"name": name, "climate": climate, "phase": phase, "confidential": confidential,
        "location": location or None}
current = {"name": c.centre.name, "climate": c.centre.climate, "phase": c.centre.phase,
           "confidential": c.centre.confidential, "location": c.centre.location}
if info != current or population != c.population.model_dump():
    try:
        p.centre = update_settings(c, info, population, source=_("Centre settings"))
    except PlannerError as e:
        st.error(markdown_plain(str(e), lines=True))
    else:
        st.rerun()

# ---- summary and save ----------------------------------------------------------------------------
st.subheader(_("Summary"))
facts = common.facts_for(p.centre)
m = st.columns(5)
m[0].metric(_("Rooms"), facts["rooms"])
m[1].metric(_("Doors"), facts["doors"])
m[2].metric(_("Beds"), facts["beds"])
m[3].metric(_("Residents"), facts["residents"])
m[4].metric(_("Floor area"), f"{integer(facts['floor_area_m2'], p.lang)} m²")

stem = common.file_stem(p.centre.centre.name)
st.subheader(_("Save"))
st.caption(_("Download the centre as a layout file, to open again here or with the command line."))
d1, d2, _gap = st.columns([1, 1, 2])
d1.download_button(_("Save layout (YAML)"), common.layout_text(p.centre, "yaml"), file_name=f"{stem}.yaml",
                   mime="application/x-yaml", key="save_yaml", icon=":material/save:", width="stretch",
                   on_click=common.mark_saved)
d2.download_button(_("Save layout (JSON)"), common.layout_text(p.centre, "json"), file_name=f"{stem}.json",
                   mime="application/json", key="save_json", icon=":material/data_object:", width="stretch",
                   on_click=common.mark_saved)
if p.unsaved:
    st.caption(_("Changes not saved in a file yet; they are kept as a draft on this computer while you work."))

# ---- drafts ---------------------------------------------------------------------------------------
kept = [d for d in common.drafts_list() if d.id != p.draft_id]
if kept:
    with st.expander(_("Drafts of earlier sessions ({n})", n=len(kept))):
        st.caption(_("The centre being edited is saved as a draft on this computer after each change "
                     "({folder}); the last {keep} drafts are kept.", folder=drafts.drafts_dir(),
                     keep=drafts.KEEP))
        for d in kept:
            r1, r2, r3 = st.columns([4, 1, 1], vertical_alignment="center")
            r1.markdown(_("**{name}** · {rooms} rooms · saved {when}", name=d.centre.centre.name,
                          rooms=len(d.centre.rooms), when=common.when(d.saved_at)))
            if r2.button(_("Restore"), key=f"restore_{d.id}", width="stretch"):
                common.request_replace(None, d.source, d.id)
                st.rerun()
            if r3.button(_("Delete"), key=f"delete_{d.id}", width="stretch"):
                drafts.discard(d.id)
                st.rerun()
