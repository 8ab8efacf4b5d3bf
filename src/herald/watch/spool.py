"""Fetched pages waiting to be coded, one JSON file each, so a kill -9 never costs a second fetch.

A page is written here (to a temporary name, then renamed: a file either is whole or is not there)
as soon as its answer is read, and removed once its document is committed and its URL's state
written. A watch that starts finds what a killed one left and codes it first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Spooled:
    url: str  # the watch_urls key
    doc_id: str  # the id the document is stored under (canonical final URL)
    final_url: str
    source: str
    content: str  # decoded text of the page
    content_type: str  # html | text
    http_status: int
    item_date: str | None = None
    title: str | None = None


class Spool:
    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    @classmethod
    def beside(cls, db: str) -> Spool:
        return cls(os.path.abspath(db) + ".watch-spool")

    def _path(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")

    def put(self, page: Spooled) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(page.url)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(asdict(page), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def drop(self, url: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._path(url).unlink()

    def __iter__(self) -> Iterator[Spooled]:
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.json")):
            try:
                yield Spooled(**json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError):
                path.unlink(missing_ok=True)  # unreadable: the page is fetched again
        for tmp in self.folder.glob("*.tmp*"):  # half-written by a killed watch
            tmp.unlink(missing_ok=True)

    def tidy(self) -> None:
        """Remove the folder when nothing waits in it."""
        with contextlib.suppress(OSError):
            self.folder.rmdir()

    def __len__(self) -> int:
        return len(list(self.folder.glob("*.json"))) if self.folder.is_dir() else 0
