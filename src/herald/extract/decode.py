"""Bytes to text: a BOM, then a declared charset, then UTF-8, then a detector.

Order matters. A byte-order mark is unambiguous; a declaration (HTTP header, ``<meta charset>``,
``<?xml encoding?>``) is what the author said; UTF-8 is what almost every modern page is and
fails loudly when wrong; only then is a statistical detector (charset-normalizer) asked. Pages
that are *mostly* UTF-8 with a few stray Windows-1252 bytes (a common result of concatenating
sources) keep their UTF-8 and have only the stray bytes read as Windows-1252, instead of the
whole page being re-read in the wrong encoding.
"""

from __future__ import annotations

import codecs
import re

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.I)
_MOSTLY_UTF8 = 0.5  # share of non-ASCII byte runs that must be valid UTF-8 to keep UTF-8 (chance
# UTF-8 sequences in a legacy 8-bit encoding are rare, so half is strong evidence of UTF-8)


_CONTROL = bytes([*range(0, 9), *range(14, 32)])


class BinaryContent(ValueError):
    """The bytes are not text (an image, an archive, an executable...)."""


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("herald-cp1252", _cp1252_fallback)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 4 kB (UTF-16/32 with a BOM excepted)."""
    head = data[:4096]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return False
    if b"\x00" in head:
        return True
    ctrl = len(head) - len(head.translate(None, _CONTROL))
    return ctrl / len(head) > 0.05


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 kB (XML declaration or <meta>), if Python knows it."""
    head = data[:4096]
    m = _XML_DECL.search(head) or _META.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", errors="ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _utf8_share(data: bytes) -> float:
    """Share of the non-ASCII runs that decode as UTF-8."""
    runs = re.findall(rb"[\x80-\xff]+", data[:1_000_000])
    if not runs:
        return 1.0
    good = 0
    for r in runs:
        try:
            r.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            pass
    return good / len(runs)


def decode(data: bytes | str, declared: str | None = None) -> str:
    """Decode bytes to text; raises :class:`BinaryContent` for data that is not text.

    ``declared`` is a charset from outside the bytes (an HTTP Content-Type header)."""
    if isinstance(data, str):
        return data
    for bom, bom_enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(bom_enc, errors="replace")
    if looks_binary(data):
        raise BinaryContent("binary content, not text or HTML")
    for enc in (declared, declared_charset(data)):
        if not enc:
            continue
        try:
            name = codecs.lookup(enc).name
        except LookupError:
            continue
        if name == "utf-8":
            break  # checked below, with the mixed-encoding repair
        return data.decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _utf8_share(data) >= _MOSTLY_UTF8:
        return data.decode("utf-8", errors="herald-cp1252")
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")
