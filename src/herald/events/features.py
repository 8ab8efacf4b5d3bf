"""Sentence features shared by training (training/events/train_models.py) and run time.

A bag of lemmas alone reaches about 0.60 QuadClass macro-F1; what separates "the army attacked"
from "the army denied it attacked" is the verb, its code in the CAMEO lexicon, its negation and mood.
So besides lemma unigrams and bigrams each verb contributes its lemma, its CAMEO root and PLOVER
type when the lexicon codes it (with the words around it choosing the pattern), negation and
auxiliary mode, and its object's lemma. Features are strings; the model maps them to weights.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from herald.events.embed import load_embedding, words
from herald.events.ontology import category
from herald.events.rules import VerbInfo, analyse
from herald.events.tree import tree


def verb_features(v: VerbInfo) -> list[str]:
    lemma = v.lemma
    out = [f"v:{lemma}"]
    if v.negated:
        out.append(f"vneg:{lemma}")
    for c in v.tok.children:
        if c.dep_ in ("dobj", "attr"):
            out.append(f"vo:{lemma}_{c.lemma_.lower()}")
    m = v.match
    if m is None:
        return out
    if m.code is None:
        out.append("c:none")
        return out
    cat = category(m.code)
    root = m.code[:2]
    tag = "neg" if v.negated else (v.aux or "real")
    out += [f"c:{root}", f"c:{root}:{tag}", f"cs:{int(m.specific)}:{root}"]
    if cat is not None:
        out += [f"t:{cat.type}", f"t:{cat.type}:{tag}", f"q:{cat.quad_class}", f"q:{cat.quad_class}:{tag}"]
    return out


def sentence_features(sent: Any, infos: list[VerbInfo] | None = None) -> list[str]:
    """Features of one spaCy span (a sentence, or a whole short document).

    The words are read from the document's plain :class:`~herald.events.tree.Tree` (built once
    per document for the rules) rather than from spaCy tokens: the story classifier reads every
    token of every story."""
    t = tree(sent.doc)
    feats: list[str] = []
    prev = "<s>"
    skip, num, lemmas, ents = t.skip, t.num, t.lemma, t.ent_begin
    for i in range(sent.start, sent.end):
        if skip[i]:
            continue
        lemma = "<num>" if num[i] else lemmas[i]
        feats.append(f"w:{lemma}")
        feats.append(f"b:{prev}_{lemma}")
        prev = lemma
        if ents[i]:
            feats.append(f"e:{ents[i]}")
    for v in infos if infos is not None else analyse(sent):
        feats.extend(verb_features(v))
    return feats


LEAD = "h"


def story_features(span: Any) -> list[str]:
    """Features of a story (or of one sentence) for the PLOVER type model.

    A story's type is what its headline and lead say; the body adds side events (the
    reactions, the background) that a bag of words over the whole text weighs as much. So the
    first sentence's features come twice: once in the bag, once under their own prefix with
    their own weights. Cross-validated by headline template on the training stories this lifted
    macro-F1 from 0.35 to 0.47, while adding the lexicon's PLOVER votes over the story
    (headline counted double) lowered it (0.41). A lone sentence is its own lead.
    """
    feats = sentence_features(span)
    first = lead_of(span)
    lead = sentence_features(first) if first is not None else feats
    return feats + [LEAD + f for f in lead]


def lead_of(span: Any) -> Any | None:
    """The span's first sentence when the span has more than one, else None (its own lead)."""
    first = next(iter(span.sents), None)
    return first if first is not None and len(first) < len(span) else None


def story_vector(span: Any) -> Any | None:
    """The PLOVER model's dense input: the distilled embedding's vector of the whole span and of
    its lead, side by side (see herald.events.embed), or None without a shipped table."""
    emb = load_embedding()
    if emb is None:
        return None
    whole = emb.vector(words(span))
    first = lead_of(span)
    return np.concatenate([whole, emb.vector(words(first)) if first is not None else whole])
