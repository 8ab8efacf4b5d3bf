"""Coding speed of the events stage beyond the spaCy parse, per core, in CPU time.

    .venv/bin/python bench/events_speed.py [N] [--repeat R] [--stories]

Parses N ConfliBERT sentences (one sentence per document; ``--stories``: N synthetic PLOVER
stories instead, ~10 sentences each) once (timed: the baseline of this run), runs the actors and
quotes stages on them (untimed), then times, R times each (default 3), keeping the fastest pass:

- the events stage alone (``code_sentence`` on every sentence: rules, actor lookup, classifiers);
- its rule part alone (the parse copy, verb analysis with the lexicon, candidates with their
  arguments, and the classifier-only fallback's arguments for every sentence), the part that
  does not depend on the classifiers.

Every pass starts without the parse copies (``parse_tree.clear_trees``): the stage builds one per
document and caches the verb analysis on it, so a second pass over the same documents would
otherwise be measured without that work. Time is CPU time of this process
(``time.process_time``), not wall time: the development machine is shared, and wall time
measures the other jobs as much as this one. The goal is >= 2,000 sentences/s for the stage.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_data  # noqa: E402
from events_data import upstream  # noqa: E402

from herald.events import rules  # noqa: E402
from herald.events import tree as parse_tree  # noqa: E402
from herald.events.parties import Resolver  # noqa: E402
from herald.events.stage import _fallback, code_sentence  # noqa: E402
from herald.models import Document  # noqa: E402
from herald.nlp import load  # noqa: E402


def code_all(docs: list[Document]) -> int:
    events = 0
    for doc in docs:
        res = Resolver(doc)
        for sent in doc.nlp.sents:
            events += len(code_sentence(doc, res, sent))
    return events


def rules_all(docs: list[Document]) -> int:
    found = 0
    for doc in docs:
        res = Resolver(doc)
        for sent in doc.nlp.sents:
            t = parse_tree.tree(sent.doc)
            found += len(rules.tree_candidates(res, t, rules.analyse(sent)))
            found += _fallback(res, t, sent) is not None
    return found


def best_of(fn: Callable[[list[Document]], int], docs: list[Document], repeat: int) -> list[float]:
    passes = []
    for _ in range(repeat):
        parse_tree.clear_trees()
        t0 = time.process_time()
        fn(docs)
        passes.append(time.process_time() - t0)
    return passes


def main() -> None:
    argv = sys.argv[1:]
    repeat = 3
    if "--repeat" in argv:
        k = argv.index("--repeat")
        repeat = int(argv[k + 1])
        del argv[k : k + 2]
    args = [a for a in argv if not a.startswith("--")]
    stories = "--stories" in sys.argv
    n = int(args[0]) if args else (100 if stories else 1000)
    if stories:
        texts = [str(s["text"]) for s in events_data.stories()][:n]
    else:
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
    events = code_all(docs)
    stage = best_of(code_all, docs, repeat)
    part = best_of(rules_all, docs, repeat)
    sents = sum(1 for sp in parsed for _ in sp.sents)
    kind = "PLOVER stories" if stories else "ConfliBERT sentences"
    print(f"{len(docs)} {kind}, {sents} sentences, {events} events  (CPU time; best of {repeat} passes)")
    print(f"  spaCy parse   {sents / parse_s:8.0f} sentences/s")
    for label, passes in (("events stage", stage), ("  rule part", part)):
        best = min(passes)
        print(
            f"  {label:13s} {sents / best:8.0f} sentences/s  ({parse_s / best:.1f}x the parse; "
            f"passes {', '.join(f'{sents / p:.0f}' for p in passes)})"
        )


if __name__ == "__main__":
    main()
