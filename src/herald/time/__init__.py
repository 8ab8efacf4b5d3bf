"""time stage."""

from herald.time.stage import date

__all__ = ["date"]
