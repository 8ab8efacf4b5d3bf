"""A news site on the loopback interface for the watch tests and benchmark.

A ``ThreadingHTTPServer`` bound to 127.0.0.1 on a free port. It serves feeds, a sitemap index, article
pages, robots.txt and every kind of bad answer the watch must survive, and it logs every request
(path, arrival time, headers) so that tests can count what was fetched, and how fast.
Nothing here ever opens a connection to another address.
"""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "data" / "stories"
CITIES = [
    "Lisbon",
    "Nairobi",
    "Quito",
    "Hanoi",
    "Tbilisi",
    "Oslo",
    "Dakar",
    "Lima",
    "Manila",
    "Accra",
    "Riga",
    "Doha",
    "Hobart",
    "Kigali",
    "Minsk",
    "Sucre",
    "Tunis",
    "Baku",
    "Kyiv",
    "Apia",
]


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts


@dataclass
class Hit:
    path: str  # with the query
    at: float  # time.monotonic() at arrival
    headers: dict[str, str]
    status: int = 0


Route = Callable[["Hit"], Answer]


def stories() -> list[tuple[str, list[str]]]:
    out = []
    for p in sorted(STORIES.glob("*.txt")):
        title, _, body = p.read_text(encoding="utf-8").partition("\n")
        out.append((title.strip(), [x.strip() for x in body.strip().split("\n\n") if x.strip()]))
    return out


def article(n: int, canonical: str | None = None, charset: str = "utf-8") -> tuple[str, str]:
    """(title, HTML) of the n-th good article: a story from tests/data/stories with a paragraph of its
    own, so that no two pages share a text."""
    base = stories()
    title, paras = base[n % len(base)]
    city = CITIES[n % len(CITIES)]
    own = (
        f"Correspondents in {city} filed report number {n} on {title.lower()} after speaking with "
        f"officials and residents over {n % 5 + 2} days."
    )
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{escape(p)}</p>" for p in [*paras, own])
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="{charset}"><title>{escape(title)} ({n})'
        f"</title>{link}</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{escape(title)} ({n})</h1>\n{body}\n</article>"
        "<footer>Share this article. Subscribe to our newsletter.</footer></body></html>"
    )
    return f"{title} ({n})", html


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """RSS 2.0 from (link, title, YYYY-MM-DD)."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<pubDate>{formatdate(time.mktime(time.strptime(d, '%Y-%m-%d')), usegmt=True)}</pubDate></item>"
        for link, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test news</title>'
        f"<link>http://127.0.0.1/</link><description>t</description>{entries}</channel></rss>"
    ).encode()


def atom(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
        f"<updated>{d}T08:00:00Z</updated></entry>"
        for link, t, d in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Test atom</title><id>urn:test</id><updated>2024-05-01T00:00:00Z</updated>{entries}</feed>"
    ).encode()


def urlset(items: list[tuple[str, str, str]], news: bool = True) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    rows = []
    for link, t, d in items:
        extra = (
            (
                f"<news:news><news:publication><news:name>Test</news:name><news:language>en</news:language>"
                f"</news:publication><news:publication_date>{d}T09:00:00+00:00</news:publication_date>"
                f"<news:title>{escape(t)}</news:title></news:news>"
            )
            if news
            else f"<lastmod>{d}</lastmod>"
        )
        rows.append(f"<url><loc>{escape(link)}</loc>{extra}</url>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        f"{ns}>{''.join(rows)}</urlset>"
    ).encode()


def sitemap_index(children: list[tuple[str, str]]) -> bytes:
    rows = "".join(f"<sitemap><loc>{escape(u)}</loc><lastmod>{d}</lastmod></sitemap>" for u, d in children)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
        f'sitemap/0.9">{rows}</sitemapindex>'
    ).encode()


class Site:
    """Routes by path (query ignored for routing, kept in the log)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.max_delay = 5.0  # no answer is held longer than this, whatever a route asks

    # --- serving --------------------------------------------------------------------------------

    @property
    def base(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, answer: Answer | Route) -> None:
        self.routes[path] = answer if callable(answer) else (lambda hit, a=answer: a)

    def static(
        self,
        path: str,
        body: bytes | str,
        ctype: str = "text/html; charset=utf-8",
        etag: bool = False,
        **headers: str,
    ) -> None:
        data = body.encode() if isinstance(body, str) else body
        tag = f'"{zlib.crc32(data):08x}"'

        def serve(hit: Hit) -> Answer:
            if etag and hit.headers.get("if-none-match") == tag:
                return Answer(304, b"", {"ETag": tag})
            extra = {"ETag": tag} if etag else {}
            return Answer(200, data, {"Content-Type": ctype, **extra, **headers})

        self.routes[path] = serve

    def answer(self, hit: Hit) -> Answer:
        route = self.routes.get(hit.path.split("?", 1)[0])
        return route(hit) if route else Answer(404, b"not here", {"Content-Type": "text/plain"})

    # --- what was asked -------------------------------------------------------------------------

    def count(self, path: str, exact: bool = False) -> int:
        with self.lock:
            return sum(1 for h in self.hits if (h.path == path if exact else h.path.split("?", 1)[0] == path))

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]

    def times(self) -> list[float]:
        with self.lock:
            return sorted(h.at for h in self.hits)

    def max_in_window(self, window: float) -> int:
        """The most requests that arrived within any ``window`` seconds (half-open)."""
        times = self.times()
        best, j = 0, 0
        for i, t in enumerate(times):
            while j < len(times) and times[j] < t + window:
                j += 1
            best = max(best, j - i)
        return best


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            hit = Hit(self.path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()})
            with site.lock:
                site.hits.append(hit)
            answer = site.answer(hit)
            hit.status = answer.status
            if answer.delay:
                time.sleep(min(answer.delay, site.max_delay))
            try:
                self.send_response(answer.status)
                headers = {"Content-Length": str(len(answer.body)), **answer.headers}
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up: not news
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serving(site: Site) -> Iterator[Site]:
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.server = server
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- the test site: good pages and every kind of bad one ---------------------------------------

