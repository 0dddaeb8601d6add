"""The codecs against botocore as oracle, on inputs Hypothesis builds from the shapes.

Requests: what botocore's serializer writes for generated params, our codec reads back
as the same params (v1 from both the pre-urlencoding dict an in-process client hands
over and the url-encoded bytes of the wire; v2 from path, query string and JSON body).
Responses: what our codec writes for generated output values, botocore's parser reads
back as the same values (timestamps compared as instants, floats exactly).

The only differences allowed are the ones the wire itself forces, each written out in
:func:`expected_after_wire`: the query protocol cannot carry an empty structure or map
(botocore writes nothing for them), and a timestamp keeps the precision its wire
format has.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlencode

import pytest
from botocore.awsrequest import HeadersDict
from botocore.model import OperationModel, Shape
from botocore.parsers import create_parser
from botocore.serialize import create_serializer
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget, inputs_for, operations, outputs_for

from fakeses._dispatch import codec_for
from fakeses._model import service_model
from fakeses.protocols import Request

UTC = dt.timezone.utc
ABSENT = object()

SERIALIZERS = {
    "ses": create_serializer("query", include_validation=False),
    "sesv2": create_serializer("rest-json", include_validation=False),
}
PARSERS = {"ses": create_parser("query"), "sesv2": create_parser("rest-json")}


# -- what survives the wire -------------------------------------------------------------

def _truncate(value: dt.datetime, unit: str) -> dt.datetime:
    value = value.astimezone(UTC)
    if unit == "s":
        return value.replace(microsecond=0)
    if unit == "ms":
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


def expected_after_wire(shape: Shape, value: Any, protocol: str, timestamp_unit: str = "us") -> Any:
    """``value`` as the wire can carry it; ABSENT if it leaves nothing on the wire."""
    kind = shape.type_name
    if kind == "structure":
        out = {}
        for name, item in value.items():
            kept = expected_after_wire(shape.members[name], item, protocol, timestamp_unit)
            if kept is not ABSENT:
                out[name] = kept
        if protocol == "query" and not out:
            return ABSENT  # botocore writes nothing for an empty structure
        return out
    if kind == "list":
        items = [expected_after_wire(shape.member, item, protocol, timestamp_unit) for item in value]
        kept = [item for item in items if item is not ABSENT]
        if protocol == "query" and value and not kept:
            return ABSENT
        return kept
    if kind == "map":
        if protocol == "query" and not value:
            return ABSENT  # botocore writes nothing for an empty map
        return {k: _map_value(shape.value, v, protocol, timestamp_unit) for k, v in value.items()}
    if kind == "timestamp":
        return _truncate(value, timestamp_unit)
    return value


def _map_value(shape: Shape, value: Any, protocol: str, unit: str) -> Any:
    kept = expected_after_wire(shape, value, protocol, unit)
    if kept is ABSENT:  # the entry keeps its key; an absent value reads as an empty one
        return {"structure": {}, "list": [], "map": {}}.get(shape.type_name, "")
    return kept


def _body_precision() -> str:
    probe = dt.datetime(2000, 1, 1, 0, 0, 0, 1, tzinfo=dt.timezone.utc)
    return "us" if "." in str(SERIALIZERS["sesv2"]._timestamp_unixtimestamp(probe)) else "s"


def expected_request_params(service: str, op: OperationModel, params: dict[str, Any]) -> dict[str, Any]:
    shape = op.input_shape
    if shape is None:
        return {}
    if service == "ses":
        kept = expected_after_wire(shape, params, "query", "us")
        return {} if kept is ABSENT else kept
    out = {}
    for name, value in params.items():
        member = shape.members[name]
        where = member.serialization.get("location")
        # The JSON body carries epoch seconds at botocore's precision (whole seconds
        # up to 1.43, microseconds later); the query string ISO 8601 with microseconds.
        if where == "querystring" and value == []:
            continue  # a url-encoded query string cannot carry an empty list
        out[name] = expected_after_wire(member, value, "rest-json", "us" if where else BODY_PRECISION)
    return out


BODY_PRECISION = _body_precision()


# -- requests -----------------------------------------------------------------------------

def v1_requests(op: OperationModel, params: dict[str, Any]) -> list[Request]:
    """The in-process form (botocore's dict) and the wire form (url-encoded bytes)."""
    serialized = SERIALIZERS["ses"].serialize_to_request(params, op)
    body = serialized["body"]
    wire = urlencode(body, doseq=True).encode("utf-8")  # as botocore's AWSRequest prepares it
    return [
        Request("POST", "/", {}, serialized["headers"], body),
        Request("POST", "/", {}, serialized["headers"], wire),
    ]


def v2_requests(op: OperationModel, params: dict[str, Any]) -> list[Request]:
    """botocore's request as the hook hands it over, and with the query string as text."""
    serialized = SERIALIZERS["sesv2"].serialize_to_request(params, op)
    query = serialized["query_string"]
    common = {"method": serialized["method"], "path": serialized["url_path"], "headers": serialized["headers"],
                  "body": serialized["body"]}
    requests = [Request(query=query, **common)]
    if query:
        requests.append(Request(query=urlencode(query, doseq=True), **common))  # type: ignore[arg-type]
    return requests


def assert_decodes(service: str, op_name: str, params: dict[str, Any]) -> None:
    op = service_model(service).operation_model(op_name)
    codec = codec_for(service)
    make = v1_requests if service == "ses" else v2_requests
    want = expected_request_params(service, op, params)
    for request in make(op, params):
        operation, decoded = codec.decode(request)
        assert operation.name == op_name
        assert decoded == want, f"{request!r}"


V1_SAMPLE = [
    "SendEmail", "SendRawEmail", "SendTemplatedEmail", "SendBulkTemplatedEmail",
    "SetIdentityNotificationTopic", "PutConfigurationSetDeliveryOptions",
    "CreateReceiptRule", "SetIdentityHeadersInNotificationsEnabled", "ListIdentities",
    "CreateConfigurationSetEventDestination", "GetIdentityDkimAttributes",
]
V2_SAMPLE = [
    "SendEmail", "SendBulkEmail", "CreateEmailIdentity", "ListEmailIdentities",
    "PutEmailIdentityMailFromAttributes", "ListSuppressedDestinations", "UntagResource",
    "GetDomainStatisticsReport", "CreateImportJob", "PutAccountDetails", "CreateContact",
]


@pytest.mark.parametrize("op_name", V1_SAMPLE)
@budget(40)
@given(data=st.data())
def test_query_decode_inverts_botocores_serializer(op_name: str, data: st.DataObject) -> None:
    params = data.draw(inputs_for("ses", op_name), label="params")
    assert_decodes("ses", op_name, params)


@pytest.mark.parametrize("op_name", V2_SAMPLE)
@budget(40)
@given(data=st.data())
def test_restjson_decode_inverts_botocores_serializer(op_name: str, data: st.DataObject) -> None:
    params = data.draw(inputs_for("sesv2", op_name), label="params")
    assert_decodes("sesv2", op_name, params)


ALL_OPERATIONS = operations()


@pytest.mark.parametrize("service, op_name", ALL_OPERATIONS)
@budget(3)
@given(data=st.data())
def test_every_operation_decodes_what_botocore_serializes(service: str, op_name: str, data: st.DataObject) -> None:
    params = data.draw(inputs_for(service, op_name), label="params")
    assert_decodes(service, op_name, params)


# -- responses ----------------------------------------------------------------------------

def parse_with_botocore(service: str, op: OperationModel, status: int, headers: dict[str, str], body: bytes) -> dict[str, Any]:
    response = {"status_code": status, "headers": HeadersDict(headers), "body": body,
                "context": {"operation_name": op.name}}
    parsed = PARSERS[service].parse(response, op.output_shape)
    parsed.pop("ResponseMetadata", None)
    return parsed


def expected_response_values(service: str, op: OperationModel, result: dict[str, Any]) -> dict[str, Any]:
    if op.output_shape is None:
        return {}
    # Both wire formats carry timestamps to the millisecond; empty containers survive
    # XML responses (botocore reads <Tag></Tag> back as an empty list, map or structure).
    return expected_after_wire(op.output_shape, result, "rest-json", "ms")


def assert_encodes(service: str, op_name: str, result: dict[str, Any]) -> None:
    op = service_model(service).operation_model(op_name)
    response = codec_for(service).encode(op, result, "0f0e0d0c-0000-4000-8000-000000000000")
    parsed = parse_with_botocore(service, op, response.status, response.headers, response.body)
    assert parsed == expected_response_values(service, op, result)
    assert response.headers["x-amzn-RequestId"] == "0f0e0d0c-0000-4000-8000-000000000000"


V1_OUTPUT_SAMPLE = [
    "GetIdentityDkimAttributes", "GetSendStatistics", "GetSendQuota", "ListIdentities",
    "GetIdentityNotificationAttributes", "DescribeReceiptRuleSet", "GetTemplate",
    "DescribeConfigurationSet", "GetIdentityPolicies", "SendBulkTemplatedEmail",
]
V2_OUTPUT_SAMPLE = [
    "GetEmailIdentity", "ListEmailIdentities", "GetAccount", "GetDomainStatisticsReport",
    "GetDeliverabilityDashboardOptions", "ListSuppressedDestinations", "GetContact",
    "SendBulkEmail", "GetMessageInsights", "GetDedicatedIps",
]


@pytest.mark.parametrize("op_name", V1_OUTPUT_SAMPLE)
@budget(40)
@given(data=st.data())
def test_query_encode_parses_back_through_botocore(op_name: str, data: st.DataObject) -> None:
    assert_encodes("ses", op_name, data.draw(outputs_for("ses", op_name), label="result"))


@pytest.mark.parametrize("op_name", V2_OUTPUT_SAMPLE)
@budget(40)
@given(data=st.data())
def test_restjson_encode_parses_back_through_botocore(op_name: str, data: st.DataObject) -> None:
    assert_encodes("sesv2", op_name, data.draw(outputs_for("sesv2", op_name), label="result"))


@pytest.mark.parametrize("service, op_name", ALL_OPERATIONS)
@budget(3)
@given(data=st.data())
def test_every_operation_encodes_what_botocore_parses(service: str, op_name: str, data: st.DataObject) -> None:
    assert_encodes(service, op_name, data.draw(outputs_for(service, op_name), label="result"))


# -- examples worth keeping in sight --------------------------------------------------------

def test_v1_send_email_decodes_nested_lists_and_structures() -> None:
    params = {
        "Source": "a@example.com",
        "Destination": {"ToAddresses": ["b@example.com", "c@example.com"], "CcAddresses": []},
        "Message": {"Subject": {"Data": "Hi & bye", "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": "line 1\r\nline 2 ü"}}},
        "Tags": [{"Name": "k", "Value": "v"}],
    }
    assert_decodes("ses", "SendEmail", params)


