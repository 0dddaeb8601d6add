"""MIME building (simple sends) and raw-message handling, without a boto3 client."""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fakeses.domain.messages import SentMessage
from fakeses.mail import mime
from fakeses.mail.mime import (
    Attachment,
    MessageError,
    RawContent,
    SimpleContent,
    encode_words,
    read_headers,
)

WHEN = dt.datetime(2021, 9, 2, 18, 3, 23, 463000, tzinfo=dt.timezone.utc)


def message(content, region="us-east-1", **fields) -> SentMessage:
    base = dict(
        message_id="0100017ba6864a22-0f6b2b45-3b4e-4a19-8a0a-8d0b0a1f7d1c-000000", operation="SendEmail",
        service="ses", region=region, account_id="123456789012", source="me@example.com",
        to=["ann@example.org"], cc=[], bcc=["hidden@example.org"], destinations=["ann@example.org"],
        reply_to=[], subject="Hi", sent_at=WHEN,
    )
    base.update(fields)
    return SentMessage(_content=content, **base)


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


# -- headers SES stamps -------------------------------------------------------------------

def test_the_date_header_is_rfc_5322_utc_without_a_padded_day():
    """"Thu, 2 Sep 2021 18:03:23 +0000" (G50)."""
    assert mime.date_header(message(SimpleContent(text="x"))) == "Thu, 2 Sep 2021 18:03:23 +0000"
    later = message(SimpleContent(text="x"), sent_at=WHEN.replace(day=25))
    assert mime.date_header(later) == "Sat, 25 Sep 2021 18:03:23 +0000"


@pytest.mark.parametrize(("region", "host"), [("us-east-1", "email.amazonses.com"), ("eu-central-1", "eu-central-1.amazonses.com")])
def test_the_message_id_host_depends_on_the_region(region, host):
    """G48: @email.amazonses.com in us-east-1, @<region>.amazonses.com elsewhere."""
    sent = message(SimpleContent(text="x"), region=region)
    assert mime.message_id_header(sent) == f"<{sent.message_id}@{host}>"


# -- encoded words ------------------------------------------------------------------------

def test_ascii_text_is_not_encoded():
    assert encode_words("Hello there") == "Hello there"


def test_mostly_ascii_text_uses_q_and_mostly_non_ascii_uses_b():
    """JavaMail's MimeUtility.encodeText rule."""
    assert encode_words("Grüße") == "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?="
    assert encode_words("日本語") == "=?UTF-8?B?5pel5pys6Kqe?="
    assert encode_words("café", "ISO-8859-1") == "=?ISO-8859-1?Q?caf=E9?="


def test_long_encoded_text_is_split_into_short_words_that_decode_back():
    text = "Ünïcödé " * 20
    encoded = encode_words(text)
    assert all(len(word) <= 75 for word in encoded.split("\r\n "))
    assert parse(f"Subject: {encoded}\r\n\r\n".encode())["Subject"] == text


# -- simple content -------------------------------------------------------------------------

def test_a_text_only_message_is_a_single_part():
    raw = message(SimpleContent(text="Hello")).raw
    assert raw.startswith(
        b"From: me@example.com\r\nTo: ann@example.org\r\nSubject: Hi\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n"
        b"Message-ID: <0100017ba6864a22-0f6b2b45-3b4e-4a19-8a0a-8d0b0a1f7d1c-000000@email.amazonses.com>\r\n"
        b"Date: Thu, 2 Sep 2021 18:03:23 +0000\r\n\r\nHello"
    )
    assert b"hidden@example.org" not in raw  # G45


def test_an_empty_body_is_an_empty_text_part():
    parsed = parse(message(SimpleContent()).raw)
    assert (parsed.get_content_type(), parsed.get_content()) == ("text/plain", "")


def test_text_and_html_are_alternatives_text_first():
    parsed = parse(message(SimpleContent(text="t", html="<p>h</p>")).raw)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]


def test_the_multipart_content_type_is_folded_as_javamail_folds_it():
    """"multipart/alternative;  boundary=..." once unfolded (LocalStack AWS snapshot; G46)."""
    raw = message(SimpleContent(text="t", html="h")).raw
    assert re.search(rb'Content-Type: multipart/alternative; \r\n\tboundary="----=_Part_\d+_\d+\.\d+"\r\n', raw)


def test_boundaries_differ_between_messages():
    one = parse(message(SimpleContent(text="t", html="h")).raw).get_boundary()
    two = parse(message(SimpleContent(text="t", html="h")).raw).get_boundary()
    assert one != two


@pytest.mark.parametrize(
    ("text", "encoding"),
    [("plain ascii", "7bit"), ("Grüße aus Köln", "quoted-printable"), ("日本語のテキスト", "base64"),
     ("x" * 1200, "quoted-printable")],
)
def test_the_transfer_encoding_follows_the_content(text, encoding):
    parsed = parse(message(SimpleContent(text=text)).raw)
    assert parsed["Content-Transfer-Encoding"] == encoding
    assert parsed.get_content() == text


