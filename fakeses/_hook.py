"""The one patch fakeses makes to botocore, installed while any fake is active.

A botocore client copies its event handlers when it is created, so a handler
registered later never reaches clients that already exist. fakeses therefore patches
``BaseClient._make_request`` on the class, which every client, whenever created, goes
through after serializing a request and before signing and sending it. SES requests
are answered there: they are never signed (no credentials needed), never reach
``before-send`` (so moto's handler never sees them) and never leave the process.
Every other service goes on to the original method untouched. aiobotocore's clients
are patched the same way in ``fakeses._aio``, at the same moments.

SES requests that do not come from botocore are served by ``_http`` (urllib3 and
requests) or refused by ``_net`` (every other way to the network), installed and
removed here with the botocore patch.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from botocore.client import BaseClient
from botocore.credentials import RefreshableCredentials

if TYPE_CHECKING:
    from botocore.awsrequest import AWSResponse

if TYPE_CHECKING:
    from .domain.state import World

SERVED = frozenset(("ses", "sesv2"))

stack: list[World] = []
_lock = threading.Lock()
_original: Callable[..., Any] | None = None
_parsers: dict[tuple[int, str], Any] = {}


def push(world: World) -> None:
    global _original
    with _lock:
        if not stack:
            _original = BaseClient._make_request
            BaseClient._make_request = _make_request
            from . import _aio, _http, _net  # here, so `import fakeses` stays cheap

            _aio.install()  # it imports aiobotocore only if installed
            _http.install()
            _net.install()
        stack.append(world)


def pop(world: World) -> None:
    global _original
    with _lock:
        if world in stack:
            # Remove this world wherever it is (exits may come out of order with threads).
            for index in range(len(stack) - 1, -1, -1):
                if stack[index] is world:
                    del stack[index]
                    break
        if not stack and _original is not None:
            BaseClient._make_request = _original
            _original = None
            from . import _aio, _http, _net

            _net.uninstall()
            _http.uninstall()
            _aio.uninstall()


def _make_request(self: BaseClient, operation_model: Any, request_dict: Any, request_context: Any) -> Any:
    # One read of the stack: another thread may pop the last fake at any moment, and a
    # slice never raises where `if stack: stack[-1]` can (IndexError out of botocore).
    top = stack[-1:]
    if top and self._service_model.service_name in SERVED:
        return serve(self, operation_model, request_dict, top[0])
    original = _original or _fallback
    return original(self, operation_model, request_dict, request_context)


_fallback = BaseClient._make_request


def access_key_of(client: BaseClient) -> str | None:
    """The access key id the client already holds, without resolving one.

    Reads the key the client already holds and never resolves one: the ``access_key``
    property of refreshable credentials (assume-role, SSO, instance metadata) refreshes
    them first, which is a call to STS or the metadata service for every send. Deferred
    credentials that were never fetched hold no key yet, so they get the default account.
    aiobotocore's refreshable credentials subclass botocore's and keep the key in the
    same place (their ``access_key`` property raises instead of refreshing).
    """
    credentials = client._request_signer._credentials
    if credentials is None:
        return None
    try:
        if isinstance(credentials, RefreshableCredentials):
            key = credentials._access_key
        else:
            key = credentials.access_key
    except Exception:
        return None
    return key if isinstance(key, str) else None


def caller_of(world: World, key: str | None) -> tuple[str, str | None]:
    """The account and IAM principal a request signed with ``key`` comes from.

    A key the test mapped with ``use_principal`` is that principal, in the principal's
    account; a 12-digit key is that account's root (principal None); any other key the
    default account's root.
    """
    if key is not None and world.principals:
        principal = world.principals.get(key)
        if principal is not None:
            return principal.split(":")[4], principal
    if key is not None and len(key) == 12 and key.isdigit():
        return key, None
    return world.options.account_id, None


def serve(client: BaseClient, operation_model: Any, request_dict: dict[str, Any],
          world: World) -> tuple[AWSResponse, dict[str, Any]]:
    """Answer one serialized request of a botocore client: the HTTP response and the parsed one."""
    from botocore.awsrequest import AWSResponse

    http, response_dict, parser = answer(client, operation_model, request_dict, world, AWSResponse)
    parsed = parser.parse(response_dict, operation_model.output_shape)
    if http.status_code >= 300:
        client._endpoint._add_modeled_error_fields(response_dict, parsed, operation_model, parser)
    return http, finished(parsed)


def answer(client: BaseClient, operation_model: Any, request_dict: dict[str, Any], world: World,
           response_class: type[AWSResponse]) -> tuple[AWSResponse, dict[str, Any], Any]:
    """Dispatch a serialized request to ``world``: the HTTP response (of ``response_class``),
    the response dict botocore's parsers read, and the client's parser for the protocol.

    The one path from a client's request dict to fakeses and back, shared by botocore's
    clients (:func:`serve`) and aiobotocore's (``fakeses._aio``), whose parsers are async.
    """
    # The layers below are imported on the first request, so `import fakeses` stays cheap.
    from ._dispatch import handle
    from .protocols import Request

    service = client._service_model.service_name
    request = Request(
        method=request_dict["method"],
        path=request_dict["url_path"],
        query=request_dict.get("query_string") or {},
        headers=request_dict.get("headers") or {},
        body=request_dict.get("body") or b"",
    )
    account_id, principal = caller_of(world, access_key_of(client))
    response = handle(world, service, account_id, client.meta.region_name, request, client.meta.service_model,
                      principal)
    http = response_class(request_dict.get("url", ""), response.status, response.headers, None)
    http._content = response.body
    response_dict = {
        "headers": http.headers,
        "status_code": response.status,
        "body": response.body,
        "context": {"operation_name": operation_model.name},
    }
    # resolved_protocol: the protocol botocore picked among the model's (botocore 1.36+);
    # an older botocore knows one protocol per model.
    service = operation_model.service_model
    protocol = getattr(service, "resolved_protocol", None) or service.protocol
    factory = client._endpoint._response_parser_factory
    cached = _parsers.get((id(factory), protocol))
    if cached is None or cached[0] is not factory:
        cached = _parsers[(id(factory), protocol)] = (factory, factory.create_parser(protocol))
    return http, response_dict, cached[1]


def finished(parsed: dict[str, Any]) -> dict[str, Any]:
    """The parsed response as the client returns it: served at the first attempt."""
    metadata = parsed.get("ResponseMetadata")
    if metadata is not None:
        metadata["RetryAttempts"] = 0
    return parsed
