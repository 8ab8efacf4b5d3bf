"""Sources and what each round finds in them.

A source is a feed or sitemap URL (``http(s)://...``; which one is read from the answer) or a local
folder another tool fills. A web source is fetched with the ETag and Last-Modified of the last
answer (a 304 costs the site nothing); a sitemap index's sitemaps are fetched the same way, at most
``max_sitemaps`` per round, those the index says changed most recently first. A folder is walked
for files of the kinds ``herald run`` reads that have been left alone for ``settle`` seconds; a file
whose size or modification time changed is read again (the store keeps the new version).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field

from herald.watch.fetch import Fetcher
from herald.watch.listing import Item, NotAListing, parse_listing
from herald.watch.options import WatchOptions
from herald.watch.state import FeedState, State, now
from herald.watch.urls import is_web


@dataclass(frozen=True)
class Source:
    spec: str  # as given
    kind: str  # web | folder

    @classmethod
    def parse(cls, spec: str) -> Source:
        s = spec.strip()
        if is_web(s):
            return cls(s, "web")
        if os.path.isdir(s):
            return cls(os.path.normpath(s), "folder")
        raise ValueError(f"not a feed or sitemap URL (http:// or https://) nor a folder: {spec!r}")


@dataclass
class Found:
    """What one look at a source gave."""

    source: Source
    kind: str | None = None  # feed | sitemap | sitemapindex | folder
    items: list[Item] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (path, signature)
    feeds: list[FeedState] = field(default_factory=list)  # the listings read, with their new state
    error: str | None = None
    not_modified: bool = False


def look(source: Source, fetcher: Fetcher, state: State, options: WatchOptions) -> Found:
    """New and old items of one source (the caller keeps the new ones). Runs in a worker thread:
    it reads ``state`` but changes only the source's feed rows."""
    if source.kind == "folder":
        return _folder(source, options)
    return _web(source, fetcher, state, options)


def _conditional(feed: FeedState | None) -> dict[str, str]:
    headers = {}
    if feed and feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed and feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def _read_listing(
    url: str, source: Source, fetcher: Fetcher, state: State, options: WatchOptions
) -> tuple[FeedState, list[Item], list[Item], bool]:
    """Fetch one listing conditionally; returns its feed row, items, child sitemaps, not-modified."""
    feed = state.feeds.get(url) or FeedState(url=url, source=source.spec)
    answer = fetcher.get(url, headers=_conditional(feed))
    feed.checked_at, feed.http_status = now(), answer.status or None
    if answer.stopped:
        feed.error = answer.error
        return feed, [], [], False
    if not answer.ok:
        feed.error = answer.error
        return feed, [], [], False
    if answer.status == 304:
        feed.error = None
        return feed, [], [], True
    try:
        listing = parse_listing(answer.body, answer.final_url or url, options.max_bytes)
    except NotAListing as exc:
        feed.error = str(exc)
        return feed, [], [], False
    feed.kind, feed.error, feed.items = listing.kind, None, len(listing.items) + len(listing.sitemaps)
    feed.etag = answer.headers.get("etag") or None
    feed.last_modified = answer.headers.get("last-modified") or None
    newest = listing.newest
    if newest and (feed.cursor is None or newest > feed.cursor):
        feed.cursor = newest
    return feed, listing.items, listing.sitemaps, False


def _web(source: Source, fetcher: Fetcher, state: State, options: WatchOptions) -> Found:
    found = Found(source)
    root, items, sitemaps, not_modified = _read_listing(source.spec, source, fetcher, state, options)
    found.feeds.append(root)
    found.kind, found.items, found.not_modified = root.kind, items, not_modified
    if root.error:
        found.error = root.error
    # a sitemap index: its sitemaps, most recently changed first, those unchanged since last time skipped
    sitemaps.sort(key=lambda s: s.date or "", reverse=True)
    for child in sitemaps[: options.max_sitemaps]:
        known = state.feeds.get(child.url)
        if known and child.date and known.cursor and child.date < known.cursor and not known.error:
            continue
        if fetcher.stop.is_set():
            break
        feed, child_items, _, _ = _read_listing(child.url, source, fetcher, state, options)
        found.feeds.append(feed)
        found.items.extend(child_items)
        if feed.error and not found.error:
            found.error = f"{child.url}: {feed.error}"
    return found


def _folder(source: Source, options: WatchOptions) -> Found:
    from herald.ingest import expand_paths

    found = Found(source, kind="folder")
    cutoff = time.time() - options.settle
    try:
        for path in expand_paths([source.spec]):
            try:
                st = os.stat(path)
            except OSError:
                continue
            if st.st_mtime > cutoff:
                continue  # still being written, perhaps: next round
            found.files.append((path, f"{st.st_size}:{st.st_mtime_ns}"))
    except OSError as exc:
        found.error = f"cannot read the folder: {exc}"
    return found
