"""Scraped plain text: herald's line-level boilerplate remover, title and page-date stamps.

First implementation: a line is kept when it reads like article prose (enough words, sentence
punctuation) and does not match a call-to-action, sharing, comment or advertising phrase. The
extraction issue replaces the scoring with a trained line classifier.
"""

from __future__ import annotations

import re

from herald.extract.dates import find_stamps
from herald.extract.result import Extracted

_BOILER = re.compile(
    r"(share (this|with)|follow us|subscribe|sign up|newsletter|leave a (reply|comment)|"
    r"be the first to comment|comments?\b.*\b(closed|policy)|will not be published|"
    r"required fields|all rights reserved|copyright|cookie|advertis|sponsored|click here|read more|"
    r"free \$\d+|\bget free\b|link back to this page|publish this article|last updated|"
    r"^(published|updated|posted)\b)",
    re.I,
)
_SENT_END = re.compile(r"[.!?…\"”’)]\s*$")


def is_article_line(line: str) -> bool:
    words = line.split()
    if len(words) < 8:
        return False
    if _BOILER.search(line):
        return False
    return bool(_SENT_END.search(line)) or len(words) >= 20


def pick_title(lines: list[str]) -> str | None:
    for line in lines[:10]:
        words = line.split()
        if 2 <= len(words) <= 25 and not _BOILER.search(line) and not line.endswith((".", ":")):
            return line.strip()
    return None


def extract_text(page: str) -> Extracted:
    lines = [ln.strip() for ln in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    title = pick_title(lines)
    kept, dropped = [], []
    for ln in lines:
        if ln == title:
            continue
        (kept if is_article_line(ln) else dropped).append(ln)
    published, updated = find_stamps(lines)
    return Extracted(text="\n\n".join(kept), title=title, published=published, updated=updated,
                     boilerplate=dropped)
