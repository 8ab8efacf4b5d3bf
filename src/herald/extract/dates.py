"""Page date stamps in scraped text: "This article was last updated on April 16, 2022", "Published: ...".

A stamp is page metadata, not article prose: it says when the *page* was published or touched,
which may be years after the story happened (the seed page was "last updated" in 2022 for a
2010 story). The stamp lines are therefore taken out of the article text and reported as
``dates.published`` / ``dates.updated``; the time stage decides what they mean for the events.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from herald.calendar_names import MONTH_NUMBER, MONTH_RX

_MON = rf"({MONTH_RX})\.?"
_DATE_PATTERNS = [
    re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I),  # April 16, 2022
    re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(\d{4})\b", re.I),  # 16 April 2022
    re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b"),  # 2022-04-16, 2022/04/16
]
# "last updated", "Published:", "Posted on", "first published" ... at the start of the line or
# after "was"/"were" ("This article was last updated on").
_STAMP = re.compile(
    r"(?:^|\b(?:was|were|been|is)\s+|\|\s*)(?P<kw>(?:first\s+|last\s+|originally\s+)?"
    r"(?:published|posted|updated|modified|revised|edited))\b",
    re.I,
)
# every date pattern above has a year in 1900-2100: a cheap pre-filter (a pattern that starts with
# literal digits lets the regex engine skip ahead, where a bare \d{4} tests every position)
_YEAR = re.compile(r"(?:19|20|21)\d\d")
_UPDATED_WORDS = ("updated", "modified", "revised", "edited")
_DATE_ONLY_WORDS = 8  # a line of at most this many words that parses as a date is a date line
_LIST_REACH = 8  # a bare date with two more this close is one of a list of dated teasers
_BYLINE_LOOKBACK = 40  # a date with a time of day is a byline even this far before the article
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?!\d)")
_BYLINE_WORDS = 12
# lines that date something other than the page: photo captions and the claims fact checks examine
_NOT_THE_PAGE = re.compile(
    r"(?i)\b(?:file\s+photo|photo(?:graph)?\s+(?:by|taken|shows|provided|released)|in\s+this\s+[^.]{0,40}?"
    r"(?:photo|image|picture)|(?:AP|AFP|Reuters|Getty|EPA)\s+(?:Photo|Images)|pictured|\(photo|photo:|image:|"
    r"credit:|caption|claim(?:s|ed)?\b|rating:|fact[-\s]check)"
)
_STAMP_WORDS = 16


def parse_date(s: str) -> str | None:
    """The first full date in ``s`` as YYYY-MM-DD, or None."""
    for i, pat in enumerate(_DATE_PATTERNS):
        for m in pat.finditer(s):
            try:
                if i == 0:
                    d = date(int(m.group(3)), MONTH_NUMBER[m.group(1).lower()[:3]], int(m.group(2)))
                elif i == 1:
                    d = date(int(m.group(3)), MONTH_NUMBER[m.group(2).lower()[:3]], int(m.group(1)))
                else:
                    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except (ValueError, KeyError):
                continue
            if 1900 <= d.year <= 2100:
                return d.isoformat()
    return None


@dataclass
class Stamps:
    """The page dates found in a page's lines, and which lines were stamps."""

    published: str | None = None
    updated: str | None = None
    lines: set[int] = field(default_factory=set)


def stamp_kind(line: str) -> str | None:
    """'updated' or 'published' when ``line`` is a short stamp line with a date, else None."""
    words = len(line.split())
    if words > _STAMP_WORDS or line.rstrip().endswith((".", "?", "!")) and words > _DATE_ONLY_WORDS:
        return None
    m = _STAMP.search(line)
    if not m:
        return None
    return "updated" if m.group("kw").lower().split()[-1] in _UPDATED_WORDS else "published"


def _lines_with_years(lines: list[str]) -> list[int]:
    """Indices of the lines holding a four-digit number: one regex pass over the joined page
    instead of one search per line (every date pattern needs a year)."""
    page = "\n".join(lines)
    hits = [m.start() for m in _YEAR.finditer(page)]
    if not hits:
        return []
    offsets = list(accumulate(len(ln) + 1 for ln in lines))  # where each line's successor starts
    return sorted({bisect_right(offsets, h) for h in hits})


def find_stamps(lines: list[str], article_start: int | None = None, lookback: int = 15) -> Stamps:
    """Page dates from stamp lines anywhere ("Updated: ...", "This article was last updated on
    ...") and, failing an explicit "published" stamp, from a bare date line just before the
    article's first line (the byline date of most news pages).

    Never from a photo caption ("This March 28, 2017, file photo") or a quoted claim (a fact
    check's "Claim: on Nov. 15, 2019, ..."), and never from a list of dated teasers ("More
    stories": headline, date, headline, date): a bare date line with two more within
    ``_LIST_REACH`` lines is a teaser's. A bare date with a time of day ("November 20, 2019
    13:42") is a byline and is looked for further back (``_BYLINE_LOOKBACK``)."""
    st = Stamps()
    bare: list[tuple[int, str]] = []
    for i in _lines_with_years(lines):
        line = lines[i]
        if len(line.split()) > _STAMP_WORDS or _NOT_THE_PAGE.search(line):
            continue
        d = parse_date(line)
        if d is None:
            continue
        kind = stamp_kind(line)
        if kind == "updated":
            st.updated = st.updated or d
            st.lines.add(i)
        elif kind == "published":
            st.published = st.published or d
            st.lines.add(i)
        elif len(line.split()) <= _DATE_ONLY_WORDS or (
            len(line.split()) <= _BYLINE_WORDS and _CLOCK.search(line)
        ):
            bare.append((i, d))  # a date line, or a byline ("Nov 19, 2019, 7:53pm EST by Jane Doe")
    if st.published is None and article_start is not None:
        at = [i for i, _ in bare]
        listed = {
            i for i in at if sum(abs(j - i) <= _LIST_REACH for j in at) >= 3 and not _CLOCK.search(lines[i])
        }
        near = [
            (i, d)
            for i, d in bare
            if i not in listed
            and (
                article_start - lookback <= i <= article_start
                or (article_start - _BYLINE_LOOKBACK <= i <= article_start and _CLOCK.search(lines[i]))
            )
        ]
        if near:
            i, st.published = near[-1]
            st.lines.add(i)
    if st.updated and st.published and st.updated < st.published:
        st.updated = None  # a stamp cannot be updated before it was published: keep the safe one
    return st
