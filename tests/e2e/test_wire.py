"""Malformed requests on the wire: each gets an SES-shaped answer, never a Python exception.

Requests go straight to :func:`fakeses._dispatch.handle` with a fresh world, as bytes a
raw HTTP client could send. v1 answers are ``<ErrorResponse>`` XML with Type, Code,
Message and RequestId; v2 answers carry ``x-amzn-ErrorType`` and a JSON body. Every
answer must parse through botocore's own parser. Facts: docs/_research/foundation.md
G9 (SerializationException), G11 (InvalidAction wording), G14 (UnknownOperationException),
and the Common Errors of both API references (seeds 001 and 003).
"""
from __future__ import annotations

import json
import logging
import string
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.wire import parse

from fakeses._dispatch import handle
from fakeses._model import service_model
from fakeses.api import HANDLERS, handlers
from fakeses.domain.state import Options, World
from fakeses.protocols import Request, Response

NS = "{http://ses.amazonaws.com/doc/2010-12-01/}"
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
JSON = {"Content-Type": "application/json"}


def budget(examples: int) -> settings:
    """``examples`` examples under the default profile, 20 times more under ``deep``."""
    scale = max(1, settings.default.max_examples // 100)
    return settings(max_examples=examples * scale, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def v1(body: bytes | str, *, method: str = "POST", path: str = "/") -> Response:
    data = body.encode() if isinstance(body, str) else body
    return handle(World(Options()), "ses", "123456789012", "us-east-1", Request(method, path, {}, FORM, data))


def v2(method: str, path: str, body: bytes | str = b"", query: dict[str, Any] | None = None) -> Response:
    data = body.encode() if isinstance(body, str) else body
    return handle(World(Options()), "sesv2", "123456789012", "us-east-1",
                  Request(method, path, query or {}, JSON, data))


def parsed(service: str, response: Response, op_name: str | None = None) -> dict[str, Any]:
    """The response as botocore reads it (for an operation, or as a bare error)."""
    return parse(service, op_name, response)


def v1_error(response: Response) -> tuple[int, str, str, str]:
    """(status, Type, Code, Message) of a v1 error, checking the whole XML envelope."""
    root = ET.fromstring(response.body)
    assert root.tag == f"{NS}ErrorResponse"
    error = root.find(f"{NS}Error")
    assert error is not None
    request_id = root.findtext(f"{NS}RequestId")
    assert request_id and request_id == response.headers["x-amzn-RequestId"]
    botocore_view = parsed("ses", response)
    code, message = botocore_view["Error"]["Code"], botocore_view["Error"]["Message"]
    assert (error.findtext(f"{NS}Code"), error.findtext(f"{NS}Message") or "") == (code, message)
    assert botocore_view["ResponseMetadata"]["RequestId"] == request_id
    return response.status, error.findtext(f"{NS}Type") or "", code, message


def v2_error(response: Response) -> tuple[int, str, str]:
    """(status, code, message) of a v2 error, checking the header and the JSON body."""
    code = response.headers["x-amzn-ErrorType"]
    body = json.loads(response.body)
    assert isinstance(body, dict) and set(body) <= {"message"}
    botocore_view = parsed("sesv2", response)
    assert botocore_view["Error"]["Code"] == code
    assert botocore_view["ResponseMetadata"]["RequestId"] == response.headers["x-amzn-RequestId"]
    return response.status, code, body.get("message", "")


# -- v1 ------------------------------------------------------------------------------------

def test_v1_without_action_is_missing_action() -> None:
    # SES v1 API reference, Common Errors: MissingAction, 400.
    status, kind, code, _ = v1_error(v1("Version=2010-12-01"))
    assert (status, kind, code) == (400, "Sender", "MissingAction")
    assert v1_error(v1(b""))[2] == "MissingAction"


def test_v1_unknown_action_is_invalid_action_in_ses_words() -> None:
    # G11, recorded: "Could not find operation SendRawEmailAsync for version 2010-12-01".
    assert v1_error(v1("Action=SendRawEmailAsync&Version=2010-12-01")) == (
        400, "Sender", "InvalidAction", "Could not find operation SendRawEmailAsync for version 2010-12-01")


def test_v1_known_action_under_another_version_is_invalid_action() -> None:
    # G11, recorded (aws-cli#37): "Could not find operation GetSendStatistics for version 2012-12-01".
    assert v1_error(v1("Action=GetSendStatistics&Version=2012-12-01"))[2:] == (
        "InvalidAction", "Could not find operation GetSendStatistics for version 2012-12-01")


def test_v1_action_names_are_case_sensitive() -> None:
    assert v1_error(v1("Action=getsendquota&Version=2010-12-01"))[2] == "InvalidAction"


@pytest.mark.parametrize("body", [
    b"Action=GetSendQuota&Version=2010-12-01&x=%zz",   # not a percent escape
    b"Action=GetSendQuota&Version=2010-12-01&x=%ff",   # escapes to bytes that are not UTF-8
    b"Action=GetSendQuota&Version=\xff\xfe",           # raw bytes that are not UTF-8
    b"Action=GetSendQuota&Version=2010-12-01&x=%e2%82",  # a cut-off UTF-8 sequence
])
def test_v1_badly_encoded_form_is_malformed_query_string(body: bytes) -> None:
    # SES v1 API reference, Common Errors: MalformedQueryString, HTTP 404.
    assert v1_error(v1(body))[:3] == (404, "Sender", "MalformedQueryString")


@pytest.mark.parametrize("index", ["0", "x", "-1", ""])
def test_v1_list_index_that_is_not_a_positive_number_is_refused(index: str) -> None:
    body = ("Action=SendEmail&Version=2010-12-01&Source=me%40example.com"
            f"&Destination.ToAddresses.member.{index}=a%40example.org"
            "&Message.Subject.Data=s&Message.Body.Text.Data=t")
    status, _, code, _ = v1_error(v1(body))
    assert (status, code) == (400, "InvalidParameterValue")


def test_v1_list_items_are_read_in_index_order_whatever_the_form_order() -> None:
    world = World(Options())
    world.backend("123456789012", "us-east-1").identities.force_verify("example.com")
    body = ("Action=SendEmail&Version=2010-12-01&Source=me%40example.com"
            "&Destination.ToAddresses.member.2=b%40example.org&Destination.ToAddresses.member.1=a%40example.org"
            "&Message.Subject.Data=s&Message.Body.Text.Data=t")
    response = handle(world, "ses", "123456789012", "us-east-1", Request("POST", "/", {}, FORM, body.encode()))
    assert response.status == 200, response.body
    assert world.sent[0].to == ["a@example.org", "b@example.org"]


def test_v1_boolean_that_is_neither_true_nor_false() -> None:
    assert v1_error(v1("Action=UpdateAccountSendingEnabled&Version=2010-12-01&Enabled=maybe")) == (
        400, "Sender", "ValidationError",
        ("1 validation error detected: Value 'maybe' at 'enabled' failed to satisfy constraint: "
        "Member must be a valid boolean"),
    )


def test_v1_unknown_parameters_are_ignored() -> None:
    # G15: Coral query services ignore names they do not know.
    response = v1("Action=GetSendQuota&Version=2010-12-01&Bogus=1&Deep.Bogus.member.1=2")
    assert response.status == 200
    assert set(parsed("ses", response, "GetSendQuota")) >= {"Max24HourSend", "ResponseMetadata"}


def test_v1_action_in_the_query_string_of_a_get() -> None:
    response = v1(b"", method="GET", path="/?Action=GetSendQuota&Version=2010-12-01")
    assert response.status == 200
    assert "Max24HourSend" in parsed("ses", response, "GetSendQuota")


# -- v2 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path", [
    ("GET", "/v2/email/nowhere"),
    ("GET", "/v2/email/identities/example.com/extra/parts"),
    ("PATCH", "/v2/email/identities/example.com"),
    ("DELETE", "/v2/email/outbound-emails"),
    ("GET", "/"),
    ("GET", ""),
])
def test_v2_unknown_path_or_method_is_unknown_operation(method: str, path: str) -> None:
    # SES v2 API reference, Common Errors: UnknownOperationException, HTTP 404 (G14).
    assert v2_error(v2(method, path))[:2] == (404, "UnknownOperationException")


