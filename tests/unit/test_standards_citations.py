"""The rule packs' citations in French (standards/clauses_fr.yaml): every clause of every pack has a French
entry and every entry a clause (a new rule cannot print English in a French report, a changed clause
leaves no stale entry), the French citations carry no English word, and the French outputs print them:
the report JSON (``source_fr``, added after the contract's keys), the programme, the CLI and the
"Sources des règles" table of the French compliance PDF of example (a).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from centreplan.layouts.io import load_layout
from centreplan.planner.cli import main
from centreplan.standards import check, load_packs, pack_names, programme
from centreplan.standards.packs import Rule, Source, citations_fr
from centreplan.standards.report import Report
from tests.unit.test_standards_french import english_in

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "layouts" / "examples" / "a_assistance_centre_120.yaml"
# words of an English citation (beyond the shared stop list); "note", "section" and "page" are French too
CITATION_WORDS = ("indicator", "indicators", "guidance", "annex", "appendix", "chapter", "ch", "standard",
                  "key", "pp", "paragraph", "recommendation", "definition", "quoted", "practice",
                  "layout", "as", "adopted", "summarised", "care", "emergency", "toilet", "shelter", "shelters",
                  "settlement", "settlements", "management", "excreta", "living", "space", "spaces", "design",
                  "entrance", "separate", "security", "safety", "private", "interviews", "screening",
                  "procedure", "arrival", "board", "visit", "facilities", "bathing", "turning", "should", "be",
                  "to", "on", "per", "than", "not", "then", "level", "changes", "outdoor", "indoor", "paths",
                  "window", "openable", "bedroom", "bedrooms", "staff", "access", "day", "women", "female",
                  "male", "individuals", "inside", "locks", "lighting", "communal",
                  "keep", "between", "patient", "dedicated", "bathroom", "text", "read", "asks", "friendly",
                  "children", "area", "planning", "analysis", "assessment", "sanitation", "ramp", "runs")
_CITATION_WORD = re.compile(r"(?<![\w-])(" + "|".join(sorted(CITATION_WORDS, key=len, reverse=True)) + r")(?![\w-])",
                            re.IGNORECASE)
# what a citation numbers (§1.3, indicateur 45.4, norme 3.2, indicateurs 2.1 à 2.4) is not a decimal number;
# a file name is a name
_NUMBERING = re.compile(r"(?:§|\b(?:indicateurs?|norme|annexe|et|à)\s)[A-Z]?\d*(?:\.\d+)+|\S+\.md\b")


def _names() -> list[str]:
    """The short names printed as they are (``EASO 2016``, ``Stranieri in Italia 2020``) and rule ids."""
    return sorted({s.short for s in _sources()} - set(citations_fr().shorts), key=len, reverse=True)


def english_in_citation(text: str) -> list[str]:
    """English words (the shared stop list and :data:`CITATION_WORDS`) and decimal points in a French
    citation; what it quotes between « guillemets » is taken out first (a published English heading,
    a field name of the layout format), and the names of sources and rules."""
    text = re.sub(r"«[^»]*»", " ", text)
    for name in _names():
        text = text.replace(name, " ")
    text = re.sub(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b", " ", text)
    found = english_in(_NUMBERING.sub(" ", text), [])
    return found + [m.group(1) for m in _CITATION_WORD.finditer(text)]


def _rules() -> list[Rule]:
    return [r for p in load_packs(pack_names()) for r in p.rules]


def _sources() -> list[Source]:
    return [s for r in _rules() for s in r.sources]


def test_every_clause_of_every_pack_has_a_french_entry() -> None:
    clauses = {s.clause for s in _sources()}
    assert len(clauses) >= 71
    assert sorted(clauses - set(citations_fr().clauses)) == []


def test_no_french_entry_is_stale() -> None:
    assert sorted(set(citations_fr().clauses) - {s.clause for s in _sources()}) == []
    assert sorted(set(citations_fr().shorts) - {s.short for s in _sources()}) == []


def test_the_citation_stop_list_finds_english() -> None:
    assert english_in_citation("EASO 2016, §1.3, indicator 5.1") == ["5.1", "indicator"]
    assert english_in_citation("Sphere 2018, Excreta management standard 3.2, guidance note, p. 118") == [
        "3.2", "Excreta", "management", "standard", "guidance"]
    assert english_in_citation("IOM 2007, ch. 4, Shelter guidelines") == ["ch", "Shelter"]
    # clause numbers, a quoted heading and French words that English shares are not English here
    assert english_in_citation("EASO 2016, §1.2, indicateurs 2.1 à 2.4 ; EUAA 2018, §9.2, indicateurs 44.3 et 45.2") \
        == []
    assert english_in_citation("CBM HHOT, rubrique « To make sure latrines are easily available and accessible »") == []
    assert english_in_citation("Sphère 2018, norme 3.2 sur la gestion des excréments, note d'orientation, p. 118") == []
    assert english_in_citation("2.40 m") == ["2.40"]


def test_every_french_citation_reads_in_french() -> None:
    bad = {r.id: found for r in _rules() if (found := english_in_citation(r.cite("fr")))}
    assert bad == {}
    # and every English one is caught by the same reading (where a clause has words of its own)
    english = {r.id for r in _rules() if english_in_citation(r.cite())}
    assert len(english) >= 40


def test_a_rule_cites_its_sources_in_french() -> None:
    rules = {r.id: r for r in _rules()}
    assert rules["AREA-BED-EU"].cite() == "EASO 2016, §1.3, indicator 5.1; EUAA 2018, §9.2, indicator 44.1"
    assert rules["AREA-BED-EU"].cite("fr") == "EASO 2016, §1.3, indicateur 5.1 ; EUAA 2018, §9.2, indicateur 44.1"
    assert rules["FIX-WC-HUM"].cite("fr").startswith(
        "Sphère 2018, norme 3.2 sur la gestion des excréments, note d'orientation, p. 118 ; UNHCR WASH 2018, ")
    assert rules["REQ-DINING"].cite("fr") == "EUAA 2018, §9.4, norme 51"
    assert rules["INF-ISO-WC"].cite("fr").startswith("CDC 2020 (cité), ")
    # a guillemet holds to what it quotes (no line break after « or before »)
    assert rules["GEO-VALID"].cite("fr") == "format de plan centreplan v1, §2, «\u00a0rooms[].polygon\u00a0»"
    assert rules["CAP-CRA"].cite("fr") == "CESEDA, art. R744-6 (capacité)"


def test_a_clause_of_ones_own_pack_with_no_french_entry_is_cited_as_given() -> None:
    s = Source(short="Local code 2024", document="Local building code", edition="2024", clause="art. 12")
    assert s.cite("fr") == "Local code 2024, art. 12" == s.cite()


def test_the_report_json_adds_source_fr_after_the_contract_keys() -> None:
    report = check(load_layout(EXAMPLE), pack_names())
    rules = {r.id: r for r in _rules()}
    data = report.to_json_data()
    for f in data["findings"]:
        assert list(f)[-1] == "source_fr"
        assert f["source"] == rules[f["rule"]].cite()
        assert f["source_fr"] == rules[f["rule"]].cite("fr")
    # a report written before source_fr reads back, and cites its English in French
    old = json.loads(json.dumps(data))
    for f in old["findings"]:
        del f["source_fr"]
    again = Report.model_validate(old)
    assert again.findings[0].source_fr is None
    assert again.findings[0].source_in("fr") == again.findings[0].source


def test_the_programme_cites_in_french() -> None:
    prog = programme(load_layout(EXAMPLE).population, "stabilised", "hot")
    line = next(ln for ln in prog.lines if "AREA-BED-EU" in ln.rules)
    assert "AREA-BED-EU: EASO 2016, §1.3, indicator 5.1" in line.source
    assert "AREA-BED-EU : EASO 2016, §1.3, indicateur 5.1" in line.source_fr
    assert line.source_in("fr") == line.source_fr and line.source_in("en") == line.source
    bad = {ln.item: found for ln in prog.lines if (found := english_in_citation(ln.source_fr))}
    assert bad == {}


def test_check_lang_fr_prints_french_citations(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(EXAMPLE), "--lang", "fr", "--all"])
    out = capsys.readouterr().out
    assert "source : EASO 2016, §1.3, indicateur 5.1 ; EUAA 2018, §9.2, indicateur 44.1" in out
    assert "indicator" not in out and "guidance" not in out


def _sources_table(text: str) -> str:
    """The "Sources des règles" table of a French compliance PDF's text, in one line."""
    flat = re.sub(r"\s+", " ", re.sub(r"centreplan \d+\.\d+\.\d+", " ", text))  # the version in the footer
    start = flat.index("Sources des règles")
    return flat[start:flat.index("Pièces", start)]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_sources_table_of_the_french_pdf_is_french(tmp_path: Path) -> None:
    from centreplan.exports.pdf_report import report_pdf_bytes

    centre = load_layout(EXAMPLE)
    report = check(centre)
    path = tmp_path / "a.pdf"
    path.write_bytes(report_pdf_bytes(centre, report, "fr"))
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    table = _sources_table(text)
    rules = {r.id: r for r in _rules()}
    cited = sorted({f.rule for f in report.findings})
    assert len(cited) > 40
    for rid in cited:  # each rule's French citation, whole (the cell may break a line anywhere)
        assert re.sub(r"\s+", " ", rules[rid].cite("fr")).replace("\u00a0", " ") in table.replace("\u00a0", " ")
    assert english_in_citation(table) == []


def test_the_findings_sheet_of_the_french_workbook_cites_in_french() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import io

    from centreplan.exports.sheets import xlsx_bytes

    centre = load_layout(EXAMPLE)
    report = check(centre)
    rules = {r.id: r for r in _rules()}
    for lang in ("fr", "en"):
        ws = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(centre, report, None, lang)))[
            "Constats" if lang == "fr" else "Findings"]
        head = next(r for r in ws.iter_rows(values_only=True) if "Source" in r)  # under the title rows
        rule_col, source_col = head.index("Règle" if lang == "fr" else "Rule"), head.index("Source")
        rows = [r for r in ws.iter_rows(values_only=True) if r[rule_col] in rules]
        assert len(rows) > 100
        assert all(r[source_col] == rules[r[rule_col]].cite(lang) for r in rows)
