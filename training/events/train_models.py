"""Train the events stage's linear classifiers and export them as plain weights.

    .venv/bin/pip install scikit-learn   # training only; not a run-time dependency
    .venv/bin/python training/events/train_models.py [quad|plover|all]

Trains only on the training parts of the dev sets (bench/events_data.py fixes the held-out parts,
which this script never reads), picks the regularisation by 5-fold cross-validation inside the
training part, and writes src/herald/events/data/{quad,plover}.npz: labels, vocabulary, weights,
biases. Features come from herald.events.features, the same code that runs in the package.
Parsed features are cached in /tmp/herald-events-features-*.json to make reruns quick.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import events_data  # noqa: E402

from herald.events.features import LEAD, sentence_features  # noqa: E402
from herald.nlp import load  # noqa: E402

OUT = ROOT / "src" / "herald" / "events" / "data"
MIN_COUNT = 2
MAX_FEATURES = 20_000


def featurise(texts: list[str], cache: str) -> list[list[str]]:
    path = Path(f"/tmp/herald-events-features-{cache}.json")
    if path.exists():
        data = json.loads(path.read_text())
        if len(data) == len(texts):
            return data
    nlp = load()
    feats = [sentence_features(doc[:]) for doc in nlp.pipe(texts, batch_size=32)]
    path.write_text(json.dumps(feats))
    return feats


def fit(
    feats: list[list[str]],
    labels: list[str],
    name: str,
    grid: tuple[float, ...] = (1.0, 3.0, 10.0, 30.0, 100.0),
    groups: list[str] | None = None,
) -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold, StratifiedKFold, cross_val_predict

    counts = Counter(f for fs in feats for f in set(fs))
    dicts = []
    for fs in feats:
        keep = {f for f in fs if counts[f] >= MIN_COUNT}
        w = 1.0 / np.sqrt(max(1, len(keep)))
        dicts.append({f: w for f in keep})
    vec = DictVectorizer()
    x = vec.fit_transform(dicts)
    y = np.array(labels)
    best = (-1.0, 1.0)
    cv = GroupKFold(5) if groups is not None else StratifiedKFold(5, shuffle=True, random_state=0)
    for c in grid:
        clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        pred = cross_val_predict(clf, x, y, cv=cv, groups=groups)
        f1 = f1_score(y, pred, average="macro")
        print(f"{name}: C={c:g} cross-validated macro-F1 {f1:.3f}")
        best = max(best, (f1, c))
    clf = LogisticRegression(C=best[1], max_iter=3000, class_weight="balanced").fit(x, y)
    vocab = np.array(vec.get_feature_names_out(), dtype=str)
    weights = clf.coef_.T.astype(np.float32)
    labels_out = np.array([str(c) for c in clf.classes_], dtype=str)
    n = save(name, labels_out, vocab, weights, clf.intercept_.astype(np.float32))
    print(f"{name}: C={best[1]:g}, {n} features -> {OUT / (name + '.npz')}")


def save(name: str, labels: np.ndarray, vocab: np.ndarray, weights: np.ndarray, bias: np.ndarray) -> int:
    """Keep the MAX_FEATURES features with the largest weights (the rest barely move a score),
    as float16: the shipped file stays small."""
    strength = np.abs(weights).max(axis=1)
    order = np.argsort(-strength)[:MAX_FEATURES]
    keep = np.sort(order[strength[order] > 1e-4])
    np.savez_compressed(
        OUT / f"{name}.npz",
        labels=labels,
        vocab=vocab[keep],
        weights=weights[keep].astype(np.float16),
        bias=bias,
    )
    return len(keep)


def train_quad() -> None:
    rows = [r for r in events_data.quad_sentences() if not r[2]]
    feats = featurise([r[0] for r in rows], "quad-train")
    fit(feats, [str(r[1]) for r in rows], "quad")


def train_plover() -> None:
    """Stories with their headlines (an article has one): the features of the headline and of
    the body, and the headline's again under the lead prefix (as herald.events.features.
    story_features builds them at run time); cross-validation groups stories by headline
    template, as the held-out split does."""
    rows = [r for r in events_data.stories() if not r["held_out"]]
    body = featurise([str(r["text"]) for r in rows], "plover-train")
    head = featurise([str(r["headline"]) for r in rows], "plover-train-headlines")
    feats = [h + b + [LEAD + f for f in h] for h, b in zip(head, body, strict=True)]
    groups = [str(r["template"]) for r in rows]
    fit(feats, [str(r["label"]) for r in rows], "plover", grid=(1.0, 3.0, 10.0), groups=groups)


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    if what in ("quad", "all"):
        train_quad()
    if what in ("plover", "all"):
        train_plover()
