"""events stage."""

from herald.events.stage import code, display_threshold

__all__ = ["code", "display_threshold"]
