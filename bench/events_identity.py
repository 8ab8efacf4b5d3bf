"""Output identity of the events stage: a canonical dump of everything it codes, and a diff.

    .venv/bin/python bench/events_identity.py dump OUT.json [--stories N]
    .venv/bin/python bench/events_identity.py compare BASE.json NEW.json

Speed work on the rules must not change a single output. ``dump`` codes a fixed set of texts (every
ConfliBERT class sentence, the first N synthetic PLOVER stories, default 300, and the seed article
through ``herald code --format jsonl``) and writes, per sentence:

- ``rules``: what the rules alone decide, which no classifier can move: each verb's analysis
  (lemma, lexicon match, negation, mode), each candidate (trigger, code, source, target, how),
  and the classifier-only fallback's arguments;
- ``events``: the stage's full events (all fields), which also depend on the classifiers;
- ``upstream``: a digest of the actors' mentions and the quotes the stage reads, and ``probs``: a
  digest of the classifier's output, so that a difference caused by another stage or by a
  retrained classifier is reported as such instead of being blamed on the rules.

``compare`` prints the differences per section and exits 1 when the rules or the events of a
sentence whose upstream and classifier digests did not move differ.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import events_data  # noqa: E402
from events_data import upstream  # noqa: E402

from herald.events.features import sentence_features  # noqa: E402
from herald.events.model import sentence_probs  # noqa: E402
from herald.events.parties import Resolver  # noqa: E402
from herald.events.rules import analyse, candidates  # noqa: E402
from herald.events.stage import _fallback_arguments, code_sentence  # noqa: E402
from herald.models import Actor, Document  # noqa: E402
from herald.nlp import load  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "data" / "seed" / "000_ca6517b7cfd7a852.txt"


def _actor(a: Actor | None) -> dict[str, Any] | None:
    return a.to_dict() if a is not None else None


def _digest(obj: Any) -> str:
    return hashlib.md5(json.dumps(obj, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:12]


def _rules(res: Resolver, sent: Any) -> dict[str, Any]:
    infos = analyse(sent)
    verbs = [
        [
            v.tok.i,
            v.lemma,
            None if v.match is None else [v.match.code, v.match.rule, v.match.specific],
            v.negated,
            v.aux,
        ]
        for v in infos
    ]
    cands = [
        {
            "trigger": c.trigger.i,
            "code": c.code,
            "rule": c.rule,
            "specific": c.specific,
            "source": _actor(c.source),
            "target": _actor(c.target),
            "how": c.how,
            "negated": c.negated,
            "aux": c.aux,
        }
        for c in candidates(res, sent, infos)
    ]
    fb = _fallback_arguments(res, sent)
    fallback = None if fb is None else [fb[0].i, _actor(fb[1]), _actor(fb[2]), fb[3]]
    return {"verbs": verbs, "candidates": cands, "fallback": fallback}


def _doc_record(doc: Document) -> list[dict[str, Any]]:
    res = Resolver(doc)
    up = _digest(
        [[m.start, m.end, m.via, m.actor.to_dict()] for m in doc.mentions] + [q.to_dict() for q in doc.quotes]
    )
    out = []
    for sent in doc.nlp.sents:
        probs = sentence_probs(sent, sentence_features(sent))
        out.append({
            "start": sent.start_char,
            "upstream": up,
            "probs": _digest([round(p, 6) for p in probs] if probs else None),
            "rules": _rules(res, sent),
            "events": [e.to_dict() for e in code_sentence(doc, res, sent)],
        })  # fmt: skip
    return out


def _seed() -> list[dict[str, Any]]:
    """The seed article's events through the command line, as a user runs it."""
    if not SEED.exists():
        return []
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "herald"), "code", str(SEED), "--format", "jsonl"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    docs = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return [e for d in docs for e in d.get("events", [])]


def dump(out: Path, n_stories: int) -> None:
    texts = [(f"q{i}", t) for i, (t, _, _) in enumerate(events_data.quad_sentences())]
    texts += [(f"s{i}", str(s["text"])) for i, s in enumerate(events_data.stories()[:n_stories])]
    nlp = load()
    result: dict[str, Any] = {"docs": {}}
    for (key, _), sp in zip(texts, nlp.pipe([t for _, t in texts], batch_size=64), strict=True):
        doc = upstream(Document(id=key, source="identity", text=sp.text, nlp=sp))
        result["docs"][key] = _doc_record(doc)
    result["seed"] = _seed()
    out.write_text(json.dumps(result, sort_keys=True, indent=0), encoding="utf-8")
    n_sents = sum(len(v) for v in result["docs"].values())
    n_ev = sum(len(s["events"]) for v in result["docs"].values() for s in v)
    print(
        f"{len(result['docs'])} texts, {n_sents} sentences, {n_ev} events, "
        f"seed {len(result['seed'])} events -> {out}"
    )


def compare(base_path: Path, new_path: Path) -> int:
    base = json.loads(base_path.read_text(encoding="utf-8"))
    new = json.loads(new_path.read_text(encoding="utf-8"))
    counts = {"rules": 0, "events": 0, "events (upstream moved)": 0, "events (classifier moved)": 0}
    shown = 0
    for key, sents in base["docs"].items():
        other = new["docs"].get(key)
        if other is None or len(other) != len(sents):
            counts["rules"] += 1
            print(f"{key}: sentences differ")
            continue
        for a, b in zip(sents, other, strict=True):
            for section in ("rules", "events"):
                if a[section] == b[section]:
                    continue
                label = section
                if section == "events" and a["upstream"] != b["upstream"]:
                    label = "events (upstream moved)"
                elif section == "events" and a["probs"] != b["probs"]:
                    label = "events (classifier moved)"
                elif section == "rules" and a["upstream"] != b["upstream"]:
                    label = "events (upstream moved)"
                counts[label] += 1
                if shown < 10 and label in ("rules", "events"):
                    shown += 1
                    print(f"--- {key}@{a['start']} {section}\n  base {json.dumps(a[section])[:600]}")
                    print(f"  new  {json.dumps(b[section])[:600]}")
    seed_same = base["seed"] == new["seed"]
    n = sum(len(v) for v in base["docs"].values())
    print(f"{n} sentences compared; differences: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(
        f"seed events: {'identical' if seed_same else 'DIFFERENT'} "
        f"({len(base['seed'])} vs {len(new['seed'])})"
    )
    return 0 if counts["rules"] == 0 and counts["events"] == 0 and seed_same else 1


def main() -> None:
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == "dump":
        n = int(args[args.index("--stories") + 1]) if "--stories" in args else 300
        dump(Path(args[1]), n)
    elif len(args) == 3 and args[0] == "compare":
        sys.exit(compare(Path(args[1]), Path(args[2])))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
