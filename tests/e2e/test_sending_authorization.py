"""Sending authorization: identity policies on both APIs, and delegate sends judged by them.

The policy operations share one store per (account, region) (floci-io/floci#1750, probed
against AWS, for the v1/v2 differences and texts); a delegate account names the owner's
identity by ARN and the owner's policies decide (developer guide, sending authorization).
The source of each SES answer is beside its test and in docs/fidelity.md.
"""
from __future__ import annotations

import json
from typing import Any

import pytest
from support.clients import client, refusal

from fakeses import fakeses

OWNER, DELEGATE, OTHER = "111111111111", "222222222222", "333333333333"
ARN = f"arn:aws:ses:us-east-1:{OWNER}:identity/example.com"
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
TO = {"ToAddresses": ["ann@example.org"]}


def policy(*statements: dict[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(principal: Any = DELEGATE, action: Any = "ses:Send*", resource: str = ARN, **extra: Any) -> dict[str, Any]:
    return {"Sid": "AllowDelegate", "Effect": "Allow", "Principal": {"AWS": principal}, "Action": action,
            "Resource": resource, **extra}


@pytest.fixture
def fake():
    with fakeses() as handle:
        handle.verify_identity("example.com", account_id=OWNER)
        yield handle


@pytest.fixture(scope="module")
def owner() -> tuple[Any, Any]:
    return client("ses", key=OWNER), client("sesv2", key=OWNER)


@pytest.fixture(scope="module")
def delegate() -> tuple[Any, Any]:
    return client("ses", key=DELEGATE), client("sesv2", key=DELEGATE)


# -- the policy operations -------------------------------------------------------------------

def test_a_policy_put_through_v1_is_read_through_v2_and_shown_by_get_email_identity(fake, owner):
    v1, v2 = owner
    v1.put_identity_policy(Identity="example.com", PolicyName="delegate", Policy=policy(allow()))
    # SES returns the document without insignificant whitespace (floci-io/floci#1750).
    text = json.dumps(json.loads(policy(allow())), separators=(",", ":"))
    assert v2.get_email_identity_policies(EmailIdentity="example.com")["Policies"] == {"delegate": text}
    assert v2.get_email_identity(EmailIdentity="example.com")["Policies"] == {"delegate": text}
    assert v1.list_identity_policies(Identity=ARN)["PolicyNames"] == ["delegate"]
    assert v1.get_identity_policies(Identity="example.com", PolicyNames=["delegate", "unknown"])["Policies"] \
        == {"delegate": text}


def test_v1_puts_over_a_policy_and_deletes_an_unknown_one_quietly(fake, owner):
    v1, _ = owner
    v1.put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    v1.put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow(principal=OTHER)))
    assert OTHER in v1.get_identity_policies(Identity="example.com", PolicyNames=["p"])["Policies"]["p"]
    v1.delete_identity_policy(Identity="example.com", PolicyName="p")
    v1.delete_identity_policy(Identity="example.com", PolicyName="p")  # seed 004: succeeds anyway
    assert v1.list_identity_policies(Identity="example.com")["PolicyNames"] == []


def test_v2_refuses_a_second_create_and_an_update_or_delete_of_an_unknown_policy(fake, owner):
    _, v2 = owner
    v2.create_email_identity_policy(EmailIdentity="example.com", PolicyName="p", Policy=policy(allow()))
    assert refusal(v2.create_email_identity_policy, EmailIdentity="example.com", PolicyName="p",
                   Policy=policy(allow())) == (400, "AlreadyExistsException", "Policy <p> already exists")
    assert refusal(v2.update_email_identity_policy, EmailIdentity="example.com", PolicyName="q",
                   Policy=policy(allow())) == (404, "NotFoundException", "Policy <q> does not exist")
    assert refusal(v2.delete_email_identity_policy, EmailIdentity="example.com",
                   PolicyName="q") == (404, "NotFoundException", "Policy <q> does not exist")
    assert refusal(v2.get_email_identity_policies, EmailIdentity="unknown.com") \
        == (404, "NotFoundException", "Email identity unknown.com does not exist.")


