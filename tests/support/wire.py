"""Requests as botocore serializes them and answers as botocore parses them, without a client."""
from __future__ import annotations

import functools
from typing import Any
from urllib.parse import urlencode

from botocore.awsrequest import HeadersDict
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

from fakeses._model import service_model
from fakeses.protocols import Request, Response


@functools.lru_cache(maxsize=None)
def _serializer(protocol: str) -> Any:
    return create_serializer(protocol, include_validation=False)


@functools.lru_cache(maxsize=None)
def _parser(protocol: str) -> Any:
    return create_parser(protocol)


def serialize(service: str, op: str, params: dict[str, Any]) -> Request:
    """The wire request botocore builds for ``params`` (v1 as url-encoded bytes)."""
    model = service_model(service)
    wire = _serializer(model.protocol).serialize_to_request(params, model.operation_model(op))
    body = wire["body"]
    if service == "ses":
        body = urlencode(body, doseq=True).encode("utf-8")
    return Request(wire["method"], wire["url_path"], wire["query_string"] or {}, wire["headers"], body)


def parse(service: str, op: str | None, response: Response) -> dict[str, Any]:
    """The answer as botocore reads it, for ``op`` (or as a bare error when None)."""
    model = service_model(service)
    shape = model.operation_model(op).output_shape if op else None
    return _parser(model.protocol).parse(
        {"status_code": response.status, "headers": HeadersDict(response.headers), "body": response.body,
         "context": {"operation_name": op or "Unknown"}},
        shape,
    )
