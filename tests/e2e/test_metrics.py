"""VDM metrics and insights through boto3: v2 BatchGetMetricData, GetMessageInsights and
GetEmailAddressInsights, computed from what the test sent and what happened to it.

Sources: fakeses/domain/insights.py, fakeses/domain/vdm.py, docs/fidelity.md "Metrics,
insights and recommendations".
"""
from __future__ import annotations

import datetime as dt

import pytest
from botocore.exceptions import ClientError
from support.clients import client, error_of
from support.model import needs_operation

UTC = dt.timezone.utc
DAY1 = dt.datetime(2026, 3, 5, tzinfo=UTC)  # the suite's clock starts on this day (tests/conftest.py)
VDM_OFF = ("NotFoundException", 404, "To use this feature you must enable Virtual Deliverability Manager")


@pytest.fixture
def fake(ses_backend, v2):
    ses_backend.verify_identity("example.com")
    v2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED"})
    return ses_backend


def send(v2, *to, sender="me@example.com", html=False, **extra):
    body = {"Text": {"Data": "t"}, **({"Html": {"Data": "<p>t</p>"}} if html else {})}
    return v2.send_email(FromEmailAddress=sender, Destination={"ToAddresses": list(to)},
                         Content={"Simple": {"Subject": {"Data": "Hello"}, "Body": body}}, **extra)["MessageId"]


def sent(fake, message_id):
    return next(m for m in fake.sent_messages if m.message_id == message_id)


def query(metric, start=DAY1, end=DAY1 + dt.timedelta(days=1), qid=None, **dimensions):
    found = {"Id": qid or metric.lower(), "Namespace": "VDM", "Metric": metric, "StartDate": start, "EndDate": end}
    if dimensions:
        found["Dimensions"] = dimensions
    return found


def series(v2, *queries):
    answer = v2.batch_get_metric_data(Queries=list(queries))
    assert answer["Errors"] == []
    return {r["Id"]: list(zip([t.astimezone(UTC) for t in r["Timestamps"]], r["Values"])) for r in answer["Results"]}


# -- the gate ---------------------------------------------------------------------------------

@pytest.mark.parametrize("setting", [None, "DISABLED"])
def test_without_vdm_every_vdm_read_is_refused_before_the_request_is_looked_at(ses_backend, v2, setting):
    if setting:
        v2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": setting})
    calls = [lambda: v2.batch_get_metric_data(Queries=[query("SEND", end=DAY1)]),  # a bad range too
             lambda: v2.get_message_insights(MessageId="not-an-id"),
             lambda: v2.list_recommendations()]
    for call in calls:
        with pytest.raises(ClientError) as caught:
            call()
        assert error_of(caught) == VDM_OFF


def test_vdm_is_per_region(fake):
    with pytest.raises(ClientError) as caught:
        client("sesv2", "eu-west-1").batch_get_metric_data(Queries=[query("SEND")])
    assert error_of(caught) == VDM_OFF


# -- BatchGetMetricData -----------------------------------------------------------------------

def test_metrics_count_the_sends_deliveries_and_the_simulated_bounce(fake, v2):
    send(v2, "a@gmail.com")
    send(v2, "b@yahoo.com")
    bounced = send(v2, "c@example.org")
    fake.bounce(sent(fake, bounced))
    send(v2, "d@gmail.com", "e@gmail.com")  # two recipients: VDM leaves it out
    send(v2, "success@simulator.amazonses.com")  # the mailbox simulator: left out
    got = series(v2, query("SEND"), query("DELIVERY"), query("PERMANENT_BOUNCE"), query("TRANSIENT_BOUNCE"),
                 query("COMPLAINT"))
    assert got == {"send": [(DAY1, 3)], "delivery": [(DAY1, 3)], "permanent_bounce": [(DAY1, 1)],
                   "transient_bounce": [], "complaint": []}


def test_metrics_come_in_utc_days_with_empty_days_left_out_and_the_end_excluded(fake, v2, fixed_clock):
    fixed_clock(dt.datetime(2026, 3, 5, 10, tzinfo=UTC))
    send(v2, "a@gmail.com")
    fixed_clock(dt.datetime(2026, 3, 7, 10, tzinfo=UTC))
    send(v2, "b@gmail.com")
    send(v2, "c@gmail.com")
    day = dt.timedelta(days=1)
    assert series(v2, query("SEND", end=DAY1 + 3 * day)) == {
        "send": [(DAY1, 1), (DAY1 + 2 * day, 2)]}
    assert series(v2, query("SEND", end=DAY1 + 2 * day)) == {"send": [(DAY1, 1)]}
    assert series(v2, query("SEND", start=DAY1 + day, end=DAY1 + 3 * day)) == {"send": [(DAY1 + 2 * day, 2)]}


