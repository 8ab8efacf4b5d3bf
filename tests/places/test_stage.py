"""The places stage on real text: resolution in context, datelines, event locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.models import Document
from herald.places import locate

SEED = Path(__file__).resolve().parents[1] / "data" / "corpus" / "seed-lavrov-nato.txt"


def seed_story() -> str:
    """The seed page's story, from its first sentence to its last (the page's ads left out)."""
    text = SEED.read_text(encoding="utf-8")
    start = text.index("Whether Russia attends")
    end = text.index("he said.", start) + len("he said.")
    return text[start:end]


def places(doc: Document) -> list[tuple[str, str, str | None, str | None]]:
    return [(p.text, p.name, p.country, p.kind) for p in doc.places]


def test_seed_places_and_the_invitation_in_lisbon(locate_text):
    doc = locate_text(seed_story(), triggers=["invited to take part", "Rasmussen said", "attends"])
    found = {p.text: p for p in doc.places}
    assert found["Lisbon"].country == "PRT" and found["Lisbon"].lat and found["Lisbon"].lon
    assert found["New York"].country == "USA" and found["New York"].kind == "city"
    assert found["Moscow"].country == "RUS"
    invitation, rasmussen, attends = doc.events
    assert invitation.location is not None and invitation.location.name == "Lisbon"
    assert invitation.location.country == "PRT"
    assert rasmussen.location is not None and rasmussen.location.name == "New York City"
    assert attends.location is None  # "towards Moscow" is a direction, not where it happens
    assert doc.dateline is None


def test_paris_texas_and_paris(locate_text):
    doc = locate_text(
        "The mayor of Paris, Texas, said on Monday that the town would not host the rally. "
        "Paris has 25,000 people."
    )
    assert places(doc) == [
        ("Paris", "Paris", "USA", "city"),
        ("Texas", "Texas", "USA", "admin1"),
        ("Paris", "Paris", "USA", "city"),  # one sense per story once qualified
    ]
    doc = locate_text("World leaders met in Paris last year to sign the climate accord.")
    assert places(doc) == [("Paris", "Paris", "FRA", "city")]


def test_georgia_the_state_and_the_country(locate_text):
    us = locate_text(
        "Trump campaigned in Atlanta on Friday. Polls show a close race in Georgia and North Carolina, "
        "and Georgia voters will decide whether the state stays Republican."
    )
    assert {p.country for p in us.places if p.text == "Georgia"} == {"USA"}
    abroad = locate_text(
        "Russian troops still occupy parts of Georgia, officials in Tbilisi said, "
        "eight years after the war with Russia."
    )
    assert {p.country for p in abroad.places if p.text == "Georgia"} == {"GEO"}


def test_new_york_the_city_unless_the_words_say_state(locate_text):
    doc = locate_text(
        "The rally in New York drew thousands. Upstate, the state of New York voted differently."
    )
    kinds = [p.kind for p in doc.places if p.text == "New York"]
    assert kinds == ["city", "admin1"]
    doc = locate_text("Washington officials said the sanctions would stay. Washington state voters disagree.")
    assert [(p.name, p.kind) for p in doc.places] == [("Washington", "city"), ("Washington", "admin1")]


def test_person_names_and_agencies_are_not_places(locate_text):
    doc = locate_text(
        "Hillary Clinton spoke in Ohio on Monday. Clinton told supporters that the VA hotline "
        "had failed veterans, and The Washington Post reported the same."
    )
    assert [p.text for p in doc.places] == ["Ohio"]


def test_a_small_town_needs_its_state(locate_text):
    doc = locate_text("Speaking at a rally in Novi, Michigan, Trump said he would cut taxes.", ["said"])
    assert places(doc)[0] == ("Novi", "Novi", "USA", "city")
    assert doc.events[0].location is not None and doc.events[0].location.name == "Novi"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("MOSCOW (Reuters) - Russia said on Tuesday it would send observers.", "Moscow", "RUS"),
        ("WASHINGTON — The Senate voted on Tuesday to override the veto.", "Washington", "USA"),
        ("NEWPORT NEWS, Va. - Rep. Bobby Scott opened his family farm to voters.", "Newport News", "USA"),
        ("FAIRVIEW, W.Va. - Miners gathered outside the church on Sunday.", "West Virginia", "USA"),
        ("Brussels (AP) -- European Union ministers met on Monday.", "Brussels", "BEL"),
    ],
)
def test_datelines(locate_text, text, name, country):
    doc = locate_text("A headline about the story\n\n" + text)
    assert doc.dateline is not None
    assert (doc.dateline.name, doc.dateline.country) == (name, country)


def test_section_heads_are_not_datelines(locate_text):
    doc = locate_text("QUESTIONABLE MEDICAL CLAIMS — The doctor has been called a charlatan by his peers.")
    assert doc.dateline is None


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Just before our flight to New York, we agreed to the plan.", "agreed"),
        ("Russia criticised Washington's interests in Ukraine on Tuesday.", "criticised"),
        ("Trump, who grew up in New York, said on Monday that he would win.", "said"),
    ],
)
def test_no_location_rather_than_a_guess(locate_text, text, trigger):
    doc = locate_text(text, [trigger])
    assert doc.places  # the places are found ...
    assert doc.events[0].location is None  # ... but none is where the event happened


def test_location_in_a_sentence_opening(locate_text):
    doc = locate_text("In Kabul, Afghan officials accused Pakistan of sheltering militants.", ["accused"])
    assert doc.events[0].location is not None
    assert (doc.events[0].location.name, doc.events[0].location.country) == ("Kabul", "AFG")


def test_documents_without_a_parse_or_not_ok_pass_through():
    bad = Document(id="b", source="<test>", status="error", error="unreadable", text="In Lisbon.")
    raw = Document(id="r", source="<test>", text="In Lisbon.")  # no spaCy parse attached
    out = list(locate([bad, raw]))
    assert [d.id for d in out] == ["b", "r"]
    assert out[0].places == [] and out[1].places == [] and out[1].dateline is None
