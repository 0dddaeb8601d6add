"""Raw MIME sends through boto3: v1 SendRawEmail and v2 SendEmail with Raw content.

Sources are the fact ids of docs/_research/foundation.md (G..) and
shared/research/user-needs.md (F..), the v1 SDK reference (seed 004) and the SES
developer guide's header-fields page.
"""
from __future__ import annotations

import email.policy
from email.message import EmailMessage

import boto3
import pytest
from botocore.exceptions import ClientError

REGION = "us-east-1"

# F1: recorded v1 text (mettle/sendportal#94)
NOT_VERIFIED = "Email address is not verified. The following identities failed the check in region "


@pytest.fixture(scope="module")
def ses():
    return boto3.client("ses", region_name=REGION)


@pytest.fixture(scope="module")
def sesv2():
    return boto3.client("sesv2", region_name=REGION)


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def raw(*headers: str, body: bytes = b"Hello\r\n", newline: bytes = b"\r\n") -> bytes:
    return newline.join(h.encode() for h in headers) + newline + newline + body


PLAIN = raw("From: Me <me@example.com>", "To: Ann <ann@example.org>", "Subject: Hi")


def error(excinfo):
    response = excinfo.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Message"]


# -- what SES takes from the message ----------------------------------------------------------

def test_source_and_recipients_come_from_the_headers(ses, fake):
    """Source is optional when the message has a From header (seed 004, SendRawEmail Source)."""
    message_id = ses.send_raw_email(RawMessage={"Data": PLAIN})["MessageId"]
    [sent] = fake.sent_messages
    assert (sent.message_id, sent.operation, sent.service) == (message_id, "SendRawEmail", "ses")
    assert (sent.source, sent.to, sent.destinations, sent.subject) == (
        "Me <me@example.com>", ["Ann <ann@example.org>"], ["ann@example.org"], "Hi")


def test_to_cc_and_bcc_headers_are_all_destinations(ses, fake):
    data = raw("From: me@example.com", "To: a@example.org, B <b@example.org>", "Cc: c@example.org",
               "Bcc: d@example.org", "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=")
    ses.send_raw_email(RawMessage={"Data": data})
    sent = fake.sent_messages[0]
    assert sent.destinations == ["a@example.org", "b@example.org", "c@example.org", "d@example.org"]
    assert (sent.cc, sent.bcc, sent.subject) == (["c@example.org"], ["d@example.org"], "Grüße")


def test_destinations_replace_the_header_recipients_as_envelope(ses, fake):
    ses.send_raw_email(RawMessage={"Data": PLAIN}, Destinations=["other@example.org"])
    sent = fake.sent_messages[0]
    assert (sent.destinations, sent.to) == (["other@example.org"], ["Ann <ann@example.org>"])


def test_a_message_without_a_to_header_goes_to_its_destinations(ses, fake):
    """Accepted with Destinations and no To (php-aws-ses PR #32; G40b)."""
    data = raw("From: me@example.com", "Subject: Hi")
    ses.send_raw_email(RawMessage={"Data": data}, Destinations=["ann@example.org"])
    assert fake.sent_messages[0].destinations == ["ann@example.org"]


def test_the_configuration_set_header_names_a_set_that_must_exist(ses, fake):
    """X-SES-CONFIGURATION-SET selects a set (F18); unknown -> ConfigurationSetDoesNotExist (F17)."""
    data = raw("From: me@example.com", "To: ann@example.org", "X-SES-CONFIGURATION-SET: nope")
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": data})
    assert error(excinfo) == ("ConfigurationSetDoesNotExist", 400, "Configuration set <nope> does not exist.")


def test_message_tags_come_from_the_header_unless_given_as_a_parameter(ses, fake):
    """X-SES-MESSAGE-TAGS; the Tags parameter wins when both are given (F18)."""
    data = raw("From: me@example.com", "To: ann@example.org", "X-SES-MESSAGE-TAGS: a=1, b=two")
    ses.send_raw_email(RawMessage={"Data": data})
    ses.send_raw_email(RawMessage={"Data": data}, Tags=[{"Name": "c", "Value": "3"}])
    assert [m.tags for m in fake.sent_messages] == [{"a": "1", "b": "two"}, {"c": "3"}]


def test_the_ses_headers_are_removed_from_the_delivered_message(ses, fake):
    """"Amazon SES removes the headers from your email before sending it"
    (event-publishing-send-email.html)."""
    data = raw("From: me@example.com", "To: ann@example.org", "X-SES-MESSAGE-TAGS: a=1", "X-Other: kept")
    ses.send_raw_email(RawMessage={"Data": data})
    [message] = fake.sent_messages
    assert message.mime["X-SES-MESSAGE-TAGS"] is None and message.mime["X-Other"] == "kept"


# -- bytes kept, headers SES sets ---------------------------------------------------------------

