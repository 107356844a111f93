"""The static gates run with the tests (so ``make test`` and CI run them): ruff (pyflakes, pycodestyle,
import order, bugbear, pyupgrade, simplify and a complexity limit of 15) and mypy, configured in
pyproject.toml, on every library package (GATED). ``.pre-commit-config.yaml`` runs the same gates before
each commit."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GATED = ["standards", "planner", "equipment", "exports", "layouts", "projects", "generate"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
def test_tool_is_installed(tool: str) -> None:
    # the gates are part of the test extras (pyproject.toml): a missing tool is a failure, not a skip
    assert _run(tool, "--version").returncode == 0, f"{tool} is not installed: make setup"


def test_ruff() -> None:
    res = _run("ruff", "check", "--no-cache", *GATED)
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy() -> None:
    res = _run("mypy", *GATED)
    assert res.returncode == 0, res.stdout + res.stderr
