"""The column registry (herald.store.columns) is the store: tables, row builders and a new field."""

from __future__ import annotations

from pathlib import Path

import herald
from herald.store import Store
from herald.store import columns as C
from herald.store import rows as R
from tests.store.helpers import border_text, coded


def test_every_table_has_exactly_the_registry_columns_in_order(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with Store(db):
        pass
    import duckdb

    con = duckdb.connect(db, read_only=True)
    for name, table in C.TABLES.items():
        described = con.execute(f"DESCRIBE {name}").fetchall()
        assert [r[0] for r in described] == [c.name for c in table.columns], name
        assert [r[1] for r in described] == [c.type.split()[0] for c in table.columns], name
    con.close()


def test_row_builders_fill_every_column_they_name() -> None:
    doc = coded("a", border_text())
    assert len(R.document_row(doc, "k", 1, True, 1, None, R.datetime.now())) == len(R.DOCUMENT_FIELDS)
    e, q = doc.events[0], doc.quotes[0]
    assert len(R.event_row(e, doc, "k", 0, 1, True, R.datetime.now(), 1, "outlet", None)) == len(
        R.EVENT_FIELDS
    )
    assert len(R.quote_row(q, doc, "k", 0, True)) == len(R.QUOTE_FIELDS)


def test_document_warnings_are_stored_and_read_back(tmp_path: Path) -> None:
    """The stage contract's mark lands in the store (``documents.warnings``, schema 5)."""
    db = str(tmp_path / "s.duckdb")
    doc = coded("a", border_text())
    doc.warnings = ["quotes: RuntimeError: boom"]
    with Store(db) as store:
        store.write([doc, coded("b", border_text() + " More.")])
    with herald.open(db) as store:
        assert store.document("a").warnings == ["quotes: RuntimeError: boom"]
        assert store.document("b").warnings == []
        rows = store.sql("SELECT id, warnings FROM current_documents ORDER BY id").to_dict("records")
    assert [list(r["warnings"]) for r in rows] == [["quotes: RuntimeError: boom"], []]