def test_an_identity_takes_twenty_policies_and_refuses_the_twenty_first(fake, owner):
    v1, v2 = owner
    for n in range(20):
        v1.put_identity_policy(Identity="example.com", PolicyName=f"p{n}", Policy=policy(allow()))
    v1.put_identity_policy(Identity="example.com", PolicyName="p0", Policy=policy(allow()))  # a replacement
    text = "Number of policies for <example.com> exceeds max allowed number of policies per resource"
    assert refusal(v1.put_identity_policy, Identity="example.com", PolicyName="p20",
                   Policy=policy(allow())) == (400, "InvalidParameterValue", text)
    assert refusal(v2.create_email_identity_policy, EmailIdentity="example.com", PolicyName="p20",
                   Policy=policy(allow())) == (400, "LimitExceededException", text)


@pytest.mark.parametrize(("document", "reason"), [
    ("{", "Syntax errors in policy."),
    (json.dumps({"Statement": {"Effect": "Allow", "Action": "ses:SendEmail", "Resource": ARN}}),
     "Missing required field Principal"),
    (policy(allow(action="s3:GetObject")), "Policy has invalid action"),
    (policy(allow(resource=f"arn:aws:ses:us-east-1:{OWNER}:identity/other.com")), "Policy has invalid resource"),
    (policy(allow(principal="not-an-account")), "Invalid principal in policy"),
    (policy(dict(allow(), Effect="allow")), "Invalid effect: allow"),
    (policy(dict(allow(), Extra=1)), "Has prohibited field Extra"),
    (policy(allow(Condition={"StringSomething": {"ses:FromAddress": "a"}})),
     "Invalid Condition type : StringSomething"),
    (policy(*[allow()] * 30), "Policy exceeds the maximum size of 4096 bytes."),
])
def test_a_policy_ses_refuses_is_invalid_policy_on_v1_and_bad_request_on_v2(fake, owner, document, reason):
    v1, v2 = owner
    assert refusal(v1.put_identity_policy, Identity="example.com", PolicyName="p", Policy=document) \
        == (400, "InvalidPolicy", reason)
    assert refusal(v2.create_email_identity_policy, EmailIdentity="example.com", PolicyName="p",
                   Policy=document) == (400, "BadRequestException", reason)


def test_a_policy_name_outside_the_rules_is_refused_on_both_apis(fake, owner):
    v1, v2 = owner
    text = ("PolicyName is invalid. Policy names must only include alpha-numeric characters, "
            "dashes, and underscores.")
    assert refusal(v1.put_identity_policy, Identity="example.com", PolicyName="no spaces",
                   Policy=policy(allow())) == (400, "InvalidParameterValue", text)
    assert refusal(v2.create_email_identity_policy, EmailIdentity="example.com", PolicyName="no.dots",
                   Policy=policy(allow())) == (400, "BadRequestException", text)


def test_v1_reads_answer_what_there_is_for_any_identity_and_at_most_twenty_names(fake, owner):
    v1, _ = owner
    # v1 needs no identity (floci-io/floci#1750); "a maximum of 20 policies at a time" (seed 004).
    assert v1.list_identity_policies(Identity="unknown.com")["PolicyNames"] == []
    assert v1.get_identity_policies(Identity="unknown.com", PolicyNames=["p"])["Policies"] == {}
    assert refusal(v1.get_identity_policies, Identity="example.com", PolicyNames=[f"p{n}" for n in range(21)]) \
        == (400, "InvalidParameterValue", "Cannot retrieve more than 20 policies at a time.")


