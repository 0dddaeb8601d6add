"""Events routed where SES sends them: configuration-set destinations and identity topics.

Routing rules (F18): events go only where the message's configuration set (from
ConfigurationSetName, the X-SES-CONFIGURATION-SET header or the identity's default) has
an enabled destination matching the type, and, for Bounce, Complaint and Delivery, to the
sender identity's notification topic. With moto active, the SNS route really publishes,
so an SQS queue subscribed to the topic receives SES's JSON.
"""
from __future__ import annotations

import json

import boto3
import pytest

from fakeses import fakeses

TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events"
SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}
VALIDATED = "Successfully validated SNS topic for Amazon SES event publishing."


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def with_sns_destination(v2, name="tracked", types=("SEND", "DELIVERY", "BOUNCE"), topic=TOPIC):
    v2.create_configuration_set(ConfigurationSetName=name)
    v2.create_configuration_set_event_destination(
        ConfigurationSetName=name, EventDestinationName="to-sns",
        EventDestination={"Enabled": True, "MatchingEventTypes": list(types), "SnsDestination": {"TopicArn": topic}},
    )


def send(v2, to="ann@example.org", **extra):
    return v2.send_email(FromEmailAddress="hello@example.com", Destination={"ToAddresses": [to]},
                         Content=SIMPLE, **extra)["MessageId"]


def test_a_send_without_a_configuration_set_is_routed_nowhere(v2, fake):
    send(v2, "bounce@simulator.amazonses.com")
    assert [e.routes for e in fake.events] == [(), ()]


def test_matching_events_go_to_the_sets_destination(v2, fake):
    with_sns_destination(v2, types=("SEND", "BOUNCE"))
    message_id = send(v2, "bounce@simulator.amazonses.com", ConfigurationSetName="tracked")
    sent, bounced = fake.events
    assert [(r.kind, r.target, r.via) for r in sent.routes] == [("sns", TOPIC, "tracked/to-sns")]
    document = bounced.routes[0].document
    assert document["eventType"] == "Bounce"
    assert document["mail"]["messageId"] == message_id
    assert document["bounce"]["bounceType"] == "Permanent"
    assert fake.sent_messages[0].configuration_set == "tracked"


def test_types_the_destination_does_not_match_are_not_routed(v2, fake):
    with_sns_destination(v2, types=("BOUNCE",))
    send(v2, "success@simulator.amazonses.com", ConfigurationSetName="tracked")
    assert [(e.type, len(e.routes)) for e in fake.events] == [("Send", 0), ("Delivery", 0)]


def test_a_disabled_destination_gets_nothing(v2, fake):
    v2.create_configuration_set(ConfigurationSetName="quiet")
    v2.create_configuration_set_event_destination(
        ConfigurationSetName="quiet", EventDestinationName="off",
        EventDestination={"Enabled": False, "MatchingEventTypes": ["SEND"], "SnsDestination": {"TopicArn": TOPIC}},
    )
    send(v2, ConfigurationSetName="quiet")
    assert fake.events[0].routes == ()


def test_the_configuration_set_header_of_a_raw_message_routes_it(v1, v2, fake):
    with_sns_destination(v2)
    raw = b"From: hello@example.com\r\nTo: ann@example.org\r\nX-SES-CONFIGURATION-SET: tracked\r\nSubject: s\r\n\r\nbody"
    v1.send_raw_email(RawMessage={"Data": raw})
    [message] = fake.sent_messages
    assert message.configuration_set == "tracked"
    assert fake.events[0].routes[0].via == "tracked/to-sns"
    assert message.mime["X-SES-CONFIGURATION-SET"] is None


def test_a_paused_set_pauses_its_sends(v1, v2, fake):
    v2.create_configuration_set(ConfigurationSetName="paused")
    v2.put_configuration_set_sending_options(ConfigurationSetName="paused", SendingEnabled=False)
    with pytest.raises(v2.exceptions.SendingPausedException):
        send(v2, ConfigurationSetName="paused")
    with pytest.raises(v1.exceptions.ConfigurationSetSendingPausedException):
        v1.send_email(Source="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                      Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}},
                      ConfigurationSetName="paused")
    assert not fake.sent_messages


