"""Resolve the actors a document mentions, as of the story's date.

Three passes over one document:

1. **Phrases.** The knowledge-base automaton (:mod:`herald.actors.matcher`) finds names, role
   phrases, metonyms and back-referring nouns; spaCy's PERSON and ORG entities add the names the
   knowledge base lacks. Adjacent pieces are read together as one actor, the way a reader does:
   "Russia's foreign minister Sergey Lavrov", "NATO chief Anders Fogh Rasmussen", "the
   secretary general of NATO", "Russian officials".
2. **Roles.** A person's role is the one that held at the story's date, unless the text itself
   says which (context beats date). A role phrase with a country or organisation ("NATO chief")
   names the office holder at the date when herald knows one.
3. **Coreference.** Short forms point back: a surname to the full name, "the Alliance" to NATO,
   "the foreign minister" to the person who held that office in the story, and "he" or "they"
   to the actor it stands for (:mod:`herald.actors.pronouns`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from herald.actors import kb as kbm
from herald.actors import people, pronouns, suspects, usage
from herald.actors.kb import KB, Entity, Role, load, office_holder, pick_role
from herald.actors.matcher import AGENT, COREF, ENTITY, METONYM, Hit, Term, scan
from herald.actors.names import FIRM_NOUNS, wordset
from herald.actors.offices import HEAD, HOG, HOS
from herald.models import Actor, Document, Mention

PERSON, UNKNOWN_ORG = "P", "X"  # extra hit categories from spaCy entities
_SPACE = re.compile(r"[ \-]")
_POSS = re.compile(r"(?:'s?|’s?) ")
_COMMA = re.compile(r", (?:the )?")
_OF = re.compile(r" of (?:the )?")
_SURNAME_OK = re.compile(r"[A-Z][\w'\-]{2,}")


def doc_date(doc: Document) -> str | None:
    """The date roles are looked up at: the event date, else the page's dates (YYYY-MM-DD)."""
    d = doc.dates
    for value in (d.event_date, d.published, d.updated, d.reference):
        if value:
            return str(value)[:10]
    return None


@dataclass(slots=True)
class Chunk:
    """Adjacent hits read as one actor."""

    hits: list[Hit] = field(default_factory=list)
    ctx: Hit | None = None  # the country, organisation or metonym qualifying the rest
    agents: list[Hit] = field(default_factory=list)
    person: Hit | None = None

    @property
    def start(self) -> int:
        return self.hits[0].start

    @property
    def end(self) -> int:
        return self.hits[-1].end


@dataclass(slots=True)
class Placed:
    """A mention plus what pass 3 needs to know about it."""

    mention: Mention
    entity: Entity | None = None
    role: Role | None = None
    anchored: bool = False  # the text said which role (context beat the date)
    org: bool = False


