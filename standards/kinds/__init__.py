"""Rule kinds as code, one small module per family; importing this package registers every kind in
:data:`standards.registry.KINDS`.

- :mod:`~standards.kinds.base`: the per-room threshold base;
- :mod:`~standards.kinds.integrity`: geometry, reachability, references;
- :mod:`~standards.kinds.rooms`: area per person, area, height, width, beds or households per room,
  features, windows;
- :mod:`~standards.kinds.fixtures`: fixtures per group or for all residents;
- :mod:`~standards.kinds.protection`: separation, adjacency, required rooms;
- :mod:`~standards.kinds.exits`: walking distances, doors by occupancy, escape widths, capacity;
- :mod:`~standards.kinds.population`: beds and sleeping rooms for the declared population;
- :mod:`~standards.kinds.flow`: the order of a transit centre's stations, the one-way way into
  isolation, private rooms;
- :mod:`~standards.kinds.infection`: an isolation room's own WC and entrance, bed spacing;
- :mod:`~standards.kinds.transit`: transit-centre toilets with a share for women and girls;
- :mod:`~standards.kinds.accessibility`: accessible WCs and showers, their size, doors and changes of
  level on accessible routes, sleeping places for limited mobility;
- :mod:`~standards.kinds.night`: lit routes to the sanitary rooms at night, outdoor paths apart from men's rooms;
- :mod:`~standards.kinds.security`: perimeter and gates, separate entrances, supervision of children's rooms.

A kind never prints and never raises for a failing centre; data the rule needs but the layout lacks
(a ceiling height, whether a door locks, windows, the population) gives ``cannot_evaluate``, never
``pass``. Walking distances and routes come from the plan's door graph, neighbours from its STRtree
adjacency; no kind loops over all pairs of rooms. Semantics follow ``../shared/reference/rules.md``.
"""
from centreplan.standards.kinds import (  # noqa: F401 (registers)
    accessibility,
    exits,
    fixtures,
    flow,
    infection,
    integrity,
    night,
    population,
    protection,
    rooms,
    security,
    transit,
)
from centreplan.standards.kinds.exits import passage_units, passage_width
from centreplan.standards.kinds.fixtures import fixtures_of
from centreplan.standards.registry import KINDS

__all__ = ["KINDS", "fixtures_of", "passage_units", "passage_width"]
