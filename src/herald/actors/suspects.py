"""Private people the story treats as suspects: the guide codes them CRM, not CVL.

A person herald knows no role for is a civilian (country + CVL) unless the article puts them in the
hands of police or courts: "police arrested Michael Webb", "Webb was charged with kidnapping", "the
suspect, Michael Webb". One such sentence is enough: every mention of that person in the article
(surname and pronouns included, which are linked afterwards) is then coded CRM.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from herald.actors.names import wordset
from herald.models import Mention

# verbs whose object (or passive subject) is a suspect or an offender
_JUSTICE = wordset(
    """arrest charge indict convict sentence detain jail imprison extradite apprehend prosecute
    book handcuff nab"""
)
_PASSIVE_ONLY = frozenset({"accuse", "suspect"})
_SUSPECT_NOUNS = frozenset({"suspect", "gunman", "assailant", "attacker", "shooter", "defendant", "fugitive"})


def mark(mentions: Sequence[Mention], nlp_doc: Any) -> None:
    """Recode as CRM every private person (sector CVL) whom one sentence treats as a suspect."""
    if nlp_doc is None:
        return
    people = [m for m in mentions if m.actor.kind == "person" and m.actor.sector == "CVL"]
    suspects = {m.actor.name for m in people if _suspect_here(nlp_doc, m)}
    for m in people:
        a = m.actor
        if a.name in suspects:
            a.sector, a.code = "CRM", (a.country + "CRM") if a.country else None


def _suspect_here(nlp_doc: Any, m: Mention) -> bool:
    span = nlp_doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    head = root.head
    if root.dep_ == "dobj" and head.lemma_ in _JUSTICE:
        return True
    if root.dep_ == "nsubjpass" and (head.lemma_ in _JUSTICE or head.lemma_ in _PASSIVE_ONLY):
        return True
    if root.dep_ == "appos" and head.lemma_ in _SUSPECT_NOUNS:
        return True  # "the suspect, Michael Webb"
    return any(c.lemma_ in _SUSPECT_NOUNS for c in root.children if c.dep_ in ("appos", "compound"))
