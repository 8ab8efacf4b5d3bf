"""Private people, titles, suspects, states and companies coded the guide's way, through the real parser."""

from __future__ import annotations

from herald.actors import resolve_text
from herald.actors.people import looks_like_a_person
from herald.actors.resolve import spacy_entities
from herald.models import Actor
from herald.nlp import load as load_nlp


def in_order(text: str, day: str = "2019-11-20") -> list[tuple[str, int, Actor]]:
    """(words, start, actor) of every mention, in text order, through the real parser."""
    nlp = load_nlp()(text)
    return [
        (text[m.start : m.end], m.start, m.actor) for m in resolve_text(text, day, spacy_entities(nlp), nlp)
    ]


def codes_of(text: str, names: tuple[str, ...]) -> list[tuple[str, str | None]]:
    """(words, code) of the mentions of ``names``, in text order."""
    return [(w, a.code) for w, _, a in in_order(text) if w in names]


def coded(text: str, day: str = "2019-11-20") -> dict[str, Actor]:
    """The actor of each mention's words (the last one where the words recur)."""
    return {w: a for w, _, a in in_order(text, day)}


def test_titles_give_unknown_people_their_sector() -> None:
    found = coded(
        "In Washington, Rep. Adam Schiff said the inquiry would go on. Apple CEO Tim Cook met Trump at "
        "the White House. Lt. Col. Alexander Vindman testified on Tuesday in Washington."
    )
    assert found["Adam Schiff"].code == "USALEG"
    assert found["Tim Cook"].code == "USABUS"
    titled = coded(
        "In New York, Chief Operating Officer Jane Roe said the company would grow. Chief Medical "
        "Officer Anne Smith of the state health department said the risk was low."
    )
    assert titled["Jane Roe"].code == "USABUS"
    assert titled["Anne Smith"].sector != "COP"  # a chief medical officer is no police officer
    assert found["Alexander Vindman"].code == "USAMIL"


def test_a_private_person_is_a_civilian_until_arrested() -> None:
    found = coded(
        "Police in Columbus, Ohio arrested Michael Webb on Friday. His neighbour Jane Doe said Webb was "
        "quiet. Officers in Ohio said the case was closed."
    )
    assert found["Michael Webb"].code == "USACRM" and found["Webb"].code == "USACRM"
    assert found["Jane Doe"].code == "USACVL"


def test_states_act_as_governments_and_peoples_as_civilians() -> None:
    found = coded(
        "China warned Vietnam on Monday. Mexico deported more than 300 Indians, officials from Mexico said."
    )
    assert (found["China"].code, found["Vietnam"].code) == ("CHNGOV", "VNMGOV")
    assert found["Indians"].code == "INDCVL"
    assert found["officials"].code == "MEXGOV"


def test_products_and_non_names_are_no_people() -> None:
    for name in ("MacBook Pro", "Night Mode", "Pokemon Sword", "SIOUX FALLS", "128GB"):
        assert not looks_like_a_person(name), name
    for name in ("Michael Webb", "Christopher L. Tays", "Soraya Shirazi-Beechey", "Fritz von Weizsäcker"):
        assert looks_like_a_person(name), name
    text = "Apple's chargers and the iPad are on sale; Twitter users cheered. Apple said it would appeal."
    # the company named for its chargers and its users is no actor; the company that speaks is
    assert codes_of(text, ("Apple", "Twitter")) == [
        ("Apple", None),
        ("Twitter", None),
        ("Apple", "USABUS"),
    ]


def test_unknown_people_on_a_sports_page_stay_uncoded() -> None:
    text = (
        "Jonas Brodin scored twice as the Wild beat the Blues 4-2 in the NHL season opener. The "
        "goalkeeper made 30 saves and the coach praised his players after the match; the playoffs "
        "start in April and the league leaders host the championship. Brodin said the team played well."
    )
    assert coded(text)["Jonas Brodin"].code is None


def test_private_groups_take_the_story_country_only_when_they_act() -> None:
    text = (
        "Police in Dallas, Texas arrested the suspect on Friday after he attacked a passenger. "
        "Texas officials said the victim was safe. Doctors have reason to suspect more cases, and the "
        "store's customer base grew. People like the show."
    )
    codes = {(w, start): a.code for w, start, a in in_order(text)}
    by_word = {w.split()[-1]: c for (w, _), c in codes.items()}
    assert by_word["suspect"] == "USACRM"  # object of "arrested"
    assert by_word["passenger"] == "USACVL"
    assert by_word["victim"] == "USACVL"
    verb = text.index("to suspect") + 3
    assert not any(s <= verb < s + len(w) for w, s in codes)  # a verb, no actor
    assert by_word.get("customer") is None  # a modifier
    assert by_word.get("People") is None  # a generic bare "people"


def test_an_apposition_gives_a_private_person_their_country_but_an_envoy_to_does_not() -> None:
    found = coded(
        "WASHINGTON (AP) - Trump met Liu He, China's top trade negotiator, at the White House. "
        "Kurt Walker, the former special envoy to Ukraine, testified in Washington on Tuesday."
    )
    assert found["Liu He"].country == "CHN"
    assert found["Kurt Walker"].country == "USA"