def test_v1_raw_message_blob_decodes_to_bytes() -> None:
    assert_decodes("ses", "SendRawEmail", {"RawMessage": {"Data": b"From: a@example.com\r\n\r\n\xff"}})


def test_v2_path_labels_are_percent_decoded() -> None:
    assert_decodes("sesv2", "GetEmailIdentity", {"EmailIdentity": "a/b c+d%e@example.com"})
    assert_decodes("sesv2", "DeleteContact", {"ContactListName": "l?st#1", "EmailAddress": "ü@example.com"})


def test_v2_query_string_lists_integers_and_timestamps_decode() -> None:
    assert_decodes("sesv2", "ListSuppressedDestinations", {
        "Reasons": ["BOUNCE", "COMPLAINT"], "PageSize": 7,
        "StartDate": dt.datetime(2024, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), "NextToken": "",
    })


def test_v1_dkim_attributes_map_parses_back() -> None:
    assert_encodes("ses", "GetIdentityDkimAttributes", {"DkimAttributes": {
        "example.com": {"DkimEnabled": True, "DkimVerificationStatus": "Pending", "DkimTokens": ["a", "b", "c"]},
        "a&b@example.com": {"DkimEnabled": False, "DkimVerificationStatus": "NotStarted"},
    }})


def test_v1_send_statistics_timestamps_parse_back_as_the_same_instants() -> None:
    assert_encodes("ses", "GetSendStatistics", {"SendDataPoints": [
        {"Timestamp": dt.datetime(2013, 6, 12, 19, 32, tzinfo=UTC), "DeliveryAttempts": 3, "Bounces": 0,
         "Complaints": 0, "Rejects": 0},
        {"Timestamp": dt.datetime(2013, 6, 12, 21, 32, 0, 123000, tzinfo=dt.timezone(dt.timedelta(hours=2)))},
    ]})


