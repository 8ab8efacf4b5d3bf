"""A small, dependency-free language guess: the share of common English function words."""

from __future__ import annotations

import re

_EN = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "he", "it", "at", "from", "his", "her", "said", "be", "are", "were", "has", "have", "had", "not", "but", "an", "they", "this", "which", "or", "who", "their", "its", "will", "would", "been"]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str) -> str:
    """'en' when enough English function words appear, else 'und' (undetermined, not English)."""
    words = _WORD.findall(text[:20_000].lower())
    if not words:
        return "und"
    share = sum(w in _EN for w in words) / len(words)
    return "en" if share >= 0.12 or (len(words) < 12 and share > 0) else "und"
