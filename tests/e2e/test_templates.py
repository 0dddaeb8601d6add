"""Email templates through boto3: v1 *Template and v2 *EmailTemplate, one store.

Every test would run unchanged against real SES, but for ``backend()`` used to fill the
store up to its 20,000-template limit. Each answer is held to the output shape and each
error to the operation's declared errors (tests/support). Facts F* are in the shared
research user-needs.md; the sources of the rest are beside the code they test.
"""
from __future__ import annotations

import datetime as dt
import email
import email.policy
import json

import pytest
from botocore.exceptions import ClientError
from support.clients import client
from support.errors import undeclared
from support.model import needs_member
from support.schemas import check_response

from fakeses.domain import clock

WELCOME = {
    "TemplateName": "welcome",
    "SubjectPart": "Greetings, {{name}}!",
    "TextPart": "Dear {{name}},\r\nYour favorite animal is {{favoriteanimal}}.",
    "HtmlPart": "<h1>Hello {{name}},</h1><p>Your favorite animal is {{favoriteanimal}}.</p>",
}
DATA = json.dumps({"name": "John", "favoriteanimal": "Lion"})






def ok(service: str, op: str, response: dict) -> dict:
    """The response without its metadata, after checking it against the output shape."""
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    check_response(service, op, body)
    return body


def refused(service: str, op: str, call, **params) -> tuple[str, int, str]:
    """(code, status, message) of a call that must fail with an error SES declares for ``op``."""
    with pytest.raises(ClientError) as raised:
        call(**params)
    response = raised.value.response
    code, status = response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"]
    assert undeclared(service, op, code, status) is None
    return code, status, response["Error"].get("Message", "")


def v2_content(template: dict) -> dict:
    return {"Subject": template["SubjectPart"], "Text": template["TextPart"], "Html": template["HtmlPart"]}


# -- v1 CRUD ---------------------------------------------------------------------------------

def test_a_created_template_is_returned_as_given(v1, ses_backend):
    assert ok("ses", "CreateTemplate", v1.create_template(Template=WELCOME)) == {}
    assert ok("ses", "GetTemplate", v1.get_template(TemplateName="welcome")) == {"Template": WELCOME}


def test_a_template_with_html_and_no_text_is_valid(v1, ses_backend):
    # localstack/localstack#3850: AWS accepts it (F13)
    v1.create_template(Template={"TemplateName": "t", "SubjectPart": "S", "HtmlPart": "<p>x</p>"})
    assert ok("ses", "GetTemplate", v1.get_template(TemplateName="t"))["Template"] == {
        "TemplateName": "t", "SubjectPart": "S", "HtmlPart": "<p>x</p>"}


def test_creating_a_template_twice_is_refused(v1, ses_backend):
    v1.create_template(Template=WELCOME)
    code, status, message = refused("ses", "CreateTemplate", v1.create_template, Template=WELCOME)
    assert (code, status) == ("AlreadyExists", 400)  # the model's code for AlreadyExistsException
    assert message == "Template welcome already exists."


@pytest.mark.parametrize("subject", [None, ""])
def test_a_template_without_a_subject_is_refused(v1, ses_backend, subject):
    # boto/boto3#2464 (recorded): InvalidParameterValue "The subject must be specified."
    template = {"TemplateName": "t", "TextPart": "x"} | ({} if subject is None else {"SubjectPart": subject})
    code, status, message = refused("ses", "CreateTemplate", v1.create_template, Template=template)
    assert (code, status, message) == ("InvalidParameterValue", 400, "The subject must be specified.")


@pytest.mark.parametrize("part", ["SubjectPart", "TextPart", "HtmlPart"])
def test_a_template_that_does_not_parse_is_refused(v1, ses_backend, part):
    template = dict(WELCOME, **{part: "Hi {{#if name}}unclosed"})
    code, status, _ = refused("ses", "CreateTemplate", v1.create_template, Template=template)
    assert (code, status) == ("InvalidTemplate", 400)
    with pytest.raises(ClientError):
        v1.get_template(TemplateName="welcome")