def test_the_handles_outcomes_are_routed_too(v2, fake):
    with_sns_destination(v2, types=("OPEN", "CLICK"))
    send(v2, ConfigurationSetName="tracked")
    message = fake.sent_messages[0]
    opened = fake.open(message)
    clicked = fake.click(message, "https://example.com/x")
    assert opened.routes[0].document["eventType"] == "Open"
    assert clicked.routes[0].document["click"]["link"] == "https://example.com/x"


# -- what was published: the handle's record ----------------------------------------------------

def test_each_routed_event_is_recorded_as_published_with_its_exact_text(v2, fake):
    with_sns_destination(v2, types=("SEND", "BOUNCE"))
    send(v2, "bounce@simulator.amazonses.com", ConfigurationSetName="tracked")
    events = [e for e in fake.events if e.routes]
    published = fake.published[1:]  # after the destination's validation message (tests/e2e/test_unasked_events.py)
    assert [(p.service, p.target, p.subject, p.via, p.event) for p in published] == [
        ("sns", TOPIC, "Amazon SES Email Event Notification", "tracked/to-sns", event) for event in events]
    for publication, event in zip(published, events):
        assert publication.message == json.dumps(event.routes[0].document, separators=(",", ":"))


def test_an_identity_notification_is_published_without_a_subject(v1, v2, fake):
    v1.set_identity_notification_topic(Identity="example.com", NotificationType="Bounce", SnsTopic=TOPIC)
    send(v2, "bounce@simulator.amazonses.com")
    bounce = fake.published[-1]
    assert (bounce.service, bounce.target, bounce.subject, bounce.via) == ("sns", TOPIC, None, "example.com")
    assert json.loads(bounce.message)["notificationType"] == "Bounce"


def test_clear_forgets_what_was_published(v2, fake):
    with_sns_destination(v2)
    send(v2, ConfigurationSetName="tracked")
    before = fake.published
    fake.clear()
    assert fake.published == [] and before


# -- with moto: the events really arrive -----------------------------------------------------------

def test_a_bounce_reaches_an_sqs_queue_subscribed_to_the_topic():
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses() as fake:
        sns = boto3.client("sns", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        topic = sns.create_topic(Name="ses-events")["TopicArn"]
        queue = sqs.create_queue(QueueName="bounces")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)

        fake.verify_identity("example.com")
        v2 = boto3.client("sesv2", region_name="us-east-1")
        with_sns_destination(v2, types=("BOUNCE",), topic=topic)
        message_id = send(v2, "bounce@simulator.amazonses.com", ConfigurationSetName="tracked")

        # First SES's validation message to the topic, made with the destination (LocalStack's
        # AWS recordings of 2023-08-25), then the bounce.
        validation, received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
        assert json.loads(validation["Body"])["Message"] == VALIDATED
        envelope = json.loads(received["Body"])
        assert envelope["Subject"] == "Amazon SES Email Event Notification"
        assert envelope["Message"] == fake.published[-1].message  # the text recorded is the text sent
        event = json.loads(envelope["Message"])
        assert event["eventType"] == "Bounce"
        assert event["mail"]["messageId"] == message_id
        assert event["bounce"]["bouncedRecipients"][0]["emailAddress"] == "bounce@simulator.amazonses.com"


def test_a_send_through_a_set_whose_topic_was_deleted_is_accepted():
    """LocalStack's test_sending_to_deleted_topic, recorded against AWS 2023-08-25: SendEmail
    succeeds and the queue only ever gets the validation message."""
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses() as fake:
        sns = boto3.client("sns", region_name="us-east-1")
        topic = sns.create_topic(Name="ses-events")["TopicArn"]
        fake.verify_identity("example.com")
        v2 = boto3.client("sesv2", region_name="us-east-1")
        with_sns_destination(v2, topic=topic)
        sns.delete_topic(TopicArn=topic)
        send(v2, ConfigurationSetName="tracked")
        assert [e.type for e in fake.events][:1] == ["Send"]


