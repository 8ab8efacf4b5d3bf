"""Plain text and HTML files, gzip-compressed or not."""

from __future__ import annotations

import gzip
import zlib

from herald.models import RawDocument

MAX_BYTES = 50 * 1024 * 1024  # pages larger than this are refused (configurable via HERALD_MAX_BYTES)


def max_bytes() -> int:
    import os

    return int(os.environ.get("HERALD_MAX_BYTES", MAX_BYTES))


def read_bytes(path: str) -> bytes:
    """The file's bytes, gunzipped when it ends in .gz; raises ValueError with a clear reason."""
    limit = max_bytes()
    if path.lower().endswith(".gz"):
        try:
            with gzip.open(path, "rb") as fh:
                data = fh.read(limit + 1)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise ValueError(f"truncated or corrupt gzip file ({exc})") from exc
    else:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"file larger than the {limit} byte limit")
    return data


def read_file(path: str, kind: str) -> RawDocument:
    doc = RawDocument(id=path, source=path, kind=kind, content_type="html" if kind == "html" else "text")
    try:
        doc.content = read_bytes(path)
    except (OSError, ValueError) as exc:
        doc.error = str(exc)
    return doc
