"""Evidence about a story's date, read from its text.

Each :class:`Evidence` says "the story's date lies in one of these intervals", with a weight and a
reason a reader can check. The finders are independent and general: office holders' terms (from the
shipped tables and, when present, the actors stage's knowledge base), dated events named in the text
with their tense, stated ages of people, ages and anniversaries of treaties and events, and dates and
years written out. :mod:`herald.time.solve` weighs them against each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

try:  # the regex parser: public as sre_parse before Python 3.11, re._parser since
    from re import _parser as _sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre_parser

from herald.calendar_names import MONTH_NAMES, MONTH_NUMBER, WEEKDAY_NAMES, capitalised
from herald.time import knowledge as kb
from herald.time.calendar import NEG, POS, Interval, day, fmt, iso, month_span, shift_years, year_span
from herald.time.text import NUMBER, ORDINAL, date_time, number, sentence_of, tense

YEAR = 365
RECENT_YEARS = 2  # the latest past year a story names is at most this many years before it
RECENCY_WEIGHT = 0.7  # its weight among the tie-breakers
# Kinds of evidence that never vote, only choose among equally supported readings: a person named
# without a title they held, and the latest year reported as past (right within two years for
# only 40% of the PolNeAR train stories, so a vote would often pull a story years early)
TIE_BREAKERS = frozenset({"untitled", "recency"})


@dataclass
class Evidence:
    intervals: list[Interval]  # the story's date lies in one of these
    weight: float
    reason: str
    kind: str  # office | event | year | date | age | anniversary | actor | untitled (tie-breaker only)
    start: int = 0  # offsets of the words that gave it
    end: int = 0
    key: tuple[object, ...] = field(default=())  # identical readings are counted once

    def holds(self, t: int) -> bool:
        return any(a <= t <= b for a, b in self.intervals)

    def bounds(self) -> Interval:
        return min(a for a, _ in self.intervals), max(b for _, b in self.intervals)


def quote(text: str, start: int, end: int, limit: int = 70) -> str:
    s = " ".join(text[start:end].split())
    return f'"{s[:limit]}{"..." if len(s) > limit else ""}"'


# ---------------------------------------------------------------- office holders' terms

_NOT_A_NAME = (
    rf"(?:{capitalised(WEEKDAY_NAMES)}|{capitalised(MONTH_NAMES)}|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|"
    r"The|This|That|On|In|At|But|And|Who|When|Says|Said)\b"
)
_NAME_ENDS = rf"(?!\s+(?!{_NOT_A_NAME})[A-Z][a-z])(?!-[A-Z])"
_MOD = r"(?:former|ex|then|onetime|one-time|erstwhile|late|future|would-be|incoming|outgoing|lame[-\s]duck)"
_MOD_BEFORE = re.compile(rf"(?i)(?:\b({_MOD})[-\s]+(?:[\w.]+\s+){{0,2}}|\b(an?)\s+)$")


_FRAGMENT = re.compile(r"[A-Z][a-z]+(?P<open>[\[(])?")
_WORD = re.compile(r"[A-Z][a-z]+")


def _fragments(name_rx: str) -> tuple[tuple[str, bool], ...]:
    """Capitalised literals of a name pattern, each flagged when the pattern may continue it.

    Every match of the pattern contains one of them, so they make a cheap screen that decides
    which holders a story can name at all: the costly title-and-name matching then runs on a
    handful of names per document instead of the whole table. "Trump" must be a capitalised word
    of the story; "Zelens" (from ``Zelens(?:ky|kyy)``) only a part of one. Empty: cannot screen.
    """
    return tuple(
        sorted(
            {
                (
                    m.group()[: m.start("open") - m.start()] if m.group("open") else m.group(),
                    bool(m.group("open")),
                )
                for m in _FRAGMENT.finditer(name_rx)
            }
        )
    )


@lru_cache(maxsize=1)
def _office_table() -> list[
    tuple[kb.Office, re.Pattern[str], list[tuple[kb.Term, tuple[tuple[str, bool], ...]]]]
]:
    by_office: dict[str, list[kb.Term]] = {}
    for t in kb.terms():
        by_office.setdefault(t.office, []).append(t)
    return [
        (
            kb.offices()[oid],
            re.compile(f"(?i:{kb.offices()[oid].title})"),
            [(r, _fragments(r.name)) for r in rows],
        )
        for oid, rows in by_office.items()
    ]


def named_rows(
    text: str, rows: list[tuple[kb.Term, tuple[tuple[str, bool], ...]]], words: set[str]
) -> list[kb.Term]:
    """The rows whose holder's name can occur in ``text`` (``words``: its capitalised words)."""
    return [
        r for r, frags in rows if not frags or any(f in words if not part else f in text for f, part in frags)
    ]


