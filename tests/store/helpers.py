"""Documents built by hand for the store tests, with offsets computed from real text."""

from __future__ import annotations

from pathlib import Path

from herald.extract.run import content_hash
from herald.models import Actor, Dates, Document, Event, Mention, Place, Quote

DATA = Path(__file__).resolve().parents[1] / "data" / "stories"

ARMENIA = Actor(text="Armenia", name="Armenia", country="ARM", sector="GOV", code="ARMGOV", kind="country")
AZERBAIJAN = Actor(
    text="Azerbaijan", name="Azerbaijan", country="AZE", sector="GOV", code="AZEGOV", kind="country"
)
EU = Actor(
    text="European Union",
    name="European Union",
    country="EU",
    sector="IGO",
    code="IGOEU",
    kind="organisation",
)
BAKU_SPOKESMAN = Actor(
    text="Azerbaijan's foreign ministry",
    name="Azerbaijan",
    country="AZE",
    sector="GOV",
    code="AZEGOV",
    role="foreign ministry",
    kind="agent",
)
JERMUK = Place(
    text="Jermuk", name="Jermuk", country="ARM", admin1="Vayots Dzor", lat=39.84, lon=45.67, kind="city"
)


def border_text() -> str:
    return (DATA / "border-warning.txt").read_text(encoding="utf-8").partition("\n")[2].strip()


def _sentence(text: str, starts: str) -> tuple[str, int, int]:
    start = text.index(starts)
    end = text.index(".", start) + 1
    return text[start:end], start, end


def coded(
    doc_id: str,
    text: str,
    url: str | None = None,
    published: str | None = "2023-05-08",
    title: str = "Armenia warns Azerbaijan over troop build-up",
) -> Document:
    """The border article with two events, a quote, mentions and a place, as the NLP stages would code it."""
    doc = Document(
        id=doc_id,
        source=doc_id,
        url=url,
        text=text,
        title=title,
        language="en",
        content_hash=content_hash(text),
        dates=Dates(published=published),
    )
    s1, a1, b1 = _sentence(text, "Armenia's defence ministry")
    s2, a2, b2 = _sentence(text, "The European Union's monitoring mission")
    doc.events = [
        Event(
            type="ACCUSE",
            mode=None,
            cameo="112",
            quad_class=3,
            goldstein=-2.0,
            source=ARMENIA,
            target=AZERBAIJAN,
            sentence=s1,
            start=a1,
            end=b1,
            confidence=0.8,
            rule="test:accuse",
            trigger="accused",
            location=JERMUK,
        ),
        Event(
            type="THREATEN",
            mode=None,
            cameo="138",
            quad_class=3,
            goldstein=-7.0,
            source=ARMENIA,
            target=AZERBAIJAN,
            sentence=s1,
            start=a1,
            end=b1,
            confidence=0.6,
            rule="test:threaten",
            trigger="warned",
        ),
        Event(
            type="APPEAL",
            mode=None,
            cameo="020",
            quad_class=1,
            goldstein=3.0,
            source=EU,
            target=ARMENIA,
            sentence=s2,
            start=a2,
            end=b2,
            confidence=0.7,
            rule="test:appeal",
            trigger="asked",
        ),
    ]
    said = "a provocation designed to derail the peace process"
    q = text.index(said)
    doc.quotes = [
        Quote(
            text=said,
            kind="direct",
            speaker="Azerbaijan",
            speaker_mention="Azerbaijan's foreign ministry",
            speaker_actor=BAKU_SPOKESMAN,
            start=q,
            end=q + len(said),
            cue="called",
            confidence=0.9,
        )
    ]
    m = text.index("Armenia")
    doc.mentions = [Mention(m, m + len("Armenia"), ARMENIA, "name")]
    doc.places = [JERMUK]
    return doc


def wrapped(text: str, site: str) -> str:
    return f"{site} | Home | World\n\n{text}\n\nShare this article\n(c) {site}"


def error_doc(doc_id: str, reason: str = "broken JSONL line 3: Expecting value") -> Document:
    return Document(id=doc_id, source=doc_id, status="error", error=reason)
