"""Coding speed of the events stage beyond the spaCy parse, per core.

    .venv/bin/python bench/events_speed.py [N]

Parses N ConfliBERT sentences once (timed: the baseline of this run), runs the actors and quotes
stages on them (untimed), then times the events stage alone (rules, actor lookup, classifiers). Prints sentences/s for both and
their ratio; the goal is >= 2,000 sentences/s for the events stage.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_data  # noqa: E402
from events_data import upstream  # noqa: E402

from herald.events.parties import Resolver  # noqa: E402
from herald.events.stage import code_sentence  # noqa: E402
from herald.models import Document  # noqa: E402
from herald.nlp import load  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    texts = [t for t, _, _ in events_data.quad_sentences()][:n]
    nlp = load()
    t0 = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=64))
    parse_s = time.perf_counter() - t0
    docs = [
        upstream(Document(id=str(i), source="bench", text=sp.text, nlp=sp)) for i, sp in enumerate(parsed)
    ]
    code_sentence(docs[0], Resolver(docs[0]), parsed[0][:])  # load lexicon and models once
    t0 = time.perf_counter()
    events = 0
    for doc, sp in zip(docs, parsed, strict=True):
        res = Resolver(doc)
        for sent in sp.sents:
            events += len(code_sentence(doc, res, sent))
    code_s = time.perf_counter() - t0
    sents = sum(1 for sp in parsed for _ in sp.sents)
    print(f"sentences {sents}, events {events}")
    print(f"  spaCy parse   {sents / parse_s:8.0f} sentences/s")
    print(f"  events stage  {sents / code_s:8.0f} sentences/s  ({parse_s / code_s:.1f}x the parse)")


if __name__ == "__main__":
    main()
