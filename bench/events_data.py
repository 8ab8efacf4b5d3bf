"""Dev data for the events stage and its fixed held-out splits (shared by bench and training).

The held-out part of each dev set is chosen by a hash of a stable key, so it never changes and is
never trained or tuned on: 25% of the ConfliBERT sentences (key: the sentence), 25% of the synthetic
PLOVER stories (key: the story's title template, so that stories generated from one prompt never sit
on both sides), 25% of the span sentences.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "events"
HELD_OUT_PERCENT = 25


def upstream(doc: Any) -> Any:
    """Run the stages before events (actors, quotes) on a parsed document, as the pipeline does;
    a stage that is missing or fails is skipped, leaving the events stage's own fallback."""
    for stage in ("actors.resolve", "quotes.attribute"):
        mod, fn = stage.split(".")
        try:
            module = __import__(f"herald.{mod}", fromlist=[fn])
            doc = next(iter(getattr(module, fn)([doc])))
        except Exception:  # noqa: BLE001
            continue
    return doc


def held_out(key: str) -> bool:
    return int(hashlib.md5(key.encode("utf-8")).hexdigest()[:8], 16) % 100 < HELD_OUT_PERCENT


def need(path: Path) -> Path:
    if not path.exists():
        raise SystemExit(f"dev data missing: {path}")
    return path


def quad_sentences() -> list[tuple[str, int, bool]]:
    """(sentence, QuadClass 0-4, held_out)."""
    out = []
    for line in (
        need(SHARED / "dev" / "conflibert_cameo_class_train.tsv").read_text(encoding="utf-8").splitlines()
    ):
        if "\t" not in line:
            continue
        text, label = line.rsplit("\t", 1)
        if label.strip().isdigit():
            out.append((text.strip(), int(label), held_out(text.strip())))
    return out


def stories() -> list[dict[str, object]]:
    """{'text', 'headline', 'template', 'label', 'mode', 'held_out'} per synthetic story."""
    out = []
    with need(SHARED / "dev" / "ngec_synthetic_stories.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            headline = row["prompt"].split("\n")[0].strip()
            out.append({
                "text": row["text"],
                "headline": headline,
                "label": row["label"].strip().upper(),
                "mode": row["mode"].strip(),
                "template": row["title"],
                "held_out": held_out(row["title"]),
            })  # fmt: skip
    return out


def codebook_examples() -> list[tuple[str, str]]:
    """(mode definition text, PLOVER type) from the structured codebook."""
    path = need(SHARED / "plover" / "PLOVER_structured_codebook_updated.csv")
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (r["mode_def"].strip(), r["event"].strip().upper())
            for r in csv.DictReader(f)
            if r["mode_def"].strip()
        ]


def span_sentences() -> list[dict[str, object]]:
    """{'tokens', 'tags', 'text', 'source', 'target', 'held_out'}: S = source, T/R = targets."""
    out = []
    block: list[tuple[str, str]] = []
    lines = need(SHARED / "dev" / "conflibert_cameo_spans_train.txt").read_text(encoding="utf-8").splitlines()
    for line in [*lines, ""]:
        parts = line.split()
        if len(parts) >= 2:
            block.append((parts[0], parts[-1]))
            continue
        if block:
            toks = [t for t, _ in block]
            tags = [g for _, g in block]
            text = " ".join(toks)
            out.append({
                "tokens": toks, "tags": tags, "text": text,
                "source": _spans(toks, tags, "S"),
                "target": _spans(toks, tags, "T") + _spans(toks, tags, "R"),
                "held_out": held_out(text),
            })  # fmt: skip
            block = []
    return out


def _spans(toks: list[str], tags: list[str], kind: str) -> list[str]:
    spans, cur = [], []
    for t, g in zip(toks, tags, strict=True):
        if g == f"B-{kind}" or (g == f"I-{kind}" and not cur):
            if cur:
                spans.append(" ".join(cur))
            cur = [t]
        elif g == f"I-{kind}":
            cur.append(t)
        else:
            if cur:
                spans.append(" ".join(cur))
            cur = []
    if cur:
        spans.append(" ".join(cur))
    return spans