@pytest.mark.parametrize("body", [b"{", b"{'a': 1}", b"\xff\xfe", b"   ", b"[1, 2]", b"null", b"\"text\"", b"17",
                                  b"[" * 100000])
def test_v2_body_that_is_not_a_json_object_is_a_serialization_exception(body: bytes) -> None:
    # G9: SerializationException, 400, without a message.
    assert v2_error(v2("POST", "/v2/email/outbound-emails", body)) == (400, "SerializationException", "")


@pytest.mark.parametrize("document", [
    {"Content": []},
    {"Content": {"Simple": {"Subject": {"Data": 5}}}},
    {"Destination": {"ToAddresses": "ann@example.org"}, "Content": {}},
    {"FromEmailAddress": True, "Content": {}},
])
def test_v2_json_member_of_the_wrong_type_is_a_serialization_exception(document: dict[str, Any]) -> None:
    assert v2_error(v2("POST", "/v2/email/outbound-emails", json.dumps(document)))[:2] == (
        400, "SerializationException")


def test_v2_empty_body_where_the_operation_needs_members_is_a_validation_error() -> None:
    assert v2_error(v2("POST", "/v2/email/outbound-emails", b"")) == (
        400, "BadRequestException",
        ("1 validation error detected: Value null at 'content' failed to satisfy constraint: "
        "Member must not be null"),
    )
    assert v2_error(v2("POST", "/v2/email/outbound-emails", b"{}"))[1] == "BadRequestException"


