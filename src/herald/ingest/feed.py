"""RSS and Atom feeds: one document per entry, from its content or summary."""

from __future__ import annotations

from collections.abc import Iterator

from herald.ingest.files import read_bytes
from herald.models import RawDocument


def read_feed(path: str) -> Iterator[RawDocument]:
    import feedparser

    try:
        data = read_bytes(path)
    except (OSError, ValueError) as exc:
        yield RawDocument(id=path, source=path, kind="feed", error=str(exc))
        return
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None) or "no entries"
        yield RawDocument(id=path, source=path, kind="feed", error=f"not a readable feed: {reason}")
        return
    for n, e in enumerate(parsed.entries, start=1):
        content = ""
        if e.get("content"):
            content = e["content"][0].get("value", "")
        content = content or e.get("summary", "")
        date = None
        for key in ("published_parsed", "updated_parsed"):
            if e.get(key):
                t = e[key]
                date = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
                break
        yield RawDocument(
            id=e.get("id") or e.get("link") or f"{path}#{n}", source=f"{path}#{n}", kind="feed",
            content=content, content_type="html", url=e.get("link"), date=date, title=e.get("title"),
        )
