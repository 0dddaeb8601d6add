"""The JSON Schemas generated from the output shapes, and what they hold fakeses to.

Successful answers are checked against them in test_reachability (minimal requests), in
test_fuzz (random requests) and in every end-to-end test (tests/e2e/conftest.py). Here:
the schemas accept every value the output shape allows and refuse what it does not, and
the allow-list of recorded omissions names only members the model really requires.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.schemas import RECORDED_OMISSIONS, output_schema, violations
from support.shapes import budget, operations, values_for
from support.wire import parse

from fakeses._dispatch import codec_for
from fakeses._model import service_model

OPERATIONS = operations()


def _shape_at(service: str, op: str, where: str) -> Any:
    shape = service_model(service).operation_model(op).output_shape
    for part in [p for p in where.replace("[]", ".[]").replace("{}", ".{}").split(".") if p]:
        shape = shape.member if part == "[]" else shape.value if part == "{}" else shape.members[part]
    return shape


@pytest.mark.parametrize("entry", sorted(RECORDED_OMISSIONS), ids=lambda e: ".".join(e))
def test_each_recorded_omission_names_a_member_the_model_requires(entry: tuple[str, str, str, str]) -> None:
    service, op, where, member = entry
    assert op in service_model(service).operation_names
    assert member in _shape_at(service, op, where).required_members, "the exemption is stale: remove it"
    assert RECORDED_OMISSIONS[entry], "each exemption cites its source"


@pytest.mark.parametrize("service, op", OPERATIONS, ids=[f"{s}.{op}" for s, op in OPERATIONS])
@budget(3)
@given(data=st.data())
def test_the_schema_accepts_whatever_the_output_shape_allows(service: str, op: str, data: st.DataObject) -> None:
    # A valid result, encoded by fakeses and parsed by botocore, fits the schema.
    model = service_model(service)
    operation = model.operation_model(op)
    if operation.output_shape is None:
        assert violations(service, op, {"ResponseMetadata": {}}) == []
        return
    result = data.draw(values_for(operation.output_shape, direction="output", protocol=model.protocol, valid=True)
                       .filter(lambda r: not _too_long(operation.output_shape, r)), label="result")
    response = codec_for(service).encode(operation, result, "0f0e0d0c-0000-4000-8000-000000000000")
    assert violations(service, op, parse(service, op, response)) == []


def _too_long(shape: Any, value: Any) -> bool:
    """values_for(valid=True) may draw a sample address longer than a string's max."""
    kind = shape.type_name
    if kind == "structure":
        return any(_too_long(shape.members[k], v) for k, v in value.items())
    if kind == "list":
        return any(_too_long(shape.member, v) for v in value)
    if kind == "map":
        return any(_too_long(shape.key, k) or _too_long(shape.value, v) for k, v in value.items())
    return kind == "string" and isinstance(value, str) and len(value) > shape.metadata.get("max", len(value))


GET_EMAIL_IDENTITY = {
    "IdentityType": "DOMAIN",
    "VerifiedForSendingStatus": True,
    "DkimAttributes": {"SigningEnabled": True, "Status": "SUCCESS", "Tokens": ["t"],
                       "LastKeyGenerationTimestamp": dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)},
    "MailFromAttributes": {"BehaviorOnMxFailure": "USE_DEFAULT_VALUE"},
}


@pytest.mark.parametrize("change, complaint", [
    (lambda r: r.pop("IdentityType"), None),  # optional: fine
    (lambda r: r["MailFromAttributes"].pop("BehaviorOnMxFailure"), "'BehaviorOnMxFailure' is a required property"),
    (lambda r: r.__setitem__("IdentityType", "PERSON"), "'PERSON' is not one of"),
    (lambda r: r.__setitem__("VerifiedForSendingStatus", "true"), "'true' is not of type 'boolean'"),
    (lambda r: r.__setitem__("Unmodeled", 1), "Additional properties are not allowed"),
    (lambda r: r["DkimAttributes"].__setitem__("LastKeyGenerationTimestamp", dt.datetime(2024, 1, 2)),
     "is not of type 'timestamp'"),
    (lambda r: r["DkimAttributes"].__setitem__("Tokens", "t"), "'t' is not of type 'array'"),
])
def test_the_schema_refuses_what_the_output_shape_does_not_allow(change: Any, complaint: str | None) -> None:
    import copy

    result = copy.deepcopy(GET_EMAIL_IDENTITY)
    change(result)
    found = violations("sesv2", "GetEmailIdentity", result)
    if complaint is None:
        assert found == []
    else:
        assert any(complaint in line for line in found), found


def test_lengths_ranges_and_blob_sizes_are_checked() -> None:
    # v1 GetSendQuota: doubles; v2 GetAccount SendQuota; GetDomainStatisticsReport lists.
    assert violations("ses", "GetIdentityPolicies", {"Policies": {"p" * 65: "{}"}})  # PolicyName max 64
    assert violations("ses", "GetIdentityPolicies", {"Policies": {"": "{}"}})        # PolicyName min 1
    assert violations("sesv2", "GetEmailIdentity", {"Tags": [{"Key": "k"}]})           # Tag.Value required
    assert violations("sesv2", "GetEmailIdentity", {"Policies": {"p" * 65: "{}"}})
    assert violations("sesv2", "GetAccount", {"SendQuota": {"Max24HourSend": "many"}})
    schema = output_schema("sesv2", "GetMessageInsights")
    assert schema["type"] == "object" and schema["additionalProperties"] is False


def test_blobs_are_bytes_and_keep_their_sizes() -> None:
    from support.schemas import Validator

    checker = Validator({"type": "blob", "minBytes": 1, "maxBytes": 2})
    assert checker.is_valid(b"x")
    assert not checker.is_valid(b"")
    assert not checker.is_valid(b"xyz")
    assert not checker.is_valid("x")
