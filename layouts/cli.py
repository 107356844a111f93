"""``centreplan import PLAN.dxf -o layout.yaml``: bring a DXF plan in as a layout, with a report."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction) -> None:
    from centreplan.layouts.dxf.units import UNIT_CHOICES  # not dxf_import: --help stays fast

    p = sub.add_parser(
        "import", help="turn a DXF floor plan (closed outlines and labels) into a layout file and a report",
        description="Read a DXF plan (R12 to R2018): closed outlines on room layers become rooms, their "
                    "labels give id, name, use, group and beds, door arcs and blocks become doors. Everything "
                    "not understood is listed in the report. The layout is written only when the import works.")
    p.add_argument("dxf", metavar="PLAN.dxf")
    p.add_argument("-o", "--output", required=True, metavar="LAYOUT",
                   help="layout file to write (.yaml or .json)")
    p.add_argument("--map", dest="mapping", metavar="MAPPING.yaml",
                   help="layer and keyword mapping (default: layouts/dxf_mapping.yaml)")
    p.add_argument("--units", choices=UNIT_CHOICES,
                   help="the drawing's unit when the file does not say it (wins over $INSUNITS); default mm")
    p.add_argument("--max-wall", type=float, metavar="M",
                   help="thickest wall (metres) whose two sides are snapped to its centre line; 0: off")
    p.add_argument("--region", metavar="X0,Y0,X1,Y1",
                   help="when the drawing holds several plans: the part to import (metres, as in the report)")
    p.add_argument("--name", help="centre name (default: the one our own export stored, else the file name)")
    p.add_argument("--report", metavar="REPORT",
                   help="also write the report to this file (.json: the report as data; otherwise text)")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of the report")
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from centreplan.layouts.dxf.messages import Refused, render
    from centreplan.planner.cli import EXIT_INVALID

    try:
        return _import(args)
    except Refused as e:  # said in the user's language (other errors: by planner.cli, in English)
        print(render("cli.error", {"message": e.text(args.lang)}, args.lang), file=sys.stderr)
        return EXIT_INVALID


def _import(args: argparse.Namespace) -> int:
    from centreplan.layouts.dxf.messages import Refused, render
    from centreplan.layouts.dxf_import import import_dxf, load_mapping
    from centreplan.layouts.io import atomic_write, save_layout
    from centreplan.planner.cli import EXIT_FAIL, EXIT_OK

    out = Path(args.output)
    if out.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise Refused("option.output_suffix", name=args.output)
    if out.resolve() == Path(args.dxf).resolve():
        raise Refused("option.output_is_plan")
    region = _region(args.region) if args.region else None
    mapping = load_mapping(args.mapping)
    result = import_dxf(args.dxf, mapping=mapping, units=args.units, name=args.name, max_wall=args.max_wall,
                        region=region)
    text = result.report.text(args.lang)
    if result.centre.rooms:
        save_layout(result.centre, out)
    if args.report:
        if args.report.lower().endswith(".json"):
            data = json.dumps(result.report.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
            atomic_write(args.report, data.encode("utf-8", "replace"))
        else:
            atomic_write(args.report, text)
    sys.stdout.write(text)
    if not result.centre.rooms:
        print("\n" + render("cli.none", {"dxf": args.dxf, "out": str(out)}, args.lang))
        return EXIT_FAIL
    print("\n" + render("cli.wrote", {"out": str(out), "rooms": result.report.rooms, "doors": result.report.doors,
                                     "n": len(result.report.items)}, args.lang))
    return EXIT_OK


def _region(text: str) -> tuple[float, float, float, float]:
    from centreplan.layouts.dxf.messages import Refused

    try:
        x0, y0, x1, y1 = (float(v.replace(" ", "")) for v in text.split(","))
    except ValueError:
        raise Refused("option.region_numbers", text=text) from None
    return (x0, y0, x1, y1)
