"""`herald watch` as a user runs it (the CLI in a subprocess): kill -9 in the middle, SIGTERM.

The site is tests/watch/site.py with more pages, each answered after a short delay, so that the kill
lands while pages are being fetched and coded. Whatever the moment of the kill, the restarted watch
must end with every good page stored exactly once, every bad one recorded with its reason, nothing
robots.txt forbids ever asked for, and the per-host rate never exceeded (counted by the server).
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT, herald_cli
from tests.watch.conftest import MAX_BYTES, local_env
from tests.watch.site import BAD, Answer, NewsSite, Site, build
from tests.watch.test_watch import REASONS, assert_every_good_page_once, sources, url_rows

RATE = 10
EXTRA = 30  # more feed pages, answered after 0.1 s each


def watch_cli(site: Site, db: Path, *args: str) -> subprocess.Popen[str]:
    cmd = [
        *herald_cli(),
        "watch",
        *sources(site),
        "--db",
        str(db),
        "--rate",
        str(RATE),
        "--workers",
        "2",
        "--timeout",
        "0.5",
        "--retries",
        "1",
        "--max-bytes",
        str(MAX_BYTES),
        *args,
    ]
    return subprocess.Popen(
        cmd, cwd=ROOT, env=local_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def bigger(site: Site) -> NewsSite:
    news = build(site, max_bytes=MAX_BYTES)
    for _ in range(EXTRA):
        path = news.add_page()
        html = site.routes[path]
        site.route(path, lambda hit, html=html: Answer(**{**vars(html(hit)), "delay": 0.1}))
        news.add_feed_item(path)
    return news


def good_hits(news: NewsSite) -> int:
    return sum(news.site.count(p) for p in news.good)


def wait_for(predicate: object, proc: subprocess.Popen[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():  # type: ignore[operator]
        assert proc.poll() is None, proc.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def check_outcome(news: NewsSite, db: Path) -> None:
    site = news.site
    assert_every_good_page_once(news, db)
    rows = url_rows(db)
    for path, status in BAD.items():
        got, reason = rows[site.url(path)]
        assert got == status and REASONS[path] in (reason or ""), (path, got, reason)
    assert site.count("/private/secret") == 0 and site.count("/news/print") == 0
    assert site.max_in_window(0.9) <= RATE
    with duckdb.connect(str(db), read_only=True) as con:
        left = con.execute("SELECT count(*) FROM watch_urls WHERE status = 'pending'").fetchone()
    assert left == (0,)
    assert not (db.parent / (db.name + ".watch-spool")).exists()  # nothing left waiting


@pytest.mark.slow
def test_kill_9_in_the_middle_then_resume(site: Site, tmp_path: Path) -> None:
    news = bigger(site)
    db = tmp_path / "w.duckdb"
    first = watch_cli(site, db, "--every", "1s")
    total = len(news.good)
    try:
        wait_for(lambda: good_hits(news) >= total // 2, first, 180)
        first.send_signal(signal.SIGKILL)  # kill -9: no handler, no flush, no goodbye
        assert first.wait(timeout=30) == -signal.SIGKILL
    finally:
        if first.poll() is None:
            first.kill()
    with duckdb.connect(str(db), read_only=True) as con:
        stored_before = con.execute("SELECT count(*) FROM documents").fetchone()
    hits_before = {p: site.count(p) for p in news.good}
    # new items appear while the watch is down; the restart runs two rounds
    added = [news.add_page() for _ in range(3)]
    for p in added:
        news.add_feed_item(p, date="2024-05-07")
    second = watch_cli(site, db, "--every", "1s", "--rounds", "2")
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err[-3000:]
    assert err.count("herald watch: round ") == 2 and "round 2:" in err
    check_outcome(news, db)
    assert stored_before is not None and 0 < stored_before[0] < total + 3
    # nothing fetched twice but the requests in flight at the kill (two workers, one retry each)
    again = [p for p in news.good if hits_before.get(p, 0) and site.count(p) > hits_before[p]]
    assert len(again) <= 4, again
    for path in news.good:
        assert site.count(path) <= {"/busy": 3, news.mobile_of: 1}.get(path, 2), path


@pytest.mark.slow
def test_sigterm_finishes_the_pages_in_hand_and_exits(site: Site, tmp_path: Path) -> None:
    news = bigger(site)
    db = tmp_path / "w.duckdb"
    proc = watch_cli(site, db, "--every", "15m")
    try:
        wait_for(lambda: good_hits(news) >= 10, proc, 180)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err[-3000:]
    assert "stopping after the pages in hand" in err and "(stopped)" in err
    with duckdb.connect(str(db), read_only=True) as con:
        docs = {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
        stored = {
            r[0] for r in con.execute("SELECT doc_id FROM watch_urls WHERE status = 'stored'").fetchall()
        }
    assert docs and docs == stored  # the state was written for every page stored before the exit
    again = watch_cli(site, db, "--once")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err[-3000:]
    check_outcome(news, db)


@pytest.mark.slow
def test_once_for_cron_and_a_second_watch_is_refused(site: Site, tmp_path: Path) -> None:
    news = build(site, n_feed=2, n_atom=0, n_sitemap=0, max_bytes=MAX_BYTES)
    db = tmp_path / "w.duckdb"
    running = watch_cli(site, db, "--every", "15m")
    try:
        wait_for(lambda: len(site.hits) > 0, running, 180)
        second = watch_cli(site, db, "--once")
        _, err = second.communicate(timeout=120)
        assert second.returncode == 2 and "another herald watch is running" in err
        running.send_signal(signal.SIGINT)
        running.communicate(timeout=120)
    finally:
        if running.poll() is None:
            running.kill()
    cron = watch_cli(site, db, "--once")
    _, err = cron.communicate(timeout=300)
    assert cron.returncode == 0 and err.count("round 1:") == 1, err[-2000:]
    assert_every_good_page_once(news, db)
