"""HTML extraction, encodings and language on real pages and bytes."""

from __future__ import annotations

import gzip

import pytest

from herald.extract import extract_one
from herald.extract.decode import BinaryContent, decode
from herald.extract.html import extract_html, prune
from herald.extract.language import detect_language
from herald.models import RawDocument
from tests.conftest import DATA

CHRON = DATA / "corpus" / "chron-esper-vietnam.html.gz"


@pytest.fixture(scope="module")
def chron():
    return extract_html(gzip.decompress(CHRON.read_bytes()).decode("utf-8"))


def test_html_article_title_and_published_date(chron) -> None:
    assert chron.title and "Esper" in chron.title
    assert chron.published == "2019-11-20"
    assert chron.text.startswith("HANOI, Vietnam (AP)")
    assert len(chron.text.split()) > 200
    assert "\n\n" in chron.text  # paragraphs separated by a blank line


def test_prune_drops_repeated_title_cta_and_stamps_only() -> None:
    text = (
        "Esper says US will help\nHANOI (AP) — The defense secretary spoke on Wednesday.\n"
        "Read more: Five things about the trip\nUPDATED: Nov. 20, 2019\n"
        "He said the United States would continue to help its partners in the region."
    )
    kept, dropped = prune(text, "Esper says US will help")
    assert kept == [
        "HANOI (AP) — The defense secretary spoke on Wednesday.",
        "He said the United States would continue to help its partners in the region.",
    ]
    assert len(dropped) == 3


def test_feed_summary_fragment_is_kept_whole() -> None:
    out = extract_html("<p>Negotiators returned to Geneva on Tuesday to resume talks, the UN said.</p>")
    assert out.text == "Negotiators returned to Geneva on Tuesday to resume talks, the UN said."


def test_deeply_nested_html_is_refused() -> None:
    page = "<html><body>" + "<div>" * 5000 + "x" + "</div>" * 5000 + "</body></html>"
    doc = extract_one(RawDocument(id="d", source="d", kind="html", content=page, content_type="html"))
    assert doc.status == "error" and "nested" in (doc.error or "")


def test_decode_bom_declaration_utf8_and_detector() -> None:
    assert decode("Hé".encode("utf-8-sig")) == "Hé"
    assert decode("Hé".encode("utf-16")) == "Hé"
    page = '<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")
    assert "Привет" in decode(page)
    assert decode("Привет".encode("koi8-r"), declared="koi8-r") == "Привет"
    latin = ("Les élèves de l’école sont allés à la fête du village. " * 5).encode("cp1252")
    assert decode(latin).startswith("Les élèves de l’école")


def test_decode_repairs_stray_windows_1252_bytes_in_utf8() -> None:
    mixed = "“a step forward”, ".encode() + b"\x93a betrayal\x94"
    assert decode(mixed) == "“a step forward”, “a betrayal”"


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(BinaryContent):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The minister said on Tuesday that the talks would continue and that both sides were hopeful.",
            "en",
        ),
        (
            "El ministro dijo el martes que las conversaciones continuarán "
            "y que las dos partes tienen esperanza.",
            "es",
        ),
        (
            "Le ministre a dit mardi que les discussions vont continuer "
            "et que les deux parties sont optimistes.",
            "fr",
        ),
        ("Министр заявил во вторник, что переговоры продолжатся.", "ru"),
        ("Talks resume", "en"),
    ],
)
def test_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
