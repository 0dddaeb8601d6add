"""Shared test set-up: no network, no AWS configuration from the machine."""
from __future__ import annotations

import datetime as dt
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

try:
    # moto's SNS signs messages with cryptography. The docs tests run pages in-process with
    # pytester, which drops the modules a run imported; cryptography imported again then
    # refuses its own hash objects ("Algorithm must be a registered hash algorithm").
    # Importing it once here keeps one copy for the whole session.
    import moto.sns.models  # noqa: F401
except ImportError:  # moto is optional for the suite's other tests
    pass
from hypothesis import HealthCheck, settings

# The default run stays short: tests ask for a few examples, scaled by the active
# profile's max_examples (100 here). `pytest --hypothesis-profile=deep` searches twenty
# times harder (after touching a codec, or before a release). No deadlines: CI
# machines are slow and timing is measured by the benchmark, never asserted.
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "deep",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("default")


class NetworkAccess(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every socket connection fails: a test that reaches the network fails loudly."""

    def refuse(self: socket.socket, address: object) -> None:
        raise NetworkAccess(f"test tried to connect to {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a[0] if a else None))  # type: ignore[misc, arg-type]


@pytest.fixture(autouse=True)
def clean_aws_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """As on a machine with no AWS configuration at all."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AWS_DEFAULT_PROFILE", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_ENDPOINT_URL",
                 "AWS_ENDPOINT_URL_SES", "AWS_ENDPOINT_URL_SESV2"):
        monkeypatch.delenv(name, raising=False)
    empty = tmp_path_factory.getbasetemp() / "no-aws-config"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")


# -- one fixed clock -------------------------------------------------------------------------
# The suite does not depend on the day it runs: every time fakeses stamps or compares comes
# from fakeses.domain.clock, which each test starts at the same instant and which ticks with
# real time from there (so "later" is still later). The 5th of the month: SES writes the day
# of a Date header unpadded ("Thu, 5 Mar 2026"), which a test once only met on days 1-9.
SUITE_START = dt.datetime(2026, 3, 5, 8, 7, 6, 123456, tzinfo=dt.timezone.utc)


def ticking_from(start: dt.datetime) -> Callable[[], int]:
    """A clock source (ns since the epoch) that reads ``start`` now and ticks from there."""
    start_ns = int(start.timestamp()) * 1_000_000_000 + start.microsecond * 1000
    origin = time.monotonic_ns()
    return lambda: start_ns + time.monotonic_ns() - origin


@pytest.fixture(autouse=True)
def fixed_clock() -> Iterator[Callable[[dt.datetime], None]]:
    """Start fakeses' clock at SUITE_START; call the fixture's value to move it to another instant."""
    from fakeses.domain import clock

    previous = clock.set_source(ticking_from(SUITE_START))
    yield lambda at: clock.set_source(ticking_from(at)) and None
    clock.set_source(previous)


# -- which errors the suite reaches (docs/coverage.md) --------------------------------------
# support.reached records the error code of every answer by operation; a test marked
# `whole_run` runs after all others and can compare the page with the whole recording.

from support.reached import RECORDER  # noqa: E402

_patch = pytest.MonkeyPatch()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "whole_run: runs after every other test (it reads what the run recorded)")
    RECORDER.install(_patch)


def pytest_unconfigure(config: pytest.Config) -> None:
    _patch.undo()


def pytest_deselected(items: list[pytest.Item]) -> None:
    RECORDER.deselected = True


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.get_closest_marker("whole_run") is not None)  # stable: moves only those


def pytest_collection_finish(session: pytest.Session) -> None:
    # The whole suite: every test path asked for (or the root, or nothing), no test id,
    # nothing deselected.
    config = session.config
    suite = [(config.rootpath / path).resolve() for path in config.getini("testpaths")]
    asked = [Path(arg).resolve() for arg in config.args] if config.args else suite
    covered = all(any(path == a or a in path.parents for a in asked) for path in suite)
    RECORDER.selected = len(session.items)
    RECORDER.whole_suite = covered and not any("::" in arg for arg in config.args) and not RECORDER.deselected


def pytest_runtest_logfinish(nodeid: str, location: object) -> None:
    RECORDER.finished += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if RECORDER.complete_so_far():
        import botocore

        RECORDER.write(botocore.__version__)
