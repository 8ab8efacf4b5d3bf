"""The parse of a spaCy ``Doc`` as plain lists (:class:`Tree`), built once per document and shared
by the rules (:mod:`herald.events.rules`), the parties (:mod:`herald.events.parties`) and the
features (:mod:`herald.events.features`)."""

from __future__ import annotations

import weakref
from operator import add, itemgetter, or_
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LENGTH,
    LIKE_NUM,
    ORTH,
    POS,
    SPACY,
)

if TYPE_CHECKING:
    from herald.events.lexicon import Match

# --- the parse as plain lists ----------------------------------------------------------------------

_ATTRS = [POS, DEP, HEAD, LEMMA, IDX, LENGTH, ORTH, SPACY, IS_PUNCT, IS_SPACE, LIKE_NUM, ENT_IOB, ENT_TYPE]
_ENT_BEGIN = 3  # ENT_IOB: 3 B, 1 I, 2 O, 0 unset
_STRINGS: dict[int, str] = {}  # spaCy string hash -> string (hashes are stable across documents)
_LOWERED: dict[int, str] = {}  # lemma hash -> lower-cased lemma
_CACHE_MAX = 50_000  # bounded: a long stream of new words must not grow the caches forever
_NO_KIDS: tuple[int, ...] = ()
_SPACE = ("", " ")  # a token's trailing whitespace, by its SPACY flag


def _decode(hashes: list[int], table: dict[int, str], strings: Any, lower: bool = False) -> list[str]:
    """Strings for a column of hashes, through a process-wide table: C-level dict lookups, and one
    StringStore call per hash never seen before."""
    try:
        return list(map(table.__getitem__, hashes))
    except KeyError:
        if len(table) > _CACHE_MAX:
            table.clear()
        for h in set(hashes).difference(table):
            table[h] = strings[h].lower() if lower else strings[h]
        return list(map(table.__getitem__, hashes))


class Tree:
    """The parse of one spaCy ``Doc`` as parallel lists indexed by token position.

    Built from one ``Doc.to_array`` call; ``kids[i]`` holds token i's children in order (spaCy's
    ``children``; an empty tuple for a leaf), ``lemma`` is lower-cased (the only form the rules
    use). Few containers per token on purpose: the trees of a batch stay alive together, and every
    long-lived container allocated brings the next garbage-collector pass closer.
    """

    __slots__ = (
        "doc_ref", "pos", "dep", "head", "lower", "lemma", "idx", "length", "orth", "kids", "text", "infos",
        "verbs", "skip", "num", "ent_begin",
    )  # fmt: skip

    def __init__(self, doc: Any) -> None:
        self.doc_ref = weakref.ref(doc)  # never a strong reference: the tree lives as long as its doc
        arr = doc.to_array(_ATTRS)
        cols = arr.T.tolist() if len(doc) else [[] for _ in _ATTRS]
        strings = doc.vocab.strings
        self.pos = _decode(cols[0], _STRINGS, strings)
        self.dep = _decode(cols[1], _STRINGS, strings)
        # HEAD is an offset, negative ones wrapped into uint64: read that column as signed
        self.head: list[int] = list(map(add, range(len(arr)), arr[:, 2].view(np.int64).tolist()))
        self.lemma = _decode(cols[3], _LOWERED, strings, lower=True)
        self.idx: list[int] = cols[4]
        self.length: list[int] = cols[5]
        self.orth = orth = _decode(cols[6], _STRINGS, strings)
        # spaCy's English LOWER is the word's str.lower(): no second column of hashes to decode
        self.lower = list(map(str.lower, orth))
        # Doc.text builds a Token per token; the words and their trailing spaces give the same text
        self.text = "".join(map(add, orth, map(_SPACE.__getitem__, cols[7])))
        kids: list[Any] = [_NO_KIDS] * len(orth)
        for j, h in enumerate(self.head):
            if h != j:
                k = kids[h]
                if k:
                    k.append(j)
                else:
                    kids[h] = [j]
        self.kids: list[list[int] | tuple[int, ...]] = kids
        self.infos: dict[tuple[int, int], list[tuple[int, str, Match | None, bool, str | None]]] = {}
        # per verb: its lexicon match and negation, which depend on the tree alone (not on the span
        # asked about), so the story-level analysis reuses what the sentences computed
        self.verbs: dict[int, tuple[Match | None, bool]] = {}
        # for the classifiers' token features: punctuation or space, number-like, entity starts
        self.skip: list[bool] = list(map(or_, cols[8], cols[9]))
        self.num: list[int] = cols[10]
        types = _decode(cols[12], _STRINGS, strings)
        self.ent_begin: list[str] = [
            t if b == _ENT_BEGIN else "" for b, t in zip(cols[11], types, strict=True)
        ]

    @property
    def doc(self) -> Any:
        return self.doc_ref()

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the span."""
        if end <= start:
            return ""
        return self.text[self.idx[start] : self.idx[end - 1] + self.length[end - 1]]

    def subtree(self, i: int) -> list[int]:
        """Token i and its descendants, in no particular order (the rules use them as sets)."""
        kids = self.kids
        out = [i]
        for x in out:  # the list grows while it is read: a breadth-first walk without a queue
            ks = kids[x]
            if ks:
                out.extend(ks)
        return out

    def ordered_subtree(self, i: int) -> list[int]:
        """Token i's subtree in spaCy's ``Token.subtree`` order (left children, i, right children)."""
        out: list[int] = []
        for c in self.kids[i]:
            if c < i:
                out.extend(self.ordered_subtree(c))
        out.append(i)
        for c in self.kids[i]:
            if c > i:
                out.extend(self.ordered_subtree(c))
        return out

    def root(self, start: int, end: int) -> int | None:
        """The first token of [start, end) that is its own head (what ``Span.root`` returns for a
        sentence), or None."""
        head = self.head
        for i in range(start, end):
            if head[i] == i:
                return i
        return None

    def left_edge(self, i: int) -> int:
        return min(self.subtree(i))

    def words(self, i: int) -> set[str]:
        """Lower-cased forms and lemmas of token i's subtree."""
        if not self.kids[i]:
            return {self.lower[i], self.lemma[i]}
        pick = itemgetter(*self.subtree(i))
        out = set(pick(self.lower))
        out.update(pick(self.lemma))
        return out


_TREES: weakref.WeakKeyDictionary[Any, Tree] = weakref.WeakKeyDictionary()
_LAST: tuple[Any, Tree | None] = (lambda: None, None)  # (weak reference to a doc, its tree)


def tree(doc: Any) -> Tree:
    """The document's :class:`Tree`, built on first use and dropped with the document."""
    global _LAST
    ref, t = _LAST
    if ref() is doc and t is not None and len(t.pos) == len(doc):
        return t  # the stage asks for the same document's tree several times per sentence
    t = _TREES.get(doc)
    if t is None or len(t.pos) != len(doc):
        t = _TREES[doc] = Tree(doc)
    _LAST = (t.doc_ref, t)
    return t


def clear_trees() -> None:
    """Forget every tree (benchmarks: each pass must pay for building them, as a real run does)."""
    global _LAST, _TREES
    _TREES = weakref.WeakKeyDictionary()
    _LAST = (lambda: None, None)
