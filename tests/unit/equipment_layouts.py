"""Small centres built in the tests for the equipment sizing (hand-worked areas in comments)."""
from __future__ import annotations

from centreplan.planner.model import Centre


def worked_example_centre(name: str = "Worked example 120") -> Centre:
    """The 120-person centre of reference equipment.md §10.

    N = 120 (men 40, women 30, boys 10, girls 10, 30 family persons in 10 households), S = 20 staff,
    A = 1 500 m² on 2 levels: level 0 = dormitory 30 × 20 = 600 m² + corridor 30 × 5 = 150 m²;
    level 1 = dormitory 30 × 20 = 600 m² + corridor 30 × 5 = 150 m²; 750 + 750 = 1 500 m².
    120 beds in the two dormitories (60 + 60). Phase emergency (15 L/person/day as in §10).
    """
    return Centre.model_validate({
        "centre": {"name": name, "phase": "emergency", "levels": 2, "climate": "hot"},
        "population": {"men": 40, "women": 30, "boys": 10, "girls": 10, "family_persons": 30,
                       "households": 10, "staff": 20},
        "rooms": [
            {"id": "D0", "use": "dormitory", "level": 0, "beds": 60, "polygon": [[0, 0], [30, 0], [30, 20], [0, 20]]},
            {"id": "C0", "use": "corridor", "level": 0, "polygon": [[0, 20], [30, 20], [30, 25], [0, 25]]},
            {"id": "D1", "use": "dormitory", "level": 1, "beds": 60, "polygon": [[0, 0], [30, 0], [30, 20], [0, 20]]},
            {"id": "C1", "use": "corridor", "level": 1, "polygon": [[0, 20], [30, 20], [30, 25], [0, 25]]},
        ],
    })


def small_centre(name: str = "Small", men: int = 10, women: int = 0, boys: int = 0, girls: int = 0,
                 family_persons: int = 0, households: int = 0, staff: int = 2, phase: str = "stabilised",
                 with_services: bool = True) -> Centre:
    """A one-level centre: dormitory 10 × 8 = 80 m², sanitary 4 × 8 = 32 m², and with services a
    medical room 4 × 8 = 32 m² (2 beds), a kitchen 4 × 8 = 32 m², a technical room 2 × 8 = 16 m²
    and an office 4 × 8 = 32 m² (floor area 80 + 32 + 32 + 32 + 16 + 32 = 224 m²)."""
    rooms = [
        {"id": "D", "use": "dormitory", "beds": men + women + boys + girls + family_persons,
         "polygon": [[0, 0], [10, 0], [10, 8], [0, 8]]},
        {"id": "S", "use": "sanitary", "fixtures": {"wc": 2, "shower": 2},
         "polygon": [[10, 0], [14, 0], [14, 8], [10, 8]]},
    ]
    if with_services:
        rooms += [
            {"id": "M", "use": "medical", "beds": 2, "polygon": [[14, 0], [18, 0], [18, 8], [14, 8]]},
            {"id": "K", "use": "kitchen", "polygon": [[18, 0], [22, 0], [22, 8], [18, 8]]},
            {"id": "T", "use": "technical", "polygon": [[22, 0], [24, 0], [24, 8], [22, 8]]},
            {"id": "O", "use": "office", "polygon": [[24, 0], [28, 0], [28, 8], [24, 8]]},
        ]
    return Centre.model_validate({
        "centre": {"name": name, "phase": phase},
        "population": {"men": men, "women": women, "boys": boys, "girls": girls,
                       "family_persons": family_persons, "households": households, "staff": staff},
        "rooms": rooms,
    })
