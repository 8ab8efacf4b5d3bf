"""The HTTP client against the local site: budgets, retries, redirects, robots.txt, the rate limit."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from herald.watch.fetch import Fetcher
from herald.watch.options import WatchOptions
from tests.watch.conftest import FAST
from tests.watch.site import Answer, Hit, Site


def fetcher(**overrides: Any) -> Fetcher:
    return Fetcher(WatchOptions(**{**FAST, **overrides}).check())


@pytest.fixture
def plain(site: Site) -> Iterator[Site]:
    site.static("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    yield site


def test_user_agent_compression_and_charset(plain: Site) -> None:
    plain.static(
        "/z",
        gzip.compress("<p>caf\u00e9</p>".encode("latin-1")),
        "text/html; charset=iso-8859-1",
        **{"Content-Encoding": "gzip"},
    )
    f = fetcher()
    answer = f.get(plain.url("/z"))
    f.close()
    assert (
        answer.ok and answer.body == "<p>caf\u00e9</p>".encode("latin-1") and answer.charset == "iso-8859-1"
    )
    ua = [h.headers["user-agent"] for h in plain.hits]
    assert all(u.startswith("herald/") and "robots.txt" in u for u in ua)
    assert plain.hits[0].path == "/robots.txt"  # robots.txt first, once
    assert "gzip" in plain.hits[-1].headers["accept-encoding"]


def test_robots_forbidden_paths_are_never_requested(plain: Site) -> None:
    plain.static("/private/x", "<p>secret</p>")
    f = fetcher()
    answers = [f.get(plain.url("/private/x")), f.get(plain.url("/private/x?y=1"))]
    f.close()
    assert all(a.disallowed and not a.retryable and "robots.txt" in (a.error or "") for a in answers)
    assert plain.count("/private/x") == 0 and plain.count("/robots.txt") == 1


def test_a_redirect_into_a_forbidden_path_is_not_followed(plain: Site) -> None:
    plain.route("/go", Answer(302, b"", {"Location": "/private/x"}))
    f = fetcher()
    answer = f.get(plain.url("/go"))
    f.close()
    assert answer.disallowed and "redirected to" in (answer.error or "")
    assert plain.count("/private/x") == 0


def test_robots_unreachable_means_nothing_is_fetched(site: Site) -> None:
    site.route("/robots.txt", Answer(503, b"down"))
    site.static("/a", "<p>a</p>")
    f = fetcher(retries=0)
    answer = f.get(site.url("/a"))
    f.close()
    assert not answer.ok and answer.retryable and "robots.txt unreachable" in (answer.error or "")
    assert site.count("/a") == 0


def test_no_robots_txt_means_no_rules(site: Site) -> None:
    site.static("/a", "<p>a</p>")
    f = fetcher()
    assert f.get(site.url("/a")).ok
    f.close()


@pytest.mark.slow  # wall time: sleeps, timeouts or rates on a shared machine
def test_retry_after_is_honoured_for_the_whole_host(plain: Site) -> None:
    state = {"n": 0}

    def busy(hit: Hit) -> Answer:
        state["n"] += 1
        if state["n"] == 1:
            return Answer(429, b"", {"Retry-After": "1"})
        return Answer(200, b"<p>ok</p>", {"Content-Type": "text/html"})

    plain.route("/busy", busy)
    plain.static("/other", "<p>other</p>")
    f = fetcher()
    other: list[float] = []
    answer = f.get(plain.url("/busy"))
    t = threading.Thread(target=lambda: other.append(f.get(plain.url("/other")).status))
    t.start()
    t.join(5)
    f.close()
    assert answer.ok and answer.attempts == 2
    hits = [h for h in plain.hits if h.path in ("/busy", "/other")]
    assert hits[1].at - hits[0].at >= 0.95  # the retry waited for Retry-After


def test_5xx_is_retried_with_backoff_then_given_up(plain: Site) -> None:
    plain.route("/broken", Answer(500, b"oops"))
    f = fetcher(retries=2)
    answer = f.get(plain.url("/broken"))
    f.close()
    assert answer.error == "HTTP 500" and answer.retryable and answer.attempts == 3
    assert plain.count("/broken") == 3


@pytest.mark.slow  # wall time: sleeps, timeouts or rates on a shared machine
def test_a_retry_after_beyond_the_longest_wait_is_left_for_a_later_round(plain: Site) -> None:
    plain.route("/later", Answer(503, b"", {"Retry-After": "3600"}))
    f = fetcher(retries=3, max_wait=5)
    t0 = time.monotonic()
    answer = f.get(plain.url("/later"))
    f.close()
    assert time.monotonic() - t0 < 5
    assert answer.retryable and answer.retry_after == 3600 and "asked to wait" in (answer.error or "")


def test_redirects_loops_and_limits(plain: Site) -> None:
    plain.route("/a", Answer(301, b"", {"Location": "/b"}))
    plain.route("/b", Answer(308, b"", {"Location": "/c"}))
    plain.static("/c", "<p>c</p>")
    plain.route("/loop-a", Answer(302, b"", {"Location": "/loop-b"}))
    plain.route("/loop-b", Answer(302, b"", {"Location": "/loop-a"}))
    for i in range(10):
        plain.route(f"/chain{i}", Answer(302, b"", {"Location": f"/chain{i + 1}"}))
    f = fetcher(max_redirects=3)
    moved, loop, chain = f.get(plain.url("/a")), f.get(plain.url("/loop-a")), f.get(plain.url("/chain0"))
    f.close()
    assert moved.ok and moved.final_url == plain.url("/c") and moved.body == b"<p>c</p>"
    assert loop.error is not None and loop.error.startswith("redirect loop")
    assert chain.error is not None and chain.error.startswith("more than 3 redirects")
    assert plain.count("/chain4") == 0


def test_size_caps_before_and_after_decompression(plain: Site) -> None:
    plain.static("/big", b"x" * 5000)
    plain.static("/bomb", gzip.compress(b" " * 100_000), **{"Content-Encoding": "gzip"})
    f = fetcher(max_bytes=1000)
    big, bomb = f.get(plain.url("/big")), f.get(plain.url("/bomb"))
    f.close()
    assert "Content-Length 5,000" in (big.error or "")
    assert "once unpacked (gzip)" in (bomb.error or "")
    assert not big.retryable and not bomb.retryable


@pytest.mark.slow  # wall time: sleeps, timeouts or rates on a shared machine
def test_slow_answers_time_out(plain: Site) -> None:
    plain.route("/slow", Answer(200, b"<p>late</p>", delay=1.5))
    f = fetcher(timeout=0.3, retries=0)
    answer = f.get(plain.url("/slow"))
    f.close()
    assert answer.error is not None and answer.error.startswith("timed out") and answer.retryable


def test_conditional_requests(plain: Site) -> None:
    plain.static("/feed.xml", "<rss/>", "application/rss+xml", etag=True)
    f = fetcher()
    first = f.get(plain.url("/feed.xml"))
    again = f.get(plain.url("/feed.xml"), headers={"If-None-Match": first.headers["etag"]})
    f.close()
    assert first.status == 200 and again.status == 304 and again.ok and again.body == b""


@pytest.mark.slow  # wall time: sleeps, timeouts or rates on a shared machine
def test_the_rate_limit_holds_over_concurrent_workers(plain: Site) -> None:
    for i in range(12):
        plain.static(f"/p{i}", f"<p>{i}</p>")
    f = fetcher(rate=5.0, per_host=3, workers=4)
    threads = [threading.Thread(target=f.get, args=(plain.url(f"/p{i}"),)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    f.close()
    assert len(plain.hits) == 13  # robots.txt and 12 pages
    assert plain.max_in_window(0.9) <= 5  # 5 a second, with 0.1 s for the clock of arrival
    times = plain.times()
    assert times[-1] - times[0] >= (13 - 1) / 5 - 0.1


@pytest.mark.slow  # wall time: sleeps, timeouts or rates on a shared machine
def test_crawl_delay_slows_the_host_down(site: Site) -> None:
    site.static("/robots.txt", "User-agent: herald\nCrawl-delay: 0.5\n", "text/plain")
    for i in range(3):
        site.static(f"/p{i}", f"<p>{i}</p>")
    f = fetcher(rate=100.0)
    for i in range(3):
        f.get(site.url(f"/p{i}"))
    f.close()
    times = site.times()
    assert all(b - a >= 0.45 for a, b in zip(times[1:], times[2:], strict=False))
