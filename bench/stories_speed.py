"""Story grouping speed: 100,000 synthetic documents on one core must group in < 60 s.

Synthetic text: words drawn from a Zipf-like distribution over a 50,000-word vocabulary, 300-800 words
per document; one document in five is an edited copy of an earlier one (a dropped stretch, changed
words), so the index does real matching work. The timed part is everything ``stories.assign`` does per
document (signature + LSH lookup + insert). The baseline, measured in the same run on a sample, is
``datasketch`` (MinHash.update_batch over the same shingles + MinHashLSH at the same threshold).

    .venv/bin/python bench/stories_speed.py            # 100,000 documents
    .venv/bin/python bench/stories_speed.py --docs 20000
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

from herald.models import Document
from herald.stories import StoryIndex, assign
from herald.stories.index import THRESHOLD

VOCAB = 50_000


def synthetic(n: int, seed: int = 1) -> tuple[list[str], list[int]]:
    """``n`` texts and the index of the original each one copies (itself for originals)."""
    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocab = np.array(["".join(rng.choice(letters, size=rng.integers(2, 10))) for _ in range(VOCAB)])
    weights = 1.0 / np.arange(1, VOCAB + 1)
    cdf = np.cumsum(weights / weights.sum())
    cdf[-1] = 1.0
    texts: list[str] = []
    origin: list[int] = []
    for i in range(n):
        if i > 10 and rng.random() < 0.2:
            j = int(rng.integers(0, i))
            words = texts[j].split(" ")
            cut = int(rng.integers(0, len(words)))
            words = words[:cut] + words[cut + len(words) // 10 :]  # drop a tenth
            for k in rng.integers(0, len(words), size=len(words) // 40):  # change 2.5% of words
                words[k] = str(vocab[rng.integers(0, VOCAB)])
            texts.append(" ".join(words))
            origin.append(origin[j])
        else:
            idx = np.searchsorted(cdf, rng.random(int(rng.integers(300, 800))))
            texts.append(" ".join(vocab[idx].tolist()))
            origin.append(i)
    return texts, origin


def herald_time(texts: list[str]) -> tuple[float, float, list[str | None]]:
    """Wall and CPU seconds to group the texts (CPU time is what one core spends, whatever the load)."""
    docs = [
        Document(id=str(i), source="bench", text=t, content_hash=f"{i:016x}{i:016x}")
        for i, t in enumerate(texts)
    ]
    w0, c0 = time.perf_counter(), time.process_time()
    out = [d.story_id for d in assign(docs, StoryIndex())]
    return time.perf_counter() - w0, time.process_time() - c0, out


def datasketch_time(texts: list[str]) -> float:
    """CPU seconds for datasketch to do the same work (signature, query, insert)."""
    from datasketch import MinHash, MinHashLSH

    t0 = time.process_time()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=128)
    for i, text in enumerate(texts):
        words = text.lower().split()
        m = MinHash(num_perm=128)
        m.update_batch([" ".join(words[k : k + 5]).encode() for k in range(max(len(words) - 4, 1))])
        lsh.query(m)
        lsh.insert(str(i), m)
    return time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--baseline-docs", type=int, default=3_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    texts, origin = synthetic(args.docs)
    words = sum(t.count(" ") + 1 for t in texts)
    print(
        f"generated {len(texts)} documents, {words / len(texts):.0f} words each on average "
        f"({time.perf_counter() - t0:.1f}s)"
    )
    wall, secs, stories = herald_time(texts)
    found = sum(1 for i, s in enumerate(stories) if origin[i] != i and s == stories[origin[i]])
    copies = sum(1 for i, o in enumerate(origin) if o != i)
    print(
        f"herald: grouped {len(texts)} documents in {secs:.1f}s CPU ({wall:.1f}s wall), "
        f"{secs / len(texts) * 1e6:.0f} us/doc; "
        f"{found}/{copies} copies joined their original's story; {len(set(stories))} stories"
    )
    base = datasketch_time(texts[: args.baseline_docs])
    per_base = base / args.baseline_docs
    print(
        f"baseline datasketch on {args.baseline_docs} documents: {per_base * 1e6:.0f} us/doc "
        f"-> herald is {per_base / (secs / len(texts)):.1f}x faster; "
        f"datasketch would need ~{per_base * args.docs:.0f}s for {args.docs}"
    )
    limit = 60.0 * args.docs / 100_000
    print(f"goal: < {limit:.0f}s -> {'PASS' if secs < limit else 'FAIL'}")
    return 0 if secs < limit else 1


if __name__ == "__main__":
    sys.exit(main())
