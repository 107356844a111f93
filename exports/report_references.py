"""The parts of the compliance report a ministry needs besides the findings: what the report covers
and how (scope and method: which texts bind in Senegal, which are benchmarks), the full list of the
documents the rules cite, a glossary of abbreviations and rule ids, a document control block and a
short summary written from the figures. Data: ``exports/references.yaml``."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from centreplan.exports.labels import number, translator
from centreplan.planner.vocabulary import label

REFERENCES_FILE = Path(__file__).with_name("references.yaml")
CATEGORY_ORDER = ("binding", "benchmark-humanitarian", "benchmark-eu", "benchmark-fr", "benchmark-us", "project")


@dataclass(frozen=True)
class Reference:
    id: str
    title: str
    publisher: str
    edition: str
    year: int
    url: str
    category: str
    status: str
    status_note: dict[str, str]
    documents: tuple[str, ...]
    edition_fr: str | None = None  # the edition in French where its words are ours ("en vigueur", "mars 2018")
    title_fr: str | None = None  # the title in French where its words are ours ("art. R4216-8 et suivants")
    publisher_fr: str | None = None  # the publisher in French where its words are ours

    def edition_in(self, lang: str) -> str:
        return (self.edition_fr or self.edition) if lang == "fr" else self.edition

    def title_in(self, lang: str) -> str:
        return (self.title_fr or self.title) if lang == "fr" else self.title

    def publisher_in(self, lang: str) -> str:
        return (self.publisher_fr or self.publisher) if lang == "fr" else self.publisher


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with REFERENCES_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def references() -> list[Reference]:
    out = []
    for r in _data()["references"]:
        out.append(Reference(r["id"], r["title"], r["publisher"], str(r["edition"]), int(r["year"]), r["url"] or "",
                             r["category"], r["status"], dict(r["status_note"]), tuple(r["documents"]),
                             r.get("edition_fr"), r.get("title_fr"), r.get("publisher_fr")))
    return out


def glossary_terms(lang: str) -> list[tuple[str, str]]:
    return sorted((k, v[lang]) for k, v in _data()["glossary"].items())


def scope_gap(lang: str) -> str:
    return _data()["scope"]["gap"][lang]


def cited_references(pack_ids: list[str]) -> list[Reference]:
    """The references of the documents the rules of ``pack_ids`` cite, benchmarks by family."""
    from centreplan import standards

    documents = {s.document for pack in standards.load_packs(pack_ids) for rule in pack.rules for s in rule.sources}
    refs = [r for r in references() if documents & set(r.documents)]
    return sorted(refs, key=lambda r: (CATEGORY_ORDER.index(r.category), r.id))


def uncovered_documents(pack_ids: list[str]) -> set[str]:
    """Documents cited by the packs that no reference covers (a gap in the data)."""
    from centreplan import standards

    documents = {s.document for pack in standards.load_packs(pack_ids) for rule in pack.rules for s in rule.sources}
    covered = {d for r in references() for d in r.documents}
    return documents - covered


def rule_titles(pack_ids: list[str], lang: str) -> list[tuple[str, str, str]]:
    """(rule id, pack id, title) of every rule of the packs, by rule id."""
    from centreplan import standards

    rows = []
    for pack in standards.load_packs(pack_ids):
        for rule in pack.rules:
            rows.append((rule.id, pack.id, rule.title.fr if lang == "fr" else rule.title.en))
    return sorted(rows)


def summary_text(centre, report: Any, plan, lang: str) -> list[str]:
    """A few sentences written from the figures of the check."""
    _ = translator(lang)
    findings = list(report.findings) if report is not None else []
    fails = [f for f in findings if f.status == "fail"]
    sev = Counter(f.severity for f in fails)
    rules = {f.rule for f in findings}
    cannot = {f.rule for f in findings if f.status == "cannot_evaluate"}
    area = sum(plan.area(r.id) for r in centre.rooms if r.use != "outdoor")
    out = [_("The layout has {rooms} rooms and {beds} beds on {area} m² of floor for {n} residents.",
             rooms=len(centre.rooms), beds=centre.beds, area=number(area, 0, lang), n=centre.population.residents)]
    out.append(_("{rules} rules of {packs} packs were checked: {fails} failures ({critical} critical, {major} major, "
                 "{minor} minor); {cannot} rules could not be evaluated for lack of data.",
                 rules=len(rules), packs=len(report.packs) if report is not None else 0, fails=len(fails),
                 critical=sev.get("critical", 0), major=sev.get("major", 0), minor=sev.get("minor", 0),
                 cannot=len(cannot)))
    top = Counter(f.rule for f in fails).most_common(3)
    if top:
        out.append(_("Most frequent failures: {rules}.",
                     rules=", ".join(f"{rule} ({n})" for rule, n in top)))
    else:
        out.append(_("No rule checked fails."))
    out.append(_("None of the texts applied is binding in Senegal: the results measure the layout against "
                 "international and foreign benchmarks (see Scope and method)."))
    return out


# ---- flowables for the PDF report ---------------------------------------------------------------
CATEGORY_NAMES = {
    "binding": ("Binding in Senegal", "Obligatoire au Sénégal"),
    "benchmark-humanitarian": ("Benchmark: humanitarian standards", "Référence : normes humanitaires"),
    "benchmark-eu": ("Benchmark: European standards", "Référence : normes européennes"),
    "benchmark-fr": ("Benchmark: French law", "Référence : droit français"),
    "benchmark-us": ("Benchmark: United States codes", "Référence : codes des États-Unis"),
    "project": ("Data format of this tool", "Format de données de l'outil"),
}


def front_matter(centre, report: Any, plan, lang: str, *, author: str | None, organisation: str | None,
                 revision: str, date) -> list:
    """Document control, summary, scope and method."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from centreplan.exports.pdf_common import content_width, grid_table, p, styles, version

    _ = translator(lang)
    st = styles()
    width = content_width()
    story: list = [Paragraph(_("Document control"), st["h1"])]
    rows = [[p(_("Author"), "cellb"), p(author or _("not given"))],
            [p(_("Organisation"), "cellb"), p(organisation or _("not given"))],
            [p(_("Revision"), "cellb"), p(revision)],
            [p(_("Date"), "cellb"), p(date.isoformat())],
            [p(_("Produced with"), "cellb"), p(f"centreplan {version()}")]]
    story.append(grid_table(rows, [38 * mm, width - 38 * mm], header_rows=0))
    story.append(Paragraph(_("Summary"), st["h1"]))
    for sentence in summary_text(centre, report, plan, lang):
        story.append(p(sentence, "base"))
    story.append(Paragraph(_("Scope and method"), st["h1"]))
    packs = list(report.packs) if report is not None else []
    refs = cited_references(packs) if packs else []
    story.append(p(_("This report checks the layout of the centre (rooms as drawn, their uses, occupants, doors "
                     "and windows) rule by rule against the rule packs {packs}. Each rule measures the plan "
                     "(areas, widths, distances along the door graph, counts) and compares the measure with a "
                     "figure taken from a published text, cited with its edition and clause; a figure that "
                     "could not be confirmed in its text is marked unverified, and a rule that lacks data is "
                     "reported as not evaluated, never as passed.", packs=", ".join(packs) or "—"), "base"))
    binding = [r for r in refs if r.category == "binding"]
    story.append(p(_("Binding in Senegal: {texts}.", texts=", ".join(r.title_in(lang) for r in binding) if binding
                     else _("none of the texts applied")), "base"))
    story.append(p(scope_gap(lang), "base"))
    for cat in CATEGORY_ORDER[1:]:
        these = [r for r in refs if r.category == cat]
        if these:
            name = CATEGORY_NAMES[cat][1 if lang == "fr" else 0]
            sep = " : " if lang == "fr" else ": "
            titles = (" ; " if lang == "fr" else "; ").join(f"{r.title_in(lang)} ({r.edition_in(lang)})" for r in these)
            story.append(p(name + sep + titles, "base"))
    return story