def test_a_display_name_condition_reads_the_friendly_from(fake, owner, delegate):
    named = allow(Condition={"StringEquals": {"ses:FromDisplayName": "Example News"}})
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(named))
    d1, _ = delegate
    d1.send_email(Source="Example News <news@example.com>", SourceArn=ARN, Destination=TO, Message=MESSAGE)
    assert refusal(d1.send_email, Source="Someone <news@example.com>", SourceArn=ARN, Destination=TO,
                   Message=MESSAGE)[:2] == (403, "AccessDenied")


def test_a_deleted_identity_takes_its_policies_with_it(fake, owner):
    v1, v2 = owner
    v1.put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    v2.delete_email_identity(EmailIdentity="example.com")
    v2.create_email_identity(EmailIdentity="example.com")
    assert v1.list_identity_policies(Identity="example.com")["PolicyNames"] == []


# -- delegate sends ---------------------------------------------------------------------------

def test_a_delegate_sends_as_the_owners_identity_on_every_api_when_the_policy_allows(fake, owner, delegate):
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    d1, d2 = delegate
    d1.send_email(Source="news@example.com", SourceArn=ARN, Destination=TO, Message=MESSAGE)
    d1.send_raw_email(RawMessage={"Data": b"From: news@example.com\r\nTo: ann@example.org\r\nSubject: s\r\n\r\nx"},
                      SourceArn=ARN, FromArn=ARN)
    d2.send_email(FromEmailAddress="news@example.com", FromEmailAddressIdentityArn=ARN, Destination=TO,
                  Content=SIMPLE)
    d2.send_email(FromEmailAddress="news@example.com", FromEmailAddressIdentityArn=ARN, Destination=TO,
                  Content={"Template": {"TemplateContent": {"Subject": "Hi", "Text": "Hello"},
                                        "TemplateData": "{}"}})
    sent = fake.sent_messages
    assert [(m.account_id, m.identity_owner, m.source_arn) for m in sent] == [(DELEGATE, OWNER, ARN)] * 4
    assert [d.action for d in fake.authorization_decisions] == [
        "ses:SendEmail", "ses:SendRawEmail", "ses:SendEmail", "ses:SendTemplatedEmail"]
    assert all(d.allowed and d.statement == "policy 'p' statement 'AllowDelegate'"
               for d in fake.authorization_decisions)


def test_templated_and_bulk_sends_name_the_identity_with_source_arn(fake, owner, delegate):
    o1, _ = owner
    o1.put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    d1, d2 = delegate
    d1.create_template(Template={"TemplateName": "t", "SubjectPart": "Hi", "TextPart": "Hello {{name}}"})
    d1.send_templated_email(Source="news@example.com", SourceArn=ARN, Destination=TO, Template="t",
                            TemplateData='{"name": "Ann"}')
    status = d1.send_bulk_templated_email(
        Source="news@example.com", SourceArn=ARN, Template="t", DefaultTemplateData='{"name": "you"}',
        Destinations=[{"Destination": TO}, {"Destination": {"ToAddresses": ["bob@example.org"]}}])["Status"]
    assert [s["Status"] for s in status] == ["Success", "Success"]
    d2.send_bulk_email(FromEmailAddress="news@example.com", FromEmailAddressIdentityArn=ARN,
                       DefaultContent={"Template": {"TemplateName": "t", "TemplateData": '{"name": "x"}'}},
                       BulkEmailEntries=[{"Destination": TO}])
    assert [m.identity_owner for m in fake.sent_messages] == [OWNER] * 4
    assert [d.action for d in fake.authorization_decisions] == [
        "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail", "ses:SendBulkTemplatedEmail", "ses:SendBulkEmail"]


