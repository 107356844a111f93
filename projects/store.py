"""The project store: projects of several centres, each save of a centre an immutable revision.

Where it lives: the database named by ``CENTREPLAN_DB`` (a SQLAlchemy URL, ``sqlite:///path/centres.db``
or ``postgresql+psycopg://user@host/db``), otherwise ``centres.db`` (SQLite) in the user's data folder
(``CENTREPLAN_DATA_DIR`` or the platform's, e.g. ``~/.local/share/centreplan``), created on first use.

What it promises:

- **Nothing is overwritten or lost.** A save adds revision N+1 of a centre; revisions are never updated
  or deleted. Restoring revision 3 adds a new revision holding revision 3's layout.
- **Two people at once.** A save names the revision it was made from (``base``); when another save
  landed meanwhile the save is refused with :class:`~planner.errors.ConflictError` carrying the
  revision saved meanwhile, and nothing is written (optimistic concurrency). Without ``base`` a save is
  put on top of whatever is latest. ``UNIQUE(centre, number)`` decides races in the database itself.
- **All or nothing.** Each save is one transaction (SQLite: ``BEGIN IMMEDIATE``): a failed or killed
  save leaves the store as it was.
- **Only its own databases.** A file that is not SQLite, or a database holding other tables, or one
  made by a newer version, is refused with a message naming it; the schema grows only through the
  Alembic migrations of ``projects/migrations``, run when the store is opened.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc

from centreplan.exports.bundle import slug
from centreplan.layouts.io import dumps, loads
from centreplan.planner.errors import ConflictError, LayoutError, StoreError
from centreplan.planner.model import Centre
from centreplan.projects.schema import centres, projects, revisions

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "cp_alembic_version"
_SAVE_RETRIES = 8  # appends (no base) that lose a race to a concurrent save try again on top of it


@dataclass(frozen=True)
class Revision:
    """One saved revision of a centre (its layout is read with :meth:`Store.layout`)."""

    project: str
    centre: str  # the centre's name in the store
    short_id: str
    number: int
    parent: int | None
    author: str
    created_at: str  # ISO 8601, UTC
    message: str
    sha256: str


@dataclass(frozen=True)
class CentreEntry:
    """A centre of a project and its latest revision number."""

    name: str
    short_id: str
    latest: int
    created_at: str


def data_dir() -> Path:
    """The user's data folder for centreplan (``CENTREPLAN_DATA_DIR`` overrides)."""
    env = os.environ.get("CENTREPLAN_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("centreplan", appauthor=False))


def default_url() -> str:
    """``CENTREPLAN_DB``, or SQLite ``centres.db`` in :func:`data_dir`."""
    return os.environ.get("CENTREPLAN_DB") or f"sqlite:///{data_dir() / 'centres.db'}"


# words that do not tell centres apart, left out of short ids
_COMMON_WORDS = frozenset(["centre", "center", "centres", "de", "d", "du", "des", "la", "le", "les", "l", "et", "and",
                           "of", "the", "for", "pour", "a", "au", "aux", "en"])


def short_id(name: str) -> str:
    """A short id for a centre: up to three telling words of its name (``assistance-protection-120``)."""
    words = slug(name).split("-")
    telling = [w for w in words if w not in _COMMON_WORDS] or words
    return "-".join(telling[:3])


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def default_author() -> str:
    """``CENTREPLAN_AUTHOR``, else the login name."""
    env = os.environ.get("CENTREPLAN_AUTHOR")
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"


def layout_text(centre: Centre) -> str:
    """The canonical text a revision stores: the layout as JSON (the same as ``save_layout(….json)``)."""
    return dumps(centre, "json")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``url`` (default :func:`default_url`)."""
    return Store(url or default_url())


class Store:
    """A project store on one database. Cheap to keep open; safe to share between threads."""

    def __init__(self, url: str):
        self.url = url
        self.engine = _engine(url)
        self._migrate()

    # ---- opening -------------------------------------------------------------------------------

    @property
    def where(self) -> str:
        """The database, for messages (password hidden)."""
        return self.engine.url.render_as_string(hide_password=True)

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
        try:
            with self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":  # one migrating process at a time
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(7346021)"))
                names = set(sa.inspect(conn).get_table_names())
                if names and VERSION_TABLE not in names:
                    shown = ", ".join(sorted(names)[:6])
                    raise StoreError(
                        f"{self.where}: this database is not a centreplan project store "
                        f"(it holds other tables: {shown}); name another file or database")
                if VERSION_TABLE in names:
                    current = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
                    unknown = [v for v in current if v not in known]
                    if unknown:
                        raise StoreError(
                            f"{self.where}: this project store was made by a newer version of "
                            f"centreplan (schema {', '.join(unknown)}); update centreplan to open it")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except exc.DatabaseError as e:
            raise StoreError(f"{self.where}: cannot be opened as a project store: {_db_reason(e)}") from None
        except exc.ArgumentError as e:  # pragma: no cover - caught in _engine for bad URLs
            raise StoreError(f"{self.where}: {e}") from None

    def close(self) -> None:
        self.engine.dispose()

    # ---- projects and centres ------------------------------------------------------------------

    def create_project(self, name: str) -> None:
        name = _name(name, "project name")
        with self._tx() as conn:
            if conn.execute(sa.select(projects.c.id).where(projects.c.name == name)).first():
                raise StoreError(f"project {name!r} already exists")
            try:
                conn.execute(projects.insert().values(name=name, created_at=_now()))
            except exc.IntegrityError:
                raise StoreError(f"project {name!r} already exists") from None

    def projects(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(projects.c.name).order_by(projects.c.name)).scalars())

    def centres(self, project: str) -> list[CentreEntry]:
        with self.engine.connect() as conn:
            pid = self._project_id(conn, project)
            q = (sa.select(centres.c.name, centres.c.short_id, centres.c.created_at,
                           sa.func.max(revisions.c.number))
                 .join(revisions, revisions.c.centre_id == centres.c.id)
                 .where(centres.c.project_id == pid)
                 .group_by(centres.c.id, centres.c.name, centres.c.short_id, centres.c.created_at)
                 .order_by(centres.c.id))
            return [CentreEntry(n, s, int(m), c) for n, s, c, m in conn.execute(q)]

    # ---- revisions -----------------------------------------------------------------------------

    def save(self, project: str, centre: Centre, *, author: str | None = None, message: str = "",
             base: int | None = None, into: str | None = None) -> tuple[Revision, bool]:
        """Save ``centre`` as the next revision; returns ``(revision, created)``.

        The centre is found by ``into`` (a centre name or short id of the project) or else by the
        layout's own name; a new name starts a new centre at revision 1. ``base`` is the revision the
        edit started from: when another revision was saved since, :class:`ConflictError` is raised
        and nothing is written. Saving a layout identical to the latest revision writes nothing and
        returns that revision with ``created=False``.
        """
        text = layout_text(centre)
        digest = _sha(text)
        author = _name(author or default_author(), "author")
        message = (message or "").strip()
        if len(message) > 4000:
            raise StoreError("message: longer than 4,000 characters")
        for _attempt in range(_SAVE_RETRIES):
            try:
                with self._tx() as conn:
                    pid = self._project_id(conn, project)
                    cid, cname, short = (self._centre_row(conn, pid, project, into) if into
                                         else self._centre_for_name(conn, pid, centre.centre.name))
                    latest = self._latest(conn, cid) if cid is not None else None
                    latest_no = latest.number if latest else 0
                    if base is not None and base != latest_no:
                        raise ConflictError(_conflict_text(project, cname, base, latest), latest)
                    if latest is not None and latest.sha256 == digest:
                        return latest, False
                    if cid is None:
                        cid, cname, short = self._new_centre(conn, pid, centre.centre.name)
                    number = latest_no + 1
                    created = _now()
                    conn.execute(revisions.insert().values(
                        centre_id=cid, number=number, parent=latest.number if latest else None,
                        author=author, created_at=created, message=message, layout_json=text,
                        layout_sha256=digest))
                    return Revision(project, cname, short, number, latest.number if latest else None,
                                    author, created, message, digest), True
            except exc.IntegrityError:
                # another save took this number (or created this centre) meanwhile
                if base is not None:
                    with self.engine.connect() as conn:
                        pid = self._project_id(conn, project)
                        cid, cname, _ = (self._centre_row(conn, pid, project, into) if into
                                         else self._centre_for_name(conn, pid, centre.centre.name))
                        latest = self._latest(conn, cid) if cid is not None else None
                    raise ConflictError(_conflict_text(project, cname, base, latest), latest) from None
                continue
            except exc.OperationalError as e:
                raise StoreError(f"{self.where}: the save could not be written ({_db_reason(e)}); "
                                 "nothing was changed, try again") from None
        raise StoreError(f"{project}: too many saves at the same moment; nothing was written, try again")

    def restore(self, project: str, centre: str, number: int, *, author: str | None = None,
                message: str | None = None, base: int | None = None) -> tuple[Revision, bool]:
        """Add a new revision holding revision ``number``'s layout (nothing is rewritten)."""
        old = self.layout(project, centre, number)
        rev = self.revision(project, centre, number)
        return self.save(project, old, author=author, base=base, into=rev.short_id,
                         message=message or f"restore revision {number}")

    def log(self, project: str, centre: str | None = None) -> list[Revision]:
        """Revisions of one centre, or of every centre of the project, newest first."""
        with self.engine.connect() as conn:
            pid = self._project_id(conn, project)
            q = self._rev_query().where(centres.c.project_id == pid)
            if centre is not None:
                cid, _, _ = self._centre_row(conn, pid, project, centre)
                q = q.where(revisions.c.centre_id == cid)
            q = q.order_by(revisions.c.created_at.desc(), revisions.c.id.desc())
            return [self._rev(project, row) for row in conn.execute(q)]

    def revision(self, project: str, centre: str, number: int | None = None) -> Revision:
        """Revision ``number`` of a centre (default: the latest)."""
        with self.engine.connect() as conn:
            row = self._rev_row(conn, project, centre, number)
            return self._rev(project, row)

    def layout(self, project: str, centre: str, number: int | None = None) -> Centre:
        """The layout of a revision (default: the latest) as a :class:`Centre`."""
        with self.engine.connect() as conn:
            row = self._rev_row(conn, project, centre, number)
        text = row.layout_json
        where = f"{project}/{row.short_id} revision {row.number}"
        if _sha(text) != row.layout_sha256:
            raise StoreError(f"{where}: the stored layout does not match its checksum; the database "
                             "was changed outside centreplan")
        try:
            return loads(text, f"{where}.json")
        except LayoutError as e:  # a layout saved by an older version that this one refuses
            raise StoreError(f"{where}: the stored layout cannot be read by this version: {e}") from None

    def layout_text(self, project: str, centre: str, number: int | None = None) -> str:
        with self.engine.connect() as conn:
            return str(self._rev_row(conn, project, centre, number).layout_json)

    def latest_layouts(self, project: str) -> list[tuple[CentreEntry, Centre]]:
        """Every centre of the project at its latest revision."""
        return [(c, self.layout(project, c.short_id)) for c in self.centres(project)]

    def export(self, project: str, folder: str | os.PathLike[str]) -> list[Path]:
        """Write every revision of every centre as a layout file (a backup); returns the files.

        ``<folder>/<centre short id>/r<NNN>.json`` for each revision and ``history.json`` beside them
        (number, parent, author, time, message, SHA-256). Files are written atomically; existing
        files of the same name are replaced (the store is the source).
        """
        import json

        from centreplan.layouts.io import atomic_write

        out = Path(folder)
        written: list[Path] = []
        for entry in self.centres(project):
            history = []
            for rev in reversed(self.log(project, entry.short_id)):
                target = out / entry.short_id / f"r{rev.number:03d}.json"
                atomic_write(target, self.layout_text(project, entry.short_id, rev.number))
                written.append(target)
                history.append({"revision": rev.number, "parent": rev.parent, "author": rev.author,
                                "time": rev.created_at, "message": rev.message, "sha256": rev.sha256,
                                "file": target.name})
            hist = out / entry.short_id / "history.json"
            atomic_write(hist, json.dumps({"project": project, "centre": entry.name, "revisions": history},
                                          ensure_ascii=False, indent=2) + "\n")
            written.append(hist)
        return written

    # ---- internals -----------------------------------------------------------------------------

    def _tx(self) -> Any:
        """A transaction: committed when the block ends, rolled back on any error."""
        return self.engine.begin()

    def _project_id(self, conn: sa.Connection, project: str) -> int:
        pid = conn.execute(sa.select(projects.c.id).where(projects.c.name == project)).scalar()
        if pid is None:
            known = list(conn.execute(sa.select(projects.c.name).order_by(projects.c.name)).scalars())
            hint = f"; projects: {', '.join(known)}" if known else ""
            raise StoreError(f"no project {project!r} (create it with 'centreplan project new "
                             f"{project}'){hint}")
        return int(pid)

    def _centre_for_name(self, conn: sa.Connection, pid: int, name: str) -> tuple[int | None, str, str]:
        row = conn.execute(sa.select(centres.c.id, centres.c.name, centres.c.short_id)
                           .where(centres.c.project_id == pid, centres.c.name == name)).first()
        return (int(row.id), row.name, row.short_id) if row else (None, name, short_id(name))

    def _centre_row(self, conn: sa.Connection, pid: int, project: str, ref: str) -> tuple[int, str, str]:
        rows = conn.execute(sa.select(centres.c.id, centres.c.name, centres.c.short_id)
                            .where(centres.c.project_id == pid)).fetchall()
        for match in (lambda r: r.name == ref, lambda r: r.short_id == ref,
                      lambda r: r.name.casefold() == ref.casefold(), lambda r: r.short_id == short_id(ref)):
            found = [r for r in rows if match(r)]
            if len(found) == 1:
                return int(found[0].id), found[0].name, found[0].short_id
        known = ", ".join(f"{r.short_id} ({r.name})" for r in rows) or "none yet"
        raise StoreError(f"{project}: no centre {ref!r}; centres: {known}")

    def _new_centre(self, conn: sa.Connection, pid: int, name: str) -> tuple[int, str, str]:
        taken = set(conn.execute(sa.select(centres.c.short_id).where(centres.c.project_id == pid)).scalars())
        base = short = short_id(name)
        n = 2
        while short in taken:
            short = f"{base}-{n}"
            n += 1
        key = conn.execute(centres.insert().values(project_id=pid, name=_name(name, "centre name"),
                                                   short_id=short, created_at=_now())).inserted_primary_key
        if key is None:
            raise StoreError("the centre was not stored (no key returned)")
        cid = key[0]
        return int(cid), name, short

    @staticmethod
    def _rev_query() -> sa.Select:
        return (sa.select(revisions.c.number, revisions.c.parent, revisions.c.author, revisions.c.created_at,
                          revisions.c.message, revisions.c.layout_sha256, revisions.c.layout_json,
                          centres.c.name, centres.c.short_id)
                .join(centres, centres.c.id == revisions.c.centre_id))

    def _latest(self, conn: sa.Connection, cid: int) -> Revision | None:
        row = conn.execute(self._rev_query().where(revisions.c.centre_id == cid)
                           .order_by(revisions.c.number.desc()).limit(1)).first()
        return self._rev("", row) if row else None

    def _rev_row(self, conn: sa.Connection, project: str, centre: str, number: int | None) -> sa.Row:
        pid = self._project_id(conn, project)
        cid, name, short = self._centre_row(conn, pid, project, centre)
        q = self._rev_query().where(revisions.c.centre_id == cid)
        q = q.where(revisions.c.number == number) if number is not None else q.order_by(
            revisions.c.number.desc()).limit(1)
        row = conn.execute(q).first()
        if row is None:
            last = conn.execute(sa.select(sa.func.max(revisions.c.number))
                                .where(revisions.c.centre_id == cid)).scalar() or 0
            raise StoreError(f"{project}/{short}: no revision {number}; revisions are 1 to {last}")
        return row

    @staticmethod
    def _rev(project: str, row: sa.Row) -> Revision:
        return Revision(project, row.name, row.short_id, int(row.number),
                        int(row.parent) if row.parent is not None else None, row.author,
                        row.created_at, row.message, row.layout_sha256)


def _name(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise StoreError(f"{what}: empty")
    if len(text) > 200:
        raise StoreError(f"{what}: longer than 200 characters")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise StoreError(f"{what}: contains a control character")
    return text


def _conflict_text(project: str, centre: str, base: int, latest: Revision | None) -> str:
    if latest is None:
        return f"{project}/{centre}: the save was made from revision {base}, but the centre has no revision"
    return (f"{project}/{centre}: revision {latest.number} was saved by {latest.author} at "
            f"{latest.created_at} ({latest.message or 'no message'}) since revision {base}, the one "
            f"this edit started from; nothing was written. Look at the differences, then save on top "
            f"of revision {latest.number}")


def _db_reason(e: exc.DBAPIError) -> str:
    raw = str(getattr(e, "orig", e)).strip()
    text = raw.splitlines()[0] if raw else type(e).__name__
    if "file is not a database" in text or "not a database" in text:
        return "the file is not a SQLite database, or it is damaged"
    return text[:200]


def _engine(url: str) -> sa.Engine:
    try:
        parsed = sa.engine.make_url(url)
    except exc.ArgumentError:
        raise StoreError(f"CENTREPLAN_DB: {url!r} is not a database URL (e.g. sqlite:///centres.db "
                         "or postgresql+psycopg://user@host/db)") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = parsed.database
        if path and path != ":memory:":
            p = Path(path)
            if p.exists() and not p.is_file():
                raise StoreError(f"{path}: is not a regular file")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"{path}: cannot create its folder ({e.strerror})") from None
        engine = sa.create_engine(parsed, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # transactions are begun below, not by the driver
            dbapi_conn.execute("PRAGMA foreign_keys=ON")

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # writers queue at the start, never deadlock

        return engine
    if backend == "postgresql":
        try:
            return sa.create_engine(parsed, isolation_level="READ COMMITTED", pool_pre_ping=True)
        except (ImportError, exc.NoSuchModuleError) as e:
            raise StoreError(f"{parsed.render_as_string(hide_password=True)}: the PostgreSQL driver is not "
                             f"installed ({e}); install psycopg") from None
    raise StoreError(f"CENTREPLAN_DB: {backend!r} databases are not supported; use sqlite or postgresql")
