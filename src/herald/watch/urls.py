"""One article, one URL: canonical forms that make two addresses of the same page compare equal.

Feeds and sitemaps hand out the same article under several addresses: with campaign parameters
(``?utm_source=rss``), as its AMP twin (``/amp``, ``?amp=1``, ``amp.example.com``, the Google AMP
cache), with a fragment. :func:`canonical_url` removes what never changes the page; it is the key
``herald watch`` remembers a URL by and the id the document is stored under. What the URL cannot
tell (a mobile copy, a redirect) the page itself tells: its ``<link rel="canonical">`` on the same site
(:func:`link_canonical`) and the address a redirect ends at.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "twclid",
        "mc_cid",
        "mc_eid",
        "mkt_tok",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "__twitter_impression",
        "ref_src",
        "ref_url",
        "cmpid",
        "ocid",
        "ncid",
        "icid",
        "intcmp",
        "smid",
        "smtyp",
        "sr_share",
        "s_cid",
        "wt.mc_id",
        "wt_mc",
        "xtor",
        "ito",
        "spm",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "at_medium",
        "at_campaign",
        "at_custom1",
        "at_custom2",
        "at_custom3",
        "at_custom4",
        "cmp",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "at_", "oly_")
AMP_PARAMS = {"amp": None, "outputtype": "amp", "output": "amp", "format": "amp", "amp_js_v": None}
_AMP_CACHE = re.compile(r"^[a-z0-9-]+\.cdn\.ampproject\.org$")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in ("http", "https")


def _tracking(name: str) -> bool:
    n = name.lower()
    return n in TRACKING or n.startswith(TRACKING_PREFIXES)


def _amp_param(name: str, value: str) -> bool:
    n = name.lower()
    if n not in AMP_PARAMS:
        return False
    want = AMP_PARAMS[n]
    return want is None or value.lower() == want


def _amp_path(path: str) -> str:
    """``/a/amp``, ``/a/amp/``, ``/amp/a``, ``/a.amp``, ``/a.amp.html`` -> the page's own path."""
    if path.lower().endswith(".amp.html"):
        return path[: -len(".amp.html")] + ".html"
    if path.lower().endswith(".amp"):
        return path[: -len(".amp")]
    segs = path.split("/")
    low = [s.lower() for s in segs]
    if len(segs) > 2 and low[-1] == "amp":
        segs = segs[:-1]
    elif len(segs) > 3 and low[-1] == "" and low[-2] == "amp":
        segs = segs[:-2] + [""]
    elif len(segs) > 2 and low[1] == "amp":
        segs = [segs[0], *segs[2:]]
    return "/".join(segs) or "/"


def _from_amp_cache(host: str, path: str) -> str | None:
    """``https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a`` -> the publisher's URL."""
    if not _AMP_CACHE.match(host):
        return None
    m = re.match(r"^/[a-z](/s)?/(.+)$", path)
    if not m:
        return None
    return ("https://" if m.group(1) else "http://") + m.group(2)


def canonical_url(url: str, base: str | None = None) -> str:
    """The URL an article is remembered by: scheme and host lower-cased, default port, fragment,
    tracking and AMP parameters dropped, the remaining parameters sorted, AMP paths and hosts
    turned into the page's own. Not an http(s) URL: returned stripped, otherwise unchanged."""
    raw = url.strip()
    if base:
        raw = urljoin(base, raw)
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return raw
    host = parts.hostname.lower().rstrip(".")
    cached = _from_amp_cache(host, parts.path)
    if cached:
        return canonical_url(cached + (f"?{parts.query}" if parts.query else ""))
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    labels = host.split(".")
    if len(labels) > 2 and labels[0] == "amp":
        host = ".".join(labels[1:])
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):  # an IPv6 address
        netloc = f"[{host}]" if port in (None, _DEFAULT_PORTS[scheme]) else f"[{host}]:{port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~%") or "/"
    path = _amp_path(path)
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _tracking(k) and not _amp_param(k, v)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def host_of(url: str) -> str:
    """The host a politeness budget is kept for (port included: two servers on one machine differ)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def origin_of(url: str) -> str:
    """``scheme://host[:port]``: what a robots.txt governs."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def site_of(url: str) -> str:
    """The host without ``www.``, ``m.`` or ``amp.`` (port kept): two addresses on one site."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
            break
    return f"{host}:{parts.port}" if parts.port else host


_LINK = re.compile(r"<link\b[^>]*>", re.I)
_REL_CANONICAL = re.compile(r"""\brel\s*=\s*["']?\s*canonical\b""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def link_canonical(html: str, page_url: str) -> str | None:
    """The canonical URL a page declares for itself (``<link rel="canonical">`` in its first 64 kB),
    when it is on the page's own site; a canonical on another site is not trusted (a page could
    otherwise claim to be any article and hide it)."""
    head = html[:65536]
    for tag in _LINK.findall(head):
        if not _REL_CANONICAL.search(tag):
            continue
        m = _HREF.search(tag)
        if not m:
            return None
        href = next(g for g in m.groups() if g is not None).strip()
        if not href:
            return None
        target = canonical_url(href, base=page_url)
        if is_web(target) and site_of(target) == site_of(page_url):
            return target
        return None
    return None
