"""Boilerplate inside the article: inject ad, share and comment lines between article paragraphs
of the plain-text dev pages and measure the share herald removes.

Scraped pages put ads ("Advertisement", "Get FREE $30 to spend..."), share rows and comment
prompts *between* paragraphs, where a remover that only looks at position or at its neighbours
keeps them. The lines injected here are written for this benchmark (they are not taken from the
dev pages the classifier was trained on). Each page gets ``--per-page`` lines at random places
strictly inside its gold article; we report the share of injected lines removed per category and
the article's shingle F1 with and without injection (the article must not suffer).

Usage: .venv/bin/python bench/extract_injection.py [--per-page 4] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "extraction"
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
sys.path.insert(0, str(ROOT / "training" / "boilerplate"))

INJECT = {
    "ad": [
        "Advertisement",
        "ADVERTISEMENT",
        "Sponsored Content",
        "Story continues below advertisement",
        "Get 50% off your first box - order today!",
        "Limited time offer: save $20 on premium headphones",
        "UK readers: Claim your FREE £25 voucher to spend at Tesco, Argos…",
        "Shop the best Black Friday deals on Amazon now",
        "Promoted: This one weird trick cuts your energy bill in half",
        "Download our app for breaking news alerts",
        "Try 30 days free, then $9.99/month. Cancel anytime.",
        "Win a brand new car! Enter our prize draw today",
    ],
    "share": [
        "Share this article",
        "Share on Facebook",
        "Share on Twitter",
        "Click to share on WhatsApp (Opens in new window)",
        "Email this story to a friend",
        "Tweet",
        "Pin it",
        "Share via Email",
        "Follow us on Instagram and YouTube",
        "Like us on Facebook for more stories like this",
        "Copy link",
    ],
    "comment": [
        "Leave a comment",
        "Comments (14)",
        "Join the conversation",
        "Post a Reply",
        "Your email address will not be published. Required fields are marked *",
        "Be the first to comment on this story",
        "View 27 comments",
        "Comments are moderated and may take a while to appear.",
        "Log in to comment",
    ],
    "republish": [
        "You may republish this article as long as you credit the source and link back to this page.",
        "Reprints & Permissions",
        "Subscribe to our newsletter to get the latest headlines in your inbox",
        "Sign up for our daily briefing",
        "Read more: Five things to know about the new budget",
        "Related: Markets slide as oil prices rise",
    ],
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-page", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"dev data missing: {DATA}", file=sys.stderr)
        return 2
    from metrics import micro_shingle_f1
    from train import label_lines

    from herald.extract import extract_one
    from herald.extract.text import split_lines
    from herald.models import RawDocument

    rng = random.Random(args.seed)
    gt = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    pool = [(cat, line) for cat, lines in INJECT.items() for line in lines]
    removed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    pairs_clean, pairs_injected = [], []
    for pid, rec in sorted(gt.items()):
        page = (DATA / "plaintext" / f"{pid}.txt").read_text(encoding="utf-8")
        lines = split_lines(page)
        y = label_lines(lines, rec["articleBody"])
        inside = [i for i in range(len(lines)) if y[i]]
        if len(inside) < 3:
            continue
        first, last = inside[0], inside[-1]
        positions = sorted(rng.sample(range(first + 1, last + 1), min(args.per_page, last - first)))
        injected = []
        out = list(lines)
        for pos in reversed(positions):
            cat, line = rng.choice(pool)
            out.insert(pos, line)
            injected.append((cat, line))
        clean = extract_one(RawDocument(id=pid, source=pid, kind="txt", content="\n".join(lines))).text
        dirty = extract_one(RawDocument(id=pid, source=pid, kind="txt", content="\n".join(out))).text
        kept = set(split_lines(dirty))
        for cat, line in injected:
            total[cat] += 1
            removed[cat] += line not in kept
        pairs_clean.append((rec["articleBody"], clean))
        pairs_injected.append((rec["articleBody"], dirty))
    n = sum(total.values())
    print(
        f"injected {n} lines into {len(pairs_clean)} plain-text pages ({args.per_page} per page, "
        f"seed {args.seed})"
    )
    for cat in INJECT:
        if total[cat]:
            print(f"  {cat:10s} removed {removed[cat]:4d}/{total[cat]:4d} = {removed[cat] / total[cat]:.3f}")
    share = sum(removed.values()) / max(n, 1)
    print(f"  all        removed {sum(removed.values()):4d}/{n:4d} = {share:.3f}  (goal >= 0.95)")
    f_clean = micro_shingle_f1(pairs_clean)[2]
    f_dirty = micro_shingle_f1(pairs_injected)[2]
    print(f"  article F1 without injection {f_clean:.3f}, with injection {f_dirty:.3f}")
    return 0 if share >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
