"""RSS and Atom feeds: one document per entry, from its content or summary.

Feeds are XML from strangers, so they are checked with defusedxml *before* feedparser sees
them: entity declarations (the "billion laughs" bomb and its quadratic cousin) and external
entities are refused outright. A DOCTYPE without entities (old RSS 0.91 feeds have one) is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from herald.ingest.files import read_bytes
from herald.models import RawDocument

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


def check_safe_xml(data: bytes) -> str | None:
    """None when the XML is safe to parse, else the reason it is refused."""
    if _ENTITY_DECL.search(data):
        return "unsafe XML refused: the feed declares entities (possible entity-expansion bomb)"
    import defusedxml.ElementTree as det
    from defusedxml import DefusedXmlException

    try:
        det.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return f"unsafe XML refused: {type(exc).__name__}"
    except det.ParseError:
        return None  # malformed but entity-free: feedparser's lenient parser may still read it
    return None


def _date(e: dict[str, Any]) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = e.get(key)
        if t:
            return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    return None


def read_feed(path: str) -> Iterator[RawDocument]:
    import feedparser

    try:
        data = read_bytes(path)
    except (OSError, ValueError) as exc:
        yield RawDocument(id=path, source=path, kind="feed", error=str(exc))
        return
    unsafe = check_safe_xml(data)
    if unsafe:
        yield RawDocument(id=path, source=path, kind="feed", error=unsafe)
        return
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        yield RawDocument(id=path, source=path, kind="feed", error=f"not a readable feed: {reason}")
        return
    for n, e in enumerate(parsed.entries, start=1):
        content = ""
        if e.get("content"):
            content = e["content"][0].get("value", "")
        content = content or e.get("summary", "")
        src = f"{path}#{n}"
        if not content.strip():
            yield RawDocument(
                id=e.get("id") or e.get("link") or src,
                source=src,
                kind="feed",
                url=e.get("link"),
                error=f"feed entry {n} has no content or summary",
            )
            continue
        yield RawDocument(
            id=e.get("id") or e.get("link") or src,
            source=src,
            kind="feed",
            content=content,
            content_type="html",
            url=e.get("link"),
            date=_date(e),
            title=e.get("title"),
        )