class Resolver:
    """Resolves one text at one date; small, built per document."""

    def __init__(self, kb: KB, text: str, day: str | None, nlp_doc: object = None, title: str = "") -> None:
        self.kb = kb
        self.text = text
        self.title = title  # the headline: its countries settle the story's country as a last resort
        self.day = day
        self.nlp_doc = nlp_doc  # the spaCy parse, when there is one: syntax settles usage
        self.present: set[str] = set()  # country/organisation codes the text names
        self.home: str | None = None  # the country the story is about, when it is clear
        self._orgs: dict[int, tuple[str | None, str | None]] = {}  # unknown org start -> country, sector
        self._names: set[str] = set()  # surnames of the full personal names spaCy found
        self._is_sport: bool | None = None

    # ----- pass 1: hits and chunks --------------------------------------------------------

    @staticmethod
    def _is_ctx(h: Hit) -> bool:
        return h.cat == METONYM or (h.cat == ENTITY and h.term.kind in _CTX_KINDS)

    @staticmethod
    def _is_person(h: Hit) -> bool:
        return h.cat == PERSON or (h.cat == ENTITY and h.term.kind == "person")

    def _entity(self, h: Hit) -> Entity:
        return self.kb.entities[h.term.entities[0]]

    def chunks(self, hits: Sequence[Hit]) -> list[Chunk]:
        out: list[Chunk] = []
        i = 0
        while i < len(hits):
            ch = Chunk([hits[i]])
            self._place(ch, hits[i])
            j = i + 1
            while j < len(hits) and hits[j].start - hits[j - 1].end <= 6 and self._joins(ch, hits[j]):
                ch.hits.append(hits[j])
                self._place(ch, hits[j])
                j += 1
            out.append(ch)
            i = j
        return out

    def _place(self, ch: Chunk, h: Hit) -> None:
        if h.cat == AGENT:
            ch.agents.append(h)
        elif self._is_person(h):
            ch.person = h
        elif self._is_ctx(h) and ch.ctx is None:
            ch.ctx = h

    def _joins(self, ch: Chunk, nxt: Hit) -> bool:
        last = ch.hits[-1]
        gap = self.text[last.end : nxt.start]
        if ch.person is not None or len(gap) > 6:
            return False
        space = gap == " " or (gap == "-" and last.cat != AGENT)
        poss = _POSS.fullmatch(gap) is not None
        if last is ch.ctx:
            # "envoy to Ukraine Kurt Volker": the place ends a title, the name is not Ukraine's
            ends_title = _TITLE_TAIL.search(self.text, max(0, last.start - 12), last.start) is not None
            if space and ends_title and self._is_person(nxt):
                return False
            return (space or poss) and (nxt.cat == AGENT or self._is_person(nxt))
        if last.cat == AGENT:
            if nxt.cat == AGENT:
                return space
            if self._is_person(nxt):
                return space or _COMMA.fullmatch(gap) is not None
            if self._is_ctx(nxt) and ch.ctx is None:
                return _OF.fullmatch(gap) is not None
        return False

    # ----- pass 2: actors -----------------------------------------------------------------

    def ctx_of(self, h: Hit | None) -> tuple[str | None, str | None, str | None, bool]:
        """(country or org code, sector, canonical name, is-organisation) of a context hit."""
        if h is None:
            return None, None, None, False
        if h.cat == METONYM:
            assert h.term.metonym is not None
            country, sector, _code, name = self.metonym_choice(h.term.metonym.candidates)
            return country, sector, name, self._org_code(country)
        e = self._entity(h)
        org = e.country is not None and self._org_code(e.country)
        if e.kind == "organisation":
            return e.country, e.sector, e.name, org
        return e.country, None, e.name, org

    def _org_code(self, code: str) -> bool:
        return code in _org_codes(self.kb)

    def metonym_choice(
        self, candidates: Sequence[tuple[str, str | None, str | None, str]]
    ) -> tuple[str, str | None, str | None, str]:
        for c in candidates:
            if c[0] in self.present or (c[2] or "") in self.present:
                return c
        return candidates[0]

    def actor_of(self, ch: Chunk) -> Placed | None:
        text = self.text[ch.start : ch.end]
        if ch.person is None and not ch.agents and ch.ctx is not None:
            return self._named(ch.ctx, text)  # the common case: a bare country or organisation
        country, sector, ctx_name, org = self.ctx_of(ch.ctx)
        head = ch.agents[-1].term.agent if ch.agents else None
        office = head.office if head else None
        if office is not None and _after_modifier(self.text, ch.agents[-1].start):
            office = None  # "deputy foreign minister" is not the foreign minister
        if org and office in (HOS, HOG, HEAD):
            office = HEAD
        if ch.person is not None:
            return self._person(ch, text, country, sector, org, office, head)
        if head is not None:
            return self._role_phrase(ch, text, country, sector, ctx_name, org, office, head)
        if ch.ctx is not None:
            return self._named(ch.ctx, text)
        h = ch.hits[0]
        if h.cat == UNKNOWN_ORG:
            country, sec = self._orgs.get(h.start, (None, None))
            sec = sec or usage.org_sector(text)
            code = (country or "") + sec if sec else None  # a name with no sector codes nothing
            return Placed(
                Mention(
                    ch.start, ch.end, Actor(text, text, country, sec, code, None, "organisation"), "entity"
                ),
                org=True,
            )
        return None

    def _person(
        self,
        ch: Chunk,
        text: str,
        country: str | None,
        sector: str | None,
        org: bool,
        office: str | None,
        head: kbm.Agent | None,
    ) -> Placed:
        h = ch.person
        assert h is not None
        if h.cat == PERSON:  # a name herald does not know: the context is all we have
            name = self.text[h.start : h.end]
            known = self._office_surname(name, country, office)
            if known is not None:
                return Placed(
                    Mention(ch.start, ch.end, person_actor(text, known[0], known[1], False), "alias"),
                    entity=known[0],
                    role=known[1],
                    anchored=country is not None or office is not None,
                )
            if country is not None:
                sec = _sector(head, sector, org)
                code = country if org else country + (sec or "")
                actor = Actor(text, name, country, sec, code, head.title if head else None, "person")
            else:
                # a name with no role the text gives: a private person (the guide: country +
                # CVL), placed in a country by :func:`usage.inherit`
                actor = Actor(
                    text,
                    name,
                    None,
                    head.sector if head else "CVL",
                    None,
                    head.title if head else None,
                    "person",
                )
            return Placed(Mention(ch.start, ch.end, actor, "entity"), anchored=country is not None)
        ent = self._pick_entity(h, country)
        role, former = pick_role(ent, self.day, country, office)
        via = "name" if self.text[h.start : h.end].lower() == ent.name.lower() else "alias"
        anchored = country is not None or office is not None
        return Placed(
            Mention(ch.start, ch.end, person_actor(text, ent, role, former), via),
            entity=ent,
            role=role,
            anchored=anchored,
        )

    def _team_name(self, ch: Chunk, head: kbm.Agent) -> bool:
        """A group noun written as a proper name in mid-sentence ("beat the Raiders", "the Senators'
        goalie"): a team, a band or a brand. Parties ("Democrats") are names of actors and stay."""
        word = self.text[ch.start : ch.end]
        if head.sector == "PTY" or not word[:1].isupper() or word.isupper() or not word.endswith("s"):
            return False
        before = self.text[max(0, ch.start - 3) : ch.start].strip()
        return bool(before) and before[-1] not in ".!?:\"“”'‘’\n"

    def _acts(self, ch: Chunk, head: kbm.Agent) -> bool:
        """Is this private group noun used as an actor: a noun that is the subject or object of a
        verb, or the object of "by", "against", "with", "from", "to" ("police arrested the suspect",
        "killed a passenger", "a statement from the company")? A modifier ("customer base"), a verb
        ("to suspect"), an adjective ("native") or a role in passing ("as a passenger") is not; nor is
        a bare "people" or "men" with no number or article (a generic statement, not a group)."""
        if self.nlp_doc is None:
            return False
        span = self.nlp_doc.char_span(ch.start, ch.end, alignment_mode="expand")  # type: ignore[attr-defined]
        if span is None or not len(span):
            return False
        tok = span[-1]
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        if head.sector == "PPL" and not any(
            c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in _SPECIFIC_DET) for c in tok.children
        ):
            return False
        tok = usage.list_head(tok, 4)  # "the victim and her mother": a conjunct acts as its head does
        if tok.dep_ in _ACTING_DEPS:
            return True
        return tok.dep_ == "pobj" and tok.head.lower_ in _ACTING_PREPS

    def _pick_entity(self, h: Hit, country: str | None) -> Entity:
        people = [self.kb.entities[i] for i in h.term.entities if self.kb.entities[i].kind == "person"]
        if len(people) == 1 or not people:
            return people[0] if people else self._entity(h)

        def score(e: Entity) -> tuple[int, int, int]:
            holds = self.day is not None and any(r.holds(self.day) for r in e.roles)
            return (
                any(r.country == country for r in e.roles) if country else 0,
                holds,
                sum(r.curated for r in e.roles),
            )

        return max(people, key=score)

    def _role_phrase(
        self,
        ch: Chunk,
        text: str,
        country: str | None,
        sector: str | None,
        ctx_name: str | None,
        org: bool,
        office: str | None,
        head: kbm.Agent,
    ) -> Placed | None:
        if country is not None and office is not None:
            found = office_holder(self.kb, country, office, self.day)
            if found is not None:
                ent, role = found
                return Placed(
                    Mention(ch.start, ch.end, person_actor(text, ent, role, False), "role"),
                    entity=ent,
                    role=role,
                    anchored=True,
                )
        if country is None:
            private = _private_group(head)
            if private is not None and not self._acts(ch, head):
                private = None
            if head.sector not in _POLITICAL and office is None and private is None:
                return None  # "the website", "the chief" of nothing named: nothing to code
            if self._team_name(ch, head):
                return None  # "the Raiders", "the Senators": a capitalised plural is a name, not a group
            if private is not None:
                # "the suspect", "a passenger", "the utility": people and firms of the story's country,
                # placed by the actors stage's inheritance (usage.inherit); uncoded until then
                actor = Actor(text, head.title, None, private, None, head.title, "agent")
                return Placed(Mention(ch.start, ch.end, actor, "role"))
            actor = Actor(text, head.title, None, head.sector, head.sector, head.title, "agent")
            return Placed(Mention(ch.start, ch.end, actor, "role"))
        sec = _sector(head, sector, org)
        code = country if org else country + (sec or "")
        actor = Actor(text, ctx_name or country, country, sec, code, head.title, "agent")
        return Placed(Mention(ch.start, ch.end, actor, "role"), org=org)

    def _named(self, h: Hit, text: str) -> Placed:
        if h.cat == METONYM:
            assert h.term.metonym is not None
            country, sector, code, name = self.metonym_choice(h.term.metonym.candidates)
            org = self._org_code(country) or self._org_code(code or "")
            kind = "organisation" if org else "country"
            actor = Actor(text, name, country, sector if not org else "IGO", code, None, kind)
            return Placed(Mention(h.start, h.end, actor, "metonym"), org=org)
        e = self._entity(h)
        via = "name" if text.lower() == e.name.lower() else "alias"
        if e.kind == "place":
            return Placed(
                Mention(
                    h.start, h.end, Actor(text, e.name, e.country, None, e.country, None, "place"), "metonym"
                )
            )
        org = e.kind == "organisation"
        actor = Actor(text, e.name, e.country, e.sector, e.code, None, e.kind)
        if org and e.sector in _NON_STATE and usage.is_product(self.text, h.start, h.end):
            actor = Actor(text, e.name, e.country, None, None, None, "product")
        return Placed(Mention(h.start, h.end, actor, via), entity=e, org=org)

    def _office_surname(
        self, name: str, country: str | None, office: str | None
    ) -> tuple[Entity, Role] | None:
        """A bare surname ("Trump", "President Trump") names the one person of that surname who
        held a top office (head of state or government, foreign or defence minister, head of an
        organisation) at the story's date, when the story names no other person of that name."""
        if " " in name or self.day is None or name in self._names or not _SURNAME_OK.fullmatch(name):
            return None
        found: list[tuple[Entity, Role]] = []
        for i in kbm.surnames(self.kb).get(name.lower(), ()):
            ent = self.kb.entities[i]
            for r in ent.roles:
                if (
                    r.office is not None
                    and r.holds(self.day)
                    and (country is None or r.country == country)
                    and (office is None or r.office == office)
                ):
                    found.append((ent, r))
                    break
        return found[0] if len(found) == 1 else None

    # ----- pass 3: coreference ------------------------------------------------------------

    def coref(self, placed: list[Placed], hits: Sequence[Hit]) -> list[Placed]:
        placed = self._same_person(placed)
        placed = self._nominal(placed, hits)
        return self._surnames(placed)

    def _same_person(self, placed: list[Placed]) -> list[Placed]:
        """Every mention of one person carries the role the text anchored for them."""
        anchor: dict[int, Placed] = {}
        for p in placed:
            if p.entity is not None and p.entity.kind == "person" and p.anchored:
                anchor.setdefault(p.entity.id, p)
        for p in placed:
            if p.entity is None or p.anchored or p.entity.id not in anchor:
                continue
            src = anchor[p.entity.id].mention.actor
            a = p.mention.actor
            a.country, a.sector, a.code, a.role = src.country, src.sector, src.code, src.role
            p.role = anchor[p.entity.id].role
        return placed

    def _nominal(self, placed: list[Placed], hits: Sequence[Hit]) -> list[Placed]:
        """ "the Alliance" -> the last organisation it can mean; "the foreign minister" -> holder."""
        out: list[Placed] = []
        for p in placed:
            m = p.mention
            if m.via == "coref-pending":
                allowed = self._pending[id(p)]
                target = next(
                    (
                        q
                        for q in reversed(out)
                        if q.org
                        and q.mention.via != "role"
                        and (
                            not allowed
                            or q.mention.actor.code in allowed
                            or q.mention.actor.country in allowed
                        )
                    ),
                    None,
                )
                if target is None:
                    continue
                m.actor = _copy(target.mention.actor, self.text[m.start : m.end])
                m.via = "coref"
                p.org, p.entity = True, target.entity
            elif m.via == "role" and m.actor.kind == "agent" and m.actor.country is None:
                office = self._office.get(id(p))
                target = None
                held = (  # "the chief" names no holder of a country's office; "the president" does
                    office_holder(self.kb, self.home, office, self.day)
                    if office is not None and office != HEAD and self.home is not None
                    else None
                )
                if held is not None:
                    self._as_holder(p, held)
                    out.append(p)
                    continue
                if office is not None:
                    target = next(
                        (
                            q
                            for q in reversed(out)
                            if q.role is not None and q.role.office == office and q.entity is not None
                        ),
                        None,
                    )
                if target is not None:
                    m.actor = _copy(target.mention.actor, self.text[m.start : m.end])
                    m.via = "coref"
                    p.entity, p.role = target.entity, target.role
                    if office is not None:
                        self._office_guesses.append((p, office))
                elif office is None:
                    self._the_company(m, out)
            out.append(p)
        return out

    def _home_offices(self) -> None:
        """ "The president" read before the story's country was clear took the last president
        named ("Ukraine President Zelenskiy ... the president"); once the story is known to be
        American, a bare office is its holder in the story's country, as news writes it."""
        if self.home is None:
            return
        for p, office in self._office_guesses:
            if p.mention.actor.country == self.home:
                continue
            held = office_holder(self.kb, self.home, office, self.day)
            if held is not None:
                self._as_holder(p, held)

    def _as_holder(self, p: Placed, held: tuple[Entity, Role | None]) -> None:
        """A bare office ("the president") read as the person who holds it."""
        ent, role = held
        m = p.mention
        m.actor = person_actor(self.text[m.start : m.end], ent, role, False)
        m.via = "coref"
        p.entity, p.role = ent, role

    def _the_company(self, m: Mention, before: list[Placed]) -> None:
        """ "The company", "the firm": a company named in the sentences before (within about four
        sentences' worth of text) that the knowledge base or its name makes a company or an outlet
        ("Disney", "Big Machine Records"): the one the story names most, then the nearest."""
        if m.actor.sector != "BUS":
            return
        words = self.text[m.start : m.end]
        if not words.lower().startswith("the "):
            words = self.text[max(0, m.start - 4) : m.end]
        if not _THE_COMPANY.fullmatch(words):
            return
        named = [
            (i, q.mention.actor)
            for i, q in enumerate(before)
            if q.mention.actor.kind == "organisation"
            and q.mention.via in ("name", "alias", "entity")
            and q.mention.actor.sector in ("BUS", "MED")  # a company by the knowledge base or its name
        ]
        near = [(i, a) for i, a in named if m.start - before[i].mention.end <= _COMPANY_REACH]
        if not near:
            return
        counts = Counter(a.name for _, a in named)
        _, pick = max(near, key=lambda ia: (counts[ia[1].name], ia[0]))
        m.actor = _copy(pick, self.text[m.start : m.end])
        m.via = "coref"

    def _surnames(self, placed: list[Placed]) -> list[Placed]:
        """A surname alone refers to the person named in full elsewhere in the story."""
        names: dict[str, Placed] = {}
        for p in placed:
            a = p.mention.actor
            if a.kind != "person" or p.mention.via == "coref":
                continue
            for full in (a.name, self.text[p.mention.start : p.mention.end]):
                parts = full.split()
                if len(parts) >= 2 and _SURNAME_OK.fullmatch(parts[-1]):
                    names.setdefault(parts[-1], p)
        if not names:
            return placed
        out: list[Placed] = []
        for p in placed:
            a = p.mention.actor
            if (
                p.mention.via == "entity"
                and (a.kind == "person" or a.code is None)
                and a.name in names
                and names[a.name] is not p
            ):
                src = names[a.name]
                p.mention.actor = _copy(src.mention.actor, a.text)
                p.mention.via = "coref"
                p.entity, p.role = src.entity, src.role
            out.append(p)
        taken = bytearray(len(self.text) + 1)
        for p in out:
            taken[p.mention.start : p.mention.end] = b"\x01" * (p.mention.end - p.mention.start)
        text, n = self.text, len(self.text)
        extra: list[Placed] = []
        for surname, src in names.items():
            k = len(surname)
            s = text.find(surname)
            while s >= 0:
                e = s + k
                if (
                    (s == 0 or not text[s - 1].isalnum())
                    and (e == n or not text[e].isalnum())
                    and not any(taken[s:e])
                ):
                    extra.append(
                        Placed(
                            Mention(s, e, _copy(src.mention.actor, surname), "coref"),
                            entity=src.entity,
                            role=src.role,
                        )
                    )
                    taken[s:e] = b"\x01" * k
                s = text.find(surname, e)
        if extra:
            out = sorted(out + extra, key=lambda p: p.mention.start)
        return out

    # ----- driver -------------------------------------------------------------------------

    def run(self, entities: Iterable[tuple[int, int, str]] = ()) -> list[Mention]:
        hits = scan(self.text)
        hits = self._with_entities(hits, entities)
        present = self.present
        for h in hits:
            if h.cat == ENTITY and h.term.kind in _CTX_KINDS:
                e = self.kb.entities[h.term.entities[0]]
                present.add(e.code or "")
                present.add(e.country or "")
        placed: list[Placed] = []
        self._pending: dict[int, tuple[str, ...]] = {}
        self._office: dict[int, str] = {}
        self._office_guesses: list[tuple[Placed, str]] = []  # bare offices read as an earlier holder
        for ch in self.chunks(hits):
            if len(ch.hits) == 1 and ch.hits[0].cat == COREF:
                h = ch.hits[0]
                p = Placed(Mention(h.start, h.end, Actor(self.text[h.start : h.end], ""), "coref-pending"))
                self._pending[id(p)] = h.term.coref or ()
                placed.append(p)
                continue
            p2 = self.actor_of(ch)
            if p2 is None:
                continue
            if ch.agents and ch.ctx is None and ch.person is None:
                office = ch.agents[-1].term.agent.office if ch.agents[-1].term.agent else None
                if office is not None and not _after_modifier(self.text, ch.agents[-1].start):
                    self._office[id(p2)] = office
            placed.append(p2)
        lines = self._settle(placed)
        orgs = _org_codes(self.kb)
        usage.states_and_people(self.text, (p.mention for p in placed), orgs)
        for p in placed:
            a = p.mention.actor
            if (
                a.kind in ("agent", "person")
                and a.sector in _OFFICIAL
                and a.code is not None
                and _FORMER.search(self.text[max(0, p.mention.start - 8) : p.mention.start + 7])
            ):
                a.sector, a.code = "CVL", (a.country + "CVL") if a.country else None
        self.home = usage.home_country((p.mention for p in placed), orgs, lines)
        placed = self.coref(placed, hits)
        mentions = [p.mention for p in placed if p.mention.via != "coref-pending"]
        if self.home is None:  # surnames now count for their people ("Trump" after "Donald Trump")
            self.home = usage.home_country(mentions, orgs, lines)
        if self.home is None and self.nlp_doc is not None and usage.needs_home(mentions):
            # the headline, "Columbus police", "in Ohio": read only when a group noun needs them
            extra = self._title_countries() + usage.place_countries(self.nlp_doc)
            self.home = usage.home_country(mentions, orgs, lines, extra)
        self._home_offices()
        self._not_people(mentions)
        usage.inherit(self.text, mentions, orgs, self.home)
        usage.in_chambers(self.text, mentions)
        people.titled(self.text, mentions)
        suspects.mark(mentions, self.nlp_doc)
        return pronouns.link(self.text, mentions, self.nlp_doc)

    def _title_countries(self) -> Counter[str]:
        """Countries the headline names ("... clashes with Bolivia's police"), two votes each."""
        found: Counter[str] = Counter()
        for h in scan(self.title) if self.title else ():
            if h.cat == ENTITY and h.term.kind in _CTX_KINDS:
                e = self.kb.entities[h.term.entities[0]]
                if e.kind == "country" and e.country and e.country == e.code:
                    found[e.country] += 2
        return found

    def _sport(self) -> bool:
        """Is the page a sports page (read once per document)?"""
        if self._is_sport is None:
            self._is_sport = usage.is_sport(self.text)
        return self._is_sport

    def _not_people(self, mentions: list[Mention]) -> None:
        """Names spaCy calls people that have no person's shape ("MacBook Pro", "Night Mode"), or
        that nothing in the text shows to be a person ("Mustang Mach", "Dark Web Monitoring": no
        known first name, no title, apposition or speech verb next to any of their mentions, never
        referred to by the surname alone), and
        every unknown person on a sports page, are not coded as private people."""
        private = [
            (i, m)
            for i, m in enumerate(mentions)
            if m.actor.kind == "person"
            and not m.actor.role
            and m.actor.sector == "CVL"
            and m.via in ("entity", "coref")
        ]
        # a surname written alone elsewhere ("Swift said") is how news refers to people, not things
        shown = {
            m.actor.name
            for _, m in private
            if (m.via == "coref" and self._alone(m)) or people.shows_a_person(self.text, m)
        }
        for i, m in private:
            a = m.actor
            if self._sport() or not people.looks_like_a_person(a.name) or a.name not in shown:
                bare = Actor(a.text, a.name, None, None, None, None, "person")
                mentions[i] = Mention(m.start, m.end, bare, m.via)

    def _alone(self, m: Mention) -> bool:
        """A surname standing alone, as people are referred to ("Swift said"), not the start of a
        longer name or a thing ("the Mach E", "the Zacian and Zamazenta Edition")."""
        before = self.text[max(0, m.start - 4) : m.start].lower()
        return not before.endswith("the ") and _NAME_GOES_ON.match(self.text, m.end) is None

    def _settle(self, placed: list[Placed]) -> list[tuple[int, int]]:
        """Countries, cities and metonyms used as places, datelines or team names lose their code;
        a country word modifying a group noun gives it its country ("Mexican immigration
        authorities"). Returns the datelines."""
        lines: list[tuple[int, int]] = []
        absorbed: list[Placed] = []
        for p in placed:
            m = p.mention
            if m.actor.code is None or m.actor.kind in ("agent", "person"):
                continue
            sport = self._sport()
            if m.actor.kind == "organisation" and m.via != "metonym":
                if sport:  # "the Lightning", "the Raiders": teams
                    m.actor = Actor(m.actor.text, m.actor.name, None, None, None, None, "organisation")
                elif m.actor.sector in _NON_STATE and usage.is_thing_use(self.text, m, self.nlp_doc):
                    a = m.actor  # "Apple's chargers", "Twitter users": the company's thing
                    m.actor = Actor(a.text, a.name, a.country, None, None, None, "product")
                continue
            if usage.is_dateline(self.text, m.start, m.end):
                lines.append((m.start, m.end))
            use = usage.is_place_use(self.text, m, sport, self.nlp_doc)
            if use is False:
                continue
            country = m.actor.country
            usage.as_place(m)
            named = None if use is True else next((q for q in placed if q.mention.start == use), None)
            if named is not None and named.mention.actor.kind in ("organisation", "person"):
                named.mention.start = m.start  # "the [Afghan Taliban]": one name, the adjective in it
                named.mention.actor.text = self.text[m.start : named.mention.end]
                absorbed.append(p)
                continue
            if use is not True and m.via == "place" and country:
                group = next(
                    (
                        q.mention
                        for q in placed
                        if q.mention.start <= use < q.mention.end
                        and q.mention.actor.kind == "agent"
                        and q.mention.actor.country is None
                    ),
                    None,
                )
                if group is not None:  # one mention: "[Mexican immigration authorities]"
                    a = group.actor
                    a.country, a.code = country, country + (a.sector or "")
                    group.start, a.text = m.start, self.text[m.start : group.end]
                    absorbed.append(p)
        for p in absorbed:
            placed.remove(p)
        return lines

    def _with_entities(self, hits: list[Hit], entities: Iterable[tuple[int, int, str]]) -> list[Hit]:
        """Add spaCy's PERSON/ORG spans that no knowledge-base phrase covers."""
        extra: list[Hit] = []
        entities = list(entities)
        if not entities:
            return hits
        things = [(s, e) for s, e, label in entities if label in _THING_LABELS]
        # a person's name that contains a country, a group or a place ("Chad Thomas", "Israel
        # Adesanya", "Georgia Hall"): the name is a person, the piece inside it is no actor
        names = [
            (s, e) for s, e, label in entities if label == "PERSON" and _FULL_NAME.fullmatch(self.text[s:e])
        ]
        self._names = {self.text[s:e].split()[-1] for s, e in names}
        hits = self._inside_names(hits, [(s, e) for s, e, label in entities if label in _NAME_LABELS])
        inside = {i for i in _inside(hits, names) if not self._is_person(hits[i])} | _inside(hits, things)
        if inside:
            hits = [h for i, h in enumerate(hits) if i not in inside]
        taken = bytearray(len(self.text) + 1)
        for h in hits:
            taken[h.start : h.end] = b"\x01" * (h.end - h.start)
        for s, e, label in entities:
            if any(taken[s:e]):
                continue
            cat = PERSON if label == "PERSON" else UNKNOWN_ORG if label == "ORG" else None
            if cat is None:
                continue
            s, e = _trim(self.text, s, e)
            if e > s:
                extra.append(Hit(s, e, cat, _NO_TERM))
        if not extra:
            return hits
        return sorted(hits + extra, key=lambda h: h.start)

    def _inside_names(self, hits: list[Hit], spans: list[tuple[int, int]]) -> list[Hit]:
        """Countries and cities inside a longer organisation or place name that the knowledge base
        does not end ("Nissan North America Inc.", "the South China Sea", "the U.S. House
        Intelligence Committee") are part of the name; the name's country is kept for it."""
        if not spans:
            return hits
        drop: set[int] = set()
        starts = [h.start for h in hits]
        for s, e in spans:
            k = bisect.bisect_left(starts, s)
            inside = [
                h
                for h in hits[k : bisect.bisect_left(starts, e)]
                if h.end <= e and (h.start, h.end) != (s, e)
            ]
            if not inside or any(h.cat == AGENT for h in inside) or inside[-1].end >= e - 1:
                continue
            places = [h for h in inside if h.cat == METONYM or h.term.kind in ("country", "place")]
            if len(places) < len(inside):
                continue
            drop.update(id(h) for h in places)
            countries = {self._entity(h).country for h in places if h.term.kind == "country"}
            ts, _ = _trim(self.text, s, e)
            self._orgs[ts] = (countries.pop() if len(countries) == 1 else None, None)
        return [h for h in hits if id(h) not in drop] if drop else hits


