"""Election campaigns as evidence: a story about a race names its candidates, often without a title.

Campaign coverage calls candidates by their names ("Trump", "Clinton", "Cruz"), not by an office,
so the office finder sees nothing. But who runs together dates a story: the candidates a campaign
story keeps talking about were all in the race at the same time, and only in one cycle do the same
people run against each other (Trump and Clinton: 2016; Trump and Biden: 2020). This module reads
that from the candidacy rows of ``terms.tsv`` (announcement to withdrawal or election day, every
US cycle from 2000) and the election days of ``dated_events.tsv``:

- ``field``: the days on which the most of the story's *main* candidates (named at least twice,
  or once each when rivals are named together, and at least ``MAIN_SHARE`` as often as the
  most-named one) were running; a withdrawn candidate stays newsworthy for ``AFTERGLOW_DAYS``.
  A president is "President X" in the news: someone the story titles so is the incumbent there,
  not a candidate, and a candidate's runs while in office (re-election) are left out because the
  story would have titled him. One fact (weight 1.0) however many candidates agree, so a crowded
  field does not swamp other evidence.
- ``season``: campaign coverage is concentrated in the year before election day, so within the
  field the last ``SEASON_DAYS`` before the election are preferred (weight 0.5). A prior, not a
  fact: it narrows the window when nothing else does, and any dated fact outweighs it.

Both need a campaign story: at least ``MIN_CUES`` distinct campaign words (voters, polls,
primary, delegates, nominee, debate, ...). A 2021 story recalling "Trump" and "Clinton" without
such words is not read as a 2016 campaign story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from herald.time import knowledge as kb
from herald.time.calendar import Interval, fmt
from herald.time.evidence import Evidence, merge_spans

AFTERGLOW_DAYS = 90  # a candidate who has dropped out stays news for a season: endorsements, the convention
ELECTION_AFTERGLOW_DAYS = 30  # after election day, the race itself is news for a few weeks
SEASON_DAYS = 365  # the final year of a campaign
MIN_CUES = 2
MAIN_SHARE = 0.3  # a main candidate is named at least this share as often as the most-named one

_CUE = re.compile(
    r"(?i)\b(?:campaign(?:s|ing|ed)?|voters?|polls?|polling|primar(?:y|ies)|caucus(?:es)?|delegates?|rall(?:y|ies)|"
    r"nominat(?:ion|ed|e)|nominee|candidates?|candidacy|race|elections?|electoral|debates?|ballots?|"
    r"swing\s+states?|battleground|running\s+mate|endorse(?:d|s|ment)?|front-?runner|stump|convention)\b"
)


@dataclass(frozen=True)
class Candidate:
    holder: str
    first: str
    last: str
    runs: tuple[Interval, ...]  # candidacies, with the afterglow
    incumbent: tuple[Interval, ...]  # the same person's presidencies


@lru_cache(maxsize=1)
def candidates() -> list[Candidate]:
    runs: dict[str, list[Interval]] = {}
    days = set(_elections())
    for t in kb.terms():
        if t.office in ("us_candidate", "us_rep_nominee", "us_dem_nominee"):
            glow = ELECTION_AFTERGLOW_DAYS if t.end in days else AFTERGLOW_DAYS
            runs.setdefault(t.holder, []).append((t.start, t.end + glow))
    held: dict[str, list[Interval]] = {}
    for t in kb.terms():
        if t.office == "us_president" and t.holder in runs:
            held.setdefault(t.holder, []).append((t.start, t.end))
    out = []
    for holder, ivs in runs.items():
        parts = holder.split()
        out.append(
            Candidate(holder, parts[0], parts[-1], tuple(merge_spans(ivs)), tuple(held.get(holder, [])))
        )
    return out


@lru_cache(maxsize=1)
def _elections() -> list[int]:
    return [e.start for e in kb.dated_events().get("us_presidential_election", [])]


@lru_cache(maxsize=512)
def _rx(first: str, last: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    f, s = re.escape(first), re.escape(last)
    full = re.compile(rf"\b{f}\s+(?:[A-Z][\w]*\.?\s+)?{s}\b")
    # the surname alone, not as part of someone else's name ("Paul Ryan" is not Rand Paul)
    surname = re.compile(rf"(?<![A-Za-z.])(?:(?P<pre>[A-Z][a-z]+)\s+)?{s}\b(?!\s+[A-Z][a-z])(?!-[A-Z])")
    titled = re.compile(rf"\bPresident\s+(?:{f}\s+)?{s}\b")
    return full, surname, titled


def _mentions(text: str, c: Candidate) -> int:
    if c.last not in text or c.first not in text:
        return 0
    full, surname, _ = _rx(c.first, c.last)
    if not full.search(text):  # news names a person in full once before using the surname
        return 0
    others = _namesakes().get(c.last, set()) - {c.first}
    return sum(1 for m in surname.finditer(text) if m.group("pre") not in others)


@lru_cache(maxsize=1)
def _namesakes() -> dict[str, set[str]]:
    """Surname -> first names of the people herald knows by it ("Clinton": Bill, Hillary)."""
    out: dict[str, set[str]] = {}
    for holder in [t.holder for t in kb.terms()] + [b.person for b in kb.births()]:
        parts = holder.split(" (")[0].split()
        if len(parts) >= 2:
            out.setdefault(parts[-1], set()).add(parts[0])
    return out


def _subtract(ivs: tuple[Interval, ...], cut: tuple[Interval, ...]) -> list[Interval]:
    out = list(ivs)
    for a, b in cut:
        nxt = []
        for lo, hi in out:
            if hi < a or lo > b:
                nxt.append((lo, hi))
                continue
            if lo < a:
                nxt.append((lo, a - 1))
            if hi > b:
                nxt.append((b + 1, hi))
        out = nxt
    return out


_OUT_AFTER = (
    r"(?:,\s+who\s+|\s+(?:has\s+|had\s+)?)(?:dropped\s+out|suspended\s+(?:his|her)\s+(?:campaign|bid)|"
    r"ended\s+(?:his|her)\s+(?:campaign|bid|run)|withdrew|quit\s+the\s+race|exited\s+the\s+race)"
)
_OUT_BEFORE = (
    r"(?i:former|one-time|onetime|defeated|vanquished|ex-)\s+(?:[\w-]+\s+){0,2}?"
    r"(?i:candidate|rival|contender|hopeful|opponent)s?\s+(?:[A-Z][a-z]+\s+)?"
)


_OUT_SCREEN = re.compile(
    r"(?i)dropped\s+out|suspended|ended\s+(?:his|her)|withdrew|quit\s+the|exited|former|one-?time|"
    r"defeated|vanquished|ex-"
)


@lru_cache(maxsize=512)
def _out_rx(last: str) -> re.Pattern[str]:
    s = re.escape(last)
    return re.compile(rf"\b{s}(?:['’]s)?{_OUT_AFTER}|{_OUT_BEFORE}{s}\b")


def _withdrawn(text: str, c: Candidate) -> bool:
    """ "Rubio, who dropped out", "Carson endorsed Trump", "former rival Jeb Bush": the story is
    from after this candidate's run, so the run must not hold the field back to its dates."""
    return _out_rx(c.last).search(text) is not None


