"""Plain-text extraction: the trained line classifier, title, stamps, on real scraped text."""

from __future__ import annotations

import numpy as np
import pytest

from herald.extract import extract_one
from herald.extract.dates import find_stamps, parse_date, stamp_kind
from herald.extract.lines import FEATURES, LineModel, line_features, load_model
from herald.extract.text import extract_text
from herald.models import RawDocument
from tests.conftest import SEED

ARTICLE = [
    "Government ministers from both countries met in Geneva on Tuesday to discuss the border dispute, "
    "officials said, and agreed to continue the talks next month.",
    "The talks, the first since the ceasefire collapsed in the spring, lasted more than six hours and "
    "were described by both delegations as frank and constructive.",
    "Negotiators said they had made progress on the return of refugees but remained far apart on the "
    "question of who controls the mountain passes along the frontier.",
    "A joint statement released after the meeting called for restraint and promised that observers "
    "from the United Nations would be allowed into the disputed area.",
]


@pytest.fixture(scope="module")
def seed():
    return extract_text(SEED.read_text(encoding="utf-8"))


def test_seed_keeps_every_article_paragraph(seed) -> None:
    paragraphs = [
        p
        for p in SEED.read_text(encoding="utf-8").split("\n\n")
        if len(p.split()) >= 20 and "publish this article" not in p and "$30" not in p
    ]
    assert len(paragraphs) == 9
    kept = seed.text.split("\n\n")
    for p in paragraphs:
        assert p.strip() in kept


def test_seed_drops_ads_share_republication_and_comment_lines(seed) -> None:
    for needle in (
        "Free $30",
        "Share with friends",
        "publish this article",
        "Be the first to comment",
        "Leave a Reply",
        "will not be published",
        "last updated",
    ):
        assert needle not in seed.text
        assert any(needle in b for b in seed.boilerplate)


def test_seed_title_and_updated_stamp(seed) -> None:
    assert seed.title == "Lavrov upset by NATO’s ambiguous stance on Russia"
    assert seed.updated == "2022-04-16"
    assert seed.title not in seed.text


def test_ad_share_and_comment_lines_between_paragraphs_are_removed() -> None:
    furniture = ["Advertisement", "Share on Facebook", "Subscribe to our newsletter", "Leave a comment"]
    lines = [
        "Talks resume in Geneva",
        ARTICLE[0],
        furniture[0],
        ARTICLE[1],
        furniture[1],
        ARTICLE[2],
        furniture[2],
        ARTICLE[3],
        furniture[3],
    ]
    out = extract_text("\n".join(lines))
    assert out.text.split("\n\n") == ARTICLE
    assert set(furniture) <= set(out.boilerplate)
    assert out.title == "Talks resume in Geneva"


def test_navigation_before_and_links_after_the_article_are_removed() -> None:
    nav = ["Home", "World", "Politics", "Business", "Sport", "Sign in", "Menu"]
    footer = ["Privacy Policy", "Terms of Use", "© 2023 Example Media. All rights reserved."]
    out = extract_text(
        "\n".join(nav + ["Border talks resume", "Published: March 14, 2023"] + ARTICLE + footer)
    )
    assert out.text.split("\n\n") == ARTICLE
    assert out.published == "2023-03-14"
    assert out.title == "Border talks resume"


def test_features_are_finite_and_one_row_per_line() -> None:
    x = line_features(["", "x", "Ünïcödé — “quotes” … 2019-11-20 12:30", *ARTICLE][1:])
    assert x.shape == (6, len(FEATURES))
    assert np.isfinite(x).all()


def test_model_refuses_weights_trained_on_other_features() -> None:
    with pytest.raises(ValueError, match="retrain"):
        LineModel({"features": ["bias"], "page": {}, "line": {}})


def test_shipped_model_matches_the_feature_code() -> None:
    m = load_model()
    assert len(m.coef) == len(FEATURES)


@pytest.mark.parametrize(
    ("line", "date", "kind"),
    [
        ("This article was last updated on April 16, 2022", "2022-04-16", "updated"),
        ("Published: Nov. 19, 2019 at 5:04 pm", "2019-11-19", "published"),
        ("First published on 3 March 2021", "2021-03-03", "published"),
        ("By Jane Doe | Updated 2021-09-03", "2021-09-03", "updated"),
        (
            "The report was published on May 5, 2019, by the agency, which said more work was needed.",
            "2019-05-05",
            None,
        ),
    ],
)
def test_stamps(line: str, date: str, kind: str | None) -> None:
    assert parse_date(line) == date
    assert stamp_kind(line) == kind


def test_bare_date_line_before_the_article_is_the_published_date() -> None:
    st = find_stamps(["Menu", "November 20, 2019", "Headline here", *ARTICLE], article_start=3)
    assert st.published == "2019-11-20" and 1 in st.lines


def test_impossible_dates_are_ignored() -> None:
    assert parse_date("February 30, 2020") is None


def test_non_english_text_is_skipped_with_its_language_and_keeps_its_text() -> None:
    german = (
        "Die Regierung hat am Montag in Berlin neue Maßnahmen gegen die Inflation angekündigt, die "
        "nach Angaben des Ministeriums noch in diesem Jahr in Kraft treten sollen. Die Opposition "
        "kritisierte, dass die Pläne nicht weit genug gingen."
    )
    doc = extract_one(RawDocument(id="de", source="de", kind="txt", content=german))
    assert doc.status == "skipped" and doc.language == "de"
    assert "English only" in (doc.error or "") and doc.text


@pytest.mark.slow  # wall time: sleeps, timeouts or rates on a shared machine
def test_time_budget_turns_a_slow_document_into_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import time as _time

    from herald.extract import run

    monkeypatch.setenv("HERALD_DOC_TIMEOUT", "0.2")

    def slow(page: str):  # stands in for a pathological page
        _time.sleep(2)

    monkeypatch.setattr(run.text_extract, "extract_text", slow)
    doc = run.extract_one(RawDocument(id="s", source="s", kind="txt", content="some text"))
    assert doc.status == "error" and "HERALD_DOC_TIMEOUT" in (doc.error or "")


def test_too_many_lines_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERALD_MAX_LINES", "100")
    doc = extract_one(RawDocument(id="l", source="l", kind="txt", content="line\n" * 500))
    assert doc.status == "error" and "HERALD_MAX_LINES" in (doc.error or "")
