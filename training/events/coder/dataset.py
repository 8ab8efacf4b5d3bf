"""Training examples for herald's learned event coder, with the provenance of each.

One example is one sentence with whatever labels its source gives; a missing label is masked in the
loss. Sources (``origin``):

- ``annotated``: the real-news sentences annotated with the PLOVER guide
  (``training/events/annotation/labels/*.jsonl``): event yes/no, PLOVER types, mode, negation and the
  source and target spans. PolNeAR train articles, ConfliBERT sentences and sentences written for
  herald (sport, business, science ...), and whole PolNeAR train articles (``pw:``). When a sentence
  was annotated twice, the first annotation (by shard order) is used.
- ``spans``: ConfliBERT's source/target tagged sentences (roles only).
- ``quad``: ConfliBERT's QuadClass sentences (the quad head only, where not annotated).
- ``synthetic``: headlines of the NGEC synthetic stories (type and mode; weight ``SYNTHETIC_WEIGHT``).

Held-out parts are never returned: the bench's fixed hash splits of the ConfliBERT sentences, the span
sentences and the synthetic templates (``bench/events_data.py``), so the bench figures stay honest.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "training" / "events" / "annotation"))
sys.path.insert(0, str(ROOT / "src"))

import events_data  # noqa: E402
import pool as annotation_pool  # noqa: E402
from scheme import MODES, TYPES, document_of  # noqa: E402, F401

LABELS = ROOT / "training" / "events" / "annotation" / "labels"
SYNTHETIC_WEIGHT = 0.3


@dataclass
class Example:
    text: str
    origin: str
    key: str
    event: int | None = None  # 1 when the sentence holds a (non-negated) event
    types: list[int] | None = None  # 16-way multi-hot, None when unknown
    mode: int | None = None  # index in MODES, None when unknown or no event
    negated: int | None = None
    quad: int | None = None
    roles: list[tuple[int, int, int]] | None = None  # (start, end, 1 source | 2 target) char spans
    weight: float = 1.0
    meta: dict = field(default_factory=dict)


def load_labels() -> dict[str, dict]:
    """sid -> the first annotation of that sentence; also the second ones under key 'second'."""
    first: dict[str, dict] = {}
    for path in sorted(LABELS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            d = json.loads(line)
            d["_file"] = path.name
            if d["sid"] in first:
                first[d["sid"]].setdefault("second", d)
            else:
                first[d["sid"]] = d
    return first


def pool_texts() -> dict[str, str]:
    """sid -> sentence text for every pool item (rebuilt from shared/) and written sentence."""
    out = {}
    for it in annotation_pool.build() + annotation_pool.span_items() + annotation_pool.whole_items():
        out[it["sid"]] = it["text"]
    for written in sorted((ROOT / "training" / "events" / "annotation").glob("written*.jsonl")):
        for line in written.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out[d["sid"]] = d["text"]
    return out


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def find_span(text: str, words: str) -> tuple[int, int] | None:
    if not words or words.startswith("("):
        return None
    i = text.find(words)
    if i < 0:
        i = text.lower().find(words.lower())
    return (i, i + len(words)) if i >= 0 else None


def annotated_example(sid: str, text: str, ann: dict) -> Example:
    events = ann.get("events") or []
    real = [e for e in events if not e.get("negated")]
    types = [0] * len(TYPES)
    for e in real:
        if e.get("type") in TYPES:
            types[TYPES.index(e["type"])] = 1
    mode = None
    if real:
        mode = MODES.index(real[0].get("mode")) if real[0].get("mode") in MODES else 0
    roles: list[tuple[int, int, int]] = []
    for e in events:  # negated events still show who is who
        for side, role in (("source", 1), ("target", 2)):
            a = e.get(side)
            span = find_span(text, (a or {}).get("text", ""))
            if span and not any(s < span[1] and span[0] < t for s, t, _ in roles):
                roles.append((*span, role))
    return Example(
        text=text,
        origin="annotated",
        key=sid,
        event=int(bool(real)),
        types=types,
        mode=mode,
        negated=int(any(e.get("negated") for e in events)),
        roles=roles,
        meta={"political": ann.get("political"), "file": ann.get("_file")},
    )


def examples(synthetic: bool = True) -> list[Example]:
    labels = load_labels()
    texts = pool_texts()
    out: list[Example] = []
    seen_text: set[str] = set()
    quad_of = {t: q for t, q, _h in events_data.quad_sentences()}
    # the same sentence can sit in both ConfliBERT files (tokenised differently): one held out in
    # either is held out in both
    held = {_squash(t) for t, _q, h in events_data.quad_sentences() if h}
    held |= {_squash(str(s["text"])) for s in events_data.span_sentences() if s["held_out"]}
    for sid, ann in labels.items():
        text = texts.get(sid)
        if text is None:
            continue
        if sid.startswith(("cb:", "sp:")) and _squash(text) in held:
            continue  # the bench's held-out ConfliBERT sentences: annotated, never trained on
        ex = annotated_example(sid, text, ann)
        ex.quad = quad_of.get(text.strip())
        out.append(ex)
        seen_text.add(text.strip())
        seen_text.add(text)
    for text, q, is_held in events_data.quad_sentences():
        if not is_held and text not in seen_text and _squash(text) not in held:
            out.append(Example(text=text, origin="quad", key=f"quad:{len(out)}", quad=q))
    for s in events_data.span_sentences():
        if s["held_out"] or s["text"] in seen_text:
            continue  # held out, or annotated (its example above carries types and roles)
        out.append(span_example(s))
    if synthetic:
        for st in events_data.stories():
            if st["held_out"] or st["label"] not in TYPES:
                continue
            types = [0] * len(TYPES)
            types[TYPES.index(str(st["label"]))] = 1
            lead = re.split(r"(?<=[.!?])\s+(?=[A-Z])", str(st["text"]).strip().split("\n")[0].strip())[0]
            if len(lead.split()) < 5:
                continue
            # the stories' "mode" is PLOVER's sub-type (STRIKE, ...), not future/hypothetical: masked
            out.append(
                Example(
                    text=lead,
                    origin="synthetic",
                    key=f"syn:{st['template']}",
                    event=1,
                    types=types,
                    weight=SYNTHETIC_WEIGHT,
                )
            )
    return out


def span_example(s: dict) -> Example:
    toks, tags = s["tokens"], s["tags"]
    text, roles = "", []
    cur: list[int] | None = None
    for tok, tag in zip(toks, tags, strict=True):
        start = len(text) + (1 if text else 0)
        text = f"{text} {tok}" if text else tok
        kind = tag[2:] if tag != "O" else ""
        role = 1 if kind == "S" else 2 if kind in ("T", "R") else 0
        if role and (tag.startswith("B-") or cur is None or cur[2] != role):
            if cur:
                roles.append(tuple(cur))
            cur = [start, len(text), role]
        elif role and cur is not None:
            cur[1] = len(text)
        else:
            if cur:
                roles.append(tuple(cur))
            cur = None
    if cur:
        roles.append(tuple(cur))
    return Example(
        text=text, origin="spans", key=f"spans:{annotation_pool.stable(text) & 0xFFFFFF}", roles=roles
    )


BUILD = ROOT / "training" / "events" / "coder" / "build"


def write(path: Path, exs: list[Example]) -> None:
    from dataclasses import asdict

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for e in exs:
            f.write(json.dumps(asdict(e), ensure_ascii=False) + "\n")


def read(path: Path) -> list[Example]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        d["roles"] = [tuple(r) for r in d["roles"]] if d.get("roles") is not None else None
        out.append(Example(**d))
    return out


if __name__ == "__main__":
    # run with herald's venv (it splits PolNeAR with herald's spaCy model); train.py reads the file
    from collections import Counter

    exs = examples()
    write(BUILD / "examples.jsonl", exs)
    print(Counter(e.origin for e in exs))
    ann = [e for e in exs if e.origin == "annotated"]
    print(
        "annotated with event:",
        sum(e.event or 0 for e in ann),
        "of",
        len(ann),
        "->",
        BUILD / "examples.jsonl",
    )
