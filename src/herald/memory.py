"""Process-wide memory helpers shared by the stages that load large, long-lived structures."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large structure is being built.

    Loading a table of a few hundred thousand dicts, lists and records that all live until the
    process ends makes the collector walk the ever larger young heap every few hundred allocations,
    looking for cycles that cannot exist yet (the actor knowledge base loaded in 0.41 s with it,
    0.20 s without). Nothing is left unreachable by such a load, so pausing changes no result.
    Nested uses are fine: only the outermost one turns the collector back on.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