@lru_cache(maxsize=256)
def _title_rx(title_src: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An office title right before a name ("NATO chief |Rasmussen") and after it
    ("Rasmussen|, NATO's chief").

    Titles are not scanned for over the whole story: a name is found first (cheap, screened by
    its capitalised words), and only the few dozen characters before it are searched for a title
    that ends where the name starts. Titles begin with optional words ("U.S.", "Russian"), which a
    regex cannot skip quickly, so a whole-text scan per office was the stage's largest cost.
    """
    title = f"(?i:{title_src})"
    before = re.compile(rf"\b(?<![Vv]ice[\s-])(?<!Deputy\s)(?<!Assistant\s)(?<!Press\s){title}\s+\Z")
    after = re.compile(
        rf",\s+(?:(?i:the|a|an|his|her|their|its)\s+|[A-Z][\w.]*['’]s\s+)?(?:(?P<mod>(?i:{_MOD}))[-\s]+)?{title}\b"
    )
    return before, after


TITLE_REACH = 80  # no title in offices.tsv is longer than this


def _title_start(before: re.Pattern[str], title_src: str, text: str, name_start: int) -> int | None:
    """Where a title ending right before the name at ``name_start`` begins, if there is one.

    Most names have no title in front ("said Trump"): the last letter before the space must be one
    a title can end with, which is checked before the regex is tried.
    """
    j = name_start - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j == name_start - 1 or j < 0:
        return None
    lasts = _last_letters(title_src)
    if lasts is not None and text[j] not in lasts:
        return None
    t = before.search(text, max(0, name_start - TITLE_REACH), name_start)
    return t.start() if t is not None else None


@lru_cache(maxsize=4096)
def _tail_rx(name_rx: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|\s)(?:{name_rx})$")


@lru_cache(maxsize=4096)
def _name_rx(name_rx: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{name_rx})\b")


_NAME_ENDS_RX = re.compile(_NAME_ENDS)


def _holder_mentions(
    text: str, rows: list[kb.Term], seen: dict[str, list[re.Match[str]]]
) -> list[re.Match[str]]:
    """Where the story names one of these holders, longest names first, without overlaps.

    ``seen`` caches the matches of each name pattern for the story: a president is also a
    candidate and a nominee, and his name need not be searched for three times.
    """
    found: dict[int, re.Match[str]] = {}
    for pattern in {r.name for r in rows}:
        if pattern not in seen:
            seen[pattern] = _find_names(pattern, text)
        for m in seen[pattern]:
            old = found.get(m.start())
            if old is None or m.end() > old.end():
                found[m.start()] = m
    out: list[re.Match[str]] = []
    for start in sorted(found):
        if out and start < out[-1].end():
            continue
        out.append(found[start])
    return out


def _find_names(pattern: str, text: str, rx: re.Pattern[str] | None = None) -> list[re.Match[str]]:
    """``_any_name_rx(pattern).finditer(text)``, faster: the match is tried only where one of the
    letters a match can start with occurs (found by a plain character-class scan, which the regex
    engine does quickly; a pattern that opens with optional words gets no such help)."""
    rx, firsts = rx or _any_name_rx(pattern), _first_letters(pattern)
    if firsts is None:
        return list(rx.finditer(text))
    out: list[re.Match[str]] = []
    end = 0
    for c in firsts.finditer(text):
        if c.start() < end:
            continue
        m = rx.match(text, c.start())
        if m is not None:
            out.append(m)
            end = m.end()
    return out


@lru_cache(maxsize=4096)
def _first_letters(pattern: str) -> re.Pattern[str] | None:
    """A character class of the characters a match of ``pattern`` can start with, or None when that
    cannot be read off the pattern (then the whole text is scanned)."""
    try:
        chars, nullable = _firsts(_sre_parser.parse(pattern))
    except (ValueError, re.error):
        return None
    if nullable or not chars:
        return None
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(chars)) + "]")


@lru_cache(maxsize=256)
def _last_letters(title_src: str) -> frozenset[str] | None:
    """The characters a (case-insensitive) title can end with, or None when that cannot be read off."""
    try:
        chars, nullable = _firsts(list(_reversed(_sre_parser.parse(title_src))))
    except (ValueError, re.error):
        return None
    if nullable or not chars:
        return None
    return frozenset(c for ch in chars for c in (chr(ch).lower(), chr(ch).upper()))


def _reversed(seq: Any) -> Any:
    """A parsed regex sequence read backwards (enough for ``_firsts``: literals, classes, groups, repeats)."""
    out = []
    for op, arg in reversed(list(seq)):
        name = str(op)
        if name == "SUBPATTERN":
            arg = (arg[0], arg[1], arg[2], list(_reversed(arg[3])))
        elif name == "BRANCH":
            arg = (arg[0], [list(_reversed(b)) for b in arg[1]])
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            arg = (arg[0], arg[1], list(_reversed(arg[2])))
        elif name in ("ASSERT", "ASSERT_NOT"):  # a lookahead at the end ("(?![-\\s]elect)") does not consume
            continue
        out.append((op, arg))
    return out


def _firsts(seq: Any) -> tuple[set[int], bool]:
    """(first characters, can be empty) of a parsed regex sequence; ValueError when unsure."""
    out: set[int] = set()
    for op, arg in seq:
        name = str(op)
        if name == "LITERAL":
            return out | {arg}, False
        if name == "IN":
            lits = [a for o, a in arg if str(o) == "LITERAL"]
            if len(lits) != len(arg):
                raise ValueError("class")
            return out | set(lits), False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: only restricts where a match may start
            continue
        if name == "SUBPATTERN":
            if arg[1] or arg[2]:  # flags inside the group (e.g. case-insensitive)
                raise ValueError("flags")
            chars, nullable = _firsts(arg[3])
        elif name == "BRANCH":
            parts = [_firsts(b) for b in arg[1]]
            chars, nullable = set().union(*(c for c, _ in parts)), any(n for _, n in parts)
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            chars, nullable = _firsts(arg[2])
            nullable = nullable or arg[0] == 0
        else:
            raise ValueError(name)
        out |= chars
        if not nullable:
            return out, False
    return out, True


@lru_cache(maxsize=4096)
def _any_name_rx(name_rx: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?=[A-Z])(?:{name_rx})\b")


def _modifier(text: str, start: int) -> str | None:
    m = _MOD_BEFORE.search(text[max(0, start - 40) : start])
    if not m:
        return None
    return (m.group(1) or m.group(2)).lower()


def office_terms(text: str) -> Iterator[Evidence]:
    """ "NATO chief Anders Fogh Rasmussen", "Trump, the Republican nominee": the story lies in the term.

    When the story names several holders of one office as if current ("President Obama" and
    "President Bush"), only the latest can be current: the earlier ones are read as "then".
    """
    found: list[tuple[kb.Office, list[kb.Term], str | None, int, int]] = []
    words = set(_WORD.findall(text))
    seen: dict[str, list[re.Match[str]]] = {}  # a name pattern shared by several offices is matched once
    for office, title, table in _office_table():
        rows = named_rows(text, table, words)
        if not rows:  # most holders are never named in a given story
            continue
        before, after = _title_rx(office.title)
        named = False
        for m in _holder_mentions(text, rows, seen):
            held = [r for r in rows if _name_rx(r.name).fullmatch(m.group())]
            b = _title_start(before, office.title, text, m.start())
            if b is not None and _NAME_ENDS_RX.match(text, m.end()):
                named = True
                mod = _modifier(text, b)
                found.append((office, held, mod.lower() if mod else None, b, m.end()))
                continue
            a = after.match(text, m.end())
            if a is not None:
                named = True
                mod = a.group("mod") or _modifier(text, m.start())
                found.append((office, held, mod.lower() if mod else None, m.start(), a.end()))
        if not named:
            found += _bare_title(office, title, rows, text)
    latest: dict[str, int] = {}
    for office, held, mod, _, _ in found:
        if mod is None:
            latest[office.id] = max(latest.get(office.id, NEG), min(r.start for r in held))
    for office, held, mod, start, end in found:
        if mod is None and min(r.start for r in held) < latest[office.id] and office.id not in _MANY_HOLDERS:
            mod = "then"
        yield from _term_evidence(office, held, mod, text, start, end)
    yield from _campaigns(text)
    yield from _untitled(text, {(o.id, r.holder) for o, held, _, _, _ in found for r in held})


_NO_TITLE_CHECK = {
    "us_candidate",
    "us_rep_nominee",
    "us_dem_nominee",
    "us_third_nominee",
    "us_vp_nominee",
    "us_nominee",
    "us_governor",
    "us_president_elect",
    "us_wh_press_secretary",
    "dnc_chair",
    "rnc_chair",
}


def _untitled(text: str, titled: set[tuple[str, str]]) -> Iterator[Evidence]:
    """A person named again and again but never by an office they held is probably not holding it then.

    News gives sitting office holders their title ("President Trump"); a story that calls him plain
    "Trump" five times is unlikely to be from his presidency. Weak (0.4) and only an exclusion, so it
    never dates a story on its own, but it separates readings that fit several campaigns.
    """
    for (oid, holder), rows in _holders().items():
        if (oid, holder) in titled:
            continue
        surname = holder.split()[-1]
        if text.count(surname) < 2:
            continue
        hits = _find_names(rows[0].name, text, _name_rx(rows[0].name))
        if len(hits) < 2:
            continue
        office = kb.offices()[oid]
        spans = merge_spans([(r.start, r.end) for r in rows])
        outside, lo = [], NEG
        for a, b in spans:
            if a > lo:
                outside.append((lo, a - 1))
            lo = b + 1
        if lo < POS:
            outside.append((lo, POS))
        yield Evidence(
            outside,
            0.4,
            f"{holder} is named {len(hits)} times, never as {office.description} "
            f"({'; '.join(fmt(x) for x in spans)})",
            "untitled",
            0,
            0,
            ("untitled", oid, holder),
        )


@lru_cache(maxsize=1)
def _holders() -> dict[tuple[str, str], list[kb.Term]]:
    by_holder: dict[tuple[str, str], list[kb.Term]] = {}
    for t in kb.terms():
        if t.office not in _NO_TITLE_CHECK:
            by_holder.setdefault((t.office, t.holder), []).append(t)
    return by_holder


_MANY_HOLDERS = {
    "us_governor",
    "us_candidate",
    "us_vp_nominee",
    "us_third_nominee",
}  # offices held by several at once


def _bare_title(
    office: kb.Office, title: re.Pattern[str], rows: list[kb.Term], text: str
) -> list[tuple[kb.Office, list[kb.Term], str | None, int, int]]:
    """ "the Democratic presidential nominee" with no name: its holder is one the story names elsewhere."""
    if office.id in ("us_governor", "us_candidate"):  # too many holders at once for a bare title to say who
        return []
    if office.id == "us_nominee":  # "picking the nominee", "being the nominee": the role, not a holder
        return []
    for m in _bare_rx(office.title).finditer(text):
        if _HYPOTHETICAL.search(text, max(0, m.start() - 40), m.start()) or _HYPOTHETICAL_AFTER.match(
            text, m.end()
        ):
            # "whoever becomes the Republican nominee", "the nominee, whoever it is": nobody holds it yet
            continue
        held = [r for r in rows if _name_rx(r.name).search(text)]
        if held and len({r.holder for r in held}) <= 2:
            return [(office, held, "bare", m.start("t"), m.end())]
    return []


_HYPOTHETICAL = re.compile(
    r"(?i)\b(?:will|would|could|might|may|become|becomes|becoming|be|whoever|whomever|if|eventual|potential|"
    r"possible|next|future|likely|who\s+wins)\b[^.;!?]{0,25}\Z"
)
_HYPOTHETICAL_AFTER = re.compile(
    r"(?i)[^.;!?]{0,12}?\b(?:whoever|whomever|whatever|presumptively|probably|likely|if|when\s+(?:he|she)\s+is|"
    r"ends?\s+up|turns?\s+out|would|will\s+be|could)\b"
)
# a bare title of a nominee, whichever office row read it, is one fact about one person
_SAME_FACT = {"us_rep_nominee": "us_nominee", "us_dem_nominee": "us_nominee"}


@lru_cache(maxsize=256)
def _bare_rx(title_src: str) -> re.Pattern[str]:
    """ "the <title>": starting with the literal "the" keeps the scan fast (a title's optional
    leading words would be tried at every position of the story)."""
    return re.compile(rf"\b[Tt][Hh][Ee][ \t\n]{{1,2}}(?P<t>(?i:{title_src}))(?![\w-])")


_FOR_PRESIDENT = re.compile(
    r"(?:\b(?:Republican|Democrat|GOP)\s+(?=[A-Z])(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})(?![\w-])"
    r"|(?P<name2>[A-Z][\w-]+)\s+for\s+president\b)"
)
_CAMPAIGN_OF = re.compile(
    r"(?=[A-Z])\b(?P<name>[A-Z](?:[\w-]|['’](?=[A-Z]))+)(?:['’]s)?\s+(?:presidential\s+|White\s+House\s+)?"
    r"(?:campaign|campaign\s+manager|campaign\s+chairman|running\s+mate)\b"
)


def _campaigns(text: str) -> Iterator[Evidence]:
    """ "the Trump campaign", "Clinton's campaign manager": the person is (or was) a candidate.

    Read as current unless a year or "former" marks it as an old campaign ("her 2008 campaign").
    """
    rows = [t for t in kb.terms() if t.office in ("us_candidate", "us_rep_nominee", "us_dem_nominee")]
    seen: set[tuple[str, str]] = set()
    for m in _FOR_PRESIDENT.finditer(text):  # "Democrat Hillary Clinton", "endorsed Clinton for president"
        name = m.group("name") or m.group("name2")
        held = [r for r in rows if _name_rx(r.name).fullmatch(name)]
        if held and len({r.holder for r in held}) == 1 and ("party", name) not in seen:
            seen.add(("party", name))
            spans = merge_spans([(r.start, r.end) for r in held])
            yield Evidence(
                spans,
                0.5,
                f"{held[0].holder} is presented as a candidate: {'; '.join(fmt(x) for x in spans)} "
                f"({quote(text, m.start(), m.end())})",
                "office",
                m.start(),
                m.end(),
                ("party", held[0].holder),
            )
    for m in _CAMPAIGN_OF.finditer(text):
        if re.search(
            r"(?:\d{4}|former|previous|past|failed|last)\W*(?:\w+\W+)?$",
            text[max(0, m.start() - 25) : m.start()],
            re.I,
        ):
            continue
        name = m.group("name")
        held = [r for r in rows if _name_rx(r.name).fullmatch(name) or _tail_rx(r.name).search(name)]
        holders = {r.holder for r in held}
        if not held or len(holders) > 1 or ("campaign", name) in seen:
            continue
        seen.add(("campaign", name))
        spans = merge_spans([(r.start, r.end) for r in held])
        yield Evidence(
            spans,
            0.8,
            f"{held[0].holder} is campaigning: candidate {'; '.join(fmt(x) for x in spans)} "
            f"({quote(text, m.start(), m.end())})",
            "office",
            m.start(),
            m.end(),
            ("campaign", held[0].holder),
        )


def merge_spans(spans: list[Interval]) -> list[Interval]:
    out: list[Interval] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _last_stretches(held: list[kb.Term]) -> list[Interval]:
    """The final ``OUTGOING_DAYS`` of each time the holder left office (a re-elected holder is not outgoing
    at the end of the first term)."""
    spans = merge_spans([(r.start, r.end + 1) for r in held])
    return [(max(a, b - 1 - OUTGOING_DAYS), b - 1) for a, b in spans if b - 1 < POS - 1]


_LIKELY = re.compile(r"(?i)\b(?:likely|probable|expected|eventual)\b")
LIKELY_DAYS = 180  # a "likely nominee" is called so for months before the nomination is clinched
OUTGOING_DAYS = 183  # "outgoing" / "lame duck": from the election or announced exit to the end of the term


def _term_evidence(
    office: kb.Office, held: list[kb.Term], mod: str | None, text: str, start: int, end: int
) -> Iterator[Evidence]:
    who = held[0].holder
    spans = "; ".join(fmt((r.start, r.end)) for r in held)
    said = quote(text, start, end)
    if mod == "bare":
        yield Evidence(
            [(r.start, r.end) for r in held],
            0.7,
            f"the {office.description} named is {' or '.join(sorted({r.holder for r in held}))}"
            f": {spans} ({said})",
            "office",
            start,
            end,
            ("office", _SAME_FACT.get(office.id, office.id), who, "bare"),
        )
    elif mod in ("outgoing", "lame duck", "lame-duck") and (last := _last_stretches(held)):
        # "outgoing President Obama", "the lame-duck governor": the last months before leaving office
        yield Evidence(
            last,
            1.0,
            f"{who} is named the outgoing {office.description}: the last {OUTGOING_DAYS} days of "
            f"{spans} ({said})",
            "office",
            start,
            end,
            ("office", office.id, who, "outgoing"),
        )
    elif mod in (None, "outgoing", "lame duck", "lame-duck") and _LIKELY.search(text, start, end):
        # "the likely Democratic nominee": said during the primaries, before the nomination was clinched
        yield Evidence(
            [(r.start - LIKELY_DAYS, r.end) for r in held],
            0.7,
            f"{who} is named the likely {office.description} {spans} ({said})",
            "office",
            start,
            end,
            ("office", office.id, who, "likely"),
        )
    elif mod in (None, "outgoing", "lame duck", "lame-duck"):
        yield Evidence(
            [(r.start, r.end) for r in held],
            1.0,
            f"{who} was {office.description} {spans} ({said})",
            "office",
            start,
            end,
            ("office", office.id, who, None),
        )
    elif mod in ("former", "ex", "onetime", "one-time", "erstwhile", "late"):
        yield Evidence(
            [(r.end, POS) for r in held if r.end < POS],
            0.6,
            f"{who} is named a former {office.description} (term {spans}) ({said})",
            "office",
            start,
            end,
            ("office", office.id, who, "former"),
        )
    elif mod == "then":
        yield Evidence(
            [(r.start, POS) for r in held],
            0.3,
            f"{who} was then {office.description} (term {spans}) ({said})",
            "office",
            start,
            end,
            ("office", office.id, who, "then"),
        )
    # "a President Trump", "future", "would-be", "incoming": hypothetical or not yet: no claim


# ---------------------------------------------------------------- dated events named in the text

_MONTH = (
    r"(?P<mon>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})")
_MONTH_ONLY = re.compile(rf"\b{_MONTH}(?!\s+\d)(?:['’]s)?\b")
_YEAR = re.compile(
    r"(?<![$\d,.])\b(?P<y>19[5-9]\d|20\d\d)\b(?![\d,]|%|s\b|-year|\s+(?:registered|likely|adults|"
    r"people|voters|respondents|residents|members|students|workers|jobs|units|copies|cases|deaths|"
    r"votes|delegates)\b)"
)
_ORDINAL_EVENT = {
    "first": "first",
    "second": "second",
    "third": "third",
    "final": "third",
    "last": "third",
    "vice": "vice",
}


def _month(s: str) -> int:
    return MONTH_NUMBER[s.lower()[:3]]


def _occurrences(
    sid: str, text: str, sent: tuple[int, int], start: int, end: int
) -> list[kb.DatedEvent] | None:
    """The occurrences of a series the mention can mean, narrowed by what its sentence says.

    Each filter (year, place, day, month, ordinal) applies only when it leaves something; a year
    the table does not know voids the mention (``None``) rather than letting it guess.
    """
    occ = kb.dated_events().get(sid, [])
    s = text[sent[0] : sent[1]]
    near = text[max(sent[0], start - 40) : min(sent[1], end + 40)]
    years = {int(m.group("y")) for m in _YEAR.finditer(near)}
    if years:
        hit = [
            o
            for o in occ
            if iso(o.start)[:4] in {str(y) for y in years} or iso(o.end)[:4] in {str(y) for y in years}
        ]
        if not hit:
            return None
        occ = hit

    def narrow(keep: list[kb.DatedEvent]) -> None:
        nonlocal occ
        if keep:
            occ = keep

    narrow([o for o in occ if o.place is not None and o.place.search(s)])
    days = {(_month(m.group("mon")), int(m.group("d"))) for m in _MONTH_DAY.finditer(s)}
    if days:
        narrow([o for o in occ if any(_within_md(o, md) for md in days)])
    months = {_month(m.group("mon")) for m in _MONTH_ONLY.finditer(s)}
    if months:
        narrow([o for o in occ if int(iso(o.start)[5:7]) in months or int(iso(o.end)[5:7]) in months])
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text[start:end])}
    wanted = {_ORDINAL_EVENT[w] for w in words if w in _ORDINAL_EVENT}
    if wanted:
        narrow([o for o in occ if any(w in o.name for w in wanted)])
    return occ


def _within_md(o: kb.DatedEvent, md: tuple[int, int]) -> bool:
    a, b = iso(o.start), iso(o.end)
    return (int(a[5:7]), int(a[8:10])) <= md <= (int(b[5:7]), int(b[8:10]))


_TENSE_WINDOW: dict[
    str | None, Callable[[int, int], Interval]
] = {  # where the story's date lies relative to an occurrence [s, e], per tense
    "future": lambda s, e: (s - YEAR, e),
    "present": lambda s, e: (s - 3, e + 10),
    "past": lambda s, e: (e, POS),
    None: lambda s, e: (s - YEAR, POS),
}
_ELECTION_WINDOW: dict[
    str | None, Callable[[int, int], Interval]
] = {  # an election is talked about for a year before it: its "present" is the campaign
    "future": lambda s, e: (s - YEAR, e),
    "present": lambda s, e: (s - YEAR, e + 14),
    "past": lambda s, e: (e, POS),
    None: lambda s, e: (s - YEAR, e + 60),
}
_TENSE_WEIGHT = {"future": 1.0, "present": 1.0, "past": 0.5, None: 0.3}
_JUST_NOW = re.compile(
    r"(?i)\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+night|\s+morning)?|last\s+night|"
    r"tonight|today|yesterday|this\s+week)['’]s\s+(?:\w+\s+){0,3}$"
)
_ONCE = {"treaty", "attack", "war", "annexation"}  # named mostly after the fact, even in a future sentence
_TENSE_WORDS = {"future": "is ahead", "present": "is under way", "past": "is over", None: "is named"}


@lru_cache(maxsize=1)
def _trigger_screen() -> re.Pattern[str]:
    """All series triggers in one alternation: one scan of the story finds every place where some
    dated event may be named, instead of one scan per series (most stories name none)."""
    return re.compile("|".join(f"(?:{s.trigger.pattern})" for s in kb.series().values()), re.I)


def _trigger_hits(text: str) -> dict[str, list[re.Match[str]]]:
    """Each series' trigger matches, as its own ``finditer`` would give them.

    The combined screen reports the leftmost match at each place; triggers can overlap ("summit"
    is the trigger of four series), so every series' trigger is then tried, anchored, at each
    place the screen stopped, and each series keeps its matches left to right without overlaps.
    """
    out: dict[str, list[re.Match[str]]] = {}
    screen, pos = _trigger_screen(), 0
    series = list(kb.series().values())
    while (hit := screen.search(text, pos)) is not None:
        for s in series:
            m = s.trigger.match(text, hit.start())
            if m is not None:
                got = out.setdefault(s.id, [])
                if not got or m.start() >= got[-1].end():
                    got.append(m)
        pos = hit.start() + 1
    return out


def dated_events(text: str, sents: list[tuple[int, int]]) -> Iterator[Evidence]:
    """ "the upcoming summit in Lisbon", "this week at a United Nations assembly": dated events by tense."""
    hits = _trigger_hits(text)
    for series in kb.series().values():
        checked: dict[tuple[int, int], bool] = {}
        for m in hits.get(series.id, ()):  # trigger first: most series are never named in a story
            sent = sentence_of(sents, m.start())
            if sent[0] == sent[1]:
                continue
            if sent not in checked:
                s = text[sent[0] : sent[1]]
                checked[sent] = (series.context is None or bool(series.context.search(s))) and (
                    series.exclude is None or not series.exclude.search(s)
                )
            if checked[sent]:
                occ = _occurrences(series.id, text, sent, m.start(), m.end())
                if not occ:
                    continue
                tn = tense(text, sent, m.start(), m.end())
                if _JUST_NOW.search(text[max(sent[0], m.start() - 40) : m.start()]):
                    tn = "present"  # "Monday's presidential debate", "last night's summit"
                windows = _ELECTION_WINDOW if series.kind == "election" else _TENSE_WINDOW
                ivs = [windows[tn](o.start, o.end) for o in occ]
                desc = series.description.removeprefix("the ")
                names = occ[0].name if len(occ) == 1 else f"one of {len(occ)} occurrences of {desc}"
                when = fmt((occ[0].start, occ[0].end)) if len(occ) == 1 else "various dates"
                weight = _TENSE_WEIGHT[tn]
                if tn == "future" and series.kind in _ONCE:
                    weight = _TENSE_WEIGHT[None]  # "the Iran deal will not play well": the deal is done
                yield Evidence(
                    ivs,
                    weight,
                    f"{names} ({when}) {_TENSE_WORDS[tn]} ({quote(text, sent[0], sent[1], 90)})",
                    "event",
                    m.start(),
                    m.end(),
                    ("event", series.id, tuple(o.start for o in occ), tn),
                )


_THIS_FALL = re.compile(
    r"(?i)\b(?:this|come)\s+(?:fall|autumn|November)\b|\bin\s+November\b(?=[^.;!?]{0,60}\b(?:will|ll)\b)"
)
_VOTING = re.compile(
    r"(?i)\b(?:voters?|vote|votes|ballots?|elections?|polls|electorate|general\s+election|midterms?)\b"
)
_US_ELECTIONS = ("us_presidential_election", "us_midterm_election")
_ABROAD = re.compile(
    r"\b(?:Britain|British|U\.?K\.?|France|French|German[sy]?|Russian?|Ukrain\w*|Canad\w*|Israel\w*|"
    r"Japan\w*|Austral\w*|Brazil\w*|Labour|Tory|Conservatives|Bundestag|Duma|Knesset)\b"
)


def election_ahead(text: str, sents: list[tuple[int, int]]) -> Iterator[Evidence]:
    """ "Voters go to the polls this fall", "this November's election": the story is from the
    election year itself, before the vote (US federal elections are held in early November of
    every even year; the same sentence must speak of voting, and not of another country)."""
    if not _THIS_FALL.search(text):
        return
    for m in _THIS_FALL.finditer(text):
        sent = sentence_of(sents, m.start())
        s = text[sent[0] : sent[1]]
        if not _VOTING.search(s) or _ABROAD.search(s):
            continue
        days = sorted(o.start for sid in _US_ELECTIONS for o in kb.dated_events().get(sid, []))
        ivs = [(day(f"{iso(e)[:4]}-01-01"), e) for e in days]
        yield Evidence(
            ivs,
            0.5,
            f"a US election is ahead in the same year ({quote(text, sent[0], sent[1], 90)})",
            "event",
            m.start(),
            m.end(),
            ("election-ahead",),
        )
        return


_STATE_CONTEST = re.compile(
    r"\b(?P<state>(?:[A-Z][a-z]+\s+){1,2})(?:presidential\s+)?(?:primary|primaries|caucus(?:es)?)\b"
    r"|\b(?:the\s+primaries|primary\s+(?:season|calendar|contests?|race|voters|results))\b"
)
_PRESIDENTIAL = re.compile(r"(?i)\b(?:presidential|delegates?|nomination|nominee|White\s+House)\b")
_NOT_A_STATE = re.compile(
    r"^(?:Iowa|New\s+Hampshire|Super|Senate|House|Congressional|Gubernatorial|Mayoral|The|A|Tuesday|Democratic|Republican|GOP)\b"
)


@lru_cache(maxsize=1)
def _primary_seasons() -> dict[int, Interval]:
    """Each US presidential cycle's primary season: from the Iowa caucuses (the first contest) to the
    end of the later national convention, both from ``dated_events.tsv``."""
    ev = kb.dated_events()
    out: dict[int, Interval] = {}
    for iowa in ev.get("iowa_caucuses", []):
        y = iso(iowa.start)[:4]
        ends = [
            c.end
            for sid in ("us_rep_convention", "us_dem_convention")
            for c in ev.get(sid, [])
            if iso(c.start)[:4] == y
        ]
        if ends:
            out[int(y)] = (iowa.start, max(ends))
    return out


def primary_season(text: str, sents: list[tuple[int, int]]) -> Iterator[Evidence]:
    """ "Clinton won the Michigan primary", "ahead of the Nevada caucuses": state nominating contests of
    a presidential race happen between the Iowa caucuses and the conventions, so a story that reports
    one as under way or just over is from that season; one ahead puts it in the months before.
    (Iowa, New Hampshire and Super Tuesday have their own dated rows and are read there.)"""
    if "rimar" not in text and "aucus" not in text:
        return
    seen: set[str | None] = set()
    for m in _STATE_CONTEST.finditer(text):
        state = m.group("state")
        if state and _NOT_A_STATE.match(state):
            continue
        sent = sentence_of(sents, m.start())
        s = text[sent[0] : sent[1]]
        if not _PRESIDENTIAL.search(s):  # state and congressional primaries happen every year
            continue
        tn = tense(text, sent, m.start(), m.end())
        if tn in seen:
            continue
        seen.add(tn)
        years = {int(y.group("y")) for y in _YEAR.finditer(s)}
        seasons = {y: w for y, w in _primary_seasons().items() if not years or y in years}
        if not seasons:
            continue
        if tn == "future":
            ivs, weight = [(a - 180, b) for a, b in seasons.values()], 0.5
        elif tn is None:
            ivs, weight = [(a - 180, b + 14) for a, b in seasons.values()], 0.3
        else:
            ivs, weight = [(a, b + 14) for a, b in seasons.values()], 0.7
        yield Evidence(
            ivs,
            weight,
            f"a presidential nominating contest {_TENSE_WORDS[tn]}: primary season, Iowa "
            f"caucuses to the conventions ({quote(text, sent[0], sent[1], 90)})",
            "event",
            m.start(),
            m.end(),
            ("primary-season", tn),
        )


# ---------------------------------------------------------------- dates and years written out

# FULL_DATE and DAY_FIRST are shared with herald.time.relative.
FULL_DATE = re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>19[5-9]\d|20\d\d)\b")
DAY_FIRST = re.compile(rf"\b(?P<d>\d{{1,2}})\s+{_MONTH}\s+(?P<y>19[5-9]\d|20\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<y>19[5-9]\d|20\d\d)\b")
_CAMPAIGN = re.compile(
    r"^\W{0,2}(?:U\.S\.\s+)?(?:presidential\s+|general\s+)?(?:elections?|race|campaign|cycle|presidential|nomination|"
    r"primary|primaries|contest|ticket|hopefuls?|candidates?|field|bid|run|White\s+House|Republican|Democratic|GOP)\b",
    re.I,
)


def written_dates(text: str, sents: list[tuple[int, int]]) -> Iterator[Evidence]:
    """ "on November 19, 2010", "in 2009": a past date bounds the story from below, a future one from above.

    A year naming a campaign ("the 2016 race") only says the story is at most two years before it.
    """
    taken: list[tuple[int, int]] = []
    for rx in (FULL_DATE, DAY_FIRST, _MONTH_YEAR, _YEAR):
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            ev = _date_evidence(rx, m, text, sents)
            if ev is not None:
                yield ev


# a wire dateline with a day: "CLEVELAND, July 19 (UPI) —", "PARIS, Nov. 14 (Reuters) -"
_DATELINE = re.compile(
    rf"^\W{{0,3}}[A-Z][A-Za-z .'’-]{{1,40}}(?:,\s+[A-Z][A-Za-z.]{{1,20}}\.?)?,\s+{_MONTH}\s+(?P<d>\d{{1,2}})"
    rf"(?:,\s+(?P<y>(?:19|20)\d\d))?\s*(?:\([A-Za-z .]{{1,20}}\)\s*)?[—–-]"
)
DATELINE_YEARS = range(1990, 2041)


def dateline(text: str) -> Evidence | None:
    """A dateline with a day ("CLEVELAND, July 19 (UPI) —") is the day the story was filed: that
    day (one either side, for time zones) of some year; the year comes from the other evidence."""
    head = text.lstrip()[:160]
    m = _DATELINE.match(head)
    if m is None:
        return None
    mon, d = _month(m.group("mon")), int(m.group("d"))
    years = [int(m.group("y"))] if m.group("y") else list(DATELINE_YEARS)
    ivs = []
    for y in years:
        try:
            t = day(f"{y:04d}-{mon:02d}-{d:02d}")
        except ValueError:
            continue
        ivs.append((t - 1, t + 1))
    if not ivs:
        return None
    return Evidence(
        ivs,
        1.0,
        f"the dateline gives the day the story was filed ({quote(head, 0, m.end())})",
        "dateline",
        0,
        m.end(),
        ("dateline", mon, d),
    )


def recency(found: list[Evidence]) -> Evidence | None:
    """Stories talk about recent years: the latest year reported as past puts the story within two
    years of it.

    This breaks ties between readings years apart ("Republican nominee Donald Trump" fits 2016, 2020
    and 2024; a story whose latest past year is 2015 is the 2016 one).
    """
    years = [(int(iso(e.intervals[0][0])[:4]), e) for e in found if e.key and e.key[0] == "past"]
    if not years:
        return None
    y, e = max(years, key=lambda ye: ye[0])
    lo, hi = year_span(y)[0], year_span(y + RECENT_YEARS)[1]
    return Evidence(
        [(lo, hi)],
        RECENCY_WEIGHT,
        f"the latest year the story reports as past is {y}: {fmt((lo, hi))}",
        "recency",
        e.start,
        e.end,
        ("recency", y),
    )


def _date_evidence(
    rx: re.Pattern[str], m: re.Match[str], text: str, sents: list[tuple[int, int]]
) -> Evidence | None:
    y = int(m.group("y"))
    try:
        if rx is _YEAR:
            lo, hi = year_span(y)
        elif rx is _MONTH_YEAR:
            lo, hi = month_span(y, _month(m.group("mon")))
        else:
            lo = hi = day(f"{y:04d}-{_month(m.group('mon')):02d}-{int(m.group('d')):02d}")
    except ValueError:
        return None
    sent = sentence_of(sents, m.start())
    said = quote(text, max(sent[0], m.start() - 30), min(sent[1], m.end() + 30))
    what = fmt((lo, hi)) if lo != hi else iso(lo)
    if rx is _YEAR and _CAMPAIGN.match(text[m.end() : m.end() + 30]):
        over = _CAMPAIGN_OVER.search(text, max(sent[0], m.start() - 30), m.start()) is not None
        return _campaign_year(y, "past" if over else None, said, m)
    attributive = rx is _YEAR and _NAMES_A_THING.match(text, m.end()) is not None
    tn = date_time(text, sent, m.start(), m.end(), attributive)
    if tn == "present":
        return None  # "takes effect in 2020", "is a candidate in the 2017 election": no bound either way
    if tn == "future":  # planned, forecast, due or hoped for: it bounds nothing in the past
        return Evidence(
            [(NEG, hi)], 0.3, f"{what} lies ahead ({said})", "date", m.start(), m.end(), ("future", lo, hi)
        )
    if attributive:  # "a 2025 bond", "the 2020 Sentra", "sold a 2025 bond": a name, not a report of when
        return None
    weight = 0.4 if rx in (_YEAR, _MONTH_YEAR) else 0.5
    return Evidence(
        [(lo, POS)],
        weight,
        f"{what} is reported as past or present ({said})",
        "date",
        m.start(),
        m.end(),
        ("past", lo),
    )


# "won the 2012 election", "during the 2008 campaign", "since the 2000 race": that campaign is over
_CAMPAIGN_OVER = re.compile(
    r"(?i)\b(?:won|lost|carried|swept|during|after|since|following|previous|last|ran\s+in|"
    r"defeated|conceded|rigged|stolen)\s+(?:(?:the|his|her|their|its|that)\s+)?\Z"
)
_NAMES_A_THING = re.compile(
    r"\s*(?:[-–]\s*)?(?!(?:and|or|to|through|until|when|where|as|for|in|at|on|by|with|from|was|were|is|are|"
    r"that|which|but|after|before|than|while|because|if|the|a|an|he|she|it|they|we|I|his|her|their|its|"
    r"said|says|also|alone|only|already|again|now|then)\b)[A-Za-z]"
)


def _campaign_year(y: int, tn: str | None, said: str, m: re.Match[str]) -> Evidence:
    """ "the 2016 race", "2016 hopefuls": the story is from the campaign (two years before, up to the
    end of that year), unless the sentence speaks of it as over ("won the 2012 election")."""
    lo, hi = year_span(y)
    if tn == "past":
        return Evidence(
            [(lo, POS)], 0.4, f"the {y} campaign is over ({said})", "year", m.start(), m.end(), ("past", lo)
        )
    return Evidence(
        [(shift_years(lo, -2), hi)],
        0.5,
        f"the {y} campaign is under way or ahead ({said})",
        "year",
        m.start(),
        m.end(),
        ("campaign", y),
    )


# ---------------------------------------------------------------- ages of people

_AGE_AFTER = re.compile(r"(?=[A-Z])\b(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}),\s+(?P<age>\d{2}),")
_AGE_BEFORE = re.compile(
    r"\b(?P<age>\d{2})-year-old\s+(?P<name>(?:[\w.'’-]+\s+){0,4}?[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})"
)


@lru_cache(maxsize=1)
def _birth_names() -> list[tuple[kb.Birth, re.Pattern[str]]]:
    return [(b, re.compile(rf"(?:^|\s)(?:{b.name})$")) for b in kb.births()]


def ages(text: str) -> Iterator[Evidence]:
    """ "Donald Trump, 70," dates the story to within the year after his 70th birthday.

    When two people share a surname, the longer name that matches wins ("Bill Clinton, 70," is Bill's age).
    """
    for rx in (_AGE_AFTER, _AGE_BEFORE):
        for m in rx.finditer(text):
            name, n = m.group("name"), int(m.group("age"))
            hits = [(b, h) for b, nrx in _birth_names() if (h := nrx.search(name))]
            if not hits:
                continue
            longest = max(len(h.group().strip()) for _, h in hits)
            for b, h in hits:
                if len(h.group().strip()) < longest:
                    continue
                lo = shift_years(b.born, n)
                hi = shift_years(b.born, n + 1) - 1
                yield Evidence(
                    [(lo, hi)],
                    1.0,
                    f"{b.person} (born {iso(b.born)}) is {n}: {fmt((lo, hi))} "
                    f"({quote(text, m.start(), m.end())})",
                    "age",
                    m.start(),
                    m.end(),
                    ("age", b.person, n),
                )


# ---------------------------------------------------------------- ages and anniversaries of events

# The number is read as a plain word and checked afterwards: an alternation of number words at the
# start of a pattern is tried at every word of every story, a word class is not.
_WORDNUM = r"(?P<n>\d{1,3}(?:st|nd|rd|th)?|[a-z]+(?:-[a-z]+)?)"
_AGE_OF = re.compile(rf"\b{_WORDNUM}[-\s]years?[-\s]old\s+(?P<rest>[^.;!?]{{0,80}})", re.I)
_ANNIV = re.compile(rf"\b{_WORDNUM}\s+anniversary\s+of\s+(?P<rest>[^.;!?]{{0,80}})", re.I)
_YEARS_SINCE = re.compile(rf"\b{_WORDNUM}\s+years\s+(?:since|after)\s+(?P<rest>[^.;!?]{{0,80}})", re.I)
_YEARS_AGO = re.compile(rf"\b{_WORDNUM}\s+years\s+ago\b", re.I)
# The words each pattern above cannot match without: one quick search (most positions fail on
# their first letter) tells whether the pattern, which tries every word of the story as a number,
# needs to run at all. Most stories give no age and name no anniversary.
_NEEDS = {
    _AGE_OF: re.compile(r"years?[-\s]old", re.I),
    _ANNIV: re.compile(r"anniversary\s+of", re.I),
    _YEARS_SINCE: re.compile(r"years\s+(?:since|after)", re.I),
    _YEARS_AGO: re.compile(r"years\s+ago\b", re.I),
}
_NUMBER_RX = re.compile(rf"(?i)(?:{NUMBER})")
_ORDINAL_RX = re.compile(rf"(?i)(?:{ORDINAL})")


def _named_event(rest: str, at_start: bool) -> tuple[kb.Series, list[kb.DatedEvent]] | None:
    best = None
    for series in kb.series().values():
        m = series.trigger.search(rest)
        if not m or (at_start and m.start() > 25):
            continue
        occ = kb.dated_events().get(series.id, [])
        if len(occ) == 1 or series.kind in ("treaty", "attack", "war", "annexation"):
            score = m.start() if at_start else len(rest) - m.end()
            if best is None or score < best[0]:
                best = (score, series, occ)
    return (best[1], best[2]) if best else None


def anniversaries(text: str) -> Iterator[Evidence]:
    """ "the 10-year-old Rome Declaration", "the 15th anniversary of 9/11", "signed 20 years ago".

    Ages of agreements are often rounded by speakers ("10-year-old" for an eight-year-old text), so
    a stated age N allows N//5 years either way; an anniversary is taken as exact (+-3 months).
    """
    for rx, exact, at_start in (
        (_AGE_OF, False, True),
        (_ANNIV, True, True),
        (_YEARS_SINCE, False, True),
        (_YEARS_AGO, False, False),
    ):
        if rx is _ANNIV and "anniversar" not in text or rx is not _ANNIV and "year" not in text:
            continue
        if _NEEDS[rx].search(text) is None:
            continue
        for m in rx.finditer(text):
            if not (_ORDINAL_RX if rx is _ANNIV else _NUMBER_RX).fullmatch(m.group("n")):
                continue
            n = number(m.group("n"))
            if n is None or not 0 < n <= 100:
                continue
            if at_start:
                rest = m.group("rest")
            else:  # "the Rome Declaration, signed 20 years ago": the event is named before
                rest = re.split(r"[.;!?]", text[max(0, m.start() - 80) : m.start()])[-1]
            hit = _named_event(rest, at_start)
            if hit is None:
                continue
            series, occ = hit
            slack = n // 5 * YEAR
            ivs = []
            for o in occ:
                anchor = shift_years(o.start, n)
                ivs.append(
                    (anchor - 90, anchor + 90)
                    if exact
                    else (anchor - slack, shift_years(o.start, n + 1) + slack)
                )
            name = occ[0].name if len(occ) == 1 else series.description
            yield Evidence(
                ivs,
                0.7,
                f"{name} ({iso(occ[0].start)}) is {n} years old: "
                f"{fmt((min(a for a, _ in ivs), max(b for _, b in ivs)))} "
                f"({quote(text, m.start(), m.end())})",
                "anniversary",
                m.start(),
                m.end(),
                ("anniv", series.id, n),
            )


__all__ = ["NEG", "POS", "Evidence", "ages", "anniversaries", "dated_events", "office_terms", "written_dates"]
