"""The procurement list as plain text (``centreplan equip``), in English or French.

Per-centre quantity columns grouped by lot, each line with its basis, source and price; the totals in
EUR and XOF, the exchange rates, the works, the running and construction costs, the items left out,
the design figures, the warnings and every default that is unverified or a design choice. Words come
from the ``equipment`` message catalogue (``locales/<lang>/LC_MESSAGES/equipment.po``), numbers from
the one number format (:mod:`planner.numbers`), units and names from the one vocabulary.
"""
from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

from centreplan.equipment.basis import num
from centreplan.equipment.catalogue import EUR_XOF, STATUS_TEXT, STATUS_TEXT_FR
from centreplan.planner.i18n import translator
from centreplan.planner.numbers import number
from centreplan.planner.vocabulary import name, unit_name

DOMAIN = "equipment"
WIDTH = 118
# parameter units (pint strings of equipment/parameters.yaml) → units of the vocabulary
PARAM_UNITS = {
    "1/person": "per_person", "L/kWh": "L_per_kWh", "L/person": "L_per_visit", "L/person/day": "L_per_person_day",
    "L/person/year": "L_per_person_year", "V": "V", "W": "W", "day": "day", "degC": "degC", "g": "g",
    "g/person/month": "g_per_person_month", "h/day": "h_per_day", "kW": "kW", "kWh": "kWh",
    "kWh/m**2/day": "kWh_per_m2_day", "lumen": "lm", "lux": "lx", "m": "m", "m**2": "m2", "month": "month",
    "person": "person", "year": "year",
}


def status_text(status: str, lang: str) -> str:
    """A figure's status in words (``design choice, no source`` / ``choix de conception, sans source``)."""
    table = STATUS_TEXT_FR if lang == "fr" else STATUS_TEXT
    return table.get(status, translator(lang, DOMAIN)("set by the user") if status == "user_set" else status)


def _code(status: str, lang: str) -> str:
    """A status as the English text has always printed it (its code), in words in French."""
    return status_text(status, lang) if lang == "fr" else status


def _wrap(out: list[str], text: str, indent: int = 8, more: int = 2) -> None:
    out.extend(textwrap.wrap(text, width=WIDTH, initial_indent=" " * indent, subsequent_indent=" " * (indent + more)))


def render_text(pl: Any, lang: str = "en", spec: bool = False) -> str:
    """The procurement list as text: per-centre columns, grouped by lot, basis and source per line."""
    _ = translator(lang, DOMAIN)
    fr = lang == "fr"
    names = pl.centres
    out: list[str] = [_("Procurement list: {centres}, supply period {months}",
                        centres=_amount(len(names), "centre", lang), months=_amount(pl.supply_months, "month", lang))]
    out += [f"  [{i + 1}] {n}" for i, n in enumerate(names)]
    _lines(out, pl, lang, spec)
    _totals(out, pl, lang)
    _rates(out, pl, lang)
    _works(out, pl, lang)
    _costs(out, pl, lang)
    if pl.omitted:
        out += ["", "== " + _("Items not computed") + " =="]
        for o in pl.omitted:
            _wrap(out, _("{id} {name}: {reason}", id=o.id, name=o.name_fr if fr else o.name_en,
                         reason=o.reason_fr if fr else o.reason), 2)
    _design_figures(out, pl, lang)
    warnings = pl.warnings_fr if fr and pl.warnings_fr else pl.warnings
    if any(warnings.values()):
        out += ["", "== " + _("Warnings") + " =="]
        for i, n in enumerate(names):
            for w in warnings[n]:
                _wrap(out, f"[{i + 1}] {w}", 2)
    out += ["", "== " + _("Parameters that are unverified or design choices") + " =="]
    for prm in pl.parameters:
        if prm["status"] not in ("unverified", "design_choice"):
            continue
        value = _param_value(prm["value"], prm["unit"], lang)
        mark = _(" (changed)") if prm["changed"] else ""
        out.append("  " + _("{name} = {value}{changed} — {status}: {meaning}", name=prm["name"], value=value,
                              changed=mark, status=status_text(prm["status"], lang),
                              meaning=prm["fr"] if fr else prm["en"]))
    out.append("")
    for note in (pl.notes_fr if fr and pl.notes_fr else pl.notes):
        out.extend(textwrap.wrap(note, width=WIDTH))
    return "\n".join(out) + "\n"


