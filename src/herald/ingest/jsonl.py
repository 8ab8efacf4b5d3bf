"""JSONL records: one JSON object per line, ``{"id", "text" | "html", "url"?, "date"?, "title"?}``.

Read line by line (constant memory in the number of records); a broken line becomes an error
record naming its line number and the batch goes on; a line longer than the per-document byte
budget is skipped without being held in memory.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from typing import IO, Any

from herald.ingest.files import open_binary
from herald.ingest.limits import max_bytes
from herald.models import RawDocument


def _lines(fh: IO[bytes], limit: int) -> Iterator[tuple[bytes | None, int]]:
    """(line, number) pairs; ``None`` for a line over the limit (its rest is skipped unread)."""
    n = 0
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the long line in bounded chunks
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None, n
            continue
        yield line, n


def _record(path: str, n: int, rec: Any) -> RawDocument:
    src = f"{path}#{n}"
    if not isinstance(rec, dict):
        return RawDocument(
            id=src, source=src, kind="jsonl", error=f"broken JSONL line {n}: a record must be a JSON object"
        )
    rid = str(rec.get("id") or src)
    html, text = rec.get("html"), rec.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        return RawDocument(id=rid, source=src, kind="jsonl", error=f"JSONL line {n} has no 'text' or 'html'")
    date = rec.get("date")
    return RawDocument(
        id=rid,
        source=src,
        kind="jsonl",
        content=html if isinstance(html, str) else text,
        content_type="html" if isinstance(html, str) else "text",
        url=rec.get("url") if isinstance(rec.get("url"), str) else None,
        date=str(date)[:10] if isinstance(date, str | int) and date else None,
        title=rec.get("title") if isinstance(rec.get("title"), str) else None,
    )


def read_jsonl(path: str) -> Iterator[RawDocument]:
    limit = max_bytes()
    n = 0
    try:
        with open_binary(path) as fh:
            for line, n in _lines(fh, limit):
                src = f"{path}#{n}"
                if line is None:
                    yield RawDocument(
                        id=src,
                        source=src,
                        kind="jsonl",
                        error=f"JSONL line {n} is larger than the {limit:,} byte limit (HERALD_MAX_BYTES)",
                    )
                    continue
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line.decode("utf-8", errors="replace"))
                except ValueError as exc:
                    yield RawDocument(id=src, source=src, kind="jsonl", error=f"broken JSONL line {n}: {exc}")
                    continue
                yield _record(path, n, rec)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        src = f"{path}#{n + 1}"
        yield RawDocument(
            id=src, source=src, kind="jsonl", error=f"truncated or corrupt gzip file after line {n} ({exc})"
        )
