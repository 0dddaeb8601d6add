"""Custom verification emails through boto3: v1 and v2 templates in one store, the send,
and the click on the link that verifies the address.

Each answer is held to the output shape and each error to the operation's declared
errors (tests/e2e/conftest.py). The sources of SES's texts are beside the code they test
(fakeses/domain/custom_verification.py, fakeses/domain/errors.py).
"""
from __future__ import annotations

import datetime as dt

import pytest
from support.clients import body, refusal
from support.model import needs_member

FROM = "onboarding@example.com"
TEMPLATE = {
    "TemplateName": "onboarding",
    "FromEmailAddress": FROM,
    "TemplateSubject": "Please confirm your email address",
    "TemplateContent": '<html><head></head><body style="font-family:sans-serif;"><h1>Ready to send '
                       "with ProductName?</h1><p>Click the link below.</p></body></html>",
    "SuccessRedirectionURL": "https://www.example.com/verifysuccess",
    "FailureRedirectionURL": "https://www.example.com/verifyfailure",
}
PENDING = pytest.mark.fakeses(auto_verify=False)
SANDBOX = pytest.mark.fakeses(sandbox=True)


@pytest.fixture
def sender(ses_backend):
    ses_backend.verify_identity("example.com")


def create(client, **changes):
    client.create_custom_verification_email_template(**dict(TEMPLATE, **changes))


# -- templates ---------------------------------------------------------------------------------

def test_a_template_created_on_v1_is_read_on_v2_and_back(v1, v2, sender):
    create(v1)
    got = body(v2.get_custom_verification_email_template(TemplateName="onboarding"))
    assert got.pop("Tags", []) == []  # an older botocore does not model the member
    assert got == TEMPLATE
    create(v2, TemplateName="second")
    assert body(v1.get_custom_verification_email_template(TemplateName="second")) == dict(TEMPLATE, TemplateName="second")


def test_tags_given_at_creation_are_read_back_on_v2(v2, sender):
    needs_member("sesv2", "CreateCustomVerificationEmailTemplate", "Tags")
    create(v2, TemplateName="second", Tags=[{"Key": "team", "Value": "growth"}])
    assert body(v2.get_custom_verification_email_template(TemplateName="second"))["Tags"] == [
        {"Key": "team", "Value": "growth"}]


def test_list_gives_every_field_but_the_content(v1, v2, sender):
    create(v2)
    listed = TEMPLATE.copy()
    del listed["TemplateContent"]
    assert body(v1.list_custom_verification_email_templates()) == {"CustomVerificationEmailTemplates": [listed]}
    assert body(v2.list_custom_verification_email_templates()) == {"CustomVerificationEmailTemplates": [listed]}


def test_a_second_template_of_the_same_name_is_refused(v1, v2, sender):
    create(v1)
    assert refusal(v1.create_custom_verification_email_template, **TEMPLATE) == (
        400, "CustomVerificationEmailTemplateAlreadyExists",
        "Custom verification email template <onboarding> already exists")
    assert refusal(v2.create_custom_verification_email_template, **TEMPLATE) == (
        400, "AlreadyExistsException", "Custom verification email template <onboarding> already exists")


def test_an_unknown_template_is_not_found(v1, v2, ses_backend):
    message = "Custom verification email template <nope> does not exist"
    assert refusal(v1.get_custom_verification_email_template, TemplateName="nope") == (
        400, "CustomVerificationEmailTemplateDoesNotExist", message)
    assert refusal(v2.get_custom_verification_email_template, TemplateName="nope") == (
        404, "NotFoundException", message)
    assert refusal(v1.update_custom_verification_email_template, TemplateName="nope", TemplateSubject="x") == (
        400, "CustomVerificationEmailTemplateDoesNotExist", message)
    assert refusal(v2.update_custom_verification_email_template, **dict(TEMPLATE, TemplateName="nope")) == (
        404, "NotFoundException", message)
    assert refusal(v2.delete_custom_verification_email_template, TemplateName="nope") == (
        404, "NotFoundException", message)
    v1.delete_custom_verification_email_template(TemplateName="nope")  # v1 models no error for it


def test_v1_update_changes_only_what_it_names(v1, v2, sender):
    create(v2)
    v1.update_custom_verification_email_template(TemplateName="onboarding", TemplateSubject="Confirm, please")
    got = body(v1.get_custom_verification_email_template(TemplateName="onboarding"))
    assert got == dict(TEMPLATE, TemplateSubject="Confirm, please")
    v2.update_custom_verification_email_template(**dict(TEMPLATE, SuccessRedirectionURL="https://e.example/ok"))
    assert body(v1.get_custom_verification_email_template(TemplateName="onboarding")) == dict(
        TEMPLATE, SuccessRedirectionURL="https://e.example/ok")


