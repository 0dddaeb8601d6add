"""Identity-level settings that decide where a sender's events go.

v1 SetIdentityNotificationTopic / SetIdentityHeadersInNotificationsEnabled /
SetIdentityFeedbackForwardingEnabled / GetIdentityNotificationAttributes, v2
PutEmailIdentityFeedbackAttributes and PutEmailIdentityConfigurationSetAttributes, on one
identity store seen from both APIs. The verified address's settings beat its domain's
(developer guide; floci PR #1540). Identity notifications use ``notificationType`` and
carry headers only when asked (F23). The source of each SES answer is beside its test.
"""
from __future__ import annotations

import json

import boto3
import pytest
from support.clients import unchecked_client

from fakeses import fakeses

TOPIC = "arn:aws:sns:us-east-1:123456789012:bounces"
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
ARN = "arn:aws:ses:us-east-1:123456789012:identity/"


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def send(v2, to, source="hello@example.com", **extra):
    v2.send_email(FromEmailAddress=source, Destination={"ToAddresses": [to]}, Content=SIMPLE, **extra)


def notification_attributes(v1, *identities):
    return v1.get_identity_notification_attributes(Identities=list(identities))["NotificationAttributes"]


def error(raised):
    response = raised.value.response
    return response["Error"]["Code"], response["Error"]["Message"], response["ResponseMetadata"]["HTTPStatusCode"]


# -- defaults and reading back ------------------------------------------------------------

def test_new_identities_forward_feedback_and_have_no_topics_nor_headers(v1, v2, fake):
    """Defaults of a just-submitted identity (Ansible community.aws ses_identity integration
    tests, assert_defaults, run against AWS): forwarding on, headers off, no topics; the
    identity need not be verified. Unknown identities are left out of the map (G18)."""
    v1.verify_email_identity(EmailAddress="new@example.org")
    v2.create_email_identity(EmailIdentity="example.net")
    attributes = notification_attributes(v1, "example.com", "new@example.org", "example.net", "unknown.org")
    assert set(attributes) == {"example.com", "new@example.org", "example.net"}
    for found in attributes.values():
        assert found["ForwardingEnabled"] is True
        assert [found[f"HeadersIn{k}NotificationsEnabled"] for k in ("Bounce", "Complaint", "Delivery")] == [False] * 3
        # SES leaves unset topics out (same tests), although the model requires them.
        assert not {"BounceTopic", "ComplaintTopic", "DeliveryTopic"} & set(found)
    assert v2.get_email_identity(EmailIdentity="example.net")["FeedbackForwardingStatus"] is True
    assert "ConfigurationSetName" not in v2.get_email_identity(EmailIdentity="example.net")


def test_topics_and_headers_are_set_and_read_back(v1, fake):
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Delivery", SnsTopic=TOPIC + "-d")
    v1.set_identity_headers_in_notifications_enabled(Identity="example.com", NotificationType="Bounce", Enabled=True)
    found = notification_attributes(v1, "example.com")["example.com"]
    assert (found["BounceTopic"], found["DeliveryTopic"]) == (TOPIC, TOPIC + "-d")
    assert found["HeadersInBounceNotificationsEnabled"] is True
    assert found["HeadersInDeliveryNotificationsEnabled"] is False
    # "If the parameter is omitted from the request or a null value is passed, SnsTopic is
    # cleared and publishing is disabled" (v1 reference).
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce")
    v1.set_identity_headers_in_notifications_enabled(Identity="example.com", NotificationType="Bounce", Enabled=False)
    found = notification_attributes(v1, "example.com")["example.com"]
    assert "BounceTopic" not in found and found["DeliveryTopic"] == TOPIC + "-d"
    assert found["HeadersInBounceNotificationsEnabled"] is False


def test_an_identity_can_be_named_by_its_arn(v1, fake):
    """Both operations take "its name or ... its Amazon Resource Name (ARN)" (v1 reference);
    the map is keyed by the name as asked."""
    v1.set_identity_notification_topic(Identity=ARN + "example.com", NotificationType="Complaint", SnsTopic=TOPIC)
    attributes = notification_attributes(v1, ARN + "example.com", "example.com")
    assert attributes[ARN + "example.com"]["ComplaintTopic"] == TOPIC
    assert attributes["example.com"]["ComplaintTopic"] == TOPIC


# -- unknown identities -----------------------------------------------------------------------

