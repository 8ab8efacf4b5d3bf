"""Quotation attribution over one parsed article: direct quotes, then reported speech.

Direct quotations are found by their marks (:mod:`herald.quotes.marks`) and attributed with the
parse: the reporting verb right after the quotation ("...," he said) wins, then the nearest one
before it (Lavrov said: "..."). A verb whose clause holds the quotation together with words of
the writer ("saying they "reflect ..."") makes a *mixed* quote whose text is that clause. Two
quotations sharing one cue are one split quote. A quotation with no cue that starts a paragraph
carries over the speaker of the previous paragraph, the way news writes long statements.

Reported speech is every remaining cue with a holder and content: a verb's clausal complement
("said (that) ..."), its object for verbs like "accuse"/"deny"/"urge"/"want", the clause around a
parenthetical cue ("The risk, he said, is ..."), the clause that "according to X" attaches to, or
the object of a noun or adjective cue ("his attacks on X", "critical of X"). Quoted titles and
short scare quotes with no cue are not quotations.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.symbols import IDS

from herald.actors.names import ROLE_NOUNS, wordset
from herald.models import PART_JOIN, Document, Quote
from herald.quotes import learned, tagged
from herald.quotes.cues import (
    ACCORDING,
    ADJ_CUES,
    ATTITUDE,
    ATTITUDE_FREE,
    FINDING,
    HOLDERS,
    NEEDS_CLAUSE,
    NOUN_CUES,
    OBJECT_CONTENT,
    RECORDS,
    SPEECH,
)
from herald.quotes.marks import QuoteSpan, find_quotes
from herald.quotes.speakers import Speaker, SpeakerIndex
from herald.quotes.stance import polarity

_CONTENT_DEPS = ("dobj", "prep", "xcomp", "dative", "ccomp", "obj", "oprd", "attr", "pcomp")
_STATEMENT_NOUNS = wordset("statement release letter tweet post interview ad video report memo email message")
_TERMINAL = (".", "?", "!", "…")
_MAX_CUE_GAP = 6  # tokens allowed between a cue before a quotation and its opening mark
_MIN_CONTENT_WORDS = 1
_CARRY_MIN_WORDS = 5
_MIN_CLAUSE_QUOTE_WORDS = 3


@dataclass
class _Attr:
    """One attribution being built: a text span, its cue and speaker."""

    start: int
    end: int
    kind: str
    cue: Any  # spaCy token or None
    speaker: Speaker | None
    para: int
    confidence: float
    spans: list[QuoteSpan]


_PARA_START = re.compile(r"\n(?=[^\n])")


class _Article:
    """Per-article lookups shared by the direct and reported passes."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sp = doc.nlp
        self.text: str = doc.text
        self.quotes = find_quotes(self.text)
        n = len(self.sp)
        self.mask = [-1] * n  # per token: index of the quotation it lies in, else -1
        self.tok_starts = [t.idx for t in self.sp]
        for qi, q in enumerate(self.quotes):
            a = bisect.bisect_left(self.tok_starts, q.opened)
            b = bisect.bisect_right(self.tok_starts, q.end)
            for i in range(a, b):
                self.mask[i] = qi
        text = self.text
        # every character after a newline that is not itself one (a scan in C, not a Python loop)
        self.para_starts = [0] + [m.end() for m in _PARA_START.finditer(text)]
        self.speakers = SpeakerIndex.build(doc, [m >= 0 for m in self.mask])

    def para(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def token_at(self, char: int) -> int:
        """Index of the token starting at or after ``char`` (len(doc) if none)."""
        return bisect.bisect_left(self.tok_starts, char)


# --- cues and subjects --------------------------------------------------------------------------
def _is_cue(tok: Any, reported: bool = False) -> bool:
    """Whether ``tok`` introduces speech; ``reported`` also admits stance and belief verbs,
    which attribute a paraphrase but are too loose to attribute a verbatim quotation."""
    lemma = tok.lemma_
    if tok.lower_ in ACCORDING:
        return any(c.lower_ == "to" for c in tok.children)
    if tok.pos_ != "VERB":
        return False
    if reported and lemma in ATTITUDE:
        if _clause(tok) is not None:
            return True
        if lemma in FINDING:
            return _record_subject(tok)
        return (lemma in ATTITUDE_FREE or lemma not in NEEDS_CLAUSE) and _holder_subject(tok)
    if not (lemma in SPEECH or lemma in OBJECT_CONTENT):
        return False
    return lemma not in NEEDS_CLAUSE or _clause(tok) is not None


def _nominal_subject(tok: Any) -> Any:
    """The verb's own subject word, or None (no climbing: compare ``_subject``)."""
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _record_subject(tok: Any) -> bool:
    """Whether a finding verb's subject is a record ("the poll", "an FBI review"), not a finder."""
    subj = _nominal_subject(tok)
    return subj is not None and subj.lemma_.lower() in RECORDS


def _holder_subject(tok: Any) -> bool:
    """Whether a stance verb's subject can hold a stance: a name, a pronoun, an office or a body of
    people (a missing subject is left to the speaker search)."""
    subj = _nominal_subject(tok)
    if subj is not None and subj.tag_ == "WDT" and tok.dep_ == "relcl":
        subj = tok.head  # "the only device that supports ...": the relative pronoun is its noun
    if subj is None or subj.pos_ in ("PROPN", "PRON") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lemma = subj.lemma_.lower()
    return lemma in ROLE_NOUNS or lemma in HOLDERS or lemma in RECORDS


def _can_speak(subj: Any, cue: Any) -> bool:
    """Whether the subject of a reported statement is someone who can say or hold it: a name, a
    pronoun, an office, a person, a body of people or an organisation ("the lawyer", "researchers",
    "51 percent", "the state"), or a record or medium that speaks for one ("the poll found", "the ad
    says"). "Early retirement will determine", "a chemical called IL-25", "the general setup said"
    are descriptions, not speech."""
    if subj.pos_ in ("PROPN", "PRON", "NUM") or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True  # a name, a pronoun, or a share of people ("52 percent", "two of them")
    lemma, lower = subj.lemma_.lower(), subj.lower_
    if {lemma, lower} & (HOLDERS | _PEOPLE | _agent_nouns()) or lemma in ROLE_NOUNS:
        return True
    if _PERSON_WORD.search(lemma) and lemma not in _NOT_PEOPLE:
        return True
    return bool({lemma, lower} & (RECORDS | _MEDIA | _BODIES))


def _unsaid(cue: Any, subj: Any, art: _Article) -> bool:
    """A reported "statement" that says nothing: a negated state of mind ("the researchers don't
    know what ...", "she did not want to judge ...", "doesn't remember") or the writer's own voice
    outside quotation marks ("We believe that ...", "We'd like to hear ..."), which is the page
    speaking, not an attribution."""
    if cue.lemma_ in _MINDS and any(c.dep_ == "neg" for c in cue.children):
        return True
    return bool(subj.lower_ in ("i", "we") and art.mask[subj.i] == -1)


_MINDS = wordset("know understand realize realise remember recall want like need wish")


# people and shares of people that speak without being a group noun of the actors' lexicon
_PEOPLE = wordset(
    """source sources host hosts one ones other others many some most few several all percent %
    half third quarter fourth majority number dozen handful proportion share none
    wife husband mother father son daughter brother sister friend friends mate colleague
    colleagues partner partners chair chairman chairwoman panel jury audience crowd side camp
    person people folk folks fan fans ally allies rival rivals witness witnesses veteran veterans
    hopeful hopefuls executive executives conservative conservatives progressive progressives
    liberal liberals associate associates superdelegate superdelegates attendee attendees magnate
    umpire caucus faction class band convention movement field"""
)
# person nouns by their ending: lawyer, commissioner, moderator, opponent, economist, historian
_PERSON_WORD = re.compile(r"(?:er|or|ist|ian|ant|(?<!m)ent|man|woman|men|women)s?$")
_NOT_PEOPLE = wordset(
    """number water computer paper letter order center centre factor matter error sector monitor
    power corner border chapter winter summer weather filter layer tumor motor meter user-agent
    percent content event plant giant restaurant"""
)
# records and media that "say" or "find" in attribution corpora ("the poll found", "the ad says")
_MEDIA = wordset(
    """tweet tweets ad ads video videos transcript complaint statement statements brief paper
    journal story submission letter memo release post message editorial column headline
    website site page book article blog lawsuit suit petition motion ruling decision opinion
    slide slides analysis note notes index speech interview call comment comments summary response
    announcement remark remarks account rhetoric disclosure reporting address request proposal
    promise polling average projection statistic statistics estimate affidavit footage clip
    placard sign bill law rule platform show movie version program commercial"""
)
# organisations named by a common noun ("the state argued", "the fund said", "the network")
_BODIES = wordset(
    """state country nation city county fund bank network firm organization organisation
    institution university school hospital church foundation association coalition alliance
    attorney office prosecution defense defence plaintiff plaintiffs trump"""
)


@functools.cache
def _agent_nouns() -> frozenset[str]:
    """Group and role nouns of the actors' lexicon ("researchers", "doctors", "police")."""
    from herald.actors.kb import load

    return frozenset(k for k in load().agents if " " not in k)


def _subject(tok: Any, depth: int = 0) -> Any:
    """The token naming who speaks through cue ``tok`` (climbing conj/advcl/xcomp chains)."""
    if tok.lower_ in ACCORDING:
        for c in tok.children:
            if c.lower_ == "to":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        return None
    subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.ent_type_ not in ("TIME", "DATE")]
    if subjects:
        return subjects[-1]  # "6:20 p.m. Obama says ...": a live blog's time stamp parses as a subject
    if depth >= 3:
        return None
    head = tok.head
    if tok.dep_ in ("conj", "advcl", "xcomp") and head is not tok and head.pos_ in ("VERB", "AUX"):
        return _subject(head, depth + 1)
    if tok.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        if head.lemma_ in _STATEMENT_NOUNS and head.head.pos_ == "VERB" and head.dep_ == "dobj":
            return _subject(head.head, depth + 1)
        return head
    return None


