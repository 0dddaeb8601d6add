"""The Deliverability dashboard's data through boto3: predictive inbox placement tests,
blocklist reports, domain statistics and campaigns, gated by the dashboard subscription.

Sources of each behaviour: fakeses/domain/deliverability.py, fakeses/domain/insights.py
(the dashboard section) and docs/fidelity.md ("Deliverability dashboard").
"""
from __future__ import annotations

import datetime as dt

import pytest
from support.clients import body, refusal

from fakeses.domain.deliverability import SEED_LIST

UTC = dt.timezone.utc
SIMPLE = {"Simple": {"Subject": {"Data": "Spring sale"}, "Body": {"Text": {"Data": "20% off"}}}}
TODAY = dt.datetime(2026, 3, 5, tzinfo=UTC)  # SUITE_START's day (tests/conftest.py)


@pytest.fixture
def dashboard(v2, ses_backend, fixed_clock):
    """A verified example.com subscribed to the dashboard."""
    v2.create_email_identity(EmailIdentity="example.com")
    v2.put_deliverability_dashboard_option(DashboardEnabled=True, SubscribedDomains=[{"Domain": "example.com"}])
    return ses_backend


def create_report(v2, content=SIMPLE, **params):
    return v2.create_deliverability_test_report(FromEmailAddress="news@example.com", Content=content, **params)


def send(v2, to, subject="Spring sale", source="news@example.com"):
    return v2.send_email(FromEmailAddress=source, Destination={"ToAddresses": to},
                         Content={"Simple": {"Subject": {"Data": subject}, "Body": {"Text": {"Data": "x"}}}})


# -- the gate -----------------------------------------------------------------------------

CALLS = {
    "create_deliverability_test_report": {"FromEmailAddress": "news@example.com", "Content": SIMPLE},
    "get_deliverability_test_report": {"ReportId": "abc"},
    "list_deliverability_test_reports": {},
    "get_blacklist_reports": {"BlacklistItemNames": ["192.0.2.1"]},
    "get_domain_deliverability_campaign": {"CampaignId": "abc"},
    "list_domain_deliverability_campaigns": {"SubscribedDomain": "example.com", "StartDate": TODAY,
                                             "EndDate": TODAY},
    "get_domain_statistics_report": {"Domain": "example.com", "StartDate": TODAY, "EndDate": TODAY},
}


@pytest.mark.parametrize("method", sorted(CALLS))
def test_without_the_dashboard_every_operation_is_refused_as_ses_refuses(v2, ses_backend, method):
    v2.create_email_identity(EmailIdentity="example.com")
    assert refusal(getattr(v2, method), **CALLS[method]) == (
        404, "NotFoundException", f"Unable to find a dashboard account for <{ses_backend.account_id}>.")
    assert ses_backend.sent_messages == []


def test_a_subscription_running_to_the_end_of_the_month_still_answers(v2, dashboard):
    v2.put_deliverability_dashboard_option(DashboardEnabled=False)
    assert v2.get_deliverability_dashboard_options()["AccountStatus"] == "PENDING_EXPIRATION"
    assert body(v2.list_deliverability_test_reports()) == {"DeliverabilityTestReports": []}
    assert v2.get_domain_statistics_report(Domain="example.com", StartDate=TODAY, EndDate=TODAY)[
        "OverallVolume"]["VolumeStatistics"]["InboxRawCount"] == 0


def test_a_domain_not_subscribed_has_no_statistics_nor_campaigns(v2, dashboard):
    v2.create_email_identity(EmailIdentity="other.com")
    for call, params in ((v2.get_domain_statistics_report, {"Domain": "other.com"}),
                         (v2.list_domain_deliverability_campaigns, {"SubscribedDomain": "other.com"})):
        assert refusal(call, StartDate=TODAY, EndDate=TODAY, **params) == (
            404, "NotFoundException", "Domain other.com is not subscribed to the Deliverability dashboard.")


# -- predictive inbox placement tests ---------------------------------------------------------

def test_a_test_report_sends_its_message_to_the_seed_list_and_places_it_in_the_inbox(v2, dashboard):
    created = create_report(v2, ReportName="spring", Tags=[{"Key": "team", "Value": "growth"}])
    assert created["DeliverabilityTestStatus"] == "IN_PROGRESS"
    [sent] = dashboard.sent_messages
    assert (sent.operation, sent.to, sent.subject) == ("CreateDeliverabilityTestReport", list(SEED_LIST), "Spring sale")
    assert v2.get_account()["SendQuota"]["SentLast24Hours"] == len(SEED_LIST)  # every seed counts
    report = v2.get_deliverability_test_report(ReportId=created["ReportId"])
    assert report["DeliverabilityTestReport"] == {
        "ReportId": created["ReportId"], "ReportName": "spring", "Subject": "Spring sale",
        "FromEmailAddress": "news@example.com", "CreateDate": report["DeliverabilityTestReport"]["CreateDate"],
        "DeliverabilityTestStatus": "COMPLETED"}
    inbox = {"InboxPercentage": 100.0, "SpamPercentage": 0.0, "MissingPercentage": 0.0,
             "SpfPercentage": 0.0, "DkimPercentage": 100.0}  # Easy DKIM signs; no MAIL FROM domain
    assert report["OverallPlacement"] == inbox
    assert [p["IspName"] for p in report["IspPlacements"]] == [
        "Gmail", "Yahoo", "Hotmail", "iCloud", "Comcast", "Web.de", "GMX"]
    assert all(p["PlacementStatistics"] == inbox for p in report["IspPlacements"])
    assert "Subject: Spring sale" in report["Message"]
    assert report["Tags"] == [{"Key": "team", "Value": "growth"}]