def test_a_template_using_an_undefined_partial_is_refused(v1, ses_backend):
    # "may occur when a template refers to a partial that does not exist" (seed 004)
    template = dict(WELCOME, HtmlPart="<p>{{> footer}}</p>")
    assert refused("ses", "CreateTemplate", v1.create_template, Template=template)[:2] == ("InvalidTemplate", 400)


def test_a_template_over_500_kb_is_refused(v1, ses_backend):
    # "up to 500 KB in size, including both the text and HTML parts" (developer guide)
    big = "x" * (250 * 1024)
    fits = {"TemplateName": "fits", "SubjectPart": "S", "TextPart": big, "HtmlPart": big[:-2]}
    v1.create_template(Template=fits)
    too_big = dict(fits, TemplateName="big", HtmlPart=big + "x")
    assert refused("ses", "CreateTemplate", v1.create_template, Template=too_big)[:2] == ("InvalidTemplate", 400)


def test_the_twenty_thousand_and_first_template_is_refused(v1, ses_backend):
    templates = ses_backend.backend().templates
    for n in range(20_000):
        templates.create(f"t{n}", subject="S", text=None, html=None)
    code, status, _ = refused("ses", "CreateTemplate", v1.create_template, Template=WELCOME)
    assert (code, status) == ("LimitExceeded", 400)
    v1.delete_template(TemplateName="t0")
    v1.create_template(Template=WELCOME)


def test_an_unknown_template_does_not_exist(v1, ses_backend):
    code, status, message = refused("ses", "GetTemplate", v1.get_template, TemplateName="example_name_dev_production")
    # Enase/serverless-ses-template#5 (F13)
    assert (code, status, message) == ("TemplateDoesNotExist", 400, "Template example_name_dev_production does not exist.")


def test_updating_replaces_the_content(v1, ses_backend):
    v1.create_template(Template=WELCOME)
    updated = dict(WELCOME, SubjectPart="Hi, {{name}}!", TextPart="Your color is {{color}}")
    del updated["HtmlPart"]
    assert ok("ses", "UpdateTemplate", v1.update_template(Template=updated)) == {}
    assert v1.get_template(TemplateName="welcome")["Template"] == updated


def test_updating_an_unknown_or_broken_template_is_refused(v1, ses_backend):
    assert refused("ses", "UpdateTemplate", v1.update_template, Template=WELCOME)[:2] == ("TemplateDoesNotExist", 400)
    v1.create_template(Template=WELCOME)
    broken = dict(WELCOME, TextPart="{{/each}}")
    assert refused("ses", "UpdateTemplate", v1.update_template, Template=broken)[:2] == ("InvalidTemplate", 400)
    assert v1.get_template(TemplateName="welcome")["Template"] == WELCOME


def test_deleting_removes_and_an_unknown_name_is_no_error(v1, ses_backend):
    v1.create_template(Template=WELCOME)
    assert ok("ses", "DeleteTemplate", v1.delete_template(TemplateName="welcome")) == {}
    assert refused("ses", "GetTemplate", v1.get_template, TemplateName="welcome")[0] == "TemplateDoesNotExist"
    # DeleteTemplate of a missing name returns 200 (boto/boto3#3140; F14)
    assert ok("ses", "DeleteTemplate", v1.delete_template(TemplateName="never-there")) == {}


# -- v1 listing ------------------------------------------------------------------------------

def test_templates_are_listed_newest_first_with_their_creation_time(v1, ses_backend):
    before = clock.utcnow() - dt.timedelta(seconds=1)
    for name in ("a", "b", "c"):
        v1.create_template(Template={"TemplateName": name, "SubjectPart": "S"})
    listed = ok("ses", "ListTemplates", v1.list_templates())
    assert [t["Name"] for t in listed["TemplatesMetadata"]] == ["c", "b", "a"]  # floci's probes (F29)
    assert all(t["CreatedTimestamp"] >= before for t in listed["TemplatesMetadata"])
    assert "NextToken" not in listed


