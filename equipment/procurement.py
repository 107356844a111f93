"""The procurement list: quantities per centre and consolidated over several centres, grouped by
lot, each line with its specification, basis (the formula in words with its inputs), source,
status, unit price and totals in EUR and XOF.

Quantities are things one buys (:mod:`equipment.purchase`: standard sizes, modules counted);
installed equipment gets one line per centre, loose items and consumables are summed; works are
listed apart (``works``). Prices (:mod:`equipment.pricing`): the user's unit price, else the
catalogue's reference price, each kept as its source gives it (amount, currency, date) next to the
EUR price used; CHF and USD convert at the dated ECB rate of ``costs.yaml`` unless the user sets one
(``fx``); 1 EUR = 655.957 XOF. A price the reference itself doubts (``suspect``) is shown but never
used; an item without a sourced price says so. Totals are the sums of the lines shown: line total =
quantity × unit price as printed (EUR to the cent), its XOF = round(EUR total × 655.957), and every
total adds those line totals. Running and construction costs per centre: :mod:`equipment.costs`.

JSON (``to_json_data``) follows ``design.md`` §4 (``items`` with id, quantity, unit, per_centre,
lot, unit_price, basis, source; ``totals``) with additions.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from centreplan.equipment import sizing as sz
from centreplan.equipment.basis import source_text
from centreplan.equipment.catalogue import (
    EUR_XOF,
    SPEC_FIELDS,
    STATUS_TEXT,
    STATUS_TEXT_FR,
    UNSPSC_CAVEAT,
    UNSPSC_CAVEAT_FR,
    Catalogue,
    Item,
    load_catalogue,
)
from centreplan.equipment.centre import CentreSizing, size_centre
from centreplan.equipment.costs import CentreCosts, centre_costs
from centreplan.equipment.params import make_params, used_parameters
from centreplan.equipment.pricing import costs, fx_rates, no_price_fr, use_price
from centreplan.equipment.purchase import purchasable
from centreplan.equipment.sizing import num
from centreplan.planner.errors import CatalogueError
from centreplan.planner.model import Centre

FORMAT = "centreplan-procurement/1"


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Money(_M):
    amount: float
    currency: str


class PriceRef(_M):
    """The reference price as the source gives it, and what the list made of it."""

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
    fx_status: str | None = None
    fx_default: bool | None = None
    user_set: bool = False
    age_years: float | None = None
    old: bool = False
    inflation_factor: float | None = None
    inflation_index: str | None = None


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
    basis_per_centre_fr: dict[str, str] = Field(default_factory=dict)
    source: str
    source_fr: str = ""  # the source in French (catalogue source_fr, sizing sources of bases.yaml)
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
    notes_fr: list[str] = Field(default_factory=list)
    # additions (procurement officer's view)
    price_note_fr: str | None = None
    kind: str = "supply"  # supply | works
    centre: str | None = None  # installed equipment: the one centre this line is for
    installed: bool = False
    consumable: bool = False
    variant_en: str | None = None  # the standard size bought (e.g. "30 kVA generator set")
    variant_fr: str | None = None
    size: float | None = None
    size_unit: str | None = None
    capacity_per_centre: dict[str, float] | None = None  # the sized capacity before standard sizes
    capacity_unit: str | None = None
    services: list[str] = Field(default_factory=list)
    delivery: dict[str, str] = Field(default_factory=dict)  # centre → place of delivery
    unit_price_original: Money | None = None  # the source's amount and currency, before conversion
    price_date: str | None = None
    price_source: str | None = None
    price_source_fr: str | None = None

    def source_in(self, lang: str = "en") -> str:
        """The line's source in ``lang`` (French where the catalogue or the sizing gives it)."""
        return (self.source_fr or self.source) if lang == "fr" else self.source

    def price_source_in(self, lang: str = "en") -> str | None:
        """Where the reference price comes from, in ``lang``."""
        return (self.price_source_fr or self.price_source) if lang == "fr" else self.price_source


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
    note_fr: str = ""
    lines: int = 0
    priced_share: float = 0.0  # priced supply lines / supply lines


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
    warnings_fr: dict[str, list[str]] = Field(default_factory=dict)
    sizing: dict[str, dict[str, Any]]
    parameters: list[dict[str, Any]]
    fx: dict[str, dict[str, Any]]
    notes: list[str]
    notes_fr: list[str] = Field(default_factory=list)
    works: list[Line] = Field(default_factory=list)
    costs: dict[str, CentreCosts] = Field(default_factory=dict)
    delivery: dict[str, str] = Field(default_factory=dict)
    tender_reference: str | None = None
    as_of: str = ""

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

    def line(self, item_id: str, centre: str | None = None) -> Line:
        """The line of an item (of ``centre`` for installed equipment listed per centre)."""
        for line in self.lines + self.works:
            if line.id == item_id and (centre is None or line.centre in (None, centre)):
                return line
        raise KeyError(item_id)

    def to_json_data(self) -> dict[str, Any]:
        """design.md §4: ``{"items": [...], "totals": {...}}`` plus additions."""
        return {
            "format": self.format,
            "centres": self.centres,
            "supply_months": self.supply_months,
            "items": [_line_json(ln) for ln in self.lines],
            "totals": _xof_plain(self.totals.model_dump(mode="json")),
            "omitted": [o.model_dump(mode="json") for o in self.omitted],
            "warnings": self.warnings,
            "warnings_fr": self.warnings_fr,
            "sizing": self.sizing,
            "parameters": self.parameters,
            "fx": self.fx,
            "notes": self.notes,
            "notes_fr": self.notes_fr,
            "works": [_line_json(ln) for ln in self.works],
            "costs": {k: v.model_dump(mode="json") for k, v in self.costs.items()},
            "delivery": self.delivery,
            "tender_reference": self.tender_reference,
            "as_of": self.as_of,
        }


