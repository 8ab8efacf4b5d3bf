"""Resolve the date words of one sentence against an anchor day: "on Thursday", "last year", "in November".

Used to date single events once the story's own date (the anchor) is known. Each expression is read
as the reporter would mean it from the anchor: a weekday is the last such day on or before it (the
next one in a future sentence), a bare month the last one on or before it (or the next one), and
"last/next/this week|month|year" shift the anchor.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from herald.calendar_names import MONTH_NAMES, MONTH_NUMBER, WEEKDAY_NAMES, capitalised
from herald.time.evidence import DAY_FIRST, FULL_DATE
from herald.time.text import Tense

_WEEKDAYS = {d: i for i, d in enumerate(WEEKDAY_NAMES)}
_WEEKDAY = re.compile(rf"\b(?:on\s+|last\s+|next\s+|this\s+)?({capitalised(WEEKDAY_NAMES)})\b")
_RELATIVE = re.compile(r"\b(yesterday|today|tomorrow|tonight|(last|next|this)\s+(week|month|year))\b", re.I)
_MONTH_WORD = re.compile(
    rf"\b(?:in|on|since|during|by|until|last|next|this)\s+({capitalised(MONTH_NAMES)})\b(?!\s+\d)"
)


def resolve(sentence: str, anchor: date, tn: Tense = None, relative: bool = True) -> tuple[date, str] | None:
    """The first date expression of ``sentence`` as a day, with the words that gave it; None if none.

    ``relative=False`` reads only dates written in full: "on Thursday" or "last week" mean
    something only against the day the story was written, which a republished page does not give.
    """
    for rx in (FULL_DATE, DAY_FIRST):
        m = rx.search(sentence)
        if m:
            try:
                return date(
                    int(m.group("y")), MONTH_NUMBER[m.group("mon").lower()[:3]], int(m.group("d"))
                ), m.group()
            except ValueError:
                pass
    if not relative:
        return None
    m = _RELATIVE.search(sentence)
    if m:
        return _relative(m, anchor), m.group()
    m = _WEEKDAY.search(sentence)
    if m:
        want = _WEEKDAYS[m.group(1).lower()]
        ahead = m.group(0).lower().startswith("next") or tn == "future"
        delta = (want - anchor.weekday()) % 7 if ahead else -((anchor.weekday() - want) % 7)
        return anchor + timedelta(days=delta), m.group()
    m = _MONTH_WORD.search(sentence)
    if m:
        month = MONTH_NUMBER[m.group(1).lower()[:3]]
        ahead = tn == "future" or m.group(0).lower().startswith("next")
        year = anchor.year
        if ahead and month < anchor.month:
            year += 1
        elif not ahead and month > anchor.month:
            year -= 1
        return date(year, month, 1), m.group()
    return None


def _relative(m: re.Match[str], anchor: date) -> date:
    word = m.group(1).lower()
    if word == "yesterday":
        return anchor - timedelta(days=1)
    if word == "tomorrow":
        return anchor + timedelta(days=1)
    if word in ("today", "tonight"):
        return anchor
    sign = {"last": -1, "next": 1, "this": 0}[m.group(2).lower()]
    unit = m.group(3).lower()
    if unit == "week":
        return anchor + timedelta(days=7 * sign)
    if unit == "month":
        mo = anchor.month + sign
        y = anchor.year + (mo > 12) - (mo < 1)
        return date(y, (mo - 1) % 12 + 1, 1)
    return date(anchor.year + sign, 1, 1) if sign else anchor
