"""Calibrate the coder's event scores on the validation documents and write the map into coder.json.

    python training/events/coder/calibrate.py VAL.npz DIR

A coded event's raw score is P(event) x P(type). On the validation sentences (annotated documents the
model never trained on), every (sentence, type) pair with a raw score >= 0.05 is a candidate; it is
right when the annotation has a non-negated event of that type in the sentence. Isotonic regression
(pool-adjacent-violators) maps the raw score to the share right; ``confidence`` at run time is that
map, interpolated. The emission threshold is the raw score that maximises F1 on the same pairs; the
display threshold is the lowest calibrated value at which precision on validation reaches 0.8.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dataset  # noqa: E402
from dataset import TYPES  # noqa: E402


def isotonic(x: np.ndarray, y: np.ndarray) -> tuple[list[float], list[float]]:
    order = np.argsort(x)
    xs, ys = x[order], y[order].astype(float)
    blocks: list[list[float]] = []  # [sum y, count, min x, max x]
    for xi, yi in zip(xs, ys, strict=True):
        blocks.append([yi, 1.0, xi, xi])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            s, c, lo, hi = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
            blocks[-1][3] = hi
    kx, ky = [], []
    for s, c, lo, hi in blocks:
        kx.append(float((lo + hi) / 2))
        ky.append(float(s / c))
    return kx, ky


def pairs(val: np.lib.npyio.NpzFile) -> tuple[np.ndarray, np.ndarray, int]:
    exs = {e.key: e for e in dataset.read(dataset.BUILD / "examples.jsonl")}
    sent, keys = val["sent"], val["keys"]
    ev = 1 / (1 + np.exp(-sent[:, 0]))
    logits = sent[:, 1 : 1 + len(TYPES)]
    ty = np.exp(logits - logits.max(-1, keepdims=True))
    ty = ty / ty.sum(-1, keepdims=True)
    raw, right, gold_total = [], [], 0
    for i, k in enumerate(keys):
        ex = exs[str(k)]
        gold = {TYPES[j] for j, v in enumerate(ex.types or []) if v}
        gold_total += len(gold)
        for j, t in enumerate(TYPES):
            s = ev[i] * ty[i, j]
            if s >= 0.05:
                raw.append(s)
                right.append(t in gold)
    return np.array(raw), np.array(right), gold_total


def main() -> None:
    main_with(Path(sys.argv[1]), Path(sys.argv[2]))


def main_with(val_path: Path, out: Path) -> None:
    val = np.load(val_path)
    raw, right, gold_total = pairs(val)
    kx, ky = isotonic(raw, right)
    best = (0.0, 0.5)
    for th in np.arange(0.1, 0.9, 0.02):
        tp = int(right[raw >= th].sum())
        n = int((raw >= th).sum())
        f1 = 2 * tp / (n + gold_total) if n + gold_total else 0.0
        if f1 > best[0]:
            best = (f1, float(th))
    cal = np.interp(raw, kx, ky)
    display = next((float(c) for c in sorted(set(np.round(cal, 3))) if right[cal >= c].mean() >= 0.8), 0.8)
    meta = json.loads((out / "coder.json").read_text())
    meta["calibration"] = {
        "raw": [round(v, 4) for v in kx],
        "calibrated": [round(v, 4) for v in ky],
        "pairs": int(len(raw)),
        "gold_events": gold_total,
    }
    meta["thresholds"] = {
        "emit_raw": round(best[1], 3),
        "emit_f1_on_validation": round(best[0], 3),
        "display": round(max(display, 0.5), 3),
    }
    (out / "coder.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(meta["thresholds"]), f"{len(kx)} calibration knots")


if __name__ == "__main__":
    main()
