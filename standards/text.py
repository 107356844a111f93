"""The report as text for a terminal: failures grouped by severity, then what could not be
evaluated, then a summary line. Findings resting on unverified figures are marked."""
from __future__ import annotations

import shutil
import textwrap
from typing import Any

from planner import numbers, vocabulary
from standards.packs import load_packs
from standards.programme import Programme
from standards.report import SEVERITIES, Finding, Report

WORDS: dict[str, dict[str, Any]] = {
    "en": {"critical": "CRITICAL", "major": "MAJOR", "minor": "MINOR", "source": "source", "fix": "fix",
           "unverified": "unverified", "secondary": "secondary source",
           "cannot": "CANNOT BE EVALUATED — data missing", "pass": "PASS", "not_applicable": "NOT APPLICABLE",
           "head": "{centre} — packs: {packs} ({climate} climate, {phase} phase)",
           "unverified_used": "Unverified figures were used by: {rules} (not confirmed in any text; see the findings).",
           "summary": ("{rules} rules, {findings} findings: {pass_} pass, {fail} fail ({sev}), {na} not applicable, "
                       "{ce} cannot be evaluated — {verdict}"),
           "fail_verdict": "FAIL (critical or major failures)", "ok_verdict": "OK (no critical or major failure)",
           "sev": {"critical": "critical", "major": "major", "minor": "minor"}},
    "fr": {"critical": "CRITIQUE", "major": "MAJEUR", "minor": "MINEUR", "source": "source", "fix": "correction",
           "unverified": "non vérifié", "secondary": "source secondaire",
           "cannot": "IMPOSSIBLE À ÉVALUER — données manquantes", "pass": "RESPECTÉ",
           "not_applicable": "SANS OBJET",
           "head": "{centre} — référentiels : {packs} (climat {climate}, phase {phase})",
           "unverified_used": ("Des chiffres non vérifiés ont servi pour : {rules} (confirmés par aucun texte ; "
                               "voir les constats)."),
           "summary": ("{rules} règles, {findings} constats : {pass_} respectés, {fail} non respectés ({sev}), "
                       "{na} sans objet, {ce} impossibles à évaluer — {verdict}"),
           "fail_verdict": "ÉCHEC (manquements critiques ou majeurs)",
           "ok_verdict": "CONFORME (aucun manquement critique ou majeur)",
           "sev": {"critical": "critiques", "major": "majeurs", "minor": "mineurs"}},
}


def _wrap(text: str, **kw: object) -> list[str]:
    """textwrap.wrap that never breaks a rule id at its hyphens (``BEDS-`` / ``NONE``)."""
    return textwrap.wrap(text, break_on_hyphens=False, **kw)  # type: ignore[arg-type]


def _line(f: Finding, width: int, lang: str) -> list[str]:
    w = WORDS[lang]
    mark = f" [{w['unverified']}]" if f.source_status == "unverified" else (
        f" [{w['secondary']}]" if f.source_status == "secondary" else "")
    head = f"  {f.rule:<16}"
    pad = " " * len(head)
    body = f.message_fr if lang == "fr" else f.message
    wrap = _wrap(body, width=max(40, width - len(head)))
    lines = [head + (wrap[0] if wrap else "")] + [pad + x for x in wrap[1:]]
    lines += _wrap(f"{w['source']}: {f.source}{mark}", width=max(60, width), initial_indent=pad,
                           subsequent_indent=pad + "  ")
    fix = f.fix_fr if lang == "fr" else f.fix
    if fix:
        lines += _wrap(f"{w['fix']}: {fix}", width=max(60, width), initial_indent=pad,
                               subsequent_indent=pad + "  ")
    return lines


def summary_line(report: Report, lang: str = "en") -> str:
    w = WORDS[lang]
    s = report.summary
    sev = ", ".join(f"{s.fail_by_severity.get(k, 0)} {w['sev'][k]}" for k in SEVERITIES)
    verdict = w["fail_verdict"] if report.exit_code() else w["ok_verdict"]
    return w["summary"].format(rules=report.rules, findings=len(report.findings), pass_=s.pass_, fail=s.fail,
                               sev=sev, na=s.not_applicable, ce=s.cannot_evaluate, verdict=verdict)


