"""Fast scorer for the quotes stage on PolNeAR (dev by default): parse once, score ``attribute``.

Uses the same matching and speaker rules as ``../shared/eval/quotes.py`` (which runs the whole
``herald code`` pipeline), but parses the texts once and calls :func:`herald.quotes.attribute`
directly, so a change to the quote rules can be measured in seconds. The parsed docs are cached
in a DocBin under the system temp folder (keyed by split) unless ``--no-cache`` is given.

Usage: python bench/quotes_eval.py [--split dev|train] [--limit N] [--errors FILE] [--no-cache]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from herald.models import Document
from herald.nlp import load
from herald.quotes import attribute

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"
PRON = {"he", "she", "they", "i", "we", "it", "him", "her", "you", "who", "his", "their"}
WORD = re.compile(r"\w+")


def words(s: str | None) -> set[str]:
    return {w.lower() for w in WORD.findall(s or "")}


def parse_ann(path: Path) -> list[dict[str, list[tuple[int, int]]]]:
    """brat standoff -> [{role: [(start, end), ...]}] per attribution event."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:
            tid, mid, _ = line.split("\t", 2)
            _, offs = mid.split(" ", 1)
            spans[tid] = [(int(a), int(b)) for a, b in (f.split() for f in offs.split(";"))]
        elif line.startswith("E"):
            roles: dict[str, list[str]] = defaultdict(list)
            for arg in line.split("\t")[1].split():
                role, tid = arg.split(":")
                roles[role].append(tid)
            events.append(roles)
    return [{r: [f for t in ts if t in spans for f in spans[t]] for r, ts in ev.items()} for ev in events]


def gold_of(
    text: str, ann: Path, apostrophes: bool = False
) -> dict[str, list[tuple[set[str], str, int, set[str], str]]]:
    gold: dict[str, list[tuple[set[str], str, int, set[str], str]]] = {"direct": [], "indirect": []}
    for a in parse_ann(ann):
        if not a.get("Content"):
            continue
        c = " ".join(text[s:e] for s, e in a["Content"])
        marks = c.replace("''", '"') if apostrophes else c  # NYT texts write quotes as ''
        kind = "direct" if re.search(r"[“”\"]", marks) else "indirect"
        quoted = " ".join(re.findall(r"[“\"]([^”\"]*)[”\"]?", marks))
        core = words(quoted) if kind == "direct" else words(c)
        src = " ".join(text[s:e] for s, e in a.get("Source", []))
        gold[kind].append((words(c), src, min(s for s, _ in a["Content"]), core or words(c), c))
    return gold


def speaker_ok(pred: str, gold_src: str, text: str, before: int) -> bool:
    pred = (pred or "").strip()
    if not pred or pred.lower() in PRON:
        return False
    g = gold_src.strip()
    if g.lower() in PRON:
        return pred.split()[-1] in text[:before]
    caps = {w for w in WORD.findall(g) if w[:1].isupper()} or words(g)
    return bool(caps & set(WORD.findall(pred))) or bool(words(g) & words(pred) - {"the", "a", "an"})


def load_docs(split: str, limit: int | None, cache: bool) -> tuple[list[tuple[Path, Any]], float]:
    """Parse the split's texts (or read them from the DocBin cache); returns docs and parse seconds."""
    from spacy.tokens import DocBin

    nlp = load()
    files = sorted((POLNEAR / split / "text").glob("*.txt"))[:limit]
    path = Path(tempfile.gettempdir()) / f"herald-quotes-{split}-{len(files)}.spacy"
    texts = [f.read_text(encoding="utf-8") for f in files]
    if cache and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return list(zip(files, docs, strict=True)), float("nan")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t0
    if cache:
        DocBin(store_user_data=False, docs=docs).to_disk(path)
    return list(zip(files, docs, strict=True)), parse_s


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--errors", help="write missed/false quotes to this file")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument(
        "--apostrophe-quotes",
        action="store_true",
        help="also count '' as a double quote mark in the gold (how the NYT texts write quotes)",
    )
    args = ap.parse_args()
    if not (POLNEAR / args.split).exists():
        print(f"PolNeAR {args.split} not found under {POLNEAR}", file=sys.stderr)
        return 2
    parsed, parse_s = load_docs(args.split, args.limit, not args.no_cache)
    docs = [Document(id=f.stem, source=str(f), text=sp.text, nlp=sp) for f, sp in parsed]
    t0 = time.perf_counter()
    out = list(attribute(docs))
    quote_s = time.perf_counter() - t0
    stats = {"direct": [0, 0, 0], "indirect": [0, 0, 0]}
    log: list[str] = []
    for (f, _), doc in zip(parsed, out, strict=True):
        anns = sorted((POLNEAR / args.split / "attributions").glob(f.stem + "_*.ann"))
        if not anns:
            continue
        text = doc.text
        gold = gold_of(text, anns[0], args.apostrophe_quotes)
        for kind in ("direct", "indirect"):
            mine = [q for q in doc.quotes if (q.kind == "indirect") == (kind == "indirect")]
            pairs = []
            for i, q in enumerate(mine):
                pw = words(q.text)
                for j, g in enumerate(gold[kind]):
                    inside, cover = len(pw & g[0]) / max(1, len(pw)), len(pw & g[3]) / max(1, len(g[3]))
                    if inside >= 0.6 and cover >= 0.5:
                        pairs.append((cover, i, j))
            used_p: dict[int, int] = {}
            used_g: set[int] = set()
            tp = 0
            for _, i, j in sorted(pairs, reverse=True):
                if i in used_p or j in used_g:
                    continue
                used_p[i] = j
                used_g.add(j)
                g = gold[kind][j]
                ok = speaker_ok(mine[i].speaker or "", g[1], text, g[2])
                tp += ok
                if ok:
                    log.append(
                        f"{f.stem} {kind} TP {mine[i].speaker!r} cue={mine[i].cue!r} "
                        f"conf={mine[i].confidence} :: {mine[i].text[:120]!r}"
                    )
                if not ok:
                    log.append(
                        f"{f.stem} {kind} SPEAKER pred={mine[i].speaker!r} "
                        f"({mine[i].speaker_mention!r}) gold={g[1]!r} conf={mine[i].confidence} "
                        f":: {g[4][:120]!r}"
                    )
            for i, q in enumerate(mine):
                if i not in used_p:
                    log.append(
                        f"{f.stem} {kind} FP {q.speaker!r} cue={q.cue!r} conf={q.confidence} "
                        f":: {q.text[:160]!r}"
                    )
            for j, g in enumerate(gold[kind]):
                if j not in used_g:
                    log.append(f"{f.stem} {kind} FN src={g[1]!r} :: {g[4][:160]!r}")
            stats[kind][0] += tp
            stats[kind][1] += len(mine) - tp
            stats[kind][2] += len(gold[kind]) - tp
    for kind, (tp, fp, fn) in stats.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:8s} P={p:.3f} R={r:.3f} F1={f1:.3f}  (tp={tp} fp={fp} fn={fn})")
    pronouns = sum(1 for d in out for q in d.quotes if (q.speaker or "").lower() in PRON)
    print(
        f"quotes={sum(len(d.quotes) for d in out)} pronoun speakers={pronouns} "
        f"extraction={quote_s:.2f}s parse={parse_s:.2f}s (nan: cached)"
    )
    if args.errors:
        Path(args.errors).write_text("\n".join(log) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
