"""`herald serve` over a store a watch fills: /api/arrivals and the overview's live panel."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

import herald
from herald.serve import create_app
from tests.watch.conftest import FAST
from tests.watch.site import NewsSite, Site


def test_arrivals_show_the_newest_articles_the_counts_and_the_sources(site: Site, tmp_path: Path) -> None:
    site.static("/robots.txt", "User-agent: *\nDisallow:\n", "text/plain")
    news = NewsSite(site)
    for path in (news.add_page(), news.add_page()):
        news.add_feed_item(path)
    news.add_feed_item("/missing")
    db = tmp_path / "w.duckdb"
    herald.watch([site.url("/feed.xml")], db=str(db), once=True, **FAST)
    # linger=0: the app lets go of the file after each request (the watch writes it in this same process)
    with TestClient(create_app(db, linger=0)) as client:
        first = client.get("/api/arrivals", params={"limit": 5}).json()
        assert first["counts"]["documents"] == 2
        # both pages of the first round (fetched concurrently, so either may land first); the newest-first
        # order is checked below, across rounds
        assert {d["id"] for d in first["latest"]} == {site.url("/news/1"), site.url("/news/0")}
        assert first["latest"][0]["ingested_at"] and first["latest"][0]["status"] == "ok"
        [source] = first["sources"]
        assert source["source"] == site.url("/feed.xml") and source["kind"] == "feed"
        assert (source["stored"], source["failed"], source["failing_checks"]) == (2, 1, 0)
        # a new item: the next poll sees it without the app being rebuilt (no reload)
        news.add_feed_item(news.add_page())
        herald.watch([site.url("/feed.xml")], db=str(db), once=True, **FAST)
        second = client.get("/api/arrivals").json()
        assert second["counts"]["documents"] == 3 and second["latest"][0]["id"] == site.url("/news/2")
        page = client.get("/").text
        assert 'id="arrivals"' in page and "/static/live.js" in page
        assert client.get("/static/live.js").status_code == 200
        assert client.get("/api/arrivals", params={"limit": 1000}).status_code == 422


def test_a_store_without_a_watch_has_no_sources(tmp_path: Path) -> None:
    from tests.conftest import SEED

    db = tmp_path / "r.duckdb"
    herald.run([str(SEED)], db=str(db))
    with TestClient(create_app(db)) as client:
        got = client.get("/api/arrivals").json()
    assert got["sources"] == [] and [d["id"] for d in got["latest"]] == [str(SEED)]
