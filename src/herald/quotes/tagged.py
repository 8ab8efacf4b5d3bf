"""From the tagger's spans to attributions: content, its cue and its source.

The tagger (:mod:`herald.quotes.learned`) labels word pieces; an attribution is a run of content
spans with only cue, source or punctuation between them ("“A,” she said, “B.”" is one statement in
two parts), the cue nearest to it in its window and the source nearest to that cue. The speaker
itself is resolved by the quote rules (:mod:`herald.quotes.speakers`) from the source's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from herald.quotes.learned import Span, tag, windows

_WORDY = re.compile(r"[^\W_]")
_MARKS = re.compile(r"[“”\"]")
_TERMINAL = re.compile(r"[.?!]")


@dataclass
class Tagged:
    start: int  # first content character
    end: int
    parts: list[tuple[int, int]]  # the content spans (the reader's pieces), in order
    prob: float  # mean content probability, weighted by length
    cue: Span | None
    source: Span | None
    window: tuple[int, int] = (0, 0)
    extra: dict[str, float] = field(default_factory=dict)


def _gap_free(text: str, a: int, b: int, between: list[Span]) -> bool:
    """Whether text[a:b] holds no word outside the ``between`` spans."""
    mask = list(text[a:b])
    for s in between:
        for c in range(max(a, s.start), min(b, s.end)):
            mask[c - a] = " "
    return not _WORDY.search("".join(mask))


def _dist(a: Span, start: int, end: int) -> int:
    if a.end <= start:
        return start - a.end
    if a.start >= end:
        return a.start - end
    return 0


def group(text: str, spans: list[Span], window: tuple[int, int]) -> list[Tagged]:
    """The attributions in one window's spans."""
    spans = sorted(spans, key=lambda s: s.start)
    contents = [s for s in spans if s.role == "content"]
    cues = [s for s in spans if s.role == "cue"]
    sources = [s for s in spans if s.role == "source"]
    groups: list[list[Span]] = []
    for c in contents:
        if groups:
            prev = groups[-1][-1]
            between = [s for s in spans if s.role != "content" and prev.end <= s.start and s.end <= c.start]
            gap = text[prev.end : c.start]
            quoted = _MARKS.search(text[prev.start : prev.end + 1]) and _MARKS.search(
                text[c.start - 1 : c.end]
            )
            if _gap_free(text, prev.end, c.start, between) and (
                len(gap.strip()) <= 2 or between and (quoted or not _TERMINAL.search(gap))
            ):
                groups[-1].append(c)
                continue
        groups.append([c])
    out: list[Tagged] = []
    used_cues: set[int] = set()
    for g in groups:
        start, end = g[0].start, g[-1].end
        inside = [k for k, s in enumerate(cues) if start <= s.start and s.end <= end]
        cand = inside or [k for k in range(len(cues)) if k not in used_cues]
        cue = min(cand, key=lambda k: _dist(cues[k], start, end), default=None)
        cue_span = cues[cue] if cue is not None else None
        if cue is not None:
            used_cues.add(cue)
        anchor = (cue_span.start, cue_span.end) if cue_span is not None else (start, end)
        source = min(sources, key=lambda s: _dist(s, *anchor), default=None)
        n = sum(s.end - s.start for s in g)
        prob = sum(s.prob * (s.end - s.start) for s in g) / max(1, n)
        out.append(Tagged(start, end, [(s.start, s.end) for s in g], prob, cue_span, source, window))
    return out


def attributions(text: str, spans: list[tuple[int, int]] | None = None) -> list[Tagged]:
    """Every attribution the tagger finds in ``text`` (in the given windows, default all)."""
    wins = windows(text) if spans is None else spans
    out: list[Tagged] = []
    for win, found in zip(wins, tag(text, wins), strict=True):
        out += group(text, found, win)
    return out
