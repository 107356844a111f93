"""The price file a procurement officer fills: template out, prices in, every problem named by row
and column in the user's language, and nothing applied from a file with a problem."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from centreplan.equipment import procurement_list
from centreplan.equipment.params import make_params
from centreplan.equipment.price_file import parse_prices, read_prices, template_bytes, template_rows, with_prices
from centreplan.planner.cli import main
from centreplan.planner.errors import CatalogueError
from tests.unit.equipment_layouts import small_centre

AS_OF = dt.date(2026, 12, 1)
HEAD_EN = "item,name,unit,quantity,reference_price,unit_price,currency,date,source\r\n"
HEAD_FR = "article;désignation;unité;quantité;prix_de_référence;prix_unitaire;devise;date;source\r\n"


def _params(prices: dict | None = None):
    p = make_params({"as_of": AS_OF.isoformat()})
    return with_prices(p, prices) if prices else p


def _line(pl, item_id):
    return next(ln for ln in pl.lines if ln.id == item_id)


def test_template_has_a_row_per_item_and_per_size_with_blank_price_columns():
    pl = procurement_list([small_centre("A", men=10, staff=2)], _params())
    rows = template_rows(pl, "fr")
    keys = [r["item"] for r in rows]
    assert len(keys) == len(set(keys))
    # one row per supply line here (one centre): the sized items carry their size in the key
    assert len(rows) == len(pl.lines)
    gen = _line(pl, "PWR-01")
    assert f"PWR-01:{gen.size:g}" in keys
    bed = next(r for r in rows if r["item"] == "BED-01")
    assert bed["quantity"] == 10 and bed["unit_price"] is None and bed["source"] == ""
    blk = next(r for r in rows if r["item"] == "BLK-01")
    assert blk["reference_price"] == ("4,10 CHF (2019 ; S5 IFRC/ICRC Emergency Items Catalogue (EIC), item pages "
                                      "; vérifié)")
    text = template_bytes(rows, "csv", "fr").decode("utf-8-sig")
    assert text.startswith(HEAD_FR)


def test_a_filled_csv_prices_the_lines_hand_worked():
    data = (HEAD_FR + "BED-01;;;10;;45 000;FCFA;15/11/2026;Devis Menuiserie Ndiaye n° 12\r\n"
            "PIL-01;;;10;;;;;\r\n").encode("utf-8")
    prices = parse_prices(data, "csv", "fr", AS_OF)
    # the blank PIL-01 row is skipped; FCFA is read as XOF, the French date as ISO
    assert prices == {"BED-01": {"amount": 45000.0, "currency": "XOF", "date": "2026-11-15",
                                 "source": "Devis Menuiserie Ndiaye n° 12"}}
    pl = procurement_list([small_centre("A", men=10, staff=2, with_services=False)], _params(prices))
    bed = _line(pl, "BED-01")
    # 45 000 XOF / 655.957 = 68.602 → 68.60 EUR; 10 beds = 686.00 EUR;
    # XOF round(686.00 × 655.957) = round(449 986.50) = 449 987 (each XOF figure = EUR × 655.957)
    assert bed.unit_price_eur == 68.60 and bed.total_eur == 686.00 and bed.total_xof == 449987
    assert bed.price.user_set and bed.price_date == "2026-11-15"
    assert bed.price_source == "Devis Menuiserie Ndiaye n° 12"
    assert bed.unit_price_original.amount == 45000 and bed.unit_price_original.currency == "XOF"


def test_a_price_for_one_standard_size_applies_to_that_size_only():
    c = small_centre("A", men=10, staff=2)
    size = _line(procurement_list([c], _params()), "PWR-01").size
    other = 999.0
    prices = {f"PWR-01:{size:g}": {"amount": 9000, "currency": "EUR", "date": "2026-10-01", "source": "devis A"},
              f"PWR-01:{other:g}": {"amount": 1, "currency": "EUR", "date": "2026-10-01", "source": "devis B"}}
    gen = _line(procurement_list([c], _params(prices)), "PWR-01")
    assert gen.unit_price_eur == 9000.00 and gen.price_source == "devis A"
    # a price on the item itself applies to whatever size is bought
    gen = _line(procurement_list([c], _params({"PWR-01": {"amount": 7000, "currency": "EUR",
                                                          "date": "2026-10-01", "source": "devis C"}})), "PWR-01")
    assert gen.unit_price_eur == 7000.00


def test_every_problem_is_named_by_row_and_column_in_french_and_nothing_is_read():
    data = (HEAD_FR
            + "BED-01;;;;;abc;EUR;2026-11-01;devis\r\n"         # row 2: price not a number
            + "XYZ-99;;;;;10;EUR;2026-11-01;devis\r\n"          # row 3: unknown item
            + "MAT-01;;;;;10;GBP;2026-11-01;devis\r\n"          # row 4: currency
            + "PIL-01;;;;;10;EUR;2027-01-01;devis\r\n"          # row 5: date after as_of
            + "LIN-01;;;;;10;EUR;2026-11-01;\r\n"               # row 6: no source
            + "BLK-01;;;;;10;EUR;2026-11-01;devis\r\n"
            + "BLK-01;;;;;11;EUR;2026-11-01;devis\r\n"          # row 8: duplicate
            + "NET-01;;;;;-3;EUR;1/2/26;devis\r\n").encode()     # row 9: negative, bad date
    with pytest.raises(CatalogueError) as e:
        parse_prices(data, "csv", "fr", AS_OF, name="prix.csv")
    msg = str(e.value)
    assert msg.startswith("prix.csv: 8 problème(s) ; rien n'a été lu")
    assert "ligne 2, colonne « prix_unitaire » : « abc » n'est pas un nombre" in msg
    assert "ligne 3, colonne « article » : article « XYZ-99 » inconnu" in msg
    assert "ligne 4, colonne « devise » : « GBP » n'est pas EUR, XOF, CHF ou USD" in msg
    assert "ligne 5, colonne « date » : 2027-01-01 est postérieure au 2026-12-01" in msg
    assert "ligne 6, colonne « source » : vide" in msg
    assert "ligne 8, colonne « article » : BLK-01 a déjà un prix en ligne 7" in msg
    assert "ligne 9, colonne « prix_unitaire » : doit être supérieur à 0, lu -3" in msg
    assert "ligne 9, colonne « date » : « 1/2/26 » n'est pas une date" in msg


def test_messages_in_english_and_a_missing_column():
    with pytest.raises(CatalogueError) as e:
        parse_prices(b"item,unit_price\nBED-01,10\n", "csv", "en", AS_OF, name="p.csv")
    assert str(e.value) == ("p.csv: row 1: missing column(s) currency, date, source; the header row must "
                            "name item, unit_price, currency, date, source")
    with pytest.raises(CatalogueError) as e:
        parse_prices((HEAD_EN + "BED-01,,,,,1.5,EUR,,x\r\n").encode(), "csv", "en", AS_OF, name="p.csv")
    assert "row 2, column 'date': empty: give the date of the quotation or catalogue" in str(e.value)


def test_number_formats_a_spreadsheet_writes_are_read():
    for text, value in (("1 234,50", 1234.5), ("1.234,50", 1234.5), ("1,234.50", 1234.5), ("12,5", 12.5),
                        ("32\u202f800", 32800.0), ("7.00 USD", 7.0)):
        data = (HEAD_EN + f'BED-01,,,,,"{text}",EUR,2026-11-01,quote\r\n').encode()
        assert parse_prices(data, "csv", "en", AS_OF)["BED-01"]["amount"] == value, text


def test_xlsx_round_trip_keeps_numbers_and_dates():
    pl = procurement_list([small_centre("A", men=10, staff=2, with_services=False)], _params())
    wb = load_workbook(io.BytesIO(template_bytes(template_rows(pl, "en"), "xlsx", "en")))
    ws = wb["Prices"]
    assert [c.value for c in ws[1]] == HEAD_EN.strip().split(",")
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "BED-01")
    row[5].value, row[6].value = 50, "EUR"
    row[7].value, row[8].value = dt.datetime(2026, 11, 20), "UNHCR framework price list"
    out = io.BytesIO()
    wb.save(out)
    prices = parse_prices(out.getvalue(), "xlsx", "en", AS_OF)
    assert prices == {"BED-01": {"amount": 50.0, "currency": "EUR", "date": "2026-11-20",
                                 "source": "UNHCR framework price list"}}


def test_a_file_that_is_not_a_workbook_gets_a_message():
    with pytest.raises(CatalogueError, match="not a readable .xlsx workbook"):
        parse_prices(b"not a zip", "xlsx", "en", AS_OF)


def test_cli_writes_the_template_and_reads_it_back(tmp_path, capsys):
    from centreplan.layouts.io import save_layout

    layout = tmp_path / "a.yaml"
    save_layout(small_centre("A", men=10, staff=2, with_services=False), layout)
    template = tmp_path / "prix.csv"
    assert main(["equip", str(layout), "--price-template", str(template), "--lang", "fr"]) == 0
    err = capsys.readouterr().err
    assert "prix.csv" in err and "Traceback" not in err
    lines = template.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == HEAD_FR.strip()
    bed = next(i for i, ln in enumerate(lines) if ln.startswith("BED-01;"))
    assert lines[bed].endswith(";10;;;;;")  # quantity 10, no reference price, nothing filled in
    lines[bed] = lines[bed][: -len(";;;;")] + ";45000;XOF;2026-11-15;Devis n° 12"
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["equip", str(layout), "--prices", str(template), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    bed = next(i for i in data["items"] if i["id"] == "BED-01")
    assert bed["unit_price_eur"] == 68.60 and bed["price_source"] == "Devis n° 12"
    # a wrong file: exit 2, the row and column named, no traceback
    template.write_text(HEAD_EN + "BED-01,,,,,ten,EUR,2026-11-15,quote\n", encoding="utf-8")
    assert main(["equip", str(layout), "--prices", str(template)]) == 2
    err = capsys.readouterr().err
    assert "row 2, column 'unit_price': 'ten' is not a number" in err and "Traceback" not in err


def test_every_priced_json_line_has_its_date_source_and_xof_at_the_parity():
    pl = procurement_list([small_centre("A", men=30, women=10, staff=5)], _params())
    data = pl.to_json_data()
    priced = [i for i in data["items"] if i["unit_price_eur"] is not None]
    assert priced
    for i in priced:
        assert i["price_date"] and i["price_source"], i["id"]
        assert i["unit_price_xof"] == round(i["unit_price_eur"] * 655.957), i["id"]
        assert i["total_xof"] == round(i["total_eur"] * 655.957), i["id"]


def test_old_prices_are_raised_only_when_asked_with_the_index_named(tmp_path, capsys):
    from centreplan.layouts.io import save_layout

    layout = tmp_path / "a.yaml"
    save_layout(small_centre("A", men=10, staff=2, with_services=False), layout)
    base = ["equip", str(layout), "--format", "json", "--param", "as_of=2026-12-01"]
    assert main(base) == 0
    blk = next(i for i in json.loads(capsys.readouterr().out)["items"] if i["id"] == "BLK-01")
    assert blk["price"]["old"] and blk["price"]["inflation_factor"] is None
    assert main(base + ["--inflate", "0.02@Euro area HICP (stated by the user)"]) == 0
    blk = next(i for i in json.loads(capsys.readouterr().out)["items"] if i["id"] == "BLK-01")
    # 4.10 CHF dated 2019 (read as 1 July 2019); 2019-07-01 → 2026-12-01 = 2 557 + 153 = 2 710 days
    # = 7.4196 years (/ 365.25); 1.02 ** 7.4196 = exp(7.4196 × 0.019803) = exp(0.14693) = 1.1583
    assert blk["price"]["inflation_factor"] == 1.1583
    assert blk["price"]["inflation_index"] == "Euro area HICP (stated by the user)"
    assert main(base + ["--inflate", "0.02"]) == 2
    assert "--inflate: write RATE@INDEX" in capsys.readouterr().err


def test_a_parameters_file_prices_one_size_and_a_bad_size_is_named():
    p = make_params({"prices": {"PWR-01:30": {"amount": 9000, "currency": "EUR", "date": "2026-10-01",
                                              "source": "quotation"}}})
    assert "PWR-01:30" in p.prices
    with pytest.raises(CatalogueError, match=r"prices: 'PWR-01:abc': size 'abc' after ':' is not a number"):
        make_params({"prices": {"PWR-01:abc": {"amount": 1, "date": "2026-10-01"}}})
    with pytest.raises(CatalogueError, match=r"prices: unknown item 'XYZ-01'"):
        make_params({"prices": {"XYZ-01:30": {"amount": 1, "date": "2026-10-01"}}})


@pytest.mark.parametrize(("lang", "said"), [("en", "no such file"), ("fr", "fichier introuvable")])
def test_missing_price_file_is_named_in_the_users_language(tmp_path, lang, said):
    missing = tmp_path / "prix.csv"
    with pytest.raises(CatalogueError) as e:
        read_prices(str(missing), lang, dt.date(2026, 11, 30))
    assert str(e.value) == f"{missing}: {said}"
    assert not missing.exists()
