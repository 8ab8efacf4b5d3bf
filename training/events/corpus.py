"""Parse the training texts once and cache what the classifiers read (training only).

For each text: ``f``, its sentence features (herald.events.features.sentence_features over the
whole text) and ``w``, its lemma words (herald.events.embed.words), the keys of the embedding
table. The cache file's name carries a hash of the texts and of the feature functions' source, so
a change in either re-parses; the rules, lexicon and verb dictionary change more often than it is
worth re-parsing for an experiment, so after changing them run ``corpus.py --fresh`` (or
``train_models.py --fresh``) before training the shipped models.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "src" / "herald" / "events"
CACHE = "/tmp/herald-events-corpus-"


def _key(texts: list[str]) -> str:
    import inspect

    from herald.events import embed, features

    h = hashlib.sha1()
    for t in texts:
        h.update(t.encode("utf-8") + b"\0")
    for fn in (features.sentence_features, features.verb_features, embed.words):
        h.update(inspect.getsource(fn).encode("utf-8"))
    return h.hexdigest()[:12]


def clear() -> None:
    """Forget every cached parse (after a change in the rules, lexicon or verb dictionary)."""
    for p in Path(CACHE).parent.glob(Path(CACHE).name + "*.json"):
        p.unlink()


def parsed(name: str, texts: list[str]) -> list[dict[str, list[str]]]:
    """[{'f': features, 'w': words}] per text, from the cache when the key matches."""
    path = Path(f"{CACHE}{name}-{_key(texts)}.json")
    if path.exists():
        return json.loads(path.read_text())  # type: ignore[no-any-return]
    from herald.events.embed import words
    from herald.events.features import sentence_features
    from herald.nlp import load

    nlp = load()
    out = []
    for doc in nlp.pipe(texts, batch_size=32):
        out.append({"f": sentence_features(doc[:]), "w": words(doc)})
    path.write_text(json.dumps(out))
    return out


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import events_data

    if "--fresh" in sys.argv:
        clear()
    rows = [r for r in events_data.stories() if not r["held_out"]]
    parsed("plover-head", [str(r["headline"]) for r in rows])
    print("headlines parsed")
    parsed("quad", [r[0] for r in events_data.quad_sentences() if not r[2]])
    print("quad parsed")
    parsed("plover-body", [str(r["text"]) for r in rows])
    print("bodies parsed")
