"""Values no SDK writes: each codec answers an SES error for them, never a Python exception.

v1: list indices that are not ASCII numbers, and the in-process form (the dict botocore
hands over before url-encoding it) holding values whose text Python cannot write. v2:
a body already decoded (a mapping) holding objects JSON has no form for.
"""
from __future__ import annotations

from typing import Any

import pytest
from support.model import needs_member

from fakeses._dispatch import codec_for
from fakeses.protocols import ProtocolError, Request
from fakeses.protocols._scalars import BadScalar, text_to_scalar


def deep(depth: int, leaf: Any = "x") -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


class NoStr:
    def __str__(self) -> str:
        raise RuntimeError("no text")


def decode_v1(body: Any) -> tuple[str, dict[str, Any]]:
    operation, params = codec_for("ses").decode(Request("POST", "/", {}, {}, body))
    return operation.name, params


def v1_error(body: Any) -> tuple[str, str, int]:
    with pytest.raises(ProtocolError) as caught:
        decode_v1(body)
    return caught.value.code, caught.value.message, caught.value.status


SEND = "Action=SendEmail&Source=me%40example.com&Message.Subject.Data=s&Message.Body.Text.Data=t"


# -- v1 list indices ----------------------------------------------------------------------------

@pytest.mark.parametrize("index", ["\u00b2", "\u0661", "1" * 5000, "2147483648", "0", "x", "-1"],
                         ids=["superscript", "arabic", "5000 digits", "over int", "zero", "letter", "minus"])
def test_a_list_index_that_is_not_an_ascii_number_in_range_is_refused(index: str) -> None:
    body = f"{SEND}&Destination.ToAddresses.member.{index}=ann%40example.org".encode()
    assert v1_error(body) == ("InvalidParameterValue", f"Invalid list index destination.toAddresses.{index}", 400)


def test_leading_zeros_and_the_largest_java_int_are_list_indices() -> None:
    body = (f"{SEND}&Destination.ToAddresses.member.0002=b%40x.org&Destination.ToAddresses.member.2147483647=c%40x.org"
            f"&Destination.ToAddresses.member.{'0' * 5000}1=a%40x.org")
    _, params = decode_v1(body.encode())
    assert params["Destination"]["ToAddresses"] == ["a@x.org", "b@x.org", "c@x.org"]


def test_a_map_entry_index_is_read_the_same_way() -> None:
    body = ("Action=SetIdentityHeadersInNotificationsEnabled&Identity=x&NotificationType=Bounce&Enabled=true"
            "&Unknown.entry.\u00b2.key=k").encode()
    decode_v1(body)  # not a member: ignored (G15)


# -- v1 in-process form values ------------------------------------------------------------------

def test_an_integer_python_cannot_write_is_a_value_of_the_wrong_type() -> None:
    body = {"Action": "ListIdentities", "Version": "2010-12-01", "MaxItems": 10**5000}
    assert v1_error(body) == (
        "ValidationError",
        "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: "
        "Member must be a valid integer",
        400,
    )


def test_an_integer_python_can_write_is_shown_as_its_digits() -> None:
    body = {"Action": "ListIdentities", "Version": "2010-12-01", "MaxItems": 10**30}
    code, message, _ = v1_error(body)
    assert (code, message) == (
        "ValidationError",
        f"1 validation error detected: Value '{10**30}' at 'maxItems' failed to satisfy constraint: "
        "Member must be a valid integer",
    )


@pytest.mark.parametrize("value", [deep(5000), NoStr(), [NoStr()], {"a": 1, NoStr(): 2}],
                         ids=["deep list", "no str", "list of no str", "dict with no str key"])
def test_a_value_with_no_text_is_a_value_of_the_wrong_type(value: Any) -> None:
    body = {"Action": "VerifyEmailIdentity", "Version": "2010-12-01", "EmailAddress": value}
    assert v1_error(body) == (
        "ValidationError",
        "1 validation error detected: Value at 'emailAddress' failed to satisfy constraint: "
        "Member must be a valid string",
        400,
    )