def _clause(cue: Any) -> Any:
    for c in cue.children:
        if c.dep_ == "ccomp":
            return c
    return None


# --- direct quotations --------------------------------------------------------------------------
def _frame_after(art: _Article, qi: int) -> list[Any]:
    q = art.quotes[qi]
    i = art.token_at(q.end)
    while i < len(art.sp) and art.mask[i] == qi:
        i += 1
    if i >= len(art.sp) or art.para(art.tok_starts[i]) != art.para(q.end):
        return []
    sent_end = art.sp[i].sent.end
    out = []
    while i < sent_end and art.mask[i] == -1 and "\n" not in art.sp[i].text:
        out.append(art.sp[i])
        i += 1
    return out


def _frame_before(art: _Article, qi: int) -> list[Any]:
    q = art.quotes[qi]
    i = art.token_at(q.opened) - 1
    if i < 0 or art.para(art.tok_starts[i]) != art.para(q.opened):
        return []
    sent_start = art.sp[i].sent.start
    out = []
    while i >= sent_start and art.mask[i] == -1 and "\n" not in art.sp[i].text:
        out.append(art.sp[i])
        i -= 1
    return out  # nearest first


def _cue_after(art: _Article, qi: int) -> Any:
    q = art.quotes[qi]
    inner = art.text[q.start : q.end].rstrip()
    ends_sentence = inner.endswith(_TERMINAL)
    for tok in _frame_after(art, qi):
        if not _is_cue(tok):
            continue
        clause = _clause(tok)
        if ends_sentence and clause is not None and art.mask[clause.i] == -1:
            return None  # a new sentence reporting something else
        if _subject(tok) is not None:
            return tok
    return None


