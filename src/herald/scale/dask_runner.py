"""Run herald on a Dask cluster: shard the input files, code on workers, merge in the driver."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from herald.models import Document
from herald.pipeline import RunSummary

if TYPE_CHECKING:
    from dask.distributed import Future

SHARD_FILES = 8
"""Files per task: enough for spaCy to parse them as one batch (about 10% cheaper than one at a
time), few enough that the last task does not keep one worker busy while the others wait."""

ROW_GROUP = 256
"""Documents per Parquet row group, written and read one at a time, so the memory of a task and of
the driver stays bounded whatever the size of a shard (a CC-NEWS WARC holds some 35,000 pages)."""

SHARD_BYTES = 4_000_000
"""A file at least this big (a WARC, a JSONL dump) is a task of its own."""


# Settings that never change what is coded (threads, lock waits); every other ``HERALD_*`` variable
# (the event coder, the quotes model, the per-document limits, ...) is part of a shard's key.
UNKEYED_SETTINGS = frozenset({"HERALD_THREADS", "HERALD_LOCK_TIMEOUT"})
# herald's subpackages that do not take part in coding a document (their changes keep the partitions)
NOT_CODING = frozenset({"cli", "serve", "store", "watch"})


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What identifies the code that codes a shard: herald's version, the content of every file of
    the package that takes part in coding (sources, shipped data and models; not the CLI, the store,
    the web server or the watcher), and the versions of herald's runtime dependencies (the spaCy
    model among them). Computed once per process (about 0.1 s)."""
    import importlib.metadata as md
    import re

    import herald

    h = hashlib.sha256(f"herald {herald.__version__}\n".encode())
    root = Path(herald.__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or rel.parts[0] in NOT_CODING:
            continue
        h.update(f"{rel.as_posix()}\n".encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    try:
        names = {
            re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0]
            for r in md.requires("herald") or ()
            if "extra ==" not in r
        }
    except md.PackageNotFoundError:
        names = set()
    for name in sorted(names | {"onnxruntime"}):
        try:
            h.update(f"{name}=={md.version(name)}\n".encode())
        except md.PackageNotFoundError:
            h.update(f"{name} missing\n".encode())
    return h.hexdigest()[:16]


def settings() -> dict[str, str]:
    """The ``HERALD_*`` settings of this process that can change what is coded."""
    return {
        k: v for k, v in sorted(os.environ.items()) if k.startswith("HERALD_") and k not in UNKEYED_SETTINGS
    }


def file_key(path: str) -> str:
    """What identifies one input file's content: its absolute path, size and modification time."""
    try:
        st = os.stat(path)
        return f"{os.path.abspath(path)}|{st.st_size}|{st.st_mtime_ns}"
    except OSError:
        return f"{path}|missing"


def shard_key(files: list[str], reference_date: str | None) -> str:
    """A name for a shard's output that changes when any of its input files, the options, herald's
    code and data (:func:`code_fingerprint`) or its settings (:func:`settings`) change, so a
    partition coded by other code or under other settings is never reused."""
    sig = (
        "\n".join(file_key(p) for p in files)
        + f"|{reference_date}|{code_fingerprint()}|{json.dumps(settings())}"
    )
    return hashlib.sha256(sig.encode()).hexdigest()[:24]


def plan_shards(
    files: list[str], max_files: int = SHARD_FILES, max_bytes: int = SHARD_BYTES
) -> list[list[str]]:
    """Group the input files, in input order, into tasks of at most ``max_files`` files and
    ``max_bytes`` bytes. The grouping depends only on the files, so an interrupted run that is
    started again (with any number of workers) finds the partitions it already wrote."""
    shards: list[list[str]] = []
    current: list[str] = []
    size = 0
    for path in files:
        try:
            n = os.path.getsize(path)
        except OSError:
            n = 0
        if current and (len(current) >= max_files or size + n > max_bytes):
            shards.append(current)
            current, size = [], 0
        current.append(path)
        size += n
    if current:
        shards.append(current)
    return shards


def code_shard(paths: str | list[str], out_dir: str, reference_date: str | None = None) -> str:
    """Code one shard of input files (no story assignment: that needs the global index) into a
    Parquet file.

    Runs on a worker; returns the Parquet path. Written to a temporary name and renamed, so a
    killed task never leaves a half-written partition behind.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from herald.pipeline import analyse, batched, extract_paths

    files = [paths] if isinstance(paths, str) else paths
    target = Path(out_dir) / f"{shard_key(files, reference_date)}.parquet"
    if target.exists():
        return str(target)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    schema = pa.schema([("doc", pa.string())])
    try:
        with pq.ParquetWriter(tmp, schema) as writer:  # row groups as they come: a WARC never sits in memory
            for group in batched(analyse(extract_paths(files, reference_date)), ROW_GROUP):
                rows = [json.dumps(d.to_dict(), ensure_ascii=False) for d in group]
                writer.write_table(pa.table({"doc": pa.array(rows, pa.string())}, schema=schema))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return str(target)


def read_shard(path: str) -> Iterator[Document]:
    """A partition's documents, one row group at a time."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(batch_size=ROW_GROUP, columns=["doc"]):
        for row in batch.column(0).to_pylist():
            yield Document.from_dict(json.loads(row))


def shard_documents(
    future: Future[Any], shard: list[str], reference_date: str | None = None
) -> Iterator[Document]:
    """A finished task's documents, in input order; when the task failed even after its retries
    (a worker killed by the OOM killer, a crash in a C library), one error record per input file
    says why, and the run goes on with the other shards."""
    from herald.extract import extract
    from herald.models import RawDocument

    try:
        part = future.result()
    except Exception as exc:  # noqa: BLE001 - any task failure becomes a recorded error
        reason = f"worker task failed after retries: {type(exc).__name__}: {exc}"[:500]
        yield from extract(RawDocument(id=p, source=p, kind="task", error=reason) for p in shard)
        return
    yield from read_shard(part)


def run_dask(
    paths: Iterable[str],
    db: str = "herald.duckdb",
    reference_date: str | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    on_document: Callable[[Document], None] | None = None,
    batch_size: int = 25,
) -> RunSummary:
    """``herald run --engine dask``: a LocalCluster of ``workers`` processes unless ``scheduler`` is given."""
    from dask.distributed import Client, LocalCluster

    from herald.ingest import expand_paths
    from herald.pipeline import store_documents, warm_up
    from herald.store import Store

    shards = plan_shards(list(expand_paths(paths)))
    out_dir = Path(f"{db}.parts")
    out_dir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler:
        client = Client(scheduler)  # type: ignore[no-untyped-call]
    else:
        # one thread per worker for the event coder's encoder too (workers inherit the environment)
        os.environ.setdefault("HERALD_THREADS", "1")
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    summary = RunSummary(db=db)
    try:
        client.run(warm_up)  # every worker loads everything at once, while the first shards queue
        futures = [
            client.submit(
                code_shard,
                shard,
                str(out_dir),
                reference_date,
                key=f"herald-{shard_key(shard, reference_date)}",
                retries=2,
                pure=False,
            )
            for shard in shards
        ]
        with Store(db) as store:
            docs = (
                doc
                for fut, shard in zip(futures, shards, strict=True)
                for doc in shard_documents(fut, shard, reference_date)
            )
            store_documents(docs, store, summary, lambda items: items, batch_size, on_document)
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
    return summary
