"""Whole-pipeline output identity: a canonical dump of what ``herald code`` outputs, and a diff.

    .venv/bin/python bench/outputs_identity.py OUT.jsonl
    .venv/bin/python bench/outputs_identity.py OUT.jsonl --compare OLD.jsonl
    .venv/bin/python bench/outputs_identity.py OUT.jsonl --hashseed 1 --compare OTHER_SEED.jsonl

Performance work must not change a single output. This codes a fixed set of real texts, in a fixed
order, through the Python API (``herald.code``, the call behind ``herald code --format jsonl``):
the 84 PolNeAR dev articles, the seed page and the 89 scraped pages of the extraction dev set. Each
document's ``to_dict()`` is written as one canonical JSON line (sorted keys), so two dumps compare
line by line. No field is dropped: nothing in the output depends on the clock or the machine (the
story ids are content hashes and the order of the inputs is fixed), given the hash seed below.

The dump runs with a fixed ``PYTHONHASHSEED`` (0, or ``--hashseed N``; the script re-executes
itself to set it): some output still depends on the iteration order of sets of strings, which
Python randomises per process, so two runs with random seeds can differ where no code changed.
Comparing dumps made with different seeds finds such places.

With ``--compare`` the script reports how many documents differ, which top-level fields differ
(``mentions`` points at actors, ``quotes`` at quotes, ``events`` at events, ``dates`` at time,
``places``/``dateline`` at places, ``text``/``title``/``boilerplate`` at extraction), the first
differences in detail, and exits 1 when anything differs.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
SETS = [
    SHARED / "quotes" / "polnear" / "dev" / "text",
    SHARED / "seed" / "000_ca6517b7cfd7a852.txt",
    SHARED / "extraction" / "plaintext",
]
SHOW = 8  # detailed differences printed


def inputs() -> list[str]:
    """The fixed, ordered list of input files."""
    files: list[str] = []
    for p in SETS:
        if p.is_dir():
            files += [str(f) for f in sorted(p.glob("*.txt"))]
        elif p.exists():
            files.append(str(p))
    if not files:
        sys.exit(f"no inputs under {SHARED}")
    return files


def dump(out: Path) -> int:
    import herald

    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for doc in herald.code(inputs()):
            fh.write(json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


def load(path: Path) -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs[d["source"]] = d
    return docs


def diffs(a: Any, b: Any, where: str = "") -> Iterator[str]:
    """Paths (and values) where two JSON values differ, depth first."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k, "<absent>") != b.get(k, "<absent>"):
                yield from diffs(a.get(k, "<absent>"), b.get(k, "<absent>"), f"{where}.{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                yield from diffs(x, y, f"{where}[{i}]")
    else:
        yield (
            f"{where}: {json.dumps(a, ensure_ascii=False)[:200]} -> {json.dumps(b, ensure_ascii=False)[:200]}"
        )


def compare(old_path: Path, new_path: Path) -> int:
    old, new = load(old_path), load(new_path)
    fields: Counter[str] = Counter()
    shown = 0
    differing = 0
    for src in sorted(set(old) | set(new)):
        a, b = old.get(src), new.get(src)
        if a == b:
            continue
        differing += 1
        if a is None or b is None:
            print(f"{src}: only in {'new' if a is None else 'old'}")
            continue
        keys = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        fields.update(keys)
        if shown < SHOW:
            shown += 1
            print(f"--- {Path(src).name}: {', '.join(keys)}")
            for line in list(diffs(a, b))[:6]:
                print(f"    {line}")
    print(f"documents: {len(new)} new, {len(old)} old; differing: {differing}")
    if fields:
        print("differing fields: " + ", ".join(f"{k} ({n})" for k, n in fields.most_common()))
    return 1 if differing else 0


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        sys.exit(__doc__)
    seed = argv[argv.index("--hashseed") + 1] if "--hashseed" in argv else "0"
    if os.environ.get("PYTHONHASHSEED") != seed:  # string hashing is fixed at start-up: start again
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": seed})
    out = Path(argv[0])
    n = dump(out)
    print(f"wrote {n} documents to {out}")
    if "--compare" in argv:
        return compare(Path(argv[argv.index("--compare") + 1]), out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
