"""The annotation scheme, written once for the checker, the agreement report and the coder's dataset.

``TYPES`` and ``MODES`` are ordered: the coder's output layout follows this order (``coder.json``).
"""

from __future__ import annotations

TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
MODES = (None, "future", "hypothetical")

# sentence ids "<source>:<document>:<n>" of sources whose sentences come in whole documents (PolNeAR
# articles, written articles); any other id is a document of its own (a lone ConfliBERT sentence)
_IN_DOCUMENTS = ("pn:", "pw:", "wr:", "wb", "wc")


def document_of(sid: str) -> str:
    """The document a sentence id belongs to."""
    return sid.rsplit(":", 1)[0] if sid.startswith(_IN_DOCUMENTS) else sid
