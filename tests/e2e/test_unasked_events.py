"""What SES publishes without being asked: topic notices, and the fate of every recipient.

Sources (docs/_research/unasked-events.md; graded R recorded, D documented, E emulator,
? unknown):

- creating an SNS event destination publishes "Successfully validated SNS topic for Amazon
  SES event publishing." with no Subject, once per call, before any event (LocalStack's
  tests recorded against AWS on 2023-08-25, listed in its test_ses.validation.json:
  test_ses_sns_topic_integration_send_email, _send_raw_email, _send_templated_email,
  test_sending_to_deleted_topic; v2 recorded 2024-06-17, ope-tech/laravel-ses#10) (R);
- SetIdentityNotificationTopic publishes an ``AmazonSnsSubscriptionSucceeded`` JSON message
  ending in a newline, with no Subject (recorded 2017-04-13 for 'Bounce'; a fixture for
  'Complaint') (R); 'Delivery' by analogy (?).
"""
from __future__ import annotations

import json

import boto3
import pytest

from fakeses import fakeses

TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events"
OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:other"
VALIDATED = "Successfully validated SNS topic for Amazon SES event publishing."
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def notices(fake):
    return [(p.service, p.target, p.subject, p.via, p.message) for p in fake.published if p.event is None]


def v2_destination(v2, name="to-sns", *, topic=TOPIC, types=("SEND",), enabled=True, create=True):
    call = v2.create_configuration_set_event_destination if create else v2.update_configuration_set_event_destination
    call(ConfigurationSetName="tracked", EventDestinationName=name,
         EventDestination={"Enabled": enabled, "MatchingEventTypes": list(types),
                           "SnsDestination": {"TopicArn": topic}})


def v1_destination(v1, name="to-sns", *, topic=TOPIC, types=("send",), create=True):
    call = v1.create_configuration_set_event_destination if create else v1.update_configuration_set_event_destination
    call(ConfigurationSetName="tracked", EventDestination={
        "Name": name, "Enabled": True, "MatchingEventTypes": list(types), "SNSDestination": {"TopicARN": topic}})


# -- the validation message of an SNS event destination ---------------------------------------

def test_creating_an_sns_destination_publishes_the_validation_message_once(v1, v2, fake):
    """Five event types, one message (LocalStack's recordings); v1 and v2 alike (laravel-ses#10)."""
    v2.create_configuration_set(ConfigurationSetName="tracked")
    v1_destination(v1, "by-v1", types=("send", "bounce", "delivery", "open", "click"))
    v2_destination(v2, "by-v2", topic=OTHER_TOPIC, types=("SEND", "DELIVERY"))
    assert notices(fake) == [("sns", TOPIC, None, "tracked/by-v1", VALIDATED),
                             ("sns", OTHER_TOPIC, None, "tracked/by-v2", VALIDATED)]


def test_the_validation_message_comes_before_any_event(v2, fake):
    v2.create_configuration_set(ConfigurationSetName="tracked")
    v2_destination(v2)
    v2.send_email(FromEmailAddress="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                  Content=SIMPLE, ConfigurationSetName="tracked")
    notice, sent = fake.published
    assert (notice.message, notice.event) == (VALIDATED, None)
    assert sent.event.type == "Send"


def test_each_destination_made_for_the_same_topic_is_validated_again(v2, fake):
    """Once per creation call (an app's comment: "every time a configuration set's event
    destination is (re)created"; research 1.2, E)."""
    v2.create_configuration_set(ConfigurationSetName="tracked")
    v2_destination(v2, "first")
    v2.delete_configuration_set_event_destination(ConfigurationSetName="tracked", EventDestinationName="first")
    v2_destination(v2, "first")
    v2_destination(v2, "second")
    assert [via for _, _, _, via, _ in notices(fake)] == ["tracked/first", "tracked/first", "tracked/second"]


def test_a_destination_created_disabled_is_validated_too(v2, fake):
    """Not recorded (?): SES checks the topic of every destination made; LocalStack sends
    the message whatever Enabled says (E)."""
    v2.create_configuration_set(ConfigurationSetName="tracked")
    v2_destination(v2, enabled=False)
    assert [message for *_, message in notices(fake)] == [VALIDATED]


def test_updating_to_a_new_topic_validates_it_and_nothing_else_does(v1, v2, fake):
    """Not recorded (?): a topic the destination did not publish to gets the message, as a
    new destination's does; the same topic, other types or enabled, nothing."""
    v2.create_configuration_set(ConfigurationSetName="tracked")
    v2_destination(v2)
    v2_destination(v2, types=("SEND", "BOUNCE"), enabled=False, create=False)
    v1_destination(v1, types=("bounce",), create=False)
    v2_destination(v2, topic=OTHER_TOPIC, create=False)
    v1_destination(v1, topic=TOPIC, create=False)
    assert [target for _, target, *_ in notices(fake)] == [TOPIC, OTHER_TOPIC, TOPIC]


def test_other_destinations_and_refused_calls_publish_nothing(v1, v2, fake):
    """No recording of a test record for EventBridge, Firehose or CloudWatch (?); a call SES
    refuses (an unknown set: F17) publishes nothing."""
    v2.create_configuration_set(ConfigurationSetName="tracked")
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="tracked", EventDestinationName="bus",
        EventDestination={"Enabled": True, "MatchingEventTypes": ["SEND"], "EventBridgeDestination": {
            "EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/default"}})
    with pytest.raises(v2.exceptions.NotFoundException):
        v2.create_configuration_set_event_destination(
            ConfigurationSetName="missing", EventDestinationName="d",
            EventDestination={"Enabled": True, "MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": TOPIC}})
    v2_destination(v2)
    with pytest.raises(v2.exceptions.AlreadyExistsException):
        v2_destination(v2)
    assert len(notices(fake)) == 1


