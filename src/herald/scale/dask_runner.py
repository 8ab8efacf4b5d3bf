"""Run herald on a Dask cluster: shard by input file, code on workers, merge in the driver."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from herald.models import Document
from herald.pipeline import RunSummary


def shard_key(path: str, reference_date: str | None) -> str:
    """A name for a shard's output that changes when the input file or the options change."""
    try:
        st = os.stat(path)
        sig = f"{os.path.abspath(path)}|{st.st_size}|{st.st_mtime_ns}|{reference_date}"
    except OSError:
        sig = f"{path}|missing|{reference_date}"
    return hashlib.sha256(sig.encode()).hexdigest()[:24]


def code_shard(path: str, out_dir: str, reference_date: str | None = None) -> str:
    """Code one input file (no story assignment: that needs the global index) into a Parquet file.

    Runs on a worker; returns the Parquet path. Written to a temporary name and renamed, so a
    killed task never leaves a half-written partition behind.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from herald.pipeline import analyse, extract_paths

    target = Path(out_dir) / f"{shard_key(path, reference_date)}.parquet"
    if target.exists():
        return str(target)
    rows = [json.dumps(d.to_dict(), ensure_ascii=False) for d in analyse(extract_paths([path], reference_date))]
    tmp = target.with_suffix(".tmp")
    pq.write_table(pa.table({"doc": pa.array(rows, pa.string())}), tmp)
    os.replace(tmp, target)
    return str(target)


def read_shard(path: str) -> Iterator[Document]:
    import pyarrow.parquet as pq

    for row in pq.read_table(path).column("doc").to_pylist():
        yield Document.from_dict(json.loads(row))


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
    from herald.pipeline import store_documents
    from herald.store import Store

    files = list(expand_paths(paths))
    out_dir = Path(f"{db}.parts")
    out_dir.mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=50)
        client = Client(cluster)
    summary = RunSummary(db=db)
    try:
        futures = [client.submit(code_shard, f, str(out_dir), reference_date, key=f"herald-{shard_key(f, reference_date)}",
                                 retries=2, pure=False) for f in files]
        with Store(db) as store:
            shards = (doc for fut in futures for doc in read_shard(fut.result()))  # input order
            store_documents(shards, store, summary, lambda docs: docs, batch_size, on_document)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return summary
