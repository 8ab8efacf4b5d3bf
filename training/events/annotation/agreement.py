"""Agreement between annotators on the sentences annotated twice.

    python3 training/events/annotation/agreement.py

For every sentence with two annotations (the first by shard order is "A", the other "B"):
- event or not: observed agreement and Cohen's kappa;
- PLOVER types of the non-negated events: F1 of B against A (multiset per sentence);
- type + source code + target code (an empty or missing code never matches): F1 of B against A;
- `political`: agreement per document.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from scheme import document_of

LABELS = Path(__file__).resolve().parent / "labels"


def load() -> dict[str, list[dict]]:
    by_sid: dict[str, list[dict]] = {}
    for path in sorted(LABELS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                by_sid.setdefault(d["sid"], []).append(d)
    return {k: v for k, v in by_sid.items() if len(v) >= 2}


def kinds(d: dict, full: bool) -> Counter:
    out: Counter = Counter()
    for e in d.get("events") or []:
        if e.get("negated"):
            continue
        if full:
            s = ((e.get("source") or {}).get("code") or "?").upper()
            t = ((e.get("target") or {}).get("code") or "-").upper() if e.get("target") else "-"
            out[(e["type"], s, t)] += 1
        else:
            out[e["type"]] += 1
    return out


def f1(pairs: list[tuple[Counter, Counter]]) -> float:
    tp = sum(sum((a & b).values()) for a, b in pairs)
    na = sum(sum(a.values()) for a, _ in pairs)
    nb = sum(sum(b.values()) for _, b in pairs)
    return 2 * tp / (na + nb) if na + nb else 1.0


def main() -> None:
    twice = load()
    if not twice:
        print("no sentence annotated twice yet")
        return
    ev = [(bool(kinds(a, False)), bool(kinds(b, False))) for a, b, *_ in twice.values()]
    n = len(ev)
    po = sum(x == y for x, y in ev) / n
    pa, pb = sum(x for x, _ in ev) / n, sum(y for _, y in ev) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    types = f1([(kinds(a, False), kinds(b, False)) for a, b, *_ in twice.values()])
    full = f1([(kinds(a, True), kinds(b, True)) for a, b, *_ in twice.values()])
    docs: dict[str, tuple[bool, bool]] = {}
    for sid, (a, b, *_) in twice.items():
        docs[document_of(sid)] = (
            a.get("political"),
            b.get("political"),
        )
    pol = sum(x == y for x, y in docs.values()) / len(docs)
    print(f"sentences annotated twice: {n} ({sum(x or y for x, y in ev)} with an event by either)")
    print(f"  event or not: agreement {po:.3f}, Cohen's kappa {kappa:.3f}")
    print(f"  PLOVER types F1 {types:.3f}; type + source code + target code F1 {full:.3f}")
    print(f"  political (per document, {len(docs)}): agreement {pol:.3f}")


if __name__ == "__main__":
    main()
