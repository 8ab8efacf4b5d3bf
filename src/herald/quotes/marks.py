"""Find direct quotations by their quote marks, on plain text, without ever raising.

News text mixes curly marks (“ ”), straight marks ("), doubled apostrophes ('') and the odd
guillemet, and scraped pages often lose a closing mark. Mark direction is therefore decided
from the mark itself when it has one and from its neighbours when it does not, and every
unbalanced case has a recovery: an unclosed quote ends at its paragraph's end, unless the next
paragraph opens with a quote mark, which is how a quotation running over several paragraphs is
written (each paragraph reopens, only the last one closes). Single quotes are left alone: at the
top level they are apostrophes far more often than quotations, and inside a quotation they only
nest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"“|”|„|«|»|\"|''|``")
_OPENERS = {"“", "„", "«", "``"}
_CLOSERS = {"”", "»"}
_BEFORE_OPEN = set(" \t\n([{—–-/:;,")


@dataclass(frozen=True)
class QuoteSpan:
    """The inside of one quotation: ``text[start:end]`` without its marks."""

    start: int
    end: int
    opened: int  # offset of the opening mark
    closed: bool  # False when the closing mark was missing (recovered at the paragraph end)
    paragraphs: int = 1  # how many paragraphs the quotation runs over


def _paragraph_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _direction(text: str, start: int, end: int, mark: str) -> str:
    """'open', 'close' or 'either' for the mark at text[start:end]."""
    if mark in _OPENERS:
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before in _BEFORE_OPEN and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or not after.isalnum()):
        return "close"
    return "either"


def _span(text: str, start: int, end: int, opened: int, closed: bool) -> QuoteSpan | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return QuoteSpan(start, end, opened, closed, text.count("\n\n", start, end) + 1)


def find_quotes(text: str) -> list[QuoteSpan]:
    """All quotations in ``text``, in order; unbalanced marks are recovered, never fatal."""
    spans: list[QuoteSpan] = []
    open_at: int | None = None  # offset of the current opening mark
    inner = 0  # where the current quotation's text starts
    anchor = 0  # a position in the paragraph the current quotation has reached

    def close(end: int, closed: bool) -> None:
        nonlocal open_at
        if open_at is not None:
            s = _span(text, inner, end, open_at, closed)
            if s is not None:
                spans.append(s)
        open_at = None

    for m in _MARK.finditer(text):
        a, b, mark = m.start(), m.end(), m.group()
        way = _direction(text, a, b, mark)
        if open_at is not None and "\n" in text[anchor:a]:
            # the open quotation ran past the end of its paragraph without closing
            para_end = _paragraph_end(text, anchor)
            if way != "close" and text[para_end:a].strip() == "":
                anchor = b  # it reopens at the start of the next paragraph: one quotation goes on
                continue
            close(para_end, False)
        if open_at is None:
            if way == "close" and a > 0 and not text[a - 1].isspace():
                continue  # a stray closing mark
            open_at, inner, anchor = a, b, b
            continue
        if way == "open" and mark in _OPENERS:
            close(a, False)  # a new quotation opens before the last one closed
            open_at, inner, anchor = a, b, b
            continue
        close(a, True)
    if open_at is not None:
        close(_paragraph_end(text, anchor), False)
    return spans