def _amount(x: float, unit: str, lang: str) -> str:
    sep = "\u00a0" if lang == "fr" else " "
    return f"{num(x, lang)}{sep}{unit_name(unit, x, lang)}"


def _param_value(value: float, unit: str, lang: str) -> str:
    if not unit:
        return num(value, lang, 3)
    return _amount(value, PARAM_UNITS.get(unit, unit), lang)


def _money(x: float | None, lang: str, digits: int = 2) -> str:
    return "—" if x is None else number(x, lang, digits)


def _bases(out: list[str], ln: Any, names: list[str], lang: str, _: Callable[..., str]) -> None:
    fr = lang == "fr"
    if len(names) == 1:
        _wrap(out, _("basis: {basis}", basis=ln.basis_fr if fr else ln.basis))
        return
    per_centre = ln.basis_per_centre_fr if fr and ln.basis_per_centre_fr else ln.basis_per_centre
    for i, n in enumerate(names):
        _wrap(out, _("basis [{i}]: {basis}", i=i + 1, basis=per_centre[n]))


def _lines(out: list[str], pl: Any, lang: str, spec: bool) -> None:
    _ = translator(lang, DOMAIN)
    fr = lang == "fr"
    names = pl.centres
    short = [n if len(n) <= 12 else n[:11] + "…" for n in names]
    width = max([8] + [len(s) for s in short])
    item, total, unit, each = _("item"), _("total"), _("unit"), _("EUR/u")
    total_eur, total_xof, subtotal = _("total EUR"), _("total XOF"), _("lot subtotal")
    head = f"{'id':<7} {item:<34}" + "".join(f" {s:>{width}}" for s in short)
    head += f" {total:>10} {unit:<9} {each:>9} {total_eur:>12} {total_xof:>14}"
    for lot_id, lot_en, lot_fr, lines in pl.by_lot():
        out += ["", f"== {lot_fr if fr else lot_en} ==", head]
        for ln in lines:
            title = ln.name_fr if fr else ln.name_en
            title = title if len(title) <= 34 else title[:33] + "…"
            row = f"{ln.id:<7} {title:<34}" + "".join(f" {num(ln.per_centre[n], lang):>{width}}" for n in names)
            row += (f" {num(ln.quantity, lang):>10} {unit_name(ln.unit, ln.quantity, lang):<9}"
                    f" {_money(ln.unit_price_eur, lang):>9} {_money(ln.total_eur, lang):>12}"
                    f" {_money(ln.total_xof, lang, 0):>14}")
            out.append(row)
            _bases(out, ln, names, lang, _)
            flag = " [!]" if ln.flagged else ""
            _wrap(out, _("source: {source} — {status}", source=ln.source_in(lang),
                         status=ln.status_text_fr if fr else ln.status_text) + flag)
            _price(out, ln, lang)
            if ln.delivery and len(names) > 1:
                _wrap(out, _("delivery: {places}", places="; ".join(ln.delivery.values())))
            for note in (ln.notes_fr if fr else ln.notes):
                _wrap(out, _("note: {note}", note=note))
            if spec:
                unverified = _(" (unverified)") if ln.spec_status == "unverified" else ""
                _wrap(out, _("specification: {text}", text=ln.spec_fr if fr else ln.spec_en) + unverified)
                codes = "; ".join(f"{u['code']} {(u.get('fr') if fr else u.get('en')) or ''}".strip()
                                  for u in ln.unspsc)
                if codes:
                    _wrap(out, f"UNSPSC v7.0901: {codes}")
        lt = next(t for t in pl.totals.by_lot if t.lot == lot_id)
        out.append(f"{'':<7} {subtotal:<34}" + " " * ((width + 1) * len(names))
                   + f" {'':>10} {'':<9} {'':>9} {_money(lt.total_eur, lang):>12} {_money(lt.total_xof, lang, 0):>14}")


