"""Coverage of herald's actor resolution on the gold actor spans of the ConfliBERT CAMEO set.

    .venv/bin/python bench/actors_conflibert.py [--sample bench/actors_conflibert_sample.tsv]

For each sentence of ../shared/data/events/dev/conflibert_cameo_spans_train.txt (BIO tags: S
source, T target), the sentence is detokenised, parsed with spaCy and resolved with no date; a
gold actor span counts as resolved when a herald mention overlapping it carries a country or
organisation code (an organisation's own code counts: IMGMUSISI for the Islamic State). Prints the
share per tag. With --sample, writes a fixed random sample of 100 resolved spans (lowest hash of span
and sentence) for checking precision by hand; verdicts already written in an existing sample file are
kept, so the hand check survives a re-run.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "events" / "dev" / "conflibert_cameo_spans_train.txt"
NO_SPACE_BEFORE = {",", ".", ":", ";", ")", "'s", "’s", "'", "?", "!", "%", "n't", "”"}
NO_SPACE_AFTER = {"(", "“", "$"}


def sentences(path: Path) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) != 2 or not line.strip():
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append((parts[0], parts[1]))
    if cur:
        out.append(cur)
    return out


def detokenise(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for i, tok in enumerate(tokens):
        glued = tok in ("’", "'") or (tok == "s" and i and tokens[i - 1] in ("’", "'"))
        if i and not glued and tok not in NO_SPACE_BEFORE and tokens[i - 1] not in NO_SPACE_AFTER:
            text += " "
        spans.append((len(text), len(text) + len(tok)))
        text += tok
    return text, spans


def gold_spans(tags: list[str], spans: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-") and tag[2:] in ("S", "T"):
            j = i + 1
            while j < len(tags) and tags[j] == "I-" + tag[2:]:
                j += 1
            out.append((tag[2:], spans[i][0], spans[j - 1][1]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=Path)
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"missing {DATA}")
    from herald.actors import actor_at
    from herald.actors.resolve import resolve_text, spacy_entities
    from herald.models import Document
    from herald.nlp import load

    nlp = load()
    sents = sentences(DATA)
    texts = [detokenise([t for t, _ in s]) for s in sents]
    rows = []
    total = {"S": 0, "T": 0}
    hit = {"S": 0, "T": 0}
    for (text, spans), sent, parsed in zip(texts, sents, nlp.pipe(t for t, _ in texts), strict=True):
        doc = Document(id="x", source="x", text=text)
        doc.mentions = resolve_text(text, None, spacy_entities(parsed))
        for tag, s, e in gold_spans([t for _, t in sent], spans):
            total[tag] += 1
            actor = actor_at(doc, s, e)
            if actor is not None and (actor.country or (actor.kind == "organisation" and actor.code)):
                hit[tag] += 1
                rows.append(
                    [
                        tag,
                        text[s:e],
                        actor.text,
                        actor.name,
                        actor.country or "",
                        actor.sector or "",
                        actor.code or "",
                        actor.role or "",
                        text,
                    ]
                )
    for tag in ("S", "T"):
        print(
            f"{tag}: {hit[tag]}/{total[tag]} gold actors resolved to a country/organisation code "
            f"({hit[tag] / max(1, total[tag]):.1%})"
        )
    all_hit, all_total = sum(hit.values()), sum(total.values())
    print(f"all: {all_hit}/{all_total} ({all_hit / max(1, all_total):.1%}) in {len(sents)} sentences")
    if args.sample:
        write_sample(args.sample, rows)


def write_sample(path: Path, rows: list[list[str]]) -> None:
    verdicts: dict[tuple[str, str], tuple[str, str]] = {}
    if path.exists():
        with path.open(encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                verdicts[(r["gold_span"], r["sentence"])] = (r["verdict"], r["note"])
    # a stable sample: the 100 resolved spans whose (span, sentence) hash lowest, so a re-run
    # after a change in the resolver keeps most of the rows (and their hand verdicts)
    sample = sorted(rows, key=lambda r: hashlib.sha1(f"{r[1]}|{r[8]}".encode()).hexdigest())[:100]
    fields = [
        "tag",
        "gold_span",
        "mention",
        "name",
        "country",
        "sector",
        "code",
        "role",
        "verdict",
        "note",
        "sentence",
    ]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(fields)
        for r in sample:
            v, note = verdicts.get((r[1], r[8]), ("", ""))
            w.writerow([*r[:8], v, note, r[8]])
    ok = sum(1 for r in sample if verdicts.get((r[1], r[8]), ("",))[0] == "ok")
    judged = sum(1 for r in sample if verdicts.get((r[1], r[8]), ("",))[0] in ("ok", "wrong"))
    print(
        f"sample: {len(sample)} rows in {path}; hand-checked {judged}, correct {ok}"
        + (f" (precision {ok / judged:.0%})" if judged else "")
    )


if __name__ == "__main__":
    main()
