"""The account through boto3: quotas, statistics, the sending switch, account details.

v1 GetSendQuota / GetSendStatistics / GetAccountSendingEnabled / UpdateAccountSendingEnabled,
v2 GetAccount / PutAccountSendingAttributes / PutAccountDetails. Facts G* are in
docs/_research/foundation.md, F* in the shared research user-needs.md.
"""
from __future__ import annotations

import datetime as dt

import pytest
from botocore.exceptions import ClientError
from support.clients import body, client, error_of

from fakeses.domain import clock

SANDBOX = pytest.mark.fakeses(sandbox=True)
MESSAGE = {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}
SIMPLE = {"Simple": MESSAGE}









# -- quotas ------------------------------------------------------------------------------

def test_a_production_account_has_the_first_granted_quota(v1, ses_backend):
    """50,000 a day and 14 a second, AWS's first grant out of the sandbox (cul-2016/quiz#257; G30)."""
    assert body(v1.get_send_quota()) == {"Max24HourSend": 50000.0, "MaxSendRate": 14.0, "SentLast24Hours": 0.0}


@SANDBOX
def test_a_sandbox_account_may_send_200_a_day_at_1_a_second(v1, ses_backend):
    """Recorded in a sandbox: 200.0 / 1.0 / 0.0 (LocalStack snapshot test_sent_message_counter; F3, G30)."""
    assert body(v1.get_send_quota()) == {"Max24HourSend": 200.0, "MaxSendRate": 1.0, "SentLast24Hours": 0.0}


def test_every_recipient_counts_towards_sent_last_24_hours_in_both_apis(v1, v2, ses_backend):
    """SentLast24Hours counts recipients, not messages (seed 004; F6, G30); v1 and v2 share it."""
    ses_backend.verify_identity("example.com")
    v1.send_email(Source="me@example.com", Message=MESSAGE,
                  Destination={"ToAddresses": ["ann@example.org"], "CcAddresses": ["bob@example.org"]})
    v2.send_email(FromEmailAddress="me@example.com", Content=SIMPLE, Destination={"ToAddresses": ["cy@example.org"]})
    assert v1.get_send_quota()["SentLast24Hours"] == 3.0
    assert v2.get_account()["SendQuota"] == {"Max24HourSend": 50000.0, "MaxSendRate": 14.0, "SentLast24Hours": 3.0}


def test_send_statistics_are_empty_before_any_send(v1, ses_backend):
    """Only 15-minute intervals with activity are reported (seed 003; G31)."""
    assert body(v1.get_send_statistics()) == {"SendDataPoints": []}


def test_send_statistics_report_delivery_attempts_in_a_15_minute_interval(v1, ses_backend):
    """One data point per active 15-minute interval, with the four counters (seed 003; G31)."""
    ses_backend.verify_identity("example.com")
    started = clock.utcnow()
    v1.send_email(Source="me@example.com", Message=MESSAGE, Destination={"ToAddresses": ["ann@example.org", "bob@example.org"]})
    [point] = v1.get_send_statistics()["SendDataPoints"]
    when = point.pop("Timestamp")
    assert point == {"DeliveryAttempts": 2, "Bounces": 0, "Complaints": 0, "Rejects": 0}
    assert started - dt.timedelta(minutes=15) < when <= started


# -- the sending switch ------------------------------------------------------------------

def test_account_sending_is_enabled_by_default(v1, v2, ses_backend):
    assert body(v1.get_account_sending_enabled()) == {"Enabled": True}
    assert v2.get_account()["SendingEnabled"] is True


def test_pausing_sending_with_v1_is_seen_by_v2_and_resuming_with_v2_by_v1(v1, v2, ses_backend):
    """One switch behind both doors (G36)."""
    assert body(v1.update_account_sending_enabled(Enabled=False)) == {}
    assert v1.get_account_sending_enabled()["Enabled"] is False
    assert v2.get_account()["SendingEnabled"] is False
    assert body(v2.put_account_sending_attributes(SendingEnabled=True)) == {}
    assert v1.get_account_sending_enabled()["Enabled"] is True


def test_a_paused_account_refuses_to_send_in_both_apis(v1, v2, ses_backend):
    """v1 AccountSendingPausedException (the model keeps the suffix), v2 SendingPausedException,
    both 400 (botocore model; F16, G36). The texts are not recorded."""
    ses_backend.verify_identity("example.com")
    v2.put_account_sending_attributes(SendingEnabled=False)
    with pytest.raises(ClientError) as info:
        v1.send_email(Source="me@example.com", Message=MESSAGE, Destination={"ToAddresses": ["ann@example.org"]})
    assert error_of(info)[:2] == ("AccountSendingPausedException", 400)
    with pytest.raises(ClientError) as info:
        v2.send_email(FromEmailAddress="me@example.com", Content=SIMPLE, Destination={"ToAddresses": ["ann@example.org"]})
    assert error_of(info)[:2] == ("SendingPausedException", 400)
    assert ses_backend.sent_messages == []


def test_the_sending_switch_is_per_region(v1, ses_backend):
    west = client("ses", region="eu-west-1")
    west.update_account_sending_enabled(Enabled=False)
    assert west.get_account_sending_enabled()["Enabled"] is False
    assert v1.get_account_sending_enabled()["Enabled"] is True


