"""Scale-out: the same stages on dask.distributed (``herald run --engine dask``).

The input files are grouped into shards (:func:`plan_shards`: up to 8 files, or one big file such
as a WARC); one task per shard codes it with :func:`code_shard` on a worker (the spaCy model loads
once per worker process through :func:`herald.nlp.load`, warmed when the cluster starts), writes
the coded documents as a Parquet partition, and the driver merges the partitions into the DuckDB
store in input order, so a Dask run stores exactly the rows of a local run. A shard whose task
fails after its retries becomes one error record per file; the other shards are stored.
"""

from herald.scale.dask_runner import code_shard, plan_shards, run_dask

__all__ = ["code_shard", "plan_shards", "run_dask"]
