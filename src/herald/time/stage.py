"""The time stage: when did the story's events happen, and is the page a late republication?

A page date (published/updated stamp, or the date a user or container gave) usually is the date of
the story. Content can say otherwise: office terms, dated events and their tense, ages and years
written out. The stage solves the content evidence on its own first (:mod:`herald.time.solve`),
then compares the page date with it:

- the page date agrees with the best content reading: the story is from the page date; events
  lie in the ``RECENT_DAYS`` before it (narrowed by the content window);
- the page date lies more than ``STALE_AFTER_DAYS`` after the content window and at least
  ``STALE_MIN_WEIGHT`` of evidence rules it out: the page is ``stale`` and the content window
  dates the events;
- the page date lies before the content window: the page date is used, because a page cannot
  report events from after its own date (content that points later speaks of plans, forecasts,
  due dates, or was misread);
- no page date: the content window alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import date as _date

from herald.models import Dates, Document
from herald.time import cycles
from herald.time import evidence as ev
from herald.time.calendar import NEG, POS, Interval, day, fmt, iso
from herald.time.relative import resolve
from herald.time.solve import Solution, solve
from herald.time.text import sentence_of, sentences, tense

log = logging.getLogger(__name__)

STALE_AFTER_DAYS = 365  # a page dated more than a year after everything its content allows is stale
STALE_MIN_WEIGHT = 1.0  # ... provided at least one full-weight fact (or several weaker ones) says so
RECENT_DAYS = 7  # news reports what happened in the last week before the page date
MAX_EVIDENCE_LINES = 12


def date(docs: Iterable[Document]) -> Iterator[Document]:
    """Fill ``doc.dates`` (window, best estimate, evidence, stale) and each event's ``date``.

    A document this stage cannot date raises: the orchestrator (``herald.pipeline.run_stage``)
    clears its dating, marks it in ``doc.warnings`` and goes on with the batch.
    """
    for doc in docs:
        if doc.ok and doc.text:
            date_document(doc)
        yield doc


def collect(doc: Document) -> list[ev.Evidence]:
    """All content evidence of a document, from the text and from resolved actors."""
    text = doc.text
    sents = sentences(text, doc.nlp)
    found: list[ev.Evidence] = []
    found += ev.office_terms(text)
    found += ev.dated_events(text, sents)
    found += ev.election_ahead(text, sents)
    found += ev.primary_season(text, sents)
    dates = list(ev.written_dates(text, sents))
    found += dates
    recent = ev.recency(dates)
    if recent is not None:
        found.append(recent)
    line = ev.dateline(text)
    if line is not None:
        found.append(line)
    found += ev.ages(text)
    found += ev.anniversaries(text)
    field = list(cycles.campaign(text))
    if any(_names_a_nominee(e) for e in found):
        # the story titles someone the nominee: the primaries are over, and rivals it still names
        # (endorsing, speaking at the convention, running for the Senate) do not hold it to their runs
        field = [e for e in field if not (e.key and e.key[0] == "field")]
    found += field
    season = cycles.season_of_candidacies(found)
    if season is not None:
        found.append(season)
    found += actor_terms(doc, found)
    return found


_NOMINEE_OFFICES = {"us_rep_nominee", "us_dem_nominee", "us_nominee"}


def _names_a_nominee(e: ev.Evidence) -> bool:
    """Office evidence that titles a named person a party's (presumptive) nominee."""
    k = e.key
    return (
        e.kind == "office" and len(k) > 3 and k[0] == "office" and k[1] in _NOMINEE_OFFICES and k[3] is None
    )


_FORMER = re.compile(
    r"(?i)\b(?:former|ex|then|onetime|one-time|late|future|would-be|incoming|outgoing)\b[-\s]"
)


