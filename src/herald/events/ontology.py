"""CAMEO code -> PLOVER type, mode, QuadClass and conflict-cooperation score.

The tables are built from the public CAMEO2PLOVER conversion and the PLOVER manual's score table by
``training/events/build_lexicon.py`` and ship as ``data/ontology.json``; nothing is read from the
shared development data at run time.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


@functools.cache
def load_json(name: str) -> Any:
    """Read one of the package's data files once per process."""
    with resources.files("herald.events").joinpath("data", name).open("r", encoding="utf-8") as f:
        return json.load(f)


@dataclass(frozen=True)
class Category:
    type: str
    mode: str | None
    quad_class: int
    goldstein: float


def _cameo_quad(code: str) -> int:
    """CAMEO's own QuadClass from the root: 01-05 verbal coop, 06-08 material coop, 09-13 verbal
    conflict, 14-20 material conflict."""
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


@functools.lru_cache(maxsize=1024)
def category(code: str) -> Category | None:
    """PLOVER category of a CAMEO code (longest known prefix), or None when PLOVER has none (01x)."""
    onto = load_json("ontology.json")
    table: dict[str, list[str]] = onto["cameo"]
    hit = None
    for k in (code, code[:3], code[:2] + "0"):
        if k in table:
            hit = table[k]
            break
    if hit is None:
        return None
    ptype, mode = hit[0], hit[1] or None
    return Category(ptype, mode, type_quad(ptype) or _cameo_quad(code), score(ptype, mode))


def type_quad(ptype: str) -> int:
    return int(load_json("ontology.json")["quad"].get(ptype, 0))


def score(ptype: str, mode: str | None) -> float:
    """The PLOVER manual's conflict-cooperation score for type:mode (else the type's own)."""
    scores: dict[str, float] = load_json("ontology.json")["scores"]
    if mode and f"{ptype}:{mode}" in scores:
        return float(scores[f"{ptype}:{mode}"])
    return float(scores.get(ptype, 0.0))


# A representative CAMEO code per PLOVER type, for events found by the classifier (no verb code).
TYPE_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060",
    "AID": "070", "RETREAT": "084", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170",
    "ASSAULT": "190",
}  # fmt: skip
