"""v1 SendEmail through boto3: SES's sending rules and errors.

Sources are the fact ids of docs/_research/foundation.md (G..) and
shared/research/user-needs.md (F..), each citing the recorded SES response.
"""
from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

REGION = "us-east-1"
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}

# F1: recorded v1 text (mettle/sendportal#94)
NOT_VERIFIED = "Email address is not verified. The following identities failed the check in region "


@pytest.fixture(scope="module")
def ses():
    return boto3.client("ses", region_name=REGION)


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def send(ses, source="me@example.com", to=("ann@example.org",), **kwargs):
    kwargs.setdefault("Destination", {"ToAddresses": list(to)})
    kwargs.setdefault("Message", MESSAGE)
    return ses.send_email(Source=source, **kwargs)


def error(excinfo):
    response = excinfo.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Message"]


# -- accepted sends -----------------------------------------------------------------------

def test_a_send_from_a_verified_domain_is_accepted_and_recorded(ses, fake):
    message_id = send(ses)["MessageId"]
    [sent] = fake.sent_messages
    assert sent.message_id == message_id
    assert (sent.operation, sent.service, sent.source, sent.to) == ("SendEmail", "ses", "me@example.com", ["ann@example.org"])


def test_a_subdomain_address_is_covered_by_its_verified_parent_domain(ses, fake):
    """A verified domain covers its subdomains (F10, creating-identities docs)."""
    send(ses, source="alerts@mail.eu.example.com")
    assert fake.sent_messages[0].source == "alerts@mail.eu.example.com"


def test_domain_identities_match_whatever_the_case(ses, fake):
    """Domains are case-insensitive (F11)."""
    send(ses, source="me@EXAMPLE.Com")
    assert len(fake.sent_messages) == 1


def test_a_verified_email_address_may_send_without_its_domain(ses, ses_backend):
    ses_backend.verify_identity("solo@example.net")
    send(ses, source="solo@example.net")
    assert len(ses_backend.sent_messages) == 1


def test_a_display_name_in_source_is_kept_as_given(ses, fake):
    send(ses, source='"Example, Inc." <me@example.com>')
    assert fake.sent_messages[0].source == '"Example, Inc." <me@example.com>'


def test_an_rfc_2047_display_name_is_accepted(ses, fake):
    """Non-ASCII names must be encoded-words (seed 004, SendEmail Source)."""
    send(ses, source="=?UTF-8?B?WsO2ZQ==?= <me@example.com>")
    assert fake.sent_messages[0].mime["From"] == "Zöe <me@example.com>"


def test_cc_or_bcc_alone_is_enough(ses, fake):
    """Cc/Bcc-only sends are valid (F8: spring-cloud-aws PR #1174)."""
    send(ses, Destination={"BccAddresses": ["hidden@example.org"]})
    assert fake.sent_messages[0].destinations == ["hidden@example.org"]


def test_fifty_recipients_are_accepted(ses, fake):
    to = [f"r{i}@example.org" for i in range(50)]
    send(ses, Destination={"ToAddresses": to[:20], "CcAddresses": to[20:40], "BccAddresses": to[40:]})
    assert fake.sent_messages[0].destinations == to


def test_empty_cc_and_reply_to_lists_are_accepted(ses, fake):
    send(ses, Destination={"ToAddresses": ["ann@example.org"], "CcAddresses": []}, ReplyToAddresses=[])
    assert fake.sent_messages[0].cc == []


def test_an_address_without_a_dot_in_its_domain_is_accepted(ses, fake):
    """SES accepts ``a@b`` (G22, floci probe against SES)."""
    send(ses, to=["root@localhost"])
    assert fake.sent_messages[0].destinations == ["root@localhost"]


def test_a_verified_return_path_is_accepted(ses, fake):
    send(ses, ReturnPath="bounces@example.com")
    assert fake.sent_messages[0].return_path == "bounces@example.com"


# -- sender identity ----------------------------------------------------------------------

