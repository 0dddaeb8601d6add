"""The one clock of fakeses: every time the domain stamps or compares reads it.

SES stamps message ids, ``Date`` headers, creation times, quotas over a rolling 24
hours and send statistics by the clock. All of them come from here, never from
``time.time()`` scattered through the domain, so a test can move time for all of them
at once (the suite runs on a fixed clock: tests/conftest.py).
"""
from __future__ import annotations

import datetime as _dt
import time
from collections.abc import Callable

#: Nanoseconds since the epoch. Replaced by :func:`set_source` (tests), never read directly.
_source: Callable[[], int] = time.time_ns


def set_source(source: Callable[[], int] | None) -> Callable[[], int]:
    """Make ``source`` (nanoseconds since the epoch) the clock; ``None`` restores the real one.

    Returns the source it replaced.
    """
    global _source
    previous = _source
    _source = source if source is not None else time.time_ns
    return previous


def now_ns() -> int:
    """Nanoseconds since the epoch."""
    return _source()


def now() -> float:
    """Seconds since the epoch."""
    return _source() / 1e9


def utcnow() -> _dt.datetime:
    """The current time, in UTC, to the microsecond."""
    ns = _source()
    return _dt.datetime.fromtimestamp(ns // 1000 / 1e6, _dt.timezone.utc)
