"""Precision of actor codes on the dev extraction pages: a fixed random sample of coded mentions, judged
by hand.

    # writes bench/actors_precision_sample.tsv (verdicts empty)
    .venv/bin/python bench/actors_precision.py sample
    .venv/bin/python bench/actors_precision.py score    # precision of the judged sample

The sample: every mention with a code in herald's output for the 89 dev pages (raw HTML in), the 200
whose page and context hash lowest (a stable draw: a place in the text stays in the sample when its
code changes, and keeps its verdict when the code does not). A reader fills ``verdict``: ``ok`` when
the code is the right CAMEO-style code for what the words refer to in that sentence at the story's
date (country and sector), ``wrong`` otherwise (``wrong-country``, ``wrong-sector``, ``not-an-actor``
say how).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parents[0].parent / "shared" / "eval"
sys.path.insert(0, str(EVAL))
sys.path.insert(0, str(HERE))

import hand_sample  # noqa: E402

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
    # a row whose page, words, code and context are unchanged keeps its earlier verdict
    same = ("page", "mention", "code", "context")
    kept = hand_sample.draw(SAMPLE, FIELDS, rows, n, seed, same, by=("page", "context"))
    picked = min(n, len(rows))
    print(f"{len(rows)} coded mentions, {picked} sampled ({kept} verdicts kept) -> {SAMPLE}")


def score() -> None:
    rows, judged = hand_sample.judged(SAMPLE)
    ok = sum(r["verdict"] == "ok" for r in judged)
    print(f"{len(judged)} of {len(rows)} judged: code precision {ok / max(len(judged), 1):.3f}")
    kinds: dict[str, int] = {}
    for r in judged:
        if r["verdict"] != "ok":
            kinds[r["verdict"]] = kinds.get(r["verdict"], 0) + 1
    print("errors:", kinds)


if __name__ == "__main__":
    sample() if sys.argv[1:2] == ["sample"] else score()
