"""The story index: which earlier document, if any, is a copy of this one?

A *story* is a group of documents whose clean texts are near-duplicates: the same wire report or
syndicated article behind different site boilerplate, with a paragraph dropped or a few words changed.
Each document's MinHash signature (:mod:`herald.stories.minhash`) is split into ``bands`` bands of
``rows`` values; two documents become candidates when any band matches exactly (locality-sensitive
hashing), and a candidate counts only when the estimated Jaccard similarity of their 5-word shingle
sets reaches ``threshold``. The new document joins the story of its most similar stored document, or
founds a new story named after its own content hash.

The index is incremental: ``Store.story_index()`` reloads the signatures of every stored document, so a
new batch joins stories that earlier runs created, exactly as if everything had arrived at once (the
assignment depends only on the order documents arrive, which a rerun preserves).

The threshold and band layout were measured, not guessed: ``bench/stories_quality.py`` sweeps them on
the PolNeAR train articles and reports the pairwise F1 on the dev articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

from herald.models import Document
from herald.stories import minhash

THRESHOLD = 0.30  # estimated Jaccard of 5-word shingle sets; see module docstring
BANDS = 64  # 64 bands x 2 rows: a pair at J=0.3 is a candidate with p>0.99, at J=0.1 p~0.47


_FOLD = np.uint64(0x100000001B3)


FRESH_KEEP = 4096  # content hashes whose signature the store has not taken yet (bounded: see add())


def _merge(
    a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Merge two sorted runs of (keys, slots) in linear memory: each of ``b``'s items goes right
    after the ``a`` items with keys not above it (the order among equal keys does not matter:
    lookups collect them into a set)."""
    (ka, sa), (kb, sb) = a, b
    n = ka.size + kb.size
    at = np.searchsorted(ka, kb, side="right")
    at += np.arange(kb.size)  # positions in the merged run: strictly increasing
    keys, slots = np.empty(n, dtype=np.uint64), np.empty(n, dtype=np.uint32)
    keep = np.ones(n, dtype=bool)
    keep[at] = False
    keys[at], slots[at] = kb, sb
    keys[keep], slots[keep] = ka, sa
    return keys, slots


class _BandTable:
    """Band key -> slots of the documents having it, in 12 bytes a key.

    Recent keys live in a small dict (flushed every ``FLUSH`` keys, about 128 documents); older ones
    in sorted numpy runs (uint64 keys, uint32 slots) merged like a binary counter, so there are
    O(log n) runs and a lookup is a few ``searchsorted`` calls. A dict of lists for every key cost
    about 12 KB a document, and a large recent dict or an argsort-based merge of the biggest runs
    made the index's own peak several times its size: all of it showed up as memory growth over a
    long ``herald code`` stream.
    """

    FLUSH = 8192

    def __init__(self) -> None:
        self._recent: dict[int, list[int]] = {}
        self._n_recent = 0
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted uint64 keys, uint32 slots)

    def add(self, keys: list[int], slot: int) -> None:
        recent = self._recent
        for key in keys:
            hit = recent.get(key)
            if hit is None:
                recent[key] = [slot]
            else:
                hit.append(slot)
        self._n_recent += len(keys)
        if self._n_recent >= self.FLUSH:
            self._flush()

    def _flush(self) -> None:
        keys = np.fromiter(
            (k for k, slots in self._recent.items() for _ in slots), dtype=np.uint64, count=self._n_recent
        )
        slots = np.fromiter(
            (s for ss in self._recent.values() for s in ss), dtype=np.uint32, count=self._n_recent
        )
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], slots[order]))
        self._recent, self._n_recent = {}, 0
        while len(self._runs) > 1 and len(self._runs[-1][0]) >= len(self._runs[-2][0]):
            newer, older = self._runs.pop(), self._runs.pop()
            self._runs.append(_merge(older, newer))

    def candidates(self, keys: list[int]) -> set[int]:
        found: set[int] = set()
        get = self._recent.get
        for hit in map(get, keys):
            if hit:
                found.update(hit)
        if self._runs:
            query = np.array(keys, dtype=np.uint64)
            for run_keys, run_slots in self._runs:
                lo = np.searchsorted(run_keys, query, "left")
                hi = np.searchsorted(run_keys, query, "right")
                for i in np.nonzero(hi > lo)[0].tolist():
                    found.update(run_slots[lo[i] : hi[i]].tolist())
        return found


