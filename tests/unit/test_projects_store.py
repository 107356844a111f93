"""The project store on SQLite: immutable revisions, conflicts, races, kills, migrations, bad files."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from centreplan.layouts.io import loads
from centreplan.planner.errors import ConflictError, StoreError
from centreplan.projects.store import open_store, short_id, slug
from tests.conftest import ROOT, SMALL_LAYOUT


def _url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'centres.db'}"


@pytest.fixture
def store(tmp_path: Path):
    s = open_store(_url(tmp_path))
    s.create_project("Sénégal 2027")
    yield s
    s.close()


def _centre(beds: int = 4, name: str = "Petit centre"):
    text = SMALL_LAYOUT.replace("name: Petit centre", f"name: {name}")
    text = text.replace("group: men, beds: 4, height: 2.8", f"group: men, beds: {beds}, height: 2.8")
    return loads(text)


def test_first_save_is_revision_1_then_2(store):
    rev, created = store.save("Sénégal 2027", _centre(), author="awa", message="first draft")
    assert created and rev.number == 1 and rev.parent is None and rev.short_id == "petit"
    rev2, created2 = store.save("Sénégal 2027", _centre(beds=3), author="awa", message="fewer beds")
    assert created2 and (rev2.number, rev2.parent) == (2, 1)
    assert store.layout("Sénégal 2027", "Petit centre", 1).rooms[1].beds == 4
    assert store.layout("Sénégal 2027", "petit").rooms[1].beds == 3
    assert [r.number for r in store.log("Sénégal 2027", "petit")] == [2, 1]


def test_unchanged_layout_adds_no_revision(store):
    store.save("Sénégal 2027", _centre())
    rev, created = store.save("Sénégal 2027", _centre())
    assert not created and rev.number == 1
    assert len(store.log("Sénégal 2027")) == 1


def test_a_revision_gives_back_the_layout_it_saved(store):
    centre = _centre()
    store.save("Sénégal 2027", centre)
    assert store.layout("Sénégal 2027", "Petit centre") == centre


def test_save_from_an_old_revision_is_refused_and_writes_nothing(store):
    store.save("Sénégal 2027", _centre(), author="awa")
    store.save("Sénégal 2027", _centre(beds=3), author="moussa", message="beds", base=1)
    with pytest.raises(ConflictError) as e:
        store.save("Sénégal 2027", _centre(beds=2), author="awa", base=1)
    assert e.value.latest.number == 2 and e.value.latest.author == "moussa"
    assert "revision 2 was saved by moussa" in str(e.value)
    assert [r.number for r in store.log("Sénégal 2027")] == [2, 1]
    # after a look, the same edit saved on top of revision 2
    rev, created = store.save("Sénégal 2027", _centre(beds=2), author="awa", base=2)
    assert created and (rev.number, rev.parent) == (3, 2)


def test_restore_adds_a_new_revision_with_the_old_layout(store):
    store.save("Sénégal 2027", _centre())
    store.save("Sénégal 2027", _centre(beds=3))
    rev, created = store.restore("Sénégal 2027", "petit", 1, author="awa")
    assert created and rev.number == 3 and rev.message == "restore revision 1"
    assert store.layout_text("Sénégal 2027", "petit", 3) == store.layout_text("Sénégal 2027", "petit", 1)
    assert [r.number for r in store.log("Sénégal 2027", "petit")] == [3, 2, 1]


def test_unknown_project_centre_and_revision_are_named(store):
    with pytest.raises(StoreError, match="no project 'Mali'.*Sénégal 2027"):
        store.save("Mali", _centre())
    store.save("Sénégal 2027", _centre())
    with pytest.raises(StoreError, match="no centre 'Dakar'; centres: petit"):
        store.layout("Sénégal 2027", "Dakar")
    with pytest.raises(StoreError, match="no revision 7; revisions are 1 to 1"):
        store.layout("Sénégal 2027", "petit", 7)
    with pytest.raises(StoreError, match="already exists"):
        store.create_project("Sénégal 2027")


def test_two_centres_with_one_slug_get_distinct_short_ids(store):
    a, _ = store.save("Sénégal 2027", _centre(name="Centre d'École"))
    b, _ = store.save("Sénégal 2027", _centre(name="Centre d’école"))
    assert (a.short_id, b.short_id) == ("ecole", "ecole-2")
    assert slug("Centre d'hébergement — école primaire") == "centre-d-hebergement-ecole-primaire"
    assert short_id("Centre d'assistance et de protection (120 places)") == "assistance-protection-120"
    assert short_id("Centre de transit du point de débarquement") == "transit-point-debarquement"
    assert short_id("Le centre") == "le-centre"


def test_racing_writers_from_one_revision_one_wins(store):
    """Eight threads save from revision 1 at once: exactly one lands, seven are told, none is lost."""
    store.save("Sénégal 2027", _centre())
    results: list[object] = []
    barrier = threading.Barrier(8)

    def writer(i: int) -> None:
        barrier.wait()
        try:
            results.append(store.save("Sénégal 2027", _centre(beds=i % 4), author=f"w{i}", base=1)[0].number)
        except ConflictError as e:
            results.append(e)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    landed = [r for r in results if isinstance(r, int)]
    assert landed == [2] and sum(isinstance(r, ConflictError) for r in results) == 7
    assert [r.number for r in store.log("Sénégal 2027")] == [2, 1]


def test_racing_appends_from_processes_never_lose_a_revision(tmp_path: Path):
    """Four processes each append five revisions on top of whatever is latest: all 20 are kept."""
    url = _url(tmp_path)
    s = open_store(url)
    s.create_project("p")
    s.save("p", _centre())
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from centreplan.layouts.io import loads
        from centreplan.projects.store import open_store
        from tests.conftest import SMALL_LAYOUT
        s = open_store({url!r})
        w = int(sys.argv[1])
        for k in range(5):
            text = SMALL_LAYOUT.replace("height: 2.8, polygon: [[0, 0], [20, 0]",
                                        "height: %.2f, polygon: [[0, 0], [20, 0]" % (3 + w + k / 10))
            s.save("p", loads(text), author="w%d" % w, message="w%d k%d" % (w, k))
    """)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(w)], cwd=ROOT) for w in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    log = s.log("p", "petit")
    assert sorted(r.number for r in log) == list(range(1, 22))
    assert sorted(r.message for r in log if r.number > 1) == sorted(f"w{w} k{k}" for w in range(4) for k in range(5))
    assert all(r.parent == r.number - 1 for r in log if r.number > 1)


