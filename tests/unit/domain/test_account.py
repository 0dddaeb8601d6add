"""Account state of one (account, region): quotas, counters, statistics, details and review."""
from __future__ import annotations

import datetime as dt

import pytest

from fakeses.domain.account import PRODUCTION_QUOTA, SANDBOX_QUOTA, Account
from fakeses.domain.errors import Conflict

T0 = 1_700_000_100.0  # 2023-11-14T22:15:00Z, the start of a 15-minute interval


def test_sandbox_and_production_quotas():
    """F3 / G30: 200 a day at 1 a second in the sandbox, 50,000 at 14 in production."""
    assert (Account(sandbox=True).max_24_hour_send, Account(sandbox=True).max_send_rate) == SANDBOX_QUOTA == (200.0, 1.0)
    assert (Account(sandbox=False).max_24_hour_send, Account(sandbox=False).max_send_rate) == PRODUCTION_QUOTA == (50000.0, 14.0)
    assert Account(sandbox=True).sandbox and not Account(sandbox=False).sandbox


def test_sent_last_24_hours_counts_recipients_and_forgets_after_a_day():
    account = Account(sandbox=False)
    account.count_send(3, 3, now=T0)
    account.count_send(2, 2, now=T0 + 3600)
    assert account.sent_last_24_hours(now=T0 + 7200) == 5.0
    assert account.sent_last_24_hours(now=T0 + 24 * 3600) == 2.0
    assert account.sent_last_24_hours(now=T0 + 25 * 3600) == 0.0


def test_recipients_that_do_not_count_still_are_delivery_attempts():
    """Mailbox-simulator sends do not count against the daily quota (F5) but are sent."""
    account = Account(sandbox=False)
    account.count_send(0, 2, now=T0)
    assert account.sent_last_24_hours(now=T0) == 0.0
    [(_, stats)] = account.data_points(now=T0)
    assert stats.delivery_attempts == 2


def test_the_quota_is_exceeded_only_past_the_maximum():
    account = Account(sandbox=True)
    account.count_send(199, 199)
    assert not account.would_exceed_quota(1)
    assert account.would_exceed_quota(2)


def test_statistics_have_one_point_per_active_15_minute_interval_for_two_weeks():
    """G31: 15-minute intervals with activity only, the last two weeks."""
    account = Account(sandbox=False)
    account.count_send(1, 1, now=T0 + 60)
    account.count_send(1, 2, now=T0 + 14 * 60)
    account.count_send(1, 1, now=T0 + 15 * 60)
    account.count_outcome(bounces=1, complaints=2, rejects=3, now=T0 + 16 * 60)
    points = account.data_points(now=T0 + 3600)
    assert [(when, s.delivery_attempts, s.bounces, s.complaints, s.rejects) for when, s in points] == [
        (dt.datetime.fromtimestamp(T0, dt.timezone.utc), 3, 0, 0, 0),
        (dt.datetime.fromtimestamp(T0 + 900, dt.timezone.utc), 1, 1, 2, 3),
    ]
    assert account.data_points(now=T0 + 14 * 24 * 3600 + 900) == []


def test_account_details_are_absent_until_put():
    account = Account(sandbox=False)
    assert account.account_details() is None
    account.put_details({"MailType": "MARKETING", "WebsiteURL": "https://example.com"})
    assert account.account_details() == {"MailType": "MARKETING", "WebsiteURL": "https://example.com"}
    assert account.review is None


def test_asking_for_production_access_in_production_opens_no_review():
    account = Account(sandbox=False)
    account.put_details({"MailType": "MARKETING", "WebsiteURL": "https://example.com"}, request_production_access=True)
    assert account.review is None


def test_a_review_is_pending_until_granted_and_details_then_change_freely():
    account = Account(sandbox=True)
    account.put_details({"MailType": "MARKETING", "WebsiteURL": "https://example.com"}, request_production_access=True)
    review = account.account_details()["ReviewDetails"]
    assert review["Status"] == "PENDING" and review["CaseId"]
    with pytest.raises(Conflict) as info:  # G34: no message
        account.put_details({"MailType": "TRANSACTIONAL", "WebsiteURL": "https://example.com"})
    assert info.value.message == ""
    account.grant_production_access()
    assert (account.production_access, account.max_24_hour_send, account.max_send_rate) == (True, 50000.0, 14.0)
    assert account.account_details()["ReviewDetails"] == dict(review, Status="GRANTED")
    account.put_details({"MailType": "TRANSACTIONAL", "WebsiteURL": "https://example.com"})
    assert account.account_details()["MailType"] == "TRANSACTIONAL"


def test_after_a_denial_details_cannot_be_put():
    """G34: ConflictException after a denial too."""
    account = Account(sandbox=True)
    account.put_details({"MailType": "MARKETING", "WebsiteURL": "https://example.com"}, request_production_access=True)
    account.deny_production_access()
    assert account.sandbox
    with pytest.raises(Conflict):
        account.put_details({"MailType": "MARKETING", "WebsiteURL": "https://example.com"})
