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
    parser's output is projective but for rare repairs)."""

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
        "left_edge",
        "right_edge",
        "doc",
        "_all",
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
    left_edge: Tok
    right_edge: Tok
    doc: Any  # the spaCy Doc, for text slices
    _all: list[Tok]

    @property
    def subtree(self) -> list[Tok]:
        return self._all[self.left_edge.i : self.right_edge.i + 1]

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
    ``to_array`` call; the subtree edges computed from the heads)."""
    n = len(doc)
    if n == 0:
        return []
    arr = doc.to_array(list(_ATTRS))
    heads = (doc.to_array([HEAD]).astype(np.int64) + np.arange(n)).tolist()
    cache, lower = _STRINGS, _LOWER
    missing = set(np.unique(arr[:, :6]).tolist()).difference(cache)
    if missing:
        if len(cache) > _CACHE_MAX:  # a long crawl meets ever new words: start over
            cache.clear(), lower.clear()
            cache[0] = lower[0] = ""
            missing = set(np.unique(arr[:, :6]).tolist()).difference(cache)
        strings = doc.vocab.strings
        for h in missing:
            cache[h] = strings[h]
            lower[h] = cache[h].lower()
    new = Tok.__new__
    toks: list[Tok] = []
    for i, (orth, low, lem, pos, dep, ent, iob, punct, space, num, idx) in enumerate(arr.tolist()):
        k = new(Tok)
        k.i, k.idx, k.text, k.lower_, k.lemma_ = i, idx, cache[orth], cache[low], lower[lem]
        k.pos_, k.dep_, k.ent_type_, k.ent_iob_ = cache[pos], cache[dep], cache[ent], _IOB[iob]
        k.is_punct, k.is_space, k.like_num = punct == 1, space == 1, num == 1
        k.children, k.doc, k._all = [], doc, toks
        toks.append(k)
    lo, hi = list(range(n)), list(range(n))
    for i, h in enumerate(heads):
        k = toks[i]
        k.head = toks[h]
        if h != i:
            toks[h].children.append(k)
        j, steps = i, 0
        while heads[j] != j and steps < n:  # every ancestor's subtree reaches this token
            j, steps = heads[j], steps + 1
            if i < lo[j]:
                lo[j] = i
            elif i > hi[j]:
                hi[j] = i
    for k, a, b in zip(toks, lo, hi, strict=True):
        k.left_edge, k.right_edge = toks[a], toks[b]
    return toks


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
