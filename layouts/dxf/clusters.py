"""Several drawings in one model space (a plan beside its elevations, framing plans, a site plan):
the rooms found are grouped by the drawing they sit in, and one drawing is imported."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Point, box

from centreplan.layouts.dxf.collect import DoorMark, Outline
from centreplan.layouts.dxf.messages import sub
from centreplan.layouts.dxf.report import ImportReport

JOIN_M = 0.8  # m: rooms closer than this (a wall and some slack) belong to the same drawing


@dataclass
class Cluster:
    members: list[int]  # indices of the rooms
    bounds: tuple[float, float, float, float]
    labels: int
    doors: int
    area: float

    def score(self) -> tuple[int, int, float]:
        # a floor plan has labels and door swings; elevations and framing plans have neither
        return (self.labels, self.doors, self.area)


def clusters_of(rooms: list[Outline], swings: list[DoorMark]) -> list[Cluster]:
    """The rooms grouped by drawing, best plan first."""
    if not rooms:
        return []
    grown = shapely.buffer(np.array([o.poly for o in rooms], dtype=object), JOIN_M / 2, quad_segs=1)
    parts = list(shapely.get_parts(shapely.union_all(grown)))
    tree = shapely.STRtree(np.array(parts, dtype=object))
    members: list[list[int]] = [[] for _ in parts]
    for i, o in enumerate(rooms):
        hits = tree.query(o.poly.representative_point(), predicate="intersects")
        members[int(hits[0]) if len(hits) else 0].append(i)
    hinges = [Point(d.hinge) for d in swings]
    out = []
    for part, mine in zip(parts, members):
        if not mine:
            continue
        zone = part.buffer(JOIN_M)
        own = shapely.union_all([rooms[i].poly for i in mine]).bounds
        out.append(Cluster(mine, tuple(round(v, 2) for v in own),
                           sum(1 for i in mine if rooms[i].texts), sum(1 for h in hinges if zone.contains(h)),
                           sum(rooms[i].poly.area for i in mine)))
    return sorted(out, key=lambda c: c.score(), reverse=True)


def choose_plan(rooms: list[Outline], swings: list[DoorMark], report: ImportReport,
                region: tuple[float, float, float, float] | None) -> list[Outline]:
    """The rooms of one drawing: those inside ``region`` (metres) when given, else those of the drawing
    with labels (or else door swings, or else the largest floor area); the other drawings are reported."""
    if region is not None:
        zone = box(*region)
        kept = [o for o in rooms if zone.contains(o.poly.representative_point())]
        if len(kept) < len(rooms):
            report.add("clusters", "clusters.rooms_outside", {"n": len(rooms) - len(kept),
                                                              "region": ",".join(f"{v:g}" for v in region)})
        return kept
    groups = clusters_of(rooms, swings)
    if len(groups) <= 1:
        return rooms
    best = groups[0]
    # every part of a labelled plan is kept (wings that only the corridor joins); without labels, every
    # part with a door swing; else the largest drawing alone
    keep = ([g for g in groups if g.labels] if best.labels else [g for g in groups if g.doors] if best.doors
            else [best])
    others = [g for g in groups if g not in keep]
    if others:
        where = [sub("clusters.place_spaces", place=_place(*g.bounds), n=len(g.members)) for g in others[:8]]
        more = sub("clusters.more", n=len(others) - 8) if len(others) > 8 else ""
        kx0 = min(g.bounds[0] for g in keep)
        ky0 = min(g.bounds[1] for g in keep)
        kx1 = max(g.bounds[2] for g in keep)
        ky1 = max(g.bounds[3] for g in keep)
        report.add("clusters", "clusters.several", {"n": len(groups), "at": _place(kx0, ky0, kx1, ky1),
                                                     "others": where, "more": more})
    chosen = {i for g in keep for i in g.members}
    return [o for i, o in enumerate(rooms) if i in chosen]


def _place(x0: float, y0: float, x1: float, y1: float) -> dict:
    return sub("clusters.place", x0=float(x0), x1=float(x1), y0=float(y0), y1=float(y1))