def test_list_templates_pages_by_ten_by_default(v1, ses_backend):
    for n in range(25):
        v1.create_template(Template={"TemplateName": f"t{n:02}", "SubjectPart": "S"})
    first = v1.list_templates()  # "If you do not specify a value, 10 is the default page size" (seed 004)
    second = v1.list_templates(NextToken=first["NextToken"])
    third = ok("ses", "ListTemplates", v1.list_templates(NextToken=second["NextToken"]))
    names = [t["Name"] for page in (first, second, third) for t in page["TemplatesMetadata"]]
    assert [len(p["TemplatesMetadata"]) for p in (first, second, third)] == [10, 10, 5]
    assert names == [f"t{n:02}" for n in reversed(range(25))]
    assert "NextToken" not in third


def test_a_max_items_over_100_is_served_100(v1, ses_backend):
    for n in range(120):
        ses_backend.backend().templates.create(f"t{n}", subject="S", text=None, html=None)
    # "If more than 100 items are requested, the page size will automatically set to 100" (seed 004)
    assert len(v1.list_templates(MaxItems=1000)["TemplatesMetadata"]) == 100
    assert len(v1.list_templates(MaxItems=7)["TemplatesMetadata"]) == 7


def test_a_token_list_templates_did_not_issue_is_refused(v1, ses_backend):
    code, status, message = refused("ses", "ListTemplates", v1.list_templates, NextToken="not-a-token")
    assert (code, status, message) == ("InvalidParameterValue", 400, "Invalid PageToken <not-a-token>.")


# -- v1 TestRenderTemplate ------------------------------------------------------------------------

def test_render_answers_the_whole_mime_message(v1, ses_backend):
    v1.create_template(Template=WELCOME)
    rendered = ok("ses", "TestRenderTemplate", v1.test_render_template(TemplateName="welcome", TemplateData=DATA))
    message = email.message_from_string(rendered["RenderedTemplate"], policy=email.policy.default)
    assert message["Subject"] == "Greetings, John!"
    assert message["MIME-Version"] == "1.0"
    assert message["Date"].datetime.tzinfo is not None
    assert message.get_content_type() == "multipart/alternative"
    text, html = (part.get_content() for part in message.iter_parts())
    assert text.replace("\r\n", "\n") == "Dear John,\nYour favorite animal is Lion."
    assert html == "<h1>Hello John,</h1><p>Your favorite animal is Lion.</p>"


def test_render_writes_html_as_given(v1, ses_backend):
    # "SES doesn't escape HTML content when rendering the HTML template" (F12)
    v1.create_template(Template={"TemplateName": "t", "SubjectPart": "S", "HtmlPart": "<p>{{note}}</p>"})
    rendered = v1.test_render_template(TemplateName="t", TemplateData=json.dumps({"note": "<b>&</b>"}))
    assert "<p><b>&</b></p>" in rendered["RenderedTemplate"]


def test_render_of_the_advanced_example(v1, ses_backend):
    # moto's test_render_template__advanced, verified against AWS (F12)
    v1.create_template(Template={
        "TemplateName": "MTT", "SubjectPart": "..", "TextPart": "..",
        "HtmlPart": "{{#each items}} {{name}} is {{#if best}}the best{{else}}a {{type}}{{/if}}, {{/each}}"})
    data = {"items": [{"type": "dog", "name": "bobby", "best": True}, {"type": "cat", "name": "pedro", "best": False}]}
    rendered = v1.test_render_template(TemplateName="MTT", TemplateData=json.dumps(data))["RenderedTemplate"]
    assert "bobby is the best" in rendered and "pedro is a cat" in rendered


def test_render_with_a_missing_attribute_is_refused(v1, ses_backend):
    v1.create_template(Template=WELCOME)
    code, status, message = refused("ses", "TestRenderTemplate", v1.test_render_template,
                                    TemplateName="welcome", TemplateData=json.dumps({"name": "John"}))
    # F13: the message of the real answer
    assert (code, status, message) == (
        "MissingRenderingAttribute", 400, "Attribute 'favoriteanimal' is not present in the rendering data.")


@pytest.mark.parametrize("data", ["{not json", "[1, 2]", '"text"', "null"])
def test_render_with_data_that_is_not_a_json_object_is_refused(v1, ses_backend, data):
    v1.create_template(Template=WELCOME)
    code, status, _ = refused("ses", "TestRenderTemplate", v1.test_render_template, TemplateName="welcome", TemplateData=data)
    assert (code, status) == ("InvalidRenderingParameter", 400)


