"""The report as text for a terminal: failures grouped by severity, then what could not be
evaluated, then a summary line. Findings resting on unverified figures are marked."""
from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

from centreplan.planner import numbers, vocabulary
from centreplan.planner.i18n import N_, translator
from centreplan.standards.packs import load_packs
from centreplan.standards.report import SEVERITIES, Finding, Report, outcomes

if TYPE_CHECKING:  # the programme's module loads with the programme, not with every check
    from centreplan.standards.programme import Programme

DOMAIN = "standards"  # locales/<lang>/LC_MESSAGES/standards.po
HEADS = {"critical": N_("CRITICAL"), "major": N_("MAJOR"), "minor": N_("MINOR"),
         "cannot_evaluate": N_("CANNOT BE EVALUATED — data missing"), "pass": N_("PASS"),
         "not_applicable": N_("NOT APPLICABLE")}
SEVERITY_COUNTS = {"critical": N_("{n} critical"), "major": N_("{n} major"), "minor": N_("{n} minor")}
SOURCE_STATUS = {"verified": N_("verified"), "secondary": N_("secondary source"), "unverified": N_("unverified")}


def _wrap(text: str, width: int = 70, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """textwrap.wrap that never breaks a rule id at its hyphens (``BEDS-`` / ``NONE``).

    Words separated by single spaces, as the report's sentences are, are wrapped here with string
    searches: the same lines as textwrap's, several times faster (a large centre's report wraps tens of
    thousands of them); any other text goes through textwrap itself. Spaces textwrap does not break
    at (the no-break spaces of French numbers and punctuation: ``2,40 m``, ``: ``) are part of a word
    for both."""
    room = width - max(len(initial_indent), len(subsequent_indent))
    if (text and text[0] != " " != text[-1] and "  " not in text and room >= 1
            and (text.isprintable() or _words_only(text, room))):
        return _wrap_words(text, width, initial_indent, subsequent_indent)
    return textwrap.wrap(text, width=width, initial_indent=initial_indent, subsequent_indent=subsequent_indent,
                         break_on_hyphens=False)


def _words_only(text: str, room: int) -> bool:
    """Whether textwrap reads ``text`` as words between single spaces, as :func:`_wrap_words` does,
    when the text has characters other than printable ones: no tab or line end (textwrap's other
    whitespace), no word made of other spaces alone and no word to cut (``room``: the narrowest line),
    since textwrap drops a word or a piece of one that other spaces alone make up, as it drops a space."""
    return (not any(c in text for c in "\t\n\r\x0b\x0c")
            and all(len(w) <= room and not w.isspace() for w in text.split(" ")))


def _wrap_words(rest: str, width: int, indent: str, then: str) -> list[str]:
    """textwrap's greedy wrap of words joined by single spaces: each line takes whole words while they
    fit; a word longer than a whole line is cut where the line ends; the space at a break is dropped."""
    lines: list[str] = []
    while True:
        room = width - len(indent)
        if len(rest) <= room:
            lines.append(indent + rest)
            return lines
        if rest[room] == " ":  # a word ends where the line ends
            line, rest = rest[:room], rest[room + 1:]
            lines.append(indent + line)
            indent = then
            continue
        space = rest.rfind(" ", 0, room)  # the line breaks after it, unless the next word is too long
        end = rest.find(" ", room)
        if space == -1 or (end if end != -1 else len(rest)) - space - 1 > room:
            # a word longer than a line is cut where the line ends (textwrap then keeps a space
            # the line ends with)
            line, rest = rest[:room], rest[room:]
        else:
            line, rest = rest[:space], rest[space + 1:]
        lines.append(indent + line)
        indent = then


def _line(f: Finding, width: int, lang: str, _: Callable[..., str] | None = None,
          sources: dict[tuple[str, str, str], list[str]] | None = None) -> list[str]:
    """The lines of one finding; ``sources`` keeps the lines of each source already written (every
    finding of a rule cites the same)."""
    _ = _ or translator(lang, DOMAIN)
    head = f"  {f.rule:<15} "  # a space after an id of 16 characters or more too
    pad = " " * len(head)
    body = f.message_fr if lang == "fr" else f.message
    wrap = _wrap(body, width=max(40, width - len(head)))
    lines = [head + (wrap[0] if wrap else "")] + [pad + x for x in wrap[1:]]
    key = (f.source, f.source_status, pad)
    cited = sources.get(key) if sources is not None else None
    if cited is None:
        mark = "" if f.source_status == "verified" else f" [{_(SOURCE_STATUS[f.source_status])}]"
        cited = _wrap(_("source: {source}", source=f.source_in(lang) + mark), width=max(60, width),
                      initial_indent=pad, subsequent_indent=pad + "  ")
        if sources is not None:
            sources[key] = cited
    lines += cited
    fix = f.fix_fr if lang == "fr" else f.fix
    if fix:
        lines += _wrap(_("fix: {fix}", fix=fix), width=max(60, width), initial_indent=pad,
                       subsequent_indent=pad + "  ")
    return lines


def summary_line(report: Report, lang: str = "en", read: list[tuple[str, str, str]] | None = None) -> str:
    """The counts and the verdict; ``read``: the :func:`~standards.report.outcomes` of the report's
    findings, when already read."""
    _ = translator(lang, DOMAIN)
    s = report.summary
    sev = ", ".join(_(SEVERITY_COUNTS[k], n=s.fail_by_severity.get(k, 0)) for k in SEVERITIES)
    verdict = (_("FAIL (critical or major failures)") if report.exit_code(read)
               else _("OK (no critical or major failure)"))
    return _("{rules} rules, {findings} findings: {passed} pass, {fail} fail ({sev}), {na} not applicable, "
             "{ce} cannot be evaluated — {verdict}", rules=report.rules, findings=len(report.findings),
             passed=s.pass_, fail=s.fail, sev=sev, na=s.not_applicable, ce=s.cannot_evaluate, verdict=verdict)


def render_text(report: Report, *, show_pass: bool = False, lang: str = "en", width: int | None = None,
                read: list[tuple[str, str, str]] | None = None) -> str:
    """Failures by severity, then what could not be evaluated (and with ``show_pass`` the rest),
    then the rules that used unverified figures and a summary line. ``read``: the
    :func:`~standards.report.outcomes` of the report's findings, when already read (they are read
    once for all of these)."""
    read = outcomes(report.findings) if read is None else read
    _ = translator(lang, DOMAIN)
    width = width or min(110, shutil.get_terminal_size((100, 20)).columns)
    out = _wrap(_("{centre} — packs: {packs} ({climate} climate, {phase} phase)", centre=report.centre,
                  packs=_packs(report.packs, lang), climate=vocabulary.name("climates", report.climate or "", lang),
                  phase=vocabulary.name("phases", report.phase or "", lang)), width=width) + [""]
    # the findings of each section, in report order, sorted out in one pass
    sections: dict[str, list[Finding]] = {s: [] for s in SEVERITIES}
    sections.update({"cannot_evaluate": [], "pass": [], "not_applicable": []})
    for f, (status, severity, _source_status) in zip(report.findings, read):
        sections[severity if status == "fail" else status].append(f)
    sources: dict[tuple[str, str, str], list[str]] = {}
    for name in (*SEVERITIES, "cannot_evaluate", *(("pass", "not_applicable") if show_pass else ())):
        items = sections[name]
        if items:
            out.append(f"{_(HEADS[name])} ({len(items)})")
            for f in items:
                out += _line(f, width, lang, _, sources)
            out.append("")
    unverified = report.rules_unverified(read)
    if unverified:
        out += _wrap(_("Unverified figures were used by: {rules} (not confirmed in any text; see the findings).",
                       rules=", ".join(unverified)), width=width)
    out.append(summary_line(report, lang, read))
    return "\n".join(out)


def _packs(ids: list[str], lang: str) -> str:
    """Pack ids as a list: the ids in English (as ``--packs`` takes them), their names in French."""
    return ", ".join(ids if lang == "en" else [vocabulary.name("packs", p, lang) for p in ids])


def render_programme(prog: Programme, *, lang: str = "en", width: int | None = None) -> str:
    """The programme as text: per group, then the centre, then totals and the sources used."""
    _ = translator(lang, DOMAIN)
    width = width or min(110, shutil.get_terminal_size((100, 20)).columns)
    fr = lang == "fr"
    pop = prog.population
    groups = ", ".join(f"{vocabulary.name('population', g, lang)} {numbers.integer(pop[g], lang)}"
                       for g in ("men", "women", "boys", "girls", "family_persons") if pop.get(g))
    residents = sum(pop.get(g, 0) for g in ("men", "women", "boys", "girls", "family_persons"))
    head = _("Programme for {residents} ({groups}), {phase} phase, {climate} climate — packs: {packs}",
             residents=numbers.count(residents, "resident", lang), groups=groups,
             phase=vocabulary.name("phases", prog.phase, lang), climate=vocabulary.name("climates", prog.climate, lang),
             packs=_packs(prog.packs, lang))
    out = _wrap(head, width=width) + [""]

    def add(text: str) -> None:
        out.extend(_wrap(text, width=width, initial_indent="  - ", subsequent_indent="    "))

    for g in ("men", "women", "boys", "girls", "families"):
        lines = prog.for_group(g)
        if lines:
            out.append(vocabulary.name("groups", g, lang).upper())
            for ln in lines:
                add(ln.text_fr if fr else ln.text)
            out.append("")
    centre = prog.for_group(None)
    if centre:
        out.append(_("CENTRE"))
        for ln in centre:
            add(ln.text_fr if fr else ln.text)
        out.append("")
    t = prog.totals
    out.append(_("Total: {rooms}, {beds}, ≥ {area} of sleeping rooms, {wc} and {showers} for the groups",
                 rooms=numbers.count(int(t["sleeping_rooms"]), "sleeping_room", lang),
                 beds=numbers.count(int(t["beds"]), "bed", lang),
                 area=numbers.quantity(t["sleeping_area_m2"], "m2", lang),
                 wc=numbers.count(int(t["wc"]), "wc", lang), showers=numbers.count(int(t["shower"]), "shower", lang)))
    used: list[str] = []
    for ln in prog.lines:
        for rid in ln.rules:
            if rid not in used:
                used.append(rid)
    rules = {r.id: r for p in load_packs(prog.packs) for r in p.rules}
    out += ["", _("Sources:")]
    sep = " : " if lang == "fr" else ": "
    for rid in used:
        r = rules[rid]
        mark = "" if r.status == "verified" else f" [{_(SOURCE_STATUS[r.status])}]"
        out.extend(_wrap(f"{rid}{sep}{r.cite(lang)}{mark}", width=width, initial_indent="  ",
                         subsequent_indent="      "))
    return "\n".join(out)
