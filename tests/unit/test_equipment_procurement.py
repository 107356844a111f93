"""The procurement list: consolidation, totals, prices and the design.md §4 JSON contract."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centreplan.equipment import procurement_list
from centreplan.equipment.catalogue import EUR_XOF
from centreplan.equipment.params import make_params
from centreplan.planner.errors import CatalogueError
from tests.unit.equipment_layouts import small_centre

FX = {"CHF": {"eur_per_unit": 1.06, "date": "2026-11-20", "source": "test"},
      "USD": {"eur_per_unit": 0.92, "date": "2026-11-20"}}

populations = st.fixed_dictionaries({
    "men": st.integers(0, 200), "women": st.integers(0, 120), "boys": st.integers(0, 40),
    "girls": st.integers(0, 40), "staff": st.integers(0, 150),
}).filter(lambda p: p["men"] + p["women"] + p["boys"] + p["girls"] > 0)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(populations, min_size=3, max_size=3), st.sampled_from(["emergency", "stabilised"]))
def test_consolidation_of_three_centres_is_the_sum_of_the_per_centre_lists(pops, phase):
    centres = [small_centre(f"C{i}", phase=phase, **p) for i, p in enumerate(pops)]
    params = make_params({"fx": FX})
    whole = procurement_list(centres, params)
    singles = [procurement_list([c], params) for c in centres]
    for line in whole.lines:
        assert line.quantity == pytest.approx(sum(line.per_centre.values()))
        for c, single in zip(centres, singles):
            got = {ln.id: ln.quantity for ln in single.lines}.get(line.id, 0)
            if line.installed:  # installed equipment: one line per centre, the others read 0
                assert line.per_centre[c.centre.name] == pytest.approx(got if line.centre == c.centre.name else 0)
            else:
                assert line.per_centre[c.centre.name] == pytest.approx(got), (line.id, c.centre.name)
    # every item computed for some single centre appears in the consolidated list
    ids = {ln.id for s in singles for ln in s.lines}
    assert ids == {ln.id for ln in whole.lines}
    _assert_totals_are_sums(whole)


def _assert_totals_are_sums(pl):
    priced = [ln for ln in pl.lines if ln.total_eur is not None]
    assert pl.totals.eur == pytest.approx(sum(ln.total_eur for ln in priced), abs=0.005)
    assert pl.totals.xof == sum(ln.total_xof for ln in priced)
    for ln in priced:
        # line total = quantity × the unit price printed
        assert ln.total_eur == pytest.approx(round(ln.quantity * ln.unit_price_eur, 2))
        # the XOF column is EUR × 655.957 on every line, to the franc
        assert ln.total_xof == round(ln.total_eur * 655.957)
        assert ln.unit_price_xof == round(ln.unit_price_eur * 655.957)
    for lot in pl.totals.by_lot:
        ls = [ln for ln in priced if ln.lot == lot.lot]
        assert lot.total_eur == pytest.approx(sum(ln.total_eur for ln in ls), abs=0.005)
        assert lot.total_xof == sum(ln.total_xof for ln in ls)
    assert pl.totals.eur == pytest.approx(sum(lt.total_eur for lt in pl.totals.by_lot), abs=0.005)
    for name in pl.centres:
        assert pl.totals.per_centre_eur[name] == pytest.approx(
            sum(ln.per_centre_eur[name] for ln in priced), abs=0.005)


def test_prices_convert_at_the_dated_default_rate_or_the_users():
    c = small_centre("A", men=100, staff=10)
    default = procurement_list([c])
    blk = default.line("BLK-01")
    # default: ECB reference rate of 27 Jan 2026, 1 EUR = 0.9197 CHF → 1 CHF = 1/0.9197 = 1.087311 EUR;
    # 4.10 CHF × 1.087311 = 4.458 → 4.46 EUR; XOF round(4.46 × 655.957) = round(2 925.57) = 2 926
    assert blk.unit_price_eur == 4.46 and blk.unit_price_xof == 2926
    assert blk.price.fx_eur_per_unit == 1.087311 and blk.price.fx_date == "2026-01-27" and blk.price.fx_default
    # the source's own price and date stay next to the converted one
    assert blk.unit_price_original.amount == 4.10 and blk.unit_price_original.currency == "CHF"
    assert blk.price_date == "2019" and "S5" in blk.price_source
    pl = procurement_list([c], {"fx": FX})
    blk = pl.line("BLK-01")
    # 4.10 CHF × 1.06 = 4.346 → 4.35 EUR; XOF round(4.35 × 655.957) = round(2 853.41) = 2 853
    assert blk.unit_price_eur == 4.35 and blk.unit_price_xof == 2853
    # 100 blankets: 435.00 EUR; XOF round(435.00 × 655.957) = round(285 341.30) = 285 341
    assert blk.total_eur == 435.00 and blk.total_xof == 285_341
    assert blk.price.fx_eur_per_unit == 1.06 and blk.price.fx_date == "2026-11-20" and not blk.price.fx_default
    # the suspect mattress price is never used, and an item without a sourced price says so
    assert pl.line("MAT-01").unit_price_eur is None and "doubtful" in pl.line("MAT-01").price_note
    assert "no sourced price" in pl.line("BED-01").price_note
    _assert_totals_are_sums(pl)


def test_old_prices_are_flagged_and_raised_only_by_a_stated_index():
    c = small_centre("A", men=10)
    pl = procurement_list([c], {"fx": FX, "as_of": "2026-12-01"})
    blk = pl.line("BLK-01")
    # price "2019" stands for 1 July 2019: 7.4 years before 1 Dec 2026, over the 3-year limit
    assert blk.price.old and blk.price.age_years == 7.4 and any("older than 3 years" in n for n in blk.notes)
    assert blk.unit_price_eur == 4.35  # flagged, not changed
    raised = procurement_list([c], {"fx": FX, "as_of": "2026-12-01",
                                    "inflation": {"annual_rate": 0.02, "index": "test index 2 %/yr"}})
    blk = raised.line("BLK-01")
    # age (2026-12-01 − 2019-07-01) = 2 710 days / 365.25 = 7.4196 years; 1.02 ** 7.4196 = e^0.146927 = 1.1583
    # 4.10 CHF × 1.1583 = 4.7490 CHF × 1.06 = 5.0340 → 5.03 EUR
    assert blk.price.inflation_factor == 1.1583 and blk.unit_price_eur == 5.03
    assert blk.price.amount == 4.10 and blk.price.inflation_index == "test index 2 %/yr"


def test_a_users_unit_price_prices_the_line_with_its_currency_and_date():
    c = small_centre("A", men=30)
    pl = procurement_list([c], {"prices": {"BED-01": {"amount": 32800, "currency": "XOF", "date": "2026-10-01",
                                                      "source": "quotation Dakar"}}})
    bed = pl.line("BED-01")
    # 32 800 XOF / 655.957 = 50.003 → 50.00 EUR; 30 beds = 1 500.00 EUR = 983 936 XOF (1 500 × 655.957 = 983 935.5)
    assert bed.unit_price_eur == 50.00 and bed.total_eur == 1500.00 and bed.total_xof == 983_936
    assert bed.price.user_set and bed.unit_price_original.currency == "XOF" and bed.price_date == "2026-10-01"
    with pytest.raises(CatalogueError, match="unknown item 'BED-99'"):
        procurement_list([c], {"prices": {"BED-99": {"amount": 1, "date": "2026-01-01"}}})


def test_priced_total_of_a_small_centre():
    # 10 men, 2 staff, rates of the test: blankets 10 × 4.35 = 43.50; linen 20 sets × (12 CHF × 1.06 = 12.72)
    # = 254.40; pillows 10 × (7 × 1.06 = 7.42) = 74.20; nets 10 × (5 USD × 0.92 = 4.60) = 46.00;
    # lanterns 1 sleeping room × (7 × 0.92 = 6.44) = 6.44: 43.50 + 254.40 + 74.20 + 46.00 + 6.44 = 424.54 EUR
    pl = procurement_list([small_centre("A", men=10, staff=2, with_services=False)], {"fx": FX})
    priced = {ln.id: ln.total_eur for ln in pl.lines if ln.total_eur is not None}
    assert priced == {"BLK-01": 43.50, "LIN-01": 254.40, "PIL-01": 74.20, "NET-01": 46.00, "LGT-01": 6.44}
    assert pl.totals.eur == 424.54
    # XOF per line: 28 534 + 166 875 + 48 672 + 30 174 + 4 224 = 278 479 (each round(EUR × 655.957))
    assert pl.totals.xof == 278_479


def test_a_generator_just_above_a_standard_size_takes_the_next_one():
    from centreplan.equipment.purchase import standard_units

    sizes = [20, 30, 45, 60]
    assert standard_units(20.0, sizes) == (1, 20)
    assert standard_units(20.1, sizes) == (1, 30)
    assert standard_units(60.1, sizes) == (2, 45)  # 2 × 45 = 90 ≥ 60.1, the smallest size that reaches it
    assert standard_units(0, sizes) == (0, None)
    c = small_centre("A", men=10)
    pl = procurement_list([c], {"power_supply": "generator", "generator_spare_sets": 1})
    gen = pl.line("PWR-01")
    # N+1: one duty set and one spare, whole sets of a standard size
    assert gen.quantity == 2 and gen.unit == "unit" and gen.size in sizes and "N+1" in gen.basis
    assert gen.quantity == int(gen.quantity)


def test_consolidation_keeps_installed_equipment_per_site():
    a, b = small_centre("A", men=100, staff=10), small_centre("B", men=30)
    pl = procurement_list([a, b])
    gens = [ln for ln in pl.lines if ln.id == "PWR-01"]
    # one generator line per centre, each a whole set at its own site: never one machine for both
    assert {g.centre for g in gens} == {"A", "B"}
    for g in gens:
        assert g.per_centre[g.centre] >= 1 and sum(g.per_centre.values()) == g.per_centre[g.centre]
        assert list(g.delivery) == [g.centre]
    for item in ("PWR-02", "PWR-03", "WAT-01", "PWR-05"):
        lines = [ln for ln in pl.lines if ln.id == item]
        assert len(lines) == 2 and all(float(ln.quantity).is_integer() for ln in lines), item
    # loose items and consumables are summed: blankets 100 + 30
    assert pl.line("BLK-01").per_centre == {"A": 100, "B": 30} and pl.line("BLK-01").centre is None


def test_works_are_listed_apart_from_the_supply_lots():
    pl = procurement_list([small_centre("A", men=60)])
    assert {ln.id for ln in pl.works} >= {"SAN-01", "SAN-02"}
    assert not {"SAN-01", "SAN-02", "WRK-01"} & {ln.id for ln in pl.lines}
    assert all(ln.kind == "works" for ln in pl.works)


def test_running_and_construction_costs_carry_their_rates():
    c = small_centre("A", men=10)
    pl = procurement_list([c], {"power_supply": "generator"})
    cost = pl.costs["A"]
    fuel = next(r for r in cost.running if r.key == "fuel")
    s = pl.sizing["A"]
    kwh = sum(ld["energy_wh_per_day"] for ld in s["loads"]) / 1000
    # litres = kWh/day × 1 × 0.25 L/kWh × 30.4 days; cost at 680 XOF/L (arrêté of 6 Dec 2025)
    assert fuel.quantity == round(kwh * 0.25 * 30.4, 1) and fuel.rate == 680 and fuel.rate_date == "2025-12-06"
    # a rate in XOF costs its litres × 680 XOF exactly; EUR = XOF / 655.957
    assert fuel.xof == round(fuel.quantity * 680) and fuel.eur == round(fuel.quantity * 680 / 655.957, 2)
    water = next(r for r in cost.running if r.key == "water")
    assert water.eur is None and water.status == "gap"  # no tariff in the reference: never invented
    # construction: floor area by use × 350 000 XOF/m² (outdoor 0)
    total_area = sum(r.quantity for r in cost.construction if r.key != "outdoor")
    assert cost.construction_xof == pytest.approx(total_area * 350_000, rel=1e-4)
    user = procurement_list([c], {"construction_rate": {"default": 100_000}, "water_price": {
        "amount": 500, "currency": "XOF", "date": "2026-01-01", "source": "SEN'EAU tariff"}})
    assert next(r for r in user.costs["A"].running if r.key == "water").eur is not None


def test_xof_is_the_fixed_parity():
    assert EUR_XOF == 655.957


def test_overrides_set_quantities_and_unknown_items_are_refused():
    c = small_centre("A", men=30)
    pl = procurement_list([c], {"overrides": {"TAR-01": 4, "BED-01": 25}})
    # a gap item gets the user's quantity and leaves the omitted list
    assert pl.line("TAR-01").quantity == 4 and pl.line("TAR-01").status == "user_set"
    assert "TAR-01" not in {o.id for o in pl.omitted}
    assert pl.line("BED-01").quantity == 25 and "computed: 30" in pl.line("BED-01").basis
    with pytest.raises(CatalogueError, match="unknown item 'BED-99'"):
        procurement_list([c], {"overrides": {"BED-99": 1}})
    with pytest.raises(CatalogueError, match="must not be negative"):
        procurement_list([c], {"overrides": {"BED-01": -1}})


def test_per_centre_inputs_and_overrides_are_keyed_by_centre_name():
    a, b = small_centre("A", men=30, family_persons=10, households=2), small_centre("B", men=30)
    pl = procurement_list([a, b], {"centres": {"A": {"children_0_6": 60, "overrides": {"LAU-01": 1}}}})
    # ECD kits only for A: ceil(60/50) = 2
    assert pl.line("CHD-01").per_centre == {"A": 2, "B": 0}
    assert "not computed" in pl.line("CHD-01").basis_per_centre["B"]
    assert pl.line("LAU-01").per_centre == {"A": 1, "B": 0}


def test_repeated_centre_names_stay_apart():
    c = small_centre("Same", men=10)
    pl = procurement_list([c, c])
    assert pl.centres == ["Same", "Same (2)"]
    assert pl.line("BED-01").per_centre == {"Same": 10, "Same (2)": 10}


def test_json_follows_the_design_contract():
    c = small_centre("A", men=60, women=20, staff=10)
    data = procurement_list([c], {"fx": FX}).to_json_data()
    json.dumps(data)  # plain data
    assert set(data) >= {"items", "totals"}
    bed = next(i for i in data["items"] if i["id"] == "BLK-01")
    # design.md §4 keys
    for key in ("id", "quantity", "unit", "per_centre", "lot", "unit_price", "basis", "source"):
        assert key in bed
    assert bed["quantity"] == 80 and isinstance(bed["quantity"], int)
    assert bed["per_centre"] == {"A": 80} and bed["lot"] == "bedding" and bed["unit"] == "pc"
    assert bed["unit_price"] == {"amount": 4.35, "currency": "EUR"}
    assert bed["basis"] == "1 per person × 80 persons"
    assert "S5" in bed["source"]
    assert data["totals"]["eur"] == pytest.approx(sum(i["total_eur"] or 0 for i in data["items"]), abs=0.005)


def test_every_line_has_a_basis_a_source_and_a_status():
    c = small_centre("A", men=40, women=20, boys=5, girls=5, family_persons=10, households=3, staff=12)
    pl = procurement_list([c])
    assert pl.lines
    for ln in pl.lines:
        assert ln.basis and ln.source and ln.status and ln.spec_en and ln.spec_fr and ln.name_fr
    # unverified figures and design choices are flagged
    assert pl.line("BLK-01").flagged and pl.line("LIN-01").flagged and pl.line("FUR-01").flagged
    assert not pl.line("PIL-01").flagged


def test_bedding_can_follow_the_beds_drawn():
    c = small_centre("A", men=30)  # the dormitory draws 30 beds
    pl = procurement_list([c], {"beds_basis": "layout"})
    assert pl.line("MAT-01").quantity == 30 and "bed drawn" in pl.line("MAT-01").basis


def test_spare_factor_is_applied_and_shown():
    c = small_centre("A", men=100)
    pl = procurement_list([c], {"k_spare": "10 %"})
    # 100 × 1.1 = 110 blankets, marked a design choice
    assert pl.line("BLK-01").quantity == 110 and "10 % spare" in pl.line("BLK-01").basis


def test_inputs_for_an_unknown_centre_name_are_refused():
    # a misspelt centre name in the parameters must not be silently ignored
    with pytest.raises(CatalogueError, match="no centre named 'Centre Z'"):
        procurement_list([small_centre("A", men=10)], {"centres": {"Centre Z": {"children_0_6": 4}}})


def test_capacities_are_bought_as_whole_units_with_the_basis_visible():
    pl = procurement_list([small_centre("A", men=40, staff=5)])
    for item in ("WAT-01", "PWR-01", "PWR-02", "PWR-03", "PWR-04", "PWR-05"):
        ln = pl.line(item)
        assert float(ln.quantity).is_integer() and ln.quantity >= 1, item
        assert ln.capacity_per_centre and "design choice" in ln.basis, item
    pv = pl.line("PWR-02")
    # modules of 400 Wp: ceil(array Wp / 400)
    assert pv.quantity == -(-pl.sizing["A"]["pv"]["array_wp"] // 400) and pv.size == 400


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 400), st.integers(0, 200), st.integers(0, 60))
def test_more_residents_never_means_fewer_items(n, extra, staff):
    small = procurement_list([small_centre("A", men=n, staff=staff)])
    large = procurement_list([small_centre("A", men=n + extra, staff=staff)])
    q_large = {ln.id: ln.quantity for ln in large.lines}
    for ln in small.lines:
        assert q_large.get(ln.id, 0) >= ln.quantity, ln.id