def test_a_topic_for_an_unknown_identity_is_refused(v1, fake):
    """Recorded with an identity ARN of another region: InvalidParameterValue "Identity
    arn:aws:ses:us-east-1:123456789012:identity/notifications.myapp@example.com is invalid.
    Must be a verified email address or domain." (boto/boto3#2645)."""
    for name in ("nobody@example.org", "arn:aws:ses:eu-west-1:123456789012:identity/example.com"):
        with pytest.raises(v1.exceptions.ClientError) as raised:
            v1.set_identity_notification_topic(Identity=name, NotificationType="Bounce", SnsTopic=TOPIC)
        assert error(raised) == (
            "InvalidParameterValue", f"Identity {name} is invalid. Must be a verified email address or domain.", 400)


def test_forwarding_for_an_unknown_identity_is_refused(v1, v2, fake):
    """v1: probed with aws-cli by floci (PR #716). v2 answers v1's text as
    BadRequestException (floci's test of PUT /feedback; not probed separately)."""
    with pytest.raises(v1.exceptions.ClientError) as raised:
        v1.set_identity_feedback_forwarding_enabled(Identity="ghost.org", ForwardingEnabled=True)
    assert error(raised) == (
        "InvalidParameterValue", "Identity ghost.org is invalid. Must be a verified email address or domain.", 400)
    with pytest.raises(v2.exceptions.BadRequestException) as raised:
        v2.put_email_identity_feedback_attributes(EmailIdentity="ghost.org", EmailForwardingEnabled=True)
    assert error(raised)[1:] == ("Identity ghost.org is invalid. Must be a verified email address or domain.", 400)


def test_headers_for_an_unknown_identity_are_refused(v1, fake):
    """An address: MessageRejected "Identity unknown@example.com is not verified or does not
    exist." (LocalStack AWS snapshot 2025-07-29, F19). A domain: InvalidParameterValue
    "Identity X is invalid. It must be a verified email address or domain." (floci PR #716,
    probed with aws-cli)."""
    with pytest.raises(v1.exceptions.MessageRejected) as raised:
        v1.set_identity_headers_in_notifications_enabled(Identity="unknown@example.org",
                                                         NotificationType="Bounce", Enabled=True)
    assert error(raised) == (
        "MessageRejected", "Identity unknown@example.org is not verified or does not exist.", 400)
    with pytest.raises(v1.exceptions.ClientError) as raised:
        v1.set_identity_headers_in_notifications_enabled(Identity="ghost.org", NotificationType="Bounce", Enabled=True)
    assert error(raised) == (
        "InvalidParameterValue", "Identity ghost.org is invalid. It must be a verified email address or domain.", 400)


def test_a_bad_notification_type_is_refused_before_the_identity_is_looked_up(v1, fake):
    """The enum is checked first, whatever the identity (floci PR #716, aws-cli: "1
    validation error detected: Value at 'notificationType' ..."). LocalStack's AWS snapshot
    of 2025-07-29 recorded InvalidParameterValue "Invalid notification type: InvalidType.
    Valid values are: Bounce, Complaint, Delivery." instead; fakeses follows the later probe."""
    unchecked = unchecked_client("ses")
    with pytest.raises(unchecked.exceptions.ClientError) as raised:
        unchecked.set_identity_headers_in_notifications_enabled(Identity="ghost.org", NotificationType="Open",
                                                                Enabled=True)
    assert error(raised)[0] == "ValidationError"
    assert "Value at 'notificationType' failed to satisfy constraint" in error(raised)[1]


# -- feedback forwarding ------------------------------------------------------------------------

def test_v1_turns_forwarding_off_only_with_bounce_and_complaint_topics(v1, v2, fake):
    """"Feedback forwarding can only be disabled when Amazon SNS topics are specified for
    both bounces and complaints" (v1 reference, SetIdentityFeedbackForwardingEnabled); the
    text of the refusal is not recorded."""
    for kinds in ((), ("Bounce",), ("Bounce", "Complaint")):
        for kind in kinds:
            v1.set_identity_notification_topic(Identity="example.com", NotificationType=kind, SnsTopic=TOPIC)
        if kinds != ("Bounce", "Complaint"):
            with pytest.raises(v1.exceptions.ClientError) as raised:
                v1.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=False)
            assert error(raised)[0] == "InvalidParameterValue"
            assert notification_attributes(v1, "example.com")["example.com"]["ForwardingEnabled"] is True
    v1.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=False)
    assert notification_attributes(v1, "example.com")["example.com"]["ForwardingEnabled"] is False
    assert v2.get_email_identity(EmailIdentity="example.com")["FeedbackForwardingStatus"] is False


