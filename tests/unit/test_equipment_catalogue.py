"""The equipment catalogue: every item of the reference table, both languages, strict loading."""
from __future__ import annotations

import re
import shutil

import pytest

from centreplan.equipment.catalogue import CATALOGUE_DIR, load_catalogue
from centreplan.equipment.params import make_params, parameter_info
from centreplan.planner.errors import CatalogueError

# The item ids of reference/equipment.md §2, in table order.
REFERENCE_IDS = [
    "BED-01", "BED-02", "BED-03", "MAT-01", "MAT-02", "MAT-03", "BLK-01", "LIN-01", "PIL-01", "NET-01",
    "JER-01", "BUC-01", "KIT-01", "KIT-02", "EAT-01", "HYG-01", "HYG-02", "HYG-03", "HYG-04", "HYG-05",
    "TAR-01", "LGT-01", "LGT-02", "FAN-01", "WAT-01", "WAT-02", "SAN-01", "SAN-02", "PWR-01", "PWR-02",
    "PWR-03", "PWR-04", "PWR-05", "MED-01", "MED-02", "MED-03", "FIR-01", "FIR-02", "FIR-03", "FIR-04",
    "CHD-01", "CHD-02", "FUR-01", "FUR-02", "LAU-01",
]
LOTS = ["bedding", "wash", "kitchen", "medical", "water", "power", "fire", "furniture", "children", "office"]


def test_every_reference_item_is_in_the_catalogue():
    cat = load_catalogue()
    assert len(REFERENCE_IDS) == 45
    assert set(REFERENCE_IDS) <= set(cat.items)


def test_lots_are_the_ten_lots_of_the_issue_in_order():
    assert [lot.id for lot in load_catalogue().lots] == LOTS


def test_items_have_both_languages_a_lot_a_unit_and_codes():
    cat = load_catalogue()
    for item in cat.items.values():
        assert item.name.en and item.name.fr and item.name.en != item.name.fr or item.id == "SAN-02"
        assert item.spec.description.en and item.spec.description.fr
        assert item.lot in LOTS
        assert item.unit
        for code in item.unspsc:
            assert re.fullmatch(r"\d{8}", code.code)


def test_reference_prices_are_as_the_reference_gives_them():
    cat = load_catalogue()
    # reference §9: blanket medium thermal 4.10 CHF (2019); hospital mattress 112.74 CHF (2018-12-31);
    # camp bed 24.00 CHF (2020-02-27); pillow 7.00 CHF; sheet set 12.00 CHF; ECD kit 230 USD (2009)
    expected = {"BLK-01": (4.10, "CHF", "2019"), "MAT-02": (112.74, "CHF", "2018-12-31"),
                "BED-02": (24.00, "CHF", "2020-02-27"), "PIL-01": (7.00, "CHF", "2020"),
                "LIN-01": (12.00, "CHF", "2020"), "CHD-01": (230.00, "USD", "2009")}
    for item_id, (amount, cur, date) in expected.items():
        pr = cat.items[item_id].price
        assert (pr.amount, pr.currency, pr.date) == (amount, cur, date)
    # the mattress price the reference calls implausible is kept but marked suspect
    assert cat.items["MAT-01"].price.suspect


def test_gap_items_have_no_invented_rule():
    cat = load_catalogue()
    for item_id in ("HYG-05", "LAU-01", "KIT-02", "TAR-01", "WAT-02"):
        assert cat.items[item_id].rule == "gap"
        assert cat.items[item_id].status == "gap"


def _copy(tmp_path):
    d = tmp_path / "cat"
    shutil.copytree(CATALOGUE_DIR, d)
    return d


def test_a_misspelt_field_names_the_file_and_the_item(tmp_path):
    d = _copy(tmp_path)
    f = d / "bedding.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("    rule: blankets", "    rulle: blankets"), encoding="utf-8")
    with pytest.raises(CatalogueError) as e:
        load_catalogue(d)
    assert "bedding.yaml" in str(e.value) and "BLK-01" in str(e.value) and "rulle" in str(e.value)


def test_an_unknown_currency_or_duplicate_id_is_refused(tmp_path):
    d = _copy(tmp_path)
    f = d / "bedding.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("currency: CHF, date: \"2020\"", "currency: GBP, date: \"2020\"", 1),
                 encoding="utf-8")
    with pytest.raises(CatalogueError, match="bedding.yaml: item LIN-01"):
        load_catalogue(d)
    d2 = _copy(tmp_path / "b")
    (d2 / "extra.yaml").write_text("lot: bedding\nitems:\n" + (d2 / "children.yaml").read_text(encoding="utf-8")
                                   .split("items:\n", 1)[1], encoding="utf-8")
    with pytest.raises(CatalogueError, match="duplicate id"):
        load_catalogue(d2)


def test_every_parameter_has_a_source_and_a_known_status():
    cat = load_catalogue()
    for name, info in parameter_info().items():
        assert info.source in cat.sources, name
        if info.source == "DESIGN":
            assert info.status == "design_choice", name