def _cue_before(art: _Article, qi: int) -> Any:
    first = art.token_at(art.quotes[qi].opened)
    for dist, tok in enumerate(_frame_before(art, qi)):
        if not _is_cue(tok) or _subject(tok) is None:
            continue
        if _governs(tok, first, first) or dist <= _MAX_CUE_GAP:
            return tok
        return None
    return None


def _governs(cue: Any, first: int, last: int) -> bool:
    return bool(cue.left_edge.i <= first and last <= cue.right_edge.i)


def _choose_cue(art: _Article, qi: int) -> tuple[Any, str]:
    """The quotation's cue: one whose clause holds the quotation wins, the one after it first."""
    q = art.quotes[qi]
    first, last = art.token_at(q.start), max(art.token_at(q.start), art.token_at(q.end) - 1)
    after, before = _cue_after(art, qi), _cue_before(art, qi)
    if after is not None and _governs(after, first, last):
        return after, "after"
    if before is not None and _governs(before, first, last):
        return _outermost(art, before), "before"
    if after is not None:
        return after, "after"
    return before, "before"


def _outermost(art: _Article, cue: Any) -> Any:
    """The highest cue whose reported clause holds this one: in "Trump said Clinton called it
    "the gold standard"", the writer reports Trump's claim, so the attribution is Trump's."""
    x = cue
    for _ in range(6):
        head = x.head
        if head is x:
            break
        if x.dep_ == "ccomp" and art.mask[head.i] == -1 and _is_cue(head) and _subject(head) is not None:
            cue = head
        x = head
    return cue


