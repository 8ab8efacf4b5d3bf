"""The server and a writer on the same DuckDB file: both succeed.

DuckDB lets one process write a file or several read it, never both at once. The server holds the
file only while requests use it (plus a short linger), and lets go as soon as a writer announces
that it is waiting, so a `herald run` next to a busy `herald serve` commits its batches instead of
timing out. The writer is always another process: that is where DuckDB's file lock applies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from herald.serve import create_app
from herald.serve.data import Data
from herald.store.db import WAITING_SUFFIX, writer_waiting
from tests.conftest import ROOT, SEED, herald_cli
from tests.serve import fixtures
from tests.serve.conftest import LiveServer, herald_serve

WRITER = """
import sys, time
from herald.store import Store
from tests.serve import fixtures
for n in range(int(sys.argv[2]), int(sys.argv[3])):
    with Store(sys.argv[1]) as store:
        store.write([fixtures.trade(n)])
    time.sleep(0.2)
"""


@pytest.fixture
def db(store_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "live.duckdb"
    shutil.copy(store_path, copy)
    return copy


def _hammer(url: str, stop: threading.Event, statuses: list[int]) -> None:
    """Requests back to back, as a script polling the API would send them."""
    with httpx.Client(base_url=url, timeout=60) as http:
        while not stop.is_set():
            statuses.append(http.get("/api/events", params={"source": "CHN", "limit": 5}).status_code)
            statuses.append(http.get("/api/summary").status_code)


@pytest.mark.slow  # wall time: sleeps, timeouts or rates on a shared machine
def test_a_writer_commits_while_the_server_is_busy(db: Path) -> None:
    app = create_app(db)
    before = len(fixtures.corpus())
    statuses: list[int] = []
    stop = threading.Event()
    env = {**os.environ, "HERALD_LOCK_TIMEOUT": "15", "PYTHONPATH": str(ROOT)}
    with LiveServer(app) as srv:
        poller = threading.Thread(target=_hammer, args=(srv.url, stop, statuses))
        poller.start()
        try:
            deadline = time.monotonic() + 30
            while len(statuses) < 4 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert app.state.data.is_open  # the busy server is holding the file
            t = time.monotonic()
            served_before = len(statuses)
            writer = subprocess.run(
                [sys.executable, "-c", WRITER, str(db), "100", "105"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            took = time.monotonic() - t
            served_during = len(statuses) - served_before
        finally:
            stop.set()
            poller.join(timeout=60)
        assert writer.returncode == 0, writer.stderr[-2000:]
        counts = httpx.get(srv.url + "/api/summary").json()["counts"]
    assert counts["documents"] == before + 5  # the server sees every committed batch
    assert statuses and set(statuses) == {200}  # and no request failed meanwhile
    # the server kept answering while the five commits went in (at least one request per commit);
    # counted over the writer's run, not as a total, which depended on the machine's speed
    assert served_during >= 5
    assert took < 15  # five commits, none of them waited for the lock timeout
    assert not Path(str(db) + WAITING_SUFFIX).exists()


@pytest.mark.slow  # wall time: sleeps, timeouts or rates on a shared machine
def test_the_file_is_open_only_while_requests_need_it(store_path: Path) -> None:
    data = Data.open(store_path, linger=0.2)
    try:
        with data.cursor() as cur:
            assert cur.execute("SELECT count(*) FROM documents").fetchone()[0] == len(fixtures.corpus())
        assert data.is_open  # a burst of requests shares one open...
        with data.cursor():
            pass
        assert data.opens == 1
        deadline = time.monotonic() + 5
        while data.is_open and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not data.is_open  # ...and the file is let go once idle
        with data.cursor():
            pass
        assert data.opens == 2
    finally:
        data.close()


def test_a_waiting_writer_makes_the_server_let_go_at_once(store_path: Path) -> None:
    data = Data.open(store_path, linger=60)
    flag = Path(str(store_path) + WAITING_SUFFIX)
    try:
        with data.cursor():
            flag.touch()  # what a writer does when it finds the file locked
            assert writer_waiting(str(store_path))
        assert not data.is_open  # closed when the request ended, not after a minute
        flag.unlink()
        with data.cursor():
            assert data.is_open
        flag.touch()  # a stale announcement (its writer was killed) stops counting
        old = time.time() - 60
        os.utime(flag, (old, old))
        assert not writer_waiting(str(store_path))
    finally:
        flag.unlink(missing_ok=True)
        data.close()


@pytest.mark.slow
def test_herald_serve_and_herald_run_on_one_file(db: Path, tmp_path: Path) -> None:
    """The real commands: `herald serve` answering throughout a `herald run` into its database."""
    env = {**os.environ, "HERALD_LOCK_TIMEOUT": "20"}
    statuses: list[int] = []
    stop = threading.Event()
    with herald_serve(db, env) as (_, url):
        poller = threading.Thread(target=_hammer, args=(url, stop, statuses))
        try:
            poller.start()
            corpus = tmp_path / "in"
            corpus.mkdir()
            shutil.copy(SEED, corpus / SEED.name)
            for name in ("border-warning.txt", "harbour-talks.txt"):
                shutil.copy(ROOT / "tests" / "data" / "stories" / name, corpus / name)
            run = subprocess.run(
                [*herald_cli(), "run", str(corpus), "--db", str(db), "--quiet"],
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert run.returncode == 0, run.stderr[-2000:]
            stop.set()
            poller.join(timeout=60)
            counts = httpx.get(url + "/api/summary").json()["counts"]
            assert counts["documents"] == len(fixtures.corpus()) + 3
            assert statuses and set(statuses) == {200}
            with TestClient(create_app(db)) as c:  # a second reader in this process meanwhile is fine
                assert c.get("/api/dyads/RUS/NATO").json()["events"] >= 1
        finally:
            stop.set()
            if poller.is_alive():
                poller.join(timeout=60)
