"""The DXF import report speaks the user's language: every message key has its English and French text
(with the same placeholders), and the French report of the synthetic plans of the DXF import tests and
of every real plan of ../shared/samples/real_dxf/ (skipped when absent; never copied here) carries no
English word of the stop list of tests/unit/test_standards_french.py and no decimal point in a number.

Names the user drew (layers, label texts, blocks, file names) are data and are set aside before reading,
as are command-line options (``--units in``), the YAML the user is told to paste (in backquotes) and
the texts of the libraries that read the drawing (ezdxf's, GEOS's and pydantic's error messages, kept in
``error``/``why`` values): these stay as they are written.
"""
from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import ezdxf
import pytest

from bench.dxf_import_real import REAL
from centreplan.layouts.dxf.messages import AUDIT_CODES, KIND_TITLES, MESSAGES, REFUSALS, WORDS, render, translate
from centreplan.layouts.dxf_import import import_dxf
from centreplan.planner.cli import main
from centreplan.planner.i18n import catalogue, placeholder_mismatches, untranslated, used_messages
from tests.unit.test_dxf_import import r12_file, r12_line, r12_polyline, r12_text, rect, write, write_centre
from tests.unit.test_dxf_import_areas import _plan_in_cm_said_mm
from tests.unit.test_dxf_import_detect import new_doc, save, walls_plan
from tests.unit.test_dxf_import_symbols import two_rooms
from tests.unit.test_standards_french import english_in

ROOT = Path(__file__).resolve().parents[2]
REAL_FILES = sorted(REAL.glob("*.dxf")) if REAL.is_dir() else []
OPTION = re.compile(r"--[a-z][a-z-]*(?: (?!\()[^\s;)]+)?")  # --units in, --map, --region X0,Y0,X1,Y1
CODE = re.compile(r"`[^`]*`")
# values that are the user's drawing or a library's words, never the software's
DATA_KEYS = {"text", "layer", "name", "labels", "path", "words", "id", "offset", "handle", "room", "rooms", "a", "b",
             "door", "region", "version", "error", "why", "source", "type", "entity", "layers", "message"}


# ---- every key in both languages -----------------------------------------------------------------

def _sample(spec: str) -> Any:
    """A value a placeholder with format ``spec`` may receive."""
    return {"unit": "cm", "use": "dormitory", "useq": "storage", "group": ["men", "women"], "q": "SALON",
            "t": "lines on the wall, room and window layers", "geos": "self-intersection at (1.00, 2.00)",
            "audit": {"code": "INVALID_OWNER_HANDLE", "message": "Fixed invalid owner handle of SPLINE(#13A).",
                      "entity": "SPLINE(#13A)", "line": None},
            "pct": 0.125, "+pct": -0.33}.get(spec, 1234.5 if spec else 3)


def _params(template: str) -> dict[str, Any]:
    return {f: _sample(s or "") for _, f, s, _ in string.Formatter().parse(template) if f}


TEMPLATES = {**{f"message {k}": v for k, v in MESSAGES.items()}, **{f"word {k}": v for k, v in WORDS.items()},
             **{f"refusal {k}": v for k, v in REFUSALS.items()},
             **{f"title {k}": v for k, v in KIND_TITLES.items()}, **{f"audit {k}": v for k, v in AUDIT_CODES.items()}}


@pytest.mark.parametrize("key", sorted(TEMPLATES))
def test_every_message_key_reads_in_english_and_in_french(key):
    template = TEMPLATES[key]
    for lang in ("en", "fr"):
        assert catalogue(lang, "layouts").get(template, "").strip(), f"{key}: no {lang} text"
    if key.startswith(("title ", "audit ")):
        fr = translate(template, "fr")
        assert fr != template and english_in(_plain(fr), []) == [], fr
        return
    name = key.split(" ", 1)[1]
    params = _params(template)
    fr = render(name, params, "fr")
    assert render(name, params, "en") and fr
    names = [str(v) for k, v in params.items() if k in DATA_KEYS and isinstance(v, str)] + ["SALON"]
    assert english_in(_plain(fr), names) == [], fr
    assert "1234.5" not in fr and "1,234.5" not in fr  # numbers are written the French way


def test_the_layouts_catalogue_is_complete_and_its_placeholders_match():
    files = sorted((ROOT / "layouts" / "dxf").glob("*.py")) + [ROOT / "layouts" / "dxf_import.py"]
    used = used_messages(files)
    assert len(used) > 200
    assert untranslated(used, "layouts") == {}
    assert placeholder_mismatches("layouts") == []
    # every text of the tables is marked (N_) where it is written, so extraction finds it
    assert {*MESSAGES.values(), *WORDS.values(), *KIND_TITLES.values(), *AUDIT_CODES.values(),
            *REFUSALS.values()} <= set(used)