def back_matter(report: Any, lang: str) -> list:
    """The reference list and the glossary of abbreviations and rule ids."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph

    from centreplan.exports.pdf_common import content_width, grid_table, p, styles

    _ = translator(lang)
    st = styles()
    width = content_width()
    packs = list(report.packs) if report is not None else []
    story: list = [PageBreak(), Paragraph(_("References"), st["h1"])]
    story.append(p(_("Status: verified = figure read in the text itself; secondary = read in a document that "
                     "quotes or reproduces it; unverified = not confirmed in any text (findings that use it "
                     "are marked)."), "note"))
    rows = [[p(_("Reference"), "cellb"), p(_("Publisher, edition, year"), "cellb"), p(_("Applies as"), "cellb"),
             p(_("Status"), "cellb")]]
    for r in cited_references(packs):
        title = r.title_in(lang) + (f" — {r.url}" if r.url else "")
        rows.append([p(title, "small"), p(f"{r.publisher_in(lang)}, {r.edition_in(lang)}, {r.year}", "small"),
                     p(CATEGORY_NAMES[r.category][1 if lang == "fr" else 0], "small"),
                     p(_(r.status) + (" : " if lang == "fr" else ": ") + r.status_note[lang], "small")])
    story.append(grid_table(rows, [70 * mm, 38 * mm, 26 * mm, width - 134 * mm]))
    story.append(Paragraph(_("Glossary"), st["h1"]))
    rows = [[p(_("Abbreviation"), "cellb"), p(_("Meaning"), "cellb")]]
    rows += [[p(k), p(v, "small")] for k, v in glossary_terms(lang)]
    story.append(grid_table(rows, [30 * mm, width - 30 * mm]))
    story.append(Paragraph(_("Rule ids"), st["h2"]))
    rows = [[p(_("Rule"), "cellb"), p(_("Pack"), "cellb"), p(_("Check"), "cellb")]]
    rows += [[p(rid), p(label("packs", pack, lang)), p(title, "small")]
             for rid, pack, title in rule_titles(packs, lang)]
    story.append(grid_table(rows, [34 * mm, 26 * mm, width - 60 * mm]))
    return story
