"""From the coder's reading of a sentence to PLOVER events.

The learned coder decides; the lexicon rules propose and stay the evidence:

1. Candidate sentences: those with a verb and an actor (a mention of the actors stage, a named person,
   organisation or place, or a lexicon verb with an argument). Everything else codes nothing and the
   encoder never sees it.
2. Types: the coder's P(event) times P(type) is the event's confidence. A type is coded when that is at
   least ``Thresholds.emit``, or at least ``Thresholds.with_rule`` when a lexicon rule proposes the same
   type in the sentence (two independent witnesses).
3. Actors: source and target are the mentions in the sentence the coder's token tags point at (mean
   P(source) / P(target) over the mention's word pieces); when the coder points at none, a rule's
   argument for the same type fills in; when nothing does, the tagged words themselves become an
   uncoded actor. A first-person or missing source inside a quotation is the quotation's speaker.
4. Mode and negation come from the coder (a negated proposal of the rules is kept as evidence, never
   counted); ``rule`` says which witnesses fired ("coder", "coder+cameo:..."); ``trigger`` is the
   rule's verb, else the sentence's main verb.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from herald.events.learned.model import Reading, threshold

__all__ = ["Reading", "Thresholds", "is_candidate", "mode_of", "pick", "tagged_span", "type_scores"]
from herald.models import Actor, Mention

ROLE_MIN = 0.3  # a mention is the source (target) when the coder's mean tag probability is at least this
SPAN_MIN = 0.5  # tagged words with no mention become an uncoded actor at this probability
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}


@dataclass(frozen=True)
class Thresholds:
    emit: float = 0.5  # raw score P(event) x P(type) to code a type on the coder's word alone
    with_rule: float = 0.3  # ... when a lexicon rule proposes the same type in the sentence
    negated: float = 0.5
    mode: float = 0.5

    @classmethod
    def shipped(cls) -> Thresholds:
        """The emission threshold chosen on the validation documents at training time."""
        emit = threshold("emit_raw", cls.emit)
        return cls(emit=emit, with_rule=round(emit * 0.6, 3))


def is_candidate(sent: Any, mentions: list[Mention], has_rule: bool) -> bool:
    """A sentence worth the encoder: a verb and someone who could act."""
    if len(sent) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    return bool(mentions) or has_rule or any(e.label_ in ACTOR_ENTS for e in sent.ents)


def type_scores(r: Reading) -> dict[str, float]:
    return {ty: r.event * p for ty, p in r.types.items()}


def mode_of(r: Reading, th: Thresholds) -> str | None:
    best = max(r.mode, key=lambda k: r.mode[k])
    return best if best != "realised" and r.mode[best] >= th.mode else None


def _key(a: Actor | None) -> str | None:
    return None if a is None else (a.code or a.country or a.name)


def pick(
    r: Reading, mentions: list[Mention], offset: int, role: str, avoid: Actor | None
) -> tuple[Actor | None, float]:
    """The mention the coder tags with ``role`` (best mean probability), never the same actor as ``avoid``."""
    best: tuple[Actor | None, float] = (None, 0.0)
    for m in mentions:
        if avoid is not None and _key(m.actor) == _key(avoid):
            continue
        s = r.role_score(m.start - offset, m.end - offset, role)
        if s > best[1]:
            best = (m.actor, s)
    return best if best[1] >= ROLE_MIN else (None, best[1])


def tagged_span(r: Reading, sent: Any, role: str) -> Actor | None:
    """The words the coder tags with ``role`` when no mention covers them: the best token's phrase
    (its left edge up to it: "a Swiss court"), as an uncoded actor."""
    off = sent.start_char
    best, score = None, SPAN_MIN
    for tok in sent:
        if tok.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        s = r.role_score(tok.idx - off, tok.idx + len(tok.text) - off, role)
        if s >= score:
            best, score = tok, s
    if best is None or best.lower_ in FIRST_PERSON:
        return None
    start = max(best.left_edge.i, sent.start)
    words = sent.doc[start : best.i + 1].text.strip()
    if not words:
        return None
    return Actor(text=words, name=words, kind="agent")
