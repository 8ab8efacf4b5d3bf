"""Serve stage: the local web page and HTTP API over a herald store (``herald serve``).

The store is opened read-only: the web layer can never change the data, and a user can browse a
database while keeping a backup of it. Every value a user sends reaches DuckDB as a bound parameter,
never as SQL text, and every piece of article text reaches the page through DOM text nodes, never as
markup.
"""

from herald.serve.app import create_app

__all__ = ["create_app"]
