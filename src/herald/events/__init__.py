"""events stage."""

from herald.events.stage import code

__all__ = ["code"]