def test_render_of_an_unknown_template_is_refused(v1, ses_backend):
    code, status, message = refused("ses", "TestRenderTemplate", v1.test_render_template, TemplateName="nope", TemplateData="{}")
    assert (code, status, message) == ("TemplateDoesNotExist", 400, "Template nope does not exist.")


# -- v2 ------------------------------------------------------------------------------------------------

def test_v2_create_get_update_delete(v2, ses_backend):
    needs_member("sesv2", "CreateEmailTemplate", "Tags")
    content = v2_content(WELCOME)
    assert ok("sesv2", "CreateEmailTemplate", v2.create_email_template(
        TemplateName="welcome", TemplateContent=content, Tags=[{"Key": "team", "Value": "growth"}])) == {}
    assert ok("sesv2", "GetEmailTemplate", v2.get_email_template(TemplateName="welcome")) == {
        "TemplateName": "welcome", "TemplateContent": content, "Tags": [{"Key": "team", "Value": "growth"}]}
    new = {"Subject": "New {{name}}", "Html": "<p>{{name}}</p>"}
    assert ok("sesv2", "UpdateEmailTemplate", v2.update_email_template(TemplateName="welcome", TemplateContent=new)) == {}
    got = v2.get_email_template(TemplateName="welcome")
    assert got["TemplateContent"] == new and got["Tags"] == [{"Key": "team", "Value": "growth"}]
    assert ok("sesv2", "DeleteEmailTemplate", v2.delete_email_template(TemplateName="welcome")) == {}
    assert refused("sesv2", "GetEmailTemplate", v2.get_email_template, TemplateName="welcome")[:2] == ("NotFoundException", 404)


def test_v2_errors(v2, ses_backend):
    content = v2_content(WELCOME)
    assert refused("sesv2", "GetEmailTemplate", v2.get_email_template, TemplateName="nope") == (
        "NotFoundException", 404, "Template nope does not exist.")
    assert refused("sesv2", "UpdateEmailTemplate", v2.update_email_template,
                   TemplateName="nope", TemplateContent=content)[:2] == ("NotFoundException", 404)
    # v2 is strict where v1 is not: deleting an unknown template is NotFoundException (model; F14)
    assert refused("sesv2", "DeleteEmailTemplate", v2.delete_email_template, TemplateName="nope")[:2] == (
        "NotFoundException", 404)
    assert refused("sesv2", "TestRenderEmailTemplate", v2.test_render_email_template,
                   TemplateName="nope", TemplateData="{}")[:2] == ("NotFoundException", 404)
    v2.create_email_template(TemplateName="welcome", TemplateContent=content)
    assert refused("sesv2", "CreateEmailTemplate", v2.create_email_template,
                   TemplateName="welcome", TemplateContent=content) == (
        "AlreadyExistsException", 400, "Template welcome already exists.")
    assert refused("sesv2", "CreateEmailTemplate", v2.create_email_template,
                   TemplateName="other", TemplateContent={"Text": "no subject"}) == (
        "BadRequestException", 400, "The subject must be specified.")
    assert refused("sesv2", "CreateEmailTemplate", v2.create_email_template,
                   TemplateName="other", TemplateContent={"Subject": "{{#each x}}"})[:2] == ("BadRequestException", 400)
    assert refused("sesv2", "UpdateEmailTemplate", v2.update_email_template,
                   TemplateName="welcome", TemplateContent={"Subject": "{{> nope}}"})[:2] == ("BadRequestException", 400)


def test_v2_the_twenty_thousand_and_first_template_is_refused(v2, ses_backend):
    templates = ses_backend.backend().templates
    for n in range(20_000):
        templates.create(f"t{n}", subject="S", text=None, html=None)
    code, status, _ = refused("sesv2", "CreateEmailTemplate", v2.create_email_template,
                              TemplateName="one-more", TemplateContent={"Subject": "S"})
    assert (code, status) == ("LimitExceededException", 400)


