"""``centreplan project …`` on the three bundled centres."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from centreplan.layouts.io import load_layout, save_layout
from centreplan.planner.cli import main
from tests.conftest import EXAMPLES

A = EXAMPLES / "a_assistance_centre_120.yaml"
B = EXAMPLES / "b_transit_centre_60.yaml"
C = EXAMPLES / "c_collective_centre_school.yaml"


@pytest.fixture
def db(tmp_path: Path) -> list[str]:
    return ["project", "--db", f"sqlite:///{tmp_path / 'centres.db'}"]


def run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _edited_a(tmp_path: Path) -> Path:
    centre = load_layout(A)
    centre = centre.model_copy(update={"population": centre.population.model_copy(update={"men": 44})})
    path = tmp_path / "a_rev2.yaml"
    save_layout(centre, path)
    return path


def test_three_centres_with_revisions(db, tmp_path, capsys):
    assert run(capsys, [*db, "new", "Sénégal"])[0] == 0
    code, out, _ = run(capsys, [*db, "add", "Sénégal", str(A), str(B), str(C), "-m", "first drafts",
                                "--author", "awa"])
    assert code == 0 and out.count("saved as revision 1") == 3
    code, out, _ = run(capsys, [*db, "add", "Sénégal", str(_edited_a(tmp_path)), "-m", "44 men", "--author", "moussa"])
    assert code == 0 and "saved as revision 2" in out
    code, out, _ = run(capsys, [*db, "list", "Sénégal"])
    assert code == 0 and len(out.splitlines()) == 3 and " r2 " in out.splitlines()[0]
    short = out.splitlines()[0].split()[0]
    code, out, _ = run(capsys, [*db, "log", "Sénégal", short])
    assert [line.split()[1] for line in out.splitlines()] == ["r2", "r1"]
    assert "moussa  44 men" in out.splitlines()[0] and "(from r1)" in out.splitlines()[0]

    # any revision comes back as a layout file
    target = tmp_path / "back.yaml"
    code, out, _ = run(capsys, [*db, "show", "Sénégal", short, "--rev", "1", "-o", str(target)])
    assert code == 0 and load_layout(target) == load_layout(A)

    code, out, _ = run(capsys, [*db, "diff", "Sénégal", short, "1", "2", "--lang", "fr"])
    assert code == 0 and "hommes\u202f: 50 → 44" in out

    code, out, _ = run(capsys, [*db, "diff", "Sénégal", short, "1", "2", "--format", "json"])
    data = json.loads(out)
    assert data["population"] == [{"field": "men", "old": 50, "new": 44}]

    code, out, _ = run(capsys, [*db, "restore", "Sénégal", short, "1"])
    assert code == 0 and "restored as revision 3" in out

    # the consolidated procurement of the project's three centres
    code, out, _ = run(capsys, [*db, "equip", "Sénégal", "--format", "json"])
    assert code == 0
    assert len(json.loads(out)["centres"]) == 3

    backup = tmp_path / "backup"
    code, out, _ = run(capsys, [*db, "export", "Sénégal", str(backup)])
    assert code == 0 and out.startswith("5 revision(s) of 3 centre(s)")
    assert load_layout(backup / short / "r003.json") == load_layout(A)


def test_a_save_from_an_old_revision_is_refused(db, tmp_path, capsys):
    run(capsys, [*db, "new", "p"])
    run(capsys, [*db, "add", "p", str(A)])
    run(capsys, [*db, "add", "p", str(_edited_a(tmp_path)), "--base", "1"])
    code, _, err = run(capsys, [*db, "add", "p", str(A), "--base", "1"])
    assert code == 1 and "conflict" in err and "nothing was written" in err


def test_unknown_project_is_a_clear_error(db, capsys):
    code, _, err = run(capsys, [*db, "log", "nowhere"])
    assert code == 2 and "no project 'nowhere'" in err and "Traceback" not in err


def test_an_unreadable_file_saves_nothing(db, tmp_path, capsys):
    run(capsys, [*db, "new", "p"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: centreplan/1\nrooms: [\n", encoding="utf-8")
    code, _, err = run(capsys, [*db, "add", "p", str(A), str(bad)])
    assert code == 2 and "bad.yaml" in err
    assert run(capsys, [*db, "list", "p"])[1] == ""
