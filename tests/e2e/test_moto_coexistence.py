"""fakeses with moto's mock_aws active at the same time: SES to fakeses, the rest to moto."""
from __future__ import annotations

import boto3
import pytest

from fakeses import fakeses

moto = pytest.importorskip("moto")


def exercise(fake):
    ses = boto3.client("sesv2", region_name="us-east-1")
    s3 = boto3.client("s3", region_name="us-east-1")
    # GetAccount and a send from an unverified sender: moto would answer neither as SES does.
    assert ses.get_account()["SendQuota"]["Max24HourSend"] == 50000.0
    with pytest.raises(ses.exceptions.MessageRejected):
        ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                       Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}})
    fake.verify_identity("example.com")
    ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["a@b.org"]},
                   Content={"Simple": {"Subject": {"Data": "s"}, "Body": {"Text": {"Data": "t"}}}})
    assert len(fake.sent_messages) == 1
    s3.create_bucket(Bucket="fakeses-and-moto")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["fakeses-and-moto"]
    sns = boto3.client("sns", region_name="us-east-1")
    topic = sns.create_topic(Name="bounces")["TopicArn"]
    assert topic.endswith(":bounces")


def test_fakeses_inside_mock_aws():
    with moto.mock_aws():
        with fakeses() as fake:
            exercise(fake)


def test_mock_aws_inside_fakeses():
    with fakeses() as fake:
        with moto.mock_aws():
            exercise(fake)


def test_moto_sees_no_ses_request():
    from moto.ses.models import ses_backends

    with moto.mock_aws():
        with fakeses():
            boto3.client("ses", region_name="us-east-1").verify_email_identity(EmailAddress="a@example.com")
        assert ses_backends["123456789012"]["us-east-1"].list_identities(None) == []
