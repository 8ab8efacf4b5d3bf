"""The sentence pool of herald's real-news event annotation, rebuilt deterministically from shared/.

Third-party texts (PolNeAR articles, ConfliBERT sentences) are not copied into the repository: each pool
item names its source file and character span (PolNeAR) or line number (ConfliBERT), and this script
rebuilds the text from ``../shared/data``. Sentences written for herald (``written.jsonl``) are ours and
are stored with their text.

    python training/events/annotation/pool.py            # writes pool/*.jsonl (untracked) for annotators
    python training/events/annotation/pool.py spans 4    # the ConfliBERT span round
    python training/events/annotation/pool.py whole 5 1  # the whole-article PolNeAR rounds 1 and 2
    python training/events/annotation/pool.py whole 5 2  # (pool/whole-K, pool/whole2-K; pool-whole.jsonl)
    python training/events/annotation/pool.py whole 6 3  # the third whole-article round (pool/whole3-K)

Split rules, fixed here so nobody tunes them:
- ConfliBERT QuadClass sentences: a stable hash of the sentence puts 30% in ``heldout`` (never annotated,
  never trained on: ``bench/events_quad_heldout.py`` scores them) and 70% in the annotation pool.
- PolNeAR train articles: 80 articles drawn with a fixed seed, their first 22 sentences (spaCy's split).
- Double annotation: every tenth PolNeAR article and every tenth ConfliBERT pool sentence (by order in
  the pool) go to two annotators.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SHARED = ROOT.parent / "shared" / "data"
CONFLIBERT = SHARED / "events" / "dev" / "conflibert_cameo_class_train.tsv"
POLNEAR = SHARED / "quotes" / "polnear" / "train" / "text"
N_ARTICLES = 80
N_SENTENCES = 22
SEED = 17
# the whole-article round: more PolNeAR train articles, read to the end (capped), as the dev pages are
N_WHOLE = 60
N_WHOLE_SENTENCES = 34
SEED_WHOLE = 29
N_WHOLE2 = 100  # a second whole-article round, drawn from what the first two rounds left
SEED_WHOLE2 = 31
N_WHOLE3 = 150  # a third whole-article round, drawn from what the earlier rounds left
SEED_WHOLE3 = 37


def stable(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)


def conflibert_rows() -> list[tuple[int, str, int]]:
    """(line number, sentence, QuadClass label) of the ConfliBERT QuadClass file."""
    out = []
    with CONFLIBERT.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f, delimiter="\t")):
            if len(row) >= 2 and row[-1].strip().isdigit():
                out.append((i, row[0], int(row[-1])))
    return out


def is_heldout(sentence: str) -> bool:
    return stable(sentence) % 10 < 3


def polnear_sentences(name: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of an article's sentences by spaCy's parser."""
    from herald.nlp.model import load  # the pinned spaCy model, loaded once

    text = (POLNEAR / name).read_text(encoding="utf-8")
    out = []
    for para_start, para in paragraphs(text):
        for s in load()(para).sents:
            t = s.text.strip()
            if len(t.split()) >= 3:
                a = para_start + s.start_char
                out.append((a, a + len(s.text), t))
    return out


def paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for block in text.split("\n"):
        if block.strip():
            out.append((pos, block))
        pos += len(block) + 1
    return out


def resolve(item: dict) -> str:
    """The sentence text of a pool item, from shared/ or from the item itself."""
    if item["source"] == "polnear":
        text = (POLNEAR / item["file"]).read_text(encoding="utf-8")
        return text[item["start"] : item["end"]].strip()
    if item["source"] == "conflibert":
        rows = {i: s for i, s, _ in conflibert_rows()}
        return rows[item["line"]]
    return item["text"]


def build() -> list[dict]:
    items: list[dict] = []
    names = sorted(p.name for p in POLNEAR.glob("*.txt"))
    chosen = random.Random(SEED).sample(names, N_ARTICLES)
    for k, name in enumerate(chosen):
        double = k % 10 == 0
        for j, (a, b, t) in enumerate(polnear_sentences(name)[:N_SENTENCES]):
            items.append(
                {
                    "sid": f"pn:{name[:-4]}:{j}",
                    "doc": f"pn:{name[:-4]}",
                    "source": "polnear",
                    "file": name,
                    "start": a,
                    "end": b,
                    "text": t,
                    "double": double,
                }
            )
    pool = [(i, s, q) for i, s, q in conflibert_rows() if not is_heldout(s)]
    for k, (i, s, _q) in enumerate(pool):
        items.append(
            {
                "sid": f"cb:{i}",
                "doc": f"cb:{i}",
                "source": "conflibert",
                "line": i,
                "text": s,
                "double": k % 10 == 0,
            }
        )
    return items


def span_items() -> list[dict]:
    """The ConfliBERT source/target sentences outside the bench's held-out quarter (their text is the
    tokens joined by spaces, as the file gives them), for a second annotation round."""
    sys.path.insert(0, str(ROOT / "bench"))
    import events_data

    out = []
    for s in events_data.span_sentences():
        if not s["held_out"]:
            key = hashlib.sha1(str(s["text"]).encode("utf-8")).hexdigest()[:12]
            out.append({"sid": f"sp:{key}", "doc": f"sp:{key}", "source": "spans", "text": s["text"]})
    return out


