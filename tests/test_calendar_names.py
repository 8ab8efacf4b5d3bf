"""The shared month and weekday names: the pattern and the lookup agree with the lists."""

from __future__ import annotations

import re

from herald.calendar_names import MONTH_NAMES, MONTH_NUMBER, MONTH_RX, MONTH_WORDS, WEEKDAY_NAMES, capitalised


def test_every_month_word_matches_the_pattern_and_has_its_number() -> None:
    rx = re.compile(rf"(?:{MONTH_RX})", re.I)
    for word in MONTH_WORDS:
        assert rx.fullmatch(word), word
        assert rx.fullmatch(word.capitalize()), word
        assert (
            MONTH_NUMBER[word[:3]] == MONTH_NAMES.index(next(m for m in MONTH_NAMES if m[:3] == word[:3])) + 1
        )


def test_the_lists_are_complete_and_in_order() -> None:
    assert len(MONTH_NAMES) == 12 and len(WEEKDAY_NAMES) == 7
    assert MONTH_NUMBER["january"] == 1 and MONTH_NUMBER["dec"] == 12
    assert capitalised(WEEKDAY_NAMES).split("|")[0] == "Monday"
