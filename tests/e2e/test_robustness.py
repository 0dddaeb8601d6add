"""Odd input found by fuzzing: each gets SES's answer or works, never a 500 or a traceback.

Through boto3 with botocore's own checks off (``parameter_validation=False``), as SES
sees a raw HTTP client's requests, or straight into :func:`fakeses._dispatch.handle`
for bodies no SDK sends. Every accepted message must read through every view:
``raw``, ``mime``, ``text``, ``html``, ``attachments`` and the documents of its events.
"""
from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.config import Config
from support.clients import refusal
from support.model import needs_member
from support.wire import parse

from fakeses import fakeses
from fakeses._dispatch import handle
from fakeses.domain.state import Options, World
from fakeses.protocols import Request

UNCHECKED = Config(parameter_validation=False, retries={"total_max_attempts": 1})
TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events"
SIMPLE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}


@pytest.fixture
def fake():
    with fakeses() as handle_:
        handle_.verify_identity("example.com")
        yield handle_


@pytest.fixture
def ses(fake):
    client = boto3.client("ses", region_name="us-east-1", config=UNCHECKED)
    # Every send below goes through a set that publishes every event type, so that
    # each event document is built.
    client.create_configuration_set(ConfigurationSet={"Name": "tracked"})
    client.create_configuration_set_event_destination(
        ConfigurationSetName="tracked",
        EventDestination={"Name": "all", "Enabled": True,
                          "MatchingEventTypes": ["send", "delivery", "bounce", "complaint", "reject"],
                          "SNSDestination": {"TopicARN": TOPIC}},
    )
    return client


@pytest.fixture
def sesv2(fake, ses):
    return boto3.client("sesv2", region_name="us-east-1", config=UNCHECKED)


def read_every_view(fake: Any) -> None:
    """Read each accepted message through every view a test may use."""
    assert fake.sent_messages
    for message in fake.sent_messages:
        assert message.raw
        message.mime.as_bytes()
        (message.subject, message.text, message.html, message.to, message.source)
        for attachment in message.attachments:
            (attachment.filename, attachment.content_type, attachment.content, attachment.part.get_content())
        for event in fake.events_of(message):
            for route in event.routes:
                json.dumps(route.document)


def wire(service: str, request: Request) -> tuple[int, dict[str, Any]]:
    """The status and botocore's reading of fakeses' answer to a raw request."""
    response = handle(World(Options()), service, "123456789012", "us-east-1", request)
    return response.status, parse(service, None, response)


# -- RFC 2047 encoded-words that do not decode ----------------------------------------------

# JavaMail's MimeUtility.decodeText keeps such words as written (fakeses/mail/addresses.py).
@pytest.mark.parametrize("word", ["=?utf-8?b?a?=", "=?\u00fc?q?x?="])
def test_a_raw_subject_or_display_name_that_does_not_decode_is_kept_as_written(ses, fake, word) -> None:
    raw = (f"From: {word} <me@example.com>\r\nTo: {word} <ann@example.org>\r\nSubject: {word}\r\n"
           "X-SES-CONFIGURATION-SET: tracked\r\n\r\nHello").encode()
    ses.send_raw_email(RawMessage={"Data": raw})
    [message] = fake.sent_messages
    assert message.subject == word
    assert message.to == [f"{word} <ann@example.org>"]
    read_every_view(fake)
    [send_event] = [e for e in fake.events_of(message) if e.type == "Send"]
    common = send_event.routes[0].document["mail"]["commonHeaders"]
    assert (common["subject"], common["from"]) == (word, [f"{word} <me@example.com>"])


def test_a_v1_source_with_a_display_name_that_does_not_decode_is_sent_and_published(ses, fake) -> None:
    ses.send_email(Source="=?utf-8?b?a?= <me@example.com>", Destination={"ToAddresses": ["ann@example.org"]},
                   Message=SIMPLE, ConfigurationSetName="tracked")
    [message] = fake.sent_messages
    assert message.source == "=?utf-8?b?a?= <me@example.com>"
    read_every_view(fake)


# -- integers and list indices Python cannot read or write ---------------------------------

def deep(depth: int, leaf: Any = "x") -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def test_a_v1_integer_of_more_digits_than_python_writes_is_a_validation_error(fake) -> None:
    # botocore's own validation lets it through (MaxItems has no range in the model).
    checked = boto3.client("ses", region_name="us-east-1", config=Config(retries={"total_max_attempts": 1}))
    for client in (checked, boto3.client("ses", region_name="us-east-1", config=UNCHECKED)):
        assert refusal(client.list_identities, MaxItems=10**5000) == (
            400, "ValidationError",
            "1 validation error detected: Value at 'maxItems' failed to satisfy constraint: "
            "Member must be a valid integer",
        )


