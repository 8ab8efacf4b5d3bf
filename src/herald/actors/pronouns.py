"""Pronouns that stand for an actor: "Police arrested John Webb on Friday. He was charged ..."

A personal pronoun in a subject or object slot ("he", "she", "him", "her", "they", "them") becomes a
mention of the actor it refers to, ``via="pronoun"``, so that events and quotations find their
source and target where the text writes only "he". The antecedent is looked for the way a reader
does, in the pronoun's own sentence and the ones just before it:

- "he"/"she" refer to a person, of the same gender when the text tells (a title, a common first
  name), nearest sentence first, a subject before an object;
- "they"/"them" refer to a group, an organisation or a state named in the same or the previous
  sentence, a subject first.

Pronouns inside quotation marks belong to the speaker's voice, not the writer's, and are left alone;
so are "I", "we", "you" and "it". When the nearest compatible antecedent has no code, the pronoun
gets no mention: a farther coded name would be a guess.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import numpy as np
from spacy.attrs import TAG

from herald.actors.names import FEMALE_TITLES, MALE_TITLES, first_name_gender
from herald.models import Actor, Mention

_PERSON = {"he": "m", "him": "m", "she": "f", "her": "f"}
_GROUP = frozenset({"they", "them"})
_WORDS = frozenset({*_PERSON, *_GROUP})
_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "agent", "obj", "iobj"})
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_PERSON_BACK = 3  # sentences a "he" looks back
_GROUP_BACK = 1
_GROUP_KINDS = frozenset({"agent", "organisation", "country"})
_NOT_GROUPS = ("place", "pronoun")


def link(text: str, mentions: Sequence[Mention], nlp_doc: Any) -> list[Mention]:
    """``mentions`` with a mention added for every pronoun whose antecedent is a coded actor."""
    toks = _pronouns(nlp_doc) if nlp_doc is not None and mentions else []
    if not toks:
        return list(mentions)
    added: list[Mention] = []
    genders: dict[str, str | None] = {}
    sent_starts: list[int] = []
    for tok in toks:
        word = tok.lower_
        if tok.ent_type_ == "PERSON" or tok.dep_ not in _SLOTS:
            continue  # "He Jianxiong said": a name, not a pronoun
        if _quoted(text, tok.idx):
            continue
        if not sent_starts:  # the first pronoun to resolve: the tables, once per document
            sent_starts = [sent.start_char for sent in nlp_doc.sents]
            people = _Pool([m for m in mentions if m.actor.kind == "person"])
            groups = _Pool([m for m in mentions if m.actor.kind in _GROUP_KINDS and m.via not in _NOT_GROUPS])
            taken = {m.start for m in mentions}
        if tok.idx in taken:
            continue
        sent = bisect.bisect_right(sent_starts, tok.idx) - 1
        if word in _PERSON:
            found = _antecedent(
                people, tok.idx, sent, sent_starts, _PERSON_BACK, nlp_doc, _PERSON[word], genders, text
            )
        else:
            found = _antecedent(groups, tok.idx, sent, sent_starts, _GROUP_BACK, nlp_doc, None, genders, text)
        if found is None or found.actor.code is None:
            continue
        if word in _GROUP and _plural_between(nlp_doc, mentions, found.end, tok.i):
            continue  # "praised NATO's ideas, saying they ...": the ideas, not NATO
        a = found.actor
        end = tok.idx + len(tok.text)
        actor = Actor(text[tok.idx : end], a.name, a.country, a.sector, a.code, a.role, a.kind)
        added.append(Mention(tok.idx, end, actor, "pronoun"))
    if not added:
        return list(mentions)
    return sorted([*mentions, *added], key=lambda m: m.start)


def _pronouns(nlp_doc: Any) -> list[Any]:
    """The doc's tokens tagged PRP that are one of the linked pronouns (found from the doc's tag
    array: a scan of every token or of the text costs more than the linking itself)."""
    tags = nlp_doc.to_array(TAG)
    prp = nlp_doc.vocab.strings["PRP"]
    toks = (nlp_doc[i] for i in np.flatnonzero(tags == prp).tolist())
    return [t for t in toks if t.lower_ in _WORDS]


class _Pool:
    """Candidate antecedents in text order, with their starts for bisection and a cache of which
    are subjects."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.subject: dict[int, bool] = {}

    def is_subject(self, nlp_doc: Any, m: Mention) -> bool:
        if m.start not in self.subject:
            self.subject[m.start] = _is_subject(nlp_doc, m)
        return self.subject[m.start]


def _antecedent(
    cands: _Pool,
    pos: int,
    sent: int,
    sent_starts: list[int],
    back: int,
    nlp_doc: Any,
    gender: str | None,
    genders: dict[str, str | None],
    text: str,
) -> Mention | None:
    """The compatible candidate before ``pos`` that a reader would pick: nearest sentence, then a
    subject over an object, then the one nearest the pronoun."""
    best: Mention | None = None
    best_key: tuple[int, int, int] | None = None
    lo = sent_starts[max(0, sent - back)]
    for k in range(bisect.bisect_left(cands.starts, pos) - 1, -1, -1):
        m = cands.mentions[k]
        if m.end > pos:
            continue
        if m.start < lo:
            break
        if _quoted(text, m.start):
            continue
        if gender is not None:
            g = genders.get(m.actor.name, "?")
            if g == "?":
                g = genders[m.actor.name] = _gender(text, m)
            if g not in (None, gender):
                continue
        m_sent = bisect.bisect_right(sent_starts, m.start) - 1
        key = (m_sent, int(cands.is_subject(nlp_doc, m)), m.start)
        if best_key is None or key > best_key:
            best, best_key = m, key
    return best


def _plural_between(nlp_doc: Any, mentions: Sequence[Mention], start: int, end_tok: int) -> bool:
    """Is there a plural noun that is no actor between char ``start`` and token ``end_tok``?"""
    spans = [(m.start, m.end) for m in mentions if m.end > start and m.start < nlp_doc[end_tok].idx]
    for i in range(end_tok - 1, -1, -1):
        t = nlp_doc[i]
        if t.idx < start:
            break
        if t.tag_ in ("NNS", "NNPS") and not any(a <= t.idx < b for a, b in spans):
            return True
    return False


def _gender(text: str, m: Mention) -> str | None:
    """m/f from a title before the name ("Mrs. Webb") or a common first name, else unknown."""
    before = text[max(0, m.start - 6) : m.start].lower().split()
    if before and before[-1] in MALE_TITLES:
        return "m"
    if before and before[-1] in FEMALE_TITLES:
        return "f"
    return first_name_gender(m.actor.name.split())


def _is_subject(nlp_doc: Any, m: Mention) -> bool:
    span = nlp_doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ in _SUBJECT


def _quoted(text: str, pos: int) -> bool:
    """Is ``pos`` inside a quotation in its paragraph (an odd number of marks before it)?"""
    start = text.rfind("\n", 0, pos) + 1
    before = text[start:pos]
    curly = before.count("“") - before.count("”")
    if curly > 0:
        return True
    return before.count('"') % 2 == 1