def test_an_unverified_sender_is_rejected_naming_it_as_given(ses, ses_backend):
    """Recorded v1 response (mettle/sendportal#94; F1): region upper-cased, identity as given."""
    with pytest.raises(ClientError) as excinfo:
        send(ses, source="Sendportal <nagaraj@example.com>")
    assert error(excinfo) == (
        "MessageRejected", 400,
        NOT_VERIFIED + "US-EAST-1: Sendportal <nagaraj@example.com>",
    )
    assert ses_backend.sent_messages == []


def test_email_identities_are_case_sensitive(ses, ses_backend):
    """Email addresses are case-sensitive for verification (F11, re:Post 554 article)."""
    ses_backend.verify_identity("Ann@example.net")
    with pytest.raises(ClientError) as excinfo:
        send(ses, source="ann@example.net")
    assert error(excinfo)[0] == "MessageRejected"


def test_a_sibling_domain_is_not_covered(ses, fake):
    with pytest.raises(ClientError) as excinfo:
        send(ses, source="me@notexample.com")
    assert error(excinfo)[2].endswith("US-EAST-1: me@notexample.com")


def test_identities_are_per_region(ses, ses_backend):
    """Identities are verified per region (F3, creating-identities docs)."""
    ses_backend.verify_identity("example.com", region="eu-west-1")
    with pytest.raises(ClientError) as excinfo:
        send(ses)
    assert error(excinfo)[0] == "MessageRejected"


def test_an_unverified_return_path_is_rejected_with_the_sender_check(ses, fake):
    """ReturnPath "must be either individually verified ... or from a domain that has been
    verified" (seed 004, SendEmail ReturnPath); the F1 text lists it."""
    with pytest.raises(ClientError) as excinfo:
        send(ses, ReturnPath="bounce@elsewhere.org")
    assert error(excinfo) == (
        "MessageRejected", 400,
        NOT_VERIFIED + "US-EAST-1: bounce@elsewhere.org",
    )


@pytest.mark.fakeses(auto_verify=False)
def test_a_pending_identity_does_not_count_as_verified(ses, ses_backend):
    ses.verify_email_identity(EmailAddress="me@example.com")
    with pytest.raises(ClientError) as excinfo:
        send(ses)
    assert error(excinfo)[0] == "MessageRejected"


# -- sandbox ------------------------------------------------------------------------------

@pytest.mark.fakeses(sandbox=True)
def test_in_the_sandbox_an_unverified_recipient_is_rejected(ses, ses_backend):
    """Sandbox recipients must be verified; the F1 text names them (fluent-smtp#61, F3)."""
    ses_backend.verify_identity("example.com")
    with pytest.raises(ClientError) as excinfo:
        send(ses, Destination={"ToAddresses": ["ann@example.org"], "CcAddresses": ["bob@example.com"]})
    assert error(excinfo) == (
        "MessageRejected", 400,
        NOT_VERIFIED + "US-EAST-1: ann@example.org",
    )


@pytest.mark.fakeses(sandbox=True)
def test_in_the_sandbox_verified_and_simulator_recipients_are_accepted(ses, ses_backend):
    """Mailbox simulator addresses need no verification (F3, F24)."""
    ses_backend.verify_identity("example.com")
    ses_backend.verify_identity("ann@example.org")
    send(ses, to=["ann@example.org", "success+x@simulator.amazonses.com", "bob@example.com"])
    assert len(ses_backend.sent_messages) == 1


def test_outside_the_sandbox_recipients_need_no_verification(ses, fake):
    send(ses, to=["anyone@elsewhere.org"])
    assert len(fake.sent_messages) == 1


# -- limits and syntax --------------------------------------------------------------------

def test_fifty_one_recipients_are_rejected(ses, fake):
    """"Recipient count exceeds 50." (doubleunion/arooo#243; F6)."""
    to = [f"r{i}@example.org" for i in range(51)]
    with pytest.raises(ClientError) as excinfo:
        send(ses, Destination={"ToAddresses": to[:25], "BccAddresses": to[25:]})
    assert error(excinfo) == ("InvalidParameterValue", 400, "Recipient count exceeds 50.")


