"""Sentences, tense cues and number words: what the evidence finders need to read a mention in context.

Tense decides what a dated mention says about the story's date: "the upcoming summit in Lisbon" puts
the story before the summit, "last year's summit" after it, "this week at the UN assembly" during it.
A light cue reading (nearest cue word in the sentence) is enough here and works with or without a parse.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Literal

Tense = Literal["future", "present", "past"] | None

_FUTURE = re.compile(
    r"\b(?:will|won't|'ll|shall|upcoming|forthcoming|next|coming|ahead\s+of|scheduled|slated|set\s+to|"
    r"expected\s+to|plans?\s+to|planned|to\s+be\s+held|to\s+take\s+place|invited|invitation|going\s+to|"
    r"looming|approaching|(?:days?|weeks?|months?)\s+(?:before|until|ahead)|until|heads?\s+into|heading\s+into|"
    r"run[-\s]up\s+to|whether\s+\w+\s+(?:attends?|goes|will)|can\s+win|could\s+win|would\s+win|if\s+elected|"
    r"polls?\s+show|leads?\s+in\s+(?:the\s+)?polls?|is\s+running|are\s+running|race\s+for)\b",
    re.I,
)
_PRESENT = re.compile(
    r"\b(?:this\s+week|today|tonight|this\s+morning|this\s+afternoon|currently|under\s*way|"
    r"on\s+the\s+sidelines\s+of|is\s+being\s+held|are\s+meeting|opened|opens)\b",
    re.I,
)
_PAST = re.compile(
    r"\b(?:last|previous|past|earlier|ago|since|held|took\s+place|was|were|had|after|following|won|lost|"
    r"attended|former|then|did|in\s+the\s+wake\s+of|anniversary)\b",
    re.I,
)
_ABBREV = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|"
    r"Prof|Rev|St|Jr|Sr|Inc|Corp|Co|No|vs|[A-Z])|\b(?:[A-Z]\.){1,3}[A-Z])\.$"
)
_BREAK = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n+")

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "hundred": 100})
ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zeroth",
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ]
    )
}
ORDINAL_WORDS.update(
    {
        "twenty-fifth": 25,
        "thirtieth": 30,
        "fortieth": 40,
        "fiftieth": 50,
        "sixtieth": 60,
        "seventieth": 70,
        "hundredth": 100,
    }
)
NUMBER = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
ORDINAL = r"\d{1,3}(?:st|nd|rd|th)|" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))


def number(s: str) -> int | None:
    s = s.lower()
    if s[:1].isdigit():
        return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]
    return NUMBER_WORDS.get(s, ORDINAL_WORDS.get(s))


def sentences(text: str, parsed: Any = None) -> list[tuple[int, int]]:
    """Character spans of the sentences: spaCy's when the document is parsed, else a punctuation split."""
    if parsed is not None:
        try:
            return [(s.start_char, s.end_char) for s in parsed.sents]
        except (AttributeError, ValueError):
            pass
    spans, start = [], 0
    for m in _BREAK.finditer(text):
        if m.group()[0] == "." and _ABBREV.search(text[max(0, m.start() - 8) : m.start() + 1]):
            continue  # "Nov. 8", "Gov. Pence", "U.S. officials"
        if text[start : m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence span holding ``pos`` (spans are sorted and disjoint), or an empty span."""
    i = bisect.bisect_right(spans, (pos, len(spans) and spans[-1][1] + 1)) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return pos, pos


def tense(text: str, sent: tuple[int, int], start: int, end: int) -> Tense:
    """The tense cue nearest to the mention ``text[start:end]`` within its sentence, or None.

    Cues inside the mention count (``upcoming summit``); on a tie the future wins, because a
    forward-looking phrase next to an event is the strongest signal a story gives about its own date.
    """
    a, b = sent
    best: tuple[int, int] | None = None
    names: tuple[Tense, ...] = ("future", "present", "past")
    for rank, rx in enumerate((_FUTURE, _PRESENT, _PAST)):
        for m in rx.finditer(text, a, b):
            if start <= m.start() < end:
                dist = 0
            elif m.end() <= start:
                dist = start - m.end()
            else:
                dist = m.start() - end
            if best is None or (dist, rank) < best:
                best = (dist, rank)
    return names[best[1]] if best else None


# ---------------------------------------------------------------- is a written date past, or planned?

# Words that make a date in their clause something planned, forecast, due, hoped for or
# hypothetical: "plans to list by 2030", "could run in 2020", "a bond due 2025". Case matters
# for "may" (the month) and "May" is left out on purpose.
_PLANNED = re.compile(
    r"\b(?:will|won['’]t|wo\s+n['’]t|shall|would|wouldn['’]t|could|couldn['’]t|might|may|should|must|can|"
    r"going\s+to|gonna|plans?|planned|planning|expects?|expected|expecting|expectations?|forecasts?|forecasted|"
    r"projects?|projected|projections?|predicts?|predicted|predictions?|targets?|targeted|targeting|aims?|aimed|"
    r"aiming|goals?|hopes?|hoped|hoping|intends?|intended|intention|due|deadline|scheduled|slated|proposed|"
    r"proposals?|promises?|promised|pledges?|pledged|vows?|vowed|commitments?|committed\s+to|wants?\s+to|"
    r"wanted\s+to|seeks?\s+to|sought\s+to|upcoming|next|future|coming|ahead|looming|outlook|estimates?|"
    r"maturing|matures?|expir(?:es|ing)|set\s+to|on\s+track|in\s+time\s+for|bid\s+for|run\s+for|"
    r"runs?\s+in|running\s+in|eyes|eyeing|if|unless|whether|or\s+even|at\s+the\s+earliest|potential|"
    r"possible|prospective|prospects?|likely|takes?\s+effect|taking\s+effect|up\s+for)\b"
    r"|['’]ll\b|['’]d\s+(?!been\b)\w",
)
# a base verb after "to" that names an aim ("to win the presidency in 2016", "to open in 2021")
_TO_AIM = re.compile(
    r"\bto\s+(?:win|run|be|become|take|hold|host|launch|open|start|begin|finish|complete|reach|hit|return|"
    r"retire|release|ship|arrive|build|deliver|spend|cut|raise|double|triple|reduce|increase|grow|end|phase|"
    r"eliminate|achieve|meet|make|have|get|see|go|join|leave|exit|list|close|expand|introduce|replace)\b"
)
# "by 2030", "until at least 2021", "through the end of 2025": a date something should be done by
_DEADLINE = re.compile(
    r"\b(?:by|until|till|through|before|ahead\s+of|no\s+later\s+than|as\s+(?:early|late|soon)\s+as|"
    r"starting(?:\s+in)?|beginning(?:\s+in)?|effective|from\s+now\s+until|in\s+time\s+for)"
    r"(?:\s+(?:at\s+least|the\s+(?:end|start|beginning|middle|close|spring|summer|fall|autumn|winter)\s+of|"
    r"early|late|mid|mid-|the|fiscal|FY|calendar|year|the\s+year))*[\s-]*$",
    re.I,
)
# "since 2007", "from 2002 to 2010", "between 1990 and 2013", "2008's crisis": a time already reached
_SINCE = re.compile(
    r"\b(?:since|from|between|ago|last|previous|earlier|former|back\s+in|as\s+of)\b[^,;]{0,12}$", re.I
)
_RANGE_END = re.compile(
    r"\b(?:from|between)\s+(?:\w+\s+){0,2}(?:19|20)\d\d\s*(?:to|through|until|and|-|–)\s*$", re.I
)
# past: auxiliaries, common irregular past forms, and regular -ed forms that are not adjectives of
# planning (those are in _PLANNED and read first)
_WAS = re.compile(
    r"\b(?:was|were|had|did|wasn['’]t|weren['’]t|hadn['’]t|didn['’]t|ago|earlier|former|then|"
    r"won|lost|began|became|took|made|said|told|met|ran|got|gave|came|went|held|left|led|paid|sold|bought|"
    r"brought|built|fell|rose|grew|knew|thought|wrote|spoke|saw|found|sent|spent|struck|stood|fought|"
    r"drew|drove|flew|chose|broke|froze|swore|wore|tore|shook|forgot|hid|fled|sank|sang|rang|won|sat|"
    r"taught|caught|sought|felt|kept|slept|meant|dealt|lent|born|died|"
    r"(?!(?:united|related|based|limited|supposed|interested|concerned|detailed|advanced|armed|hundred|"
    r"embed|need|speed|feed|seed|breed|proceed|exceed|succeed|shed|wed|bred|indeed|so-called)\b)[a-z]{2,}ed)\b"
)
_HAD = re.compile(r"\b(?:had|was|were|did|hadn['’]t|wasn['’]t|weren['’]t|didn['’]t)\b")
# "would be released in 2018", "has been mentioned": a participle after a form of "be" is not the past
_PASSIVE = re.compile(r"\b(?:be|been|being|to\s+be)\s+(?:\w+ly\s+)?[a-z]+ed\b")
_IS = re.compile(
    r"\b(?:is|are|isn['’]t|aren['’]t|has|have|now|currently|this\s+year|so\s+far|to\s+date)\b", re.I
)
_CLAUSE_END = re.compile(
    r"[.;:!?()\[\]—–\"“”]|\s-\s|,\s+(?:but|and|while|whereas|although|though|which|who)\b"
)


def _clause(text: str, sent: tuple[int, int], start: int, end: int, reach: int = 70) -> tuple[str, str]:
    """The words before and after a date within its clause (bounded by clause punctuation and ``reach``)."""
    a = max(sent[0], start - reach)
    before = text[a:start]
    cut = None
    for m in _CLAUSE_END.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    after = text[end : min(sent[1] if sent[1] > sent[0] else len(text), end + 40)]
    stop = _CLAUSE_END.search(after)
    if stop is not None:
        after = after[: stop.start()]
    return before, after


def date_time(text: str, sent: tuple[int, int], start: int, end: int, names_a_thing: bool = False) -> Tense:
    """Whether the date written at ``text[start:end]`` is reported as past ("in 2009 he won"),
    present, or planned, forecast, due or hoped for ("by 2030", "a 2025 bond", "could run in
    2020", "2024, or I would say even 2028"); None when its clause gives no cue.

    Read from the words of its clause, nearest first: a deadline word right before it ("by",
    "until at least"), then planning and modal words, then past forms. A range start ("since",
    "from 2002 to ...") is past.
    """
    before, after = _clause(text, sent, start, end)
    if not _RANGE_END.search(text[max(sent[0], start - 30) : start]) and _SINCE.search(before):
        return "past"  # "since 2007"; the end of a range ("from 2007 to 2020") is read like any date
    if (
        names_a_thing
    ):  # "the 2017 Ford Fusion, made in Mexico": what follows describes the thing, not the date
        after = ""
    low_before, low_after = _PASSIVE.sub(" ", before.lower()), _PASSIVE.sub(" ", after[:30].lower())
    planned = _nearest([(_PLANNED, before, ""), (_TO_AIM, before, "")])
    past = _nearest([(_WAS, low_before, "")])
    if _DEADLINE.search(before) is not None:  # "had doubled by 2012" is past; "by 2030" alone is a target
        return "past" if planned is None and _HAD.search(low_before) else "future"
    if planned is None and past is None:  # the verb usually comes first; else the words after it tell
        planned = _nearest([(_PLANNED, "", after[:25])])
        past = _nearest([(_WAS, "", low_after)])
    if planned is not None and (past is None or planned <= past):
        return "future"
    if past is not None:
        return "past"
    if _IS.search(before) or _IS.search(after[:20]):  # "is up for renewal in 2018": no bound either way
        return "present"
    return None


def _nearest(cues: list[tuple[re.Pattern[str], str, str]]) -> int | None:
    """Distance in characters from the date to the nearest match of any cue, before or after it."""
    best = None
    for rx, before, after in cues:
        for m in rx.finditer(before):
            d = len(before) - m.end()
            best = d if best is None else min(best, d)
        m2 = rx.search(after)
        if m2 is not None:
            best = m2.start() if best is None else min(best, m2.start())
    return best
