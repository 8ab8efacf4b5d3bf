"""Plain text and HTML files, gzip-compressed or not, read within the byte budget."""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from typing import IO

from herald.ingest.limits import max_bytes
from herald.models import DocKind, RawDocument


class TooLarge(ValueError):
    """The input is larger than HERALD_MAX_BYTES."""


def open_binary(path: str) -> IO[bytes]:
    """The file opened for reading bytes; ``.gz`` files are decompressed as they are read."""
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_bytes(path: str) -> bytes:
    """The file's bytes (gunzipped for .gz), at most HERALD_MAX_BYTES; raises ValueError with a
    clear reason for a truncated or corrupt gzip file and for a file over the budget."""
    limit = max_bytes()
    try:
        with open_binary(path) as fh:
            data = fh.read(limit + 1)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ValueError(f"truncated or corrupt gzip file ({exc})") from exc
    if len(data) > limit:
        raise TooLarge(f"larger than the {limit:,} byte limit per document (HERALD_MAX_BYTES)")
    return data


def iter_lines(path: str) -> Iterator[bytes]:
    """The file's lines as bytes, streamed (constant memory); raises ValueError on a corrupt gzip."""
    try:
        with open_binary(path) as fh:
            yield from fh
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ValueError(f"truncated or corrupt gzip file ({exc})") from exc


_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])", re.I)


def read_file(path: str, kind: DocKind) -> RawDocument:
    """One document from a text or HTML file; a ``.txt`` that is really an HTML page is read as HTML."""
    doc = RawDocument(id=path, source=path, kind=kind, content_type="html" if kind == "html" else "text")
    try:
        data = read_bytes(path)
    except (OSError, ValueError) as exc:
        doc.error = str(exc)
        return doc
    doc.content = data
    if kind != "html" and _HTML_START.match(data[:1024]):
        doc.content_type = "html"
    return doc
