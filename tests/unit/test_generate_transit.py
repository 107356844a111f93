"""A generated transit centre lays out the disembarkation flow and passes the flow rules
(issue 18 part B): arrival → triage → registration, isolation entered one-way from triage."""
from __future__ import annotations

import pytest

from centreplan.generate import generate
from centreplan.generate.site import rectangle
from centreplan.planner.model import Population

# 60 residents: isolation is required from 50 (REQ-ISOLATION), so the one-way door is laid out too.
POP = Population(men=36, women=12, boys=6, girls=2, family_persons=4, households=1, staff=10)


@pytest.fixture(scope="module")
def option():
    result = generate(POP, rectangle(100, 80), phase="emergency", climate="hot", options=1, centre_type="transit")
    return result.options[0]


def test_the_generated_transit_option_passes_the_default_packs_and_the_flow_rules(option) -> None:
    assert option.centre.centre.type == "transit"
    assert option.report.exit_code() == 0
    flow = [f for f in option.report.findings if f.rule in ("FLOW-ORDER", "FLOW-ISOLATION", "REQ-TRANSIT",
                                                           "INF-ISO-WC", "INF-ISO-ENTRANCE", "FLOW-INTERVIEW")]
    assert {f.rule for f in flow} == {"FLOW-ORDER", "FLOW-ISOLATION", "REQ-TRANSIT", "INF-ISO-WC",
                                      "INF-ISO-ENTRANCE", "FLOW-INTERVIEW"}
    assert all(f.status == "pass" for f in flow), [f.message for f in flow if f.status != "pass"]


def test_arrival_opens_only_on_triage_and_isolation_is_entered_one_way_from_it(option) -> None:
    rooms = option.centre.rooms_by_id()
    by_use = {u: [r.id for r in option.centre.rooms if r.use == u] for u in ("arrival", "triage", "isolation")}
    (arrival,), (triage,), (iso,) = by_use["arrival"], by_use["triage"], by_use["isolation"]
    inner = {d.other(arrival) for d in option.centre.doors if arrival in d.between} - {"outside"}
    assert inner == {triage}
    into_iso = [d for d in option.centre.doors if iso in d.between and "outside" not in d.between
                and rooms[d.other(iso)].use != "sanitary"]
    assert [(d.between, d.one_way) for d in into_iso] == [((triage, iso), True)]


def test_an_assistance_centre_gets_no_flow_rooms() -> None:
    result = generate(POP, rectangle(100, 80), phase="emergency", climate="hot", options=1)
    uses = {r.use for r in result.options[0].centre.rooms}
    assert not uses & {"arrival", "triage", "registration"}