def test_a_save_killed_before_commit_leaves_the_previous_revision_intact(tmp_path: Path):
    url = _url(tmp_path)
    s = open_store(url)
    s.create_project("p")
    s.save("p", _centre())
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        import sqlalchemy as sa
        from centreplan.projects.store import open_store
        from centreplan.projects.schema import revisions
        s = open_store({url!r})
        with s.engine.begin() as conn:
            conn.execute(revisions.insert().values(centre_id=1, number=2, parent=1, author="k",
                         created_at="2026", message="half", layout_json="{{", layout_sha256="0" * 64))
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=120)
    assert proc.returncode == -9
    s2 = open_store(url)
    assert [r.number for r in s2.log("p")] == [1]
    assert s2.layout("p", "petit") == _centre()
    with sqlite3.connect(tmp_path / "centres.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_file_that_is_not_a_database_is_refused_and_untouched(tmp_path: Path):
    bad = tmp_path / "centres.db"
    bad.write_bytes(b"this is a spreadsheet, not a database" * 100)
    before = bad.read_bytes()
    with pytest.raises(StoreError, match="not a SQLite database, or it is damaged"):
        open_store(f"sqlite:///{bad}")
    assert bad.read_bytes() == before


def test_a_foreign_database_is_refused(tmp_path: Path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not a centreplan project store.*invoices"):
        open_store(f"sqlite:///{path}")
    with sqlite3.connect(path) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["invoices"]


def test_a_store_from_a_newer_version_is_refused(tmp_path: Path):
    s = open_store(_url(tmp_path))
    with s.engine.begin() as conn:
        conn.execute(sa.text("UPDATE cp_alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match="newer version of centreplan"):
        open_store(_url(tmp_path))


def test_a_folder_as_database_is_refused(tmp_path: Path):
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError, match="not a regular file"):
        open_store(f"sqlite:///{tmp_path / 'dir.db'}")


def test_bad_urls_are_named():
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("centres.db")
    with pytest.raises(StoreError, match="'mysql' databases are not supported"):
        open_store("mysql://localhost/x")


def test_migrations_from_an_empty_database_reach_the_newest_schema(tmp_path: Path):
    s = open_store(_url(tmp_path))
    insp = sa.inspect(s.engine)
    assert {"cp_projects", "cp_centres", "cp_revisions", "cp_alembic_version"} <= set(insp.get_table_names())
    assert "layout_sha256" in {c["name"] for c in insp.get_columns("cp_revisions")}


def test_migration_from_the_first_schema_keeps_revisions_and_fills_checksums(tmp_path: Path):
    """A store made by the first schema (0001) with a revision in it is upgraded in place."""
    from alembic import command
    from alembic.config import Config

    from centreplan.projects.store import MIGRATIONS, _engine, layout_text

    url = _url(tmp_path)
    engine = _engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    text = layout_text(_centre())
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(sa.text("INSERT INTO cp_projects (id, name, created_at) VALUES (1, 'old', '2026-01-01')"))
        conn.execute(sa.text("INSERT INTO cp_centres (id, project_id, name, short_id, created_at) "
                             "VALUES (1, 1, 'Petit centre', 'petit', '2026-01-01')"))
        conn.execute(sa.text("INSERT INTO cp_revisions (centre_id, number, parent, author, created_at, message, "
                             "layout_json) VALUES (1, 1, NULL, 'awa', '2026-01-01', 'first', :t)"), {"t": text})
    engine.dispose()
    s = open_store(url)
    import hashlib

    assert s.revision("old", "petit", 1).sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert s.layout("old", "petit") == _centre()
    assert s.save("old", _centre(beds=3))[0].number == 2


def test_a_revision_changed_outside_centreplan_is_detected(store):
    store.save("Sénégal 2027", _centre())
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE cp_revisions SET layout_json = replace(layout_json, 'Dortoir', 'X')"))
    with pytest.raises(StoreError, match="does not match its checksum"):
        store.layout("Sénégal 2027", "petit")


def test_export_writes_every_revision_and_the_history(store, tmp_path: Path):
    store.save("Sénégal 2027", _centre(), message="first")
    store.save("Sénégal 2027", _centre(beds=3), message="second")
    out = tmp_path / "backup"
    written = store.export("Sénégal 2027", out)
    assert sorted(p.relative_to(out).as_posix() for p in written) == [
        "petit/history.json", "petit/r001.json", "petit/r002.json"]
    from centreplan.layouts.io import load_layout

    assert load_layout(out / "petit" / "r001.json") == _centre()
    import json

    history = json.loads((out / "petit" / "history.json").read_text(encoding="utf-8"))
    assert [(h["revision"], h["parent"], h["message"]) for h in history["revisions"]] == [
        (1, None, "first"), (2, 1, "second")]


def test_default_store_is_in_the_data_folder(tmp_path: Path, monkeypatch):
    from centreplan.projects.store import default_url

    monkeypatch.delenv("CENTREPLAN_DB", raising=False)
    monkeypatch.setenv("CENTREPLAN_DATA_DIR", str(tmp_path / "data"))
    assert default_url() == f"sqlite:///{tmp_path / 'data' / 'centres.db'}"
    s = open_store()
    assert (tmp_path / "data" / "centres.db").is_file() and s.projects() == []
    monkeypatch.setenv("CENTREPLAN_DB", "sqlite:///" + str(tmp_path / "x.db"))
    assert default_url().endswith("x.db")
    assert os.environ["CENTREPLAN_DB"]
