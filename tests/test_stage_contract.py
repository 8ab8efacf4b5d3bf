"""The stage contract (herald.pipeline): a stage that fails on a document marks that document, is
logged once, and never stops the batch."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

import pytest

import herald
from herald import pipeline
from herald.models import Document, Event
from herald.pipeline import STAGES, Stage, run_stage

TEXTS = [
    "Officials met in Brussels on Monday to discuss the budget of the European Union for next year.",
    "BOOM. The army of Russia attacked the town on Tuesday, the government of Ukraine said.",
    "The foreign minister of France said on Monday that the army would not attack the town.",
]


def _doc(i: int, text: str = "some text") -> Document:
    return Document(id=str(i), source="test", text=text)


def _pipeline_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "herald.pipeline"]


def test_every_analysis_stage_is_listed_once() -> None:
    assert [s.name for s in STAGES] == ["parse", "actors", "quotes", "events", "time", "places"]


@pytest.mark.parametrize("batched", [True, False])
def test_a_failing_stage_marks_the_document_and_the_batch_goes_on(
    batched: bool, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[str] = []

    def fill(docs: Iterable[Document]) -> Iterator[Document]:
        items = list(docs) if batched else docs  # a batching stage reads everything first
        for doc in items:
            if doc.id == "1":
                raise ValueError("cannot read this one")
            doc.title = "filled"
            seen.append(doc.id)
            yield doc

    def reset(doc: Document) -> None:
        doc.title = None

    docs = [_doc(i) for i in range(3)]
    with caplog.at_level(logging.WARNING, logger="herald.pipeline"):
        out = run_stage(Stage("demo", fill, reset), docs)
    assert out == docs
    assert [d.title for d in docs] == ["filled", None, "filled"]
    assert all(d.status == "ok" and d.error is None for d in docs)
    assert docs[1].warnings == ["demo: ValueError: cannot read this one"]
    assert docs[0].warnings == docs[2].warnings == []
    assert sorted(set(seen)) == ["0", "2"]
    records = _pipeline_records(caplog)
    assert len(records) == 1 and "1: demo failed: ValueError" in records[0].getMessage()


def test_a_stage_reporting_through_error_is_read_as_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    """The events stage's older convention: it catches, clears its events and sets ``doc.error``
    while leaving ``status`` ok."""

    def code(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if doc.id == "0":
                doc.error = "events: KeyError: 'x'"
            yield doc

    docs = [_doc(0), _doc(1)]
    docs[0].events = [Event("AGREE", None, None, None, None, None, None, "s", 0, 1)]
    with caplog.at_level(logging.WARNING, logger="herald.pipeline"):
        run_stage(Stage("events", code, pipeline._reset_events), docs)
    assert docs[0].error is None and docs[0].status == "ok"
    assert docs[0].warnings == ["events: KeyError: 'x'"]
    assert docs[0].events == []
    assert docs[1].warnings == []
    assert len(_pipeline_records(caplog)) == 1


def test_documents_in_error_keep_their_error() -> None:
    def passthrough(docs: Iterable[Document]) -> Iterator[Document]:
        yield from docs

    bad = Document(id="x", source="s", status="error", error="unreadable")
    run_stage(Stage("demo", passthrough, lambda d: None), [bad])
    assert bad.error == "unreadable" and bad.warnings == []


def test_a_failing_real_stage_inside_the_pipeline(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The quotes stage replaced by one that fails on one article: the batch is coded through
    every other stage, that article is marked, and its JSON says so."""
    real = herald.quotes.attribute

    def flaky(docs: Iterable[Document]) -> Iterator[Document]:
        for doc in real(docs):
            if doc.text.startswith("BOOM"):
                raise RuntimeError("boom")
            yield doc

    monkeypatch.setattr(herald.quotes, "attribute", flaky)
    with caplog.at_level(logging.WARNING, logger="herald.pipeline"):
        docs = list(herald.code_texts(TEXTS, reference_date="2014-03-04"))
    assert [d.status for d in docs] == ["ok", "ok", "ok"]
    assert [d.warnings for d in docs] == [[], ["quotes: RuntimeError: boom"], []]
    assert docs[1].quotes == []
    assert docs[1].dates.event_date is not None  # the later stages ran on it
    assert all(d.story_id for d in docs)
    assert all(d.nlp is None for d in docs)
    assert docs[1].to_dict()["warnings"] == ["quotes: RuntimeError: boom"]
    assert len(_pipeline_records(caplog)) == 1


def test_a_failing_story_index_marks_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    real = herald.stories.assign

    def flaky(docs: Iterable[Document], index: herald.stories.StoryIndex) -> Iterator[Document]:
        for doc in real(docs, index):
            if doc.text.startswith("BOOM"):
                raise RuntimeError("index full")
            yield doc

    monkeypatch.setattr(herald.stories, "assign", flaky)
    docs = list(herald.code_texts(TEXTS))
    assert [bool(d.story_id) for d in docs] == [True, False, True]
    assert docs[1].warnings == ["stories: RuntimeError: index full"]
