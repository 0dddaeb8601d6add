"""Bad input through boto3, with botocore's own checks off: SES's errors, never a crash.

A client built with ``parameter_validation=False`` sends whatever it is given, so the
checks are fakeses' (as SES's are on the server). Wording: docs/_research/foundation.md
G1 (recorded v1 text), G7-G9.
"""
from __future__ import annotations

import boto3
import pytest
from botocore.config import Config
from support.clients import refusal

from fakeses import fakeses

UNCHECKED = Config(parameter_validation=False, retries={"total_max_attempts": 1})
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}


@pytest.fixture
def fake():
    with fakeses() as handle:
        yield handle


@pytest.fixture
def ses(fake):
    return boto3.client("ses", region_name="us-east-1", config=UNCHECKED)


@pytest.fixture
def sesv2(fake):
    return boto3.client("sesv2", region_name="us-east-1", config=UNCHECKED)


# -- missing members ------------------------------------------------------------------------

def test_v1_send_email_without_destination_is_the_recorded_validation_error(ses, fake) -> None:
    # G1, recorded from SES.
    assert refusal(ses.send_email, Source="me@example.com",
                   Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}) == (
        400, "ValidationError",
        ("1 validation error detected: Value null at 'destination' failed to satisfy constraint: "
        "Member must not be null"),
    )
    assert fake.sent_messages == []


def test_v1_send_email_with_nothing_lists_every_missing_member(ses) -> None:
    status, code, message = refusal(ses.send_email)
    assert (status, code) == (400, "ValidationError")
    assert message.startswith("3 validation errors detected: Value null at 'source' failed")
    assert "Value null at 'destination'" in message and "Value null at 'message'" in message


def test_v1_nested_missing_member_has_a_dotted_path(ses) -> None:
    # G6b: the SES developer guide's example error.
    assert refusal(ses.send_email, Source="me@example.com", Destination={"ToAddresses": ["a@example.org"]},
                   Message={"Body": {"Text": {"Data": "Hello"}}})[2] == (
        "1 validation error detected: Value null at 'message.subject' failed to satisfy constraint: "
        "Member must not be null"
    )


def test_v2_send_email_without_content_is_a_bad_request_with_the_same_wording(sesv2, fake) -> None:
    # G8: v2 answers model violations with BadRequestException, Coral wording.
    assert refusal(sesv2.send_email, FromEmailAddress="me@example.com",
                   Destination={"ToAddresses": ["ann@example.org"]}) == (
        400, "BadRequestException",
        ("1 validation error detected: Value null at 'content' failed to satisfy constraint: "
        "Member must not be null"),
    )
    assert fake.sent_messages == []


def test_v2_missing_path_label_and_required_body_member(sesv2) -> None:
    # An empty label leaves no operation to route to at all.
    status, code, _ = refusal(sesv2.get_email_identity, EmailIdentity="")
    assert (status, code) == (404, "UnknownOperationException")
    assert refusal(sesv2.put_account_details, WebsiteURL="https://example.com")[:2] == (400, "BadRequestException")


# -- enums ----------------------------------------------------------------------------------

def test_v1_enum_violation_leaves_the_value_out(ses) -> None:
    # G7: floci, verified against SES.
    assert refusal(ses.put_configuration_set_delivery_options, ConfigurationSetName="set",
                   DeliveryOptions={"TlsPolicy": "Sometimes"}) == (
        400, "ValidationError",
        ("1 validation error detected: Value at 'deliveryOptions.tlsPolicy' failed to satisfy "
        "constraint: Member must satisfy enum value set: [Optional, Require]"),
    )


def test_v1_list_identities_with_an_unknown_identity_type(ses) -> None:
    assert refusal(ses.list_identities, IdentityType="Phone")[1:] == (
        "ValidationError",
        ("1 validation error detected: Value at 'identityType' failed to satisfy constraint: "
        "Member must satisfy enum value set: [Domain, EmailAddress]"),
    )


def test_v2_enum_violation(sesv2) -> None:
    assert refusal(sesv2.put_account_details, MailType="SPAM", WebsiteURL="https://example.com") == (
        400, "BadRequestException",
        ("1 validation error detected: Value at 'mailType' failed to satisfy constraint: "
        "Member must satisfy enum value set: [MARKETING, TRANSACTIONAL]"),
    )


# -- lengths and ranges ---------------------------------------------------------------------

def test_v1_length_violation(ses) -> None:
    assert refusal(ses.put_identity_policy, Identity="example.com", PolicyName="p" * 65, Policy="{}") == (
        400, "ValidationError",
        ("1 validation error detected: Value at 'policyName' failed to satisfy constraint: "
        "Member must have length less than or equal to 64"),
    )


def test_v1_empty_string_below_minimum_length(ses) -> None:
    assert refusal(ses.delete_identity_policy, Identity="example.com", PolicyName="")[2] == (
        "1 validation error detected: Value at 'policyName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 1"
    )


def test_v1_range_violation(ses) -> None:
    assert refusal(ses.list_custom_verification_email_templates, MaxResults=51)[1:] == (
        "ValidationError",
        ("1 validation error detected: Value at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 50"),
    )


def test_v2_length_violation_and_two_errors_at_once(sesv2) -> None:
    assert refusal(sesv2.put_account_details, MailType="SPAM", WebsiteURL="https://" + "a" * 1000) == (
        400, "BadRequestException",
        ("2 validation errors detected: Value at 'mailType' failed to satisfy constraint: Member must "
        "satisfy enum value set: [MARKETING, TRANSACTIONAL]; Value at 'websiteURL' failed to satisfy "
        "constraint: Member must have length less than or equal to 1000"),
    )


def test_v2_query_string_list_with_a_bad_item(sesv2) -> None:
    assert refusal(sesv2.list_suppressed_destinations, Reasons=["BOUNCE", "SPAM"]) == (
        400, "BadRequestException",
        ("1 validation error detected: Value at 'reasons' failed to satisfy constraint: Member must "
        "satisfy constraint: [Member must satisfy enum value set: [BOUNCE, COMPLAINT]]"),
    )


# -- wrong types ----------------------------------------------------------------------------

def test_v1_text_where_the_form_needs_an_integer(ses) -> None:
    assert refusal(ses.list_identities, MaxItems="ten") == (
        400, "ValidationError",
        ("1 validation error detected: Value 'ten' at 'maxItems' failed to satisfy constraint: "
        "Member must be a valid integer"),
    )


def test_v2_json_of_the_wrong_type_is_a_serialization_exception(sesv2, fake) -> None:
    # G9: SerializationException, 400, without a message.
    status, code, _ = refusal(sesv2.send_email, FromEmailAddress=["me@example.com"],
                              Destination={"ToAddresses": ["ann@example.org"]}, Content=SIMPLE)
    assert (status, code) == (400, "SerializationException")
    status, code, _ = refusal(sesv2.put_account_sending_attributes, SendingEnabled="yes")
    assert (status, code) == (400, "SerializationException")
    assert fake.sent_messages == []


def test_v2_query_string_text_where_an_integer_is_needed(sesv2) -> None:
    assert refusal(sesv2.list_email_identities, PageSize="ten")[:2] == (400, "SerializationException")


def test_valid_input_still_goes_through_with_client_checks_off(ses, sesv2, fake) -> None:
    fake.verify_identity("example.com")
    ses.send_email(Source="me@example.com", Destination={"ToAddresses": ["a@example.org"]},
                   Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}})
    sesv2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["b@example.org"]},
                     Content=SIMPLE)
    assert [m.service for m in fake.sent_messages] == ["ses", "sesv2"]
