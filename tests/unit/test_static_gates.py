"""The static gates run with the tests (so ``make test`` and CI run them): ruff (pyflakes, pycodestyle,
import order, bugbear, pyupgrade, simplify and a complexity limit of 15) and mypy, configured in
pyproject.toml, on every library package (GATED). ``.pre-commit-config.yaml`` runs the same gates before
each commit.

The library imports itself as ``centreplan.<part>`` while its parts stay in the repository's folders
(``[tool.setuptools.package-dir]``); mypy does not follow that mapping, so it reads the parts through a
tree of links, ``.mypy_tree/centreplan/<part> → <part>/``, rebuilt before each run."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GATED = ["standards", "planner", "equipment", "exports", "layouts", "projects", "generate"]
TREE = ROOT / ".mypy_tree"


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, timeout=900)


def link_tree() -> Path:
    """``.mypy_tree/centreplan``: the package's ``__init__`` and a link to each part's folder."""
    package = TREE / "centreplan"
    if package.exists():
        shutil.rmtree(TREE)
    package.mkdir(parents=True)
    shutil.copy(ROOT / "centreplan" / "__init__.py", package / "__init__.py")
    for part in GATED:
        (package / part).symlink_to(ROOT / part, target_is_directory=True)
    return TREE


@pytest.mark.parametrize("tool", ["ruff", "mypy"])
def test_tool_is_installed(tool: str) -> None:
    # the gates are part of the test extras (pyproject.toml): a missing tool is a failure, not a skip
    assert _run(tool, "--version").returncode == 0, f"{tool} is not installed: make setup"


def test_ruff() -> None:
    res = _run("ruff", "check", "--no-cache", *GATED)
    assert res.returncode == 0, res.stdout + res.stderr


def test_mypy() -> None:
    tree = link_tree()
    parts = [arg for part in GATED for arg in ("-p", f"centreplan.{part}")]
    res = _run("mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(ROOT / ".mypy_cache"),
               *parts, cwd=tree)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Success" in res.stdout and " 0 source files" not in res.stdout, res.stdout


if __name__ == "__main__":  # `make lint`
    sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", __file__]))
