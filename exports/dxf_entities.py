"""The entities a plan draws by the thousand (room outlines, wall rings, tags, doors, windows, issue
marks), added to an ezdxf document without ezdxf's check of each attribute.

ezdxf checks and converts every DXF attribute it is given, one at a time: for a centre of 5,500 rooms
that is a million checks, a third of the time the drawing takes to build. The values given here are
made by the exporter from typed data (floats, points, the names of layers, styles and blocks it
created), so they are stored as ezdxf stores them when it reads a file (``unprotected_set``), and
the entities are otherwise made as ezdxf's own ``add_*`` methods make them (the same entity
database, owner, SEQEND, attribute owners). ``tests/unit/test_export_dxf_entities.py`` checks that
each one is written as ezdxf's ``add_*`` writes it, and the export tests audit whole drawings.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ezdxf.entities import factory
from ezdxf.math import Vec3


def _new(space: Any, dxftype: str, values: Mapping[str, Any]) -> Any:
    entity = factory.new(dxftype)
    ns = entity.dxf
    for key, value in values.items():
        ns.unprotected_set(key, value)
    factory.bind(entity, space.doc)  # into the entity database (an INSERT gets its SEQEND on its layer)
    return entity


def add_lwpolyline(space: Any, points: Iterable[tuple[float, float]], *, layer: str, closed: bool = True) -> Any:
    """A LWPOLYLINE through ``points`` (x, y) on ``layer``, as ``space.add_lwpolyline(points, close=closed)``."""
    entity = _new(space, "LWPOLYLINE", {"layer": layer})
    entity.lwpoints.set([(float(x), float(y), 0.0, 0.0, 0.0) for x, y in points])
    entity.closed = closed
    space.add_entity(entity)
    return entity


def add_insert(space: Any, block: str, at: tuple[float, float], *, layer: str, xscale: float = 1.0,
               yscale: float | None = None, rotation: float = 0.0) -> Any:
    """An INSERT of ``block`` at ``at``, as ``space.add_blockref``."""
    entity = _new(space, "INSERT", {"name": block, "insert": Vec3(at[0], at[1], 0.0), "layer": layer,
                                    "xscale": float(xscale), "yscale": float(xscale if yscale is None else yscale),
                                    "rotation": float(rotation)})
    space.add_entity(entity)
    return entity


def add_attrib(insert: Any, tag: str, text: str, at: tuple[float, float], values: Mapping[str, Any]) -> Any:
    """An ATTRIB of ``insert`` (already in its layout), as ``insert.add_attrib(tag, text, at, values)``.
    ``values``: the other DXF attributes (``align_point`` a point; numbers as floats or ints)."""
    v = dict(values)
    if "align_point" in v:
        p = v["align_point"]
        v["align_point"] = Vec3(p[0], p[1], 0.0)
    v.setdefault("layer", insert.dxf.layer)
    entity = _new(insert, "ATTRIB", {**v, "tag": tag, "text": text, "insert": Vec3(at[0], at[1], 0.0),
                                     "owner": insert.dxf.owner, "paperspace": insert.dxf.paperspace})
    insert.attribs.append(entity)
    return entity


def add_mtext(space: Any, text: str, values: Mapping[str, Any]) -> Any:
    """An MTEXT, as ``space.add_mtext(text, values)`` (``insert`` a point)."""
    v = dict(values)
    if "insert" in v:
        p = v["insert"]
        v["insert"] = Vec3(p[0], p[1], 0.0)
    entity = _new(space, "MTEXT", v)
    space.add_entity(entity)
    entity.text = str(text)
    return entity