def _inside(hits: Sequence[Hit], spans: Iterable[tuple[int, int]]) -> set[int]:
    """Indexes of the ``hits`` (in text order) that lie within one of ``spans`` without being it."""
    starts = [h.start for h in hits]
    out: set[int] = set()
    for s, e in spans:
        for k in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
            h = hits[k]
            if h.end <= e and (h.start, h.end) != (s, e):
                out.add(k)
    return out


_NO_TERM = Term("", (), None, None, None, False)
_CTX_KINDS = frozenset({"country", "organisation"})
_NON_STATE = frozenset({"BUS", "MED"})
_OFFICIAL = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
_FORMER = re.compile(r"\b(?:former|ex-)\s", re.I)
# sectors worth a mention even when the text names no country ("police", "rebels", "troops")
_POLITICAL = frozenset({"GOV", "MIL", "COP", "REB", "OPP", "JUD", "LEG", "SPY", "UAF", "IGO", "PTY", "INS"})
# spaCy entities that are names of things, not actors: a KB hit inside one is part of a name
# ("the Rome Declaration", "the Moscow Olympics")
_THING_LABELS = frozenset({"FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"})
_NAME_LABELS = frozenset({"ORG", "LOC"})
# two or more capitalised words and nothing else: a personal name, not "NATO chief Anders Rasmussen"
_FULL_NAME = re.compile(r"[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)+")
_MODIFIER = re.compile(
    r"(?:deputy|vice|former|ex|assistant|acting|junior|shadow|under|first|"
    r"state|parliamentary|then|late|future|next|incoming|outgoing)[- ]$",
    re.I,
)


