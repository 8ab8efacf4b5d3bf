"""Campaign stories dated by who runs together, and role terms from the actors stage."""

from __future__ import annotations

import pytest

from herald.models import Dates, Document
from herald.time import cycles
from herald.time import date as date_docs
from herald.time.calendar import day, iso

PRIMARY = (
    "Donald Trump and Ted Cruz traded insults before the Iowa vote. Trump told voters at a rally that Cruz "
    "could not be trusted, and Cruz's aides said Trump was slipping in the polls. "
    "Hillary Clinton, campaigning "
    "in New Hampshire, ignored both. Clinton said the Republican candidates were out of touch."
)


def _run(text: str, **dates: str) -> Document:
    return next(date_docs([Document(id="t", source="test", text=text, dates=Dates(**dates))]))


def test_candidates_running_together_date_the_story() -> None:
    field, season = list(cycles.campaign(PRIMARY))
    assert "Donald Trump" in field.reason and "Ted Cruz" in field.reason and "Hillary Clinton" in field.reason
    # Trump from his announcement (2015-06-16), Cruz until he withdrew (2016-05-03) plus a season (90 days)
    assert [(iso(a), iso(b)) for a, b in field.intervals] == [("2015-06-16", "2016-08-01")]
    assert season.holds(day("2016-02-01")) and not season.holds(day("2015-09-01"))


def test_republished_campaign_story_is_stale_with_a_year_window() -> None:
    doc = _run(PRIMARY, updated="2021-08-28")
    assert doc.dates.stale is True
    lo, hi = doc.dates.events_between
    assert lo and hi and lo <= "2016-01-31" <= hi
    assert day(hi) - day(lo) <= 366


def test_campaign_story_on_its_own_date_is_not_stale() -> None:
    doc = _run(PRIMARY, updated="2016-01-31")
    assert doc.dates.stale is False
    assert doc.dates.event_date == "2016-01-31"


def test_names_without_campaign_words_are_not_a_campaign() -> None:
    text = "Donald Trump and Hillary Clinton attended the funeral. Trump sat behind Clinton."
    assert list(cycles.campaign(text)) == []


def test_a_titled_president_is_the_incumbent_not_a_candidate() -> None:
    text = (
        "President Obama urged voters to back Hillary Clinton. Obama said the election mattered, and Clinton "
        "thanked Obama at the rally. Bernie Sanders and Clinton met; Sanders endorsed Clinton."
    )
    field = next(iter(cycles.campaign(text)))
    assert "Barack Obama" not in field.reason
    assert field.holds(day("2016-05-01")) and not field.holds(day("2008-05-01"))


def test_namesakes_do_not_count() -> None:
    text = (
        "House Speaker Paul Ryan met voters. Paul Ryan said the campaign was ugly; Ryan backed the nominee. "
        "Rand Paul was not there."
    )
    rand = next(c for c in cycles.candidates() if c.holder == "Rand Paul")
    assert cycles._mentions(text, rand) == 1  # "Rand Paul" once; "Paul Ryan" twice is someone else


@pytest.fixture(scope="module")
def resolved() -> Document:
    actors = pytest.importorskip("herald.actors")
    text = (
        "Danish Prime Minister Lars Lokke Rasmussen met Russian Foreign Minister Sergey Lavrov in Moscow. "
        "Lavrov said the talks went well."
    )
    doc = Document(id="a", source="test", text=text, dates=Dates(updated="2030-05-01"))
    return next(date_docs(actors.resolve([doc])))


def test_role_terms_from_the_actors_stage_are_used(resolved: Document) -> None:
    lines = "\n".join(resolved.dates.evidence)
    assert "Rasmussen was prime minister" in lines  # from the actors stage: not in the time tables
    assert "2015-06-28..2019-06-27" in lines
    assert lines.count("Lavrov was") == 1  # the shipped table already dates him: counted once


def test_a_candidate_who_dropped_out_does_not_hold_the_field_back() -> None:
    text = (
        "Donald Trump and Hillary Clinton traded attacks before the convention. Trump told voters Clinton "
        "lied; Clinton said Trump was unfit. Marco Rubio, who dropped out in March, said Trump should "
        "unite the party. Rubio later spoke to delegates, and Trump thanked Rubio."
    )
    field = next(iter(cycles.campaign(text)))
    assert "Marco Rubio" not in field.reason
    assert field.holds(day("2016-07-01"))


def test_a_named_candidate_brings_the_campaign_season() -> None:
    doc = _run(
        "Democratic presidential candidate Hillary Clinton spoke in Reno about jobs.", updated="2021-08-10"
    )
    assert doc.dates.stale is True
    lo, hi = doc.dates.events_between
    assert lo and hi and day(hi) - day(lo) <= 366 and lo <= "2016-01-10" <= hi
    assert any("final year before election day" in line for line in doc.dates.evidence)
