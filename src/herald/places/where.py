"""Where an event happened: a place its sentence puts it *in* or *at*.

A place named in an event's sentence is not always where the event happened: "Russia" is often the
actor, "towards Moscow" a direction, "flight to New York" a destination. What marks the location
is a locative preposition whose object the place is: "summit in Lisbon", "at a United Nations
assembly in New York", "In Kabul, officials said". The preposition must hang off the event's
clause (a verb, or a noun such as "summit"), not off a noun like "interests in Ukraine" or a
relative clause about someone ("Trump, who grew up in New York, said").

When no place passes, the location stays None: a missing location is honest, a guessed one (the
dateline, the story's main country) is not what the sentence says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from herald.models import Event
from herald.places.resolve import PlaceMention

LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "throughout", "across", "within"})
BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|throughout|across|within)\s+(?:the\s+)?$", re.I)
# Nouns whose "in X" is not where something happens: "interests in Ukraine", "a stake in Iraq".
NOT_WHERE = frozenset(
    [
        "interest",
        "investment",
        "role",
        "involvement",
        "stake",
        "policy",
        "influence",
        "business",
        "relation",
        "relationship",
        "tie",
        "trust",
        "confidence",
        "belief",
        "faith",
        "share",
    ]
)
CLAUSES_ABOUT_SOMEONE = frozenset({"relcl", "acl", "appos"})


def _root(sp: Any, pm: PlaceMention) -> Any:
    span = sp.char_span(pm.start, pm.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    while tok.dep_ in ("conj", "compound", "appos") and tok.head is not tok:
        tok = tok.head
    return tok


def _attachment(sp: Any, pm: PlaceMention, text: str) -> tuple[bool, Any]:
    """(is the place the object of a locative preposition, the word that preposition hangs off)."""
    tok = _root(sp, pm) if sp is not None else None
    if tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
        return True, tok.head.head
    surface = BEFORE.search(text[max(0, pm.start - 20) : pm.start]) is not None
    possessive = text[pm.end : pm.end + 2] in ("'s", "’s")
    return surface and not possessive, None


def locative(sp: Any, pm: PlaceMention, text: str) -> tuple[bool, Any]:
    ok, head = _attachment(sp, pm, text)
    if not ok:
        return False, None
    if head is not None and head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in NOT_WHERE:
        return False, None
    return True, head


def _trigger_token(sp: Any, event: Event, text: str) -> Any:
    if sp is None or not event.trigger:
        return None
    at = text.find(event.trigger, event.start, event.end)
    if at < 0:
        return None
    span = sp.char_span(at, at + len(event.trigger), alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _distance(a: Any, b: Any) -> int:
    """Edges between two tokens in the dependency tree."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    for i, t in enumerate(up_a):
        for j, u in enumerate(up_b):
            if t.i == u.i:
                return i + j
    return 99


def _about_someone(head: Any, trigger: Any) -> bool:
    """The preposition hangs inside a relative clause that is not the event's own clause."""
    if head is None:
        return False
    for t in [head, *head.ancestors]:
        if trigger is not None and t.i == trigger.i:
            return False
        if t.dep_ in CLAUSES_ABOUT_SOMEONE and t.pos_ in ("VERB", "AUX"):
            return True
    return False


def event_place(event: Event, placed: Iterable[PlaceMention], sp: Any, text: str) -> PlaceMention | None:
    """The place the event's sentence says it happened in, or None."""
    trigger = _trigger_token(sp, event, text)
    found: list[tuple[int, int, PlaceMention]] = []
    for pm in placed:
        if (
            pm.chosen is None
            or pm.label == "DATELINE"
            or pm.qualifies
            or not (event.start <= pm.start and pm.end <= event.end)
        ):
            continue
        ok, head = locative(sp, pm, text)
        if not ok or _about_someone(head, trigger):
            continue
        if trigger is not None and head is not None:
            rank = _distance(trigger, head)
        elif trigger is not None:
            rank = 50
        else:
            rank = 0
        found.append((rank, pm.start, pm))
    if not found:
        return None
    return min(found, key=lambda f: (f[0], f[1]))[2]
