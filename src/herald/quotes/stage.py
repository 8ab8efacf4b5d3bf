"""The quotes stage: fill ``Document.quotes`` for every parsed document.

A bad article (odd marks, a parse the rules do not expect) must never stop a batch: the quote
rules recover from unbalanced marks themselves, and anything unexpected leaves that document with
no quotes and a logged warning while the batch goes on.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Iterator

from herald.models import Actor, Document, Mention
from herald.quotes.extract import quotes_of

log = logging.getLogger(__name__)


def attribute(docs: Iterable[Document]) -> Iterator[Document]:
    """Attach direct and reported quotations with resolved speakers to each ok, parsed document,
    and read the speaker's "I" and "we" inside their quotations as mentions (:func:`first_person`)."""
    for doc in docs:
        if doc.ok and doc.nlp is not None:
            try:
                doc.quotes = quotes_of(doc)
            except Exception as exc:  # noqa: BLE001 - one article must not stop the batch
                log.warning("quotes: %s failed: %s: %s", doc.id, type(exc).__name__, exc)
                doc.quotes = []
            try:
                first_person(doc)
            except Exception as exc:  # noqa: BLE001 - the quotations stand without their "I"
                log.warning("quotes: first person in %s failed: %s: %s", doc.id, type(exc).__name__, exc)
        yield doc


_I = frozenset({"i", "me", "my"})
_WE = frozenset({"we", "us", "our"})
# a speaker who speaks for a body: their "we" is that body ("we arrested him", a police chief)
_BODIES = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "SPY", "REB", "BUS", "MED", "NGO", "IGO", "EDU"}
)


def first_person(doc: Document) -> None:
    """ "I" and "we" inside a direct quotation are its speaker ("'We arrested him,' the chief
    said": the police). "I" is the speaker; "we" is the body the speaker acts for when their
    code has a sector that is one (government, police, a company ...), else the speaker's
    people (country + CVL). Only speakers coded with a sector other than CVL: for an unknown
    private person CVL is a default, and the hand-checked sample found it wrong half the time
    (the executive or official whose employer the text names elsewhere). Added to
    ``doc.mentions`` with ``via="quote"``, in text order."""
    if doc.nlp is None:
        return
    starts = [m.start for m in doc.mentions]
    added: list[Mention] = []
    for q in doc.quotes:
        a = q.speaker_actor
        if q.kind == "indirect" or a is None or not a.code or a.sector in (None, "CVL"):
            continue  # a private speaker's code is the actors stage's guess: not repeated on each "I"
        for s, e in q.parts or [(q.start, q.end)]:
            for tok in doc.nlp.char_span(s, e, alignment_mode="expand") or ():
                low = tok.lower_
                if tok.pos_ != "PRON" or (low not in _I and low not in _WE):
                    continue
                k = bisect.bisect_right(starts, tok.idx) - 1
                if k >= 0 and doc.mentions[k].end > tok.idx:
                    continue  # already a mention
                added.append(
                    Mention(tok.idx, tok.idx + len(tok.text), _voice(a, tok.text, low in _WE), "quote")
                )
    if added:
        doc.mentions = sorted([*doc.mentions, *added], key=lambda m: (m.start, m.end))


def _voice(a: Actor, words: str, plural: bool) -> Actor:
    if not plural:
        return a
    if a.sector in _BODIES or a.kind in ("organisation", "country"):
        return Actor(words, a.name, a.country, a.sector, a.code, None, "agent")
    # a suspect's or a refugee's "we": their people (an organisation code such as "NATO" is no people)
    country = a.country if a.country and len(a.country) == 3 else None
    return Actor(
        words,
        a.name,
        country,
        "CVL" if country else None,
        (country + "CVL") if country else None,
        None,
        "agent",
    )
