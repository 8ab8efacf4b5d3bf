"""Where the CPU time of ``herald code`` goes, stage by stage (the figures behind docs/performance.md).

    .venv/bin/python bench/stage_profile.py [clean|scraped] [--n N] [--cprofile STAGE] [--top K]

Runs the same 100 articles as ``bench/speed_pipeline.py`` (``clean``: PolNeAR articles, default;
``scraped``: the scraped pages) through the stages one at a time, in the chunks the pipeline uses
(each chunk inside a spaCy memory zone, as :func:`herald.pipeline.analyse` does), and prints:

- the CPU time of importing ``herald.cli`` and registering its commands, in a fresh process (what
  every ``herald code`` pays before reading a file), with the heaviest herald modules;
- each once-per-process load (model, knowledge bases, gazetteer ...), timed on its own, first;
- each stage's CPU seconds over the articles with every load already done, and its share.

CPU time (``time.process_time``) is used throughout: on a shared machine it does not count the time
spent waiting for a core. ``--cprofile STAGE`` (e.g. ``places``) profiles that stage and prints its
``--top`` functions by cumulative time.
"""

from __future__ import annotations

import cProfile
import gc
import importlib
import json
import os
import pstats
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speed_pipeline import articles  # noqa: E402

# once-per-process loads, by stage: (label, module, function); missing ones are skipped
LOADS = [
    ("nlp", "herald.nlp.model", "load"),
    ("actors", "herald.actors.kb", "load"),
    ("actors", "herald.actors.matcher", "automaton"),
    ("actors", "herald.actors.api", "_surnames"),
    ("quotes", "herald.quotes.stance", "lexicon"),
    ("events", "herald.events.lexicon", "lexicon"),
    ("events", "herald.events.embed", "load_embedding"),
    ("events", "herald.events.parties", "_places"),
    ("events", "herald.events.parties", "_agents"),
    ("time", "herald.time.knowledge", "series"),
    ("time", "herald.time.knowledge", "dated_events"),
    ("time", "herald.time.knowledge", "offices"),
    ("time", "herald.time.knowledge", "terms"),
    ("time", "herald.time.knowledge", "births"),
    ("time", "herald.time.cycles", "candidates"),
    ("time", "herald.time.evidence", "_office_table"),
    ("time", "herald.time.evidence", "_holders"),
    ("time", "herald.time.evidence", "_trigger_screen"),
    ("time", "herald.time.evidence", "_birth_names"),
    ("places", "herald.places.gazetteer", "load"),
    ("stories", "herald.stories.minhash", "_fold_table"),
]

IMPORT_PROBE = """
import time
t = time.process_time()
import herald.cli
herald.cli.register()
print(time.process_time() - t)
"""


class GcClock:
    """CPU seconds the cyclic garbage collector spends, by generation (``gc.callbacks``)."""

    def __init__(self) -> None:
        self.spent = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]
        self._t = 0.0
        gc.callbacks.append(self._tick)

    def _tick(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._t = time.process_time()
        else:
            self.spent[info["generation"]] += time.process_time() - self._t
            self.count[info["generation"]] += 1

    def report(self) -> str:
        return ", ".join(
            f"gen{g} {n} runs {s:.2f} s" for g, (n, s) in enumerate(zip(self.count, self.spent, strict=True))
        )


def cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def import_cost(runs: int = 3) -> float:
    """Median CPU seconds of ``import herald.cli`` plus command registration in a fresh process."""
    times = []
    for _ in range(runs):
        r = subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True, text=True, check=True)
        times.append(float(r.stdout.strip()))
    return sorted(times)[len(times) // 2]


def heavy_imports(k: int = 8) -> list[tuple[str, int]]:
    """The herald modules with the largest cumulative import time (microseconds, -X importtime)."""
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", IMPORT_PROBE], capture_output=True, text=True, check=True
    )
    rows = []
    for line in r.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if m and m[4].startswith("herald.") and m[4].count(".") == 2:
            rows.append((m[4], int(m[2])))
    return sorted(rows, key=lambda r: -r[1])[:k]