def actor_terms(doc: Document, known: list[ev.Evidence]) -> list[ev.Evidence]:
    """Role terms from the actors stage's knowledge base, for people the text names with that role.

    "Russian Foreign Minister Sergey Lavrov" puts the story in Lavrov's term as foreign minister.
    The role must be spelled out next to the name (the words of the role before "of", e.g.
    "foreign minister", inside the mention or just before it); "former"/"then" titles are left
    out, and mentions an office of the shipped tables already covers are not counted twice.
    """
    try:
        from herald.actors import role_terms
    except ImportError:
        return []
    covered = [(e.start, e.end) for e in known if e.kind == "office"]
    dated = {str(e.key[2]) for e in known if e.kind == "office" and len(e.key) > 2}
    out: list[ev.Evidence] = []
    seen: set[tuple[str, str]] = set()
    for m in doc.mentions:
        a = m.actor
        if (
            a.kind != "person"
            or a.name in dated
            or any(s <= m.start < e or s < m.end <= e for s, e in covered)
        ):
            continue
        said = doc.text[m.start : m.end]
        if not any(len(w) > 2 and w in said for w in a.name.split()):
            continue  # "our president": the text names nobody; whoever the resolver guessed proves nothing
        before = re.split(r"[.!?;\n]\s", doc.text[max(0, m.start - 45) : m.start])[-1]
        near = before + doc.text[m.start : m.end]
        if _FORMER.search(near):
            continue
        try:
            roles = role_terms(a)
        except Exception:  # the other stage's bug must not stop dating
            continue
        low = " ".join(near.lower().split())
        for role, start, _ in roles or []:
            head = role.lower().split(" of ")[0].strip()
            if not start or len(head) < 4 or head not in low or (a.name, head) in seen:
                continue
            spans = ev.merge_spans(
                [
                    (day(s), day(e) if e else POS)
                    for r, s, e in roles
                    if s and r.lower().split(" of ")[0].strip() == head
                ]
            )
            seen.add((a.name, head))
            out.append(
                ev.Evidence(
                    spans,
                    0.9,
                    f"{a.name} was {head} {'; '.join(fmt(x) for x in spans)} "
                    f"({ev.quote(doc.text, max(0, m.start - 30), m.end)})",
                    "actor",
                    m.start,
                    m.end,
                    ("actor", a.name, head),
                )
            )
    return out


def page_date(d: Dates) -> tuple[int, str] | None:
    """The earliest date the page or its container claims, with its label."""
    found = [
        (day(v), label)
        for label, v in (("published", d.published), ("updated", d.updated), ("reference", d.reference))
        if v
    ]
    return min(found) if found else None


def date_document(doc: Document) -> None:
    everything = collect(doc)
    tiebreak = [e for e in everything if e.kind in ev.TIE_BREAKERS]
    found = [e for e in everything if e.kind not in ev.TIE_BREAKERS]
    sol = solve(found)
    page = page_date(doc.dates)
    d = doc.dates
    if sol is None:
        if page:
            t, label = page
            _set(d, (t - RECENT_DAYS, t), t, [f"no dating evidence in the text: {label} date {iso(t)} used"])
        _date_events(doc)
        return
    p, label = page if page else (None, "")
    window = _pick(sol, tiebreak, p)
    lines: list[str] = []
    if p is not None and sol.score_at(p) > sol.score - STALE_MIN_WEIGHT + 1e-6:
        agrees = sol.score_at(p) >= sol.score - 1e-9
        if agrees:
            lo, hi = max(window[0], p - RECENT_DAYS), min(window[1], p)
        else:
            lo, hi = p - RECENT_DAYS, p
        _set(
            d,
            (lo, hi),
            hi,
            [
                f"{label} date {iso(p)} "
                + (
                    "agrees with the content evidence"
                    if agrees
                    else "is used: the content evidence against it is too weak"
                )
            ],
        )
    elif (
        p is not None
        and p > window[1] + STALE_AFTER_DAYS
        and sol.score - sol.score_at(p) >= STALE_MIN_WEIGHT - 1e-6
    ):
        lines.append(
            f"stale: {label} date {iso(p)} is {(p - window[1]) // 365} year(s) after the latest date "
            f"the content allows ({iso(window[1])}; threshold {STALE_AFTER_DAYS} days)"
        )
        _set(d, window, _middle(window), lines)
        d.stale = True
    elif p is not None and p > window[1]:
        lo, hi = max(window[0], p - STALE_AFTER_DAYS), window[1]
        lines.append(
            f"{label} date {iso(p)} is somewhat after the content window (ends {iso(hi)}): not stale"
        )
        _set(d, (min(lo, hi), hi), hi, lines)
    elif p is not None:
        # a page cannot report events from after its own date: content that points later speaks of
        # plans, forecasts or due dates (or was misread), and only evidence of when reported events
        # happened may move the story away from the page date
        lines.append(
            f"{label} date {iso(p)} is used: the content evidence points later (from {iso(window[0])}), "
            "and a page cannot report events after its own date"
        )
        _set(d, (p - RECENT_DAYS, p), p, lines)
    else:
        _set(d, window, _middle(window), lines)
    d.evidence += _explain(sol, window)
    _reresolve(doc)
    _date_events(doc)


