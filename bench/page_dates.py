"""Page dates and event dates on pages with known publication dates.

Two sets of pages, built from the dev data:

- the dev extraction pages (``../shared/data/extraction/html``, 89 real news pages), with the
  publication dates read by hand into ``bench/page_dates_truth.tsv`` (86 pages show a date; the
  file says where each was read and which pages report fresh news);
- the PolNeAR dev articles (``../shared/data/quotes/polnear``, 2016 news) as plain-text pages
  stamped "Published: <date>" with their publication date from ``metadata.tsv``.

It reports:

- ``published`` accuracy on the HTML pages, herald against htmldate on the same pages: htmldate
  with ``original_date=True`` (its best setting) and with its defaults; with the page's URL given
  (as a crawl gives it) and without (markup and text only). Exact day (or one of the days a page
  itself is ambiguous about) and within one day (time zones);
- the share of fresh pages whose ``event_date`` lies within 31 days of the true publication date
  (goal >= 0.95), with the pages that differ listed. Needs the full pipeline (spaCy):
  ``--published-only`` skips it.

Usage: .venv/bin/python bench/page_dates.py [--published-only] [--polnear-split dev]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
import time as clock
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[0] / ".." / "shared" / "data"
EXTRACTION = SHARED / "extraction"
POLNEAR = SHARED / "quotes" / "polnear"
TRUTH = HERE / "page_dates_truth.tsv"
FRESH_DAYS = 31


def load_truth() -> dict[str, tuple[set[str], bool, str]]:
    out = {}
    with open(TRUTH, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            pid, published, fresh, how, *_ = line.rstrip("\n").split("\t")
            out[pid] = (set(published.split("|")), fresh == "yes", how)
    return out


def html_pages() -> list[tuple[str, str, str]]:
    gt = json.loads((EXTRACTION / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for pid, rec in sorted(gt.items()):
        with gzip.open(EXTRACTION / "html" / f"{pid}.html.gz") as fh:
            page = fh.read().decode("utf-8", "replace")
        out.append((pid, page, rec.get("url") or ""))
    return out


def polnear_pages(split: str) -> list[tuple[str, str, str]]:
    """(id, stamped text, true date) for the PolNeAR articles of ``split``."""
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as fh:
        meta = {r["filename"]: r for r in csv.DictReader(fh, delimiter="\t")}
    out = []
    for f in sorted((POLNEAR / split / "text").glob("*.txt")):
        m = meta.get(f.stem)
        if not m or not m.get("publication_date"):
            continue
        d = date.fromisoformat(m["publication_date"])
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        stamp = f"Published: {d.strftime('%B')} {d.day}, {d.year}"
        out.append((f"polnear/{f.stem}", f"{title}\n\n{stamp}\n\n{body.strip()}\n", d.isoformat()))
    return out


def near(got: str | None, want: set[str], days: int) -> bool:
    if not got:
        return False
    g = date.fromisoformat(got[:10])
    return any(abs((g - date.fromisoformat(w)).days) <= days for w in want)


def herald_published(pages: list[tuple[str, str, str]], with_url: bool) -> dict[str, str | None]:
    from herald.extract import extract
    from herald.models import RawDocument

    raws = [
        RawDocument(
            id=pid, source=pid, kind="jsonl", content=page, content_type="html", url=url if with_url else None
        )
        for pid, page, url in pages
    ]
    return {d.id: d.dates.published for d in extract(raws)}


def htmldate_published(
    pages: list[tuple[str, str, str]], with_url: bool, original: bool
) -> dict[str, str | None]:
    from htmldate import find_date

    out: dict[str, str | None] = {}
    for pid, page, url in pages:
        try:
            out[pid] = find_date(page, url=url if with_url else None, original_date=original)
        except Exception:
            out[pid] = None
    return out


def report_published(pages: list[tuple[str, str, str]], truth: dict[str, tuple[set[str], bool, str]]) -> None:
    known = [p for p in pages if p[0] in truth]
    print(f"published: {len(known)} HTML pages with a known publication date (of {len(pages)})")
    rows = []
    for with_url in (True, False):
        t0 = clock.perf_counter()
        mine = herald_published(known, with_url)
        t_mine = clock.perf_counter() - t0
        runs = [("herald", mine, t_mine)]
        for original in (True, False):
            t0 = clock.perf_counter()
            got = htmldate_published(known, with_url, original)
            runs.append((f"htmldate original_date={original}", got, clock.perf_counter() - t0))
        for name, got, took in runs:
            exact = sum(near(got.get(pid), truth[pid][0], 0) for pid, _, _ in known)
            day = sum(near(got.get(pid), truth[pid][0], 1) for pid, _, _ in known)
            rows.append((with_url, name, exact, day, took))
            print(
                f"  {'with URL   ' if with_url else 'without URL'}  {name:<32} "
                f"exact {exact / len(known):.3f} "
                f"({exact}/{len(known)})  within a day {day / len(known):.3f}  ({took:.1f} s)"
            )
        wrong = [
            (pid, mine.get(pid), "|".join(sorted(truth[pid][0])))
            for pid, _, _ in known
            if not near(mine.get(pid), truth[pid][0], 0)
        ]
        print(
            f"  herald {'with' if with_url else 'without'} URL, pages not exact: "
            + ", ".join(f"{pid[:8]} {got} (true {want})" for pid, got, want in wrong)
        )


def report_plaintext(truth: dict[str, tuple[set[str], bool, str]]) -> None:
    """The same pages flattened to text (``plaintext/``): no markup, only the page's own stamp lines."""
    from herald.extract.text import extract_text

    exact = none = 0
    wrong = []
    for pid, (want, _, _) in sorted(truth.items()):
        path = EXTRACTION / "plaintext" / f"{pid}.txt"
        got = extract_text(path.read_text(encoding="utf-8")).published
        if got is None:
            none += 1
        elif near(got, want, 0):
            exact += 1
        else:
            wrong.append(f"{pid[:8]} {got} (true {'|'.join(sorted(want))})")
    print(
        f"published, plain text of the same {len(truth)} pages: exact {exact / len(truth):.3f} ({exact}), "
        f"none found {none}, wrong {len(wrong)}: {', '.join(wrong)}"
    )