def _mixed_span(art: _Article, cue: Any, q: QuoteSpan) -> tuple[int, int] | None:
    """The clause holding quotation ``q`` when the cue reports it in the writer's words."""
    clause = _clause(cue)
    if clause is None:
        return None
    a, b = clause.left_edge, clause.right_edge
    start, end = a.idx, b.idx + len(b.text)
    if not (start <= q.opened < end):
        return None
    start, end = _trim(art, clause.left_edge.i, clause.right_edge.i, cue.i)
    outside = art.text[start : q.opened].split()
    if len([w for w in outside if w.isalnum() or w.isalpha()]) < 1 and end <= q.end + 2:
        return None
    return min(start, q.start), max(end, q.end)


_MINOR = wordset("a an and at by for from in of on or the to with vs. vs as is are")
_MAX_TITLE_WORDS = 8


def _is_title(inner: str) -> bool:
    """A quoted name of a work, show, slogan or nickname ("This Week With George
    Stephanopoulos", "Parks and Recreation"): every word capitalised except short function
    words, no sentence punctuation. Such a span names something; nobody is being quoted."""
    words = inner.strip(" ,").split()
    if not 2 <= len(words) <= _MAX_TITLE_WORDS or inner.rstrip(" ,”\"'").endswith(_TERMINAL):
        return False
    major = [w for w in words if w.lower() not in _MINOR]
    return bool(major) and all(w[:1].isupper() or not w[:1].isalpha() for w in major)


def _direct(art: _Article) -> tuple[list[_Attr], set[int]]:
    attrs: list[_Attr] = []
    used: set[int] = set()
    by_cue: dict[int, _Attr] = {}
    last_in_para: dict[int, _Attr] = {}
    for qi, q in enumerate(art.quotes):
        para = art.para(q.opened)
        if _is_title(art.text[q.start : q.end]):
            continue
        cue, where = _choose_cue(art, qi)
        if cue is not None and cue.i in by_cue and by_cue[cue.i].para == para:
            prev = by_cue[cue.i]  # split quotation: one cue, two pieces
            prev.end = max(prev.end, q.end)
            prev.spans.append(q)
            continue
        if cue is not None:
            speaker = art.speakers.resolve(_subject(cue))
            start, end, kind = q.start, q.end, "direct"
            if where == "before":
                mixed = _mixed_span(art, cue, q)
                if mixed is not None:
                    start, end, kind = mixed[0], mixed[1], "mixed"
            conf = 0.9 if speaker is not None and speaker.via != "pronoun" else 0.75
            attr = _Attr(start, end, kind, cue, speaker, para, conf, [q])
            by_cue[cue.i] = attr
            used.add(cue.i)
        else:
            found = _signature(art, q, para) or _carry(art, q, para, attrs, last_in_para)
            if found is None:
                found = _by_clause(art, qi, para)
            if found is None:
                continue
            attr = found
        attrs.append(attr)
        last_in_para[para] = attr
    return attrs, used


def _carry(
    art: _Article, q: QuoteSpan, para: int, attrs: list[_Attr], last_in_para: dict[int, _Attr]
) -> _Attr | None:
    """A quotation with no cue: continue the paragraph's speaker, or the previous paragraph's."""
    words = len(art.text[q.start : q.end].split())
    if words < _CARRY_MIN_WORDS or not attrs:
        return None
    para_start = art.para_starts[para]
    opens_para = art.text[para_start : q.opened].strip() == ""
    before = art.text[para_start : q.opened].rstrip()
    opens_sentence = opens_para or before.endswith(_TERMINAL + ("”", '"', ":"))
    prev = last_in_para.get(para)
    if prev is not None and opens_sentence and prev.speaker is not None:
        if q.opened - prev.end < 120 and prev.kind == "direct":
            prev.end = q.end  # "...," he said. "..." : the same statement goes on
            prev.spans.append(q)
            return None
        return _Attr(q.start, q.end, "direct", prev.cue, prev.speaker, para, 0.6, [q])
    if not opens_para:
        return None
    last = attrs[-1]
    if last.para < para - 1 - (q.paragraphs > 1) or last.speaker is None:
        return None
    return _Attr(q.start, q.end, "direct", last.cue, last.speaker, para, 0.6, [q])


_SIGNATURE = re.compile(r"[^\S\n]*[―—–-]+[^\S\n]*((?:[A-Z][\w.'’-]*[^\S\n]*){1,4})")


def _signature(art: _Article, q: QuoteSpan, para: int) -> _Attr | None:
    """A quotation signed with a dash and a name ("..." ― Sonya Herridge), as in vox pops."""
    after = art.text[q.end : q.end + 80]
    after = after[1:] if after[:1] in '”"»' else after
    m = _SIGNATURE.match(after)
    if m is None:
        return None
    at = q.end + (len(art.text[q.end : q.end + 80]) - len(after)) + m.start(1)
    i = art.token_at(at)
    if i >= len(art.sp) or art.sp[i].pos_ != "PROPN":
        return None
    speaker = art.speakers.resolve(art.sp[i])
    if speaker is None or not speaker.name:
        return None
    return _Attr(q.start, q.end, "direct", None, speaker, para, 0.8, [q])


