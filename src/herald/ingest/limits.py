"""Per-document budgets, configurable through environment variables.

A batch of millions of pages will contain a few monsters: a 200 MB log file named ``.html``, a
page of a million nested ``<div>`` elements, a feed built to explode when parsed. herald bounds
what one document may cost and turns anything beyond into an error record, so one bad input
never stops or starves the batch.

==========================  =========  ====================================================
variable                    default    what it bounds
==========================  =========  ====================================================
``HERALD_MAX_BYTES``        16000000   bytes read for one document (after gunzip); larger
                                       inputs are refused without reading the rest
``HERALD_MAX_TREE_SIZE``    200000     elements in one parsed HTML page
``HERALD_MAX_LINES``        20000      lines of one plain-text page
``HERALD_DOC_TIMEOUT``      20         seconds of extraction per document (main thread only:
                                       a worker thread cannot be interrupted safely)
==========================  =========  ====================================================
"""

from __future__ import annotations

import os


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def max_bytes() -> int:
    return _env_int("HERALD_MAX_BYTES", 16_000_000)


def max_lines() -> int:
    return _env_int("HERALD_MAX_LINES", 20_000)


def doc_timeout() -> float:
    try:
        return float(os.environ.get("HERALD_DOC_TIMEOUT", 20))
    except ValueError:
        return 20.0
