"""Actors stage: resolve who is who in each document, as of the story's date.

``resolve(docs)`` fills ``Document.mentions`` with spans resolved to :class:`herald.models.Actor`.
"""

from herald.actors.resolve import resolve

__all__ = ["resolve"]
