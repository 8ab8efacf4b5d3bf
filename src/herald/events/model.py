"""Linear sentence classifiers shipped as plain weights (numpy, no scikit-learn at run time).

Two models, trained by ``training/events/train_models.py`` on the training parts of the dev sets:

- ``quad``: P(QuadClass 0..4 | sentence), 0 being "no event"; used to weigh the rules' confidence
  and as herald's sentence-level QuadClass.
- ``plover``: P(PLOVER type | text) over the 16 types: a story's type, and the type of a sentence
  the rules do not code.

A model is a vocabulary of feature strings, a weight matrix and biases in ``data/<name>.npz``;
scoring a sentence is a sum of a few hundred weight rows, fast enough to run on every sentence.
The PLOVER model also has a dense head: a second linear model over a short vector (the distilled
word embedding of the text and of its lead, :func:`herald.events.features.story_vector`), whose
probabilities are averaged with the sparse model's (weight ``mix``): one matrix-vector product
more. Averaging two separately regularised models beat one model over both feature sets in
cross-validation (see docs/events.md).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

from herald.events.features import sentence_features, story_features, story_vector


@dataclass(frozen=True)
class LinearModel:
    labels: tuple[str, ...]
    vocab: dict[str, int]
    weights: Any  # (n_features, n_labels) float32
    bias: Any  # (n_labels,)
    dense: Any = None  # (n_dense, n_labels) float32, or None: the model reads no vector
    dense_bias: Any = None  # (n_labels,): the dense head's own biases
    mix: float = 0.0  # the dense head's share of the averaged probabilities

    def probs(self, feats: list[str], vec: Any = None) -> Any:
        get = self.vocab.get
        idx = list({j for f in feats if (j := get(f)) is not None})
        z = self.bias
        if idx:  # binary features scaled by 1/sqrt(count), as in training: one row sum
            z = z + self.weights[idx].sum(axis=0) * (1.0 / np.sqrt(len(idx)))
        p = _softmax(z)
        if self.dense is not None and vec is not None and self.mix > 0:
            p = (1.0 - self.mix) * p + self.mix * _softmax(vec @ self.dense + self.dense_bias)
        return p


def _softmax(z: Any) -> Any:
    e = np.exp(z - z.max())
    return e / e.sum()


@functools.lru_cache(maxsize=4)
def load_model(name: str) -> LinearModel | None:
    """The named model from the package data, or None when it is not shipped."""
    ref = resources.files("herald.events").joinpath("data", f"{name}.npz")
    if not ref.is_file():
        return None
    with ref.open("rb") as f:
        z = np.load(f, allow_pickle=False)
        labels = tuple(str(x) for x in z["labels"])
        vocab = {str(w): i for i, w in enumerate(z["vocab"])}
        weights, bias = z["weights"].astype(np.float32), z["bias"].astype(np.float32)
        if "dense" not in z.files:
            return LinearModel(labels, vocab, weights, bias)
        dense, dense_bias = z["dense"].astype(np.float32), z["dense_bias"].astype(np.float32)
        return LinearModel(labels, vocab, weights, bias, dense, dense_bias, float(z["mix"]))


def sentence_probs(sent: Any, feats: list[str] | None = None) -> list[float] | None:
    """P(QuadClass 0..4) for a sentence, or None without a shipped model."""
    m = load_model("quad")
    if m is None:
        return None
    p = m.probs(feats if feats is not None else sentence_features(sent))
    return [float(p[m.labels.index(str(q))]) for q in range(5)]


def plover_probs(span: Any, feats: list[str] | None = None) -> dict[str, float] | None:
    """P(PLOVER type) for a sentence or a story (its first sentence, the headline or lead,
    weighs more: see ``story_features``), or None without a shipped model."""
    m = load_model("plover")
    if m is None:
        return None
    vec = story_vector(span) if m.dense is not None else None
    p = m.probs(feats if feats is not None else story_features(span), vec)
    return {lab: float(x) for lab, x in zip(m.labels, p, strict=True)}
