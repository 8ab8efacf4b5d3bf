"""Quote-mark pairing: curly, straight, doubled apostrophes, unbalanced and multi-paragraph."""

from __future__ import annotations

import random

from herald.quotes.marks import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_marks() -> None:
    text = 'He said "we will win" and then “we will see”.'
    assert inner(text) == ["we will win", "we will see"]


def test_doubled_apostrophes_are_quote_marks() -> None:
    text = "''It is not reform,'' said Mr. Cole."
    assert inner(text) == ["It is not reform,"]


def test_quotation_running_over_paragraphs_is_one_quote() -> None:
    text = "“First part of it.\n\n“Second part of it.”\n\nNarration."
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "First part of it.\n\n“Second part of it."
    assert q.closed and q.paragraphs == 2


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = "“This never closes\n\nNext paragraph with “a quote” in it."
    assert inner(text) == ["This never closes", "a quote"]
    assert not find_quotes(text)[0].closed


def test_closing_mark_used_as_opener_is_recovered() -> None:
    assert inner("” … in the case of Wyoming,” Time wrote.") == ["… in the case of Wyoming,"]


def test_garbage_never_raises() -> None:
    rng = random.Random(7)
    alphabet = "ab “”\"'\n. "
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for q in find_quotes(text):
            assert 0 <= q.start < q.end <= len(text)
