"""The account-level suppression list: a bounced address gets no more mail, and a Bounce says so."""
import boto3
import pytest

SIMPLE = {"Simple": {"Subject": {"Data": "News"}, "Body": {"Text": {"Data": "Hello"}}}}


def send_newsletter(ses, recipients):
    """The code under test: one message per recipient."""
    return [ses.send_email(FromEmailAddress="news@example.com", Content=SIMPLE,
                           Destination={"ToAddresses": [to]})["MessageId"] for to in recipients]


def test_a_suppressed_address_gets_no_delivery_but_a_bounce(ses_backend):
    ses_backend.verify_identity("example.com")
    ses = boto3.client("sesv2", region_name="us-east-1")
    ses.put_suppressed_destination(EmailAddress="gone@example.org", Reason="BOUNCE")

    ids = send_newsletter(ses, ["gone@example.org", "ann@example.org"])

    assert len(ids) == 2  # SES accepts both sends
    gone, ann = ses_backend.sent_messages
    assert [e.type for e in ses_backend.events_of(gone)] == ["Send", "Bounce"]
    bounce = ses_backend.events_of(gone, "Bounce")[0].details
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "OnAccountSuppressionList")
    assert not gone.delivered
    assert [e.type for e in ses_backend.events_of(ann)] == ["Send", "Delivery"]


@pytest.mark.fakeses(outcomes="hold")
def test_a_hard_bounce_suppresses_the_next_send(ses_backend):
    ses_backend.verify_identity("example.com")
    ses = boto3.client("sesv2", region_name="us-east-1")
    send_newsletter(ses, ["typo@example.org"])
    ses_backend.bounce(ses_backend.sent_messages[-1])  # the recipient's server said "no such user"

    send_newsletter(ses, ["typo@example.org"])

    assert ses_backend.events_of(ses_backend.sent_messages[-1], "Bounce")[0].details["bounceSubType"] == (
        "OnAccountSuppressionList")
    listed = ses.list_suppressed_destinations()["SuppressedDestinationSummaries"]
    assert [(s["EmailAddress"], s["Reason"]) for s in listed] == [("typo@example.org", "BOUNCE")]
