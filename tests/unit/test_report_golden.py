"""The report of example (a) does not move when the checker is made faster: the report JSON (every key,
the English and the French texts) and the text report in both languages, for every pack, written
from ``main`` before the check was reworked for speed (tests/golden/report_example_a.json).

Regenerate only after a deliberate change of findings or texts:
``CENTREPLAN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_report_golden.py``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from centreplan.layouts.io import load_layout
from centreplan.standards import check, pack_names
from centreplan.standards.text import render_text

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "report_example_a.json"
EXAMPLE = ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml"


def current() -> dict:
    report = check(load_layout(EXAMPLE), pack_names())
    return {
        "report": report.to_json_data(),
        "text_en": render_text(report, show_pass=True, lang="en").splitlines(),
        "text_fr": render_text(report, show_pass=True, lang="fr").splitlines(),
    }


@pytest.fixture(scope="module")
def pair() -> tuple[dict, dict]:
    got = current()
    if os.environ.get("CENTREPLAN_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return got, json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_report_json_of_example_a_is_unchanged(pair) -> None:
    got, want = pair
    g, w = got["report"], want["report"]
    assert {k: v for k, v in g.items() if k != "findings"} == {k: v for k, v in w.items() if k != "findings"}
    assert len(g["findings"]) == len(w["findings"])
    for i, (a, b) in enumerate(zip(g["findings"], w["findings"])):
        assert a == b, f"finding {i} ({b['rule']} {b.get('subject')}) moved"
    # and the serialised JSON, key order included
    assert json.dumps(g, ensure_ascii=False) == json.dumps(w, ensure_ascii=False)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_text_report_of_example_a_is_unchanged(pair, lang: str) -> None:
    got, want = pair
    assert got[f"text_{lang}"] == want[f"text_{lang}"]


def test_texts_written_later_are_the_texts_of_a_copy_a_pickle_and_a_comparison() -> None:
    """Findings write their texts on first use: a pickled report (the app's cache), a copy and a
    comparison see the same texts as the JSON."""
    import copy
    import pickle

    report = check(load_layout(EXAMPLE))
    assert any(f.__pydantic_private__["_texts"] is not None for f in report.findings)
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert again.to_json_data() == report.to_json_data()
    fresh = check(load_layout(EXAMPLE))
    assert copy.deepcopy(fresh.findings[0]).message == report.findings[0].message
    assert fresh.findings[-1] == report.findings[-1]
    assert dict(check(load_layout(EXAMPLE)).findings[0])["message_fr"] == report.findings[0].message_fr


def _fresh_python(code: str) -> str:
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_standards_programme_stays_the_function_once_its_module_is_imported() -> None:
    # the package imports on first use; the import system must not bind the submodule over the function
    out = _fresh_python("import centreplan.standards.programme\n"
                        "from centreplan import standards\n"
                        "from centreplan.standards import programme\n"
                        "print(callable(programme) and standards.programme is programme)")
    assert out == "True"


def test_help_loads_no_heavy_library() -> None:
    """``centreplan --help`` and the parser load neither pint, numpy, shapely, networkx, pandas nor the
    solver (they cost seconds at start-up; each command imports what it needs)."""
    out = _fresh_python("import sys\nfrom centreplan.planner.cli import build_parser\nbuild_parser().format_help()\n"
                        "print(sorted(m for m in ('pint', 'numpy', 'shapely', 'networkx', 'pandas', 'ortools',"
                        " 'pydantic', 'yaml', 'ezdxf', 'streamlit', 'babel') if m in sys.modules))")
    assert out == "[]"


def test_validate_loads_no_translation_library() -> None:
    """``centreplan validate`` writes no translated text: Babel (a twentieth of a second to import)
    loads with the first catalogue a command reads, not with the parser or the layout model."""
    small = ROOT / "tests" / "data" / "small_centre.yaml"
    out = _fresh_python("import sys\nfrom centreplan.planner.cli import main\n"
                        f"code = main(['validate', {str(small)!r}])\n"
                        "print(code, sorted(m for m in ('babel',) if m in sys.modules))")
    assert out.splitlines()[-1] == "0 []"
