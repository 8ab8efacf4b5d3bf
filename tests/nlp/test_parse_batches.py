"""Parse batches are bounded by characters as well as texts, without changing the parse."""

from __future__ import annotations

from herald.models import Document
from herald.nlp.parse import parse, text_batches

TEXTS = [
    "NATO Secretary General Anders Fogh Rasmussen said on Monday that the alliance would meet in Lisbon.",
    "Russian Foreign Minister Sergei Lavrov told reporters in Moscow that Russia was ready to talk.",
    "The summit in November will discuss missile defence, Afghanistan and the new strategic concept.",
]


def doc(i: int, text: str) -> Document:
    return Document(id=str(i), source="t", text=text)


def test_batches_close_at_the_character_budget_and_a_long_text_goes_alone() -> None:
    docs = [doc(i, "x" * n) for i, n in enumerate([10, 10, 30, 5, 50, 1])]
    by_chars = [[d.id for d in p] for p in text_batches(docs, size=3, chars=40)]
    assert by_chars == [["0", "1"], ["2", "3"], ["4"], ["5"]]
    by_count = [[d.id for d in p] for p in text_batches(docs, size=2, chars=10**6)]
    assert by_count == [["0", "1"], ["2", "3"], ["4", "5"]]


def test_small_batches_parse_exactly_as_one_batch() -> None:
    def attrs(batch_chars: int) -> list[list[tuple[str, str, str, str, int, str]]]:
        return [
            [(t.text, t.tag_, t.dep_, t.lemma_, t.head.i, t.ent_type_) for t in d.nlp]
            for d in parse([doc(i, t) for i, t in enumerate(TEXTS)], batch_chars=batch_chars)
        ]

    assert attrs(100) == attrs(10**6)
