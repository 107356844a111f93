"""Wings placed on the site with OR-Tools CP-SAT.

Each wing is a rectangle of known length and depth, lying east–west or turned north–south, at an
integer position in decimetres. Hard constraints: every wing inside the site outline; wings at least
``wing_gap_m`` apart (they share no wall: each keeps its own exits and windows); wings rated X in
``relations.yaml`` (men's and women's, adults' and children's) at least ``x_distance_m`` apart; the
front wing (reception, medical) nearest the street (the south side). Objective: walking distances
between related wings (Muther weights × distance between centres), compactness (the built area's
bounding box) and daylight (sleeping wings lying east–west, their rooms facing north and south).

Options differ in their arrangement: each further option must change the relative position (left,
right, below, above) of at least a quarter of the pairs of wings, or the orientation of wings.

The search is reproducible: one worker, a fixed seed and a deterministic time limit.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model
from shapely.geometry import box

from centreplan.generate.data import relations, sizes
from centreplan.generate.filler import Placement
from centreplan.generate.site import Site

SCALE = 1  # metres: wings stand on a 1 m grid (their lengths are rounded up to it)
CELL_M = 1.0  # m: resolution at which an outline site is cut into blocked rectangles
DETERMINISTIC_LIMIT = 0.1  # CP-SAT deterministic time units per option (under 1 s of CPU here)
WALL_LIMIT_S = 20.0  # s: a safety net only; the deterministic limit ends the search first
SLEEPING_KINDS = ("men", "women", "boys", "girls", "families")


@dataclass(frozen=True)
class WingBox:
    id: str
    kind: str
    length: float
    depth: float


@dataclass
class Zoning:
    placements: dict[str, Placement]
    status: str  # OPTIMAL or FEASIBLE
    objective: float
    wall_time: float


def _blocked(site: Site) -> list[tuple[int, int, int, int]]:
    """Rectangles (x, y, w, h in decimetres from the outline's lower-left corner) outside the outline."""
    if site.is_rectangle:
        return []
    poly = site.polygon
    x0, y0, x1, y1 = site.bounds
    nx, ny = math.ceil((x1 - x0) / CELL_M), math.ceil((y1 - y0) / CELL_M)
    out = []
    cell = int(CELL_M * SCALE)
    for j in range(ny):
        run = None
        for i in range(nx + 1):
            outside = i < nx and not poly.contains(box(x0 + i * CELL_M, y0 + j * CELL_M,
                                                        x0 + (i + 1) * CELL_M, y0 + (j + 1) * CELL_M))
            if outside and run is None:
                run = i
            elif not outside and run is not None:
                out.append((run * cell, j * cell, (i - run) * cell, cell))
                run = None
    return out


class Zoner:
    """One CP-SAT model of the wings on the site; :meth:`next` solves for one more distinct option."""

    def __init__(self, wings: list[WingBox], site: Site, seed: int = 0):
        self.wings = wings
        self.site = site
        self.seed = seed
        s = sizes()
        rel = relations()
        x0, y0, x1, y1 = site.bounds
        self.origin = (x0, y0)
        W, H = int(math.floor((x1 - x0) * SCALE)), int(math.floor((y1 - y0) * SCALE))
        gap = int(math.ceil(s["wing_gap_m"] * SCALE))
        xgap = int(math.ceil(s["x_distance_m"] * SCALE))
        m = cp_model.CpModel()
        self.model = m
        n = len(wings)
        L = [int(math.ceil(w.length * SCALE)) for w in wings]
        D = [int(math.ceil(w.depth * SCALE)) for w in wings]
        self.x = [m.new_int_var(0, W, f"x{i}") for i in range(n)]
        self.y = [m.new_int_var(0, H, f"y{i}") for i in range(n)]
        self.v = [m.new_bool_var(f"vertical{i}") for i in range(n)]
        wv = [m.new_int_var(min(L[i], D[i]), max(L[i], D[i]), f"w{i}") for i in range(n)]
        hv = [m.new_int_var(min(L[i], D[i]), max(L[i], D[i]), f"h{i}") for i in range(n)]
        for i in range(n):
            m.add(wv[i] == L[i] + (D[i] - L[i]) * self.v[i])
            m.add(hv[i] == D[i] + (L[i] - D[i]) * self.v[i])
            m.add(self.x[i] + wv[i] <= W)
            m.add(self.y[i] + hv[i] <= H)
        # inside the outline: no overlap with the blocked cells
        blocked = _blocked(site)
        if blocked:
            xs, ys = [], []
            for i in range(n):
                ex, ey = m.new_int_var(0, W, f"ex{i}"), m.new_int_var(0, H, f"ey{i}")
                m.add(ex == self.x[i] + wv[i])
                m.add(ey == self.y[i] + hv[i])
                xs.append(m.new_interval_var(self.x[i], wv[i], ex, f"ix{i}"))
                ys.append(m.new_interval_var(self.y[i], hv[i], ey, f"iy{i}"))
            for k, (bx, by, bw, bh) in enumerate(blocked):
                xs.append(m.new_interval_var(bx, bw, bx + bw, f"bx{k}"))
                ys.append(m.new_interval_var(by, bh, by + bh, f"by{k}"))
            m.add_no_overlap_2d(xs, ys)
        # pairs: apart by the gap (X pairs: by the X distance), in one of four relative positions
        self.rel: dict[tuple[int, int], list[cp_model.IntVar]] = {}
        terms = []
        for i in range(n):
            for j in range(i + 1, n):
                rating = rel.rating(wings[i].kind, wings[j].kind)
                g = xgap if rating == "X" else gap
                left, right, below, above = (m.new_bool_var(f"{k}{i}_{j}") for k in "lrba")
                m.add(self.x[i] + wv[i] + g <= self.x[j]).only_enforce_if(left)
                m.add(self.x[j] + wv[j] + g <= self.x[i]).only_enforce_if(right)
                m.add(self.y[i] + hv[i] + g <= self.y[j]).only_enforce_if(below)
                m.add(self.y[j] + hv[j] + g <= self.y[i]).only_enforce_if(above)
                m.add_bool_or([left, right, below, above])
                self.rel[(i, j)] = [left, right, below, above]
                weight = rel.weights.get(rating, 0)
                if weight:
                    dx = m.new_int_var(0, 2 * (W + H), f"dx{i}_{j}")
                    dy = m.new_int_var(0, 2 * (W + H), f"dy{i}_{j}")
                    m.add_abs_equality(dx, 2 * self.x[i] + wv[i] - 2 * self.x[j] - wv[j])
                    m.add_abs_equality(dy, 2 * self.y[i] + hv[i] - 2 * self.y[j] - hv[j])
                    terms.append(weight * (dx + dy))
        # the front wing nearest the street
        front = [i for i, w in enumerate(wings) if w.kind == "front"]
        for f in front:
            for i in range(n):
                if i != f:
                    m.add(self.y[f] <= self.y[i])
            terms.append(64 * self.y[f])
        # compactness: the bounding box of the wings
        bx0, by0 = m.new_int_var(0, W, "bx0"), m.new_int_var(0, H, "by0")
        bx1, by1 = m.new_int_var(0, W, "bx1"), m.new_int_var(0, H, "by1")
        for i in range(n):
            m.add(bx0 <= self.x[i])
            m.add(by0 <= self.y[i])
            m.add(bx1 >= self.x[i] + wv[i])
            m.add(by1 >= self.y[i] + hv[i])
        terms.append(8 * (bx1 - bx0 + by1 - by0))
        # daylight: sleeping wings lie east–west (their rooms face north and south)
        for i, w in enumerate(wings):
            if w.kind in SLEEPING_KINDS and L[i] > D[i]:
                terms.append(400 * self.v[i])
        m.minimize(sum(terms))
        self.found: list[tuple[list[int], list[int]]] = []

    def next(self) -> Zoning | None:
        """Solve for one more option, different from those found; None when there is none."""
        m = self.model
        pairs = list(self.rel)
        if self.found:
            prev_rel, prev_v = self.found[-1]
            changed = []
            for (k, pair) in enumerate(pairs):
                changed.append(self.rel[pair][prev_rel[k]].Not())
            for i, val in enumerate(prev_v):
                changed.append(self.v[i].Not() if val else self.v[i])
            need = max(1, len(pairs) // 4)
            m.add(sum(changed) >= need)
        solver = cp_model.CpSolver()
        p = solver.parameters
        p.num_workers = 1
        p.random_seed = self.seed
        p.max_deterministic_time = DETERMINISTIC_LIMIT
        p.max_time_in_seconds = WALL_LIMIT_S
        status = solver.solve(m)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        rels = []
        for pair in pairs:
            vals = [solver.value(b) for b in self.rel[pair]]
            rels.append(vals.index(1))
        vs = [solver.value(b) for b in self.v]
        self.found.append((rels, vs))
        x0, y0 = self.origin
        placements = {}
        for i, w in enumerate(self.wings):
            placements[w.id] = Placement(x=round(x0 + solver.value(self.x[i]) / SCALE, 3),
                                         y=round(y0 + solver.value(self.y[i]) / SCALE, 3),
                                         vertical=bool(vs[i]), mirrored=False)
        return Zoning(placements, "OPTIMAL" if status == cp_model.OPTIMAL else "FEASIBLE",
                      solver.ObjectiveValue(), solver.WallTime())