def test_body_lines_end_in_crlf():
    raw = message(SimpleContent(text="one\ntwo\r\nthree")).raw
    assert raw.endswith(b"\r\n\r\none\r\ntwo\r\nthree")


def test_an_unknown_charset_falls_back_to_utf_8_bytes():
    parsed = parse(message(SimpleContent(text="é", text_charset="x-nonsense")).raw)
    assert parsed.get_payload(decode=True) == "é".encode()


def test_custom_headers_come_after_the_subject_and_stamps_are_ses_own():
    content = SimpleContent(text="x", headers=[("X-One", "1"), ("Date", "yesterday")])
    parsed = parse(message(content).raw)
    assert list(parsed.keys())[:4] == ["From", "To", "Subject", "X-One"]
    [date] = parsed.get_all("Date")
    assert date.datetime == WHEN.replace(microsecond=0)


@pytest.mark.parametrize("name", ["subject", "From", "MIME-Version", "Content-Type"])
def test_a_custom_header_ses_writes_itself_is_refused(name):
    with pytest.raises(MessageError, match=rf"^Duplicate header '{name}'\.$"):
        SimpleContent(text="x", headers=[(name, "v")]).check()


def test_a_repeated_single_instance_custom_header_is_refused_and_others_are_not():
    SimpleContent(headers=[("X-A", "1"), ("X-A", "2")]).check()
    with pytest.raises(MessageError, match="Duplicate header 'List-Id'."):
        SimpleContent(headers=[("List-Id", "a"), ("list-id", "b")]).check()


def test_attachments_are_encoded_as_asked():
    content = SimpleContent(text="t", attachments=[
        Attachment(b"\x00\xff" * 100, "a.bin"),
        Attachment(b"plain text\n", "b.txt", transfer_encoding="SEVEN_BIT"),
        Attachment("ä".encode(), "Grüße.txt", content_type="text/plain", description="Grüße"),
    ])
    parsed = parse(message(content).raw)
    a, b, c = parsed.iter_attachments()
    assert (a.get_content_type(), a["Content-Transfer-Encoding"], a.get_content()) == (
        "application/octet-stream", "base64", b"\x00\xff" * 100)
    assert (b.get_content_type(), b["Content-Transfer-Encoding"]) == ("text/plain", "7bit")
    assert (c.get_filename(), c["Content-Description"]) == ("Grüße.txt", "Grüße")


def test_base64_lines_are_at_most_76_characters():
    raw = message(SimpleContent(text="t", attachments=[Attachment(bytes(range(256)) * 10, "x.bin")])).raw
    body = raw.split(b"Content-Transfer-Encoding: base64\r\n", 1)[1]
    assert max(len(line) for line in body.split(b"\r\n")) == 76


def test_the_size_estimate_grows_with_attachments_after_base64():
    plain = SimpleContent(text="x" * 1000)
    attached = SimpleContent(text="x" * 1000, attachments=[Attachment(b"\x00" * 3000, "a")])
    assert attached.size("s") - plain.size("s") >= 4000
    assert abs(plain.size("s") - len(message(plain).raw)) < 1024


# -- raw messages -----------------------------------------------------------------------------

def test_read_headers_unfolds_and_keeps_order():
    fields = read_headers(b"From: a@example.org\r\nSubject: one\r\n two\r\nX-A: 1\r\n\r\nbody: not a header\r\n")
    assert fields == [("From", "a@example.org"), ("Subject", "one two"), ("X-A", "1")]


def test_read_headers_refuses_duplicates_and_nameless_fields():
    with pytest.raises(MessageError, match="^Duplicate header 'Reply-To'.$"):
        read_headers(b"Reply-To: a@x.org\nreply-to: b@x.org\n\nbody")
    with pytest.raises(MessageError, match="^Empty header names are illegal.$"):
        read_headers(b"From: a@x.org\n: x\n")
    assert read_headers(b"From: a@x.org\n : continued\n\n") == [("From", "a@x.org : continued")]


def test_read_headers_stops_at_the_first_blank_line():
    assert read_headers(b"To: a@x.org\r\n\r\nTo: b@x.org\r\nTo: c@x.org\r\n") == [("To", "a@x.org")]


def test_raw_render_replaces_ses_headers_and_keeps_the_rest():
    data = (b"From: a@example.org\r\nMessage-ID: <mine@x>\r\n  folded-continuation\r\nX-SES-FROM-ARN: arn\r\n"
            b"Date: Mon, 1 Jan 2001 00:00:00 +0000\r\nSubject: s\r\n\r\n\x00\xff body\r\n")
    raw = message(RawContent(data)).raw
    head, body = raw.split(b"\r\n\r\n", 1)
    assert body == b"\x00\xff body\r\n"
    assert head.split(b"\r\n") == [
        b"From: a@example.org", b"Subject: s",
        b"Message-ID: <0100017ba6864a22-0f6b2b45-3b4e-4a19-8a0a-8d0b0a1f7d1c-000000@email.amazonses.com>",
        b"Date: Thu, 2 Sep 2021 18:03:23 +0000",
    ]


