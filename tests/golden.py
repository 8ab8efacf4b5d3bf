"""The golden file of the seed article: the stable parts of ``herald code``'s output on
``tests/data/corpus/seed-lavrov-nato.txt`` (a copy of ``../shared/data/seed/000_ca6517b7cfd7a852.txt``).

Stable parts: the schema version, status, language, title, the page and event dates (not the
evidence lines), the quotations with their speakers and offsets, and each event's type, source and
target codes and sentence offsets. Confidences, rules, actor names and evidence wording are left out:
they move with every retraining or rule tweak without the output meaning something else.

``tests/test_golden.py`` compares; to accept a change on purpose (a retrained coder, a fixed stage):

    make golden          # = .venv/bin/python -m tests.golden

then review ``git diff tests/data/golden/`` and commit the file with the change that caused it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "corpus" / "seed-lavrov-nato.txt"
GOLDEN = ROOT / "tests" / "data" / "golden" / "seed.json"
REGENERATE = "make golden"


def stable(d: dict[str, Any]) -> dict[str, Any]:
    """The parts of one ``Document.to_dict()`` the golden file pins."""
    dates = d["dates"]

    def code(actor: dict[str, Any] | None) -> str | None:
        return None if actor is None else actor.get("code") or actor.get("name")

    return {
        "schema": d["schema"],
        "status": d["status"],
        "language": d["language"],
        "title": d["title"],
        "dates": {k: dates[k] for k in ("published", "updated", "event_date", "events_between", "stale")},
        "quotes": [{k: q[k] for k in ("text", "kind", "speaker", "start", "end")} for q in d["quotes"]],
        "events": [
            {
                "type": e["type"],
                "source": code(e["source"]),
                "target": code(e["target"]),
                "start": e["start"],
                "end": e["end"],
            }
            for e in d["events"]
        ],
    }


def render(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def current() -> dict[str, Any]:
    """The seed coded now, through the public API (as ``herald code`` does)."""
    import herald

    (doc,) = list(herald.code([str(SEED)]))
    return stable(json.loads(json.dumps(doc.to_dict())))


def main() -> int:
    text = render(current())
    old = GOLDEN.read_text(encoding="utf-8") if GOLDEN.exists() else None
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(text, encoding="utf-8")
    rel = GOLDEN.relative_to(ROOT)
    print(f"{rel}: {'unchanged' if old == text else 'written'}; review with: git diff {rel}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