def test_a_message_over_ten_megabytes_is_rejected(ses, fake):
    """v1's limit is 10 MB (seed 004; F7 text from aws/aws-sdk-go-v2#1774)."""
    body = {"Subject": {"Data": "big"}, "Body": {"Text": {"Data": "x" * 10_485_760}}}
    with pytest.raises(ClientError) as excinfo:
        send(ses, Message=body)
    code, status, message = error(excinfo)
    assert (code, status) == ("InvalidParameterValue", 400)
    assert message.startswith("Message length is more than 10485760 bytes long: '")


def test_a_message_with_empty_recipient_lists_is_rejected(ses, fake):
    """"Missing required header 'To'." (aristidb/aws PR #73; F8)."""
    with pytest.raises(ClientError) as excinfo:
        send(ses, Destination={"ToAddresses": [], "CcAddresses": []})
    assert error(excinfo) == ("InvalidParameterValue", 400, "Missing required header 'To'.")


def test_an_empty_destination_is_a_validation_error(ses, fake):
    """botocore sends nothing for an empty structure: G1's recorded text."""
    with pytest.raises(ClientError) as excinfo:
        send(ses, Destination={})
    assert error(excinfo) == (
        "ValidationError", 400,
        ("1 validation error detected: Value null at 'destination' failed to satisfy constraint: "
         "Member must not be null"),
    )


@pytest.mark.parametrize(
    ("address", "text", "source"),
    [
        ("ann", "Missing final '@domain'", "F8: cloud-custodian PR #8051"),
        ("@example.org", "Missing local name", "F8: aws-lambda-ses-forwarder#103"),
        ("To: ann@example.org", "Local address contains illegal character", "soto-project/soto#331"),
        ("ann@exa mple.org", "Domain contains control or whitespace", "G40: delphi-aws-ses#22"),
        ("ann@example.org.", "Missing domain", "G40: brave/accounts#35"),
        ('"Mejora <ann@example.org>', "Missing '\"'", "aws/aws-sdk-php#1196"),
        ("", "Illegal address", "F8: medplum PR #5320"),
        ("ann@example.orgbob@example.org", "Illegal address", "awsdocs/aws-doc-sdk-examples PR #5191"),
        ("ann@exa%mple.org", "Domain contains illegal character", "SebastiaanKlippert/lambda-ses-forwarder#2"),
    ],
)
def test_a_malformed_recipient_is_rejected_with_javamails_text(ses, fake, address, text, source):
    """SES answers JavaMail's InternetAddress texts (sources in the parameters)."""
    with pytest.raises(ClientError) as excinfo:
        send(ses, to=["ok@example.org", address])
    assert error(excinfo) == ("InvalidParameterValue", 400, text)
    assert fake.sent_messages == []


def test_a_malformed_source_is_rejected_before_the_identity_check(ses, fake):
    with pytest.raises(ClientError) as excinfo:
        send(ses, source="me.example.com")
    assert error(excinfo) == ("InvalidParameterValue", 400, "Missing final '@domain'")


def test_a_malformed_reply_to_address_is_rejected(ses, fake):
    with pytest.raises(ClientError) as excinfo:
        send(ses, ReplyToAddresses=["nobody"])
    assert error(excinfo) == ("InvalidParameterValue", 400, "Missing final '@domain'")


def test_a_unicode_local_part_is_rejected(ses, fake):
    """No SMTPUTF8: the address must be 7-bit ASCII (seed 004, SendEmail Source; F9)."""
    with pytest.raises(ClientError) as excinfo:
        send(ses, to=["jesús@example.org"])
    assert error(excinfo)[:2] == ("InvalidParameterValue", 400)


def test_a_punycode_domain_is_accepted(ses, fake):
    """Unicode domains go as Punycode (seed 004; F9)."""
    send(ses, to=["ann@xn--bcher-kva.example"])
    assert fake.sent_messages[0].destinations == ["ann@xn--bcher-kva.example"]


# -- tags and configuration sets ----------------------------------------------------------

def test_valid_message_tags_are_recorded(ses, fake):
    send(ses, Tags=[{"Name": "campaign", "Value": "spring-2024"}, {"Name": "ses:x", "Value": "a.b@c"}])
    assert fake.sent_messages[0].tags == {"campaign": "spring-2024", "ses:x": "a.b@c"}


