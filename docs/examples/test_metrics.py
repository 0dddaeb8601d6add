"""VDM: a dashboard's metrics, one message's insights and the Advisor, from what was sent."""
import datetime as dt

import boto3
import pytest


@pytest.fixture
def ses(ses_backend):
    ses_backend.verify_identity("example.com")
    client = boto3.client("sesv2", region_name="us-east-1")
    client.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED"})
    return client


def send(ses, to):
    return ses.send_email(FromEmailAddress="news@example.com", Destination={"ToAddresses": [to]},
                          Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hi"}}}})["MessageId"]


def test_bounces_per_day(ses_backend, ses):
    send(ses, "ann@example.org")
    send(ses, "typo@example.org")
    ses_backend.bounce(ses_backend.sent_messages[-1])
    sent_at = ses_backend.sent_messages[0].sent_at  # the fake's clock, as SES stamped it
    day = dt.datetime.combine(sent_at.date(), dt.time(), dt.timezone.utc)
    answer = ses.batch_get_metric_data(Queries=[
        {"Id": metric.lower(), "Namespace": "VDM", "Metric": metric,
         "StartDate": day - dt.timedelta(days=1), "EndDate": day + dt.timedelta(days=2)}
        for metric in ("SEND", "PERMANENT_BOUNCE")])
    totals = {r["Id"]: sum(r["Values"]) for r in answer["Results"]}
    assert totals == {"send": 2, "permanent_bounce": 1}


def test_the_insights_of_a_bounced_message(ses_backend, ses):
    message_id = send(ses, "typo@example.org")
    ses_backend.bounce(ses_backend.sent_messages[-1], subtype="NoEmail")
    [recipient] = ses.get_message_insights(MessageId=message_id)["Insights"]
    bounce = next(e for e in recipient["Events"] if e["Type"] == "BOUNCE")
    assert bounce["Details"]["Bounce"]["BounceSubType"] == "NoEmail"


def test_the_advisor_wants_dmarc_until_it_is_published(ses_backend, ses):
    ses.create_email_identity(EmailIdentity="shop.example.com")
    arn = "arn:aws:ses:us-east-1:123456789012:identity/shop.example.com"
    ses_backend.set_dns("shop.example.com", dmarc="v=DMARC1; p=quarantine")
    found = ses.list_recommendations(Filter={"RESOURCE_ARN": arn})["Recommendations"]
    assert "DMARC" not in {r["Type"] for r in found}