def test_a_delegate_without_a_policy_that_allows_it_gets_access_denied(fake, owner, delegate):
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow(principal=OTHER)))
    d1, d2 = delegate
    text = (f"User `arn:aws:iam::{DELEGATE}:root' is not authorized to perform `ses:SendEmail' "
            f"on resource `{ARN}'")
    assert refusal(d1.send_email, Source="news@example.com", SourceArn=ARN, Destination=TO,
                   Message=MESSAGE) == (403, "AccessDenied", text)
    assert refusal(d2.send_email, FromEmailAddress="news@example.com", FromEmailAddressIdentityArn=ARN,
                   Destination=TO, Content=SIMPLE) == (403, "AccessDeniedException", text)
    assert fake.sent_messages == []
    [decision, _] = fake.authorization_decisions
    assert (decision.allowed, decision.statement) == (False, None)
    assert "principal arn:aws:iam::222222222222:root is not 'AWS:333333333333'" in decision.reason


def test_an_explicit_deny_beats_an_allow(fake, owner, delegate):
    deny = {"Sid": "NoAdmin", "Effect": "Deny", "Principal": "*", "Action": "ses:*", "Resource": ARN,
            "Condition": {"StringLike": {"ses:FromAddress": "admin@*"}}}
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow(), deny))
    d1, _ = delegate
    d1.send_email(Source="news@example.com", SourceArn=ARN, Destination=TO, Message=MESSAGE)
    status, code, _ = refusal(d1.send_email, Source="admin@example.com", SourceArn=ARN, Destination=TO,
                              Message=MESSAGE)
    assert (status, code) == (403, "AccessDenied")
    assert fake.authorization_decisions[-1].statement == "policy 'p' statement 'NoAdmin'"


def test_conditions_on_recipients_and_time_are_judged_per_send(fake, owner, delegate):
    only_ours = allow(Condition={"ForAllValues:StringLike": {"ses:Recipients": "*@example.org"},
                                 "DateLessThan": {"aws:CurrentTime": "2100-01-01T00:00:00Z"}})
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(only_ours))
    d1, _ = delegate
    d1.send_email(Source="news@example.com", SourceArn=ARN, Destination=TO, Message=MESSAGE)
    status, code, _ = refusal(d1.send_email, Source="news@example.com", SourceArn=ARN,
                              Destination={"ToAddresses": ["ann@example.org", "eve@elsewhere.net"]}, Message=MESSAGE)
    assert (status, code) == (403, "AccessDenied")


def test_a_principal_given_by_user_arn_is_matched_through_use_principal(fake, owner):
    user = f"arn:aws:iam::{DELEGATE}:user/mailer"
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow(principal=user)))
    fake.use_principal("AKIAMAILER", user)
    mailer = client("sesv2", key="AKIAMAILER")
    mailer.send_email(FromEmailAddress="news@example.com", FromEmailAddressIdentityArn=ARN, Destination=TO,
                      Content=SIMPLE)
    assert fake.sent_messages[-1].account_id == DELEGATE
    root = client("sesv2", key=DELEGATE)
    assert refusal(root.send_email, FromEmailAddress="news@example.com", FromEmailAddressIdentityArn=ARN,
                   Destination=TO, Content=SIMPLE)[:2] == (403, "AccessDeniedException")
    with pytest.raises(ValueError, match="IAM user, role or assumed-role ARN"):
        fake.use_principal("AKIA2", "mailer")


def test_raw_headers_name_the_identity_and_are_removed_before_delivery(fake, owner, delegate):
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    raw = (f"X-SES-SOURCE-ARN: {ARN}\r\nX-SES-FROM-ARN: {ARN}\r\nX-SES-RETURN-PATH-ARN: {ARN}\r\n"
           "From: News <news@example.com>\r\nReturn-Path: bounces@example.com\r\nTo: ann@example.org\r\n"
           "Subject: s\r\n\r\nbody").encode()
    delegate[0].send_raw_email(RawMessage={"Data": raw})
    [message] = fake.sent_messages
    assert message.identity_owner == OWNER
    assert b"X-SES-" not in message.raw and message.mime["From"] == "News <news@example.com>"
    [decision] = fake.authorization_decisions  # one judgement per identity and message
    assert decision.action == "ses:SendRawEmail"


