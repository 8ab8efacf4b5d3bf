"""JSONL records: one JSON object per line, ``{"id", "text" | "html", "url"?, "date"?}``."""

from __future__ import annotations

import json
from collections.abc import Iterator

from herald.ingest.files import read_bytes
from herald.models import RawDocument


def read_jsonl(path: str) -> Iterator[RawDocument]:
    try:
        data = read_bytes(path)
    except (OSError, ValueError) as exc:
        yield RawDocument(id=path, source=path, kind="jsonl", error=str(exc))
        return
    for n, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        src = f"{path}#{n}"
        try:
            rec = json.loads(line.decode("utf-8", errors="replace"))
            if not isinstance(rec, dict):
                raise ValueError("a record must be a JSON object")
        except ValueError as exc:
            yield RawDocument(id=src, source=src, kind="jsonl", error=f"broken JSONL line {n}: {exc}")
            continue
        rid = str(rec.get("id") or src)
        html, text = rec.get("html"), rec.get("text")
        if not isinstance(html, str) and not isinstance(text, str):
            yield RawDocument(id=rid, source=src, kind="jsonl", error=f"line {n} has no 'text' or 'html'")
            continue
        yield RawDocument(
            id=rid,
            source=src,
            kind="jsonl",
            content=html if isinstance(html, str) else text,
            content_type="html" if isinstance(html, str) else "text",
            url=rec.get("url") if isinstance(rec.get("url"), str) else None,
            date=str(rec["date"])[:10] if rec.get("date") else None,
            title=rec.get("title") if isinstance(rec.get("title"), str) else None,
        )
