"""The safety net: while a fake is active, no other path reaches SES over the network.

fakeses answers botocore clients (``_hook``) and urllib3/requests (``_http``). Anything
else that heads for an SES host (``http.client``, ``urllib.request``, aiohttp through
asyncio's ``loop.getaddrinfo``, ``smtplib`` to SES's SMTP interface, a raw socket, a
botocore path fakeses missed) must resolve the host or connect to it first, so the
functions every such path calls are wrapped while a fake is active: the name lookups
(``socket.getaddrinfo``, ``gethostbyname``, ``gethostbyname_ex``) and the connections
(``socket.create_connection``, ``socket.socket.connect``/``connect_ex``). A call for an
SES host raises :class:`UnservedRequest` before any lookup or connection; every other
call goes on to the function that was there, after one substring test.
"""
from __future__ import annotations

import errno
import socket
import sys
from collections.abc import Callable
from typing import Any

from . import _endpoints, _hook

# The libraries a refused call came through, named in the error, outermost first.
_KNOWN = ("aiobotocore", "botocore", "aiohttp", "httpx", "httpcore", "requests", "urllib3", "urllib.request",
          "http.client", "smtplib", "asyncio", "concurrent.futures")


class UnservedRequest(ConnectionRefusedError):
    """An SES request fakeses does not answer, refused before it left the process.

    Raised while a fake is active when code reaches for an SES host (or SES's SMTP
    interface) by a path fakeses does not serve: ``http.client``, ``urllib.request``,
    aiohttp, a raw socket, ... No DNS lookup or connection was made. A
    ``ConnectionRefusedError``, so clients report it as they would a refused
    connection (requests as ``ConnectionError``, urllib as ``URLError``), with this
    message.

    Attributes: ``host``, ``port`` (None for a bare name lookup) and ``via``, the path
    the request took (e.g. ``"urllib.request -> http.client -> socket.create_connection"``).
    """

    def __init__(self, host: str, port: object = None, via: str = "", smtp: bool = False) -> None:
        self.host, self.port, self.via, self.smtp = host, port, via, smtp
        where = host if port is None else f"{host}:{port}"
        if smtp:
            text = (f"fakeses refused a connection to SES's SMTP interface at {where} made through {via}: "
                    "fakeses does not serve SMTP. While testing, send through the SES API (boto3, "
                    "requests or urllib3), or point the SMTP client at a local server.")
        else:
            text = (f"fakeses refused an SES request to {where} made through {via}: while a fake is "
                    "active, fakeses answers SES requests from botocore/boto3 clients and from requests "
                    "or urllib3, and refuses every other way to SES. Send this request with one of those "
                    "(see 'The safety net' in fakeses' docs/configuration.md).")
        super().__init__(errno.ECONNREFUSED, text)

    def __str__(self) -> str:
        return str(self.strerror)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.host, self.port, self.via, self.smtp))


# (owner, attribute, how to read host and port from the call's arguments)
Locate = Callable[[tuple[Any, ...], dict[str, Any]], tuple[Any, Any]]


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str) -> Any:
    return args[index] if len(args) > index else kwargs.get(name)


def _lookup(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    return _arg(args, kwargs, 0, "host"), _arg(args, kwargs, 1, "port")


def _name(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    return _arg(args, kwargs, 0, "hostname"), None


def _address(index: int) -> Locate:
    def locate(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
        address = _arg(args, kwargs, index, "address")
        if isinstance(address, tuple) and len(address) >= 2:
            return address[0], address[1]
        return None, None  # a Unix socket path, or garbage the real call will refuse
    return locate


_POINTS: tuple[tuple[Any, str, Locate], ...] = (
    (socket, "getaddrinfo", _lookup),
    (socket, "gethostbyname", _name),
    (socket, "gethostbyname_ex", _name),
    (socket, "create_connection", _address(0)),
    (socket.socket, "connect", _address(1)),
    (socket.socket, "connect_ex", _address(1)),
)
# (owner, attribute, what was there, our wrapper) while installed
_installed: list[tuple[Any, str, Any, Any]] = []


def install() -> None:
    """Wrap the lookup and connection functions. Called under ``_hook``'s lock."""
    if _installed:
        return
    for owner, attribute, locate in _POINTS:
        original = getattr(owner, attribute)
        label = f"{owner.__name__}.{attribute}" if owner is socket else f"socket.socket.{attribute}"
        wrapper = _guard(original, locate, label)
        setattr(owner, attribute, wrapper)
        _installed.append((owner, attribute, original, wrapper))


def uninstall() -> None:
    """Put back each function that is still ours; one wrapped since stays, inert."""
    while _installed:
        owner, attribute, original, wrapper = _installed.pop()
        if getattr(owner, attribute) is wrapper:
            setattr(owner, attribute, original)


def _guard(original: Callable[..., Any], locate: Locate, label: str) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if _hook.stack:
            host, port = locate(args, kwargs)
            if host is not None:
                endpoint = _endpoints.match(host, port)
                if endpoint is not None:
                    raise UnservedRequest(endpoint.host, _endpoints.port_number(port), _via(label), endpoint.smtp)
        return original(*args, **kwargs)

    guarded.__wrapped__ = original  # type: ignore[attr-defined]
    guarded.__name__ = getattr(original, "__name__", label)
    guarded.__doc__ = getattr(original, "__doc__", None)
    return guarded


def _via(label: str) -> str:
    """The path a refused call took: the libraries on the stack, outermost first."""
    seen: list[str] = []
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        for known in _KNOWN:
            if module == known or module.startswith(known + "."):
                if known not in seen:
                    seen.append(known)
                break
        frame = frame.f_back  # type: ignore[assignment]
    if seen and seen[-1] == "concurrent.futures" and len(seen) == 1:
        # asyncio's loop.getaddrinfo (aiohttp's resolver) looks names up in a thread pool.
        return f"{label} in a thread pool (asyncio's loop.getaddrinfo, as aiohttp resolves)"
    return " -> ".join([*reversed([name for name in seen if name != "concurrent.futures"]), label])
