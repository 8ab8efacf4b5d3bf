"""Extraction on pages written for the purpose (tests/data/tricky): page dates, captions, fact checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.extract.dates import find_stamps
from herald.extract.html import extract_html
from herald.extract.pagedate import parse_stamp, url_date
from herald.extract.text import extract_text, split_lines

TRICKY = Path(__file__).resolve().parents[1] / "data" / "tricky"


def _read(name: str) -> str:
    return (TRICKY / name).read_text(encoding="utf-8")


def test_utc_markup_is_read_in_the_publishers_time_zone_and_the_caption_is_ignored() -> None:
    # markup 2019-11-20T04:12Z; the byline shows the same instant as 10:12 pm CST on the 19th;
    # the photo caption's March 28, 2017 is not the page's date
    ext = extract_html(_read("caption-old-date.html"))
    assert ext.published == "2019-11-19"
    assert ext.updated is None  # modified the same day
    assert "file photo" not in ext.text


def test_caption_date_line_is_not_the_page_date_in_plain_text() -> None:
    ext = extract_text(_read("caption-old-date.txt"))
    assert ext.published != "2017-03-28"


def test_fact_check_takes_its_own_date_not_the_claims() -> None:
    ext = extract_html(_read("fact-check.html"))
    assert ext.published == "2019-11-18"


def test_byline_with_a_time_beats_a_list_of_dated_teasers() -> None:
    ext = extract_text(_read("dated-teasers.txt"))
    assert ext.published == "2019-11-20"


def test_teaser_dates_alone_give_no_page_date() -> None:
    lines = [
        "Headline one",
        "November 16, 2016",
        "Headline two",
        "December 18, 2015",
        "Headline three",
        "August 18, 2017",
        "The article starts here with a long first sentence about the news of the day.",
    ]
    assert find_stamps(lines, article_start=6).published is None


@pytest.mark.parametrize(
    ("value", "local", "zoned"),
    [
        ("2019-11-19T19:53:52-05:00", "2019-11-19", True),
        ("2019-11-20T04:26:47Z", "2019-11-20", False),
        ("2019-11-20T06:35:39+0000", "2019-11-20", False),
        ("2019-11-20 13:42:06+08:00", "2019-11-20", True),
        ("20191119", "2019-11-19", False),
        ("19 Nov 2019 07:09 GMT", "2019-11-19", False),
        ("November 19, 2019", "2019-11-19", False),
    ],
)
def test_markup_timestamps(value: str, local: str, zoned: bool) -> None:
    s = parse_stamp(value)
    assert s is not None and s.local.isoformat() == local and s.zoned is zoned


def test_utc_instant_of_an_offset_timestamp() -> None:
    s = parse_stamp("2019-11-19T19:53:52-05:00")
    assert s is not None and s.instant is not None and s.instant.isoformat() == "2019-11-20T00:53:52"


def test_url_dates() -> None:
    assert str(url_date("https://example.com/2019/11/19/story-name/")) == "2019-11-19"
    assert url_date("https://example.com/news/story-14848164.php") is None


def test_placeholder_markup_dates_are_ignored() -> None:
    page = (
        '<html><head><meta itemprop="datePublished" content="0001-01-01T00:00:00Z"></head><body>'
        "<p>Published 11:11 PM EST Nov 19, 2019</p><p>"
        + "The council met and voted on the plan. " * 20
        + "</p></body></html>"
    )
    assert extract_html(page).published == "2019-11-19"


def test_split_lines_keeps_the_tricky_pages_readable() -> None:
    assert len(split_lines(_read("dated-teasers.txt"))) > 10


# ---------------------------------------------------------------- language of short pages


def test_box_score_is_english_and_coded() -> None:
    from herald.extract.language import detect_language

    ext = extract_text(_read("box-score.txt"))
    assert detect_language(ext.text) == "en"
    assert detect_language(_read("box-score.txt")) == "en"


def test_short_notice_is_english() -> None:
    from herald.extract.language import detect_language

    assert detect_language(_read("short-notice.txt")) == "en"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke neu zu bauen, "
            "und die Bürger sind froh.",
            "de",
        ),
        (
            "El consejo de la ciudad votó el martes para reconstruir el puente, "
            "que está cerrado desde la inundación.",
            "es",
        ),
        (
            "Le conseil municipal a voté mardi pour reconstruire le pont, "
            "qui est fermé depuis les inondations.",
            "fr",
        ),
        (
            "Dewan kota memutuskan untuk membangun kembali jembatan yang rusak karena banjir "
            "dan warga senang.",
            "id",
        ),
        ("Городской совет во вторник решил восстановить старый мост.", "ru"),
    ],
)
def test_short_foreign_pages_are_not_english(text: str, lang: str) -> None:
    from herald.extract.language import detect_language

    assert detect_language(text) == lang


def test_a_page_of_names_and_numbers_with_accents_is_not_taken_for_english() -> None:
    from herald.extract.language import detect_language

    table = "Müller 3, Schäfer 1\nTore: Müller (Köhler), 12.; Schäfer, 44.; Müller, 71.\nZuschauer: 12.400"
    assert detect_language(table) != "en"


# ---------------------------------------------------------------- headings, link blocks, pop-up cards


def test_headings_are_paragraphs_of_their_own_and_sentences_of_their_own() -> None:
    from herald.nlp.model import load

    ext = extract_html(_read("headings.html"))
    paragraphs = ext.text.split("\n\n")
    assert (
        "Who is affected" in paragraphs and "What farmers say" in paragraphs and "A split vote" in paragraphs
    )
    sents = [s.text.strip() for s in load()(ext.text).sents]
    assert "Who is affected" in sents and "What farmers say" in sents and "A split vote" in sents
    assert any(s.startswith("About 3,000 farms") for s in sents)


def test_link_blocks_promos_related_and_cards_stay_out_of_the_body() -> None:
    ext = extract_html(_read("link-blocks.html"))
    for furniture in (
        "SEE MORE",
        "DON'T MISS",
        "[VIDEO]",
        "[INSIGHT]",
        "Sign up",
        "Related",
        "Budget fight",
        "Police ask Congress",
        "MORE",
    ):
        assert furniture not in ext.text, furniture
    first = ext.text.split("\n\n")[0]
    assert first.startswith(
        "A man who threatened to harm Sen. Dana Whitcombe (D-Ore.) at a rally was arrested"
    )
    assert "Threats against members of Congress have risen" in ext.text


def test_cards_and_link_blocks_in_plain_text() -> None:
    from herald.extract.cards import is_link_block, strip_cards

    line, cards = strip_cards(
        "Police said a man threatened Rep. Ana LoweAna LoweBudget talks stall againMORE (D-Ore.) on Friday."
    )
    assert line == "Police said a man threatened Rep. Ana Lowe (D-Ore.) on Friday." and len(cards) == 1
    assert strip_cards("The MORE Act passed the House.") == ("The MORE Act passed the House.", [])
    assert is_link_block("DON'T MISS: Budget deal explained [INSIGHT] Rally in pictures [PICS]")
    assert is_link_block("SEE MORE: Senator unveils new housing plan")
    assert not is_link_block("The senator said she would see more voters next week.")
