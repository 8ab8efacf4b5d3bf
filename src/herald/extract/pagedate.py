"""When was an HTML page published? The page's own publication markup first, in the publisher's time zone.

htmldate (``original_date=True``) is a good general reader, but on news pages it has two habits
that cost a day or a year: it reads a UTC timestamp as the page's date ("2019-11-20T04:26Z" for a
story the page itself dates "11:26 pm EST, Tuesday, November 19, 2019"), and with no markup it
may take any date from the page (a URL slug naming the day of a hearing, a photo caption's "This
March 28, 2017, file photo", the date of the claim a fact check examines). herald reads:

1. the page's publication markup (JSON-LD ``datePublished``, ``article:published_time``,
   ``itemprop="datePublished"`` and the other common keys, in that order of trust);
2. a timestamp with a UTC offset gives its own local date; a UTC (or zero-offset) one is put in
   the publisher's time zone when the page shows the same instant elsewhere with its local time:
   another markup timestamp with an offset, or a visible byline whose date and time of day are the
   instant shifted by a whole number of half hours ("7:04 pm ET" for 00:04Z); failing that, a
   date in the URL one day off wins (the publisher's own date for the page);
3. without usable markup: a visible "Published" / "Posted" line (never a caption or a quoted
   claim), then htmldate as before.

``updated`` comes from the modification markup the same way, else from htmldate.
"""

from __future__ import annotations

import contextlib
import json
import re
from datetime import date, datetime, timedelta
from typing import Any

from herald.calendar_names import MONTH_NUMBER, MONTH_RX
from herald.extract.dates import parse_date

# keys of <meta> (property, name or itemprop) holding the publication time, most trusted first
_PUBLISHED_KEYS = (
    "article:published_time",
    "article:published",
    "og:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "og:pubdate",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "pub_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "datecreated",
    "article.created",
    "sailthru.date",
    "published",
    "date",
    "og:datepublished",
    "published_time_telegram",
    "dcsext.articlefirstpublished",
    "date.release",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "datemodified",
    "article.updated",
    "dcterms.modified",
    "updated-date",
    "last-modified",
    "modified_time",
    "updated_time",
)
_ISO = re.compile(
    r"^\s*(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|GMT|UTC|[+-]\d{2}:?\d{2})?)?\s*$",
    re.I,
)
_EARLIEST = date(1995, 1, 1)  # the web's news pages start here; "0001-01-01" is a placeholder

# a visible stamp of the page: "Published: Nov. 19, 2019", "Posted on ...", "First published on ..."
_PUBLISHED_LINE = re.compile(
    r"(?i)\b(?:published|posted|first\s+published|originally\s+published|released)\b"
)
# a line that is not about the page: a photo caption or the claim a fact check examines
CAPTION = re.compile(
    r"(?i)\b(?:file\s+photo|photo(?:graph)?\s+(?:by|taken|shows|provided|released)|in\s+this\s+\w+(?:,\s+[^,]{3,30},)?\s+"
    r"(?:\w+\s+)?(?:photo|image|picture|file)|(?:AP|AFP|Reuters|Getty|EPA)\s+(?:Photo|Images)|pictured|"
    r"\(photo|photo:|image:|credit:|caption)"
)
CLAIM = re.compile(
    r"(?i)^\W*(?:claim|rating|the\s+claim|what\s+was\s+claimed|fact\s+check(?:ed)?)\b\W|"
    r"\b(?:claimed|claims|alleged|posted\s+(?:on|to)\s+(?:facebook|twitter|instagram))\b"
)
_TIME = re.compile(r"(?i)\b(?P<H>\d{1,2})(?::|\.)(?P<M>\d{2})(?::\d{2})?\s*(?P<ap>[ap]\.?\s?m\.?)?")
_NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b")
_MONTH_WORD = rf"(?P<mon>{MONTH_RX})\.?"
_WORD_DATE = re.compile(
    rf"(?i)\b{_MONTH_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})|"
    rf"\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH_RX})\.?,?"
    rf"\s+(?P<y2>\d{{4}})"
)
_URL_DATE = re.compile(
    r"/(?P<y>(?:19|20)\d{2})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:/|-|$)|/(?P<y2>(?:19|20)\d{2})(?P<m2>\d{2})(?P<d2>\d{2})/"
)


class Stamp:
    """One timestamp from the markup: the instant (UTC, when the zone is known) and its local date."""

    __slots__ = ("local", "instant", "zoned", "key")

    def __init__(self, local: date, instant: datetime | None, zoned: bool, key: str) -> None:
        self.local = local  # the date as the publisher wrote it
        self.instant = instant  # the same moment in UTC (None when no time of day was given)
        self.zoned = zoned  # True when the offset is known and not zero: ``local`` is the local date
        self.key = key


