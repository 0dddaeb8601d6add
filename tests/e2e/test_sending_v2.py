"""v2 SendEmail with Simple content through boto3: SES's rules and v2's error shapes.

Sources are the fact ids of docs/_research/foundation.md (G..) and
shared/research/user-needs.md (F..). Where no v2 response is recorded the test says
which v1 recording it assumes v2 shares (one backend serves both APIs).
"""
from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError
from support.model import needs_member

REGION = "eu-west-1"
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}

# F1: recorded v1 text (mettle/sendportal#94)
NOT_VERIFIED = "Email address is not verified. The following identities failed the check in region "


@pytest.fixture(scope="module")
def sesv2():
    return boto3.client("sesv2", region_name=REGION)


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com", region=REGION)
    return ses_backend


def send(client, source="me@example.com", to=("ann@example.org",), content=None, **kwargs):
    kwargs.setdefault("Destination", {"ToAddresses": list(to)})
    if source is not None:
        kwargs["FromEmailAddress"] = source
    return client.send_email(Content=content or SIMPLE, **kwargs)


def simple(**message):
    body = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
    body.update(message)
    return {"Simple": body}


def error(excinfo):
    response = excinfo.value.response
    return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Message"]


# -- accepted sends -----------------------------------------------------------------------

def test_a_simple_send_is_accepted_and_recorded_as_v2(sesv2, fake):
    message_id = send(sesv2)["MessageId"]
    [sent] = fake.sent_messages
    assert (sent.message_id, sent.operation, sent.service, sent.region) == (message_id, "SendEmail", "sesv2", REGION)
    assert (sent.subject, sent.text, sent.html) == ("Hi", "Hello", None)


def test_the_message_id_has_ses_form(sesv2, fake):
    """{4 hex}{12 hex ms}-{uuid}-000000 (F4)."""
    import re

    message_id = send(sesv2)["MessageId"]
    assert re.fullmatch(r"01[0-9a-f]{14}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000", message_id)


def test_feedback_forwarding_address_is_recorded_as_return_path(sesv2, fake):
    send(sesv2, FeedbackForwardingEmailAddress="bounces@mail.example.com")
    assert fake.sent_messages[0].return_path == "bounces@mail.example.com"


def test_email_tags_are_recorded(sesv2, fake):
    send(sesv2, EmailTags=[{"Name": "kind", "Value": "welcome"}])
    assert fake.sent_messages[0].tags == {"kind": "welcome"}


def test_a_message_over_v1s_ten_megabytes_is_accepted_by_v2(sesv2, fake):
    """v2 allows up to 40 MB (F7: aws-sdk-rails#44)."""
    send(sesv2, content=simple(Body={"Text": {"Data": "x" * 11_000_000}}))
    assert len(fake.sent_messages[0].text) == 11_000_000


# -- Simple content: headers and attachments ------------------------------------------------

def test_custom_headers_are_added_to_the_message(sesv2, fake):
    headers = [{"Name": "X-Campaign", "Value": "spring"}, {"Name": "List-Unsubscribe", "Value": "<mailto:u@example.com>"}]
    send(sesv2, content=simple(Headers=headers))
    mime = fake.sent_messages[0].mime
    assert (mime["X-Campaign"], mime["List-Unsubscribe"]) == ("spring", "<mailto:u@example.com>")


def test_a_custom_header_that_ses_writes_itself_is_a_duplicate(sesv2, fake):
    """Subject may appear only once (header-fields.html); SES's text for a second one is
    "Duplicate header 'X'." (F8; assumed for v2 Headers, no recording)."""
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, content=simple(Headers=[{"Name": "Subject", "Value": "again"}]))
    assert error(excinfo) == ("BadRequestException", 400, "Duplicate header 'Subject'.")


def test_a_custom_message_id_is_replaced_by_ses(sesv2, fake):
    """"If you provide a Message-ID header, Amazon SES overrides the header" (header-fields.html)."""
    send(sesv2, content=simple(Headers=[{"Name": "Message-ID", "Value": "<mine@example.com>"}]))
    sent = fake.sent_messages[0]
    assert sent.mime.get_all("Message-ID") == [f"<{sent.message_id}@{REGION}.amazonses.com>"]


def test_attachments_become_parts_of_a_mixed_message(sesv2, fake):
    needs_member("sesv2", "SendEmail", "Content", "Simple", "Attachments")
    pdf = b"%PDF-1.4\n\x00\xff binary"
    content = simple(
        Body={"Text": {"Data": "see attached"}, "Html": {"Data": "<p>see attached</p>"}},
        Attachments=[
            {"FileName": "report.pdf", "RawContent": pdf, "ContentType": "application/pdf"},
            {"FileName": "logo.png", "RawContent": b"\x89PNG", "ContentDisposition": "INLINE", "ContentId": "logo"},
        ],
    )
    send(sesv2, content=content)
    sent = fake.sent_messages[0]
    assert sent.mime.get_content_type() == "multipart/mixed"
    assert (sent.text, sent.html) == ("see attached", "<p>see attached</p>")
    report, logo = sent.attachments
    assert (report.filename, report.content_type, report.content, report.disposition) == (
        "report.pdf", "application/pdf", pdf, "attachment")
    assert (logo.filename, logo.disposition, logo.content_id, logo.content) == ("logo.png", "inline", "logo", b"\x89PNG")
    assert logo.part["Content-ID"] == "<logo>"


