"""The event coder on held-out sentences, for each coder (learned, encoder alone, rules alone).

    .venv/bin/python bench/events_learned.py [--coders learned,encoder,rules]

Sets (none trained or tuned on):
- ``annotated``: ConfliBERT sentences that were annotated with the PLOVER guide but fall in the bench's
  held-out quarter (``events_data.held_out``), so the coder never saw them: type P/R/F1 and triple F1
  (type + source + target; an actor is right by the shared scorer's rule, ``realnews.actor_ok``: same
  code, same country, or a shared content word with the gold actor's text; a gold event without a
  target accepts any);
- ``synthetic``: the lead sentence of each held-out synthetic story (templates never trained on), and
  the codebook's mode definitions: one gold type each; herald's answer is its most confident
  non-negated event (none = wrong): type accuracy, reported as micro-F1 over stories.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training" / "events" / "annotation"))
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))

import events_data  # noqa: E402
import pool  # noqa: E402
import realnews  # noqa: E402  (the shared scorer's actor rule)
from events_data import upstream  # noqa: E402
from metrics import prf  # noqa: E402

from herald.events.parties import Resolver  # noqa: E402
from herald.events.stage import code_sentences  # noqa: E402
from herald.models import Document, Event  # noqa: E402
from herald.nlp import load  # noqa: E402

LABELS = ROOT / "training" / "events" / "annotation" / "labels"


def held_out_annotated() -> list[tuple[str, list[dict]]]:
    rows = {i: s for i, s, _ in pool.conflibert_rows()}
    out, seen = [], set()
    for path in sorted(LABELS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line) if line.strip() else None
            if not d or not d["sid"].startswith("cb:") or d["sid"] in seen:
                continue
            text = rows.get(int(d["sid"][3:]))
            if text and events_data.held_out(text.strip()):
                seen.add(d["sid"])
                out.append((text, [e for e in d.get("events") or [] if not e.get("negated")]))
    return out


def code_texts(texts: list[str]) -> list[list[Event]]:
    out = []
    for sp in load().pipe(texts, batch_size=32):
        doc = upstream(Document(id="s", source="bench", text=sp.text, nlp=sp))
        out.append([e for e in code_sentences(doc, Resolver(doc), list(sp.sents)) if not e.negated])
    return out


def score_annotated(rows: list[tuple[str, list[dict]]], preds: list[list[Event]]) -> str:
    t = [0, 0, 0]
    f = [0, 0, 0]
    for (_, gold), evs in zip(rows, preds, strict=True):
        used_t: set[int] = set()
        used_f: set[int] = set()
        for e in evs:
            d = e.to_dict()
            cands = [i for i, g in enumerate(gold) if g["type"] == e.type]
            hit = next((i for i in cands if i not in used_t), None)
            if hit is not None:
                used_t.add(hit)
            full = next(
                (
                    i
                    for i in cands
                    if i not in used_f
                    and realnews.actor_ok(d["source"], gold[i].get("source"))
                    and realnews.actor_ok(d["target"], gold[i].get("target"))
                ),
                None,
            )
            if full is not None:
                used_f.add(full)
        for acc, used in ((t, used_t), (f, used_f)):
            acc[0] += len(used)
            acc[1] += len(evs) - len(used)
            acc[2] += len(gold) - len(used)
    a, b = prf(*t), prf(*f)
    return f"type P={a[0]:.3f} R={a[1]:.3f} F1={a[2]:.3f}; triple P={b[0]:.3f} R={b[1]:.3f} F1={b[2]:.3f}"


def score_single(gold: list[str], preds: list[list[Event]]) -> float:
    right = sum(
        bool(evs) and max(evs, key=lambda e: e.confidence).type == g
        for g, evs in zip(gold, preds, strict=True)
    )
    return right / max(len(gold), 1)


def main() -> None:
    arg = sys.argv[sys.argv.index("--coders") + 1] if "--coders" in sys.argv else "learned,encoder,rules"
    ann = held_out_annotated()
    stories = [s for s in events_data.stories() if s["held_out"]]
    leads = [re.split(r"(?<=[.!?])\s+(?=[A-Z])", str(s["text"]).strip().split("\n")[0])[0] for s in stories]
    book = events_data.codebook_examples()
    print(
        f"held-out: {len(ann)} annotated sentences ({sum(len(g) for _, g in ann)} events), "
        f"{len(leads)} synthetic leads, {len(book)} codebook examples"
    )
    for coder in arg.split(","):
        os.environ["HERALD_EVENT_CODER"] = coder
        a = score_annotated(ann, code_texts([t for t, _ in ann]))
        syn = score_single([str(s["label"]) for s in stories], code_texts(leads))
        cb = score_single([ty for _, ty in book], code_texts([t for t, _ in book]))
        print(f"{coder:8s} annotated: {a}")
        print(f"{coder:8s} synthetic leads type accuracy {syn:.3f}; codebook examples {cb:.3f}")


if __name__ == "__main__":
    main()
