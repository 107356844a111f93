"""Benchmarks time the command as an installed package runs it: with its modules' bytecode written.

``pip install`` writes the bytecode of every module it installs, and Python writes it on the first
run where it may; with ``PYTHONDONTWRITEBYTECODE`` set (as on the shared machine) and an editable
install, every run of ``centreplan`` would compile the forty-odd modules of a check again (a
twentieth of a second or more), while the libraries it is compared with (numpy, shapely) have
theirs. :func:`write_bytecode` writes this checkout's (``__pycache__/``, ignored by git) before
the timings, and says whether it had to.
"""
from __future__ import annotations

import compileall
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("planner", "standards", "layouts", "equipment", "exports", "projects", "generate", "centreplan")


def write_bytecode() -> str:
    """Compile the package's modules where their bytecode is missing or stale; a line for the output."""
    ok = all(compileall.compile_dir(ROOT / part, quiet=1) for part in PARTS if (ROOT / part).is_dir())
    state = "set" if sys.flags.dont_write_bytecode else "not set"
    return (f"bytecode of the package written first, as an install writes it (PYTHONDONTWRITEBYTECODE {state})"
            + ("" if ok else "; some modules failed to compile"))
