"""onnxruntime sessions for herald's shipped encoders (the event coder, the quotation tagger), and
the batching both feed them with.

One way to open a model: the thread count from ``HERALD_THREADS`` (default: the cores, at most four),
one inter-op thread, full graph optimisation, and the GPU when onnxruntime offers one (never needed).
Callers cache the session once per process (``functools.cache``), so Dask workers load it once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np


def threads() -> int:
    env = os.environ.get("HERALD_THREADS")
    if env and env.isdigit():
        return max(1, int(env))
    return min(4, os.cpu_count() or 1)


def open_session(path: Path, gpu: bool = True) -> Any:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads()
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    wanted = ("CUDAExecutionProvider", "CPUExecutionProvider") if gpu else ("CPUExecutionProvider",)
    providers = [p for p in wanted if p in ort.get_available_providers()]
    return ort.InferenceSession(str(path), sess_options=opts, providers=providers)


def batches(lengths: Sequence[int], ids_of: Any, size: int) -> Iterator[tuple[list[int], Any, Any]]:
    """Inputs sorted by length and cut into batches of ``size``: (input indices, padded ``input_ids``,
    ``attention_mask``); ``ids_of(i)`` gives input i's word-piece ids. Sorting keeps padding small."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    for k in range(0, len(order), size):
        idx = order[k : k + size]
        n = max(lengths[i] for i in idx)
        ids = np.zeros((len(idx), n), dtype=np.int64)
        mask = np.zeros((len(idx), n), dtype=np.int64)
        for r, i in enumerate(idx):
            ids[r, : lengths[i]] = ids_of(i)
            mask[r, : lengths[i]] = 1
        yield idx, ids, mask


def softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return np.asarray(e / e.sum(axis=-1, keepdims=True))
