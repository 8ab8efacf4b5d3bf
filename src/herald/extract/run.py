"""Dispatch each raw record to the HTML or plain-text extractor and build the Document.

Every failure mode ends in a Document with ``status: error`` and a one-line reason (never an
exception out of :func:`extract`): empty or binary input, undecodable bytes, HTML too large or
too deep to parse, a page that takes longer than the per-document time budget. Documents in a
language herald does not code yet get ``status: skipped`` but keep their text.
"""

from __future__ import annotations

import contextlib
import hashlib
import signal
import threading
from collections.abc import Iterable, Iterator

from herald.extract import html as html_extract
from herald.extract import text as text_extract
from herald.extract.decode import BinaryContent, decode
from herald.extract.language import detect_language
from herald.extract.result import Extracted
from herald.ingest.limits import doc_timeout, max_lines
from herald.models import Dates, Document, RawDocument


class Timeout(Exception):
    """Extraction of one document took longer than HERALD_DOC_TIMEOUT seconds."""


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:32]


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Timeout` in the block after ``seconds`` (a real-time timer; main thread of
    the main interpreter only, elsewhere the block runs unbounded)."""
    usable = (
        seconds > 0 and threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    )
    if not usable:
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise Timeout(f"extraction took longer than {seconds:g} s (HERALD_DOC_TIMEOUT)")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _extract_page(raw: RawDocument) -> Extracted:
    page = decode(raw.content)  # type: ignore[arg-type]
    if raw.content_type == "html":
        return html_extract.extract_html(page, raw.url)
    n_lines = page.count("\n") + 1
    if n_lines > max_lines():
        raise ValueError(f"{n_lines:,} lines, more than the {max_lines():,} line limit (HERALD_MAX_LINES)")
    return text_extract.extract_text(page)


def _is_empty(content: bytes | str | None) -> bool:
    return content is None or not content.strip()


def extract_one(raw: RawDocument, reference_date: str | None = None) -> Document:
    """The Document for one raw record: clean text, title, page dates, language and status."""
    doc = Document(id=raw.id, source=raw.source, url=raw.url, kind=raw.kind)
    doc.dates = Dates(reference=raw.date or reference_date)
    if raw.error:
        doc.status, doc.error = "error", raw.error
        return doc
    if _is_empty(raw.content):
        doc.status, doc.error = "error", "empty input"
        return doc
    try:
        with time_limit(doc_timeout()):
            result = _extract_page(raw)
    except BinaryContent as exc:
        doc.status, doc.error = "error", str(exc)
        return doc
    except (Timeout, ValueError) as exc:
        doc.status, doc.error = "error", str(exc)
        return doc
    except RecursionError:
        doc.status, doc.error = "error", "HTML nested too deeply to parse"
        return doc
    except MemoryError:
        doc.status, doc.error = "error", "out of memory while extracting this document"
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
        what = "undetermined" if doc.language == "und" else repr(doc.language)
        doc.status, doc.error = "skipped", f"language {what} is not coded yet (English only)"
    return doc


def extract(raws: Iterable[RawDocument], reference_date: str | None = None) -> Iterator[Document]:
    for raw in raws:
        yield extract_one(raw, reference_date)