@pytest.mark.parametrize("index", ["\u00b2", "1" * 5000])
def test_a_v1_list_index_that_is_not_an_ascii_number_is_refused(index: str) -> None:
    body = (f"Action=SendEmail&Source=me%40example.com&Destination.ToAddresses.member.{index}=x"
            "&Message.Subject.Data=s&Message.Body.Text.Data=t").encode()
    status, answer = wire("ses", Request("POST", "/", {}, {}, body))
    assert (status, answer["Error"]["Code"], answer["Error"]["Message"]) == (
        400, "InvalidParameterValue", f"Invalid list index destination.toAddresses.{index}")


def test_a_v1_string_given_as_a_deeply_nested_list_is_a_validation_error(ses) -> None:
    assert refusal(ses.verify_email_identity, EmailAddress=deep(5000)) == (
        400, "ValidationError",
        "1 validation error detected: Value at 'emailAddress' failed to satisfy constraint: "
        "Member must be a valid string",
    )


# -- v2 bodies that are already decoded -----------------------------------------------------

@pytest.mark.parametrize("value", [object(), {1}, 10**5000, deep(5000)], ids=["object", "set", "huge int", "deep list"])
def test_a_v2_decoded_body_holding_what_json_cannot_is_a_serialization_exception(value: Any) -> None:
    # A body handed over as a mapping (no SDK sends one): what JSON has no form for
    # cannot be read, as an unreadable JSON body cannot (G9).
    request = Request("POST", "/v2/email/identities", {}, {}, {"EmailIdentity": "x.example.com", "Tags": value})
    status, answer = wire("sesv2", request)
    assert (status, answer["Error"]["Code"]) == (400, "SerializationException")


# -- template data nested deep ----------------------------------------------------------------

DEEP_DATA = json.dumps({"name": deep(500)})  # JSON the standard library reads


@pytest.fixture
def template(ses):
    ses.create_template(Template={"TemplateName": "hi", "SubjectPart": "Hi {{name}}", "TextPart": "Hello {{name}}"})


def test_test_render_template_writes_a_deeply_nested_list_as_javascript_does(ses, sesv2, template) -> None:
    rendered = ses.test_render_template(TemplateName="hi", TemplateData=DEEP_DATA)["RenderedTemplate"]
    assert "Subject: Hi x\r\n" in rendered
    assert "Subject: Hi x\r\n" in sesv2.test_render_email_template(TemplateName="hi", TemplateData=DEEP_DATA)[
        "RenderedTemplate"]


def test_templated_and_bulk_sends_render_a_deeply_nested_list(ses, sesv2, fake, template) -> None:
    to = {"ToAddresses": ["ann@example.org"]}
    ses.send_templated_email(Source="me@example.com", Destination=to, Template="hi", TemplateData=DEEP_DATA,
                             ConfigurationSetName="tracked")
    [result] = ses.send_bulk_templated_email(Source="me@example.com", Template="hi", DefaultTemplateData=DEEP_DATA,
                                             Destinations=[{"Destination": to}],
                                             ConfigurationSetName="tracked")["Status"]
    assert result["Status"] == "Success"
    sesv2.send_bulk_email(FromEmailAddress="me@example.com", ConfigurationSetName="tracked",
                          DefaultContent={"Template": {"TemplateName": "hi", "TemplateData": DEEP_DATA}},
                          BulkEmailEntries=[{"Destination": to}])
    assert [(m.subject, m.text) for m in fake.sent_messages] == [("Hi x", "Hello x")] * 3
    read_every_view(fake)


# -- null items of lists of structures (v2 JSON) ------------------------------------------------

V2_SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
SEND_V2 = {"FromEmailAddress": "me@example.com", "Destination": {"ToAddresses": ["ann@example.org"]}}
NULL_ITEMS = [
    ("CreateEmailIdentity", "/v2/email/identities", {"EmailIdentity": "x.example.com", "Tags": [None]}, "tags"),
    ("SendEmail", "/v2/email/outbound-emails", {**SEND_V2, "Content": V2_SIMPLE, "EmailTags": [None]}, "emailTags"),
    ("SendEmail", "/v2/email/outbound-emails",
     {**SEND_V2, "Content": {"Simple": {**V2_SIMPLE["Simple"], "Headers": [None]}}}, "content.simple.headers"),
    ("SendEmail", "/v2/email/outbound-emails",
     {**SEND_V2, "Content": {"Simple": {**V2_SIMPLE["Simple"], "Attachments": [None]}}}, "content.simple.attachments"),
    ("SendBulkEmail", "/v2/email/outbound-bulk-emails",
     {"FromEmailAddress": "me@example.com", "DefaultContent": {"Template": {"TemplateName": "t", "TemplateData": "{}"}},
      "BulkEmailEntries": [None]}, "bulkEmailEntries"),
    ("CreateEmailTemplate", "/v2/email/templates",
     {"TemplateName": "t", "TemplateContent": {"Subject": "s"}, "Tags": [None]}, "tags"),
    ("CreateConfigurationSet", "/v2/email/configuration-sets", {"ConfigurationSetName": "c", "Tags": [None]}, "tags"),
]