# -- GetAccount and account details --------------------------------------------------------

def test_get_account_answers_with_the_recorded_keys_and_values(v2, ses_backend):
    """Recorded on a production account: these keys, no Details before PutAccountDetails
    (VA notification-api#356; G32)."""
    assert body(v2.get_account()) == {
        "DedicatedIpAutoWarmupEnabled": True,
        "EnforcementStatus": "HEALTHY",
        "ProductionAccessEnabled": True,
        "SendQuota": {"Max24HourSend": 50000.0, "MaxSendRate": 14.0, "SentLast24Hours": 0.0},
        "SendingEnabled": True,
        "SuppressionAttributes": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
    }


@SANDBOX
def test_a_sandbox_account_has_no_production_access(v2, ses_backend):
    """ProductionAccessEnabled false means the sandbox (seed 002, get_account); quota as F3."""
    account = v2.get_account()
    assert account["ProductionAccessEnabled"] is False
    assert account["SendQuota"] == {"Max24HourSend": 200.0, "MaxSendRate": 1.0, "SentLast24Hours": 0.0}


def test_account_details_appear_in_get_account(v2, ses_backend):
    """PutAccountDetails answers 200 with an empty body; GetAccount then has Details (G32, G33)."""
    assert body(v2.put_account_details(
        MailType="MARKETING", WebsiteURL="https://example.com", ContactLanguage="JA",
        UseCaseDescription="Newsletters", AdditionalContactEmailAddresses=["ops@example.com"],
    )) == {}
    assert v2.get_account()["Details"] == {
        "MailType": "MARKETING", "WebsiteURL": "https://example.com", "ContactLanguage": "JA",
        "UseCaseDescription": "Newsletters", "AdditionalContactEmailAddresses": ["ops@example.com"],
    }


@SANDBOX
def test_asking_for_production_access_opens_a_pending_review(v2, ses_backend):
    """ProductionAccessEnabled=true opens a review case (seed 000; G33); still in the sandbox."""
    v2.put_account_details(MailType="TRANSACTIONAL", WebsiteURL="https://example.com", ProductionAccessEnabled=True)
    account = v2.get_account()
    review = account["Details"]["ReviewDetails"]
    assert review["Status"] == "PENDING" and review["CaseId"]
    assert account["ProductionAccessEnabled"] is False


@SANDBOX
def test_putting_account_details_during_a_pending_review_is_a_conflict(v2, ses_backend):
    """Recorded: 409 ConflictException with no message (aws/aws-cli#6652; G34)."""
    v2.put_account_details(MailType="TRANSACTIONAL", WebsiteURL="https://example.com", ProductionAccessEnabled=True)
    with pytest.raises(ClientError) as info:
        v2.put_account_details(MailType="MARKETING", WebsiteURL="https://example.org")
    assert error_of(info) == ("ConflictException", 409, "")
    assert v2.get_account()["Details"]["MailType"] == "TRANSACTIONAL"


@SANDBOX
def test_granted_production_access_lifts_the_sandbox(v1, v2, ses_backend):
    """Once AWS grants the case: production access and the first production quota (G30, G33)."""
    v2.put_account_details(MailType="TRANSACTIONAL", WebsiteURL="https://example.com", ProductionAccessEnabled=True)
    ses_backend.backend().account.grant_production_access()  # what AWS support does
    account = v2.get_account()
    assert account["ProductionAccessEnabled"] is True
    assert account["Details"]["ReviewDetails"]["Status"] == "GRANTED"
    assert v1.get_send_quota()["Max24HourSend"] == 50000.0
    v2.put_account_details(MailType="MARKETING", WebsiteURL="https://example.com")  # no conflict now
    assert v2.get_account()["Details"]["MailType"] == "MARKETING"


@SANDBOX
def test_putting_account_details_after_a_denial_is_a_conflict(v2, ses_backend):
    """Recorded after a denied request: 409 ConflictException, no message (aws/aws-cli#6652; G34)."""
    v2.put_account_details(MailType="TRANSACTIONAL", WebsiteURL="https://example.com", ProductionAccessEnabled=True)
    ses_backend.backend().account.deny_production_access()
    assert v2.get_account()["Details"]["ReviewDetails"]["Status"] == "DENIED"
    with pytest.raises(ClientError) as info:
        v2.put_account_details(MailType="TRANSACTIONAL", WebsiteURL="https://example.com", ProductionAccessEnabled=True)
    assert error_of(info) == ("ConflictException", 409, "")


def test_put_account_details_without_its_required_members_is_bad_request(ses_backend):
    """MailType and WebsiteURL are required (model; G33); v2 model violations are
    BadRequestException with Coral's aggregated text (G8, G33)."""
    raw = client("sesv2", parameter_validation=False)
    with pytest.raises(ClientError) as info:
        raw.put_account_details()
    code, status, message = error_of(info)
    assert (code, status) == ("BadRequestException", 400)
    assert message.startswith("2 validation errors detected: ")


def test_account_settings_are_per_region(v2, ses_backend):
    west = client("sesv2", region="eu-west-1")
    west.put_account_details(MailType="MARKETING", WebsiteURL="https://example.com")
    assert "Details" in west.get_account()
    assert "Details" not in v2.get_account()
