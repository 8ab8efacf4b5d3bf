"""Find every knowledge-base phrase in a text in one pass (an Aho-Corasick automaton).

All names, aliases, role phrases, metonyms and back-referring nouns go into one automaton over
case-folded text, so the cost per document is linear in its length whatever the size of the
knowledge base. Case is checked afterwards on the original text: names must be capitalised
("Turkey", not "turkey"), short ones must be in capitals ("US", not "us"), role nouns need not.
"""

from __future__ import annotations

import functools
import threading
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
    """The automaton of every phrase in ``kb`` (keys are already normalised).

    Each key is stored with itself as the value; what it stands for (its :class:`Term`) is made
    by :class:`Terms` the first time a text contains it. A run meets a few thousand of the
    40,000 keys, so building every Term up front (a third of a second per process) is waste.
    """
    by_alias, corefs, metonyms = kb.by_alias, kb.corefs, kb.metonyms
    keys: set[str] = set(by_alias) | set(kb.agents) | set(metonyms) | set(corefs)
    auto = ahocorasick.Automaton()
    add = auto.add_word
    for key in keys:
        if len(key) < 2:
            continue
        if key.startswith("the ") and key[4:] in by_alias and key not in corefs and key not in metonyms:
            continue  # "the un": "un" matches anyway, and "the" must not hide "UN Security Council"
        # a leading space anchors every key at a word start (see :func:`scan`)
        add(" " + key, key)
    auto.make_automaton()
    return auto


def make_term(kb: KB, key: str) -> Term:
    """What the automaton key ``key`` stands for in ``kb``."""
    letters = sum(c.isalpha() for c in key)
    return Term(
        key=key,
        entities=tuple(kb.by_alias.get(key, ())),
        agent=kb.agents.get(key),
        metonym=kb.metonyms.get(key),
        coref=kb.corefs.get(key),
        short=letters <= 3 and " " not in key,
        kind=kb.entities[kb.by_alias[key][0]].kind if key in kb.by_alias else "",
        size=len(key),
    )


class Terms(dict[str, Term]):
    """key -> :class:`Term` of one knowledge base, each made on first use and then kept."""

    def __init__(self, kb: KB) -> None:
        super().__init__()
        self.kb = kb

    def __missing__(self, key: str) -> Term:
        term = self[key] = make_term(self.kb, key)
        return term


@functools.lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """The shipped knowledge base's automaton, built once per process."""
    return build(load())


@functools.lru_cache(maxsize=1)
def terms() -> Terms:
    """The shipped knowledge base's terms (filled as texts meet them), one table per process."""
    return Terms(load())


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


# texts whose shipped-KB hits are kept: more than a pipeline chunk (64 documents), and a bound on
# their characters so that a stream of very long texts does not hold more memory
_RECENT, _RECENT_CHARS = 128, 2_000_000
_recent: dict[str, tuple[Hit, ...]] = {}
_recent_chars = 0
_recent_lock = threading.Lock()


def scan(text: str, auto: ahocorasick.Automaton | None = None, kb: KB | None = None) -> list[Hit]:
    """:func:`scan_text`, remembered for the last few texts scanned with the shipped knowledge base.

    The same article is scanned twice per run: by the actors stage, and again when the time stage
    asks for roles as of the story's date (:func:`herald.actors.reresolve`); the hits do not depend
    on the date, so the second scan is a lookup. Hits are never modified after the scan.
    """
    if auto is not None or kb is not None:
        return scan_text(text, auto, kb)
    global _recent_chars
    with _recent_lock:
        hits = _recent.get(text)
    if hits is None:
        hits = tuple(scan_text(text))
        with _recent_lock:
            if text not in _recent:
                _recent[text] = hits
                _recent_chars += len(text)
            while len(_recent) > 1 and (len(_recent) > _RECENT or _recent_chars > _RECENT_CHARS):
                oldest = next(iter(_recent))
                del _recent[oldest]
                _recent_chars -= len(oldest)
    return list(hits)


def scan_text(text: str, auto: ahocorasick.Automaton | None = None, kb: KB | None = None) -> list[Hit]:
    """Leftmost-longest, non-overlapping phrase hits in ``text``, in order (``iter_long``).

    Keys are stored with a leading space and the text is scanned with punctuation turned into
    spaces, so the automaton only reports phrases that start a word: the C loop does the
    boundary work and Python sees a few candidates per sentence, not every substring.
    ``auto`` and ``kb`` go together: an automaton :func:`build` made from ``kb`` (default: the
    shipped knowledge base's).
    """
    auto = auto if auto is not None else automaton()
    table = terms() if kb is None else Terms(kb)
    folded = fold(text, _SCAN)
    n = len(folded)
    found: list[Hit] = []
    append = found.append
    missed: list[tuple[int, int]] = []
    for end, key in auto.iter_long(" " + folded):
        # ``end`` is the last index in the padded string = the exclusive end in ``text``
        term = table[key]
        start = end - term.size
        cat = None if _inside_word(folded, end) else _category(term, text, start, end)
        if cat is not None:
            append(Hit(start, end, cat, term))
        else:  # read again up to the end of the word the key stopped in
            while end < n and folded[end].isalnum():
                end += 1
            missed.append((start, end))
    if missed:  # the longest key failed ("White House official|s"): shorter ones may not
        found = sorted(
            found + [h for s, e in missed for h in _shorter(text, folded, s, e, auto, table)], key=_start
        )
    return found


def _inside_word(folded: str, end: int) -> bool:
    """Does a key ending at ``end`` stop inside a word ("official" in "officials")?"""
    if end >= len(folded):
        return False
    c = folded[end]
    return c.isalnum() or (c == "-" and end + 1 < len(folded) and folded[end + 1].isalpha())


def _start(h: Hit) -> int:
    return h.start


def _shorter(
    text: str, folded: str, lo: int, hi: int, auto: ahocorasick.Automaton, table: dict[str, Term]
) -> list[Hit]:
    """Leftmost-longest hits of the keys that lie inside [lo, hi), where ``iter_long`` found only a
    longer key that does not hold ("White House officials": "white house official" stops inside
    "officials"; "White House" and "officials" hold)."""
    cands: list[tuple[int, int, Term]] = []
    for k_end, key in auto.iter(" " + folded[lo:hi]):
        end = lo + k_end
        term = table[key]
        start = end - term.size
        if start >= lo and end <= hi and not _inside_word(folded, end):
            cands.append((start, end, term))
    cands.sort(key=lambda c: (c[0], -c[1]))
    out: list[Hit] = []
    at = lo
    for start, end, term in cands:
        if start < at:
            continue
        cat = _category(term, text, start, end)
        if cat is not None:
            out.append(Hit(start, end, cat, term))
            at = end
    return out
