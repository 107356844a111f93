"""The procurement list as a PDF (A4, reportlab): one ``ProcurementList`` rendered for procurement officers.

By lot, in catalogue order: each item with its specification, the basis of its quantity and its
source (figures that are design choices or unverified are marked), unit, quantity, unit price and
total in EUR; a subtotal per lot and the grand total in EUR and XOF, which are the sums of the totals
shown. Then the lines without a price (and why), the items left out, the exchange rates used and the
notes of the list.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from centreplan.equipment.catalogue import EUR_XOF
from centreplan.exports.labels import number, translator
from centreplan.exports.pdf_common import build_pdf, content_width, grid_table, p, register_fonts, styles
from centreplan.planner.model import Centre
from centreplan.planner.vocabulary import unit_name


def _money(x: float | None, lang: str, decimals: int = 2) -> str:
    return "—" if x is None else number(x, decimals, lang)


def procurement_story(plist: Any, lang: str = "en", *, centres: list[Centre] | None = None,
                      date: _dt.date | None = None) -> list:
    _ = translator(lang)
    st = styles()
    width = content_width()
    story: list = [Paragraph(_("Procurement list"), st["title"])]
    story.append(p(", ".join(plist.centres), "h2"))
    story.append(p(_("Tender reference: {ref}", ref=plist.tender_reference or _("no tender reference set")), "note"))
    if centres and any(c.centre.confidential for c in centres):
        story.append(p(_("CONFIDENTIAL: do not circulate. Do not publish the location or the plan."), "conf"))
    story.append(p(_("Quantities for {months} months of supply. Prices are reference prices with their date "
                     "and source; totals add the priced lines shown.", months=number(plist.supply_months, 0, lang)),
                   "note"))
    grand = 0.0
    grand_xof = 0.0
    for _lot_id, lot_en, lot_fr, lines in plist.by_lot():
        story.append(Paragraph(escape(lot_fr if lang == "fr" else lot_en), st["h1"]))
        table, subtotal, subtotal_xof = _lot_table(lines, lot_fr if lang == "fr" else lot_en, lang)
        story.append(table)
        grand += round(subtotal, 2)
        grand_xof += subtotal_xof
    story.append(Spacer(1, 6))
    story.append(grid_table([
        [p(_("Grand total (EUR)"), "cellb"), p(_money(round(grand, 2), lang), "cellb")],
        [p(_("Grand total (XOF)"), "cellb"), p(_money(grand_xof, lang, 0), "cellb")],
    ], [width - 40 * mm, 40 * mm], header_rows=0))
    return story + _annexes(plist, lang)


def _line_description(ln: Any, lang: str) -> list:
    """The description cell of a line: name, specification, basis, source, price and place of delivery."""
    _ = translator(lang)
    fr = lang == "fr"
    mark = "" if ln.status == "verified" else f" [{ln.status_text_fr if fr else ln.status_text}]"
    desc = [Paragraph(f"<b>{escape(ln.name_fr if fr else ln.name_en)}</b>", styles()["cell"]),
            p(ln.spec_fr if fr else ln.spec_en, "small"),
            p(_("Quantity: {basis}", basis=ln.basis_fr if fr else ln.basis), "small"),
            p(_("Source: {source}", source=f"{ln.source_in(lang)}{mark}"), "small")]
    note = (ln.price_note_fr if fr else ln.price_note) if ln.unit_price_eur is None else None
    if note:
        desc.append(p(_("Price: {note}", note=note), "small"))
    elif ln.unit_price_original is not None:
        orig = f"{number(ln.unit_price_original.amount, 2, lang)} {ln.unit_price_original.currency}"
        desc.append(p(_("Price: {note}", note=f"{orig} ({ln.price_date}, {ln.price_source_in(lang)})"), "small"))
    if ln.delivery:
        desc.append(p(_("Place of delivery") + (" : " if fr else ": ") + "; ".join(ln.delivery.values()), "small"))
    return desc


def _lot_table(lines: list[Any], lot: str, lang: str) -> tuple[Any, float, float]:
    """The table of one lot with its subtotal row, and the subtotals in EUR and XOF."""
    _ = translator(lang)
    width = content_width()
    widths = [16 * mm, width - 16 * mm - 14 * mm - 18 * mm - 20 * mm - 24 * mm, 14 * mm, 18 * mm, 20 * mm, 24 * mm]
    rows = [[p(_("Item"), "cellb"), p(_("Description and specification"), "cellb"), p(_("Unit"), "cellb"),
             p(_("Quantity"), "cellb"), p(_("Unit price (EUR)"), "cellb"), p(_("Total (EUR)"), "cellb")]]
    extra: list[tuple] = []
    subtotal = subtotal_xof = 0.0
    for ln in lines:
        total = None if ln.unit_price_eur is None else round(ln.quantity * ln.unit_price_eur, 2)
        total_xof = None if ln.unit_price_xof is None else round(ln.quantity * ln.unit_price_xof, 0)
        subtotal += total or 0.0
        subtotal_xof += total_xof or 0.0
        rows.append([p(ln.id), _line_description(ln, lang), p(unit_name(ln.unit, ln.quantity, lang)),
                     p(_qty(ln.quantity, lang)), p(_money(ln.unit_price_eur, lang)), p(_money(total, lang))])
        if ln.status != "verified":
            extra.append(("BACKGROUND", (0, len(rows) - 1), (0, len(rows) - 1), colors.HexColor("#FFF2CC")))
    rows.append(["", p(_("Subtotal {lot}", lot=lot), "cellb"), "", "", "",
                 p(_money(round(subtotal, 2), lang), "cellb")])
    extra.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.8, colors.black))
    return grid_table(rows, widths, extra=extra), subtotal, subtotal_xof


def _annexes(plist: Any, lang: str) -> list:
    """After the lots: lines without a price, items left out, works, costs, exchange rates and notes."""
    _ = translator(lang)
    st = styles()
    width = content_width()
    fr = lang == "fr"
    story: list = []
    unpriced = [ln for ln in plist.lines if ln.unit_price_eur is None]
    if unpriced:
        story.append(Paragraph(_("Lines without a price ({n}), not in the totals", n=len(unpriced)), st["h2"]))
        story.append(grid_table([[p(_("Item"), "cellb"), p(_("Why"), "cellb")]] +
                                [[p(ln.id), p((ln.price_note_fr if fr else ln.price_note) or "")] for ln in unpriced],
                                [16 * mm, width - 16 * mm]))
    if plist.omitted:
        story.append(Paragraph(_("Items left out"), st["h2"]))
        story.append(grid_table([[p(_("Item"), "cellb"), p(_("Why"), "cellb")]] +
                                [[p(o.id), p(o.reason_fr if fr else o.reason)] for o in plist.omitted],
                                [16 * mm, width - 16 * mm]))
    if plist.works:
        story.append(Paragraph(_("Works"), st["h2"]))
        story.append(grid_table([[p(_("Item"), "cellb"), p(_("Description"), "cellb"), p(_("Quantity"), "cellb")]] +
                                [[p(ln.id), p((ln.name_fr if fr else ln.name_en) + " — "
                                              + (ln.basis_fr if fr else ln.basis), "small"),
                                  p(f"{_qty(ln.quantity, lang)} {unit_name(ln.unit, ln.quantity, lang)}")]
                                 for ln in plist.works],
                                [16 * mm, width - 46 * mm, 30 * mm]))
    if plist.costs:
        story += _costs(plist, lang)
    if plist.fx:
        story.append(Paragraph(_("Exchange rates used"), st["h2"]))
        rate_rows = [[p("XOF"), p(_("XOF for 1 EUR (fixed parity)") + ": " + number(EUR_XOF, 3, lang))]]
        for cur, data in plist.fx.items():
            if cur != "XOF":
                rate_rows.append([p(cur), p(f"1 {cur} = {number(data['eur_per_unit'], 6, lang)} EUR · {data['date']} · "
                                            f"{data['source']}", "small")])
        story.append(grid_table([[p(_("Currency"), "cellb"), p(_("Rate"), "cellb")]] + rate_rows,
                                [24 * mm, width - 24 * mm]))
        story.append(p(_("Prices aged against {date}; older than 3 years are flagged on their line.",
                         date=plist.as_of), "note"))
    if fr:
        notes = list(plist.notes_fr or plist.notes) + [plist.totals.note_fr or plist.totals.note]
    else:
        notes = list(plist.notes) + [plist.totals.note]
    story.append(Paragraph(_("Notes"), st["h2"]))
    story += [p(f"• {n}", "note") for n in notes]
    return story


def _costs(plist: Any, lang: str) -> list:
    """Running cost per month and rough construction cost, each row with its basis and source."""
    _ = translator(lang)
    fr = lang == "fr"
    width = content_width()
    rows = [[p(_("Centre"), "cellb"), p(_("Description"), "cellb"), p(_("Amount (EUR)"), "cellb"),
             p(_("Amount (XOF)"), "cellb")]]
    for name, c in plist.costs.items():
        for r in c.running + c.construction:
            source = (r.source_fr or r.source) if fr else r.source
            text = f"{r.fr if fr else r.en}{' :' if fr else ':'} {r.basis_fr if fr else r.basis} ({source})"
            rows.append([p(name, "small"), p(text, "small"), p(_money(r.eur, lang)), p(_money(r.xof, lang, 0))])
    return [Paragraph(_("Running cost per month") + " · " + _("Construction (rough)"), styles()["h2"]),
            grid_table(rows, [34 * mm, width - 34 * mm - 50 * mm, 22 * mm, 28 * mm])]


def _qty(q: float, lang: str) -> str:
    return number(q, 0, lang) if float(q).is_integer() else number(q, 1, lang)


def procurement_pdf_bytes(centres: Centre | list[Centre], plist: Any = None, lang: str = "en", *,
                          params: Any = None, date: _dt.date | None = None) -> bytes:
    """The procurement list as PDF bytes. Without ``plist`` it is computed with
    ``equipment.procurement_list(centres, params)``."""
    from centreplan import equipment

    _ = translator(lang)
    register_fonts()
    centres = [centres] if isinstance(centres, Centre) else list(centres)
    if plist is None:
        plist = equipment.procurement_list(centres, params)
    date = date or _dt.date.today()
    story = procurement_story(plist, lang, centres=centres, date=date)
    name = ", ".join(c.centre.name for c in centres)
    return build_pdf(story, title=_("Procurement list"), centre_name=name,
                     confidential=any(c.centre.confidential for c in centres), date=date, _=_)
