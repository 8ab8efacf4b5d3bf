"""The `herald` command as a user runs it: code, extract, run (idempotent), bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb

from tests.conftest import DATA, herald_cli


def run_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([*herald_cli(), *args], capture_output=True, text=True, timeout=600)
    if check:
        assert r.returncode == 0, r.stderr[-2000:]
    return r


def test_code_writes_one_json_object_per_document_in_input_order(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    seed = DATA / "corpus" / "seed-lavrov-nato.txt"
    r = run_cli("code", str(seed), str(bad), "--format", "jsonl", "--reference-date", "2022-04-16")
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert [d["id"] for d in lines] == [str(seed), str(bad)]
    assert lines[0]["status"] == "ok"
    assert lines[1]["status"] == "error" and lines[1]["error"]
    assert "Traceback" not in r.stderr


def test_code_rejects_a_bad_reference_date() -> None:
    r = run_cli("code", str(DATA / "corpus"), "--reference-date", "yesterday", check=False)
    assert r.returncode != 0
    assert "not a date" in r.stderr


def test_extract_gives_extraction_fields_only() -> None:
    r = run_cli("extract", str(DATA / "corpus" / "seed-lavrov-nato.txt"))
    d = json.loads(r.stdout)
    assert d["title"].startswith("Lavrov upset")
    assert "events" not in d and "quotes" not in d


def test_run_twice_adds_nothing(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    run_cli("run", str(DATA / "corpus"), "--db", str(db), "-q")
    con = duckdb.connect(str(db), read_only=True)
    first = con.execute("SELECT count(*) FROM documents").fetchone()
    con.close()
    r = run_cli("run", str(DATA / "corpus"), "--db", str(db))
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == first
    con.close()
    assert first is not None and first[0] == 2
    assert "already stored" in r.stdout
    assert "events by type" in r.stdout and "top actor pairs" in r.stdout


def test_python_module_entry_point() -> None:
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "herald", "--help"], capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0
    assert "code" in r.stdout and "run" in r.stdout
