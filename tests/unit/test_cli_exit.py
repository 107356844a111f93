"""``centreplan check`` ends its process at once once the report is written (``planner.cli.run``): the
report, the plan and the centre go with the process instead of being freed object by object. What
the program writes and its exit code are those of :func:`planner.cli.main`."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

from centreplan.planner import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "layouts" / "examples" / "c_collective_centre_school.yaml"


def in_process(argv: list[str]) -> tuple[int, str]:
    buf = io.StringIO()
    with redirect_stdout(buf):
        code = cli.main(argv)
    return code, buf.getvalue()


def test_the_program_ending_at_once_writes_all_of_the_report_and_its_exit_code():
    argv = ["check", str(EXAMPLE), "--format", "json"]
    code, text = in_process(argv)
    out = subprocess.run([sys.executable, "-m", "centreplan.planner.cli", *argv], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode == code == 1  # example (c) has critical or major failures
    assert json.loads(out.stdout) == json.loads(text)
    assert out.stdout == text and out.stderr == ""


def test_a_command_run_in_process_keeps_its_report_only_until_the_next_command():
    in_process(["check", str(EXAMPLE)])
    first = list(cli._kept)
    assert len(first) == 3  # the report, the plan, the centre
    in_process(["validate", str(EXAMPLE)])
    assert cli._kept == []
