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


def render_programme(prog, *, lang: str = "en", width: int | None = None) -> str:
    """The programme as text: per group, then the centre, then totals and the sources used."""
    from standards.context import name_of
    from standards.packs import load_packs

    width = width or min(110, shutil.get_terminal_size((100, 20)).columns)
    fr = lang == "fr"
    pop = prog.population
    groups = ", ".join(f"{name_of('groups', g if g != 'family_persons' else 'families', lang)} {pop[g]}"
                       for g in ("men", "women", "boys", "girls", "family_persons") if pop.get(g))
    residents = sum(pop.get(g, 0) for g in ("men", "women", "boys", "girls", "family_persons"))
    head = (f"Programme pour {residents} résidents ({groups}), phase {name_of('phases', prog.phase, lang)}, "
            f"climat {name_of('climates', prog.climate, lang)} — référentiels : {', '.join(prog.packs)}" if fr else
            f"Programme for {residents} residents ({groups}), {prog.phase} phase, {prog.climate} climate — "
            f"packs: {', '.join(prog.packs)}")
    out = textwrap.wrap(head, width=width) + [""]

    def add(text: str) -> None:
        out.extend(textwrap.wrap(text, width=width, initial_indent="  - ", subsequent_indent="    "))

    for g in ("men", "women", "boys", "girls", "families"):
        lines = prog.for_group(g)
        if lines:
            out.append(name_of("groups", g, lang).upper())
            for ln in lines:
                add(ln.text_fr if fr else ln.text)
            out.append("")
    centre = prog.for_group(None)
    if centre:
        out.append("CENTRE")
        for ln in centre:
            add(ln.text_fr if fr else ln.text)
        out.append("")
    t = prog.totals
    out.append((f"Total : {t['sleeping_rooms']} chambres, {t['beds']} lits, ≥ {t['sleeping_area_m2']:.1f} m² de chambres, "
                f"{t['wc']} WC et {t['shower']} douches par groupe") if fr else
               (f"Total: {t['sleeping_rooms']} sleeping rooms, {t['beds']} beds, ≥ {t['sleeping_area_m2']:.1f} m² of "
                f"sleeping rooms, {t['wc']} WC and {t['shower']} showers for the groups"))
    used = []
    for ln in prog.lines:
        for rid in ln.rules:
            if rid not in used:
                used.append(rid)
    rules = {r.id: r for p in load_packs(prog.packs) for r in p.rules}
    out += ["", "Sources :" if fr else "Sources:"]
    for rid in used:
        r = rules[rid]
        mark = "" if r.status == "verified" else f" [{r.status}]"
        out.extend(textwrap.wrap(f"{rid}: {r.cite()}{mark}", width=width, initial_indent="  ",
                                 subsequent_indent="      "))
    return "\n".join(out)
