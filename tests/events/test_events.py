"""The events stage on real text through the real parser (en_core_web_sm via herald.nlp)."""

from __future__ import annotations

import pytest

from herald import events, nlp
from herald.events.model import load_model, sentence_probs
from herald.events.ontology import category
from herald.models import Actor, Document, Event, Mention, Quote

from ..conftest import SEED


def coded(text: str, **fields: object) -> Document:
    doc = Document(id="t", source="test", text=text, **fields)  # type: ignore[arg-type]
    return next(events.code(nlp.parse([doc])))


def has(doc: Document, kind: str, src: str | None, tgt: str | None, **attrs: object) -> Event | None:
    for e in doc.events:
        s = e.source.code if e.source else None
        t = e.target.code if e.target else None
        same = e.type == kind and (src is None or s == src) and (tgt is None or t == tgt)
        if same and all(getattr(e, k) == v for k, v in attrs.items()):
            return e
    return None


@pytest.fixture
def rules_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lexicon coder of herald 0.1 (``HERALD_EVENT_CODER=rules``): these tests pin what its rules
    do; tests/events/test_learned.py holds the learned coder's."""
    monkeypatch.setenv("HERALD_EVENT_CODER", "rules")


@pytest.fixture(scope="module")
def story() -> Document:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(i for i, x in enumerate(lines) if x.startswith("Whether Russia"))
    last = next(i for i, x in enumerate(lines) if "protected from us" in x)
    return coded("\n\n".join(x for x in lines[first : last + 1] if x.strip()))


def test_seed_three_events_with_evidence(story: Document) -> None:
    invite = has(story, "AGREE", "NATO", "RUS")
    accuse = has(story, "ACCUSE", "RUSGOV", "NATO")
    support = has(story, "SUPPORT", "RUSGOV", "NATO")
    assert invite and accuse and support
    assert (
        invite.trigger == "invited" and "implied" in invite.rule
    )  # passive: agent from "the organization's summit"
    assert accuse.trigger == "lamented" and support.trigger == "praised"
    for e in story.events:
        assert story.text[e.start : e.end] == e.sentence
        assert e.rule and 0 < e.confidence <= 1 and e.quad_class in (1, 2, 3, 4)
        assert not (e.source and e.target and e.source.code and e.source.code == e.target.code)


def test_plain_said_codes_nothing() -> None:
    doc = coded(
        "Putin said the weather in Moscow was fine. The minister told reporters that talks were going well."
    )
    assert doc.events == []


def test_negation_is_kept_but_flagged(rules_coder: None) -> None:
    doc = coded("France did not criticize Germany over the budget.")
    e = has(doc, "ACCUSE", "FRA", "DEU")
    assert e is not None and e.negated


def test_future_cooperation_is_agree(rules_coder: None) -> None:
    doc = coded("The president of France will visit Germany next month.")
    e = has(doc, "AGREE", "FRA", "DEU")
    assert e is not None and e.mode == "future"


def test_hypothetical_mode(rules_coder: None) -> None:
    doc = coded("China could attack Taiwan if talks fail.")
    e = has(doc, "ASSAULT", "CHN", "TWN")
    assert e is not None and e.mode == "hypothetical"


def test_no_self_directed_event(rules_coder: None) -> None:
    assert not coded("Russia praised Russia.").events


def test_several_events_in_one_sentence_without_explosion(rules_coder: None) -> None:
    doc = coded("Iran condemned Israel and praised Turkey.")
    assert has(doc, "ACCUSE", "IRN", "ISR") and has(doc, "SUPPORT", "IRN", "TUR")
    assert len(doc.events) <= 4


def test_event_in_quote_belongs_to_speaker(rules_coder: None) -> None:
    text = "“We will never accept the sanctions and we condemn Germany,” the minister said."
    speaker = Actor(
        text="the minister", name="Sergey Lavrov", country="RUS", sector="GOV", code="RUSGOV", kind="person"
    )
    q = Quote(
        text=text[1 : text.index("”")],
        kind="direct",
        speaker="Sergey Lavrov",
        speaker_actor=speaker,
        start=1,
        end=text.index("”"),
    )
    doc = coded(text, quotes=[q])
    e = has(doc, "ACCUSE", "RUSGOV", "DEU")
    assert e is not None and e.quote_index == 0 and "speaker" in e.rule


