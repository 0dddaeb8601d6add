"""aiobotocore's clients (and so aioboto3's), served as botocore's are.

aiobotocore's ``AioBaseClient`` replaces botocore's ``_make_request`` with a coroutine,
so the patch on ``BaseClient`` never runs for its clients. fakeses patches
``AioBaseClient._make_request`` the same way, on the class, at the same point (after
serializing, before signing), while any fake is active: every async ``ses``/``sesv2``
client, whenever it was created, is answered through the same path as a botocore
client (:func:`fakeses._hook.answer`), parsed by the client's own async parser.

aiobotocore is imported only when a fake is entered and only if it is installed:
``import fakeses`` never imports it. The import happens once per process.
"""
from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import _hook

if TYPE_CHECKING:
    from botocore.awsrequest import AWSResponse

    from .domain.state import World

logger = logging.getLogger("fakeses")

_client_class: Any = None           # aiobotocore.client.AioBaseClient, once imported
_missing = False                    # aiobotocore is not installed (or does not import)
_original: Callable[..., Any] | None = None
_fallback: Callable[..., Any] | None = None


def install() -> None:
    """Patch ``AioBaseClient._make_request`` if aiobotocore is installed (under ``_hook._lock``)."""
    global _original, _fallback
    cls = _aio_client_class()
    if cls is None or _original is not None:
        return
    _original = cls._make_request
    if _fallback is None:
        _fallback = _original
    cls._make_request = _make_request


def uninstall() -> None:
    """Restore ``AioBaseClient._make_request`` (under ``_hook._lock``)."""
    global _original
    if _client_class is not None and _original is not None:
        _client_class._make_request = _original
        _original = None


def _aio_client_class() -> Any:
    global _client_class, _missing
    if _client_class is None and not _missing:
        if "aiobotocore.client" not in sys.modules and importlib.util.find_spec("aiobotocore") is None:
            _missing = True
            return None
        try:
            from aiobotocore.client import AioBaseClient
        except Exception:
            # An aiobotocore that does not import (a botocore it does not support) has no
            # clients to serve; say so once rather than break every fake.
            logger.warning("fakeses: aiobotocore is installed but does not import; its clients are not served",
                           exc_info=True)
            _missing = True
            return None
        _client_class = AioBaseClient
    return _client_class


async def _make_request(self: Any, operation_model: Any, request_dict: Any, request_context: Any) -> Any:
    # One read of the stack, as in _hook._make_request.
    top = _hook.stack[-1:]
    if top and self._service_model.service_name in _hook.SERVED:
        return await serve(self, operation_model, request_dict, top[0])
    original = _original or _fallback
    assert original is not None  # the class is patched only after both are set
    return await original(self, operation_model, request_dict, request_context)


async def serve(client: Any, operation_model: Any, request_dict: dict[str, Any],
                world: World) -> tuple[AWSResponse, dict[str, Any]]:
    """Answer one serialized request of an aiobotocore client, as :func:`fakeses._hook.serve` does."""
    # AioAWSResponse: its `content` and `text` are awaitables, as aiobotocore's handlers expect.
    from aiobotocore.awsrequest import AioAWSResponse

    http, response_dict, parser = _hook.answer(client, operation_model, request_dict, world, AioAWSResponse)
    parsed = await parser.parse(response_dict, operation_model.output_shape)
    if http.status_code >= 300:
        await client._endpoint._add_modeled_error_fields(response_dict, parsed, operation_model, parser)
    return http, _hook.finished(parsed)
