"""Dependency-pattern rules: verbs of the CAMEO lexicon, their arguments, negation and mood.

For each verb of a sentence that the lexicon knows, the words around it (subject side, objects,
prepositional phrases) select a CAMEO code; the parse gives the source (subject, or the agent of a
passive) and the target (object, or its possessor when the object is a thing: "praised NATO's
ideas"), and the verb's dependents give negation ("did not condemn") and the auxiliary mode
(future "will meet", hypothetical "could attack", "if ..."). Verbs without their own subject take it
from the verb they are coordinated with or depend on ("praised X but lamented Y").

The rules walk a :class:`Tree`, a plain-Python copy of the parse made once per document (parallel
lists of strings and child indices, see ``docs/events.md``, "Speed"), not spaCy ``Token`` objects:
every ``Token`` attribute read creates an object, and the walks below read about 300 per sentence.
The token-taking functions (``subject_token``, ``negated``, ``aux_mode``, ``arguments``, ...) stay
as the public interface; each is a thin wrapper over its tree version (``_subject`` ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from herald.events.lexicon import Match, lexicon
from herald.events.parties import FIRST_PERSON, Resolver, generic_at
from herald.events.tree import Tree, tree
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


POST_OR_PREP = ("prep", "agent", "dative")
NEAR_DEPS = ("prt", "prep", "agent")
ARG_DEPS = ("dobj", "dative", "iobj", "obj", "attr")


# --- the rules over the tree -----------------------------------------------------------------------


def _regions(t: Tree, verb: int) -> tuple[set[str], set[str], dict[str, set[str]], set[str]]:
    """:func:`regions` as plain sets (the lexicon only reads them)."""
    dep, lower, kids, words = t.dep, t.lower, t.kids, t.words
    preps: dict[str, set[str]] = {}
    near: set[str] = set()
    post: list[int] = []
    subj = _subject(t, verb)
    pre = words(subj) if subj is not None else set()
    for c in kids[verb]:
        d = dep[c]
        if d in NEAR_DEPS:
            near.add(lower[c])
        if c > verb and d in POST:
            post.extend(t.subtree(c))
            for g in kids[c]:
                if dep[g] == "prep":
                    inside = preps.get(lower[g])
                    if inside is None:
                        preps[lower[g]] = words(g)
                    else:
                        inside |= words(g)
        if d in POST_OR_PREP:
            inside = preps.get(lower[c])
            if inside is None:
                preps[lower[c]] = words(c)
            else:
                inside |= words(c)
    if post:
        pick = itemgetter(*post)
        post_words = set(pick(lower)) if len(post) > 1 else {lower[post[0]]}
        post_words.update(pick(t.lemma) if len(post) > 1 else (t.lemma[post[0]],))
    else:
        post_words = set()
    return pre, post_words, preps, near


def _subject(t: Tree, verb: int, depth: int = 0) -> int | None:
    dep = t.dep
    for c in t.kids[verb]:
        if dep[c] in SUBJ:
            if dep[verb] == "relcl" and t.lower[c] in ("who", "which", "that"):
                return t.head[verb]
            return c
    # (a root is its own head; the walk below then ends by depth, as the token version does)
    if depth > 3:
        return None
    d = dep[verb]
    if d == "relcl":
        return t.head[verb]
    if d in ("conj", "xcomp", "advcl") and t.pos[t.head[verb]] in ("VERB", "AUX"):
        return _subject(t, t.head[verb], depth + 1)
    return None


def _is_passive(t: Tree, verb: int) -> bool:
    dep = t.dep
    return any(dep[c] in ("auxpass", "nsubjpass") for c in t.kids[verb])


def tree_negated(t: Tree, verb: int) -> bool:
    dep, kids = t.dep, t.kids
    for c in kids[verb]:
        if dep[c] == "neg" or (dep[c] == "advmod" and t.lower[c] == "never"):
            return True
    if dep[verb] == "xcomp":
        head = t.head[verb]
        if t.lemma[head] in NEG_HEADS or any(dep[c] == "neg" for c in kids[head]):
            return True
        if dep[head] in ("acomp", "xcomp") and any(dep[c] == "neg" for c in kids[t.head[head]]):
            return True
    return False


def _has_hypo_mark(t: Tree, node: int) -> bool:
    dep, lower = t.dep, t.lower
    return any(dep[c] == "mark" and lower[c] in HYPO_MARK for c in t.kids[node])


def tree_aux_mode(t: Tree, verb: int, question: bool = False) -> str | None:
    dep, lower = t.dep, t.lower
    for c in t.kids[verb]:
        d = dep[c]
        if d == "aux":
            w = lower[c]
            if w in HYPO_AUX:
                return "hypothetical"
            if w in FUTURE_AUX:
                return "future"
        if d == "mark" and lower[c] in HYPO_MARK:
            return "hypothetical"
    node = verb
    for _ in range(3):
        nd = dep[node]
        if nd not in ("xcomp", "ccomp", "advcl", "conj"):
            break
        head = t.head[node]
        lemma = t.lemma[head]
        if nd == "xcomp" and lemma in HYPO_HEADS:
            return "hypothetical"
        if nd == "xcomp" and lemma in FUTURE_HEADS:
            return "future"
        if _has_hypo_mark(t, node):
            return "hypothetical"
        if nd == "conj":
            node = head
            continue
        return tree_aux_mode(t, head) if nd == "xcomp" else None
    return "hypothetical" if question else None


def _arg_actor(res: Resolver, t: Tree, tok: int, possessor: bool) -> Actor | None:
    """An argument's actor: the token itself, a conjunct, then (for things) its possessor or the
    object of its "of" ("the head of NATO")."""
    a = res.at(t, tok)
    if a is not None:
        return a
    dep, kids = t.dep, t.kids[tok]
    for c in kids:
        if dep[c] == "conj":
            a = res.at(t, c)
            if a is not None:
                return a
    for c in kids:
        d = dep[c]
        if d == "poss" and (possessor or t.pos[tok] in ("NOUN", "PROPN")):
            a = res.at(t, c)
            if a is not None:
                return a
        if d == "prep" and t.lower[c] in ("of", "from"):
            for g in t.kids[c]:
                if dep[g] == "pobj":
                    a = res.at(t, g)
                    if a is not None:
                        return a
    return generic_at(t, tok)


def _pobj_actor(res: Resolver, t: Tree, prep: int) -> Actor | None:
    dep = t.dep
    for p in t.kids[prep]:
        if dep[p] == "pobj":
            a = _arg_actor(res, t, p, possessor=True)
            if a is not None:
                return a
    return None


def _target(res: Resolver, t: Tree, verb: int) -> Actor | None:
    dep, lower, kids = t.dep, t.lower, t.kids
    for c in kids[verb]:
        if dep[c] in ARG_DEPS:
            a = _arg_actor(res, t, c, possessor=True)
            if a is not None:
                return a
            for g in kids[c]:
                if dep[g] == "prep" and lower[g] in TARGET_PREPS:
                    a = _pobj_actor(res, t, g)
                    if a is not None:
                        return a
    # prepositions in TARGET_PREPS order (the first preposition that yields an actor wins)
    preps = [c for c in kids[verb] if dep[c] in ("prep", "dative") and lower[c] in TARGET_PREPS]
    if preps:
        for prep in TARGET_PREPS:
            for c in preps:
                if lower[c] == prep:
                    a = _pobj_actor(res, t, c)
                    if a is not None:
                        return a
    for c in kids[verb]:
        if dep[c] == "xcomp":
            for g in kids[c]:
                if dep[g] in ("dobj", "dative"):
                    a = _arg_actor(res, t, g, possessor=True)
                    if a is not None:
                        return a
    return None


def _implied_agent(res: Resolver, t: Tree, verb: int, exclude: int | None) -> Actor | None:
    """A passive with no "by ...": the owner of what the target is drawn into is the agent
    ("X has been invited to the organization's summit" -> the organization invited X)."""
    skip = set(t.subtree(exclude)) if exclude is not None else set()
    dep = t.dep
    for j in t.ordered_subtree(verb):
        if j in skip or dep[j] != "poss":
            continue
        a = res.at(t, j)
        if a is not None:
            return a
    return None


def tree_arguments(res: Resolver, t: Tree, verb: int) -> tuple[Actor | None, Actor | None, str, int | None]:
    subj = _subject(t, verb)
    if _is_passive(t, verb):
        target = _arg_actor(res, t, subj, possessor=False) if subj is not None else None
        dep = t.dep
        for c in t.kids[verb]:
            if dep[c] == "agent":
                for p in t.kids[c]:
                    if dep[p] == "pobj":
                        return _arg_actor(res, t, p, possessor=False), target, "agent", subj
        return _implied_agent(res, t, verb, subj), target, "implied", subj
    source = _arg_actor(res, t, subj, possessor=False) if subj is not None else None
    return source, _target(res, t, verb), "subject", subj


def _reporting_use(t: Tree, verb: int) -> bool:
    kids = [t.dep[c] for c in t.kids[verb]]
    return "ccomp" in kids and not any(d in kids for d in ("dobj", "dative", "iobj", "prep", "agent"))


# --- the public, token-taking interface ------------------------------------------------------------


def _words(tokens: Any) -> frozenset[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return frozenset(out)


def regions(verb: Any) -> tuple[frozenset[str], frozenset[str], dict[str, frozenset[str]], set[str]]:
    """Words before the verb (subjects), after it (objects), inside its prepositional phrases,
    and the particles/prepositions next to it (for phrasal verbs)."""
    pre, post, preps, near = _regions(tree(verb.doc), verb.i)
    return frozenset(pre), frozenset(post), {k: frozenset(v) for k, v in preps.items()}, near


def subject_token(verb: Any, depth: int = 0) -> Any | None:
    """The verb's own subject, else the one it inherits (conjunct, open complement, relative)."""
    i = _subject(tree(verb.doc), verb.i, depth)
    return None if i is None else verb.doc[i]