def test_a_platform_something_is_posted_on_is_no_actor() -> None:
    text = (
        "Follow the Opinion section on Facebook, Twitter and Instagram. Swift posted on Twitter. "
        "Twitter said it would ban political ads."
    )
    assert codes_of(text, ("Facebook", "Twitter")) == [
        ("Facebook", None),
        ("Twitter", None),
        ("Twitter", None),
        ("Twitter", "USABUS"),
    ]


def test_the_company_is_the_company_the_story_named() -> None:
    text = (
        "Disney launched its streaming service on Tuesday in Los Angeles. The company said it had fixed "
        "a glitch. Later the American Music Awards opened. The company would not comment."
    )
    found = [(w, a) for w, _, a in in_order(text)]
    companies = [a for w, a in found if w.lower().endswith("company")]
    assert companies[0].name == "Disney" and companies[0].code == "USABUS"
    assert companies[1].name == "Disney"  # an awards show is no company, the story's company stays


def test_a_name_nothing_shows_to_be_a_person_is_no_private_person() -> None:
    text = (
        "DETROIT (AP) - Ford's Mustang Mach E SUV will go 230 miles per charge. The Mach E was unveiled "
        "Sunday night in Los Angeles. Taylor Swift, a singer from Pennsylvania, spoke in Detroit. "
        "Swift said the show would go on."
    )
    found = coded(text)
    assert all(a.code is None for w, a in found.items() if "Mach" in w)
    assert found["Taylor Swift"].code == "USACVL"


def test_a_seat_of_government_acts_but_a_city_naming_a_team_does_not() -> None:
    found = coded("The Kremlin said on Monday that talks with the London side would go on.")
    assert found["The Kremlin"].code == "RUSGOV"
    assert found["London"].code is None


def test_a_title_that_opens_an_apposition_gives_the_sector() -> None:
    from herald.actors.people import title_sector

    text = (
        "Michael Reed, CEO of New Media, said the deal was done. "
        "John Smith, a spokesman for the ministry, agreed."
    )
    assert title_sector(text, 0, len("Michael Reed")) == "BUS"
    start = text.index("John Smith")
    assert title_sector(text, start, start + len("John Smith")) == "GOV"


def test_titles_that_name_their_post_or_employer() -> None:
    found = coded(
        "He denied that he, U.S. Ambassador to the European Union Gordon Sondland and Energy Secretary "
        "Rick Perry formed a channel. Liu He, China's top trade negotiator, met Trump. Another "
        "witness, Alexander Vindman, who is the White House National Security Council Ukraine "
        "expert, testified."
    )
    # "Ambassador to the European Union": his post, not his country
    assert found["Gordon Sondland"].code == "USAGOV"
    assert found["Liu He"].code == "CHNGOV"
    assert found["Alexander Vindman"].code == "USAGOV"  # the White House is no House of Congress


def test_spacy_spans_that_run_a_title_or_a_date_into_a_name() -> None:
    text = "Former special envoy to Ukraine Kurt Volker changed his account of Trump’s July 25 call."
    spans = {text[a:b]: label for a, b, label in spacy_entities(load_nlp()(text))}
    assert spans.get("Kurt Volker") == "PERSON"
    assert "Trump" in spans and not any("July" in s for s in spans)


def test_the_president_of_an_american_story_is_americas() -> None:
    found = in_order(
        "WASHINGTON (AP) — Ambassador Gordon Sondland testified on Wednesday. Trump asked Ukraine President "
        "Volodymyr Zelenskiy for investigations. Sondland said he spoke to the president on the phone. "
        "Trump and Sondland met in Washington."
    )
    (president,) = [a for w, _, a in found if w == "president"]
    assert president.code == "USAGOV" and president.name == "Donald Trump"
    # in a Ukrainian story the same words mean Ukraine's president
    found = coded(
        "Ukrainian President Volodymyr Zelensky met officials in Kyiv. The president said Ukraine would not "
        "cede territory. Ukraine's army held the line."
    )
    assert found["president"].name == "Volodymyr Zelensky"


def test_an_apposition_names_the_employer() -> None:
    found = coded(
        '"Google offers an extension of the market," said Jack Buser, Google’s director for games, in '
        "San Francisco on Tuesday."
    )
    assert found["Jack Buser"].code == "USABUS"


def test_a_public_ombudsman_is_an_official() -> None:
    found = coded("LA PAZ, Bolivia (AP) — Public Ombudsman Nadia Cruz said the deaths were caused by guns.")
    assert found["Nadia Cruz"].code == "BOLGOV"


def test_the_state_or_country_of_a_dateline_is_a_place() -> None:
    text = "LA PAZ, Bolivia (AP) — The police said Bolivia would hold new elections."
    bolivia = [a.code for w, _, a in in_order(text) if w == "Bolivia"]
    assert bolivia == [None, "BOLGOV"]  # the dateline's country is where, the second is who


def test_a_countrys_economy_is_no_actor() -> None:
    text = (
        "BERLIN (AP) — Germany's economy avoided a recession. China's top growth planner met "
        "Germany's finance minister."
    )
    found = [(w, a.code) for w, _, a in in_order(text) if w.startswith(("Germany", "China"))]
    assert found == [("Germany", None), ("China", "CHNGOV"), ("Germany's finance minister", "DEUGOV")]
