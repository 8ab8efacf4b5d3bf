"""WARC files: response records holding HTML, and conversion records holding text (WET).

Streamed record by record with warcio. A record body over the byte budget is refused; a
truncated or corrupt archive yields the records read so far and then one error record.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Literal

from herald.ingest.limits import max_bytes
from herald.models import RawDocument

_TEXTUAL = ("html", "xhtml", "text/plain")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def read_warc(path: str) -> Iterator[RawDocument]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from herald.extract.decode import BinaryContent, decode

    limit = max_bytes()
    n = 0
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        archive = ArchiveIterator(fh)
        try:
            for rec in archive:
                if rec.rec_type not in ("response", "conversion", "resource"):
                    continue
                headers = rec.rec_headers
                url = headers.get_header("WARC-Target-URI")
                ctype = ""
                if rec.rec_type == "response" and rec.http_headers is not None:
                    ctype = (rec.http_headers.get_header("Content-Type") or "").lower()
                else:
                    ctype = (headers.get_header("Content-Type") or "").lower()
                if rec.rec_type != "conversion" and ctype and not any(t in ctype for t in _TEXTUAL):
                    continue  # images, scripts, PDFs...
                n += 1
                src = f"{path}#{n}"
                rid = url or headers.get_header("WARC-Record-ID") or src
                date = (headers.get_header("WARC-Date") or "")[:10] or None
                kind: Literal["text", "html"] = (
                    "text" if rec.rec_type == "conversion" or "text/plain" in ctype else "html"
                )
                body = rec.content_stream().read(limit + 1)
                if len(body) > limit:
                    yield RawDocument(
                        id=rid,
                        source=src,
                        kind="warc",
                        url=url,
                        date=date,
                        error=f"record larger than the {limit:,} byte limit (HERALD_MAX_BYTES)",
                    )
                    continue
                content: bytes | str = body
                charset = _charset(ctype)
                if charset:
                    with contextlib.suppress(BinaryContent):  # extraction reports it
                        content = decode(body, declared=charset)
                yield RawDocument(
                    id=rid, source=src, kind="warc", content=content, content_type=kind, url=url, date=date
                )
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield RawDocument(
                id=f"{path}#{n + 1}",
                source=path,
                kind="warc",
                error=f"truncated or corrupt WARC after {n} records ({exc})",
            )
            return
        # warcio stops silently at a record cut short: bytes left after the last whole record
        end = getattr(archive, "offset", size)
        if isinstance(end, int) and size - end > 4:
            yield RawDocument(
                id=f"{path}#{n + 1}",
                source=path,
                kind="warc",
                error=f"truncated or corrupt WARC after {n} records "
                f"({size - end:,} bytes at the end are not a whole record)",
            )
            return
    if n == 0:
        yield RawDocument(id=path, source=path, kind="warc", error="no HTML or text records in this WARC")
