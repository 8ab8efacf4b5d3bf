"""Event dating that tells the future from the past, on pages written for the purpose (tests/data/tricky)."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.extract.text import extract_text
from herald.models import Dates, Document
from herald.time import date as date_docs
from herald.time import evidence as ev
from herald.time.calendar import day
from herald.time.text import date_time, sentences

TRICKY = Path(__file__).resolve().parents[1] / "data" / "tricky"


def _doc(text: str, **dates: str) -> Document:
    return Document(id="t", source="test", text=text, dates=Dates(**dates))


def _reading(sentence: str, year: str) -> str | None:
    start = sentence.index(year)
    return date_time(
        sentence,
        (0, len(sentence)),
        start,
        start + len(year),
        ev._NAMES_A_THING.match(sentence, start + len(year)) is not None,
    )


def _years(text: str) -> list[ev.Evidence]:
    return list(ev.written_dates(text, sentences(text)))


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("The money will pay for terminals the company plans to open by 2030.", "2030"),
        (
            "Harborline expects its fuel costs to stay high until at least 2021, its finance chief said.",
            "2021",
        ),
        ('Asked when they would turn a profit, she answered: "2024, or I would say even 2028."', "2028"),
        ('Asked when they would turn a profit, she answered: "2024, or I would say even 2028."', "2024"),
        ("He would be conditionally released in 2018 and returned home.", "2018"),
        ("The law takes effect in 2020 rather than in 2018.", "2020"),
        ("What could bring him to run in 2020 or 2024, the host asked.", "2020"),
    ],
)
def test_planned_forecast_due_or_hoped_for_years_are_ahead(sentence: str, year: str) -> None:
    assert _reading(sentence, year) in ("future", "present")


@pytest.mark.parametrize(
    ("sentence", "year"),
    [
        ("Trump purchased the course in 2012 and has invested in it since.", "2012"),
        ("He was among 25 senators in 2008 to vote against the bill.", "2008"),
        ("Enrollment has grown since 2007, the report found.", "2007"),
        ("The plant had doubled its output by 2012.", "2012"),
    ],
)
def test_years_reported_as_past(sentence: str, year: str) -> None:
    assert _reading(sentence, year) == "past"


def test_a_year_naming_a_thing_bounds_nothing() -> None:
    # "WeWork's 2025 bond", "the 2017 Ford Fusion, made in Mexico": names, not reports of when
    assert _years("The company's 2025 bond fell sharply on Tuesday.") == []
    assert _years("Dealers showed the 2017 Fusion, made in Hermosillo, to buyers.") == []


def test_a_future_year_is_only_an_upper_bound() -> None:
    (e,) = _years("The country pledged to cut emissions by 2050.")
    assert e.holds(day("1990-01-01")) and e.holds(day("2049-06-01")) and not e.holds(day("2051-01-01"))


def test_fresh_page_full_of_future_years_is_dated_by_its_page_date() -> None:
    ext = extract_text((TRICKY / "future-years.txt").read_text(encoding="utf-8"))
    assert ext.published == "2019-11-19"
    doc = next(date_docs([_doc(ext.text, published=ext.published)]))
    assert doc.dates.event_date == "2019-11-19"
    assert doc.dates.stale is False
    lo, hi = doc.dates.events_between
    assert lo and hi and lo <= "2019-11-19" == hi
    assert not any(
        r.startswith(("2021", "2024", "2025", "2028", "2030")) and "past" in r for r in doc.dates.evidence
    )


def test_content_pointing_after_the_page_date_never_moves_the_story_later() -> None:
    # a misread or planned date after the page's own date: a page cannot report later events
    text = (
        "Officials met on Monday. The new terminal opens in 2030, officials said "
        "after the meeting in 2030 plans."
    )
    doc = next(date_docs([_doc(text, published="2019-11-19")]))
    assert doc.dates.event_date == "2019-11-19"


def test_a_bare_title_must_end_where_the_word_ends() -> None:
    # "the American presidential race" is not "the American president"
    text = (
        "China's steel exports feed into the American presidential race. Donald Trump said so. "
        "Donald Trump spoke again."
    )
    assert not any("President of the United States named" in e.reason for e in ev.office_terms(text))


def test_nominee_without_the_title_is_not_evidence_against_the_nomination() -> None:
    # news calls a nominee by name; only offices people are habitually titled by are checked
    text = "Donald Trump spoke in Ohio. Donald Trump then flew to Iowa. Trump said he would win."
    assert not any("never as US major-party" in e.reason for e in ev.office_terms(text))


def test_a_wire_dateline_gives_the_day_of_the_story() -> None:
    e = ev.dateline(
        "CLEVELAND, July 19 (UPI) — Delegates at the convention heard from the former attorney general."
    )
    assert (
        e is not None
        and e.holds(day("2016-07-19"))
        and e.holds(day("2012-07-20"))
        and not e.holds(day("2016-07-25"))
    )
    assert ev.dateline("WASHINGTON (AP) — The Senate voted on Tuesday.") is None
    assert ev.dateline("The council met on July 19 and voted.") is None


def test_a_dated_republished_wire_story_is_stale_and_dated_by_its_dateline() -> None:
    text = (
        "PHILADELPHIA, July 25 (UPI) — Outgoing President Barack Obama spoke to delegates at the "
        "Democratic National Convention on Monday, the party said."
    )
    doc = next(date_docs([_doc(text, updated="2022-02-25")]))
    assert doc.dates.stale is True
    lo, hi = doc.dates.events_between
    assert lo and hi and lo <= "2016-07-25" <= hi and hi <= "2016-07-31"


def test_the_nominee_as_a_role_names_nobody() -> None:
    text = (
        "Donald Trump and Ted Cruz spoke in Iowa. Below are the candidates who can still make a case for "
        "being the nominee. Donald Trump leads."
    )
    assert not any("nominee" in e.reason and "named is" in e.reason for e in ev.office_terms(text))


def test_a_titled_nominee_ends_the_primary_field() -> None:
    from herald.time.stage import collect

    text = (
        "Republican nominee Donald Trump spoke to voters in Ohio, and Marco Rubio, who is running for "
        "the Senate, told voters and delegates that Trump would win the election. Rubio said Trump "
        "had the support of the party, and Trump thanked Rubio."
    )
    found = collect(_doc(text))
    assert not any(e.key and e.key[0] == "field" for e in found)
