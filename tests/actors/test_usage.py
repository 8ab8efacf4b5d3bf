"""Context decides: places are not actors, bare group nouns take the story's country, roles as of
the story's date (Biden in 2019 and 2021) through the real pipeline."""

from __future__ import annotations

import pytest

from herald.actors import resolve, resolve_text
from herald.actors.usage import is_sport, org_sector
from herald.models import Actor, Dates, Document
from herald.nlp import load as load_nlp


def parsed(text: str, day: str) -> Document:
    doc = Document(id="t", source="t", text=text, dates=Dates(published=day))
    doc.nlp = load_nlp()(text)
    return next(resolve([doc]))


def found(doc: Document, words: str) -> Actor:
    m = next(m for m in doc.mentions if doc.text[m.start : m.end] == words)
    return m.actor


@pytest.mark.parametrize(
    ("day", "code", "role"),
    [
        ("2019-11-20", "USAPTY", "candidate"),
        ("2021-06-01", "USAGOV", "president"),
    ],
)
def test_biden_as_of_the_story(day: str, code: str, role: str) -> None:
    """The whole pipeline (parse, actors, quotes, events, time): the mentions and the event's
    source carry the role Biden held at the story's date."""
    from herald.pipeline import code_texts

    text = (
        "Joe Biden criticised the plan on Tuesday, saying it would fail. Biden told reporters "
        "in Iowa that the plan was wrong."
    )
    doc = next(code_texts([text], reference_date=day))
    for words in ("Joe Biden", "Biden"):
        a = found(doc, words)
        assert a.code == code and role in (a.role or "")
    assert any(e.source is not None and e.source.code == code for e in doc.events)


def test_former_officials_are_not_government() -> None:
    doc = parsed("Former president Barack Obama urged voters to turn out.", "2019-11-20")
    a = found(doc, "Former president Barack Obama")
    assert a.sector != "GOV" and a.country == "USA"


def test_places_are_not_actors() -> None:
    text = (
        "WASHINGTON (AP) — The plane crashed in Afghanistan on Monday. A Hong Kong company "
        "bought the plant, and Hong Kong stocks rose. Russia said it would respond."
    )
    doc = parsed(text, "2019-11-20")
    for words in ("WASHINGTON", "Afghanistan", "Hong Kong"):
        a = found(doc, words)
        assert a.code is None and a.kind == "place" and a.country is not None
    # a state named as an actor is its government (the guide: "China warned": CHNGOV)
    assert found(doc, "Russia").code == "RUSGOV"


def test_bare_group_nouns_take_the_story_country() -> None:
    text = (
        "Police in Germany arrested a man on Monday. German officials said Berlin would "
        "review the case. The police said the man had been released."
    )
    doc = parsed(text, "2019-11-20")
    codes = [m.actor.code for m in doc.mentions if m.actor.kind == "agent"]
    assert codes and all(c and c.startswith("DEU") for c in codes)


def test_without_a_country_the_sector_stays_alone() -> None:
    ((text, a),) = [(m.actor.text, m.actor) for m in resolve_text("Police said nothing.")]
    assert a.code == "COP" and a.country is None


def test_companies_and_products() -> None:
    doc = parsed("Apple sued Samsung. The Samsung TV costs less.", "2019-11-20")
    codes = [(doc.text[m.start : m.end], m.actor.code) for m in doc.mentions]
    assert ("Apple", "USABUS") in codes and ("Samsung", "KORBUS") in codes
    assert ("Samsung", None) in codes  # the TV, not the company


def test_sport_pages_have_no_country_actors() -> None:
    text = (
        "Belgium beat Croatia in the Davis Cup final. The coach praised his players after the "
        "match, and the fans in the stadium cheered the tournament's top seeded players."
    )
    assert is_sport(text)
    doc = parsed(text, "2019-11-20")
    assert all(m.actor.code is None for m in doc.mentions if m.actor.kind == "place")
    assert not any(m.actor.code in ("BEL", "HRV") for m in doc.mentions)


def test_org_sectors_from_their_names() -> None:
    assert org_sector("the Columbus Police Department") == "COP"
    assert org_sector("U.S. House Intelligence Committee") == "LEG"
    assert org_sector("Dick Clark Productions") == "BUS"
    assert org_sector("Buffalo Sabres") is None


def test_the_story_country_from_its_towns_and_its_headline() -> None:
    # no country is named, but the city police force and the state are American
    text = (
        "The Columbus Police Department arrested six people on Monday during a narcotics "
        "investigation. Officers found methamphetamine in a home, said Lt. Matt Harris, Columbus "
        "Police Department spokesman. Police said the six were held in jail."
    )
    doc = parsed(text, "2019-11-20")
    assert found(doc, "Officers").code == "USACOP"
    assert found(doc, "Matt Harris").code == "USACOP"  # the police share the army's ranks
    # a headline that names the country settles a story whose text does not
    body = "Three demonstrators were killed on Tuesday. The government called on protesters to go home."
    nlp = load_nlp()(body)
    bare = {body[m.start : m.end]: m.actor.code for m in resolve_text(body, "2019-11-19", (), nlp)}
    titled = {
        body[m.start : m.end]: m.actor.code
        for m in resolve_text(body, "2019-11-19", (), nlp, title="3 killed in clashes with Bolivia's police")
    }
    assert bare["government"] == "GOV" and titled["government"] == "BOLGOV"
    assert titled["protesters"] == "BOLOPP"


def test_a_party_named_with_its_chamber_is_its_legislators() -> None:
    text = "WASHINGTON — House Democrats subpoenaed the documents on Friday, and Senate Republicans objected."
    doc = parsed(text, "2019-11-20")
    assert found(doc, "House Democrats").code == "USALEG"
    assert found(doc, "Senate Republicans").code == "USALEG"
    assert not any(doc.text[m.start : m.end] == "House" for m in doc.mentions)
    # a Senate is a chamber of the story's country, not always the US Congress
    doc = parsed("ABUJA — The Nigerian Senate passed the bill, and the Senate will meet again.", "2019-11-20")
    assert found(doc, "Nigerian Senate").code == "NGALEG" and found(doc, "Senate").code == "NGALEG"
    # a longer name that stops inside a word ("White House official|s") leaves the shorter ones
    doc = parsed("WASHINGTON — White House officials refused to testify on Monday.", "2019-11-20")
    assert found(doc, "White House officials").code == "USAGOV"


def test_a_nationality_in_front_of_a_name_is_part_of_that_actor() -> None:
    doc = parsed(
        "The Afghan Taliban said they had freed two hostages. Mexican immigration authorities "
        "detained 300 migrants on Tuesday.",
        "2019-11-20",
    )
    words = [doc.text[m.start : m.end] for m in doc.mentions]
    assert "Afghan" not in words and "Mexican" not in words  # no state beside the group it describes
    assert found(doc, "Afghan Taliban").code == "AFGREB"
    assert found(doc, "Mexican immigration authorities").code == "MEXGOV"


def test_a_town_among_a_countrys_names_is_no_state() -> None:
    text = "Fighting reached Kandahar on Monday. Kandahar police said two men were arrested."
    doc = parsed(text, "2019-11-20")
    first = next(m for m in doc.mentions if doc.text[m.start : m.end] == "Kandahar")
    assert first.actor.code is None and first.actor.country == "AFG"
    assert found(doc, "Kandahar police").code == "AFGCOP"
