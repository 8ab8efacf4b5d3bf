"""Run every benchmark and evaluation script and print their figures (``make bench``).

The shared scorers in ../shared/eval score herald the way a user runs it (through the CLI); the
scripts beside this one are herald's own benchmarks (speed ratios against a baseline measured in
the same run) and evaluations. Results are recorded by hand in docs/benchmarks.md.

Usage: python bench/run_all.py [NAME_FILTER ...]
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"

SHARED_SCORERS = [
    ["seed.py"],
    ["actors.py"],
    ["places.py"],
    ["extraction.py", "html", "0.975"],
    ["extraction.py", "plaintext", "0.95"],
    ["quotes.py", "0.85", "0.60"],
    ["time_grounding.py", "0.90", "0.05", "0.80"],
]


def commands() -> list[tuple[str, list[str]]]:
    out = []
    if EVAL.exists():
        for args in SHARED_SCORERS:
            out.append((f"shared/eval/{' '.join(args)}", [sys.executable, str(EVAL / args[0]), *args[1:]]))
    for script in sorted((ROOT / "bench").glob("*.py")):
        if script.name == "run_all.py" or script.name.startswith("_"):
            continue
        out.append((f"bench/{script.name}", [sys.executable, str(script)]))
    return out


def main(filters: list[str]) -> int:
    results = []
    for name, cmd in commands():
        if filters and not any(f in name for f in filters):
            continue
        print(f"\n=== {name}", flush=True)
        t0 = time.perf_counter()
        try:
            r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=3600)
            out, code = (r.stdout + r.stderr).strip(), r.returncode
        except subprocess.TimeoutExpired:
            out, code = "timed out after 3600 s", -1
        print(out[-4000:], flush=True)
        results.append((name, code, time.perf_counter() - t0, out.splitlines()[-1] if out else ""))
    print("\n=== summary (exit 0 = goal met)")
    for name, code, secs, last in results:
        print(f"{'ok ' if code == 0 else 'NO '} {name:45s} {secs:7.1f}s  {last[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
