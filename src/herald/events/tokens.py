"""Plain-Python copies of the parse, built once per document.

The rules walk the dependency tree many times per sentence (subjects, objects, the words of each
side of a verb, negation, mood). Every ``token.children`` or ``token.head`` on a spaCy ``Doc``
creates new Token objects and every ``lemma_`` looks a string up, which made the tree walks cost
more than everything else in the stage. :func:`sheet` reads each token's attributes once into a
:class:`Tok` with the same attribute names (so the rule code reads the same on either), with
children, head and subtree as direct references: about three times faster per sentence.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH, POS


class Tok:
    """One token: the spaCy attributes the events stage reads, as plain fields.

    ``lemma_`` is already lower-cased (every caller compares lower-cased lemmas). ``subtree`` is
    the span from the left to the right edge, which is the subtree for a projective parse (the
    parser's output is projective but for rare repairs; then the span is a few tokens wider)."""

    __slots__ = (
        "i",
        "idx",
        "text",
        "lower_",
        "lemma_",
        "pos_",
        "dep_",
        "ent_type_",
        "ent_iob_",
        "is_punct",
        "is_space",
        "like_num",
        "head",
        "children",
        "doc",
        "_all",
        "_edges",
    )

    i: int
    idx: int
    text: str
    lower_: str
    lemma_: str
    pos_: str
    dep_: str
    ent_type_: str
    ent_iob_: str
    is_punct: bool
    is_space: bool
    like_num: bool
    head: Tok
    children: list[Tok]
    doc: Any  # the spaCy Doc, for text slices
    _all: list[Tok]
    _edges: tuple[int, int] | None

    def edges(self) -> tuple[int, int]:
        """First and last index of the subtree (computed on first use)."""
        if self._edges is None:
            lo = hi = self.i
            stack = list(self.children)
            while stack:
                t = stack.pop()
                if t.i < lo:
                    lo = t.i
                elif t.i > hi:
                    hi = t.i
                stack.extend(t.children)
            self._edges = (lo, hi)
        return self._edges

    @property
    def left_edge(self) -> Tok:
        return self._all[self.edges()[0]]

    @property
    def right_edge(self) -> Tok:
        return self._all[self.edges()[1]]

    @property
    def subtree(self) -> list[Tok]:
        lo, hi = self.edges()
        return self._all[lo : hi + 1]

    @property
    def lefts(self) -> list[Tok]:
        return [c for c in self.children if c.i < self.i]

    def __repr__(self) -> str:
        return self.text


_ATTRS = (ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, ENT_IOB, IS_PUNCT, IS_SPACE, LIKE_NUM, IDX)
_IOB = ("", "I", "O", "B")
_STRINGS: dict[int, str] = {0: ""}  # string hash -> string: the same few thousand words recur
_LOWER: dict[int, str] = {0: ""}  # string hash -> lower-cased string (lemmas)
_CACHE_MAX = 500_000


def sheet(doc: Any) -> list[Tok]:
    """Light tokens of a whole spaCy Doc, indexed like the Doc (attributes read in one
    ``to_array`` call; subtrees computed only for the tokens that ask)."""
    n = len(doc)
    if n == 0:
        return []
    rows = doc.to_array(list(_ATTRS)).tolist()
    heads = (doc.to_array([HEAD]).astype(np.int64) + np.arange(n)).tolist()
    cache, lower = _STRINGS, _LOWER
    if len(cache) > _CACHE_MAX:  # a long crawl meets ever new words: start over
        cache.clear(), lower.clear()
        cache[0] = lower[0] = ""
    strings, new = doc.vocab.strings, Tok.__new__
    toks: list[Tok] = []
    for i, (orth, low, lem, pos, dep, ent, iob, punct, space, num, idx) in enumerate(rows):
        k = new(Tok)
        k.text = cache.get(orth) or _add(strings, orth)
        k.lower_ = cache.get(low) or _add(strings, low)
        k.lemma_ = lower.get(lem) or _add(strings, lem, True)
        k.pos_ = cache.get(pos) or _add(strings, pos)
        k.dep_ = cache.get(dep) or _add(strings, dep)
        k.ent_type_ = cache[ent] if ent in cache else _add(strings, ent)
        k.i, k.idx, k.ent_iob_ = i, idx, _IOB[iob]
        k.is_punct, k.is_space, k.like_num = punct == 1, space == 1, num == 1
        k.children, k.doc, k._all, k._edges = [], doc, toks, None
        toks.append(k)
    for k, h in zip(toks, heads, strict=True):
        head = toks[h]
        k.head = head
        if head is not k:
            head.children.append(k)
    return toks


def _add(strings: Any, h: int, lowered: bool = False) -> str:
    s = strings[h]
    _STRINGS[h] = s
    _LOWER[h] = s.lower()
    return _LOWER[h] if lowered else s


def root(toks: list[Tok]) -> Tok | None:
    """The sentence's root (its own head), as ``Span.root`` gives it."""
    for t in toks:
        if t.head is t:
            return t
    return toks[0] if toks else None


def light(sent: Any) -> list[Tok]:
    """Light tokens of a sentence: a list of :class:`Tok` is returned as is, a spaCy Span is
    converted. The sentences of one document arrive one after another, so the last document's
    sheet is kept (one entry, swapped as a whole tuple: safe under threads; nothing is stored on
    the Doc, which must stay serialisable)."""
    global _LAST
    if isinstance(sent, list):
        return sent
    doc = sent.doc
    last = _LAST
    if last is not None and last[0] is doc and len(last[1]) == len(doc):
        toks = last[1]
    else:
        toks = sheet(doc)
        _LAST = (doc, toks)
    return toks[sent.start : sent.end]


_LAST: tuple[Any, list[Tok]] | None = None
