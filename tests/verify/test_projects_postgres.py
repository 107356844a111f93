"""The project store on a real PostgreSQL server: migrations, conflicts and racing writers.

The fixture starts a throw-away cluster on a Unix socket in a temporary folder (no TCP port), from the
Debian ``postgresql`` package's binaries; the tests are skipped when they or the ``psycopg`` driver are
absent (``make verify`` installs both).
"""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.verify
pytest.importorskip("psycopg")


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


@pytest.fixture(scope="module")
def pg_url():
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries not installed (Debian package postgresql)")
    import tempfile

    # not under pytest's folder: the server's user must be able to reach it
    root = Path(tempfile.mkdtemp(prefix="centreplan-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        if not shutil.which("runuser"):
            pytest.skip("running as root without runuser")
        as_user = ["runuser", "-u", "postgres", "--"]
        os.chmod(root, 0o777)
        os.chmod(sock, 0o777)
    subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "centreplan", "--no-sync"],
                   check=True, capture_output=True, timeout=120)
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-w", "-t", "60", "-l", str(root / "log"), "-o",
                    f"-k {sock} -c listen_addresses='' -c fsync=off", "start"],
                   check=True, capture_output=True, timeout=120)
    try:
        yield f"postgresql+psycopg://centreplan@/postgres?host={sock}"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True,
                       timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def _centre(beds: int):
    from centreplan.layouts.io import loads
    from tests.conftest import SMALL_LAYOUT

    return loads(SMALL_LAYOUT.replace("group: men, beds: 4, height: 2.8", f"group: men, beds: {beds}, height: 2.8"))


def test_migrations_revisions_and_conflicts_on_postgresql(pg_url):
    from centreplan.planner.errors import ConflictError
    from centreplan.projects.store import open_store

    s = open_store(pg_url)
    s.create_project("pg")
    assert s.save("pg", _centre(4))[0].number == 1
    assert s.save("pg", _centre(3), base=1)[0].number == 2
    with pytest.raises(ConflictError):
        s.save("pg", _centre(2), base=1)
    assert s.layout("pg", "petit", 1) == _centre(4)
    assert open_store(pg_url).projects() == ["pg"]  # a second opening finds the schema current


def test_racing_writers_on_postgresql(pg_url):
    from centreplan.planner.errors import ConflictError
    from centreplan.projects.store import open_store

    s = open_store(pg_url)
    s.create_project("race")
    s.save("race", _centre(4))
    results: list[object] = []
    barrier = threading.Barrier(6)

    def writer(i: int) -> None:
        barrier.wait()
        try:
            results.append(s.save("race", _centre(i), base=1)[0].number)
        except ConflictError as e:
            results.append(e)

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert [r for r in results if isinstance(r, int)] == [2]

    def appender(i: int) -> None:
        barrier.wait()
        for k in range(3):
            s.save("race", _centre(10 + 3 * i + k), message=f"{i}.{k}")

    threads = [threading.Thread(target=appender, args=(i,)) for i in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    log = s.log("race", "petit")
    assert sorted(r.number for r in log) == list(range(1, 21))
    assert sorted(r.message for r in log if "." in r.message) == sorted(f"{i}.{k}" for i in range(6) for k in range(3))
