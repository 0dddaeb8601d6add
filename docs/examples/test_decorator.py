"""fakeses as a bare decorator, a called decorator and a context manager."""
import boto3
import pytest
from botocore.exceptions import ClientError

from fakeses import fakeses

REGION = "us-east-1"
SIMPLE = {"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}}}


@fakeses  # bare: the default options
def test_bare_decorator():
    ses = boto3.client("ses", region_name=REGION)
    ses.verify_email_identity(EmailAddress="me@example.com")  # verified at once (auto_verify)

    ses.send_email(
        Source="me@example.com",
        Destination={"ToAddresses": ["ann@example.org"]},
        Message={"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}},
    )

    [message] = fakeses.current().sent_messages
    assert message.service == "ses"
    assert message.operation == "SendEmail"


@fakeses(auto_verify=False)  # called: with options
def test_called_decorator():
    ses = boto3.client("sesv2", region_name=REGION)
    ses.create_email_identity(EmailIdentity="example.com")  # stays PENDING

    with pytest.raises(ClientError) as raised:
        ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                       Content=SIMPLE)
    assert raised.value.response["Error"]["Code"] == "MessageRejected"

    fakeses.current().verify_identity("example.com", region=REGION)  # as if the DNS records were found
    ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                   Content=SIMPLE)
    assert len(fakeses.current().sent_messages) == 1


def test_context_manager():
    with fakeses(region=REGION) as fake:
        fake.verify_identity("example.com")  # in the fake's region, us-east-1
        ses = boto3.client("sesv2", region_name=REGION)
        ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                       Content=SIMPLE)

    # The handle keeps what was sent after the block ends.
    assert [m.to for m in fake.sent_messages] == [["ann@example.org"]]
