"""Build the tagger's training windows from PolNeAR *train* (never dev): run with herald's venv.

    .venv/bin/python training/quotes/dataset.py [--split train] [--out training/quotes/build/train.jsonl]

Each article is cut into the windows herald reads at run time (:func:`herald.quotes.learned.windows`:
paragraphs, whole sentences packed up to 128 word pieces) and encoded with herald's own WordPiece
tokenizer, so training and run time see identical pieces. Labels come from the first annotator's
brat file (the one ``../shared/eval/quotes.py`` scores against): per piece O, or B-/I- of the
Source, Cue or Content span its characters lie in; every fragment of a discontinuous span starts
with B-. Writes one JSON line per window: article, ids, labels (indices into ``LABELS``).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from herald.quotes.learned import LABELS, MAX_LEN, tokenizer, windows

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = ROOT.parent / "shared" / "data" / "quotes" / "polnear"
ROLE = {"Source": "source", "Cue": "cue", "Content": "content"}


def spans_of(ann: Path) -> list[tuple[str, int, int]]:
    """(role, start, end) of every Source/Cue/Content fragment that belongs to an attribution."""
    T: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    used: set[str] = set()
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:
            tid, mid, _ = line.split("\t", 2)
            typ, offs = mid.split(" ", 1)
            T[tid] = (typ, [(int(a), int(b)) for a, b in (f.split() for f in offs.split(";"))])
        elif line.startswith("E"):
            for arg in line.split("\t")[1].split():
                used.add(arg.split(":")[1])
    out = []
    for tid, (typ, frags) in T.items():
        if typ in ROLE and tid in used:
            out += [(ROLE[typ], a, b) for a, b in frags]
    return out


def article(text: str, spans: list[tuple[str, int, int]]) -> list[dict]:
    role = [""] * len(text)
    frag = [-1] * len(text)
    for k, (r, a, b) in enumerate(sorted(spans, key=lambda s: s[1])):
        for c in range(a, min(b, len(text))):
            role[c], frag[c] = r, k
    tok = tokenizer()
    out = []
    for a, b in windows(text):
        enc = tok.encode(text[a:b], MAX_LEN)
        labels, prev = [], -1
        for s, e in enc.offsets:
            if e <= s:
                labels.append(0)
                prev = -1
                continue
            c = a + s
            r, f = role[c], frag[c]
            if not r:
                labels.append(0)
                prev = -1
                continue
            labels.append(LABELS.index(("I-" if f == prev else "B-") + r))
            prev = f
        out.append({"ids": enc.ids, "labels": labels, "start": a, "end": b})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="train")
    ap.add_argument("--out", type=Path, default=ROOT / "training" / "quotes" / "build" / "train.jsonl")
    args = ap.parse_args()
    if args.split == "dev":
        raise SystemExit("the dev split is for evaluation only")
    base = POLNEAR / args.split
    args.out.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = defaultdict(int)
    with args.out.open("w", encoding="utf-8") as fh:
        for f in sorted((base / "text").glob("*.txt")):
            anns = sorted((base / "attributions").glob(f.stem + "_*.ann"))
            if not anns:
                continue
            text = f.read_text(encoding="utf-8")
            for w in article(text, spans_of(anns[0])):
                w["doc"] = f.stem
                fh.write(json.dumps(w) + "\n")
                counts["windows"] += 1
                counts["with_content"] += any(x >= 5 for x in w["labels"])
                counts["pieces"] += len(w["ids"])
            counts["articles"] += 1
    print(dict(counts), "->", args.out)


if __name__ == "__main__":
    main()
