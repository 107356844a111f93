"""``centreplan check`` and ``centreplan programme``."""
from __future__ import annotations

import argparse
import json

from planner.cli import EXIT_INVALID, EXIT_OK
from planner.errors import PackError


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check a layout against minimum standards (exit 0 ok, 1 critical/major "
                                     "failure, 2 unreadable)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--packs", help="comma-separated packs (default: the packs on by default; integrity is always on)")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--all", action="store_true", help="text: also list passes and rules not applicable")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="text: language of the messages")
    p.set_defaults(func=cmd_check)


def _packs(text: str | None) -> list[str] | None:
    from standards.packs import load_packs, parse_pack_list

    names = parse_pack_list(text)
    load_packs(names)  # an unknown name raises PackError listing the valid ones
    return names


def cmd_check(args: argparse.Namespace) -> int:
    from layouts.io import load_layout
    from standards.checker import check
    from standards.text import render_text

    try:
        packs = _packs(args.packs)
    except PackError as e:
        print(f"centreplan: error: {e}", file=__import__("sys").stderr)
        return EXIT_INVALID
    centre = load_layout(args.file)
    report = check(centre, packs)
    if args.format == "json":
        print(json.dumps(report.to_json_data(), ensure_ascii=False, indent=2))
    else:
        print(render_text(report, show_pass=args.all, lang=args.lang))
    return report.exit_code()
