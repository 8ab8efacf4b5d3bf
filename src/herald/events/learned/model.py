"""The learned event coder at run time: an ONNX encoder run by onnxruntime, loaded once per process.

``read(texts)`` gives, per sentence, the coder's beliefs: is there an event, which PLOVER types, its
mode, whether it is negated, the sentence's QuadClass, and for each word piece how likely it belongs
to the source or the target. The model (``data/coder/coder.onnx``, int8) and its label layout
(``data/coder/coder.json``) are written by ``training/events/coder/train.py``; nothing is downloaded.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from herald.events.learned.wordpiece import WordPiece
from herald.onnx import batches, open_session, softmax

DATA = Path(__file__).resolve().parent.parent / "data" / "coder"
BATCH = 32


@dataclass
class Reading:
    """What the coder reads in one sentence (probabilities in 0..1)."""

    event: float
    types: dict[str, float]
    mode: dict[str, float]  # realised | future | hypothetical
    negated: float
    quad: list[float]  # QuadClass 0-4
    offsets: list[tuple[int, int]]  # character span of each word piece, relative to the sentence
    source: list[float]  # per word piece: P(part of the source)
    target: list[float]

    def role_score(self, start: int, end: int, role: str) -> float:
        """Mean probability that the pieces inside [start, end) carry the role (0 when none)."""
        probs = self.source if role == "source" else self.target
        vals = [p for (a, b), p in zip(self.offsets, probs, strict=True) if b > a and a < end and start < b]
        return float(sum(vals) / len(vals)) if vals else 0.0


@functools.cache
def meta() -> dict[str, Any]:
    return dict(json.loads((DATA / "coder.json").read_text(encoding="utf-8")))


def calibrated(raw: float) -> float:
    """The share of validation events right at this raw score (isotonic map written by training)."""
    cal = meta().get("calibration")
    if not cal:
        return raw
    return float(np.interp(raw, cal["raw"], cal["calibrated"]))


def threshold(name: str, default: float) -> float:
    """A threshold chosen at training time (``coder.json``), e.g. ``emit_raw`` or ``display``."""
    return float(meta().get("thresholds", {}).get(name, default))


def available() -> bool:
    return (DATA / "coder.onnx").exists() and (DATA / "coder.json").exists()


@functools.cache
def tokenizer() -> WordPiece:
    return WordPiece.from_file(DATA / "vocab.txt")


@functools.cache
def session() -> Any:
    return open_session(DATA / "coder.onnx")


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


def read(texts: list[str]) -> list[Reading]:
    """The coder's reading of each text (one sentence each), batched by length."""
    if not texts:
        return []
    m = meta()
    tok, sess = tokenizer(), session()
    encs = [tok.encode(t, int(m["max_len"])) for t in texts]
    out: list[Reading | None] = [None] * len(texts)
    lay = m["layout"]
    t0, t1 = lay["types"]
    m0, m1 = lay["mode"]
    q0, q1 = lay["quad"]
    for idx, ids, mask in batches([len(e.ids) for e in encs], lambda i: encs[i].ids, BATCH):
        sent, toks = sess.run(["sentence", "tokens"], {"input_ids": ids, "attention_mask": mask})
        roles = softmax(toks)
        for r, i in enumerate(idx):
            s = sent[r]
            types = softmax(s[t0:t1]) if m.get("type_activation") == "softmax" else _sigmoid(s[t0:t1])
            mode = softmax(s[m0:m1])
            k_len = len(encs[i].ids)
            out[i] = Reading(
                event=float(_sigmoid(s[lay["event"]])),
                types={ty: float(p) for ty, p in zip(m["types"], types, strict=True)},
                mode={md: float(p) for md, p in zip(m["modes"], mode, strict=True)},
                negated=float(_sigmoid(s[lay["negated"]])),
                quad=[float(x) for x in softmax(s[q0:q1])],
                offsets=encs[i].offsets,
                source=[float(x) for x in roles[r, :k_len, 1]],
                target=[float(x) for x in roles[r, :k_len, 2]],
            )
    return [o for o in out if o is not None]
