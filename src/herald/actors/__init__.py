"""Actors stage: resolve who is who in each document, as of the story's date.

``resolve(docs)`` fills ``Document.mentions`` with spans resolved to :class:`herald.models.Actor`
(countries, organisations, people with the role that held at the story's date). The other
stages use ``actor_at`` (span -> actor), ``lookup`` (name -> candidates), ``role_terms``
(a person's terms of office) and ``reresolve`` (re-pick roles for a better date).
"""

from herald.actors.api import actor_at, lookup, reresolve, role_terms
from herald.actors.resolve import doc_date, resolve, resolve_text

__all__ = ["actor_at", "doc_date", "lookup", "reresolve", "resolve", "resolve_text", "role_terms"]
