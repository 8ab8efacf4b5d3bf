"""Readers: every input kind streams RawDocuments; bad containers become error records."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from herald.ingest import read
from herald.ingest.feed import check_safe_xml
from tests.conftest import DATA

HOSTILE = DATA / "hostile"
SEED = DATA / "corpus" / "seed-lavrov-nato.txt"


def _warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    """Write a gzipped WARC: (url, record type, body, content type) per record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for url, rtype, body, ctype in records:
            if rtype == "response":
                hdr = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
                rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=hdr)
            else:
                rec = w.create_warc_record(url, rtype, payload=io.BytesIO(body), warc_content_type=ctype)
            w.write_record(rec)


def test_text_file_and_gzipped_copy_give_the_same_bytes(tmp_path: Path) -> None:
    gz = tmp_path / "seed.txt.gz"
    gz.write_bytes(gzip.compress(SEED.read_bytes()))
    plain, packed = list(read([str(SEED), str(gz)]))
    assert plain.content == packed.content == SEED.read_bytes()
    assert plain.content_type == packed.content_type == "text"


def test_folder_is_walked_in_sorted_order_and_unknown_suffixes_skipped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("second")
    (tmp_path / "a.txt").write_text("first")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    assert [Path(r.source).name for r in read([str(tmp_path)])] == ["a.txt", "b.txt"]


def test_txt_file_holding_an_html_page_is_read_as_html(tmp_path: Path) -> None:
    p = tmp_path / "page.txt"
    p.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    assert next(read([str(p)])).content_type == "html"


def test_missing_file_is_an_error_record() -> None:
    (doc,) = read(["/nonexistent/file.txt"])
    assert doc.error and "no such file" in doc.error


def test_jsonl_streams_good_records_and_reports_each_broken_line() -> None:
    docs = list(read([str(HOSTILE / "broken-lines.jsonl")]))
    good = [d for d in docs if not d.error]
    bad = [d for d in docs if d.error]
    assert [d.id for d in good] == ["good-1", "good-2"]
    assert good[0].date == "2023-07-06" and good[0].content_type == "text"
    assert good[1].content_type == "html"
    assert len(bad) == 4  # unterminated string, not JSON, a list, no text
    assert all("line" in d.error for d in bad)  # type: ignore[operator]


def test_jsonl_line_over_the_byte_budget_is_refused_without_stopping(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERALD_MAX_BYTES", "1000")
    p = tmp_path / "big.jsonl"
    p.write_text(
        json.dumps({"id": "huge", "text": "x " * 5000})
        + "\n"
        + json.dumps({"id": "small", "text": "A short story."})
        + "\n"
    )
    docs = list(read([str(p)]))
    assert docs[0].error and "byte limit" in docs[0].error
    assert docs[1].id == "small" and not docs[1].error


def test_warc_response_html_and_conversion_text_records(tmp_path: Path) -> None:
    p = tmp_path / "crawl.warc.gz"
    html = "<html><body><p>Caf\u00e9 talks resumed.</p></body></html>".encode("cp1252")
    _warc(
        p,
        [
            ("http://example.org/a", "response", html, "text/html; charset=windows-1252"),
            ("http://example.org/logo.png", "response", b"\x89PNG\r\n", "image/png"),
            ("http://example.org/a", "conversion", b"Talks resumed in Geneva.", "text/plain"),
        ],
    )
    docs = list(read([str(p)]))
    assert [(d.url, d.content_type) for d in docs] == [
        ("http://example.org/a", "html"),
        ("http://example.org/a", "text"),
    ]
    assert isinstance(docs[0].content, str) and "Café" in docs[0].content  # charset from HTTP header
    assert all(not d.error for d in docs)


def test_truncated_warc_yields_the_whole_records_then_one_error() -> None:
    docs = list(read([str(HOSTILE / "truncated.warc.gz")]))
    assert [bool(d.error) for d in docs] == [False, True]
    assert "truncated or corrupt WARC after 1 records" in (docs[1].error or "")


def test_feed_entries_become_documents_with_title_link_and_date() -> None:
    (doc,) = read([str(HOSTILE / "good-feed.rss")])
    assert doc.title == "Talks resume in Geneva"
    assert doc.url == "http://example.org/talks"
    assert doc.date == "2023-03-14"
    assert doc.content_type == "html" and "Negotiators" in str(doc.content)


@pytest.mark.parametrize("name", ["entity-bomb.rss", "external-entity.atom"])
def test_feeds_declaring_entities_are_refused_before_parsing(name: str) -> None:
    (doc,) = read([str(HOSTILE / name)])
    assert doc.error and doc.error.startswith("unsafe XML refused")


def test_safe_xml_check_accepts_a_plain_doctype() -> None:
    rss091 = (
        b'<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"></rss>'
    )
    assert check_safe_xml(rss091) is None


def test_truncated_gzip_is_an_error_record() -> None:
    (doc,) = read([str(HOSTILE / "truncated.txt.gz")])
    assert doc.error and "truncated or corrupt gzip" in doc.error


def test_file_over_the_byte_budget_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERALD_MAX_BYTES", "10000")
    p = tmp_path / "big.html"
    p.write_bytes(b"<p>" + b"word " * 5000 + b"</p>")
    (doc,) = read([str(p)])
    assert doc.error and "HERALD_MAX_BYTES" in doc.error
