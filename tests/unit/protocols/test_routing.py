"""Every operation of both services is reached, and answers in SES's format.

For each of the 181 operations (71 v1, 110 v2) a minimal valid request is built from the
model, serialized by botocore, decoded by our codec to that operation, and answered
through :func:`fakeses._dispatch.handle` with a response botocore's parser reads: a
result, an SES error, or ``NotImplemented`` (501) naming an operation fakeses lacks.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from botocore.awsrequest import HeadersDict
from botocore.parsers import create_parser
from botocore.serialize import create_serializer
from botocore.validate import ParamValidator
from support.shapes import minimal, operations

from fakeses import validation
from fakeses._dispatch import codec_for, handle
from fakeses._model import service_model
from fakeses.api import handlers
from fakeses.domain.state import Options, World
from fakeses.protocols import Request


def minimal_request(service: str, op_name: str) -> tuple[dict[str, Any], Request]:
    model = service_model(service)
    op = model.operation_model(op_name)
    params = minimal(op.input_shape) if op.input_shape is not None else {}
    serialized = create_serializer(model.protocol, include_validation=False).serialize_to_request(params, op)
    body = serialized["body"]
    if service == "ses":
        body = urlencode(body, doseq=True).encode()
    request = Request(serialized["method"], serialized["url_path"], serialized["query_string"] or {},
                      serialized["headers"], body)
    return params, request


ALL = operations()


def test_both_models_have_the_operations_fakeses_serves() -> None:
    # botocore 1.44 has 71 + 117 operations; a newer one may add v2 operations, and
    # each of them is routed by the tests below without any change here. botocore 1.34,
    # the oldest the project allows (pyproject.toml), has 71 + 92.
    assert len(service_model("ses").operation_names) >= 71
    assert len(service_model("sesv2").operation_names) >= 92


@pytest.mark.parametrize("service, op_name", ALL)
def test_a_minimal_request_routes_to_its_operation(service: str, op_name: str) -> None:
    params, request = minimal_request(service, op_name)
    operation, decoded = codec_for(service).decode(request)
    assert operation.name == op_name
    op = service_model(service).operation_model(op_name)
    # The minimal params are valid for botocore's validator and for ours alike.
    assert not ParamValidator().validate(params, op.input_shape).has_errors() if op.input_shape else True
    assert validation.violations(op.input_shape, decoded) == []


@pytest.mark.parametrize("service, op_name", ALL)
def test_every_operation_answers_in_ses_format(service: str, op_name: str) -> None:
    _, request = minimal_request(service, op_name)
    response = handle(World(Options()), service, "123456789012", "us-east-1", request)
    op = service_model(service).operation_model(op_name)
    parsed = create_parser(service_model(service).protocol).parse(
        {"status_code": response.status, "headers": HeadersDict(response.headers), "body": response.body,
         "context": {"operation_name": op_name}},
        op.output_shape,
    )
    assert response.status != 500, parsed
    if (service, op_name) not in handlers():
        assert response.status == 501
        assert parsed["Error"]["Code"] == "NotImplemented"
        assert op_name in parsed["Error"]["Message"]
    elif response.status >= 300:
        assert parsed["Error"]["Code"], parsed
