"""A Dask partition is reused only when the files, the options, herald's code and its settings are
the same (``herald.scale.dask_runner.shard_key``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.scale import dask_runner
from tests.conftest import SEED


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    f = tmp_path / "a.txt"
    f.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return [str(f)]


def test_the_key_follows_the_code_and_the_settings(files: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(dask_runner.settings()):
        monkeypatch.delenv(name)
    base = dask_runner.shard_key(files, None)
    assert dask_runner.shard_key(files, None) == base
    assert dask_runner.shard_key(files, "2010-11-20") != base

    monkeypatch.setenv("HERALD_THREADS", "3")  # how fast, not what: the same partition
    assert dask_runner.shard_key(files, None) == base
    monkeypatch.setenv("HERALD_EVENT_CODER", "rules")  # another coder: another partition
    assert dask_runner.shard_key(files, None) != base
    monkeypatch.delenv("HERALD_EVENT_CODER")

    monkeypatch.setattr(dask_runner, "code_fingerprint", lambda: "other code")
    assert dask_runner.shard_key(files, None) != base


def test_the_fingerprint_covers_the_coding_stages_not_the_server() -> None:
    import herald

    fp = dask_runner.code_fingerprint()
    assert len(fp) == 16 and fp == dask_runner.code_fingerprint()
    root = Path(herald.__file__).resolve().parent
    assert {"events", "quotes", "actors", "time", "places"} <= {
        p.name for p in root.iterdir()
    } - dask_runner.NOT_CODING


def test_a_partition_coded_by_other_code_is_not_reused(
    files: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "parts"
    out.mkdir()
    first = dask_runner.code_shard(files, str(out))
    assert dask_runner.code_shard(files, str(out)) == first  # same code: reused
    monkeypatch.setattr(dask_runner, "code_fingerprint", lambda: "retrained coder")
    second = dask_runner.code_shard(files, str(out))
    assert second != first and Path(second).exists()
    assert [d.title for d in dask_runner.read_shard(second)] == [
        d.title for d in dask_runner.read_shard(first)
    ]
