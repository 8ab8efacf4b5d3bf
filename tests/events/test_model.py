"""The shipped classifiers and the distilled embedding, on real text through the real parser."""

from __future__ import annotations

import numpy as np
import pytest

from herald import nlp
from herald.events.embed import load_embedding, words
from herald.events.features import story_vector
from herald.events.model import load_model, plover_probs


def parse(text: str) -> object:
    return nlp.load()(text)


def test_embedding_ships_and_matches_the_plover_model() -> None:
    emb = load_embedding()
    plover = load_model("plover")
    assert emb is not None and plover is not None
    assert plover.dense is not None and plover.dense.shape == (2 * emb.dim, len(plover.labels))
    assert emb.vectors.dtype == np.float32 and np.isfinite(emb.vectors).all()


def test_embedding_puts_near_words_near() -> None:
    emb = load_embedding()
    assert emb is not None

    def sim(a: str, b: str) -> float:
        return float(emb.vector([a]) @ emb.vector([b]))

    assert sim("praise", "commend") > sim("praise", "bomb")
    assert sim("attack", "assault") > sim("attack", "negotiate")
    assert sim("protest", "demonstrator") > sim("protest", "ceasefire")


def test_text_vector_is_unit_length_and_zero_when_nothing_is_known() -> None:
    emb = load_embedding()
    assert emb is not None
    v = emb.vector(words(parse("Rebels shelled the city on Monday.")))
    assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-4
    assert not emb.vector(["qzxv-unknown", "zzkq"]).any()


def test_story_vector_reads_the_lead_apart() -> None:
    doc = parse("Troops Withdraw From Border Town.\n\nThe minister said on Friday that talks went well.")
    v = story_vector(doc[:])
    emb = load_embedding()
    assert v is not None and emb is not None and v.shape == (2 * emb.dim,)
    lead = next(iter(doc.sents))
    assert np.allclose(v[emb.dim :], emb.vector(words(lead)))
    assert not np.allclose(v[: emb.dim], v[emb.dim :])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Government troops shelled rebel positions overnight, killing twelve civilians.", "ASSAULT"),
        ("Thousands of demonstrators marched through the capital demanding the president resign.", "PROTEST"),
        ("The foreign minister praised the neighbouring country for its handling of the crisis.", "SUPPORT"),
    ],
)
def test_plover_model_types_plain_sentences(text: str, expected: str) -> None:
    probs = plover_probs(parse(text)[:])
    assert probs is not None and abs(sum(probs.values()) - 1.0) < 1e-4
    assert max(probs, key=lambda t: probs[t]) == expected
