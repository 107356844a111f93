"""From the programme to the wings: which rooms each wing holds, and how wide each room is.

Every room of the programme is here: per resident group its sleeping rooms (the programme's sizes:
count × beds, floor per bed, width) and its sanitary rooms (the programme's WCs and showers, with a
basin per WC), and the common rooms the packs require (medical, isolation, interview, dining, child-
friendly and women's spaces …), completed by the rooms a centre cannot do without (reception,
kitchen, stores, offices) sized from ``rooms.yaml``. A group whose wing would be longer than
``max_wing_length_m`` gets several wings, each with its own sanitary room.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from centreplan.generate.data import sizes
from centreplan.planner.model import FLOW_USES, Population
from centreplan.planner.vocabulary import name as vocab_name
from centreplan.standards.programme import Programme

GROUP_CODES = {"men": "M", "women": "W", "boys": "B", "girls": "G", "families": "F"}



def _named(table: str, code: str) -> dict[str, str]:
    """A name of the one vocabulary (planner/vocabulary.yaml) in both languages, capitalised."""
    return {lang: vocab_name(table, code, lang).capitalize() for lang in ("en", "fr")}


NAMES = {
    "dormitory": _named("uses", "dormitory"),
    "family_room": _named("uses", "family_room"),
    "sanitary": _named("uses", "sanitary"),
    "corridor": _named("uses", "corridor"),
    "security": {"en": "Supervision post (entrance)", "fr": "Poste de surveillance (entrée)"},
    "storage": {"en": "Store", "fr": "Rangement"},
    "isolation_wc": {"en": "Isolation WC and shower", "fr": "WC et douche de l'isolement"},
    "staff_wc": {"en": "Staff WC", "fr": "WC du personnel"},
}
GROUP_NAMES = {g: {lang: vocab_name("groups", g, lang) for lang in ("en", "fr")}
               for g in ("men", "women", "boys", "girls", "families")}
WING_NAMES = {
    "front": {"en": "Reception wing", "fr": "Aile d'accueil"},
    "common": {"en": "Common wing", "fr": "Aile commune"},
    "men": {"en": "Men's wing", "fr": "Aile des hommes"},
    "women": {"en": "Women's wing", "fr": "Aile des femmes"},
    "boys": {"en": "Unaccompanied boys' wing", "fr": "Aile des garçons non accompagnés"},
    "girls": {"en": "Unaccompanied girls' wing", "fr": "Aile des filles non accompagnées"},
    "families": {"en": "Families' wing", "fr": "Aile des familles"},
}


@dataclass(frozen=True)
class RoomSpec:
    """A room to lay out along a wing's corridor (``width`` along the corridor, metres)."""

    stem: str
    name: dict[str, str]
    use: str
    group: str
    width: float
    beds: int = 0
    households: int | None = None
    fixtures: tuple[tuple[str, int], ...] = ()
    lockable: bool | None = None
    windows: bool = False
    outside_door: bool = False  # a second door, to the outside
    accessible: bool | None = None  # a sanitary room with accessible WCs and showers (step-free, room to turn)
    role: str = "side"  # side | isolation | isolation_wc | staff_entrance | arrival | triage | registration


@dataclass
class WingSpec:
    """A wing: a corridor with rooms on both sides (children's wings: a supervision post at its head)."""

    id: str
    kind: str  # front | common | a resident group
    group: str  # the corridor's group
    name: dict[str, str]
    rooms: list[RoomSpec] = field(default_factory=list)
    supervised: bool = False


def ceil_to(x: float, step: float = 0.1) -> float:
    return round(math.ceil(x / step - 1e-9) * step, 3)


