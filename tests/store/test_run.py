"""`herald run` into a store, end to end: idempotent reruns, kill -9 and resume, readers during a run.

The corpus is 60 small inputs built from the articles in tests/data/stories: originals, copies with
other boilerplate and small edits (so stories form), single paragraphs (excerpts, which join their
article's story when they hold enough of it), and bad inputs (broken JSONL lines, a record without
text, an empty file, a binary file) that must be kept with their errors.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

import herald
from tests.conftest import ROOT, herald_cli

DATA = ROOT / "tests" / "data" / "stories"
TABLES = ("documents", "quotes", "events", "actors", "places", "stories")
N_INPUTS = 60


def build_corpus(folder: Path) -> Path:
    rng = random.Random(5)
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for path in sorted(DATA.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        paras = body.strip().split("\n\n")
        (folder / f"{path.stem}.txt").write_text(f"{title}\n\n{body.strip()}\n", encoding="utf-8")
        for k, site in enumerate(("World Brief", "The Courier", "Metro Herald", "Daily Ledger")):
            kept = [p for i, p in enumerate(paras) if i != k + 1]  # a different paragraph dropped
            words = "\n\n".join(kept).split(" ")
            words[rng.randrange(len(words))] = "reportedly"
            page = (
                f"{site} | Home | World | Subscribe\n\n{title}\n\n{' '.join(words)}\n\n"
                f"Share this article\n(c) {site}"
            )
            (folder / f"{path.stem}-copy{k}.txt").write_text(page, encoding="utf-8")
        for i, para in enumerate(paras[:4]):
            (folder / f"{path.stem}-para{i}.txt").write_text(para + "\n", encoding="utf-8")
        n += 5 + min(4, len(paras))
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    lines = [
        json.dumps(
            {
                "id": "feed-1",
                "url": "https://brief.example/harbour",
                "text": (DATA / "harbour-talks.txt").read_text(encoding="utf-8"),
            }
        ),
        "{not json",
        json.dumps({"id": "feed-2", "title": "no text here"}),
        "[1, 2, 3]",
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    n += 2 + len(lines)
    assert n == N_INPUTS, n
    return folder


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
        out["story assignment"] = hash(
            tuple(con.execute("SELECT id, story_id, version FROM documents ORDER BY id, version").fetchall())
        )
        return out
    finally:
        con.close()


def run_cli(corpus: Path, db: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*herald_cli(), "run", str(corpus), "--db", str(db), "--quiet"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("run") / "corpus")


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Row counts of one uninterrupted run (in this process)."""
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    summary = herald.run([str(corpus)], db=str(db))
    assert summary.seen == N_INPUTS and summary.added == N_INPUTS
    return {**counts(db), "db": str(db)}  # type: ignore[dict-item]


def test_running_twice_adds_no_rows(corpus: Path, clean: dict[str, int]) -> None:
    db = Path(str(clean["db"]))
    before = counts(db)
    summary = herald.run([str(corpus)], db=str(db))
    assert summary.unchanged == N_INPUTS and summary.added == 0
    assert counts(db) == before
    assert before["documents"] == N_INPUTS


def test_bad_inputs_are_kept_with_their_errors(clean: dict[str, int]) -> None:
    with herald.open(str(clean["db"])) as store:
        bad = store.documents(status="error")
    reasons = dict(zip(bad["id"], bad["error"], strict=True))
    assert any("broken JSONL line 2" in r for r in reasons.values())
    assert any("has no 'text' or 'html'" in r for r in reasons.values())
    assert any(i.endswith("empty.txt") for i in reasons)
    assert any(i.endswith("binary.txt") for i in reasons)
    assert all(reasons.values())  # every bad row says why


def test_each_coded_document_keeps_its_story_type(clean: dict[str, int]) -> None:
    """The events stage's story-level PLOVER type survives the store: listed, rebuilt and exported."""
    from herald.events.ontology import TYPES

    with herald.open(str(clean["db"])) as store:
        docs = store.documents()
        events = store.events()
        ok = docs[docs["status"] == "ok"]
        typed = ok[ok["plover_type"].notna()]
        assert len(typed) == len(ok) > 0  # every coded article has a story type
        assert set(typed["plover_type"]) <= set(TYPES)
        assert docs[docs["status"] != "ok"]["plover_type"].isna().all()  # bad inputs have none
        assert typed["plover_confidence"].between(0, 1, inclusive="right").all()
        first = typed.iloc[0]
        back = store.document(first["id"])
    assert back is not None and (back.plover_type, back.plover_confidence) == (
        first["plover_type"],
        first["plover_confidence"],
    )
    types = dict(zip(docs["id"], docs["plover_type"], strict=True))
    assert len(events) and all(
        types[d] == t for d, t in zip(events["doc_id"], events["doc_plover_type"], strict=True)
    )


@pytest.mark.slow
def test_kill_9_mid_transaction_then_rerun_gives_a_clean_runs_rows(
    corpus: Path, clean: dict[str, int], tmp_path: Path
) -> None:
    db = tmp_path / "killed.duckdb"
    # killed after the second batch is written but before it commits (a real SIGKILL)
    proc = run_cli(corpus, db, {"HERALD_FAULT_KILL_AT_BATCH": "2"})
    assert proc.wait(timeout=300) == -signal.SIGKILL
    partial = counts(db)
    assert partial["documents"] == 25  # the first batch committed, the second vanished whole
    rerun = run_cli(corpus, db)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read() if rerun.stderr else ""
    expected = {k: v for k, v in clean.items() if k != "db"}
    assert counts(db) == expected


@pytest.mark.slow
def test_readers_read_while_a_run_writes_and_kill_9_at_any_moment(
    corpus: Path, clean: dict[str, int], tmp_path: Path
) -> None:
    """A reader polls the store during a run; the run is killed -9 once a batch is visible."""
    db = tmp_path / "live.duckdb"
    proc = run_cli(corpus, db)
    seen: list[int] = []
    deadline = time.monotonic() + 240
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if db.exists():
                with herald.open(str(db)) as store:  # waits for the writer's lock, never fails
                    seen.append(store.summary()["document versions"])
                if seen[-1] > 0:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
            time.sleep(0.05)
    finally:
        proc.wait(timeout=60)
    assert seen and seen == sorted(seen)  # reads saw whole committed batches, in order
    assert seen[-1] in (25, 50, 60)
    rerun = run_cli(corpus, db)
    assert rerun.wait(timeout=300) == 0
    assert counts(db) == {k: v for k, v in clean.items() if k != "db"}