def test_with_moto_the_queue_receives_the_validation_message_as_sns_delivers_it():
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses():
        sns = boto3.client("sns", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        topic = sns.create_topic(Name="ses-events")["TopicArn"]
        queue = sqs.create_queue(QueueName="events")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
        v1 = boto3.client("ses", region_name="us-east-1")
        v1.create_configuration_set(ConfigurationSet={"Name": "tracked"})
        v1_destination(v1, topic=topic)
        [received] = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        envelope = json.loads(received["Body"])
        assert (envelope["Type"], envelope["TopicArn"], envelope["Message"]) == ("Notification", topic, VALIDATED)
        assert "Subject" not in envelope  # as recorded: none, unlike the events' envelopes


# -- an identity's notification topic ------------------------------------------------------------

def subscribed(topic, kind, identity):
    return ('{"notificationType":"AmazonSnsSubscriptionSucceeded","message":"You have successfully subscribed '
            f"your Amazon SNS topic '{topic}' to receive '{kind}' notifications from Amazon SES for identity "
            f"'{identity}'.\"}}\n")


def test_setting_a_notification_topic_publishes_the_subscription_message(v1, fake):
    """Compact JSON ending in a newline, no Subject (recorded 2017-04-13, 'Bounce'; a Ruby
    fixture, 'Complaint'); 'Delivery' by analogy (?); an address identity as for a domain."""
    fake.verify_identity("ann@example.org")
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
    v1.set_identity_notification_topic(Identity="ann@example.org", NotificationType="Complaint", SnsTopic=OTHER_TOPIC)
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Delivery", SnsTopic=TOPIC)
    assert notices(fake) == [
        ("sns", TOPIC, None, "example.com", subscribed(TOPIC, "Bounce", "example.com")),
        ("sns", OTHER_TOPIC, None, "ann@example.org", subscribed(OTHER_TOPIC, "Complaint", "ann@example.org")),
        ("sns", TOPIC, None, "example.com", subscribed(TOPIC, "Delivery", "example.com")),
    ]


def test_the_subscription_message_names_the_identity_not_its_arn_and_clearing_publishes_nothing(v1, fake):
    """An identity named by its ARN is named by its name (?); no topic, nothing to publish to."""
    v1.set_identity_notification_topic(Identity="arn:aws:ses:us-east-1:123456789012:identity/example.com",
                                       NotificationType="Bounce", SnsTopic=TOPIC)
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce")
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
    assert [message for *_, message in notices(fake)] == [subscribed(TOPIC, "Bounce", "example.com")] * 2


def test_a_refused_topic_publishes_nothing(v1, fake):
    with pytest.raises(v1.exceptions.ClientError):
        v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce",
                                           SnsTopic="arn:aws:sns:eu-west-1:123456789012:elsewhere")
    assert fake.published == []


def test_with_moto_the_topic_receives_the_subscription_message_before_the_bounce():
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses() as fake:
        sns = boto3.client("sns", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        topic = sns.create_topic(Name="bounces")["TopicArn"]
        queue = sqs.create_queue(QueueName="bounces")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
        fake.verify_identity("example.com")
        boto3.client("ses", region_name="us-east-1").set_identity_notification_topic(
            Identity="example.com", NotificationType="Bounce", SnsTopic=topic)
        boto3.client("sesv2", region_name="us-east-1").send_email(
            FromEmailAddress="hello@example.com", Destination={"ToAddresses": ["bounce@simulator.amazonses.com"]},
            Content=SIMPLE)
        subscription, bounce = (json.loads(m["Body"]) for m in
                                sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"])
        assert subscription["Message"] == subscribed(topic, "Bounce", "example.com")
        assert "Subject" not in subscription
        assert json.loads(bounce["Message"])["notificationType"] == "Bounce"
