"""Requests no SDK would send: wrong member types, wrong content types, oversized bodies.

What tests/e2e/test_wire.py does not cover already. Requests go straight to
:func:`fakeses._dispatch.handle` as bytes a raw HTTP client could send; every answer
must be SES-shaped (botocore parses it) and declared for the operation, never
InternalFailure.
"""
from __future__ import annotations

import json
from typing import Any

import pytest
from support.errors import BUG, NOT_IMPLEMENTED, undeclared
from support.shapes import minimal_input
from support.wire import parse, serialize
from support.wrong_types import WrongType, all_wrong_types

from fakeses._dispatch import handle
from fakeses.domain.state import Options, World
from fakeses.protocols import Request, Response

JSON = {"Content-Type": "application/json"}


def answer(service: str, request: Request) -> Response:
    return handle(World(Options()), service, "123456789012", "us-east-1", request)


def assert_declared(service: str, op: str, response: Response) -> dict[str, Any]:
    """The answer parses, and is a success or an error SES gives for ``op``; returns botocore's view."""
    view = parse(service, op, response)
    if response.status < 300:
        return view
    code, message = view["Error"]["Code"], view["Error"].get("Message", "")
    assert code != BUG, f"a bug in fakeses: {message}"
    if (code, response.status) != NOT_IMPLEMENTED:
        problem = undeclared(service, op, code, response.status)
        assert problem is None, f"{problem}: {message!r}"
    return view


# -- a value of the wrong type for every member -----------------------------------------------

@pytest.mark.parametrize("case", [
    pytest.param(case, id=case.id, marks=[pytest.mark.skip(reason=case.skip)] if case.skip else [])
    for case in all_wrong_types()
])
def test_a_member_of_the_wrong_type_gets_ses_error(case: WrongType) -> None:
    assert case.request is not None
    response = answer(case.service, case.request)
    view = assert_declared(case.service, case.op, response)
    if case.expect == "any SES answer":
        return
    assert response.status == 400, view
    assert view["Error"]["Code"] == case.expect, view["Error"]
    if case.expect == "ValidationError":
        # v1 names the member whose text is not of its type (Coral's form; no SES recording).
        assert f"at '{case.where}' failed to satisfy constraint: Member must be a valid" in view["Error"]["Message"]


# -- content types --------------------------------------------------------------------------

# SES's answer to a body sent under another content type is not recorded. fakeses reads
# v1 bodies as forms and v2 bodies as JSON whatever the header says; what is held here
# is only that the answer is one SES gives.
CONTENT_TYPES = ["application/json", "text/plain", "application/xml", "multipart/form-data; boundary=x",
                 "application/x-www-form-urlencoded", "", "application/x-amz-json-1.0", "\u00e9/\u00e9"]


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
@pytest.mark.parametrize("op", ["SendEmail", "VerifyEmailIdentity", "ListIdentities", "GetSendQuota"])
def test_v1_body_under_any_content_type_gets_an_answer_ses_gives(op: str, content_type: str) -> None:
    request = serialize("ses", op, minimal_input("ses", op))
    request.headers = {"Content-Type": content_type}
    assert_declared("ses", op, answer("ses", request))
    # The same params as JSON, under that content type: no form, so no Action.
    body = json.dumps({"Action": op, "Version": "2010-12-01", **minimal_input("ses", op)}, default=str)
    response = answer("ses", Request("POST", "/", {}, {"Content-Type": content_type}, body.encode()))
    assert (response.status, parse("ses", None, response)["Error"]["Code"]) == (400, "MissingAction")


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
@pytest.mark.parametrize("op", ["SendEmail", "CreateEmailIdentity", "PutAccountDetails", "GetAccount"])
def test_v2_body_under_any_content_type_gets_an_answer_ses_gives(op: str, content_type: str) -> None:
    request = serialize("sesv2", op, minimal_input("sesv2", op))
    request.headers = {"Content-Type": content_type}
    assert_declared("sesv2", op, answer("sesv2", request))
    # A form body where JSON belongs cannot be read.
    if request.body:
        form = Request(request.method, request.path, {}, {"Content-Type": content_type}, b"Action=SendEmail&a=b")
        response = answer("sesv2", form)
        assert (response.status, parse("sesv2", None, response)["Error"]["Code"]) == (400, "SerializationException")


# -- oversized bodies -------------------------------------------------------------------------

MB = 1024 * 1024


@pytest.mark.parametrize("size", [11 * MB])
def test_v1_oversized_form_gets_an_answer_ses_gives(size: int) -> None:
    # SES v1 takes at most 10 MB of message (F7); bigger requests must be answered, not crash.
    raw = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: big\r\n\r\n" + b"x" * size
    request = serialize("ses", "SendRawEmail", {"RawMessage": {"Data": raw}})
    error = assert_declared("ses", "SendRawEmail", answer("ses", request))["Error"]
    assert error["Code"] == "InvalidParameterValue"
    assert error["Message"] == f"Message length is more than 10485760 bytes long: '{len(raw)}'."
    padded = serialize("ses", "GetSendQuota", {})
    padded.body = padded.body + b"&Padding=" + b"y" * size  # an unknown parameter, however big, is ignored
    assert answer("ses", padded).status == 200


@pytest.mark.parametrize("size", [41 * MB])
def test_v2_oversized_json_gets_an_answer_ses_gives(size: int) -> None:
    # SES v2 takes at most 40 MB of message (F7, G43).
    raw = b"From: a@example.com\r\nTo: b@example.com\r\nSubject: big\r\n\r\n" + b"x" * size
    request = serialize("sesv2", "SendEmail", {"Content": {"Raw": {"Data": raw}}})
    assert_declared("sesv2", "SendEmail", answer("sesv2", request))
    big = Request("GET", "/v2/email/account", {}, JSON, b"{" + b'"x": 1, ' * (size // 8) + b'"y": 2}')
    assert_declared("sesv2", "GetAccount", answer("sesv2", big))


def test_v2_deeply_nested_json_gets_an_answer_ses_gives() -> None:
    body = b'{"Content": ' + b'{"Simple": ' * 50000 + b"{}" + b"}" * 50000 + b"}"
    assert_declared("sesv2", "SendEmail", answer("sesv2", Request("POST", "/v2/email/outbound-emails", {}, JSON, body)))
