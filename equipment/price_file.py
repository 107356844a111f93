"""The price file a procurement officer fills: written from a procurement list, read back as prices.

``centreplan equip FILE… --price-template prices.xlsx`` (or ``.csv``) writes one row per item of
the list, and one per standard size bought for generators, PV modules, batteries, inverters and
tanks (key ``PWR-01:30``), with the quantity, the reference price when the catalogue has one, and
blank columns for the unit price found, its currency, its date and its source (a quotation, a
catalogue, an award notice). ``--prices FILE`` reads the filled file back; rows left blank are
skipped. Every problem names the row (as the spreadsheet numbers it) and the column, in the user's
language; nothing is applied unless the whole file is valid.

Columns are recognised by their English or French names, in any order; other columns (name, unit,
quantity, reference price, note) are for the reader and are ignored when reading.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from centreplan.planner.errors import CatalogueError

CURRENCIES = ("EUR", "XOF", "CHF", "USD")
CURRENCY_ALIASES = {"FCFA": "XOF", "CFA": "XOF", "F CFA": "XOF", "€": "EUR", "$": "USD", "US$": "USD"}
MAX_PROBLEMS_SHOWN = 20

# column key → header (en, fr); the first five are read back, the rest are for the reader
COLUMNS: dict[str, tuple[str, str]] = {
    "item": ("item", "article"),
    "unit_price": ("unit_price", "prix_unitaire"),
    "currency": ("currency", "devise"),
    "date": ("date", "date"),
    "source": ("source", "source"),
    "name": ("name", "désignation"),
    "unit": ("unit", "unité"),
    "quantity": ("quantity", "quantité"),
    "reference_price": ("reference_price", "prix_de_référence"),
}
READ = ("item", "unit_price", "currency", "date", "source")
STATUS_FR = {"verified": "vérifié", "secondary": "secondaire", "unverified": "non vérifié",
             "design_choice": "choix de conception", "gap": "lacune"}


def _header_key(text: Any) -> str | None:
    t = str(text or "").strip().lower().replace(" ", "_").replace("-", "_")
    for key, names in COLUMNS.items():
        if t in names:
            return key
    return None


def _money(x: float, lang: str) -> str:
    from centreplan.planner.numbers import number

    return number(x, lang, 2)


def template_rows(pl: Any, lang: str = "en") -> list[dict[str, Any]]:
    """One row per item (per standard size for sized items) of procurement list ``pl``, in list order.

    A price the user already set (parameters, price file or saved with a centre) fills the row, so
    a file can be written, completed and written again without losing what was entered.
    """
    from centreplan.equipment.catalogue import load_catalogue
    from centreplan.equipment.pricing import price_key
    from centreplan.planner.vocabulary import unit_name

    cat = load_catalogue()
    fr = lang == "fr"
    rows: dict[str, dict[str, Any]] = {}
    for ln in pl.lines:
        key = price_key(ln.id, ln.size)
        if key in rows:
            rows[key]["quantity"] = round(rows[key]["quantity"] + ln.quantity, 3)
            continue
        item = cat.items[ln.id]
        ref = ""
        if item.price is not None:
            pr = item.price
            state = ("douteux, non utilisé" if fr else "doubtful, not used") if pr.suspect else \
                (STATUS_FR.get(pr.status, pr.status) if fr else pr.status)
            sep = " ; " if fr else "; "
            ref = f"{_money(pr.amount, lang)} {pr.currency} ({pr.date}{sep}{cat.cite(pr.source)}{sep}{state})"
        given = ln.price if ln.price is not None and ln.price.user_set else None
        rows[key] = {
            "item": key, "name": ln.name_fr if fr else ln.name_en, "unit": unit_name(ln.unit, 2, lang),
            "quantity": ln.quantity, "reference_price": ref,
            "unit_price": given.amount if given else None, "currency": given.currency if given else "",
            "date": given.date if given else "", "source": given.source if given else "",
        }
    return list(rows.values())


ORDER = ("item", "name", "unit", "quantity", "reference_price", "unit_price", "currency", "date", "source")


def template_bytes(rows: list[dict[str, Any]], fmt: str, lang: str = "en") -> bytes:
    """The price file as ``csv`` (UTF-8 with BOM; ``;`` and decimal comma in French) or ``xlsx``."""
    fr = lang == "fr"
    headers = [COLUMNS[k][1 if fr else 0] for k in ORDER]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";" if fr else ",", lineterminator="\r\n")
        w.writerow(headers)
        for r in rows:
            w.writerow([_cell_text(r[k], k, lang) for k in ORDER])
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt != "xlsx":
        raise CatalogueError(f"price file: unknown format {fmt!r}; use .csv or .xlsx")
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Prix" if fr else "Prices"
    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for r in rows:
        ws.append([r[k] if k in ("quantity", "unit_price") else (r[k] or None) for k in ORDER])
    for i in range(2, len(rows) + 2):
        for col in "FGHI":
            ws[f"{col}{i}"].fill = fill
        ws[f"D{i}"].number_format = "#,##0.###"
        ws[f"F{i}"].number_format = "#,##0.00"
    dv = DataValidation(type="list", formula1='"' + ",".join(CURRENCIES) + '"', allow_blank=True)
    ws.add_data_validation(dv)
    if rows:
        dv.add(f"G2:G{len(rows) + 1}")
    for col, width in zip("ABCDEFGHI", (12, 44, 12, 11, 40, 13, 9, 12, 44)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "B2"
    notes = wb.create_sheet("Notes")
    for line in _notes(lang):
        notes.append([line])
    notes.column_dimensions["A"].width = 120
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _notes(lang: str) -> list[str]:
    if lang == "fr":
        return [
            "Fichier de prix : remplir les colonnes prix_unitaire, devise, date et source (colonnes en jaune).",
            "Une ligne laissée sans prix est ignorée ; l'article reste sans prix dans la liste.",
            "devise : EUR, XOF (ou FCFA), CHF ou USD ; date : AAAA-MM-JJ ou JJ/MM/AAAA, date du devis ou du catalogue.",
            "source : le devis (fournisseur, référence), le catalogue ou l'avis d'attribution d'où vient le prix.",
            "article PWR-01:30 = prix d'un groupe de 30 kVA ; un prix sur PWR-01 vaut pour toutes les tailles.",
            "Relire : centreplan equip CENTRES… --prices ce_fichier (ou l'onglet Équipement de l'application).",
        ]
    return [
        "Price file: fill the unit_price, currency, date and source columns (the yellow columns).",
        "A row left without a price is skipped; the item stays unpriced in the list.",
        "currency: EUR, XOF (or FCFA), CHF or USD; date: YYYY-MM-DD or DD/MM/YYYY, of the quotation or catalogue.",
        "source: the quotation (supplier, reference), catalogue or award notice the price comes from.",
        "item PWR-01:30 = the price of one 30 kVA set; a price on PWR-01 applies to every size.",
        "Read it back: centreplan equip CENTRES… --prices this_file (or the app's Equipment page).",
    ]


def _cell_text(value: Any, key: str, lang: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, float) and key in ("quantity", "unit_price"):
        text = f"{value:.2f}" if key == "unit_price" else f"{value:g}"
        return text.replace(".", ",") if lang == "fr" else text
    return str(value)


# ---- reading -----------------------------------------------------------------------------------

def _msg(lang: str, en: str, fr: str, **kw: Any) -> str:
    return (fr if lang == "fr" else en).format(**kw)


def _table(data: bytes, fmt: str, lang: str) -> list[list[Any]]:
    if fmt == "xlsx":
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:  # openpyxl raises several kinds for a file that is not a workbook
            raise CatalogueError(_msg(lang, "not a readable .xlsx workbook", "classeur .xlsx illisible")) from None
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    if fmt != "csv":
        raise CatalogueError(_msg(lang, "unknown format {f!r}; use .csv or .xlsx",
                                  "format {f!r} inconnu ; utiliser .csv ou .xlsx", f=fmt))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")  # a CSV saved by a French spreadsheet without UTF-8
    first = text.split("\n", 1)[0]
    delim = max((";", ",", "\t"), key=first.count)
    return [r for r in csv.reader(io.StringIO(text), delimiter=delim)]


def _number(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    t = re.sub(r"[\s\u00a0\u202f']", "", str(value))
    t = re.sub(r"(EUR|XOF|FCFA|CHF|USD|€|\$)$", "", t, flags=re.I)
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+,\d+", t):  # 1.234,50
        t = t.replace(".", "").replace(",", ".")
    elif "," in t and "." not in t:
        t = t.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t):  # 1,234.50
        t = t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    t = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    return None


def _blank(value: Any) -> bool:
    return value is None or str(value).strip() == ""


class _Row:
    """The checks of one row of a price file; ``problems`` name the row and the column."""

    def __init__(self, n: int, lang: str) -> None:
        self.n, self.lang, self.fr = n, lang, lang == "fr"
        self.problems: list[str] = []

    def bad(self, k: str, en: str, fr: str, **kw: Any) -> None:
        col = COLUMNS[k][1 if self.fr else 0]
        where = _msg(self.lang, "row {n}, column '{c}': ", "ligne {n}, colonne « {c} » : ", n=self.n, c=col)
        self.problems.append(where + _msg(self.lang, en, fr, **kw))

    def q(self, value: Any) -> str:
        return f"« {str(value).strip()} »" if self.fr else repr(str(value).strip())

    def key(self, value: Any, known: Any, seen: dict[str, int]) -> str:
        from centreplan.equipment.pricing import price_key, split_price_key

        key = str(value or "").strip()
        if not key:
            self.bad("item", "no item id (e.g. BED-01)", "pas de code article (par ex. BED-01)")
            return key
        try:
            item_id, size = split_price_key(key)
        except ValueError:
            self.bad("item", "{v}: the size after ':' must be a number greater than 0",
                     "{v} : la taille après le deux-points doit être un nombre supérieur à 0", v=self.q(key))
            return key
        if item_id not in known:
            self.bad("item", "unknown item {v}", "article {v} inconnu", v=self.q(item_id))
        key = price_key(item_id, size)
        if key in seen:
            self.bad("item", "{v} is already priced on row {r}", "{v} a déjà un prix en ligne {r}", v=key, r=seen[key])
        seen.setdefault(key, self.n)
        return key

    def amount(self, value: Any) -> float | None:
        amount = _number(value)
        if amount is None:
            self.bad("unit_price", "{v} is not a number", "{v} n'est pas un nombre", v=self.q(value))
        elif amount <= 0:
            shown = f"{amount:g}".replace(".", ",") if self.fr else f"{amount:g}"
            self.bad("unit_price", "must be greater than 0, got {v}", "doit être supérieur à 0, lu {v}", v=shown)
        return amount

    def currency(self, value: Any) -> str:
        cur = str(value or "").strip().upper()
        cur = CURRENCY_ALIASES.get(cur, cur)
        if not cur:
            self.bad("currency", "empty: give EUR, XOF, CHF or USD", "vide : indiquer EUR, XOF, CHF ou USD")
        elif cur not in CURRENCIES:
            self.bad("currency", "{v} is not one of EUR, XOF, CHF, USD", "{v} n'est pas EUR, XOF, CHF ou USD",
                     v=self.q(value))
        return cur

    def date(self, value: Any, as_of: dt.date) -> dt.date | None:
        if _blank(value):
            self.bad("date", "empty: give the date of the quotation or catalogue",
                     "vide : indiquer la date du devis ou du catalogue")
            return None
        when = _date(value)
        if when is None:
            self.bad("date", "{v} is not a date (YYYY-MM-DD or DD/MM/YYYY)",
                     "{v} n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)", v=self.q(value))
        elif when > as_of:
            self.bad("date", "{v} is after {a}, the date prices are aged against",
                     "{v} est postérieure au {a}, date de référence des prix", v=when.isoformat(), a=as_of.isoformat())
        return when

    def source(self, value: Any) -> str:
        source = str(value or "").strip()
        if not source:
            self.bad("source", "empty: name the quotation, catalogue or notice the price comes from",
                     "vide : nommer le devis, le catalogue ou l'avis d'où vient le prix")
        return source


def _columns(header: list[Any], lang: str, name: str) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        key = _header_key(h)
        if key is not None and key not in cols:
            cols[key] = i
    k = 1 if lang == "fr" else 0
    missing = [COLUMNS[c][k] for c in READ if c not in cols]
    if missing:
        raise CatalogueError(f"{name}: " + _msg(
            lang, "row 1: missing column(s) {m}; the header row must name {w}",
            "ligne 1 : colonne(s) absente(s) {m} ; la ligne d'en-tête doit nommer {w}",
            m=", ".join(missing), w=", ".join(COLUMNS[c][k] for c in READ)))
    return cols


def parse_prices(data: bytes, fmt: str, lang: str = "en", as_of: dt.date | None = None,
                 name: str = "price file") -> dict[str, dict[str, Any]]:
    """The prices of a filled price file: ``{key: {amount, currency, date, source}}``.

    Raises :class:`CatalogueError` listing every problem (row and column named) when a row is wrong.
    """
    from centreplan.equipment.catalogue import load_catalogue

    known = load_catalogue().items
    as_of = as_of or dt.date.today()
    rows = _table(data, fmt, lang)
    while rows and all(_blank(c) for c in rows[0]):
        rows.pop(0)
    if not rows:
        raise CatalogueError(f"{name}: " + _msg(lang, "the file is empty", "le fichier est vide"))
    cols = _columns(rows[0], lang, name)
    problems: list[str] = []
    out: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    for n, row in enumerate(rows[1:], start=2):
        cell = {k: (row[i] if i < len(row) else None) for k, i in cols.items()}
        if _blank(cell["unit_price"]):
            continue  # not filled in (or an empty row): the item stays unpriced
        r = _Row(n, lang)
        key = r.key(cell["item"], known, seen)
        amount, currency = r.amount(cell["unit_price"]), r.currency(cell["currency"])
        when, source = r.date(cell["date"], as_of), r.source(cell["source"])
        problems += r.problems
        if not r.problems and when is not None:
            out[key] = {"amount": amount, "currency": currency, "date": when.isoformat(), "source": source}
    if problems:
        head = _msg(lang, "{k} problem(s); nothing was read", "{k} problème(s) ; rien n'a été lu", k=len(problems))
        shown = problems[:MAX_PROBLEMS_SHOWN]
        more = len(problems) - len(shown)
        tail = [_msg(lang, "… and {m} more", "… et {m} de plus", m=more)] if more else []
        raise CatalogueError(f"{name}: {head}\n" + "\n".join(f"  - {p}" for p in shown + tail))
    return out


def fmt_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    return "xlsx" if suffix == ".xlsx" else "csv" if suffix in (".csv", ".txt") else suffix.lstrip(".")


def read_prices(path: str | Path, lang: str = "en", as_of: dt.date | None = None) -> dict[str, dict[str, Any]]:
    """:func:`parse_prices` of the file at ``path`` (``.csv`` or ``.xlsx``)."""
    fmt = fmt_of(path)
    if fmt not in ("csv", "xlsx"):
        raise CatalogueError(f"{path}: " + _msg(lang, "a price file must be .csv or .xlsx",
                                                "un fichier de prix doit être .csv ou .xlsx"))
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CatalogueError(f"{path}: " + _msg(lang, "no such file", "fichier introuvable")) from None
    except OSError as e:
        raise CatalogueError(f"{path}: " + _msg(lang, "cannot be read ({e})", "illisible ({e})",
                                                e=e.strerror)) from None
    return parse_prices(data, fmt, lang, as_of, name=str(path))


def with_prices(params: Any, prices: dict[str, dict[str, Any]]) -> Any:
    """``params`` with the file's prices over its own (validated as a parameters file's ``prices``)."""
    from centreplan.equipment.params import UnitPrice

    merged = dict(params.prices)
    merged.update({k: UnitPrice.model_validate(v) for k, v in prices.items()})
    return params.model_copy(update={"prices": merged})
