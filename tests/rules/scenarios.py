"""Rule scenarios: YAML layouts in the domain's own format with expected findings.

A file ``tests/rules/<RULE-ID>.yaml`` holds ``cases:``; each case is a layout — either written out
(``layout:``) or a base layout of ``_layouts.yaml`` (``base: good``) with changes:

- ``centre:`` / ``population:`` — fields merged into the base's;
- ``rooms:`` — {room id: fields merged into it, or null to remove the room and its doors};
- ``add_rooms:`` / ``add_doors:`` — appended; ``doors:`` — {door id: fields, or null to remove};
- ``paths:`` / ``site:`` — the layout's outdoor paths and site section, given whole;
- ``packs:`` — packs to check (default: the pack of the rule);
- ``expect:`` — findings of the rule: each {status, subject | rooms | group, measured, required …};
  a finding is picked by ``subject`` if given, else by ``rooms`` (as a set), else by ``group``, else
  it must be the rule's only finding; every other key given must be equal;
- ``count:`` — optional number of findings of the rule.
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
BASES = yaml.safe_load((HERE / "_layouts.yaml").read_text(encoding="utf-8"))


def scenario_files() -> list[Path]:
    return sorted(p for p in HERE.glob("*.yaml") if not p.name.startswith("_"))


def build_layout(case: dict[str, Any]) -> dict[str, Any]:
    if "layout" in case:
        return copy.deepcopy(case["layout"])
    data = copy.deepcopy(BASES[case.get("base", "good")])
    for key in ("centre", "population"):
        if key in case:
            data.setdefault(key, {}).update(case[key])
    removed: set[str] = set()
    for rid, change in (case.get("rooms") or {}).items():
        idx = next((i for i, r in enumerate(data["rooms"]) if r["id"] == rid), None)
        if idx is None:
            raise KeyError(f"rooms: no room {rid!r} in the base layout")
        if change is None:
            del data["rooms"][idx]
            removed.add(rid)
        else:
            data["rooms"][idx].update(change)
    data["doors"] = [d for d in data.get("doors", []) if not removed & set(d["between"])]
    for did, change in (case.get("doors") or {}).items():
        idx = next((i for i, d in enumerate(data["doors"]) if d["id"] == did), None)
        if idx is None:
            raise KeyError(f"doors: no door {did!r} in the base layout")
        if change is None:
            del data["doors"][idx]
        else:
            data["doors"][idx].update(change)
    for key in ("paths", "site"):  # outdoor paths and the site perimeter, given whole
        if key in case:
            data[key] = copy.deepcopy(case[key])
    data["rooms"] += copy.deepcopy(case.get("add_rooms") or [])
    data["doors"] += copy.deepcopy(case.get("add_doors") or [])
    return data


def pick(findings: list[Any], exp: dict[str, Any]) -> Any:
    if "subject" in exp:
        cands = [f for f in findings if f.subject == exp["subject"]]
    elif "rooms" in exp:
        cands = [f for f in findings if set(f.rooms) == set(exp["rooms"])]
    elif "group" in exp:
        cands = [f for f in findings if f.group == exp["group"]]
    else:
        cands = list(findings)
    return cands
