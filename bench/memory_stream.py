"""Peak memory of `herald code` while streaming 1,000 and then 10,000 documents (goal: flat within 10%).

Documents are paragraphs of the PolNeAR articles (../shared/data/quotes/polnear), each made unique by
its id and a numbered first sentence, fed as one JSONL file; herald's output goes to /dev/null.
Peak resident memory is the child's ru_maxrss. Also prints articles per CPU-second.
The larger run meets the long paragraphs around document 1,500-2,000: a peak that follows the heaviest
parse batch rather than the stream's length shows up here (docs/memory.md explains what was measured).

Usage: python bench/memory_stream.py [SMALL LARGE]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "quotes" / "polnear"
HERALD = ROOT / ".venv" / "bin" / "herald"


def paragraphs() -> list[str]:
    out = []
    for f in sorted((POLNEAR / "train" / "text").glob("*.txt")):
        out += [p.strip() for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) >= 25]
    return out


def write_corpus(path: Path, n: int, paras: list[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = f"Report number {i} follows.\n\n{paras[i % len(paras)]}"
            fh.write(json.dumps({"id": f"doc-{i}", "text": text}) + "\n")


MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(u.ru_maxrss, u.ru_utime + u.ru_stime)
"""


def run(path: Path) -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds) of one `herald code` process, measured by a fresh parent."""
    r = subprocess.run(
        [sys.executable, "-c", MEASURE, str(HERALD), "code", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    rss_kb, cpu = r.stdout.split()
    return int(rss_kb) / 1024, float(cpu)


def main() -> None:
    small, large = (int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (1_000, 10_000)
    paras = paragraphs()
    if not paras:
        sys.exit(f"no PolNeAR texts under {POLNEAR}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (small, large):
            p = Path(tmp) / f"{n}.jsonl"
            write_corpus(p, n, paras)
            results[n] = run(p)
            print(
                f"{n:>6} documents: peak RSS {results[n][0]:.0f} MB, "
                f"{n / results[n][1]:.1f} documents per CPU-second"
            )
    growth = results[large][0] / results[small][0] - 1
    print(f"peak memory growth from {small} to {large} documents: {growth:+.1%} (goal within 10%)")


if __name__ == "__main__":
    main()
