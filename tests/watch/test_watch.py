"""`herald watch` over the local news site, in this process: rounds, restarts, folders, shutdown.

Every good page must be coded exactly once whatever addresses it is listed under (tracking
parameters, AMP, a redirect, a mobile copy naming its canonical page); every bad one must be
recorded with its reason; robots.txt must be obeyed and the listings fetched conditionally.
"""

from __future__ import annotations

import json
import subprocess
import threading
from pathlib import Path

import duckdb
import pytest

import herald
from herald.watch import Watcher, WatchOptions
from tests.conftest import ROOT, herald_cli
from tests.watch.conftest import FAST, local_env
from tests.watch.site import BAD, NewsSite, Site, build, serving

REASONS = {
    "/private/secret": "robots.txt",
    "/news/print?print=1": "robots.txt",
    "/slow": "timed out",
    "/broken": "HTTP 500",
    "/loop-a": "redirect loop",
    "/huge": "byte limit",
    "/bomb": "once unpacked",
    "/binary": "binary content",
    "/missing": "HTTP 404",
    "/image.png": "not a web page",
}


def sources(site: Site) -> list[str]:
    return [site.url(p) for p in ("/feed.xml", "/atom.xml", "/sitemap_index.xml", "/bad-feed.xml")]


def stored_ids(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]