def test_v2_turns_forwarding_off_without_topics_and_v1_sees_it(v1, v2, fake):
    """Terraform's acceptance tests disable it on a fresh identity and read
    FeedbackForwardingStatus false back from AWS (TestAccSESV2EmailIdentityFeedbackAttributes_basic,
    _emailForwardingEnabled)."""
    v2.put_email_identity_feedback_attributes(EmailIdentity="example.com", EmailForwardingEnabled=False)
    assert v2.get_email_identity(EmailIdentity="example.com")["FeedbackForwardingStatus"] is False
    assert notification_attributes(v1, "example.com")["example.com"]["ForwardingEnabled"] is False
    v1.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=True)
    assert v2.get_email_identity(EmailIdentity="example.com")["FeedbackForwardingStatus"] is True
    v2.put_email_identity_feedback_attributes(EmailIdentity="example.com")  # absent: false (?)
    assert v2.get_email_identity(EmailIdentity="example.com")["FeedbackForwardingStatus"] is False


# -- topics ---------------------------------------------------------------------------------------

def test_a_topic_must_be_an_sns_topic_of_the_same_region(v1, fake):
    """"The Amazon SNS topics you use for bounce, complaint, and delivery notifications must
    be within the same AWS region in which you are using Amazon SES" (developer guide);
    SES refuses a topic it cannot use with InvalidParameterValue "SNS topic arn:... "
    (binxio/cfn-ses-provider#16; the rest of the text is not recorded)."""
    for topic in ("arn:aws:sns:eu-west-1:123456789012:bounces", "bounces", "arn:aws:sqs:us-east-1:123456789012:q"):
        with pytest.raises(v1.exceptions.ClientError) as raised:
            v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=topic)
        code, message, _ = error(raised)
        assert code == "InvalidParameterValue" and message.startswith(f"SNS topic {topic} ")
    # A topic of another account is allowed (cross-account topics need only a topic policy).
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce",
                                       SnsTopic="arn:aws:sns:us-east-1:210987654321:shared")


def test_with_moto_the_topic_must_exist_and_gets_the_bounce():
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses() as fake:
        sns = boto3.client("sns", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        v1 = boto3.client("ses", region_name="us-east-1")
        v2 = boto3.client("sesv2", region_name="us-east-1")
        fake.verify_identity("example.com")
        missing = "arn:aws:sns:us-east-1:123456789012:missing"
        with pytest.raises(v1.exceptions.ClientError) as raised:
            v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=missing)
        assert error(raised)[:2] == ("InvalidParameterValue", f"SNS topic {missing} is invalid.")

        topic = sns.create_topic(Name="bounces")["TopicArn"]
        queue = sqs.create_queue(QueueName="bounces")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
        v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=topic)
        send(v2, "bounce@simulator.amazonses.com")
        # After SES's AmazonSnsSubscriptionSucceeded message (tests/e2e/test_unasked_events.py).
        subscription, received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        assert "AmazonSnsSubscriptionSucceeded" in json.loads(subscription["Body"])["Message"]
        notification = json.loads(json.loads(received["Body"])["Message"])
        assert notification["notificationType"] == "Bounce"


# -- where events go ----------------------------------------------------------------------------

def test_a_bounce_goes_to_the_identitys_topic_as_a_notification(v1, v2, fake):
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
    send(v2, "bounce@simulator.amazonses.com")
    sent, bounced = fake.events
    assert sent.routes == ()
    [route] = bounced.routes
    assert (route.kind, route.target, route.via) == ("notification", TOPIC, "example.com")
    document = route.document
    assert list(document) == ["notificationType", "bounce", "mail"]
    assert document["notificationType"] == "Bounce"
    assert "headers" not in document["mail"] and "tags" not in document["mail"]


def test_headers_are_included_when_enabled(v1, v2, fake):
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Delivery", SnsTopic=TOPIC)
    v1.set_identity_headers_in_notifications_enabled(Identity="example.com", NotificationType="Delivery", Enabled=True)
    send(v2, "success@simulator.amazonses.com")
    mail = fake.events[-1].routes[0].document["mail"]
    assert mail["commonHeaders"]["subject"] == "Hi" and mail["headers"]


def test_the_address_settings_beat_the_domains(v1, v2, fake):
    fake.verify_identity("vip@example.com")
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
    v1.set_identity_notification_topic(Identity="vip@example.com", NotificationType="Bounce",
                                       SnsTopic=TOPIC + "-vip")
    send(v2, "bounce@simulator.amazonses.com", source="vip@example.com")
    send(v2, "bounce@simulator.amazonses.com", source="other@example.com")
    targets = [e.routes[0].target for e in fake.events if e.type == "Bounce"]
    assert targets == [TOPIC + "-vip", TOPIC]