@pytest.mark.parametrize(("op", "path", "body", "where"), NULL_ITEMS, ids=[f"{c[0]} {c[3]}" for c in NULL_ITEMS])
def test_a_null_item_of_a_list_of_structures_is_refused_by_validation(op, path, body, where) -> None:
    # Coral reports it on the list (measured for Cognito; see fakeses/validation.py).
    member = next((name for name, value in body.items() if value == [None]), None)
    if member is not None:  # Tags of CreateEmailTemplate are newer than aiobotocore's botocore
        needs_member("sesv2", op, member)
    status, answer = wire("sesv2", Request("POST", path, {}, {"Content-Type": "application/json"},
                                           json.dumps(body).encode()))
    assert (status, answer["Error"]["Code"], answer["Error"]["Message"]) == (
        400, "BadRequestException",
        f"1 validation error detected: Value at '{where}' failed to satisfy constraint: "
        "Member must satisfy constraint: [Member must not be null]",
    )


# -- patterns that backtrack in re --------------------------------------------------------------

def test_an_additional_contact_address_that_made_re_backtrack_is_refused_at_once(sesv2) -> None:
    # re.fullmatch("^(.+)@(.+)$", ...) took 16 s on this value; see fakeses/_patterns.py.
    assert refusal(sesv2.put_account_details, MailType="MARKETING", WebsiteURL="https://example.com",
                   UseCaseDescription="x", AdditionalContactEmailAddresses=["@" * 40000 + "\n"]) == (
        400, "BadRequestException",
        "1 validation error detected: Value at 'additionalContactEmailAddresses' failed to satisfy constraint: "
        "Member must satisfy constraint: [Member must have length less than or equal to 254, "
        "Member must have length greater than or equal to 6, Member must satisfy regular expression pattern: "
        "^(.+)@(.+)$]",
    )


def test_an_s3_url_that_made_re_backtrack_is_refused_at_once(sesv2) -> None:
    # S3Url has no length limit; re took 34 s on 40,000 characters.
    for size in (40_000, 1_000_000):
        assert refusal(sesv2.create_import_job,
                       ImportDestination={"SuppressionListDestination": {"SuppressionListImportAction": "DELETE"}},
                       ImportDataSource={"S3Url": "s3://b/" + "a" * size + "//", "DataFormat": "CSV"}) == (
            400, "BadRequestException",
            "1 validation error detected: Value at 'importDataSource.s3Url' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: ^s3:\\/\\/([^\\/]+)\\/(.*?([^\\/]+)\\/?)$",
        )


# -- charsets and names the MIME text cannot carry ------------------------------------------

@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "idna", "a\x00b", "\ud800", "string"],
                         ids=["rot13", "base64", "hex", "idna", "NUL", "lone surrogate", "string"])
def test_a_body_charset_ses_does_not_know_is_refused(ses, sesv2, fake, charset) -> None:
    # Recorded: SendEmail with Charset 'string' -> InvalidParameterValue "Unsupported
    # charset 'string'." (Netflix/lemur PR #841); v2 gives v1's texts as BadRequestException (G10).
    shown = charset.replace("\x00", "\ufffd").replace("\ud800", "\ufffd")  # XML carries neither
    body = {"Text": {"Data": "Gr\u00fc\u00dfe", "Charset": charset}}
    assert refusal(ses.send_email, Source="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                   Message={"Subject": {"Data": "Hi"}, "Body": body}) == (
        400, "InvalidParameterValue", f"Unsupported charset '{shown}'.")
    assert refusal(sesv2.send_email, FromEmailAddress="me@example.com",
                   Destination={"ToAddresses": ["ann@example.org"]},
                   Content={"Simple": {"Subject": {"Data": "Hi", "Charset": charset}, "Body": {"Html": body["Text"]}}}
                   ) == (400, "BadRequestException", f"Unsupported charset '{charset}'.")
    assert fake.sent_messages == []


