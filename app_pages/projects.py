"""Projects page: open or create a project, open a centre's revision, save with a message, history,
restore, compare two revisions or two centres. The store is :mod:`projects.store` (no logic here)."""
from __future__ import annotations

import streamlit as st

from app_pages import common
from centreplan.planner.errors import ConflictError, PlannerError
from centreplan.planner.text_safety import markdown_plain

_ = common.tr()
p = common.project()
st.title(_("Projects"))


@st.cache_resource(show_spinner=False)
def _store(url: str):
    from centreplan.projects.store import open_store

    return open_store(url)


def store():
    from centreplan.projects.store import default_url

    return _store(default_url())


try:
    s = store()
except PlannerError as e:
    st.error(_("The project store cannot be opened: {reason}", reason=markdown_plain(str(e))))
    st.stop()

st.caption(_("Store: {where}", where=markdown_plain(s.where)))
link = p.settings.get("store")  # {"project", "centre" (short id), "base" (revision number)} of the open centre

# ---- project -------------------------------------------------------------------------------------
names = s.projects()
left, right = st.columns([2, 1])
with right:
    new_name = st.text_input(_("New project"), key="proj_new_name", placeholder=_("e.g. Senegal 2027"))
    if st.button(_("Create the project"), key="proj_create"):
        try:
            s.create_project(new_name)
        except PlannerError as e:
            st.error(markdown_plain(str(e), lines=True))
        else:
            st.session_state["proj_name"] = new_name.strip()
            st.rerun()
if not names:
    with left:
        st.info(_("No project yet: create one, then save the open centre into it."))
    st.stop()
with left:
    if st.session_state.get("proj_name") not in names:
        st.session_state["proj_name"] = link["project"] if link and link["project"] in names else names[0]
    project_name = st.selectbox(_("Project"), names, key="proj_name")

author = st.text_input(_("Your name (kept with each revision)"), key="proj_author",
                       value=p.settings.get("author", ""))
p.settings["author"] = author

# ---- save the open centre ----------------------------------------------------------------------
st.subheader(_("Save the open centre"))
centres = s.centres(project_name)
linked = link if link and link["project"] == project_name else None
if linked:
    st.caption(_("The open centre is {centre}, edited from revision {rev}.", centre=markdown_plain(linked["centre"]),
                 rev=linked["base"]))
else:
    same = next((c for c in centres if c.name == p.centre.centre.name), None)
    if same:
        st.caption(_("Saving adds revision {n} of {centre}, on top of revision {latest}.", n=same.latest + 1,
                     centre=markdown_plain(same.name), latest=same.latest))
    else:
        st.caption(_("Saving adds {name} to this project as a new centre.", name=markdown_plain(p.centre.centre.name)))
message = st.text_input(_("What changed"), key="proj_message")


def _save(base: int | None) -> None:
    try:
        rev, created = s.save(project_name, p.centre, author=author or None, message=message,
                              base=base, into=linked["centre"] if linked else None)
    except ConflictError as e:
        p.settings["store_conflict"] = {"latest": e.latest.number if e.latest else None}
        return
    except PlannerError as e:
        st.error(markdown_plain(str(e), lines=True))
        return
    p.settings.pop("store_conflict", None)
    p.settings["store"] = {"project": project_name, "centre": rev.short_id, "base": rev.number}
    common.mark_saved()  # kept in the project store: replacing it loses nothing
    if created:
        st.success(_("Saved as revision {n} of {centre}.", n=rev.number, centre=markdown_plain(rev.centre)))
    else:
        st.info(_("Nothing changed since revision {n}; nothing saved.", n=rev.number))


if st.button(_("Save as a new revision"), key="proj_save", type="primary"):
    _save(linked["base"] if linked else None)

conflict = p.settings.get("store_conflict")
if conflict and linked and conflict.get("latest"):
    from centreplan.projects.diff import diff, render

    latest_no = conflict["latest"]
    latest = s.revision(project_name, linked["centre"], latest_no)
    st.error(_("Not saved: {author} saved revision {n} at {time} since revision {base}, the one you started "
               "from. Your edits are kept. Look at the differences, then save on top of revision {n}.",
               author=markdown_plain(latest.author), n=latest_no, time=latest.created_at, base=linked["base"]))
    theirs = s.layout(project_name, linked["centre"], latest_no)
    d = diff(theirs, p.centre, old_label=_("revision {n}", n=latest_no), new_label=_("your edits"),
             equipment=False)
    st.code(render(d, p.lang), language=None)
    if st.button(_("Save on top of revision {n}", n=latest_no), key="proj_save_on_top"):
        _save(latest_no)
        st.rerun()

# ---- centres and history -----------------------------------------------------------------------
st.subheader(_("Centres and their history"))
if not centres:
    st.info(_("This project has no centre yet."))
    if st.button(_("Add the three bundled example centres"), key="proj_examples"):
        from centreplan.layouts.io import load_layout

        for f in common.examples():
            s.save(project_name, load_layout(f), author=author or None, message=_("bundled example"))
        st.rerun()
    st.stop()