def _by_clause(art: _Article, qi: int, para: int) -> _Attr | None:
    """A short quotation inside a sentence with no reporting verb ("admires Putin as a "strong
    leader"") belongs to the subject of the verb it hangs from, if that subject is named."""
    q = art.quotes[qi]
    if len(art.text[q.start : q.end].split()) < _MIN_CLAUSE_QUOTE_WORDS:
        return None  # a scare quote ("a 'deal'"): the writer's irony, not anyone's words
    a, b = art.token_at(q.start), art.token_at(q.end)
    heads = [art.sp[i].head for i in range(a, b) if art.mask[art.sp[i].head.i] != qi]
    tok = heads[0] if heads else None
    for _ in range(4):
        if tok is None or art.mask[tok.i] != -1:
            return None
        if tok.pos_ in ("VERB", "AUX"):
            subj = _subject(tok)
            if subj is None or art.mask[subj.i] != -1:
                return None
            speaker = art.speakers.resolve(subj)
            if speaker is None or speaker.via not in ("entity", "actor", "pronoun", "role"):
                return None
            return _Attr(q.start, q.end, "direct", tok, speaker, para, 0.5, [q])
        if tok.head is tok:
            return None
        tok = tok.head
    return None


# --- reported speech ----------------------------------------------------------------------------
def _trim(art: _Article, i: int, j: int, anchor: int) -> tuple[int, int]:
    """Char offsets of tokens i..j inside the paragraph of token ``anchor``, without leading
    "that"/punctuation or trailing punctuation (a parse may run across a paragraph break)."""
    sp = art.sp
    para = art.para(sp[anchor].idx)
    lo = art.token_at(art.para_starts[para])
    hi = art.token_at(art.para_starts[para + 1]) - 1 if para + 1 < len(art.para_starts) else len(sp) - 1
    i, j = max(i, lo), min(j, hi)
    while i < j and (sp[i].is_punct or sp[i].dep_ == "mark" and sp[i].lower_ == "that" or sp[i].is_space):
        i += 1
    while j > i and (
        sp[j].is_punct and sp[j].text not in ("”", '"', "''") or sp[j].is_space or sp[j].dep_ == "cc"
    ):
        j -= 1
    return sp[i].idx, sp[j].idx + len(sp[j].text)


def _circumstance(tok: Any) -> bool:
    """A time or place phrase ("on Tuesday", "at a rally") rather than what was said."""
    if tok.dep_ != "prep":
        return False
    if tok.lower_ in ("at", "in", "during", "after", "before", "since", "while", "via", "through"):
        return True
    return any(c.ent_type_ in ("DATE", "TIME") for c in tok.children)


_ASIDE_DEPS = frozenset({"appos", "relcl", "advcl", "parataxis", "conj", "acl", "npadvmod"})


def _right_end(tok: Any) -> int:
    """Index of the last token of ``tok``'s phrase without a trailing aside.

    PolNeAR's content stops where the writer's own words resume: before a comma or dash that
    opens an apposition (", a Republican from Ohio"), a non-restrictive relative clause
    (", who ..."), a participle or adverbial clause, or a new coordinated clause with its own
    subject (", and he railed against ..."). Restrictive modifiers with no punctuation stay.
    """
    end: int = tok.right_edge.i
    for child in tok.rights:
        if child.dep_ not in _ASIDE_DEPS:
            continue
        if child.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            continue
        before = tok.doc[child.left_edge.i - 1] if child.left_edge.i > tok.i else None
        if before is not None and before.dep_ == "cc" and before.i - 1 > tok.i:
            before = tok.doc[before.i - 1]
        if before is not None and before.is_punct and before.text in (",", "—", "–", "-", "(", ";", "--"):
            stop: int = max(tok.i, before.i - 1)
            return stop
    return end


