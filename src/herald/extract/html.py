"""HTML pages: trafilatura for the article, htmldate for the page dates, the title from metadata.

Measured on the dev pages (``bench/extraction.py html``): trafilatura's default mode without
the fallback extractors (``fast=True``) has the best recall of its modes at almost twice the
speed of ``favor_precision`` with fallbacks, and what it gets wrong is mostly a few short lines:
the page title repeated as the first paragraph, call-to-action lines ("Read more: ...",
"Subscribe to ...", "Follow us on ...") and date stamps. :func:`prune` drops exactly those, which
lifts precision without touching the article's paragraphs. The page is parsed once (lxml) and
the tree is shared by htmldate and trafilatura.
"""

from __future__ import annotations

import os
import re
from typing import Any

from herald.extract.cards import CTA_MAX_WORDS, is_link_block, strip_cards
from herald.extract.dates import parse_date, stamp_kind
from herald.extract.pagedate import page_dates
from herald.extract.result import Extracted

# A line that *starts* with a call to action is page furniture, whatever follows it.
_CTA = re.compile(
    r"^\W*(?:read more|read also|related(?: articles?| stories| coverage)?\s*:|related\b|see also|"
    r"also on\b|also:|more:|listen\b|watch:|subscribe\b|sign up\b|follow (?:us|@|\w+(?: \w+)? on)|"
    r"click here|get (?:the|our)\b|like this|share (?:this|it)|download:|filed under|tags?:|"
    r"advertisement|sponsored|recommended|trending|most (?:read|popular)|photo:|image:|"
    r"copyright|©|all rights reserved|see more\b|don['’]?t miss\b|must see\b|read next\b|up next\b|"
    r"more (?:on|from|about) (?:this|the)\b|top stories\b|editor['’]?s picks?\b|you (?:may|might) also like)",
    re.I,
)
_NORM = re.compile(r"\W+")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+»\s+")


def _norm(s: str) -> str:
    return _NORM.sub(" ", s.lower()).strip()


_MAX_DEPTH = 255  # libxml2 stops nesting at 256 levels: a page that deep is cut, not parsed
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "br",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "dd",
        "dt",
        "figcaption",
    ]
)
_SKIP = frozenset(["script", "style", "noscript", "template"])
_SHORT_WORDS = 150  # a fragment this short (a feed summary) is kept whole when trafilatura declines


def max_tree_size() -> int:
    """Pages whose parsed tree has more elements than this are refused (HERALD_MAX_TREE_SIZE)."""
    return int(os.environ.get("HERALD_MAX_TREE_SIZE", "200000"))


def parse(page: str) -> Any:
    """The lxml tree of a page or of a fragment (feed summaries are bare ``<p>`` elements);
    raises ValueError for what cannot or must not be parsed."""
    from lxml import etree
    from trafilatura.utils import load_html

    tree = load_html(page)
    if tree is None:
        tree = load_html(f"<html><body>{page}</body></html>")
    if tree is None:
        raise ValueError("unparsable HTML")
    depth = deepest = size = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            depth += 1
            size += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    if deepest >= _MAX_DEPTH:
        raise ValueError(f"HTML nested {deepest} levels deep (limit {_MAX_DEPTH}): refused")
    if size > max_tree_size():
        raise ValueError(
            f"HTML tree too large ({size:,} elements > {max_tree_size():,}, HERALD_MAX_TREE_SIZE)"
        )
    return tree


def visible_lines(tree: Any) -> list[str]:
    """The page's visible text, one block element per line (scripts and styles left out)."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                parts.append(el.tail)
            return
        if tag in _BLOCKS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    return [" ".join(ln.split()) for ln in "".join(parts).split("\n") if ln.strip()]


def page_title(tree: object) -> str | None:
    """The title from the page's metadata: og:title, twitter:title, a single h1, then <title>
    without the site name that usually follows a separator."""
    xp = tree.xpath  # type: ignore[attr-defined]
    sites = [" ".join(str(s).split()) for s in xp('//meta[@property="og:site_name"]/@content')]
    for query in (
        '//meta[@property="og:title"]/@content',
        '//meta[@name="twitter:title"]/@content',
        '//meta[@name="title"]/@content',
    ):
        for v in xp(query):
            v = " ".join(str(v).split())
            if v:
                return _strip_site(v, sites[0] if sites else None)
    h1 = [" ".join(h.text_content().split()) for h in xp("//h1")]
    h1 = [h for h in h1 if 2 <= len(h.split()) <= 30]
    if len(h1) == 1:
        return h1[0]
    for t in xp("//title"):
        text = " ".join(t.text_content().split())
        if text:
            parts = _TITLE_SEPARATORS.split(text)
            return max(parts, key=len) if len(parts) > 1 else text
    return None


def _strip_site(title: str, site: str | None) -> str:
    """'Daily Deals: ... - IGN' -> 'Daily Deals: ...' when the page names its site."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1 and site:
        rest = [p for p in parts if _norm(p) != _norm(site)]
        if rest and len(rest) < len(parts):
            return " - ".join(rest)
    return title


def prune(text: str, title: str | None) -> tuple[list[str], list[str]]:
    """Split extracted text into (kept paragraphs, dropped lines): the title repeated at the top,
    call-to-action lines and date stamps go."""
    kept: list[str] = []
    dropped: list[str] = []
    t = _norm(title) if title else ""
    for i, line in enumerate(p.strip() for p in text.split("\n")):
        if not line:
            continue
        words = len(line.split())
        n = _norm(line)
        is_title = i < 3 and t and n and (n == t or (words <= 25 and n in t))
        is_cta = words <= CTA_MAX_WORDS and _CTA.search(line) is not None
        is_links = is_link_block(line)
        is_stamp = words <= 16 and stamp_kind(line) is not None and parse_date(line) is not None
        if is_title or is_cta or is_links or is_stamp:
            dropped.append(line)
            continue
        line, cards = strip_cards(line)
        dropped += cards
        kept.append(line)
    return kept, dropped


def _fallback(lines: list[str]) -> str:
    """When trafilatura finds no article (it declines short pages): a short fragment is kept
    whole, a longer page goes through the plain-text line classifier."""
    if sum(len(ln.split()) for ln in lines) <= _SHORT_WORDS:
        return "\n".join(lines)
    from herald.extract.text import classify_lines

    keep = classify_lines(lines)
    return "\n".join(ln for ln, k in zip(lines, keep, strict=True) if k)


def extract_html(page: str, url: str | None = None) -> Extracted:
    import trafilatura
    from htmldate import find_date

    tree = parse(page)
    title = page_title(tree)
    published, updated, _ = page_dates(tree, visible_lines(tree), url)
    try:
        if published is None:
            published = find_date(tree, url=url, original_date=True, extensive_search=False)
        if updated is None:
            updated = find_date(tree, url=url, original_date=False, extensive_search=False)
    except Exception:  # htmldate is best effort: a page without a readable date is still a page
        pass
    if updated == published or (updated and published and updated < published):
        updated = None
    text = (
        trafilatura.extract(
            tree, url=url, fast=True, include_comments=False, include_tables=False, with_metadata=False
        )
        or ""
    )
    if not text.strip():  # rare: parse again, as trafilatura pruned the tree in place
        text = _fallback(visible_lines(parse(page)))
    kept, dropped = prune(text, title)
    return Extracted(
        text="\n\n".join(kept), title=title, published=published, updated=updated, boilerplate=dropped
    )
