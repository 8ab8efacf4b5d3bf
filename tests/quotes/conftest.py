"""Fixtures for the quotes tests: real text through the real spaCy parser, parsed once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from herald.models import Document, Quote


@pytest.fixture(scope="session")
def quotes_in() -> Callable[[str], list[Quote]]:
    """Parse a text with herald's model and return the quotes the stage attributes in it."""
    from herald.nlp import load
    from herald.quotes import attribute

    nlp = load()

    def run(text: str) -> list[Quote]:
        doc = Document(id="t", source="test", text=text, nlp=nlp(text))
        (out,) = list(attribute([doc]))
        return out.quotes

    return run
