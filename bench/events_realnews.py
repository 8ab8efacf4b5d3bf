"""Events on the dev extraction pages against their PLOVER annotation, per coder, with calibration.

    .venv/bin/python bench/events_realnews.py [--coders learned,encoder,rules]

For each coder (``HERALD_EVENT_CODER``) the pages go through ``herald code`` (raw HTML in) and are scored
with the shared scorer's own matching (``../shared/eval/realnews.py``): type and triple P/R/F1, false
events per non-political page. For the learned coder it also prints how often events are right by
confidence band (an event is right when it matches a gold event's type in the same sentence), and the
share right at or above the display threshold: the calibration check of docs/benchmarks.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
sys.path.insert(0, str(EVAL))

import realnews  # noqa: E402
from harness import by_stem, code, data  # noqa: E402
from metrics import prf  # noqa: E402

BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def rightness(pred: list[dict], gold: list[dict]) -> list[tuple[float, bool]]:
    """(confidence, right) per non-negated predicted event, greedy one-to-one like the scorer."""
    gold = [dict(g, type=realnews.OLD.get(g["type"], g["type"])) for g in gold]
    used: set[int] = set()
    out = []
    for e in pred:
        if e.get("negated"):
            continue
        hit = next(
            (
                i
                for i, g in enumerate(gold)
                if i not in used
                and g["type"] == e.get("type")
                and realnews.same_sentence(e.get("sentence", ""), g["sentence"])
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
        out.append((float(e.get("confidence") or 0), hit is not None))
    return out


def run(coder: str) -> None:
    os.environ["HERALD_EVENT_CODER"] = coder
    first, _ = realnews.load_gold()
    html = data("extraction", "html")
    docs = by_stem(code([html / f"{k}.html.gz" for k in first]))
    T = F = (0, 0, 0)
    alarms = nonpol = 0
    pairs: list[tuple[float, bool]] = []
    for k, g in first.items():
        evs = (docs.get(k) or {}).get("events") or []
        t, f = realnews.score(evs, g.get("events") or [])
        T, F = realnews.add(T, t), realnews.add(F, f)
        pairs += rightness(evs, g.get("events") or [])
        if g.get("political") is False:
            nonpol += 1
            alarms += sum(1 for e in evs if not e.get("negated"))
    a, b = prf(*T), prf(*F)
    print(
        f"{coder:8s} type P={a[0]:.3f} R={a[1]:.3f} F1={a[2]:.3f}; triple P={b[0]:.3f} R={b[1]:.3f} "
        f"F1={b[2]:.3f}; false alarms {alarms / max(nonpol, 1):.2f} a non-political page"
    )
    if coder == "learned":
        for lo, hi in zip(BANDS, BANDS[1:], strict=False):
            band = [r for c, r in pairs if lo <= c < hi]
            if band:
                print(
                    f"  confidence {lo:.1f}-{min(hi, 1.0):.1f}: {len(band):3d} events, "
                    f"right {sum(band) / len(band):.2f}"
                )
        from herald.events import display_threshold

        th = display_threshold()
        above = [r for c, r in pairs if c >= th]
        at8 = [r for c, r in pairs if c >= 0.8]
        print(
            f"  at >= display threshold {th:.2f}: {len(above)} events, "
            f"right {sum(above) / max(len(above), 1):.2f}; "
            f"at >= 0.8: {len(at8)} events, right {sum(at8) / max(len(at8), 1):.2f}"
        )


def main() -> None:
    arg = sys.argv[sys.argv.index("--coders") + 1] if "--coders" in sys.argv else "learned,encoder,rules"
    for coder in arg.split(","):
        run(coder)


if __name__ == "__main__":
    main()