def _line_json(ln: Line) -> dict[str, Any]:
    d = ln.model_dump(mode="json")
    d["quantity"] = _plain(ln.quantity)
    d["per_centre"] = {k: _plain(v) for k, v in ln.per_centre.items()}
    for key in ("unit_price_xof", "total_xof"):
        if d[key] is not None:
            d[key] = _plain(d[key])
    d["name"] = {"en": ln.name_en, "fr": ln.name_fr}
    return d


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


def _delivery_place(name: str, centre: Centre, params: Any) -> str:
    inputs = params.centres.get(name)
    if inputs is not None and inputs.delivery_place:
        return inputs.delivery_place
    info = centre.centre
    if info.location and not info.confidential:  # a confidential centre's location is in no document
        return f"{info.name}, {info.location}"
    return info.name


def _xof(eur: float) -> float:
    """XOF of a EUR amount at the fixed parity, to the franc (every XOF figure of the list)."""
    return float(round(eur * EUR_XOF))


def _merge_layout_inputs(centres: Sequence[Centre], names: list[str], p: Any) -> Any:
    """Per-centre inputs saved in the layouts (``equipment:``) under those of the parameters."""
    from centreplan.equipment.params import CentreInputs, UnitPrice

    merged = dict(p.centres)
    prices = dict(p.prices)
    changed = False
    for nm, c in zip(names, centres):
        saved = getattr(c, "equipment", None)
        if saved is None:
            continue
        data = saved.model_dump(exclude_none=True, exclude={"prices"})
        data = {k: v for k, v in data.items() if v not in ({}, [])}
        given = merged.get(nm) or merged.get(c.centre.name)
        if given is not None:
            data.update(given.model_dump(exclude_unset=True))
        if data:
            merged[nm] = CentreInputs.model_validate(data)
            changed = True
        for item_id, pr in (saved.prices or {}).items():
            if item_id not in prices:
                prices[item_id] = UnitPrice.model_validate(pr.model_dump())
                changed = True
    return p.model_copy(update={"centres": merged, "prices": prices}) if changed else p