BAD = {
    "/private/secret": "disallowed",  # robots.txt: Disallow /private/
    "/news/print?print=1": "disallowed",  # robots.txt: Disallow /*?print=
    "/slow": "failed",  # answers after the timeout
    "/broken": "failed",  # 500, always
    "/loop-a": "failed",  # redirects to /loop-b, which redirects back
    "/huge": "failed",  # over the byte budget
    "/bomb": "failed",  # gzip that unpacks over the budget
    "/binary": "failed",  # not text
    "/missing": "failed",  # 404
    "/image.png": "failed",  # an image
}


@dataclass
class NewsSite:
    """The site the watch tests run against: feeds list good and bad pages, a sitemap index lists
    more good pages (some the feeds also list under other addresses)."""

    site: Site
    feed_items: list[tuple[str, str, str]] = field(default_factory=list)
    good: dict[str, str] = field(default_factory=dict)  # canonical path -> title
    next_n: int = 0
    max_bytes: int = 200_000
    busy_left: int = 1  # /busy answers 429 (Retry-After: 1) this many times, then the page
    mobile_of: str = ""  # the page /m/story names as its canonical (so never fetched itself)
    moved: str = ""  # the page /old/moved redirects to
    unfed: list[str] = field(default_factory=list)  # good pages only the Atom feed or the sitemaps list

    def add_page(self, path: str | None = None, **kwargs: object) -> str:
        n = self.next_n
        self.next_n += 1
        path = path or f"/news/{n}"
        title, html = article(n, **kwargs)  # type: ignore[arg-type]
        self.site.static(path, html)
        self.good[path] = title
        return path

    def add_feed_item(self, link_path: str, date: str = "2024-05-01") -> None:
        self.feed_items.append(
            (self.site.url(link_path), self.good.get(link_path.split("?")[0], "item"), date)
        )
        self.site.static("/feed.xml", rss(self.feed_items), "application/rss+xml", etag=True)