def test_placement_set_through_the_handle_is_reported_per_isp_and_overall(v2, dashboard):
    dashboard.set_placement(inbox=40, spam=40, missing=20, isp="Gmail")
    v2.put_email_identity_mail_from_attributes(EmailIdentity="example.com", MailFromDomain="mail.example.com")
    report = v2.get_deliverability_test_report(ReportId=create_report(v2)["ReportId"])
    gmail = next(p["PlacementStatistics"] for p in report["IspPlacements"] if p["IspName"] == "Gmail")
    assert gmail == {"InboxPercentage": 40.0, "SpamPercentage": 40.0, "MissingPercentage": 20.0,
                     "SpfPercentage": 100.0, "DkimPercentage": 100.0}
    overall = report["OverallPlacement"]
    assert overall["InboxPercentage"] == pytest.approx((40 + 6 * 100) / 7)
    assert overall["MissingPercentage"] == pytest.approx(20 / 7)


def test_a_test_report_from_an_unverified_sender_is_refused_and_not_kept(v2, dashboard):
    status, code, message = refusal(v2.create_deliverability_test_report, FromEmailAddress="a@unknown.com",
                                    Content=SIMPLE)
    assert (status, code) == (400, "MessageRejected") and "a@unknown.com" in message
    assert v2.list_deliverability_test_reports()["DeliverabilityTestReports"] == []
    assert dashboard.sent_messages == []


def test_raw_and_template_content_are_sent_to_the_seed_list(v2, dashboard):
    raw = b"From: news@example.com\r\nTo: x@example.org\r\nSubject: Raw one\r\n\r\nBody\r\n"
    create_report(v2, {"Raw": {"Data": raw}})
    v2.create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"})
    create_report(v2, {"Template": {"TemplateName": "t", "TemplateData": '{"name": "Ann"}'}})
    raw_sent, templated = dashboard.sent_messages
    assert (raw_sent.destinations, raw_sent.subject) == (list(SEED_LIST), "Raw one")
    assert (templated.to, templated.subject) == (list(SEED_LIST), "Hi Ann")
    assert [r["Subject"] for r in v2.list_deliverability_test_reports()["DeliverabilityTestReports"]] == [
        "Raw one", "Hi Ann"]


@pytest.mark.fakeses(sandbox=True)
def test_in_the_sandbox_the_seed_list_is_not_refused(v2, dashboard):
    assert create_report(v2)["DeliverabilityTestStatus"] == "IN_PROGRESS"


def test_reports_are_listed_in_pages_and_an_unknown_one_is_not_found(v2, dashboard):
    ids = [create_report(v2, ReportName=f"r{i}")["ReportId"] for i in range(3)]
    first = v2.list_deliverability_test_reports(PageSize=2)
    second = v2.list_deliverability_test_reports(PageSize=2, NextToken=first["NextToken"])
    assert [r["ReportId"] for r in first["DeliverabilityTestReports"] + second["DeliverabilityTestReports"]] == ids
    assert "NextToken" not in second
    assert refusal(v2.get_deliverability_test_report, ReportId="nope")[:2] == (404, "NotFoundException")
    assert refusal(v2.list_deliverability_test_reports, PageSize=1001)[:2] == (400, "BadRequestException")


def test_a_report_is_a_taggable_resource(v2, dashboard):
    report_id = create_report(v2)["ReportId"]
    arn = f"arn:aws:ses:us-east-1:{dashboard.account_id}:deliverability-test-report/{report_id}"
    v2.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert v2.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "k", "Value": "v"}]
    assert v2.get_deliverability_test_report(ReportId=report_id)["Tags"] == [{"Key": "k", "Value": "v"}]


# -- blocklists -----------------------------------------------------------------------------

def test_blacklist_reports_answer_every_item_and_what_the_test_listed(v2, dashboard):
    assert body(v2.get_blacklist_reports(BlacklistItemNames=["192.0.2.1"])) == {"BlacklistReport": {"192.0.2.1": []}}
    dashboard.list_on_blacklist("192.0.2.1", "Spamhaus", description="spam trap",
                                listed_at=dt.datetime(2026, 3, 1, tzinfo=UTC))
    assert body(v2.get_blacklist_reports(BlacklistItemNames=["192.0.2.1", "198.51.100.7"])) == {"BlacklistReport": {
        "192.0.2.1": [{"RblName": "Spamhaus", "ListingTime": dt.datetime(2026, 3, 1, tzinfo=UTC),
                       "Description": "spam trap"}],
        "198.51.100.7": []}}


