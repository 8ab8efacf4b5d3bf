"""Train the events stage's linear classifiers and export them as plain weights.

    .venv/bin/pip install scikit-learn   # training only; not a run-time dependency
    .venv/bin/python training/events/distill_embedding.py   # embed.npz first (the PLOVER model reads it)
    .venv/bin/python training/events/train_models.py [quad|plover|all] [--fresh]

Trains only on the training parts of the dev sets (bench/events_data.py fixes the held-out parts,
which this script never reads), picks the regularisation by 5-fold cross-validation inside the
training part (grouped by headline template for the stories, as the held-out split is), and writes
src/herald/events/data/{quad,plover}.npz: labels, vocabulary, weights, biases, and for the PLOVER
model its dense head (a second linear model over the embedding vectors of the whole story and of
its lead, averaged with the first; see herald.events.model). Features come from
herald.events.features and herald.events.embed, the
same code that runs in the package; training/events/corpus.py caches the parses in /tmp.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402
import events_data  # noqa: E402

from herald.events.embed import Embedding, load_embedding  # noqa: E402
from herald.events.features import LEAD  # noqa: E402

OUT = ROOT / "src" / "herald" / "events" / "data"
MIN_COUNT = 2
MAX_FEATURES = 20_000
SPARSE_C = 10.0  # PLOVER sparse model (cross-validated: 0.459 / 0.468 / 0.472 at C = 1 / 3 / 10)
DENSE_C = 1.0  # PLOVER dense head
MIX = 0.3  # the dense head's share of the PLOVER probabilities (cross-validated: 0.3 > 0.5 > 0.7)


def sparse(feats: list[list[str]]) -> tuple[Any, np.ndarray]:
    """Binary features seen at least MIN_COUNT times, each row scaled by 1/sqrt(its count) (as
    herald.events.model.LinearModel scores them): (csr matrix, feature names)."""
    from sklearn.feature_extraction import DictVectorizer

    counts = Counter(f for fs in feats for f in set(fs))
    dicts = []
    for fs in feats:
        keep = {f for f in fs if counts[f] >= MIN_COUNT}
        w = 1.0 / np.sqrt(max(1, len(keep)))
        dicts.append({f: w for f in keep})
    vec = DictVectorizer()
    return vec.fit_transform(dicts), np.array(vec.get_feature_names_out(), dtype=str)


def dense(emb: Embedding, parts: list[list[list[str]]]) -> np.ndarray:
    """One embedding vector per part (e.g. the whole story, its lead), side by side."""
    return np.hstack([np.stack([emb.vector(ws) for ws in part]) for part in parts])


def cv_f1(x: Any, y: np.ndarray, groups: list[str] | None, c: float) -> float:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict

    cv = GroupKFold(5) if groups is not None else StratifiedKFold(5, shuffle=True, random_state=0)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    pred = cross_val_predict(clf, x, y, cv=cv, groups=groups)
    return float(f1_score(y, pred, average="macro"))


def fit(
    x: Any,
    y: np.ndarray,
    vocab: np.ndarray,
    name: str,
    grid: tuple[float, ...],
    groups: list[str] | None = None,
) -> None:
    """Pick C by cross-validation, fit on the whole training part, save."""
    from sklearn.linear_model import LogisticRegression

    best = (-1.0, 1.0)
    for c in grid:
        f1 = cv_f1(x, y, groups, c)
        print(f"{name}: C={c:g} cross-validated macro-F1 {f1:.3f}")
        best = max(best, (f1, c))
    clf = LogisticRegression(C=best[1], max_iter=3000, class_weight="balanced").fit(x, y)
    weights = clf.coef_.T.astype(np.float32)
    labels = np.array([str(c) for c in clf.classes_], dtype=str)
    n = save(name, labels, vocab, weights, clf.intercept_.astype(np.float32), {})
    print(f"{name}: C={best[1]:g}, {n} features -> {OUT / (name + '.npz')}")


def save(
    name: str,
    labels: np.ndarray,
    vocab: np.ndarray,
    weights: np.ndarray,
    bias: np.ndarray,
    extra: dict[str, np.ndarray],
) -> int:
    """Keep the MAX_FEATURES features with the largest weights (the rest barely move a score),
    as float16: the shipped file stays small."""
    strength = np.abs(weights).max(axis=1)
    order = np.argsort(-strength)[:MAX_FEATURES]
    keep = np.sort(order[strength[order] > 1e-4])
    arrays: dict[str, Any] = {k: v.astype(np.float32) for k, v in extra.items()}
    arrays.update(labels=labels, vocab=vocab[keep], weights=weights[keep].astype(np.float16), bias=bias)
    np.savez_compressed(OUT / f"{name}.npz", **arrays)
    return len(keep)


def train_quad() -> None:
    rows = [r for r in events_data.quad_sentences() if not r[2]]
    data = corpus.parsed("quad", [r[0] for r in rows])
    x, vocab = sparse([d["f"] for d in data])
    fit(x, np.array([str(r[1]) for r in rows]), vocab, "quad", grid=(1.0, 3.0, 10.0, 30.0, 100.0))


def story_inputs() -> tuple[list[list[str]], list[list[str]], list[list[str]], np.ndarray, list[str]]:
    """Per training story: sparse features (headline + body bag, and the headline's again under
    the lead prefix, as herald.events.features.story_features builds them at run time), all its
    words, its headline's words; labels; headline templates (the CV groups)."""
    rows = [r for r in events_data.stories() if not r["held_out"]]
    head = corpus.parsed("plover-head", [str(r["headline"]) for r in rows])
    body = corpus.parsed("plover-body", [str(r["text"]) for r in rows])
    feats = [h["f"] + b["f"] + [LEAD + f for f in h["f"]] for h, b in zip(head, body, strict=True)]
    all_words = [h["w"] + b["w"] for h, b in zip(head, body, strict=True)]
    lead_words = [h["w"] for h in head]
    y = np.array([str(r["label"]) for r in rows])
    return feats, all_words, lead_words, y, [str(r["template"]) for r in rows]


def train_plover() -> None:
    """The sparse model and the dense head, each fitted on all training stories with the
    regularisation and mixing weight that training/events/cv_plover.py chose by cross-validation
    grouped by template (run it to reproduce the choice)."""
    from sklearn.linear_model import LogisticRegression

    feats, all_words, lead_words, y, _groups = story_inputs()
    x, vocab = sparse(feats)
    clf = LogisticRegression(C=SPARSE_C, max_iter=3000, class_weight="balanced").fit(x, y)
    labels = np.array([str(c) for c in clf.classes_], dtype=str)
    extra: dict[str, np.ndarray] = {}
    emb = load_embedding()
    if emb is not None:
        xd = dense(emb, [all_words, lead_words])
        head = LogisticRegression(C=DENSE_C, max_iter=3000, class_weight="balanced").fit(xd, y)
        assert list(head.classes_) == list(clf.classes_)
        extra = {"dense": head.coef_.T, "dense_bias": head.intercept_, "mix": np.array(MIX)}
    n = save(
        "plover", labels, vocab, clf.coef_.T.astype(np.float32), clf.intercept_.astype(np.float32), extra
    )
    print(
        f"plover: C={SPARSE_C:g}, {n} sparse features; dense head {bool(extra)} (mix {MIX}) "
        f"-> {OUT / 'plover.npz'}"
    )


if __name__ == "__main__":
    if "--fresh" in sys.argv:
        corpus.clear()
    what = next((a for a in sys.argv[1:] if not a.startswith("--")), "all")
    if what in ("quad", "all"):
        train_quad()
    if what in ("plover", "all"):
        train_plover()
