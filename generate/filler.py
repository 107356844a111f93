"""The room filler: a wing's rooms on both sides of its corridor, then placed on the site.

In the wing's own coordinates ``u`` runs along the corridor from the head (the entrance) and ``v``
across it: side A is ``0 ≤ v ≤ d``, the corridor ``d ≤ v ≤ d + c``, side B ``d + c ≤ v ≤ 2d + c``
(``d`` the room depth, ``c`` the corridor width). Every room has an outside wall (its windows: daylight
and cross ventilation for every sleeping room) and a door to the corridor; the corridor has an exit at
each end. A children's wing starts with a supervision post across its whole depth: the wing is
entered through it (its far-end door is an emergency exit). The isolation room has its own WC, opening
only into it, and its own door to the outside; the staff room its own door (the staff entrance, at the
far end from the residents' entrance).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from centreplan.generate.brief import NAMES, RoomSpec, WingSpec, ceil_to
from centreplan.generate.data import sizes
from centreplan.planner.model import OUTSIDE, Door, Fixtures, Room, Window


@dataclass
class Placed:
    spec: RoomSpec
    u0: float
    u1: float
    side: str  # "A" or "B"


@dataclass
class WingLayout:
    wing: WingSpec
    length: float
    depth: float
    head: float  # length of the supervision post at the head (0: none)
    rooms: list[Placed]


@dataclass(frozen=True)
class Placement:
    """Where a wing stands: its lower-left corner, turned by 90° or not, head at the far end or not."""

    x: float
    y: float
    vertical: bool
    mirrored: bool


def depth() -> float:
    s = sizes()
    return round(2 * s["room_depth_m"] + s["corridor_width_m"], 3)


def pack(wing: WingSpec) -> WingLayout:
    """Rooms dealt to the two sides of the corridor in order, each to the shorter side; the shorter
    side is then completed by a store (or its last room widened) so both sides end together."""
    s = sizes()
    head = s["supervision_width_m"] if wing.supervised else 0.0
    blocks: list[list[RoomSpec]] = []
    for r in wing.rooms:
        # an isolation room keeps its WC beside it; in a transit centre triage follows the arrival
        # shelter and the isolation room follows triage, on the same side (doors through their walls)
        if blocks and (r.role in ("isolation_wc", "triage") or (r.role == "isolation"
                                                                and blocks[-1][-1].role == "triage")):
            blocks[-1].append(r)
        else:
            blocks.append([r])
    sides: dict[str, list[Placed]] = {"A": [], "B": []}
    ends = {"A": head, "B": head}
    for block in blocks:
        side = "A" if ends["A"] <= ends["B"] else "B"
        for r in block:
            sides[side].append(Placed(r, ends[side], round(ends[side] + r.width, 3), side))
            ends[side] = round(ends[side] + r.width, 3)
    length = max(ends.values())
    short = "A" if ends["A"] < ends["B"] else "B"
    gap = round(length - ends[short], 3)
    if gap >= 2.0 or (gap > 0 and not sides[short]):
        group = wing.group
        store = RoomSpec(stem="ST", name=NAMES["storage"], use="storage", group=group, width=gap)
        sides[short].append(Placed(store, ends[short], length, short))
    elif gap > 0:
        last = sides[short][-1]
        sides[short][-1] = Placed(RoomSpec(**{**last.spec.__dict__, "width": round(last.spec.width + gap, 3)}),
                                  last.u0, length, short)
    return WingLayout(wing, round(length, 3), depth(), head, sides["A"] + sides["B"])


def _windows(area: float, wall: float, ratio: float) -> list[Window]:
    s = sizes()
    h = s["window_height_m"]
    need = ceil_to(ratio * s["window_margin"] * area / h, 0.05)
    n = max(1, math.ceil(need / 1.5))
    width = ceil_to(need / n, 0.05)
    if n * width > wall - 0.4:  # a narrow room: taller windows rather than wider ones
        width = max(0.6, ceil_to((wall - 0.4) / n, 0.05))
        h = ceil_to(ratio * s["window_margin"] * area / (n * width), 0.05)
    return [Window(width=width, height=h, openable=True) for _ in range(n)]


def build(layout: WingLayout, where: Placement, *, height: float | None, window_ratio: float,
          lang: str) -> tuple[list[Room], list[Door]]:
    """The wing's rooms and doors in site coordinates."""
    s = sizes()
    d, c = s["room_depth_m"], s["corridor_width_m"]
    D, L, h0 = layout.depth, layout.length, layout.head
    wing = layout.wing
    door_w, exit_w = s["door_width_m"], s["exit_width_m"]

    def xy(u: float, v: float) -> tuple[float, float]:
        u = L - u if where.mirrored else u
        x, y = (where.x + v, where.y + u) if where.vertical else (where.x + u, where.y + v)
        return (round(x, 3), round(y, 3))

    def rect(u0: float, u1: float, v0: float, v1: float) -> list[tuple[float, float]]:
        return [xy(u0, v0), xy(u1, v0), xy(u1, v1), xy(u0, v1)]

    rooms: list[Room] = []
    doors: list[Door] = []
    step = s["door_step_m"]

    def door(**fields: object) -> Door:
        """A door of the wing, its threshold level (``door_step_m``: step-free)."""
        return Door(step=step, **fields)

    corridor_id = f"{wing.id}-CO"
    rooms.append(Room(id=corridor_id, name=f"{NAMES['corridor'][lang]} — {wing.name[lang]}", use="corridor",
                      group=wing.group, height=height, polygon=rect(h0, L, d, d + c)))
    mid = d + c / 2
    if wing.supervised:
        post = f"{wing.id}-SUP"
        rooms.append(Room(id=post, name=NAMES["security"][lang], use="security", group="staff", height=height,
                          polygon=rect(0, h0, 0, D), windows=_windows(h0 * D, D, window_ratio)))
        doors.append(door(id=f"{post}-e", between=(post, OUTSIDE), width=exit_w, at=xy(0, mid)))
        doors.append(door(id=f"{post}-c", between=(post, corridor_id), width=door_w))
    else:
        doors.append(door(id=f"{corridor_id}-e1", between=(corridor_id, OUTSIDE), width=exit_w, at=xy(h0, mid)))
    doors.append(door(id=f"{corridor_id}-e2", between=(corridor_id, OUTSIDE), width=exit_w, at=xy(L, mid)))
    counts: dict[str, int] = {}
    iso_id: str | None = None
    last: dict[str, tuple[str, Placed]] = {}  # the previous room on each side
    for p in layout.rooms:
        r = p.spec
        counts[r.stem] = counts.get(r.stem, 0) + 1
        rid = f"{wing.id}-{r.stem}{counts[r.stem]:02d}"
        v0, v1 = (0.0, d) if p.side == "A" else (d + c, D)
        outer = 0.0 if p.side == "A" else D
        area = (p.u1 - p.u0) * d
        windows = _windows(area, p.u1 - p.u0, window_ratio) if r.windows else None
        fixtures = Fixtures(**dict(r.fixtures)) if r.fixtures else None
        rooms.append(Room(id=rid, name=r.name[lang], use=r.use, group=r.group, height=height,
                          polygon=rect(p.u0, p.u1, v0, v1), beds=r.beds, households=r.households,
                          lockable=r.lockable, windows=windows, fixtures=fixtures, accessible=r.accessible))
        before = last.get(p.side)
        last[p.side] = (rid, p)
        if r.role == "isolation_wc" and iso_id is not None:
            doors.append(door(id=f"{rid}-i", between=(rid, iso_id), width=door_w))
            continue
        after_station = before is not None and before[1].spec.role in ("arrival", "triage") and r.role in (
            "triage", "isolation")
        if after_station and before is not None:
            # transit/flow/infection: through the wall from arrival into triage; from triage into the
            # isolation room by a one-way door; neither opens on the corridor
            doors.append(door(id=f"{rid}-p", between=(before[0], rid),
                              width=door_w * 2 if r.role == "triage" else door_w,
                              at=xy(p.u0, (v0 + v1) / 2), one_way=True if r.role == "isolation" else None))
        if r.role != "arrival" and not (after_station and r.role == "isolation"):
            doors.append(door(id=f"{rid}-c", between=(rid, corridor_id), width=door_w))
        if r.role == "isolation":
            iso_id = rid
        if r.outside_door or r.role == "isolation":
            # on the outside wall, near the room's corner: ≥ 5 m from the corridor door (EXITS-COUNT)
            doors.append(door(id=f"{rid}-e", between=(rid, OUTSIDE), width=exit_w,
                              at=xy(p.u0 + min(0.8, (p.u1 - p.u0) / 2), outer)))
    return rooms, doors
