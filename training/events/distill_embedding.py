"""Distil all-MiniLM-L6-v2 into the static word table ``src/herald/events/data/embed.npz``.

    .venv/bin/python training/events/distill_embedding.py [--dim 64] [--sif 1e-3]

Recipe (model2vec-style, numpy only; see training/events/minilm.py for the weights):

1. vocabulary: the lemmas of the training texts (the training synthetic stories and their
   headlines, the training ConfliBERT sentences; training/events/corpus.py parses and caches them)
   plus the common whole words of the transformer's own WordPiece vocabulary (alphabetic, >= 3
   letters), which stand for the English a held-out text may use and training never saw;
2. each word alone goes through the transformer (``[CLS] pieces [SEP]``), mean-pooled as the
   sentence-transformer pools a sentence: 384 dimensions per word;
3. tuning on sentences (as model2vec's "tokenlearn"): a word alone is not how it is used, so the
   table is fitted to what the transformer says of whole sentences. For the headline and the first
   body sentence of every training story, the transformer's sentence vector is the target and the
   SIF-weighted mean of the sentence's word rows the prediction; the change to the rows is the
   damped least-squares solution (scipy's lsqr, damping ``DAMP``, so rows of words seen rarely stay
   close to step 2). Measured by cross-validation grouped by template, with the tuning refitted
   inside each training fold so no validation sentence is seen: see docs/events.md;
4. PCA over the vocabulary to ``dim`` dimensions (centring also removes the component every word
   shares, which would otherwise dominate a mean);
5. each row is multiplied by a SIF weight a / (a + p(word)), p estimated from the lemma counts of
   the training texts (a word never seen counts as half an occurrence): frequent words ("the",
   "say") barely move a text's mean; the rows are stored as float16.

The transformer's vectors (words, and the tuning sentences) are cached in /tmp (about five minutes
of CPU to recompute).
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
import events_data  # noqa: E402

OUT = ROOT / "src" / "herald" / "events" / "data" / "embed.npz"
DIM = 64
SIF_A = 1e-3
MIN_WORD_COUNT = 2  # a training lemma seen once is mostly a typo or a name
DAMP = 0.1  # ridge penalty of the sentence tuning (0.01 was worse in cross-validation)


def training_word_lists() -> list[list[str]]:
    rows = [r for r in events_data.stories() if not r["held_out"]]
    out = [d["w"] for d in corpus.parsed("plover-head", [str(r["headline"]) for r in rows])]
    out += [d["w"] for d in corpus.parsed("plover-body", [str(r["text"]) for r in rows])]
    out += [d["w"] for d in corpus.parsed("quad", [r[0] for r in events_data.quad_sentences() if not r[2]])]
    return out


def usable(w: str) -> bool:
    return 2 <= len(w) <= 30 and any(c.isalpha() for c in w) and " " not in w


def vocabulary(counts: Counter[str], tokens: list[str]) -> list[str]:
    words = {w for w, c in counts.items() if c >= MIN_WORD_COUNT and usable(w)}
    words |= {t for t in tokens if t.isascii() and t.isalpha() and len(t) >= 3}
    return sorted(words)


def transformer_vectors(texts: list[str], name: str, batch: int, max_len: int) -> np.ndarray:
    """(len(texts), 384) all-MiniLM-L6-v2 sentence vectors, cached by the texts' hash."""
    key = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:12]
    path = Path(f"/tmp/herald-minilm-{name}-{key}.npy")
    if path.exists():
        return np.load(path)  # type: ignore[no-any-return]
    from minilm import MiniLM

    vec = MiniLM().embed(texts, batch=batch, max_len=max_len)
    np.save(path, vec)
    return vec


def raw_vectors(words: list[str]) -> np.ndarray:
    """Each word alone through the transformer."""
    return transformer_vectors(words, "words", 512, 16)


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def tuning_sentences(rows: list[dict[str, object]]) -> tuple[list[list[str]], np.ndarray]:
    """Words and transformer vectors of the training stories' headlines and first body sentences."""
    heads = [str(r["headline"]) for r in rows]
    leads = [first_sentence(str(r["text"])) for r in rows]
    words = [d["w"] for d in corpus.parsed("plover-head", heads)]
    words += [d["w"] for d in corpus.parsed("plover-lead", leads)]
    vecs = np.vstack([
        transformer_vectors(heads, "heads", 128, 32), transformer_vectors(leads, "leads", 64, 64)
    ])  # fmt: skip
    return words, vecs


def tune(
    words: list[str], raw: np.ndarray, counts: Counter[str], sents: list[list[str]], target: np.ndarray
) -> np.ndarray:
    """Rows (centred) moved so that SIF-weighted sentence means approach the target vectors."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.linalg import lsqr

    index = {w: i for i, w in enumerate(words)}
    sif = sif_weights(words, counts)
    r: list[int] = []
    c: list[int] = []
    v: list[float] = []
    for i, ws in enumerate(sents):
        ids = [index[w] for w in ws if w in index]
        if ids:
            wt = sif[ids] / sif[ids].sum()
            r += [i] * len(ids)
            c += ids
            v += wt.tolist()
    a = csr_matrix((v, (r, c)), shape=(len(sents), len(words)))
    w0 = raw - raw.mean(axis=0)
    resid = target - a @ w0
    cols = [lsqr(a, resid[:, j], damp=np.sqrt(DAMP), iter_lim=100)[0] for j in range(resid.shape[1])]
    return w0 + np.stack(cols, axis=1)


def sif_weights(words: list[str], counts: Counter[str], sif_a: float = SIF_A) -> np.ndarray:
    total = sum(counts.values())
    p = np.array([max(counts.get(w, 0), 0.5) / total for w in words])
    return sif_a / (sif_a + p)


def table(
    words: list[str], raw: np.ndarray, counts: Counter[str], dim: int = DIM, sif_a: float = SIF_A
) -> np.ndarray:
    """PCA to ``dim``, SIF-weighted rows (float32)."""
    x = raw - raw.mean(axis=0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    red = x @ vt[:dim].T
    red /= np.linalg.norm(red, axis=1, keepdims=True) + 1e-9
    return (red * sif_weights(words, counts, sif_a)[:, None]).astype(np.float32)


def build(dim: int = DIM, sif_a: float = SIF_A) -> tuple[list[str], np.ndarray]:
    from minilm import WordPiece, model_dir

    counts: Counter[str] = Counter(w for ws in training_word_lists() for w in ws)
    words = vocabulary(counts, WordPiece(model_dir() / "vocab.txt").tokens)
    rows = [r for r in events_data.stories() if not r["held_out"]]
    sents, target = tuning_sentences(rows)
    tuned = tune(words, raw_vectors(words), counts, sents, target)
    return words, table(words, tuned, counts, dim, sif_a)


def save(words: list[str], vectors: np.ndarray) -> None:
    np.savez_compressed(OUT, words=np.array(words, dtype=str), vectors=vectors.astype(np.float16))


if __name__ == "__main__":
    dim = int(sys.argv[sys.argv.index("--dim") + 1]) if "--dim" in sys.argv else DIM
    sif = float(sys.argv[sys.argv.index("--sif") + 1]) if "--sif" in sys.argv else SIF_A
    w, v = build(dim, sif)
    save(w, v)
    print(f"{len(w)} words x {v.shape[1]} dims -> {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")
