"""The model's attribute ruler and rule lemmatizer, computed once per distinct token instead of per token.

Why: in en_core_web_sm the two rule-based components that set coarse POS, morphology and lemmas
(``attribute_ruler`` then ``lemmatizer``) cost about a fifth of the whole parse, as much as the
dependency parser. Both run a Python loop (the ruler's Matcher tries 179 patterns at every token, the
lemmatizer builds a Token and its morphology key per token), yet their result depends on very little:

* a one-token ruler pattern looks only at the token's LOWER, TAG, DEP and IS_SPACE values (as the
  tagger and parser left them: every pattern is matched before any is applied);
* the eight two-token patterns ("gon na", "let 's", expletive "there is" ...) start with one of a few
  known words or an ``expl`` dependency;
* the lemmatizer's answer is a function of (ORTH, POS, MORPH): spaCy itself caches it under that key.

So :class:`Morphology` reads those columns for the whole document with ``Doc.to_array``, looks each
distinct key up once (applying the patterns in the ruler's own precedence order on a miss), and writes
POS, MORPH and LEMMA back in one ``Doc.from_array``. The outputs are the same token for token as the
two components it replaces: ``tests/nlp/test_morphology.py`` checks every token attribute against the
stock pipeline on real articles, and the caches are bounded so a long stream's memory stays flat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG

CACHE_LIMIT = 100_000  # distinct keys kept before a cache starts over (bounds memory on long streams)

Predicate = tuple[str, Any]  # (attribute name, its condition as written in the pattern)


@dataclass(frozen=True)
class Rule:
    """One ruler pattern: its precedence (later rules win), token conditions and normalised attrs."""

    order: int
    tokens: tuple[tuple[Predicate, ...], ...]
    index: int  # which token of the match receives the attributes
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value) as the ruler would set them


def _holds(cond: Any, value: Any) -> bool:
    if isinstance(cond, dict):
        if "IN" in cond and value not in cond["IN"]:
            return False
        if "NOT_IN" in cond and value in cond["NOT_IN"]:
            return False
        return "REGEX" not in cond or re.search(cond["REGEX"], str(value)) is not None
    return bool(cond == value)


def _matches(preds: tuple[Predicate, ...], values: dict[str, Any]) -> bool:
    return all(_holds(cond, values[name]) for name, cond in preds)


SUPPORTED = {"LOWER", "TAG", "DEP", "IS_SPACE"}
SUPPORTED_OPS = {"IN", "NOT_IN", "REGEX"}


def rules_of(ruler: Any) -> list[Rule]:
    """The ruler's patterns as :class:`Rule` objects; refuses pattern syntax it does not evaluate."""
    out = []
    for order, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            preds = []
            for tok in pattern:
                for name, cond in tok.items():
                    ops = set(cond) if isinstance(cond, dict) else set()
                    if name not in SUPPORTED or not ops <= SUPPORTED_OPS:
                        raise ValueError(f"attribute ruler pattern not supported: {tok}")
                preds.append(tuple(tok.items()))
            attrs = tuple(sorted(ruler.attrs[order].items()))
            out.append(Rule(order, tuple(preds), entry["index"], attrs))
    return out


def _named_lowers(rules: list[Rule]) -> tuple[set[str], list[re.Pattern[str]]]:
    """The words that the rules' LOWER conditions name, and their LOWER regular expressions."""
    words: set[str] = set()
    regexes: list[re.Pattern[str]] = []
    for r in rules:
        for name, cond in (p for tok in r.tokens for p in tok):
            if name != "LOWER":
                continue
            if isinstance(cond, dict):
                words.update(cond.get("IN", []), cond.get("NOT_IN", []))
                if "REGEX" in cond:
                    regexes.append(re.compile(cond["REGEX"]))
            else:
                words.add(cond)
    return words, regexes


