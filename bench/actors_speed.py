"""Actor resolution speed, excluding spaCy: mentions resolved per second on one core.

    .venv/bin/python bench/actors_speed.py [--repeat 3]

Texts: the synthetic stories of ../shared/data/events/dev/ngec_synthetic_stories.csv (first 1,500)
plus the seed page. spaCy parses them first (not timed); then herald's resolver runs over the
parsed texts and its throughput is compared with a baseline measured in the same run: the naive
way of finding knowledge-base names, a dictionary lookup of every 1-4 word n-gram (no roles, no
coreference). Target: >= 50,000 mentions/s on one core.

Times are CPU seconds of this process (time.process_time), so the figure is per core and does
not depend on what else the machine is running; the best of --repeat runs is reported.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
TARGET = 50_000


def texts(n: int) -> list[str]:
    out = [(SHARED / "seed" / "000_ca6517b7cfd7a852.txt").read_text(encoding="utf-8")]
    path = SHARED / "events" / "dev" / "ngec_synthetic_stories.csv"
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        col = next(c for c in (reader.fieldnames or []) if "text" in c.lower() or "story" in c.lower())
        for row in reader:
            out.append(row[col])
            if len(out) > n:
                break
    return out


def naive(text: str, aliases: dict[str, list[int]]) -> int:
    words = re.findall(r"[\w.'-]+", text.lower())
    found = 0
    for i in range(len(words)):
        for k in range(1, 5):
            if " ".join(words[i : i + k]) in aliases:
                found += 1
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--docs", type=int, default=1500)
    args = ap.parse_args()
    if not SHARED.exists():
        sys.exit(f"missing {SHARED}")
    from herald.actors.kb import load
    from herald.actors.matcher import automaton
    from herald.actors.resolve import doc_date, resolve_text, spacy_entities  # noqa: F401
    from herald.nlp import load as load_nlp

    docs = texts(args.docs)
    t0 = time.process_time()
    kb = load()
    automaton()
    t_load = time.process_time() - t0
    nlp = load_nlp()
    parsed = list(nlp.pipe(docs, batch_size=32))
    ents = [spacy_entities(d) for d in parsed]
    chars = sum(map(len, docs))

    best, mentions = float("inf"), 0
    for _ in range(args.repeat):
        t0 = time.process_time()
        # the parse is handed over as the pipeline does (syntax settles place or actor): only
        # spaCy's own work is left out of the time
        mentions = sum(
            len(resolve_text(t, "2010-11-19", e, p)) for t, e, p in zip(docs, ents, parsed, strict=True)
        )
        best = min(best, time.process_time() - t0)
    base_best, base_found = float("inf"), 0
    for _ in range(args.repeat):
        t0 = time.process_time()
        base_found = sum(naive(t, kb.by_alias) for t in docs)
        base_best = min(base_best, time.process_time() - t0)
    rate = mentions / best
    base_rate = base_found / base_best
    print(f"knowledge base + automaton load: {t_load:.2f} s (once per process)")
    print(f"{len(docs)} texts, {chars / 1e6:.2f} M chars, {mentions} mentions")
    print(f"herald resolver: {best:.3f} s -> {rate:,.0f} mentions/s, {chars / best / 1e6:.2f} M chars/s")
    print(f"baseline n-gram dictionary lookup: {base_best:.3f} s -> {base_rate:,.0f} hits/s")
    print(f"speed ratio herald/baseline (time per char): {base_best / best:.2f}x")
    print(f"target {TARGET:,} mentions/s per core: {'PASS' if rate >= TARGET else 'FAIL'}")


if __name__ == "__main__":
    main()
