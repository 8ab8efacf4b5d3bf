"""Read a listing: an RSS/Atom feed, a sitemap (with Google's ``news:`` extension) or a sitemap index.

The answer's bytes decide what it is, not its URL or Content-Type (servers label XML every which
way). Listings are XML from strangers: entity declarations are refused before any parser sees them
(:func:`herald.ingest.feed.check_safe_xml`), sitemaps are parsed by defusedxml, feeds by feedparser,
and a gzipped sitemap (``sitemap.xml.gz``) is unpacked within the byte budget.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from herald.watch.urls import is_web

_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(urlset|sitemapindex|rss|feed|RDF)\b")


@dataclass
class Item:
    """One article a listing names."""

    url: str  # as listed (made absolute)
    date: str | None = None  # YYYY-MM-DD: published or last modified, as the listing says
    title: str | None = None


@dataclass
class Listing:
    kind: str  # feed | sitemap | sitemapindex
    items: list[Item] = field(default_factory=list)
    sitemaps: list[Item] = field(default_factory=list)  # what a sitemap index points to
    error: str | None = None

    @property
    def newest(self) -> str | None:
        dates = [i.date for i in (*self.items, *self.sitemaps) if i.date]
        return max(dates) if dates else None


class NotAListing(ValueError):
    """The bytes are not a feed or a sitemap (or not safe to parse)."""


def gunzip(data: bytes, limit: int) -> bytes:
    """Unpack a gzip file within ``limit`` bytes of output (a sitemap.xml.gz, not an encoded answer)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, limit + 1)
    except zlib.error as exc:
        raise NotAListing(f"corrupt gzip ({exc})") from exc
    if len(out) > limit or d.unconsumed_tail:
        raise NotAListing(f"larger than the {limit:,} byte limit once unpacked")
    return out


def parse_listing(data: bytes, base_url: str, limit: int = 50_000_000) -> Listing:
    """The items (or child sitemaps) of a listing; raises :class:`NotAListing` with the reason."""
    from herald.ingest.feed import check_safe_xml

    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, limit)
    unsafe = check_safe_xml(data)
    if unsafe:
        raise NotAListing(unsafe)
    m = _ROOT.search(data[:4096])
    if not m:
        raise NotAListing("not a feed or a sitemap (no <rss>, <feed>, <urlset> or <sitemapindex> element)")
    root = m.group(1).decode()
    if root in ("urlset", "sitemapindex"):
        return _sitemap(data, base_url, root)
    return _feed(data, base_url)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _day(value: str | None) -> str | None:
    value = (value or "").strip()
    return value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def _sitemap(data: bytes, base_url: str, root: str) -> Listing:
    import defusedxml.ElementTree as det

    try:
        tree = det.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except det.ParseError as exc:
        raise NotAListing(f"malformed sitemap XML ({exc})") from exc
    listing = Listing(kind="sitemap" if root == "urlset" else "sitemapindex")
    entry = "url" if root == "urlset" else "sitemap"
    for node in tree:
        if _local(node.tag) != entry:
            continue
        loc = date = title = None
        for child in node.iter():
            name = _local(child.tag)
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name == "publication_date":  # news:publication_date wins over lastmod
                date = _day(text) or date
            elif name == "lastmod" and date is None:
                date = _day(text)
            elif name == "title" and text:
                title = text
        if not loc:
            continue
        url = urljoin(base_url, loc)
        if is_web(url):
            (listing.items if entry == "url" else listing.sitemaps).append(Item(url, date, title))
    return listing


def _feed(data: bytes, base_url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        if getattr(parsed, "bozo", False):
            raise NotAListing(f"malformed feed ({getattr(parsed, 'bozo_exception', 'unreadable')})")
        return Listing(kind="feed")  # a valid feed with no entries right now
    listing = Listing(kind="feed")
    for e in parsed.entries:
        link = e.get("link") or ""
        if not link and is_web(e.get("id") or ""):
            link = e["id"]
        if not link:
            continue
        url = urljoin(base_url, link.strip())
        if not is_web(url):
            continue
        date = None
        for key in ("published_parsed", "updated_parsed"):
            t = e.get(key)
            if t:
                date = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
                break
        listing.items.append(Item(url, date, (e.get("title") or "").strip() or None))
    if not listing.items and getattr(parsed, "bozo", False):  # lenient parsing found nothing usable
        raise NotAListing(f"malformed feed ({getattr(parsed, 'bozo_exception', 'unreadable')})")
    return listing
