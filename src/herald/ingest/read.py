"""Find input files and dispatch each to the reader for its kind."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from herald.ingest import files
from herald.models import DocKind, RawDocument

SUFFIXES: dict[str, DocKind] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".wet": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


def kind_of(path: str) -> DocKind | None:
    """The input kind from a file name (``.gz`` looks at the suffix before it)."""
    name = path.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return SUFFIXES.get(os.path.splitext(name)[1])


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files as given, folders recursively (sorted, known kinds only), globs expanded."""
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs.sort()
                for n in sorted(names):
                    full = os.path.join(root, n)
                    if kind_of(full):
                        yield full
        elif os.path.exists(p):
            yield p
        elif any(c in p for c in "*?["):
            matches = sorted(glob.glob(p, recursive=True))
            yield from (m for m in matches if os.path.isfile(m))
        else:
            yield p  # read() reports it as a missing file


def read(paths: Iterable[str]) -> Iterator[RawDocument]:
    """Stream raw documents from every input path, in order."""
    for path in expand_paths(paths):
        yield from read_path(path)


def read_path(path: str) -> Iterator[RawDocument]:
    if not os.path.exists(path):
        yield RawDocument(id=path, source=path, kind="missing", error=f"no such file: {path}")
        return
    kind: DocKind = kind_of(path) or "txt"
    try:
        if kind == "jsonl":
            from herald.ingest.jsonl import read_jsonl

            yield from read_jsonl(path)
        elif kind == "warc":
            from herald.ingest.warc import read_warc

            yield from read_warc(path)
        elif kind == "feed":
            from herald.ingest.feed import read_feed

            yield from read_feed(path)
        else:
            yield files.read_file(path, kind)
    except Exception as exc:  # a reader bug or an unreadable container: record it, go on
        yield RawDocument(id=path, source=path, kind=kind, error=f"cannot read {Path(path).name}: {exc}")