# private people and firms that act in news as a group noun ("the suspect", "the victim", "residents",
# "the company"): coded with the story's country when the story has one. The agent dictionary also
# files things under these sectors ("passenger jets", "settlements", "schools"), which stay out.
_PRIVATE_SECTORS = {"CRM": "CRM", "CVL": "CVL", "PPL": "CVL", "BUS": "BUS", "LAB": "LAB", "REF": "REF"}
_THING_HEADS = wordset(
    """jet jets jetliner jetliners airliner airliners plane planes aircraft ship ships vessel vessels
    tanker tankers building buildings town towns settlement settlements village villages city cities
    neighbourhood neighbourhoods neighborhood neighborhoods community communities population industry
    industries market markets sector economy business enterprise trade"""
)


_NAME_GOES_ON = re.compile(r" (?:[A-Z0-9]|and [A-Z])")
_THE_COMPANY = re.compile(rf"[Tt]he (?:{'|'.join(sorted(FIRM_NOUNS))})")
_COMPANY_REACH = 600  # characters back to the company "the company" stands for

_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "appos"})
_ACTING_PREPS = frozenset({"by", "against", "with", "from", "to"})
_SPECIFIC_DET = frozenset({"a", "an", "another", "the", "those", "these"})


def _private_group(head: kbm.Agent) -> str | None:
    """The sector a private group noun is coded with, or None when the noun is no such group."""
    sector = _PRIVATE_SECTORS.get(head.sector or "")
    if sector is None or head.title.rsplit(" ", 1)[-1].lower() in _THING_HEADS:
        return None
    return sector


