"""The learned event coder: its tokenizer, the shipped ONNX model, and the events it decides on real
sentences through the real parser and actors stage."""

from __future__ import annotations

import unicodedata

import pytest

from herald import actors, events, nlp
from herald.events.learned import model
from herald.events.learned.wordpiece import WordPiece
from herald.models import Document

pytestmark = pytest.mark.skipif(not model.available(), reason="the coder's model is not in the package")


def coded(text: str, date: str = "2019-06-01") -> Document:
    doc = Document(id="t", source="test", text=text)
    doc.dates.published = date
    return next(events.code(actors.resolve(nlp.parse([doc]))))


def test_wordpiece_offsets_point_at_the_text() -> None:
    tok = model.tokenizer()
    text = "NATO’s chief, Anders Fogh Rasmussen, met Lavrov in Zürich on Tues\u00adday."
    enc = tok.encode(text, 96)
    assert enc.ids[0] == tok.cls and enc.ids[-1] == tok.sep
    pieces = [tok.vocab[i] for i in enc.ids[1:-1]]
    assert "nato" in pieces and "zurich" in pieces  # lower-cased, accents stripped
    for (a, b), piece in zip(enc.offsets[1:-1], pieces, strict=True):
        assert _plain(text[a:b]) == piece.removeprefix("##")


def _plain(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("\u00ad", "").lower())
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def test_wordpiece_truncates_and_marks_unknown() -> None:
    tok = WordPiece(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "##b"])
    enc = tok.encode("ab ab ab zz", 5)
    assert enc.ids == [2, 4, 5, 4, 3]  # [CLS] a ##b a [SEP]: cut at max length
    assert tok.encode("zz", 8).ids == [2, 1, 3]


def test_wordpiece_basic_split_is_the_same_each_time() -> None:
    # the split of each character is remembered after its first use: the second pass must agree
    tok = WordPiece(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "a", "##b", "中", "文", ",", "e"])
    text = "ab\x00 中文,\u200be\tab"
    first, again = tok.encode(text, 32), tok.encode(text, 32)
    assert first == again
    # control and format characters vanish, CJK and punctuation stand alone, tabs split
    pieces = [tok.vocab[i] for i in first.ids]
    assert pieces == ["[CLS]", "a", "##b", "中", "文", ",", "e", "a", "##b", "[SEP]"]
    assert first.offsets[3] == (4, 5) and first.offsets[6] == (8, 9)


def test_readings_are_probabilities() -> None:
    rs = model.read(["Iraqi troops launched an assault on Islamic State fighters in Mosul.", "It rained."])
    assert len(rs) == 2
    for r in rs:
        assert 0.0 <= r.event <= 1.0 and abs(sum(r.mode.values()) - 1) < 1e-4
        assert len(r.source) == len(r.offsets) == len(r.target)
    assert rs[0].event > rs[1].event
    assert max(rs[0].types, key=lambda t: rs[0].types[t]) == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "Rafael Nadal defeated Karen Khachanov in straight sets to reach the final in Madrid.",
        "Oil production beat forecasts in the third quarter, the company said.",
        "The Raiders crushed the Chiefs 31-3 on Sunday as Chad Thomas ran for two touchdowns.",
    ],
)
def test_sport_and_business_code_nothing(text: str) -> None:
    assert [e for e in coded(text).events if not e.negated] == []


def test_political_events_are_coded_with_actors_and_evidence() -> None:
    doc = coded(
        "The French foreign ministry condemned Russia's annexation of Crimea on Tuesday. "
        "Police arrested three protesters outside the parliament in Kiev."
    )
    kinds = {e.type for e in doc.events if not e.negated}
    assert "ACCUSE" in kinds or "REJECT" in kinds
    assert "COERCE" in kinds
    for e in doc.events:
        assert doc.text[e.start : e.end] == e.sentence
        assert e.rule.startswith("coder") and 0 < e.confidence <= 1 and e.trigger
    accuse = next(e for e in doc.events if e.type in ("ACCUSE", "REJECT"))
    assert accuse.source is not None and "FRA" in (accuse.source.code or accuse.source.country or "")


def test_calibration_is_monotone_and_thresholds_are_sane() -> None:
    cal = model.meta()["calibration"]
    assert cal["calibrated"] == sorted(cal["calibrated"])
    assert model.calibrated(0.95) >= model.calibrated(0.3)
    assert 0.5 <= events.display_threshold() <= 1.0


def test_rules_coder_stays_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HERALD_EVENT_CODER", "rules")
    doc = coded("Lavrov praised NATO's strategic ideas.", date="2010-10-01")
    assert doc.events and all(not e.rule.startswith("coder") for e in doc.events)


def _plain_coded(text: str) -> Document:
    return next(events.code(nlp.parse([Document(id="t", source="test", text=text)])))


def test_negated_verb_is_evidence_only() -> None:
    doc = _plain_coded("France did not criticize Germany over the budget.")
    assert [e for e in doc.events if not e.negated] == []
    assert any(e.type == "ACCUSE" and e.negated for e in doc.events)


