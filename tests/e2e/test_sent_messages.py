"""What a test reads back: the SentMessage records and the MIME SES would deliver.

Sources: docs/_research/foundation.md G44-G50 (messages delivered by SES) and
shared/research/user-needs.md F4, F21 (message ids, Message-ID and Date headers).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

import boto3
import pytest

SIMPLE_TEXT = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


@pytest.fixture(scope="module")
def ses():
    return boto3.client("ses", region_name="us-east-1")


@pytest.fixture(scope="module")
def ses_west():
    return boto3.client("ses", region_name="us-west-2")


@pytest.fixture(scope="module")
def sesv2():
    return boto3.client("sesv2", region_name="us-east-1")


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def send(ses, message=SIMPLE_TEXT, source="me@example.com", **destination):
    destination = destination or {"ToAddresses": ["ann@example.org"]}
    ses.send_email(Source=source, Destination=destination, Message=message)


def header_names(raw: bytes) -> list[str]:
    head = raw.partition(b"\r\n\r\n")[0].decode()
    return [line.split(":", 1)[0] for line in head.split("\r\n") if line and line[0] not in " \t"]


# -- the record ---------------------------------------------------------------------------

def test_every_field_of_a_simple_send_is_recorded(ses, fake):
    ses.send_email(
        Source="Me <me@example.com>",
        Destination={"ToAddresses": ["Ann <ann@example.org>"], "CcAddresses": ["c@example.org"],
                     "BccAddresses": ["b@example.org"]},
        Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}, "Html": {"Data": "<b>Hello</b>"}}},
        ReplyToAddresses=["help@example.com"], ReturnPath="bounce@example.com",
        Tags=[{"Name": "k", "Value": "v"}],
    )
    [sent] = fake.sent_messages
    assert (sent.operation, sent.service, sent.region, sent.account_id) == ("SendEmail", "ses", "us-east-1", "123456789012")
    assert (sent.source, sent.to, sent.cc, sent.bcc) == (
        "Me <me@example.com>", ["Ann <ann@example.org>"], ["c@example.org"], ["b@example.org"])
    assert sent.destinations == ["ann@example.org", "c@example.org", "b@example.org"]
    assert (sent.reply_to, sent.return_path, sent.tags) == (["help@example.com"], "bounce@example.com", {"k": "v"})
    assert (sent.subject, sent.text, sent.html) == ("Hi", "Hello", "<b>Hello</b>")
    assert (sent.template, sent.template_data, sent.configuration_set, sent.attachments) == (None, None, None, [])
    assert sent.sent_at.tzinfo == dt.timezone.utc


def test_a_sent_message_is_frozen(ses, fake):
    send(ses)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fake.sent_messages[0].subject = "changed"


def test_messages_from_both_apis_and_all_regions_are_listed_in_order(ses, ses_west, sesv2, fake):
    fake.verify_identity("example.com", region="us-west-2")
    send(ses)
    send(ses_west)
    sesv2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["x@example.org"]},
                     Content={"Simple": SIMPLE_TEXT})
    assert [(m.service, m.region) for m in fake.sent_messages] == [
        ("ses", "us-east-1"), ("ses", "us-west-2"), ("sesv2", "us-east-1")]


def test_the_message_id_carries_the_region_prefix_and_the_acceptance_time(ses, ses_west, fake):
    """{4 hex by region}{12 hex epoch ms}-{uuid}-000000: us-east-1 0100, us-west-2 0101 (F4)."""
    fake.verify_identity("example.com", region="us-west-2")
    send(ses)
    send(ses_west)
    east, west = fake.sent_messages
    pattern = r"[0-9a-f]{16}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000"
    assert re.fullmatch(pattern, east.message_id) and re.fullmatch(pattern, west.message_id)
    assert (east.message_id[:4], west.message_id[:4]) == ("0100", "0101")
    millis = int(east.message_id[4:16], 16)
    assert dt.datetime.fromtimestamp(millis / 1000, dt.timezone.utc) == east.sent_at


# -- the MIME of a simple send --------------------------------------------------------------

def test_a_text_only_send_is_one_text_plain_part_in_ses_header_order(ses, fake):
    """Real delivered message, v1 SendEmail text-only (sisimai lhost-amazonses-05.eml; G44)."""
    send(ses)
    sent = fake.sent_messages[0]
    assert header_names(sent.raw) == [
        "From", "To", "Subject", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Message-ID", "Date"]
    assert b"\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n" in sent.raw
    assert sent.raw.endswith(b"\r\n\r\nHello")


def test_reply_to_and_cc_headers_sit_between_from_and_subject(ses, ses_backend):
    """Cc after To (lkft archive, G44); Reply-To after From as JavaMail writes it (G44, ?)."""
    ses_backend.verify_identity("example.com")
    ses.send_email(Source="me@example.com", Destination={"ToAddresses": ["a@example.org"], "CcAddresses": ["c@example.org"]},
                   Message=SIMPLE_TEXT, ReplyToAddresses=["r@example.com"])
    assert header_names(ses_backend.sent_messages[0].raw)[:5] == ["From", "Reply-To", "To", "Cc", "Subject"]


def test_bcc_recipients_never_appear_in_the_headers(ses, fake):
    """No Bcc header in any SES-built message (G45)."""
    send(ses, ToAddresses=["a@example.org"], BccAddresses=["secret@example.org"])
    sent = fake.sent_messages[0]
    assert b"secret@example.org" not in sent.raw
    assert "secret@example.org" in sent.destinations


def test_text_and_html_become_multipart_alternative_with_a_javamail_boundary(ses, fake):
    """multipart/alternative, boundary ----=_Part_<n>_<hash>.<millis> (LocalStack AWS snapshot; G46, F21)."""
    send(ses, {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "plain"}, "Html": {"Data": "<p>html</p>"}}})
    mime = fake.sent_messages[0].mime
    assert mime.get_content_type() == "multipart/alternative"
    assert re.fullmatch(r"----=_Part_\d+_\d+\.\d{13}", mime.get_boundary())
    assert [(p.get_content_type(), p.get_content()) for p in mime.iter_parts()] == [
        ("text/plain", "plain"), ("text/html", "<p>html</p>")]


def test_an_html_only_send_is_one_text_html_part(ses, fake):
    send(ses, {"Subject": {"Data": "Hi"}, "Body": {"Html": {"Data": "<p>x</p>"}}})
    sent = fake.sent_messages[0]
    assert (sent.mime.get_content_type(), sent.text, sent.html) == ("text/html", None, "<p>x</p>")


@pytest.mark.parametrize("day", [5, 25])
def test_ses_stamps_its_message_id_and_date(ses, ses_west, fake, fixed_clock, day):
    """Message-ID <id@email.amazonses.com> in us-east-1, <id@<region>.amazonses.com> elsewhere
    (G48, F21); Date in RFC 5322 UTC form, day not zero-padded (G50)."""
    fixed_clock(dt.datetime(2026, 12, day, 9, 8, 7, tzinfo=dt.timezone.utc))
    fake.verify_identity("example.com", region="us-west-2")
    send(ses)
    send(ses_west)
    east, west = fake.sent_messages
    assert east.mime["Message-ID"] == f"<{east.message_id}@email.amazonses.com>"
    assert west.mime["Message-ID"] == f"<{west.message_id}@us-west-2.amazonses.com>"
    # The header as written: Python's parser re-renders a parsed Date ("01"), so read the bytes.
    [date] = re.findall(rb"^Date: (.*)\r$", east.raw, re.M)
    weekday = "Sat" if day == 5 else "Fri"
    assert re.fullmatch(rf"{weekday}, {day} Dec 2026 09:08:0\d \+0000", date.decode())
    assert east.mime["Date"].datetime == east.sent_at.replace(microsecond=0)


def test_a_non_ascii_subject_and_body_are_mime_encoded_and_read_back(ses, fake):
    send(ses, {"Subject": {"Data": "Grüße aus Köln"}, "Body": {"Text": {"Data": "Schöne Grüße"}}})
    sent = fake.sent_messages[0]
    assert sent.raw.isascii()
    assert sent.mime["Subject"] == "Grüße aus Köln"
    assert sent.mime["Content-Transfer-Encoding"] == "quoted-printable"
    assert sent.mime.get_content() == "Schöne Grüße"


def test_a_body_charset_is_used_to_encode_the_body(ses, fake):
    send(ses, {"Subject": {"Data": "Hi", "Charset": "ISO-8859-1"},
               "Body": {"Text": {"Data": "café", "Charset": "ISO-8859-1"}}})
    mime = fake.sent_messages[0].mime
    assert mime.get_content_charset() == "iso-8859-1"
    assert mime.get_payload(decode=True) == "café".encode("latin-1")


def test_an_unencoded_non_ascii_display_name_loses_those_characters(ses, fake):
    """SES strips non-ASCII characters from an unencoded sender name (aws/aws-sdk-js#1585)."""
    send(ses, source="Café Ünïon <me@example.com>")
    sent = fake.sent_messages[0]
    assert sent.source == "Café Ünïon <me@example.com>"
    assert sent.mime["From"] == "Caf non <me@example.com>"


def test_long_recipient_lists_are_folded_and_read_back_whole(ses, fake):
    to = [f"recipient-number-{i}@example.org" for i in range(10)]
    send(ses, ToAddresses=to)
    sent = fake.sent_messages[0]
    to_header = sent.raw[sent.raw.index(b"\r\nTo: ") + 2:sent.raw.index(b"\r\nSubject: ")]
    assert to_header.count(b"\r\n\t") >= 4
    assert all(len(line) <= 76 for line in to_header.split(b"\r\n"))
    assert [a.addr_spec for a in sent.mime["To"].addresses] == to


def test_raw_and_mime_are_the_same_message(ses, fake):
    send(ses)
    sent = fake.sent_messages[0]
    assert sent.raw is sent.raw  # built once
    assert sent.mime.as_bytes(policy=sent.mime.policy.clone(linesep="\r\n")).endswith(b"Hello")


# -- the repr a failing assertion shows ----------------------------------------------------------

def test_the_repr_leads_with_recipients_subject_sender_and_operation(ses, fake):
    send(ses, source="Shop <me@example.com>")
    sent = fake.sent_messages[0]
    assert repr(sent) == (
        "SentMessage(to=['ann@example.org'], subject='Hi', source='Shop <me@example.com>', operation='SendEmail', "
        f"service='ses', region='us-east-1', message_id='{sent.message_id[:21]}...')"
    )


def test_the_repr_names_cc_bcc_template_and_failure_only_when_there_are_any(sesv2, fake):
    sesv2.create_email_template(TemplateName="welcome", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"})
    sesv2.send_email(
        FromEmailAddress="me@example.com",
        Destination={"ToAddresses": ["a@example.org"], "CcAddresses": ["c@example.org"], "BccAddresses": ["b@example.org"]},
        Content={"Template": {"TemplateName": "welcome", "TemplateData": "{}"}},
    )
    sent = fake.sent_messages[0]
    assert repr(sent) == (
        "SentMessage(to=['a@example.org'], subject=None, source='me@example.com', operation='SendEmail', "
        "cc=['c@example.org'], bcc=['b@example.org'], template='welcome', delivered=False, "
        "failure=\"Rendering Failure: Attribute 'name' is not present in the...\", service='sesv2', "
        f"region='us-east-1', message_id='{sent.message_id[:21]}...')"
    )


def test_the_repr_cuts_long_values_and_never_shows_the_body(ses, fake):
    subject = "A subject that goes on and on " * 5
    to = [f"reader{n}@example.org" for n in range(10)]
    send(ses, {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "BODY " * 1000}}}, ToAddresses=to)
    shown = repr(fake.sent_messages[0])
    assert shown.startswith("SentMessage(to=['reader0@example.org', 'reader1@example.org', 'reader2@example.org', "
                            f"... 7 more], subject='{subject[:57]}...', source='me@example.com'")
    assert "BODY" not in shown and len(shown) < 400


def test_a_raw_message_with_only_envelope_recipients_shows_them(ses, fake):
    ses.send_raw_email(Destinations=["archive@example.com"],
                       RawMessage={"Data": b"From: me@example.com\r\nSubject: Kept\r\n\r\nbody"})
    shown = repr(fake.sent_messages[0])
    assert shown.startswith("SentMessage(to=[], subject='Kept', source='me@example.com', operation='SendRawEmail', "
                            "destinations=['archive@example.com'], service='ses'")


def test_an_event_shows_its_type_and_the_message_it_is_about(ses, fake):
    send(ses)
    event, delivered = fake.events
    assert repr(event) == f"<Event Send of 'Hi' to ann@example.org ({event.message_id[:21]}...)>"
    assert repr(delivered) == f"<Event Delivery of 'Hi' to ann@example.org ({event.message_id[:21]}...)>"
