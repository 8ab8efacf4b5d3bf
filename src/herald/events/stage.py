"""The events stage: PLOVER/CAMEO events with source, target and the sentence that proves them.

``code(docs)`` fills ``doc.events`` for every parsed document. By default the learned coder decides
(:func:`code_learned`, :mod:`herald.events.learned`; docs/events.md): the lexicon rules propose, the
encoder reads each candidate sentence and codes the types it believes, with actors from its tags.
``HERALD_EVENT_CODER=rules`` runs the lexicon coder alone (:func:`code_sentence`): per sentence the
lexicon rules (:mod:`herald.events.rules`) propose coded verbs with their arguments; quotations hand
events said inside them to the speaker; the sentence classifier (:mod:`herald.events.model`) weighs
each proposal's confidence. Its policy, in the order applied:

- no PLOVER category (CAMEO 01x "make statement", plain "said") -> no event;
- no actor on either side, or the same actor code on both -> no event;
- negated -> kept with ``negated=True`` (evidence that it did *not* happen; not counted as the event);
- future CONSULT/SUPPORT/COOPERATE/AID -> AGREE (PLOVER's rule), hypothetical/future -> ``mode``;
- one event per (type, source, target) per sentence, at most ``MAX_PER_SENTENCE``.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, cast

from herald.actors.usage import is_sport
from herald.events.features import sentence_features
from herald.events.learned import decide
from herald.events.learned import model as learned_model
from herald.events.model import plover_probs, sentence_probs
from herald.events.ontology import TYPE_CAMEO, Category, category, score, type_quad
from herald.events.parties import Resolver
from herald.events.rules import (
    HYPO_MARK,
    Candidate,
    analyse,
    tree_arguments,
    tree_aux_mode,
    tree_candidates,
    tree_negated,
)
from herald.events.tree import Tree, tree
from herald.models import Actor, Document, Event, EventMode, EventType, Mention, Quote

MAX_PER_SENTENCE = 4
REPORTING = {
    "say",
    "tell",
    "state",
    "announce",
    "report",
    "claim",
    "add",
    "note",
    "insist",
    "stress",
    "write",
}
QUAD_DEFAULT = {1: "SUPPORT", 2: "COOPERATE", 3: "ACCUSE", 4: "ASSAULT"}
FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
# CAMEO's "express intent to ..." code for a promised consultation, support, cooperation or aid
INTENT = {"04": "036", "05": "032", "06": "031", "07": "033"}
MIN_CONFIDENCE = 0.45  # both actors known
MIN_CONFIDENCE_ONE = 0.55  # only the source or only the target known
MODEL_MIN_PROB = 0.6  # the classifier alone codes a sentence only when this sure
DISPLAY_DEFAULT = 0.8


def code(docs: Iterable[Document]) -> Iterator[Document]:
    """Code the events of each parsed document; documents that are not ok pass through."""
    for doc in docs:
        if doc.ok and doc.nlp is not None:
            try:
                doc.events = code_document(doc)
                doc.plover_type, doc.plover_confidence = story_type(doc)
            except Exception as exc:  # one bad document never stops a batch
                doc.events = []
                doc.error = f"events: {type(exc).__name__}: {exc}"
        yield doc


def story_type(doc: Document) -> tuple[EventType | None, float | None]:
    """The story's PLOVER type by the story classifier over the whole text, with its probability
    (``bench/events_plover.py`` scores this label: one type per story)."""
    probs = plover_probs(doc.nlp[:]) if len(doc.nlp) else None
    if not probs:
        return None, None
    best = max(probs, key=lambda t: probs[t])
    return event_type(best), round(probs[best], 3)


def event_type(value: str) -> EventType:
    """A PLOVER type read from data (the ontology, the lexicon, the models' labels) as the closed type:
    those files hold only ``herald.models.EVENT_TYPES`` (tests/test_types.py checks them)."""
    return cast(EventType, value)


def event_mode(value: str | None) -> EventMode | None:
    """A modality or PLOVER mode read from data (the parse's auxiliaries, the lexicon, the coder's
    labels) as the closed type ``herald.models.EventMode`` (tests/test_types.py checks the files)."""
    return cast("EventMode | None", value)


def coder_name() -> str:
    """``learned`` (the shipped encoder decides, rules and the actors stage propose), or for
    comparison (``HERALD_EVENT_CODER``): ``rules`` (the lexicon alone, herald 0.1's coder) or
    ``encoder`` (the encoder alone: its tagged words as actors, no rules, no actors stage)."""
    choice = os.environ.get("HERALD_EVENT_CODER", "learned")
    if choice == "rules" or not learned_model.available():
        return "rules"
    return "encoder" if choice == "encoder" else "learned"


def code_document(doc: Document) -> list[Event]:
    events = code_sentences(doc, Resolver(doc), list(doc.nlp.sents))
    if events and is_sport(doc.text):
        # the guide: sport is not politics. On a sports page an event stands only when a state,
        # court, police, army, party or armed group takes part ("police arrested the striker")
        events = [e for e in events if _political(e.source) or _political(e.target)]
    return events


_POLITICAL_SECTORS = frozenset(
    {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "OPP", "PTY", "UAF", "INS", "IGO"}
)


def _political(a: Actor | None) -> bool:
    return a is not None and a.code is not None and a.sector in _POLITICAL_SECTORS


def code_sentences(doc: Document, res: Resolver, sents: list[Any]) -> list[Event]:
    """The events of some sentences of a parsed document, by the configured coder."""
    if coder_name() != "rules":
        return code_learned(doc, res, sents)
    events: list[Event] = []
    for sent in sents:
        events.extend(code_sentence(doc, res, sent))
    return events


@functools.cache
def thresholds() -> decide.Thresholds:
    return decide.Thresholds.shipped()


def display_threshold() -> float:
    """The confidence at or above which the store's readers and the web page show events by default:
    the calibrated level at which events were right at least 80% of the time on validation."""
    return learned_model.threshold("display", DISPLAY_DEFAULT) if coder_name() != "rules" else 0.0


def code_learned(doc: Document, res: Resolver, sents: list[Any]) -> list[Event]:
    """The learned coder over the candidate sentences, in one batch."""
    todo: list[tuple[Any, list[Mention], list[tuple[Candidate, Draft]]]] = []
    alone = coder_name() == "encoder"
    for sent in sents:
        t = tree(sent.doc)
        drafts = []
        for c in [] if alone else tree_candidates(res, t, analyse(sent)):
            d = _draft(doc, t, c)
            if d is not None:
                drafts.append((c, d))
        mentions = [] if alone else res.in_span(sent.start_char, sent.end_char)
        if decide.is_candidate(sent, mentions, bool(drafts)):
            todo.append((sent, mentions, drafts))
    # a sentence where the rules propose events of several types: each proposing verb's clause is
    # read apart as well (its own type distribution), in the same batch
    clauses: list[tuple[int, Candidate, Draft]] = []
    for k, (_sent, _m, drafts) in enumerate(todo):
        live = [(c, d) for c, d in drafts if not c.negated]
        if len({d.ptype for _, d in live}) >= 2:
            clauses += [(k, c, d) for c, d in live]
    readings = learned_model.read(
        [s.text for s, _, _ in todo] + [decide.clause_text(c.trigger) for _, c, _ in clauses]
    )
    apart: dict[int, list[tuple[Candidate, Draft, decide.Reading]]] = {}
    for (k, c, d), rc in zip(clauses, readings[len(todo) :], strict=True):
        apart.setdefault(k, []).append((c, d, rc))
    events: list[Event] = []
    for k, ((sent, mentions, drafts), r) in enumerate(zip(todo, readings[: len(todo)], strict=True)):
        events.extend(learned_sentence(doc, sent, mentions, drafts, r, apart.get(k, [])))
    return events


def learned_sentence(
    doc: Document,
    sent: Any,
    mentions: list[Mention],
    drafts: list[tuple[Candidate, Draft]],
    r: decide.Reading,
    apart: list[tuple[Candidate, Draft, decide.Reading]] | None = None,
) -> list[Event]:
    th = thresholds()
    scores = decide.type_scores(r)
    by_type: dict[str, tuple[Candidate, Draft]] = {}
    for c, d in drafts:
        if not c.negated and (d.ptype not in by_type or (c.specific and not by_type[d.ptype][0].specific)):
            by_type[d.ptype] = (c, d)
    chosen = [ty for ty, p in scores.items() if p >= th.emit or (ty in by_type and p >= th.with_rule)]
    if drafts and all(c.negated for c, _ in drafts):
        # the lexicon reads the sentence's event verbs as negated ("did not criticize"): a type the
        # coder finds without a rule of its own is that negated verb misread, not another event
        chosen = [ty for ty in chosen if ty in by_type]
    chosen.sort(key=lambda ty: -scores[ty])
    ev_at = Evidence(sent.text, sent.start_char, sent.end_char)
    out: list[Event] = []
    mode = decide.mode_of(r, th)
    picks = _picks(r, sent, mentions)
    for ty in chosen[:MAX_PER_SENTENCE]:
        rule = by_type.get(ty)
        ev = _learned_event(doc, sent, mentions, r, ty, scores[ty], mode, rule, ev_at, picks=picks)
        if ev is not None and rule is not None and len(by_type) >= 2:
            _own_arguments(ev, rule[1], [d for t, (_c, d) in by_type.items() if t != ty])
        if ev is not None:
            out.append(ev)
            out.extend(_one_per_actor(ev, sent, mentions, picks))
    for c, d, rc in apart or []:  # a verb's own clause, read apart, may add its type
        # the clause tells the type; whether the sentence reports an event is the whole sentence's
        # reading (a clause cut from its sentence reads like a fragment)
        p = max(rc.event, r.event) * rc.types.get(d.ptype, 0.0)
        if d.ptype in chosen or p < th.with_rule or len(out) >= MAX_PER_SENTENCE:
            continue
        ev = _learned_event(doc, sent, [], rc, d.ptype, p, decide.mode_of(rc, th), (c, d), ev_at, tags=False)
        if ev is not None:
            ev.rule += ":clause"
            chosen.append(d.ptype)
            out.append(ev)
    for c, d in drafts:  # the rules' negated proposals: evidence of what did not happen, never counted
        if c.negated and (d.source is not None or d.target is not None):
            out.append(_negated_event(d, c, ev_at, r))
    return out


def _learned_event(
    doc: Document,
    sent: Any,
    mentions: list[Mention],
    r: decide.Reading,
    ty: str,
    score_: float,
    mode: str | None,
    rule: tuple[Candidate, Draft] | None,
    ev_at: Evidence,
    tags: bool = True,
    picks: Picks = (None, None),
) -> Event | None:
    """One coded event; ``tags=False`` (a clause read apart: its tags do not align with the sentence)
    takes the rule's arguments as they are, else ``picks`` are the tagged source and target."""
    src, tgt = picks if tags else (None, None)
    source, target = (src[0] if src else None), (tgt[0] if tgt else None)
    if source is not None and target is not None and decide.same_actor(source, target):
        return None  # one actor tagged on both sides: "Russia praised Russia" is no event
    c, d = rule if rule is not None else (None, None)
    how = ""
    if source is None and d is not None:
        source = d.source
        how = "" if c is None or c.how in ("subject", "agent") else f":{c.how}"  # e.g. ":implied"
    if target is None and d is not None and not decide.same_actor(d.target, source):
        target = d.target
    anchor = c.trigger if c is not None else sent.root
    qi = _quote_at(doc.quotes, anchor.idx)
    if qi is not None and (source is None or source.text.lower() in decide.FIRST_PERSON):
        speaker = doc.quotes[qi].speaker_actor
        if speaker is not None:
            source = speaker
    if source is None and target is None:
        return None
    if source is not None and target is not None and decide.same_actor(source, target):
        target = None
    cameo = d.code if d is not None and d.ptype == ty else TYPE_CAMEO[ty]
    if c is not None and c.aux:
        mode = c.aux  # the parse's auxiliaries and conditions ("could ... if") are the surer witness
    return Event(
        type=event_type(ty),
        mode=event_mode(mode),
        cameo=cameo,
        quad_class=type_quad(ty),
        goldstein=score(ty, None),
        source=source,
        target=target,
        sentence=ev_at.text,
        start=ev_at.start,
        end=ev_at.end,
        negated=False,
        confidence=round(learned_model.calibrated(score_), 3),
        rule="coder" + (f"+{c.rule}{how}" if c is not None else ""),
        quote_index=qi,
        trigger=c.trigger.text if c is not None else anchor.text,
    )


Picks = tuple[tuple[Actor, int] | None, tuple[Actor, int] | None]


def _picks(r: decide.Reading, sent: Any, mentions: list[Mention]) -> Picks:
    """The source and target the coder's tags point at (one reading per sentence), with their tokens."""
    src = decide.pick_at(r, sent, mentions, "source")
    tgt = decide.pick_at(r, sent, mentions, "target", skip=src[1] if src else -1)
    if src is None:  # the tags name no source: the main verb's subject, when it is an actor
        src = decide.syntactic_source(sent, mentions)
        if src is not None and tgt is not None and src[1] == tgt[1]:
            src = None
    if src is not None and decide.is_passive_subject(sent.doc[src[1]]):
        # "Russia has been invited (to NATO's summit)", "Webb was sentenced": the subject of a passive
        # verb is acted upon, never the actor; the actor is the rule's (an agent, or one implied)
        src, tgt = None, src
    return src, tgt


def _one_per_actor(ev: Event, sent: Any, mentions: list[Mention], picks: Picks) -> list[Event]:
    """Copies of ``ev`` for the actors coordinated with its tagged source or target (the guide: one
    event per actor), when the event kept the tagged actor on that side."""
    out: list[Event] = []
    for side, pick in zip(("source", "target"), picks, strict=True):
        mine = getattr(ev, side)
        if pick is None or mine is None or _key(mine) != _key(pick[0]):
            continue
        other = ev.target if side == "source" else ev.source
        seen = {_key(mine), _key(other)}
        countries = {a.country for a in (mine, other) if a is not None and a.country}
        for actor in decide.coordinated(sent, pick[1], mentions):
            if actor.country and actor.country in countries:
                continue  # "Moscow and NATO" beside Russia: the same country is one actor already
            if _key(actor) not in seen:
                seen.add(_key(actor))
                out.append(replace(ev, source=actor) if side == "source" else replace(ev, target=actor))
    return out


def _own_arguments(ev: Event, mine: Draft, others: list[Draft]) -> None:
    """The tags are one per sentence: in "Iran condemned Israel and praised Turkey" they point both
    events at Israel. When a side the tags chose is another verb's argument and this event's own verb
    has a different one, the verb's own argument wins."""
    for side in ("source", "target"):
        got, own = getattr(ev, side), getattr(mine, side)
        if got is None or own is None or _key(got) == _key(own):
            continue
        if any(_key(getattr(d, side)) == _key(got) for d in others):
            setattr(ev, side, own)
    if ev.source is not None and ev.target is not None and _key(ev.source) == _key(ev.target):
        ev.target = None


def _negated_event(d: Draft, c: Candidate, ev_at: Evidence, r: decide.Reading) -> Event:
    return Event(
        type=event_type(d.ptype),
        mode=event_mode(d.mode),
        cameo=d.code,
        quad_class=type_quad(d.ptype) or d.category.quad_class,
        goldstein=score(d.ptype, None),
        source=d.source,
        target=d.target,
        sentence=ev_at.text,
        start=ev_at.start,
        end=ev_at.end,
        negated=True,
        confidence=round(r.negated, 3),
        rule=f"coder+{c.rule}:negated",
        quote_index=d.quote_index,
        trigger=d.trigger,
    )


def _quote_at(quotes: list[Quote], offset: int) -> int | None:
    for i, q in enumerate(quotes):
        if q.start <= offset < q.end:
            return i
    return None


_key = decide.actor_key


@dataclass
class Evidence:
    """The sentence an event is read from, with its offsets (computed once per sentence)."""

    text: str
    start: int
    end: int


def code_sentence(doc: Document, res: Resolver, sent: Any) -> list[Event]:
    start, end = sent.start_char, sent.end_char
    named = bool(res.in_span(start, end))
    infos = analyse(sent)
    t = tree(sent.doc)
    cands = tree_candidates(res, t, infos)
    if not cands and not named:
        return []  # no coded verb and no actor named: nothing the classifier could attach to
    ev_at = Evidence(t.text[start:end], start, end)
    # the classifier weighs the rules' confidence: run it once, and only when an event needs it
    probs: list[float] | None = None
    scored = False
    best: dict[tuple[str, str | None, str | None, bool], Event] = {}
    for c in cands:
        draft = _draft(doc, t, c)
        if draft is None:
            continue
        if not scored:
            probs, scored = sentence_probs(sent, sentence_features(sent, infos)), True
        ev = _event(ev_at, c, draft, probs)
        if ev is None:
            continue
        k = (ev.type, _key(ev.source), _key(ev.target), ev.negated)
        if k not in best or best[k].confidence < ev.confidence:
            best[k] = ev
    if not any(not e.negated for e in best.values()):
        fallback = _fallback(res, t, sent)
        if fallback is not None:  # only now is the classifier worth running
            if not scored:
                probs, scored = sentence_probs(sent, sentence_features(sent, infos)), True
            ev = _model_event(doc, t, sent, ev_at, probs, fallback) if probs is not None else None
            if ev is not None:
                best[(ev.type, _key(ev.source), _key(ev.target), ev.negated)] = ev
    kept = sorted(best.values(), key=lambda e: -e.confidence)[:MAX_PER_SENTENCE]
    return sorted(kept, key=lambda e: (e.start, e.trigger or ""))


def _main_verb(t: Tree, sent: Any) -> int | None:
    """The sentence's main verb, looking through a reporting verb to what it reports."""
    verb = t.root(sent.start, sent.end)
    if verb is None:
        verb = sent.root.i
    dep, pos = t.dep, t.pos
    for _ in range(3):
        if t.lemma[verb] not in REPORTING:
            break
        inner = [c for c in t.kids[verb] if dep[c] in ("ccomp", "xcomp") and pos[c] in ("VERB", "AUX")]
        if not inner:
            return None
        verb = inner[0]
    return verb if pos[verb] in ("VERB", "AUX") else None


Fallback = tuple[Any, Actor, Actor | None, str]


def _fallback_arguments(res: Resolver, sent: Any) -> Fallback | None:
    """(main verb, source, target, how) when the classifier alone may code the sentence: the
    parse gives a political actor as the doer of the main verb, and another actor or none as its
    target."""
    fb = _fallback(res, tree(sent.doc), sent)
    return None if fb is None else (sent.doc[fb[0]], *fb[1:])


def _fallback(res: Resolver, t: Tree, sent: Any) -> tuple[int, Actor, Actor | None, str] | None:
    verb = _main_verb(t, sent)
    if verb is None or _open_question(t, verb):
        return None
    source, target, how, _subj = tree_arguments(res, t, verb)
    if source is None or not (source.code or source.sector):
        return None  # the classifier alone needs a political actor as the doer
    if target is not None and _key(source) == _key(target):
        return None
    return verb, source, target, how


def _open_question(t: Tree, verb: int) -> bool:
    """ "will decide whether or not to attend", "asked if it would join": the main verb's
    complement is a question still open, so the classifier's sense of the topic is no event."""
    dep, lower = t.dep, t.lower
    for c in t.kids[verb]:
        if dep[c] in ("ccomp", "xcomp") and any(
            dep[g] == "mark" and lower[g] in HYPO_MARK for g in t.kids[c]
        ):
            return True
    return False


def _model_event(
    doc: Document,
    t: Tree,
    sent: Any,
    ev_at: Evidence,
    probs: list[float],
    args: tuple[int, Actor, Actor | None, str],
) -> Event | None:
    """The classifier's event for a sentence the rules do not code: only when it is sure of a
    QuadClass and the parse gives at least one actor; the type is the PLOVER model's best type of
    that quad class."""
    q = max(range(1, 5), key=lambda k: probs[k])
    if probs[q] < MODEL_MIN_PROB or probs[q] < probs[0]:
        return None
    verb, source, target, how = args
    types = plover_probs(sent) or {}
    same = {ty: p for ty, p in types.items() if type_quad(ty) == q}
    ptype = max(same, key=lambda ty: same[ty]) if same else QUAD_DEFAULT[q]
    mode = tree_aux_mode(t, verb)
    if mode is not None and target is None:
        return None  # a hedged or announced act with no one on its receiving end: too weak alone
    if mode == "future" and ptype in FUTURE_TO_AGREE:
        ptype, q = "AGREE", type_quad("AGREE")
    qi = _quote_at(doc.quotes, t.idx[verb])
    return Event(
        type=event_type(ptype),
        mode=event_mode(mode),
        cameo=TYPE_CAMEO[ptype],
        quad_class=q,
        goldstein=score(ptype, None),
        source=source,
        target=target,
        sentence=ev_at.text,
        start=ev_at.start,
        end=ev_at.end,
        negated=tree_negated(t, verb),
        confidence=round(0.8 * probs[q], 3),
        rule="model:quad+plover" + ("" if how in ("subject", "agent") else f":{how}"),
        quote_index=qi,
        trigger=t.orth[verb],
    )


def _speaker_clause(t: Tree, verb: int) -> bool:
    """A quoted main clause with no subject of its own ("Will never accept it.") is the
    speaker's; a subordinate verb without a subject is not ("called for intensifying ...")."""
    dep = t.dep
    return dep[verb] == "ROOT" and not any(dep[c] in ("nsubj", "nsubjpass", "expl") for c in t.kids[verb])


@dataclass
class Draft:
    """What an event of a candidate is before the classifier weighs it."""

    ptype: str
    mode: str | None
    code: str
    category: Category
    source: Actor | None
    target: Actor | None
    quote_index: int | None
    trigger: str


def _draft(doc: Document, t: Tree, c: Candidate) -> Draft | None:
    """The candidate's event up to its confidence, or None when it is no event whatever the
    classifier says (no PLOVER category, no actor, the same actor on both sides)."""
    cat = category(c.code)
    if cat is None:
        return None
    i = c.trigger.i
    if not c.specific and _open_question(t, i):
        return None  # "will decide whether to attend": the verb's default code is no decision yet
    qi = _quote_at(doc.quotes, t.idx[i])
    c.quote_index = qi
    source = c.source
    if qi is not None and (c.how == "first-person" or (source is None and _speaker_clause(t, i))):
        speaker = doc.quotes[qi].speaker_actor
        if speaker is not None:
            source, c.how = speaker, "speaker"
    elif c.how == "first-person":
        source = None
    target = c.target
    if source is None and target is None:
        return None
    if source is not None and target is not None and _key(source) == _key(target):
        return None
    ptype, mode, code = cat.type, cat.mode, c.code
    if c.aux == "future" and ptype in FUTURE_TO_AGREE:
        ptype, code = "AGREE", INTENT.get(code[:2], "030")
    if c.aux:
        mode = c.aux
    return Draft(ptype, mode, code, cat, source, target, qi, t.orth[i])


def _event(ev_at: Evidence, c: Candidate, d: Draft, probs: list[float] | None) -> Event | None:
    source, target, ptype, cat = d.source, d.target, d.ptype, d.category
    conf = _confidence(c, source, target, ptype, probs)
    if conf < (MIN_CONFIDENCE if source is not None and target is not None else MIN_CONFIDENCE_ONE):
        return None
    return Event(
        type=event_type(ptype),
        mode=event_mode(d.mode),
        cameo=d.code,
        quad_class=type_quad(ptype) or cat.quad_class,
        goldstein=score(ptype, cat.mode if ptype == cat.type else None),
        source=source,
        target=target,
        sentence=ev_at.text,
        start=ev_at.start,
        end=ev_at.end,
        negated=c.negated,
        confidence=round(conf, 3),
        rule=c.rule + ("" if c.how in ("subject", "agent") else f":{c.how}"),
        quote_index=d.quote_index,
        trigger=d.trigger,
    )


def _confidence(
    c: Candidate, source: Actor | None, target: Actor | None, ptype: str, probs: list[float] | None
) -> float:
    """Rule evidence (a specific pattern beats a bare verb; both actors beat one; an implied agent
    or a hypothetical is weaker) blended with the sentence classifier's belief in the quad class."""
    conf = 0.7 if c.specific else 0.6
    conf += 0.1 if (source is not None and target is not None) else -0.1
    if c.how == "implied":
        conf -= 0.1
    if c.aux == "hypothetical":
        conf -= 0.1
    if probs is not None:
        q = type_quad(ptype)
        p = probs[q] if 0 < q < len(probs) else 0.0
        conf = 0.6 * conf + 0.4 * (0.5 + p) / 1.5 * 1.0
    return max(0.0, min(1.0, conf))
