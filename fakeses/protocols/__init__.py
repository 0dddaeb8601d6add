"""Wire codecs, driven by botocore's service models.

``query`` speaks SES v1 (form-encoded requests, XML responses) and ``restjson`` speaks
SES v2 (routing by method and URI template, JSON bodies). A codec turns a
:class:`Request` into ``(operation_model, params)`` and turns a handler's plain result,
or an error, into a :class:`Response`. Codecs import botocore's model classes and
nothing from ``fakeses.api`` or ``fakeses.domain``.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Union

Body = Union[bytes, Mapping[str, Any]]


@dataclasses.dataclass
class Request:
    """An HTTP request as a codec sees it.

    ``body`` is bytes on the wire, or the dict botocore's query serializer produced
    before url-encoding (a shortcut taken for requests from an in-process client).
    ``query`` maps each query-string name to one value or a list of values.
    """

    method: str
    path: str
    query: Mapping[str, Any]
    headers: Mapping[str, str]
    body: Body


@dataclasses.dataclass
class Response:
    """An HTTP response: status, headers and body bytes."""

    status: int
    headers: dict[str, str]
    body: bytes


class ProtocolError(Exception):
    """A request the codec cannot read: answered with ``code`` and ``status``."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
