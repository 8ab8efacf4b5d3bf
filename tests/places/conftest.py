"""Helpers for the places tests: parse real sentences once, attach events, run the stage."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from herald import nlp
from herald.models import Document, Event


def event_for(doc: Document, trigger: str) -> Event:
    """An event whose evidence is the spaCy sentence holding ``trigger`` (as the events stage makes)."""
    for sent in doc.nlp.sents:
        if trigger in sent.text:
            return Event(
                type="CONSULT",
                mode=None,
                cameo=None,
                quad_class=None,
                goldstein=None,
                source=None,
                target=None,
                sentence=sent.text,
                start=sent.start_char,
                end=sent.end_char,
                trigger=trigger,
            )
    raise AssertionError(f"no sentence holds {trigger!r}")


def parsed(text: str, triggers: Iterable[str] = ()) -> Document:
    doc = Document(id="t", source="<test>", text=text)
    [doc] = list(nlp.parse([doc]))
    doc.events = [event_for(doc, t) for t in triggers]
    return doc


@pytest.fixture(scope="session")
def locate_text():
    """``locate_text(text, triggers)`` -> the document after the places stage."""
    from herald.places import locate

    def run(text: str, triggers: Iterable[str] = ()) -> Document:
        [doc] = list(locate([parsed(text, triggers)]))
        return doc

    return run
