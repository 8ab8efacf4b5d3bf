"""Dependency-pattern rules: verbs of the CAMEO lexicon, their arguments, negation and mood.

For each verb of a sentence that the lexicon knows, the words around it (subject side, objects,
prepositional phrases) select a CAMEO code; the parse gives the source (subject, or the agent of a
passive) and the target (object, or its possessor when the object is a thing: "praised NATO's
ideas"), and the verb's dependents give negation ("did not condemn") and the auxiliary mode
(future "will meet", hypothetical "could attack", "if ..."). Verbs without their own subject take it
from the verb they are coordinated with or depend on ("praised X but lamented Y").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from herald.events.lexicon import Match, lexicon
from herald.events.parties import FIRST_PERSON, Resolver, generic_actor
from herald.models import Actor

SUBJ = {"nsubj", "nsubjpass", "csubj", "csubjpass"}
POST = {"dobj", "attr", "dative", "oprd", "prt", "acomp", "xcomp", "iobj", "obj"}
TARGET_PREPS = (
    "against",
    "on",
    "with",
    "to",
    "toward",
    "towards",
    "at",
    "regarding",
    "into",
    "over",
    "from",
    "for",
    "of",
    "in",
)
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPO_AUX = {"would", "could", "might", "may", "should", "can", "must", "ca"}
HYPO_MARK = {"if", "whether", "unless"}
FUTURE_HEADS = {
    "plan",
    "intend",
    "prepare",
    "expect",
    "aim",
    "decide",
    "agree",
    "promise",
    "pledge",
    "vow",
    "offer",
    "schedule",
    "set",
}
HYPO_HEADS = {
    "want",
    "hope",
    "wish",
    "consider",
    "seek",
    "try",
    "propose",
    "threaten",
    "need",
    "urge",
    "call",
    "ask",
}
NEG_HEADS = {"refuse", "decline", "fail", "reject", "deny", "avoid", "stop", "cease"}
# Verbs whose open complement is the content of the event they report ("invited X to take part",
# "urged X to withdraw"): the complement is not a separate event.
CONTENT_HEADS = {
    "invite",
    "ask",
    "urge",
    "call",
    "demand",
    "request",
    "encourage",
    "press",
    "persuade",
    "order",
    "tell",
    "warn",
    "threaten",
    "accuse",
    "blame",
    "allow",
    "force",
}


@dataclass
class Candidate:
    """One coded verb before it becomes an :class:`Event`."""

    trigger: Any  # spaCy Token
    code: str
    rule: str
    specific: bool
    source: Actor | None
    target: Actor | None
    how: str  # subject | agent | implied | speaker
    negated: bool
    aux: str | None  # future | hypothetical
    quote_index: int | None = None


def _words(tokens: Any) -> frozenset[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return frozenset(out)


def regions(verb: Any) -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]], set[str]]:
    """Words before the verb (subjects), after it (objects), inside its prepositional phrases,
    and the particles/prepositions next to it (for phrasal verbs)."""
    pre_toks: list[Any] = []
    post_toks: list[Any] = []
    preps: dict[str, set[str]] = {}
    near: set[str] = set()
    subj = subject_token(verb)
    if subj is not None:
        pre_toks.extend(subj.subtree)
    for c in verb.children:
        if c.dep_ in ("prt", "prep", "agent"):
            near.add(c.lower_)
        if c.i > verb.i and c.dep_ in POST:
            post_toks.extend(c.subtree)
            for g in c.children:
                if g.dep_ == "prep":
                    preps.setdefault(g.lower_, set()).update(_words(g.subtree))
        if c.dep_ in ("prep", "agent", "dative"):
            preps.setdefault(c.lower_, set()).update(_words(c.subtree))
    return _words(pre_toks), _words(post_toks), {k: frozenset(v) for k, v in preps.items()}, near


def subject_token(verb: Any, depth: int = 0) -> Any | None:
    """The verb's own subject, else the one it inherits (conjunct, open complement, relative)."""
    for c in verb.children:
        if c.dep_ in SUBJ:
            if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                return verb.head
            return c
    if depth > 3 or verb.head is verb:
        return None
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return subject_token(verb.head, depth + 1)
    return None


def is_passive(verb: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def negated(verb: Any) -> bool:
    """ "did not condemn", "never attacked"; and a complement of a negated or refusing verb
    ("did not seem ready to agree", "refused to meet")."""
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)) for c in verb.children):
        return True
    if verb.dep_ == "xcomp":
        head = verb.head
        if head.lemma_.lower() in NEG_HEADS or any(c.dep_ == "neg" for c in head.children):
            return True
        if head.dep_ in ("acomp", "xcomp") and any(c.dep_ == "neg" for c in head.head.children):
            return True
    return False


