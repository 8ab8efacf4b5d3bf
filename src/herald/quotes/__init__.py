"""Quotes stage: direct and reported speech with resolved speakers (see docs/quotes.md)."""

from herald.quotes.extract import quotes_of
from herald.quotes.stage import attribute

__all__ = ["attribute", "quotes_of"]