def test_v2_json_null_members_read_as_missing() -> None:
    assert v2_error(v2("POST", "/v2/email/outbound-emails", b'{"Content": null}'))[2] == (
        "1 validation error detected: Value null at 'content' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_v2_path_with_percent_escapes_that_are_not_utf8() -> None:
    status, code, _ = v2_error(v2("GET", "/v2/email/identities/%ff%fe"))
    assert (status, code) == (400, "BadRequestException")


def test_v2_path_labels_are_percent_decoded_once() -> None:
    world = World(Options())
    created = handle(world, "sesv2", "123456789012", "us-east-1",
                     Request("POST", "/v2/email/identities", {}, JSON, b'{"EmailIdentity": "a+b%25@example.com"}'))
    assert created.status == 200, created.body
    got = handle(world, "sesv2", "123456789012", "us-east-1",
                 Request("GET", "/v2/email/identities/a%2Bb%2525%40example.com", {}, JSON, b""))
    assert got.status == 200, got.body
    assert parsed("sesv2", got, "GetEmailIdentity")["IdentityType"] == "EMAIL_ADDRESS"


def test_v2_query_string_of_the_wrong_type() -> None:
    assert v2_error(v2("GET", "/v2/email/templates", query={"PageSize": "ten"}))[:2] == (
        400, "SerializationException")
    assert v2_error(v2("GET", "/v2/email/templates", query={"PageSize": "99999999999"}))[:2] == (
        400, "SerializationException")


def test_v2_query_string_in_the_path_is_read() -> None:
    response = v2("GET", "/v2/email/templates?PageSize=ten")
    assert v2_error(response)[:2] == (400, "SerializationException")


# -- operations without a handler, and bugs -------------------------------------------------

def test_v1_operation_without_a_handler_is_not_implemented_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every v1 operation has a handler since issue 15: take one away.
    handlers()
    monkeypatch.delitem(HANDLERS, ("ses", "ListReceiptFilters"))
    status, kind, code, message = v1_error(v1("Action=ListReceiptFilters&Version=2010-12-01"))
    assert (status, kind, code) == (501, "Receiver", "NotImplemented")
    assert "ListReceiptFilters" in message


def test_v2_operation_without_a_handler_is_not_implemented_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every operation may have a handler by now: take one away, as a newer botocore's would be.
    monkeypatch.delitem(handlers(), ("sesv2", "GetDedicatedIps"), raising=False)
    status, code, message = v2_error(v2("GET", "/v2/email/dedicated-ips"))
    assert (status, code) == (501, "NotImplemented")
    assert "GetDedicatedIps" in message


@pytest.mark.parametrize("service, op_name, request_", [
    ("ses", "GetSendQuota", Request("POST", "/", {}, FORM, b"Action=GetSendQuota&Version=2010-12-01")),
    ("sesv2", "GetAccount", Request("GET", "/v2/email/account", {}, JSON, b"")),
])
def test_a_bug_in_a_handler_answers_internal_failure_and_is_logged(
    service: str, op_name: str, request_: Request, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(backend: Any, **params: Any) -> dict[str, Any]:
        raise KeyError("a bug")

    handlers()
    monkeypatch.setitem(HANDLERS, (service, op_name), broken)
    with caplog.at_level(logging.ERROR, logger="fakeses"):
        response = handle(World(Options()), service, "123456789012", "us-east-1", request_)
    assert response.status == 500
    view = parsed(service, response)
    assert view["Error"]["Code"] == "InternalFailure"
    assert op_name in view["Error"]["Message"]
    assert "a bug" in caplog.text


def test_a_result_that_cannot_be_encoded_answers_internal_failure() -> None:
    # A handler returning the wrong shape must not raise out of handle() either.
    def wrong(backend: Any, **params: Any) -> dict[str, Any]:
        return {"Max24HourSend": object(), "SendDataPoints": 3}

    handlers()
    original = HANDLERS[("ses", "GetSendStatistics")]
    HANDLERS[("ses", "GetSendStatistics")] = wrong
    try:
        response = v1("Action=GetSendStatistics&Version=2010-12-01")
    finally:
        HANDLERS[("ses", "GetSendStatistics")] = original
    assert v1_error(response)[:3] == (500, "Receiver", "InternalFailure")


# -- fuzzing -------------------------------------------------------------------------------

def assert_ses_shaped(service: str, response: Response) -> None:
    assert response.status != 500, response.body
    if response.status >= 300:
        if service == "ses":
            v1_error(response)
        else:
            v2_error(response)


@budget(150)
@given(body=st.binary(max_size=200), path=st.sampled_from(["/", "/?Action=GetSendQuota", "/x"]),
       method=st.sampled_from(["POST", "GET"]))
def test_v1_arbitrary_bytes_never_raise_nor_fail_internally(body: bytes, path: str, method: str) -> None:
    assert_ses_shaped("ses", v1(body, method=method, path=path))


V1_ACTIONS = sorted(service_model("ses").operation_names)
KEY_PARTS = st.sampled_from(
    ["Source", "Destination", "ToAddresses", "member", "entry", "key", "value", "Message", "Subject",
     "Body", "Text", "Data", "RawMessage", "Tags", "Name", "Value", "MaxItems", "Identities", "Enabled",
     "IdentityType", "NextToken", "1", "2", "0", "x", ""])
FORM_KEYS = st.lists(KEY_PARTS, min_size=1, max_size=5).map(".".join)
FORM_VALUES = st.one_of(st.text(max_size=12), st.sampled_from(["true", "1", "ann@example.org", "QQ==", "-5"]))


@budget(200)
@given(action=st.sampled_from(V1_ACTIONS), fields=st.dictionaries(FORM_KEYS, FORM_VALUES, max_size=8))
def test_v1_arbitrary_forms_for_every_action_answer_success_or_an_ses_error(
    action: str, fields: dict[str, str]
) -> None:
    body = {"Action": action, "Version": "2010-12-01", **fields}
    request = Request("POST", "/", {}, FORM, body)
    assert_ses_shaped("ses", handle(World(Options()), "ses", "123456789012", "us-east-1", request))


V2_ROUTES = sorted({(service_model("sesv2").operation_model(n).http["method"],
                     service_model("sesv2").operation_model(n).http["requestUri"].split("?")[0])
                    for n in service_model("sesv2").operation_names})
PATH_SEGMENT = st.text(alphabet=string.ascii_letters + string.digits + "%@.+-_~ ", max_size=10)


def _fill(template: str, parts: list[str]) -> str:
    out, i = template, 0
    while "{" in out:
        start, end = out.index("{"), out.index("}")
        out = out[:start] + parts[i % len(parts)] + out[end + 1:]
        i += 1
    return out


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@budget(200)
@given(route=st.sampled_from(V2_ROUTES), other_method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", None]),
       parts=st.lists(PATH_SEGMENT, min_size=1, max_size=3), body=st.one_of(st.binary(max_size=60),
       st.dictionaries(st.sampled_from(["Content", "Destination", "FromEmailAddress", "EmailIdentity",
                                        "MailType", "WebsiteURL", "SendingEnabled", "Tags", "Simple"]),
                       JSON_VALUES, max_size=4).map(lambda d: json.dumps(d).encode())))
def test_v2_arbitrary_requests_never_raise_nor_fail_internally(
    route: tuple[str, str], other_method: str | None, parts: list[str], body: bytes
) -> None:
    method, template = route
    assert_ses_shaped("sesv2", v2(other_method or method, _fill(template, parts), body))


@budget(100)
@given(path=st.text(max_size=40), method=st.text(max_size=6), body=st.binary(max_size=40))
def test_v2_arbitrary_paths_and_methods_never_raise(path: str, method: str, body: bytes) -> None:
    assert_ses_shaped("sesv2", v2(method, path, body))