def test_raw_render_of_a_message_without_a_body_still_ends_the_header():
    raw = message(RawContent(b"From: a@example.org")).raw
    assert raw.endswith(b"Date: Thu, 2 Sep 2021 18:03:23 +0000\r\n\r\n")


def test_raw_text_and_html_are_read_from_the_parts():
    data = (b"From: a@x.org\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
            b"--b\r\nContent-Type: text/plain\r\n\r\nplain\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>h</p>\r\n--b--\r\n")
    sent = message(RawContent(data))
    assert (sent.text, sent.html) == ("plain", "<p>h</p>")


def test_raw_text_with_an_unknown_charset_is_still_read():
    data = b"From: a@x.org\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nabc\r\n"
    assert message(RawContent(data)).text == "abc\n"


# -- charsets -------------------------------------------------------------------------------

def python_codec_names() -> list[str]:
    import encodings
    import encodings.aliases
    import pkgutil

    names = set(encodings.aliases.aliases) | set(encodings.aliases.aliases.values())
    return sorted(names | {module.name for module in pkgutil.iter_modules(encodings.__path__)})


@pytest.mark.parametrize("name", ["string", "rot13", "base64", "hex", "idna", "punycode", "unicode_escape",
                                  "undefined", "charmap", "utf 8", "-utf-8", "a\x00b", "\ud800", "", "x-unknown",
                                  "utf-8\r\nBcc: x@example.org"])
def test_a_charset_ses_does_not_know_is_refused_with_its_text(name):
    # v1 SendEmail with Charset 'string': "Unsupported charset 'string'." (Netflix/lemur PR #841).
    with pytest.raises(MessageError) as refused:
        mime.check_charset(name)
    assert str(refused.value) == f"Unsupported charset '{name}'."
    with pytest.raises(MessageError):
        SimpleContent(text="x", text_charset=name).check()


def test_only_the_charsets_of_parts_present_are_checked():
    SimpleContent(text="x", html_charset="bogus").check()
    with pytest.raises(MessageError):
        SimpleContent(text="x", subject_charset="bogus").check()


def accepted_charsets() -> list[str]:
    out = []
    for name in python_codec_names():
        try:
            mime.check_charset(name)
        except MessageError:
            continue
        out.append(name)
    return out


def one_name_per_codec() -> list[str]:
    import codecs

    return list({codecs.lookup(name).name: name for name in accepted_charsets()}.values())


def test_common_charsets_are_accepted():
    for name in ("UTF-8", "utf8", "ISO-8859-1", "Shift_JIS", "windows-1252", "US-ASCII", "UTF-16", "EUC-KR",
                 "GB18030", "Big5", "KOI8-R", "ISO-2022-JP"):
        mime.check_charset(name)
    assert len(accepted_charsets()) > 300


def test_a_message_in_every_accepted_charset_reads_through_every_view():
    for name in one_name_per_codec():
        content = SimpleContent(text="Gr\u00fc\u00dfe \u20ac \U0001f600\r\nline", html="<p>\u00e9\u00e8</p>",
                                subject_charset=name, text_charset=name, html_charset=name)
        content.check()
        sent = message(content, subject="Gr\u00fc\u00dfe \u20ac")
        parsed = parse(sent.raw)
        assert parsed["Subject"] is not None, name
        for part in parsed.walk():
            if not part.is_multipart():
                part.get_content()
        text, html = mime.body_texts(sent.mime)
        assert text is not None and html is not None, name


def test_an_attachment_named_with_a_lone_surrogate_is_written_with_a_question_mark():
    part = Attachment(data=b"abc", filename="a\ud800.txt", content_type="text/\ud800", content_id="\ud800").render()
    head = part.split(b"\r\n\r\n")[0]
    assert b"Content-Type: text/?; name*=UTF-8''a%3F.txt" in head
    assert b"Content-ID: <?>" in head


@given(subject=st.none() | st.text(max_size=8), text=st.none() | st.text(max_size=20),
       html=st.none() | st.text(max_size=20),
       headers=st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=2))
def test_the_size_estimate_counts_utf8_bytes_whether_or_not_a_body_is_ascii(subject, text, html, headers):
    content = SimpleContent(text=text, html=html, headers=headers)
    expected = (512 + len(subject or "") + sum(len(n) + len(v) + 4 for n, v in headers)
                + sum(len(part.encode("utf-8", errors="replace")) for part in (text, html) if part))
    assert content.size(subject) == expected
