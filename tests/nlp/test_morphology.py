"""herald's replacement for the attribute ruler and lemmatizer must set exactly what they set."""

from __future__ import annotations

import functools

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from herald import nlp
from herald.pipeline import extract_paths
from tests.conftest import ROOT

ATTRS = [ORTH, POS, TAG, DEP, HEAD, MORPH, LEMMA, ENT_IOB, ENT_TYPE]

# the ruler's two-token rules, its whitespace and dependency-conditioned rules, in running text
EDGE = (
    "Y'all ain't gon na believe it, but let's see.  There are talks; there is hope.\n\n"
    "C'm on, I told you it had got ta end.   Did he do it? He did, and I have.\t"
    "That which they have done, this they do: I gave it to you."
)


@functools.cache
def texts() -> list[str]:
    """The edge cases, then the article text of every page of the bundled sample corpus."""
    pages = sorted(str(p) for p in (ROOT / "examples" / "corpus").iterdir())
    return [EDGE, *(d.text for d in extract_paths(pages) if d.ok)]


def test_pipeline_uses_herald_morphology() -> None:
    names = nlp.load().pipe_names
    assert "herald_morphology" in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names


def test_same_attributes_as_stock_components() -> None:
    fast_nlp, stock_nlp = nlp.load(), nlp.load(fast_rules=False)
    for text in texts():
        fast, stock = fast_nlp(text), stock_nlp(text)
        assert len(fast) == len(stock) > 10
        same = (fast.to_array(ATTRS) == stock.to_array(ATTRS)).all(axis=1)
        assert [
            (t.text, t.pos_, t.lemma_, str(t.morph)) for t, ok in zip(fast, same, strict=True) if not ok
        ] == []
        assert [(t.lemma_, str(t.morph)) for t in fast] == [(t.lemma_, str(t.morph)) for t in stock]


def test_two_token_rules_fire() -> None:
    doc = nlp.load()("I am gon na leave, let's go.")
    lemmas = {t.lower_: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert [t.lemma_ for t in doc if t.lower_ == "'s"] == ["us"]


def test_empty_text() -> None:
    assert len(nlp.load()("")) == 0


def test_corpus_was_read() -> None:
    assert len(texts()) >= 6
