"""Sending authorization: a platform account sends as its customer's domain.

The customer (account 111111111111) owns example.com and attaches a policy that lets the
platform (account 222222222222) send from news@example.com; the platform names the
identity's ARN when it sends. A 12-digit access key id selects the account.
"""
import json

import boto3
import pytest

CUSTOMER, PLATFORM = "111111111111", "222222222222"
IDENTITY_ARN = f"arn:aws:ses:us-east-1:{CUSTOMER}:identity/example.com"
SIMPLE = {"Simple": {"Subject": {"Data": "News"}, "Body": {"Text": {"Data": "Hello"}}}}


def client(account):
    return boto3.client("sesv2", region_name="us-east-1", aws_access_key_id=account, aws_secret_access_key="x")


@pytest.fixture
def customer(ses_backend):
    ses_backend.verify_identity("example.com", account_id=CUSTOMER)
    ses = client(CUSTOMER)
    ses.create_email_identity_policy(EmailIdentity="example.com", PolicyName="platform", Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "PlatformSendsNews", "Effect": "Allow", "Principal": {"AWS": PLATFORM},
            "Action": ["ses:SendEmail", "ses:SendRawEmail"], "Resource": IDENTITY_ARN,
            "Condition": {"StringEquals": {"ses:FromAddress": "news@example.com"}},
        }],
    }))
    return ses


def test_the_platform_sends_as_its_customer(ses_backend, customer):
    client(PLATFORM).send_email(FromEmailAddress="news@example.com", FromEmailAddressIdentityArn=IDENTITY_ARN,
                                Destination={"ToAddresses": ["ann@example.org"]}, Content=SIMPLE)

    [message] = ses_backend.sent_messages
    assert (message.account_id, message.identity_owner) == (PLATFORM, CUSTOMER)
    assert message.source_arn == IDENTITY_ARN


def test_an_address_the_policy_does_not_allow_is_refused(ses_backend, customer):
    platform = client(PLATFORM)
    with pytest.raises(platform.exceptions.ClientError) as refused:
        platform.send_email(FromEmailAddress="ceo@example.com", FromEmailAddressIdentityArn=IDENTITY_ARN,
                            Destination={"ToAddresses": ["ann@example.org"]}, Content=SIMPLE)

    error = refused.value.response["Error"]
    assert error["Code"] == "AccessDeniedException"
    assert error["Message"] == (f"User `arn:aws:iam::{PLATFORM}:root' is not authorized to perform "
                                f"`ses:SendEmail' on resource `{IDENTITY_ARN}'")
    [decision] = ses_backend.authorization_decisions
    assert not decision.allowed
    assert "ses:FromAddress" in decision.reason  # the condition that did not hold
