"""Async clients (aiobotocore, aioboto3) with the network blocked, connections and DNS alike.

These tests run in the second CI environment (`pip install ".[test-async]"`), which has
aiobotocore and the older botocore it pins; in the main environment each module skips
(``pytest.importorskip``). Coroutines are driven with ``asyncio.run`` inside plain tests:
no pytest plugin is needed.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.network import attempts


@pytest.fixture(autouse=True)
def network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every connection and DNS lookup is refused and recorded; none may be attempted.

    A test that expects an attempt (a request fakeses must not serve) empties the list.
    """
    seen = attempts(monkeypatch)
    yield seen
    assert seen == [], f"the test reached for the network: {seen}"
