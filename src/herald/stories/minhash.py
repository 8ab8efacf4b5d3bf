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

import re
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
SEED = 20101119  # fixed: signatures are persisted, so the permutations must never change

_WORD = re.compile(r"\w+", re.UNICODE)
_ROLL = np.uint64(0x100000001B3)  # FNV prime: odd, mixes low bits upward


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Odd multipliers and offsets of the multiply-shift hash family (fixed by ``seed``)."""
    rng = np.random.Generator(np.random.PCG64(seed))
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


_CHAR_P = 0x9E3779B97F4A7C15  # odd, so it has an inverse modulo 2**64
_CHAR_P_INV = pow(_CHAR_P, -1, 2**64)
_powers: list[np.ndarray] = []


@lru_cache(maxsize=1)
def _fold_table() -> np.ndarray:
    """For each BMP code point: its lower-case form if the regex ``\\w`` counts it as a word
    character, else 0. One table lookup then lower-cases and tokenises a whole text at once."""
    table = np.zeros(0x10000, dtype=np.uint32)
    for c in range(0x10000):
        ch = chr(c)
        if _WORD.match(ch):
            low = ch.lower()
            table[c] = ord(low[0]) if low else c
    table[0xFFFF] = 0  # code points above the BMP are clipped here: treated as separators
    return table


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``P**i`` and ``P**-i`` modulo 2**64 for ``i < n`` (grown on demand, kept for the process)."""
    if not _powers or _powers[0].size < n:
        size = max(n, 4096, 2 * (_powers[0].size if _powers else 0))
        fwd = np.full(size, _CHAR_P, dtype=np.uint64)
        fwd[0] = 1
        inv = np.full(size, _CHAR_P_INV, dtype=np.uint64)
        inv[0] = 1
        _powers[:] = [np.cumprod(fwd, dtype=np.uint64), np.cumprod(inv, dtype=np.uint64)]
    return _powers[0], _powers[1]


def words(text: str) -> list[str]:
    """The lower-cased ``\\w+`` words that :func:`word_hashes` hashes (for inspection and tests)."""
    return _WORD.findall(text.lower())


def word_hashes(text: str) -> np.ndarray:
    """One 64-bit hash per ``\\w+`` word of the lower-cased text, in order, without a Python loop.

    Each word's hash is the polynomial ``sum(c_i * P**(i - start))`` of its code points; the sums for
    all words come from one prefix product, shifted back by the inverse power of the word's start.
    Stable across processes (no use of Python's randomised ``hash``).
    """
    raw = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cp = _fold_table()[np.minimum(raw, 0xFFFF)]
    idx = np.flatnonzero(cp)
    if idx.size == 0:
        return np.empty(0, dtype=np.uint64)
    starts_mask = np.empty(idx.size, dtype=bool)
    starts_mask[0] = True
    starts_mask[1:] = np.diff(idx) != 1
    fwd, inv = _power_tables(cp.size)
    terms = cp[idx].astype(np.uint64) * fwd[idx]
    first = np.flatnonzero(starts_mask)
    sums = np.add.reduceat(terms, first)
    out: np.ndarray = sums * inv[idx[first]]
    return out


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: spreads rolling-hash bits so multiply-shift sees uniform input."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    out: np.ndarray = x ^ (x >> np.uint64(31))
    return out


def shingles(text: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """64-bit hashes of the text's ``k``-word shingles (a text shorter than ``k`` is one)."""
    ids = word_hashes(text)
    if ids.size == 0:
        return ids
    n = max(ids.size - k + 1, 1)
    h = ids[:n].copy()
    for j in range(1, min(k, ids.size)):
        h = h * _ROLL + ids[j : j + n]  # uint64 arrays wrap silently: the intended arithmetic
    return _mix(h)  # repeats are harmless: a minimum ignores them


def signature(hashes: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32) of a set of shingle hashes."""
    if hashes.size == 0:
        return np.full(num_perm, 0xFFFFFFFF, dtype=np.uint32)
    a, b = _permutations(num_perm, SEED)
    v = np.multiply.outer(hashes, a)  # uint64 arithmetic wraps modulo 2**64, as intended
    v += b
    v >>= np.uint64(32)
    out: np.ndarray = v.min(axis=0).astype(np.uint32)
    return out


def text_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    return signature(shingles(text), num_perm)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets behind signatures ``a`` and ``b``."""
    return float(np.count_nonzero(a == b)) / a.size
