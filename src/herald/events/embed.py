"""A static word embedding distilled from all-MiniLM-L6-v2: dense text vectors at lookup speed.

The synthetic PLOVER stories come from a few hundred headline templates, so a classifier over
word features sees each way of saying "praise" or "pull out" only a handful of times; a held-out
template says it with other words. A sentence-transformer knows that "commends" is close to
"praises", but costs about 100 sentences/s per core. ``training/events/distill_embedding.py``
keeps what a linear model can use of it: every word of a fixed vocabulary (lemmas of the training
texts plus common English) goes alone through the transformer at training time, its mean-pooled
output is reduced by PCA and weighted by how rare the word is (frequent words say little about
the type, the SIF idea), and the table ships as ``data/embed.npz`` (float16). At run time a
text's vector is the mean of its lemmas' rows, L2-normalised: one lookup per token.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Embedding:
    index: dict[str, int]
    vectors: Any  # (n_words, dim) float32, the word's rarity weight already multiplied in

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def vector(self, words: list[str]) -> Any:
        """Mean of the known words' rows, L2-normalised; zeros when none is known."""
        get = self.index.get
        idx = [j for w in words if (j := get(w)) is not None]
        if not idx:
            return np.zeros(self.dim, np.float32)
        v = self.vectors[idx].sum(axis=0)
        n = float(np.sqrt(v @ v))
        return v / n if n > 0 else v


@functools.lru_cache(maxsize=1)
def load_embedding() -> Embedding | None:
    """The shipped table (once per process), or None when it is not shipped."""
    ref = resources.files("herald.events").joinpath("data", "embed.npz")
    if not ref.is_file():
        return None
    with ref.open("rb") as f:
        z = np.load(f, allow_pickle=False)
        index = {str(w): i for i, w in enumerate(z["words"])}
        return Embedding(index, z["vectors"].astype(np.float32))


def words(span: Any) -> list[str]:
    """The lower-cased lemmas of a span's word tokens (punctuation, spaces and numbers left out):
    the keys of the embedding table."""
    return [t.lemma_.lower() for t in span if not (t.is_punct or t.is_space or t.like_num)]
