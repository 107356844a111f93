"""A synthetic centre of any size, for benchmarks: identical wings in a grid.

Each wing is a 60 m × 2 m corridor with 12 rooms of 5 m × 5 m on each side (25 rooms), exits at
both ends of the corridor; every sixth room is a sanitary room, the others dormitories of 6 beds
(boys' and girls' wings: 4 beds; families' wings: family rooms of 4 beds, one household each).
Wings cycle through the resident groups and stand 10 m apart, so they share no wall.
``synthetic_centre(n)`` has exactly ``n`` rooms (the last wing is cut short).
"""
from __future__ import annotations

from centreplan.planner.model import Centre

ROOMS_PER_SIDE = 12
ROOM_W, ROOM_D, CORRIDOR_W = 5.0, 5.0, 2.0
WING_LEN = ROOMS_PER_SIDE * ROOM_W
GROUPS = ("men", "women", "boys", "girls", "families")
WINGS_PER_ROW = 10


def synthetic_centre(n_rooms: int) -> Centre:
    rooms: list[dict] = []
    doors: list[dict] = []
    pop = {g: 0 for g in GROUPS}
    households = 0
    wing = 0
    while len(rooms) < n_rooms:
        group = GROUPS[wing % len(GROUPS)]
        x0 = (wing % WINGS_PER_ROW) * (WING_LEN + 10)
        y0 = (wing // WINGS_PER_ROW) * (2 * ROOM_D + CORRIDOR_W + 10) + ROOM_D
        cid = f"W{wing}C"
        rooms.append({"id": cid, "use": "corridor", "group": "all", "height": 2.8,
                      "polygon": [[x0, y0], [x0 + WING_LEN, y0], [x0 + WING_LEN, y0 + CORRIDOR_W],
                                  [x0, y0 + CORRIDOR_W]]})
        doors.append({"id": f"W{wing}E1", "between": [cid, "outside"], "width": 1.4, "at": [x0, y0 + 1]})
        doors.append({"id": f"W{wing}E2", "between": [cid, "outside"], "width": 1.4,
                      "at": [x0 + WING_LEN, y0 + 1]})
        for k in range(2 * ROOMS_PER_SIDE):
            if len(rooms) >= n_rooms:
                break
            side, i = divmod(k, ROOMS_PER_SIDE)
            x = x0 + i * ROOM_W
            if side == 0:
                poly = [[x, y0 - ROOM_D], [x + ROOM_W, y0 - ROOM_D], [x + ROOM_W, y0], [x, y0]]
            else:
                top = y0 + CORRIDOR_W
                poly = [[x, top], [x + ROOM_W, top], [x + ROOM_W, top + ROOM_D], [x, top + ROOM_D]]
            rid = f"W{wing}R{k}"
            room: dict = {"id": rid, "group": group, "height": 2.8, "polygon": poly, "lockable": True,
                          "windows": [{"width": 1.2, "height": 1.2, "openable": True}]}
            if k % 6 == 0:
                room.update(use="sanitary", fixtures={"wc": 3, "shower": 3, "basin": 3})
            elif group == "families":
                room.update(use="family_room", beds=4, households=1)
                households += 1
            else:
                room.update(use="dormitory", beds=4 if group in ("boys", "girls") else 6)
            pop[group] += room.get("beds", 0)
            rooms.append(room)
            doors.append({"id": f"W{wing}D{k}", "between": [rid, cid], "width": 0.9})
        wing += 1
    population = {"men": pop["men"], "women": pop["women"], "boys": pop["boys"], "girls": pop["girls"],
                  "family_persons": pop["families"], "households": households, "staff": 0}
    return Centre.model_validate({
        "format": "centreplan/1",
        "centre": {"name": f"Synthetic centre, {n_rooms} rooms", "climate": "hot", "phase": "stabilised"},
        "population": population, "rooms": rooms, "doors": doors,
    })
