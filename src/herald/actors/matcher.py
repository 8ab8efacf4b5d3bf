"""Find every knowledge-base phrase in a text in one pass (an Aho-Corasick automaton).

All names, aliases, role phrases, metonyms and back-referring nouns go into one automaton over
case-folded text, so the cost per document is linear in its length whatever the size of the
knowledge base. Case is checked afterwards on the original text: names must be capitalised
("Turkey", not "turkey"), short ones must be in capitals ("US", not "us"), role nouns need not.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ahocorasick

from herald.actors import kb as kbm
from herald.actors.kb import KB, Agent, Metonym, fold, load

# hit categories
ENTITY, AGENT, METONYM, COREF = "E", "A", "M", "R"


@dataclass(frozen=True, slots=True)
class Term:
    """What one automaton key stands for; a key can be several things at once."""

    key: str
    entities: tuple[int, ...]
    agent: Agent | None
    metonym: Metonym | None
    coref: tuple[str, ...] | None
    short: bool  # needs capitals in the text ("US", "UN", "MBS")
    kind: str = ""  # kind of the first entity: person | country | organisation | place
    size: int = 0  # len(key)


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    cat: str
    term: Term


def build(kb: KB) -> ahocorasick.Automaton:
    """The automaton of every phrase in ``kb`` (keys are already normalised)."""
    keys: set[str] = set(kb.by_alias) | set(kb.agents) | set(kb.metonyms) | set(kb.corefs)
    auto = ahocorasick.Automaton()
    for key in keys:
        if len(key) < 2:
            continue
        if key.startswith("the ") and key[4:] in kb.by_alias and key not in kb.corefs \
                and key not in kb.metonyms:
            continue  # "the un": "un" matches anyway, and "the" must not hide "UN Security Council"
        letters = sum(c.isalpha() for c in key)
        term = Term(
            key=key,
            entities=tuple(kb.by_alias.get(key, ())),
            agent=kb.agents.get(key),
            metonym=kb.metonyms.get(key),
            coref=kb.corefs.get(key),
            short=letters <= 3 and " " not in key,
            kind=kb.entities[kb.by_alias[key][0]].kind if key in kb.by_alias else "",
            size=len(key),
        )
        # a leading space anchors every key at a word start (see :func:`scan`)
        auto.add_word(" " + key, term)
    auto.make_automaton()
    return auto


@functools.lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """The shipped knowledge base's automaton, built once per process."""
    return build(load())


def _category(term: Term, text: str, start: int, end: int) -> str | None:
    """Which reading of ``term`` the text at [start, end) supports, if any."""
    if term.short:
        span = text[start:end]
        proper = span.isupper()
    else:
        c = text[start + 4] if term.key.startswith("the ") and end - start > 4 else text[start]
        proper = c.isupper() or c.isdigit()
    if proper:
        if term.metonym is not None:
            return METONYM
        if term.coref is not None:
            return COREF
        if term.entities:
            return ENTITY
    elif term.coref is not None:
        return COREF
    if term.agent is not None and not term.short:
        return AGENT
    return None


# punctuation that separates words; "." "'" "-" "&" "/" stay, names contain them ("U.S.")
_BREAKS = str.maketrans({c: " " for c in ',;:!?()[]{}"“”«»*|<>+=#@~^_\u2026'})
_SCAN = {**kbm._FOLD, **_BREAKS}


def scan(text: str, auto: ahocorasick.Automaton | None = None) -> list[Hit]:
    """Leftmost-longest, non-overlapping phrase hits in ``text``, in order (``iter_long``).

    Keys are stored with a leading space and the text is scanned with punctuation turned into
    spaces, so the automaton only reports phrases that start a word: the C loop does the
    boundary work and Python sees a few candidates per sentence, not every substring.
    """
    auto = auto if auto is not None else automaton()
    folded = fold(text, _SCAN)
    n = len(folded)
    found: list[Hit] = []
    append = found.append
    for end, term in auto.iter_long(" " + folded):
        # ``end`` is the last index in the padded string = the exclusive end in ``text``
        if end < n:
            c = folded[end]
            if c.isalnum() or (c == "-" and end + 1 < n and folded[end + 1].isalpha()):
                continue
        start = end - term.size
        cat = _category(term, text, start, end)
        if cat is not None:
            append(Hit(start, end, cat, term))
    return found
