"""Generate page: compliant layout options for the centre's population on a site, side by side."""
from __future__ import annotations

import streamlit as st

from app_pages import common
from centreplan.layouts.io import loads
from centreplan.planner.numbers import number, percent, quantity

_ = common.tr()
p = common.project()
lang = p.lang
c = p.centre
pop = c.population


@st.cache_data(max_entries=8, show_spinner=False)
def _generate(pop_json: str, outline: tuple[tuple[float, float], ...], phase: str, climate: str,
              packs: tuple[str, ...] | None, seed: int, options: int, lang: str,
              centre_type: str | None = None) -> dict:
    from centreplan.generate import NoLayoutFits, Site, generate
    from centreplan.generate.summary import figures
    from centreplan.planner.model import Population

    try:
        result = generate(Population.model_validate_json(pop_json), Site(outline), phase=phase, climate=climate,
                          packs=list(packs) if packs is not None else None, options=options, seed=seed, lang=lang,
                          centre_type=centre_type)
    except NoLayoutFits as e:
        return {"error": e.text(lang), "options": []}
    return {"error": None, "options": [{"centre": common.key_of(o.centre), "figures": figures(o.centre, o.report)}
                                       for o in result.options], "discarded": result.discarded}


@st.cache_data(max_entries=8, show_spinner=False)
def _compare(keys: tuple[str, ...], names: tuple[str, ...], packs: tuple[str, ...] | None):
    from centreplan.generate.summary import compare

    return compare([loads(k, "option.json") for k in keys], packs, names=list(names))


st.title(_("Generate"))
show_population = common.vocab("population")
groups = ", ".join(f"{show_population(k)} {pop.of_group('families' if k == 'family_persons' else k)}"
                   for k in ("men", "women", "boys", "girls", "family_persons") if getattr(pop, k))
st.caption(_("Compliant layout options for the population of the Centre page ({groups}; {phase}, {climate} "
             "climate), one level, checked against the rule packs like a drawn plan.",
             groups=groups or _("no resident"),
             phase=common.vocab("phases")(c.centre.phase).lower(),
             climate=common.vocab("climates")(c.centre.climate).lower()))

left, mid, right = st.columns([2, 2, 3])
width = left.number_input(_("Site width (m, west–east)"), min_value=5.0, max_value=1000.0, value=70.0, step=5.0,
                          key="gen_width")
depth = mid.number_input(_("Site depth (m, street to back)"), min_value=5.0, max_value=1000.0, value=50.0,
                         step=5.0, key="gen_depth")
upload = right.file_uploader(_("Or a site outline (YAML, JSON or DXF)"), type=["yaml", "yml", "json", "dxf"],
                             key="gen_site")
seed = left.number_input(_("Seed (same seed, same options)"), min_value=0, max_value=10_000, value=0, step=1,
                         key="gen_seed")

if upload is not None:
    import tempfile
    from pathlib import Path

    from centreplan.generate import load_site
    from centreplan.generate.errors import SiteError

    with tempfile.TemporaryDirectory(prefix="centreplan-") as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            site = load_site(path)
        except SiteError as e:
            st.error(str(e).replace(str(path), upload.name))
            st.stop()
else:
    from centreplan.generate import rectangle

    site = rectangle(float(width), float(depth))
st.caption(_("Site: {site}, {area} m²; the street is along the south side.", site=site.describe(lang),
             area=number(site.area, lang, 0)))

if pop.residents == 0:
    st.info(_("Set the population on the Centre page first."))
    st.stop()

if st.button(_("Generate 3 options"), type="primary", key="gen_run"):
    with st.spinner(_("Placing the wings and checking each option…")):
        p.settings["generated"] = _generate(pop.model_dump_json(), site.outline, c.centre.phase, c.centre.climate,
                                            common.packs_chosen(), int(seed), 3, lang, c.centre.type)

result = p.settings.get("generated")
if not result:
    st.stop()
if result["error"]:
    st.error(_("No compliant layout fits: {reason}", reason=result["error"]))
    st.stop()

options = result["options"]
show_group = common.vocab("groups")
cols = st.columns(len(options))
for k, (col, o) in enumerate(zip(cols, options), start=1):
    centre = loads(o["centre"], "option.json")
    f = o["figures"]
    with col:
        st.subheader(_("Option {n}", n=k))
        st.markdown(common.svg_for(centre, {}), unsafe_allow_html=True)
        m1, m2 = st.columns(2)
        m1.metric(_("Gross floor"), quantity(f["gross_m2"], "m2", lang, 0))
        m2.metric(_("Circulation"), percent(f["circulation_share"], lang))
        m1.metric(_("Net floor"), quantity(f["net_m2"], "m2", lang, 0))
        walk = f["walk_to_exit_m"]
        m2.metric(_("Longest walk to an exit"), quantity(walk, "m", lang, 1) if walk is not None else "—")
        heads = (_("Group"), _("Beds"), _("Persons"), _("Walk to a WC (m)"))
        rows = [dict(zip(heads, (show_group(g), b["beds"], b["persons"], f["walk_to_wc_m"].get(g))))
                for g, b in f["beds"].items()]
        st.dataframe(rows, hide_index=True, use_container_width=True)
        chk = f["check"]
        sev = chk["fail_by_severity"]
        st.caption(_("Check: {passed} passes, {critical} critical, {major} major, {minor} minor failures, "
                     "{unknown} cannot be evaluated.", passed=chk["pass"], critical=sev["critical"],
                     major=sev["major"], minor=sev["minor"], unknown=chk["cannot_evaluate"]))
        if st.button(_("Open this option"), key=f"gen_open_{k}"):
            p.replace(centre.model_copy(update={"centre": c.centre.model_copy(
                update={"notes": centre.centre.notes})}), f"option_{k}.yaml")
            st.switch_page("app_pages/plan.py")



def _label(key: str) -> str:
    """A row of the comparison table in the app's language."""
    head, _dot, tail = key.partition(".")
    fixed = {"gross_m2": _("Gross floor (m²)"), "net_m2": _("Net floor (m²)"),
             "circulation_share": _("Circulation share (%)"), "rooms": _("Rooms"),
             "walk_to_exit_m": _("Longest walk to an exit (m)"), "cannot_evaluate": _("Cannot be evaluated"),
             "equipment_eur": _("Equipment total (EUR)")}
    if key in fixed:
        return fixed[key]
    if head == "beds":
        return _("Beds, {group} (persons)", group=show_group(tail))
    if head == "walk_to_wc":
        return _("Longest walk to a WC, {group} (m)", group=show_group(tail))
    if head == "area_by_use":
        return _("Area, {use} (m²)", use=common.vocab("uses")(tail))
    if head == "area_by_group":
        return _("Area, {group} (m²)", group=show_group(tail))
    if head == "fail":
        return _("Failures, {severity}", severity=common.labeller(_, common.SEVERITY_LABELS)(tail))
    return key


def _cell(key: str, value) -> str:
    if value is None:
        return "—"
    if key == "circulation_share":
        value = value * 100
    if isinstance(value, float):
        return number(value, lang, 1)
    return str(value)


with st.expander(_("Compare the options")):
    names = tuple(f"option_{k}" for k in range(1, len(options) + 1))
    rows = _compare(tuple(o["centre"] for o in options), names, common.packs_chosen())
    figure = _("Figure")
    table = []
    for r in rows:
        line = {figure: _label(r["key"])}
        for k, n in enumerate(names, 1):
            line[_("Option {n}", n=k)] = _cell(r["key"], r[n])
        table.append(line)
    st.dataframe(table, hide_index=True, use_container_width=True)
