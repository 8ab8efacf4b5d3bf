"""Ingest stage: turn paths (files, folders, globs) into a stream of :class:`RawDocument`.

Each reader is a generator, so memory stays constant in the number of documents. A bad file
never raises out of here: it becomes a RawDocument with ``error`` set, and the batch goes on.
"""

from herald.ingest.read import expand_paths, read

__all__ = ["expand_paths", "read"]