def build(
    site: Site, n_feed: int = 6, n_atom: int = 3, n_sitemap: int = 4, max_bytes: int = 200_000
) -> NewsSite:
    s = NewsSite(site, max_bytes=max_bytes)
    site.static(
        "/robots.txt",
        "User-agent: *\nDisallow: /\n\nUser-agent: herald\nDisallow: /private/\n"
        "Disallow: /*?print=\nAllow: /private/open\n",
        "text/plain",
    )
    feed_paths = [s.add_page() for _ in range(n_feed)]
    # the same article under other addresses: tracking parameters, AMP, a redirect, rel=canonical
    amp_target = s.add_page()
    site.static(f"{amp_target}/amp", article(0)[1])  # never fetched: canonicalised away
    moved = s.moved = s.add_page()
    site.route("/old/moved", Answer(301, b"", {"Location": moved}))
    mobile_of = s.mobile_of = s.add_page()
    site.static("/m/story", article(s.next_n + 100, canonical=mobile_of)[1])
    opened = s.add_page("/private/open")
    latin = s.add_page("/news/latin")
    site.static(
        "/news/latin",
        article(s.next_n + 200)[1]
        .replace("utf-8", "iso-8859-1")
        .replace("Correspondents", "Correspondents (caf\u00e9)")
        .encode("latin-1"),
        "text/html; charset=iso-8859-1",
    )
    gz = s.add_page("/news/gzipped")
    html = article(s.next_n + 300)[1]
    site.static(
        "/news/gzipped",
        gzip.compress(html.encode()),
        "text/html; charset=utf-8",
        **{"Content-Encoding": "gzip"},
    )
    busy = s.add_page("/busy")
    busy_html = article(s.next_n + 400)[1].encode()

    def busy_route(hit: Hit) -> Answer:
        if s.busy_left > 0:
            s.busy_left -= 1
            return Answer(429, b"slow down", {"Retry-After": "1", "Content-Type": "text/plain"})
        return Answer(200, busy_html, {"Content-Type": "text/html; charset=utf-8"})

    site.route("/busy", busy_route)
    # the bad ones
    site.static("/private/secret", article(999)[1])
    site.static("/news/print", article(998)[1])
    site.route("/slow", Answer(200, article(997)[1].encode(), {"Content-Type": "text/html"}, delay=2.0))
    site.route("/broken", Answer(500, b"oops", {"Content-Type": "text/plain"}))
    site.route("/loop-a", Answer(302, b"", {"Location": "/loop-b"}))
    site.route("/loop-b", Answer(302, b"", {"Location": "/loop-a"}))
    site.static("/huge", b"<html><body><p>" + b"word " * (max_bytes // 4) + b"</p></body></html>")
    site.static("/bomb", gzip.compress(b" " * (max_bytes * 20)), "text/html", **{"Content-Encoding": "gzip"})
    site.static("/binary", bytes(range(256)) * 40, "text/html")
    site.static("/image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png")
    # the feed: good pages, some under tracking or AMP addresses, and every bad one
    for i, p in enumerate(feed_paths):
        s.add_feed_item(p + ("?utm_source=rss&utm_medium=feed" if i % 2 else ""))
    s.add_feed_item(f"{amp_target}/amp")
    s.add_feed_item("/old/moved")
    s.add_feed_item("/m/story")
    s.add_feed_item(opened)
    for p in (latin, gz, busy, *BAD):
        s.add_feed_item(p)
    # an Atom feed with more good pages
    atom_paths = [s.add_page() for _ in range(n_atom)]
    s.unfed.extend(atom_paths)
    site.static(
        "/atom.xml",
        atom([(site.url(p), s.good[p], "2024-05-02") for p in atom_paths]),
        "application/atom+xml",
        etag=True,
    )
    # a sitemap index: a news sitemap, a gzipped sitemap, a malformed one; some pages the feed has too
    news = [s.add_page() for _ in range(n_sitemap)]
    s.unfed.extend(news)
    site.static(
        "/sitemaps/news.xml",
        urlset(
            [(site.url(p), s.good[p], "2024-05-03") for p in news]
            + [
                (site.url(amp_target), s.good[amp_target], "2024-05-01"),
                (site.url(mobile_of), s.good[mobile_of], "2024-05-01"),
            ]
        ),
        "application/xml",
        etag=True,
    )
    more = [s.add_page() for _ in range(2)]
    s.unfed.extend(more)
    site.static(
        "/sitemaps/pages.xml.gz",
        gzip.compress(
            urlset(
                [(site.url(p), "", "2024-05-04") for p in more] + [(site.url(moved), "", "2024-05-01")],
                news=False,
            )
        ),
        "application/x-gzip",
    )
    site.static(
        "/sitemaps/broken.xml",
        b"<?xml version='1.0'?><urlset><url><loc>http://127.0.0.1/x</loc>",
        "application/xml",
    )
    site.static(
        "/sitemap_index.xml",
        sitemap_index(
            [
                (site.url("/sitemaps/news.xml"), "2024-05-03"),
                (site.url("/sitemaps/pages.xml.gz"), "2024-05-04"),
                (site.url("/sitemaps/broken.xml"), "2024-05-01"),
            ]
        ),
        "application/xml",
        etag=True,
    )
    site.static("/bad-feed.xml", b"<rss><channel><item><title>x</title><link>", "application/rss+xml")
    return s
