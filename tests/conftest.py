"""Shared fixtures: real test data under tests/data, the dev data in ../shared when present."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared" / "data"
SEED = DATA / "corpus" / "seed-lavrov-nato.txt"


def herald_cli() -> list[str]:
    """The installed console script, else ``python -m herald`` with this interpreter."""
    local = ROOT / ".venv" / "bin" / "herald"
    return [str(local)] if local.exists() else [sys.executable, "-m", "herald"]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_doc():
    """The seed article coded once for the whole session (the spaCy model loads once)."""
    import herald

    docs = list(herald.code([str(SEED)]))
    assert len(docs) == 1
    return docs[0]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.exists() or os.environ.get("HERALD_NO_SHARED"):
        pytest.skip("the dev data in ../shared/data is not present")
    return SHARED