def test_a_pending_address_under_a_verified_domain_gets_the_domains_settings():
    """"Verified domain notification settings apply to all mail sent from email addresses
    in that domain except for email addresses that are also verified" (developer guide,
    configure-sns-notifications)."""
    with fakeses(auto_verify=False) as fake:
        v1 = boto3.client("ses", region_name="us-east-1")
        v2 = boto3.client("sesv2", region_name="us-east-1")
        fake.verify_identity("example.com")
        v1.verify_email_identity(EmailAddress="pending@example.com")  # stays pending
        v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
        v1.set_identity_notification_topic(Identity="pending@example.com", NotificationType="Bounce",
                                           SnsTopic=TOPIC + "-pending")
        send(v2, "bounce@simulator.amazonses.com", source="pending@example.com")
        [bounce] = [e for e in fake.events if e.type == "Bounce"]
        assert [r.target for r in bounce.routes] == [TOPIC]


# -- the default configuration set --------------------------------------------------------------

def test_the_identitys_default_configuration_set_applies_when_the_send_names_none(v2, fake):
    v2.create_configuration_set(ConfigurationSetName="default-set")
    v2.put_email_identity_configuration_set_attributes(EmailIdentity="example.com",
                                                       ConfigurationSetName="default-set")
    assert v2.get_email_identity(EmailIdentity="example.com")["ConfigurationSetName"] == "default-set"
    v2.create_configuration_set(ConfigurationSetName="other")
    send(v2, "ann@example.org")
    send(v2, "ann@example.org", ConfigurationSetName="other")
    assert [m.configuration_set for m in fake.sent_messages] == ["default-set", "other"]
    # An absent name removes the default (floci PR #1698, probed against SES v2).
    v2.put_email_identity_configuration_set_attributes(EmailIdentity="example.com")
    assert "ConfigurationSetName" not in v2.get_email_identity(EmailIdentity="example.com")
    send(v2, "ann@example.org")
    assert fake.sent_messages[-1].configuration_set is None


def test_the_address_default_set_beats_the_domains(v2, fake):
    """"A default configuration set at the email address level overrides a default
    configuration set at the domain level" (developer guide, quoted in floci PR #1698)."""
    fake.verify_identity("vip@example.com")
    for name in ("domain-set", "vip-set"):
        v2.create_configuration_set(ConfigurationSetName=name)
    v2.put_email_identity_configuration_set_attributes(EmailIdentity="example.com", ConfigurationSetName="domain-set")
    v2.put_email_identity_configuration_set_attributes(EmailIdentity="vip@example.com", ConfigurationSetName="vip-set")
    send(v2, "ann@example.org", source="vip@example.com")
    send(v2, "ann@example.org", source="Other <other@example.com>")
    assert [m.configuration_set for m in fake.sent_messages] == ["vip-set", "domain-set"]


def test_a_default_set_needs_a_known_identity_and_an_existing_set(v2, fake):
    """Probed against SES v2 by floci (PR #1698): NotFoundException "Identity <X> does not
    exist." (the identity is checked first) and "Configuration set <X> does not exist."."""
    with pytest.raises(v2.exceptions.NotFoundException) as raised:
        v2.put_email_identity_configuration_set_attributes(EmailIdentity="nobody.org", ConfigurationSetName="nope")
    assert error(raised)[1:] == ("Identity <nobody.org> does not exist.", 404)
    with pytest.raises(v2.exceptions.NotFoundException) as raised:
        v2.put_email_identity_configuration_set_attributes(EmailIdentity="example.com", ConfigurationSetName="nope")
    assert error(raised)[1:] == ("Configuration set <nope> does not exist.", 404)
    assert "ConfigurationSetName" not in v2.get_email_identity(EmailIdentity="example.com")


def test_an_empty_default_set_name_is_stored_as_given(v2, fake):
    """"An explicit empty string is accepted (200) and - on AWS - stored verbatim" (floci PR
    #1698, probed). A send through it then names no set (?)."""
    v2.put_email_identity_configuration_set_attributes(EmailIdentity="example.com", ConfigurationSetName="")
    assert v2.get_email_identity(EmailIdentity="example.com")["ConfigurationSetName"] == ""
    send(v2, "ann@example.org")
    assert fake.sent_messages[-1].configuration_set is None
