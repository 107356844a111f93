"""Area texts written in a plan (``12,5 m²``, ``12.5 m2``, ``1 234 m²``): a check of each room found,
and a clue to the drawing's units when the header's disagree.

A room whose label states an area is compared with the area of its outline as drawn (its net area,
before snapping to wall centre lines); a difference over :data:`AREA_TOLERANCE` is reported. When the
stated areas agree with the drawn ones only once the drawing is read in another unit (a plan in
centimetres whose header says millimetres: every area 100 times too small), that unit is proposed.
"""
from __future__ import annotations

import math
import re
import statistics

from centreplan.layouts.dxf.units import UNIT_CHOICES, metres_per

AREA_TOLERANCE = 0.10  # a stated area and the drawn one further apart than this (relative) are reported
UNIT_FIT = 0.15  # the stated areas fit a unit when their median ratio to the drawn ones is within this of 1
MIN_AREA_TEXTS = 2  # area texts needed before they say anything about the units

_AREA = re.compile(r"(?<![\d.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?\s*m(?:²|2)(?![\w²])",
                   re.IGNORECASE)


def stated_area(text: str) -> float | None:
    """The area in m² a label states (``12,5 m²`` → 12.5; ``1 234 m2`` → 1234), the first one; ``None``
    when it states none."""
    m = _AREA.search(text or "")
    if not m:
        return None
    whole = re.sub(r"[ \u00a0\u202f]", "", m.group(1))
    value = float(f"{whole}.{m.group(2)}" if m.group(2) else whole)
    return value if value > 0 else None


def unit_from_areas(pairs: list[tuple[float, float]], unit: str) -> str | None:
    """The unit in which the drawn areas agree with the stated ones, when it is not ``unit``.

    ``pairs``: (stated m², drawn area in m² as read in ``unit``). ``None`` when there are fewer than
    :data:`MIN_AREA_TEXTS` pairs, when ``unit`` already fits, or when no unit fits."""
    pairs = [(s, d) for s, d in pairs if s > 0 and d > 0]
    if len(pairs) < MIN_AREA_TEXTS:
        return None

    def fits(u: str) -> bool:
        k = (metres_per(u) / metres_per(unit)) ** 2
        return abs(math.log(statistics.median(s / (d * k) for s, d in pairs))) <= math.log1p(UNIT_FIT)

    if fits(unit):
        return None
    return next((u for u in UNIT_CHOICES if u != unit and fits(u)), None)
