"""HTML pages: trafilatura for the article, htmldate for the page dates."""

from __future__ import annotations

from herald.extract.result import Extracted


def extract_html(page: str, url: str | None = None) -> Extracted:
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(page, url=url, favor_precision=True, include_comments=False,
                               include_tables=False) or ""
    meta = trafilatura.extract_metadata(page, default_url=url)
    title = meta.title if meta is not None else None
    published = updated = None
    try:
        published = find_date(page, original_date=True, extensive_search=False)
        updated = find_date(page, original_date=False, extensive_search=False)
    except Exception:
        pass
    if updated == published:
        updated = None
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return Extracted(text="\n\n".join(paragraphs), title=title, published=published, updated=updated)
