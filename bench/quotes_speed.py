"""Speed of the quotes stage against the spaCy parse it runs on, measured in the same run.

Goal (issue 19): quotations cost at most a quarter of the parse time of the same texts (issue 5's
rules alone: <= 10%). Texts: the PolNeAR dev articles when ../shared is present, else the test
corpus. Times the stage as shipped (the learned tagger when its model is there) and with the rules
alone (HERALD_QUOTES=rules), both against the same parse, best of three runs each. Run it with
HERALD_THREADS=1 for one-core figures. Prints the ratios; exits 1 if the shipped stage is over the goal.

Usage: HERALD_THREADS=1 python bench/quotes_speed.py [MAX_RATIO=0.25] [--limit N]
"""

from __future__ import annotations

import argparse
import os
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
    ap.add_argument("max_ratio", nargs="?", type=float, default=0.25)
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
    words = sum(len(sp) for sp in parsed)
    quotes_of(docs[0])  # load the tagger outside the timing
    ratios = {}
    for mode in ("rules", "learned"):
        os.environ["HERALD_QUOTES"] = mode
        runs = []
        found = 0
        for _ in range(3):
            t0 = time.perf_counter()
            found = sum(len(quotes_of(d)) for d in docs)
            runs.append(time.perf_counter() - t0)
        quote_s = min(runs)
        ratios[mode] = quote_s / parse_s
        print(
            f"{mode:8s} {len(docs)} articles, {words} tokens, {found} quotes: spaCy parse {parse_s:.2f}s, "
            f"quotes {quote_s:.3f}s (best of 3) -> ratio {ratios[mode]:.3f}"
        )
    os.environ.pop("HERALD_QUOTES", None)
    ratio = ratios["learned"]
    print(f"shipped stage ratio {ratio:.3f} (goal <= {args.max_ratio})")
    return 0 if ratio <= args.max_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
