"""Pack figures written as a number and their parameter's own unit (``"50 m"``) are read without pint,
to the same float pint gives (every figure of the bundled packs, and random ones)."""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from centreplan.planner.units import magnitude
from centreplan.standards.params import plain_magnitude

PACKS = Path(__file__).resolve().parents[2] / "standards" / "packs"
UNITS = ("m", "m**2", "person", "m**2/person", "person/m**2", "lux", "dimensionless")
SPELLINGS = {"lux": ("lux", "lx"), "dimensionless": ("%", "percent")}


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def test_every_pack_figure_reads_as_pint_reads_it():
    read = 0
    for path in sorted(PACKS.glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            for text in strings(rule.get("params", {})):
                for unit in UNITS:
                    fast = plain_magnitude(text, unit)
                    if fast is not None:
                        assert fast == magnitude(text, unit), (path.name, rule["id"], text, unit)
                        read += 1
    assert read >= 50  # nearly every figure of the packs takes the plain path


@given(st.one_of(st.integers(-10_000, 10_000).map(str),
                 st.integers(-10**7, 10**7).map(lambda n: f"{n / 1000:.3f}")),
       st.sampled_from([(u, s) for u in UNITS for s in SPELLINGS.get(u, (u,))]))
def test_plain_figures_equal_pint(number, unit_spelling):
    unit, spelling = unit_spelling
    text = f"{number} {spelling}"
    assert plain_magnitude(text, unit) == magnitude(text, unit)


def test_other_texts_are_left_to_pint():
    assert plain_magnitude("280 cm", "m") is None  # another unit of the dimension: pint converts it
    assert plain_magnitude("2,8 m", "m") is None  # a decimal comma: the full grammar reads it
    assert plain_magnitude("2.8", "m") is None and plain_magnitude(2.8, "m") is None
    assert plain_magnitude("4 %", "dimensionless") == 0.04
    assert plain_magnitude("20 lx", "lux") == 20.0
