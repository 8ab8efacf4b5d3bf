"""The hand-judged samples of the precision benches (`actors_precision.py`, `quotes_precision.py`):
draw a fixed random sample into a TSV whose ``verdict`` and ``note`` a reader fills, keep the verdicts
of rows that did not change when the sample is drawn again, and read the judged rows back."""

from __future__ import annotations

import csv
import hashlib
import random
from pathlib import Path


def draw(
    path: Path,
    fields: list[str],
    rows: list[dict[str, str]],
    n: int,
    seed: int,
    same: tuple[str, ...],
    by: tuple[str, ...] = (),
) -> int:
    """Write ``n`` of ``rows`` drawn with ``seed`` to ``path``; a drawn row whose ``same`` fields equal an
    already judged row's keeps that row's verdict and note. Returns how many verdicts were kept.

    With ``by``, the draw is the ``n`` rows whose ``by`` fields hash lowest (with the seed): a place in
    the text stays in the sample when the code there changes, so a new version of herald needs
    verdicts only for what it changed, not for a new random draw."""
    if by:

        def rank(r: dict[str, str]) -> str:
            key = "\x1f".join([str(seed), *(r[k] for k in by)])
            return hashlib.sha1(key.encode("utf-8")).hexdigest()

        picked = sorted(rows, key=rank)[:n]
    else:
        picked = random.Random(seed).sample(rows, min(n, len(rows)))
    old: dict[tuple[str, ...], dict[str, str]] = {}
    if path.exists():
        with path.open(encoding="utf-8", newline="") as f:
            old = {tuple(r[k] for k in same): r for r in csv.DictReader(f, delimiter="\t") if r["verdict"]}
    for r in picked:
        prev = old.get(tuple(r[k] for k in same))
        if prev is not None:
            r["verdict"], r["note"] = prev["verdict"], prev["note"]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fields, delimiter="\t")
        w.writeheader()
        w.writerows(picked)
    return sum(bool(r["verdict"]) for r in picked)


def judged(path: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """(every row, the rows with a verdict) of a sample file."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return rows, [r for r in rows if r["verdict"]]