def _price(out: list[str], ln: Any, lang: str) -> None:
    _ = translator(lang, DOMAIN)
    if ln.price is not None:
        pr = ln.price
        conv = (f" × {num(pr.fx_eur_per_unit, lang, 6)} EUR/{pr.currency} ({pr.fx_date})"
                if pr.fx_eur_per_unit is not None else "")
        infl = f" × {num(pr.inflation_factor, lang, 4)} ({pr.inflation_index})" if pr.inflation_factor else ""
        _wrap(out, _("price: {amount} {currency} ({date}, {source}, {status})",
                     amount=number(pr.amount, lang, 2), currency=pr.currency, date=pr.date,
                     source=ln.price_source_in(lang), status=_code(pr.status, lang)) + infl + conv)
    elif ln.price_note:
        _wrap(out, _("price: {note}", note=ln.price_note_fr if lang == "fr" else ln.price_note))


def _totals(out: list[str], pl: Any, lang: str) -> None:
    _ = translator(lang, DOMAIN)
    t = pl.totals
    out += ["", "== " + _("Totals") + " =="]
    for i, n in enumerate(pl.centres):
        out.append(f"  [{i + 1}] " + _("{name}: {eur} EUR  {xof} XOF", name=n, eur=_money(t.per_centre_eur[n], lang),
                                        xof=_money(t.per_centre_xof[n], lang, 0)))
    total = _("total")
    out.append(f"  {total:<20} {_money(t.eur, lang)} EUR  {_money(t.xof, lang, 0)} XOF  "
               + _("({priced} of {lines} lines priced, {share})", priced=t.priced_lines, lines=t.lines,
                   share=_amount(round(t.priced_share * 100), "percent", lang)))
    if t.unpriced_lines:
        _wrap(out, _("lines without a price (not in the totals; price them from quotations with "
                     "--price-template FILE then --prices FILE): {ids}",
                     ids=", ".join(t.unpriced_lines)), 2)


def _rates(out: list[str], pl: Any, lang: str) -> None:
    _ = translator(lang, DOMAIN)
    out += ["", "== " + _("Exchange rates") + " ==",
            "  " + _("1 EUR = {xof} XOF (fixed legal parity)", xof=num(EUR_XOF, lang, 3))]
    for cur, r in pl.fx.items():
        if cur != "XOF":
            _wrap(out, _("1 {cur} = {rate} EUR on {date} ({source}; {status})", cur=cur,
                         rate=num(r["eur_per_unit"], lang, 6), date=r["date"], source=r["source"],
                         status=_code(r["status"], lang)), 2)
    out.append("  " + _("prices aged against {date}; override a rate with --rate CUR=EUR@YYYY-MM-DD", date=pl.as_of))


def _works(out: list[str], pl: Any, lang: str) -> None:
    if not pl.works:
        return
    _ = translator(lang, DOMAIN)
    fr = lang == "fr"
    names = pl.centres
    width = max([8] + [len(n if len(n) <= 12 else n[:11] + "…") for n in names])
    out += ["", "== " + _("Works (not supplies)") + " =="]
    for ln in pl.works:
        out.append(f"{ln.id:<7} {(ln.name_fr if fr else ln.name_en)[:34]:<34}"
                   + "".join(f" {num(ln.per_centre[n], lang):>{width}}" for n in names)
                   + f" {num(ln.quantity, lang):>10} {unit_name(ln.unit, ln.quantity, lang)}")
        _bases(out, ln, names, lang, _)
        _wrap(out, _("source: {source} — {status}", source=ln.source_in(lang),
                     status=ln.status_text_fr if fr else ln.status_text))


