"""Documents built by hand for the web tests: events and quotes with real offsets into real text.

They exercise the web layer without depending on how well the NLP stages code an article (that is
what the end-to-end test on the seed checks). Offsets are computed from the text, never typed in.
"""

from __future__ import annotations

from herald.models import Actor, Dates, Document, Event, Place, Quote

RUSSIA = Actor(text="Russia", name="Russia", country="RUS", kind="country")
LAVROV = Actor(
    text="Lavrov",
    name="Sergey Lavrov",
    country="RUS",
    sector="GOV",
    code="RUSGOV",
    role="foreign minister",
    kind="person",
)
NATO = Actor(text="NATO", name="NATO", country="NATO", code="NATO", kind="organisation")
CHINA = Actor(text="China", name="China", country="CHN", kind="country")
USA = Actor(text="Washington", name="United States", country="USA", kind="country")
LISBON = Place(
    text="Lisbon", name="Lisbon", country="PRT", admin1="PT.14", lat=38.72509, lon=-9.1498, kind="city"
)
BRUSSELS = Place(
    text="Brussels", name="Brussels", country="BEL", admin1="BE.BRU", lat=50.85045, lon=4.34878, kind="city"
)

XSS_TITLE = "<script>window.__pwned = 1</script> Ministers <b>meet</b>"
XSS_TYPE = '<img src=x onerror="window.__pwned=6">CONSULT'
XSS_TEXT = (
    'Russia said it would meet NATO <img src=x onerror="window.__pwned=2"> next week.\n\n'
    '"We will talk </p><script>window.__pwned=3</script> openly," Lavrov said. O\'Brien & co. agreed; 1 < 2.'
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def event(
    text: str,
    sentence: str,
    typ: str,
    quad: int,
    goldstein: float,
    source: Actor,
    target: Actor,
    date: str,
    trigger: str,
    cameo: str = "040",
    **kw: object,
) -> Event:
    start, end = span(text, sentence)
    return Event(
        type=typ,
        mode=None,
        cameo=cameo,
        quad_class=quad,
        goldstein=goldstein,
        source=source,
        target=target,
        sentence=sentence,
        start=start,
        end=end,
        date=date,
        trigger=trigger,
        rule=f"test:{typ.lower()}",
        confidence=0.8,
        **kw,
    )  # type: ignore[arg-type]


def quote(text: str, said: str, speaker: Actor, kind: str = "direct") -> Quote:
    start, end = span(text, said)
    return Quote(
        text=said,
        kind=kind,
        speaker=speaker.name,
        speaker_mention=speaker.text,  # type: ignore[arg-type]
        speaker_actor=speaker,
        start=start,
        end=end,
        cue="said",
        confidence=0.9,
    )


def lisbon() -> Document:
    text = (
        "Russia has been invited to take part in NATO's summit in Lisbon.\n\n"
        '"Russia will decide whether or not to attend," Lavrov said.\n\n'
        "Lavrov praised NATO's strategic ideas but lamented the alliance's ambiguous position."
    )
    said = "Russia will decide whether or not to attend,"
    return Document(
        id="news/lisbon-2010.txt",
        source="news/lisbon-2010.txt",
        title="Lavrov upset by NATO's stance",
        text=text,
        language="en",
        content_hash="h-lisbon",
        story_id="story-lisbon",
        dates=Dates(
            published=None,
            updated="2022-04-16",
            event_date="2010-09-25",
            events_between=["2010-09-01", "2010-11-30"],
            evidence=["'In November' refers to the Lisbon summit of 2010", "page stamp: last updated 2022"],
            stale=True,
        ),
        events=[
            event(
                text,
                "Russia has been invited to take part in NATO's summit in Lisbon.",
                "CONSULT",
                1,
                1.0,
                NATO,
                RUSSIA,
                "2010-09-25",
                "invited",
                cameo="039",
                location=LISBON,
            ),
            event(
                text,
                "Lavrov praised NATO's strategic ideas but lamented the alliance's ambiguous position.",
                "DISAPPROVE",
                3,
                -2.0,
                LAVROV,
                NATO,
                "2010-09-25",
                "lamented",
                cameo="111",
            ),
            event(
                text,
                "Lavrov praised NATO's strategic ideas but lamented the alliance's ambiguous position.",
                "AGREE",
                1,
                3.4,
                LAVROV,
                NATO,
                "2010-09-25",
                "praised",
                cameo="051",
            ),
        ],
        quotes=[quote(text, said, LAVROV)],
        boilerplate=[
            "This article was last updated on April 16, 2022",
            "Share with friends",
            "Be the first to comment",
        ],
        plover_type="CONSULT",
        plover_confidence=0.583,
    )


def brussels() -> Document:
    text = "NATO warned Moscow on Tuesday over troop movements near the border. Moscow rejected the warning."
    return Document(
        id="news/brussels-2011.txt",
        source="news/brussels-2011.txt",
        title="NATO warns Moscow",
        text=text,
        language="en",
        content_hash="h-brussels",
        story_id="story-brussels",
        dates=Dates(published="2011-02-03", event_date="2011-02-01"),
        events=[
            event(
                text,
                "NATO warned Moscow on Tuesday over troop movements near the border.",
                "THREATEN",
                3,
                -4.0,
                NATO,
                RUSSIA,
                "2011-02-01",
                "warned",
                cameo="130",
                location=BRUSSELS,
            ),
            event(
                text,
                "Moscow rejected the warning.",
                "REJECT",
                3,
                -4.0,
                RUSSIA,
                NATO,
                "2011-02-01",
                "rejected",
                cameo="120",
            ),
        ],
    )


def trade(n: int) -> Document:
    text = f"China and the United States held trade talks in round {n}. Washington agreed to cut tariffs."
    month = f"2019-{(n % 12) + 1:02d}"
    return Document(
        id=f"news/trade-{n}.txt",
        source=f"news/trade-{n}.txt",
        title=f"Trade talks, round {n}",
        text=text,
        language="en",
        content_hash=f"h-trade-{n}",
        story_id=f"story-trade-{n}",
        dates=Dates(published=f"{month}-15", event_date=f"{month}-14"),
        url=f"https://example.org/trade/{n}",
        events=[
            event(
                text,
                f"China and the United States held trade talks in round {n}.",
                "CONSULT",
                1,
                1.0,
                CHINA,
                USA,
                f"{month}-14",
                "talks",
            ),
            event(
                text,
                "Washington agreed to cut tariffs.",
                "AGREE",
                2,
                3.0,
                USA,
                CHINA,
                f"{month}-14",
                "agreed",
                cameo="057",
            ),
        ],
    )


def hostile() -> Document:
    """An article whose title, text, quote and boilerplate carry markup and script."""
    said = "We will talk </p><script>window.__pwned=3</script> openly,"
    return Document(
        id="news/<script>alert(1)</script>.html",
        source="news/hostile.html",
        title=XSS_TITLE,
        text=XSS_TEXT,
        url="javascript:window.__pwned=4",
        language="en",
        content_hash="h-hostile",
        story_id="story-hostile",
        dates=Dates(
            published="2012-05-01",
            event_date="2012-05-01",
            evidence=['<img src=x onerror="window.__pwned=5">'],
        ),
        events=[
            event(
                XSS_TEXT,
                'Russia said it would meet NATO <img src=x onerror="window.__pwned=2"> next week.',
                "CONSULT",
                1,
                1.0,
                RUSSIA,
                NATO,
                "2012-05-01",
                "meet",
            )
        ],
        quotes=[quote(XSS_TEXT, said, LAVROV)],
        boilerplate=['<iframe src="https://example.org"></iframe> Subscribe!'],
        plover_type=XSS_TYPE,
        plover_confidence=0.5,  # the store keeps any text: the page must show it as text
    )


def corpus() -> list[Document]:
    return [lisbon(), brussels(), hostile(), *(trade(n) for n in range(6))]