def test_eight_bit_and_binary_content_is_kept_byte_for_byte(ses, fake):
    """8-bit Content-Transfer-Encoding is accepted (seed 004, SendRawEmail)."""
    body = (b"--b\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            b"caf\xe9 \xff\x00\r\n--b\r\nContent-Type: application/octet-stream\r\n"
            b"Content-Disposition: attachment; filename=blob.bin\r\nContent-Transfer-Encoding: binary\r\n\r\n"
            b"\x00\x01\x02\xfe\xff\r\n--b--\r\n")
    data = raw("From: me@example.com", "To: ann@example.org", "Subject: bytes", "MIME-Version: 1.0",
               'Content-Type: multipart/mixed; boundary="b"', body=body)
    ses.send_raw_email(RawMessage={"Data": data})
    sent = fake.sent_messages[0]
    head, _, rest = sent.raw.partition(b"\r\n\r\n")
    assert rest == body
    assert head.startswith(data.partition(b"\r\n\r\n")[0])
    assert sent.text == "café \xff\x00"  # the CRLF before a boundary belongs to it
    [blob] = sent.attachments
    assert (blob.filename, blob.content) == ("blob.bin", b"\x00\x01\x02\xfe\xff")


def test_ses_replaces_message_id_and_date(ses, fake):
    """"If you specify a Date header, Amazon SES overrides it ... If you provide a Message-ID
    header, Amazon SES overrides the header with its own value." (header-fields.html; seed 004)."""
    data = raw("From: me@example.com", "To: ann@example.org", "Date: Mon, 1 Jan 2001 00:00:00 +0000",
               "Message-ID: <mine@example.com>", "Subject: Hi")
    ses.send_raw_email(RawMessage={"Data": data})
    sent = fake.sent_messages[0]
    assert sent.mime.get_all("Message-ID") == [f"<{sent.message_id}@email.amazonses.com>"]
    assert sent.mime.get_all("Date") == [sent.mime["Date"]]
    assert sent.mime["Date"].datetime == sent.sent_at.replace(microsecond=0)


def test_sending_authorization_headers_are_removed(ses, fake):
    """"Amazon SES removes these before it sends the email." (seed 004, X-SES-SOURCE-ARN ...)."""
    data = raw("From: me@example.com", "To: ann@example.org",
               "X-SES-SOURCE-ARN: arn:aws:ses:us-east-1:123456789012:identity/example.com")
    ses.send_raw_email(RawMessage={"Data": data})
    assert "X-SES-SOURCE-ARN" not in fake.sent_messages[0].mime


def test_bare_lf_line_endings_are_kept(ses, fake):
    data = raw("From: me@example.com", "To: ann@example.org", body=b"line one\nline two\n", newline=b"\n")
    ses.send_raw_email(RawMessage={"Data": data})
    sent = fake.sent_messages[0]
    assert b"\r" not in sent.raw
    assert sent.text == "line one\nline two\n"


def test_a_message_built_with_the_standard_library_round_trips(ses, fake):
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "Zoë <me@example.com>"
    message["To"] = "ann@example.org"
    message["Subject"] = "Grüße"
    message.set_content("Hallo, Grüße")
    message.add_alternative("<p>Hallo</p>", subtype="html")
    message.add_attachment(b"\x00\xff", maintype="application", subtype="octet-stream", filename="a.bin")
    ses.send_raw_email(RawMessage={"Data": message.as_bytes()})
    sent = fake.sent_messages[0]
    assert (sent.source, sent.subject, sent.text, sent.html) == (
        "Zoë <me@example.com>", "Grüße", "Hallo, Grüße\n", "<p>Hallo</p>\n")
    assert [(a.filename, a.content_type, a.content) for a in sent.attachments] == [
        ("a.bin", "application/octet-stream", b"\x00\xff")]


# -- what SES refuses ---------------------------------------------------------------------------

def test_a_message_without_from_or_source_is_rejected(ses, fake):
    """"Missing required header 'From'." (G5)."""
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": raw("To: ann@example.org", "Subject: Hi")})
    assert error(excinfo) == ("InvalidParameterValue", 400, "Missing required header 'From'.")


def test_a_message_without_to_or_destinations_is_rejected(ses, fake):
    """"Missing required header 'To'." (aristidb/aws PR #73; F8, G5)."""
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": raw("From: me@example.com", "Subject: Hi")})
    assert error(excinfo) == ("InvalidParameterValue", 400, "Missing required header 'To'.")


def test_an_empty_to_header_is_rejected(ses, fake):
    """"Empty required header 'To'." (daniel-zahariev/php-aws-ses#41; G40b)."""
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": raw("From: me@example.com", "To: ", "Subject: Hi")})
    assert error(excinfo) == ("InvalidParameterValue", 400, "Empty required header 'To'.")


@pytest.mark.parametrize("name", ["List-Unsubscribe", "DKIM-Signature", "Content-Type", "Message-ID", "Delivered-To"])
def test_a_duplicate_single_instance_header_is_rejected(ses, fake, name):
    """"Duplicate header 'X'." for these five, each recorded (F8); the list: header-fields.html."""
    data = raw("From: me@example.com", "To: ann@example.org", f"{name}: one", f"{name.lower()}: two")
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": data})
    assert error(excinfo) == ("InvalidParameterValue", 400, f"Duplicate header '{name}'.")


