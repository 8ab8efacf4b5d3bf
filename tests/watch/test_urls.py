"""One article, one URL: canonical forms and the page's own rel=canonical."""

from __future__ import annotations

import pytest

from herald.watch.urls import canonical_url, host_of, link_canonical, site_of


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://example.org/a?utm_source=rss&utm_medium=feed", "https://example.org/a"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("HTTPS://Example.ORG:443/a#comments", "https://example.org/a"),
        ("http://example.org:80/a?fbclid=x&gclid=y&id=7", "http://example.org/a?id=7"),
        ("https://example.org/news/story/amp", "https://example.org/news/story"),
        ("https://example.org/news/story/amp/", "https://example.org/news/story/"),
        ("https://example.org/amp/news/story", "https://example.org/news/story"),
        ("https://example.org/news/story.amp.html", "https://example.org/news/story.html"),
        ("https://example.org/news/story?amp=1", "https://example.org/news/story"),
        ("https://example.org/news/story?outputType=amp", "https://example.org/news/story"),
        ("https://amp.example.org/news/story", "https://example.org/news/story"),
        (
            "https://www-example-org.cdn.ampproject.org/c/s/www.example.org/news/story?amp_js_v=0.1",
            "https://www.example.org/news/story",
        ),
    ],
)
def test_two_addresses_of_one_article_have_one_canonical_form(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b) == b


def test_what_changes_the_page_is_kept() -> None:
    assert (
        canonical_url("https://example.org/search?q=nato&page=2")
        == "https://example.org/search?page=2&q=nato"
    )
    assert canonical_url("https://example.org:8443/a") == "https://example.org:8443/a"
    assert canonical_url("https://example.org/amp") == "https://example.org/amp"  # a section named amp
    assert canonical_url("mailto:x@example.org") == "mailto:x@example.org"
    assert canonical_url("/a?utm_campaign=x", base="https://example.org/feed") == "https://example.org/a"


def test_hosts_and_sites() -> None:
    assert host_of("http://127.0.0.1:8080/a") == "127.0.0.1:8080"
    assert site_of("https://www.example.org/a") == site_of("https://m.example.org/b") == "example.org"


def test_rel_canonical_is_trusted_on_the_same_site_only() -> None:
    page = "https://m.example.org/story-123"
    html = '<html><head><link rel="canonical" href="https://www.example.org/news/story?utm_source=x"></head>'
    assert link_canonical(html, page) == "https://www.example.org/news/story"
    assert link_canonical("<link href='/news/s' rel='canonical'>", page) == "https://m.example.org/news/s"
    assert link_canonical('<link rel="canonical" href="https://other.example.com/x">', page) is None
    assert link_canonical('<link rel="stylesheet" href="/s.css">', page) is None
