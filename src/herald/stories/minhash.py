"""MinHash signatures of clean article text, computed with numpy.

Why not ``datasketch.MinHash``: it hashes every shingle with SHA-1 in Python, which alone takes longer
than the whole 100,000-document budget. Here each distinct *word* is hashed once (cached), shingles are
combined from word hashes with vectorised polynomial rolling, and the ``num_perm`` permutations are
multiply-shift hashes evaluated as one broadcast. ``bench/stories_speed.py`` compares both.

A signature is ``num_perm`` unsigned 32-bit minima; the share of equal positions between two
signatures estimates the Jaccard similarity of their word-shingle sets. Signatures are stable across
processes and machines (fixed seed, no use of Python's randomised ``hash``), so they can be stored.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 20101119  # fixed: signatures are persisted, so the permutations must never change

_WORD = re.compile(r"\w+", re.UNICODE)
_MASK32 = np.uint64(0xFFFFFFFF)
_ROLL = np.uint64(0x100000001B3)  # FNV prime: odd, mixes low bits upward
_MAX_WORD_CACHE = 2_000_000


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Odd multipliers and offsets of the multiply-shift hash family (fixed by ``seed``)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


_word_cache: dict[str, int] = {}


def _word_hash(word: str) -> int:
    h = _word_cache.get(word)
    if h is None:
        if len(_word_cache) >= _MAX_WORD_CACHE:
            _word_cache.clear()
        h = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")
        _word_cache[word] = h
    return h


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: spreads rolling-hash bits so multiply-shift sees uniform input."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def words(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, quote styles and spacing do not matter."""
    return _WORD.findall(text.lower())


def shingles(text: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 64-bit hashes of the text's ``k``-word shingles (a text shorter than ``k`` is one)."""
    toks = words(text)
    if not toks:
        return np.empty(0, dtype=np.uint64)
    cached = list(map(_word_cache.get, toks))
    if None in cached:
        cached = [h if h is not None else _word_hash(w) for h, w in zip(cached, toks, strict=True)]
    ids = np.array(cached, dtype=np.uint64)
    n = max(len(ids) - k + 1, 1)
    h = ids[:n].copy()
    with np.errstate(over="ignore"):
        for j in range(1, min(k, len(ids))):
            h = h * _ROLL + ids[j : j + n]
    return np.unique(_mix(h))


def signature(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32) of a set of shingle hashes."""
    if hashes.size == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    a, b = _permutations(num_perm, SEED)
    v = np.multiply.outer(hashes, a)  # uint64 arithmetic wraps modulo 2**64, as intended
    v += b
    v >>= np.uint64(32)
    return v.min(axis=0).astype(np.uint32)


def text_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    return signature(shingles(text), num_perm)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets behind signatures ``a`` and ``b``."""
    return float(np.count_nonzero(a == b)) / a.size
