"""The output contract of `herald code` on the seed article, through the real pipeline."""

from __future__ import annotations

import json

import herald
from herald.models import Document

CONTRACT = {
    "id",
    "source",
    "url",
    "status",
    "error",
    "title",
    "text",
    "language",
    "story_id",
    "dates",
    "quotes",
    "events",
}
DATES = {"published", "updated", "event_date", "events_between", "evidence", "stale"}
QUOTE = {"text", "kind", "speaker", "speaker_mention", "speaker_actor", "start", "end"}
EVENT = {
    "type",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "source",
    "target",
    "sentence",
    "start",
    "end",
    "negated",
    "confidence",
    "rule",
    "quote_index",
    "date",
}
ACTOR = {"text", "name", "country", "sector", "code"}


def test_seed_document_follows_the_contract(seed_doc: Document) -> None:
    d = json.loads(json.dumps(seed_doc.to_dict()))
    assert d.keys() >= CONTRACT
    assert d["dates"].keys() >= DATES
    assert d["status"] == "ok" and d["error"] is None
    assert d["language"] == "en"
    for q in d["quotes"]:
        assert q.keys() >= QUOTE
        assert q["kind"] in ("direct", "indirect", "mixed")
        assert seed_doc.text[q["start"] : q["end"]] == q["text"]
    for e in d["events"]:
        assert e.keys() >= EVENT
        assert 1 <= e["quad_class"] <= 4
        assert 0 <= e["confidence"] <= 1
        assert e["rule"]
        for side in ("source", "target"):
            if e[side] is not None:
                assert e[side].keys() >= ACTOR
        assert e["sentence"] in seed_doc.text


def test_seed_extraction(seed_doc: Document) -> None:
    assert seed_doc.title == "Lavrov upset by NATO’s ambiguous stance on Russia"
    assert seed_doc.text.startswith("Whether Russia attends")
    assert "should be protected from us" in seed_doc.text
    for spam in ("Free $30", "Share with friends", "link back to this page", "Leave a Reply", "last updated"):
        assert spam not in seed_doc.text
    assert seed_doc.dates.updated == "2022-04-16"
    assert "\n\n" in seed_doc.text  # paragraphs separated by a blank line


def test_round_trip_through_dict(seed_doc: Document) -> None:
    again = Document.from_dict(json.loads(json.dumps(seed_doc.to_dict())))
    assert again.to_dict() == seed_doc.to_dict()


def test_code_texts_in_memory() -> None:
    docs = list(
        herald.code_texts(
            [
                "Officials met in Brussels on Monday to discuss the budget of the European Union "
                "for next year.",
                "",
            ]
        )
    )
    assert [d.status for d in docs] == ["ok", "error"]
    assert docs[1].error


def test_warm_up_loads_everything_and_leaves_the_collector_on() -> None:
    import gc

    from herald.actors.kb import load as kb_load
    from herald.memory import collector_paused
    from herald.pipeline import warm_up

    warm_up(freeze=False)
    assert gc.isenabled()
    assert kb_load.cache_info().currsize == 1  # the knowledge base came in with the built-in text
    with collector_paused():
        with collector_paused():  # nested: only the outermost turns it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
