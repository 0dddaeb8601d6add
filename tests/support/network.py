"""A record of every attempt to reach the network: connections and name lookups.

tests/conftest.py refuses connections, but a refusal can be swallowed (botocore retries,
credential providers fall through to the next one). Tests that must prove nothing was
even tried use :func:`attempts`, which refuses as well and keeps a list to assert on.
"""
from __future__ import annotations

import socket
from typing import Any

import pytest


class NetworkAttempt(AssertionError):
    pass


def attempts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refuse and record every connection and DNS lookup from now to the test's end."""
    seen: list[str] = []

    def refuse(what: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            target = args[1] if what.startswith("connect") and len(args) > 1 else (args[0] if args else None)
            seen.append(f"{what} {target!r}")
            raise NetworkAttempt(f"test tried {what} {target!r}")
        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return seen
