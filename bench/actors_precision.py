"""Precision of actor codes on the dev extraction pages: a fixed random sample of coded mentions, judged
by hand.

    # writes bench/actors_precision_sample.tsv (verdicts empty)
    .venv/bin/python bench/actors_precision.py sample
    .venv/bin/python bench/actors_precision.py score    # precision of the judged sample

The sample: every mention with a code in herald's output for the 89 dev pages (raw HTML in), 200 drawn
with a fixed seed. A reader fills ``verdict``: ``ok`` when the code is the right CAMEO-style code for what
the words refer to in that sentence at the story's date (country and sector), ``wrong`` otherwise
(``wrong-country``, ``wrong-sector``, ``not-an-actor`` say how).
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parents[0].parent / "shared" / "eval"
sys.path.insert(0, str(EVAL))
SAMPLE = HERE / "actors_precision_sample.tsv"
FIELDS = ["page", "mention", "code", "name", "role", "context", "verdict", "note"]


def sample(n: int = 200, seed: int = 18) -> None:
    from harness import code, data

    pages = sorted(data("extraction", "html").glob("*.html.gz"))
    rows = []
    for d in code(pages).values():
        text = d.get("text") or ""
        for m in d.get("mentions") or []:
            if not m.get("code"):
                continue
            a, b = m["start"], m["end"]
            ctx = text[max(0, a - 120) : b + 120].replace("\n", " ").replace("\t", " ")
            rows.append(
                {
                    "page": str(d.get("id")).rsplit("/", 1)[-1],
                    "mention": text[a:b],
                    "code": m["code"],
                    "name": m.get("name") or "",
                    "role": m.get("role") or "",
                    "context": ctx,
                    "verdict": "",
                    "note": "",
                }
            )
    rows.sort(key=lambda r: (r["page"], r["context"]))
    picked = random.Random(seed).sample(rows, min(n, len(rows)))
    # a row whose page, words, code and context are unchanged keeps its earlier verdict
    old: dict[tuple[str, ...], dict[str, str]] = {}
    if SAMPLE.exists():
        with SAMPLE.open(encoding="utf-8", newline="") as f:
            old = {
                (r["page"], r["mention"], r["code"], r["context"]): r
                for r in csv.DictReader(f, delimiter="\t")
                if r["verdict"]
            }
    for r in picked:
        prev = old.get((r["page"], r["mention"], r["code"], r["context"]))
        if prev is not None:
            r["verdict"], r["note"] = prev["verdict"], prev["note"]
    with SAMPLE.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS, delimiter="\t")
        w.writeheader()
        w.writerows(picked)
    kept = sum(bool(r["verdict"]) for r in picked)
    print(f"{len(rows)} coded mentions, {len(picked)} sampled ({kept} verdicts kept) -> {SAMPLE}")


def score() -> None:
    with SAMPLE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    judged = [r for r in rows if r["verdict"]]
    ok = sum(r["verdict"] == "ok" for r in judged)
    print(f"{len(judged)} of {len(rows)} judged: code precision {ok / max(len(judged), 1):.3f}")
    kinds: dict[str, int] = {}
    for r in judged:
        if r["verdict"] != "ok":
            kinds[r["verdict"]] = kinds.get(r["verdict"], 0) + 1
    print("errors:", kinds)


if __name__ == "__main__":
    sample() if sys.argv[1:2] == ["sample"] else score()