def is_passive(verb: Any) -> bool:
    return _is_passive(tree(verb.doc), verb.i)


def negated(verb: Any) -> bool:
    """ "did not condemn", "never attacked"; and a complement of a negated or refusing verb
    ("did not seem ready to agree", "refused to meet")."""
    return tree_negated(tree(verb.doc), verb.i)


def aux_mode(verb: Any, question: bool = False) -> str | None:
    """PLOVER's auxiliary modes that the verb's own dependents show: future or hypothetical."""
    return tree_aux_mode(tree(verb.doc), verb.i, question)


def arguments(res: Resolver, verb: Any) -> tuple[Actor | None, Actor | None, str, Any | None]:
    """(source, target, how the source was found, subject token)."""
    source, target, how, subj = tree_arguments(res, tree(verb.doc), verb.i)
    return source, target, how, (None if subj is None else verb.doc[subj])


def reporting_use(verb: Any) -> bool:
    """A verb used to report speech ('"...," Lavrov agreed'; "warned that ..."): it carries a
    clause, not an object, so its default code says nothing about who did what to whom."""
    return _reporting_use(tree(verb.doc), verb.i)


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
    """Every verb of the sentence with its lexicon match, negation and mode.

    Computed once per sentence and kept with the document's tree: the stage, the classifier's
    features and the story model all ask for the same sentence.
    """
    doc = sent.doc
    t = tree(doc)
    start, end = sent.start, sent.end
    done = t.infos.get((start, end))
    if done is None:
        done = t.infos[(start, end)] = _analyse(t, start, end)
    # VerbInfo holds spaCy tokens, which hold the doc: the tree keeps plain values only, or the
    # doc would never be freed (the trees are weakly keyed by the doc)
    return [VerbInfo(doc[i], lemma, m, neg, aux) for i, lemma, m, neg, aux in done]


