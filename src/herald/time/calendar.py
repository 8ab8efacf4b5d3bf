"""Day arithmetic for the time stage: dates as day ordinals, so intervals are plain integer pairs.

Open bounds use ``NEG``/``POS`` (the first and last representable days) so that the solver can treat
"after 2012" and "before 2017-01-20" exactly like closed intervals.
"""

from __future__ import annotations

from datetime import date, timedelta

NEG = date(1, 1, 1).toordinal()
POS = date(9999, 12, 31).toordinal()

Interval = tuple[int, int]  # inclusive day ordinals


def day(iso: str) -> int:
    """YYYY-MM-DD (or YYYY-MM, YYYY) -> ordinal of its first day."""
    parts = [int(p) for p in iso.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(parts[0], parts[1], parts[2]).toordinal()


def iso(o: int) -> str:
    return date.fromordinal(o).isoformat()


def shift_years(o: int, years: int) -> int:
    """The same calendar day ``years`` later (29 February falls back to the 28th)."""
    d = date.fromordinal(o)
    try:
        return d.replace(year=d.year + years).toordinal()
    except ValueError:
        return d.replace(year=d.year + years, day=28).toordinal()


def month_span(year: int, month: int) -> Interval:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first.toordinal(), (nxt - timedelta(days=1)).toordinal()


def year_span(year: int) -> Interval:
    return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()


def clip(iv: Interval) -> Interval:
    return max(iv[0], NEG), min(iv[1], POS)


def fmt(iv: Interval) -> str:
    """Human form for evidence lines: "2009-08-01..2014-09-30", "after 2012-01-01", "until 2016-11-08"."""
    lo, hi = iv
    if lo <= NEG and hi >= POS:
        return "any time"
    if lo <= NEG:
        return f"until {iso(hi)}"
    if hi >= POS:
        return f"from {iso(lo)}"
    return f"{iso(lo)}..{iso(hi)}"
