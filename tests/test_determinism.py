"""The same input gives the same output in every process, whatever Python's string-hash seed.

Python randomises the iteration order of sets of strings per process; a stage that breaks a tie by
iterating such a set gives different answers from run to run (it happened once: a quotation's
speaker on a PolNeAR article changed with ``PYTHONHASHSEED``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA

pytestmark = [pytest.mark.slow, pytest.mark.shared]

CODE = (
    "import sys, json, herald; "
    "[print(json.dumps(d.to_dict(), sort_keys=True)) for d in herald.code(sys.argv[1:])]"
)


def coded(paths: list[str], seed: int) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    out = subprocess.run(
        [sys.executable, "-c", CODE, *paths], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.splitlines()


def test_output_does_not_depend_on_the_hash_seed(shared_data: Path) -> None:
    paths = [
        str(
            shared_data
            / "quotes"
            / "polnear"
            / "dev"
            / "text"
            / "nyt_2016-09-08_obama-on-climate-change-the-tren.txt"
        ),
        str(shared_data / "seed" / "000_ca6517b7cfd7a852.txt"),
        *sorted(str(p) for p in (DATA / "stories").iterdir()),
    ]
    first, second = coded(paths, 1), coded(paths, 2)
    assert len(first) == len(paths)
    assert first == second
