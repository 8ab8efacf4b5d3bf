"""The line classifier's parts: numpy token hashing, the run decoder, the promotional features."""

from __future__ import annotations

import itertools
import re

import numpy as np
import pytest

from herald.extract.lines import BASE_FEATURES, _base_features, decode_runs


def _col(lines: list[str], name: str) -> np.ndarray:
    return _base_features(lines)[:, BASE_FEATURES.index(name)]


def test_vocabulary_is_found_by_token_hash_including_word_pairs_and_case() -> None:
    lines = [
        "SHARE on Facebook",
        "Sign up for our daily briefing",
        "The company will sign a deal",
        "Leave a reply",
        "The minister said the talks would continue",
    ]
    assert _col(lines, "fam_share").tolist() == [1, 0, 0, 0, 0]
    assert _col(lines, "fam_subscribe").tolist() == [
        0,
        1,
        0,
        0,
        0,
    ]  # "sign up" is a pair, "sign" alone is not
    assert _col(lines, "fam_comment").tolist() == [0, 0, 0, 1, 0]


def test_stop_word_share_matches_a_plain_regex_count() -> None:
    from herald.extract.lines import _STOP

    lines = [
        "The talks, the first since the ceasefire, lasted six hours.",
        "Home",
        "Ünïcödé — “quotes” 12:30",
        "Die Regierung und der Präsident sind nicht in Berlin",
        "🙂 emoji and words",
    ]
    got = _col(lines, "stop_ratio")
    for line, value in zip(lines, got, strict=True):
        toks = re.findall(r"\w+", line.lower())
        assert value == pytest.approx(sum(t in _STOP for t in toks) / max(len(toks), 1))


def test_promotional_lines_get_price_cta_and_exclamation_features() -> None:
    lines = ["Claim your free voucher worth $25 today!", "Prices rose by 3% in March, the agency said."]
    assert _col(lines, "price").tolist() == [1, 1]
    assert _col(lines, "cta_start").tolist() == [1, 0]
    assert _col(lines, "exclamation").tolist() == [1, 0]


def _best_score(z: np.ndarray, cost: float) -> float:
    best = -np.inf
    for labels in itertools.product([0, 1], repeat=len(z)):
        lab = np.array(labels)
        best = max(best, float(z[lab == 1].sum()) - cost * int(np.count_nonzero(np.diff(lab))))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_run_decoder_finds_the_best_labelling(seed: int) -> None:
    rng = np.random.default_rng(seed)
    z = np.round(rng.normal(0, 1.5, rng.integers(1, 11)), 1)
    cost = float(rng.choice([0.3, 0.5, 2.0]))
    keep = decode_runs(z, cost)
    score = float(z[keep].sum()) - cost * int(np.count_nonzero(np.diff(keep.astype(int))))
    assert score == pytest.approx(_best_score(z, cost))


def test_run_decoder_fills_a_weak_gap_but_not_a_strong_one() -> None:
    assert decode_runs(np.array([3.0, -0.4, 3.0]), 0.5).tolist() == [True, True, True]
    assert decode_runs(np.array([3.0, -2.0, 3.0]), 0.5).tolist() == [True, False, True]
    assert decode_runs(np.array([3.0, -0.4, 3.0]), 0.0).tolist() == [True, False, True]


def test_character_classes_are_the_distinct_rows_of_the_columns():
    """The packed-bits grouping of code points equals numpy's own row-wise unique."""
    import numpy as np

    from herald.extract import lines

    rows, inverse = np.unique(
        np.column_stack(lines._CHAR_COLS).astype(np.float64), axis=0, return_inverse=True
    )
    assert np.array_equal(lines._CLASS_ROWS, rows)
    assert np.array_equal(lines._CHAR_CLASS, inverse.reshape(-1).astype(np.int64))
    assert lines._CLASS_ROWS[lines._CHAR_CLASS[ord("A")]][0] == 1.0  # upper case is the first column