def room_width(area: float, min_width: float | None) -> float:
    """Width along the corridor for ``area`` at the room depth, at least ``min_width``."""
    depth = sizes()["room_depth_m"]
    return max(ceil_to(area / depth), ceil_to(min_width or 0.0), 2.0)


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def wings_for(prog: Programme, pop: Population, longest: float | None = None) -> list[WingSpec]:
    """The wings the programme needs, in a fixed order (front, common, then the groups); no wing
    longer than ``max_wing_length_m`` nor than ``longest`` (the site's longer side, metres)."""
    s = sizes()
    max_len = min(s["max_wing_length_m"], longest or s["max_wing_length_m"])
    wings: list[WingSpec] = _chunked(_front(prog, pop), max_len) + _chunked(_common(prog, pop), max_len)
    for g in ("men", "women", "boys", "girls", "families"):
        line = prog.line("sleeping", g)
        if line is None:
            continue
        use = line.use or "dormitory"
        beds: list[int] = []
        areas: list[float] = []
        for size in line.sizes:
            for _ in range(size.count):
                beds.append(size.beds)
                areas.append(size.min_area_m2 or 0.0)
        widths = [room_width(a, line.min_width_m) for a in areas]
        need: dict[str, int] = {}
        for f in ("wc", "shower", "basin"):
            fixture_line = prog.line(f, g)
            need[f] = int(fixture_line.count or 0) if fixture_line else 0
        need["basin"] = max(need["basin"], need["wc"])  # a basin beside each WC to wash hands
        sanitary_width = room_width(sum(need.values()) * s["sanitary_m2_per_fixture"], None)
        head = s["supervision_width_m"] if g in ("boys", "girls") else 0.0
        length = head + (sum(widths) + sanitary_width) / 2
        n = max(1, math.ceil(length / max_len - 1e-9))
        n = min(n, len(beds))
        shares = {f: [max(1, k) for k in _split(v, n)] for f, v in need.items()}
        code = GROUP_CODES[g]
        for k in range(n):
            idx = list(range(k, len(beds), n))  # rooms dealt in turn, so the wings are alike
            wid = code if n == 1 else f"{code}{k + 1}"
            wing = WingSpec(wid, g, g, WING_NAMES[g], supervised=g in ("boys", "girls"))
            for j, i in enumerate(idx):
                wing.rooms.append(RoomSpec(
                    stem="D",
                    name={lang: f"{NAMES[use][lang]} {GROUP_NAMES[g][lang]} {j + 1}" for lang in ("en", "fr")},
                    use=use, group=g, width=widths[i], beds=beds[i], households=1 if g == "families" else None,
                    lockable=True, windows=True))
            fx = {f: shares[f][k] for f in ("wc", "shower", "basin")}
            area = sum(fx.values()) * s["sanitary_m2_per_fixture"]
            accessible, min_width = _accessible_fixtures(prog, g, fx)
            san = RoomSpec(stem="S",
                           name={lang: f"{NAMES['sanitary'][lang]} {GROUP_NAMES[g][lang]}" for lang in ("en", "fr")},
                           use="sanitary", group=g, width=room_width(area, min_width),
                           fixtures=tuple(sorted((fx | accessible).items())), lockable=True,
                           accessible=True if accessible else None)
            mid = (len(wing.rooms) + 1) // 2
            wing.rooms.insert(mid, san)
            wings.append(wing)
    return wings


def _accessible_fixtures(prog: Programme, g: str, fx: dict[str, int]) -> tuple[dict[str, int], float | None]:
    """The accessible WCs and showers of one sanitary block of group ``g``, and the least width the packs
    give an accessible sanitary room: per fixture, the share the programme's accessible line takes
    (the accessibility rules: 15 %), of the block's fixtures, rounded up, at least one
    (:func:`standards.kinds.accessibility.required_accessible`). None when the packs ask for none."""
    from centreplan.standards.kinds.accessibility import required_accessible

    out: dict[str, int] = {}
    width: float | None = None
    for f in ("wc", "shower"):
        line = prog.line(f"accessible_{f}", g)
        if line is None or line.share is None or not fx.get(f):
            continue
        out[f"accessible_{f}"] = required_accessible(fx[f], line.share)
        width = max(width or 0.0, line.min_width_m or 0.0) or None
    return out, width


def _chunked(wing: WingSpec, max_len: float) -> list[WingSpec]:
    """A front or common wing longer than ``max_len`` cut into consecutive wings (an isolation room
    keeps its WC beside it)."""
    length = sum(r.width for r in wing.rooms) / 2
    n = max(1, math.ceil(length / max_len - 1e-9))
    if n == 1:
        return [wing]
    target = length * 2 / n
    out: list[WingSpec] = []
    current: list[RoomSpec] = []
    run = 0.0
    for r in wing.rooms:
        joined = r.role in ("isolation_wc", "triage") or (r.role == "isolation" and current
                                                         and current[-1].role == "triage")
        if current and run + r.width > target + 1e-9 and not joined and len(out) < n - 1:
            out.append(WingSpec(f"{wing.id}{len(out) + 1}", wing.kind, wing.group, wing.name, current))
            current, run = [], 0.0
        current.append(r)
        run += r.width
    out.append(WingSpec(f"{wing.id}{len(out) + 1}", wing.kind, wing.group, wing.name, current))
    return out


def _required_uses(prog: Programme) -> set[str]:
    return {ln.use for ln in prog.lines if ln.item == "room" and ln.use}


def _min_areas(prog: Programme) -> dict[str, float]:
    return {ln.use: ln.min_area_m2 for ln in prog.lines if ln.item == "room" and ln.use and ln.min_area_m2}


