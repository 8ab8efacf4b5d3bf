"""Dispatch each raw record to the HTML or plain-text extractor and build the Document."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from herald.extract import html as html_extract
from herald.extract import text as text_extract
from herald.extract.decode import BinaryContent, decode
from herald.extract.language import detect_language
from herald.models import Dates, Document, RawDocument

MIN_CHARS = 1  # an article with no text at all is skipped, not an error


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:32]


def extract_one(raw: RawDocument, reference_date: str | None = None) -> Document:
    doc = Document(id=raw.id, source=raw.source, url=raw.url, kind=raw.kind)
    doc.dates = Dates(reference=raw.date or reference_date)
    if raw.error:
        doc.status, doc.error = "error", raw.error
        return doc
    try:
        if raw.content is None or (isinstance(raw.content, bytes | str) and not raw.content.strip()):
            doc.status, doc.error = "error", "empty input"
            return doc
        page = decode(raw.content)
        result = (
            html_extract.extract_html(page, raw.url)
            if raw.content_type == "html"
            else text_extract.extract_text(page)
        )
    except BinaryContent as exc:
        doc.status, doc.error = "error", str(exc)
        return doc
    except Exception as exc:  # never let one page stop the batch
        doc.status, doc.error = "error", f"extraction failed: {type(exc).__name__}: {exc}"
        return doc
    doc.title = raw.title or result.title
    doc.text = result.text
    doc.boilerplate = result.boilerplate
    doc.dates.published, doc.dates.updated = result.published, result.updated
    doc.content_hash = content_hash(doc.text)
    if not doc.text.strip():
        doc.status, doc.error = "skipped", "no article text found"
        return doc
    doc.language = detect_language(doc.text)
    if doc.language != "en":
        doc.status, doc.error = "skipped", f"language {doc.language!r} is not coded yet (English only)"
    return doc


def extract(raws: Iterable[RawDocument], reference_date: str | None = None) -> Iterator[Document]:
    for raw in raws:
        yield extract_one(raw, reference_date)