def _reported_span(art: _Article, cue: Any) -> tuple[int, int] | None:
    sp = art.sp
    if cue.lower_ in ACCORDING:
        head = cue.head
        if head is cue:
            return None
        phrase_l, phrase_r = cue.left_edge.i, cue.right_edge.i
        sent = cue.sent
        lo, hi = (
            (head.left_edge.i, head.right_edge.i)
            if head.pos_ in ("VERB", "AUX")
            else (sent.start, sent.end - 1)
        )
        left = (lo, phrase_l - 1) if phrase_l - 1 >= lo else None
        right = (phrase_r + 1, hi) if phrase_r + 1 <= hi else None
        side = max((s for s in (left, right) if s), key=lambda s: s[1] - s[0], default=None)
        return _trim(art, side[0], side[1], cue.i) if side else None
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if clauses:  # two clauses ("X, Sanders said, and Y") are one statement around its cue
        return _trim(art, clauses[0].left_edge.i, clauses[-1].right_edge.i, cue.i)
    if cue.lemma_ in _SAY_OBJECT:  # "Trump says racist things", "46 percent said yes"
        objs = [c for c in cue.rights if c.dep_ in ("dobj", "intj")]
        if objs:
            return _trim(art, objs[0].left_edge.i, _right_end(objs[0]), cue.i)
    if cue.lemma_ in NEEDS_CLAUSE and cue.lemma_ not in ATTITUDE_FREE:
        return None
    if cue.lemma_ in OBJECT_CONTENT or cue.lemma_ in ATTITUDE:
        rights = [c for c in cue.rights if c.dep_ in _CONTENT_DEPS and not _circumstance(c)]
        if rights:
            return _trim(art, rights[0].left_edge.i, _right_end(rights[-1]), cue.i)
    if cue.dep_ == "parataxis" and cue.head is not cue:
        head = cue.head
        if cue.right_edge.i < head.right_edge.i:
            # "The bigger risk, he said, is a clash": the aside sits inside what was said
            return _trim(art, head.left_edge.i, head.right_edge.i, cue.i)
        return _trim(art, head.left_edge.i, cue.left_edge.i - 1, cue.i)
    del sp
    return None


_SAY_OBJECT = wordset("say write tweet post")
_NOUN_CONTENT_PREPS = frozenset({"of", "for", "on", "about", "against", "to", "over", "with"})