def test_delete_removes_the_template_from_both_apis(v1, v2, sender):
    create(v1)
    v2.delete_custom_verification_email_template(TemplateName="onboarding")
    assert refusal(v1.get_custom_verification_email_template, TemplateName="onboarding")[0] == 400
    create(v2)
    v1.delete_custom_verification_email_template(TemplateName="onboarding")
    assert body(v2.list_custom_verification_email_templates()) == {"CustomVerificationEmailTemplates": []}


def test_the_from_address_must_be_verified(v1, v2, ses_backend):
    message = "The from email address <onboarding@example.com> is not verified"
    assert refusal(v1.create_custom_verification_email_template, **TEMPLATE) == (
        400, "FromEmailAddressNotVerified", message)
    assert refusal(v2.create_custom_verification_email_template, **TEMPLATE) == (404, "NotFoundException", message)
    ses_backend.verify_identity(FROM)
    create(v1)
    assert refusal(v1.update_custom_verification_email_template, TemplateName="onboarding",
                   FromEmailAddress="other@example.org") == (
        400, "FromEmailAddressNotVerified", "The from email address <other@example.org> is not verified")


def test_a_display_name_in_the_from_address_is_refused(v1, sender):
    assert refusal(v1.create_custom_verification_email_template,
                   **dict(TEMPLATE, FromEmailAddress=f"Example <{FROM}>"))[1] == "FromEmailAddressNotVerified"


@pytest.mark.parametrize(("member", "text"), [
    ("SuccessRedirectionURL", "The success redirection URL is invalid"),
    ("FailureRedirectionURL", "The failure redirection URL is invalid"),
])
def test_a_redirection_that_is_not_a_url_is_refused(v1, v2, sender, member, text):
    assert refusal(v1.create_custom_verification_email_template, **dict(TEMPLATE, **{member: "not-a-url"})) == (
        400, "InvalidParameterValue", text)
    assert refusal(v2.create_custom_verification_email_template, **dict(TEMPLATE, **{member: "ftp://x"})) == (
        400, "BadRequestException", text)


def test_a_blank_subject_is_refused(v1, sender):
    assert refusal(v1.create_custom_verification_email_template, **dict(TEMPLATE, TemplateSubject=" ")) == (
        400, "InvalidParameterValue", "TemplateSubject is required.")


def test_html_outside_the_guides_table_is_invalid_content(v1, v2, sender):
    code = refusal(v1.create_custom_verification_email_template,
                   **dict(TEMPLATE, TemplateContent="<p>Hi</p><script>alert(1)</script>"))
    assert code == (400, "CustomVerificationEmailInvalidContent",
                    "The HTML tag <script> is not allowed in a custom verification email template.")
    assert refusal(v2.create_custom_verification_email_template,
                   **dict(TEMPLATE, TemplateContent='<p onclick="x()">Hi</p>'))[:2] == (400, "BadRequestException")
    create(v1)
    assert refusal(v1.update_custom_verification_email_template, TemplateName="onboarding",
                   TemplateContent='<a href="https://example.com">x</a>')[1] == "CustomVerificationEmailInvalidContent"


def test_fifty_templates_and_no_more(v1, v2, sender):
    for n in range(50):
        create(v2, TemplateName=f"t{n:02}")
    assert refusal(v1.create_custom_verification_email_template, **dict(TEMPLATE, TemplateName="t50")) == (
        400, "LimitExceeded", "You have reached the maximum number of custom verification email templates (50).")
    assert refusal(v2.create_custom_verification_email_template, **dict(TEMPLATE, TemplateName="t50"))[:2] == (
        400, "LimitExceededException")


def test_pages_share_tokens_between_the_apis(v1, v2, sender):
    for name in ("c", "a", "b"):
        create(v1, TemplateName=name)
    first = v2.list_custom_verification_email_templates(PageSize=2)
    assert [t["TemplateName"] for t in first["CustomVerificationEmailTemplates"]] == ["a", "b"]
    rest = v1.list_custom_verification_email_templates(MaxResults=2, NextToken=first["NextToken"])
    assert [t["TemplateName"] for t in rest["CustomVerificationEmailTemplates"]] == ["c"]
    assert "NextToken" not in rest
    assert refusal(v2.list_custom_verification_email_templates, PageSize=51) == (
        400, "BadRequestException", "The page size must be between 1 and 50")


# -- sending -------------------------------------------------------------------------------------

