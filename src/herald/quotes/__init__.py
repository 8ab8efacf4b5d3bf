"""quotes stage."""

from herald.quotes.stage import attribute

__all__ = ["attribute"]
