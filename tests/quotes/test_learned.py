"""The learned attribution tagger: windows, BIO decoding, grouping into attributions, the shipped model."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from herald.models import Quote
from herald.quotes import learned, tagged
from herald.quotes.learned import LABELS, Span

Run = Callable[[str], list[Quote]]


def onehot(labels: list[str]) -> np.ndarray:
    out = np.zeros((len(labels), len(LABELS)))
    for k, lab in enumerate(labels):
        out[k, LABELS.index(lab)] = 1.0
    return out


def test_windows_keep_sentences_whole_and_paragraphs_apart() -> None:
    text = "First sentence here. Second one.\n\nA new paragraph."
    wins = learned.windows(text)
    assert [text[a:b] for a, b in wins] == ["First sentence here. Second one.", "A new paragraph."]
    long = " ".join(f"Sentence number {i} is here." for i in range(60))
    wins = learned.windows(long, max_len=32)
    assert len(wins) > 1
    assert all(long[a:b].endswith(".") for a, b in wins)


def test_decode_bio_spans() -> None:
    offsets = [(0, 0), (0, 5), (6, 10), (11, 14), (15, 20), (21, 25), (0, 0)]
    probs = onehot(["O", "B-source", "B-cue", "B-content", "I-content", "B-content", "O"])
    spans = learned.decode(offsets, probs, 100)
    assert [(s.role, s.start, s.end) for s in spans] == [
        ("source", 100, 105),
        ("cue", 106, 110),
        ("content", 111, 120),
        ("content", 121, 125),
    ]


def test_group_joins_parts_around_the_tag() -> None:
    text = "“We will win,” she said, “and soon.” Others disagreed."
    a = text.index("We")
    b = text.index("win") + 3
    c = text.index("and")
    d = text.index("soon") + 4
    spans = [
        Span("content", a, b, 0.9),
        Span("source", text.index("she"), text.index("she") + 3, 0.9),
        Span("cue", text.index("said"), text.index("said") + 4, 0.9),
        Span("content", c, d, 0.8),
    ]
    (att,) = tagged.group(text, spans, (0, len(text)))
    assert att.parts == [(a, b), (c, d)]
    assert att.source is not None and text[att.source.start : att.source.end] == "she"
    assert att.cue is not None and text[att.cue.start : att.cue.end] == "said"


def test_group_keeps_statements_with_words_between_apart() -> None:
    text = "Trump said taxes are high and Clinton argued they are low."
    spans = [
        Span("source", 0, 5, 0.9),
        Span("cue", 6, 10, 0.9),
        Span("content", 11, 25, 0.9),
        Span("source", 30, 37, 0.9),
        Span("cue", 38, 44, 0.9),
        Span("content", 45, 57, 0.9),
    ]
    found = tagged.group(text, spans, (0, len(text)))
    assert len(found) == 2
    assert [text[t.source.start : t.source.end] for t in found if t.source] == ["Trump", "Clinton"]


needs_model = pytest.mark.skipif(not learned.available(), reason="tagger model not shipped")


@needs_model
def test_model_layout() -> None:
    assert learned.meta()["labels"] == list(LABELS)
    assert int(learned.meta()["max_len"]) <= 128


@needs_model
def test_model_tags_reported_speech() -> None:
    text = "The senator said the bill would fail in the House."
    (spans,) = learned.tag(text, [(0, len(text))])
    roles = {s.role: text[s.start : s.end] for s in spans}
    assert roles.get("source") == "The senator"
    assert roles.get("cue") == "said"
    assert "bill would fail" in roles.get("content", "")


@needs_model
def test_reported_speech_with_its_speaker(quotes_in: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERALD_QUOTES", "learned")
    quotes = quotes_in("Senator Elizabeth Warren said on Tuesday that the bank had misled its customers.")
    q = next(q for q in quotes if "misled" in q.text)
    assert q.kind == "indirect" and q.speaker == "Elizabeth Warren"


@pytest.mark.parametrize("mode", ["rules", "learned"])
def test_no_quotation_from_a_verb_that_is_not_speech(
    quotes_in: Run, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("HERALD_QUOTES", mode)
    for text in (
        "A family friend found the suspect's car near the river on Sunday.",
        "The new box is the only device that supports 4K streaming at this price.",
    ):
        assert quotes_in(text) == [], text