def test_dimensions_narrow_a_query_to_an_identity_a_configuration_set_or_an_isp(fake, v2):
    v2.create_configuration_set(ConfigurationSetName="news")
    fake.verify_identity("other.example")
    send(v2, "a@gmail.com", ConfigurationSetName="news")
    send(v2, "b@yahoo.com")
    send(v2, "c@gmail.com", sender="you@other.example")
    got = series(v2, query("SEND", qid="domain", EMAIL_IDENTITY="example.com"),
                 query("SEND", qid="address", EMAIL_IDENTITY="Me@Example.com"),
                 query("SEND", qid="set", CONFIGURATION_SET="news"),
                 query("SEND", qid="gmail", ISP="Gmail"),
                 query("SEND", qid="both", ISP="Gmail", EMAIL_IDENTITY="example.com"))
    assert got == {"domain": [(DAY1, 2)], "address": [(DAY1, 2)], "set": [(DAY1, 1)], "gmail": [(DAY1, 2)],
                   "both": [(DAY1, 1)]}


def test_opens_and_clicks_count_once_a_message_and_only_with_engagement_metrics_on(fake, v2):
    v2.create_configuration_set(ConfigurationSetName="tracked", VdmOptions={
        "DashboardOptions": {"EngagementMetrics": "ENABLED"}})
    v2.create_configuration_set(ConfigurationSetName="plain")
    first = sent(fake, send(v2, "a@gmail.com", html=True, ConfigurationSetName="tracked"))
    second = sent(fake, send(v2, "b@gmail.com", html=True, ConfigurationSetName="plain"))
    for message in (first, first, second):
        fake.open(message)
    fake.click(first, "https://example.com/a")
    fake.click(first, "https://example.com/b")
    # The account's EngagementMetrics is off: only the set that turns it on counts.
    got = series(v2, query("OPEN"), query("CLICK"), query("DELIVERY_OPEN"))
    assert got == {"open": [(DAY1, 1)], "click": [(DAY1, 1)], "delivery_open": [(DAY1, 2)]}
    v2.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED",
                                                 "DashboardAttributes": {"EngagementMetrics": "ENABLED"}})
    assert series(v2, query("OPEN")) == {"open": [(DAY1, 2)]}


def test_complaints_count_and_deliveries_to_gmail_are_not_complaint_eligible(fake, v2):
    fake.complain(sent(fake, send(v2, "a@yahoo.com")))
    send(v2, "b@gmail.com")
    assert series(v2, query("COMPLAINT"), query("DELIVERY_COMPLAINT")) == {
        "complaint": [(DAY1, 1)], "delivery_complaint": [(DAY1, 1)]}


@pytest.mark.parametrize(("queries", "message"), [
    ([query("SEND", qid="x"), query("OPEN", qid="x")], "All queries must have a unique identifier."),
    ([query("SEND", EMAIL_IDENTITY="me@")], "Invalid email identity provided."),
    ([query("SEND", EMAIL_IDENTITY="a b.com")], "Invalid email identity provided."),
    ([query("SEND", ISP="Hot mail")], "Invalid ISP name provided."),
    ([query("SEND", CONFIGURATION_SET="")], "The configuration set name must be specified."),
    ([query("SEND", CONFIGURATION_SET="a.b")],
     "Invalid configuration set name <a.b>: only alphanumeric ASCII characters, '_', and '-' are allowed."),
    ([query("SEND", end=DAY1)], "Expected start date to be before the end date."),
    ([query("SEND", end=DAY1 + dt.timedelta(days=61))],
     "Invalid interval, can request at most 60 days. Please partition your requested interval."),
    # Dimension values are checked for the whole batch before any date (floci's probe).
    ([query("SEND", qid="a", end=DAY1), query("SEND", qid="b", ISP="?")], "Invalid ISP name provided."),
])
def test_a_bad_batch_is_refused_with_ses_text(fake, v2, queries, message):
    with pytest.raises(ClientError) as caught:
        v2.batch_get_metric_data(Queries=queries)
    assert error_of(caught) == ("BadRequestException", 400, message)


def test_sixty_days_is_the_longest_range(fake, v2):
    send(v2, "a@gmail.com")
    assert series(v2, query("SEND", start=DAY1 - dt.timedelta(days=59), end=DAY1 + dt.timedelta(days=1))) == {
        "send": [(DAY1, 1)]}


# -- GetMessageInsights -----------------------------------------------------------------------

