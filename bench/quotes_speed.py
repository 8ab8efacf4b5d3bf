"""Speed of the quotes stage against the spaCy parse it runs on, measured in the same run.

Goal (issue 5): quote extraction adds <= 10% to the parse time. Texts: the PolNeAR dev articles
when ../shared is present, else the test corpus. Prints the ratio; exits 1 if it is over the goal.

Usage: python bench/quotes_speed.py [MAX_RATIO=0.10] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from herald.models import Document
from herald.nlp import load
from herald.quotes.extract import quotes_of

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "quotes" / "polnear" / "dev" / "text"


def texts(limit: int | None) -> list[str]:
    files = sorted(POLNEAR.glob("*.txt")) if POLNEAR.exists() else []
    if not files:
        files = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files[:limit]]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("max_ratio", nargs="?", type=float, default=0.10)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    nlp = load()
    corpus = texts(args.limit)
    nlp("warm up the model")
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(corpus, batch_size=16))
    parse_s = time.perf_counter() - t0
    docs = [
        Document(id=str(i), source="bench", text=t, nlp=sp)
        for i, (t, sp) in enumerate(zip(corpus, parsed, strict=True))
    ]
    runs = []
    found = 0
    for _ in range(3):
        t0 = time.perf_counter()
        found = sum(len(quotes_of(d)) for d in docs)
        runs.append(time.perf_counter() - t0)
    quote_s = min(runs)
    words = sum(len(sp) for sp in parsed)
    ratio = quote_s / parse_s
    print(
        f"{len(docs)} articles, {words} tokens, {found} quotes: spaCy parse {parse_s:.2f}s, "
        f"quotes {quote_s:.3f}s (best of 3) -> ratio {ratio:.3f} (goal <= {args.max_ratio})"
    )
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