def _sector(head: kbm.Agent | None, ctx_sector: str | None, org: bool) -> str | None:
    """The sector of a role phrase: a non-state organisation's own sector wins ("Alibaba
    spokesperson": BUS, "Taliban spokesman": REB), else the role's, else the context's."""
    if ctx_sector and ctx_sector not in ("GOV", "IGO"):
        return ctx_sector
    own = _PRIVATE_SECTORS.get(head.sector, head.sector) if head and head.sector else None
    return own or ctx_sector or ("IGO" if org else None)


@functools.lru_cache(maxsize=4)
def _org_codes(kb: KB) -> frozenset[str]:
    """Codes that name an organisation rather than a country (NATO, UN, EU, ...)."""
    return frozenset(c for c, i in kb.countries.items() if kb.entities[i].kind == "organisation")


def _after_modifier(text: str, start: int) -> bool:
    """Is the role phrase at ``start`` qualified ("deputy foreign minister", "former president")?"""
    return _MODIFIER.search(text[max(0, start - 16) : start]) is not None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    span = text[s:e]
    if span.lower().startswith("the "):
        s += 4
    for suffix in ("'s", "’s"):
        if text[s:e].endswith(suffix):
            e -= 2
    return s, e


def _copy(a: Actor, text: str) -> Actor:
    return Actor(text, a.name, a.country, a.sector, a.code, a.role, a.kind)