def test_repeatable_headers_may_appear_twice(ses, fake):
    data = raw("From: me@example.com", "To: ann@example.org", "To: bob@example.org",
               "Received: from a", "Received: from b", "X-Custom: 1", "X-Custom: 2")
    ses.send_raw_email(RawMessage={"Data": data})
    assert fake.sent_messages[0].destinations == ["ann@example.org", "bob@example.org"]


def test_an_empty_header_name_is_rejected(ses, fake):
    """"Empty header names are illegal." (aws/aws-sdk-js#4121; F8)."""
    data = raw("From: me@example.com", "To: ann@example.org", ": nameless")
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": data})
    assert error(excinfo) == ("InvalidParameterValue", 400, "Empty header names are illegal.")


def test_a_malformed_header_address_is_rejected(ses, fake):
    """SendRawEmail with a bare name in Cc: "Missing final '@domain'" (cloud-custodian PR #8051)."""
    data = raw("From: me@example.com", "To: ann@example.org", "Cc: resource_owner")
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": data})
    assert error(excinfo) == ("InvalidParameterValue", 400, "Missing final '@domain'")


def test_a_destination_with_a_header_prefix_is_rejected(ses, fake):
    """Destinations ["To: recipient@example.com"]: "Local address contains illegal character"
    (soto-project/soto#331)."""
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": PLAIN}, Destinations=["To: recipient@example.com"])
    assert error(excinfo) == ("InvalidParameterValue", 400, "Local address contains illegal character")


def test_a_message_over_ten_megabytes_is_rejected_with_its_size(ses, fake):
    """"Message length is more than 10485760 bytes long: '12078147'." (aws/aws-sdk-go-v2#1774; F7)."""
    data = PLAIN + b"x" * (10_485_761 - len(PLAIN))
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": data})
    assert error(excinfo) == (
        "InvalidParameterValue", 400, "Message length is more than 10485760 bytes long: '10485761'.")


def test_without_source_an_unverified_from_is_rejected(ses, ses_backend):
    """Source omitted and From unverified -> MessageRejected (LocalStack AWS-validated test; F19)."""
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": PLAIN})
    assert error(excinfo) == (
        "MessageRejected", 400,
        NOT_VERIFIED + "US-EAST-1: Me <me@example.com>",
    )


def test_an_unverified_from_is_rejected_even_with_a_verified_source(ses, ses_backend):
    """The check covers Source, From, Sender and Return-Path (F1, troubleshooting docs)."""
    ses_backend.verify_identity("sender@example.net")
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": PLAIN}, Source="sender@example.net")
    assert error(excinfo)[2].endswith("US-EAST-1: Me <me@example.com>")


def test_an_unverified_sender_header_is_rejected(ses, fake):
    data = raw("From: me@example.com", "Sender: agent@elsewhere.org", "To: ann@example.org")
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": data})
    assert error(excinfo)[2].endswith(": agent@elsewhere.org")


@pytest.mark.fakeses(sandbox=True)
def test_in_the_sandbox_header_recipients_must_be_verified(ses, ses_backend):
    ses_backend.verify_identity("example.com")
    with pytest.raises(ClientError) as excinfo:
        ses.send_raw_email(RawMessage={"Data": PLAIN})
    assert error(excinfo)[2].endswith("US-EAST-1: Ann <ann@example.org>")


# -- v2 Raw content -----------------------------------------------------------------------------

def test_v2_raw_content_is_sent_as_given(sesv2, fake):
    sesv2.send_email(Content={"Raw": {"Data": PLAIN}})
    sent = fake.sent_messages[0]
    assert (sent.operation, sent.service, sent.source, sent.destinations) == (
        "SendEmail", "sesv2", "Me <me@example.com>", ["ann@example.org"])
    assert sent.raw.endswith(b"\r\n\r\nHello\r\n")


def test_v2_raw_destination_is_the_envelope(sesv2, fake):
    sesv2.send_email(Content={"Raw": {"Data": PLAIN}}, FromEmailAddress="me@example.com",
                     Destination={"BccAddresses": ["audit@example.org"]},
                     FeedbackForwardingEmailAddress="bounces@example.com")
    sent = fake.sent_messages[0]
    assert (sent.source, sent.destinations, sent.return_path) == (
        "me@example.com", ["audit@example.org"], "bounces@example.com")


def test_v2_raw_without_any_from_is_a_bad_request(sesv2, fake):
    """"Missing required header 'From'." as BadRequestException (floci, verified against SES; G38)."""
    with pytest.raises(ClientError) as excinfo:
        sesv2.send_email(Content={"Raw": {"Data": raw("To: ann@example.org")}})
    assert error(excinfo) == ("BadRequestException", 400, "Missing required header 'From'.")


def test_v2_raw_duplicate_header_is_a_bad_request(sesv2, fake):
    data = raw("From: me@example.com", "To: ann@example.org", "Subject: a", "Subject: b")
    with pytest.raises(ClientError) as excinfo:
        sesv2.send_email(Content={"Raw": {"Data": data}})
    assert error(excinfo) == ("BadRequestException", 400, "Duplicate header 'Subject'.")
