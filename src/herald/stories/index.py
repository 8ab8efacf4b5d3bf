from __future__ import annotations

from collections.abc import Iterable, Iterator

from herald.models import Document


class StoryIndex:
    """Maps a document's content to its story; first implementation: identical clean text only."""

    def __init__(self) -> None:
        self._by_hash: dict[str, str] = {}

    def add(self, doc_id: str, content_hash: str, text: str) -> str:
        return self._by_hash.setdefault(content_hash, content_hash[:16])


def assign(docs: Iterable[Document], index: StoryIndex) -> Iterator[Document]:
    for doc in docs:
        if doc.ok and doc.content_hash:
            doc.story_id = index.add(doc.id, doc.content_hash, doc.text)
        yield doc
