"""Inbound mail: a receipt rule stores the message in S3 and notifies SNS; the application
reads the notification from its SQS queue and the message from the bucket (moto for S3,
SNS and SQS, fakeses for SES)."""
import email
import json

import boto3
import pytest

from fakeses import fakeses

moto = pytest.importorskip("moto")


def handle_inbound(sqs, s3, queue_url):
    """The code under test: for each notification, fetch the stored message; returns the subjects."""
    subjects = []
    for note in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        received = json.loads(json.loads(note["Body"])["Message"])
        action = received["receipt"]["action"]
        stored = s3.get_object(Bucket=action["bucketName"], Key=action["objectKey"])["Body"].read()
        subjects.append(email.message_from_bytes(stored)["Subject"])
    return subjects


def test_a_support_mail_is_stored_and_announced():
    with moto.mock_aws(), fakeses() as fake:
        s3 = boto3.client("s3", region_name="us-east-1")
        sns = boto3.client("sns", region_name="us-east-1")
        sqs = boto3.client("sqs", region_name="us-east-1")
        ses = boto3.client("ses", region_name="us-east-1")
        # What the deployment sets up: a bucket SES may write to, a topic, a queue on it.
        s3.create_bucket(Bucket="inbox")
        s3.put_bucket_policy(Bucket="inbox", Policy=json.dumps({"Statement": [{
            "Effect": "Allow", "Principal": {"Service": "ses.amazonaws.com"},
            "Action": "s3:PutObject", "Resource": "arn:aws:s3:::inbox/*"}]}))
        topic = sns.create_topic(Name="inbound")["TopicArn"]
        queue = sqs.create_queue(QueueName="inbound")["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
        fake.verify_identity("example.com")
        ses.create_receipt_rule_set(RuleSetName="main")
        ses.create_receipt_rule(RuleSetName="main", Rule={
            "Name": "support", "Enabled": True, "Recipients": ["support@example.com"], "ScanEnabled": True,
            "Actions": [{"S3Action": {"BucketName": "inbox", "ObjectKeyPrefix": "support/", "TopicArn": topic}}]})
        ses.set_active_receipt_rule_set(RuleSetName="main")

        mail = fake.receive(b"From: Ann <ann@example.org>\r\nTo: support@example.com\r\n"
                            b"Subject: My order is late\r\n\r\nOrder 42 has not arrived.\r\n")

        assert handle_inbound(sqs, s3, queue) == ["My order is late"]
        assert mail.matched_rules == ["support"]
        assert mail.actions_of("S3")[0].delivered["key"] == f"support/{mail.message_id}"