def parse_stamp(value: str, key: str = "") -> Stamp | None:
    """A markup timestamp ("2019-11-19T19:53:52-05:00", "2019-11-20T04:26:47Z", "20191119",
    "19 Nov 2019 07:09 GMT", "November 19, 2019") as a :class:`Stamp`, or None."""
    value = value.strip()
    m = _ISO.match(value)
    if m is None:
        d = parse_date(value)
        if d is None:
            return None
        day = date.fromisoformat(d)
        t = _TIME.search(value)
        utc = re.search(r"(?i)\b(?:GMT|UTC)\b", value) is not None
        if t and utc:
            inst = datetime(day.year, day.month, day.day, int(t.group("H")) % 24, int(t.group("M")))
            return Stamp(day, inst, False, key)
        return Stamp(day, None, False, key)
    try:
        local = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    if m.group("H") is None:
        return Stamp(local, None, False, key)
    try:
        wall = datetime(
            local.year, local.month, local.day, int(m.group("H")), int(m.group("M")), int(m.group("S") or 0)
        )
    except ValueError:
        return None
    tz = (m.group("tz") or "").upper()
    if not tz:  # no zone: the wall time of the publisher, as written
        return Stamp(local, None, True, key)
    if tz in ("Z", "GMT", "UTC"):
        return Stamp(local, wall, False, key)
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))
    return Stamp(local, wall - sign * offset, offset != timedelta(0), key)


def _markup(tree: Any) -> tuple[list[Stamp], list[Stamp]]:
    """(published, modified) stamps of the page's markup, most trusted first."""
    pub: dict[str, list[Stamp]] = {}
    mod: list[Stamp] = []
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content") or ""
        if not key or not content:
            continue
        for k in key.split():  # itemprop="datePublished dateCreated"
            if k in _PUBLISHED_KEYS and (s := parse_stamp(content, k)) is not None:
                pub.setdefault(k, []).append(s)
            elif k in _MODIFIED_KEYS and (s := parse_stamp(content, k)) is not None:
                mod.append(s)
    ld_published: list[Stamp] = []
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        for k, v in _ld_dates(el.text):
            s = parse_stamp(v, k.lower())
            if s is None:
                continue
            if k == "datePublished":
                ld_published.append(s)
            elif k == "dateCreated":
                pub.setdefault("datecreated", []).append(s)
            elif k == "dateModified":
                mod.append(s)
    if ld_published:  # JSON-LD first among the itemprop="datePublished" readings, in page order
        pub["datepublished"] = ld_published + pub.get("datepublished", [])
    for el in tree.iter("time"):  # the first one only: later ones are often the comments' own dates
        dt = el.get("datetime")
        if dt and ((el.get("itemprop") or "").lower() == "datepublished" or el.get("pubdate") is not None):
            if (s := parse_stamp(dt, "time")) is not None:
                pub.setdefault("time", []).append(s)
            break
    ordered = [s for k in (*_PUBLISHED_KEYS, "time") for s in pub.get(k, [])]
    return [s for s in ordered if _plausible(s)], [s for s in mod if _plausible(s)]


def _ld_dates(raw: str) -> list[tuple[str, str]]:
    """("datePublished" | "dateCreated" | "dateModified", value) pairs of a JSON-LD block; the
    article's own first (a page's JSON-LD may also describe the site or its images)."""
    try:
        data = json.loads(raw)
    except ValueError:
        return [
            (m.group(1), m.group(2))
            for m in re.finditer(r'"(date(?:Published|Created|Modified))"\s*:\s*"([^"]+)"', raw)
        ]
    out: list[tuple[str, str]] = []

    def walk(node: Any, depth: int) -> None:
        if depth > 6:
            return
        if isinstance(node, dict):
            for k in ("datePublished", "dateCreated", "dateModified"):
                v = node.get(k)
                if isinstance(v, str):
                    out.append((k, v))
            for v in node.values():
                if isinstance(v, (dict, list)):
                    walk(v, depth + 1)
        elif isinstance(node, list):
            for v in node:
                walk(v, depth + 1)

    walk(data, 0)
    return out


def _plausible(s: Stamp) -> bool:
    return _EARLIEST <= s.local <= date.today() + timedelta(days=2)


def _visible_times(lines: list[str]) -> list[tuple[datetime, int]]:
    """(wall-clock date and time, line index) of the visible date-and-time stamps of the page
    ("November 19, 2019 at 8:59 pm", "11:26 pm EST, Tuesday, November 19, 2019"); captions and
    quoted claims are left out."""
    out = []
    for i, line in enumerate(lines):
        if len(line) > 200 or CAPTION.search(line) or CLAIM.search(line):
            continue
        for d, pos in _dates_in(line):
            near = line[max(0, pos - 40) : pos + 60]
            t = _TIME.search(near)
            if t is None:
                continue
            h, mi = int(t.group("H")), int(t.group("M"))
            ap = (t.group("ap") or "").lower()
            if ap.startswith("p") and h < 12:
                h += 12
            elif ap.startswith("a") and h == 12:
                h = 0
            if h < 24 and mi < 60:
                out.append((datetime(d.year, d.month, d.day, h, mi), i))
    return out


