"""``herald code`` on the seed article against its golden file (the stable parts; tests/golden.py)."""

from __future__ import annotations

import difflib
import json

from herald.models import SCHEMA_VERSION, Document
from tests.golden import GOLDEN, REGENERATE, render, stable


def test_seed_matches_the_golden_file(seed_doc: Document) -> None:
    assert GOLDEN.exists(), f"{GOLDEN} is missing: create it with `{REGENERATE}`"
    expected = GOLDEN.read_text(encoding="utf-8")
    got = render(stable(json.loads(json.dumps(seed_doc.to_dict()))))
    if got != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True), got.splitlines(keepends=True), "golden", "now"
            )
        )
        raise AssertionError(
            "herald code's output on the seed article changed in its stable parts (title, dates, "
            "quotations and speakers, events' type/source/target/offsets).\n"
            f"If the change is intended (a retrained coder, a fixed stage), run `{REGENERATE}`, review "
            f"`git diff {GOLDEN.name}` and commit it with the change. Otherwise this is a regression:\n{diff}"
        )


def test_the_schema_version_leads_every_object(seed_doc: Document) -> None:
    d = seed_doc.to_dict()
    assert next(iter(d)) == "schema" and d["schema"] == SCHEMA_VERSION
    assert Document.from_dict(d).to_dict() == d


def test_a_newer_schema_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="newer"):
        Document.from_dict({"schema": SCHEMA_VERSION + 1, "id": "x"})