def procurement_list(centres: Sequence[Centre], params: Any = None,
                     catalogue: Catalogue | None = None, plans: Sequence[Any] | None = None) -> ProcurementList:
    """The procurement list for one or several centres.

    ``per_centre`` quantities are keyed by centre name (a repeated name gets `` (2)``…). Loose items
    and consumables are summed over the centres; installed equipment (generators, tanks, PV…) gets
    one line per centre, so capacities of different sites never add into one machine. Built items
    (septic tank, toilet cubicles, water network) go to ``works``, not to the supply lots.
    ``params``: a :data:`equipment.params.SizingParams`, a mapping of parameter values, or ``None``
    for the defaults. ``plans``: the :func:`planner.geometry.build_plan` of each centre when the
    caller already has them.
    """
    if not centres:
        raise CatalogueError("no centre given: pass at least one layout")
    p = make_params(params) if (params is None or isinstance(params, dict)) else params
    cat = catalogue or load_catalogue()
    names = _unique_names(centres)
    unknown = sorted(set(p.centres) - set(names) - {c.centre.name for c in centres})
    if unknown:
        raise CatalogueError(
            f"centres: no centre named {unknown[0]!r} among the layouts given; centre names: "
            + ", ".join(repr(n) for n in names))
    if plans is not None and len(plans) != len(centres):
        raise CatalogueError(f"plans: {len(plans)} plans for {len(centres)} centres")
    p = _merge_layout_inputs(centres, names, p)
    sized: dict[str, CentreSizing] = {
        nm: size_centre(c, p, cat, plan=plans[i] if plans is not None else None, name=nm)
        for i, (nm, c) in enumerate(zip(names, centres))}
    delivery = {nm: _delivery_place(nm, c, p) for nm, c in zip(names, centres)}
    order = cat.lot_order()
    lines: list[Line] = []
    works: list[Line] = []
    omitted: list[OmittedItem] = []
    items = sorted(cat.items.values(), key=lambda it: (it.kind == "works", order[it.lot], it.id))
    for item in items:
        computed = {nm: s.lines[item.id] for nm, s in sized.items() if item.id in s.lines}
        if not computed:
            omitted.append(_omitted(item, sized))
            continue
        groups = [[nm] for nm in names if nm in computed] if (item.installed and len(names) > 1) else [names]
        for group in groups:
            line = _line(item, cat, p, names, group, computed, sized, delivery)
            (works if item.kind == "works" else lines).append(line)
    totals = _totals(lines, names, cat)
    rates = fx_rates(p)
    fx: dict[str, dict[str, Any]] = {
        cur: {"eur_per_unit": r.eur_per_unit, "date": r.date, "source": r.source, "status": r.status,
              "default": r.default} for cur, r in rates.items()}
    fx["XOF"] = {"xof_per_eur": EUR_XOF, "note": "fixed legal parity"}
    cost = {nm: centre_costs(nm, s, lines, p) for nm, s in sized.items()}
    return ProcurementList(
        centres=names, supply_months=p.supply_months, lines=lines, totals=totals, omitted=omitted,
        warnings={nm: [w.en for w in s.warnings] for nm, s in sized.items()},
        warnings_fr={nm: [w.fr for w in s.warnings] for nm, s in sized.items()},
        sizing={nm: s.summary() for nm, s in sized.items()},
        parameters=used_parameters(p), fx=fx, works=works, costs=cost, delivery=delivery,
        tender_reference=p.tender_reference, as_of=p.as_of.isoformat(),
        notes=[UNSPSC_CAVEAT,
               "Quantities marked unverified or design choice rest on a figure without a verified source: "
               "review them (the parameter list shows each default, its source and status).",
               "Reference prices are rough estimates with their date and source; CHF and USD are converted at "
               "the dated rates listed (ECB reference rates by default, or the user's); 1 EUR = 655.957 XOF "
               f"(fixed parity). Prices older than {costs().old_price_years:g} years are flagged.",
               "Installed equipment (generators, PV, batteries, inverters, tanks, fixed lighting…) is listed "
               "per centre and never added across sites; works (septic tank, toilet cubicles, water network) are "
               "listed apart from the supply lots, with a rough quantity for the works bill."],
        notes_fr=[UNSPSC_CAVEAT_FR,
                  "Les quantités marquées non vérifiées ou choix de conception reposent sur un chiffre sans source "
                  "vérifiée : les revoir (la liste des paramètres donne chaque valeur par défaut, sa source et son "
                  "statut).",
                  "Les prix de référence sont des estimations approximatives, avec leur date et leur source ; les "
                  "CHF et les USD sont convertis aux taux datés indiqués (taux de référence de la BCE par défaut, ou "
                  "ceux de l'utilisateur) ; 1 EUR = 655,957 XOF (parité fixe). Les prix de plus de "
                  f"{num(costs().old_price_years, 'fr')} ans sont signalés.",
                  "Les équipements installés (groupes électrogènes, PV, batteries, onduleurs, réservoirs, éclairage "
                  "fixe…) sont listés par centre et jamais additionnés d'un site à l'autre ; les travaux (fosse "
                  "septique, cabines de toilettes, réseau d'eau) sont listés à part des lots de fournitures, avec une "
                  "quantité approximative pour le bordereau des travaux."],
    )