labels = {c.short_id: f"{c.name} (r{c.latest})" for c in centres}
short_ids = list(labels)
default = linked["centre"] if linked and linked["centre"] in labels else short_ids[0]
chosen = st.selectbox(_("Centre"), short_ids, index=short_ids.index(default), format_func=labels.get,
                      key="proj_centre")
history = s.log(project_name, chosen)
columns = (_("Revision"), _("From"), _("Author"), _("Time (UTC)"), _("Message"))
st.dataframe([dict(zip(columns, (r.number, "" if r.parent is None else r.parent, r.author,
                                  r.created_at.replace("T", " ").removesuffix("Z"), r.message)))
              for r in history],
             hide_index=True, width="stretch")
numbers = [r.number for r in history]
rev_no = st.selectbox(_("Revision"), numbers, key="proj_rev")
c1, c2 = st.columns(2)
with c1:
    if st.button(_("Open this revision"), key="proj_open"):
        # unsaved work is never replaced without asking; the link to the store goes with the replacement
        opened = common.request_replace(s.layout(project_name, chosen, rev_no), f"{project_name} / {chosen} r{rev_no}",
                                        settings={"store": {"project": project_name, "centre": chosen,
                                                            "base": numbers[0]}})
        if not opened:
            st.rerun()  # the question shows at the top of the page
        if rev_no != numbers[0]:
            st.warning(_("Revision {n} is open; saving it makes a new revision on top of revision {latest}.",
                         n=rev_no, latest=numbers[0]))
        else:
            st.success(_("Revision {n} is open.", n=rev_no))
with c2:
    if st.button(_("Restore as a new revision"), key="proj_restore", disabled=rev_no == numbers[0]):
        try:
            rev, _created = s.restore(project_name, chosen, rev_no, author=author or None,
                                      message=_("restore revision {n}", n=rev_no), base=numbers[0])
        except PlannerError as e:
            st.error(markdown_plain(str(e), lines=True))
        else:
            st.success(_("Revision {n} restored as revision {m}.", n=rev_no, m=rev.number))
            st.rerun()

# ---- compare -----------------------------------------------------------------------------------
st.subheader(_("Compare"))
mode = st.radio(_("Compare"), ["revisions", "centres"], horizontal=True, key="proj_cmp_mode",
                label_visibility="collapsed",
                format_func=lambda m: _("two revisions of this centre") if m == "revisions" else _("two centres"))
if mode == "revisions":
    a, b = st.columns(2)
    ra = a.selectbox(_("From revision"), numbers, index=min(1, len(numbers) - 1), key="proj_cmp_a")
    rb = b.selectbox(_("To revision"), numbers, index=0, key="proj_cmp_b")
    old, new = s.layout(project_name, chosen, ra), s.layout(project_name, chosen, rb)
    old_label, new_label = _("revision {n}", n=ra), _("revision {n}", n=rb)
else:
    a, b = st.columns(2)
    ca = a.selectbox(_("Centre A"), short_ids, format_func=labels.get, key="proj_cmp_ca")
    cb = b.selectbox(_("Centre B"), short_ids, format_func=labels.get, index=min(1, len(short_ids) - 1),
                     key="proj_cmp_cb")
    old, new = s.layout(project_name, ca), s.layout(project_name, cb)
    old_label, new_label = labels[ca], labels[cb]


@st.cache_data(max_entries=16, show_spinner=False)
def _compare(old_json: str, new_json: str, old_label: str, new_label: str, lang: str, packs):
    from centreplan.layouts.io import loads
    from centreplan.projects.diff import diff, render

    d = diff(loads(old_json, "a.json"), loads(new_json, "b.json"), old_label=old_label, new_label=new_label,
             packs=list(packs) if packs else None)
    return render(d, lang), sorted(d.changed_rooms), d.to_data()


text, changed, data = _compare(common.key_of(old), common.key_of(new), old_label, new_label, p.lang,
                               common.packs_chosen())
from centreplan.planner.drawing import plan_svg  # noqa: E402

group_labels = common.group_labels(common.project().lang)
left, right = st.columns(2)
for col, centre, label, marks in ((left, old, old_label, {}),
                                  (right, new, new_label, {r: _("changed") for r in changed})):
    with col:
        st.markdown(f"**{markdown_plain(label)}**")
        st.image(plan_svg(centre, common.plan_for(centre), failing=marks, group_labels=group_labels,
                          legend_failing=_("changed"), legend_exit=_("exit")), width="stretch")
m1, m2, m3 = st.columns(3)
m1.metric(_("Findings fixed"), len(data["findings_fixed"]))
m2.metric(_("New findings"), len(data["findings_new"]))
m3.metric(_("Still open"), len(data["findings_open"]))
st.code(text, language=None)
