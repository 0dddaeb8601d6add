"""The Deliverability dashboard's computations alone: placement apportioning, domain
statistics and campaigns from a record of sends (fakeses/domain/insights.py, dashboard
section), the subscription gate and the date range (fakeses/domain/deliverability.py)."""
from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain import deliverability as dd
from fakeses.domain import events as ev
from fakeses.domain import insights
from fakeses.domain.events import Event
from fakeses.domain.messages import SentMessage

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
EVERYTHING_INBOX = (100.0, 0.0, 0.0)


def message(n: int, to: list[str], *, day: int = 0, subject: str = "Sale", source: str = "me@example.com",
            operation: str = "SendEmail") -> SentMessage:
    return SentMessage(message_id=f"m{n}", operation=operation, service="sesv2", region="us-east-1",
                       account_id="123456789012", source=source, to=to, cc=[], bcc=[], destinations=to,
                       reply_to=[], subject=subject, sent_at=T0 + dt.timedelta(days=day))


def delivered(sent: SentMessage, *, day: int = 0) -> Event:
    return Event(ev.DELIVERY, sent, T0 + dt.timedelta(days=day, hours=1), {"recipients": list(sent.destinations)})


shares = st.tuples(st.integers(0, 100), st.integers(0, 100)).filter(lambda t: t[0] + t[1] <= 100).map(
    lambda t: (float(100 - t[0] - t[1]), float(t[0]), float(t[1])))


@budget(100)
@given(count=st.integers(0, 60), shares=shares)
def test_every_prefix_of_deliveries_holds_each_folder_within_one_of_its_share(count, shares):
    folders = insights.apportion(count, shares)
    assert len(folders) == count
    for k in range(count + 1):
        held = Counter(folders[:k])
        for name, share in zip((insights.INBOX, insights.SPAM, insights.MISSING), shares):
            assert abs(held[name] - k * share / 100) < 1


def test_the_default_placement_is_the_inbox_and_split_adds_up():
    assert insights.apportion(3, EVERYTHING_INBOX) == [insights.INBOX] * 3
    assert dd.Placement(50, 30, 20).split(7) == (4, 2, 1)


traffic = st.lists(st.tuples(st.sampled_from(("a@gmail.com", "b@yahoo.com", "s@simulator.amazonses.com")),
                             st.integers(0, 3), st.sampled_from(("me@example.com", "x@other.org", "y@mail.example.com")),
                             st.booleans()),
                   max_size=15)


@budget(60)
@given(traffic=traffic, gmail=shares)
def test_domain_statistics_agree_with_counting_by_hand(traffic, gmail):
    sent, log = [], []
    for n, (to, day, source, was_delivered) in enumerate(traffic):
        m = message(n, [to], day=day, source=source)
        sent.append(m)
        if was_delivered:
            log.append(delivered(m, day=day))

    def placement(isp):
        return gmail if isp == "Gmail" else EVERYTHING_INBOX

    found = insights.landings(sent, log, "example.com", placement)
    report = insights.domain_statistics(found, start=T0, end=T0 + dt.timedelta(days=3))
    # The oracle: deliveries from example.com or a subdomain, not to the simulator.
    counted = [(to, day) for to, day, source, ok in traffic
               if ok and source.endswith("example.com") and "simulator" not in to]
    gmail_count = sum(1 for to, _ in counted if "gmail" in to)
    volume = report["OverallVolume"]["VolumeStatistics"]
    assert volume["InboxRawCount"] + volume["SpamRawCount"] + sum(1 for i in found if i.folder == insights.MISSING) \
        == len(counted)
    gmail_spam = sum(1 for i in found if i.isp == "Gmail" and i.folder == insights.SPAM)
    assert abs(gmail_spam - gmail_count * gmail[1] / 100) < 1
    assert volume["SpamRawCount"] == gmail_spam
    assert [sum(d["VolumeStatistics"][k] for k in ("InboxRawCount", "SpamRawCount")) for d in report["DailyVolumes"]] \
        == [sum(1 for i in found if i.folder != insights.MISSING and (i.at - T0).days == day) for day in range(4)]


def test_campaigns_group_by_sender_and_subject_and_leave_out_seed_messages():
    sent = [message(1, ["a@gmail.com"]), message(2, ["b@yahoo.com"], subject="Other"),
            message(3, ["c@gmail.com"], source="Me <ME@example.com>"),
            message(4, ["placement-seed@gmail.com"], operation=insights.TEST_REPORT_OPERATION)]
    log = [delivered(m) for m in sent]
    found = insights.landings(sent, log, "example.com", lambda isp: EVERYTHING_INBOX)
    groups = insights.campaigns(sent, found, "example.com")
    assert [(c.subject, [m.message_id for m in c.messages]) for c in groups] == [
        ("Sale", ["m1", "m3"]), ("Other", ["m2"])]
    fields = insights.campaign_fields(groups[0])
    assert (fields["InboxCount"], fields["ProjectedVolume"], fields["Esps"]) == (2, 2, ["Gmail"])


def test_a_read_counts_only_for_a_recipient_in_the_inbox():
    sent = message(1, ["a@gmail.com", "b@gmail.com"])
    log = [delivered(sent), Event(ev.OPEN, sent, T0, {}), Event(ev.OPEN, sent, T0, {}), Event(ev.OPEN, sent, T0, {})]
    found = insights.landings([sent], log, "example.com", lambda isp: (50.0, 50.0, 0.0))
    assert sorted((i.folder, i.read) for i in found) == [(insights.INBOX, True), (insights.SPAM, False)]


def test_the_date_range_is_at_most_30_days_and_not_reversed():
    dd.check_range(T0, T0 + dt.timedelta(days=30))
    for end in (T0 + dt.timedelta(days=30, seconds=1), T0 - dt.timedelta(seconds=1)):
        with pytest.raises(dd.BadDateRange):
            dd.check_range(T0, end)


def test_the_gate_follows_the_subscription(fixed_clock):
    dashboard = dd.Dashboard()
    with pytest.raises(dd.DashboardNotFound, match="<123456789012>"):
        dashboard.require("123456789012")
    dashboard.put(True, [{"Domain": "Example.com"}], lambda d: True)
    assert dashboard.require_domain("123456789012", "example.COM").domain == "Example.com"
    with pytest.raises(dd.DomainNotSubscribed):
        dashboard.require_domain("123456789012", "other.com")