def whole_articles() -> list[list[str]]:
    """The whole-article rounds' PolNeAR train articles: round 1 (60), round 2 (100) and round 3 (150),
    each drawn with its own seed from the articles no earlier round took."""
    names = sorted(p.name for p in POLNEAR.glob("*.txt"))
    rest = [n for n in names if n not in set(random.Random(SEED).sample(names, N_ARTICLES))]
    rounds: list[list[str]] = []
    for n, seed in ((N_WHOLE, SEED_WHOLE), (N_WHOLE2, SEED_WHOLE2), (N_WHOLE3, SEED_WHOLE3)):
        chosen = random.Random(seed).sample(rest, n)
        rounds.append(chosen)
        rest = [x for x in rest if x not in set(chosen)]
    return rounds


def whole_items(rounds: tuple[int, ...] = (1, 2, 3)) -> list[dict]:
    """Whole-article rounds: PolNeAR train articles outside the first round's 80, read whole (up to
    ``N_WHOLE_SENTENCES`` sentences), every tenth article of a round twice."""
    out = []
    for r, chosen in enumerate(whole_articles(), 1):
        if r not in rounds:
            continue
        for k, name in enumerate(chosen):
            for j, (a, b, t) in enumerate(polnear_sentences(name)[:N_WHOLE_SENTENCES]):
                out.append(
                    {
                        "sid": f"pw:{name[:-4]}:{j}",
                        "doc": f"pw:{name[:-4]}",
                        "source": "polnear",
                        "file": name,
                        "start": a,
                        "end": b,
                        "text": t,
                        "double": k % 10 == 0,
                        "round": r,
                    }
                )
    return out


def write_whole_shards(n_shards: int, rnd: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    items = whole_items((rnd,))
    docs: dict[str, list[dict]] = {}
    for it in items:
        docs.setdefault(it["doc"], []).append(it)
    shards: list[list[dict]] = [[] for _ in range(n_shards)]
    for k, d in enumerate(docs):
        shards[k % n_shards].extend(docs[d])
        if docs[d][0]["double"]:
            shards[(k + 1) % n_shards].extend(docs[d])
    out = HERE / "pool"
    out.mkdir(exist_ok=True)
    for k, shard in enumerate(shards):
        name = f"whole-{k}.jsonl" if rnd == 1 else f"whole{rnd}-{k}.jsonl"
        with (out / name).open("w", encoding="utf-8") as f:
            for it in shard:
                f.write(
                    json.dumps({"sid": it["sid"], "doc": it["doc"], "text": it["text"]}, ensure_ascii=False)
                    + "\n"
                )
    with (HERE / "pool-whole.jsonl").open("w", encoding="utf-8") as f:
        for it in whole_items():
            f.write(json.dumps({k: v for k, v in it.items() if k != "text"}, ensure_ascii=False) + "\n")
    print(
        f"{len(items)} whole-article sentences of {len(docs)} articles, "
        f"{sum(len(s) for s in shards)} annotations in {n_shards} shards"
    )


def write_span_shards(n_shards: int) -> None:
    items = span_items()
    out = HERE / "pool"
    out.mkdir(exist_ok=True)
    shards: list[list[dict]] = [[] for _ in range(n_shards)]
    for k, it in enumerate(items):
        shards[k % n_shards].append(it)
        if k % 10 == 0:
            shards[(k + 1) % n_shards].append(it)
    for k, shard in enumerate(shards):
        with (out / f"spans-{k}.jsonl").open("w", encoding="utf-8") as f:
            for it in shard:
                f.write(
                    json.dumps({"sid": it["sid"], "doc": it["doc"], "text": it["text"]}, ensure_ascii=False)
                    + "\n"
                )
    print(f"{len(items)} span sentences, {sum(len(s) for s in shards)} annotations in {n_shards} shards")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "spans":
        write_span_shards(int(sys.argv[2]))
        return
    if len(sys.argv) > 2 and sys.argv[1] == "whole":
        write_whole_shards(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)
        return
    sys.path.insert(0, str(ROOT / "src"))
    items = build()
    out = HERE / "pool"
    out.mkdir(exist_ok=True)
    # shards: whole PolNeAR articles stay together; doubles go to the next shard as well
    n_shards = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    docs: dict[str, list[dict]] = {}
    for it in items:
        docs.setdefault(it["doc"], []).append(it)
    order = list(docs)
    random.Random(SEED).shuffle(order)
    shards: list[list[dict]] = [[] for _ in range(n_shards)]
    for k, d in enumerate(order):
        shards[k % n_shards].extend(docs[d])
        if docs[d][0]["double"]:
            shards[(k + 1) % n_shards].extend(docs[d])
    for k, shard in enumerate(shards):
        shard.sort(key=lambda it: (it["source"], it["doc"], it["sid"]))
        with (out / f"shard-{k}.jsonl").open("w", encoding="utf-8") as f:
            for it in shard:
                f.write(
                    json.dumps({"sid": it["sid"], "doc": it["doc"], "text": it["text"]}, ensure_ascii=False)
                    + "\n"
                )
    with (HERE / "pool.jsonl").open("w", encoding="utf-8") as f:
        for it in items:
            ref = {k: v for k, v in it.items() if k != "text"} if it["source"] != "written" else it
            f.write(json.dumps(ref, ensure_ascii=False) + "\n")
    print(f"{len(items)} pool items, {sum(len(s) for s in shards)} annotations in {n_shards} shards")


if __name__ == "__main__":
    main()
