"""The actors stage's calls for the other stages: lookup, actor_at, role_terms, reresolve."""

from __future__ import annotations

import bisect
import functools
from typing import Any

from herald.actors.kb import Entity, Role, load, normalize
from herald.actors.resolve import (
    Resolver,
    person_actor,
    resolve_text,
    spacy_entities,
)
from herald.models import Actor, Document, Mention


def _entity_actors(ent: Entity, text: str, as_of: str | None) -> list[Actor]:
    if ent.kind != "person":
        return [Actor(text, ent.name, ent.country, ent.sector, ent.code, None, ent.kind)]
    roles = [r for r in ent.roles if not r.default] or list(ent.roles)
    curated = [r for r in roles if r.curated]
    # a dictionary role that a curated role restates (same country, overlapping) adds nothing
    roles = [
        r
        for r in roles
        if r.curated or not any(c.country == r.country and c.lo <= r.hi and r.lo <= c.hi for c in curated)
    ]
    recent = sorted(roles, key=lambda r: (r.lo, r.curated), reverse=True)
    if as_of:
        holding = [r for r in recent if r.holds(as_of)]
        holding.sort(key=lambda r: (r.curated, r.office is not None), reverse=True)
        recent = holding + [r for r in recent if r not in holding]
    if not recent:
        return [person_actor(text, ent, None, False)]
    out: list[Actor] = []
    for r in recent:
        former = bool(as_of) and r.hi < (as_of or "")
        a = person_actor(text, ent, r, former)
        if a not in out:
            out.append(a)
    return out


def lookup(name: str, as_of: str | None = None) -> list[Actor]:
    """Candidate actors for ``name``: roles valid at ``as_of`` first; without a date, all roles
    with the most recent first. Names herald cannot find directly are read as a phrase
    ("NATO chief", "Russian foreign minister"), which names the office holder at ``as_of``."""
    kb = load()
    key = normalize(name)
    out: list[Actor] = []
    met = kb.metonyms.get(key)
    if met is not None:
        for country, sector, code, cname in met.candidates:
            out.append(Actor(name, cname, country, sector, code, None, "country"))
    for i in kb.by_alias.get(key, []):
        for a in _entity_actors(kb.entities[i], name, as_of):
            if a not in out:
                out.append(a)
    if out:
        return out
    phrase = [m.actor for m in resolve_text(name, as_of)]
    if phrase:
        return phrase
    people = [kb.entities[i] for i in _surnames().get(key, [])]
    people.sort(
        key=lambda e: (
            bool(as_of) and any(r.holds(as_of or "") for r in e.roles),
            sum(r.curated for r in e.roles),
        ),
        reverse=True,
    )
    for e in people:
        out.extend(_entity_actors(e, name, as_of))
    return out


@functools.lru_cache(maxsize=1)
def _surnames() -> dict[str, list[int]]:
    """Surname -> people, for looking up "Rasmussen" (built on first use)."""
    index: dict[str, list[int]] = {}
    for e in load().entities:
        if e.kind == "person" and e.aliases:
            parts = e.aliases[0].split()
            if len(parts) >= 2:
                index.setdefault(parts[-1], []).append(e.id)
    return index


def _start(m: Mention) -> int:
    return m.start


def actor_at(doc: Document, start: int, end: int) -> Actor | None:
    """The actor of the mention that covers (or overlaps most) the span [start, end)."""
    mentions = doc.mentions
    if not mentions or end <= start:
        return None
    i = bisect.bisect_right(mentions, start, key=_start)  # mentions are sorted by start
    best: Mention | None = None
    best_overlap = 0
    for m in mentions[max(0, i - 3) : bisect.bisect_left(mentions, end, key=_start)]:
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > best_overlap:
            best, best_overlap = m, overlap
    return best.actor if best is not None else None


def role_terms(actor: Actor) -> list[tuple[str, str | None, str | None]]:
    """The (role, start, end) terms herald knows for a person actor in the actor's country or
    organisation, as full ISO dates (None = open), oldest first."""
    if actor.kind != "person":
        return []
    kb = load()
    i = kb.by_name.get(normalize(actor.name))
    if i is None:
        return []
    roles: list[Role] = [
        r
        for r in kb.entities[i].roles
        if not r.default and (r.country == actor.country or (actor.code and r.code == actor.code))
    ]
    out: list[tuple[str, str | None, str | None]] = []
    for r in sorted(roles, key=lambda r: r.lo):
        term = (r.title or r.code or "", r.lo if r.start else None, r.hi if r.end else None)
        if term not in out:
            out.append(term)
    return out


def _fields(a: Actor) -> tuple[Any, ...]:
    return (a.country, a.sector, a.code, a.role)


def reresolve(doc: Document, as_of: str) -> None:
    """Re-pick roles for ``as_of`` (the time stage's better date) and update in place.

    The actors already handed to quotes and events are the same objects as the mentions'
    (or copies with the same name): both are updated, so every stage sees the new roles.
    """
    if not doc.text or not doc.mentions:
        return
    if doc.nlp is not None:
        ents = spacy_entities(doc.nlp)
    else:
        ents = [
            (m.start, m.end, "PERSON" if m.actor.kind == "person" else "ORG")
            for m in doc.mentions
            if m.via == "entity"
        ]
    fresh = {
        (m.start, m.end): m
        for m in Resolver(load(), doc.text, as_of[:10], doc.nlp, doc.title or "").run(ents)
    }
    changed: dict[str, Actor] = {}
    for m in doc.mentions:
        new = fresh.get((m.start, m.end))
        if new is None or new.actor.name != m.actor.name:
            continue
        if _fields(new.actor) != _fields(m.actor):
            old_name = m.actor.name
            a = m.actor
            a.country, a.sector, a.code, a.role = _fields(new.actor)
            changed.setdefault(old_name, a)
    if not changed:
        return
    placed: list[Actor | None] = [q.speaker_actor for q in doc.quotes]
    placed += [x for e in doc.events for x in (e.source, e.target)]
    for p in placed:
        if p is not None and p.kind == "person" and p.name in changed:
            p.country, p.sector, p.code, p.role = _fields(changed[p.name])
