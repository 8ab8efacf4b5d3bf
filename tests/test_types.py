"""The closed value sets of herald.models (Literal types) against the data that produces the values.

Event types and modes come from shipped data (the CAMEO -> PLOVER ontology, the coder's label lists),
which mypy cannot see: these tests fail when a rebuilt data file brings a value the types do not list.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import get_args

from herald.events import ontology
from herald.ingest.read import SUFFIXES
from herald.models import DOC_KINDS, EVENT_MODES, EVENT_TYPES, EventModality, PloverMode


def _data(*parts: str) -> dict:
    with resources.files("herald.events").joinpath("data", *parts).open("r", encoding="utf-8") as f:
        return json.load(f)


def test_event_types_are_the_ontology_types_in_order() -> None:
    assert tuple(ontology.TYPES) == EVENT_TYPES
    assert set(_data("ontology.json")["quad"]) == set(EVENT_TYPES)


def test_every_mode_of_the_ontology_is_a_plover_mode() -> None:
    table = _data("ontology.json")
    modes = {mode for _, mode in table["cameo"].values() if mode}
    modes |= {key.split(":", 1)[1] for key in table["scores"] if ":" in key}
    assert modes <= set(get_args(PloverMode)), sorted(modes - set(get_args(PloverMode)))
    assert {ptype for ptype, _ in table["cameo"].values()} <= set(EVENT_TYPES)


def test_the_coder_labels_are_event_types_and_modalities() -> None:
    coder = _data("coder", "coder.json")
    assert set(coder["types"]) == set(EVENT_TYPES)
    # "realised" is the coder's no-modality label: the event's mode is then None
    assert set(coder["modes"]) - {"realised"} <= set(get_args(EventModality))


def test_modes_and_kinds_are_closed_and_distinct() -> None:
    assert len(set(EVENT_MODES)) == len(EVENT_MODES)
    assert set(SUFFIXES.values()) <= set(DOC_KINDS)


def test_the_seed_article_stays_inside_the_types(seed_doc) -> None:
    assert seed_doc.kind in DOC_KINDS
    assert seed_doc.events
    for e in seed_doc.events:
        assert e.type in EVENT_TYPES and (e.mode is None or e.mode in EVENT_MODES)
    assert seed_doc.plover_type is None or seed_doc.plover_type in EVENT_TYPES
