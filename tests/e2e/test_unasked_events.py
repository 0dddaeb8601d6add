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
  'Complaint') (R); 'Delivery' by analogy (?);
- a message to an ordinary recipient is delivered: Send, then Delivery (the same
  recordings of 2023-08-25, and earlier ones of 2022 with their processingTimeMillis) (R);
  delivery.timestamp is mail.timestamp plus processingTimeMillis in every dated recording
  (R); one Delivery per receiving domain (notification-contents.html, D; ?).
"""
from __future__ import annotations

import datetime as dt
import json
import re

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


# -- Delivery for ordinary recipients ----------------------------------------------------------

GMAIL = re.compile(r"^250 2\.0\.0 OK  (\d{10}) [a-z]\d-20020a05620a[0-9a-f]{4}00b[0-9a-f]{13}si\d{1,7}qkp\.\d{1,3} - gsmtp$")


def send(v2, *to, **extra):
    return v2.send_email(FromEmailAddress="hello@example.com", Destination={"ToAddresses": list(to)},
                         Content=SIMPLE, **extra)["MessageId"]


def ses_time(value):
    return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%f%z")


def test_an_ordinary_recipient_is_delivered_as_recorded(v2, fake):
    """Send then Delivery (LocalStack's AWS recordings, 2023-08-25); the Delivery's members
    and their order as recorded in 2025 and 2026, remoteMtaIp included."""
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    sent, delivery = fake.events
    assert (sent.type, delivery.type) == ("Send", "Delivery")
    details = delivery.details
    assert list(details) == ["timestamp", "processingTimeMillis", "recipients", "smtpResponse", "remoteMtaIp",
                             "reportingMTA"]
    assert details["recipients"] == ["ann@example.org"]
    assert details["reportingMTA"] == "a8-86.smtp-out.amazonses.com"
    assert message.delivered


def test_the_delivery_comes_788_ms_after_the_send_and_the_server_says_so(v2, fake):
    """delivery.timestamp = mail.timestamp + processingTimeMillis to the millisecond (every
    dated recording); 788 ms, the median of the ten recorded; Gmail's answer carries the
    delivery's second (1693000416 = 2023-08-25T21:53:36Z, recorded)."""
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    delivery = fake.events[1]
    details = delivery.details
    assert details["processingTimeMillis"] == 788
    at = ses_time(details["timestamp"])
    assert at - message.sent_at == dt.timedelta(milliseconds=788)
    assert delivery.timestamp == at
    answer = GMAIL.match(details["smtpResponse"])
    assert answer and int(answer.group(1)) == int(at.timestamp())


def test_each_message_gets_its_own_queue_id_from_the_receiving_server(v2, fake):
    send(v2, "ann@example.org")
    send(v2, "ann@example.org")
    first, second = (e.details["smtpResponse"].split()[4] for e in fake.events if e.type == "Delivery")
    assert first != second


def test_recipients_are_delivered_one_event_per_receiving_domain(v1, fake):
    """One server answers for a domain's recipients: "one Amazon SNS notification for
    multiple recipients, or ... a single Amazon SNS notification per recipient"
    (notification-contents.html); the 2014 guide example of a two-domain message names one
    recipient (D). Envelope order kept; To, Cc and Bcc alike."""
    v1.send_email(Source="hello@example.com",
                  Destination={"ToAddresses": ["ann@example.org"], "CcAddresses": ["bob@gmail.com"],
                               "BccAddresses": ["cat@EXAMPLE.org"]},
                  Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}})
    assert [e.details["recipients"] for e in fake.events if e.type == "Delivery"] == [
        ["ann@example.org", "cat@EXAMPLE.org"], ["bob@gmail.com"]]


def test_simulator_recipients_keep_their_events_and_the_others_are_delivered(v2, fake):
    send(v2, "bounce@simulator.amazonses.com", "ann@example.org")
    assert [(e.type, e.details.get("recipients")) for e in fake.events] == [
        ("Send", None), ("Bounce", None), ("Delivery", ["ann@example.org"])]


def test_a_message_that_could_not_be_rendered_gets_no_delivery(v2, fake):
    v2.create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"})
    v2.send_email(FromEmailAddress="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                  Content={"Template": {"TemplateName": "t", "TemplateData": "{}"}})
    assert [e.type for e in fake.events] == ["Send", "Rendering Failure"]


def test_each_message_of_a_bulk_send_is_delivered(v2, fake):
    v2.create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"})
    v2.send_bulk_email(FromEmailAddress="hello@example.com", DefaultContent={"Template": {
        "TemplateName": "t", "TemplateData": '{"name": "you"}'}}, BulkEmailEntries=[
        {"Destination": {"ToAddresses": ["ann@example.org"]}}, {"Destination": {"ToAddresses": ["bob@example.org"]}}])
    assert [e.type for e in fake.events] == ["Send", "Delivery", "Send", "Delivery"]


def test_the_delivery_goes_to_the_identitys_delivery_topic(v1, v2, fake):
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Delivery", SnsTopic=TOPIC)
    send(v2, "ann@example.org")
    notification = fake.published[-1]
    assert (notification.event.type, notification.via, notification.subject) == ("Delivery", "example.com", None)
    document = json.loads(notification.message)
    assert (document["notificationType"], document["delivery"]["recipients"]) == ("Delivery", ["ann@example.org"])


def test_without_moto_the_handle_shows_the_whole_stream_a_queue_would_see(v2, fake):
    v2.create_configuration_set(ConfigurationSetName="tracked")
    v2_destination(v2, types=("SEND", "DELIVERY"))
    message_id = send(v2, "ann@example.org", ConfigurationSetName="tracked")
    validation, sent, delivered = fake.published
    assert (validation.message, validation.subject) == (VALIDATED, None)
    assert [json.loads(p.message)["eventType"] for p in (sent, delivered)] == ["Send", "Delivery"]
    assert {json.loads(p.message)["mail"]["messageId"] for p in (sent, delivered)} == {message_id}
    assert {p.subject for p in (sent, delivered)} == {"Amazon SES Email Event Notification"}


def test_with_moto_a_queue_receives_the_validation_then_send_then_delivery():
    """The stream of LocalStack's test_ses_sns_topic_integration_send_email, recorded against
    AWS on 2023-08-25 (and unsorted on 2022-11-21): validation message, Send, Delivery."""
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses() as fake:
        sns = boto3.client("sns", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        topic = sns.create_topic(Name="ses-events")["TopicArn"]
        queue = sqs.create_queue(QueueName="events")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
        fake.verify_identity("example.com")
        v1 = boto3.client("ses", region_name="us-east-1")
        v1.create_configuration_set(ConfigurationSet={"Name": "tracked"})
        v1_destination(v1, topic=topic, types=("send", "bounce", "delivery", "open", "click"))
        message_id = v1.send_email(Source="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                                   Message={"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}},
                                   ConfigurationSetName="tracked")["MessageId"]
        received = [json.loads(m["Body"]) for m in
                    sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]]
        assert [envelope.get("Subject") for envelope in received] == [
            None, "Amazon SES Email Event Notification", "Amazon SES Email Event Notification"]
        validation, sent, delivered = (envelope["Message"] for envelope in received)
        assert validation == VALIDATED
        sent, delivered = json.loads(sent), json.loads(delivered)
        assert (sent["eventType"], delivered["eventType"]) == ("Send", "Delivery")
        assert sent["mail"]["messageId"] == delivered["mail"]["messageId"] == message_id
        assert delivered["delivery"]["recipients"] == ["ann@example.org"]
        assert [p.message for p in fake.published] == [envelope["Message"] for envelope in received]
