"""The hostile corpus through the real command: one clear error per bad file, good files coded,
exit code 0, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, herald_cli

HOSTILE = DATA / "hostile"
GOOD_FILES = [DATA / "corpus" / "seed-lavrov-nato.txt", DATA / "corpus" / "chron-esper-vietnam.html.gz"]

# source (file name, or file#record) -> a phrase its error must contain
EXPECTED_ERRORS = {
    "binary-image.txt": "binary content",
    "not-really.gz.txt": "binary content",
    "empty.txt": "empty input",
    "whitespace-only.html": "empty input",
    "truncated.txt.gz": "truncated or corrupt gzip",
    "truncated.warc.gz": "truncated or corrupt WARC",
    "not-a-warc.warc": "no HTML or text records",
    "deep-nesting.html.gz": "nested",
    "entity-bomb.rss": "unsafe XML refused",
    "external-entity.atom": "unsafe XML refused",
    "not-a-feed.xml": "not a readable feed",
    "broken-lines.jsonl#2": "broken JSONL line 2",
    "broken-lines.jsonl#3": "broken JSONL line 3",
    "broken-lines.jsonl#4": "broken JSONL line 4",
    "broken-lines.jsonl#5": "no 'text' or 'html'",
    "huge-page.html": "HERALD_MAX_BYTES",
}
EXPECTED_OK = {
    "latin1-invalid-utf8.txt",
    "mixed-encoding.txt",
    "good-feed.rss#1",
    "broken-lines.jsonl#1",
    "broken-lines.jsonl#7",
    "truncated.warc.gz#1",
    "seed-lavrov-nato.txt",
    "chron-esper-vietnam.html.gz",
}


@pytest.fixture(scope="module")
def huge_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 24 MB page, generated here rather than committed."""
    p = tmp_path_factory.mktemp("huge") / "huge-page.html"
    chunk = b"<p>" + b"Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 100 + b"</p>\n"
    with open(p, "wb") as fh:
        for _ in range(24_000_000 // len(chunk) + 1):
            fh.write(chunk)
    return p


def _by_source(stdout: str) -> dict[str, dict]:
    docs = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    return {Path(d["source"]).name: d for d in docs}


def _check(docs: dict[str, dict]) -> None:
    for name, phrase in EXPECTED_ERRORS.items():
        assert name in docs, f"no record for {name}"
        assert docs[name]["status"] == "error", name
        assert phrase in docs[name]["error"], (name, docs[name]["error"])
    for name in EXPECTED_OK:
        assert docs[name]["status"] == "ok", (name, docs[name]["error"])
        assert docs[name]["text"]
    assert docs["german-article.txt"]["status"] == "skipped"
    assert docs["latin1-invalid-utf8.txt"]["text"].startswith("Café owners in Montréal")
    assert "“a betrayal”" in docs["mixed-encoding.txt"]["text"]


def test_herald_code_over_the_hostile_corpus(huge_page: Path) -> None:
    env = {**os.environ, "HERALD_DOC_TIMEOUT": "30"}
    r = subprocess.run(
        [*herald_cli(), "code", str(HOSTILE), str(huge_page), *map(str, GOOD_FILES)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    docs = _by_source(r.stdout)
    _check(docs)
    # one stderr line per error, naming the document
    assert sum(line.startswith("herald: ") for line in r.stderr.splitlines()) == len(EXPECTED_ERRORS)


@pytest.mark.slow
def test_herald_run_over_the_hostile_corpus(huge_page: Path, tmp_path: Path) -> None:
    db = tmp_path / "hostile.duckdb"
    r = subprocess.run(
        [
            *herald_cli(),
            "run",
            str(HOSTILE),
            str(huge_page),
            *map(str, GOOD_FILES),
            "--db",
            str(db),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    assert db.exists()