def test_a_raw_from_header_needs_its_own_from_arn(fake, owner, delegate):
    # "the SourceArn will only work if the From address header is not specified" (Netflix/iep#367)
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    raw = b"From: news@example.com\r\nTo: ann@example.org\r\nSubject: s\r\n\r\nx"
    assert refusal(delegate[0].send_raw_email, RawMessage={"Data": raw}, Source="news@example.com",
                   SourceArn=ARN) == (400, "MessageRejected", "Email address is not verified. The following "
                                      "identities failed the check in region US-EAST-1: news@example.com")


def test_a_raw_message_without_source_is_covered_by_its_from_arn_alone(fake, owner, delegate):
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    raw = f"X-SES-FROM-ARN: {ARN}\r\nFrom: news@example.com\r\nTo: ann@example.org\r\nSubject: s\r\n\r\nx"
    delegate[0].send_raw_email(RawMessage={"Data": raw.encode()})
    assert fake.sent_messages[-1].identity_owner == OWNER


def test_the_identity_must_be_verified_by_its_owner_in_the_region_of_the_send(fake, owner, delegate):
    owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    d1, _ = delegate
    for arn, source in [(f"arn:aws:ses:us-east-1:{OTHER}:identity/example.com", "news@example.com"),
                        (f"arn:aws:ses:eu-west-1:{OWNER}:identity/example.com", "news@example.com"),
                        (ARN, "news@elsewhere.net")]:
        assert refusal(d1.send_email, Source=source, SourceArn=arn, Destination=TO, Message=MESSAGE)[:2] \
            == (400, "MessageRejected")
    assert refusal(d1.send_email, Source="news@example.com", SourceArn="not-an-arn", Destination=TO,
                   Message=MESSAGE) == (400, "InvalidParameterValue", "Invalid identity ARN: not-an-arn")


def test_an_own_identity_named_by_arn_needs_no_policy(fake, owner):
    v1, _ = owner
    v1.send_email(Source="news@example.com", SourceArn=ARN, Destination=TO, Message=MESSAGE)
    assert fake.sent_messages[-1].identity_owner == OWNER and fake.authorization_decisions == []


def test_the_delegates_sandbox_and_the_owners_both_apply(owner, delegate):
    with fakeses(sandbox=True) as fake:
        fake.verify_identity("example.com", account_id=OWNER)
        owner[0].put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
        fake.backend(account_id=DELEGATE).account.grant_production_access()
        # "The AWS accounts of both the identity owner and the delegate sender have to be removed
        # from the sandbox" (developer guide, sending-authorization-overview).
        assert refusal(delegate[0].send_email, Source="news@example.com", SourceArn=ARN, Destination=TO,
                       Message=MESSAGE)[:2] == (400, "MessageRejected")
        fake.backend(account_id=OWNER).account.grant_production_access()
        delegate[0].send_email(Source="news@example.com", SourceArn=ARN, Destination=TO, Message=MESSAGE)
        # The send counts against the delegate's quota (sending-authorization-overview, attribution).
        assert delegate[1].get_account()["SendQuota"]["SentLast24Hours"] == 1
        assert owner[1].get_account()["SendQuota"]["SentLast24Hours"] == 0


def test_bounces_of_a_delegate_send_reach_the_owners_identity_topic(fake, owner, delegate):
    topic = f"arn:aws:sns:us-east-1:{DELEGATE}:feedback"
    o1, _ = owner
    o1.put_identity_policy(Identity="example.com", PolicyName="p", Policy=policy(allow()))
    o1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=topic)
    delegate[1].send_email(FromEmailAddress="news@example.com", FromEmailAddressIdentityArn=ARN,
                           Destination={"ToAddresses": ["bounce@simulator.amazonses.com"]}, Content=SIMPLE)
    [notice] = [p for p in fake.published if p.target == topic and p.event is not None]
    document = json.loads(notice.message)
    assert document["notificationType"] == "Bounce"
    assert (document["mail"]["sourceArn"], document["mail"]["sendingAccountId"]) == (ARN, DELEGATE)
