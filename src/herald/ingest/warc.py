"""WARC files: response records holding HTML, and conversion records holding text."""

from __future__ import annotations

from collections.abc import Iterator

from herald.models import RawDocument


def read_warc(path: str) -> Iterator[RawDocument]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as fh:
        n = 0
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type not in ("response", "conversion", "resource"):
                    continue
                n += 1
                url = rec.rec_headers.get_header("WARC-Target-URI")
                date = (rec.rec_headers.get_header("WARC-Date") or "")[:10] or None
                rid = rec.rec_headers.get_header("WARC-Record-ID") or f"{path}#{n}"
                body = rec.content_stream().read()
                ctype = "text" if rec.rec_type == "conversion" else "html"
                if rec.rec_type == "response" and rec.http_headers is not None:
                    ct = (rec.http_headers.get_header("Content-Type") or "").lower()
                    if ct and "html" not in ct and "text" not in ct:
                        continue
                yield RawDocument(
                    id=url or rid, source=f"{path}#{n}", kind="warc", content=body,
                    content_type=ctype, url=url, date=date,
                )
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield RawDocument(id=f"{path}#{n + 1}", source=path, kind="warc",
                              error=f"truncated or corrupt WARC after {n} records ({exc})")
