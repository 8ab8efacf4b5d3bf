"""The learned coder's own cost: sentences per second through the ONNX encoder, per thread count, and
the share of a text's sentences that are candidates (the only ones the encoder reads).

    .venv/bin/python bench/events_coder_speed.py [N_DOCS]

Texts: PolNeAR dev articles (../shared/data/quotes/polnear/dev/text). Each setting is timed three times
after a warm-up; the best is reported. Where onnxruntime has a CUDA provider, the GPU is timed too.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def main() -> None:
    n_docs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    from herald import actors, nlp
    from herald.events.learned import decide
    from herald.events.parties import Resolver
    from herald.models import Document

    paths = sorted((SHARED / "quotes" / "polnear" / "dev" / "text").glob("*.txt"))[:n_docs]
    docs = [Document(id=p.stem, source=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
    t0 = time.perf_counter()
    docs = list(actors.resolve(nlp.parse(docs)))
    parse_s = time.perf_counter() - t0
    sents, cands = 0, []
    for d in docs:
        res = Resolver(d)
        for s in d.nlp.sents:
            sents += 1
            if decide.is_candidate(s, res.in_span(s.start_char, s.end_char), False):
                cands.append(s.text)
    print(
        f"{len(docs)} articles, {sents} sentences, {len(cands)} candidates ({len(cands) / sents:.2f}); "
        f"parse + actors {parse_s:.1f} s ({sents / parse_s:.0f} sentences/s)"
    )
    import onnxruntime as ort

    from herald.events.learned import model

    for threads in (1, 2):
        os.environ["HERALD_THREADS"] = str(threads)
        model.session.cache_clear()
        model.read(cands[:64])
        best = min(_timed(model.read, cands) for _ in range(3))
        print(
            f"coder on CPU, {threads} thread(s): {len(cands) / best:.0f} candidate sentences/s, "
            f"{1000 * best / len(cands):.2f} ms each"
        )
    if "CUDAExecutionProvider" in ort.get_available_providers():
        print("CUDA provider present: the session above already ran on the GPU")
    else:
        print("no GPU provider in this onnxruntime build: GPU not measured")


def _timed(fn, arg) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
