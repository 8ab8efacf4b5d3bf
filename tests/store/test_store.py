"""The store: idempotent keys, versions, bad rows kept, merged story events, schema, read-only SQL."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import herald
from herald.store import ReadOnlyViolation, Store
from herald.store.schema import SCHEMA_VERSION, SchemaTooNew
from herald.stories import assign
from tests.store.helpers import border_text, coded, error_doc, wrapped

COUNTED = ("documents", "quotes", "events", "actors", "places", "stories")


def counts(db: str) -> dict[str, int]:
    con = duckdb.connect(db, read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}  # type: ignore[index]
    finally:
        con.close()


def write(db: str, docs: list) -> int:
    with Store(db) as store:
        return store.write(list(assign(docs, store.story_index())))


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "t.duckdb")


def test_same_content_twice_adds_nothing(db: str) -> None:
    text = border_text()
    assert write(db, [coded("a.txt", text), error_doc("bad.jsonl#3")]) == 2
    before = counts(db)
    assert before["events"] == 3 and before["quotes"] == 1 and before["actors"] == 1 and before["places"] == 1
    assert write(db, [coded("a.txt", text), error_doc("bad.jsonl#3")]) == 0
    assert counts(db) == before
    with Store(db) as store:
        assert store.has(coded("a.txt", text))
        assert not store.has(coded("a.txt", text + " Updated."))


def test_a_changed_page_adds_a_version_that_supersedes_the_old(db: str) -> None:
    text = border_text()
    write(db, [coded("a.txt", text)])
    write(db, [coded("a.txt", text.replace("next month", "in June"))])
    with herald.open(db) as store:
        versions = store.sql("SELECT version, latest FROM documents WHERE id = 'a.txt' ORDER BY version")
        assert versions.values.tolist() == [[1, False], [2, True]]
        assert store.summary()["documents"] == 1 and store.summary()["document versions"] == 2
        assert len(store.events(merged=False)) == 3  # only the latest version's events count
        assert "in June" in store.document("a.txt").text  # type: ignore[union-attr]


def test_an_error_never_hides_a_good_version(db: str) -> None:
    text = border_text()
    write(db, [coded("a.txt", text)])
    write(db, [error_doc("a.txt", "truncated or corrupt gzip file")])
    with herald.open(db) as store:
        assert len(store.events()) == 3
        rows = store.sql("SELECT status, latest, error FROM documents WHERE id = 'a.txt' ORDER BY version")
        assert rows["status"].tolist() == ["ok", "error"] and rows["latest"].tolist() == [True, False]
        assert rows["error"].tolist()[1] == "truncated or corrupt gzip file"


def test_bad_input_rows_are_kept_with_their_errors(db: str) -> None:
    write(
        db,
        [
            error_doc("feed.jsonl#2"),
            error_doc("missing.txt", "no such file: missing.txt"),
            coded("a.txt", border_text()),
        ],
    )
    with herald.open(db) as store:
        bad = store.documents(status="error")
        assert sorted(bad["id"]) == ["feed.jsonl#2", "missing.txt"]
        assert set(bad["error"]) == {"broken JSONL line 3: Expecting value", "no such file: missing.txt"}
        assert store.summary()["errors"] == 2


def test_copies_of_one_story_are_one_set_of_events(db: str) -> None:
    text = border_text()
    copies = [
        coded("a.html", wrapped(text, "Daily Ledger"), url="https://www.ledger.example/a"),
        coded("b.html", wrapped(text, "World Brief"), url="https://brief.example/b", published="2023-05-09"),
    ]
    write(db, copies)
    with herald.open(db) as store:
        assert copies[0].story_id == copies[1].story_id
        merged = store.events()
        assert len(merged) == 3 and len(store.events(merged=False)) == 6
        assert merged["num_documents"].tolist() == [2, 2, 2]
        assert merged["num_sources"].tolist() == [2, 2, 2]
        assert {str(d)[:10] for d in merged["first_seen"]} == {"2023-05-08"}
        assert set(merged["doc_id"]) == {"a.html"}  # the first-seen copy carries the evidence
        stories = store.stories()
        assert stories["num_documents"].tolist() == [2]
        assert sorted(stories["sources"][0]) == ["brief.example", "ledger.example"]
        assert len(store.quotes()) == 1
        assert store.sql("SELECT count(*) AS n FROM story_events")["n"][0] == 3


def test_two_events_of_one_kind_in_one_article_stay_two(db: str) -> None:
    doc = coded("a.txt", border_text())
    doc.events[1].type = "ACCUSE"  # two accusations by Armenia of Azerbaijan in one article
    write(db, [doc])
    with herald.open(db) as store:
        assert len(store.events(type="ACCUSE")) == 2


def test_query_filters(db: str) -> None:
    write(db, [coded("a.txt", border_text())])
    with herald.open(db) as store:
        assert len(store.events(source="ARM")) == 2
        assert len(store.events(source="ARM", target="AZE", type="accuse")) == 1
        assert len(store.events(source="European")) == 1  # a name, matched case-insensitively
        assert len(store.events(country="ARM")) == 1  # where: the event's location
        assert len(store.events(since="2023-05-09")) == 0
        assert len(store.events(until="2023-05-08")) == 3
        assert len(store.events(source="AR%")) == 0  # LIKE wildcards in user input are literal
        assert store.quotes(speaker="foreign ministry")["speaker"].tolist() == ["Azerbaijan"]
        with pytest.raises(ValueError, match="not a date"):
            store.events(since="May 2023")


def test_dyads_count_and_average_goldstein(db: str) -> None:
    write(
        db,
        [
            coded("a.txt", border_text()),
            coded(
                "b.txt",
                border_text().replace("Monday", "Tuesday") + "\n\nMore later.",
                published="2023-06-02",
            ),
        ],
    )
    with herald.open(db) as store:
        pair = store.dyad_timeline("ARM", "AZE")
        # the two pages are copies of one story: each event counted once, first seen in May
        assert pair[["events", "documents", "mean_goldstein"]].values.tolist() == [[2, 4, -4.5]]
        assert str(pair["period"][0])[:10] == "2023-05-01"
        assert set(store.dyads()["source"]) == {"ARMGOV", "IGOEU"}


def test_document_round_trip(db: str) -> None:
    doc = coded("a.txt", border_text())
    doc.plover_type, doc.plover_confidence = "THREATEN", 0.614
    write(db, [doc])
    with herald.open(db) as store:
        back = store.document("a.txt")
    assert back is not None
    want, got = doc.to_dict(), back.to_dict()
    assert got["events"] == want["events"]
    assert got["quotes"] == want["quotes"]
    assert got["mentions"] == want["mentions"] and got["places"] == want["places"]
    assert (got["text"], got["title"], got["dates"], got["story_id"]) == (
        want["text"],
        want["title"],
        want["dates"],
        want["story_id"],
    )
    assert (got["plover_type"], got["plover_confidence"]) == ("THREATEN", 0.614)


def test_sql_is_read_only(db: str) -> None:
    write(db, [coded("a.txt", border_text())])
    with herald.open(db) as store:
        assert store.sql("SELECT count(*) AS n FROM events")["n"][0] == 3
        assert (
            store.sql("SELECT type FROM events WHERE rule = ? ORDER BY type", ["test:accuse"])["type"][0]
            == "ACCUSE"
        )
        for bad in (
            "DELETE FROM events",
            "DROP TABLE events",
            "SELECT 1; DELETE FROM events",
            f"COPY events TO '{db}.csv'",
            f"ATTACH '{db}.other' AS o",
            "CREATE TABLE x (a INT)",
            "UPDATE documents SET status = 'ok'",
            "PRAGMA enable_checkpoint_on_shutdown",
        ):
            with pytest.raises(ReadOnlyViolation):
                store.sql(bad)
    with Store(db) as writer:  # even a writing store's sql() runs on a read-only connection
        with pytest.raises(ReadOnlyViolation):
            writer.sql("INSERT INTO stories (story_id) VALUES ('x')")
        assert writer.sql("SELECT count(*) AS n FROM documents")["n"][0] == 1
    assert counts(db)["events"] == 3


def test_schema_is_versioned_and_migrated_once(db: str) -> None:
    Store(db).close()
    Store(db).close()
    con = duckdb.connect(db)
    assert con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall() == [
        (v,) for v in range(1, SCHEMA_VERSION + 1)
    ]
    con.execute("INSERT INTO schema_migrations (version, description) VALUES (99, 'from the future')")
    con.close()
    with pytest.raises(SchemaTooNew):
        Store(db)


def test_a_first_version_store_is_kept_not_lost(db: str) -> None:
    con = duckdb.connect(db)
    con.execute("CREATE TABLE documents (doc_key VARCHAR PRIMARY KEY, id VARCHAR)")
    con.execute("INSERT INTO documents VALUES ('k', 'old.txt')")
    con.close()
    write(db, [coded("a.txt", border_text())])
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT id FROM documents_v0").fetchall() == [("old.txt",)]
    assert con.execute("SELECT id FROM documents").fetchall() == [("a.txt",)]
    con.close()


def test_read_only_store_refuses_writes_and_missing_files(db: str, tmp_path: Path) -> None:
    write(db, [coded("a.txt", border_text())])
    with herald.open(db) as store, pytest.raises(PermissionError):
        store.write([error_doc("b.txt")])
    with pytest.raises(FileNotFoundError):
        herald.open(str(tmp_path / "nope.duckdb"))


def test_summary_is_what_the_run_report_prints(db: str) -> None:
    text = border_text()
    write(db, [coded("a", text), coded("b", wrapped(text, "Brief")), error_doc("c")])
    with herald.open(db) as store:
        s = store.summary()
    assert (s["documents"], s["errors"], s["stories"], s["stories with copies"]) == (3, 1, 1, 1)
    assert (s["events (one per story)"], s["events (all copies)"]) == (3, 6)
    assert s["stories with most copies"][0]["documents"] == 2
    assert all(isinstance(v, (int, list)) for v in s.values())


def test_copies_coded_slightly_differently_still_merge(db: str) -> None:
    """One copy resolved no target for an event and lost the paragraph holding another."""
    text = border_text()
    first = coded("a.html", wrapped(text, "Ledger"), url="https://ledger.example/a")
    second = coded("b.html", wrapped(text, "Brief"), url="https://brief.example/b")
    second.events[0].target = None  # the accusation's target not resolved in this copy
    del second.events[2]  # the appeal's paragraph was dropped by this site
    write(db, [first])
    write(db, [second])  # a later batch: aligned against the stored founding copy
    with herald.open(db) as store:
        merged = store.events()
    assert merged["type"].tolist() == ["ACCUSE", "THREATEN", "APPEAL"]
    assert merged["num_documents"].tolist() == [2, 2, 1]
    assert merged["target_name"].tolist()[0] == "Azerbaijan"  # evidence from the founding copy


def test_an_unanchored_event_does_not_merge_with_a_different_one(db: str) -> None:
    text = border_text()
    first = coded("a.html", wrapped(text, "Ledger"))
    second = coded("b.html", wrapped(text, "Brief"))
    second.events[0].source = second.events[2].source  # the EU, not Armenia: another event
    write(db, [first, second])
    with herald.open(db) as store:
        merged = store.events(type="ACCUSE")
    assert sorted(merged["num_documents"].tolist()) == [1, 1]


def test_a_reader_refuses_an_unmigrated_store(db: str) -> None:
    con = duckdb.connect(db)
    con.execute("CREATE TABLE documents (doc_key VARCHAR PRIMARY KEY, id VARCHAR)")
    con.close()
    with pytest.raises(SchemaTooNew, match="herald migrate --db"):
        herald.open(db)
    Store(db).close()  # a writer migrates it
    with herald.open(db) as store:
        assert store.summary()["documents"] == 0


def _representatives(db: str) -> list[tuple[str, str]]:
    with herald.open(db) as store:
        rows = store.sql(
            "SELECT doc_id, type FROM events WHERE latest AND representative ORDER BY doc_id, event_index"
        )
    return [tuple(r) for r in rows.values.tolist()]  # type: ignore[misc]


def test_each_story_event_has_one_representative_copy(db: str) -> None:
    """``events.representative`` marks the copy ``story_events`` shows, and follows re-ingestion."""
    text = border_text()
    write(db, [coded("a.html", wrapped(text, "Ledger")), coded("b.html", wrapped(text, "Brief"))])
    assert _representatives(db) == [("a.html", "ACCUSE"), ("a.html", "THREATEN"), ("a.html", "APPEAL")]
    with herald.open(db) as store:
        view = store.sql("SELECT doc_id, type FROM story_events ORDER BY event_index").values.tolist()
    assert [tuple(r) for r in view] == _representatives(db)
    # a changed a.html supersedes the founder: its copy in b.html now stands for the story's events
    write(db, [coded("a.html", wrapped(text, "Ledger").replace("next month", "in June"))])
    assert _representatives(db) == [("b.html", "ACCUSE"), ("b.html", "THREATEN"), ("b.html", "APPEAL")]
    with herald.open(db) as store:
        assert store.sql("SELECT count(*) AS n FROM events WHERE representative AND NOT latest")["n"][0] == 0


def test_migration_2_marks_the_representatives_of_a_version_1_store(db: str) -> None:
    from herald.store import schema

    text = border_text()
    write(db, [coded("a.html", wrapped(text, "Ledger")), coded("b.html", wrapped(text, "Brief"))])
    con = duckdb.connect(db)  # turn it back into a version-1 store
    con.execute("DROP VIEW story_events")
    con.execute("ALTER TABLE events DROP COLUMN representative")
    con.execute(schema.STORY_EVENTS_VIEW)
    con.execute("DELETE FROM schema_migrations WHERE version > 1")
    con.close()
    with pytest.raises(SchemaTooNew, match="herald migrate --db"):
        herald.open(db)
    Store(db).close()  # migrates
    assert _representatives(db) == [("a.html", "ACCUSE"), ("a.html", "THREATEN"), ("a.html", "APPEAL")]


def _version_2_store(db: str) -> None:
    """A store as the previous herald wrote it: schema version 2, ``documents`` without the story type."""
    from herald.store import schema

    con = duckdb.connect(db)
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, "
        "applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    for m in schema.MIGRATIONS[:2]:
        m.apply(con)
        con.execute(
            "INSERT INTO schema_migrations (version, description) VALUES (?, ?)", [m.version, m.description]
        )
    con.execute("""INSERT INTO documents (doc_key, id, version, latest, seq, source, status, title, text,
                                          ingested_at)
                   VALUES ('k-old', 'old.txt', 1, true, 1, 'old.txt', 'ok', 'Stored before', 'Old text.',
                           TIMESTAMP '2024-01-01 12:00:00')""")
    columns = {r[0] for r in con.execute("DESCRIBE documents").fetchall()}
    assert "plover_type" not in columns and "plover_confidence" not in columns
    con.close()


def test_migration_3_adds_the_story_type_to_a_version_2_store(db: str) -> None:
    _version_2_store(db)
    with pytest.raises(SchemaTooNew, match="herald migrate --db"):
        herald.open(db)
    doc = coded("a.txt", border_text())
    doc.plover_type, doc.plover_confidence = "ACCUSE", 0.58
    write(db, [doc])  # opening for writing migrates, then the new document keeps its type
    with herald.open(db) as store:
        listed = store.documents().set_index("id")
        old, new = store.document("old.txt"), store.document("a.txt")
        current = store.sql(
            "SELECT id, coalesce(plover_type, '-') FROM current_documents ORDER BY seq"
        ).values.tolist()
    assert old is not None and old.text == "Old text." and old.plover_type is None  # never computed
    assert new is not None and (new.plover_type, new.plover_confidence) == ("ACCUSE", 0.58)
    assert listed.loc["a.txt", "plover_type"] == "ACCUSE" and listed.loc["a.txt", "plover_confidence"] == 0.58
    assert current == [["old.txt", "-"], ["a.txt", "ACCUSE"]]  # the view shows the new columns


def test_events_carry_the_story_type_of_their_document(db: str) -> None:
    text = border_text()
    first, second = coded("a.html", wrapped(text, "Ledger")), coded("b.html", wrapped(text, "Brief"))
    first.plover_type, first.plover_confidence = "THREATEN", 0.7
    second.plover_type, second.plover_confidence = "ACCUSE", 0.4
    write(db, [first, second])
    with herald.open(db) as store:
        merged = store.events()  # the representative copy (the first stored) speaks for the story
        copies = store.events(merged=False)
        dated = store.events(since="2023-05-08", until="2023-05-08")
    assert set(merged["doc_plover_type"]) == {"THREATEN"} and set(merged["doc_plover_confidence"]) == {0.7}
    by_doc = copies.groupby("doc_id")["doc_plover_type"].agg(set).to_dict()
    assert by_doc == {"a.html": {"THREATEN"}, "b.html": {"ACCUSE"}}
    assert dated["event_key"].tolist() == merged["event_key"].tolist()


def test_herald_migrate_upgrades_an_old_store_for_readers(db: str) -> None:
    from typer.testing import CliRunner

    from herald.cli import app, register

    register()
    _version_2_store(db)
    first = CliRunner().invoke(app, ["migrate", "--db", db])
    assert first.exit_code == 0 and "applied schema versions 3" in first.output
    with herald.open(db) as store:  # a reader now opens it, and the old document is intact
        old = store.document("old.txt")
    assert old is not None and old.title == "Stored before" and old.plover_type is None
    again = CliRunner().invoke(app, ["migrate", "--db", db])
    assert again.exit_code == 0 and "already current" in again.output
    missing = CliRunner().invoke(app, ["migrate", "--db", db + ".nope"])
    assert missing.exit_code == 1
    not_duckdb = Path(db).with_suffix(".txt")
    not_duckdb.write_text("a text file, not a store\n")
    refused = CliRunner().invoke(app, ["migrate", "--db", str(not_duckdb)])
    assert refused.exit_code == 1 and "not a valid DuckDB database file" in refused.output
    assert not_duckdb.read_text() == "a text file, not a store\n"  # left as it was
