"""The query commands, run in-process on a small store: formats, filters, refusals, exports, show."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from herald.cli import app, register
from herald.store import Store
from herald.store.export import GDELT_COLUMNS
from herald.stories import assign
from tests.store.helpers import border_text, coded, error_doc, wrapped

register()
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "q.duckdb")
    text = border_text()
    docs = [
        coded("a.html", wrapped(text, "Daily Ledger"), url="https://ledger.example/a"),
        coded("b.html", wrapped(text, "World Brief"), url="https://brief.example/b", published="2023-05-09"),
        error_doc("feed.jsonl#4"),
    ]
    for doc in docs[:2]:
        doc.plover_type, doc.plover_confidence = "THREATEN", 0.625
    with Store(path) as store:
        store.write(list(assign(docs, store.story_index())))
    return path


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_events_in_every_format(db: str) -> None:
    rows = json.loads(cli("events", "--db", db, "--format", "json"))
    assert len(rows) == 3 and {r["num_documents"] for r in rows} == {2}
    assert rows[0]["date"] == "2023-05-08" and rows[0]["sentence"].startswith("Armenia's defence ministry")
    lines = cli(
        "events", "--db", db, "--format", "jsonl", "--source", "ARM", "--type", "THREATEN"
    ).splitlines()
    assert [json.loads(x)["type"] for x in lines] == ["THREATEN"]
    csv = cli("events", "--db", db, "--format", "csv", "--all-copies")
    assert len(csv.strip().splitlines()) == 1 + 6
    table = cli("events", "--db", db, "--target", "AZE")
    assert "ACCUSE" in table and "THREATEN" in table and "APPEAL" not in table


def test_quotes_dyads_stories_documents(db: str) -> None:
    quotes = json.loads(cli("quotes", "--db", db, "--speaker", "Azerbaijan", "--format", "json"))
    assert [q["text"] for q in quotes] == ["a provocation designed to derail the peace process"]
    dyads = json.loads(cli("dyads", "--db", db, "--format", "json"))
    assert {(d["source"], d["target"], d["events"]) for d in dyads} == {
        ("ARMGOV", "AZEGOV", 2),
        ("IGOEU", "ARMGOV", 1),
    }
    stories = json.loads(cli("stories", "--db", db, "--format", "json"))
    assert len(stories) == 1 and stories[0]["documents"] == ["a.html", "b.html"]
    errors = json.loads(cli("documents", "--db", db, "--status", "error", "--format", "json"))
    assert errors[0]["id"] == "feed.jsonl#4" and errors[0]["error"]
    assert errors[0]["plover_type"] is None  # a bad input was never classified
    listed = json.loads(cli("documents", "--db", db, "--format", "json"))
    assert [(d["id"], d["plover_type"], d["plover_confidence"]) for d in listed] == [
        ("a.html", "THREATEN", 0.625),
        ("b.html", "THREATEN", 0.625),
        ("feed.jsonl#4", None, None),
    ]
    assert [d["published"] for d in listed] == ["2023-05-08", "2023-05-09", None]  # null, not "NaT"
    assert "THREATEN" in cli("documents", "--db", db)  # the table shows the story type too


def test_shared_filters_read_alike_in_every_command(db: str) -> None:
    """--source/--type/--since mean the same in events, dyads and export (one definition each)."""
    for command in ("events", "dyads", "export"):
        out = cli(command, "--help")
        assert "--source" in out and "--since" in out and "--type" in out, command
    events = json.loads(
        cli(
            "events",
            "--db",
            db,
            "--source",
            "ARM",
            "--type",
            "threaten",
            "--since",
            "2023-05-01",
            "--format",
            "json",
        )
    )
    dyads = json.loads(
        cli(
            "dyads",
            "--db",
            db,
            "--source",
            "ARM",
            "--type",
            "threaten",
            "--since",
            "2023-05-01",
            "--format",
            "json",
        )
    )
    assert [e["type"] for e in events] == ["THREATEN"] and [d["events"] for d in dyads] == [1]
    bad = runner.invoke(app, ["events", "--db", db, "--since", "May 2023"])
    assert bad.exit_code == 2 and "--since is not a date" in bad.output


def test_sql_reads_and_refuses_writes(db: str) -> None:
    assert json.loads(cli("sql", "SELECT count(*) AS n FROM events", "--db", db, "--format", "json")) == [
        {"n": 6}
    ]
    refused = runner.invoke(app, ["sql", "DELETE FROM events", "--db", db])
    assert refused.exit_code == 2 and "refused" in refused.output
    assert duckdb.connect(db, read_only=True).execute("SELECT count(*) FROM events").fetchone() == (6,)


def test_show_marks_up_the_article(db: str) -> None:
    out = cli("show", "a.html", "--db", db)
    assert "Armenia warns Azerbaijan" in out and "ACCUSE" in out and "provocation" in out
    assert "story type THREATEN (0.62)" in out
    doc = json.loads(cli("show", "a.html", "--db", db, "--format", "json"))
    assert len(doc["events"]) == 3 and doc["events"][0]["source"]["code"] == "ARMGOV"
    missing = runner.invoke(app, ["show", "nope", "--db", db])
    assert missing.exit_code == 1


def test_exports_round_trip_in_pandas_and_duckdb(db: str, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        ref = store.events()
    keys = sorted(ref["event_key"])
    for fmt in ("csv", "parquet", "jsonl", "gdelt", "plover"):
        out = str(tmp_path / f"e.{fmt}")
        result = runner.invoke(app, ["export", "--db", db, "--format", fmt, "--out", out])
        assert result.exit_code == 0, result.output
        if fmt == "gdelt":
            back = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS)
            assert sorted(back["GLOBALEVENTID"]) == keys
            assert (
                back["NumSources"].tolist() == [2, 2, 2]
                and back["EventCode"].astype(str).tolist()[0] == "112"
            )
            assert duckdb.sql(
                f"SELECT count(*) FROM read_csv('{out}', delim='\t', header=false)"
            ).fetchall() == [(3,)]
            continue
        if fmt == "plover":
            back = pd.read_json(out, lines=True)
            assert sorted(back["id"]) == keys and back["event"].tolist()[0] == ["ACCUSE"]
            assert {h["doc_plover_type"] for h in back["herald"]} == {"THREATEN"}
            assert duckdb.sql(f"SELECT count(*) FROM read_json('{out}')").fetchall() == [(3,)]
            continue
        back = {
            "csv": pd.read_csv,
            "parquet": pd.read_parquet,
            "jsonl": lambda p: pd.read_json(p, lines=True),
        }[fmt](out)  # type: ignore[operator]
        assert list(back.columns) == list(ref.columns)
        assert sorted(back["event_key"]) == keys
        assert back["sentence"].tolist() == ref["sentence"].tolist()
        assert back["num_documents"].tolist() == ref["num_documents"].tolist()
        assert back["doc_plover_type"].tolist() == ["THREATEN"] * 3  # the document's story type rides along
        reader = {"csv": "read_csv", "parquet": "read_parquet", "jsonl": "read_json"}[fmt]
        again = duckdb.sql(
            f"SELECT event_key, goldstein FROM {reader}('{out}') ORDER BY event_key"
        ).fetchall()
        assert again == sorted(zip(ref["event_key"], ref["goldstein"], strict=True))


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "no herald store" in result.output


def test_gdelt_action_geo_uses_gdelt_codes_and_country_filters(tmp_path: Path) -> None:
    """ActionGeo columns carry FIPS codes, GDELT's ADM1 form and GeoNames feature ids."""
    from herald.models import Place

    path = str(tmp_path / "geo.duckdb")
    doc = coded("lisbon.txt", border_text())
    doc.events[0].location = Place(
        text="Lisbon", name="Lisbon", country="PRT", admin1="PT.14", lat=38.71667, lon=-9.13333, kind="city"
    )
    doc.events[2].location = Place(
        text="Portugal", name="Portugal", country="PRT", lat=39.6, lon=-8.0, kind="country"
    )
    with Store(path) as store:
        store.write([doc])
    out = tmp_path / "geo.tsv"
    cli("export", "--db", path, "--format", "gdelt", "--out", str(out), "--country", "PRT")
    back = pd.read_csv(out, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str).set_index("EventCode")
    assert len(back) == 2  # --country keeps the events located in Portugal
    city, country = back.loc["112"], back.loc["020"]
    assert (city["ActionGeo_Type"], city["ActionGeo_CountryCode"], city["ActionGeo_ADM1Code"]) == (
        "4",
        "PO",
        "PO14",
    )
    assert city["ActionGeo_FullName"].startswith("Lisbon") and city["ActionGeo_FullName"].endswith("Portugal")
    assert city["ActionGeo_FeatureID"] == "2267057"  # GeoNames' Lisbon
    assert float(city["ActionGeo_Lat"]) == pytest.approx(38.71667)
    assert (country["ActionGeo_Type"], country["ActionGeo_CountryCode"]) == ("1", "PO")
    assert country["Actor1Geo_Type"] == "0" and pd.isna(country["Actor1Geo_CountryCode"])
    rows = json.loads(cli("events", "--db", path, "--country", "prt", "--format", "json"))
    assert [r["location_name"] for r in rows] == ["Lisbon", "Portugal"]
    everything = tmp_path / "all.tsv"
    cli("export", "--db", path, "--format", "gdelt", "--out", str(everything))
    unlocated = pd.read_csv(everything, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str)
    assert unlocated.set_index("EventCode").loc["138", "ActionGeo_Type"] == "0"  # no place: Type 0, no guess
