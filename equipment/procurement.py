"""The procurement list: quantities per centre and consolidated over several centres, grouped by
lot, each line with its specification, basis (the formula in words with its inputs), source,
status, unit price and totals in EUR and XOF.

Prices: the reference prices of the catalogue are in CHF, USD (or EUR); EUR → XOF uses the fixed
parity 1 EUR = 655.957 XOF; CHF and USD → EUR use only a dated rate the user sets
(``fx: {CHF: {eur_per_unit: …, date: …}}``): without one, the line shows its price in the source
currency and stays out of the EUR/XOF totals. A price the reference itself doubts (``suspect``) is
shown but never used. Totals are the sums of the lines shown: line total = quantity × unit price as
printed (EUR to the cent, XOF to the franc), and every total adds those line totals.

JSON (``to_json_data``) follows ``design.md`` §4 (``items`` with id, quantity, unit, per_centre,
lot, unit_price, basis, source; ``totals``) with additions.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Sequence

from pydantic import BaseModel, ConfigDict, Field

from planner.model import Centre

from equipment import sizing as sz
from equipment.catalogue import EUR_XOF, STATUS_TEXT, STATUS_TEXT_FR, UNSPSC_CAVEAT, Catalogue, Item, load_catalogue
from equipment.centre import CentreSizing, size_centre
from equipment.params import make_params, used_parameters

FORMAT = "centreplan-procurement/1"


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Money(_M):
    amount: float
    currency: str


class PriceRef(_M):
    """The reference price as the source gives it, and the conversion used (if any)."""

    amount: float
    currency: str
    date: str
    source: str
    status: str
    reference: str | None = None
    note: str | None = None
    suspect: bool = False
    fx_eur_per_unit: float | None = None
    fx_date: str | None = None
    fx_source: str | None = None


class Line(_M):
    id: str
    name_en: str
    name_fr: str
    lot: str
    lot_en: str
    lot_fr: str
    unit: str
    quantity: float
    per_centre: dict[str, float]
    basis: str
    basis_fr: str
    basis_per_centre: dict[str, str]
    source: str
    status: str
    status_text: str
    status_text_fr: str
    flagged: bool  # the quantity rests on an unverified figure, a design choice or a user value
    spec: dict[str, dict[str, str]]
    spec_en: str
    spec_fr: str
    spec_status: str
    unspsc: list[dict[str, str | None]]
    unit_price: Money | None = None
    unit_price_eur: float | None = None
    unit_price_xof: float | None = None
    total_eur: float | None = None
    total_xof: float | None = None
    per_centre_eur: dict[str, float] | None = None
    price: PriceRef | None = None
    price_note: str | None = None
    notes: list[str] = Field(default_factory=list)


class LotTotal(_M):
    lot: str
    en: str
    fr: str
    lines: int
    total_eur: float
    total_xof: float


class Totals(_M):
    eur: float
    xof: float
    per_centre_eur: dict[str, float]
    per_centre_xof: dict[str, float]
    by_lot: list[LotTotal]
    priced_lines: int
    unpriced_lines: list[str]
    note: str


class OmittedItem(_M):
    id: str
    name_en: str
    name_fr: str
    lot: str
    reason: str
    reason_fr: str
    per_centre: dict[str, str]


class ProcurementList(_M):
    format: str = FORMAT
    centres: list[str]
    supply_months: float
    lines: list[Line]
    totals: Totals
    omitted: list[OmittedItem]
    warnings: dict[str, list[str]]
    sizing: dict[str, dict[str, Any]]
    parameters: list[dict[str, Any]]
    fx: dict[str, dict[str, Any]]
    notes: list[str]

    def by_lot(self) -> list[tuple[str, str, str, list[Line]]]:
        """Lines grouped by lot in catalogue order: (lot id, EN, FR, lines)."""
        groups: dict[str, list[Line]] = defaultdict(list)
        for line in self.lines:
            groups[line.lot].append(line)
        out = []
        for lt in self.totals.by_lot:
            if groups.get(lt.lot):
                out.append((lt.lot, lt.en, lt.fr, groups[lt.lot]))
        return out

    def line(self, item_id: str) -> Line:
        for line in self.lines:
            if line.id == item_id:
                return line
        raise KeyError(item_id)

    def to_json_data(self) -> dict[str, Any]:
        """design.md §4: ``{"items": [...], "totals": {...}}`` plus additions."""
        items = []
        for ln in self.lines:
            d = ln.model_dump(mode="json")
            d["quantity"] = _plain(ln.quantity)
            d["per_centre"] = {k: _plain(v) for k, v in ln.per_centre.items()}
            for key in ("unit_price_xof", "total_xof"):
                if d[key] is not None:
                    d[key] = _plain(d[key])
            d["name"] = {"en": ln.name_en, "fr": ln.name_fr}
            items.append(d)
        return {
            "format": self.format,
            "centres": self.centres,
            "supply_months": self.supply_months,
            "items": items,
            "totals": _xof_plain(self.totals.model_dump(mode="json")),
            "omitted": [o.model_dump(mode="json") for o in self.omitted],
            "warnings": self.warnings,
            "sizing": self.sizing,
            "parameters": self.parameters,
            "fx": self.fx,
            "notes": self.notes,
        }


def _plain(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def _xof_plain(t: dict[str, Any]) -> dict[str, Any]:
    t["xof"] = _plain(t["xof"])
    t["per_centre_xof"] = {k: _plain(v) for k, v in t["per_centre_xof"].items()}
    for lot in t["by_lot"]:
        lot["total_xof"] = _plain(lot["total_xof"])
    return t


def _unique_names(centres: Sequence[Centre]) -> list[str]:
    seen: dict[str, int] = {}
    names = []
    for c in centres:
        base = c.centre.name
        seen[base] = seen.get(base, 0) + 1
        names.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return names


def _price(item: Item, params: Any) -> tuple[float | None, PriceRef | None, str | None]:
    """(unit price in EUR as printed, reference, note)."""
    pr = item.price
    if pr is None:
        return None, None, "no reference price in the reference"
    ref = PriceRef(amount=pr.amount, currency=pr.currency, date=pr.date, source=pr.source, status=pr.status,
                   reference=pr.reference, note=pr.note, suspect=pr.suspect)
    if pr.suspect:
        return None, ref, f"reference price {pr.amount:.2f} {pr.currency} ({pr.date}) is suspect: {pr.note}"
    if pr.currency == "EUR":
        return round(pr.amount, 2), ref, None
    if pr.currency == "XOF":
        return round(pr.amount / EUR_XOF, 2), ref, None
    rate = params.fx.get(pr.currency)
    if rate is None:
        return None, ref, (f"price {pr.amount:.2f} {pr.currency} ({pr.date}); no {pr.currency}→EUR rate set: "
                           f"set fx.{pr.currency} (eur_per_unit and date) to convert")
    ref = ref.model_copy(update={"fx_eur_per_unit": rate.eur_per_unit, "fx_date": rate.date.isoformat(),
                                 "fx_source": rate.source})
    return round(pr.amount * rate.eur_per_unit, 2), ref, None


def procurement_list(centres: Sequence[Centre], params: Any = None,
                     catalogue: Catalogue | None = None, plans: Sequence[Any] | None = None) -> ProcurementList:
    """The procurement list for one or several centres.

    ``per_centre`` quantities are keyed by centre name (a repeated name gets `` (2)``…); the
    consolidated quantity is their sum. ``params``: a :data:`equipment.params.SizingParams`, a
    mapping of parameter values, or ``None`` for the defaults. ``plans``: the
    :func:`planner.geometry.build_plan` of each centre when the caller already has them.
    """
    if not centres:
        from planner.errors import CatalogueError

        raise CatalogueError("no centre given: pass at least one layout")
    p = make_params(params) if (params is None or isinstance(params, dict)) else params
    cat = catalogue or load_catalogue()
    names = _unique_names(centres)
    unknown = sorted(set(p.centres) - set(names) - {c.centre.name for c in centres})
    if unknown:
        from planner.errors import CatalogueError

        raise CatalogueError(
            f"centres: no centre named {unknown[0]!r} among the layouts given; centre names: "
            + ", ".join(repr(n) for n in names))
    if plans is not None and len(plans) != len(centres):
        from planner.errors import CatalogueError

        raise CatalogueError(f"plans: {len(plans)} plans for {len(centres)} centres")
    sized: dict[str, CentreSizing] = {
        nm: size_centre(c, p, cat, plan=plans[i] if plans is not None else None, name=nm)
        for i, (nm, c) in enumerate(zip(names, centres))}
    order = cat.lot_order()
    lines: list[Line] = []
    omitted: list[OmittedItem] = []
    items = sorted(cat.items.values(), key=lambda it: (order[it.lot], it.id))
    for item in items:
        computed = {nm: s.lines[item.id] for nm, s in sized.items() if item.id in s.lines}
        if not computed:
            reasons = {nm: s.omitted[item.id].reason_en for nm, s in sized.items() if item.id in s.omitted}
            reasons_fr = {nm: s.omitted[item.id].reason_fr for nm, s in sized.items() if item.id in s.omitted}
            uniq = sorted(set(reasons.values()))
            omitted.append(OmittedItem(
                id=item.id, name_en=item.name.en, name_fr=item.name.fr, lot=item.lot,
                reason=uniq[0] if len(uniq) == 1 else "; ".join(f"{k}: {v}" for k, v in reasons.items()),
                reason_fr=(sorted(set(reasons_fr.values()))[0] if len(set(reasons_fr.values())) == 1
                           else "; ".join(f"{k} : {v}" for k, v in reasons_fr.items())),
                per_centre=reasons))
            continue
        per_centre = {nm: float(computed[nm].value) if nm in computed else 0.0 for nm in names}
        unit = next(iter(computed.values())).unit
        qty = round(sum(per_centre.values()), 3)
        basis_pc = {nm: (computed[nm].basis_en if nm in computed
                         else f"not computed: {sized[nm].omitted[item.id].reason_en}" if item.id in sized[nm].omitted
                         else "0") for nm in names}
        basis_pc_fr = {nm: (computed[nm].basis_fr if nm in computed
                            else f"non calculé : {sized[nm].omitted[item.id].reason_fr}" if item.id in sized[nm].omitted
                            else "0") for nm in names}
        if len(names) == 1:
            basis, basis_fr = basis_pc[names[0]], basis_pc_fr[names[0]]
        else:
            basis = "sum over centres: " + "; ".join(f"{nm}: {b}" for nm, b in basis_pc.items())
            basis_fr = "somme des centres : " + " ; ".join(f"{nm} : {b}" for nm, b in basis_pc_fr.items())
        sources = sorted({cat.cite(v.source) for v in computed.values()})
        status = sz.worst(*(v.status for v in computed.values()))
        user = any(v.source == "user override" for v in computed.values())
        notes = sorted({n for v in computed.values() for n in v.notes})
        if item.rating and len(names) > 1:
            notes.append(f"the quantity is the size of one {unit} unit per centre: buy one per centre as in the "
                         "per-centre columns; the total adds the sizes")
        if item.price and item.price.note and not item.price.suspect:
            notes.append(f"price: {item.price.note}")
        unit_eur, ref, price_note = _price(item, p)
        total_eur = total_xof = None
        unit_xof = None
        pc_eur = None
        unit_price = None
        if unit_eur is not None:
            unit_xof = float(round(unit_eur * EUR_XOF))
            total_eur = round(qty * unit_eur, 2)
            total_xof = float(round(qty * unit_xof))
            pc_eur = {nm: round(q * unit_eur, 2) for nm, q in per_centre.items()}
            unit_price = Money(amount=unit_eur, currency="EUR")
        elif ref is not None and not ref.suspect:
            unit_price = Money(amount=ref.amount, currency=ref.currency)
        lines.append(Line(
            id=item.id, name_en=item.name.en, name_fr=item.name.fr, lot=item.lot,
            lot_en=cat.lot(item.lot).en, lot_fr=cat.lot(item.lot).fr, unit=unit, quantity=qty,
            per_centre=per_centre, basis=basis, basis_fr=basis_fr, basis_per_centre=basis_pc,
            source="; ".join(sources), status="user_set" if user else status,
            status_text="set by the user" if user else STATUS_TEXT[status],
            status_text_fr="fixé par l'utilisateur" if user else STATUS_TEXT_FR[status],
            flagged=user or status in ("unverified", "design_choice", "gap") or item.spec.status == "unverified",
            spec={k: {"en": v.en, "fr": v.fr} for k in ("description", "dimensions", "material", "performance",
                                                         "packing", "shelf_life")
                  if (v := getattr(item.spec, k)) is not None},
            spec_en=item.spec.text("en"), spec_fr=item.spec.text("fr"), spec_status=item.spec.status,
            unspsc=[u.model_dump() for u in item.unspsc],
            unit_price=unit_price, unit_price_eur=unit_eur, unit_price_xof=unit_xof, total_eur=total_eur,
            total_xof=total_xof, per_centre_eur=pc_eur, price=ref, price_note=price_note, notes=notes,
        ))
    totals = _totals(lines, names, cat)
    fx = {cur: {"eur_per_unit": r.eur_per_unit, "date": r.date.isoformat(), "source": r.source}
          for cur, r in p.fx.items()}
    fx["XOF"] = {"xof_per_eur": EUR_XOF, "note": "fixed legal parity"}
    return ProcurementList(
        centres=names, supply_months=p.supply_months, lines=lines, totals=totals, omitted=omitted,
        warnings={nm: s.warnings for nm, s in sized.items()},
        sizing={nm: s.summary() for nm, s in sized.items()},
        parameters=used_parameters(p), fx=fx,
        notes=[UNSPSC_CAVEAT,
               "Quantities marked unverified or design choice rest on a figure without a verified source: "
               "review them (the parameter list shows each default, its source and status).",
               "Reference prices are rough estimates with their date; CHF and USD are converted only at a "
               "dated rate set by the user; 1 EUR = 655.957 XOF (fixed parity)."],
    )


def _totals(lines: list[Line], names: list[str], cat: Catalogue) -> Totals:
    by_lot = []
    for lot in cat.lots:
        ls = [ln for ln in lines if ln.lot == lot.id]
        by_lot.append(LotTotal(
            lot=lot.id, en=lot.en, fr=lot.fr, lines=len(ls),
            total_eur=round(sum(ln.total_eur or 0.0 for ln in ls), 2),
            total_xof=float(sum(ln.total_xof or 0.0 for ln in ls))))
    priced = [ln for ln in lines if ln.total_eur is not None]
    return Totals(
        eur=round(sum(ln.total_eur for ln in priced), 2),  # type: ignore[misc]
        xof=float(sum(ln.total_xof for ln in priced)),  # type: ignore[misc]
        per_centre_eur={nm: round(sum((ln.per_centre_eur or {}).get(nm, 0.0) for ln in priced), 2) for nm in names},
        per_centre_xof={nm: float(sum(round(ln.per_centre[nm] * (ln.unit_price_xof or 0)) for ln in priced))
                        for nm in names},
        by_lot=by_lot, priced_lines=len(priced),
        unpriced_lines=[ln.id for ln in lines if ln.total_eur is None],
        note="totals add the priced lines shown; lines without a EUR price (no reference price, a suspect "
             "price, or no dated exchange rate set) are listed in unpriced_lines and not counted",
    )