def aux_mode(verb: Any, question: bool = False) -> str | None:
    """PLOVER's auxiliary modes that the verb's own dependents show: future or hypothetical."""
    for c in verb.children:
        if c.dep_ == "aux":
            w = c.lower_
            if w in HYPO_AUX:
                return "hypothetical"
            if w in FUTURE_AUX:
                return "future"
        if c.dep_ == "mark" and c.lower_ in HYPO_MARK:
            return "hypothetical"
    node = verb
    for _ in range(3):
        if node.dep_ not in ("xcomp", "ccomp", "advcl", "conj") or node.head is node:
            break
        head = node.head
        lemma = head.lemma_.lower()
        if node.dep_ == "xcomp" and lemma in HYPO_HEADS:
            return "hypothetical"
        if node.dep_ == "xcomp" and lemma in FUTURE_HEADS:
            return "future"
        if any(c.dep_ == "mark" and c.lower_ in HYPO_MARK for c in node.children):
            return "hypothetical"
        if node.dep_ == "conj":
            node = head
            continue
        return aux_mode(head) if node.dep_ == "xcomp" else None
    return "hypothetical" if question else None


def _arg_actor(res: Resolver, tok: Any, possessor: bool) -> Actor | None:
    """An argument's actor: the token itself, a conjunct, then (for things) its possessor or the
    object of its "of" ("the head of NATO")."""
    a = res.at_token(tok)
    if a is not None:
        return a
    for c in tok.children:
        if c.dep_ == "conj":
            a = res.at_token(c)
            if a is not None:
                return a
    for c in tok.children:
        if c.dep_ == "poss" and (possessor or tok.pos_ in ("NOUN", "PROPN")):
            a = res.at_token(c)
            if a is not None:
                return a
        if c.dep_ == "prep" and c.lower_ in ("of", "from"):
            for g in c.children:
                if g.dep_ == "pobj":
                    a = res.at_token(g)
                    if a is not None:
                        return a
    return generic_actor(tok)


def _target(res: Resolver, verb: Any) -> Actor | None:
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "iobj", "obj", "attr"):
            a = _arg_actor(res, c, possessor=True)
            if a is not None:
                return a
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ in TARGET_PREPS:
                    for p in g.children:
                        if p.dep_ == "pobj":
                            a = _arg_actor(res, p, possessor=True)
                            if a is not None:
                                return a
    for prep in TARGET_PREPS:
        for c in verb.children:
            if c.dep_ in ("prep", "dative") and c.lower_ == prep:
                for p in c.children:
                    if p.dep_ == "pobj":
                        a = _arg_actor(res, p, possessor=True)
                        if a is not None:
                            return a
    for c in verb.children:
        if c.dep_ == "xcomp":
            for g in c.children:
                if g.dep_ in ("dobj", "dative"):
                    a = _arg_actor(res, g, possessor=True)
                    if a is not None:
                        return a
    return None


def _implied_agent(res: Resolver, verb: Any, exclude: Any) -> Actor | None:
    """A passive with no "by ...": the owner of what the target is drawn into is the agent
    ("X has been invited to the organization's summit" -> the organization invited X)."""
    skip = set(t.i for t in exclude.subtree) if exclude is not None else set()
    for t in verb.subtree:
        if t.i in skip or t.dep_ != "poss":
            continue
        a = res.at_token(t)
        if a is not None:
            return a
    return None


def arguments(res: Resolver, verb: Any) -> tuple[Actor | None, Actor | None, str, Any | None]:
    """(source, target, how the source was found, subject token)."""
    subj = subject_token(verb)
    if is_passive(verb):
        target = _arg_actor(res, subj, possessor=False) if subj is not None else None
        for c in verb.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return _arg_actor(res, p, possessor=False), target, "agent", subj
        return _implied_agent(res, verb, subj), target, "implied", subj
    source = _arg_actor(res, subj, possessor=False) if subj is not None else None
    return source, _target(res, verb), "subject", subj


def reporting_use(verb: Any) -> bool:
    """A verb used to report speech ('"...," Lavrov agreed'; "warned that ..."): it carries a
    clause, not an object, so its default code says nothing about who did what to whom."""
    kids = [c.dep_ for c in verb.children]
    return "ccomp" in kids and not any(d in kids for d in ("dobj", "dative", "iobj", "prep", "agent"))


@dataclass
class VerbInfo:
    """What the lexicon and the parse say about one verb (computed once per sentence, shared by
    the rules and the classifier's features)."""

    tok: Any
    lemma: str
    match: Match | None
    negated: bool
    aux: str | None


def analyse(sent: Any) -> list[VerbInfo]:
    lex = lexicon()
    question = sent.text.rstrip().endswith("?")
    out = []
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        lemma = tok.lemma_.lower()
        m = None
        if lex.knows(lemma):
            pre, post, preps, near = regions(tok)
            entry = lex.lookup(lemma, near)
            m = lex.match(entry, pre, post, preps) if entry is not None else None
        out.append(VerbInfo(tok, lemma, m, negated(tok), aux_mode(tok, question)))
    return out


def candidates(res: Resolver, sent: Any, infos: list[VerbInfo] | None = None) -> list[Candidate]:
    """Every lexicon verb of the sentence that codes an event."""
    out: list[Candidate] = []
    for v in infos if infos is not None else analyse(sent):
        tok, m = v.tok, v.match
        if m is None or m.code is None:
            continue
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in CONTENT_HEADS:
            continue
        if not m.specific and reporting_use(tok):
            continue
        source, target, how, subj = arguments(res, tok)
        if subj is not None and subj.lower_ in FIRST_PERSON:
            how = "first-person"
        out.append(Candidate(tok, m.code, m.rule, m.specific, source, target, how, v.negated, v.aux))
    return out
