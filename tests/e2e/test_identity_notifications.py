"""Identity-level settings that decide where a sender's events go.

v1 SetIdentityNotificationTopic / SetIdentityHeadersInNotificationsEnabled /
SetIdentityFeedbackForwardingEnabled / GetIdentityNotificationAttributes, v2
PutEmailIdentityFeedbackAttributes and PutEmailIdentityConfigurationSetAttributes. The
address's settings beat its domain's (floci PR #1540; developer guide). Identity
notifications use ``notificationType`` and carry headers only when asked (F23).
"""
from __future__ import annotations

import pytest

TOPIC = "arn:aws:sns:us-east-1:123456789012:bounces"
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def send(v2, to, source="hello@example.com", **extra):
    v2.send_email(FromEmailAddress=source, Destination={"ToAddresses": [to]}, Content=SIMPLE, **extra)


def test_new_identities_forward_feedback_and_have_no_topics(v1, fake):
    attributes = v1.get_identity_notification_attributes(Identities=["example.com", "unknown.org"])
    assert attributes["NotificationAttributes"] == {"example.com": {
        "BounceTopic": "", "ComplaintTopic": "", "DeliveryTopic": "", "ForwardingEnabled": True, "HeadersInBounceNotificationsEnabled": False,
        "HeadersInComplaintNotificationsEnabled": False, "HeadersInDeliveryNotificationsEnabled": False}}


def test_topics_and_headers_are_set_and_read_back(v1, fake):
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
    v1.set_identity_headers_in_notifications_enabled(Identity="example.com", NotificationType="Bounce", Enabled=True)
    attributes = v1.get_identity_notification_attributes(Identities=["example.com"])["NotificationAttributes"]
    assert attributes["example.com"]["BounceTopic"] == TOPIC
    assert attributes["example.com"]["HeadersInBounceNotificationsEnabled"] is True
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce")  # no topic: unset
    attributes = v1.get_identity_notification_attributes(Identities=["example.com"])["NotificationAttributes"]
    assert attributes["example.com"]["BounceTopic"] == ""


def test_an_unknown_identity_is_refused(v1, fake):
    """"Identity unknown@example.com is not verified or does not exist." (F19)."""
    with pytest.raises(v1.exceptions.MessageRejected) as raised:
        v1.set_identity_headers_in_notifications_enabled(Identity="unknown@example.org",
                                                         NotificationType="Bounce", Enabled=True)
    assert raised.value.response["Error"]["Message"] == \
        "Identity unknown@example.org is not verified or does not exist."


def test_forwarding_can_be_turned_off_only_with_bounce_and_complaint_topics(v1, v2, fake):
    with pytest.raises(v1.exceptions.ClientError) as raised:
        v1.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=False)
    assert raised.value.response["Error"]["Code"] == "InvalidParameterValue"
    for kind in ("Bounce", "Complaint"):
        v1.set_identity_notification_topic(Identity="example.com", NotificationType=kind, SnsTopic=TOPIC)
    v1.set_identity_feedback_forwarding_enabled(Identity="example.com", ForwardingEnabled=False)
    assert v2.get_email_identity(EmailIdentity="example.com")["FeedbackForwardingStatus"] is False
    v2.put_email_identity_feedback_attributes(EmailIdentity="example.com", EmailForwardingEnabled=True)
    assert v2.get_email_identity(EmailIdentity="example.com")["FeedbackForwardingStatus"] is True


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


def test_the_identitys_default_configuration_set_applies_when_the_send_names_none(v2, fake):
    v2.create_configuration_set(ConfigurationSetName="default-set")
    v2.put_email_identity_configuration_set_attributes(EmailIdentity="example.com",
                                                       ConfigurationSetName="default-set")
    assert v2.get_email_identity(EmailIdentity="example.com")["ConfigurationSetName"] == "default-set"
    v2.create_configuration_set(ConfigurationSetName="other")
    send(v2, "ann@example.org")
    send(v2, "ann@example.org", ConfigurationSetName="other")
    assert [m.configuration_set for m in fake.sent_messages] == ["default-set", "other"]
    v2.put_email_identity_configuration_set_attributes(EmailIdentity="example.com")  # removes it
    send(v2, "ann@example.org")
    assert fake.sent_messages[-1].configuration_set is None


def test_a_default_set_must_exist(v2, fake):
    with pytest.raises(v2.exceptions.NotFoundException):
        v2.put_email_identity_configuration_set_attributes(EmailIdentity="example.com", ConfigurationSetName="nope")
    with pytest.raises(v2.exceptions.NotFoundException):
        v2.put_email_identity_configuration_set_attributes(EmailIdentity="nobody.org", ConfigurationSetName="nope")