def url_rows(db: Path) -> dict[str, tuple[str, str | None]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {u: (s, r) for u, s, r in con.execute("SELECT url, status, reason FROM watch_urls").fetchall()}


def assert_every_good_page_once(news: NewsSite, db: Path) -> None:
    ids = stored_ids(db)
    assert sorted(ids) == sorted(news.site.url(p) for p in news.good)  # each once, nothing else


@pytest.mark.slow
def test_rounds_code_every_good_page_once_and_record_every_bad_one(news: NewsSite, tmp_path: Path) -> None:
    site, db = news.site, tmp_path / "w.duckdb"
    with Watcher(sources(site), str(db), WatchOptions(**FAST)) as w:
        first = w.round()
        added = [news.add_page() for _ in range(3)]  # new items appear in the feed between rounds
        for p in added:
            news.add_feed_item(p, date="2024-05-06")
        second = w.round()
        third = w.round()
    assert first.new == 34 and first.stored == len(news.good) - 3 and first.ok == first.stored
    assert second.new == 3 and second.stored == 3
    assert third.new == 0 and third.stored == 0
    assert_every_good_page_once(news, db)
    # each good page was fetched once (the busy one twice: its first answer was a 429); the page the
    # mobile copy names as canonical was stored from that copy and not fetched itself
    for path in news.good:
        assert site.count(path) == {"/busy": 2, news.mobile_of: 0}.get(path, 1), path
    assert site.count("/m/story") == site.count("/old/moved") == 1
    assert site.count("/news/6/amp") == 0  # the AMP address was never fetched: it names /news/6
    # the bad ones: recorded with their reasons, the forbidden ones never asked for
    rows = url_rows(db)
    for path, status in BAD.items():
        got, reason = rows[site.url(path)]
        assert got == status and REASONS[path] in (reason or ""), (path, got, reason)
    assert site.count("/private/secret") == 0 and site.count("/news/print") == 0
    assert site.count("/robots.txt") == 1
    # transient failures were tried again in later rounds, permanent ones not
    assert site.count("/broken") == 2 * 3 and site.count("/missing") == 1
    # listings were fetched conditionally: unchanged ones answered 304 and were not read again
    feed = [h.status for h in site.hits if h.path == "/feed.xml"]
    assert feed == [200, 200, 304]
    assert [h.status for h in site.hits if h.path == "/sitemap_index.xml"] == [200, 304, 304]
    assert site.count("/sitemaps/news.xml") == 1
    assert site.max_in_window(0.9) <= FAST["rate"]


@pytest.mark.slow
def test_a_restart_fetches_nothing_again_and_sources_report_their_health(
    news: NewsSite, tmp_path: Path
) -> None:
    site, db = news.site, tmp_path / "w.duckdb"
    lines: list[str] = []
    herald.watch(sources(site), db=str(db), once=True, on_round=lambda r: lines.append(r.line()), **FAST)
    before = {p: site.count(p) for p in news.good}
    herald.watch(sources(site), db=str(db), once=True, on_round=lambda r: lines.append(r.line()), **FAST)
    assert {p: site.count(p) for p in news.good} == before
    assert lines[0].startswith("round 1: 4 sources (1 failing), 34 new") and "round 1: 4 sources" in lines[1]
    assert_every_good_page_once(news, db)
    health = herald.watch.health(str(db)).set_index("source")
    bad = health.loc[site.url("/bad-feed.xml")]
    assert "malformed feed" in bad["last_error"] and bad["failing_checks"] == 2 and bad["items"] == 0
    feed = health.loc[site.url("/feed.xml")]
    assert feed["kind"] == "feed" and feed["failing_checks"] == 0 and feed["failed"] == 8
    assert feed["disallowed"] == 2 and not isinstance(feed["last_error"], str)
    index = health.loc[site.url("/sitemap_index.xml")]
    assert index["kind"] == "sitemapindex" and "malformed sitemap" in index["last_error"]
    assert index["failing_checks"] == 0  # the index answered; one of its sitemaps did not
    r = subprocess.run(
        [*herald_cli(), "sources", "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=local_env(),
    )
    assert r.returncode == 0, r.stderr
    assert {row["source"] for row in json.loads(r.stdout)} == set(sources(site))
    r = subprocess.run(
        [*herald_cli(), "sources", "--db", str(db), "--status", "failed", "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=local_env(),
    )
    failed = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(failed) == 8 and all(row["reason"] for row in failed)


@pytest.mark.slow
def test_the_per_host_rate_holds_over_a_whole_watch(site: Site, tmp_path: Path) -> None:
    news = build(site, n_feed=8, n_atom=0, n_sitemap=0)
    herald.watch(
        [site.url("/feed.xml")],
        db=str(tmp_path / "w.duckdb"),
        once=True,
        **{**FAST, "rate": 6.0, "workers": 4, "per_host": 4},
    )
    assert site.max_in_window(0.9) <= 6
    assert sorted(stored_ids(tmp_path / "w.duckdb")) == sorted(
        site.url(p) for p in news.good if p not in news.unfed
    )


@pytest.mark.slow
def test_a_stop_mid_round_leaves_the_rest_for_the_next_start(news: NewsSite, tmp_path: Path) -> None:
    site, db = news.site, tmp_path / "w.duckdb"
    stop = threading.Event()
    seen: list[str] = []

    def on_document(doc: herald.Document) -> None:
        seen.append(doc.id)
        stop.set()  # as SIGTERM would, after the first page is stored

    summary = herald.watch(
        sources(site), db=str(db), once=True, stop=stop, on_document=on_document, **{**FAST, "batch_size": 1}
    )
    assert summary.rounds[0].stopped and summary.rounds[0].pending > 0
    assert 1 <= len(stored_ids(db)) < len(news.good)
    herald.watch(sources(site), db=str(db), once=True, **FAST)
    assert_every_good_page_once(news, db)
    for path in news.good:
        assert site.count(path) <= (3 if path == "/busy" else 2), path  # only requests in flight again


def test_one_round_over_a_small_site(site: Site, tmp_path: Path) -> None:
    """The quick end-to-end check (the slow tests above use the whole site)."""
    site.static("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    news = NewsSite(site)
    for path in (news.add_page(), news.add_page()):
        news.add_feed_item(path + "?utm_source=rss")
    news.add_feed_item("/private/x")
    news.add_feed_item("/missing")
    db = tmp_path / "w.duckdb"
    summary = herald.watch([site.url("/feed.xml")], db=str(db), once=True, **FAST)
    report = summary.rounds[0]
    assert (report.new, report.stored, report.failed, report.disallowed) == (4, 2, 1, 1)
    assert_every_good_page_once(news, db)
    assert site.count("/private/x") == 0 and site.count("/missing") == 1
    assert url_rows(db)[site.url("/missing")] == ("failed", "HTTP 404")


def test_a_folder_another_tool_fills(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    stories = sorted((ROOT / "tests" / "data" / "stories").glob("*.txt"))
    for p in stories[:3]:
        (inbox / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (inbox / "notes.bin").write_bytes(b"\x00\x01")  # not a kind herald reads: ignored
    opts = WatchOptions(**{**FAST, "settle": 0.0})
    with Watcher([str(inbox)], str(db), opts) as w:
        first = w.round()
        (inbox / stories[3].name).write_text(stories[3].read_text(encoding="utf-8"), encoding="utf-8")
        changed = inbox / stories[0].name
        changed.write_text(
            changed.read_text(encoding="utf-8") + "\nOfficials said talks would resume.\n", encoding="utf-8"
        )
        second = w.round()
        third = w.round()
    assert (first.new, first.stored) == (3, 3)
    assert (second.new, second.stored) == (2, 2)  # a new file and a new version of a changed one
    assert (third.new, third.stored) == (0, 0)
    with duckdb.connect(str(db), read_only=True) as con:
        versions = dict(con.execute("SELECT id, max(version) FROM documents GROUP BY id").fetchall())
    assert versions == {str(inbox / p.name): (2 if p == stories[0] else 1) for p in stories[:4]}


def test_a_file_still_being_written_waits_for_a_later_round(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "w.duckdb"
    inbox.mkdir()
    (inbox / "a.txt").write_text((ROOT / "tests/data/stories/trade-deal.txt").read_text(encoding="utf-8"))
    with Watcher([str(inbox)], str(db), WatchOptions(**{**FAST, "settle": 60.0})) as w:
        assert w.round().new == 0


def test_two_watches_on_one_store_are_refused(news: NewsSite, tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    with Watcher(sources(news.site), db, WatchOptions(**FAST)), pytest.raises(herald.watch.WatchBusy):
        Watcher(sources(news.site), db, WatchOptions(**FAST))


def test_sources_are_checked_before_anything_is_fetched(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="nor a folder"):
        herald.watch(
            ["ftp://example.org/feed", str(tmp_path / "missing")], db=str(tmp_path / "w.duckdb"), once=True
        )
    with pytest.raises(TypeError, match="unknown watch setting"):
        herald.watch([str(tmp_path)], db=str(tmp_path / "w.duckdb"), once=True, speed=3)


@pytest.mark.slow
def test_two_sites_have_their_own_robots_and_budgets_and_keep_their_copies(tmp_path: Path) -> None:
    """Two sites (two ports) serving the same articles: each has its own robots.txt and rate budget, and
    each site's copy is stored (copies of one story from two outlets are evidence, grouped as one story)."""
    a, b = Site(), Site()
    with serving(a), serving(b):
        na, nb = build(a, n_feed=2, n_atom=0, n_sitemap=0), build(b, n_feed=2, n_atom=0, n_sitemap=0)
        herald.watch(
            [a.url("/feed.xml"), b.url("/feed.xml")],
            db=str(tmp_path / "w.duckdb"),
            once=True,
            **{**FAST, "rate": 5.0},
        )
        ids = stored_ids(tmp_path / "w.duckdb")
    assert sorted(ids) == sorted(
        [a.url(p) for p in na.good if p not in na.unfed] + [b.url(p) for p in nb.good if p not in nb.unfed]
    )
    assert a.count("/robots.txt") == b.count("/robots.txt") == 1
    assert a.max_in_window(0.9) <= 5 and b.max_in_window(0.9) <= 5
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        story = dict(con.execute("SELECT id, story_id FROM documents").fetchall())
    assert story[a.url("/news/0")] == story[b.url("/news/0")]  # one story, two copies
