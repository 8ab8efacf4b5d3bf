"""robots.txt read as RFC 9309 says (not as urllib.robotparser does)."""

from __future__ import annotations

from herald.watch.robots import parse_robots

ROBOTS = """
# everyone else: nothing
User-agent: *
Disallow: /

User-agent: Herald
User-agent: otherbot
Disallow: /private/
Allow: /private/open
Disallow: /*?print=
Disallow: /*.pdf$
Disallow:
Crawl-delay: 2.5
"""


def test_herald_reads_its_own_group_with_longest_match_wildcards_and_anchors() -> None:
    rules = parse_robots(ROBOTS)
    ok = lambda path: rules.allowed("https://example.org" + path)  # noqa: E731
    assert ok("/news/1") and ok("/")
    assert not ok("/private/secret") and ok("/private/open") and ok("/private/open/more")
    assert not ok("/news/1?print=1") and ok("/news/1?page=2")
    assert not ok("/files/a.pdf") and ok("/files/a.pdf.html")
    assert ok("/robots.txt")
    assert rules.crawl_delay == 2.5


def test_the_star_group_applies_when_no_group_names_herald() -> None:
    rules = parse_robots(
        "User-agent: *\nDisallow: /tmp/\nAllow: /tmp/ok\n\nUser-agent: googlebot\nDisallow: /\n"
    )
    assert not rules.allowed("https://e.org/tmp/x") and rules.allowed("https://e.org/tmp/ok")
    assert rules.allowed("https://e.org/news")


def test_ties_go_to_allow_and_no_rules_allow_everything() -> None:
    rules = parse_robots("User-agent: herald\nDisallow: /a\nAllow: /a\n")
    assert rules.allowed("https://e.org/a")
    assert parse_robots("").allowed("https://e.org/anything")
    assert parse_robots("garbage\n\x00\nDisallow: /x\n").allowed("https://e.org/x")  # no group: no rules
