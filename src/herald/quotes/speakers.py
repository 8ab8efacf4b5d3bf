"""Who is speaking: from the words that name a speaker to a canonical name and actor.

No offline coreference model is available, so speakers are resolved with rules over the spaCy
parse, in the order a reader would use them:

1. the actors stage's mention at that place (its canonical name and :class:`Actor`);
2. a named entity ("Lavrov" becomes "Sergey Lavrov", the fullest form of that surname in the
   article; "Mrs. Clinton" picks the Clinton whose first name is a woman's);
3. a pronoun, resolved to the most salient compatible antecedent: same sentence before the
   pronoun, else the previous sentences, subjects first, nearest first, gender checked against
   titles and first names;
4. a role noun ("the minister") to the most recent person, when the actors stage has not done it;
5. any other noun phrase ("a source", "the campaign") is kept as written: it is already the best
   available name, and never a bare pronoun.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from herald.actors.names import (
    FEMALE_TITLES,
    FIRM_NOUNS,
    MALE_TITLES,
    ROLE_NOUNS,
    TITLES,
    first_name_gender,
    wordset,
)
from herald.models import Actor, Document, Mention

PRONOUNS = wordset("he she they we i it him her you who his their them us me whom that which this")
_PERSON_PRON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_GROUP_PRON = {"they", "them", "we", "us", "it", "their"}
_GROUP_LABELS = {"ORG", "NORP", "GPE"}
_LOOKBACK_SENTS = 6
# entity types that are never the speaker ("5:45 p.m. said ..." is a parse error); poll shares
# ("52 percent said", "one in three") are speakers, so PERCENT and CARDINAL are not listed
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"})


@dataclass
class Speaker:
    """A resolved speaker: the name to report, the words used here, the actor if known."""

    name: str | None
    mention: str
    actor: Actor | None = None
    start: int = 0
    end: int = 0
    via: str = "name"  # name | entity | actor | pronoun | role | phrase


@dataclass
class _Named:
    span: Any
    label: str


@dataclass
class _Entity:
    name: str  # canonical
    label: str  # PERSON, ORG, ...
    start: int
    end: int
    sent: int  # sentence index
    subject: bool
    gender: str | None


def _strip_title(words: list[str]) -> tuple[list[str], str | None]:
    """Drop leading titles; return the remaining words and the gender the titles imply."""
    gender = None
    while len(words) > 1 and words[0].lower().rstrip(".") in {t.rstrip(".") for t in TITLES}:
        w = words.pop(0).lower()
        if w in MALE_TITLES or w + "." in MALE_TITLES:
            gender = "m"
        elif w in FEMALE_TITLES or w + "." in FEMALE_TITLES:
            gender = "f"
    return words, gender


def _clean_name(text: str) -> str:
    text = text.strip().strip(",;:").strip()
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _extend_left(ent: Any) -> Any:
    """Grow a PERSON entity over capitalised name words the tagger left out ("Anders Fogh ...")."""
    start = ent.start
    doc = ent.doc
    while start > 0:
        t = doc[start - 1]
        if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.ent_type_ not in ("", "PERSON"):
            break
        if t.lower_ in TITLES or t.lower_.rstrip(".") in TITLES or t.dep_ != "compound":
            break
        start -= 1
    return doc[start : ent.end] if start < ent.start else ent


def _same_name(actor_name: str, words: str) -> bool:
    """Whether the actor's name shares a word with the words naming the speaker here.

    The actor is always kept as ``speaker_actor``, but it replaces the written name only when it
    is the same name in fuller form ("Trump" -> "Donald Trump"). A link that generalises
    ("Americans" -> the actor United States, "the police" -> a police force) would put a
    government's name on what a group of people said.
    """
    mine = {w.lower().strip(".,'’") for w in words.split()}
    return any(w.lower().strip(".,'’") in mine for w in actor_name.split())


@dataclass
class SpeakerIndex:
    """Per-article tables for resolving speakers: people by surname, entities by position."""

    doc: Document
    sp: Any  # spaCy Doc
    quote_mask: list[bool]  # per token: inside a direct quotation
    surnames: dict[str, list[str]] = field(default_factory=dict)  # surname -> full names seen
    genders: dict[str, str] = field(default_factory=dict)  # full name -> m/f
    entities: list[_Entity] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _mention_starts: list[int] = field(default_factory=list)
    _sent_starts: list[int] = field(default_factory=list)
    _person_tokens: set[int] = field(default_factory=set)
    roles: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, role noun, name)

    @classmethod
    def build(cls, doc: Document, quote_mask: list[bool]) -> SpeakerIndex:
        idx = cls(doc, doc.nlp, quote_mask)
        idx._mention_starts = [m.start for m in doc.mentions]
        idx._sent_starts = [s.start for s in doc.nlp.sents]
        people = [_extend_left(ent) for ent in doc.nlp.ents if ent.label_ == "PERSON"]
        for ent in people:
            idx._learn_person(ent)
        in_person = {i for ent in people for i in range(ent.start, ent.end)}
        spans = people + [e for e in doc.nlp.ents if e.label_ in _GROUP_LABELS]
        # a surname the tagger mislabels elsewhere ("Lavrov" as ORG) is still that person
        for tok in doc.nlp:
            if tok.i not in in_person and tok.pos_ == "PROPN" and tok.lower_ in idx.surnames:
                spans.append(doc.nlp[tok.i : tok.i + 1])
                in_person.add(tok.i)
        idx._person_tokens = in_person
        idx._learn_roles(people)
        for ent in sorted(spans, key=lambda e: e.start):
            if quote_mask[ent.start]:
                continue  # people named inside a quotation are not its antecedents
            label = "PERSON" if ent.start in in_person else ent.label_
            if label != "PERSON" and ent.end - ent.start == 1 and ent[0].i in in_person:
                continue
            name = idx.canonical(ent.text, label)
            if not name:
                continue
            si = bisect.bisect_right(idx._sent_starts, ent.start) - 1
            subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in ent)
            gender = idx.genders.get(name) if label == "PERSON" else None
            idx.entities.append(_Entity(name, label, ent.start_char, ent.end_char, si, subject, gender))
        idx._starts = [e.start for e in idx.entities]
        return idx

    # --- names -------------------------------------------------------------------------------
    def _learn_person(self, ent: Any) -> None:
        words, gender = _strip_title(_clean_name(ent.text).split())
        if not words:
            return
        full = " ".join(words)
        self.surnames.setdefault(words[-1].lower(), []).append(full)
        g = gender or first_name_gender(words)
        if g and full not in self.genders:
            self.genders[full] = g

    def canonical(self, text: str, label: str = "PERSON") -> str | None:
        """The fullest name of this person in the article; organisations lose their article."""
        text = _clean_name(text)
        if not text:
            return None
        if label != "PERSON":
            words = text.split()
            if words and words[0].lower() == "the":
                words = words[1:]
            return " ".join(words) or None
        words, gender = _strip_title(text.split())
        if not words:
            return None
        forms = self.surnames.get(words[-1].lower(), [])
        wanted = {w.lower() for w in words}
        best: str | None = None
        best_key: tuple[int, int, int] = (-1, -1, -1)
        for form in dict.fromkeys(forms):  # first-seen order: the same answer in every process
            fw = form.split()
            if not wanted <= {w.lower() for w in fw}:
                continue
            g = self.genders.get(form)
            if gender and g and g != gender:
                continue
            key = (int(gender is not None and g == gender), forms.count(form) if len(fw) > 1 else 0, len(fw))
            if key > best_key:
                best, best_key = form, key
        name = best or " ".join(words)
        if gender and name not in self.genders:
            self.genders[name] = gender
        return name

    # --- actors from the actors stage ---------------------------------------------------------
    def mention_at(self, start: int, end: int) -> Mention | None:
        ms = self.doc.mentions
        i = bisect.bisect_right(self._mention_starts, end) - 1
        while i >= 0 and i < len(ms):
            m = ms[i]
            if m.start < end and m.end > start:
                return m
            if m.end <= start and start - m.end > 200:
                break
            i -= 1
        return None

    def actor_at(self, start: int, end: int) -> Actor | None:
        m = self.mention_at(start, end)
        if m is not None:
            return m.actor
        try:
            from herald.actors import actor_at
        except (ImportError, AttributeError):
            return None
        try:
            found = actor_at(self.doc, start, end)
        except Exception:  # noqa: BLE001 - another stage's helper must never stop quotes
            return None
        return found if isinstance(found, Actor) else None

    # --- antecedents --------------------------------------------------------------------------
    def antecedent(self, pos: int, sent: int, want: str) -> _Entity | None:
        """The most salient entity before char ``pos`` compatible with ``want``.

        ``want`` is 'm' or 'f' (a person of that or unknown gender), 'person' or 'group'.
        Candidates in the pronoun's own sentence come first, then earlier sentences, nearest
        first; inside a sentence a subject beats a non-subject and a known gender beats an
        unknown one.
        """
        hi = bisect.bisect_left(self._starts, pos)
        best: _Entity | None = None
        best_key: tuple[int, int, int, int] | None = None
        for k in range(hi - 1, -1, -1):
            e = self.entities[k]
            if e.end > pos:
                continue
            if sent - e.sent > _LOOKBACK_SENTS:
                break
            if want in ("m", "f", "person"):
                if e.label != "PERSON":
                    continue
                if want in ("m", "f") and e.gender not in (None, want):
                    continue
            elif e.label not in _GROUP_LABELS:
                continue
            known = int(want in ("m", "f") and e.gender == want)
            key = (-(sent - e.sent), int(e.subject), known, e.start)
            if best_key is None or key > best_key:
                best, best_key = e, key
        if best is None and want in ("m", "f"):
            return self._frequent_person(pos, want)
        return best

    def _frequent_person(self, pos: int, want: str) -> _Entity | None:
        """Fallback beyond the lookback window: the most mentioned compatible person so far."""
        counts: dict[str, int] = {}
        last: dict[str, _Entity] = {}
        for e in self.entities:
            if e.start >= pos:
                break
            if e.label == "PERSON" and e.gender in (None, want):
                counts[e.name] = counts.get(e.name, 0) + 1 + (e.gender == want)
                last[e.name] = e
        if not counts:
            return None
        return last[max(counts, key=lambda n: counts[n])]

    # --- the main entry -----------------------------------------------------------------------
    def resolve(self, tok: Any) -> Speaker | None:
        """A speaker for the subject token ``tok`` of a cue."""
        if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head)
        lower = tok.lower_
        if (tok.pos_ == "PRON" or lower in PRONOUNS) and tok.ent_type_ != "PERSON":
            return self._pronoun(tok)  # ("He Jianxiong said": a name)
        span = self._phrase(tok)
        start, end = span[0].idx, span[-1].idx + len(span[-1].text)
        mention = self.doc.text[start:end]
        named = self._appos_person(tok) if tok.pos_ == "NOUN" else None
        if named is not None:
            # "Another diplomat, former special envoy to Ukraine Kurt Volker, ...": the person the
            # apposition's title names, not the common noun
            who = self.actor_at(named.span.start_char, named.span.end_char)
            return Speaker(self.canonical(named.span.text, "PERSON"), mention, who, start, end, "entity")
        actor = self.actor_at(tok.idx, tok.idx + len(tok.text))
        if actor is not None and actor.name and _same_name(actor.name, mention):
            return Speaker(actor.name, mention, actor, start, end, "actor")
        if (
            actor is not None
            and actor.kind == "organisation"
            and tok.lemma_ in FIRM_NOUNS
            and span[0].lower_ == "the"
        ):
            # "the company": the company the actors stage resolved it to
            return Speaker(actor.name, mention, actor, start, end, "actor")
        ent = self._entity_of(tok)
        if ent is not None:
            name = self.canonical(ent.span.text, ent.label)
            return Speaker(name, mention, actor, start, end, "entity")
        if tok.ent_type_ in _NOT_SPEAKERS:
            return None
        if tok.tag_ == "NN" and span[0].lower_ == "the":
            holder = self._role_holder(tok.lemma_, tok.idx)
            if holder is not None:
                return Speaker(holder, mention, actor, start, end, "role")
        text = _clean_name(mention)
        return Speaker(text, mention, actor, start, end, "phrase") if text else None

    def _role_holder(self, lemma: str, pos: int) -> str | None:
        """The person this article last introduced with role noun ``lemma`` before ``pos``."""
        best = None
        for at, role, name in self.roles:
            if at >= pos:
                break
            if role == lemma:
                best = name
        return best

    def _learn_roles(self, people: list[Any]) -> None:
        """Remember role nouns written next to a name: "foreign minister Sergey Lavrov",
        "Lavrov, the minister", "the minister, Lavrov". Only these licence "the minister"."""
        for ent in people:
            name = self.canonical(ent.text, "PERSON")
            if not name:
                continue
            near = [t for t in ent.doc[max(ent.sent.start, ent.start - 4) : ent.start]]
            near += [c for t in ent for c in t.children if c.dep_ == "appos"]
            near += [ent.root.head] if ent.root.dep_ == "appos" else []
            for t in near:
                if t.lemma_ in ROLE_NOUNS or t.pos_ == "NOUN" and t.dep_ in ("compound", "appos"):
                    self.roles.append((ent.start_char, t.lemma_.lower(), name))
        self.roles.sort(key=lambda r: r[0])

    def _sent_index(self, tok: Any) -> int:
        return bisect.bisect_right(self._sent_starts, tok.i) - 1

    def _pronoun(self, tok: Any) -> Speaker | None:
        lower = tok.lower_
        mention = tok.text
        start, end = tok.idx, tok.idx + len(tok.text)
        linked = self.mention_at(start, end)
        if linked is not None and linked.via == "pronoun" and linked.start == start:
            # the actors stage resolved this pronoun (herald.actors.pronouns): one answer for all stages
            return Speaker(linked.actor.name, mention, linked.actor, start, end, "pronoun")
        if lower in _PERSON_PRON:
            want = _PERSON_PRON[lower]
        elif lower in _GROUP_PRON:
            want = "group"
        else:
            return None  # "I", "you": the writer or the reader, not a resolvable speaker
        e = self.antecedent(tok.idx, self._sent_index(tok), want)
        if e is None:
            return None
        actor = self.actor_at(e.start, e.end)
        name = actor.name if actor is not None and actor.name and _same_name(actor.name, e.name) else e.name
        return Speaker(name, mention, actor, start, end, "pronoun")

    def _entity_of(self, tok: Any) -> Any:
        """The named entity the subject is, or names through an apposition ("the director, X")."""
        if tok.i in self._person_tokens:
            return _Named(self._person_span(tok), "PERSON")
        if tok.ent_type_ in _GROUP_LABELS:
            for ent in self.sp.ents:
                if ent.start <= tok.i < ent.end:
                    return _Named(ent, ent.label_)
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self._person_tokens:
                return self._entity_of(child)
        return None

    def _appos_person(self, tok: Any) -> _Named | None:
        """The one person the actors stage found inside a title in apposition to ``tok``."""
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i not in self._person_tokens:
                return self._person_in(child)
        return None

    def _person_in(self, head: Any) -> _Named | None:
        """The person the actors stage found inside ``head``'s phrase, if one."""
        start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        found = [
            m for m in self.doc.mentions if start <= m.start and m.end <= end and m.actor.kind == "person"
        ]
        if len(found) != 1:
            return None
        span = self.sp.char_span(found[0].start, found[0].end, alignment_mode="expand")
        return _Named(span, "PERSON") if span is not None else None

    def _person_span(self, tok: Any) -> Any:
        """The run of person-name tokens around ``tok``."""
        a = b = tok.i
        while a - 1 in self._person_tokens and a - 1 >= tok.sent.start:
            a -= 1
        while b + 1 in self._person_tokens and b + 1 < tok.sent.end:
            b += 1
        return self.sp[a : b + 1]

    @staticmethod
    def _phrase(tok: Any) -> Any:
        """The subject's noun phrase without relative clauses or appositions."""
        left = tok
        for child in tok.lefts:
            if child.dep_ in ("det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "case"):
                left = min(left, child.left_edge, key=lambda t: t.i)
                break
        right = tok
        for child in tok.rights:
            near = child.right_edge.i - left.i <= 8
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "with", "from") and near:
                right = child.right_edge
            break
        return tok.doc[left.i : right.i + 1]
