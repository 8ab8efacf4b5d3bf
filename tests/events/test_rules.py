"""The rules' plain-Python copy of the parse and the lexicon's pattern index, checked against what
they replace: spaCy's own token attributes and a plain scan of every pattern in order."""

from __future__ import annotations

import gc
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest

from herald import nlp
from herald.events import rules
from herald.events import tree as parse_tree
from herald.events.lexicon import Entry, Lexicon, Match, Pattern, lexicon

from ..conftest import DATA, SEED

TEXTS = [SEED, *sorted((DATA / "stories").glob("*.txt"))]


@pytest.fixture(scope="module")
def docs() -> list:
    return list(nlp.load().pipe([Path(p).read_text(encoding="utf-8") for p in TEXTS]))


def test_tree_is_the_parse(docs: list) -> None:
    """Every column, child list, subtree and edge equals spaCy's, token by token."""
    tokens = 0
    for doc in docs:
        t = parse_tree.Tree(doc)
        assert t.text == doc.text
        for tok in doc:
            i = tok.i
            tokens += 1
            assert (t.orth[i], t.lower[i], t.lemma[i]) == (tok.text, tok.lower_, tok.lemma_.lower())
            assert (t.pos[i], t.dep[i], t.head[i]) == (tok.pos_, tok.dep_, tok.head.i)
            assert (t.idx[i], t.length[i]) == (tok.idx, len(tok.text))
            assert list(t.kids[i]) == [c.i for c in tok.children]
            assert t.ordered_subtree(i) == [c.i for c in tok.subtree]
            assert sorted(t.subtree(i)) == sorted(c.i for c in tok.subtree)
            assert t.left_edge(i) == tok.left_edge.i
            assert t.words(i) == {w for c in tok.subtree for w in (c.lower_, c.lemma_.lower())}
        for sent in doc.sents:
            assert t.root(sent.start, sent.end) == sent.root.i
            assert t.span_text(sent.start, sent.end) == sent.text
    assert tokens > 1000


def _scan(lex: Lexicon, entry: Entry, pre: AbstractSet[str], post: AbstractSet[str],
          preps: Mapping[str, AbstractSet[str]]) -> Match | None:  # fmt: skip
    """Every pattern in order, each tested in full: what the index must reproduce."""

    def region(p: Pattern) -> AbstractSet[str] | None:
        if p.anchor == "pre":
            return pre | lex.synsets_in(pre)
        if p.anchor == "post":
            return post | lex.synsets_in(post)
        inside = preps.get(p.anchor)
        return None if inside is None else inside | lex.synsets_in(inside)

    for p in entry.patterns:
        seen = region(p)
        if seen is None or (p.anchors and p.anchors.isdisjoint(seen)):
            continue
        if p.pre and not lex._slots(p.pre, pre, lex.synsets_in(pre)):
            continue
        if p.post and not lex._slots(p.post, post, lex.synsets_in(post)):
            continue
        if all(
            prep in preps and lex._slots(slots, preps[prep], lex.synsets_in(preps[prep]))
            for prep, slots in p.preps
        ):
            return Match(p.code, f"cameo:{entry.lemma}#{p.index}", True)
    return Match(entry.code, f"cameo:{entry.lemma}", False) if entry.code else None


def _words(slots: tuple, lex: Lexicon) -> set[str]:
    """Words that satisfy every slot through its first alternative (a synset by its first phrase)."""
    out: set[str] = set()
    for slot in slots:
        for atom in slot[0]:
            out.update(lex.synsets[atom][0] if atom.startswith("&") else (atom,))
    return out


def test_pattern_index_matches_a_full_scan(docs: list) -> None:
    lex = lexicon()
    # every pattern of the verbs with the most patterns, fed the words it asks for ...
    busiest = sorted(lex.entries.values(), key=lambda e: -len(e.patterns))[:12]
    checked = specific = 0
    for entry in busiest:
        for p in entry.patterns:
            pre, post = _words(p.pre, lex), _words(p.post, lex)
            preps = {prep: _words(slots, lex) for prep, slots in p.preps}
            got = lex.match(entry, pre, post, preps)
            assert got == _scan(lex, entry, pre, post, preps)
            checked += 1
            specific += bool(got and got.specific)
    assert checked > 500 and specific > 0.9 * checked
    # ... and every lexicon verb of real text with the words the parse gives it
    verbs = 0
    for doc in docs:
        t = parse_tree.tree(doc)
        for i, lemma in enumerate(t.lemma):
            if t.pos[i] != "VERB" or not lex.knows(lemma):
                continue
            pre, post, preps, near = rules._regions(t, i)
            entry = lex.lookup(lemma, near)
            if entry is not None:
                verbs += 1
                assert lex.match(entry, pre, post, preps) == _scan(lex, entry, pre, post, preps)
    assert verbs > 50


def test_token_interface_agrees_with_the_tree(docs: list) -> None:
    """The public, token-taking functions are the tree functions under another name."""
    doc = docs[0]
    t = parse_tree.tree(doc)
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        subj = rules.subject_token(tok)
        assert (subj.i if subj is not None else None) == rules._subject(t, tok.i)
        assert rules.negated(tok) == rules.tree_negated(t, tok.i)
        assert rules.aux_mode(tok, True) == rules.tree_aux_mode(t, tok.i, True)
        pre, post, preps, near = rules.regions(tok)
        assert (pre, post, preps, near) == rules._regions(t, tok.i)


def test_rules_read_negation_mood_and_inherited_subjects() -> None:
    doc = nlp.load()(
        "France did not criticize Germany. China could attack Taiwan. Iran praised Iraq but lamented Syria."
    )
    infos = {v.lemma: v for s in doc.sents for v in rules.analyse(s)}
    assert infos["criticize"].negated and infos["criticize"].match is not None
    assert infos["attack"].aux == "hypothetical" and not infos["attack"].negated
    lament = infos["lament"].tok
    assert rules.subject_token(lament).text == "Iran"  # taken from "praised", its conjunct


def test_analysis_is_cached_per_sentence_and_freed_with_the_doc() -> None:
    doc = nlp.load()("NATO did not condemn Russia. The alliance praised the plan.")
    first = [rules.analyse(s) for s in doc.sents]
    again = [rules.analyse(s) for s in doc.sents]
    assert [[(v.tok.i, v.lemma, v.match, v.negated, v.aux) for v in s] for s in first] == [
        [(v.tok.i, v.lemma, v.match, v.negated, v.aux) for v in s] for s in again
    ]
    assert all(v.tok.doc is doc for s in again for v in s)
    parse_tree.clear_trees()
    keep = parse_tree.tree(doc)
    assert parse_tree.tree(doc) is keep
    del first, again, keep, doc
    gc.collect()
    assert len(parse_tree._TREES) == 0  # the cached analyses hold no token, so the doc could go
