"""The entities a plan draws by the thousand (room outlines, wall rings, tags, doors, windows, issue
marks), added to an ezdxf document without ezdxf's check of each attribute.

ezdxf checks and converts every DXF attribute it is given, one at a time: for a centre of 5,500 rooms
that is a million checks, a third of the time the drawing takes to build. The values given here are
made by the exporter from typed data (floats, points, the names of layers, styles and blocks it
created), so they are stored as ezdxf stores them when it reads a file (``unprotected_set``), and
the entities are otherwise made as ezdxf's own ``add_*`` methods make them (the same entity
database, owner, SEQEND, attribute owners). ``tests/unit/test_export_dxf_entities.py`` checks that
each one is written as ezdxf's ``add_*`` writes it, and the export tests audit whole drawings.

Fill boundary paths keep their vertices in one array (:func:`add_polyline_path`), and :class:`Spool`
writes model space out as it is drawn, so that a large plan is never held whole.
"""
from __future__ import annotations

import io
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from ezdxf.entities import factory
from ezdxf.entities.boundary_paths import PolylinePath
from ezdxf.entities.dxfns import DXFNamespace, _export_group_codes
from ezdxf.lldxf.attributes import XType
from ezdxf.lldxf.tagwriter import TagWriter
from ezdxf.math import Vec3


class _Namespace(DXFNamespace):
    """The DXF attributes of an entity made here, written as ezdxf's ``DXFNamespace`` writes them, with
    fewer steps: an attribute that is not set is passed over without ezdxf's debug message, which it
    formats for each of the thirty-odd attributes an ATTRIB does not set (5,500 rooms: two million
    times, a third of the time the plan takes to write)."""

    def export_dxf_attribs(self, tagwriter: Any, attribs: str | Iterable[str]) -> None:
        d = self.__dict__
        defs = self.dxfattribs
        force = tagwriter.force_optional
        for name in (attribs,) if isinstance(attribs, str) else attribs:
            attrib = defs.get(name)
            if attrib is None:  # ezdxf's error for an attribute the entity does not have
                super().export_dxf_attribs(tagwriter, name)
                continue
            if name in d:
                value = d[name]
            elif attrib.xtype == XType.callback:
                value = attrib.get_callback_value(self._entity)
            else:
                value = None
            default = attrib.default
            if value is None:  # not set: an optional attribute is not written, a required one is its default
                if attrib.optional or default is None:
                    continue
                value = default
            elif attrib.optional and not force and default is not None and default == value:
                continue  # an optional attribute equal to its default is not written
            _export_group_codes(tagwriter, attrib, value)


def _new(space: Any, dxftype: str, values: Mapping[str, Any]) -> Any:
    entity: Any = factory.ENTITY_CLASSES[dxftype]()  # as factory.new makes it, without checking the defaults again
    entity.dxf = ns = _Namespace(entity=entity)
    for key, value in {**entity.DEFAULT_ATTRIBS, **values}.items():
        ns.unprotected_set(key, value)
    entity.post_new_hook()
    if dxftype == "INSERT":  # its SEQEND, made here as the entity database would make it when binding
        seqend = factory.ENTITY_CLASSES["SEQEND"]()
        seqend.dxf.unprotected_set("layer", ns.layer)
        entity.link_seqend(seqend)
    factory.bind(entity, space.doc)  # into the entity database, with its SEQEND: a handle each
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


class _Vertices(Sequence[tuple[float, float, float]]):
    """A boundary path's vertices as ezdxf's ``PolylinePath.vertices`` gives them, ``(x, y, bulge 0)``,
    kept as one array of floats (16 bytes a vertex instead of 112 for a list of tuples)."""

    __slots__ = ("xy",)

    def __init__(self, points: Iterable[tuple[float, float]]) -> None:
        self.xy = array("d", [float(c) for p in points for c in p[:2]])

    def __len__(self) -> int:
        return len(self.xy) // 2

    @overload
    def __getitem__(self, i: int) -> tuple[float, float, float]: ...

    @overload
    def __getitem__(self, i: slice) -> list[tuple[float, float, float]]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return list(self)[i]
        n = len(self)
        if not -n <= i < n:
            raise IndexError(i)
        i %= n
        return (self.xy[2 * i], self.xy[2 * i + 1], 0.0)

    def __iter__(self) -> Iterator[tuple[float, float, float]]:
        xy = self.xy
        return ((xy[i], xy[i + 1], 0.0) for i in range(0, len(xy), 2))