def _pick(sol: Solution, tiebreak: list[ev.Evidence], p: int | None) -> Interval:
    """Among equally supported stretches, the one the tie-breaking evidence favours, then the nearest
    to ``p``."""
    windows = sol.windows
    if p is not None:
        if any(a <= p <= b for a, b in windows):
            return next(w for w in windows if w[0] <= p <= w[1])
        # a page cannot report a story from after its own date: readings that start later go last
        windows = [w for w in windows if w[0] <= p] or windows
    if len(windows) == 1 or not tiebreak:
        return Solution(windows, sol.score, sol.evidence).nearest(p)

    def support(w: Interval) -> float:
        mid = (max(w[0], NEG + 1) + min(w[1], POS - 1)) // 2
        return sum(e.weight for e in tiebreak if e.holds(mid))

    top = max(support(w) for w in windows)
    return Solution([w for w in windows if support(w) >= top - 1e-9], sol.score, sol.evidence).nearest(p)


def _middle(w: Interval) -> int | None:
    lo, hi = w
    if lo > NEG and hi < POS:
        return (lo + hi) // 2
    return None if lo <= NEG and hi >= POS else (hi if lo <= NEG else lo)


def _set(d: Dates, window: Interval, best: int | None, lines: list[str]) -> None:
    lo, hi = window
    d.events_between = [iso(lo) if lo > NEG else None, iso(hi) if hi < POS else None]
    d.event_date = iso(best) if best is not None else None
    d.evidence = list(lines)


def _explain(sol: Solution, window: Interval) -> list[str]:
    mid = (max(window[0], NEG + 1) + min(window[1], POS - 1)) // 2
    agree = sorted((e for e in sol.evidence if e.holds(mid)), key=lambda e: -e.weight)
    other = sorted((e for e in sol.evidence if not e.holds(mid)), key=lambda e: -e.weight)
    lines = [e.reason for e in agree]
    lines += [f"outvoted: {e.reason}" for e in other]
    if len(lines) > MAX_EVIDENCE_LINES:
        lines = lines[:MAX_EVIDENCE_LINES] + [f"... and {len(lines) - MAX_EVIDENCE_LINES} more"]
    return lines


def _reresolve(doc: Document) -> None:
    """Let the actors stage re-pick roles now that the story's date is known (when it offers that)."""
    if not doc.dates.event_date:
        return
    try:
        from herald.actors import reresolve
    except ImportError:
        return
    try:
        reresolve(doc, doc.dates.event_date)
    except Exception as exc:
        log.warning("time: re-resolving actors of %s failed: %s", doc.id, exc)


def _date_events(doc: Document) -> None:
    """Each event gets the date its own sentence names (resolved against the story date), else the
    story date."""
    if not doc.events:
        return
    anchor = _date.fromisoformat(doc.dates.event_date) if doc.dates.event_date else None
    sents = sentences(doc.text, doc.nlp)
    for e in doc.events:
        e.date = doc.dates.event_date
        if anchor is None:
            continue
        sent = sentence_of(sents, e.start)
        if sent[0] == sent[1]:
            sent = (e.start, e.end)
        got = resolve(
            doc.text[sent[0] : sent[1]],
            anchor,
            tense(doc.text, sent, e.start, e.end),
            relative=not doc.dates.stale,
        )  # a stale page's story day is an estimate, not an anchor
        if got is not None:
            e.date = got[0].isoformat()
