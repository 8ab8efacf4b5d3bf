"""Precision of quotations on the dev extraction pages: a fixed random sample of quotations, judged by
hand (issue 19).

    # writes bench/quotes_precision_sample.tsv (verdicts empty)
    HERALD_THREADS=2 nice -n 5 .venv/bin/python bench/quotes_precision.py draw
    .venv/bin/python bench/quotes_precision.py score    # share of ``ok``, and by confidence

The sample: every quotation in herald's output (default settings: the rules) for the 89 dev extraction
pages (raw HTML in, all topics), the 100 whose page and offset (``at``) hash lowest with seed 7 (a
stable draw: a quotation whose speaker or span changes stays in the sample and only it needs a new
verdict). A reader fills ``verdict``: ``ok``
when the span is a real direct quotation or reported speech and the speaker is the right person or
organisation (a resolved pronoun counts when it is right), ``wrong_speaker`` when it is real speech but
the speaker is wrong or missing, ``not_quote`` when it is not speech (a description, a non-speech verb,
a headline, boilerplate); ``note`` says why for every row not ``ok``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parents[0].parent / "shared" / "eval"
sys.path.insert(0, str(EVAL))
sys.path.insert(0, str(HERE))

import hand_sample  # noqa: E402

SAMPLE = HERE / "quotes_precision_sample.tsv"
FIELDS = ["page", "at", "kind", "speaker", "cue", "confidence", "quote", "context", "verdict", "note"]
WINDOW = 150  # characters of context either side of the quotation


def _line(s: str) -> str:
    return " ".join(s.replace("\t", " ").split())


def draw(n: int = 100, seed: int = 7) -> None:
    from harness import code, data

    pages = sorted(data("extraction", "html").glob("*.html.gz"))
    rows = []
    for d in code(pages).values():
        text = d.get("text") or ""
        for q in d.get("quotes") or []:
            a, b = q["start"], q["end"]
            ctx = f"{text[max(0, a - WINDOW) : a]} [[{text[a:b]}]] {text[b : b + WINDOW]}"
            rows.append(
                {
                    "page": str(d.get("id")).rsplit("/", 1)[-1].split(".")[0],
                    "at": str(a),
                    "kind": q.get("kind") or "",
                    "speaker": q.get("speaker") or "",
                    "cue": q.get("cue") or "",
                    "confidence": f"{float(q.get('confidence') or 0):.2f}",
                    "quote": _line(q.get("text") or ""),
                    "context": _line(ctx),
                    "verdict": "",
                    "note": "",
                }
            )
    rows.sort(key=lambda r: (r["page"], r["context"], r["quote"]))
    # the draw is the quotations whose page and offset hash lowest: a quotation stays in the sample
    # when a new version changes its speaker or span, and keeps its verdict when page, quotation,
    # speaker and context are unchanged
    same = ("page", "quote", "speaker", "context")
    kept = hand_sample.draw(SAMPLE, FIELDS, rows, n, seed, same, by=("page", "at"))
    picked = min(n, len(rows))
    print(f"{len(rows)} quotations, {picked} sampled ({kept} verdicts kept) -> {SAMPLE}")


def score() -> None:
    rows, judged = hand_sample.judged(SAMPLE)
    ok = sum(r["verdict"] == "ok" for r in judged)
    print(f"{len(judged)} of {len(rows)} judged: ok {ok / max(len(judged), 1):.3f} (goal >= 0.90)")
    kinds: dict[str, int] = {}
    for r in judged:
        kinds[r["verdict"]] = kinds.get(r["verdict"], 0) + 1
    print("verdicts:", dict(sorted(kinds.items(), key=lambda kv: -kv[1])))
    by_kind: dict[str, list[int]] = {}
    for r in judged:
        c = by_kind.setdefault(r["kind"], [0, 0])
        c[0] += r["verdict"] == "ok"
        c[1] += 1
    print("ok by kind:", {k: f"{a}/{b}" for k, (a, b) in sorted(by_kind.items())})
    # calibration: the share right at each confidence herald gave, and at >= 0.8 (issue 19: >= 80%)
    by_conf: dict[str, list[int]] = {}
    for r in judged:
        c = by_conf.setdefault(r.get("confidence") or "?", [0, 0])
        c[0] += r["verdict"] == "ok"
        c[1] += 1
    print("ok by confidence:", {k: f"{a}/{b}" for k, (a, b) in sorted(by_conf.items())})
    high = [r for r in judged if float(r.get("confidence") or 0) >= 0.8]
    if high:
        right = sum(r["verdict"] == "ok" for r in high)
        print(f"confidence >= 0.8: {right}/{len(high)} right ({right / len(high):.0%}; goal >= 80%)")


if __name__ == "__main__":
    draw() if sys.argv[1:2] == ["draw"] else score()
