"""Inbound mail through the front door: rules made with boto3, a message given to
``receive()``, and what SES did, recorded on the handle and, with moto, done in moto.

SES's receiving process (developer guide, receiving-email-concepts): IP filters, then each
recipient against the active rule set's rules, then the matching rules' actions in order.
"""
from __future__ import annotations

import json

import boto3
import pytest

from fakeses import ReceivedMail, fakeses

TOPIC = "arn:aws:sns:us-east-1:123456789012:inbound"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:triage"
MESSAGE = (b"From: Ann <ann@example.org>\r\nTo: support@example.com\r\nSubject: Help\r\n"
           b"Message-ID: <1@example.org>\r\n\r\nMy order is late.\r\n")
BUCKET_POLICY = {"Version": "2012-10-17", "Statement": [{
    "Sid": "AllowSESPuts", "Effect": "Allow", "Principal": {"Service": "ses.amazonaws.com"},
    "Action": "s3:PutObject", "Resource": "arn:aws:s3:::inbox/*"}]}


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def active_rules(v1, *rules, name="main"):
    """A rule set ``name`` with ``rules`` in order, made active."""
    v1.create_receipt_rule_set(RuleSetName=name)
    after = None
    for rule in rules:
        v1.create_receipt_rule(RuleSetName=name, Rule={"Enabled": True, **rule}, **({"After": after} if after else {}))
        after = rule["Name"]
    v1.set_active_receipt_rule_set(RuleSetName=name)


# -- every action, without moto: recorded with what it would have delivered ------------------------

def test_an_s3_action_records_the_object_ses_would_store(v1, fake):
    active_rules(v1, {"Name": "store", "Recipients": ["support@example.com"], "ScanEnabled": True,
                      "Actions": [{"S3Action": {"BucketName": "inbox", "ObjectKeyPrefix": "mail/", "TopicArn": TOPIC}}]})
    mail = fake.receive(MESSAGE)
    [stored] = mail.actions_of("S3")
    assert stored.outcome == "recorded"
    assert stored.delivered["bucket"] == "inbox" and stored.delivered["key"] == f"mail/{mail.message_id}"
    assert stored.delivered["body"].endswith(MESSAGE)
    assert b"\r\nX-SES-Spam-Verdict: PASS\r\n" in stored.delivered["body"]
    assert stored.notification["receipt"]["action"]["objectKey"] == f"mail/{mail.message_id}"
    assert fake.received_messages == [mail]


def test_an_sns_action_records_the_notification_with_the_content(v1, fake):
    active_rules(v1, {"Name": "notify", "Actions": [{"SNSAction": {"TopicArn": TOPIC, "Encoding": "UTF-8"}}]})
    mail = fake.receive(MESSAGE.decode())
    [notified] = mail.actions_of("SNS")
    assert notified.delivered["notificationType"] == "Received"
    assert notified.delivered["content"].endswith(MESSAGE.decode())
    assert notified.delivered["mail"]["commonHeaders"]["subject"] == "Help"
    assert notified.delivered["receipt"]["recipients"] == ["support@example.com"]


def test_a_lambda_action_records_the_event_and_a_test_can_answer_for_the_function(v1, fake):
    active_rules(v1, {"Name": "triage", "Actions": [
        {"LambdaAction": {"FunctionArn": FUNCTION, "InvocationType": "RequestResponse"}},
        {"S3Action": {"BucketName": "inbox"}}]}, {"Name": "later", "Actions": [{"S3Action": {"BucketName": "b"}}]})
    mail = fake.receive(MESSAGE, lambda_answers={"triage": {"disposition": "STOP_RULE_SET"}})
    [invoked] = mail.actions
    assert invoked.delivered["Records"][0]["eventSource"] == "aws:ses"
    assert invoked.response == {"disposition": "STOP_RULE_SET"}
    assert mail.stopped.startswith(f"Lambda function {FUNCTION} answered STOP_RULE_SET")
    assert fake.receive(MESSAGE).actions_of("S3")  # without an answer, Event or not, the rules go on


def test_a_bounce_action_sends_a_bounce_recorded_as_sent(v1, fake):
    active_rules(v1, {"Name": "gone", "Actions": [{"BounceAction": {
        "SmtpReplyCode": "550", "StatusCode": "5.1.1", "Message": "Mailbox does not exist",
        "Sender": "mailer-daemon@example.com", "TopicArn": TOPIC}}]})
    mail = fake.receive(MESSAGE)
    [bounce] = fake.sent_messages
    assert bounce.to == ["ann@example.org"] and bounce.source == "mailer-daemon@example.com"
    assert mail.actions[0].delivered == bounce.message_id
    assert mail.actions[0].notification["receipt"]["action"]["smtpReplyCode"] == "550"


