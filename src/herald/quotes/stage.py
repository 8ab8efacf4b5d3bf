"""The quotes stage: fill ``Document.quotes`` for every parsed document.

A bad article (odd marks, a parse the rules do not expect) must never stop a batch: the quote
rules recover from unbalanced marks themselves, and anything unexpected leaves that document with
no quotes and a logged warning while the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from herald.models import Document
from herald.quotes.extract import quotes_of

log = logging.getLogger(__name__)


def attribute(docs: Iterable[Document]) -> Iterator[Document]:
    """Attach direct and reported quotations with resolved speakers to each ok, parsed document."""
    for doc in docs:
        if doc.ok and doc.nlp is not None:
            try:
                doc.quotes = quotes_of(doc)
            except Exception as exc:  # noqa: BLE001 - one article must not stop the batch
                log.warning("quotes: %s failed: %s: %s", doc.id, type(exc).__name__, exc)
                doc.quotes = []
        yield doc
