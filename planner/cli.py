"""The ``centreplan`` command line.

Each package contributes its sub-commands through an ``add_commands(subparsers)`` function in its
own ``cli`` module (listed in :data:`COMMAND_MODULES`); this module only assembles them and turns
errors into one clear message. Exit codes: 0 success, 1 the check found a critical or major
failure, 2 the input cannot be read or is invalid.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import sys
from collections import defaultdict
from collections.abc import Sequence
from typing import NoReturn

from centreplan.planner.errors import LayoutError, PlannerError
from centreplan.planner.text_safety import terminal_safe

EXIT_OK, EXIT_FAIL, EXIT_INVALID = 0, 1, 2

# Modules with an ``add_commands(subparsers)`` function, in the order their commands are listed.
COMMAND_MODULES = [
    "centreplan.planner.cli",
    "centreplan.layouts.cli",
    "centreplan.standards.cli",
    "centreplan.equipment.cli",
    "centreplan.exports.cli",
    "centreplan.projects.cli",
    "centreplan.generate.cli",
]


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check that layout files are readable and geometrically sound")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("info", help="rooms, areas by use and group, beds versus population, doors")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("schema", help="print the JSON Schema of the layout format")
    p.set_defaults(func=cmd_schema)


def cmd_validate(args: argparse.Namespace) -> int:
    from centreplan.layouts.io import load_layout
    from centreplan.planner.geometry import build_plan

    status = EXIT_OK
    for name in args.files:
        try:
            centre = load_layout(name)
        except LayoutError as e:
            print(f"INVALID {e}", file=sys.stderr)
            status = EXIT_INVALID
            continue
        problems = build_plan(centre).problems()
        if problems:
            print(f"INVALID {name}: {len(problems)} geometry problem(s)", file=sys.stderr)
            for pr in problems:
                print(f"  - {pr.message}", file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(f"ok {name}: {centre.centre.name}, {len(centre.rooms)} rooms, {len(centre.doors)} doors")
    return status


def layout_info(centre) -> dict:
    """The figures ``centreplan info`` shows, as data."""
    from centreplan.planner.geometry import build_plan

    plan = build_plan(centre)
    by_use: dict[str, float] = defaultdict(float)
    by_group: dict[str, float] = defaultdict(float)
    beds_by_group: dict[str, int] = defaultdict(int)
    for r in centre.rooms:
        a = plan.area(r.id)
        by_use[r.use] += a
        by_group[r.group] += a
        beds_by_group[r.group] += r.beds
    pop = centre.population
    groups = ["men", "women", "boys", "girls", "families", "staff"]
    return {
        "name": centre.centre.name,
        "climate": centre.centre.climate,
        "phase": centre.centre.phase,
        "rooms": len(centre.rooms),
        "doors": len(centre.doors),
        "exits": len(plan.exits),
        "floor_area_m2": round(sum(plan.area(r.id) for r in centre.rooms if r.use != "outdoor"), 2),
        "outdoor_area_m2": round(sum(plan.area(r.id) for r in centre.rooms if r.use == "outdoor"), 2),
        "area_by_use_m2": {k: round(v, 2) for k, v in sorted(by_use.items())},
        "area_by_group_m2": {k: round(v, 2) for k, v in sorted(by_group.items())},
        "beds": centre.beds,
        "residents": pop.residents,
        "beds_by_group": {g: beds_by_group.get(g, 0) for g in groups if g != "staff"},
        "population": {g: pop.of_group(g) for g in groups},
        "room_list": [
            {"id": r.id, "name": r.label, "use": r.use, "group": r.group,
             "area_m2": round(plan.area(r.id), 2), "beds": r.beds} for r in centre.rooms
        ],
    }


def cmd_info(args: argparse.Namespace) -> int:
    from centreplan.layouts.io import load_layout

    info = layout_info(load_layout(args.file))
    if args.format == "json":
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{info['name']}  ({info['climate']} climate, {info['phase']} phase)")
    print(f"{info['rooms']} rooms, {info['doors']} doors ({info['exits']} exits); "
          f"floor area {info['floor_area_m2']:.1f} m², outdoor {info['outdoor_area_m2']:.1f} m²")
    print(f"beds {info['beds']} for {info['residents']} residents")
    print("\nbeds and population by group:")
    for g, beds in info["beds_by_group"].items():
        n = info["population"][g]
        flag = "" if beds == n else (f"  (short by {n - beds})" if beds < n else f"  ({beds - n} spare)")
        print(f"  {g:<10} {beds:>5} beds  {n:>5} persons{flag}")
    print(f"  {'staff':<10} {'':>5}       {info['population']['staff']:>5} persons")
    print("\narea by use (m²):")
    for use, a in info["area_by_use_m2"].items():
        print(f"  {use:<12} {a:>9.1f}")
    print("\nrooms:")
    print(f"  {'id':<8} {'use':<12} {'group':<9} {'area m²':>8} {'beds':>5}  name")
    for r in info["room_list"]:
        print(f"  {r['id']:<8} {r['use']:<12} {r['group']:<9} {r['area_m2']:>8.1f} {r['beds']:>5}  {r['name']}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from centreplan.planner.model import json_schema

    print(json.dumps(json_schema(), indent=2))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="centreplan",
        description="Plan, check and equip assistance centres: layouts, minimum standards, equipment, exports.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on an unexpected error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        module = sys.modules[__name__] if name == "centreplan.planner.cli" else importlib.import_module(name)
        module.add_commands(sub)
    return parser


def relax_gc() -> None:
    """Collect cycles less often for the one command this process runs.

    A check of thousands of rooms makes hundreds of thousands of objects that live until the report
    is printed (few of them in cycles, which reference counting cannot free): with Python's default
    thresholds the collector scans them again and again, a fifth of the time of a large check. The
    objects made so far (imported modules) are frozen out of the scans, and the youngest generation
    is collected after a million allocations instead of 700 (the older ones a thousand times less
    often still): a bound on the memory cycles may hold, not a cost paid every few microseconds.
    """
    gc.freeze()
    gc.set_threshold(1_000_000, 1_000, 1_000)


def keep_until_exit(*objects: object) -> None:
    """Take every object made so far out of the collector's scans, for good: a command calls it once
    it holds what it keeps until the process ends (the report of a check), and passes it here.

    Call it while the collector is paused (``standards.engine.collector_paused``): the check of
    5,500 rooms leaves about a million objects that the first collection after it would otherwise
    scan (a quarter of a second) to free nothing. They are still freed when nothing refers to them:
    in a process that :func:`run` ends, ``objects`` go with the process instead of being freed one
    by one as the command returns (a tenth of a second for that check), everywhere else when the
    next command runs.
    """
    gc.freeze()
    _kept[:] = objects


# What the command running keeps until the process ends (keep_until_exit); cleared by the next one.
_kept: list[object] = []


class _SafeStream:
    """A text stream that shows control characters as escapes (``\\x1b``), so that a name or a file
    name in a message cannot move the cursor, clear the screen or retitle the terminal."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SafeStream(out), _SafeStream(err)
    _kept.clear()  # what the previous command kept, where commands run one after another (tests)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def run() -> NoReturn:
    """The ``centreplan`` program: :func:`main`, then the process ends with its exit code. When the
    command kept what it made until the end (:func:`keep_until_exit`), the output is flushed and the
    process ends at once, without freeing those objects one by one first."""
    code = main()
    if _kept:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # a reader that went away (``| head``): nothing more can be written
            pass
        os._exit(code)
    sys.exit(code)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    relax_gc()
    try:
        return int(args.func(args))
    except PlannerError as e:
        print(f"centreplan: error: {e}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # never a traceback for users; --debug shows it
        if args.debug:
            raise
        print(f"centreplan: unexpected error: {type(e).__name__}: {e} (run with --debug for details)",
              file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    from centreplan.planner.cli import run as _run  # the module the commands import, not this copy of it

    _run()