def test_a_sequence_is_written_as_url_encoding_writes_it_one_pair_per_item() -> None:
    # urlencode(doseq=True) writes EmailAddress=a&EmailAddress=b; the last pair is kept.
    for value, expected in ((["a@x.org", "b@x.org"], "b@x.org"), (("a@x.org",), "a@x.org"),
                            ([deep(3)], "[[['x']]]"), ([b"c@x.org"], "c@x.org")):
        body = {"Action": "VerifyEmailIdentity", "Version": "2010-12-01", "EmailAddress": value}
        assert decode_v1(body) == ("VerifyEmailIdentity", {"EmailAddress": expected})
    body = {"Action": "VerifyEmailIdentity", "Version": "2010-12-01", "EmailAddress": []}
    assert decode_v1(body) == ("VerifyEmailIdentity", {})  # no pair at all


def test_bytes_that_are_not_utf8_make_the_form_unreadable_as_on_the_wire() -> None:
    body = {"Action": "VerifyEmailIdentity", "Version": "2010-12-01", "EmailAddress": b"\xff"}
    assert v1_error(body) == ("MalformedQueryString", "The query string contains a syntax error.", 404)


def test_an_action_or_version_with_no_text_is_no_action_or_the_default_version() -> None:
    assert v1_error({"Action": deep(5000)})[0] == "MissingAction"
    assert decode_v1({"Action": "GetSendQuota", "Version": NoStr()}) == ("GetSendQuota", {})


def test_a_value_with_no_text_where_a_structure_or_list_belongs_is_empty() -> None:
    body = {"Action": "SendEmail", "Version": "2010-12-01", "Source": "me@example.com", "Destination": NoStr(),
            "Message.Subject.Data": "s", "Message.Body.Text.Data": "t", "Destination.ToAddresses": NoStr()}
    assert decode_v1(body)[1]["Destination"] == {"ToAddresses": []}


# -- v2 decoded bodies --------------------------------------------------------------------------

@pytest.mark.parametrize("value", [object(), {1, 2}, 10**5000, deep(5000), b"x", (1, 2)],
                         ids=["object", "set", "huge int", "deep list", "bytes", "tuple"])
def test_a_v2_body_value_json_cannot_hold_is_a_serialization_exception(value: Any) -> None:
    request = Request("POST", "/v2/email/identities", {}, {}, {"EmailIdentity": value})
    with pytest.raises(ProtocolError) as caught:
        codec_for("sesv2").decode(request)
    assert (caught.value.code, caught.value.message, caught.value.status) == ("SerializationException", "", 400)


def test_a_v2_map_key_that_is_not_text_is_a_serialization_exception() -> None:
    needs_member("sesv2", "ListEmailIdentities", "Filter")
    body = {"Tags": [], "EmailIdentity": "x.example.com", "DkimSigningAttributes": {}}
    request = Request("POST", "/v2/email/identities", {}, {}, body)
    codec_for("sesv2").decode(request)
    route = Request("POST", "/v2/email/list-identities", {}, {}, {"Filter": {NoStr(): "x"}})
    with pytest.raises(ProtocolError) as caught:
        codec_for("sesv2").decode(route)
    assert caught.value.code == "SerializationException"


def test_a_value_with_no_text_reports_no_value() -> None:
    assert str(BadScalar("a", None, "integer")) == "None at 'a' is not a valid integer"


@pytest.mark.parametrize("value", [NoStr(), 10**5000, deep(5000), [NoStr()]],
                         ids=["no str", "huge int", "deep list", "list of no str"])
def test_a_v2_query_value_with_no_text_is_a_serialization_exception(value: Any) -> None:
    path = codec_for("sesv2").model.operation_model("ListEmailTemplates").http["requestUri"]
    request = Request("GET", path, {"PageSize": value}, {}, b"")
    with pytest.raises(ProtocolError) as caught:
        codec_for("sesv2").decode(request)
    assert (caught.value.code, caught.value.status) == ("SerializationException", 400)


# -- numbers --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1" * 20000 + "x", "+" + "1" * 10000 + "e" + "1" * 10000 + "x"],
                         ids=["digits and a letter", "digits, exponent and a letter"])
def test_a_long_run_of_digits_that_is_not_a_number_is_refused_without_backtracking(text: str) -> None:
    # The float pattern used to backtrack in cubic time here (8 s and 30 s).
    for kind in ("double", "timestamp"):
        with pytest.raises(BadScalar):
            text_to_scalar(kind, text, "where")


@pytest.mark.parametrize("text", ["1", "1.", "1.5", ".5", "-1e5", "+1.5E-3", "NaN", "-Infinity"])
def test_numbers_in_every_form_are_still_doubles(text: str) -> None:
    assert isinstance(text_to_scalar("double", text, "where"), float)
