"""Scale-out: the same stages on dask.distributed (``herald run --engine dask``).

One task per input file codes it with :func:`herald.pipeline.code_shard` on a worker (the spaCy
model loads once per worker process through :func:`herald.nlp.load`), writes the coded documents
as a Parquet partition, and the driver merges the partitions into the DuckDB store in input
order, so a Dask run stores exactly the rows of a local run.
"""

from herald.scale.dask_runner import code_shard, run_dask

__all__ = ["code_shard", "run_dask"]