def add_polyline_path(hatch: Any, points: Iterable[tuple[float, float]]) -> PolylinePath:
    """A closed boundary path through ``points`` (x, y), as ``hatch.paths.add_polyline_path(points)``; its
    vertices in one array (a centre of 5,500 rooms: 146,000 vertices, 13 MB as ezdxf's tuples)."""
    path = PolylinePath.from_vertices([], is_closed=True)
    path.vertices = _Vertices(points)  # type: ignore[assignment]
    hatch.paths.append(path)
    return path


class Spool:
    """Model-space entities written out as soon as they are drawn, so that a large plan is never held
    whole (5,500 rooms: 67,000 entities and 157 MB of resident memory when held whole, 53 MB so).

    The drawing is built as usual; every ``every`` new model-space entities, :meth:`step` writes the
    finished ones (DXF text, as ``Drawing.write`` writes them) into a temporary file, takes them out of
    the entity database and frees them, and leaves in model space one stand-in per run of entities that
    writes that text back in its place when the drawing is written. An entity still to be changed (a
    fill whose boundary paths are associated with outlines drawn after it) is kept as it is, in its
    place, from :meth:`keep` to :meth:`release`. Handles are given as usual, so ``$HANDSEED`` and the
    references between entities are those of the drawing held whole, and the file written is the same,
    byte for byte (``tests/unit/test_export_dxf_entities.py``). The drawing is only good for writing
    once, while the file is open: its model space holds stand-ins, not entities.
    """

    def __init__(self, doc: Any, file: Any, every: int = 1000) -> None:
        self.doc, self.file, self.every = doc, file, every
        self.space = doc.modelspace().entity_space
        self.done = 0  # model-space items (stand-ins and kept entities) after the last flush
        self.kept: set[int] = set()

    def keep(self, entity: Any) -> None:
        """``entity`` stays in model space as it is until :meth:`release` (it is still to be changed)."""
        self.kept.add(id(entity))

    def release(self, entity: Any) -> None:
        """``entity`` is finished: written out with the next entities."""
        self.kept.discard(id(entity))

    def step(self) -> None:
        """Called when every entity drawn so far is finished (or kept): writes them out once there are enough."""
        if len(self.space.entities) - self.done >= self.every:
            self.flush()

    def flush(self) -> None:
        """Writes out every finished entity now."""
        out: list[Any] = []
        run: list[Any] = []
        for e in self.space.entities:
            if isinstance(e, _Written) or id(e) in self.kept:
                if run:
                    out.append(self._write(run))
                    run = []
                out.append(e)
            else:
                run.append(e)
        if run:
            out.append(self._write(run))
        self.space.entities = out
        self.done = len(out)

    def _write(self, run: list[Any]) -> _Written:
        text = io.StringIO()
        writer = TagWriter(text, dxfversion=self.doc.dxfversion, write_handles=True)  # as Drawing.write makes it
        db = self.doc.entitydb
        for e in run:
            e.export_dxf(writer)
            db.discard(e)  # out of the database (its ATTRIBs and SEQEND too), then freed: no cycle left
            e.destroy()
        data = text.getvalue().encode("utf-8")
        start = self.file.tell()
        self.file.write(data)
        return _Written(self.file, start, len(data))


class _Written:
    """Stands in model space for a run of entities already written to the spool."""

    is_alive = True

    def __init__(self, file: Any, start: int, size: int) -> None:
        self.file, self.start, self.size = file, start, size

    def export_dxf(self, tagwriter: Any) -> None:
        self.file.seek(self.start)
        tagwriter.write_str(self.file.read(self.size).decode("utf-8"))
        self.file.seek(0, io.SEEK_END)


class NoSpool:
    """The drawing held whole (:func:`exports.dxf.build_dxf`): nothing is written out."""

    def keep(self, entity: Any) -> None:
        pass

    def release(self, entity: Any) -> None:
        pass

    def step(self) -> None:
        pass

    def flush(self) -> None:
        pass
