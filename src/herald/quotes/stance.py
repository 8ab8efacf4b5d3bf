"""Stance of a quotation: VADER's lexicon looked up on lemmas, plus the cue verb's own stance.

VADER (Hutto & Gilbert, 2014; the ``vaderSentiment`` package, MIT licence) ships a lexicon of
about 7,500 words rated -4..4. Its analyser works on raw strings, where inflected forms
("criticized", "threatens") are missing; looking words up by lemma through the spaCy parse we
already have recovers them. The cue verb is added because "X praised Y" or "X condemned Y" states
the stance outright even when the reported words are neutral. The sum is squashed into -1..1
with VADER's own normalisation (x / sqrt(x^2 + 15)).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from typing import Any

from herald.quotes.cues import CUE_STANCE

_NEGATORS = frozenset({"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "without"})
_NEGATION_SCALE = -0.74  # VADER's N_SCALAR
_NORMALISE_ALPHA = 15.0


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """VADER's word -> valence table, loaded once per process (empty if the package is absent)."""
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:  # pragma: no cover - the dependency is declared; keep quotes working without it
        return {}
    return dict(SentimentIntensityAnalyzer().lexicon)


def polarity(tokens: Iterable[Any], cue_lemma: str | None) -> float:
    """Stance in -1..1 of the words ``tokens`` (spaCy tokens) said with cue ``cue_lemma``."""
    lex = lexicon()
    total = CUE_STANCE.get(cue_lemma or "", 0.0)
    window: list[str] = []
    for tok in tokens:
        low = tok.lower_
        value = lex.get(low)
        if value is None:
            value = lex.get(tok.lemma_.lower())
        if value is not None and any(w in _NEGATORS for w in window[-3:]):
            value *= _NEGATION_SCALE
        if value is not None:
            total += value
        window.append(low)
    if total == 0.0:
        return 0.0
    return round(total / math.sqrt(total * total + _NORMALISE_ALPHA), 4)
