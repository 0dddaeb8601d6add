"""Attachments as records: filename, content type, content bytes, and the MIME part.

Read from the MIME SES delivers, whoever built it: SES for v2 ``Content.Simple.Attachments``
(seed 001, SendEmail), the caller for a raw message. Odd input never raises.
"""
from __future__ import annotations

from email.message import EmailMessage

import boto3
import pytest

from fakeses import Attachment

REGION = "us-east-1"


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def send_raw(data: bytes) -> None:
    boto3.client("ses", region_name=REGION).send_raw_email(RawMessage={"Data": data})


def mixed(*parts: bytes) -> bytes:
    body = b"".join(b"--b\r\n" + part + b"\r\n" for part in parts) + b"--b--\r\n"
    return (b"From: me@example.com\r\nTo: ann@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n' + body)


TEXT = b"Content-Type: text/plain\r\n\r\nsee attached"


def test_a_v2_attachment_is_a_record_with_its_part(fake):
    boto3.client("sesv2", region_name=REGION).send_email(
        FromEmailAddress="billing@example.com", Destination={"ToAddresses": ["ann@example.org"]},
        Content={"Simple": {"Subject": {"Data": "Invoice"}, "Body": {"Text": {"Data": "Attached."}},
                            "Attachments": [{"FileName": "invoice.pdf", "RawContent": b"%PDF-1.4 \x00\xff",
                                             "ContentType": "application/pdf"}]}},
    )
    [invoice] = fake.sent_messages[0].attachments
    assert invoice == Attachment(filename="invoice.pdf", content_type="application/pdf", content=b"%PDF-1.4 \x00\xff",
                                 disposition="attachment")
    assert invoice.part.get_filename() == "invoice.pdf" and invoice.part.get_content() == b"%PDF-1.4 \x00\xff"


def test_a_message_without_attachments_has_none(fake):
    send_raw(mixed(TEXT, b"Content-Type: text/html\r\n\r\n<p>hi</p>"))
    assert fake.sent_messages[0].attachments == []


def test_inline_images_of_a_related_html_body_are_attachments_at_any_depth(fake):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "me@example.com", "ann@example.org", "Logo"
    message.set_content("plain")
    message.add_alternative('<img src="cid:logo">', subtype="html")
    html = message.get_payload()[1]
    html.add_related(b"\x89PNG", maintype="image", subtype="png", cid="<logo>")
    message.add_attachment(b"a,b\n", maintype="text", subtype="csv", filename="data.csv")
    send_raw(message.as_bytes())
    sent = fake.sent_messages[0]
    assert [(a.filename, a.content_type, a.content_id, a.content) for a in sent.attachments] == [
        (None, "image/png", "logo", b"\x89PNG"), ("data.csv", "text/csv", None, b"a,b\n")]
    assert (sent.text, sent.html) == ("plain\n", '<img src="cid:logo">\n')


def test_a_body_alternative_and_a_second_text_part_are_not_attachments(fake):
    alternative = (b'Content-Type: multipart/alternative; boundary="a"\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\n'
                   b"plain\r\n--a\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\nBEGIN:VCALENDAR\r\n--a--")
    pdf = b"Content-Type: application/pdf\r\n\r\n%PDF"
    send_raw(mixed(alternative, b"Content-Type: text/plain\r\n\r\nfooter", pdf))
    assert [(a.filename, a.content_type, a.disposition, a.content) for a in fake.sent_messages[0].attachments] == [
        (None, "application/pdf", None, b"%PDF")]


def test_a_forwarded_message_is_one_attachment_holding_the_message(fake):
    forwarded = b"From: bob@example.org\r\nSubject: original\r\n\r\nold text\r\n"
    send_raw(mixed(TEXT, b"Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n" + forwarded))
    [attachment] = fake.sent_messages[0].attachments
    assert (attachment.content_type, attachment.disposition) == ("message/rfc822", "attachment")
    assert b"Subject: original" in attachment.content and b"old text" in attachment.content


@pytest.mark.parametrize(("disposition", "filename"), [
    (b'attachment; filename="=?utf-8?q?r=C3=A9sum=C3=A9.pdf?="', "résumé.pdf"),
    (b"attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf", "résumé.pdf"),
    (b"attachment; filename*=x-unknown''r%E9sum%E9.pdf", "r\ufffdsum\ufffd.pdf"),
    (b'attachment; filename="=?x-unknown?q?r=E9sum=E9.pdf?="', "r\ufffdsum\ufffd.pdf"),
    (b'attachment; filename="unterminated', "unterminated"),
    (b"attachment; filename*0*=utf-8''a%FF; filename*1=b.pdf", "a\ufffdb.pdf"),
])
def test_a_filename_is_decoded_and_one_that_cannot_be_is_read_without_raising(fake, disposition, filename):
    send_raw(mixed(TEXT, b"Content-Type: application/pdf\r\nContent-Disposition: " + disposition + b"\r\n\r\n%PDF"))
    [attachment] = fake.sent_messages[0].attachments
    assert (attachment.filename, attachment.content) == (filename, b"%PDF")


def test_attachments_is_a_new_list_of_the_same_records_each_time(fake):
    send_raw(mixed(TEXT, b"Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n\r\n%PDF"))
    sent = fake.sent_messages[0]
    first = sent.attachments
    first.clear()
    assert [a.filename for a in sent.attachments] == ["a.pdf"]
    assert sent.attachments[0] is sent.attachments[0]


def test_an_attachment_repr_cuts_its_content():
    big = Attachment(filename="big.bin", content_type="application/octet-stream", content=bytes(1000),
                     disposition="attachment")
    assert repr(big) == ("Attachment(filename='big.bin', content_type='application/octet-stream', "
                         f"content={bytes(32)!r}... (1000 bytes), disposition='attachment')")
    small = Attachment(filename=None, content_type="image/png", content=b"\x89PNG", content_id="logo")
    assert repr(small) == "Attachment(filename=None, content_type='image/png', content=b'\\x89PNG', content_id='logo')"


def test_a_header_the_standard_parser_fails_on_does_not_break_the_message(fake):
    """CPython's MIME-parameter parser raises IndexError on ``attachment; 1*``; SES passes it on."""
    send_raw(mixed(TEXT, b"Content-Type: application/pdf; 1*\r\nContent-Disposition: attachment; 1*\r\n\r\n%PDF"))
    sent = fake.sent_messages[0]
    assert sent.text == "see attached"
    assert [(a.content_type, a.disposition, a.content) for a in sent.attachments] == [
        ("application/pdf", "attachment", b"%PDF")]
    assert sent.mime["Content-Type"].startswith("multipart/mixed")