def test_without_moto_nothing_leaves_the_process(v2, fake):
    with_sns_destination(v2)
    send(v2, ConfigurationSetName="tracked")  # the socket guard of tests/conftest.py would fail this
    assert fake.events[0].routes


# -- the documents ----------------------------------------------------------------------------------

def test_the_event_document_describes_the_message(v2, fake):
    """Keys and automatic tags as in LocalStack's AWS snapshot of a Send event (F22)."""
    with_sns_destination(v2)
    message_id = send(v2, ConfigurationSetName="tracked", EmailTags=[{"Name": "kind", "Value": "welcome"}])
    document = fake.events[0].routes[0].document
    assert list(document) == ["eventType", "mail", "send"]
    assert document["send"] == {}
    mail = document["mail"]
    assert list(mail) == ["timestamp", "source", "sourceArn", "sendingAccountId", "messageId", "destination",
                          "headersTruncated", "headers", "commonHeaders", "tags"]
    assert mail["sourceArn"] == "arn:aws:ses:us-east-1:123456789012:identity/example.com"  # the verified domain
    assert [h["name"] for h in mail["headers"]] == ["From", "To", "Subject", "MIME-Version", "Content-Type",
                                                     "Content-Transfer-Encoding"]
    assert mail["commonHeaders"] == {"from": ["hello@example.com"], "to": ["ann@example.org"],
                                     "messageId": message_id, "subject": "Hi"}
    assert mail["tags"]["ses:operation"] == ["SendEmail"]
    assert mail["tags"]["ses:configuration-set"] == ["tracked"]
    assert mail["tags"]["ses:from-domain"] == ["example.com"]
    assert mail["tags"]["kind"] == ["welcome"]


def test_a_rendering_failure_is_published_without_headers(v2, fake):
    """The documented Rendering Failure example has no headers in ``mail`` and a
    ``failure`` object (event-publishing-retrieving-sns-examples.html)."""
    with_sns_destination(v2, types=("SEND", "RENDERING_FAILURE"))
    v2.create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"})
    v2.send_email(FromEmailAddress="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                  Content={"Template": {"TemplateName": "t", "TemplateData": "{}"}}, ConfigurationSetName="tracked")
    sent, failed = (e.routes[0].document for e in fake.events)
    assert [h["name"] for h in sent["mail"]["headers"]] == ["From", "To", "MIME-Version"]
    assert "sourceArn" not in sent["mail"] and "subject" not in sent["mail"]["commonHeaders"]
    assert failed["eventType"] == "Rendering Failure"
    assert "headers" not in failed["mail"]
    assert failed["failure"] == {"errorMessage": "Attribute 'name' is not present in the rendering data.",
                                 "templateName": "t"}


def test_a_raw_messages_own_headers_are_listed(v1, v2, fake):
    """Raw messages list the caller's header block as sent, their Message-ID and X-SES-*
    headers included (a Send event recorded 2020-11-10; the guide's examples; F21)."""
    with_sns_destination(v2)
    raw = (b"From: hello@example.com\r\nTo: ann@example.org\r\nMessage-ID: <mine@example.com>\r\n"
           b"X-SES-CONFIGURATION-SET: tracked\r\nSubject: s\r\n\r\nbody")
    v1.send_raw_email(RawMessage={"Data": raw})
    headers = fake.events[0].routes[0].document["mail"]["headers"]
    assert headers == [{"name": "From", "value": "hello@example.com"}, {"name": "To", "value": "ann@example.org"},
                       {"name": "Message-ID", "value": "<mine@example.com>"},
                       {"name": "X-SES-CONFIGURATION-SET", "value": "tracked"}, {"name": "Subject", "value": "s"}]


def test_with_moto_an_sns_destination_needs_an_existing_topic():
    """"SNS topic <arn> not found." (LocalStack AWS snapshot test_cannot_create_event_for_no_topic; F17)."""
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses():
        v1 = boto3.client("ses", region_name="us-east-1")
        v1.create_configuration_set(ConfigurationSet={"Name": "s"})
        missing = "arn:aws:sns:us-east-1:123456789012:missing"
        with pytest.raises(v1.exceptions.InvalidSNSDestinationException) as raised:
            v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination={
                "Name": "d", "Enabled": True, "MatchingEventTypes": ["bounce"], "SNSDestination": {"TopicARN": missing}})
        assert raised.value.response["Error"]["Message"] == f"SNS topic <{missing}> not found."
        topic = boto3.client("sns", region_name="us-east-1").create_topic(Name="present")["TopicArn"]
        v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination={
            "Name": "d", "Enabled": True, "MatchingEventTypes": ["bounce"], "SNSDestination": {"TopicARN": topic}})


