"""Equipment for the protection rules (issue 18): grab bars and shower seats for the accessible WCs and
showers the accessibility rules require, outdoor night lighting for the night routes of women and girls,
the fence or wall and the gates of the site perimeter. Quantities worked by hand for the three examples
and a small layout drawn here."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

from centreplan.equipment.centre import size_centre
from centreplan.equipment.params import make_params
from centreplan.equipment.sizing import enclosure_length
from centreplan.layouts.io import load_layout
from centreplan.planner.errors import CatalogueError, UnitError
from centreplan.planner.model import Centre

EXAMPLES = Path(__file__).resolve().parents[2] / "layouts" / "examples"
NEW = ("ACS-01", "ACS-02", "ACS-03", "LGT-03", "LGT-04", "FEN-01", "FEN-02", "GAT-01")


def _quantities(centre: Centre, params: Any = None) -> dict[str, float | None]:
    s = size_centre(centre, params)
    return {i: (s.lines[i].value if i in s.lines else None) for i in NEW}


@pytest.fixture(scope="module")
def examples() -> dict[str, Any]:
    return {k: size_centre(load_layout(EXAMPLES / f)) for k, f in (
        ("a", "a_assistance_centre_120.yaml"), ("b", "b_transit_centre_60.yaml"),
        ("c", "c_collective_centre_school.yaml"))}


def test_example_a_new_lines(examples) -> None:
    s = examples["a"]
    q = {i: (s.lines[i].value if i in s.lines else None) for i in NEW}
    # 16 WCs in sanitary rooms: ACC-WC-SHARE asks ceil(15 % × 16) = ceil(2.4) = 3; the layout marks 5
    # accessible (one in each of 5 rooms) and no group lacks one: max(3, 5 + 0) = 5 → 2 × 5 = 10 grab bars.
    # 15 showers: ceil(2.25) = 3; 5 marked → 5 showers → 2 × 5 = 10 grab bars, 5 seats.
    # Perimeter: a wall round [-3, 67] × [-3, 63]: 2 × (70 + 66) = 272 m less the gates 4 + 4 = 264 m; 2 gates.
    # The night routes of women and girls stay indoors and no exit is marked lit: no outdoor lighting.
    assert q == {"ACS-01": 10, "ACS-02": 10, "ACS-03": 5, "LGT-03": None, "LGT-04": None, "FEN-01": None,
                 "FEN-02": 264.0, "GAT-01": 2}
    assert s.omitted["FEN-01"].reason_en == "the perimeter is a wall (see the wall line)"
    assert s.lines["ACS-01"].status == "secondary" and s.lines["FEN-02"].unit == "m"


def test_example_b_new_lines(examples) -> None:
    q = {i: (examples["b"].lines[i].value if i in examples["b"].lines else None) for i in NEW}
    # 14 WCs: ceil(2.1) = 3, 7 marked accessible → 7 → 14 grab bars; 9 showers: ceil(1.35) = 2, 5 marked
    # → 5 → 10 grab bars, 5 seats. A mesh fence round [-3, 51] × [-3, 60]: 2 × (54 + 63) = 234 m less
    # the gates 6 + 4 = 224 m; 2 gates.
    assert q == {"ACS-01": 14, "ACS-02": 10, "ACS-03": 5, "LGT-03": None, "LGT-04": None, "FEN-01": 224.0,
                 "FEN-02": None, "GAT-01": 2}


def test_example_c_new_lines(examples) -> None:
    s = examples["c"]
    q = {i: (s.lines[i].value if i in s.lines else None) for i in NEW}
    # 10 WCs (SFA 2, LM 4, LF 3, SS 1): ceil(1.5) = 2; none marked accessible and the men, the women and
    # the families each lack one: max(2, 0 + 3) = 3 → 6 grab bars. 5 showers: ceil(0.75) = 1; 3 groups
    # lack one → 3 → 6 grab bars, 3 seats. Night: the women's way to the latrines crosses the yard
    # along path P1 (unlit in the layout, LIT-NIGHT asks it lit): √(10² + 2.5²) + 27 + √(1² + 7.5²) + 2
    # = 10.31 + 27 + 7.57 + 2 = 46.87 m, to 0.1 m 46.9 m; the two exits of that route, x-CB and x-LF, get a light each.
    # The school wall round 64 × 38.5: 2 × 102.5 = 205 m less 4 + 3 = 198 m; 2 gates.
    p1 = math.hypot(10, 2.5) + 27 + math.hypot(1, 7.5) + 2
    assert q == {"ACS-01": 6, "ACS-02": 6, "ACS-03": 3, "LGT-03": round(p1, 1), "LGT-04": 2, "FEN-01": None,
                 "FEN-02": 198.0, "GAT-01": 2}
    assert s.lines["LGT-04"].basis_en == "1 per exit lit at night or on a night route × 2 (x-CB, x-LF)"
    nb = "\u00a0"
    assert s.lines["LGT-03"].basis_fr == f"chemin P1 46,9{nb}m = 46,9{nb}m, éclairés à au moins 20{nb}lx (LIT-NIGHT)"
    assert "no spacing of outdoor lights" in s.lines["LGT-03"].notes[0].en
    assert s.lines["ACS-01"].basis_en == (
        "2 per accessible WC × 3; accessible: 3 WC, the larger of 15 % of 10 WC (2, at least 1) and the 0 "
        "already accessible + 3 for groups without one (ACC-WC-SHARE)")


# ---- a small layout drawn for the test -----------------------------------------------------------
def small_yard(paths: bool = True, fence: str = "fence") -> Centre:
    """Women's and men's dormitories (5 × 4 m) and sanitary rooms (5 × 4 m = 20 m²) round a yard 20 × 6 m.

    Women's sanitary room SW: 2 WCs (1 accessible), 1 shower (0 accessible); men's SM: 3 WCs and 1 shower,
    accessibility not given. Path P1 across the yard (unlit, walked by women) 15 m; path P2 marked lit 10 m.
    Door d-W1 marked lit. Site: a perimeter 24 × 18 m with one 3 m gate.
    """
    data: dict[str, Any] = {
        "centre": {"name": "Small yard", "type": "assistance"},
        "population": {"women": 4, "men": 4, "staff": 2},
        "rooms": [
            {"id": "W1", "use": "dormitory", "group": "women", "beds": 4, "polygon": [[0, 0], [5, 0], [5, 4], [0, 4]]},
            {"id": "SW", "use": "sanitary", "group": "women", "lockable": True,
             "fixtures": {"wc": 2, "shower": 1, "basin": 1, "accessible_wc": 1, "accessible_shower": 0},
             "polygon": [[15, 0], [20, 0], [20, 4], [15, 4]]},
            {"id": "YD", "use": "outdoor", "polygon": [[0, 4], [20, 4], [20, 10], [0, 10]]},
            {"id": "M1", "use": "dormitory", "group": "men", "beds": 4,
             "polygon": [[0, 10], [5, 10], [5, 14], [0, 14]]},
            {"id": "SM", "use": "sanitary", "group": "men", "fixtures": {"wc": 3, "shower": 1, "basin": 1},
             "polygon": [[15, 10], [20, 10], [20, 14], [15, 14]]},
        ],
        "doors": [
            {"id": "d-W1", "between": ["W1", "YD"], "width": 0.9, "at": [2.5, 4], "lighting": "lit"},
            {"id": "d-SW", "between": ["SW", "YD"], "width": 0.9, "at": [17.5, 4]},
            {"id": "d-M1", "between": ["M1", "YD"], "width": 0.9, "at": [2.5, 10]},
            {"id": "d-SM", "between": ["SM", "YD"], "width": 0.9, "at": [17.5, 10], "lighting": "unlit"},
            {"id": "x-YD", "between": ["YD", "outside"], "width": 2, "at": [0, 7]},
        ],
        "site": {"perimeter": {"polygon": [[-2, -2], [22, -2], [22, 16], [-2, 16]], "fence": fence, "height": 2,
                               "gates": [{"id": "G1", "at": [10, -2], "width": 3, "controlled": True}]}},
    }
    if paths:
        data["paths"] = [
            {"id": "P1", "points": [[2.5, 5], [17.5, 5]], "lighting": "unlit", "groups": ["women"]},
            {"id": "P2", "points": [[0, 7], [10, 7]], "lighting": "lit"},
        ]
    return Centre.model_validate(data)


def test_small_layout_worked_by_hand() -> None:
    s = size_centre(small_yard())
    q = {i: (s.lines[i].value if i in s.lines else None) for i in NEW}
    # WCs 2 + 3 = 5: ceil(0.75) = 1; 1 marked (SW), the men's room not said: the men lack one → max(1, 1 + 1)
    # = 2 → 4 grab bars. Showers 1 + 1 = 2: ceil(0.3) = 1; none accessible, the women and the men lack
    # one → 2 → 4 grab bars, 2 seats. Night: P1 (15 m) crosses the yard the women's route W1 → SW crosses;
    # P2 (10 m) is marked lit: 25 m; doors d-W1 (marked lit, on the route) and d-SW (on the route): 2.
    # Fence 2 × (24 + 18) = 84 m less the 3 m gate = 81 m; 1 gate.
    assert q == {"ACS-01": 4, "ACS-02": 4, "ACS-03": 2, "LGT-03": 25.0, "LGT-04": 2, "FEN-01": 81.0,
                 "FEN-02": None, "GAT-01": 1}
    assert s.lines["LGT-03"].basis_en == "path P1 15 m + path P2 10 m = 25 m, lit to at least 20 lx (LIT-NIGHT)"
    assert s.lines["LGT-03"].status == "secondary"
    # the women's route reaches SW (20 m², 100 lx): ceil(100 × 20 / (1 000 × 0.5 × 0.8)) = 5 luminaires stay on
    note = s.lines["LGT-02"].notes[0].en
    assert note.startswith("of which 5 luminaires in the rooms the night routes of women and girls cross (SW)")


def test_small_layout_without_paths_lights_the_route_across_the_yard() -> None:
    # no path: the women's way across the yard from d-W1 (2.5, 4) to d-SW (17.5, 4) is 15 m
    s = size_centre(small_yard(paths=False))
    assert s.lines["LGT-03"].value == 15.0
    assert s.lines["LGT-03"].basis_en == ("night routes across outdoor rooms 15 m = 15 m, lit to at least 20 lx "
                                          "(LIT-NIGHT)")
    assert s.lines["LGT-04"].value == 2


def test_perimeter_kinds_and_missing_perimeter() -> None:
    wall = _quantities(small_yard(fence="wall"))
    assert (wall["FEN-01"], wall["FEN-02"], wall["GAT-01"]) == (None, 81.0, 1)
    s = size_centre(small_yard(fence="none"))
    assert "FEN-01" not in s.lines and "FEN-02" not in s.lines
    assert s.omitted["FEN-01"].reason_fr == "le périmètre du plan n'est pas clos (fence: none)"
    centre = small_yard()
    centre = centre.model_copy(update={"site": None})
    s = size_centre(centre)
    assert s.omitted["GAT-01"].reason_en == "no site perimeter in the layout (site.perimeter)"


def test_fittings_per_accessible_fixture_follow_the_parameters() -> None:
    # a user who fits one grab bar per WC and no seat: 2 accessible WCs → 2 bars; 2 accessible showers → 0 seats
    q = _quantities(small_yard(), make_params({"grab_bars_per_accessible_wc": 1, "seats_per_accessible_shower": 0}))
    assert (q["ACS-01"], q["ACS-03"]) == (2, 0)


def test_enclosure_length_units_and_errors() -> None:
    assert enclosure_length("84 m", ["300 cm"]).value == 81.0
    assert enclosure_length(84).basis.en == "outline 84 m, no gate"
    with pytest.raises(UnitError):
        enclosure_length("84 kg")
    with pytest.raises(CatalogueError, match="wider than the outline"):
        enclosure_length(10, [6, 6])


def test_no_rooms_of_women_means_no_night_lighting() -> None:
    centre = small_yard()
    centre = centre.model_copy(update={"population": centre.population.model_copy(update={"women": 0})})
    rooms = [r for r in centre.rooms if r.group != "women"]
    doors = [d for d in centre.doors if "W1" not in d.between and "SW" not in d.between]
    centre = Centre.model_validate({**centre.model_dump(), "rooms": [r.model_dump() for r in rooms],
                                    "doors": [d.model_dump() for d in doors]})
    s = size_centre(centre)
    # no night route: only the path marked lit (P2, 10 m) is lit; no exit marked lit
    assert s.lines["LGT-03"].value == 10.0
    assert s.omitted["LGT-04"].reason_en == "no exit marked lit, and none on the night routes of women and girls"


def test_regression_night_lighting_reads_the_door_graph_without_building_the_networkx_graph() -> None:
    """5,500 rooms: the night lighting built the plan's networkx door graph (Plan.graph, 18 MB, kept by
    the plan for the whole export) to read the room and the metres of each step of a route. It reads
    them from the door graph the routes use; the lengths are those worked by hand above."""
    from centreplan.planner.geometry import build_plan

    centre = small_yard(paths=False)
    plan = build_plan(centre)
    s = size_centre(centre, plan=plan)
    assert s.lines["LGT-03"].value == 15.0 and s.lines["LGT-04"].value == 2
    assert "graph" not in plan.__dict__