def _common_rooms(prog: Programme, pop: Population, wing: str) -> list[RoomSpec]:
    s = sizes()
    required = _required_uses(prog)
    minimum = _min_areas(prog)
    out = []
    children = pop.boys + pop.girls + pop.family_persons
    for r in s.rooms:
        if r.wing != wing or (r.only_if_required and r.use not in required):
            continue
        area = max(r.area(pop.residents, children, pop.women), minimum.get(r.use, 0.0))
        role = "isolation" if r.use == "isolation" else ("staff_entrance" if r.staff_entrance else "side")
        if r.use in FLOW_USES:  # transit/flow/infection: the stations of the disembarkation flow
            role = r.use
        width = room_width(area, None)
        k = max(1, math.ceil(width / s["max_room_width_m"] - 1e-9))  # a large room is split in k rooms
        if minimum.get(r.use) and k > 1:
            k = 1  # a room a rule sizes as one room stays one room
        for i in range(k):
            name = dict(r.name) if k == 1 else {lang: f"{t} {i + 1}" for lang, t in r.name.items()}
            out.append(RoomSpec(stem=r.use[:3].upper(), name=name, use=r.use, group="staff" if r.use in (
                "office", "staff_room") else "all", width=room_width(area / k, None), windows=True,
                outside_door=r.second_door or r.staff_entrance, role=role))
    return out


def _single(prog: Programme, fixtures: tuple[tuple[str, int], ...]) -> tuple[tuple[tuple[str, int], ...], bool | None]:
    """A one-user sanitary room (isolation WC, staff WC) made accessible, each of its WCs and showers, when
    the packs ask for accessible fixtures: it is 2 m wide and step-free, and counts in the centre's share."""
    if not any(ln.item.startswith("accessible_") for ln in prog.lines):
        return fixtures, None
    extra = tuple((f"accessible_{f}", n) for f, n in fixtures if f in ("wc", "shower"))
    return tuple(sorted(fixtures + extra)), True


def _front(prog: Programme, pop: Population) -> WingSpec:
    wing = WingSpec("R", "front", "all", WING_NAMES["front"])
    iso_fixtures, iso_accessible = _single(prog, (("basin", 1), ("shower", 1), ("wc", 1)))
    staff_fixtures, staff_accessible = _single(prog, (("basin", 1), ("wc", 1)))
    rooms = _common_rooms(prog, pop, "front")
    staff = [r for r in rooms if r.role == "staff_entrance"]
    iso = [r for r in rooms if r.role == "isolation"]
    wing.rooms = [r for r in rooms if r not in staff and r not in iso]
    # transit/flow/infection: arrival then triage at the head of the wing, the isolation room right
    # after triage (entered from it one-way), registration along the corridor
    flow = [r for r in wing.rooms if r.role in ("arrival", "triage")]
    if flow:
        wing.rooms = flow + iso[:1] + [r for r in wing.rooms if r not in flow]
        if iso:
            wing.rooms.insert(len(flow) + 1, RoomSpec(
                stem="IWC", name=NAMES["isolation_wc"], use="sanitary", group="all", width=2.0,
                fixtures=iso_fixtures, lockable=True, role="isolation_wc", accessible=iso_accessible))
        iso = iso[1:]
    for r in iso:  # the isolation room and its own WC, side by side, the WC opening only into it
        wing.rooms.append(r)
        wing.rooms.append(RoomSpec(stem="IWC", name=NAMES["isolation_wc"], use="sanitary", group="all",
                                   width=2.0, fixtures=iso_fixtures, lockable=True, role="isolation_wc",
                                   accessible=iso_accessible))
    wing.rooms.append(RoomSpec(stem="SWC", name=NAMES["staff_wc"], use="sanitary", group="staff", width=2.0,
                               fixtures=staff_fixtures, lockable=True, accessible=staff_accessible))
    wing.rooms += staff
    return wing


def _common(prog: Programme, pop: Population) -> WingSpec:
    wing = WingSpec("C", "common", "all", WING_NAMES["common"])
    wing.rooms = _common_rooms(prog, pop, "common")
    known = {r.use for r in sizes().rooms}
    for use in sorted(_required_uses(prog) - known):  # a use required by a pack rooms.yaml does not size
        area = _min_areas(prog).get(use, 0.0)  # 0: the narrowest room
        wing.rooms.append(RoomSpec(stem=use[:3].upper(), name={"en": use.replace("_", " ").capitalize(),
                                                                "fr": use.replace("_", " ").capitalize()},
                                   use=use, group="all", width=room_width(area, None), windows=True))
    return wing
