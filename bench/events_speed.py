"""Coding speed of the events stage beyond the spaCy parse, per core, in CPU time.

    .venv/bin/python bench/events_speed.py [N] [--repeat R]

Parses N ConfliBERT sentences once (timed: the baseline of this run), runs the actors and quotes
stages on them (untimed), then times the events stage alone (light tokens, rules, actor lookup,
classifiers) R times (default 3) and keeps the fastest pass. Time is CPU time of this process
(``time.process_time``), not wall time: the development machine is shared, and wall time
measures the other jobs as much as this one. The goal is >= 2,000 sentences/s for the events stage.
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


def code_all(docs: list[Document]) -> int:
    events = 0
    for doc in docs:
        res = Resolver(doc)
        for sent in doc.nlp.sents:
            events += len(code_sentence(doc, res, sent))
    return events


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    texts = [t for t, _, _ in events_data.quad_sentences()][:n]
    nlp = load()
    nlp("warm up the parser once.")
    t0 = time.process_time()
    parsed = list(nlp.pipe(texts, batch_size=64))
    parse_s = time.process_time() - t0
    docs = [
        upstream(Document(id=str(i), source="bench", text=sp.text, nlp=sp)) for i, sp in enumerate(parsed)
    ]
    code_all(docs[:1])  # load lexicon and models once
    passes = []
    events = 0
    for _ in range(repeat):
        t0 = time.process_time()
        events = code_all(docs)
        passes.append(time.process_time() - t0)
    code_s = min(passes)
    sents = sum(1 for sp in parsed for _ in sp.sents)
    print(f"sentences {sents}, events {events}  (CPU time; events stage: best of {repeat} passes)")
    print(f"  spaCy parse   {sents / parse_s:8.0f} sentences/s")
    print(
        f"  events stage  {sents / code_s:8.0f} sentences/s  ({parse_s / code_s:.1f}x the parse; "
        f"passes {', '.join(f'{sents / p:.0f}' for p in passes)})"
    )


if __name__ == "__main__":
    main()
