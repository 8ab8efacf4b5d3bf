"""PLOVER event-type macro-F1 on the held-out synthetic stories and on the codebook's own examples.

    .venv/bin/python bench/events_plover.py [--headline] [--limit N]

One label per story, so herald's answer for a story is the type with the largest summed
confidence over the story's non-negated events, or, when it codes none, the PLOVER classifier's
best type for the whole text ("events+classifier"); "classifier" is the classifier alone over the
whole text. The codebook examples (135 mode definitions of the structured codebook, e.g. "Invite a
delegation to visit") go through the same scorer. ``--headline`` prepends each story's headline (a
real article has one; the held-out split groups stories by headline template, so no template is
seen in training). A TF-IDF logistic regression trained on the same training stories is the
baseline of the run.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_data  # noqa: E402
from events_data import upstream  # noqa: E402
from events_quadclass import macro_f1  # noqa: E402

from herald.events.model import plover_probs  # noqa: E402
from herald.events.ontology import TYPES  # noqa: E402
from herald.events.parties import Resolver  # noqa: E402
from herald.events.stage import code_sentences  # noqa: E402
from herald.models import Document  # noqa: E402
from herald.nlp import load  # noqa: E402


def predict(texts: list[str]) -> tuple[list[str], list[str]]:
    nlp = load()
    by_events, by_model = [], []
    for sp in nlp.pipe(texts, batch_size=16):
        probs = plover_probs(sp[:]) or {"ASSAULT": 1.0}
        best_model = max(probs, key=lambda t: probs[t])
        doc = upstream(Document(id="s", source="bench", text=sp.text, nlp=sp))
        res = Resolver(doc)
        score: dict[str, float] = defaultdict(float)
        for e in code_sentences(doc, res, list(sp.sents)):
            if not e.negated:
                score[e.type] += e.confidence
        by_events.append(max(score, key=lambda t: score[t]) if score else best_model)
        by_model.append(best_model)
    return by_events, by_model


def baseline(train: list[tuple[str, str]], test: list[str]) -> list[str] | None:
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        return None
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
    x = vec.fit_transform([t for t, _ in train])
    clf = LogisticRegression(C=10, max_iter=2000, class_weight="balanced").fit(x, [y for _, y in train])
    return [str(v) for v in clf.predict(vec.transform(test))]


def report(name: str, texts: list[str], gold: list[str], train: list[tuple[str, str]]) -> None:
    labels = range(len(TYPES))
    idx = {t: i for i, t in enumerate(TYPES)}
    g = [idx[x] for x in gold]
    ev, mo = predict(texts)
    f_ev, _ = macro_f1(g, [idx[x] for x in ev], labels)
    f_mo, _ = macro_f1(g, [idx[x] for x in mo], labels)
    acc = sum(a == b for a, b in zip(gold, ev, strict=True)) / len(gold)
    print(f"{name}: n={len(texts)}")
    print(
        f"  events+classifier macro-F1 {f_ev:.3f} (accuracy {acc:.3f})   classifier alone macro-F1 {f_mo:.3f}"
    )
    base = baseline(train, texts)
    if base is not None:
        f_b, _ = macro_f1(g, [idx[x] for x in base], labels)
        print(f"  baseline (TF-IDF LR on the training stories) macro-F1 {f_b:.3f}")


def main() -> None:
    headline = "--headline" in sys.argv
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None

    def text(r: dict[str, object]) -> str:
        return f"{r['headline']}.\n\n{r['text']}" if headline else str(r["text"])

    rows = events_data.stories()
    train = [(text(r), str(r["label"])) for r in rows if not r["held_out"]]
    test = [r for r in rows if r["held_out"]][:limit]
    report(
        "held-out stories" + (" (with headline)" if headline else ""),
        [text(r) for r in test],
        [str(r["label"]) for r in test],
        train,
    )
    book = events_data.codebook_examples()
    report("codebook examples", [t for t, _ in book], [y for _, y in book], train)


if __name__ == "__main__":
    main()