def test_an_eventbridge_destination_receives_the_event():
    moto = pytest.importorskip("moto")
    pytest.importorskip("jsonpath_ng", reason="moto's EventBridge rules need moto[events]")
    with moto.mock_aws(), fakeses() as fake:
        events = boto3.client("events", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        queue = sqs.create_queue(QueueName="ses")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(Name="ses", EventPattern=json.dumps({"source": ["aws.ses"]}))
        events.put_targets(Rule="ses", Targets=[{"Id": "q", "Arn": arn}])
        fake.verify_identity("example.com")
        v2 = boto3.client("sesv2", region_name="us-east-1")
        v2.create_configuration_set(ConfigurationSetName="eb")
        v2.create_configuration_set_event_destination(
            ConfigurationSetName="eb", EventDestinationName="bus",
            EventDestination={"Enabled": True, "MatchingEventTypes": ["DELIVERY"],
                              "EventBridgeDestination": {"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/default"}})
        send(v2, "success@simulator.amazonses.com", ConfigurationSetName="eb")
        [received] = sqs.receive_message(QueueUrl=queue)["Messages"]
        event = json.loads(received["Body"])
        assert (event["source"], event["detail-type"]) == ("aws.ses", "Email Delivered")
        assert event["detail"]["eventType"] == "Delivery"


def test_firehose_and_cloudwatch_destinations_receive_the_event():
    moto = pytest.importorskip("moto")
    with moto.mock_aws(), fakeses() as fake:
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="ses-events")
        firehose = boto3.client("firehose", region_name="us-east-1")
        role = "arn:aws:iam::123456789012:role/firehose"
        stream = firehose.create_delivery_stream(
            DeliveryStreamName="ses", ExtendedS3DestinationConfiguration={
                "RoleARN": role, "BucketARN": "arn:aws:s3:::ses-events"})["DeliveryStreamARN"]
        fake.verify_identity("example.com")
        v1 = boto3.client("ses", region_name="us-east-1")
        v1.create_configuration_set(ConfigurationSet={"Name": "s"})
        v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination={
            "Name": "hose", "Enabled": True, "MatchingEventTypes": ["send"],
            "KinesisFirehoseDestination": {"IAMRoleARN": role, "DeliveryStreamARN": stream}})
        v1.create_configuration_set_event_destination(ConfigurationSetName="s", EventDestination={
            "Name": "metrics", "Enabled": True, "MatchingEventTypes": ["send"],
            "CloudWatchDestination": {"DimensionConfigurations": [{
                "DimensionName": "campaign", "DimensionValueSource": "messageTag", "DefaultDimensionValue": "none"}]}})
        v1.send_email(Source="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                      Message={"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}, ConfigurationSetName="s")
        assert [r.kind for r in fake.events[0].routes] == ["firehose", "cloudwatch"]
        assert [(p.service, p.target) for p in fake.published] == [("firehose", stream), ("cloudwatch", "AWS/SES")]
        assert json.loads(fake.published[1].message) == {
            "MetricName": "Send", "Value": 1.0, "Unit": "Count", "Dimensions": [{"Name": "campaign", "Value": "none"}]}
        [stored] = s3.list_objects_v2(Bucket="ses-events")["Contents"]
        record = s3.get_object(Bucket="ses-events", Key=stored["Key"])["Body"].read()
        assert json.loads(record.decode().splitlines()[0])["eventType"] == "Send"
        metrics = boto3.client("cloudwatch", region_name="us-east-1").list_metrics(Namespace="AWS/SES")["Metrics"]
        assert [(m["MetricName"], m["Dimensions"]) for m in metrics] == [
            ("Send", [{"Name": "campaign", "Value": "none"}])]
