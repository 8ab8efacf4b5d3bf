"""Extraction benchmark: quality (the benchmark's shingle F1) and speed, herald vs. baselines.

Runs in-process on the dev pages of ``../shared/data/extraction`` (no spaCy, extraction only) and
prints, per input kind, each method's micro P/R/F1 and pages/s on one core, with speed ratios
against a baseline measured in the same run (so machine load cancels out):

- html: trafilatura in several modes (the baseline is trafilatura favor_precision, the mode the
  first implementation used) and herald's HTML extractor (what ``herald code`` runs: trafilatura
  plus htmldate and the title).
- plaintext: "keep lines of >= 20 words" (the best simple method) and trafilatura on the text,
  against herald's line classifier (full extract_one: decode, classify, title, stamps, language).

Note that herald's plain-text model was trained on these very pages: for its honest, unseen-site
quality see ``training/boilerplate/train.py`` (cross-validated by site).

Usage: .venv/bin/python bench/extraction.py [html|plaintext|all] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "extraction"
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))


def load(kind: str) -> list[tuple[str, str, str]]:
    """(id, page, gold) for every dev page of ``kind``."""
    gt = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for pid, rec in sorted(gt.items()):
        if kind == "html":
            path = DATA / "html" / f"{pid}.html.gz"
            page = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        else:
            page = (DATA / "plaintext" / f"{pid}.txt").read_text(encoding="utf-8")
        out.append((pid, page, rec["articleBody"]))
    return out


def measure(name: str, fn: Callable[[str], str], pages: list[tuple[str, str, str]], repeat: int) -> dict:
    from metrics import micro_shingle_f1

    outs = [fn(page) for _, page, _ in pages]  # warm-up and quality
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for _, page, _ in pages:
            fn(page)
        best = min(best, time.process_time() - t0)
    p, r, f = micro_shingle_f1((gold, out) for (_, _, gold), out in zip(pages, outs, strict=True))
    return {"name": name, "P": p, "R": r, "F1": f, "pages_per_s": len(pages) / best}


def machine_reference() -> float:
    """CPU ms of a fixed pure-Python loop on this core now: shows how loaded the machine is
    (the absolute pages/s figures scale with it; the ratios do not)."""
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()
        sum(range(1_000_000))
        best = min(best, time.process_time() - t0)
    return best * 1000


def report(rows: list[dict], baseline: str) -> None:
    base = next(r for r in rows if r["name"] == baseline)["pages_per_s"]
    print(f"  {'method':42s} {'P':>6s} {'R':>6s} {'F1':>6s} {'pages/s':>9s} {'x base':>7s}")
    for r in rows:
        print(
            f"  {r['name']:42s} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['pages_per_s']:9.1f} "
            f"{r['pages_per_s'] / base:7.2f}"
        )
    print(
        f"  (speed: CPU time per core, best of the repeats; baseline: {baseline}; "
        f"reference loop sum(range(10**6)) = {machine_reference():.1f} ms)"
    )


def bench_html(repeat: int) -> None:
    import trafilatura

    from herald.extract.html import extract_html

    pages = load("html")

    def traf(**kw: object) -> Callable[[str], str]:
        return lambda page: (
            trafilatura.extract(page, include_comments=False, include_tables=False, **kw) or ""
        )

    rows = [
        measure("trafilatura favor_precision", traf(favor_precision=True), pages, repeat),
        measure("trafilatura default", traf(), pages, repeat),
        measure("trafilatura favor_recall", traf(favor_recall=True), pages, repeat),
        measure(
            "trafilatura precision, no fallback", traf(favor_precision=True, no_fallback=True), pages, repeat
        ),
        measure("trafilatura default, no fallback", traf(no_fallback=True), pages, repeat),
        measure(
            "trafilatura precision + tables",
            lambda p: trafilatura.extract(p, favor_precision=True, include_comments=False) or "",
            pages,
            repeat,
        ),
        measure("herald (extract_html: text+title+dates)", lambda p: extract_html(p).text, pages, repeat),
    ]
    print(f"html: {len(pages)} pages")
    report(rows, "trafilatura favor_precision")


def bench_plaintext(repeat: int) -> None:
    import trafilatura

    from herald.extract import extract_one
    from herald.models import RawDocument

    pages = load("plaintext")

    def herald_text(page: str) -> str:
        return extract_one(RawDocument(id="x", source="x", kind="txt", content=page)).text

    rows = [
        measure(
            "keep lines >= 20 words",
            lambda p: "\n".join(ln for ln in p.splitlines() if len(ln.split()) >= 20),
            pages,
            repeat,
        ),
        measure(
            "trafilatura on the text (lines as <p>)",
            lambda p: (
                trafilatura.extract(
                    "<html><body>"
                    + "".join(f"<p>{html.escape(ln)}</p>" for ln in p.splitlines())
                    + "</body></html>",
                    include_comments=False,
                )
                or ""
            ),
            pages,
            1,
        ),
        measure("herald line classifier (extract_one)", herald_text, pages, repeat),
    ]
    print(f"plaintext: {len(pages)} pages (herald's model was trained on them: in-sample)")
    report(rows, "keep lines >= 20 words")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", nargs="?", default="all", choices=["html", "plaintext", "all"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"dev data missing: {DATA}", file=sys.stderr)
        return 2
    if args.kind in ("plaintext", "all"):
        bench_plaintext(args.repeat)
    if args.kind in ("html", "all"):
        bench_html(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