@pytest.mark.parametrize(
    ("tags", "text"),
    [
        ([{"Name": "bad name", "Value": "v"}],
         "Invalid tag name <bad name>: only alphanumeric ASCII characters, '_',  '-' are allowed."),
        ([{"Name": "n", "Value": "bad value"}],
         "Invalid tag value <bad value>: only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed."),
        ([{"Name": "n" * 256, "Value": "v"}], "Tag name cannot exceed 255 characters."),
        ([{"Name": "n", "Value": "v" * 256}], "Tag value cannot exceed 255 characters."),
        ([{"Name": "", "Value": "v"}], "The tag name must be specified."),
        ([{"Name": "n", "Value": ""}], "The tag value must be specified."),
        ([{"Name": "n", "Value": "bad value"}, {"Name": "bad name", "Value": "v"}],
         "Invalid tag name <bad name>: only alphanumeric ASCII characters, '_',  '-' are allowed."),
    ],
)
def test_bad_message_tags_are_rejected_with_ses_texts(ses, fake, tags, text):
    """LocalStack's AWS-recorded snapshot, 2024-07-30 (F15): names are checked before values."""
    with pytest.raises(ClientError) as excinfo:
        send(ses, Tags=tags)
    assert error(excinfo) == ("InvalidParameterValue", 400, text)


def test_an_unknown_configuration_set_is_rejected(ses, fake):
    """ConfigurationSetDoesNotExist "Configuration set <name> does not exist." (F17; sendportal#75)."""
    with pytest.raises(ClientError) as excinfo:
        send(ses, ConfigurationSetName="nope")
    assert error(excinfo) == ("ConfigurationSetDoesNotExist", 400, "Configuration set <nope> does not exist.")


# -- account switch and quota -------------------------------------------------------------

def test_sending_paused_for_the_account_is_rejected_until_resumed(ses, fake):
    """UpdateAccountSendingEnabled false -> AccountSendingPausedException (model; G36)."""
    ses.update_account_sending_enabled(Enabled=False)
    with pytest.raises(ClientError) as excinfo:
        send(ses)
    assert error(excinfo)[:2] == ("AccountSendingPausedException", 400)
    ses.update_account_sending_enabled(Enabled=True)
    send(ses)
    assert len(fake.sent_messages) == 1


@pytest.mark.fakeses(sandbox=True)
def test_the_sandbox_daily_quota_counts_recipients(ses, ses_backend):
    """Sandbox quota 200/24h (F3); every recipient counts (seed 004); over it: Throttling
    "Daily message quota exceeded." (F5, manage-sending-quotas-errors)."""
    ses_backend.verify_identity("example.com")
    to = [f"r{i}@example.com" for i in range(50)]
    for _ in range(4):
        send(ses, to=to)
    assert ses.get_send_quota()["SentLast24Hours"] == 200.0
    with pytest.raises(ClientError) as excinfo:
        send(ses, to=["one@example.com"])
    assert error(excinfo) == ("Throttling", 400, "Daily message quota exceeded.")
    send(ses, to=["success@simulator.amazonses.com"])  # simulator sends do not count (F5)
    assert ses.get_send_quota()["SentLast24Hours"] == 200.0


def test_rejected_sends_count_nothing(ses, fake):
    with pytest.raises(ClientError):
        send(ses, source="me@elsewhere.org")
    assert ses.get_send_quota()["SentLast24Hours"] == 0.0
    assert ses.get_send_statistics()["SendDataPoints"] == []


def test_send_statistics_count_delivery_attempts_per_recipient(ses, fake):
    """GetSendStatistics: one data point per active 15-minute interval (G31)."""
    send(ses, to=["a@example.org", "b@example.org"])
    send(ses, to=["c@example.org"])
    [point] = ses.get_send_statistics()["SendDataPoints"]
    assert (point["DeliveryAttempts"], point["Bounces"], point["Complaints"], point["Rejects"]) == (3, 0, 0, 0)
    assert ses.get_send_quota()["SentLast24Hours"] == 3.0
