"""Fixtures for the watch tests: a news site on 127.0.0.1 (tests/watch/site.py), nothing else."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.watch.site import NewsSite, Site, build, serving

PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")
MAX_BYTES = 200_000
# fast and strict: the site is local, so rounds take seconds; trust_env=False keeps any proxy out
FAST: dict[str, Any] = {
    "rate": 20.0,
    "workers": 2,
    "timeout": 0.5,
    "retries": 1,
    "backoff": 0.05,
    "max_bytes": MAX_BYTES,
    "trust_env": False,
    "settle": 0.0,
}


def local_env() -> dict[str, str]:
    """The environment for a herald subprocess: no proxy, so requests go to 127.0.0.1 directly."""
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for var in PROXY_VARS:
        monkeypatch.delenv(var, raising=False)
    s = Site()
    with serving(s):
        yield s


@pytest.fixture
def news(site: Site) -> NewsSite:
    return build(site, max_bytes=MAX_BYTES)