@pytest.mark.parametrize("charset", ["UTF-8", "ISO-8859-1", "Shift_JIS", "UTF-16", "utf-7", "ISO-2022-JP", "cp037"])
def test_a_message_in_a_charset_ses_knows_reads_through_every_view(ses, fake, charset) -> None:
    ses.send_email(Source="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                   ConfigurationSetName="tracked",
                   Message={"Subject": {"Data": "Gr\u00fc\u00dfe", "Charset": charset},
                            "Body": {"Text": {"Data": "\u00e9t\u00e9", "Charset": charset},
                                     "Html": {"Data": "<p>\u00e9</p>", "Charset": charset}}})
    read_every_view(fake)
    [message] = fake.sent_messages
    assert message.mime.get_body(("plain",)).get_content_charset() == charset.lower()


def test_lone_surrogates_in_a_v2_simple_message_are_written_as_question_marks(sesv2, fake) -> None:
    # JSON can carry "\ud800"; UTF-8 cannot. Java's encoder writes "?" for it, so does
    # fakeses (no recording of SES's answer, ?).
    attachment = {"RawContent": b"abc", "FileName": "a\ud800.txt", "ContentId": "\ud800",
                  "ContentType": "text/\ud800", "ContentDescription": "d\ud800"}
    sesv2.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                     ConfigurationSetName="tracked",
                     Content={"Simple": {"Subject": {"Data": "s\ud800"}, "Body": {"Text": {"Data": "t\ud800"},
                                                                                  "Html": {"Data": "h\ud800"}},
                                         "Attachments": [attachment]}})
    read_every_view(fake)
    [message] = fake.sent_messages
    [attachment] = message.attachments
    assert (attachment.filename, attachment.content_id, attachment.content_type) == ("a?.txt", "?", "text/?")
    assert message.text == "t\ud800"  # as given; the MIME text carries "t?"
    assert message.mime.get_body(("plain",)).get_content() == "t?"


# -- raw MIME the standard library cannot read as it is (found by the fuzz harness) -----------
# SES passes a raw message through as written, so fakeses accepts these; `mime` is parsed
# with a policy that reads them anyway: a part without a reader gives its bytes, a charset
# Python lacks decodes as UTF-8 with replacements, a header the parser fails on or one too
# long to parse in reasonable time (the standard library is superlinear on many encoded
# words) is kept as written.

def raw_message(headers: str, body: str = "Hello") -> bytes:
    return (f"From: me@example.com\r\nTo: ann@example.org\r\nSubject: Hi\r\n{headers}\r\n\r\n{body}\r\n").encode()


@pytest.mark.parametrize("headers, content", [
    ("Content-Type: multipart/alternative", b"Hello\r\n"),  # no boundary: no parts, no reader
    ("Content-Type: x/y", b"Hello\r\n"),
])
def test_a_raw_part_of_a_type_without_a_reader_gives_its_bytes(ses, fake, headers, content) -> None:
    ses.send_raw_email(RawMessage={"Data": raw_message(headers)})
    read_every_view(fake)
    assert fake.sent_messages[0].mime.get_content() == content


def test_a_raw_part_in_a_charset_python_lacks_reads_as_utf8_with_replacements(ses, fake) -> None:
    ses.send_raw_email(RawMessage={"Data": raw_message("Content-Type: text/html; charset=hex", "Caf\u00e9")})
    read_every_view(fake)
    assert fake.sent_messages[0].mime.get_content() == "Caf\u00e9\r\n"


@pytest.mark.parametrize("content_type", ["multipart/mixed", "text/plain; charset=rot13"])
def test_a_v2_attachment_of_an_odd_content_type_reads_through_every_view(sesv2, fake, content_type) -> None:
    sesv2.send_email(**SEND_V2, Content={"Simple": {**V2_SIMPLE["Simple"], "Attachments": [
        {"RawContent": b"abc", "FileName": "a.bin", "ContentType": content_type}]}})
    read_every_view(fake)
    [attachment] = fake.sent_messages[0].attachments
    assert attachment.content == b"abc"


def test_a_raw_header_the_parser_fails_on_is_kept_as_written(ses, fake) -> None:
    data = b"From: me@example.com\r\nTo: undisclosed-recipients:;\r\n leading fold\r\nSubject: Hi\r\n\r\nHello\r\n"
    ses.send_raw_email(RawMessage={"Data": data}, Destinations=["ann@example.org"])
    read_every_view(fake)
    assert str(fake.sent_messages[0].mime["To"]).startswith("undisclosed-recipients:;")


def test_a_header_too_long_to_parse_is_kept_as_written_in_mime(ses, fake) -> None:
    subject = "=?utf-8?b?a?=" * 6_000 + "@"  # 78,001 characters of words that do not decode
    ses.send_email(Source="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                   Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": "Hello"}}})
    assert fake.sent_messages[0].mime["Subject"] == subject
