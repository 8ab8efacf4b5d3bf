"""Evidence finders, the solver and relative dates on real news sentences."""

from __future__ import annotations

from datetime import date

from herald.time import evidence as ev
from herald.time.calendar import day, iso
from herald.time.relative import resolve
from herald.time.solve import solve
from herald.time.text import sentences


def _events(text: str) -> list[ev.Evidence]:
    return list(ev.dated_events(text, sentences(text)))


def test_upcoming_summit_in_lisbon_is_the_2010_one() -> None:
    (e,) = _events(
        "As ties between Moscow and NATO are warming, Russia has been invited to take part in "
        "the organization's upcoming summit in Lisbon."
    )
    assert [(iso(a), iso(b)) for a, b in e.intervals] == [("2009-11-19", "2010-11-20")]


def test_weekday_possessive_means_the_event_just_happened() -> None:
    (e,) = _events("Following Monday's presidential debate, the campaign released a fact sheet.")
    assert all(b - a < 30 for a, b in e.intervals)  # one short window around each debate
    assert e.holds(day("2016-09-28"))


def test_debate_filters_by_place() -> None:
    (e,) = _events("The candidates meet for the first presidential debate at Hofstra University.")
    assert e.holds(day("2016-09-20")) and not e.holds(day("2012-10-10"))


def test_unknown_year_voids_a_dated_event() -> None:
    assert _events("The 1999 NATO summit in Washington marked the alliance's 50th birthday.") == []


def test_election_with_day_picks_the_matching_year() -> None:
    (e,) = _events("Voters will go to the polls in the Nov. 8 presidential election.")
    assert e.holds(day("2016-09-01")) and not e.holds(day("2020-09-01"))


def test_bare_title_takes_the_holder_named_elsewhere() -> None:
    text = (
        "Hillary Clinton left the ceremony early. Secret Service protocol called for the Democratic "
        "presidential nominee to be taken to a hospital."
    )
    found = list(ev.office_terms(text))
    assert any(e.holds(day("2016-09-12")) and not e.holds(day("2016-01-01")) for e in found)


def test_campaign_names_a_candidate() -> None:
    found = list(ev.office_terms("Hillary Clinton's campaign manager Robby Mook said as much on Thursday."))
    assert found and found[0].holds(day("2016-09-08")) and not found[0].holds(day("2018-01-01"))


def test_campaign_with_a_year_is_history() -> None:
    assert list(ev.office_terms("He had backed Hillary Clinton since her 2008 campaign.")) == []


def test_rounded_age_of_a_declaration_allows_slack() -> None:
    (e,) = list(
        ev.anniversaries("For instance, the 10-year-old Rome Declaration can take a new step forward.")
    )
    assert e.holds(day("2010-09-25")) and e.holds(day("2012-06-01")) and not e.holds(day("2009-01-01"))


def test_year_by_is_future() -> None:
    text = "The country pledged to cut emissions by 2050."
    (e,) = list(ev.written_dates(text, sentences(text)))
    assert not e.holds(day("2051-01-01")) and e.holds(day("2046-01-01"))


def test_solver_keeps_the_best_supported_days_and_reports_the_rest() -> None:
    a = ev.Evidence([(day("2009-08-01"), day("2014-09-30"))], 1.0, "term", "office")
    b = ev.Evidence([(day("2009-11-19"), day("2010-11-20"))], 1.0, "summit ahead", "event")
    c = ev.Evidence([(day("2012-01-01"), day("2013-01-01"))], 0.5, "rounded age", "anniversary")
    sol = solve([a, b, c])
    assert sol is not None
    assert sol.windows == [(day("2009-11-19"), day("2010-11-20"))]
    assert sol.score == 2.0 and sol.score_at(day("2012-06-01")) == 1.5


def test_relative_expressions() -> None:
    monday = date(2010, 9, 27)
    assert resolve("Lavrov spoke on Thursday.", monday) == (date(2010, 9, 23), "on Thursday")
    assert resolve("He will travel next week.", monday)[0] == date(2010, 10, 4)  # type: ignore[index]
    assert resolve("The summit in November will decide.", monday, "future")[0] == date(2010, 11, 1)  # type: ignore[index]
    assert resolve("Talks began in March.", monday, "past")[0] == date(2010, 3, 1)  # type: ignore[index]
    assert resolve("No date here.", monday) is None


def test_outgoing_holder_is_in_the_last_months_of_the_term() -> None:
    (e,) = ev.office_terms("Outgoing President Barack Obama pardoned hundreds of prisoners on Tuesday.")
    assert e.holds(day("2016-12-01")) and not e.holds(day("2014-06-01"))
    assert not e.holds(day("2012-12-01"))  # re-elected then: not outgoing at the end of the first term


def test_hypothetical_nominee_names_nobody() -> None:
    text = (
        "Donald Trump leads the polls. Whoever becomes the Republican nominee will face Hillary Clinton. "
        "Trump said so."
    )
    assert not any("nominee named" in e.reason for e in ev.office_terms(text))


def test_this_fall_with_voters_is_an_election_year() -> None:
    text = "Voters in Ohio will go to the polls this fall to choose a senator."
    (e,) = ev.election_ahead(text, sentences(text))
    assert e.holds(day("2016-04-01")) and e.holds(day("2018-10-01")) and not e.holds(day("2017-04-01"))
    assert list(ev.election_ahead("Labour hopes British voters return this fall.", [])) == []


def test_state_contest_places_the_story_in_primary_season() -> None:
    text = "Clinton won the Michigan primary on Tuesday, adding to her lead in delegates."
    (e,) = ev.primary_season(text, sentences(text))
    assert e.holds(day("2016-03-09")) and not e.holds(day("2015-10-01")) and not e.holds(day("2016-10-01"))
    senate = "The Arizona Senate primary is in August."
    assert list(ev.primary_season(senate, sentences(senate))) == []


def test_trigger_screen_finds_what_each_trigger_finds() -> None:
    text = (
        "Leaders met at the NATO summit and the G20 summit; the European Council summit followed. "
        "Russia's presidential election and the U.S. presidential election were discussed."
    )
    hits = ev._trigger_hits(text)
    for s in ev.kb.series().values():
        assert [m.span() for m in hits.get(s.id, [])] == [m.span() for m in s.trigger.finditer(text)]
