"""Every rule of rules.md has a passing and a failing scenario, and each scenario gives the outcome
worked out by hand in its file."""
from __future__ import annotations

import pytest
import yaml

from centreplan.layouts.io import centre_from_data
from centreplan.standards import check, load_packs, pack_names
from tests.rules.scenarios import build_layout, pick, scenario_files

# The rule ids of ../shared/reference/rules.md (a contract): every one must exist in a pack and
# have scenarios here.
RULES_MD = {
    "integrity": ["GEO-VALID", "GEO-OVERLAP", "GEO-DOOR", "GEO-REACH", "GEO-REFS"],
    "humanitarian": ["AREA-SLEEP-HUM", "HEIGHT-HUM", "FIX-WC-HUM", "FIX-SHOWER-HUM", "DIST-WC", "LOCK-WC",
                     "SEP-SAN-SEX"],
    "protection": ["AREA-BED-EU", "AREA-SINGLE-CPT", "WIDTH-ROOM", "HEIGHT-EU", "OCC-ADULT", "OCC-UAM",
                   "OCC-FAMILY", "SEP-SEX", "SEP-UAM", "SEP-WOMEN", "LOCK-BED", "WIN-VENT", "WIN-LIGHT",
                   "REQ-MEDICAL", "REQ-ISOLATION", "REQ-INTERVIEW", "REQ-CHILD-SPACE", "REQ-WOMEN-SPACE",
                   "REQ-DINING", "ADJ-ISOLATION", "ADJ-WC-FOOD",
                   # beds for the declared population (added with the capacity rules, not in rules.md)
                   "BEDS-GROUP", "BEDS-NONE", "BEDS-TOTAL",
                   # night safety and security (issue 18, not in rules.md)
                   "LIT-NIGHT", "LOCK-SAN-WOMEN", "SEP-PATH", "SEC-PERIMETER", "SEC-ENTRANCES", "SEC-SUPERVISION"],
    # accessibility (issue 18, not in rules.md)
    "accessibility": ["ACC-WC-SHARE", "ACC-SHOWER-SHARE", "ACC-WC-SIZE", "ACC-DOOR-WIDTH", "ACC-RAMP",
                      "ACC-SLEEP-LEVEL"],
    "fire": ["EXITS-COUNT", "EXITS-WIDTH", "DIST-EXIT"],
    "fr-cra": ["AREA-SITE-FR", "OCC-CRA", "FIX-SAN-FR", "FIX-PHONE-FR", "AREA-REC-FR", "REQ-CRA", "FIX-SAN-CSP",
               "CAP-CRA"],
}
# transit/flow/infection (issue 18 part B: not in rules.md, added with the transit-centre rules)
RULES_MD["humanitarian"] += ["FIX-WC-TRANSIT", "INF-BED-SPACING"]
RULES_MD["protection"] += ["REQ-TRANSIT", "FLOW-ORDER", "FLOW-ISOLATION", "FLOW-INTERVIEW", "INF-ISO-WC",
                           "INF-ISO-ENTRANCE"]
ALL_RULES = [r for rules in RULES_MD.values() for r in rules]
PACK_OF = {r: p for p, rules in RULES_MD.items() for r in rules}


def _cases() -> list:
    out = []
    for path in scenario_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(doc["cases"]):
            out.append(pytest.param(doc["rule"], case, id=f"{path.stem}[{i}]:{case['name']}"))
    return out


@pytest.mark.parametrize("rule, case", _cases())
def test_scenario(rule: str, case: dict) -> None:
    centre = centre_from_data(build_layout(case), source=f"{rule}: {case['name']}")
    packs = case.get("packs", [PACK_OF[rule]])
    report = check(centre, packs)
    found = report.for_rule(rule)
    listing = "\n".join(f"  {f.status} subject={f.subject} rooms={f.rooms} group={f.group} "
                        f"measured={f.measured!r} required={f.required!r}" for f in found)
    if "count" in case:
        assert len(found) == case["count"], f"{len(found)} findings of {rule}:\n{listing}"
    for exp in case["expect"]:
        cands = pick(found, exp)
        assert len(cands) == 1, f"expected one finding matching {exp}, got {len(cands)}:\n{listing}"
        f = cands[0]
        for key, value in exp.items():
            if key in ("subject",):
                continue
            got = getattr(f, key)
            if key == "rooms":
                assert set(got) == set(value), f"{key}: {got!r} != {value!r}\n{listing}"
            else:
                assert got == value, f"{key}: {got!r} != {value!r} ({f.message})\n{listing}"
        # every finding reads in both languages and cites its source
        assert f.message and f.message_fr and f.source


def test_every_rule_of_rules_md_is_in_its_pack() -> None:
    packs = {p.id: [r.id for r in p.rules] for p in load_packs(pack_names())}
    for pack, rules in RULES_MD.items():
        assert pack in packs, f"pack {pack} missing"
        missing = [r for r in rules if r not in packs[pack]]
        assert not missing, f"{pack}: rules of rules.md missing: {missing}"


def test_every_rule_has_a_pass_and_a_fail_scenario() -> None:
    statuses: dict[str, set[str]] = {r: set() for r in ALL_RULES}
    for path in scenario_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert doc["rule"] == path.stem, f"{path.name}: rule {doc['rule']} does not match the file name"
        for case in doc["cases"]:
            for exp in case["expect"]:
                statuses.setdefault(doc["rule"], set()).add(exp["status"])
    lacking = {r: sorted({"pass", "fail"} - s) for r, s in statuses.items() if not {"pass", "fail"} <= s}
    assert not lacking, f"rules without a passing and a failing scenario: {lacking}"
