"""Sentences, tense cues and number words: what the evidence finders need to read a mention in context.

Tense decides what a dated mention says about the story's date: "the upcoming summit in Lisbon" puts
the story before the summit, "last year's summit" after it, "this week at the UN assembly" during it.
A light cue reading (nearest cue word in the sentence) is enough here and works with or without a parse.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Literal

Tense = Literal["future", "present", "past"] | None

_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|upcoming|forthcoming|next|coming|ahead\s+of|scheduled|slated|set\s+to|"
    r"expected\s+to|plans?\s+to|planned|to\s+be\s+held|to\s+take\s+place|invited|invitation|going\s+to|"
    r"looming|approaching|(?:days?|weeks?|months?)\s+(?:before|until|ahead)|until|heads?\s+into|heading\s+into|"
    r"run[-\s]up\s+to|whether\s+\w+\s+(?:attends?|goes|will)|can\s+win|could\s+win|would\s+win|if\s+elected|"
    r"polls?\s+show|leads?\s+in\s+(?:the\s+)?polls?|is\s+running|are\s+running|race\s+for)\b",
    re.I,
)
_PRESENT = re.compile(
    r"\b(?:this\s+week|today|tonight|this\s+morning|this\s+afternoon|currently|under\s*way|"
    r"on\s+the\s+sidelines\s+of|is\s+being\s+held|are\s+meeting|opened|opens)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:last|previous|past|earlier|ago|since|held|took\s+place|was|were|had|after|following|won|lost|"
    r"attended|former|then|did|in\s+the\s+wake\s+of|anniversary)\b",
    re.I,
)
_ABBREV = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|"
    r"Prof|Rev|St|Jr|Sr|Inc|Corp|Co|No|vs|[A-Z])|\b(?:[A-Z]\.){1,3}[A-Z])\.$"
)
_BREAK = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
    )
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "hundred": 100})
ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"]
    )
}
ORDINAL_WORDS.update({"twenty-fifth": 25, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                      "seventieth": 70, "hundredth": 100})
NUMBER = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
ORDINAL = r"\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))


def number(s: str) -> int | None:
    s = s.lower()
    if s[:1].isdigit():
        return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]
    return NUMBER_WORDS.get(s, ORDINAL_WORDS.get(s))


def sentences(text: str, parsed: Any = None) -> list[tuple[int, int]]:
    """Character spans of the sentences: spaCy's when the document is parsed, else a punctuation split."""
    if parsed is not None:
        try:
            return [(s.start_char, s.end_char) for s in parsed.sents]
        except (AttributeError, ValueError):
            pass
    spans, start = [], 0
    for m in _BREAK.finditer(text):
        if m.group()[0] == "." and _ABBREV.search(text[max(0, m.start() - 8) : m.start() + 1]):
            continue  # "Nov. 8", "Gov. Pence", "U.S. officials"
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span holding ``pos`` (spans are sorted and disjoint), or an empty span."""
    i = bisect.bisect_right(spans, (pos, len(spans) and spans[-1][1] + 1)) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return pos, pos


def tense(text: str, sent: tuple[int, int], start: int, end: int) -> Tense:
    """The tense cue nearest to the mention ``text[start:end]`` within its sentence, or None.

    Cues inside the mention count (``upcoming summit``); on a tie the future wins, because a
    forward-looking phrase next to an event is the strongest signal a story gives about its own date.
    """
    a, b = sent
    best: tuple[int, int] | None = None
    names: tuple[Tense, ...] = ("future", "present", "past")
    for rank, rx in enumerate((_FUTURE, _PRESENT, _PAST)):
        for m in rx.finditer(text, a, b):
            if start <= m.start() < end:
                dist = 0
            elif m.end() <= start:
                dist = start - m.end()
            else:
                dist = m.start() - end
            if best is None or (dist, rank) < best:
                best = (dist, rank)
    return names[best[1]] if best else None