def test_self_directed_sentence_codes_nothing() -> None:
    assert _plain_coded("Russia praised Russia.").events == []


def test_two_events_in_one_sentence_each_read_in_its_clause() -> None:
    doc = _plain_coded("Iran condemned Israel and praised Turkey.")
    pairs = {
        (e.type, e.source.code if e.source else None, e.target.code if e.target else None) for e in doc.events
    }
    assert ("ACCUSE", "IRN", "ISR") in pairs and ("SUPPORT", "IRN", "TUR") in pairs
    assert len(doc.events) <= 4


def test_actors_acting_together_get_one_event_each() -> None:
    """The guide codes one event per actor of a coordinated list, on either side."""
    doc = coded("Iran, Russia and Syria condemned the American air strikes on Monday.")
    accusers = {e.source.code for e in doc.events if e.type == "ACCUSE" and e.source and not e.negated}
    assert {"IRN", "RUS", "SYR"} <= {c[:3] for c in accusers if c}
    doc = coded("President Trump threatened Japan, Canada and Mexico with new tariffs on Friday.")
    targets = {e.target.code for e in doc.events if e.type == "THREATEN" and e.target}
    assert {"JPN", "CAN", "MEX"} <= {c[:3] for c in targets if c}


def test_coordinated_things_are_not_split_into_actors() -> None:
    from herald.events.learned import decide

    text = "The minister criticised tariffs and sanctions imposed by Washington."
    parsed = next(nlp.parse([Document(id="t", source="test", text=text)]))
    sent = next(parsed.nlp.sents)
    tariffs = next(t for t in sent if t.text == "tariffs")
    assert decide.coordinated(sent, tariffs.i, []) == []


def test_the_subject_of_a_passive_verb_is_never_the_actor() -> None:
    for text in (
        "Russia has been invited to take part in NATO's upcoming summit in Lisbon.",
        "Michael Webb, 51, was sentenced to life in federal prison on Tuesday.",
    ):
        doc = coded(text)
        subject = text.split(" has ")[0].split(",")[0]
        for e in doc.events:
            assert e.source is None or e.source.text not in subject, (text, e)
    invited = coded("Russia has been invited to take part in NATO's upcoming summit in Lisbon.")
    assert any(e.target and e.target.country == "RUS" for e in invited.events)


def test_a_sports_page_codes_only_what_a_political_actor_takes_part_in() -> None:
    page = (
        "Jose Mourinho has agreed a deal to become Tottenham's coach until the end of the season. "
        "Negotiations between the club and Mourinho's agent intensified over the last few days, "
        "with talks continuing into Tuesday night before the league match. The players and fans welcomed "
        "the new coach after the match. British police arrested two fans after the match in London."
    )
    doc = coded(page)
    assert all("Negotiations" not in e.sentence for e in doc.events)
    arrests = [e for e in doc.events if "arrested" in e.sentence and not e.negated]
    assert arrests and all(e.type == "COERCE" for e in arrests)


def test_two_private_people_are_two_actors() -> None:
    from herald.events.learned.decide import same_actor
    from herald.models import Actor

    hart = Actor("Kelsey Hart", "Kelsey Hart", "USA", "CVL", "USACVL", None, "person")
    brody = Actor("Dan Brody", "Dan Brody", "USA", "CVL", "USACVL", None, "person")
    her = Actor("her", "Kelsey Hart", "USA", "CVL", "USACVL", None, "person")
    russia = Actor("Russia", "Russia", "RUS", "GOV", "RUSGOV", None, "country")
    moscow = Actor("Moscow", "Russia", "RUS", "GOV", "RUSGOV", None, "metonym")
    assert not same_actor(hart, brody)  # one code, two people: "Hart accused Brody" is an event
    assert same_actor(hart, her)
    assert same_actor(russia, moscow)
    cruz = Actor("Nadia Cruz", "Nadia Cruz", "BOL", "GOV", "BOLGOV", "ombudsman", "person")
    government = Actor("the government", "Bolivia", "BOL", "GOV", "BOLGOV", None, "agent")
    assert not same_actor(cruz, government)  # the ombudsman called on the government: two actors
    mujahid = Actor("Zabihullah Mujahid", "Zabihullah Mujahid", "AFG", "REB", "AFGREB", "spokesman", "person")
    taliban = Actor("Taliban", "Taliban", "AFG", "REB", "AFGREB", None, "organisation")
    assert same_actor(mujahid, taliban)  # a group's spokesman and the group: one side


def test_a_dateline_is_no_actor() -> None:
    doc = coded(
        "NASHVILLE (AP) — Pop singer Kelsey Hart on Tuesday accused her former manager, Dan Brody, of "
        "years of manipulative bullying. Brody denied the accusations in a statement."
    )
    sides = [a.text for e in doc.events for a in (e.source, e.target) if a is not None]
    assert sides and "NASHVILLE" not in sides