def _visible_days(lines: list[str]) -> list[tuple[date, int]]:
    """Dates shown on short lines of their own (a byline's "Nov. 19, 2019"), captions and claims left out."""
    out = []
    for i, line in enumerate(lines):
        if len(line.split()) > 12 or CAPTION.search(line) or CLAIM.search(line):
            continue
        out += [(d, i) for d, _ in _dates_in(line)]
    return out


def _dates_in(line: str) -> list[tuple[date, int]]:
    out = []
    for m in _WORD_DATE.finditer(line):
        mon = (m.group("mon") or m.group("mon2")).lower()[:3]
        with contextlib.suppress(ValueError, KeyError):
            out.append(
                (
                    date(
                        int(m.group("y") or m.group("y2")),
                        MONTH_NUMBER[mon],
                        int(m.group("d") or m.group("d2")),
                    ),
                    m.start(),
                )
            )
    for m in _NUMERIC_DATE.finditer(line):
        y = int(m.group("y"))
        y = y + 2000 if y < 100 else y
        a, b = int(m.group("a")), int(m.group("b"))
        for mo, dd in ((a, b), (b, a)) if a != b else ((a, b),):  # US order first, then day-first
            try:
                out.append((date(y, mo, dd), m.start()))
                break
            except ValueError:
                continue
    return out


def _localise(
    s: Stamp,
    others: list[Stamp],
    shown: list[tuple[datetime, int]],
    url_day: date | None,
    shown_days: list[tuple[date, int]],
) -> date:
    """The publisher's local date of a markup stamp."""
    if s.zoned or s.instant is None:
        return s.local
    for o in others:  # the same instant written with its offset elsewhere in the markup
        if o.zoned and o.instant is not None and abs(o.instant - s.instant) <= timedelta(minutes=2):
            return o.local
    # the byline shows this instant (or another stamp's: the update time) in local time: that gives
    # the publisher's offset from UTC, a whole number of half hours
    for o in [s] + [o for o in others if o is not s and o.instant is not None]:
        assert o.instant is not None
        for wall, _ in shown:
            minutes = round((wall - o.instant).total_seconds() / 60)
            if abs(minutes) <= 14 * 60 and minutes % 30 in (0, 1, 2, 28, 29):
                offset = timedelta(minutes=30 * round(minutes / 30))
                return (s.instant + offset).date()
    if url_day is not None and abs((url_day - s.local).days) == 1:
        return url_day
    # a byline date one day off the UTC date, with the UTC date itself shown nowhere: the local date
    days = {d for d, _ in shown_days}
    for delta in (-1, 1):
        if s.local + timedelta(days=delta) in days and s.local not in days:
            return s.local + timedelta(days=delta)
    return s.local


def url_date(url: str | None) -> date | None:
    if not url:
        return None
    m = _URL_DATE.search(url)
    if m is None:
        return None
    try:
        return date(
            int(m.group("y") or m.group("y2")),
            int(m.group("m") or m.group("m2")),
            int(m.group("d") or m.group("d2")),
        )
    except ValueError:
        return None


def visible_published(lines: list[str]) -> str | None:
    """The date of a visible "Published ..." / "Posted ..." line of the page (not a caption or a claim)."""
    for line in lines:
        if (
            len(line.split()) > 20
            or not _PUBLISHED_LINE.search(line)
            or CAPTION.search(line)
            or CLAIM.search(line)
        ):
            continue
        got = _dates_in(line)
        if got:
            return got[0][0].isoformat()
    return None


def page_dates(tree: Any, lines: list[str], url: str | None) -> tuple[str | None, str | None, str]:
    """(published, updated, how) from the page's own markup and stamps; None where they say nothing."""
    pub, mod = _markup(tree)
    everything = pub + mod
    shown = _visible_times(lines)
    days = _visible_days(lines)
    uday = url_date(url)
    published = updated = None
    how = ""
    if pub:
        first = pub[0]
        if (
            first.instant is None and first.zoned
        ):  # no zone given: the same time with a zone elsewhere says which
            first = next((s for s in pub if s.instant is not None and s.local == first.local), first)
        published = _localise(first, everything, shown, uday, days).isoformat()
        how = f"markup {first.key}"
    else:
        published = visible_published(lines)
        how = "visible stamp" if published else ""
    if mod:
        updated = _localise(mod[0], everything, shown, None, days).isoformat()
    return published, updated, how