class _Signatures:
    """The signature of every slot, in fixed blocks of ``BLOCK`` rows.

    Appending never copies what is stored: a single array grown by doubling held up to twice the
    rows it needed, and each doubling briefly held both copies, in pieces too large for the
    allocator to give back.
    """

    BLOCK = 1024

    def __init__(self, width: int) -> None:
        self.width = width
        self._blocks: list[np.ndarray] = []
        self._n = 0

    def append(self, sig: np.ndarray) -> None:
        row = self._n % self.BLOCK
        if row == 0:
            self._blocks.append(np.empty((self.BLOCK, self.width), dtype=np.uint32))
        self._blocks[-1][row] = sig
        self._n += 1

    def __getitem__(self, slot: int) -> np.ndarray:
        return self._blocks[slot // self.BLOCK][slot % self.BLOCK]  # type: ignore[no-any-return]

    def rows(self, slots: np.ndarray) -> np.ndarray:
        """The signatures of ``slots`` (a new array, one row per slot)."""
        block, row = np.divmod(slots, self.BLOCK)
        if block.size and block[0] == block[-1]:  # slots are sorted: all in one block
            return self._blocks[int(block[0])][row]
        out = np.empty((slots.size, self.width), dtype=np.uint32)
        for i, (b, r) in enumerate(zip(block.tolist(), row.tolist(), strict=True)):
            out[i] = self._blocks[b][r]
        return out


def story_id_for(content_hash: str) -> str:
    """A story is named after the content hash of the document that founded it."""
    return content_hash[:16]


class StoryIndex:
    """Near-duplicate index over MinHash signatures, with banded LSH candidate lookup."""

    def __init__(
        self, threshold: float = THRESHOLD, num_perm: int = minhash.NUM_PERM, bands: int = BANDS
    ) -> None:
        if num_perm % bands:
            raise ValueError(f"num_perm ({num_perm}) must be a multiple of bands ({bands})")
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands = bands
        self.rows = num_perm // bands
        self._buckets = _BandTable()  # band key -> slots
        self._band_salt = np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        self._sigs = _Signatures(num_perm)
        self._stories: list[str] = []
        self._by_hash: dict[str, int] = {}  # content hash -> slot
        self._fresh: dict[str, None] = {}  # content hashes indexed here whose signature is not yet stored

    def __len__(self) -> int:
        return len(self._stories)

    def __contains__(self, content_hash: object) -> bool:
        return content_hash in self._by_hash

    def story_of(self, content_hash: str) -> str | None:
        slot = self._by_hash.get(content_hash)
        return None if slot is None else self._stories[slot]

    def signature(self, text: str) -> np.ndarray:
        return minhash.text_signature(text, self.num_perm)

    def add(self, doc_id: str, content_hash: str, text: str) -> str:
        """The story of this document, adding it to the index (a known content hash is a lookup)."""
        known = self.story_of(content_hash)
        if known is not None:
            return known
        sig = self.signature(text)
        self._fresh[content_hash] = None
        if len(self._fresh) > FRESH_KEEP:  # nobody took it (no store): signature_of() still has it
            del self._fresh[next(iter(self._fresh))]
        keys = None if self._empty(sig) else self._band_keys(sig)
        match = self._match(sig, keys)
        story = match[0] if match else story_id_for(content_hash)
        self._insert(content_hash, sig, story, keys)
        return story

    def match(self, sig: np.ndarray) -> tuple[str, float] | None:
        """The story of the most similar indexed document at or above the threshold, if any."""
        return self._match(sig, None if self._empty(sig) else self._band_keys(sig))

    def _match(self, sig: np.ndarray, keys: list[int] | None) -> tuple[str, float] | None:
        if keys is None:
            return None
        candidates = self._buckets.candidates(keys)
        if not candidates:
            return None
        slots = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
        slots.sort()  # ties go to the earliest document: assignment must not depend on set order
        sims = np.count_nonzero(self._sigs.rows(slots) == sig, axis=1) / self.num_perm
        best = int(np.argmax(sims))
        if sims[best] < self.threshold:
            return None
        return self._stories[int(slots[best])], float(sims[best])

    def insert(self, content_hash: str, sig: np.ndarray, story_id: str) -> None:
        """Index a document whose story is already known (used when loading a stored corpus)."""
        self._insert(content_hash, sig, story_id, None if self._empty(sig) else self._band_keys(sig))

    def _insert(self, content_hash: str, sig: np.ndarray, story_id: str, keys: list[int] | None) -> None:
        if content_hash in self._by_hash:
            return
        slot = len(self._stories)
        self._sigs.append(sig)
        self._stories.append(story_id)
        self._by_hash[content_hash] = slot
        if keys is not None:
            self._buckets.add(keys, slot)

    def take_signature(self, content_hash: str) -> np.ndarray | None:
        """The signature computed for this content in this process (handed over once, to the store)."""
        if content_hash not in self._fresh:
            return None
        del self._fresh[content_hash]
        return self._sigs[self._by_hash[content_hash]].copy()

    def signature_of(self, content_hash: str) -> np.ndarray | None:
        slot = self._by_hash.get(content_hash)
        return None if slot is None else self._sigs[slot]

    def _band_keys(self, sig: np.ndarray) -> list[int]:
        """One integer per band: the band's ``rows`` values folded into 64 bits, salted by band.

        A rare collision between different bands only adds a candidate, which verification drops.
        """
        rows = sig.reshape(self.bands, self.rows).astype(np.uint64)
        key = rows[:, 0] ^ self._band_salt
        for r in range(1, self.rows):
            key = key * _FOLD + rows[:, r]  # uint64 arithmetic wraps: the intended folding
        return key.tolist()  # type: ignore[no-any-return]

    @staticmethod
    def _empty(sig: np.ndarray) -> bool:
        return bool(sig[0] == 0xFFFFFFFF and (sig == 0xFFFFFFFF).all())


def assign(docs: Iterable[Document], index: StoryIndex) -> Iterator[Document]:
    """Stage 9: set ``story_id`` on every ok document with text (others pass through untouched)."""
    for doc in docs:
        if doc.ok and doc.content_hash:
            doc.story_id = index.add(doc.id, doc.content_hash, doc.text)
        yield doc
