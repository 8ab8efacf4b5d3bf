"""The learned attribution tagger at run time: an int8 ONNX encoder run by onnxruntime.

The model (``data/tagger/tagger.onnx``, written by ``training/quotes/train.py``) is
all-MiniLM-L6-v2 fine-tuned on PolNeAR's *train* articles to tag each word piece as
O / B-/I- source, cue or content (BIO). It reads windows of a paragraph (whole sentences packed up
to ``max_len`` pieces, :func:`windows`), the same windows it was trained on, and :func:`tag` returns
the spans it finds with their mean probabilities. Word pieces come from the event coder's WordPiece
tokenizer (same vocabulary); the model is loaded once per process and never downloaded.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from herald.events.learned.wordpiece import WordPiece
from herald.onnx import batches, open_session, softmax

DATA = Path(__file__).resolve().parent / "data" / "tagger"
VOCAB = Path(__file__).resolve().parents[1] / "events" / "data" / "coder" / "vocab.txt"
LABELS = ("O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content")
ROLES = ("source", "cue", "content")
MAX_LEN = 128
BATCH = 16

# a sentence ends at . ? ! (optionally followed by a closing mark or bracket) before a space and an
# opening mark, bracket or capital; the model only needs windows that do not cut a sentence
_SENT_END = re.compile(r"(?:(?<=[.?!…][”\"’')\]])|(?<=[.?!…]))\s+(?=[“\"‘'(\[A-Z0-9])")


@dataclass
class Span:
    role: str  # source | cue | content
    start: int  # character offsets in the document
    end: int
    prob: float  # mean probability of the span's role over its pieces


@functools.cache
def tokenizer() -> WordPiece:
    return WordPiece.from_file(VOCAB)


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end] (one paragraph)."""
    out, at = [], start
    for m in _SENT_END.finditer(text, start, end):
        if m.start() > at:
            out.append((at, m.start()))
        at = m.end()
    if end > at:
        out.append((at, end))
    return out


def windows(text: str, max_len: int = MAX_LEN) -> list[tuple[int, int]]:
    """Character spans of the model's windows: each paragraph, cut between sentences so that a
    window holds at most ``max_len`` word pieces (a longer sentence is a window of its own and the
    encoder truncates it)."""
    tok = tokenizer()
    out: list[tuple[int, int]] = []
    budget = max_len - 2
    pos = 0
    for para in text.split("\n"):
        p0, p1 = pos, pos + len(para)
        pos = p1 + 1
        if not para.strip():
            continue
        cur: tuple[int, int] | None = None
        used = 0
        for s0, s1 in sentences(text, p0, p1):
            n = sum(len(tok.pieces(w)) for w, _ in tok.words(text[s0:s1]))
            if cur is not None and used + n <= budget:
                cur, used = (cur[0], s1), used + n
                continue
            if cur is not None:
                out.append(cur)
            cur, used = (s0, s1), n
        if cur is not None:
            out.append(cur)
    return out


def available() -> bool:
    return (DATA / "tagger.onnx").exists() and (DATA / "tagger.json").exists()


@functools.cache
def meta() -> dict[str, Any]:
    return dict(json.loads((DATA / "tagger.json").read_text(encoding="utf-8")))


@functools.cache
def session() -> Any:
    # CPU only: int8 dynamic quantisation is what was measured (docs/benchmarks.md, issue 19)
    return open_session(DATA / "tagger.onnx", gpu=False)


def decode(offsets: list[tuple[int, int]], probs: np.ndarray, base: int) -> list[Span]:
    """BIO spans from per-piece label probabilities (argmax; an I- with no B- opens a span)."""
    labels = probs.argmax(-1)
    spans: list[Span] = []
    cur: tuple[str, int, int, list[float]] | None = None
    for k, (a, b) in enumerate(offsets):
        if b <= a:
            continue
        lab = LABELS[int(labels[k])]
        if lab == "O":
            if cur is not None:
                spans.append(Span(cur[0], base + cur[1], base + cur[2], float(np.mean(cur[3]))))
                cur = None
            continue
        bio, role = lab.split("-", 1)
        p = float(probs[k, LABELS.index("B-" + role)] + probs[k, LABELS.index("I-" + role)])
        if cur is not None and cur[0] == role and bio == "I":
            cur = (role, cur[1], b, [*cur[3], p])
            continue
        if cur is not None:
            spans.append(Span(cur[0], base + cur[1], base + cur[2], float(np.mean(cur[3]))))
        cur = (role, a, b, [p])
    if cur is not None:
        spans.append(Span(cur[0], base + cur[1], base + cur[2], float(np.mean(cur[3]))))
    return spans


def tag(text: str, spans: list[tuple[int, int]]) -> list[list[Span]]:
    """The tagger's source, cue and content spans in each window ``text[a:b]`` (document offsets)."""
    if not spans:
        return []
    tok, sess = tokenizer(), session()
    max_len = int(meta().get("max_len", MAX_LEN))
    encs = [tok.encode(text[a:b], max_len) for a, b in spans]
    out: list[list[Span]] = [[] for _ in spans]
    for idx, ids, mask in batches([len(e.ids) for e in encs], lambda i: encs[i].ids, BATCH):
        (logits,) = sess.run(["tags"], {"input_ids": ids, "attention_mask": mask})
        probs = softmax(logits)
        for r, i in enumerate(idx):
            k_len = len(encs[i].ids)
            out[i] = decode(encs[i].offsets, probs[r, :k_len], spans[i][0])
    return out
