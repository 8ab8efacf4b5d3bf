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
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
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
class PatternIndex:
    """A verb's patterns by anchor word, so that matching looks only at the patterns whose anchor
    occurs in the sentence instead of testing each of them (a common verb has hundreds).

    ``free``: positions of the patterns with no anchor word (always tried); ``anchored``: region ->
    (the region's anchor words, whether some are synsets, word -> positions of the patterns it
    anchors).
    """

    free: tuple[int, ...]
    anchored: dict[str, tuple[frozenset[str], bool, dict[str, tuple[int, ...]]]]


def _index(patterns: tuple[Pattern, ...]) -> PatternIndex:
    free: list[int] = []
    table: dict[str, dict[str, list[int]]] = {}
    for pos, p in enumerate(patterns):
        if not p.anchors:
            free.append(pos)
            continue
        region = table.setdefault(p.anchor, {})
        for word in p.anchors:
            region.setdefault(word, []).append(pos)
    anchored = {
        region: (
            frozenset(words),
            any(w.startswith("&") for w in words),
            {w: tuple(ps) for w, ps in words.items()},
        )
        for region, words in table.items()
    }
    return PatternIndex(tuple(free), anchored)


@dataclass(frozen=True)
class Entry:
    lemma: str
    code: str | None
    particles: tuple[str, ...]
    patterns: tuple[Pattern, ...]
    index: PatternIndex = field(default=PatternIndex((), {}), compare=False, hash=False, repr=False)


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
        indexes = [_index(block) for block in blocks]
        # first word of every synset phrase -> (synset, phrase): which synsets a region holds is
        # found from its words once, instead of testing every phrase of every synset per pattern
        self.syn_index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for name, phrases in self.synsets.items():
            for phrase in phrases:
                self.syn_index.setdefault(phrase[0], []).append((name, phrase))
        self.syn_first = frozenset(self.syn_index)  # the few words that can start a synset phrase
        self.entries: dict[str, Entry] = {}
        self.matches: dict[tuple[str, str | None, int | None], Match] = {}
        self.phrasal: dict[str, list[Entry]] = {}
        for key, (code, particles, bid) in raw["verbs"].items():
            lemma = key.split()[0]
            entry = Entry(lemma, code, tuple(particles), blocks[bid], indexes[bid])
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

    def synsets_in(self, words: AbstractSet[str]) -> frozenset[str]:
        """Names of the synsets one of whose phrases occurs in ``words``."""
        found = set()
        for w in self.syn_first.intersection(words):
            for name, phrase in self.syn_index[w]:
                if len(phrase) == 1 or all(x in words for x in phrase):
                    found.add(name)
        return frozenset(found)

    @staticmethod
    def _slots(slots: tuple[Slot, ...], words: AbstractSet[str], syns: AbstractSet[str]) -> bool:
        for slot in slots:
            if not any(all((a in syns) if a[0] == "&" else (a in words) for a in alt) for alt in slot):
                return False
        return True

    def match(
        self,
        entry: Entry,
        pre: AbstractSet[str],
        post: AbstractSet[str],
        preps: Mapping[str, AbstractSet[str]],
    ) -> Match | None:
        """The most specific pattern whose words all occur, else the verb's default code.

        Patterns are tried in the lexicon's order; only those whose anchor region holds one of
        their anchor words (see :class:`PatternIndex`) can match, so only those are tried.
        """
        if entry.patterns:
            hit = self._first(entry, pre, post, preps)
            if hit is not None:
                return self._match(entry.lemma, hit.code, hit.index)
        if entry.code:
            return self._match(entry.lemma, entry.code, None)
        return None

    def _match(self, lemma: str, code: str | None, index: int | None) -> Match:
        """One shared (frozen) Match per lemma and pattern, made on first use."""
        key = (lemma, code, index)
        m = self.matches.get(key)
        if m is None:
            rule = f"cameo:{lemma}" if index is None else f"cameo:{lemma}#{index}"
            m = self.matches[key] = Match(code, rule, index is not None)
        return m

    def _first(
        self,
        entry: Entry,
        pre: AbstractSet[str],
        post: AbstractSet[str],
        preps: Mapping[str, AbstractSet[str]],
    ) -> Pattern | None:
        """The first of the entry's patterns that matches (see :meth:`match`)."""
        # region -> the synsets in it, found on first use ("pre", "post", " " + a preposition: a
        # preposition's words are never the subject's or object's, even one spelt "post")
        syns: dict[str, frozenset[str]] = {}
        synsets_in = self.synsets_in
        patterns = entry.patterns
        ix = entry.index
        todo = (
            [i for i in ix.free if patterns[i].anchor in ("pre", "post") or patterns[i].anchor in preps]
            if ix.free
            else []
        )
        for region, (keys, synset_keys, table) in ix.anchored.items():
            words = pre if region == "pre" else post if region == "post" else preps.get(region)
            if words is None:
                continue
            hits = keys.intersection(words)
            if synset_keys:
                key = region if region in ("pre", "post") else " " + region
                found = syns.get(key)
                if found is None:
                    found = syns[key] = synsets_in(words)
                found = keys.intersection(found)
                if found:
                    hits = hits | found
            for w in hits:
                todo.extend(table[w])
        if not todo:
            return None
        slots_ok = self._slots
        for i in sorted(set(todo)) if len(todo) > 1 else todo:
            p = patterns[i]
            if p.pre:
                found = syns.get("pre")
                if found is None:
                    found = syns["pre"] = synsets_in(pre)
                if not slots_ok(p.pre, pre, found):
                    continue
            if p.post:
                found = syns.get("post")
                if found is None:
                    found = syns["post"] = synsets_in(post)
                if not slots_ok(p.post, post, found):
                    continue
            ok = True
            for prep, slots in p.preps:
                inside = preps.get(prep)
                if inside is None:
                    ok = False
                    break
                found = syns.get(" " + prep)
                if found is None:
                    found = syns[" " + prep] = synsets_in(inside)
                if not slots_ok(slots, inside, found):
                    ok = False
                    break
            if ok:
                return p
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