class Morphology:
    """Drop-in for ``attribute_ruler`` + ``lemmatizer`` (rule mode); see the module docstring."""

    def __init__(self, ruler: Any, lemmatizer: Any) -> None:
        if getattr(lemmatizer, "mode", None) != "rule" or lemmatizer.overwrite:
            raise ValueError("only the rule lemmatizer without overwrite is supported")
        self.vocab = ruler.vocab
        self.lemmatizer = lemmatizer
        rules = rules_of(ruler)
        self.single = [r for r in rules if len(r.tokens) == 1]
        self.multi = [r for r in rules if len(r.tokens) > 1]
        # A rule reads a token's word only through its LOWER conditions, so every word
        # that no condition names or matches shares one cache entry (word "", hash 0) with all
        # words of the same TAG, DEP and IS_SPACE.
        self.named, self.regexes = _named_lowers(rules)
        if "" in self.named:
            raise ValueError("a LOWER condition names the empty word")
        self.word_cache: dict[int, int] = {}
        self.attr_cache: dict[tuple[int, int, int, int], dict[int, tuple[int, int]]] = {}
        self.start_cache: dict[tuple[int, int, int, int], bool] = {}
        self.lemma_cache: dict[tuple[int, int, int], str] = {}

    # -- the ruler ---------------------------------------------------------------------------------

    def _values(self, lower: int, tag: int, dep: int, space: int) -> dict[str, Any]:
        s = self.vocab.strings
        return {
            "LOWER": s[lower],
            "TAG": s[tag] if tag else "",
            "DEP": s[dep] if dep else "",
            "IS_SPACE": bool(space),
        }

    def _owns_word(self, lower: int) -> int:
        """1 if a LOWER condition names or matches this word (it keeps its own cache key), else 0."""
        text = self.vocab.strings[lower]
        own = int(text in self.named or any(rx.search(text) for rx in self.regexes))
        if len(self.word_cache) >= CACHE_LIMIT:
            self.word_cache.clear()
        self.word_cache[lower] = own
        return own

    def _single(self, key: tuple[int, int, int, int]) -> dict[int, tuple[int, int]]:
        """What the one-token rules set on a token with this key: attr -> (value, rule order)."""
        values = self._values(*key)
        out: dict[int, tuple[int, int]] = {}
        for r in self.single:
            if _matches(r.tokens[0], values):
                for attr, value in r.attrs:
                    out[attr] = (value, r.order)
        if len(self.attr_cache) >= CACHE_LIMIT:
            self.attr_cache.clear()
        self.attr_cache[key] = out
        return out

    def _starts(self, key: tuple[int, int, int, int]) -> bool:
        """Whether a two-token rule may start at a token with this key."""
        values = self._values(*key)
        starts = any(_matches(r.tokens[0], values) for r in self.multi)
        if len(self.start_cache) >= CACHE_LIMIT:
            self.start_cache.clear()
        self.start_cache[key] = starts
        return starts

    def _overlay_multi(
        self, keys: list[tuple[int, int, int, int]], start: int, sets: list[dict[int, tuple[int, int]]]
    ) -> None:
        for r in self.multi:
            n = len(r.tokens)
            if start + n > len(keys):
                continue
            if all(_matches(p, self._values(*keys[start + k])) for k, p in enumerate(r.tokens)):
                target = start + (r.index if r.index >= 0 else n + r.index)
                merged = dict(sets[target])
                for attr, value in r.attrs:
                    if attr not in merged or merged[attr][1] < r.order:
                        merged[attr] = (value, r.order)
                sets[target] = merged

    # -- the lemmatizer ----------------------------------------------------------------------------

    def _lemma(self, token: Any, key: tuple[int, int, int]) -> str:
        """The model's lemmatizer on a key not yet cached (the token has its POS and MORPH set)."""
        lemma: str = self.lemmatizer.lemmatize(token)[0]
        if len(self.lemma_cache) >= CACHE_LIMIT:
            self.lemma_cache.clear()
            self.lemmatizer.cache.clear()
        self.lemma_cache[key] = lemma
        return lemma

    # -- the component -----------------------------------------------------------------------------

    def __call__(self, doc: Any) -> Any:
        if not len(doc):
            return doc
        cols = doc.to_array([LOWER, TAG, DEP, IS_SPACE, POS, MORPH, LEMMA, ORTH])
        keys = [(lower, tag, dep, space) for lower, tag, dep, space in cols[:, :4].tolist()]
        sets: list[dict[int, tuple[int, int]]] = []
        cache, start_cache, word_cache = self.attr_cache, self.start_cache, self.word_cache
        starts: list[int] = []
        for i, key in enumerate(keys):
            lower, tag, dep, space = key
            own = word_cache.get(lower)
            if own is None:
                own = self._owns_word(lower)
            rkey = key if own else (0, tag, dep, space)
            attrs = cache.get(rkey)
            sets.append(attrs if attrs is not None else self._single(rkey))
            start = start_cache.get(rkey)
            if start if start is not None else self._starts(rkey):
                starts.append(i)
        for i in starts:  # after every token has its one-token result
            self._overlay_multi(keys, i, sets)
        out = cols[:, 4:7].copy()
        rare: list[tuple[int, int, int]] = []  # TAG or DEP set by a rule: written through the Token API
        for i, attrs in enumerate(sets):
            for attr, (value, _) in attrs.items():
                if attr == POS:
                    out[i, 0] = value
                elif attr == MORPH:
                    out[i, 1] = value
                elif attr == LEMMA:
                    out[i, 2] = value
                else:
                    rare.append((i, attr, value))
        doc.from_array([POS, MORPH], out[:, :2])
        for i, attr, value in rare:
            tok = doc[i]
            if attr == TAG:
                tok.tag = value
            elif attr == DEP:
                tok.dep = value
        self._lemmatize(doc, out, cols[:, 7].tolist())
        return doc

    def _lemmatize(self, doc: Any, out: np.ndarray, orths: list[int]) -> None:
        strings = self.vocab.strings
        added: dict[str, int] = {}
        lemmas = out[:, 2]
        for i, (orth, pos, morph, lemma) in enumerate(
            zip(orths, out[:, 0].tolist(), out[:, 1].tolist(), lemmas.tolist(), strict=True)
        ):
            if lemma:
                continue
            key = (orth, pos, morph)
            text = self.lemma_cache.get(key)
            if text is None:
                text = self._lemma(doc[i], key)
            h = added.get(text)
            if h is None:
                h = added[text] = strings.add(text)
            lemmas[i] = h
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