def run_loads() -> dict[str, float]:
    by_stage: dict[str, float] = {}
    for stage, module, name in LOADS:
        try:
            fn = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
        secs, _ = cpu(fn)
        by_stage[stage] = by_stage.get(stage, 0.0) + secs
        print(f"  load {module}.{name}: {secs:.3f} s")
    return by_stage


def stages() -> list[tuple[str, Callable[[Iterable[Any]], Iterator[Any]]]]:
    from herald import actors, events, nlp, places, quotes, time

    return [
        ("nlp (spaCy parse)", nlp.parse),
        ("actors", actors.resolve),
        ("quotes", quotes.attribute),
        ("events", events.code),
        ("time", time.date),
        ("places", places.locate),
    ]


def profile_run(paths: list[str], profile: str | None) -> dict[str, float]:
    from herald import extract, ingest, nlp, stories
    from herald.pipeline import batched

    spent: dict[str, float] = {}
    prof = cProfile.Profile()

    def timed(label: str, fn: Callable[[], list[Any]]) -> list[Any]:
        on = profile is not None and label.startswith(profile)
        if on:
            prof.enable()
        secs, out = cpu(fn)
        if on:
            prof.disable()
        spent[label] = spent.get(label, 0.0) + secs
        return out  # type: ignore[no-any-return]

    docs = timed("extract (ingest + extraction)", lambda: list(extract.extract(ingest.read(paths))))
    model = nlp.load()
    done: list[Any] = []
    for batch in batched(docs, nlp.BATCH):
        with model.memory_zone():
            for label, stage in stages():
                batch = timed(label, lambda s=stage, b=batch: list(s(b)))  # type: ignore[misc]
            for d in batch:
                d.nlp = None
        done += batch
    index = stories.StoryIndex()
    done = timed("stories", lambda: list(stories.assign(done, index)))
    timed("output (to_dict + JSON)", lambda: [json.dumps(d.to_dict(), ensure_ascii=False) for d in done])
    if profile:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(TOP)
    return spent


TOP = 40


def main(argv: list[str]) -> None:
    global TOP
    corpus = next((a for a in argv if a in ("clean", "scraped")), "clean")
    n = int(argv[argv.index("--n") + 1]) if "--n" in argv else 100
    profile = argv[argv.index("--cprofile") + 1] if "--cprofile" in argv else None
    TOP = int(argv[argv.index("--top") + 1]) if "--top" in argv else TOP
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    paths = [str(p) for p in articles(corpus, n)]
    print(f"== {corpus}: {len(paths)} articles")
    imported = import_cost()
    print(f"import herald.cli + commands (fresh process, median of 3): {imported:.3f} s CPU")
    for name, us in heavy_imports():
        print(f"  import {name}: {us / 1000:.0f} ms (cumulative, -X importtime)")
    t0 = time.process_time()
    import herald.pipeline  # noqa: F401  (imports counted above; here only so loads can run)

    print("once-per-process loads:")
    clock = GcClock()
    loads = run_loads()
    print(f"  garbage collector during the loads: {clock.report()}")
    if "--gc-freeze" in argv:  # what a caller could do once the loads are done
        gc.freeze()
    clock = GcClock()
    spent = profile_run(paths, profile)
    total = sum(spent.values())
    print("per stage (CPU s over the articles, loads done):")
    for label, secs in spent.items():
        print(f"  {label:32s} {secs:7.2f}  {100 * secs / total:5.1f}%")
    print(f"  {'all stages':32s} {total:7.2f}")
    print("loads by stage: " + ", ".join(f"{k} {v:.2f}" for k, v in loads.items()))
    print(f"garbage collector during the stages: {clock.report()}")
    whole = time.process_time() - t0
    print(f"whole in-process CPU (loads + stages): {whole:.2f} s")
    parse = spent.get("nlp (spaCy parse)", 0.0) + loads.get("nlp", 0.0)
    print(
        f"herald's own work (all but the spaCy model load and parse): {whole - parse:.2f} s "
        f"= {100 * (whole - parse) / parse:.1f}% of the parse; "
        f"with the import: {whole - parse + imported:.2f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
