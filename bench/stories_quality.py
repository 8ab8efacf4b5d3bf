"""Story grouping quality: do syndicated copies of an article land in one story, and only they?

Builds a corpus from real articles (PolNeAR, ``../shared/data/quotes/polnear/<split>/text``): every
original plus 1-3 copies, each copy wrapped in another site's boilerplate (navigation, ads, share
buttons, "related stories" headlines taken from *other* articles, comment prompts, syndication notes)
and given small edits (a dropped paragraph, changed words). Every page goes through herald's real
extraction and then the story index. The score is pairwise: over all pairs of documents, precision and
recall of "same story", F1 of the two.

The threshold and band layout are chosen on the train split (``--sweep``) and reported on dev, so the
dev score is not tuned on itself.

    .venv/bin/python bench/stories_quality.py            # dev F1 at the shipped settings
    .venv/bin/python bench/stories_quality.py --sweep    # choose settings on train, report on dev
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

from herald.extract import extract
from herald.extract.run import content_hash
from herald.models import Document, RawDocument
from herald.stories import StoryIndex, assign
from herald.stories.index import BANDS, THRESHOLD

ROOT = Path(__file__).resolve().parents[2] / "shared" / "data" / "quotes" / "polnear"

SITES = ["The Daily Ledger", "Capitol Wire", "NewsNow 24", "Metro Herald", "World Brief", "The Courier"]
NAV = [
    "Home | World | Politics | Business | Opinion | Sports",
    "Menu  Search  Subscribe  Sign in",
    "TRENDING: Election 2016 | Markets | Weather",
    "Skip to main content",
]
ADS = [
    "Advertisement",
    "ADVERTISEMENT - Continue reading below",
    "Sponsored: 10 tricks banks hate",
    "Get FREE $30 to spend on Amazon, Walmart - click here",
    "Subscribe for just $1 a week",
]
SHARE = ["Share on Facebook  Share on Twitter  Email", "Tweet  Share  Pin  Print", "Share this article"]
FOOT = [
    "Be the first to comment",
    "Leave a Reply\nYour email address will not be published.",
    "Comments (12)  Sort by: newest",
    "© 2016 All rights reserved. Privacy policy. Terms of use.",
    "You can publish this article on your website as long as you provide a link back to this page.",
    "This article originally appeared on {site}. Republished with permission.",
    "Reporting by staff writers; editing by the news desk.",
]
WORDS = [
    "said",
    "told",
    "however",
    "also",
    "reportedly",
    "officials",
    "recently",
    "again",
    "state",
    "new",
    "major",
    "several",
    "week",
    "government",
    "people",
    "campaign",
    "senior",
    "early",
]


def load(split: str) -> list[str]:
    folder = ROOT / split / "text"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def edit(text: str, rng: random.Random) -> str:
    """Small edits a republisher makes: drop a paragraph, change a few words, or both."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    choice = rng.choice(["none", "drop", "words", "both"])
    if choice in ("drop", "both") and len(paras) >= 4:
        del paras[rng.randrange(1, len(paras))]
    if choice in ("words", "both"):
        out = []
        for p in paras:
            toks = p.split(" ")
            for i in range(len(toks)):
                if rng.random() < 0.03:
                    toks[i] = rng.choice(WORDS)
            out.append(" ".join(toks))
        paras = out
    return "\n\n".join(paras)


