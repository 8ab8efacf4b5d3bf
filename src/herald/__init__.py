"""herald: trustworthy political event data from raw news, auditable down to the sentence.

Library first; the ``herald`` command is a thin layer over these calls::

    import herald
    for doc in herald.code(["page.txt"]):          # code without storing
        print(doc.title, [e.type for e in doc.events])
    summary = herald.run(["corpus/"], db="herald.duckdb")   # code and store
    herald.watch(["https://example.org/feed.xml"], db="herald.duckdb", every="15m")  # keep up with a feed
    store = herald.open("herald.duckdb")            # query what was stored
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from herald.models import Actor, Dates, Document, Event, Mention, Place, Quote, RawDocument

if TYPE_CHECKING:  # imported on first use at run time
    from herald.pipeline import RunSummary
    from herald.store import Store

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Dates",
    "Document",
    "Event",
    "Mention",
    "Place",
    "Quote",
    "RawDocument",
    "code",
    "code_texts",
    "extract_pages",
    "open",
    "run",
    "watch",
    "__version__",
]


def _paths(paths: str | Iterable[str]) -> list[str]:
    return [paths] if isinstance(paths, str) else list(paths)


def code(paths: str | Iterable[str], reference_date: str | None = None) -> Iterator[Document]:
    """Code files, folders or globs; yields one :class:`Document` per input record, in order."""
    from herald.pipeline import code_paths

    return code_paths(_paths(paths), reference_date=reference_date)


def code_texts(texts: Iterable[str], reference_date: str | None = None) -> Iterator[Document]:
    """Code texts held in memory."""
    from herald.pipeline import code_texts as _code_texts

    return _code_texts(texts, reference_date=reference_date)


def extract_pages(paths: str | Iterable[str], reference_date: str | None = None) -> Iterator[Document]:
    """Extraction only: clean text, title, page dates, language."""
    from herald.pipeline import extract_paths

    return extract_paths(_paths(paths), reference_date=reference_date)


def run(paths: str | Iterable[str], db: str = "herald.duckdb", **kwargs: Any) -> RunSummary:
    """Code and store into a DuckDB file; returns a :class:`herald.pipeline.RunSummary`."""
    from herald.pipeline import run as _run

    return _run(_paths(paths), db=db, **kwargs)


def open(db: str = "herald.duckdb", read_only: bool = True) -> Store:  # noqa: A001
    """Open a herald store for queries."""
    from herald.store import Store

    return Store(db, read_only=read_only)


def __getattr__(name: str) -> Any:
    """``herald.watch``, imported on first use: a module that is also callable,
    ``herald.watch(sources, db=..., every="15m")`` (see :mod:`herald.watch`)."""
    if name == "watch":
        import importlib

        return importlib.import_module("herald.watch")
    raise AttributeError(f"module 'herald' has no attribute {name!r}")
