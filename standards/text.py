"""The report as text for a terminal: failures grouped by severity, then what could not be
evaluated, then a summary line. Findings resting on unverified figures are marked."""
from __future__ import annotations

import shutil
import textwrap

from standards.report import SEVERITIES, Finding, Report

_HEAD = {"critical": "CRITICAL", "major": "MAJOR", "minor": "MINOR"}


def _line(f: Finding, width: int, lang: str) -> list[str]:
    mark = " [unverified]" if f.source_status == "unverified" else (
        " [secondary source]" if f.source_status == "secondary" else "")
    head = f"  {f.rule:<16}"
    body = f.message_fr if lang == "fr" else f.message
    wrap = textwrap.wrap(body, width=max(40, width - len(head)))
    lines = [head + (wrap[0] if wrap else "")] + [" " * len(head) + w for w in wrap[1:]]
    pad = " " * len(head)
    lines.append(f"{pad}source: {f.source}{mark}")
    fix = f.fix_fr if lang == "fr" else f.fix
    if fix:
        lines += textwrap.wrap(f"fix: {fix}", width=max(40, width - len(head)), initial_indent=pad,
                               subsequent_indent=pad + "     ")
    return lines


def summary_line(report: Report) -> str:
    s = report.summary
    sev = ", ".join(f"{s.fail_by_severity.get(k, 0)} {k}" for k in SEVERITIES)
    verdict = "FAIL (critical or major failures)" if report.exit_code() else "OK (no critical or major failure)"
    return (f"{report.rules} rules, {len(report.findings)} findings: {s.pass_} pass, {s.fail} fail ({sev}), "
            f"{s.not_applicable} not applicable, {s.cannot_evaluate} cannot be evaluated — {verdict}")


def render_text(report: Report, *, show_pass: bool = False, lang: str = "en", width: int | None = None) -> str:
    width = width or min(110, shutil.get_terminal_size((100, 20)).columns)
    out = [f"{report.centre} — packs: {', '.join(report.packs)} "
           f"({report.climate} climate, {report.phase} phase)", ""]
    for sev in SEVERITIES:
        fails = report.failures(sev)
        if not fails:
            continue
        out.append(f"{_HEAD[sev]} ({len(fails)})")
        for f in fails:
            out += _line(f, width, lang)
        out.append("")
    cannot = report.by_status("cannot_evaluate")
    if cannot:
        out.append(f"CANNOT BE EVALUATED — data missing ({len(cannot)})")
        for f in cannot:
            out += _line(f, width, lang)
        out.append("")
    if show_pass:
        for status, head in (("pass", "PASS"), ("not_applicable", "NOT APPLICABLE")):
            items = report.by_status(status)
            if items:
                out.append(f"{head} ({len(items)})")
                for f in items:
                    out += _line(f, width, lang)
                out.append("")
    unverified = report.unverified_rules
    if unverified:
        out.append("Unverified figures were used by: " + ", ".join(unverified)
                   + " (not confirmed in any text; see the findings).")
    out.append(summary_line(report))
    return "\n".join(out)