def test_add_header_then_stop(v1, fake):
    active_rules(v1, {"Name": "tag", "Actions": [{"AddHeaderAction": {"HeaderName": "X-Ticket", "HeaderValue": "7"}},
                                                 {"S3Action": {"BucketName": "inbox"}},
                                                 {"StopAction": {"Scope": "RuleSet"}}]},
                 {"Name": "never", "Actions": [{"S3Action": {"BucketName": "other"}}]})
    mail = fake.receive(MESSAGE)
    assert [a.type for a in mail.actions] == ["AddHeader", "S3", "Stop"]
    assert b"X-Ticket: 7\r\n" in mail.actions[1].delivered["body"]
    assert mail.rules[1].reason.startswith("not reached")


def test_workmail_and_connect_actions_are_recorded(v1, fake):
    active_rules(v1, {"Name": "hand-off", "Actions": [
        {"WorkmailAction": {"OrganizationArn": "arn:aws:workmail:us-east-1:123456789012:organization/m-1"}},
        {"ConnectAction": {"InstanceARN": "arn:aws:connect:us-east-1:123456789012:instance/12345678-1234-1234-1234-123456789012",
                           "IAMRoleARN": "arn:aws:iam::123456789012:role/connect"}}]})
    mail = fake.receive(MESSAGE)
    assert [(a.type, a.outcome) for a in mail.actions] == [("WorkMail", "recorded"), ("Connect", "recorded")]


# -- matching and filters -----------------------------------------------------------------------

def test_a_failing_rule_says_why_in_the_record(v1, fake):
    active_rules(v1, {"Name": "sales", "Recipients": ["sales@example.com"], "Actions": [{"S3Action": {"BucketName": "s"}}]},
                 {"Name": "secure", "TlsPolicy": "Require", "Actions": [{"S3Action": {"BucketName": "t"}}]})
    mail = fake.receive(MESSAGE, tls=False)
    assert mail.accepted == () and mail.actions == ()
    text = repr(mail)
    assert "'sales' skipped: no recipient matches its recipients ['sales@example.com']" in text
    assert "rejected support@example.com" in text


def test_domain_and_subdomain_conditions(v1, fake):
    active_rules(v1, {"Name": "subs", "Recipients": [".example.com"], "Actions": [{"S3Action": {"BucketName": "s"}}]},
                 {"Name": "apex", "Recipients": ["example.com"], "Actions": [{"S3Action": {"BucketName": "a"}}]})
    mail = fake.receive(MESSAGE, recipients=["a@eu.example.com", "b@example.com"])
    assert [(r.rule, r.recipients) for r in mail.rules] == [("subs", ("a@eu.example.com",)),
                                                             ("apex", ("b@example.com",))]
    assert mail.actions[0].notification is None


def test_a_block_filter_rejects_at_smtp_unless_an_allow_filter_covers_the_address(v1, fake):
    active_rules(v1, {"Name": "store", "Actions": [{"S3Action": {"BucketName": "inbox"}}]})
    v1.create_receipt_filter(Filter={"Name": "everyone", "IpFilter": {"Cidr": "0.0.0.0/0", "Policy": "Block"}})
    blocked = fake.receive(MESSAGE, source_ip="192.0.2.10")
    assert not blocked.filter.accepted and blocked.actions == ()
    v1.create_receipt_filter(Filter={"Name": "partner", "IpFilter": {"Cidr": "192.0.2.0/24", "Policy": "Allow"}})
    allowed = fake.receive(MESSAGE, source_ip="192.0.2.10")
    assert allowed.filter.accepted and allowed.actions_of("S3")


def test_verdicts_reach_the_notification_and_a_disabled_scan_reports_none(v1, fake):
    active_rules(v1, {"Name": "store", "Actions": [{"S3Action": {"BucketName": "inbox", "TopicArn": TOPIC}}]})
    receipt = fake.receive(MESSAGE, spam="FAIL", spf="GRAY", dmarc="FAIL", dmarc_policy="quarantine"
                            ).actions[0].notification["receipt"]
    assert receipt["spamVerdict"] == {"status": "DISABLED"}  # ScanEnabled is off
    assert (receipt["spfVerdict"], receipt["dmarcPolicy"]) == ({"status": "GRAY"}, "quarantine")


def test_bad_arguments_are_refused_with_what_to_pass(fake):
    with pytest.raises(ValueError, match="spam= takes one of"):
        fake.receive(MESSAGE, spam="maybe")
    with pytest.raises(ValueError, match="found no recipient"):
        fake.receive(b"From: a@example.org\r\n\r\nhi")
    with pytest.raises(ValueError, match="source_ip= takes an IP address"):
        fake.receive(MESSAGE, source_ip="mail.example.org")
    with pytest.raises(TypeError):
        fake.receive(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="SES receives no mail in eu-south-1"):
        fake.receive(MESSAGE, region="eu-south-1")