def test_message_insights_list_each_recipients_events_with_the_bounce_details(fake, v2):
    v2.create_configuration_set(ConfigurationSetName="news")
    message_id = send(v2, "ann@example.org", "bob@gmail.com", ConfigurationSetName="news",
                      EmailTags=[{"Name": "campaign", "Value": "spring"}])
    fake.bounce(sent(fake, message_id), ["ann@example.org"], bounce_type="Permanent", subtype="NoEmail",
                diagnostic="smtp; 550 5.1.1 no such user")
    fake.complain(sent(fake, message_id), ["bob@gmail.com"], feedback_type="abuse")
    got = v2.get_message_insights(MessageId=message_id)
    assert (got["MessageId"], got["FromEmailAddress"], got["Subject"]) == (message_id, "me@example.com", "Hello")
    tags = {t["Name"]: t["Value"] for t in got["EmailTags"]}
    assert (tags["campaign"], tags["ses:configuration-set"], tags["ses:from-domain"]) == ("spring", "news",
                                                                                          "example.com")
    ann, bob = got["Insights"]
    assert (ann["Destination"], ann["Isp"], bob["Destination"], bob["Isp"]) == (
        "ann@example.org", "Other", "bob@gmail.com", "Gmail")
    assert ann["Events"][0]["Type"] == "SEND"
    [bounce] = [e for e in ann["Events"] if e["Type"] == "BOUNCE"]
    assert bounce["Details"] == {"Bounce": {"BounceType": "PERMANENT", "BounceSubType": "NoEmail",
                                                      "DiagnosticCode": "smtp; 550 5.1.1 no such user"}}
    assert [e["Type"] for e in bob["Events"]] == ["SEND", "DELIVERY", "COMPLAINT"]
    assert bob["Events"][2]["Details"] == {"Complaint": {"ComplaintFeedbackType": "abuse"}}


def test_message_insights_of_an_unknown_or_malformed_id_are_refused(fake, v2):
    other = send(v2, "a@gmail.com")
    unknown = other[:-7] + "-000001"
    with pytest.raises(ClientError) as caught:
        v2.get_message_insights(MessageId=unknown)
    assert error_of(caught) == ("NotFoundException", 404, f"Message <{unknown}> not found for account "
                                f"<{fake.account_id}>")
    with pytest.raises(ClientError) as caught:
        v2.get_message_insights(MessageId="not-a-message-id")
    assert error_of(caught)[:2] == ("BadRequestException", 400)


def test_a_message_sent_in_another_region_has_no_insights_here(fake, v2):
    west = client("sesv2", "eu-west-1")
    west.put_account_vdm_attributes(VdmAttributes={"VdmEnabled": "ENABLED"})
    message_id = send(v2, "a@gmail.com")
    with pytest.raises(ClientError) as caught:
        west.get_message_insights(MessageId=message_id)
    assert error_of(caught)[0] == "NotFoundException"


# -- GetEmailAddressInsights ------------------------------------------------------------------

def verdicts(v2, address):
    found = v2.get_email_address_insights(EmailAddress=address)["MailboxValidation"]
    return {"IsValid": found["IsValid"]["ConfidenceVerdict"],
            **{k: v["ConfidenceVerdict"] for k, v in found["Evaluations"].items()}}


def test_address_insights_follow_what_the_traffic_showed(fake, v2):
    needs_operation("sesv2", "GetEmailAddressInsights")
    assert verdicts(v2, "ann@example.org") == {
        "IsValid": "MEDIUM", "HasValidSyntax": "HIGH", "HasValidDnsRecords": "HIGH", "MailboxExists": "MEDIUM",
        "IsRoleAddress": "LOW", "IsDisposable": "LOW", "IsRandomInput": "LOW"}
    send(v2, "ann@example.org")
    assert verdicts(v2, "ann@example.org")["MailboxExists"] == "HIGH"
    assert verdicts(v2, "ann@example.org")["IsValid"] == "HIGH"
    fake.bounce(sent(fake, send(v2, "bob@example.org")))
    assert (verdicts(v2, "bob@example.org")["MailboxExists"], verdicts(v2, "bob@example.org")["IsValid"]) == (
        "LOW", "LOW")


def test_address_insights_flag_syntax_dns_roles_disposable_and_random_input(fake, v2):
    needs_operation("sesv2", "GetEmailAddressInsights")
    assert verdicts(v2, "not an address")["HasValidSyntax"] == "LOW"
    assert verdicts(v2, "support@example.org")["IsRoleAddress"] == "HIGH"
    assert verdicts(v2, "x@mailinator.com")["IsDisposable"] == "HIGH"
    assert verdicts(v2, "xkcdqwrtzp@example.org")["IsRandomInput"] == "HIGH"
    fake.set_dns("nomail.example", mx=False)
    assert (verdicts(v2, "a@nomail.example")["HasValidDnsRecords"], verdicts(v2, "a@nomail.example")["IsValid"]) == (
        "LOW", "LOW")
    assert verdicts(v2, "bounce@simulator.amazonses.com")["MailboxExists"] == "LOW"
