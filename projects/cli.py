"""``centreplan project …``: projects of several centres and their revisions.

    centreplan project new NAME
    centreplan project add NAME FILE… [--message TEXT] [--author NAME] [--base N]
    centreplan project list [NAME]
    centreplan project log NAME [CENTRE]
    centreplan project show NAME CENTRE [--rev N] [-o FILE]
    centreplan project diff NAME CENTRE REV_A REV_B [--lang fr] [--format json]
    centreplan project restore NAME CENTRE REV [--message TEXT] [--base N]
    centreplan project equip NAME [equip options]      # the consolidated list of its centres
    centreplan project export NAME DIR                  # every revision as files (a backup)

The store is ``CENTREPLAN_DB`` or SQLite in the user's data folder (``--db URL`` overrides both).
CENTRE is the centre's name as written in its layout, or its short id (``project list`` shows both).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from centreplan.planner.errors import ConflictError

EXIT_OK, EXIT_FAIL, EXIT_INVALID = 0, 1, 2


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("project", help="projects of several centres and their revisions (store, history, diff)",
                       description="Keep several centres and every saved revision of each in a project store.")
    p.add_argument("--db", metavar="URL", help="database URL (default: $CENTREPLAN_DB or the user's data folder)")
    ps = p.add_subparsers(dest="project_command", metavar="ACTION")
    ps.required = True

    q = ps.add_parser("new", help="create a project")
    q.add_argument("name", metavar="NAME")
    q.set_defaults(func=cmd_new)

    q = ps.add_parser("add", help="save layout files as centres or new revisions of the centre of the same name")
    q.add_argument("name", metavar="NAME")
    q.add_argument("files", nargs="+", metavar="FILE")
    q.add_argument("-m", "--message", default="", help="what changed (kept with the revision)")
    q.add_argument("--author", help="who saves (default: $CENTREPLAN_AUTHOR or the login name)")
    q.add_argument("--base", type=int, metavar="N",
                   help="the revision the file was made from: refused if another was saved since")
    q.add_argument("--create", action="store_true", help="create the project if it does not exist")
    q.set_defaults(func=cmd_add)

    q = ps.add_parser("list", help="projects, or the centres of a project with their latest revision")
    q.add_argument("name", nargs="?", metavar="NAME")
    q.set_defaults(func=cmd_list)

    q = ps.add_parser("log", help="revisions of a project or of one of its centres, newest first")
    q.add_argument("name", metavar="NAME")
    q.add_argument("centre", nargs="?", metavar="CENTRE")
    q.add_argument("--format", choices=["text", "json"], default="text")
    q.set_defaults(func=cmd_log)

    q = ps.add_parser("show", help="a revision as a layout file")
    q.add_argument("name", metavar="NAME")
    q.add_argument("centre", metavar="CENTRE")
    q.add_argument("--rev", type=int, metavar="N", help="revision number (default: the latest)")
    q.add_argument("-o", "--output", metavar="FILE", help="write the layout to FILE (.yaml or .json) atomically")
    q.set_defaults(func=cmd_show)

    q = ps.add_parser("diff", help="rooms, doors, population, findings and equipment between two revisions")
    q.add_argument("name", metavar="NAME")
    q.add_argument("centre", metavar="CENTRE")
    q.add_argument("rev_a", type=int, metavar="REV_A")
    q.add_argument("rev_b", type=int, metavar="REV_B")
    q.add_argument("--packs", help="rule packs for the findings (default: the default packs)")
    q.add_argument("--lang", choices=["en", "fr"], default="en")
    q.add_argument("--format", choices=["text", "json"], default="text")
    q.set_defaults(func=cmd_diff)

    q = ps.add_parser("restore", help="save an old revision again as the newest one (nothing is rewritten)")
    q.add_argument("name", metavar="NAME")
    q.add_argument("centre", metavar="CENTRE")
    q.add_argument("rev", type=int, metavar="REV")
    q.add_argument("-m", "--message", default=None)
    q.add_argument("--author")
    q.add_argument("--base", type=int, metavar="N", help="refused if the latest revision is not N")
    q.set_defaults(func=cmd_restore)

    q = ps.add_parser("equip", help="the consolidated procurement list of the project's centres (latest revisions)",
                      description="Runs 'centreplan equip' on the latest revision of every centre of the "
                                  "project; any option of 'equip' may follow the name.")
    q.add_argument("name", metavar="NAME")
    q.add_argument("options", nargs=argparse.REMAINDER, metavar="EQUIP_OPTIONS")
    q.set_defaults(func=cmd_equip)

    q = ps.add_parser("publish", help="export the documents of every centre (latest revisions) into DIR",
                      description="Runs 'centreplan export' for the latest revision of every centre of the "
                                  "project, each into DIR/<centre short id>/; any option of 'export' may "
                                  "follow the folder.")
    q.add_argument("name", metavar="NAME")
    q.add_argument("folder", metavar="DIR")
    q.add_argument("options", nargs=argparse.REMAINDER, metavar="EXPORT_OPTIONS")
    q.set_defaults(func=cmd_publish)

    q = ps.add_parser("export", help="write every revision of every centre as layout files (a backup)")
    q.add_argument("name", metavar="NAME")
    q.add_argument("folder", metavar="DIR")
    q.set_defaults(func=cmd_export)


def _store(args: argparse.Namespace) -> Any:
    from centreplan.projects.store import open_store

    return open_store(args.db)


def cmd_new(args: argparse.Namespace) -> int:
    store = _store(args)
    store.create_project(args.name)
    print(f"project {args.name!r} created in {store.where}")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from centreplan.layouts.io import load_layout
    from centreplan.planner.errors import StoreError

    store = _store(args)
    if args.create and args.name not in store.projects():
        store.create_project(args.name)
    if args.base is not None and len(args.files) > 1:
        raise StoreError("--base applies to one file at a time")
    centres = [(f, load_layout(f)) for f in args.files]  # every file is read before anything is saved
    status = EXIT_OK
    for name, centre in centres:
        try:
            rev, created = store.save(args.name, centre, author=args.author, message=args.message or
                                      f"add {name}", base=args.base)
        except ConflictError as e:
            print(f"centreplan: conflict: {e}", file=sys.stderr)
            status = EXIT_FAIL
            continue
        what = "saved as" if created else "unchanged, still"
        print(f"{name}: {rev.centre} ({rev.short_id}) {what} revision {rev.number}")
    return status


def cmd_list(args: argparse.Namespace) -> int:
    store = _store(args)
    if not args.name:
        names = store.projects()
        print("\n".join(names) if names else "no project yet (create one with 'centreplan project new NAME')")
        return EXIT_OK
    for c in store.centres(args.name):
        print(f"{c.short_id:<40} r{c.latest:<4} {c.name}")
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    revs = _store(args).log(args.name, args.centre)
    if args.format == "json":
        print(json.dumps([asdict(r) for r in revs], ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in revs:
        parent = f" (from r{r.parent})" if r.parent is not None else ""
        print(f"{r.short_id} r{r.number}{parent}  {r.created_at}  {r.author}  {r.message}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from centreplan.layouts.io import atomic_write

    store = _store(args)
    text = store.layout_text(args.name, args.centre, args.rev)
    centre = store.layout(args.name, args.centre, args.rev)  # checks the checksum and the format
    if args.output:
        from centreplan.layouts.io import save_layout

        if args.output.lower().endswith(".json"):
            atomic_write(args.output, text)
        else:
            save_layout(centre, args.output)
        rev = store.revision(args.name, args.centre, args.rev)
        print(f"{rev.centre} revision {rev.number} written to {args.output}")
    else:
        from centreplan.layouts.io import dumps

        sys.stdout.write(dumps(centre, "yaml"))
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from centreplan.projects.diff import diff, render

    store = _store(args)
    old = store.layout(args.name, args.centre, args.rev_a)
    new = store.layout(args.name, args.centre, args.rev_b)
    packs = [p.strip() for p in args.packs.split(",") if p.strip()] if args.packs else None
    d = diff(old, new, old_label=f"r{args.rev_a}", new_label=f"r{args.rev_b}", packs=packs)
    if args.format == "json":
        print(json.dumps(d.to_data(), ensure_ascii=False, indent=2, default=str))
    else:
        sys.stdout.write(render(d, args.lang))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        rev, created = store.restore(args.name, args.centre, args.rev, author=args.author,
                                     message=args.message, base=args.base)
    except ConflictError as e:
        print(f"centreplan: conflict: {e}", file=sys.stderr)
        return EXIT_FAIL
    if created:
        print(f"{rev.centre}: revision {args.rev} restored as revision {rev.number}")
    else:
        print(f"{rev.centre}: revision {rev.number} already holds that layout; nothing saved")
    return EXIT_OK


def _run(command: str, argv: list[str]) -> int:
    """Run another ``centreplan`` command (its own parser, options and messages)."""
    from centreplan.planner.cli import build_parser

    ns = build_parser().parse_args([command, *argv])
    return int(ns.func(ns))


def _latest_files(args: argparse.Namespace, folder: str) -> list[tuple[str, str]]:
    """The latest revision of every centre written to ``folder``: ``[(short id, file)]``."""
    import os

    from centreplan.planner.errors import StoreError

    store = _store(args)
    entries = store.centres(args.name)
    if not entries:
        raise StoreError(f"{args.name}: the project has no centre yet (add one with 'centreplan project add')")
    out = []
    for entry in entries:
        path = os.path.join(folder, f"{entry.short_id}.json")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(store.layout_text(args.name, entry.short_id))
        out.append((entry.short_id, path))
    return out


def cmd_equip(args: argparse.Namespace) -> int:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="centreplan-") as tmp:
        files = [f for _, f in _latest_files(args, tmp)]
        return _run("equip", [*files, *args.options])


def cmd_publish(args: argparse.Namespace) -> int:
    import os
    import tempfile

    status = EXIT_OK
    with tempfile.TemporaryDirectory(prefix="centreplan-") as tmp:
        for short_id, f in _latest_files(args, tmp):
            status = max(status, _run("export", [f, "--to", os.path.join(args.folder, short_id), *args.options]))
    return status


def cmd_export(args: argparse.Namespace) -> int:
    written = _store(args).export(args.name, args.folder)
    revs = sum(1 for p in written if p.suffix == ".json" and p.name != "history.json")
    print(f"{revs} revision(s) of {sum(1 for p in written if p.name == 'history.json')} centre(s) "
          f"written to {args.folder}")
    return EXIT_OK