def test_clear_forgets_received_messages(v1, fake):
    fake.receive(MESSAGE)
    assert isinstance(fake.received_messages[0], ReceivedMail)
    fake.clear()
    assert fake.received_messages == []


# -- with moto: the actions really happen --------------------------------------------------------

def test_with_moto_the_object_and_the_notification_reach_s3_and_sqs():
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses() as fake:
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="inbox")
        s3.put_bucket_policy(Bucket="inbox", Policy=json.dumps(BUCKET_POLICY))
        sns = boto3.client("sns", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        topic = sns.create_topic(Name="inbound")["TopicArn"]
        queue = sqs.create_queue(QueueName="inbound")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
        fake.verify_identity("example.com")
        v1 = boto3.client("ses", region_name="us-east-1")
        active_rules(v1, {"Name": "store", "Actions": [
            {"S3Action": {"BucketName": "inbox", "ObjectKeyPrefix": "mail/", "TopicArn": topic}},
            {"SNSAction": {"TopicArn": topic, "Encoding": "Base64"}}]})

        mail = fake.receive(MESSAGE)

        assert [a.outcome for a in mail.actions] == ["delivered", "delivered"]
        body = s3.get_object(Bucket="inbox", Key=f"mail/{mail.message_id}")["Body"].read()
        assert body == mail.actions[0].delivered["body"]
        s3_note, sns_note = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        envelope = json.loads(s3_note["Body"])
        assert envelope["Subject"] == "Amazon SES Email Receipt Notification"
        assert json.loads(envelope["Message"]) == mail.actions[0].notification
        assert json.loads(json.loads(sns_note["Body"])["Message"])["receipt"]["action"]["type"] == "SNS"


def test_with_moto_a_lambda_function_is_invoked_when_moto_can_run_it():
    moto = pytest.importorskip("moto")
    with moto.mock_aws(config={"lambda": {"use_docker": False}}), fakeses() as fake:
        iam = boto3.client("iam", region_name="us-east-1")
        role = iam.create_role(RoleName="r", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
        function = boto3.client("lambda", region_name="us-east-1").create_function(
            FunctionName="triage", Runtime="python3.12", Role=role, Handler="h.handler",
            Code={"ZipFile": b"not run"})["FunctionArn"]
        fake.verify_identity("example.com")
        v1 = boto3.client("ses", region_name="us-east-1")
        active_rules(v1, {"Name": "triage", "Actions": [
            {"LambdaAction": {"FunctionArn": function, "InvocationType": "RequestResponse"}}]})
        [invoked] = fake.receive(MESSAGE).actions
        # moto's simple backend answers with the event it was given.
        assert invoked.outcome == "delivered" and invoked.response == invoked.delivered


def test_a_received_message_can_be_bounced_with_send_bounce(v1, fake):
    active_rules(v1, {"Name": "store", "Actions": [{"S3Action": {"BucketName": "inbox"}}]})
    mail = fake.receive(MESSAGE)
    v1.send_bounce(OriginalMessageId=mail.message_id, BounceSender="mailer-daemon@example.com",
                   BouncedRecipientInfoList=[{"Recipient": "support@example.com", "BounceType": "DoesNotExist"}])
    [bounce] = fake.sent_messages
    assert bounce.destinations == ["ann@example.org"]


def test_each_region_receives_with_its_own_rules(v1, fake):
    active_rules(v1, {"Name": "store", "Actions": [{"S3Action": {"BucketName": "inbox"}}]})
    elsewhere = fake.receive(MESSAGE, region="eu-west-1")
    assert elsewhere.accepted == () and elsewhere.region == "eu-west-1"
    assert fake.receive(MESSAGE).accepted == ("support@example.com",)


def test_with_moto_but_nothing_to_run_the_function_the_invocation_is_recorded(monkeypatch):
    moto = pytest.importorskip("moto")
    from fakeses import _receive

    monkeypatch.setattr(_receive, "_can_run_lambda", lambda: False)  # as without Docker
    with moto.mock_aws(), fakeses() as fake:
        role = boto3.client("iam", region_name="us-east-1").create_role(
            RoleName="r", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
        function = boto3.client("lambda", region_name="us-east-1").create_function(
            FunctionName="triage", Runtime="python3.12", Role=role, Handler="h.handler",
            Code={"ZipFile": b"not run"})["FunctionArn"]
        fake.verify_identity("example.com")
        active_rules(boto3.client("ses", region_name="us-east-1"),
                     {"Name": "triage", "Actions": [{"LambdaAction": {"FunctionArn": function}}]})
        [invoked] = fake.receive(MESSAGE).actions
        assert invoked.outcome.startswith("recorded: moto needs Docker")
        assert invoked.delivered["Records"][0]["ses"]["receipt"]["action"]["invocationType"] == "Event"
