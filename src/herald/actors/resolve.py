from __future__ import annotations

from collections.abc import Iterable, Iterator

from herald.models import Document


def resolve(docs: Iterable[Document]) -> Iterator[Document]:
    yield from docs
