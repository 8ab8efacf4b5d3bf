"""Attribution on real sentences through the real parser: speakers, kinds, offsets, stance."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from herald.models import PART_JOIN, Document, Quote
from herald.quotes import attribute
from herald.quotes.speakers import PRONOUNS

SEED = Path(__file__).resolve().parents[1] / "data" / "corpus" / "seed-lavrov-nato.txt"
Run = Callable[[str], list[Quote]]


def by_start(quotes: list[Quote], words: str) -> Quote:
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote containing {words!r} in {[q.text for q in quotes]}"
    return found[0]


@pytest.fixture(scope="module")
def seed_quotes(quotes_in: Run) -> tuple[str, list[Quote]]:
    text = SEED.read_text(encoding="utf-8")
    return text, quotes_in(text)


def test_seed_lavrov_quotations(seed_quotes: tuple[str, list[Quote]]) -> None:
    text, quotes = seed_quotes
    for words in (
        "Just before our flight to New York",  # ... Lavrov said.
        "It is important that NATO members",  # ... Lavrov agreed.
        "With regards to future strategy",  # a paragraph with no cue: carried over
        "reflect modern-day realities",  # partial quote after "saying they"
        "On one hand, we are a partner",  # ..., he said.
    ):
        q = by_start(quotes, words)
        assert q.speaker == "Sergey Lavrov", (words, q)
        assert q.kind in ("direct", "mixed")
        if q.parts:  # a split quotation: its parts, the speech tag left out
            assert q.text == PART_JOIN.join(text[a:b] for a, b in q.parts)
            assert q.start == q.parts[0][0] and q.end == q.parts[-1][1]
        else:
            assert text[q.start : q.end] == q.text
    assert by_start(quotes, "On one hand").speaker_mention == "he"
    assert by_start(quotes, "reflect modern-day").kind == "mixed"


def test_seed_rasmussen_reported_statement(seed_quotes: tuple[str, list[Quote]]) -> None:
    _, quotes = seed_quotes
    q = by_start(quotes, "could not afford to have poor relations")
    assert q.kind == "indirect"
    assert q.speaker == "Anders Fogh Rasmussen"
    assert q.cue == "said"


def test_no_speaker_is_a_bare_pronoun(seed_quotes: tuple[str, list[Quote]], quotes_in: Run) -> None:
    _, quotes = seed_quotes
    quotes = quotes + quotes_in("“We are ready,” they said. She said it was over. “No,” I said.")
    assert all(q.speaker is None or q.speaker.lower() not in PRONOUNS for q in quotes)


def test_split_quote_is_one_quotation(quotes_in: Run) -> None:
    text = (
        "Senator Elizabeth Warren spoke on Tuesday.\n\n"
        "“You squeezed employees to the breaking point,” Warren said. “It is gutless leadership.”"
    )
    (q,) = quotes_in(text)
    assert q.speaker == "Elizabeth Warren"
    assert q.text.startswith("You squeezed") and q.text.endswith("gutless leadership.")
    # the parts a reader sees, each with its offsets; the speech tag is in neither
    assert [text[a:b] for a, b in q.parts] == [
        "You squeezed employees to the breaking point,",
        "It is gutless leadership.",
    ]
    assert "Warren said" not in q.text and q.text == PART_JOIN.join(text[a:b] for a, b in q.parts)


def test_she_said_skips_the_man_mentioned_last(quotes_in: Run) -> None:
    text = (
        "Hillary Clinton met voters in Ohio. Donald Trump was in Florida.\n\n"
        "Mrs. Clinton criticized Trump's plan. “It will not work,” she said."
    )
    q = by_start(quotes_in(text), "It will not work")
    assert q.speaker == "Hillary Clinton"
    assert q.speaker_mention == "she"


def test_reported_speech_cues(quotes_in: Run) -> None:
    text = (
        "Defense Secretary Ashton Carter told reporters that the talks would resume next week. "
        "The economy grew by 3 percent last year, according to the Commerce Department. "
        "Senator John McCain accused the administration of ignoring the threat."
    )
    quotes = quotes_in(text)
    told = by_start(quotes, "the talks would resume")
    assert told.speaker == "Ashton Carter" and told.kind == "indirect"
    assert not told.text.startswith("that")
    acc = by_start(quotes, "The economy grew")
    assert acc.speaker == "Commerce Department" and acc.cue == "according to"
    accused = by_start(quotes, "of ignoring the threat")
    assert accused.speaker == "John McCain" and accused.polarity < 0


def test_signed_vox_pop_quote(quotes_in: Run) -> None:
    text = "“He is ignorant of our culture and our lives.” ― Pamela Padilla\n"
    (q,) = quotes_in(text)
    assert q.speaker == "Pamela Padilla"


def test_stance_follows_cue_and_words(quotes_in: Run) -> None:
    text = (
        "President Barack Obama praised the agreement as a great success. "
        "Senator Ted Cruz condemned the agreement as a terrible betrayal."
    )
    quotes = quotes_in(text)
    assert by_start(quotes, "great success").polarity > 0.3
    assert by_start(quotes, "terrible betrayal").polarity < -0.3


def test_documents_without_a_parse_pass_through() -> None:
    bad = Document(id="x", source="x", status="error", error="boom", text="“Hi,” he said.")
    raw = Document(id="y", source="y", text="“Hi,” he said.")
    out = list(attribute([bad, raw]))
    assert [d.id for d in out] == ["x", "y"]
    assert out[0].quotes == [] and out[1].quotes == []


def test_seed_lament_is_a_negative_reported_stance(seed_quotes: tuple[str, list[Quote]]) -> None:
    _, quotes = seed_quotes
    q = by_start(quotes, "the alliance’s ambiguous position")
    assert q.speaker == "Sergey Lavrov" and q.cue == "lamented" and q.polarity < 0


def test_stance_and_intent_are_reported_statements(quotes_in: Run) -> None:
    text = (
        "Donald Trump wants a wall on the southern border. "
        "A new poll shows a tight race in Ohio. "
        "Senator Marco Rubio supported the trade deal."
    )
    quotes = quotes_in(text)
    assert by_start(quotes, "a wall on the southern border").speaker == "Donald Trump"
    assert by_start(quotes, "a tight race in Ohio").speaker_mention == "A new poll"
    assert by_start(quotes, "the trade deal").speaker == "Marco Rubio"
    assert all(q.kind == "indirect" for q in quotes)


def test_attitude_verbs_never_attribute_a_direct_quote(quotes_in: Run) -> None:
    # "wants" reports a stance; the quotation's cue is the speech verb "said"
    text = "Hillary Clinton wants change. “We will win in November,” her spokesman Brian Fallon said."
    q = by_start(quotes_in(text), "We will win in November")
    assert q.kind == "direct" and q.cue == "said" and q.speaker == "Brian Fallon"


def test_nominal_and_adjectival_cues(quotes_in: Run) -> None:
    text = (
        "Jeb Bush renewed his attacks on the Iran nuclear agreement. "
        "Senator Lindsey Graham was critical of the administration's plan for Syria."
    )
    quotes = quotes_in(text)
    attacks = by_start(quotes, "the Iran nuclear agreement")
    assert attacks.speaker == "Jeb Bush" and attacks.cue == "attacks"
    critical = by_start(quotes, "the administration's plan for Syria")
    assert critical.speaker == "Lindsey Graham" and critical.cue == "critical"


def test_parenthetical_cue_reports_the_whole_clause(quotes_in: Run) -> None:
    text = "Governor Chris Christie spoke in Iowa. The bigger risk, he said, is a clash over taxes."
    q = by_start(quotes_in(text), "The bigger risk")
    assert q.speaker == "Chris Christie" and q.kind == "indirect"
    assert q.text.endswith("a clash over taxes")


def test_poll_shares_are_speakers(quotes_in: Run) -> None:
    q = by_start(
        quotes_in("In the survey, 52 percent of voters said the economy was getting worse."), "economy"
    )
    assert q.speaker is not None and "percent" in q.speaker


def test_titles_and_scare_quotes_are_not_quotations(quotes_in: Run) -> None:
    text = (
        "Bernie Sanders appeared on “This Week With George Stephanopoulos” on Sunday. "
        "Donald Trump met the “reformers” in the Senate."
    )
    quotes = quotes_in(text)
    assert not [q for q in quotes if q.kind != "indirect"]


def test_live_blog_time_stamp_is_not_the_speaker(quotes_in: Run) -> None:
    q = by_start(quotes_in("6:20 p.m. President Barack Obama says the economy is recovering."), "economy")
    assert q.speaker == "Barack Obama"


def test_actor_link_never_renames_a_group_as_its_country() -> None:
    from herald.models import Actor, Mention
    from herald.nlp import load

    text = "Americans said the economy was getting worse. Trump said the deal was bad."
    sp = load()(text)
    usa = Actor(text="Americans", name="United States", country="USA", kind="country")
    trump = Actor(text="Trump", name="Donald Trump", country="USA", kind="person")
    at = text.index("Trump said")
    doc = Document(id="a", source="t", text=text, nlp=sp)
    doc.mentions = [Mention(0, 9, usa), Mention(at, at + 5, trump)]
    (out,) = list(attribute([doc]))
    group = by_start(out.quotes, "economy")
    assert group.speaker == "Americans" and group.speaker_actor == usa
    person = by_start(out.quotes, "the deal was bad")
    assert person.speaker == "Donald Trump" and person.speaker_actor == trump


def test_descriptions_minds_and_the_pages_own_voice_are_no_reported_speech(quotes_in: Run) -> None:
    quotes = quotes_in(
        "Blood pressure readings aside, early retirement will determine exactly what you need to do "
        "to get there. The researchers don't yet know what the tuft cells are doing in the lungs. "
        "We believe that the charity is well placed to run the program. "
        "The mayor said the budget would be cut by ten percent next year."
    )
    texts = [q.text for q in quotes]
    assert not any("what you need to do" in t for t in texts)  # a thing is no speaker
    assert not any("tuft cells" in t for t in texts)  # a negated state of mind says nothing
    assert not any("well placed" in t for t in texts)  # the page's own "we"
    assert (
        by_start(quotes, "the budget would be cut").speaker == "mayor"
        or "mayor" in str(by_start(quotes, "the budget would be cut").speaker).lower()
    )


def test_the_company_speaks_by_its_name() -> None:
    from herald import pipeline

    (doc,) = pipeline.code_texts(
        [
            "Taylor Swift accused Big Machine Records of blocking her. But the company says she did not "
            "need permission to perform her songs."
        ]
    )
    q = by_start(doc.quotes, "she did not need permission")
    assert q.speaker == "Big Machine Records" and q.speaker_mention == "the company"


def test_first_person_in_a_quotation_is_its_speaker() -> None:
    import herald

    text = (
        '"We arrested him and we will charge him," Columbus Police Chief Jon Rohde told reporters in '
        'Columbus, Ohio. "I ate my lunch," said Jane Doe, a neighbour.'
    )
    (doc,) = herald.code_texts([text], reference_date="2019-11-20")
    said = {(text[m.start : m.end], m.start): m for m in doc.mentions if m.via == "quote"}
    we = said[("We", 1)]
    assert we.actor.code == "USACOP"  # the chief's "we" is his police force
    assert ("we", text.index("we will")) in said
    # a private speaker's code is a default guess: it is not repeated on their "I" and "my"
    assert not any(w in ("I", "my") for w, _ in said)


def test_a_title_in_apposition_names_the_speaker() -> None:
    from herald import pipeline

    (doc,) = pipeline.code_texts(
        [
            "WASHINGTON (AP) — Another diplomat, former special envoy to Ukraine Kurt Volker, shifted his "
            "own account of the July 10 meeting to say Sondland did discuss investigations with the "
            "visiting Ukrainians."
        ]
    )
    q = by_start(doc.quotes, "Sondland did discuss")
    assert q.speaker == "Kurt Volker" and q.speaker_mention == "Another diplomat"
