"""French outputs are entirely French: every finding of every rule scenario and of the three examples,
the programme and its comparison with each example, and the CLI's ``check --lang fr`` and
``programme --lang fr`` texts carry no English word of a stop list and no decimal point in a number.

Rule ids (``WIDTH-ROOM``), room ids and the names users gave their rooms are data, not words of the
software, and are taken out of a text before it is read.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from centreplan.layouts.io import centre_from_data, load_layout
from centreplan.planner.cli import main
from centreplan.standards import check, programme, programme_vs_layout
from tests.rules.scenarios import build_layout, scenario_files
from tests.rules.test_rule_scenarios import PACK_OF

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "layouts" / "examples").glob("*.yaml"))
STOP = ("room(s)", "door(s)", "household(s)", "room", "rooms", "door", "doors", "between", "only", "apart", "exit", "exits", "exit(s)", "beds", "bed",
        "required", "provided", "shortfall", "short", "missing", "shared", "through", "widest", "persons",
        "person", "residents", "household", "households", "lockable", "group", "groups", "none", "width",
        "floor", "overlap", "outline", "wall", "reachable", "met", "no", "the", "of", "and", "or", "for", "in",
        "with", "each", "at", "least", "most", "via", "sleeping", "showers", "basins", "phones", "wide", "all")
_WORD = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(STOP, key=len, reverse=True)) + r")(?!\w)",
                   re.IGNORECASE)
_DECIMAL_POINT = re.compile(r"\d+\.\d+")
_QUOTED = re.compile(r"«[^»]*»")  # a field name or a code of the layout format, quoted as such
_RULE_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")


def english_in(text: str, names: list[str]) -> list[str]:
    """English words and decimal points found in a French ``text``."""
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(n, " ")
    text = _QUOTED.sub(" ", _RULE_ID.sub(" ", text))
    found = [m.group(1) for m in _WORD.finditer(text)]
    found += [m.group(0) for m in _DECIMAL_POINT.finditer(text)]
    return found


def _names(centre) -> list[str]:
    return [r.name for r in centre.rooms if r.name] + [r.id for r in centre.rooms] + [d.id for d in centre.doors]


def _finding_texts(report) -> list[tuple[str, str]]:
    out = []
    for f in report.findings:
        for key in ("message_fr", "measured_fr", "required_fr", "fix_fr", "title_fr"):
            value = getattr(f, key)
            if value:
                out.append((f"{f.rule}/{f.subject}/{key}", value))
    return out


def test_the_stop_list_finds_english() -> None:
    assert english_in("respecté (1 medical room(s) ; exigé ≥ 1 medical room)", []) == ["room(s)", "room"]
    assert english_in("≤ 30.0 m (1 exit(s) reachable)", []) == ["exit(s)", "reachable", "30.0"]
    assert english_in("plafond à 2,40 m (WIDTH-ROOM) — Dortoir room A", ["Dortoir room A"]) == []


def _scenario_reports():
    for path in scenario_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc["cases"]):
            centre = centre_from_data(build_layout(case), source=f"{path.stem}[{i}]")
            yield f"{path.stem}[{i}]", centre, check(centre, case.get("packs", [PACK_OF[doc["rule"]]]))


def test_every_scenario_finding_reads_in_french() -> None:
    bad = []
    for name, centre, report in _scenario_reports():
        for where, text in _finding_texts(report):
            found = english_in(text, _names(centre))
            if found:
                bad.append(f"{name} {where}: {found} in {text!r}")
    assert bad == [], "\n".join(bad[:40])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_read_in_french(path: Path) -> None:
    centre = load_layout(path)
    report = check(centre, ["integrity", "humanitarian", "protection", "fire", "fr-cra"])
    prog = programme(centre.population, centre.centre.phase, centre.centre.climate)
    comparison = programme_vs_layout(prog, centre)
    texts = _finding_texts(report) + [(ln.item, ln.text_fr) for ln in prog.lines]
    texts += [(c.line.item, c.provided_fr) for c in comparison.lines]
    texts += [(c.line.item, c.shortfall_fr) for c in comparison.lines if c.shortfall_fr]
    bad = [f"{where}: {found} in {text!r}" for where, text in texts if (found := english_in(text, _names(centre)))]
    assert bad == [], "\n".join(bad[:40])


def _without_citations(lines: list[str]) -> list[str]:
    """The lines of a text report less its ``source:`` citations (titles and clauses of the documents
    cited, in their own language), continuation lines included."""
    out, indent = [], None
    for ln in lines:
        depth = len(ln) - len(ln.lstrip())
        if ln.strip().startswith("source"):
            indent = depth
            continue
        if indent is not None and depth > indent:
            continue
        indent = None
        out.append(ln)
    return out


def test_cli_check_and_programme_in_french(capsys: pytest.CaptureFixture) -> None:
    centre = load_layout(EXAMPLES[0])
    main(["check", str(EXAMPLES[0]), "--lang", "fr", "--all", "--packs",
          "humanitarian,protection,fire,fr-cra"])
    out = capsys.readouterr().out
    lines = _without_citations(out.splitlines())
    bad = [ln for ln in lines if english_in(ln, _names(centre) + [centre.centre.name])]
    assert bad == [], "\n".join(bad[:20])
    main(["programme", "--men", "50", "--women", "30", "--boys", "15", "--girls", "10", "--family-persons", "15",
          "--households", "4", "--lang", "fr"])
    out = capsys.readouterr().out
    body = out.split("Sources :")[0]
    bad = [ln for ln in body.splitlines() if english_in(ln, [])]
    assert bad == [], "\n".join(bad[:20])


@pytest.mark.verify
def test_french_compliance_pdf_reads_in_french(tmp_path: Path) -> None:
    """pdftotext reads the French compliance PDF of example (a), every pack and every outcome shown:
    no English word of the stop list and no decimal point, once the citations (titles and clauses of
    English documents), room names and ids are set aside."""
    import datetime as dt
    import shutil
    import subprocess

    from centreplan.exports.pdf_report import report_pdf_bytes

    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext is not installed (make verify-tools)")
    centre = load_layout(EXAMPLES[0])
    centre = centre.model_copy(update={"population": centre.population.model_copy(update={"boys": 30, "girls": 25})})
    report = check(centre, ["integrity", "humanitarian", "protection", "fire", "fr-cra"])
    pdf = tmp_path / "conformite.pdf"
    pdf.write_bytes(report_pdf_bytes(centre, report, "fr", date=dt.date(2026, 12, 1)))
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
    assert "BEDS-TOTAL" in text and "lits" in text
    text = re.sub(r"centreplan \d+(\.\d+)+", " ", text)  # the software's version in the page footer
    cited = {t for f in report.findings for t in re.split(r"[\s,;()]+", f.source + " " + (f.source_url or ""))}
    cited |= {t for n in _names(centre) + [centre.centre.name, centre.centre.location or ""] for t in n.split()}
    words = [w.strip(",;:()[]«»—.") for w in text.split()]
    # the reference list gives each document's own title, publisher, edition and address as published
    refs = (Path(__file__).resolve().parents[2] / "exports" / "references.yaml").read_text("utf-8")
    sep = r"[\s,;()\[\]«»—:/\-._#?='\"]+"
    bibliographic = set(re.split(sep, refs))

    def bibliographic_piece(w: str) -> bool:
        if "/" in w or w.count("-") >= 2:  # a web address cut by the line wraps of the reference list
            return True
        parts = [t for t in re.split(sep, w) if t]
        return bool(parts) and all(t in bibliographic or t in cited for t in parts)

    kept = " ".join(w for w in words if w and w not in cited and not bibliographic_piece(w))
    found = english_in(kept, [])
    assert found == [], found[:40]


def test_every_standards_message_is_translated() -> None:
    """The words of the text report and of the programme are gettext messages of the ``standards``
    domain, each with a translation in both catalogues and the same placeholders."""
    from centreplan.planner.i18n import placeholder_mismatches, untranslated, used_messages

    root = Path(__file__).resolve().parents[2]
    used = used_messages(sorted((root / "standards").rglob("*.py")))
    assert len(used) > 40
    assert untranslated(used, "standards") == {}
    assert placeholder_mismatches("standards") == []


# French articles before a group name: "des hommes" but "du personnel" (staff is singular in French) and
# "de tous les groupes"; "aux femmes" but "au personnel"
WRONG_ARTICLE = re.compile(r"\b(?:des|aux|les) (?:personnel|tous les groupes)\b", re.IGNORECASE)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_staff_rooms_excepted_read_du_personnel_not_des_personnel(path: Path) -> None:
    """Regression: SEP-SAN-SEX on the staff WCs read « les locaux des personnel sont exceptés »."""
    centre = load_layout(path)
    report = check(centre, ["integrity", "humanitarian", "protection", "fire", "fr-cra", "accessibility"])
    texts = [(where, t) for where, t in _finding_texts(report)]
    assert [t for _, t in texts if WRONG_ARTICLE.search(t)] == []
    excepted = [f.message_fr for f in report.findings if f.rule == "SEP-SAN-SEX" and f.group == "staff"
                and f.status == "not_applicable"]
    assert excepted and all("les locaux du personnel sont exceptés" in m for m in excepted)


def test_french_articles_contract_before_singular_group_names() -> None:
    from centreplan.planner.vocabulary import contract
    assert contract("les locaux des personnel sont exceptés", "fr") == "les locaux du personnel sont exceptés"
    assert contract("Donner aux personnel un sanitaire", "fr") == "Donner au personnel un sanitaire"
    assert contract("une pièce des tous les groupes", "fr") == "une pièce de tous les groupes"
    assert contract("il ne sert qu'aux tous les groupes", "fr") == "il ne sert qu'à tous les groupes"
    assert contract("les locaux des hommes", "fr") == "les locaux des hommes"
    assert contract("rooms of des personnel", "en") == "rooms of des personnel"
