"""The report's scope and method, reference list, glossary and summary (exports/report_references.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from reportlab.platypus import Paragraph

from centreplan import standards
from centreplan.exports.pdf_report import report_story
from centreplan.exports.report_references import (
    cited_references,
    glossary_terms,
    references,
    rule_titles,
    summary_text,
    uncovered_documents,
)
from centreplan.layouts.io import load_layout
from centreplan.planner.geometry import build_plan

ALL_PACKS = ["integrity", "humanitarian", "protection", "accessibility", "fire", "fr-cra"]
EXAMPLE_C = Path(__file__).resolve().parents[2] / "layouts" / "examples" / "c_collective_centre_school.yaml"


def test_every_document_the_packs_cite_is_in_the_reference_list():
    assert uncovered_documents(ALL_PACKS) == set()


def test_each_reference_is_complete_and_none_is_binding_in_senegal():
    refs = references()
    assert len({r.id for r in refs}) == len(refs)
    for r in refs:
        assert r.title and r.publisher and r.edition and 1980 <= r.year <= 2026
        assert r.url.startswith("https://") or r.category == "project"
        assert r.status in ("verified", "secondary", "unverified")
        assert r.status_note["en"] and r.status_note["fr"]
        assert r.category != "binding"  # standards.md: none of the sources is binding in Senegal


def test_the_fire_pack_cites_the_french_fire_texts_and_the_layout_format():
    # integrity is always checked, so the layout format is cited too
    assert [r.id for r in cited_references(["fire"])] == ["FR-CT", "FR-ERP-1980", "CENTREPLAN-LAYOUT"]


def test_glossary_explains_the_abbreviations_in_both_languages():
    en, fr = dict(glossary_terms("en")), dict(glossary_terms("fr"))
    assert set(en) == set(fr) >= {"CESEDA", "CPT", "ERP", "EUAA", "UNHCR", "WASH", "UASC", "IBC"}
    assert "Council of Europe" in en["CPT"] and "Conseil de l'Europe" in fr["CPT"]
    ids = [rid for rid, _pack, _t in rule_titles(["fire"], "fr")]
    assert "EXITS-COUNT" in ids and "GEO-VALID" in ids


def test_summary_is_written_from_the_figures():
    centre = load_layout(EXAMPLE_C)
    plan = build_plan(centre)
    f = lambda rule, status, severity="major": SimpleNamespace(rule=rule, status=status, severity=severity)  # noqa: E731
    report = SimpleNamespace(packs=["integrity", "fire"], findings=[
        f("DIST-EXIT", "fail", "critical"), f("DIST-EXIT", "fail", "critical"), f("LOCK-WC", "fail", "minor"),
        f("HEIGHT-EU", "cannot_evaluate"), f("GEO-VALID", "pass")])
    text = summary_text(centre, report, plan, "en")
    area = sum(plan.area(r.id) for r in centre.rooms if r.use != "outdoor")
    assert text[0] == f"The layout has 31 rooms and 80 beds on {area:,.0f} m² of floor for 80 residents."
    assert text[1] == ("4 rules of 2 packs were checked: 3 failures (2 critical, 0 major, 1 minor); 1 rules "
                       "could not be evaluated for lack of data.")
    assert text[2] == "Most frequent failures: DIST-EXIT (2), LOCK-WC (1)."
    assert "binding in Senegal" in text[3]


def test_the_report_has_control_summary_scope_references_and_glossary():
    centre = load_layout(EXAMPLE_C)
    report = standards.check(centre)
    story = report_story(centre, report, "fr", date=dt.date(2026, 12, 1), author="A. Diallo",
                         organisation="Ministère", revision="B")
    heads = [x.getPlainText() for x in story if isinstance(x, Paragraph)]
    for title in ("Suivi du document", "Résumé", "Objet et méthode", "Références", "Glossaire"):
        assert title in heads
    assert heads.index("Objet et méthode") < heads.index("Références")
    texts = " ".join(heads)
    assert "Obligatoire au Sénégal : aucun des textes appliqués." in texts
    assert "Aucune réglementation sénégalaise" in texts


def test_editions_are_written_in_french_where_their_words_are_ours():
    """A reference's edition ('March 2018', 'current', 'in force since 1 May 2021') is the project's words and
    reads in French in French documents; its title stays as published."""
    import re

    from tests.unit.test_standards_french import english_in

    refs = {r.id: r for r in references()}
    assert refs["SPHERE-2018"].edition_in("fr") == "4e édition"
    assert refs["SPHERE-2018"].edition_in("en") == "4th edition"
    for r in refs.values():
        if re.search(r"[A-Za-z]{2}", r.edition) and r.edition != "v1":
            assert r.edition_fr, f"{r.id}: edition {r.edition!r} has no French"
        assert english_in(r.edition_in("fr"), []) == [], r.id


def test_titles_and_publishers_in_our_words_are_french_in_french_documents():
    """Regression: the French report listed « Code du travail, art. R4216-8 and following (exits of
    workplaces) » and « centreplan layout file format »: where a title or a publisher is the project's
    words (an article range, what a code covers, a description), it reads in French; a published title
    (« The Sphere Handbook: Humanitarian Charter… ») stays as published, in both languages."""
    from tests.unit.test_standards_french import english_in

    refs = {r.id: r for r in references()}
    assert refs["FR-CT"].title_in("fr") == ("Code du travail, art. R4216-8 et suivants (dégagements des lieux de "
                                           "travail), R4227-29 (extincteurs)")
    assert refs["FR-CT"].title_in("en") == refs["FR-CT"].title
    assert refs["CENTREPLAN-LAYOUT"].title_in("fr") == "format de fichier de plan de centreplan, centreplan/1"
    assert refs["SPHERE-2018"].title_in("fr") == refs["SPHERE-2018"].title
    assert "tel que repris" in refs["IBC-IPMC"].publisher_in("fr")
    for r in refs.values():
        for fr in (r.title_fr, r.publisher_fr):
            if fr:
                assert english_in(fr, ["International Building Code", "International Property Maintenance Code",
                                       "International Code Council", "Placement of persons receiving treatment",
                                       "The Sphere Handbook", "standards.md"]) == [], r.id