def person_actor(text: str, ent: Entity, role: Role | None, former: bool) -> Actor:
    """The actor of a known person in ``role`` (None: what the knowledge base says by default)."""
    if role is None:
        return Actor(text, ent.name, ent.country, ent.sector, ent.code, None, "person")
    title = role.title
    if former:
        # no role holds: a former official is a private person now (the guide: country + CVL)
        country = role.country if role.country and len(role.country) == 3 else ent.country
        if country is not None and not country.isalpha():
            country = None
        return Actor(
            text,
            ent.name,
            country,
            "CVL",
            country + "CVL" if country else None,
            "former " + title if title else None,
            "person",
        )
    return Actor(text, ent.name, role.country, role.sector, role.code, title, "person")


# the preposition that ends a title before a place ("envoy to", "ambassador in", "minister for")
_TITLE_TAIL = re.compile(r"\b(?:to|in|for|from|at)\s+(?:the\s+)?$")


def spacy_entities(nlp_doc: object) -> list[tuple[int, int, str]]:
    ents = getattr(nlp_doc, "ents", None) or ()
    wanted = _THING_LABELS | {"PERSON", "ORG", "LOC"}
    return [_person_split(e) for e in ents if e.label_ in wanted]


def _person_split(ent: Any) -> tuple[int, int, str]:
    """spaCy sometimes runs the end of a title into a name ("envoy to [Ukraine Kurt Volker]",
    "ambassador to the [Ukraine Marie Yovanovitch]"): a country's name in front of a known first
    name and a surname is not part of the name, and what follows it is a person. It also runs a
    name into a date ("[Trump’s July 25] call"): the name ends at its possessive."""
    if ent.label_ not in ("PERSON", "ORG") or len(ent) < 3:
        return int(ent.start_char), int(ent.end_char), str(ent.label_)
    poss = next((t.i for t in ent[1:-1] if t.tag_ == "POS" or t.text in ("'s", "’s")), None)
    if poss is not None and any(t.like_num for t in ent.doc[poss + 1 : ent.end]):
        return int(ent.start_char), int(ent.doc[ent.start : poss].end_char), str(ent.label_)
    kb = load()
    k = 1 if ent[0].lower_ == "the" else 0
    while len(ent) - k > 2 and _is_country(kb, ent[k].text):
        k += 1
    rest = ent[k:]
    if (
        k == 0
        or not _is_country(kb, ent[k - 1].text)
        or rest[0].lower_ not in people.first_names()
        or not people.looks_like_a_person(rest.text)
    ):
        return int(ent.start_char), int(ent.end_char), str(ent.label_)
    return int(rest.start_char), int(ent.end_char), "PERSON"


def _is_country(kb: KB, word: str) -> bool:
    return any(kb.entities[i].kind == "country" for i in kb.by_alias.get(kbm.normalize(word), ()))


def resolve_text(
    text: str,
    day: str | None = None,
    entities: Iterable[tuple[int, int, str]] = (),
    nlp_doc: object = None,
    title: str = "",
) -> list[Mention]:
    """Mentions of ``text`` as of ``day`` (the library call under :func:`resolve`); ``nlp_doc``,
    spaCy's parse of ``text``, lets syntax tell a place from an actor ("a Hong Kong company");
    ``title``, the headline, helps tell which country the story is about."""
    return Resolver(load(), text, day, nlp_doc, title).run(entities)


def resolve(docs: Iterable[Document]) -> Iterator[Document]:
    """Fill ``doc.mentions`` for each ok document; others pass through untouched.

    Never stops a batch: a document that fails here keeps no mentions and carries on.
    """
    for doc in docs:
        if doc.ok and doc.text:
            ents = spacy_entities(doc.nlp) if doc.nlp is not None else []
            doc.mentions = resolve_text(doc.text, doc_date(doc), ents, doc.nlp, doc.title or "")
        yield doc
