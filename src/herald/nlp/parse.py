"""Run spaCy over the documents that extraction kept."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from herald.models import Document
from herald.nlp.model import load

BATCH = 64  # measured: 64 texts per batch is ~10% cheaper per word than 16
BATCH_CHARS = 12_000  # measured: spaCy's working set is ~3 KB per character of a batch (docs/memory.md)


def parse(
    docs: Iterable[Document], batch_size: int = BATCH, batch_chars: int = BATCH_CHARS
) -> Iterator[Document]:
    """Attach a parsed spaCy ``Doc`` to ``doc.nlp`` for every ok document; pass the rest through.

    Documents keep their input order; ``nlp.pipe`` works on batches for speed. A batch holds at most
    ``batch_size`` texts and, past its first text, at most ``batch_chars`` characters: spaCy's
    working memory grows with the tokens it parses at once, so a batch counted in texts alone lets a
    run of long articles multiply the peak memory of a stream (measured: no slower per word).
    """
    nlp = load()
    buffer: list[Document] = []

    def flush() -> Iterator[Document]:
        todo = [d for d in buffer if d.ok and d.text]
        for part in text_batches(todo, batch_size, batch_chars):
            for d, sp in zip(part, nlp.pipe((d.text for d in part), batch_size=len(part)), strict=True):
                d.nlp = sp
        yield from buffer
        buffer.clear()

    for doc in docs:
        buffer.append(doc)
        if len(buffer) >= batch_size:
            yield from flush()
    yield from flush()


def text_batches(docs: list[Document], size: int, chars: int) -> Iterator[list[Document]]:
    """Consecutive runs of ``docs`` with at most ``size`` texts and ``chars`` characters each
    (a text longer than ``chars`` goes alone)."""
    part: list[Document] = []
    total = 0
    for d in docs:
        n = len(d.text)
        if part and total + n > chars:
            yield part
            part, total = [], 0
        part.append(d)
        total += n
        if len(part) >= size:
            yield part
            part, total = [], 0
    if part:
        yield part
