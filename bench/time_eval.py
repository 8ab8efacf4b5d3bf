"""Fast loop for the time stage on PolNeAR (the same task as ../shared/eval/time_grounding.py).

Each article goes in twice, with a page stamp of its true date and re-stamped 5 years 7 months later;
extraction and parsing run once per stamped text (optional), the time stage runs on every variant.
Prints stale recall (re-stamped pages flagged), false stale rate (true-date pages flagged) and the
share of re-stamped pages whose window (<= 366 days) holds the true date, plus the run time of the
time stage against the cost of the regex sentence split it builds on (a same-run baseline).

Usage: .venv/bin/python bench/time_eval.py [--split train|dev] [--extract] [--nlp] [--misses N]
"""

from __future__ import annotations

import argparse
import copy
import csv
import sys
import time as clock
from datetime import date
from pathlib import Path

from herald import time as herald_time
from herald.models import Dates, Document, RawDocument

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "quotes" / "polnear"


def stamp(d: date) -> str:
    return f"This article was last updated on {d.strftime('%B')} {d.day}, {d.year}"


def later(true: date) -> date:
    return date(true.year + 5 + (true.month + 7 > 12), (true.month + 7 - 1) % 12 + 1, min(true.day, 28))


def load(split: str) -> list[tuple[str, date, str, str]]:
    with open(DATA / "metadata.tsv", encoding="utf-8") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    out = []
    for f in sorted((DATA / split / "text").glob("*.txt")):
        m = meta.get(f.stem)
        if not m or not m.get("publication_date"):
            continue
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        out.append((f.stem, date.fromisoformat(m["publication_date"]), title, body.strip()))
    return out


def document(key: str, title: str, body: str, d: date, extracted: bool) -> Document:
    """Extraction as the CLI does it (``--extract``), else (or when it fails) a plain stand-in."""
    text = f"{title}\n\n{stamp(d)}\n\n{body}\n"
    if not extracted:
        return Document(id=key, source=key, title=title, text=body, dates=Dates(updated=d.isoformat()))
    try:
        from herald import extract

        raw = RawDocument(id=key, source=key, kind="jsonl", content=text)
        doc = next(iter(extract.extract([raw])))
        if doc.ok and doc.text:
            return doc
    except Exception:
        pass
    return Document(id=key, source=key, title=title, text=body, dates=Dates(updated=d.isoformat()))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--extract", action="store_true", help="run the extraction stage on the stamped text")
    ap.add_argument("--nlp", action="store_true", help="parse with spaCy and run actors/quotes/events first")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses of each kind")
    args = ap.parse_args()
    arts = load(args.split)
    docs: list[tuple[str, date, Document]] = []
    for stem, true, title, body in arts:
        for tag, d in (("orig", true), ("late", later(true))):
            docs.append((tag, true, document(f"{stem}.{tag}", title, body, d, args.extract)))
    if args.nlp:
        from herald import actors, events, nlp, quotes

        parsed = list(events.code(quotes.attribute(actors.resolve(nlp.parse([d for _, _, d in docs])))))
        docs = [(tag, true, p) for (tag, true, _), p in zip(docs, parsed, strict=True)]
    fresh = [copy.copy(d) for _, _, d in docs]
    for d in fresh:
        d.dates = copy.deepcopy(d.dates)
    from herald.time.text import sentences

    t0 = clock.perf_counter()
    for d in fresh:
        sentences(d.text, d.nlp)
    base = clock.perf_counter() - t0
    t0 = clock.perf_counter()
    out = list(herald_time.date(fresh))
    took = clock.perf_counter() - t0
    late = [(true, d) for (tag, true, _), d in zip(docs, out, strict=True) if tag == "late"]
    orig = [(true, d) for (tag, true, _), d in zip(docs, out, strict=True) if tag == "orig"]

    def hit(true: date, d: Document) -> bool:
        a, b = d.dates.events_between
        if not a or not b:
            return False
        lo, hi = date.fromisoformat(a), date.fromisoformat(b)
        return lo <= true <= hi and (hi - lo).days <= 366

    r_stale = sum(d.dates.stale for _, d in late) / len(late)
    f_stale = sum(d.dates.stale for _, d in orig) / len(orig)
    r_hit = sum(hit(t, d) for t, d in late) / len(late)
    print(
        f"time on {len(late)} {args.split} articles: stale found {r_stale:.3f} (goal >= 0.90), "
        f"false stale {f_stale:.3f} (goal <= 0.05), event window right {r_hit:.3f} (goal >= 0.80)"
    )
    print(
        f"time stage: {took / len(out) * 1000:.1f} ms/doc, "
        f"{took / max(base, 1e-9):.1f}x the sentence split alone"
    )
    if args.misses:
        for title, group in (
            (
                "not flagged / window wrong (late)",
                [(t, d) for t, d in late if not (d.dates.stale and hit(t, d))],
            ),
            ("false stale (orig)", [(t, d) for t, d in orig if d.dates.stale]),
        ):
            print(f"\n== {title}: {len(group)}")
            for t, d in group[: args.misses]:
                print(f"- {d.id} true {t} stale={d.dates.stale} window={d.dates.events_between}")
                for line in d.dates.evidence[:8]:
                    print(f"    {line[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
