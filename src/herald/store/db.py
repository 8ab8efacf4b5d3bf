from __future__ import annotations

import json
from typing import Any

from herald.models import Document
from herald.stories import StoryIndex

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS documents (
        doc_key VARCHAR PRIMARY KEY, id VARCHAR, source VARCHAR, url VARCHAR, content_hash VARCHAR,
        status VARCHAR, error VARCHAR, title VARCHAR, text VARCHAR, story_id VARCHAR, body JSON)""",
]


class Store:
    def __init__(self, path: str, read_only: bool = False) -> None:
        import duckdb

        self.path = path
        self.con = duckdb.connect(path, read_only=read_only)
        if not read_only:
            for stmt in SCHEMA:
                self.con.execute(stmt)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @staticmethod
    def key(doc: Document) -> str:
        return f"{doc.id}\x1f{doc.content_hash or doc.error or ''}"

    def has(self, doc: Document) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE doc_key = ?", [self.key(doc)]).fetchone() is not None

    def story_index(self) -> StoryIndex:
        return StoryIndex()

    def write(self, docs: list[Document]) -> None:
        self.con.execute("BEGIN")
        for d in docs:
            self.con.execute(
                "INSERT OR IGNORE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [self.key(d), d.id, d.source, d.url, d.content_hash, d.status, d.error, d.title, d.text,
                 d.story_id, json.dumps(d.to_dict())],
            )
        self.con.execute("COMMIT")

    def summary(self) -> dict[str, Any]:
        n = self.con.execute("SELECT count(*) FROM documents").fetchone()
        return {"documents": n[0] if n else 0}
