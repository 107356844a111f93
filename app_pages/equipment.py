"""Equipment page: sizing parameters, and the procurement list per centre and consolidated."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app_pages import common
from centreplan.equipment.catalogue import load_catalogue
from centreplan.equipment.params import make_params, used_parameters
from centreplan.layouts.io import load_layout
from centreplan.planner.errors import PlannerError
from centreplan.planner.numbers import quantity
from centreplan.planner.text_safety import markdown_plain
from centreplan.planner.vocabulary import unit_name

_ = common.tr()
p = common.project()
lang = p.lang


def money(amount: float | None, digits: int = 2) -> str:
    """An amount as printed in the totals (thin space between thousands), or a dash without a price."""
    return "—" if amount is None else f"{amount:,.{digits}f}".replace(",", "\u202f")


settings = p.settings.setdefault("equipment", {"params": {}, "fx": {}, "others": []})

st.title(_("Equipment"))
st.caption(_("What the centre needs to buy, sized from its rooms and population; each quantity shows its basis "
             "and source."))

# ---- which centres ---------------------------------------------------------------------------------
others_all = {f.name: f for f in common.examples() if f.name != p.source}
others = st.multiselect(_("Add bundled centres to a consolidated list"), list(others_all),
                        default=[n for n in settings["others"] if n in others_all], key=f"eq_others_{lang}",
                        format_func=lambda n: n.removesuffix(".yaml").replace("_", " "),
                        placeholder=_("No other centre"))
if others != settings["others"]:
    settings["others"] = others
    st.rerun()
centres = [p.centre] + [load_layout(others_all[n]) for n in others]

# ---- parameters ------------------------------------------------------------------------------------
with st.expander(_("Sizing parameters and exchange rates")):
    st.caption(_("Every default with its unit, source and status; change a value to override it. "
                 "Changed: {n}.", n=len(settings["params"])))
    show_status = common.labeller(_, common.PARAMETER_STATUS_LABELS)
    rows = [{"name": r["name"], "label": r["fr"] if lang == "fr" else r["en"], "value": r["value"],
             "unit": r["unit"], "default": r["default"], "status": show_status(r["status"]), "source": r["source"]}
            for r in used_parameters(make_params(settings["params"]))]
    edited = st.data_editor(
        pd.DataFrame(rows), hide_index=True, width="stretch", height=360, key="eq_params",
        disabled=["name", "label", "unit", "default", "status", "source"],
        column_config={
            "name": st.column_config.TextColumn(_("Parameter"), width="medium"),
            "label": st.column_config.TextColumn(_("Meaning"), width="large"),
            "value": st.column_config.NumberColumn(_("Value"), width="small"),
            "unit": st.column_config.TextColumn(_("Unit"), width="small"),
            "default": st.column_config.NumberColumn(_("Default"), width="small"),
            "status": st.column_config.TextColumn(_("Status"), width="small"),
            "source": st.column_config.TextColumn(_("Source"), width="small"),
        })
    changed = {r["name"]: float(r["value"]) for r in edited.to_dict("records")
               if r["value"] == r["value"] and float(r["value"]) != float(r["default"])}
    c1, c2, c3 = st.columns(3)
    fx = {}
    for col, cur in ((c1, "CHF"), (c2, "USD")):
        rate = col.number_input(_("EUR for 1 {currency} (blank: the dated ECB reference rate)", currency=cur),
                                min_value=0.0,
                                value=settings["fx"].get(cur, {}).get("eur_per_unit"), step=0.01,
                                format="%.4f", key=f"fx_{cur}")
        if rate:
            fx[cur] = rate
    fx_date = c3.date_input(_("Date of the rates"), value=dt.date.fromisoformat(
        next(iter(settings["fx"].values()), {}).get("date", dt.date.today().isoformat())), key="fx_date")
    fx_data = {cur: {"eur_per_unit": rate, "date": fx_date.isoformat(), "source": _("set in the app")}
               for cur, rate in fx.items()}
    if changed != settings["params"] or fx_data != settings["fx"]:
        try:
            make_params({**changed, **({"fx": fx_data} if fx_data else {})}, _("Sizing parameters"))
        except PlannerError as e:
            st.error(markdown_plain(str(e), lines=True))
        else:
            settings["params"], settings["fx"] = changed, fx_data
            st.rerun()

# ---- inputs saved with the centre ------------------------------------------------------------------
AGE_FIELDS = {
    "women_15_49": _("Women aged 15-49"), "children_0_6": _("Children aged 0-6"),
    "children_7_18": _("Children aged 7-18"), "infants_0_2": _("Infants aged 0-2"),
    "surge_places": _("Surge places"), "outpatients_per_day": _("Outpatients per day"),
}
saved = p.centre.equipment.model_dump(mode="json", exclude_none=True) if p.centre.equipment else {}
item_ids = sorted(set(load_catalogue().items) | set(saved.get("prices") or {}))
with st.expander(_("Inputs for this centre (saved with the centre)")):
    st.caption(_("Ages, surge places and outpatients that the rooms do not hold; the place of delivery; "
                 "quantities you set yourself and unit prices you found, with their currency and date."))
    cols = st.columns(3)
    given: dict = {}
    for i, (k, label) in enumerate(AGE_FIELDS.items()):
        value = cols[i % 3].number_input(label, min_value=0, step=1, value=saved.get(k),
                                         key=f"eq_in_{k}_{p.revision}", placeholder=_("not given"))
        if value is not None:
            given[k] = int(value)
    place = st.text_input(_("Place of delivery"), value=saved.get("delivery_place") or "",
                          key=f"eq_in_place_{p.revision}", placeholder=p.centre.centre.location or p.centre.centre.name)
    if place.strip():
        given["delivery_place"] = place.strip()
    price_rows = [{"item": k, **v} for k, v in (saved.get("prices") or {}).items()]
    prices = st.data_editor(
        pd.DataFrame(price_rows, columns=["item", "amount", "currency", "date", "source"]),
        num_rows="dynamic", hide_index=True, width="stretch", key=f"eq_in_prices_{p.revision}",
        column_config={
            "item": st.column_config.SelectboxColumn(_("Item"), options=item_ids),
            "amount": st.column_config.NumberColumn(_("Unit price"), min_value=0.0),
            "currency": st.column_config.SelectboxColumn(_("Currency"), options=["EUR", "XOF", "CHF", "USD"]),
            "date": st.column_config.TextColumn(_("Date (YYYY-MM-DD)")),
            "source": st.column_config.TextColumn(_("Source"), width="large"),
        })
    override_rows = [{"item": k, "qty": v} for k, v in (saved.get("overrides") or {}).items()]
    overrides = st.data_editor(
        pd.DataFrame(override_rows, columns=["item", "qty"]), num_rows="dynamic", hide_index=True,
        key=f"eq_in_overrides_{p.revision}",
        column_config={"item": st.column_config.SelectboxColumn(_("Item"), options=item_ids),
                       "qty": st.column_config.NumberColumn(_("Quantity you set"), min_value=0.0)})

    def _given(value) -> bool:
        return value is not None and value == value and value != ""  # not blank, not NaN

    given_prices = {r["item"]: {"amount": float(r["amount"]), "currency": r.get("currency") or "EUR",
                                "date": str(r["date"]), "source": r.get("source") or _("set in the app")}
                    for r in prices.to_dict("records")
                    if _given(r.get("item")) and _given(r.get("amount")) and _given(r.get("date"))}
    given_overrides = {r["item"]: float(r["qty"]) for r in overrides.to_dict("records")
                       if _given(r.get("item")) and _given(r.get("qty"))}
    if given_prices:
        given["prices"] = given_prices
    if given_overrides:
        given["overrides"] = given_overrides
    if given != {k: v for k, v in saved.items() if v not in ({}, [])}:
        from centreplan.layouts.io import centre_from_data, to_data

        data = to_data(p.centre)
        data["equipment"] = given
        if not given:
            data.pop("equipment")
        try:
            p.centre = centre_from_data(data, _("Equipment inputs"))
        except PlannerError as e:
            st.error(str(e))
        else:
            st.rerun()
    centres = [p.centre] + centres[1:]

reference = st.text_input(_("Tender reference (printed in the header of the workbook and the PDF)"),
                          value=settings.get("tender_reference", ""), key="eq_tender_reference",
                          placeholder="EuropeAid/…/D/SUP/SN")
if reference.strip() != settings.get("tender_reference", ""):
    settings["tender_reference"] = reference.strip()
params = {**settings["params"], **({"fx": settings["fx"]} if settings["fx"] else {}),
          **({"tender_reference": settings["tender_reference"]} if settings.get("tender_reference") else {})}
plist = common.procurement_for(centres, params)

# ---- totals ---------------------------------------------------------------------------------------
t = plist.totals
m = st.columns(4)
m[0].metric(_("Lines"), len(plist.lines))
m[1].metric(_("Priced lines"), t.priced_lines)
m[2].metric(_("Total (EUR)"), money(t.eur if t.priced_lines else None))
m[3].metric(_("Total (XOF)"), money(t.xof if t.priced_lines else None, 0))
if t.unpriced_lines:
    st.info(_("{n} lines have no sourced price and are not in the totals (no reference price, or a doubtful "
              "one); a unit price can be set in a parameters file (prices).", n=len(t.unpriced_lines)))

# ---- price file: download, fill with quotations, upload ---------------------------------------------
if "eq_price_saved" in st.session_state:
    st.success(markdown_plain(st.session_state.pop("eq_price_saved")))
with st.expander(_("Price file for quotations ({n} lines without a price)", n=len(t.unpriced_lines))):
    from centreplan.equipment.price_file import parse_prices, template_bytes, template_rows

    st.caption(_("Download the price file, fill the unit price, currency, date and source of each quotation "
                 "(rows left blank are skipped), then upload it: the prices are saved with this centre."))
    c1, c2 = st.columns(2)
    price_rows = template_rows(plist, lang)
    c1.download_button(_("Price file (XLSX)"), template_bytes(price_rows, "xlsx", lang),
                       file_name=_("prices") + ".xlsx", key="eq_price_template_xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    c2.download_button(_("Price file (CSV)"), template_bytes(price_rows, "csv", lang),
                       file_name=_("prices") + ".csv", mime="text/csv", key="eq_price_template_csv")
    upload = st.file_uploader(_("Filled price file (.xlsx or .csv)"), type=["xlsx", "csv"],
                              key=f"eq_price_upload_{p.revision}")
    if upload is not None:
        data = upload.getvalue()
        fmt = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
        try:
            found = parse_prices(data, fmt, lang, dt.date.today(), name=upload.name)
        except PlannerError as e:
            st.error(markdown_plain(str(e), lines=True))
        else:
            kept = dict(saved.get("prices") or {})
            kept.update(found)
            if not found:
                st.warning(_("{file}: no row has a unit price; nothing to save.", file=upload.name))
            elif kept != (saved.get("prices") or {}):
                from centreplan.layouts.io import centre_from_data, to_data

                data_c = to_data(p.centre)
                data_c["equipment"] = {**saved, "prices": kept}
                try:
                    p.centre = centre_from_data(data_c, upload.name)
                except PlannerError as e:
                    st.error(markdown_plain(str(e), lines=True))
                else:
                    st.session_state["eq_price_saved"] = _("{n} prices from {file} are saved with this centre.",
                                                           n=len(found), file=upload.name)
                    st.rerun()
            else:
                st.success(_("{n} prices from {file} are saved with this centre.", n=len(found), file=upload.name))

# ---- the list -------------------------------------------------------------------------------------
names = plist.centres

table = pd.DataFrame([{
    "id": ln.id, "name": ln.name_fr if lang == "fr" else ln.name_en, "lot": ln.lot_fr if lang == "fr" else ln.lot_en,
    "quantity": ln.quantity, "unit": unit_name(ln.unit, ln.quantity, lang),
    **({f"c{i}": ln.per_centre.get(n) for i, n in enumerate(names)} if len(names) > 1 else {}),
    "basis": ln.basis_fr if lang == "fr" else ln.basis, "status": show_status(ln.status), "flagged": ln.flagged,
    "unit_price": money(ln.unit_price_eur), "total_eur": money(ln.total_eur), "total_xof": money(ln.total_xof, 0),
    "spec": ln.spec_fr if lang == "fr" else ln.spec_en, "source": ln.source_in(lang),
} for ln in plist.lines])
centre_cols = {f"c{i}": st.column_config.NumberColumn(n, width="small") for i, n in enumerate(names)} \
    if len(names) > 1 else {}
st.subheader(_("Procurement list, consolidated") if len(names) > 1 else _("Procurement list"))
st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 720), column_config={
    "id": st.column_config.TextColumn(_("Item"), width="small", pinned=True),
    "name": st.column_config.TextColumn(_("Name"), width="medium"),
    "lot": st.column_config.TextColumn(_("Lot"), width="small"),
    "quantity": st.column_config.NumberColumn(_("Quantity"), width="small"),
    "unit": st.column_config.TextColumn(_("Unit"), width="small"),
    **centre_cols,
    "unit_price": st.column_config.TextColumn(_("Unit price (EUR)"), width="small", alignment="right"),
    "total_eur": st.column_config.TextColumn(_("Total (EUR)"), width="small", alignment="right"),
    "total_xof": st.column_config.TextColumn(_("Total (XOF)"), width="small", alignment="right"),
    "basis": st.column_config.TextColumn(_("Basis"), width="large"),
    "status": st.column_config.TextColumn(_("Status of the figure"), width="medium"),
    "flagged": st.column_config.CheckboxColumn(_("To review"), width="small",
                                               help=_("The quantity rests on an unverified figure, a design "
                                                      "choice or a value set by the user.")),
    "spec": st.column_config.TextColumn(_("Specification"), width="large"),
    "source": st.column_config.TextColumn(_("Source"), width="large"),
})
if plist.works:
    with st.expander(_("Works, apart from the supplies ({n})", n=len(plist.works))):
        for ln in plist.works:
            st.markdown(f"- **{ln.id}** {ln.name_fr if lang == 'fr' else ln.name_en}: "
                        f"{quantity(ln.quantity, ln.unit, lang, 0 if float(ln.quantity).is_integer() else 1)} — "
                        f"{ln.basis_fr if lang == 'fr' else ln.basis}")
st.subheader(_("Running and construction costs"))
st.dataframe(pd.DataFrame([{
    "centre": name, "what": r.fr if lang == "fr" else r.en, "basis": r.basis_fr if lang == "fr" else r.basis,
    "eur": money(r.eur), "xof": money(r.xof, 0), "source": r.source,
} for name, c in plist.costs.items() for r in c.running + c.construction]), hide_index=True, width="stretch",
    column_config={"centre": st.column_config.TextColumn(_("Centre")),
                   "what": st.column_config.TextColumn(_("Cost")),
                   "basis": st.column_config.TextColumn(_("Basis"), width="large"),
                   "eur": st.column_config.TextColumn(_("Total (EUR)"), alignment="right"),
                   "xof": st.column_config.TextColumn(_("Total (XOF)"), alignment="right"),
                   "source": st.column_config.TextColumn(_("Source"), width="large")})
st.caption(" · ".join(f"1 {cur} = {d['eur_per_unit']} EUR ({d['date']}, {d['source']})"
                      for cur, d in plist.fx.items() if cur != "XOF") + " · 1 EUR = 655.957 XOF")
if plist.omitted:
    with st.expander(_("Items not needed for this centre ({n})", n=len(plist.omitted))):
        for o in plist.omitted:
            st.markdown(f"- **{markdown_plain(o.id)}** {markdown_plain(o.name_fr if lang == 'fr' else o.name_en)}: "
                        f"{markdown_plain(o.reason_fr if lang == 'fr' else o.reason)}")
warnings = [(c, w) for c, ws in (plist.warnings_fr if lang == "fr" else plist.warnings).items() for w in ws]
if warnings:
    with st.expander(_("Points to review ({n})", n=len(warnings))):
        for c, w in warnings:
            st.markdown(f"- *{markdown_plain(c)}*: {markdown_plain(w)}")
for note in plist.notes:
    st.caption(markdown_plain(note))
