"""One article page: fetched, checked, decoded, named, spooled (runs in a worker thread)."""

from __future__ import annotations

from dataclasses import dataclass

from herald.watch.fetch import Answer, Fetcher
from herald.watch.spool import Spool, Spooled
from herald.watch.state import UrlState
from herald.watch.urls import canonical_url, link_canonical

_TEXTUAL = ("text/", "html", "xml")


@dataclass
class Fetched:
    url: UrlState
    answer: Answer
    page: Spooled | None = None  # None: no usable page (``error`` says why)
    error: str | None = None
    retryable: bool = False
    already: bool = False  # not fetched: its document was stored through another address meanwhile

    @property
    def stopped(self) -> bool:
        return self.answer.stopped


def fetch_page(url: UrlState, fetcher: Fetcher, spool: Spool) -> Fetched:
    """GET the page, refuse what is not a readable page, decode it as extraction does (the HTTP
    charset first, then the page's own declaration, UTF-8, a detector), name it by its canonical
    address, and spool it."""
    from herald.extract.decode import BinaryContent, decode

    answer = fetcher.get(url.url)
    if not answer.ok or answer.status == 304:
        return Fetched(url, answer, error=answer.error or f"HTTP {answer.status}", retryable=answer.retryable)
    ctype = answer.content_type
    if ctype and not any(t in ctype for t in _TEXTUAL):
        return Fetched(url, answer, error=f"not a web page (Content-Type: {ctype})")
    if not answer.body.strip():
        return Fetched(url, answer, error="empty answer")
    try:
        text = decode(answer.body, declared=answer.charset)
    except BinaryContent as exc:
        return Fetched(url, answer, error=str(exc))
    final = answer.final_url or url.url
    is_html = "html" in ctype or "xml" in ctype or text.lstrip()[:1] == "<"
    declared = link_canonical(text, final) if is_html else None
    doc_id = declared or canonical_url(final)
    page = Spooled(
        url=url.url,
        doc_id=doc_id,
        final_url=final,
        source=url.source,
        content=text,
        content_type="html" if is_html else "text",
        http_status=answer.status,
        item_date=url.item_date,
        title=url.title,
    )
    spool.put(page)
    return Fetched(url, answer, page=page)
