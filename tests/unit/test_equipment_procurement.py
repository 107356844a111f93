"""The procurement list: consolidation, totals, prices and the design.md §4 JSON contract."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equipment import procurement_list
from equipment.catalogue import EUR_XOF
from equipment.params import make_params
from planner.errors import CatalogueError

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
        assert ln.total_xof == round(ln.quantity * ln.unit_price_xof)
    for lot in pl.totals.by_lot:
        ls = [ln for ln in priced if ln.lot == lot.lot]
        assert lot.total_eur == pytest.approx(sum(ln.total_eur for ln in ls), abs=0.005)
        assert lot.total_xof == sum(ln.total_xof for ln in ls)
    assert pl.totals.eur == pytest.approx(sum(lt.total_eur for lt in pl.totals.by_lot), abs=0.005)
    for name in pl.centres:
        assert pl.totals.per_centre_eur[name] == pytest.approx(
            sum(ln.per_centre_eur[name] for ln in priced), abs=0.005)


def test_prices_convert_only_at_a_dated_rate():
    c = small_centre("A", men=100, staff=10)
    no_rate = procurement_list([c])
    blk = no_rate.line("BLK-01")
    # no CHF rate: the price is shown in CHF and the line is not in the totals
    assert blk.unit_price_eur is None and blk.unit_price.currency == "CHF" and blk.unit_price.amount == 4.10
    assert "BLK-01" in no_rate.totals.unpriced_lines and no_rate.totals.eur == 0
    pl = procurement_list([c], {"fx": FX})
    blk = pl.line("BLK-01")
    # 4.10 CHF × 1.06 = 4.346 → 4.35 EUR; XOF round(4.35 × 655.957) = round(2 853.41) = 2 853
    assert blk.unit_price_eur == 4.35 and blk.unit_price_xof == 2853
    # 100 blankets: 435.00 EUR, 285 300 XOF
    assert blk.total_eur == 435.00 and blk.total_xof == 285_300
    assert blk.price.fx_eur_per_unit == 1.06 and blk.price.fx_date == "2026-11-20"
    # the suspect mattress price is never used
    assert pl.line("MAT-01").unit_price_eur is None and "suspect" in pl.line("MAT-01").price_note
    _assert_totals_are_sums(pl)


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


def test_sizes_of_one_unit_per_centre_say_so_when_consolidated():
    pl = procurement_list([small_centre("A", men=10), small_centre("B", men=20)])
    for item in ("WAT-01", "SAN-02", "PWR-01", "PWR-04", "PWR-05"):
        assert any("one" in n and "per centre" in n for n in pl.line(item).notes), item


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 400), st.integers(0, 200), st.integers(0, 60))
def test_more_residents_never_means_fewer_items(n, extra, staff):
    small = procurement_list([small_centre("A", men=n, staff=staff)])
    large = procurement_list([small_centre("A", men=n + extra, staff=staff)])
    q_large = {ln.id: ln.quantity for ln in large.lines}
    for ln in small.lines:
        assert q_large.get(ln.id, 0) >= ln.quantity, ln.id
