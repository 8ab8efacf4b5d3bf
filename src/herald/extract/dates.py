"""Page date stamps in scraped text: "This article was last updated on April 16, 2022", "Published: ..."."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})

_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_PATTERNS = [
    re.compile(_MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I),  # April 16, 2022
    re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(\d{4})", re.I),  # 16 April 2022
    re.compile(r"(\d{4})-(\d{2})-(\d{2})"),  # 2022-04-16
]
_UPDATED = re.compile(r"\b(last\s+)?(updated|modified|revised)\b", re.I)
_PUBLISHED = re.compile(r"\b(published|posted|first published|released|dated?)\b", re.I)


def parse_date(s: str) -> str | None:
    """The first full date in ``s`` as YYYY-MM-DD, or None."""
    for i, pat in enumerate(_DATE_PATTERNS):
        m = pat.search(s)
        if not m:
            continue
        try:
            if i == 0:
                d = date(int(m.group(3)), MONTHS[m.group(1).lower()[:3]], int(m.group(2)))
            elif i == 1:
                d = date(int(m.group(3)), MONTHS[m.group(2).lower()[:3]], int(m.group(1)))
            else:
                d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except (ValueError, KeyError):
            continue
        return d.isoformat()
    return None


def find_stamps(lines: list[str], max_words: int = 20) -> tuple[str | None, str | None]:
    """(published, updated) from short stamp lines near the top or bottom of a page."""
    published = updated = None
    for ln in lines:
        if len(ln.split()) > max_words:
            continue
        d = parse_date(ln)
        if not d:
            continue
        if _UPDATED.search(ln):
            updated = updated or d
        elif _PUBLISHED.search(ln) or published is None:
            published = published or d
    return published, updated
