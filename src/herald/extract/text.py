"""Scraped plain text: herald's line-level boilerplate remover, title and page-date stamps.

Text that someone already scraped has no markup left, so the HTML extractors have nothing to
hold on to (they keep almost everything). herald scores every line with a small trained
classifier (:mod:`herald.extract.lines`) and keeps the lines it believes belong to the article.
The title is the title-like line just before the article that shares most words with it; the
page dates come from stamp lines ("This article was last updated on ...", "Published: ...").
"""

from __future__ import annotations

import re
import string

import numpy as np

from herald.extract.cards import is_link_block, strip_cards
from herald.extract.dates import find_stamps, parse_date
from herald.extract.lines import LineModel, load_model
from herald.extract.result import Extracted

_TITLE_BAD = re.compile(
    r"^(?:by|posted|published|updated|last updated|written by|share|advertisement|sponsored|home|menu|"
    r"search|subscribe|sign in|log in|skip to)\b|https?://|www\.|[|©]|\$\d|\bfree\b",
    re.I,
)
_STRIP = string.punctuation + "“”‘’«»–—…"


def _words(text: str) -> set[str]:
    """The alphabetic words of three letters or more (str.split and strip: a regex is slower)."""
    return {w for w in (t.strip(_STRIP) for t in text.lower().split()) if len(w) >= 3 and w.isalpha()}


_BODY_CHARS = 2500  # the article's opening, where a headline's words come back
_TITLE_LOOKBACK = 12  # the title sits within this many lines before the article's first line


def split_lines(page: str) -> list[str]:
    """The page's non-empty lines, whitespace-normalised at the ends."""
    return [s for s in (ln.strip() for ln in page.splitlines()) if s]


def _title_like(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 25
        and not line.endswith((".", ":", ",", ";", "…"))
        and not _TITLE_BAD.search(line)
        and parse_date(line) is None
    )


def pick_title(lines: list[str], keep: np.ndarray) -> int | None:
    """Index of the title line: among the title-like lines just before the first article line,
    the one sharing most words with the article (ties: the nearest); else the first title-like
    line of the page."""
    kept = np.flatnonzero(keep)
    if len(kept):
        start = int(kept[0])
        body = _words(" ".join(lines[int(i)] for i in kept[:30])[:_BODY_CHARS])
        best, best_score = None, 0.0
        for i in range(max(0, start - _TITLE_LOOKBACK), start + 1):
            if not _title_like(lines[i]):
                continue
            words = _words(lines[i])
            if not words:
                continue
            score = len(words & body) / len(words) + 0.01 * (i - start)  # nearer wins ties
            if score > best_score and len(words & body) >= 1:
                best, best_score = i, score
        if best is not None:
            return best
    for i, line in enumerate(lines[:20]):
        if _title_like(line):
            return i
    return None


def classify_lines(lines: list[str], model: LineModel | None = None) -> np.ndarray:
    """Boolean mask: True for the lines kept as article text."""
    return (model or load_model()).classify(lines)


def extract_text(page: str, model: LineModel | None = None) -> Extracted:
    lines = split_lines(page)
    if not lines:
        return Extracted(text="")
    keep = classify_lines(lines, model)
    kept_at = np.flatnonzero(keep)
    stamps = find_stamps(lines, int(kept_at[0]) if len(kept_at) else None)
    for i in stamps.lines:  # page metadata, reported as dates, not article prose
        keep[i] = False
    t = pick_title(lines, keep)
    title = lines[t] if t is not None else None
    if t is not None:
        keep[t] = False
    cards: list[str] = []
    for j in np.flatnonzero(keep):  # in-body link blocks the line model let through; pop-up cards
        k = int(j)
        if is_link_block(lines[k]):
            keep[k] = False
        elif "MORE" in lines[k]:
            lines[k], found = strip_cards(lines[k])
            cards += found
    kept = [ln for ln, k in zip(lines, keep, strict=True) if k]
    dropped = [ln for i, (ln, k) in enumerate(zip(lines, keep, strict=True)) if not k and i != t] + cards
    return Extracted(
        text="\n\n".join(kept),
        title=title,
        published=stamps.published,
        updated=stamps.updated,
        boilerplate=dropped,
    )