def _analyse(t: Tree, start: int, end: int) -> list[tuple[int, str, Match | None, bool, str | None]]:
    pos = t.pos
    verbs = [i for i in range(start, end) if pos[i] == "VERB"]
    if not verbs:
        return []
    out = []
    lex = lexicon()
    question = t.span_text(start, end).rstrip().endswith("?")
    known = t.verbs
    for i in verbs:
        lemma = t.lemma[i]
        hit = known.get(i)
        if hit is None:
            m = None
            if lex.knows(lemma):
                pre, post, preps, near = _regions(t, i)
                entry = lex.lookup(lemma, near)
                m = lex.match(entry, pre, post, preps) if entry is not None else None
            hit = known[i] = (m, tree_negated(t, i))
        out.append((i, lemma, hit[0], hit[1], tree_aux_mode(t, i, question)))
    return out


def candidates(res: Resolver, sent: Any, infos: list[VerbInfo] | None = None) -> list[Candidate]:
    """Every lexicon verb of the sentence that codes an event."""
    return tree_candidates(res, tree(sent.doc), infos if infos is not None else analyse(sent))


def tree_candidates(res: Resolver, t: Tree, infos: list[VerbInfo]) -> list[Candidate]:
    out: list[Candidate] = []
    dep, lemma = t.dep, t.lemma
    for v in infos:
        m = v.match
        if m is None or m.code is None:
            continue
        i = v.tok.i
        if dep[i] == "xcomp" and lemma[t.head[i]] in CONTENT_HEADS:
            continue
        if not m.specific and _reporting_use(t, i):
            continue
        source, target, how, subj = tree_arguments(res, t, i)
        if subj is not None and t.lower[subj] in FIRST_PERSON:
            how = "first-person"
        out.append(Candidate(v.tok, m.code, m.rule, m.specific, source, target, how, v.negated, v.aux))
    return out
