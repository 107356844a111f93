"""``centreplan equip FILE…``: the procurement list for one or several centres.

Text output: the consolidated list with one quantity column per centre, grouped by lot, each line
with its basis and source, the totals in EUR and XOF, the items left out with the reason, the
design figures (water, toilets, showers, septic tank, generator, PV) and every default that is
unverified or a design choice. ``--format json`` prints design.md §4.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import textwrap
from typing import Any

from planner.errors import CatalogueError

EXIT_OK, EXIT_INVALID = 0, 2


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "equip", help="equipment and procurement list for one or several centres",
        description="Size equipment for each centre and print the consolidated procurement list.")
    p.add_argument("files", nargs="*", metavar="FILE", help="layout files (YAML or JSON)")
    p.add_argument("--months", default=None, metavar="N",
                   help="supply period for consumables, months (default 3; '6 month' also accepted)")
    p.add_argument("--sittings", default=None, metavar="N", help="meal sittings in the refectory (default 1)")
    p.add_argument("--params", metavar="FILE", help="parameters file (YAML): defaults to change, fx rates, "
                   "per-centre inputs, overrides")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="change one parameter, e.g. --param site_temperature='48 degC' (repeatable)")
    p.add_argument("--set", action="append", default=[], metavar="ITEM=QTY", dest="overrides",
                   help="set the quantity of an item for every centre, e.g. --set TAR-01=10 (repeatable)")
    p.add_argument("--rate", action="append", default=[], metavar="CUR=EUR@DATE",
                   help="dated exchange rate: 1 CUR = EUR euros on DATE, e.g. --rate CHF=1.06@2026-11-20")
    p.add_argument("--prices", metavar="FILE", help="price file (.csv or .xlsx) filled from --price-template: "
                   "item, unit_price, currency, date, source per row; overrides reference prices")
    p.add_argument("--price-template", metavar="FILE", dest="price_template",
                   help="write the price file to fill (.csv or .xlsx), one row per item and size, instead of the list")
    p.add_argument("--inflate", metavar="RATE@INDEX",
                   help="raise prices older than 3 years by a stated annual rate and the index it comes from, "
                        "e.g. --inflate '0.025@Euro area HICP, Eurostat, annual average 2019-2025'")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of names and bases (text)")
    p.add_argument("--spec", action="store_true", help="print each item's specification and UNSPSC codes (text)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--output", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    p.add_argument("--list-params", action="store_true", help="list every parameter with its default and source")
    p.set_defaults(func=cmd_equip)


def _pairs(values: list[str], what: str) -> list[tuple[str, str]]:
    out = []
    for v in values:
        if "=" not in v:
            raise CatalogueError(f"{what}: {v!r} is not NAME=VALUE")
        k, val = v.split("=", 1)
        out.append((k.strip(), val.strip()))
    return out


def _number(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise CatalogueError(f"{what}: {text!r} is not a number") from None


def build_params(args: argparse.Namespace) -> Any:
    """The parameters from --params, then --param, --months, --sittings, --rate, --set."""
    import yaml

    from equipment.params import make_params

    data: dict[str, Any] = {}
    source = "parameters"
    if args.params:
        try:
            with open(args.params, encoding="utf-8") as fh:
                text = fh.read()
        except OSError as e:
            raise CatalogueError(f"{args.params}: cannot be read ({e.strerror})") from None
        try:
            loaded = yaml.safe_load(text) if text.strip() else {}
        except yaml.YAMLError as e:
            raise CatalogueError(f"{args.params}: not valid YAML ({e})") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise CatalogueError(f"{args.params}: expected a mapping of parameter names to values")
        data.update(loaded)
        source = args.params
    for k, v in _pairs(args.param, "--param"):
        data[k] = v
    if args.months is not None:
        data["supply_months"] = args.months
    if args.sittings is not None:
        data["sittings"] = args.sittings
    for cur, val in _pairs(args.rate, "--rate"):
        m = re.match(r"^([0-9.]+)@(\d{4}-\d{2}-\d{2})$", val)
        if not m:
            raise CatalogueError(f"--rate: {cur}={val!r}: write CUR=EUR_PER_UNIT@YYYY-MM-DD, e.g. CHF=1.06@2026-11-20")
        data.setdefault("fx", {})[cur.upper()] = {"eur_per_unit": float(m.group(1)), "date": m.group(2),
                                                 "source": "set on the command line"}
    if getattr(args, "inflate", None):
        rate, _, index = args.inflate.partition("@")
        if not index.strip():
            raise CatalogueError("--inflate: write RATE@INDEX, e.g. 0.025@Euro area HICP (Eurostat); the index "
                                 "is printed on every raised line")
        data["inflation"] = {"annual_rate": _number(rate.strip(), "--inflate"), "index": index.strip()}
    for item, qty in _pairs(args.overrides, "--set"):
        data.setdefault("overrides", {})[item] = _number(qty, f"--set {item}")
    return make_params(data, source)


def cmd_equip(args: argparse.Namespace) -> int:
    from equipment.params import parameter_info

    if args.list_params:
        out = list_params_text(parameter_info())
        _emit(out, args.output)
        return EXIT_OK
    if not args.files:
        raise CatalogueError("equip: give at least one layout FILE")
    from layouts.io import load_layout

    from equipment.procurement import procurement_list

    params = build_params(args)
    if args.prices:
        from equipment.price_file import read_prices, with_prices

        params = with_prices(params, read_prices(args.prices, args.lang, params.as_of))
    centres = [load_layout(f) for f in args.files]
    pl = procurement_list(centres, params)
    if args.price_template:
        from equipment.price_file import fmt_of, template_bytes, template_rows

        fmt = fmt_of(args.price_template)
        if fmt not in ("csv", "xlsx"):
            raise CatalogueError(f"--price-template: {args.price_template}: use a .csv or .xlsx file name")
        rows = template_rows(pl, args.lang)
        _emit(template_bytes(rows, fmt, args.lang), args.price_template)
        filled = sum(1 for r in rows if r["unit_price"] is not None)
        sys.stderr.write(f"{args.price_template}: {len(rows)} rows ({filled} with a price you set); fill "
                         f"unit_price, currency, date and source, then read it back with --prices\n")
        return EXIT_OK
    if args.format == "json":
        out = json.dumps(pl.to_json_data(), ensure_ascii=False, indent=2) + "\n"
    else:
        out = render_text(pl, args.lang, spec=args.spec)
    _emit(out, args.output)
    return EXIT_OK


def _emit(text: str | bytes, output: str | None) -> None:
    if output:
        from layouts.io import atomic_write
        from planner.errors import ExportError

        try:
            atomic_write(output, text)
        except OSError as e:
            raise ExportError(f"{output}: cannot be written ({e.strerror or e})") from None
    else:
        sys.stdout.write(text if isinstance(text, str) else text.decode("utf-8"))


def list_params_text(info: dict[str, Any]) -> str:
    lines = [f"{'parameter':<36} {'default':>10}  {'unit':<16} {'status':<14} source — meaning"]
    for name, pi in info.items():
        lines.append(f"{name:<36} {pi.value:>10g}  {pi.unit:<16} {pi.status:<14} {pi.source} — {pi.en}")
    return "\n".join(lines) + "\n"


def render_text(pl: Any, lang: str = "en", spec: bool = False) -> str:
    """The procurement list as text: per-centre columns, grouped by lot, basis and source per line."""
    from equipment.sizing import num
    from planner.numbers import number
    from planner.vocabulary import unit_name

    fr = lang == "fr"

    def _m(x: float | None, digits: int = 2) -> str:
        return "—" if x is None else number(x, lang, digits)

    def _n(x: float) -> str:
        return num(x, lang)
    names = pl.centres
    short = [n if len(n) <= 12 else n[:11] + "…" for n in names]
    width = max([8] + [len(s) for s in short])
    out: list[str] = []
    title = "Liste d'achats" if fr else "Procurement list"
    out.append(f"{title}: {len(names)} centre{'s' if len(names) > 1 else ''}, "
               f"{'période' if fr else 'supply period'} {pl.supply_months:g} {'mois' if fr else 'months'}")
    for i, n in enumerate(names):
        out.append(f"  [{i + 1}] {n}")
    head = f"{'id':<7} {('article' if fr else 'item'):<34}" + "".join(f" {s:>{width}}" for s in short)
    head += f" {'total':>10} {'unit':<9} {'EUR/u':>9} {'total EUR':>12} {'total XOF':>14}"
    wrap = textwrap.TextWrapper(width=118, initial_indent=" " * 8, subsequent_indent=" " * 10)
    for lot_id, lot_en, lot_fr, lines in pl.by_lot():
        out.append("")
        out.append(f"== {lot_fr if fr else lot_en} ==")
        out.append(head)
        for ln in lines:
            name = ln.name_fr if fr else ln.name_en
            name = name if len(name) <= 34 else name[:33] + "…"
            row = f"{ln.id:<7} {name:<34}" + "".join(f" {_n(ln.per_centre[n]):>{width}}" for n in names)
            row += (f" {_n(ln.quantity):>10} {unit_name(ln.unit, ln.quantity, lang):<9} {_m(ln.unit_price_eur):>9} {_m(ln.total_eur):>12}"
                    f" {_m(ln.total_xof, 0):>14}")
            out.append(row)
            if len(names) == 1:
                out.extend(wrap.wrap(("base : " if fr else "basis: ") + (ln.basis_fr if fr else ln.basis)))
            else:
                for i, n in enumerate(names):
                    b = ln.basis_per_centre[n]
                    out.extend(wrap.wrap(f"{'base' if fr else 'basis'} [{i + 1}]: {b}"))
            flag = " [!]" if ln.flagged else ""
            out.extend(wrap.wrap(f"source: {ln.source} — {ln.status_text_fr if fr else ln.status_text}{flag}"))
            if ln.price is not None:
                pr = ln.price
                conv = (f" × {pr.fx_eur_per_unit:g} EUR/{pr.currency} ({pr.fx_date})"
                        if pr.fx_eur_per_unit is not None else "")
                infl = (f" × {pr.inflation_factor:g} ({pr.inflation_index})" if pr.inflation_factor else "")
                out.extend(wrap.wrap(f"{'prix' if fr else 'price'}: {pr.amount:.2f} {pr.currency} ({pr.date}, "
                                     f"{ln.price_source}, {pr.status}){infl}{conv}"))
            elif ln.price_note:
                out.extend(wrap.wrap(f"{'prix' if fr else 'price'}: {ln.price_note_fr if fr else ln.price_note}"))
            if ln.delivery and len(names) > 1:
                out.extend(wrap.wrap(f"{'livraison' if fr else 'delivery'}: {'; '.join(ln.delivery.values())}"))
            for note in ln.notes:
                out.extend(wrap.wrap(f"note: {note}"))
            if spec:
                out.extend(wrap.wrap(("spécification : " if fr else "specification: ") + (ln.spec_fr if fr else ln.spec_en)
                                     + (" (unverified)" if ln.spec_status == "unverified" else "")))
                codes = "; ".join(f"{u['code']} {(u.get('fr') if fr else u.get('en')) or ''}".strip() for u in ln.unspsc)
                if codes:
                    out.extend(wrap.wrap(f"UNSPSC v7.0901: {codes}"))
        lt = next(t for t in pl.totals.by_lot if t.lot == lot_id)
        out.append(f"{'':<7} {'sous-total du lot' if fr else 'lot subtotal':<34}" + " " * ((width + 1) * len(names))
                   + f" {'':>10} {'':<9} {'':>9} {_m(lt.total_eur):>12} {_m(lt.total_xof, 0):>14}")
    t = pl.totals
    out.append("")
    out.append("== " + ("Totaux" if fr else "Totals") + " ==")
    for i, n in enumerate(names):
        out.append(f"  [{i + 1}] {n}: {_m(t.per_centre_eur[n])} EUR  {_m(t.per_centre_xof[n], 0)} XOF")
    out.append(f"  {'total':<20} {_m(t.eur)} EUR  {_m(t.xof, 0)} XOF  ({t.priced_lines} of {t.lines} "
               f"lines priced, {t.priced_share * 100:.0f} %)")
    if t.unpriced_lines:
        out.extend(textwrap.wrap(f"lines without a price (not in the totals; price them from quotations with "
                                 f"--price-template FILE then --prices FILE): {', '.join(t.unpriced_lines)}",
                                 width=118, initial_indent="  ", subsequent_indent="    "))
    out.append("")
    out.append("== " + ("Taux de change" if fr else "Exchange rates") + " ==")
    out.append("  1 EUR = 655.957 XOF (fixed legal parity)")
    for cur, r in pl.fx.items():
        if cur != "XOF":
            out.extend(textwrap.wrap(f"1 {cur} = {r['eur_per_unit']} EUR on {r['date']} ({r['source']}; {r['status']})",
                                     width=118, initial_indent="  ", subsequent_indent="    "))
    out.append(f"  prices aged against {pl.as_of}; override a rate with --rate CUR=EUR@YYYY-MM-DD")
    if pl.works:
        out.append("")
        out.append("== " + ("Travaux (hors fournitures)" if fr else "Works (not supplies)") + " ==")
        for ln in pl.works:
            out.append(f"{ln.id:<7} {(ln.name_fr if fr else ln.name_en)[:34]:<34}"
                       + "".join(f" {_n(ln.per_centre[n]):>{width}}" for n in names) + f" {_n(ln.quantity):>10} {unit_name(ln.unit, ln.quantity, lang)}")
            if len(names) == 1:
                out.extend(wrap.wrap(("base : " if fr else "basis: ") + (ln.basis_fr if fr else ln.basis)))
            else:
                for i, n in enumerate(names):
                    out.extend(wrap.wrap(f"{'base' if fr else 'basis'} [{i + 1}]: {ln.basis_per_centre[n]}"))
            out.extend(wrap.wrap(f"source: {ln.source} — {ln.status_text_fr if fr else ln.status_text}"))
    out.append("")
    out.append("== " + ("Coûts de fonctionnement et de construction" if fr else "Running and construction costs") + " ==")
    for i, n in enumerate(names):
        c = pl.costs[n]
        if fr:
            out.append(f"  [{i + 1}] {n} : fonctionnement {_m(c.running_eur)} EUR / {_m(c.running_xof, 0)} XOF "
                       f"par mois ; construction {_m(c.construction_eur)} EUR / {_m(c.construction_xof, 0)} XOF "
                       f"pour {c.floor_area_m2:g} m²")
        else:
            out.append(f"  [{i + 1}] {n}: running {_m(c.running_eur)} EUR / {_m(c.running_xof, 0)} XOF per "
                       f"month; construction {_m(c.construction_eur)} EUR / {_m(c.construction_xof, 0)} XOF "
                       f"for {c.floor_area_m2:g} m²")
        for r in c.running + c.construction:
            amount = ("sans prix" if fr else "not priced") if r.eur is None else f"{_m(r.eur)} EUR"
            out.extend(textwrap.wrap(f"{r.fr if fr else r.en}: {r.basis_fr if fr else r.basis} → {amount} "
                                     f"({r.source}; {r.status})", width=118, initial_indent="      ",
                                     subsequent_indent="        "))
    if pl.omitted:
        out.append("")
        out.append("== " + ("Articles non calculés" if fr else "Items not computed") + " ==")
        for o in pl.omitted:
            out.extend(textwrap.wrap(f"{o.id} {o.name_fr if fr else o.name_en}: {o.reason_fr if fr else o.reason}",
                                     width=118, initial_indent="  ", subsequent_indent="    "))
    out.append("")
    out.append("== " + ("Chiffres de conception" if fr else "Design figures") + " ==")
    for i, n in enumerate(names):
        s = pl.sizing[n]
        out.append(f"  [{i + 1}] {n}: {s['residents']} residents, {s['staff']} staff, {s['phase']} phase, "
                   f"{s['floor_area_m2']:.1f} m² on {s['levels']} level(s)")
        w = s["water"]
        out.extend(textwrap.wrap(f"water: {w['basis']}; storage {w['storage_m3']:g} m³ ({w['status']})",
                                 width=118, initial_indent="      ", subsequent_indent="        "))
        to = s["toilets"]
        out.append(f"      toilets: {to['total']} ({to['female']} F / {to['male']} M, ≥ {to['accessible']} accessible); "
                   f"layout has {to['in_layout']} WCs")
        if to.get("agreement"):
            out.extend(textwrap.wrap(to["agreement_fr"] if fr else to["agreement"], width=118,
                                     initial_indent="        ", subsequent_indent="        "))
        sh = s["showers"]
        out.append(f"      showers: {sh['total']} ({sh['basis']}); layout has {sh['in_layout']}")
        st = s["septic_tank"]
        out.append(f"      septic tank: {st['total_m3']:g} m³ (retention {st['retention_h']:g} h, sludge {st['sludge_m3']:g} m³)"
                   + ("" if st["applicable"] else " — below 40 L/person/day, see warnings"))
        if "generator" in s:
            g = s["generator"]
            out.append(f"      generator: {g['rated_kva']:g} kVA for {g['running_kw']:g} kW running "
                       f"(largest motor {g['largest_motor_kw']:g} kW, {g['loading_at_run'] * 100:.0f} % loading at run)")
        if "pv" in s:
            pv = s["pv"]
            out.append(f"      PV: {pv['array_wp']:g} Wp, battery {pv['battery_kwh']:g} kWh ({pv['battery_ah']:g} Ah), "
                       f"inverter {pv['inverter_va']:g} VA for {pv['daily_energy_wh']:g} Wh/day")
        loads = ", ".join(f"{ld['name']} {ld['count']}×{ld['power_w']:g} W×{ld['hours_per_day']:g} h" for ld in s["loads"])
        out.extend(textwrap.wrap(f"loads (design choices): {loads}", width=118, initial_indent="      ",
                                 subsequent_indent="        "))
    if any(pl.warnings.values()):
        out.append("")
        out.append("== " + ("Avertissements" if fr else "Warnings") + " ==")
        for i, n in enumerate(names):
            for wmsg in pl.warnings[n]:
                out.extend(textwrap.wrap(f"[{i + 1}] {wmsg}", width=118, initial_indent="  ", subsequent_indent="    "))
    weak = [p for p in pl.parameters if p["status"] in ("unverified", "design_choice")]
    out.append("")
    out.append("== " + ("Paramètres non vérifiés ou choix de conception" if fr else
                        "Parameters that are unverified or design choices") + " ==")
    for prm in weak:
        mark = " (changed)" if prm["changed"] else ""
        out.append(f"  {prm['name']} = {prm['value']:g} {prm['unit']}{mark} — {prm['status'].replace('_', ' ')}"
                   f"{', no source' if prm['status'] == 'design_choice' else ''}: {prm['fr'] if fr else prm['en']}")
    out.append("")
    for note in pl.notes:
        out.extend(textwrap.wrap(note, width=118))
    return "\n".join(out) + "\n"