def test_french_numbers_and_names_in_a_message():
    params = {"room": "R01", "stated": 24.5, "drawn": 1234.5, "off": -0.33}
    assert render("area_check.room", params, "en") == (
        "room R01: its label says 24.5 m² but its outline as drawn measures 1234.50 m² (-33 %): check the outline "
        "(or the label)")
    assert render("area_check.room", params, "fr") == (
        "pièce R01 : son étiquette indique 24,5\u00a0m² mais son contour dessiné mesure 1\u202f234,50\u00a0m² "
        "(-33\u00a0%) : vérifiez le contour (ou l'étiquette)")
    assert render("use_unknown", {"room": "R2", "text": "LOCAL 12", "use": "storage"}, "fr") == (
        "pièce R2 : aucun mot connu dans l'étiquette « LOCAL 12 » : usage mis à « stockage » — à renseigner")


# ---- whole reports in French ------------------------------------------------------------------------

def _plain(text: str) -> str:
    return CODE.sub(" ", OPTION.sub(" ", text))


def _strings(x: Any, out: list[str]) -> None:
    if isinstance(x, str):
        out.append(x)
    elif isinstance(x, dict):
        for k, v in x.items():
            if k in DATA_KEYS or not isinstance(v, str):
                _strings(v, out)
    elif isinstance(x, (list, tuple)):
        for v in x:
            _strings(v, out)


def _data(result) -> list[str]:
    """The user's names and the libraries' words in a report (see the module documentation)."""
    rep = result.report
    out = [rep.source, *rep.unknown_layers, *(e.layer for e in rep.ignored_why.values())]
    out += [r.id for r in result.centre.rooms] + [r.name for r in result.centre.rooms if r.name]
    for it in rep.items:
        out += [v for v in (it.layer, it.room, it.handle, it.entity) if v]
        _strings({k: v for k, v in it.params.items() if k in DATA_KEYS}, out)
    return [s for s in out if s and s.strip()]


def english_in_report(result) -> list[str]:
    text = result.report.text("fr")
    names = _data(result)
    return [f"{found}: {line.strip()}" for line in text.splitlines()
            if (found := english_in(_plain(line), names))]


def _everything_plan(tmp_path: Path) -> Path:
    """The plan of test_report_lists_everything_not_understood (tests/unit/test_dxf_import.py)."""
    ents = (r12_polyline(rect(0, 0, 4000, 4000)) + r12_text(1000, 2000, "CUISINE")
            + r12_polyline(rect(4000, 0, 8000, 4000))
            + r12_polyline(rect(8000, 0, 12000, 4000)) + r12_text(9000, 2000, "LOCAL 12")
            + r12_polyline([(0, 5000), (3000, 5000), (3000, 8000)], closed=False)
            + r12_polyline(rect(10000, 2000, 14000, 6000)) + r12_text(13000, 5000, "BUREAU")
            + r12_text(50000, 50000, "DORTOIR ?")
            + r12_text(2000, 1000, "frigo", layer="MOBILIER")
            + r12_line(0, 0, 1000, 0, layer="XREF-SITE") + r12_line(0, 0, 0, 1000, layer="XREF-SITE")
            + r12_polyline(rect(20000, 0, 24000, 3000), layer="0")
            + r12_text(6000, 3000, "SALON", layer="0")
            + r12_polyline(rect(0, 10000, 3000, 13000)))
    return write(tmp_path, r12_file(ents))


def _two_drawings(tmp_path: Path) -> Path:
    doc = walls_plan(new_doc())
    walls_plan(doc, labels=(), x0=40000)  # no label: left out
    return save(doc, tmp_path)


def _shared_space(tmp_path: Path) -> Path:
    return save(walls_plan(new_doc(), labels=(("BUREAU", (1000, 2500)), ("ACCUEIL", (3000, 2500)),
                                              ("CUISINE", (5500, 2500)))), tmp_path)


def _placeholders(tmp_path: Path) -> Path:
    doc = walls_plan(new_doc())
    for x in (1000, 3000, 5000):
        doc.modelspace().add_text("ID_PIECE", dxfattribs={"layer": "TEXTES", "height": 250, "insert": (x, 4000)})
    return save(doc, tmp_path)


def _doors_and_windows(tmp_path: Path) -> Path:
    doc = ezdxf.new("R2010", units=6)
    msp = doc.modelspace()
    two_rooms(msp)
    msp.add_arc((9, 1), 0.9, 90, 180, dxfattribs={"layer": "PORTES"})  # a door on the outer wall
    msp.add_arc((30, 30), 0.9, 0, 90, dxfattribs={"layer": "PORTES"})  # far from every wall
    msp.add_line((1, 4), (2.2, 4), dxfattribs={"layer": "FENETRES"})  # a window in room A's wall
    msp.add_lwpolyline([(2, 1), (3, 1), (3, 3), (2, 3)], close=True, dxfattribs={"layer": "PIECES"})  # nested
    p = tmp_path / "plan.dxf"
    doc.saveas(p)
    return p


