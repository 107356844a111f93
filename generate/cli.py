"""``centreplan generate`` (layout options from a population and a site) and ``centreplan compare``."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from centreplan.planner.cli import EXIT_FAIL, EXIT_INVALID, EXIT_OK
from centreplan.standards.cli import _packs  # the same pack list as check and programme

POP_FLAGS = (("men", "--men"), ("women", "--women"), ("boys", "--boys"), ("girls", "--girls"),
             ("family_persons", "--family-persons"), ("households", "--households"), ("staff", "--staff"))


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "generate", help="generate compliant layout options from a population and a site",
        description="Lay out the programme the population needs (standards.programme) as wings on the site "
                    "(OR-Tools CP-SAT), fill each wing with its rooms, check every option against the packs and "
                    "write those that pass as option_1.yaml … (exit 0). When no compliant layout fits, nothing "
                    "is written and the requirement that cannot be met is named with the figures (exit 1).")
    for dest, flag in POP_FLAGS:
        p.add_argument(flag, dest=dest, type=int, default=None, metavar="N")
    p.add_argument("--population", metavar="FILE",
                   help="the population from a file: a layout (its population) or a YAML/JSON mapping men, women …")
    p.add_argument("--phase", choices=["emergency", "stabilised"], default="stabilised")
    p.add_argument("--climate", choices=["hot", "temperate", "cold"], default="hot")
    p.add_argument("--type", dest="centre_type", choices=["assistance", "transit", "collective"], default=None,
                   help="the type of centre (transit: arrival, triage and registration in order)")
    site = p.add_mutually_exclusive_group(required=True)
    site.add_argument("--site-size", metavar="WxD", help="a rectangular site, width x depth in metres (e.g. 70x50); "
                                                         "the street is along its south side")
    site.add_argument("--site", metavar="FILE", help="the site outline: YAML/JSON (outline: [[x, y], …] in metres) "
                                                     "or a DXF drawing (its largest closed polyline)")
    p.add_argument("--units", choices=["mm", "cm", "dm", "m", "in", "ft"],
                   help="DXF site: the drawing's unit when the file does not say it")
    p.add_argument("--storeys", type=int, default=1, help="levels (only 1 for now)")
    p.add_argument("--options", type=int, default=3, help="how many options (default 3)")
    p.add_argument("--seed", type=int, default=0, help="same inputs and seed give the same options")
    p.add_argument("--packs", help="comma-separated packs (default: the packs on by default)")
    p.add_argument("--to", default=".", metavar="DIR", help="folder to write option_1.yaml … into (default: here)")
    p.add_argument("--name", help="centre name (default: Option 1, Option 2 …)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="room names and messages")
    p.set_defaults(func=cmd_generate)

    c = sub.add_parser("compare", help="compare layouts side by side: areas, beds, circulation, walks, findings, "
                                       "equipment")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--packs", help="comma-separated packs (default: the packs on by default)")
    c.add_argument("--no-equipment", action="store_true", help="leave out the equipment totals (faster)")
    c.add_argument("--format", choices=["text", "json"], default="text")
    c.set_defaults(func=cmd_compare)


def _population(args: argparse.Namespace):
    from pydantic import ValidationError

    from centreplan.layouts.io import load_layout, parse_text, read_text
    from centreplan.planner.errors import LayoutError, PlannerError
    from centreplan.planner.model import Population

    values: dict[str, int] = {}
    if args.population:
        text = read_text(args.population)
        data = parse_text(text, args.population)
        if isinstance(data, dict) and "format" in data:
            values = load_layout(args.population).population.model_dump()
        elif isinstance(data, dict):
            values = dict(data.get("population", data))
        else:
            raise LayoutError("expected a layout or a mapping men, women, boys, girls, family_persons, households, "
                              "staff", args.population)
    for dest, flag in POP_FLAGS:
        v = getattr(args, dest)
        if v is not None:
            if v < 0:
                raise PlannerError(f"{flag}: {v} is negative; give a number of persons ≥ 0")
            values[dest] = v
    try:
        return Population(**values)
    except ValidationError as e:
        msg = "; ".join(f"{'.'.join(str(x) for x in err['loc'])}: {err['msg'].removeprefix('Value error, ')}"
                        if err["loc"] else err["msg"].removeprefix("Value error, ") for err in e.errors())
        raise PlannerError(f"population: {msg}") from None


def cmd_generate(args: argparse.Namespace) -> int:
    from centreplan.generate import NoLayoutFits, generate, load_site, parse_size
    from centreplan.generate.summary import figures
    from centreplan.layouts.io import atomic_write, dumps

    packs = _packs(args.packs)
    pop = _population(args)
    site = load_site(args.site, args.units) if args.site else parse_size(args.site_size)
    out = Path(args.to)
    if out.exists() and not out.is_dir():
        print(f"centreplan: error: --to: {args.to} is a file, not a folder", file=sys.stderr)
        return EXIT_INVALID
    try:
        result = generate(pop, site, phase=args.phase, climate=args.climate, packs=packs, options=args.options,
                          centre_type=args.centre_type,
                          seed=args.seed, storeys=args.storeys, lang=args.lang, name=args.name and args.name + " — {n}")
    except NoLayoutFits as e:
        if args.format == "json":
            print(json.dumps({"options": [], "error": e.text(args.lang), "figures": e.figures}, ensure_ascii=False,
                             indent=2))
        print(f"centreplan: no layout: {e.text(args.lang)}", file=sys.stderr)
        return EXIT_FAIL
    written = []
    for o in result.options:  # every option is checked before any file is written
        path = out / f"option_{o.number}.yaml"
        atomic_write(path, dumps(o.centre))
        written.append((path, o, figures(o.centre, o.report)))
    if args.format == "json":
        print(json.dumps({"site": site.describe(args.lang), "site_area_m2": round(site.area, 1),
                          "options": [{"file": str(p), **f, "seconds": {k: round(v, 3) for k, v in o.timings.items()}}
                                      for p, o, f in written],
                          "discarded": result.discarded}, ensure_ascii=False, indent=2))
    else:
        print(render_text(result, written, args.lang))
    if len(result.options) < args.options:
        print(f"centreplan: {len(result.options)} distinct compliant option(s) of the {args.options} asked: the site "
              "leaves no other arrangement of the wings" + (f" ({'; '.join(result.discarded)})" if result.discarded
                                                             else ""), file=sys.stderr)
    return EXIT_OK if all(o.report.exit_code() == 0 for o in result.options) else EXIT_FAIL


def _num(x: float | None, lang: str, digits: int = 1) -> str:
    from centreplan.planner.numbers import number

    return "—" if x is None else number(x, lang, digits)


def render_text(result, written, lang: str = "en") -> str:
    fr = lang == "fr"
    lines = [(f"Terrain {result.site.describe(lang)} ({_num(result.site.area, lang, 0)} m²), "
              f"{len(result.options)} option(s) :") if fr else
             f"Site {result.site.describe(lang)} ({_num(result.site.area, lang, 0)} m²), "
             f"{len(result.options)} option(s):"]
    for path, o, f in written:
        chk = f["check"]
        sev = chk["fail_by_severity"]
        lines.append("")
        lines.append(f"{path}  {o.centre.centre.name}")
        lines.append((f"  surface brute {_num(f['gross_m2'], lang)} m², utile {_num(f['net_m2'], lang)} m², "
                      f"circulations {_num(f['circulation_share'] * 100, lang)} %") if fr else
                     (f"  gross {_num(f['gross_m2'], lang)} m², net {_num(f['net_m2'], lang)} m², "
                      f"circulation {_num(f['circulation_share'] * 100, lang)} %"))
        beds = ", ".join(f"{g} {b['beds']}/{b['persons']}" for g, b in f["beds"].items())
        lines.append(f"  {'lits/personnes' if fr else 'beds/persons'}: {beds}")
        wc = ", ".join(f"{g} {_num(d, lang)} m" for g, d in f["walk_to_wc_m"].items())
        lines.append((f"  plus long trajet vers une sortie {_num(f['walk_to_exit_m'], lang)} m ; vers un WC : {wc}")
                     if fr else f"  longest walk to an exit {_num(f['walk_to_exit_m'], lang)} m; to a WC: {wc}")
        lines.append((f"  contrôle : {chk['pass']} conformes, {chk['fail']} non conformes "
                      f"(critiques {sev['critical']}, "
                      f"majeures {sev['major']}, mineures {sev['minor']}), {chk['cannot_evaluate']} non évaluables")
                     if fr else
                     (f"  check: {chk['pass']} pass, {chk['fail']} fail (critical {sev['critical']}, major "
                      f"{sev['major']}, minor {sev['minor']}), {chk['cannot_evaluate']} cannot evaluate"))
    if result.discarded:
        lines.append("")
        lines.append(("écartées (non conformes) : " if fr else "set aside (not compliant): ")
                     + "; ".join(result.discarded))
    return "\n".join(lines)


def cmd_compare(args: argparse.Namespace) -> int:
    from centreplan.generate.summary import compare
    from centreplan.layouts.io import load_layout

    packs = _packs(args.packs)
    centres = [load_layout(f) for f in args.files]
    names = [Path(f).name for f in args.files]
    if len(set(names)) < len(names):
        names = list(args.files)
    rows = compare(centres, packs, names=names, equipment=not args.no_equipment)
    if args.format == "json":
        print(json.dumps({"files": list(args.files), "rows": rows}, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r["row"]) for r in rows) + 2
    col = max(12, *(len(n) + 2 for n in names))
    print(f"{'':<{width}}" + "".join(f"{n:>{col}}" for n in names))
    for r in rows:
        cells = []
        for n in names:
            v = r[n]
            if v is None:
                cells.append("—")
            elif r["key"] == "circulation_share":
                cells.append(f"{v * 100:.1f} %")
            elif isinstance(v, float):
                cells.append(f"{v:,.1f}")
            else:
                cells.append(str(v))
        print(f"{r['row']:<{width}}" + "".join(f"{c:>{col}}" for c in cells))
    return EXIT_OK
