"""French equipment and export outputs are entirely French: ``equip --lang fr`` text, the French texts of
the procurement JSON, the French XLSX (read back with openpyxl) and the French PDFs (pdftotext, marked
``verify``) carry no English word of the stop list of tests/unit/test_standards_french.py and no decimal
point in a number, for the three examples.

Data is not words of the software and is taken out before reading: the names users gave their rooms and
centres, ids, and citations (the documents, clauses and notes of a source as the reference gives them,
in the language of the document: ``Sphere Handbook 2018 (4th ed.), p.118``; the packs' clauses in French,
whose words tests/unit/test_standards_citations.py reads), including the sources of exchange rates and prices. Version numbers and material codes (``UNSPSC v7.0901``, ``ISO 1.4016``,
``centreplan 0.1.0``) are codes, not numbers.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from centreplan import standards
from centreplan.equipment import procurement_list
from centreplan.equipment import text as equipment_text
from centreplan.equipment.basis import source_text, templates
from centreplan.equipment.catalogue import CITATION_IDS, load_catalogue
from centreplan.equipment.cli import render_text
from centreplan.exports.pdf_procurement import procurement_pdf_bytes
from centreplan.exports.pdf_report import report_pdf_bytes
from centreplan.exports.sheets import xlsx_bytes
from centreplan.layouts.io import load_layout
from centreplan.standards.packs import citations_fr
from tests.unit.test_standards_french import english_in

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "layouts" / "examples").glob("*.yaml"))
CODES = re.compile(r"UNSPSC v\d+\.\d+|ISO \d\.\d{4}(?:/\d\.\d{4})?|centreplan \d+\.\d+\.\d+|§\d+(?:\.\d+)*"
                   r"|(?:tableau|Table) \d+(?:\.\d+)+")  # clause numbers of a cited document
NUMBERING = re.compile(r"\d+(?:\.\d+)+")  # item numbers of the tender annexes (1.1, 4.1.2)
URLISH = re.compile(r"\S*[/.:]\S*")


@pytest.fixture(scope="module")
def centres() -> list[Any]:
    return [load_layout(p) for p in EXAMPLES]


@pytest.fixture(scope="module")
def plist(centres: list[Any]) -> Any:
    return procurement_list(centres)


def _names(centres: list[Any]) -> list[str]:
    out = [c.centre.name for c in centres] + [c.centre.location or "" for c in centres]
    for c in centres:
        out += [r.name for r in c.rooms if r.name] + [r.id for r in c.rooms] + [d.id for d in c.doors]
    return [n for n in out if n]


def _citations(plist: Any) -> list[str]:
    """Source texts as the reference gives them (documents in their own language). A line's source is not
    one of them: only its citation ids and the document titles of the source register are; its words
    (``source_fr``) are read like any other French text."""
    cat = load_catalogue()
    out = [f"{k} {title}" for k, title in cat.sources.items()] + list(cat.sources.values())
    out += [ln.price_source or "" for ln in plist.lines]
    out += [str(r.get("source", "")) for r in plist.fx.values()]
    out += [r.source for c in plist.costs.values() for r in c.running + c.construction if not r.source_fr]
    for pack in (ROOT / "standards" / "packs").glob("*.yaml"):
        _walk(yaml.safe_load(pack.read_text(encoding="utf-8")), out)
    _walk(yaml.safe_load((ROOT / "exports" / "references.yaml").read_text(encoding="utf-8")), out)
    # the packs' clauses in French: their clause numbers (indicateur 45.3, norme 3.2) are not decimals,
    # and their words are read by tests/unit/test_standards_citations.py
    fr = citations_fr()
    out += [c.replace("« ", "«\u00a0").replace(" »", "\u00a0»") for c in [*fr.clauses.values(), *fr.shorts.values()]]
    return sorted({c for c in out if c and len(c) > 3}, key=len, reverse=True)


def _walk(x: Any, out: list[str]) -> None:
    if isinstance(x, dict):
        for k, v in x.items():
            if k in ("document", "clause", "edition", "title", "publisher", "url", "note") and isinstance(v, str):
                out.append(v)
            _walk(v, out)
    elif isinstance(x, list):
        for v in x:
            _walk(v, out)


def english_lines(text: str, names: list[str], citations: list[str]) -> list[str]:
    """The lines of a French ``text`` that still hold English words or decimal points."""
    for c in citations:
        text = text.replace(c, " ")
    text = CODES.sub(" ", text)
    return [f"{found} in {line.strip()[:160]!r}" for line in text.splitlines() if (found := english_in(line, names))]


def test_equip_text_in_french_has_no_english(monkeypatch: pytest.MonkeyPatch, centres: list[Any], plist: Any) -> None:
    monkeypatch.setattr(equipment_text, "WIDTH", 100_000)  # one line per entry: citations are found whole
    text = render_text(plist, "fr", spec=True)
    assert "Liste d'achats : 3\u00a0centres" in text
    bad = english_lines(text, _names(centres), _citations(plist))
    assert bad == [], "\n".join(bad[:40])


def test_equip_text_in_english_keeps_its_words(plist: Any) -> None:
    text = render_text(plist, "en")
    assert text.startswith("Procurement list: 3 centres, supply period 3 months")
    assert "basis [1]: 1 per resident × 120" in text and "== Warnings ==" in text


def _french_texts(x: Any, key: str = "") -> list[tuple[str, str]]:
    if isinstance(x, dict):
        return [t for k, v in x.items() for t in _french_texts(v, k if k != "fr" else key + ".fr")]
    if isinstance(x, list):
        return [t for v in x for t in _french_texts(v, key)]
    if isinstance(x, str) and (key.endswith("_fr") or key.endswith(".fr")):
        return [(key, x)]
    return []


def test_procurement_json_french_texts_have_no_english(centres: list[Any], plist: Any) -> None:
    texts = _french_texts(plist.to_json_data())
    assert len(texts) > 500
    names, cites = _names(centres), _citations(plist)
    bad = [f"{k}: {e}" for k, t in texts for e in english_lines(t, names, cites)]
    assert bad == [], "\n".join(bad[:40])


def test_french_xlsx_has_no_english(centres: list[Any]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    centre = centres[0]
    plist = procurement_list([centre])
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(centre, standards.check(centre), plist, "fr")))
    cells = [f"{ws.title}: {v}" for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
             for v in row if isinstance(v, str) and not NUMBERING.fullmatch(v)]
    assert len(cells) > 200
    bad = english_lines("\n".join(c.replace("\n", " ") for c in cells), _names(centres), _citations(plist))
    assert bad == [], "\n".join(bad[:40])


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    res = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True)
    return res.stdout


def _flatten(text: str, citations: list[str]) -> str:
    """PDF text in one line per paragraph-ish run: citations wrapped over lines are found whole once the
    whitespace is collapsed; pieces of addresses a table cell broke are dropped."""
    def norm(t: str) -> str:
        return re.sub(r"\s+", " ", CODES.sub(" ", t)).strip()
    flat = norm(text)
    for c in citations:
        flat = flat.replace(norm(c), " ")
    urls = [c for c in citations if "/" in c]
    return " ".join(t for t in flat.split(" ")
                    if not ((URLISH.fullmatch(t) or len(t) >= 8) and any(t in u for u in urls)))


@pytest.mark.verify
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_french_pdfs_have_no_english(tmp_path: Path, centres: list[Any]) -> None:
    centre = centres[0]
    plist = procurement_list([centre])
    names, cites = _names(centres), _citations(plist)
    for what, pdf in (("compliance", report_pdf_bytes(centre, standards.check(centre), "fr")),
                      ("procurement", procurement_pdf_bytes(centre, plist, "fr"))):
        flat = _flatten(_pdf_text(pdf, tmp_path), cites)
        found = english_in(flat, names)
        assert found == [], f"{what}: {found[:40]}"
        packs = re.findall(r"\b(humanitarian|protection_pack|fire|integrity|fr-cra)\b", flat)
        assert packs == [], f"{what}: raw pack ids {packs}"


def test_every_message_of_the_equipment_text_is_translated() -> None:
    from centreplan.planner.i18n import placeholder_mismatches, untranslated, used_messages

    used = used_messages(sorted((ROOT / "equipment").glob("*.py")))
    assert len(used) > 30
    assert untranslated(used, "equipment") == {}
    assert placeholder_mismatches("equipment") == []


def _prose(source: str) -> list[str]:
    """The words of a catalogue ``source`` that are neither citation ids nor the titles of the documents it
    cites (``S5 kit page`` → ``kit``, ``page``), and its decimal points: what a French document must translate."""
    cat = load_catalogue()
    for title in sorted((t for k, t in cat.sources.items() if k != "DESIGN"), key=len, reverse=True):
        source = source.replace(title, " ")
    titles = {w.lower() for k in CITATION_IDS.findall(source)
              for w in re.findall(r"[A-Za-z]+", cat.sources.get(k, ""))}
    source = CITATION_IDS.sub(" ", source)
    words = [w for w in re.findall(r"(?<![\w-])[a-z]{3,}(?![\w-])", source) if w not in titles]
    return words + re.findall(r"\d+\.\d+", source)


def test_every_catalogue_source_with_prose_has_a_french_source() -> None:
    cat = load_catalogue()
    missing = {i.id: _prose(i.source) for i in cat.items.values() if _prose(i.source) and not i.source_fr}
    assert missing == {}
    assert _prose("S5 (kit page HFURBEMAC01)") == ["kit", "page"]
    assert _prose("S20") == [] and _prose("S5 HFURBEMA") == []
    assert _prose("S23 (Code du travail R4227-29)") == []  # the cited document's own words
    assert sum(1 for i in cat.items.values() if i.source_fr) >= 30


def test_french_sources_of_the_catalogue_and_the_sizing_have_no_english() -> None:
    cat = load_catalogue()
    titles = sorted((t for k, t in cat.sources.items() if k != "DESIGN"), key=len, reverse=True)
    texts = [(i.id, i.source_fr) for i in cat.items.values() if i.source_fr]
    texts += [(k, t["fr"]) for k, t in templates().items() if k.startswith("source.")]
    assert len(texts) > 35
    bad = [f"{k}: {e}" for k, t in texts for e in english_lines(t, [], titles)]
    assert bad == [], "\n".join(bad)


def test_a_line_prints_its_french_source_in_french(plist: Any) -> None:
    lines = {ln.id: ln for ln in plist.lines + plist.works}
    bed = lines["BED-01"]
    assert bed.source.startswith("S2 Sphere Handbook (2011 standards") and "design choice" in bed.source
    assert bed.source_fr == ("S2 « Sphere Handbook » (normes de 2011, édition en ligne spherehandbook.org) (Sphere : "
                             "literie permettant des couchages séparés, qualitatif) ; 1 place par personne est un "
                             "choix de conception")
    assert bed.source_in("fr") == bed.source_fr and bed.source_in("en") == bed.source
    # a bare citation: the register's French entry (the catalogue's published title kept, in guillemets)
    assert lines["PIL-01"].source_fr == "S5 « IFRC/ICRC Emergency Items Catalogue » (EIC), fiches des articles"
    assert lines["PIL-01"].source == "S5 IFRC/ICRC Emergency Items Catalogue (EIC), item pages"
    assert source_text("design choice, no source", "fr") == "choix de conception, sans source"
    assert source_text("S5", "fr") == "S5"
    assert source_text("design choice, no source", "en") == "design choice, no source"
