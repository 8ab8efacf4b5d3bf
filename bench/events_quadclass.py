"""QuadClass macro-F1 on the held-out ConfliBERT sentences (never trained or tuned on).

    .venv/bin/python bench/events_quadclass.py [--all]

Prints three lines for the held-out part (``--all`` adds the training part, for reference only):
- ``classifier``: herald's sentence classifier (herald.events.model.sentence_probs), argmax 0-4;
- ``events``: what ``herald code`` emits: the QuadClass of the sentence's most confident
  non-negated event, 0 when it codes none (the rules alone decide whether there is an event);
- ``baseline``: a TF-IDF logistic regression trained on the same training part (needs
  scikit-learn), measured in the same run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_data  # noqa: E402
from events_data import upstream  # noqa: E402

from herald.events.model import sentence_probs  # noqa: E402
from herald.events.parties import Resolver  # noqa: E402
from herald.events.stage import code_sentences  # noqa: E402
from herald.models import Document  # noqa: E402
from herald.nlp import load  # noqa: E402


def macro_f1(gold: list[int], pred: list[int], labels: range = range(5)) -> tuple[float, list[float]]:
    per = []
    for c in labels:
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        per.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(per) / len(per), per


def predict(texts: list[str]) -> tuple[list[int], list[int]]:
    nlp = load()
    by_model, by_events = [], []
    for sp in nlp.pipe(texts, batch_size=64):
        sent = sp[:]
        probs = sentence_probs(sent) or [1.0, 0, 0, 0, 0]
        by_model.append(max(range(5), key=lambda q: probs[q]))
        doc = upstream(Document(id="s", source="bench", text=sp.text, nlp=sp))
        evs = [e for e in code_sentences(doc, Resolver(doc), [sent]) if not e.negated]
        by_events.append(max(evs, key=lambda e: e.confidence).quad_class or 0 if evs else 0)
    return by_model, by_events


def baseline(train: list[tuple[str, int, bool]], test: list[tuple[str, int, bool]]) -> list[int] | None:
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        return None
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
    x = vec.fit_transform([t for t, _, _ in train])
    clf = LogisticRegression(C=10, max_iter=2000, class_weight="balanced").fit(x, [y for _, y, _ in train])
    return [int(v) for v in clf.predict(vec.transform([t for t, _, _ in test]))]


def main() -> None:
    rows = events_data.quad_sentences()
    train = [r for r in rows if not r[2]]
    parts = [("held-out", [r for r in rows if r[2]])]
    if "--all" in sys.argv:
        parts.append(("train (seen in training)", train))
    for name, part in parts:
        gold = [y for _, y, _ in part]
        model, evs = predict([t for t, _, _ in part])
        f_model, per = macro_f1(gold, model)
        f_events, per_e = macro_f1(gold, evs)
        print(f"{name}: n={len(part)}")
        print(f"  classifier macro-F1 {f_model:.3f}  per class {[round(x, 2) for x in per]}")
        print(f"  events     macro-F1 {f_events:.3f}  per class {[round(x, 2) for x in per_e]}")
        base = baseline(train, part)
        if base is not None:
            f_base, _ = macro_f1(gold, base)
            print(
                f"  baseline (TF-IDF LR) macro-F1 {f_base:.3f}  "
                f"ratio classifier/baseline {f_model / f_base:.2f}"
            )


if __name__ == "__main__":
    main()