def report_events(
    pages: list[tuple[str, str, str]], truth: dict[str, tuple[set[str], bool, str]], split: str
) -> None:
    import tempfile

    import herald

    fresh_html = [(pid, page, url) for pid, page, url in pages if pid in truth and truth[pid][1]]
    pol = polnear_pages(split)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pages.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for pid, page, url in fresh_html:
                fh.write(json.dumps({"id": pid, "html": page, "url": url}) + "\n")
            for pid, text, _ in pol:
                fh.write(json.dumps({"id": pid, "text": text}) + "\n")
        docs = {d.id: d for d in herald.code([str(path)])}
    want = {pid: truth[pid][0] for pid, _, _ in fresh_html}
    want.update({pid: {d} for pid, _, d in pol})
    for name, ids in (
        ("HTML dev pages", [p[0] for p in fresh_html]),
        (f"PolNeAR {split}", [p[0] for p in pol]),
    ):
        coded = [i for i in ids if docs.get(i) is not None and docs[i].ok]
        ok = [i for i in coded if near(docs[i].dates.event_date, want[i], FRESH_DAYS)]
        mine_ok = [
            i
            for i in coded
            if docs[i].dates.published
            and near(docs[i].dates.event_date, {docs[i].dates.published[:10]}, FRESH_DAYS)
        ]
        print(
            f"fresh {name}: event_date within {FRESH_DAYS} days of the true publication date "
            f"{len(ok) / max(1, len(coded)):.3f} ({len(ok)}/{len(coded)} coded; "
            f"{len(ids) - len(coded)} skipped "
            f"or failed), of herald's own published {len(mine_ok) / max(1, len(coded)):.3f}"
        )
        for i in coded:
            if i not in ok:
                d = docs[i].dates
                print(
                    f"  differs: {i[:60]} true {'|'.join(sorted(want[i]))} published {d.published} "
                    f"event_date {d.event_date} window {d.events_between} stale={d.stale}"
                )
                for line in d.evidence[:4]:
                    print(f"      {line[:160]}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--published-only", action="store_true", help="page dates only (no spaCy, seconds)")
    ap.add_argument("--polnear-split", default="dev")
    args = ap.parse_args()
    truth = load_truth()
    pages = html_pages()
    report_published(pages, truth)
    report_plaintext(truth)
    if not args.published_only:
        report_events(pages, truth, args.polnear_split)
    return 0


if __name__ == "__main__":
    sys.exit(main())