def test_an_attachment_may_ask_for_quoted_printable(sesv2, fake):
    needs_member("sesv2", "SendEmail", "Content", "Simple", "Attachments")
    attachment = {"FileName": "notes.txt", "RawContent": b"caf\xc3\xa9\n", "ContentType": "text/plain",
                  "ContentTransferEncoding": "QUOTED_PRINTABLE"}
    send(sesv2, content=simple(Attachments=[attachment]))
    [notes] = fake.sent_messages[0].attachments
    assert notes.part["Content-Transfer-Encoding"] == "quoted-printable"
    assert notes.content == b"caf\xc3\xa9\n"


# -- sender, recipients, account --------------------------------------------------------------

def test_simple_content_without_from_is_a_bad_request_with_no_message(sesv2, fake):
    """BadRequestException with a null message (floci, verified against SES; G38)."""
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, source=None)
    assert error(excinfo)[:2] == ("BadRequestException", 400)
    assert not excinfo.value.response["Error"].get("Message")


def test_an_unverified_sender_is_rejected(sesv2, fake):
    """No v2 recording: MessageRejected with the v1 text (F1, F2 default)."""
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, source="me@elsewhere.org")
    assert error(excinfo) == (
        "MessageRejected", 400,
        NOT_VERIFIED + "EU-WEST-1: me@elsewhere.org",
    )


def test_an_unverified_feedback_forwarding_address_is_rejected(sesv2, fake):
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, FeedbackForwardingEmailAddress="bounce@elsewhere.org")
    assert error(excinfo)[0] == "MessageRejected"
    assert error(excinfo)[2].endswith(": bounce@elsewhere.org")


@pytest.mark.fakeses(sandbox=True, region=REGION)
def test_in_the_sandbox_unverified_recipients_are_rejected(sesv2, ses_backend):
    ses_backend.verify_identity("example.com")
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, to=["ann@example.org", "bounce@simulator.amazonses.com"])
    assert error(excinfo) == (
        "MessageRejected", 400,
        NOT_VERIFIED + "EU-WEST-1: ann@example.org",
    )


def test_sending_paused_by_put_account_sending_attributes_is_rejected(sesv2, fake):
    """v2 has only SendingPausedException (model; F16, G36)."""
    sesv2.put_account_sending_attributes(SendingEnabled=False)
    with pytest.raises(ClientError) as excinfo:
        send(sesv2)
    assert error(excinfo)[:2] == ("SendingPausedException", 400)
    assert fake.sent_messages == []


def test_v1_and_v2_share_the_sending_switch(sesv2, fake):
    boto3.client("ses", region_name=REGION).update_account_sending_enabled(Enabled=False)
    with pytest.raises(ClientError) as excinfo:
        send(sesv2)
    assert error(excinfo)[0] == "SendingPausedException"


def test_fifty_one_recipients_are_a_bad_request(sesv2, fake):
    """v1's "Recipient count exceeds 50." (F6) as BadRequestException (G10: v2 remaps v1 texts)."""
    to = [f"r{i}@example.org" for i in range(51)]
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, to=to)
    assert error(excinfo) == ("BadRequestException", 400, "Recipient count exceeds 50.")


def test_a_blank_recipient_reads_invalid_email_address(sesv2, fake):
    """"Invalid email address ." for an empty ToAddresses entry (aws-ses-v2-local#44; G39)."""
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, to=[""])
    assert error(excinfo) == ("BadRequestException", 400, "Invalid email address .")


@pytest.mark.parametrize(
    ("address", "text", "source"),
    [
        ("ann@exa_mple.org", "Domain contains illegal character", "awslabs/aws-sdk-rust#881"),
        ("ann@example.orgbob@example.org", "Illegal address", "awsdocs/aws-doc-sdk-examples PR #5191"),
    ],
)
def test_a_malformed_recipient_gets_javamails_text_on_v2_too(sesv2, fake, address, text, source):
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, to=[address])
    assert error(excinfo) == ("BadRequestException", 400, text)


def test_an_unknown_configuration_set_is_not_found(sesv2, fake):
    """v2 answers NotFoundException, 404 (model; F17 text)."""
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, ConfigurationSetName="nope")
    assert error(excinfo) == ("NotFoundException", 404, "Configuration set <nope> does not exist.")


def test_a_bad_email_tag_is_a_bad_request(sesv2, fake):
    """F15's v1 text, assumed on v2 (G10)."""
    with pytest.raises(ClientError) as excinfo:
        send(sesv2, EmailTags=[{"Name": "a b", "Value": "v"}])
    assert error(excinfo) == (
        "BadRequestException", 400,
        "Invalid tag name <a b>: only alphanumeric ASCII characters, '_',  '-' are allowed.",
    )
