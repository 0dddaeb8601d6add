"""Shared test set-up: no network, no AWS configuration from the machine."""
from __future__ import annotations

import socket

import pytest
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
