"""places stage."""

from herald.places.stage import locate

__all__ = ["locate"]
