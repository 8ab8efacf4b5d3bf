"""The CAMEO verb lexicon: which verbs report an event, and which code the words around them select.

Derived from the PETRARCH2 CAMEO verb dictionary (MIT, Open Event Data Alliance) by
``training/events/build_lexicon.py``. A verb has a default code (or none: it codes only through a
pattern) and a list of patterns, most specific first. A pattern names words that must occur before
the verb (its subject side), after it (objects), and inside prepositional phrases it governs.
Matching works on the dependency parse instead of PETRARCH's constituency trees: the words of a
region are the lower-cased forms and lemmas of the tokens in the verb's subtree on that side.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from herald.events.ontology import load_json

Alt = tuple[str, ...]  # atoms that must all occur: words, or synset references "&NAME"
Slot = tuple[Alt, ...]  # one of the alternatives must occur


@dataclass(frozen=True)
class Pattern:
    pre: tuple[Slot, ...]
    post: tuple[Slot, ...]
    preps: tuple[tuple[str, tuple[Slot, ...]], ...]
    code: str | None
    n: int
    index: int
    anchor: str  # "pre" | "post" | a preposition: the region the anchors must occur in
    anchors: frozenset[str]  # one of these words/synsets must occur there (a cheap first test)


@dataclass(frozen=True)
class Entry:
    lemma: str
    code: str | None
    particles: tuple[str, ...]
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True)
class Match:
    code: str | None  # None: a pattern that says "this use of the verb is no event"
    rule: str
    specific: bool  # a pattern matched (not just the verb's default)


class Lexicon:
    """Verb entries keyed by lemma (and "lemma particle" for phrasal verbs)."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.synsets: dict[str, tuple[tuple[str, ...], ...]] = {
            k: tuple(tuple(p) for p in v) for k, v in raw["synsets"].items()
        }
        blocks = [tuple(_pattern(p, i) for i, p in enumerate(block)) for block in raw["blocks"]]
        # first word of every synset phrase -> (synset, phrase): which synsets a region holds is
        # found from its words once, instead of testing every phrase of every synset per pattern
        self.syn_index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for name, phrases in self.synsets.items():
            for phrase in phrases:
                self.syn_index.setdefault(phrase[0], []).append((name, phrase))
        self.entries: dict[str, Entry] = {}
        self.phrasal: dict[str, list[Entry]] = {}
        for key, (code, particles, bid) in raw["verbs"].items():
            lemma = key.split()[0]
            entry = Entry(lemma, code, tuple(particles), blocks[bid])
            if particles:
                self.phrasal.setdefault(lemma, []).append(entry)
            else:
                self.entries[lemma] = entry

    def knows(self, lemma: str) -> bool:
        return lemma in self.entries or lemma in self.phrasal

    def lookup(self, lemma: str, near: set[str]) -> Entry | None:
        """The entry for a verb; a phrasal entry wins when its particles are among ``near``."""
        for entry in self.phrasal.get(lemma, ()):
            if all(p in near for p in entry.particles):
                return entry
        return self.entries.get(lemma)

    def synsets_in(self, words: frozenset[str]) -> frozenset[str]:
        """Names of the synsets one of whose phrases occurs in ``words``."""
        found = set()
        for w in words:
            for name, phrase in self.syn_index.get(w, ()):
                if len(phrase) == 1 or all(x in words for x in phrase):
                    found.add(name)
        return frozenset(found)

    @staticmethod
    def _slots(slots: tuple[Slot, ...], words: frozenset[str], syns: frozenset[str]) -> bool:
        for slot in slots:
            if not any(all((a in syns) if a[0] == "&" else (a in words) for a in alt) for alt in slot):
                return False
        return True

    def match(
        self,
        entry: Entry,
        pre: frozenset[str],
        post: frozenset[str],
        preps: dict[str, frozenset[str]],
    ) -> Match | None:
        """The most specific pattern whose words all occur, else the verb's default code."""
        if entry.patterns:
            pre_s, post_s = self.synsets_in(pre), self.synsets_in(post)
            prep_s = {k: self.synsets_in(v) for k, v in preps.items()}
            seen = {"pre": pre | pre_s, "post": post | post_s}
            for p in entry.patterns:
                region = seen.get(p.anchor)
                if region is None:
                    inside = preps.get(p.anchor)
                    if inside is None:
                        continue
                    region = seen[p.anchor] = inside | prep_s[p.anchor]
                if p.anchors and p.anchors.isdisjoint(region):
                    continue
                if p.pre and not self._slots(p.pre, pre, pre_s):
                    continue
                if p.post and not self._slots(p.post, post, post_s):
                    continue
                ok = True
                for prep, slots in p.preps:
                    inside = preps.get(prep)
                    if inside is None or not self._slots(slots, inside, prep_s[prep]):
                        ok = False
                        break
                if ok:
                    return Match(p.code, f"cameo:{entry.lemma}#{p.index}", True)
        if entry.code:
            return Match(entry.code, f"cameo:{entry.lemma}", False)
        return None


def _pattern(p: dict[str, Any], index: int) -> Pattern:
    pre = tuple(_slot(s) for s in p["pre"])
    post = tuple(_slot(s) for s in p["post"])
    preps = tuple((pp[0], tuple(_slot(s) for s in pp[1])) for pp in p["preps"])
    anchor, anchors = "post", frozenset[str]()
    if post:
        anchors = frozenset(alt[0] for alt in post[0] if alt)
    elif pre:
        anchor, anchors = "pre", frozenset(alt[0] for alt in pre[0] if alt)
    elif preps:
        anchor = preps[0][0]
        anchors = frozenset(alt[0] for alt in preps[0][1][0] if alt) if preps[0][1] else frozenset()
    return Pattern(pre, post, preps, p["code"], p["n"], index, anchor, anchors)


def _slot(raw: list[list[str]]) -> Slot:
    return tuple(tuple(a) for a in raw)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The verb lexicon, parsed once per process."""
    return Lexicon(load_json("verbs.json"))
