"""``centreplan export FILE --to DIR [--formats dxf,pdf,xlsx,csv,json] [--lang fr|en]``."""
from __future__ import annotations

import argparse
from pathlib import Path

from centreplan.planner.cli import EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the plan (DXF), reports (PDF), workbook (XLSX), CSV and JSON files",
                       description="Check the layout, size its equipment and write every export into DIR.")
    p.add_argument("file", metavar="FILE", help="layout file (YAML or JSON)")
    p.add_argument("--to", required=True, metavar="DIR", help="directory to write into (created if needed)")
    p.add_argument("--formats", default="dxf,pdf,xlsx,csv,json", metavar="LIST",
                   help="comma-separated: dxf, pdf, xlsx, csv, json, evacuation (default: all but evacuation)")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of the documents")
    p.add_argument("--packs", help="comma-separated rule packs (default: the packs on by default)")
    p.add_argument("--params", metavar="FILE", help="equipment parameters file (YAML), as for 'centreplan equip'")
    p.add_argument("--rate", action="append", default=[], metavar="CUR=EUR@DATE",
                   help="dated exchange rate for reference prices, e.g. --rate CHF=1.06@2026-11-20 (repeatable)")
    p.add_argument("--sheet", default="A3", choices=["A3", "A1", "A0"], type=str.upper,
                   help="paper size of the DXF plan's sheets (default A3)")
    p.add_argument("--details", action="store_true",
                   help="DXF: when the whole plan needs a scale smaller than 1:200, add sheets at 1:200")
    p.add_argument("--walls", metavar="OUTER,INNER",
                   help="DXF: wall thicknesses in metres (default 0.20,0.10; see exports/layers.yaml)")
    p.add_argument("--cad", choices=["any", "librecad"], default="any",
                   help="DXF: 'librecad' writes tags and title block values as plain texts (LibreCAD 2.2 "
                        "does not show block attributes)")
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from centreplan.equipment.cli import build_params
    from centreplan.exports.bundle import export_all, parse_formats
    from centreplan.exports.dxf_walls import parse_walls
    from centreplan.layouts.io import load_layout
    from centreplan.standards.packs import load_packs, parse_pack_list

    formats = parse_formats(args.formats)  # refuse a bad list before any work
    dxf_options = {"sheet": args.sheet, "details": args.details, "walls": parse_walls(args.walls),
                   "attributes": args.cad != "librecad"}
    packs = parse_pack_list(args.packs)
    load_packs(packs)  # an unknown pack is refused with the valid names
    params = build_params(argparse.Namespace(params=args.params, param=[], months=None, sittings=None,
                                             rate=args.rate, overrides=[]))
    centre = load_layout(args.file)
    written = export_all(centre, args.to, formats, args.lang, params=params, packs=packs,
                         stem=Path(args.file).stem, dxf_options=dxf_options)
    for path in written:
        print(path)
    return EXIT_OK
