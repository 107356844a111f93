"""Shared test helpers: small layouts written in the domain's own format."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "layouts" / "examples"
SHARED = ROOT.parent / "shared"

# A wing of two men's dormitories and a sanitary room along a corridor with one exit.
# Hand-worked figures: D1 and D2 are 5 m × 4 m = 20 m²; the corridor is 20 m × 2 m = 40 m².
SMALL_LAYOUT = """\
format: centreplan/1
centre: {name: Petit centre, climate: hot, phase: stabilised}
population: {men: 8, staff: 2}
rooms:
  - {id: C, use: corridor, height: 2.8, polygon: [[0, 0], [20, 0], [20, 2], [0, 2]]}
  - {id: D1, name: Dortoir 1, use: dormitory, group: men, beds: 4, height: 2.8, lockable: true,
     polygon: [[0, 2], [5, 2], [5, 6], [0, 6]], windows: [{width: 1.2, height: 1.0}]}
  - {id: D2, name: Dortoir 2, use: dormitory, group: men, beds: 4, height: "280 cm", lockable: true,
     polygon: [[5, 2], [10, 2], [10, 6], [5, 6]]}
  - {id: S, use: sanitary, group: men, fixtures: {wc: 2, shower: 1, basin: 2}, lockable: true,
     polygon: [[10, 2], [13, 2], [13, 6], [10, 6]]}
doors:
  - {id: d1, between: [D1, C], width: 0.9}
  - {id: d2, between: [D2, C], width: 0.9}
  - {id: d3, between: [S, C], width: 0.9}
  - {id: e1, between: [C, outside], width: 1.4, at: [0, 1]}
"""


@pytest.fixture
def small_text() -> str:
    return SMALL_LAYOUT


@pytest.fixture
def small_file(tmp_path: Path) -> Path:
    p = tmp_path / "petit.yaml"
    p.write_text(SMALL_LAYOUT, encoding="utf-8")
    return p
