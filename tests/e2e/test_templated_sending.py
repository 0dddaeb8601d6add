"""Templated sends through boto3: v1 SendTemplatedEmail, v2 SendEmail with Content.Template.

What a test sees: each templated SentMessage carries the template's name, the data
(parsed) and the rendered subject, text and html; ``raw`` is the message as SES delivers
it. A template that cannot be rendered does not fail the call (F13): the message is
accepted, not delivered, and a Rendering Failure event is logged, unless the fake was
started with ``raise_on_rendering_failure``. Sources are beside the code in
fakeses/domain/templated.py and fakeses/api/templated.py.
"""
from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError
from support.clients import client

from fakeses import RenderingFailure, fakeses

WELCOME = {
    "TemplateName": "welcome",
    "SubjectPart": "Welcome, {{name}}!",
    "TextPart": "Hi {{name}},\r\nyour code is {{code}}.",
    "HtmlPart": "<p>Hi <b>{{name}}</b>, your code is {{code}}.</p>",
}
DATA = {"name": "Ann", "code": 1234}


@pytest.fixture
def fake(ses_backend, v1):
    ses_backend.verify_identity("example.com")
    v1.create_template(Template=WELCOME)
    return ses_backend


def send_v1(v1, data=DATA, **extra):
    params = dict(Source="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                  Template="welcome", TemplateData=json.dumps(data) if not isinstance(data, str) else data)
    params.update(extra)
    return v1.send_templated_email(**params)["MessageId"]


def send_v2(v2, template=None, **extra):
    template = template or {"TemplateName": "welcome", "TemplateData": json.dumps(DATA)}
    params = dict(FromEmailAddress="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                  Content={"Template": template})
    params.update(extra)
    return v2.send_email(**params)["MessageId"]


def code_of(excinfo) -> tuple[str, str]:
    error = excinfo.value.response["Error"]
    return error["Code"], error.get("Message", "")


# -- what a test sees ----------------------------------------------------------------------

def test_a_templated_message_carries_the_rendered_parts(v1, fake):
    message_id = send_v1(v1)
    [message] = fake.sent_messages
    assert message.message_id == message_id
    assert (message.operation, message.service) == ("SendTemplatedEmail", "ses")
    assert message.template == "welcome"
    assert message.template_data == DATA
    assert message.subject == "Welcome, Ann!"
    assert message.text == "Hi Ann,\r\nyour code is 1234."
    assert message.html == "<p>Hi <b>Ann</b>, your code is 1234.</p>"
    assert message.delivered and message.failure is None


def test_the_raw_message_is_what_ses_delivers(v1, fake):
    """Templated mail is delivered as Date, From, To, Subject, MIME-Version, Content-Type
    (LocalStack's AWS snapshot of a SendTemplatedEmail delivery; G47), then SES's Message-ID."""
    send_v1(v1)
    [message] = fake.sent_messages
    names = [name for name, _ in message.mime.items()]
    assert names == ["Date", "From", "To", "Subject", "MIME-Version", "Content-Type", "Message-ID"]
    assert message.mime["Message-ID"] == f"<{message.message_id}@email.amazonses.com>"
    assert message.mime.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in message.mime.iter_parts()] == ["text/plain", "text/html"]
    assert message.mime["Subject"] == "Welcome, Ann!"


def test_a_text_only_template_is_a_single_text_part(v1, fake):
    v1.create_template(Template={"TemplateName": "plain", "SubjectPart": "Hi", "TextPart": "Hello {{name}}"})
    send_v1(v1, Template="plain")
    message = fake.sent_messages[-1]
    assert message.mime.get_content_type() == "text/plain"
    assert message.html is None and message.text == "Hello Ann"


def test_html_in_the_data_is_not_escaped(v1, fake):
    """"SES doesn't escape HTML content when rendering the HTML template" (F12)."""
    send_v1(v1, data={"name": "<i>Ann</i> & co", "code": 1})
    assert fake.sent_messages[-1].html == "<p>Hi <b><i>Ann</i> & co</b>, your code is 1.</p>"


def test_a_templated_send_logs_a_send_event_then_its_delivery(v1, fake):
    """As recorded for SendTemplatedEmail (LocalStack's AWS snapshot 2023-08-26)."""
    send_v1(v1)
    [message] = fake.sent_messages
    assert [(e.type, e.message) for e in fake.events] == [("Send", message), ("Delivery", message)]


# -- rendering failures --------------------------------------------------------------------

def test_a_missing_attribute_is_accepted_but_not_delivered(v1, fake):
    """A send with a missing variable returns a MessageId and is never delivered; only a
    Rendering Failure event tells (F13: aws/aws-sdk-js#2239, aws/aws-sdk-go#3609)."""
    message_id = send_v1(v1, data={"name": "Ann"})
    [message] = fake.sent_messages
    assert message.message_id == message_id
    assert not message.delivered
    assert message.failure == "Rendering Failure: Attribute 'code' is not present in the rendering data."
    assert [e.type for e in fake.events_of(message)] == ["Send", "Rendering Failure"]
    failure = fake.events_of(message, "Rendering Failure")[0]
    assert failure.details == {"errorMessage": "Attribute 'code' is not present in the rendering data.",
                               "templateName": "welcome"}


def test_a_null_value_is_a_missing_attribute(v1, fake):
    send_v1(v1, data={"name": None, "code": 1})
    assert fake.sent_messages[-1].failure == "Rendering Failure: Attribute 'name' is not present in the rendering data."


def test_raise_on_rendering_failure_fails_at_the_send():
    with fakeses(raise_on_rendering_failure=True) as fake:
        v1 = client("ses")
        fake.verify_identity("example.com")
        v1.create_template(Template=WELCOME)
        with pytest.raises(RenderingFailure, match="Attribute 'code' is not present") as raised:
            send_v1(v1, data={"name": "Ann"})
        [message] = fake.sent_messages  # still recorded: nothing is lost
        assert raised.value.messages == [message]
        send_v1(v1)  # a good send is unaffected


@pytest.mark.fakeses(raise_on_rendering_failure=True)
def test_the_marker_takes_raise_on_rendering_failure(ses_backend, v2):
    ses_backend.verify_identity("example.com")
    v2.create_email_template(TemplateName="t", TemplateContent={"Subject": "{{x}}", "Text": "t"})
    with pytest.raises(RenderingFailure):
        send_v2(v2, {"TemplateName": "t", "TemplateData": "{}"})


# -- refusals --------------------------------------------------------------------------------

def test_an_unknown_template_is_refused(v1, fake):
    """"Template X does not exist." (serverless-ses-template#5, localstack#1712; F13)."""
    with pytest.raises(ClientError) as excinfo:
        send_v1(v1, Template="nope")
    assert code_of(excinfo) == ("TemplateDoesNotExist", "Template nope does not exist.")
    assert not fake.sent_messages


@pytest.mark.parametrize("data", ["not json", "[1, 2]", '"text"'])
def test_template_data_that_is_not_a_json_object_is_refused(v1, fake, data):
    with pytest.raises(ClientError) as excinfo:
        send_v1(v1, data=data)
    assert code_of(excinfo)[0] == "InvalidParameterValue"
    assert not fake.sent_messages


def test_every_sending_rule_applies(v1, fake):
    with pytest.raises(ClientError) as excinfo:
        send_v1(v1, Source="someone@elsewhere.com")
    assert code_of(excinfo)[0] == "MessageRejected"
    with pytest.raises(ClientError) as excinfo:
        send_v1(v1, Destination={"ToAddresses": [f"a{i}@example.org" for i in range(51)]})
    assert code_of(excinfo) == ("InvalidParameterValue", "Recipient count exceeds 50.")
    assert not fake.sent_messages


def test_the_sandbox_applies_to_templated_sends():
    with fakeses(sandbox=True) as fake:
        v1 = client("ses")
        fake.verify_identity("example.com")
        v1.create_template(Template=WELCOME)
        with pytest.raises(ClientError) as excinfo:
            send_v1(v1)
        assert code_of(excinfo)[0] == "MessageRejected"
        send_v1(v1, Destination={"ToAddresses": ["success@simulator.amazonses.com"]})
        assert len(fake.sent_messages) == 1


# -- v2 Content.Template ---------------------------------------------------------------------

def test_v2_sends_a_template_created_through_v1(v2, fake):
    message_id = send_v2(v2)
    [message] = fake.sent_messages
    assert message.message_id == message_id
    assert (message.operation, message.service, message.template) == ("SendEmail", "sesv2", "welcome")
    assert message.subject == "Welcome, Ann!"


def test_v2_names_a_template_by_arn(v2, fake):
    arn = "arn:aws:ses:us-east-1:123456789012:template/welcome"
    send_v2(v2, {"TemplateArn": arn, "TemplateData": json.dumps(DATA)})
    assert fake.sent_messages[-1].template == "welcome"


def test_v2_unknown_template_is_not_found(v2, fake):
    with pytest.raises(ClientError) as excinfo:
        send_v2(v2, {"TemplateName": "nope", "TemplateData": "{}"})
    assert code_of(excinfo)[0] == "NotFoundException"


def test_v2_inline_content_is_rendered_and_has_no_template_name(v2, fake):
    send_v2(v2, {"TemplateContent": {"Subject": "Hi {{name}}", "Text": "Code {{code}}"},
                 "TemplateData": json.dumps(DATA)})
    message = fake.sent_messages[-1]
    assert (message.template, message.subject, message.text) == (None, "Hi Ann", "Code 1234")


def test_v2_inline_content_refuses_block_helpers(v2, fake):
    """"Template contains unsupported operations." for {{#if}} in inline content
    (aws/aws-sdk-js-v3#6657)."""
    with pytest.raises(ClientError) as excinfo:
        send_v2(v2, {"TemplateContent": {"Subject": "{{#if a}}x{{/if}}", "Text": "t"}, "TemplateData": "{}"})
    assert code_of(excinfo) == ("BadRequestException", "Template contains unsupported operations.")


def test_v2_inline_rendering_failure_names_no_template(v2, fake):
    send_v2(v2, {"TemplateContent": {"Subject": "Hi {{name}}", "Text": "t"}, "TemplateData": "{}"})
    [event] = fake.events_of(fake.sent_messages[-1], "Rendering Failure")
    assert event.details["templateName"] is None


def test_v2_template_headers_and_attachments_are_delivered(v2, fake):
    template = {"TemplateName": "welcome", "TemplateData": json.dumps(DATA),
                "Headers": [{"Name": "X-Campaign", "Value": "spring"}],
                "Attachments": [{"RawContent": b"hello", "FileName": "a.txt", "ContentType": "text/plain"}]}
    try:
        send_v2(v2, template)
    except Exception as error:  # an older botocore does not model Headers/Attachments on Template
        pytest.skip(f"this botocore cannot send Template.Headers/Attachments: {error}")
    message = fake.sent_messages[-1]
    assert message.mime["X-Campaign"] == "spring"
    [attachment] = message.attachments
    assert (attachment.filename, attachment.content_type, attachment.content) == ("a.txt", "text/plain", b"hello")


def test_v2_template_without_from_is_a_bad_request(v2, fake):
    with pytest.raises(ClientError) as excinfo:
        v2.send_email(Destination={"ToAddresses": ["ann@example.org"]},
                      Content={"Template": {"TemplateName": "welcome", "TemplateData": "{}"}})
    assert code_of(excinfo)[0] == "BadRequestException"
