"""Sentence classifier placeholder (replaced below)."""

from __future__ import annotations

from typing import Any


def sentence_probs(sent: Any) -> list[float] | None:
    return None