def wrap(text: str, title: str, others: list[str], rng: random.Random) -> str:
    """Another site's page around the article: header, ads, share bar, related headlines, footer."""
    site = rng.choice(SITES)
    head = [
        site,
        rng.choice(NAV),
        rng.choice(ADS),
        title,
        f"By {site} staff | September {rng.randint(1, 30)}, 2016",
        rng.choice(SHARE),
    ]
    related = ["Related stories"] + [o.split("\n", 1)[0][:90] for o in rng.sample(others, 3)]
    foot = [rng.choice(SHARE), rng.choice(ADS), *related, *(f.format(site=site) for f in rng.sample(FOOT, 3))]
    body = text.split("\n\n")
    if len(body) > 3 and rng.random() < 0.5:
        body.insert(len(body) // 2, rng.choice(ADS))  # an ad inside the article
    return "\n\n".join(head + body + foot)


def corpus(texts: list[str], seed: int) -> tuple[list[RawDocument], list[int]]:
    """Originals and their wrapped, edited copies, shuffled; gold story = index of the original."""
    rng = random.Random(seed)
    items: list[tuple[str, int]] = []
    for i, text in enumerate(texts):
        title, _, body = text.partition("\n")
        items.append((text, i))
        for _ in range(rng.randint(1, 3)):
            others = texts[:i] + texts[i + 1 :]
            items.append((wrap(edit(body.strip(), rng), title, others, rng), i))
    rng.shuffle(items)
    raws = [RawDocument(id=f"d{n}", source=f"d{n}", kind="txt", content=t) for n, (t, _) in enumerate(items)]
    return raws, [g for _, g in items]


def clean(raws: list[RawDocument], use_extraction: bool) -> list[Document]:
    """herald's extraction of each page; the raw page (boilerplate and all) when it is off or fails."""
    docs = list(extract(raws)) if use_extraction else [Document(id=r.id, source=r.source) for r in raws]
    failed = 0
    for doc, raw in zip(docs, raws, strict=True):
        if not use_extraction or not doc.ok:
            failed += use_extraction
            doc.status, doc.error, doc.text = "ok", None, str(raw.content)
            doc.content_hash = content_hash(doc.text)
    if failed:
        print(f"  note: extraction failed on {failed} pages; their raw text (with boilerplate) is used")
    return docs


def pairwise_f1(gold: list[int], pred: list[str | None]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of "same story", counted from cluster sizes (not O(n^2))."""

    def pairs(counts: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    keyed = [p if p is not None else f"\x00{i}" for i, p in enumerate(pred)]  # unassigned: alone
    tp = pairs(Counter(zip(gold, keyed, strict=True)))
    same_pred, same_gold = pairs(Counter(keyed)), pairs(Counter(gold))
    p = tp / same_pred if same_pred else 1.0
    r = tp / same_gold if same_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(docs: list[Document], gold: list[int], threshold: float, bands: int) -> tuple[float, float, float]:
    index = StoryIndex(threshold=threshold, bands=bands)
    for d in docs:
        d.story_id = None
    pred = [d.story_id for d in assign(docs, index)]
    return pairwise_f1(gold, pred)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweep", action="store_true", help="choose threshold and bands on train")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--raw", action="store_true", help="group the raw pages (no extraction): harder")
    args = ap.parse_args()
    if not ROOT.exists():
        print(f"skipped: {ROOT} not found")
        return 0
    threshold, bands = THRESHOLD, BANDS
    if args.sweep:
        raws, gold = corpus(load("train"), seed=args.seed + 1)
        docs = clean(raws, not args.raw)
        print(f"train: {len(set(gold))} stories, {len(docs)} documents")
        results = []
        for b in (16, 32, 64):
            for t in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8):
                p, r, f = score(docs, gold, t, b)
                print(f"  bands={b:2d} threshold={t:.2f}  P={p:.4f} R={r:.4f} F1={f:.4f}")
                results.append((f, t, b))
        # the highest threshold within 0.005 F1 of the best: leftover boilerplate shared by distinct
        # pages (which this corpus under-represents) pushes similarity up, so prefer the margin
        top = max(f for f, _, _ in results)
        near = [(t, b) for f, t, b in results if f >= top - 0.005]
        threshold = max(t for t, _ in near)
        bands = max(b for t, b in near if t == threshold)  # more bands: more recall at equal cost here
        print(f"chosen on train: threshold={threshold} bands={bands} (shipped: {THRESHOLD}, {BANDS})")
    raws, gold = corpus(load("dev"), seed=args.seed)
    t0 = time.perf_counter()
    docs = clean(raws, not args.raw)
    t1 = time.perf_counter()
    p, r, f = score(docs, gold, threshold, bands)
    t2 = time.perf_counter()
    sizes = Counter(Counter(gold).values())
    print(f"dev: {len(set(gold))} stories, {len(docs)} documents (story sizes {dict(sorted(sizes.items()))})")
    print(
        f"dev pairwise same-story: precision={p:.4f} recall={r:.4f} F1={f:.4f} "
        f"(threshold={threshold}, bands={bands}); extraction {t1 - t0:.1f}s, grouping {t2 - t1:.2f}s"
    )
    baseline = score_exact(docs, gold)
    print(f"baseline (identical clean text only): F1={baseline:.4f}")
    return 0 if f >= 0.95 else 1


def score_exact(docs: list[Document], gold: list[int]) -> float:
    pred = [d.content_hash for d in docs]
    return pairwise_f1(gold, pred)[2]


if __name__ == "__main__":
    sys.exit(main())