def _costs(out: list[str], pl: Any, lang: str) -> None:
    _ = translator(lang, DOMAIN)
    fr = lang == "fr"
    out += ["", "== " + _("Running and construction costs") + " =="]
    for i, n in enumerate(pl.centres):
        c = pl.costs[n]
        out.append(f"  [{i + 1}] " + _(
            "{name}: running {eur} EUR / {xof} XOF per month; construction {build_eur} EUR / {build_xof} XOF "
            "for {area}", name=n, eur=_money(c.running_eur, lang), xof=_money(c.running_xof, lang, 0),
            build_eur=_money(c.construction_eur, lang), build_xof=_money(c.construction_xof, lang, 0),
            area=_amount(c.floor_area_m2, "m2", lang)))
        for r in c.running + c.construction:
            amount = _("not priced") if r.eur is None else f"{_money(r.eur, lang)} EUR"
            source = (r.source_fr or r.source) if fr else r.source
            _wrap(out, _("{what}: {basis} → {amount} ({source}; {status})", what=r.fr if fr else r.en,
                         basis=r.basis_fr if fr else r.basis, amount=amount, source=source,
                         status=_code(r.status, lang)), 6)


def _design_figures(out: list[str], pl: Any, lang: str) -> None:
    _ = translator(lang, DOMAIN)
    fr = lang == "fr"
    out += ["", "== " + _("Design figures") + " =="]
    for i, n in enumerate(pl.centres):
        s = pl.sizing[n]
        out.append(f"  [{i + 1}] " + _(
            "{name}: {residents}, {staff}, {phase} phase, {area} on {levels}", name=n,
            residents=_amount(s["residents"], "resident", lang), staff=_amount(s["staff"], "staff_member", lang),
            phase=name("phases", s["phase"], lang), area=_amount(s["floor_area_m2"], "m2", lang),
            levels=_amount(s["levels"], "level", lang)))
        w = s["water"]
        _wrap(out, _("water: {basis}; storage {storage} ({status})", basis=w["basis_fr"] if fr else w["basis"],
                     storage=_amount(w["storage_m3"], "m3", lang), status=_code(w["status"], lang)), 6)
        to = s["toilets"]
        out.append("      " + _("toilets: {total} ({female} F / {male} M, ≥ {accessible} accessible); "
                                "layout has {drawn}", total=to["total"], female=to["female"], male=to["male"],
                                accessible=to["accessible"], drawn=_amount(to["in_layout"], "wc", lang)))
        if to.get("agreement"):
            _wrap(out, to["agreement_fr"] if fr else to["agreement"], 8, 0)
        sh = s["showers"]
        out.append("      " + _("showers: {total} ({basis}); layout has {drawn}", total=sh["total"],
                                basis=sh["basis_fr"] if fr else sh["basis"], drawn=sh["in_layout"]))
        st = s["septic_tank"]
        below = "" if st["applicable"] else _(" — below the minimum wastewater for a septic tank, see warnings")
        out.append("      " + _("septic tank: {total} (retention {hours}, sludge {sludge})",
                                total=_amount(st["total_m3"], "m3", lang), hours=_amount(st["retention_h"], "h", lang),
                                sludge=_amount(st["sludge_m3"], "m3", lang)) + below)
        if "generator" in s:
            g = s["generator"]
            out.append("      " + _(
                "generator: {rated} for {running} running (largest motor {motor}, {loading} loading at run)",
                rated=_amount(g["rated_kva"], "kVA", lang), running=_amount(g["running_kw"], "kW", lang),
                motor=_amount(g["largest_motor_kw"], "kW", lang),
                loading=_amount(round(g["loading_at_run"] * 100), "percent", lang)))
        if "pv" in s:
            pv = s["pv"]
            out.append("      " + _(
                "PV: {array}, battery {kwh} ({ah}), inverter {va} for {energy}",
                array=_amount(pv["array_wp"], "Wp", lang), kwh=_amount(pv["battery_kwh"], "kWh", lang),
                ah=_amount(pv["battery_ah"], "Ah", lang), va=_amount(pv["inverter_va"], "VA", lang),
                energy=_amount(pv["daily_energy_wh"], "Wh_per_day", lang)))
        loads = ", ".join(f"{ld['basis_fr'] if fr else ld['basis']} × {_amount(ld['hours_per_day'], 'h_per_day', lang)}"
                          for ld in s["loads"])
        _wrap(out, _("loads (design choices): {loads}", loads=loads), 6)