SYNTHETIC = {
    "centre": lambda p: import_dxf(write_centre(p)),
    "centre_without_units": lambda p: import_dxf(write_centre(p, insunits=None)),
    "centre_units_given": lambda p: import_dxf(write_centre(p), units="cm"),
    "everything_not_understood": lambda p: import_dxf(_everything_plan(p), max_wall=0),
    "walls_only": lambda p: import_dxf(save(walls_plan(new_doc()), p)),
    "labels_on_an_unknown_layer": lambda p: import_dxf(save(walls_plan(new_doc(), label_layer="NOTES"), p)),
    "two_drawings": lambda p: import_dxf(_two_drawings(p)),
    "shared_space": lambda p: import_dxf(_shared_space(p)),
    "placeholders": lambda p: import_dxf(_placeholders(p)),
    "areas_in_cm_said_mm": lambda p: import_dxf(_plan_in_cm_said_mm(p, ["SALLE 2000 m²", "BUREAU 1000 m²"])),
    "areas_that_disagree": lambda p: import_dxf(_plan_in_cm_said_mm(p, ["SALLE 20 m²", "BUREAU 15 m²"])),
    "labels_to_complete": lambda p: import_dxf(write(p, r12_file(
        r12_polyline(rect(0, 0, 4000, 4000)) + r12_text(500, 2000, "DORTOIR")
        + r12_polyline(rect(4000, 0, 8000, 4000)) + r12_text(4500, 2000, "DORTOIR HOMMES FEMMES 4 LITS")
        + r12_polyline(rect(8000, 0, 12000, 4000), layer="CUISINE") + r12_text(8500, 2000, "INFIRMERIE")))),
    "doors_and_windows": lambda p: import_dxf(_doors_and_windows(p)),
    "no_room": lambda p: import_dxf(write(p, r12_file(r12_text(0, 0, "RIEN")))),
}


@pytest.mark.parametrize("name", sorted(SYNTHETIC))
def test_french_report_of_the_synthetic_plans(name, tmp_path):
    result = SYNTHETIC[name](tmp_path)
    bad = english_in_report(result)
    assert bad == [], "\n".join(bad[:30])
    # the English report keeps what it said
    assert result.report.text("en") == result.report.text()
    assert all(i.message == i.text("en") and i.message_fr == i.text("fr") for i in result.report.items)


def test_the_synthetic_plans_say_most_of_what_the_report_can_say(tmp_path):
    keys: set[str] = set()
    for name, run in SYNTHETIC.items():
        d = tmp_path / name
        d.mkdir()
        keys |= {i.key for i in run(d).report.items if i.key}
    assert len(keys) >= 24, sorted(keys)


@pytest.mark.skipif(not REAL_FILES, reason=f"real plans not found in {REAL}")
@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
def test_french_report_of_the_real_plans(path):
    result = import_dxf(path)
    bad = english_in_report(result)
    assert bad == [], "\n".join(bad[:30])


def test_cli_import_prints_the_report_in_french(tmp_path, capsys):
    out = tmp_path / "centre.yaml"
    assert main(["import", str(write_centre(tmp_path)), "-o", str(out), "--lang", "fr"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Import de ") and "unités : millimètres (d'après $INSUNITS)" in text
    assert f"{out} écrit (pièces : " in text
    lines = [ln for ln in text.splitlines() if english_in(_plain(ln), [str(tmp_path), "CARTOUCHE", "PLAN", "DU",
                                                                      "REZ-DE-CHAUSSEE", "TEXTES", "PIECES",
                                                                      "PORTES", "MURS"])]
    assert lines == []
    empty = write(tmp_path, r12_file(r12_text(0, 0, "RIEN")), "vide.dxf")
    assert main(["import", str(empty), "-o", str(tmp_path / "vide.yaml"), "--lang", "fr"]) == 1
    text = capsys.readouterr().out
    assert "AUCUNE PIÈCE N'A ÉTÉ IMPORTÉE. Que faire :" in text
    assert "n'a pas été écrit (voir plus haut que faire)" in text and not (tmp_path / "vide.yaml").exists()


def test_a_refused_drawing_or_option_is_said_in_french(tmp_path, capsys):
    words = tmp_path / "notes.dxf"
    words.write_text("hello\nthis is not a drawing\n" * 100, encoding="utf-8")
    out = tmp_path / "plan.yaml"
    assert main(["import", str(words), "-o", str(out), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err == f"centreplan : erreur : {words} : ce n'est pas un dessin DXF (aucune « SECTION » au début du fichier)\n"
    assert main(["import", str(words), "-o", str(out)]) == 2
    assert capsys.readouterr().err == f"centreplan: error: {words}: not a DXF drawing (no 'SECTION' at the start of the file)\n"
    assert main(["import", str(write_centre(tmp_path)), "-o", str(tmp_path / "plan.txt"), "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert "le nom du fichier de plan doit se terminer par .yaml, .yml ou .json" in err
    assert main(["import", str(write_centre(tmp_path)), "-o", str(out), "--region", "0;0;1;1", "--lang", "fr"]) == 2
    assert "--region : « 0;0;1;1 » n'est pas une suite de quatre nombres" in capsys.readouterr().err
    assert not out.exists()