@PENDING
@pytest.mark.parametrize("api", ["v1", "v2"])
def test_the_email_carries_the_content_then_the_link_then_the_disclaimer(request, api, ses_backend, sender):
    client = request.getfixturevalue(api)
    create(client)
    sent = client.send_custom_verification_email(EmailAddress="ann@example.org", TemplateName="onboarding")
    [mail] = ses_backend.sent_messages
    assert mail.message_id == sent["MessageId"]
    assert (mail.operation, mail.service) == ("SendCustomVerificationEmail", "ses" if api == "v1" else "sesv2")
    assert (mail.source, mail.to, mail.subject) == (FROM, ["ann@example.org"], TEMPLATE["TemplateSubject"])
    link = mail.verification_link
    assert link.startswith("https://email-verification.us-east-1.amazonaws.com/?Context=123456789012&")
    assert "Identity.IdentityName=ann%40example.org" in link and "Operation=ConfirmVerification" in link
    html = mail.html
    assert html.index("Click the link below.") < html.index("email-verification") < html.index(
        "If you did not request to verify this email address")
    assert mail.mime["From"] == FROM


@PENDING
def test_following_the_link_verifies_the_address_which_can_then_send(v1, v2, ses_backend, sender):
    create(v2)
    v2.send_custom_verification_email(EmailAddress="ann@example.org", TemplateName="onboarding")
    attributes = v1.get_identity_verification_attributes(Identities=["ann@example.org"])["VerificationAttributes"]
    assert attributes == {"ann@example.org": {"VerificationStatus": "Pending"}}
    assert refusal(v2.send_email, FromEmailAddress="ann@example.org", Destination={"ToAddresses": ["b@example.net"]},
                   Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}})[:2] == (
        400, "MessageRejected")

    [mail] = ses_backend.sent_messages
    assert ses_backend.follow_verification_link(mail) == "https://www.example.com/verifysuccess"

    assert v2.get_email_identity(EmailIdentity="ann@example.org")["VerifiedForSendingStatus"] is True
    v2.send_email(FromEmailAddress="ann@example.org", Destination={"ToAddresses": ["bob@example.net"]},
                  Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}})
    assert ses_backend.sent_messages[-1].source == "ann@example.org"


@PENDING
def test_a_link_older_than_a_day_leads_to_the_failure_url(v1, ses_backend, sender, fixed_clock):
    create(v1)
    v1.send_custom_verification_email(EmailAddress="ann@example.org", TemplateName="onboarding")
    v1.send_custom_verification_email(EmailAddress="bob@example.org", TemplateName="onboarding")
    ann, bob = (mail.verification_link for mail in ses_backend.sent_messages)
    fixed_clock(dt.datetime(2026, 3, 6, 8, 6, tzinfo=dt.timezone.utc))  # a minute short of 24 h
    assert ses_backend.follow_verification_link(bob) == "https://www.example.com/verifysuccess"
    fixed_clock(dt.datetime(2026, 3, 6, 8, 8, tzinfo=dt.timezone.utc))  # 24 h and a minute later
    assert ses_backend.follow_verification_link(ann) == "https://www.example.com/verifyfailure"
    status = v1.get_identity_verification_attributes(Identities=["ann@example.org"])["VerificationAttributes"]
    assert status["ann@example.org"]["VerificationStatus"] == "Pending"


def test_a_link_the_fake_never_sent_is_a_mistake_in_the_test(ses_backend):
    with pytest.raises(ValueError, match="not a custom verification link"):
        ses_backend.follow_verification_link("https://example.com/")
    with pytest.raises(ValueError, match="was not sent by this fake"):
        ses_backend.follow_verification_link(
            "https://email-verification.us-east-1.amazonaws.com/?Context=123456789012&X-Amz-Signature=00")
    with pytest.raises(TypeError):
        ses_backend.follow_verification_link(42)


