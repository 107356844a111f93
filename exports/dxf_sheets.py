"""Sheets of the DXF plan: sizes, the scale that fits, how a large plan is cut into sheets, and what
is drawn in paper space (frame, title block, revision table, legend, north arrow, scale bar).

Paper space is drawn **in model units at the sheet's scale**: a sheet at 1:100 is a 42 × 29.7 m frame
laid over the part of the plan it shows, its viewport shows the model at 1:1 in these units, and the
layout prints at 1 mm = 0.1 m (plot scale 1:100 in the layout's plot settings). AutoCAD and BricsCAD
plot the layout at that scale on A3; LibreCAD 2.2, which has no layouts and draws the active layout's
entities over model space, then shows the frame, title block and legend in the right place around
the plan, and prints the sheet on an A3 page because the layout's limits (``$PLIMMIN``/``$PLIMMAX``,
which LibreCAD reads as the paper size in drawing units) are the sheet in metres: 0.42 × 0.297.
``$INSUNITS`` stays metres for every program.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from centreplan.planner.errors import ExportError

SHEETS = {"A3": (420.0, 297.0), "A1": (841.0, 594.0), "A0": (1189.0, 841.0)}  # ISO 216, mm, landscape
SCALES = (50, 100, 200, 250, 500)  # standard plan scales tried, 1:n
DETAIL_LIMIT = 200  # a plan that does not fit one sheet at 1:200 is cut into several sheets at 1:200
BORDER = 10.0  # mm: frame inset from the sheet's edge
SIDE = 95.0  # mm: width of the right-hand column (title block, revision table, legend, north, scale bar)
GAP = 3.0  # mm between the viewport and the frame or column
DIM_ROOM = 20.0  # mm on paper kept round the plan for its dimension lines


@dataclass(frozen=True)
class Sheet:
    """One sheet: its paper size (mm), scale 1:n, the model window it shows (m), its place in the set."""

    size_name: str
    paper: tuple[float, float]
    scale: int
    window: tuple[float, float, float, float]  # model xmin, ymin, xmax, ymax shown in the viewport
    number: int = 1
    count: int = 1
    overview: bool = False

    @property
    def k(self) -> float:
        """Model metres per paper millimetre."""
        return self.scale / 1000.0

    @property
    def origin(self) -> tuple[float, float]:
        """Where the sheet's lower-left corner lies in model coordinates."""
        vx0, vy0, _, _ = viewport_box(self.paper)
        x0, y0, x1, y1 = self.window
        vw, vh = viewport_size(self.paper)
        # the window is centred in the viewport
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        return (cx - (vx0 + vw / 2) * self.k, cy - (vy0 + vh / 2) * self.k)

    def to_model(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        ox, oy = self.origin
        return (ox + x_mm * self.k, oy + y_mm * self.k)

    @property
    def layout_name(self) -> str:
        """``A3 1-100`` (DXF names may not hold ':'), ``A3 1-200 (2 of 6)`` in a set."""
        name = f"{self.size_name} 1-{self.scale}"
        if self.count > 1:
            name += f" ({self.number} of {self.count})"
        return name


def sheet_size(name: str) -> tuple[float, float]:
    key = str(name).strip().upper()
    if key not in SHEETS:
        raise ExportError(f"--sheet: {name!r} is not available; choose one of {', '.join(SHEETS)}")
    return SHEETS[key]


def viewport_box(paper: tuple[float, float]) -> tuple[float, float, float, float]:
    """The viewport's rectangle on the sheet (mm): inside the frame, left of the column."""
    w, h = paper
    return (BORDER + GAP, BORDER + GAP, w - BORDER - SIDE - GAP, h - BORDER - GAP)


def viewport_size(paper: tuple[float, float]) -> tuple[float, float]:
    x0, y0, x1, y1 = viewport_box(paper)
    return (x1 - x0, y1 - y0)


def fits(width_m: float, height_m: float, scale: int, paper: tuple[float, float]) -> bool:
    vw, vh = viewport_size(paper)
    return width_m * 1000 / scale + DIM_ROOM <= vw and height_m * 1000 / scale + DIM_ROOM <= vh


def plan_sheets(bounds: tuple[float, float, float, float], size_name: str = "A3",
                details: bool = False) -> list[Sheet]:
    """The sheets of a plan whose drawn extent is ``bounds`` (m): the whole plan on one sheet at the
    largest standard scale that fits; with ``details``, when that scale is smaller than 1:200, the plan
    cut into sheets at 1:200 follows it; a plan that does not fit one sheet even at 1:500 is cut into
    sheets at 1:200."""
    paper = sheet_size(size_name)
    size_name = size_name.strip().upper()
    x0, y0, x1, y1 = bounds
    w, h = x1 - x0, y1 - y0
    whole = next((s for s in SCALES if fits(w, h, s, paper)), None)
    sheets: list[Sheet] = []
    if whole is not None:
        sheets.append(Sheet(size_name, paper, whole, bounds, overview=whole > DETAIL_LIMIT and details))
        if whole <= DETAIL_LIMIT or not details:
            return sheets
    vw, vh = viewport_size(paper)
    k = DETAIL_LIMIT / 1000.0
    nx = max(1, math.ceil(w / ((vw - DIM_ROOM) * k) - 1e-9))
    ny = max(1, math.ceil(h / ((vh - DIM_ROOM) * k) - 1e-9))
    tw, th = w / nx, h / ny  # even cuts: every sheet shows as much of the plan
    for j in range(ny - 1, -1, -1):  # top row first, left to right: reading order
        for i in range(nx):
            sheets.append(Sheet(size_name, paper, DETAIL_LIMIT, (x0 + i * tw, y0 + j * th, x0 + (i + 1) * tw,
                                                                 y0 + (j + 1) * th)))
    n = len(sheets)
    return [Sheet(s.size_name, s.paper, s.scale, s.window, i + 1, n, s.overview) for i, s in enumerate(sheets)]


def scale_bar_length(scale: int) -> float:
    """A round length (m) whose bar is 40–100 mm long on paper at 1:``scale``."""
    for metres in (1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500):
        if metres * 1000 / scale >= 40:
            return float(metres)
    return 1000.0
