"""The smallest fakeses test: the pytest fixture, one v2 send, one assertion block."""
import boto3

REGION = "us-east-1"


def send_welcome(address):
    """Stands in for your application code: it sends through SES with boto3."""
    ses = boto3.client("sesv2", region_name=REGION)
    ses.send_email(
        FromEmailAddress="Example <hello@example.com>",
        Destination={"ToAddresses": [address]},
        Content={
            "Simple": {
                "Subject": {"Data": "Welcome, Ann"},
                "Body": {"Text": {"Data": "Hi Ann, thanks for signing up."}},
            }
        },
    )


def test_the_welcome_mail_goes_to_the_new_user(ses_backend):
    ses_backend.verify_identity("example.com", region=REGION)  # the sender's domain

    send_welcome("ann@example.org")

    [welcome] = ses_backend.sent_messages
    assert welcome.to == ["ann@example.org"]
    assert welcome.source == "Example <hello@example.com>"
    assert welcome.subject == "Welcome, Ann"
    assert welcome.text.startswith("Hi Ann")