def test_an_ordinary_message_has_no_verification_link(v2, ses_backend, sender):
    v2.send_email(FromEmailAddress=FROM, Destination={"ToAddresses": ["bob@example.net"]},
                  Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Html": {"Data": "<p>hi</p>"}}}})
    [mail] = ses_backend.sent_messages
    assert mail.verification_link is None
    with pytest.raises(ValueError, match="has no verification link"):
        ses_backend.follow_verification_link(mail)


def test_an_already_verified_address_stays_verified(v1, ses_backend, sender):
    create(v1)
    v1.send_custom_verification_email(EmailAddress="ann@example.com", TemplateName="onboarding")
    status = v1.get_identity_verification_attributes(Identities=["ann@example.com"])["VerificationAttributes"]
    assert status == {"ann@example.com": {"VerificationStatus": "Success"}}


@SANDBOX
def test_the_sandbox_refuses_custom_verification_emails(v1, v2, ses_backend, sender):
    create(v1)
    ses_backend.verify_identity("ann@example.org")  # even to a verified recipient (FAQ Q13)
    text = ("Production access is not granted for this account. Custom verification emails can only be "
            "sent from accounts out of the sandbox.")
    assert refusal(v1.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="onboarding") == (
        400, "ProductionAccessNotGranted", text)
    assert refusal(v2.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="onboarding") == (
        400, "MessageRejected", text)
    assert ses_backend.sent_messages == []


def test_send_checks_the_address_before_the_template(v1, v2, ses_backend):
    assert refusal(v1.send_custom_verification_email, EmailAddress="not-an-email", TemplateName="nope") == (
        400, "InvalidParameterValue", "Invalid email address<not-an-email>.")
    assert refusal(v2.send_custom_verification_email, EmailAddress="", TemplateName="nope") == (
        400, "BadRequestException", "Email address not specified.")
    assert refusal(v1.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="nope") == (
        400, "CustomVerificationEmailTemplateDoesNotExist", "Template <nope> does not exist")
    assert refusal(v2.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="nope") == (
        404, "NotFoundException", "Custom verification email template <nope> does not exist")


def test_send_needs_the_template_sender_still_verified(v1, v2, ses_backend):
    ses_backend.verify_identity(FROM, region="us-east-1")
    create(v1)
    v2.delete_email_identity(EmailIdentity=FROM)
    assert refusal(v1.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="onboarding")[1] \
        == "FromEmailAddressNotVerified"
    assert refusal(v2.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="onboarding")[:2] \
        == (404, "NotFoundException")


def test_send_through_a_configuration_set_publishes_its_events(v1, v2, ses_backend, sender):
    create(v1)
    assert refusal(v1.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="onboarding",
                   ConfigurationSetName="missing") == (
        400, "ConfigurationSetDoesNotExist", "Configuration set <missing> does not exist.")
    v2.create_configuration_set(ConfigurationSetName="signup")
    v2.send_custom_verification_email(EmailAddress="ann@example.org", TemplateName="onboarding",
                                      ConfigurationSetName="signup")
    [mail] = ses_backend.sent_messages
    assert mail.configuration_set == "signup"
    assert [event.type for event in ses_backend.events_of(mail)] == ["Send", "Delivery"]


def test_a_verification_email_counts_against_the_daily_quota(v1, v2, ses_backend, sender):
    create(v1)
    ses_backend.backend().account.max_24_hour_send = 1.0
    v1.send_custom_verification_email(EmailAddress="ann@example.org", TemplateName="onboarding")
    assert v1.get_send_quota()["SentLast24Hours"] == 1.0
    assert refusal(v1.send_custom_verification_email, EmailAddress="bob@example.org", TemplateName="onboarding") == (
        400, "Throttling", "Daily message quota exceeded.")
    assert refusal(v2.send_custom_verification_email, EmailAddress="bob@example.org", TemplateName="onboarding")[:2] == (
        400, "LimitExceededException")
    assert v1.get_identity_verification_attributes(Identities=["bob@example.org"])["VerificationAttributes"] == {}


def test_a_paused_account_sends_no_verification_email(v1, v2, ses_backend, sender):
    create(v1)
    v2.put_account_sending_attributes(SendingEnabled=False)
    assert refusal(v2.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="onboarding")[:2] \
        == (400, "SendingPausedException")
    assert refusal(v1.send_custom_verification_email, EmailAddress="ann@example.org", TemplateName="onboarding") \
        == (400, "AccountSendingPausedException", "Email sending is disabled for this account.")
    assert ses_backend.sent_messages == []


@PENDING
def test_a_get_of_the_link_is_answered_in_process_with_the_redirect(v2, ses_backend, sender):
    import requests
    import urllib3

    create(v2)
    v2.send_custom_verification_email(EmailAddress="ann@example.org", TemplateName="onboarding")
    link = ses_backend.sent_messages[0].verification_link

    answer = requests.get(link, allow_redirects=False, timeout=1)

    assert (answer.status_code, answer.headers["Location"]) == (302, "https://www.example.com/verifysuccess")
    assert v2.get_email_identity(EmailIdentity="ann@example.org")["VerifiedForSendingStatus"] is True
    unknown = urllib3.PoolManager().request("GET", link.replace("X-Amz-Signature=", "X-Amz-Signature=0"),
                                            redirect=False)
    assert unknown.status == 404