def test_naive_timestamps_in_a_result_are_utc() -> None:
    # Handlers may build datetimes without a zone; they mean UTC, never the host's zone.
    naive = dt.datetime(2024, 5, 6, 7, 8, 9)
    for service, op, result, path in [
        ("ses", "GetSendStatistics", {"SendDataPoints": [{"Timestamp": naive}]}, ("SendDataPoints", 0, "Timestamp")),
        ("sesv2", "GetDeliverabilityDashboardOptions", {"DashboardEnabled": True, "SubscriptionExpiryDate": naive},
         ("SubscriptionExpiryDate",)),
    ]:
        model = service_model(service).operation_model(op)
        response = codec_for(service).encode(model, result, "r")
        parsed: Any = parse_with_botocore(service, model, response.status, response.headers, response.body)
        for step in path:
            parsed = parsed[step]
        assert parsed == naive.replace(tzinfo=UTC)


def test_xml_results_survive_characters_xml_cannot_carry() -> None:
    # A control character in stored text (a template, say) must not make botocore's
    # parser fail; it is replaced, the rest of the response is intact.
    op = service_model("ses").operation_model("GetTemplate")
    response = codec_for("ses").encode(op, {"Template": {"TemplateName": "t", "TextPart": "a\x00b\x1bc\r\n"}}, "r")
    parsed = parse_with_botocore("ses", op, response.status, response.headers, response.body)
    assert parsed["Template"]["TemplateName"] == "t"
    assert parsed["Template"]["TextPart"] == "a\ufffdb\ufffdc\r\n"


def test_v2_json_body_is_compact_and_keeps_model_member_names() -> None:
    op = service_model("sesv2").operation_model("CreateEmailIdentity")
    response = codec_for("sesv2").encode(op, {"IdentityType": "EMAIL_ADDRESS", "VerifiedForSendingStatus": False}, "r")
    assert json.loads(response.body) == {"IdentityType": "EMAIL_ADDRESS", "VerifiedForSendingStatus": False}
    assert response.headers["Content-Type"] == "application/json"