def render_text(report: Report, *, show_pass: bool = False, lang: str = "en", width: int | None = None) -> str:
    """Failures by severity, then what could not be evaluated (and with ``show_pass`` the rest),
    then the rules that used unverified figures and a summary line."""
    w = WORDS[lang]
    width = width or min(110, shutil.get_terminal_size((100, 20)).columns)
    out = _wrap(w["head"].format(centre=report.centre, packs=_packs(report.packs, lang),
                                         climate=vocabulary.name("climates", report.climate or "", lang),
                                         phase=vocabulary.name("phases", report.phase or "", lang)), width=width) + [""]
    for sev in SEVERITIES:
        fails = report.failures(sev)
        if not fails:
            continue
        out.append(f"{w[sev]} ({len(fails)})")
        for f in fails:
            out += _line(f, width, lang)
        out.append("")
    sections = [("cannot_evaluate", w["cannot"])]
    if show_pass:
        sections += [("pass", w["pass"]), ("not_applicable", w["not_applicable"])]
    for status, head in sections:
        items = report.by_status(status)
        if items:
            out.append(f"{head} ({len(items)})")
            for f in items:
                out += _line(f, width, lang)
            out.append("")
    unverified = report.unverified_rules
    if unverified:
        out += _wrap(w["unverified_used"].format(rules=", ".join(unverified)), width=width)
    out.append(summary_line(report, lang))
    return "\n".join(out)


def w_status(status: str, lang: str) -> str:
    """A source status as the report words it (``unverified`` / ``non vérifié``)."""
    return WORDS[lang]["secondary" if status == "secondary" else "unverified"] if status != "verified" else status


def _packs(ids: list[str], lang: str) -> str:
    """Pack ids as a list: the ids in English (as ``--packs`` takes them), their names in French."""
    return ", ".join(ids if lang == "en" else [vocabulary.name("packs", p, lang) for p in ids])


def render_programme(prog: Programme, *, lang: str = "en", width: int | None = None) -> str:
    """The programme as text: per group, then the centre, then totals and the sources used."""
    name_of = vocabulary.name

    width = width or min(110, shutil.get_terminal_size((100, 20)).columns)
    fr = lang == "fr"
    pop = prog.population
    groups = ", ".join(f"{name_of('groups', g if g != 'family_persons' else 'families', lang)} {pop[g]}"
                       for g in ("men", "women", "boys", "girls", "family_persons") if pop.get(g))
    residents = sum(pop.get(g, 0) for g in ("men", "women", "boys", "girls", "family_persons"))
    head = (f"Programme pour {numbers.count(residents, 'resident', lang)} ({groups}), "
            f"phase {name_of('phases', prog.phase, lang)}, "
            f"climat {name_of('climates', prog.climate, lang)} — référentiels : {_packs(prog.packs, lang)}" if fr else
            f"Programme for {residents} residents ({groups}), {prog.phase} phase, {prog.climate} climate — "
            f"packs: {', '.join(prog.packs)}")
    out = _wrap(head, width=width) + [""]

    def add(text: str) -> None:
        out.extend(_wrap(text, width=width, initial_indent="  - ", subsequent_indent="    "))

    for g in ("men", "women", "boys", "girls", "families"):
        lines = prog.for_group(g)
        if lines:
            out.append(name_of("groups", g, lang).upper())
            for ln in lines:
                add(ln.text_fr if fr else ln.text)
            out.append("")
    centre = prog.for_group(None)
    if centre:
        out.append("CENTRE")  # the same word in both languages
        for ln in centre:
            add(ln.text_fr if fr else ln.text)
        out.append("")
    t = prog.totals
    out.append((f"Total : {numbers.count(int(t['sleeping_rooms']), 'sleeping_room', lang)}, "
                f"{numbers.count(int(t['beds']), 'bed', lang)}, "
                f"≥ {numbers.quantity(t['sleeping_area_m2'], 'm2', lang)} de chambres, "
                f"{numbers.count(int(t['wc']), 'wc', lang)} et {numbers.count(int(t['shower']), 'shower', lang)} "
                f"pour les groupes") if fr else
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
        mark = "" if r.status == "verified" else f" [{w_status(r.status, lang)}]"
        out.extend(_wrap(f"{rid}: {r.cite()}{mark}", width=width, initial_indent="  ",
                                 subsequent_indent="      "))
    return "\n".join(out)