def test_actors_stage_mentions_are_used() -> None:
    text = "The alliance's chief praised Kyiv."
    text_start = text.index("The alliance's chief")
    nato = Actor(
        text="The alliance's chief",
        name="Jens Stoltenberg",
        country="NATO",
        sector="IGO",
        code="NATO",
        kind="person",
    )
    ukr = Actor(text="Kyiv", name="Ukraine", country="UKR", code="UKR", kind="country")
    mentions = [
        Mention(text_start, text_start + 20, nato, "role"),
        Mention(text.index("Kyiv"), text.index("Kyiv") + 4, ukr, "metonym"),
    ]
    doc = coded(text, mentions=mentions)
    e = has(doc, "SUPPORT", "NATO", "UKR")
    assert e is not None and e.source.name == "Jens Stoltenberg"  # type: ignore[union-attr]


def test_documents_that_are_not_ok_pass_through() -> None:
    bad = Document(id="b", source="test", status="error", error="unreadable")
    out = list(events.code([bad]))
    assert out == [bad] and out[0].events == []


def test_ontology_maps_cameo_to_plover() -> None:
    agree, assault = category("036"), category("193")
    assert agree and agree.type == "AGREE" and agree.quad_class == 1
    assert assault and assault.type == "ASSAULT" and assault.quad_class == 4 and assault.goldstein < -8
    assert category("010") is None  # "make statement" has no PLOVER category: never coded


def test_shipped_quad_classifier() -> None:
    assert load_model("quad") is not None
    sp = nlp.load()("Rebels shelled the town, killing twelve civilians.")
    probs = sentence_probs(sp[:])
    assert probs is not None and abs(sum(probs) - 1) < 1e-5
    assert max(range(5), key=lambda q: probs[q]) == 4


def test_open_question_is_no_agreement() -> None:
    """A decision still open ("whether to attend") codes no AGREE, neither from the verb's
    default code nor from the classifier alone; a decision taken still does."""
    for text in (
        "Russia will decide whether or not to attend the summit.",
        "The Iranian government will decide if it attends the talks.",
    ):
        doc = coded(text)
        assert not [e for e in doc.events if e.type == "AGREE"], (text, doc.events)
    taken = coded("China will send troops to the border with India.")
    assert taken.events, "a stated future act is still coded"


def test_story_model_weighs_the_lead() -> None:
    """The PLOVER story model reads the first sentence (headline or lead) twice: in the bag and
    under its own prefix. A body full of side events must not outvote a clear headline."""
    from herald.events.features import LEAD, story_features
    from herald.events.model import plover_probs

    text = (
        "Thousands of workers strike and march on parliament over pay.\n\n"
        "Police said officers arrested two men after a shop was looted. The minister praised the "
        "police and thanked the army for its help."
    )
    span = nlp.load()(text)[:]
    feats = story_features(span)
    lead = {f for f in feats if f.startswith(LEAD + "w:")}
    assert f"{LEAD}w:strike" in lead and f"{LEAD}w:police" not in lead
    assert "w:police" in feats
    probs = plover_probs(span)
    assert probs is not None
    assert max(probs, key=lambda t: probs[t]) == "PROTEST"


def test_document_carries_its_story_type(seed_doc) -> None:
    """One PLOVER type for the whole story (the story classifier), next to the sentence events,
    kept through the JSON contract."""
    from herald.events.ontology import TYPES
    from herald.models import Document

    assert seed_doc.plover_type in TYPES
    assert 0.0 < seed_doc.plover_confidence <= 1.0
    again = Document.from_dict(seed_doc.to_dict())
    assert (again.plover_type, again.plover_confidence) == (seed_doc.plover_type, seed_doc.plover_confidence)
