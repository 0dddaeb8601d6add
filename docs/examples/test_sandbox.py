"""The SES sandbox: only verified recipients and mailbox-simulator addresses get mail."""
import boto3
import pytest

REGION = "eu-west-1"
SIMPLE = {"Simple": {"Subject": {"Data": "Hello"}, "Body": {"Text": {"Data": "Hi"}}}}


@pytest.mark.fakeses(sandbox=True, region=REGION)
def test_an_unverified_recipient_is_rejected(ses_backend):
    ses_backend.verify_identity("example.com")  # the sender, in every region
    ses = boto3.client("sesv2", region_name=REGION)

    with pytest.raises(ses.exceptions.MessageRejected) as raised:
        ses.send_email(FromEmailAddress="me@example.com", Destination={"ToAddresses": ["bob@example.org"]},
                       Content=SIMPLE)

    assert raised.value.response["Error"]["Message"] == (
        "Email address is not verified. The following identities failed the check in region "
        "EU-WEST-1: bob@example.org"
    )
    assert ses_backend.sent_messages == []


@pytest.mark.fakeses(sandbox=True, region=REGION)
def test_the_mailbox_simulator_is_reachable_from_the_sandbox(ses_backend):
    ses_backend.verify_identity("example.com")
    ses = boto3.client("sesv2", region_name=REGION)

    ses.send_email(FromEmailAddress="me@example.com",
                   Destination={"ToAddresses": ["success@simulator.amazonses.com"]}, Content=SIMPLE)

    assert ses_backend.sent_messages[-1].destinations == ["success@simulator.amazonses.com"]
    quota = ses.get_account()["SendQuota"]
    assert (quota["Max24HourSend"], quota["MaxSendRate"]) == (200.0, 1.0)  # the sandbox quota