# -- domain statistics ----------------------------------------------------------------------

def test_domain_statistics_count_the_deliveries_of_the_domain_per_day_and_isp(v2, dashboard, fixed_clock):
    dashboard.set_placement(inbox=50, spam=50, isp="Gmail")
    send(v2, ["a@gmail.com", "b@yahoo.com"])
    fixed_clock(TODAY + dt.timedelta(days=1, hours=3))
    send(v2, ["c@gmail.com", "success@simulator.amazonses.com"])
    dashboard.open(dashboard.sent_messages[0])
    report = v2.get_domain_statistics_report(Domain="example.com", StartDate=TODAY,
                                             EndDate=TODAY + dt.timedelta(days=2))
    overall = report["OverallVolume"]
    assert overall["VolumeStatistics"] == {"InboxRawCount": 2, "SpamRawCount": 1, "ProjectedInbox": 2,
                                           "ProjectedSpam": 1}
    assert overall["DomainIspPlacements"] == [
        {"IspName": "Gmail", "InboxRawCount": 1, "SpamRawCount": 1, "InboxPercentage": 50.0, "SpamPercentage": 50.0},
        {"IspName": "Yahoo", "InboxRawCount": 1, "SpamRawCount": 0, "InboxPercentage": 100.0, "SpamPercentage": 0.0}]
    assert overall["ReadRatePercent"] == 50.0  # the first message was opened: read in one of 2 inboxes
    assert [(d["StartDate"], d["VolumeStatistics"]["InboxRawCount"] + d["VolumeStatistics"]["SpamRawCount"])
            for d in report["DailyVolumes"]] == [
        (TODAY, 2), (TODAY + dt.timedelta(days=1), 1), (TODAY + dt.timedelta(days=2), 0)]


def test_the_domain_reports_take_at_most_30_days(v2, dashboard):
    for call, params in ((v2.get_domain_statistics_report, {"Domain": "example.com"}),
                         (v2.list_domain_deliverability_campaigns, {"SubscribedDomain": "example.com"})):
        assert refusal(call, StartDate=TODAY, EndDate=TODAY + dt.timedelta(days=31), **params)[:2] == (
            400, "BadRequestException")
        assert refusal(call, StartDate=TODAY, EndDate=TODAY - dt.timedelta(days=1), **params)[:2] == (
            400, "BadRequestException")


# -- campaigns ------------------------------------------------------------------------------

def test_campaigns_group_the_domains_messages_by_sender_and_subject(v2, dashboard):
    send(v2, ["a@gmail.com"])
    send(v2, ["b@yahoo.com", "c@outlook.com"])
    send(v2, ["d@gmail.com"], subject="Welcome")
    create_report(v2)  # seed messages are no campaign
    listed = v2.list_domain_deliverability_campaigns(SubscribedDomain="example.com", StartDate=TODAY,
                                                     EndDate=TODAY + dt.timedelta(days=1), PageSize=1)
    [sale] = listed["DomainDeliverabilityCampaigns"]
    assert {k: v for k, v in sale.items() if k not in ("CampaignId", "FirstSeenDateTime", "LastSeenDateTime")} == {
        "Subject": "Spring sale", "FromAddress": "news@example.com", "InboxCount": 3, "SpamCount": 0,
        "ReadRate": 0.0, "DeleteRate": 0.0, "ReadDeleteRate": 0.0, "ProjectedVolume": 3,
        "Esps": ["Gmail", "Hotmail", "Yahoo"]}
    assert sale["FirstSeenDateTime"] <= sale["LastSeenDateTime"]
    rest = v2.list_domain_deliverability_campaigns(SubscribedDomain="example.com", StartDate=TODAY,
                                                   EndDate=TODAY + dt.timedelta(days=1),
                                                   NextToken=listed["NextToken"])
    assert [c["Subject"] for c in rest["DomainDeliverabilityCampaigns"]] == ["Welcome"]
    fetched = v2.get_domain_deliverability_campaign(CampaignId=sale["CampaignId"])["DomainDeliverabilityCampaign"]
    assert fetched == sale
    assert refusal(v2.get_domain_deliverability_campaign, CampaignId="nope")[:2] == (404, "NotFoundException")


def test_campaigns_outside_the_dates_are_not_listed(v2, dashboard):
    send(v2, ["a@gmail.com"])
    later = TODAY + dt.timedelta(days=10)
    assert v2.list_domain_deliverability_campaigns(SubscribedDomain="example.com", StartDate=later,
                                                   EndDate=later)["DomainDeliverabilityCampaigns"] == []
