"""``centreplan equip FILE…``: the procurement list for one or several centres.

Text output: the consolidated list with one quantity column per centre, grouped by lot, each line
with its basis and source, the totals in EUR and XOF, the items left out with the reason, the
design figures (water, toilets, showers, septic tank, generator, PV) and every default that is
unverified or a design choice. ``--format json`` prints design.md §4.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from centreplan.planner.errors import CatalogueError

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

    from centreplan.equipment.params import make_params

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
    from centreplan.equipment.params import parameter_info

    if args.list_params:
        out = list_params_text(parameter_info())
        _emit(out, args.output)
        return EXIT_OK
    if not args.files:
        raise CatalogueError("equip: give at least one layout FILE")
    from centreplan.equipment.procurement import procurement_list
    from centreplan.layouts.io import load_layout

    params = build_params(args)
    if args.prices:
        from centreplan.equipment.price_file import read_prices, with_prices

        params = with_prices(params, read_prices(args.prices, args.lang, params.as_of))
    centres = [load_layout(f) for f in args.files]
    pl = procurement_list(centres, params)
    if args.price_template:
        from centreplan.equipment.price_file import fmt_of, template_bytes, template_rows

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
        from centreplan.layouts.io import atomic_write
        from centreplan.planner.errors import ExportError

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
    """The procurement list as text (see :mod:`equipment.text`)."""
    from centreplan.equipment.text import render_text as text

    return text(pl, lang, spec)
