"""Listings: RSS, Atom, news sitemaps, sitemap indexes, gzip, and what is refused."""

from __future__ import annotations

import gzip

import pytest

from herald.watch.listing import NotAListing, parse_listing
from tests.watch.site import atom, rss, sitemap_index, urlset

BASE = "http://127.0.0.1:9/feed.xml"


def test_rss_and_atom_items_with_dates_and_titles() -> None:
    feed = parse_listing(rss([("http://127.0.0.1:9/a", "A", "2024-05-01"), ("/b", "B", "2024-05-02")]), BASE)
    assert feed.kind == "feed"
    assert [(i.url, i.date, i.title) for i in feed.items] == [
        ("http://127.0.0.1:9/a", "2024-05-01", "A"),
        ("http://127.0.0.1:9/b", "2024-05-02", "B"),
    ]
    assert feed.newest == "2024-05-02"
    entries = parse_listing(atom([("http://127.0.0.1:9/c", "C", "2024-05-03")]), BASE)
    assert [(i.url, i.date) for i in entries.items] == [("http://127.0.0.1:9/c", "2024-05-03")]


def test_news_sitemap_index_and_gzip() -> None:
    news = parse_listing(urlset([("http://127.0.0.1:9/n", "Summit ends", "2024-05-03")]), BASE)
    assert news.kind == "sitemap" and [(i.url, i.date, i.title) for i in news.items] == [
        ("http://127.0.0.1:9/n", "2024-05-03", "Summit ends")
    ]
    plain = parse_listing(
        gzip.compress(urlset([("http://127.0.0.1:9/p", "", "2024-05-04")], news=False)), BASE
    )
    assert [(i.url, i.date) for i in plain.items] == [("http://127.0.0.1:9/p", "2024-05-04")]
    index = parse_listing(sitemap_index([("http://127.0.0.1:9/s1.xml", "2024-05-01")]), BASE)
    assert index.kind == "sitemapindex" and [s.url for s in index.sitemaps] == ["http://127.0.0.1:9/s1.xml"]
    assert index.items == []


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"<?xml version='1.0'?><urlset><url><loc>http://x/</loc>", "malformed sitemap"),
        (b"<html><body>hello</body></html>", "not a feed or a sitemap"),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>',
            "unsafe XML",
        ),
        (b"\x1f\x8b\x08garbage", "corrupt gzip"),
        (b"<rss><channel><item><title>x</title><link>", "malformed feed"),
    ],
)
def test_what_is_refused_and_why(data: bytes, reason: str) -> None:
    with pytest.raises(NotAListing, match=reason):
        parse_listing(data, BASE)


def test_an_empty_feed_is_a_listing_without_items() -> None:
    assert parse_listing(rss([]), BASE).items == []