def _nominal(art: _Article, tok: Any) -> tuple[Any, tuple[int, int]] | None:
    """A stance written as a noun or adjective: "his attacks on Clinton", "Trump's call for a
    ban", "her claim that ...", "Republicans are critical of the deal". Returns the token naming
    the holder and the content span, or None."""
    if tok.pos_ == "NOUN" and tok.lemma_ in NOUN_CUES:
        holder = next((c for c in tok.children if c.dep_ == "poss"), None)
        if holder is None:
            return None
    elif tok.pos_ == "ADJ" and tok.lemma_ in ADJ_CUES and tok.dep_ == "acomp":
        holder = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        if holder is None:
            return None
    else:
        return None
    for c in tok.rights:
        if c.dep_ in ("ccomp", "acl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            return holder, _trim(art, c.left_edge.i, _right_end(c), tok.i)
        if c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPS:
            objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
            if objs:
                return holder, _trim(art, objs[0].left_edge.i, _right_end(objs[0]), tok.i)
    return None


def _aside(cue: Any, subj: Any) -> bool:
    """Whether the speaker is named in a parenthetical cue ("The risk, he said, is ...")."""
    return bool(cue.dep_ == "parataxis" and cue.left_edge.i <= subj.i <= cue.right_edge.i)


def _candidate(art: _Article, tok: Any) -> tuple[Any, tuple[int, int]] | None:
    """(speaker token, content span) when ``tok`` is the cue of a reported statement."""
    if _is_cue(tok, reported=True):
        span = _reported_span(art, tok)
        return (_subject(tok), span) if span is not None else None
    return _nominal(art, tok)


@functools.lru_cache(maxsize=1)
def _cue_keys() -> tuple[np.ndarray, np.ndarray]:
    """spaCy's integer keys of every word :func:`_candidate` can accept: (lemmas, lower forms).

    A key is the string's 64-bit hash, or its symbol id for the few strings spaCy predefines,
    exactly as the parse stores the LEMMA and LOWER attributes."""

    def keys(words: frozenset[str]) -> np.ndarray:
        return np.array(sorted(IDS.get(w, hash_string(w)) for w in words), dtype=np.uint64)

    return keys(SPEECH | OBJECT_CONTENT | ATTITUDE | NOUN_CUES | ADJ_CUES), keys(ACCORDING)


def _cue_like(sp: Any) -> list[int]:
    """Indices of the tokens that can be a cue at all (a listed lemma, or "according").

    :func:`_candidate` rejects every other token on its lemma or lower form before looking at
    anything else; reading both for all tokens at once as arrays skips the attribute lookups of
    the 95% of tokens that are no cue.
    """
    lemmas, according = _cue_keys()
    cols = sp.to_array([LEMMA, LOWER])
    return np.flatnonzero(np.isin(cols[:, 0], lemmas) | np.isin(cols[:, 1], according)).tolist()


def _reported(art: _Article, used: set[int], taken: list[tuple[int, int]]) -> list[_Attr]:
    out: list[_Attr] = []
    for i in _cue_like(art.sp):
        if i in used or art.mask[i] != -1:
            continue
        tok = art.sp[i]
        found = _candidate(art, tok)
        if found is None:
            continue
        subj, (start, end) = found
        if len(art.text[start:end].split()) < _MIN_CONTENT_WORDS:
            continue
        if any(min(end, b) - max(start, a) > 0.5 * (end - start) for a, b in taken):
            continue
        if subj is None or subj.i >= art.token_at(start) and subj.idx < end and not _aside(tok, subj):
            continue
        if not _can_speak(subj, tok) or _unsaid(tok, subj, art):
            continue
        speaker = art.speakers.resolve(subj)
        if speaker is None or not speaker.name:
            continue
        has_quote = any(art.mask[i] >= 0 for i in range(art.token_at(start), art.token_at(end)))
        kind = "mixed" if has_quote else "indirect"
        conf = 0.7 if tok.lemma_ not in NEEDS_CLAUSE else 0.55
        out.append(_Attr(start, end, kind, tok, speaker, art.para(start), conf, []))
    # a cue inside another statement's content is part of what that speaker said ("Merrill says
    # Machado promised ..."): the writer attributes the whole to the outer speaker
    spans = [(a.start, a.end, a.cue.i) for a in out] + [(s, e, -1) for s, e in taken]
    return [a for a in out if not any(s <= a.cue.idx < e and i != a.cue.i for s, e, i in spans)]


# --- the learned tagger ------------------------------------------------------------------------
def _covered(a: int, b: int, parts: list[tuple[int, int]]) -> float:
    """Share of text[a:b] inside the given spans."""
    return sum(max(0, min(b, y) - max(a, x)) for x, y in parts) / max(1, b - a)


def _tagged_attr(art: _Article, t: tagged.Tagged) -> _Attr | None:
    """An attribution from the tagger's spans, its speaker resolved by the rules' index."""
    sp = art.sp
    a, b = art.token_at(t.start), art.token_at(t.end) - 1
    if a > b or a >= len(sp):
        return None
    start, end = _trim(art, a, b, a)
    if end <= start:
        return None
    cue = None
    if t.cue is not None:
        k = art.token_at(t.cue.start)
        cue = sp[k] if k < len(sp) else None
        if (
            cue is not None
            and cue.i + 1 < len(sp)
            and sp[cue.i + 1].idx < t.cue.end
            and cue.pos_ not in ("VERB", "NOUN", "ADJ")
        ):
            cue = next(
                (x for x in sp[cue.i : art.token_at(t.cue.end)] if x.pos_ in ("VERB", "NOUN", "ADJ")), cue
            )
    subj = None
    if t.source is not None:
        span = sp.char_span(t.source.start, t.source.end, alignment_mode="expand")
        if span is not None and len(span):
            subj = span.root
    if subj is None and cue is not None:
        subj = _subject(cue)
    if subj is None:
        return None
    speaker = art.speakers.resolve(subj)
    if speaker is None or not speaker.name:
        return None
    if speaker.via == "role":  # "the nominee": its own words rather than the last person named
        speaker = Speaker(
            speaker.mention, speaker.mention, speaker.actor, speaker.start, speaker.end, "phrase"
        )
    marked = any(art.mask[i] >= 0 for i in range(art.token_at(start), art.token_at(end)))
    kind = "indirect"
    if marked:
        quoted = [
            (art.quotes[qi].opened, art.quotes[qi].end + 1)
            for qi in {art.mask[i] for i in range(art.token_at(start), art.token_at(end))}
            if qi >= 0
        ]
        kind = "direct" if _covered(start, end, quoted) >= 0.9 else "mixed"
    return _Attr(start, end, kind, cue, speaker, art.para(start), round(t.prob, 3), [])


def _candidate_windows(art: _Article) -> list[tuple[int, int]]:
    """The tagger's windows that can hold an attribution: a quotation mark or a listed cue word."""
    marks = sorted([q.opened for q in art.quotes] + [art.sp[i].idx for i in _cue_like(art.sp)])
    out = []
    for a, b in learned.windows(art.text):
        k = bisect.bisect_left(marks, a)
        if k < len(marks) and marks[k] < b:
            out.append((a, b))
    return out


def _overlaps(a: _Attr, spans: list[tuple[int, int]]) -> bool:
    return any(min(a.end, y) - max(a.start, x) > 0 for x, y in spans)


def _with_tagger(
    art: _Article, direct: list[_Attr], reported: list[_Attr]
) -> tuple[list[_Attr], list[_Attr]]:
    """The rules' attributions checked by the tagger, and the tagger's own where the rules have none.

    - a rule's direct quotation stays only when the tagger reads at least ``_DIRECT_SUPPORT`` of it
      as content (titles, scare quotes and quoted phrases nobody says are dropped);
    - the tagger's quotations in marks that no rule found are added;
    - a rule's reported statement stays when the tagger reads half of it as content; the rules'
      mixed quotations (a clause with a quotation inside) give way to the tagger's;
    - the tagger's reported statements (mean probability >= ``_MIN_PROB``, two words or more)
      are added where no kept attribution overlaps them.
    """
    found = tagged.attributions(art.text, _candidate_windows(art))
    content = [p for t in found for p in t.parts]
    attrs = [
        x
        for x in (_tagged_attr(art, t) for t in found)
        if x is not None and x.confidence >= _MIN_PROB and len(art.text[x.start : x.end].split()) >= 2
    ]
    keep_d = [a for a in direct if _covered(a.start, a.end, content) >= _DIRECT_SUPPORT]
    taken = [(a.start, a.end) for a in keep_d]
    keep_d += [a for a in attrs if a.kind != "indirect" and not _overlaps(a, taken)]
    taken = [(a.start, a.end) for a in keep_d]
    rules_r = [
        a
        for a in reported
        if a.kind == "indirect" and _covered(a.start, a.end, content) >= 0.5 and not _overlaps(a, taken)
    ]
    taken += [(a.start, a.end) for a in rules_r]
    return keep_d, rules_r + [a for a in attrs if a.kind == "indirect" and not _overlaps(a, taken)]


_MIN_PROB = 0.7
_DIRECT_SUPPORT = 0.3


# --- the article ------------------------------------------------------------------------------
def _cue_text(cue: Any) -> str | None:
    if cue is None:
        return None
    if cue.lower_ in ACCORDING:
        return "according to"
    return str(cue.text)


def quotes_of(doc: Document) -> list[Quote]:
    """Every direct, mixed and reported quotation in a parsed document, in text order."""
    if doc.nlp is None or not doc.text:
        return []
    art = _Article(doc)
    direct, used = _direct(art)
    direct = [a for a in direct if a.speaker is not None and a.speaker.name]
    reported = _reported(art, used, [(a.start, a.end) for a in direct])
    reported = [a for a in reported if _has_content(art, a)]  # "the finale he hoped [for]"
    if learned.available() and os.environ.get("HERALD_QUOTES", "rules") == "learned":
        # opt-in: the tagger costs about the parse's own time and moves the seed's lead quotation
        # (docs/benchmarks.md, issue 19); the rules stay the default until it shares the events' encoder
        direct, reported = _with_tagger(art, direct, reported)
    out: list[Quote] = []
    for a in sorted(direct + reported, key=lambda a: a.start):
        assert a.speaker is not None
        toks = art.sp.char_span(a.start, a.end, alignment_mode="expand") or []
        cue_lemma = a.cue.lemma_ if a.cue is not None else None
        parts = _parts(art.text, a)
        out.append(
            Quote(
                text=PART_JOIN.join(art.text[x:y] for x, y in parts) if parts else art.text[a.start : a.end],
                kind=a.kind,  # type: ignore[arg-type]
                speaker=a.speaker.name,
                speaker_mention=a.speaker.mention,
                speaker_actor=a.speaker.actor,
                start=a.start,
                end=a.end,
                cue=_cue_text(a.cue),
                polarity=polarity(toks, cue_lemma),
                confidence=a.confidence,
                parts=parts,
            )
        )
    return out


def _has_content(art: _Article, a: _Attr) -> bool:
    """Does a reported statement say anything: a content of function words alone ("for") is none."""
    span = art.sp.char_span(a.start, a.end, alignment_mode="expand")
    return span is None or any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM", "PRON") for t in span)


def _parts(text: str, a: _Attr) -> list[tuple[int, int]]:
    """The parts a reader sees of a split quotation (`"A," X said. "B."`: A and B, one speaker, the
    speech tag in neither); empty when the quotation is one piece."""
    if a.kind != "direct" or len(a.spans) < 2:
        return []
    return [(q.start, q.end) for q in a.spans]