def test_v2_render(v2, ses_backend):
    v2.create_email_template(TemplateName="welcome", TemplateContent=v2_content(WELCOME))
    rendered = ok("sesv2", "TestRenderEmailTemplate", v2.test_render_email_template(TemplateName="welcome", TemplateData=DATA))
    message = email.message_from_string(rendered["RenderedTemplate"], policy=email.policy.default)
    assert message["Subject"] == "Greetings, John!"
    # v2 models only BadRequestException for a rendering failure
    assert refused("sesv2", "TestRenderEmailTemplate", v2.test_render_email_template,
                   TemplateName="welcome", TemplateData=json.dumps({"name": "John"})) == (
        "BadRequestException", 400, "Attribute 'favoriteanimal' is not present in the rendering data.")
    assert refused("sesv2", "TestRenderEmailTemplate", v2.test_render_email_template,
                   TemplateName="welcome", TemplateData="[]")[:2] == ("BadRequestException", 400)


def test_v2_list_pages_by_ten_and_refuses_a_page_size_over_100(v2, ses_backend):
    for n in range(12):
        v2.create_email_template(TemplateName=f"t{n:02}", TemplateContent={"Subject": "S"})
    first = ok("sesv2", "ListEmailTemplates", v2.list_email_templates())  # "the next 10" (seed 001)
    assert [t["TemplateName"] for t in first["TemplatesMetadata"]] == [f"t{n:02}" for n in range(11, 1, -1)]
    rest = v2.list_email_templates(NextToken=first["NextToken"], PageSize=100)
    assert [t["TemplateName"] for t in rest["TemplatesMetadata"]] == ["t01", "t00"]
    assert "NextToken" not in rest
    # floci's probes of SES (F29)
    assert refused("sesv2", "ListEmailTemplates", v2.list_email_templates, PageSize=101) == (
        "BadRequestException", 400, "The page size must be between 1 and 100")
    assert refused("sesv2", "ListEmailTemplates", v2.list_email_templates, NextToken="junk") == (
        "BadRequestException", 400, "Invalid PageToken <junk>.")


# -- one store, two doors -------------------------------------------------------------------------------

def test_a_v1_template_is_a_v2_template_and_back(v1, v2, ses_backend):
    v1.create_template(Template=WELCOME)
    assert v2.get_email_template(TemplateName="welcome")["TemplateContent"] == v2_content(WELCOME)
    v2.create_email_template(TemplateName="second", TemplateContent={"Subject": "Hi {{name}}"})
    assert v1.get_template(TemplateName="second")["Template"] == {"TemplateName": "second", "SubjectPart": "Hi {{name}}"}
    assert "Hi John" in v1.test_render_template(TemplateName="second", TemplateData=DATA)["RenderedTemplate"]
    assert refused("sesv2", "CreateEmailTemplate", v2.create_email_template,
                   TemplateName="welcome", TemplateContent={"Subject": "S"})[0] == "AlreadyExistsException"
    v2.delete_email_template(TemplateName="welcome")
    assert [t["Name"] for t in v1.list_templates()["TemplatesMetadata"]] == ["second"]


def test_list_tokens_work_across_the_two_apis(v1, v2, ses_backend):
    for n in range(15):
        v1.create_template(Template={"TemplateName": f"t{n:02}", "SubjectPart": "S"})
    first = v1.list_templates()
    rest = v2.list_email_templates(NextToken=first["NextToken"])  # F29: tokens are interchangeable
    names = [t["Name"] for t in first["TemplatesMetadata"]] + [t["TemplateName"] for t in rest["TemplatesMetadata"]]
    assert names == [f"t{n:02}" for n in reversed(range(15))]
    assert first["TemplatesMetadata"][0]["CreatedTimestamp"] == v2.list_email_templates()["TemplatesMetadata"][0]["CreatedTimestamp"]


def test_templates_belong_to_a_region(ses_backend):
    client("ses", "us-east-1").create_template(Template=WELCOME)
    elsewhere = client("ses", "eu-west-1")
    assert elsewhere.list_templates()["TemplatesMetadata"] == []
    assert refused("ses", "GetTemplate", elsewhere.get_template, TemplateName="welcome")[0] == "TemplateDoesNotExist"
