"""Plain-Python copies of the parse, built once per document.

The rules walk the dependency tree many times per sentence (subjects, objects, the words of each
side of a verb, negation, mood). Every ``token.children`` or ``token.head`` on a spaCy ``Doc``
creates new Token objects and every ``lemma_`` looks a string up, which made the tree walks cost
more than everything else in the stage. :func:`sheet` reads each token's attributes once into a
:class:`Tok` with the same attribute names (so the rule code reads the same on either), with
children, head and subtree as direct references.
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LIKE_NUM, LOWER, ORTH, POS


_FIELDS = (
    "i", "idx", "text", "lower_", "lemma_", "pos_", "dep_", "ent_type_", "ent_iob_",
    "is_punct", "is_space", "like_num", "head_i", "children", "doc", "_all", "_edges",
)  # fmt: skip


class Tok(tuple):  # type: ignore[type-arg]
    """One token: the spaCy attributes the events stage reads, as plain fields.

    A tuple, so that a whole document's tokens are made by C-level ``map``/``zip`` calls from
    the columns of one ``to_array`` (making them one by one in Python cost as much as the rules
    saved). Fields are read through ``itemgetter`` properties, like a namedtuple. ``lemma_`` is
    already lower-cased (every caller compares lower-cased lemmas). ``subtree`` is the span from
    the left to the right edge, which is the subtree for a projective parse (the parser's output
    is projective but for rare repairs; then the span is a few tokens wider). Identity, not
    value, is equality: two tokens are the same token only if they are one object."""

    __slots__ = ()
    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other

    def __ne__(self, other: object) -> bool:
        return self is not other

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
    head_i: int
    children: list[Tok]
    doc: Any  # the spaCy Doc, for text slices
    _all: list[Tok]
    _edges: list[int]  # [] until computed, then [first, last] index of the subtree

    @property
    def head(self) -> Tok:
        return self._all[self.head_i]

    def edges(self) -> list[int]:
        """First and last index of the subtree (computed on first use)."""
        e = self._edges
        if not e:
            lo = hi = self.i
            stack = list(self.children)
            while stack:
                t = stack.pop()
                if t.i < lo:
                    lo = t.i
                elif t.i > hi:
                    hi = t.i
                stack.extend(t.children)
            e.extend((lo, hi))
        return e

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


for _k, _name in enumerate(_FIELDS):
    setattr(Tok, _name, property(itemgetter(_k), doc=_name))

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
    arr = doc.to_array(list(_ATTRS))
    cols = arr.T.tolist()
    heads = (doc.to_array([HEAD]).astype(np.int64) + np.arange(n)).tolist()
    cache, lower = _STRINGS, _LOWER
    if len(cache) > _CACHE_MAX:  # a long crawl meets ever new words: start over
        cache.clear(), lower.clear()
        cache[0] = lower[0] = ""
    missing = set().union(*cols[:6]).difference(cache)
    if missing:
        strings = doc.vocab.strings
        for h in missing:
            cache[h] = s = strings[h]
            lower[h] = s.lower()
    get, low = cache.__getitem__, lower.__getitem__
    orth, lows, lem, pos, dep, ent, iob, punct, space, num, idx = cols
    toks: list[Tok] = []
    flags = [False, True]
    rows = zip(
        range(n),
        idx,
        map(get, orth),
        map(get, lows),
        map(low, lem),
        map(get, pos),
        map(get, dep),
        map(get, ent),
        map(_IOB.__getitem__, iob),
        map(flags.__getitem__, punct),
        map(flags.__getitem__, space),
        map(flags.__getitem__, num),
        heads,
        ([] for _ in range(n)),
        repeat(doc, n),
        repeat(toks, n),
        ([] for _ in range(n)),
    )
    toks.extend(map(Tok.__new__, repeat(Tok, n), rows))
    for k, h in zip(toks, heads, strict=True):
        if h != k[0]:
            toks[h][13].append(k)
    return toks


def root(toks: list[Tok]) -> Tok | None:
    """The sentence's root (its own head), as ``Span.root`` gives it."""
    for t in toks:
        if t.head.i == t.i:
            return t
    return toks[0] if toks else None


def light(sent: Any) -> list[Tok]:
    """Light tokens of a sentence: a list of :class:`Tok` is returned as is, a spaCy Span is
    converted. The sentences of one document arrive one after another, so the last document's
    sheet is kept (one entry, swapped as a whole tuple: safe under threads; nothing is stored on
    the Doc, which must stay serialisable)."""
    if isinstance(sent, list):
        return sent
    import os
    if os.environ.get("SPACYTOK"):
        return list(sent)
    return _cached(sent.doc)[1][sent.start : sent.end]


def doc_text(doc: Any) -> str:
    """The text of a spaCy Doc (``Doc.text`` joins every token anew on each call)."""
    return _cached(doc)[2]


def _cached(doc: Any) -> tuple[Any, list[Tok], str]:
    global _LAST
    last = _LAST
    if last is not None and last[0] is doc and len(last[1]) == len(doc):
        return last
    _LAST = last = (doc, sheet(doc), doc.text)
    return last


_LAST: tuple[Any, list[Tok], str] | None = None