def _omitted(item: Item, sized: dict[str, CentreSizing]) -> OmittedItem:
    reasons = {nm: s.omitted[item.id].reason_en for nm, s in sized.items() if item.id in s.omitted}
    reasons_fr = {nm: s.omitted[item.id].reason_fr for nm, s in sized.items() if item.id in s.omitted}
    uniq = sorted(set(reasons.values()))
    return OmittedItem(
        id=item.id, name_en=item.name.en, name_fr=item.name.fr, lot=item.lot,
        reason=uniq[0] if len(uniq) == 1 else "; ".join(f"{k}: {v}" for k, v in reasons.items()),
        reason_fr=(sorted(set(reasons_fr.values()))[0] if len(set(reasons_fr.values())) == 1
                   else "; ".join(f"{k} : {v}" for k, v in reasons_fr.items())),
        per_centre=reasons)


def _line(item: Item, cat: Catalogue, p: Any, names: list[str], group: list[str],
          computed: dict[str, sz.Sized], sized: dict[str, CentreSizing], delivery: dict[str, str]) -> Line:
    """One line of the list: ``group`` are the centres whose quantities it carries (one centre for
    installed equipment of a consolidated list)."""
    buys = {nm: purchasable(item.rule, computed[nm], p) for nm in group if nm in computed}
    bought = {nm: b for nm, b in buys.items() if b is not None}
    per_centre = {nm: 0.0 for nm in names}
    basis_pc: dict[str, str] = {}
    basis_pc_fr: dict[str, str] = {}
    for nm in group:
        if nm in bought:
            per_centre[nm] = float(bought[nm].count)
            basis_pc[nm], basis_pc_fr[nm] = bought[nm].basis_en, bought[nm].basis_fr
        elif nm in computed:
            per_centre[nm] = float(computed[nm].value)
            basis_pc[nm], basis_pc_fr[nm] = computed[nm].basis_en, computed[nm].basis_fr
        elif item.id in sized[nm].omitted:
            basis_pc[nm] = f"not computed: {sized[nm].omitted[item.id].reason_en}"
            basis_pc_fr[nm] = f"non calculé : {sized[nm].omitted[item.id].reason_fr}"
        else:
            basis_pc[nm] = basis_pc_fr[nm] = "0"
    for nm in names:
        if nm not in group:
            basis_pc[nm] = basis_pc_fr[nm] = "0"
    in_group = {nm: v for nm, v in computed.items() if nm in group}
    unit = next(iter(bought.values())).unit if bought else next(iter(in_group.values())).unit
    qty = round(sum(per_centre.values()), 3)
    if len(group) == 1:
        basis, basis_fr = basis_pc[group[0]], basis_pc_fr[group[0]]
        if len(names) > 1:
            basis, basis_fr = f"{group[0]}: {basis}", f"{group[0]} : {basis_fr}"
    else:
        basis = "sum over centres: " + "; ".join(f"{nm}: {b}" for nm, b in basis_pc.items())
        basis_fr = "somme des centres : " + " ; ".join(f"{nm} : {b}" for nm, b in basis_pc_fr.items())
    sources = sorted({cat.cite(v.source) for v in in_group.values()})
    sources_fr = sorted({cat.cite(item.source_in("fr") if v.source == item.source else source_text(v.source, "fr"),
                                  "fr") for v in in_group.values()})
    statuses = [v.status for v in in_group.values()] + [b.status for b in bought.values()]
    status = sz.worst(*statuses)
    user = any(v.source == "user override" for v in in_group.values())
    notes = sorted({n.en for v in in_group.values() for n in v.notes})
    notes_fr = sorted({n.fr for v in in_group.values() for n in v.notes})
    if item.price and item.price.note and not item.price.suspect:
        notes.append(f"price: {item.price.note}")
        notes_fr.append(f"prix : {item.price.note_fr or item.price.note}")
    variants = {(b.size, b.variant_en, b.variant_fr) for b in bought.values()}
    size, variant_en, variant_fr = next(iter(variants)) if len(variants) == 1 else (None, None, None)
    used, price_note = use_price(item, p, size)
    line = Line(
        id=item.id, name_en=item.name.en + (f", {variant_en}" if variant_en else ""),
        name_fr=item.name.fr + (f", {variant_fr}" if variant_fr else ""), lot=item.lot,
        lot_en=cat.lot(item.lot).en, lot_fr=cat.lot(item.lot).fr, unit=unit, quantity=qty,
        per_centre=per_centre, basis=basis, basis_fr=basis_fr, basis_per_centre=basis_pc,
        basis_per_centre_fr=basis_pc_fr,
        source="; ".join(sources), source_fr=" ; ".join(sources_fr), status="user_set" if user else status,
        status_text="set by the user" if user else STATUS_TEXT[status],
        status_text_fr="fixé par l'utilisateur" if user else STATUS_TEXT_FR[status],
        flagged=user or status in ("unverified", "design_choice", "gap") or item.spec.status == "unverified",
        spec={k: {"en": v.en, "fr": v.fr} for k in SPEC_FIELDS if (v := getattr(item.spec, k)) is not None},
        spec_en=_spec_text(item, variant_en, "en"), spec_fr=_spec_text(item, variant_fr, "fr"),
        spec_status=item.spec.status, unspsc=[u.model_dump() for u in item.unspsc], notes=notes,
        notes_fr=notes_fr,
        kind=item.kind, centre=group[0] if (item.installed and len(names) > 1) else None,
        installed=item.installed, consumable=item.consumable, variant_en=variant_en, variant_fr=variant_fr,
        size=size, size_unit=next(iter(bought.values())).size_unit if bought else None,
        capacity_per_centre={nm: float(in_group[nm].value) for nm in bought} or None,
        capacity_unit=next(iter(in_group.values())).unit if bought else None,
        services=list(item.services), delivery={nm: delivery[nm] for nm in group if per_centre[nm]},
        price_note=price_note, price_note_fr=no_price_fr(item) if price_note else None)
    if used is None:
        return line
    ref = PriceRef(amount=used.amount, currency=used.currency, date=used.date, source=used.source,
                   status=used.status, reference=used.reference, note=used.note, user_set=used.user_set,
                   age_years=None if used.age_years is None else round(used.age_years, 1), old=used.old,
                   inflation_factor=used.inflation_factor, inflation_index=used.inflation_index,
                   fx_eur_per_unit=used.fx.eur_per_unit if used.fx else None,
                   fx_date=used.fx.date if used.fx else None, fx_source=used.fx.source if used.fx else None,
                   fx_status=used.fx.status if used.fx else None, fx_default=used.fx.default if used.fx else None)
    unit_eur = used.unit_eur
    total_eur = round(qty * unit_eur, 2)
    pc_eur = {nm: round(q * unit_eur, 2) for nm, q in per_centre.items()}
    if used.old:
        line.notes.append(
            f"price dated {used.date}, {used.age_years:.0f} years before {p.as_of.isoformat()}: older than "
            f"{costs().old_price_years:g} years" + (f", raised × {used.inflation_factor:g} by {used.inflation_index}"
                                                   if used.inflation_factor else "; check it or set inflation"))
        line.notes_fr.append(
            f"prix daté du {used.date}, {num(round(used.age_years or 0), 'fr')} ans avant le {p.as_of.isoformat()} : "
            f"plus de {num(costs().old_price_years, 'fr')} ans"
            + (f", relevé × {num(used.inflation_factor, 'fr', 4)} selon {used.inflation_index}"
               if used.inflation_factor else " ; le vérifier ou renseigner l'inflation"))
    return line.model_copy(update=dict(
        unit_price=Money(amount=unit_eur, currency="EUR"), unit_price_eur=unit_eur, unit_price_xof=_xof(unit_eur),
        total_eur=total_eur, total_xof=_xof(total_eur), per_centre_eur=pc_eur, price=ref,
        unit_price_original=Money(amount=used.amount, currency=used.currency), price_date=used.date,
        price_source=cat.cite(used.source), price_source_fr=cat.cite(used.source, "fr")))


def _spec_text(item: Item, variant: str | None, lang: str) -> str:
    text = item.spec.text(lang)
    if not variant:
        return text
    head = "Size bought: " if lang == "en" else "Taille achetée : "
    return f"{head}{variant}. {text}"


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
        per_centre_xof={nm: float(sum(_xof((ln.per_centre_eur or {}).get(nm, 0.0)) for ln in priced))
                        for nm in names},
        by_lot=by_lot, priced_lines=len(priced),
        unpriced_lines=[ln.id for ln in lines if ln.total_eur is None],
        lines=len(lines), priced_share=round(len(priced) / len(lines), 4) if lines else 0.0,
        note="totals add the priced supply lines shown; lines without a price (no sourced price, or a doubtful "
             "one) are listed in unpriced_lines and not counted; works are listed apart",
        note_fr="les totaux additionnent les lignes de fournitures chiffrées indiquées ; les lignes sans prix (aucun "
                "prix sourcé, ou un prix douteux) sont listées dans unpriced_lines et non comptées ; les travaux sont "
                "listés à part",
    )