def campaign(text: str) -> Iterator[Evidence]:
    """The field of candidates a campaign story names, and the final year of that campaign."""
    cues = {m.group().lower() for m in _CUE.finditer(text)}
    if len(cues) < MIN_CUES:
        return
    counts = {c: n for c in candidates() if (n := _mentions(text, c)) >= 1}
    if len(counts) < 2:  # rivals named together ("Trump leads Clinton") count once each; a lone name twice
        counts = {c: n for c, n in counts.items() if n >= 2}
    if not counts:
        return
    top = max(counts.values())
    any_out = _OUT_SCREEN.search(text) is not None  # most stories say nothing of anyone leaving the race
    main = [
        c
        for c, n in counts.items()
        if n >= MAIN_SHARE * top
        and not _rx(c.first, c.last)[2].search(text)
        and not (any_out and _withdrawn(text, c))
    ]
    votes: dict[int, int] = {}
    spans: dict[str, list[Interval]] = {}
    for c in main:
        ivs = _subtract(c.runs, c.incumbent)
        spans[c.holder] = ivs
        for a, b in ivs:
            votes[a] = votes.get(a, 0) + 1
            votes[b + 1] = votes.get(b + 1, 0) - 1
    field = _best(votes)
    if not field:
        return
    who = sorted(h for h, ivs in spans.items() if any(a <= field[0][0] <= b for a, b in ivs))
    yield Evidence(
        field,
        1.0,
        f"a campaign story about {', '.join(who)}: all in the race {'; '.join(fmt(x) for x in field)}",
        "campaign",
        0,
        0,
        ("field", tuple(who)),
    )
    seasons = [
        (e - SEASON_DAYS, e) for e in _elections() if any(a <= e and e - SEASON_DAYS <= b for a, b in field)
    ]
    if seasons:
        yield Evidence(
            seasons,
            0.5,
            "campaign news comes mostly in the final year before election day: "
            + "; ".join(fmt(x) for x in seasons),
            "campaign",
            0,
            0,
            ("season",),
        )


def _best(deltas: dict[int, int]) -> list[Interval]:
    """The stretches where the most candidates were running at once."""
    points = sorted(deltas)
    score, best, segs = 0, 0, []
    for i, p in enumerate(points):
        score += deltas[p]
        if i + 1 < len(points):
            segs.append((p, points[i + 1] - 1, score))
            best = max(best, score)
    if best <= 0:
        return []
    return merge_spans([(a, b) for a, b, s in segs if s == best])


_CANDIDACY_OFFICES = {"us_candidate", "us_rep_nominee", "us_dem_nominee", "us_nominee"}


def _is_candidacy(e: Evidence) -> bool:
    k = e.key
    return bool(k) and (
        k[0] in ("party", "campaign")
        or (
            k[0] == "office"
            and len(k) > 3
            and k[1] in _CANDIDACY_OFFICES
            and k[3] in (None, "likely", "bare")
        )
    )


def season_of_candidacies(found: list[Evidence]) -> Evidence | None:
    """The campaign season prior for stories that name a candidate as running ("presidential candidate
    Donald Trump", "Clinton's campaign") without the cues of a full campaign story: campaign news
    still comes mostly in the final year before election day. Not added twice."""
    if any(e.key == ("season",) for e in found):
        return None
    spans = [iv for e in found if _is_candidacy(e) for iv in e.intervals]
    seasons = [
        (e - SEASON_DAYS, e) for e in _elections() if any(a <= e and e - SEASON_DAYS <= b for a, b in spans)
    ]
    if not seasons:
        return None
    return Evidence(
        seasons,
        0.5,
        "a candidate is named as running; campaign news comes mostly in the final year "
        "before election day: " + "; ".join(fmt(x) for x in seasons),
        "campaign",
        0,
        0,
        ("season",),
    )
