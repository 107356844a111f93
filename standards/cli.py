"""``centreplan check`` and ``centreplan programme``."""
from __future__ import annotations

import argparse
import json
import sys

from centreplan.planner.cli import EXIT_INVALID, EXIT_OK, keep_until_exit
from centreplan.planner.errors import PackError


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check a layout against minimum standards (exit 0 ok, 1 critical/major "
                                     "failure, 2 unreadable)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--packs", help="comma-separated packs (default: the packs on by default; integrity is always on)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--all", action="store_true", help="text: also list passes and rules not applicable")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="text: language of the messages")
    p.set_defaults(func=cmd_check)
    add_programme(sub)


def _packs(text: str | None) -> list[str] | None:
    from centreplan.standards.packs import load_packs, parse_pack_list

    names = parse_pack_list(text)
    load_packs(names)  # an unknown name raises PackError listing the valid ones
    return names


def cmd_check(args: argparse.Namespace) -> int:
    from centreplan.layouts.io import load_layout
    from centreplan.planner.geometry import build_plan
    from centreplan.standards.engine import check, collector_paused
    from centreplan.standards.report import outcomes
    from centreplan.standards.text import render_text

    try:
        packs = _packs(args.packs)
    except PackError as e:
        print(f"centreplan: error: {e}", file=sys.stderr)
        return EXIT_INVALID
    centre = load_layout(args.file)
    with collector_paused():
        plan = build_plan(centre)
        report = check(centre, packs, plan=plan)
        keep_until_exit(report, plan, centre)  # the report is printed, then the process ends
    read = outcomes(report.findings)  # each finding's status, severity and source status, read once
    if args.format == "json":
        print(json.dumps(report.to_json_data(), ensure_ascii=False, indent=2))
    else:
        print(render_text(report, show_pass=args.all, lang=args.lang, read=read))
    return report.exit_code(read)


def add_programme(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("programme", help="the rooms, beds, areas and fixtures a population needs, rule by rule")
    for group, flag in (("men", "--men"), ("women", "--women"), ("boys", "--boys"), ("girls", "--girls"),
                        ("family_persons", "--family-persons"), ("households", "--households"),
                        ("staff", "--staff")):
        p.add_argument(flag, dest=group, type=int, default=0, metavar="N")
    p.add_argument("--phase", choices=["emergency", "stabilised"], default="stabilised")
    p.add_argument("--climate", choices=["hot", "temperate", "cold"], default="hot")
    p.add_argument("--type", dest="centre_type", choices=["assistance", "transit", "collective"], default=None,
                   help="the type of centre (transit: arrival, triage and registration rooms)")
    p.add_argument("--packs", help="comma-separated packs (default: the packs on by default)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="text: language of the lines")
    p.set_defaults(func=cmd_programme)


def cmd_programme(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from centreplan.planner.model import Population
    from centreplan.standards.programme import programme
    from centreplan.standards.text import render_programme

    try:
        packs = _packs(args.packs)
    except PackError as e:
        print(f"centreplan: error: {e}", file=sys.stderr)
        return EXIT_INVALID
    values = {k: getattr(args, k) for k in ("men", "women", "boys", "girls", "family_persons", "households", "staff")}
    for k, v in values.items():
        if v < 0:
            print(f"centreplan: error: --{k.replace('_', '-')}: {v} is negative; give a number of persons ≥ 0",
                  file=sys.stderr)
            return EXIT_INVALID
    try:
        pop = Population(**values)
    except ValidationError as e:
        msg = "; ".join(err["msg"].removeprefix("Value error, ") for err in e.errors())
        print(f"centreplan: error: population: {msg}", file=sys.stderr)
        return EXIT_INVALID
    if pop.residents == 0:
        print("centreplan: error: population: give at least one resident (--men, --women, --boys, --girls, "
              "--family-persons)", file=sys.stderr)
        return EXIT_INVALID
    prog = programme(pop, args.phase, args.climate, packs, centre_type=args.centre_type)
    if args.format == "json":
        print(json.dumps(prog.to_json_data(), ensure_ascii=False, indent=2))
    else:
        print(render_programme(prog, lang=args.lang))
    return EXIT_OK
