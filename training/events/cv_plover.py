"""Cross-validated choices for the PLOVER story model (training stories only, grouped by template).

    .venv/bin/python training/events/cv_plover.py [--transformer]

5-fold cross-validation grouped by headline template, as the held-out split is. In every fold the
embedding's sentence tuning (distill_embedding.tune) is refitted on the training fold's sentences
only, so no validation headline shapes the table that represents it. Prints macro-F1 of the sparse
model alone (C=10), the dense head alone (headline vector; story + headline vectors), one model
over both feature sets, and the probability average of the sparse model and the dense head at
several mixing weights. ``--transformer`` adds the reference the table is distilled from: a
linear model over the full all-MiniLM-L6-v2 vector of each headline. About 15 CPU minutes. The
held-out stories are never read here.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import distill_embedding as de  # noqa: E402
import events_data  # noqa: E402
from train_models import DENSE_C, SPARSE_C, dense, sparse, story_inputs  # noqa: E402

from herald.events.embed import Embedding  # noqa: E402


def lr(c: float):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced")


def main() -> None:
    from minilm import WordPiece, model_dir
    from scipy.sparse import csr_matrix, hstack
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    feats, all_words, lead_words, y, groups = story_inputs()
    xs, _ = sparse(feats)
    rows = [r for r in events_data.stories() if not r["held_out"]]
    counts: Counter[str] = Counter(w for ws in de.training_word_lists() for w in ws)
    words = de.vocabulary(counts, WordPiece(model_dir() / "vocab.txt").tokens)
    raw = de.raw_vectors(words)
    index = {w: i for i, w in enumerate(words)}
    sents, target = de.tuning_sentences(rows)  # headlines, then first body sentences
    n = len(rows)
    probs = {k: np.zeros((n, len(set(y)))) for k in ("sparse", "head", "story+head", "joint")}
    labels = np.array(sorted(set(y)))
    for fold, (tr, va) in enumerate(GroupKFold(5).split(xs, y, groups)):
        mask = np.zeros(n, bool)
        mask[tr] = True
        both = np.concatenate([mask, mask])
        tuned = de.tune(words, raw, counts, [s for s, m in zip(sents, both, strict=True) if m], target[both])
        emb = Embedding(index, de.table(words, tuned, counts))
        xh = dense(emb, [lead_words])
        xsh = dense(emb, [all_words, lead_words])
        xj = hstack([xs, csr_matrix(xh)]).tocsr()
        for key, x, c in (
            ("sparse", xs, SPARSE_C),
            ("head", xh, DENSE_C),
            ("story+head", xsh, DENSE_C),
            ("joint", xj, SPARSE_C),
        ):
            probs[key][va] = lr(c).fit(x[tr], y[tr]).predict_proba(x[va])
        print(f"fold {fold} done", flush=True)

    def f1(p: np.ndarray) -> float:
        return float(f1_score(y, labels[p.argmax(axis=1)], average="macro"))

    for key, p in probs.items():
        print(f"{key}: {f1(p):.3f}")
    for mix in (0.3, 0.5, 0.7):
        a = f1((1 - mix) * probs["sparse"] + mix * probs["head"])
        b = f1((1 - mix) * probs["sparse"] + mix * probs["story+head"])
        print(
            f"average sparse + dense head, mix {mix}: headline vector {a:.3f}, "
            f"story + headline vectors {b:.3f}"
        )
    if "--transformer" in sys.argv:
        from train_models import cv_f1

        heads = target[:n]
        print(f"reference: full transformer headline vector, C=1: {cv_f1(heads, y, groups, 1.0):.3f}")


if __name__ == "__main__":
    main()