def test_parameter_defaults_are_those_of_the_reference():
    p = make_params()
    # UNHCR WASH 2018 (standards.md UN1): 15 L/p/d emergency, 20 post-emergency
    assert (p.water_emergency, p.water_stabilised) == (15, 20)
    # S3: soap 250 g and laundry 200 g per person per month
    assert (p.bathing_soap_rate, p.laundry_soap_rate) == (250, 200)
    # S17 pf 0.8 and 2.5 × motor start; S16 −3 % per 5 °C above 40 °C; S21 5.48 kWh/m²/day
    assert (p.power_factor, p.motor_start_factor, p.derating_per_5K, p.pv_irradiation) == (0.8, 2.5, 0.03, 5.48)
    # S23: 200 m² per extinguisher; S11: 50 and 90 children per kit; S13: 3 days of water
    assert (p.area_per_extinguisher, p.children_per_ecd_kit, p.children_per_recreation_kit, p.water_autonomy) == (
        200, 50, 90, 3)


def test_a_french_source_that_drops_a_citation_is_refused(tmp_path):
    d = _copy(tmp_path)
    f = d / "bedding.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace('source_fr: "S2 (Sphere : literie', 'source_fr: "(Sphere : literie'), encoding="utf-8")
    with pytest.raises(CatalogueError) as e:
        load_catalogue(d)
    msg = str(e.value)
    assert "bedding.yaml" in msg and "BED-01" in msg and "source_fr" in msg and "S2" in msg


def test_an_empty_french_source_is_refused(tmp_path):
    d = _copy(tmp_path)
    f = d / "bedding.yaml"
    text = f.read_text(encoding="utf-8")
    f.write_text(text.replace('source_fr: "choix de conception, sans source"', 'source_fr: " "', 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match="BED-03.*source_fr"):
        load_catalogue(d)


# ---- the citation register -------------------------------------------------------------------------

# the shapes of the ids of reference/equipment.md §1 and reference/standards.md (S5, UN1, HE3, CALC7)
_ID_SHAPED = re.compile(r"(?<![\w-])(?:S|UN|HE|CALC)\d+(?![\w-])")


def _cited_files() -> list:
    """Every file of the equipment sizing and catalogue where a citation id may be written: the catalogue
    and its register, the parameters, bases and costs, the price notes, and the code."""
    root = CATALOGUE_DIR.parent
    return sorted([*CATALOGUE_DIR.glob("*.yaml"), *CATALOGUE_DIR.glob("*.md"), *root.glob("*.yaml"),
                   *root.glob("*.py")])


def test_every_citation_id_used_is_in_the_register():
    from centreplan.equipment.catalogue import register_ids

    registered = set(register_ids())
    used = {}
    for path in _cited_files():
        for m in _ID_SHAPED.finditer(path.read_text(encoding="utf-8")):
            used.setdefault(m.group(0), path.name)
    assert {k: where for k, where in used.items() if k not in registered} == {}
    assert {"S29", "UN13", "APPROPEDIA", "CRC", "LG2015", "SPHAPP", "IOM2015"} <= registered


def test_citation_ids_are_the_ids_of_the_register():
    from centreplan.equipment.catalogue import CITATION_IDS, citation_pattern, register_ids

    cat = load_catalogue()
    assert set(register_ids()) == set(cat.sources)
    text = "S5 (kit page); APPROPEDIA, CRC and LG2015; S29, UN13; not S50, S5-bis, ISO-S5, CRCX"
    assert CITATION_IDS.findall(text) == ["S5", "APPROPEDIA", "CRC", "LG2015", "S29", "UN13"]
    assert citation_pattern(("S1", "S10")).findall("S1 S10 S100") == ["S1", "S10"]


def test_a_french_source_must_keep_every_registered_id_it_cites(tmp_path):
    d = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, d)
    path = next(p for p in sorted(d.glob("*.yaml")) if "source_fr:" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    m = re.search(r"^(\s*)source_fr: (.+)$", text, re.M)
    assert m
    cut = re.sub(r"(?<![\w-])(?:S|UN|HE|CALC)\d+(?![\w-])|APPROPEDIA|CRC|LG2015|SPHAPP|IOM2015|DESIGN", "", m.group(2))
    path.write_text(text.replace(m.group(0), f"{m.group(1)}source_fr: {cut}", 1), encoding="utf-8")
    with pytest.raises(CatalogueError, match="keep the citation ids unchanged"):
        load_catalogue(d)



def test_the_french_register_entries_read_in_french():
    """The words the project writes around a cited document are French; published titles stay as published,
    in « guillemets »; the entries left without a French text are bibliographic references only."""
    from tests.unit.test_french_outputs import CODES
    from tests.unit.test_standards_french import english_in

    cat = load_catalogue()
    bad = {k: found for k, v in cat.sources_fr.items() if (found := english_in(CODES.sub(" ", v), []))}
    assert bad == {}
    assert sorted(set(cat.sources) - set(cat.sources_fr)) == ["S15", "S22", "S31"]
    assert cat.cite("S5 HFURBEMA", "fr") == ("S5 « IFRC/ICRC Emergency Items Catalogue » (EIC), fiches des articles "
                                             "HFURBEMA")
    assert cat.cite("S5 HFURBEMA") == "S5 IFRC/ICRC Emergency Items Catalogue (EIC), item pages HFURBEMA"


def test_a_french_register_entry_must_translate_a_registered_one(tmp_path):
    d = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, d)
    f = d / "sources.yaml"
    f.write_text(f.read_text(encoding="utf-8") + '  S99: "une source inconnue"\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="S99: not in 'sources'"):
        load_catalogue(d)
