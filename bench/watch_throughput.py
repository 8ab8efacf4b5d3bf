"""`herald watch` against a local news site: throughput and the delay from feed to store.

1. Throughput: a feed of N article pages on 127.0.0.1 (tests/watch/site.py), each answered after
   ``--latency`` seconds (a stand-in for the network), watched once into a new store with 1 and
   then 2 workers; pages fetched and coded per second of wall time (models loaded before the clock
   starts; the per-host rate is set high enough not to be the limit).
2. Freshness: ``herald watch --every 2s`` runs as a user runs it (a subprocess); after its first
   round, an item is added to the feed and the store is polled read-only until the document and its
   events are queryable (one transaction writes both). Reported: feed -> queryable (includes the
   wait for the next round, on average half of --every) and page fetched -> queryable.

The site never leaves the loopback interface. Usage:
    .venv/bin/python bench/watch_throughput.py [--pages 60] [--latency 0.05] [--items 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.watch.site import Answer, NewsSite, Site, serving  # noqa: E402

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


def site_with(site: Site, pages: int, latency: float) -> NewsSite:
    site.static("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    news = NewsSite(site)
    for _ in range(pages):
        path = news.add_page()
        route = site.routes[path]
        site.route(path, lambda hit, route=route: Answer(**{**vars(route(hit)), "delay": latency}))
        news.add_feed_item(path)
    return news


def throughput(pages: int, latency: float, workers: int) -> dict[str, float]:
    import herald

    site = Site()
    with serving(site), tempfile.TemporaryDirectory() as tmp:
        site_with(site, pages, latency)
        cpu0, t0 = time.process_time(), time.perf_counter()
        summary = herald.watch(
            [site.url("/feed.xml")],
            db=os.path.join(tmp, "bench.duckdb"),
            once=True,
            workers=workers,
            per_host=workers,
            rate=1000.0,
            trust_env=False,
            handle_signals=False,
        )
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    r = summary.rounds[0]
    return {
        "workers": workers,
        "fetched": r.fetched,
        "stored": r.stored,
        "events": r.events,
        "wall": wall,
        "cpu": cpu,
        "per_s": r.stored / wall,
    }


def freshness(items: int, every: str = "2s") -> tuple[list[float], list[float], int]:
    """(feed -> queryable, fetched -> queryable) in seconds, per item; and the events found."""
    import duckdb

    site = Site()
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
    feed_to_db: list[float] = []
    fetch_to_db: list[float] = []
    events = 0
    with serving(site), tempfile.TemporaryDirectory() as tmp:
        news = site_with(site, 3, 0.0)
        db = os.path.join(tmp, "fresh.duckdb")
        herald_bin = ROOT / ".venv" / "bin" / "herald"
        cmd = [
            str(herald_bin) if herald_bin.exists() else sys.executable,
            *([] if herald_bin.exists() else ["-m", "herald"]),
            "watch",
            site.url("/feed.xml"),
            "--db",
            db,
            "--every",
            every,
            "--rate",
            "50",
            "-q",
        ]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
        try:

            def stored(doc_id: str) -> tuple[bool, int]:
                try:
                    with duckdb.connect(db, read_only=True) as con:
                        row = con.execute(
                            "SELECT count(*), (SELECT count(*) FROM events WHERE doc_id = ?) "
                            "FROM documents WHERE id = ?",
                            [doc_id, doc_id],
                        ).fetchone()
                except (duckdb.IOException, duckdb.CatalogException):
                    return False, 0  # the watch is committing (or the file is new): try again
                return bool(row and row[0]), int(row[1]) if row else 0

            def wait(doc_id: str, timeout: float = 120.0) -> tuple[float, int]:
                deadline = time.monotonic() + timeout
                while time.monotonic() < deadline:
                    ok, n = stored(doc_id)
                    if ok:
                        return time.monotonic(), n
                    if proc.poll() is not None:
                        raise RuntimeError(proc.stderr.read() if proc.stderr else "watch exited")
                    time.sleep(0.02)
                raise TimeoutError(doc_id)

            wait(site.url("/news/2"))  # the first round is done
            for _ in range(items):
                time.sleep(0.7)  # items appear at arbitrary moments relative to the rounds
                path = news.add_page()
                t0 = time.monotonic()
                news.add_feed_item(path)
                t1, n = wait(site.url(path))
                fetched = next(h.at for h in site.hits if h.path == path)
                feed_to_db.append(t1 - t0)
                fetch_to_db.append(t1 - fetched)
                events += n
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return feed_to_db, fetch_to_db, events


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--latency", type=float, default=0.05, help="seconds the site takes to answer a page")
    ap.add_argument("--items", type=int, default=5)
    args = ap.parse_args()
    for var in PROXY_VARS:
        os.environ.pop(var, None)
    from herald.pipeline import warm_up

    warm_up(freeze=False)
    print(
        f"site: {args.pages} pages in one feed, each answered after {args.latency * 1000:.0f} ms; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    rows = [throughput(args.pages, args.latency, w) for w in (1, 2, 1, 2)]  # alternated: shared machine
    for w in (1, 2):
        runs = [r for r in rows if r["workers"] == w]
        best = max(runs, key=lambda r: r["per_s"])
        each = ", ".join(f"{r['per_s']:.1f}" for r in runs)
        print(
            f"workers={w}: {best['stored']:.0f} pages fetched and coded in {best['wall']:.1f} s = "
            f"{best['per_s']:.1f} pages/s (best of {len(runs)}: "
            f"{each}); CPU {best['cpu']:.1f} s; "
            f"{best['events']:.0f} events"
        )
    feed, fetch, events = freshness(args.items)
    print(
        f"feed -> queryable with --every 2s: median {statistics.median(feed):.2f} s, max {max(feed):.2f} s "
        f"({len(feed)} items, {events} events); page fetched -> queryable: median "
        f"{statistics.median(fetch):.2f} s, max {max(fetch):.2f} s"
    )
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"(the watch subprocess used {children.ru_utime + children.ru_stime:.1f} CPU s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
