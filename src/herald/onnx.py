"""onnxruntime sessions for herald's shipped encoders (the event coder, the quotation tagger).

One way to open a model: the thread count from ``HERALD_THREADS`` (default: the cores, at most four),
one inter-op thread, full graph optimisation, and the GPU when onnxruntime offers one (never needed).
Callers cache the session once per process (``functools.cache``), so Dask workers load it once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


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
