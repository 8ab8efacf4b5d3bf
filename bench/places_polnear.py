"""Places on PolNeAR dev: are the place mentions herald resolves resolved to the right country?

There is no gold geocoding for PolNeAR, so precision comes from a hand-checked sample: 100 resolved
mentions drawn at random (fixed seed) from all the dev articles, stored with their context and a
verdict in ``bench/places_sample.tsv``:

* ``ok``            the right place;
* ``wrong-place``   the right country, the wrong place (e.g. the state for the city);
* ``wrong-country`` a real place mention resolved into the wrong country;
* ``not-place``     not a place mention at all (a person, an agency, a newspaper).

Country precision = (ok + wrong-place) / judged; place precision = ok / judged. A sampled mention
whose resolution has changed since it was judged is reported as "changed" and left out until it
is judged again (``--draw`` keeps the old verdicts of rows that did not change).

The run also times the stage against the spaCy parse of the same texts (a ratio, not seconds).

Usage: python bench/places_polnear.py [--draw] [--goal 0.9] [--split dev]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

from herald import nlp
from herald.models import Document
from herald.places.compact import load_gazetteer
from herald.places.stage import locate, place_mentions

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"
SAMPLE = Path(__file__).resolve().parent / "places_sample.tsv"
FIELDS = ["key", "mention", "context", "name", "country", "admin1", "kind", "verdict", "note"]
SIZE, SEED = 100, 12


def load_docs(split: str) -> list[Document]:
    folder = POLNEAR / split / "text"
    return [
        Document(id=p.stem, source=str(p), text=p.read_text(encoding="utf-8"))
        for p in sorted(folder.glob("*.txt"))
    ]


def rows_of(docs: list[Document]) -> list[dict[str, str]]:
    gaz = load_gazetteer()
    rows = []
    for d in docs:
        for pm in place_mentions(d, gaz):
            e = pm.chosen
            assert e is not None
            context = d.text[max(0, pm.start - 70) : pm.end + 50].replace("\n", " ").replace("\t", " ")
            rows.append(
                {
                    "key": f"{d.id}:{pm.start}-{pm.end}",
                    "mention": pm.text,
                    "context": context,
                    "name": e.name,
                    "country": e.iso3 or "",
                    "admin1": e.admin1 or "",
                    "kind": e.kind,
                    "verdict": "",
                    "note": "",
                }
            )
    return rows


def read_sample() -> dict[str, dict[str, str]]:
    if not SAMPLE.exists():
        return {}
    with SAMPLE.open(encoding="utf-8") as f:
        return {r["key"]: r for r in csv.DictReader(f, delimiter="\t")}


def same(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(a[k] == b[k] for k in ("mention", "name", "country", "admin1", "kind"))


def draw(rows: list[dict[str, str]]) -> None:
    old = read_sample()
    picked = random.Random(SEED).sample(rows, min(SIZE, len(rows)))
    picked.sort(key=lambda r: r["key"])
    for r in picked:
        if r["key"] in old and same(r, old[r["key"]]):
            r["verdict"], r["note"] = old[r["key"]]["verdict"], old[r["key"]]["note"]
    with SAMPLE.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(picked)
    print(f"wrote {len(picked)} rows to {SAMPLE} ({sum(1 for r in picked if not r['verdict'])} to judge)")


def score(rows: list[dict[str, str]], goal: float) -> int:
    now = {r["key"]: r for r in rows}
    verdicts: Counter[str] = Counter()
    changed = []
    for key, judged in read_sample().items():
        if key not in now or not same(now[key], judged):
            changed.append(key)
        elif judged["verdict"]:
            verdicts[judged["verdict"]] += 1
    n = sum(verdicts.values())
    if n == 0:
        print("no judged sample: run with --draw and fill in the verdict column")
        return 1
    country = (verdicts["ok"] + verdicts["wrong-place"]) / n
    place = verdicts["ok"] / n
    print(f"sample: {n} judged, verdicts {dict(verdicts)}, changed since judged: {len(changed)}")
    for key in changed[:10]:
        print(f"  changed: {key}")
    print(f"places polnear: country precision={country:.3f} place precision={place:.3f} (n={n}, goal {goal})")
    return 0 if country >= goal and not changed else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--draw", action="store_true", help="draw the sample (keeps unchanged verdicts)")
    ap.add_argument("--goal", type=float, default=0.9)
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    if not (POLNEAR / args.split / "text").exists():
        print(f"skipped: no PolNeAR data at {POLNEAR / args.split}")
        return 0
    docs = load_docs(args.split)
    load_gazetteer()  # built before the clock starts: it is paid once per process
    t0 = time.perf_counter()
    docs = list(nlp.parse(docs))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    located = list(locate(docs))
    t_places = time.perf_counter() - t0
    rows = rows_of(located)
    kinds = Counter(r["kind"] for r in rows)
    datelines = sum(1 for d in located if d.dateline is not None)
    print(
        f"{len(located)} articles, {len(rows)} place mentions resolved {dict(kinds)}, {datelines} datelines"
    )
    print(
        f"speed: places stage {t_places:.2f}s = {t_places / t_parse:.3f} x the spaCy parse ({t_parse:.1f}s)"
    )
    if args.draw:
        draw(rows)
        return 0
    return score(rows, args.goal)


if __name__ == "__main__":
    sys.exit(main())
