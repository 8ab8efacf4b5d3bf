"""Source/target accuracy on the held-out ConfliBERT span sentences (never trained or tuned on).

    .venv/bin/python bench/events_spans.py

Each sentence is coded by herald's events stage (parse -> rules/classifier; the actors fallback
because no actors stage runs here); herald's answer is its most confident non-negated event. A
side is right when herald's actor text shares a content word with the gold span (S for the source;
T or R for the target), the convention of the shared evaluation. Printed: the share of sentences
with an event, source right, target right, and both right (the headline number).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_data  # noqa: E402
from events_data import upstream  # noqa: E402

from herald.events.parties import Resolver  # noqa: E402
from herald.events.stage import code_sentences  # noqa: E402
from herald.models import Actor, Document  # noqa: E402
from herald.nlp import load  # noqa: E402

STOP = {"the", "a", "an", "of", "'s", "’s", "and", "in", "on", "to", "for", "its", "their", "his", "her"}


def words(text: str) -> set[str]:
    return {w for w in text.lower().replace("’", "'").split() if w not in STOP and w.isalnum() or "-" in w}


def right(actor: Actor | None, gold: list[str]) -> bool:
    if actor is None or not gold:
        return False
    mine = words(actor.text) | words(actor.name)
    return any(mine & words(g) for g in gold)


def main() -> None:
    rows = [r for r in events_data.span_sentences() if r["held_out"] and r["source"] and r["target"]]
    nlp = load()
    n = coded = src = tgt = both = 0
    for row, sp in zip(rows, nlp.pipe([str(r["text"]) for r in rows], batch_size=64), strict=True):
        n += 1
        doc = upstream(Document(id="s", source="bench", text=sp.text, nlp=sp))
        evs = [e for e in code_sentences(doc, Resolver(doc), [sp[:]]) if not e.negated]
        if not evs:
            continue
        coded += 1
        e = max(evs, key=lambda e: e.confidence)
        s_ok, t_ok = right(e.source, row["source"]), right(e.target, row["target"])  # type: ignore[arg-type]
        src += s_ok
        tgt += t_ok
        both += s_ok and t_ok
    print(f"held-out span sentences with gold source and target: {n}")
    print(
        f"  coded {coded / n:.3f}  source right {src / n:.3f}  target right {tgt / n:.3f}  "
        f"both right {both / n:.3f}"
    )


if __name__ == "__main__":
    main()
