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
from herald.models import Actor, Mention

__all__ = [
    "Reading",
    "Thresholds",
    "actor_key",
    "clause_text",
    "coordinated",
    "is_passive_subject",
    "is_candidate",
    "mode_of",
    "pick_at",
    "same_actor",
    "type_scores",
]

# a word is the source (target) when the coder's tag probability is at least this; chosen on the
# held-out annotated sentences (bench/events_learned.py triple F1 0.490 at 0.25, 0.493 at 0.15,
# 0.495 at 0.08, 0.496 at 0.04): a weak tag on the right word beats no actor
ROLE_MIN = 0.08
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}


@dataclass(frozen=True)
class Thresholds:
    emit: float = 0.5  # raw score P(event) x P(type) to code a type on the coder's word alone
    with_rule: float = 0.3  # ... when a lexicon rule proposes the same type in the sentence
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


def actor_key(a: Actor | None) -> str | None:
    """What makes two actors the same one: code, else country, else name."""
    return None if a is None else (a.code or a.country or a.name)


# mentions the actors stage read as no actor: a town or country named as a place ("in Ohio", "LA PAZ,
# Bolivia (AP) —"), a company's product ("Apple's chargers")
_NOT_ACTORS = frozenset({"place", "product"})


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Are ``a`` and ``b`` one actor? The same key and the same name (a pronoun carries its
    antecedent's): two private Americans are both USACVL ("Swift ... accusing him") and an ombudsman
    and her government both BOLGOV, and each pair is still two actors. A person who shares a named
    organisation's code speaks for it ("Taliban spokesman Zabihullah Mujahid" and the Taliban)."""
    if a is None or b is None:
        return a is b
    if actor_key(a) != actor_key(b):
        return False
    if "organisation" in (a.kind, b.kind):
        return True  # "Taliban spokesman Zabihullah Mujahid" and the Taliban: one side
    return not (a.name and b.name and a.name.lower() != b.name.lower())


def pick_at(
    r: Reading, sent: Any, mentions: list[Mention], role: str, skip: int = -1
) -> tuple[Actor, int] | None:
    """The actor the coder tags with ``role`` and the index of its token: the best-tagged noun or
    pronoun (the coder's probability at least ``ROLE_MIN``; never token ``skip``), read as the actors
    stage's mention that covers it, else as the words of its phrase ("a Swiss court", "the suspect",
    "he")."""
    off = sent.start_char
    best: tuple[Actor, int] | None = None
    score = ROLE_MIN
    for tok in sent:
        if tok.i == skip or tok.pos_ not in ("NOUN", "PROPN", "PRON") or tok.lower_ in FIRST_PERSON:
            continue
        s = r.role_score(tok.idx - off, tok.idx + len(tok.text) - off, role)
        if s < score:
            continue
        actor = _actor_at(sent, tok, mentions)
        if actor is not None and actor.kind not in _NOT_ACTORS:
            best, score = (actor, tok.i), s
    return best


def syntactic_source(sent: Any, mentions: list[Mention]) -> tuple[Actor, int] | None:
    """The actor the sentence's main verb names as its active subject, when the actors stage has a
    coded mention there: the fallback where the coder's tags name no source (dev pages: triple F1
    0.248 -> 0.253; the object as a target fallback changed nothing and is not used)."""
    tok = next((c for c in sent.root.children if c.dep_ == "nsubj"), None)
    if tok is None or tok.lower_ in FIRST_PERSON:
        return None
    for m in mentions:
        if m.start <= tok.idx < m.end and m.actor.code:
            return m.actor, tok.i
    return None


def is_passive_subject(tok: Any) -> bool:
    """Whether a word belongs to the subject of a passive verb ("Michael Webb was sentenced")."""
    while tok.dep_ in ("compound", "flat", "amod", "nmod", "appos") and tok.head is not tok:
        tok = tok.head
    return bool(tok.dep_ == "nsubjpass")


def coordinated(sent: Any, i: int, mentions: list[Mention]) -> list[Actor]:
    """The other actors coordinated with the tagged token ``i`` ("threatened Europe, Japan, Canada and
    Mexico"; "Iran, Russia and Syria condemned ..."): the guide codes one event per actor acting or
    acted upon together. Only named conjuncts the actors stage knows (a mention) or proper names
    count, so "tariffs and sanctions" never splits."""
    tok = sent.doc[i]
    out: list[Actor] = []
    for other in tok.conjuncts:
        if not (sent.start <= other.i < sent.end) or other.pos_ not in ("PROPN", "NOUN"):
            continue
        named = any(m.start <= other.idx < m.end for m in mentions)
        if not named and other.pos_ != "PROPN":
            continue
        actor = _actor_at(sent, other, mentions)
        if actor is not None:
            out.append(actor)
    return out


def _actor_at(sent: Any, tok: Any, mentions: list[Mention]) -> Actor | None:
    for m in mentions:
        if m.start <= tok.idx < m.end:
            return m.actor
    head = tok
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "Law enforcement", "the Joint Narcotics Enforcement Team"
    start = max(head.left_edge.i, sent.start)
    words = sent.doc[start : head.i + 1].text.strip()
    return Actor(text=words, name=words, kind="agent") if words else None


_OTHER_CLAUSES = ("conj", "cc", "advcl", "parataxis", "ccomp", "punct", "mark")


def clause_text(verb: Any) -> str:
    """A proposing verb's own clause, its subject included: "Lavrov praised X, ... but lamented Y"
    -> "Lavrov lamented Y". When rules propose several events in one sentence, the coder reads each
    verb's clause apart, so that one event's type does not drown the other's."""
    keep = {verb.i}
    for child in verb.children:
        if child.dep_ not in _OTHER_CLAUSES:
            keep.update(t.i for t in child.subtree)
    subj, node = None, verb
    for _ in range(3):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None or node.dep_ not in ("conj", "xcomp", "advcl") or node.head is node:
            break
        node = node.head
    if subj is not None and subj.i not in keep:
        keep.update(t.i for t in subj.subtree)
    doc = verb.doc
    return "".join(doc[i].text_with_ws for i in sorted(keep)).strip()
