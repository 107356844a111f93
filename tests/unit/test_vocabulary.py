"""The one vocabulary and the one number format: values worked out by hand."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from centreplan.planner import vocabulary as voc
from centreplan.planner.model import CENTRE_TYPES, CLIMATES, FIXTURES, GROUPS, PHASES, USES
from centreplan.planner.numbers import NARROW_NBSP, NBSP, ceil_div, count, integer, number, pair, percent, quantity


def test_every_code_of_the_model_is_named_in_both_languages() -> None:
    for table, model_codes in (("uses", USES), ("groups", GROUPS), ("fixtures", FIXTURES),
                               ("phases", PHASES), ("climates", CLIMATES),
                               ("centre_types", CENTRE_TYPES)):
        assert set(model_codes) <= set(voc.codes(table)), table
        for code in model_codes:
            for lang in ("en", "fr"):
                assert voc.name(table, code, lang).strip(), (table, code, lang)
        assert voc.name(table, model_codes[0], "fr") != model_codes[0] or table == "fixtures"


def test_every_pack_and_catalogue_unit_is_named() -> None:
    from pathlib import Path

    import yaml

    from centreplan.standards.packs import pack_names

    assert set(pack_names()) <= set(voc.codes("packs"))
    units = set()
    for f in Path("equipment/catalogue").glob("*.yaml"):
        for item in (yaml.safe_load(f.read_text(encoding="utf-8")) or {}).get("items", []) or []:
            if isinstance(item, dict) and "unit" in item:
                units.add(item["unit"])
    assert units <= set(voc.codes("units")), units - set(voc.codes("units"))


def test_names_labels_plurals() -> None:
    assert voc.name("uses", "legal", "fr") == "conseil juridique"
    assert voc.label("uses", "legal", "en") == "Legal advice"
    assert voc.plural("uses", "dormitory", "fr") == "dortoirs"
    assert voc.label("groups", "boys", "fr") == "Garçons (non accompagnés)"
    assert voc.label("groups", "all", "fr") == "Tous"
    assert voc.name("phases", "stabilised", "fr") == "stabilisée"
    assert voc.name("uses", "unknown-code", "fr") == "unknown-code"


def test_one_colour_per_group() -> None:
    assert voc.colour("boys") == "#a1d99b"
    assert voc.rgb("boys") == (0xA1, 0xD9, 0x9B)
    assert len({voc.colour(g) for g in GROUPS}) == len(GROUPS)


def test_french_numbers() -> None:
    assert number(2.4, "fr", 2) == "2,40"
    assert number(1234.5, "fr") == f"1{NARROW_NBSP}234,5"
    assert quantity(2.4, "m", "fr", 2) == f"2,40{NBSP}m"
    assert quantity(1234.5, "m2", "fr") == f"1{NARROW_NBSP}234,5{NBSP}m²"
    assert quantity(3.3, "m2_per_person", "fr") == f"3,3{NBSP}m²/personne"
    assert count(3, "bed", "fr") == f"3{NBSP}lits"
    assert count(1, "bed", "fr") == f"1{NBSP}lit"
    assert quantity(0.5, "parcel", "fr") == f"0,5{NBSP}colis"
    assert integer(1234, "fr") == f"1{NARROW_NBSP}234"
    assert percent(0.125, "fr", 1) == f"12,5{NBSP}%"


def test_english_numbers() -> None:
    assert quantity(2.4, "m", "en", 2) == "2.40 m"
    assert number(1234.5, "en") == "1,234.5"
    assert number(1234.5, "en", grouping=False) == "1234.5"
    assert count(1, "bed", "en") == "1 bed"
    assert count(2, "bed", "en") == "2 beds"
    assert count(0, "bed", "en") == "0 beds"
    assert number(-0.01, "en", 1) == "0.0"


def test_pair_keeps_different_values_apart() -> None:
    assert pair(3.96, 4.0) == ("3.96", "4.00")
    assert pair(3.96, 4.0, lang="fr") == ("3,96", "4,00")
    assert pair(3.0, 4.0) == ("3.0", "4.0")


def test_ceil_div() -> None:
    assert ceil_div(30, 20) == 2
    assert ceil_div(40, 20) == 2
    assert ceil_div(41, 20) == 3


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_french_number_reads_back(value: float, digits: int) -> None:
    fr = number(value, "fr", digits)
    assert "." not in fr
    back = float(fr.replace(NARROW_NBSP, "").replace(",", "."))
    assert abs(back - round(value, digits)) <= 10 ** -digits
    assert number(value, "en", digits, grouping=False) == fr.replace(NARROW_NBSP, "").replace(",", ".")
