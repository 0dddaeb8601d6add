"""What exports compute from traffic, alone (fakeses/domain/insights.py): metrics per day and
dimension against a simple oracle, message insights' last events and filters."""
from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain import events as ev
from fakeses.domain import insights
from fakeses.domain.events import Event
from fakeses.domain.messages import SentMessage

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
DOMAINS = ("gmail.com", "yahoo.com", "example.org", "simulator.amazonses.com")


def message(n: int, to: list[str], *, day: int = 0, config: str | None = None) -> SentMessage:
    return SentMessage(message_id=f"m{n}", operation="SendEmail", service="sesv2", region="us-east-1",
                       account_id="123456789012", source="Me <me@example.com>", to=to, cc=[], bcc=[],
                       destinations=to, reply_to=[], subject=f"Subject {n}", sent_at=T0 + dt.timedelta(days=day),
                       configuration_set=config)


def event(kind: str, sent: SentMessage, *, day: int = 0, **details: object) -> Event:
    return Event(kind, sent, T0 + dt.timedelta(days=day, hours=1), dict(details))


def test_isps_by_recipient_domain():
    assert [insights.isp_of(a) for a in ("a@gmail.com", "b@Yahoo.co.uk", "c@hotmail.fr", "d@example.org")] == [
        "Gmail", "Yahoo", "Hotmail", "Other"]


def test_bounces_and_complaints_from_the_suppression_list_are_not_counted():
    sent = message(1, ["a@example.org"])
    counted = insights.metric_events(sent, [
        event(ev.SEND, sent), event(ev.BOUNCE, sent, bounceType="Permanent", bounceSubType="OnAccountSuppressionList"),
        event(ev.BOUNCE, sent, bounceType="Transient", bounceSubType="MailboxFull"),
        event(ev.COMPLAINT, sent, complaintSubType="OnAccountSuppressionList")])
    assert [name for name, _ in counted] == ["SEND", "TRANSIENT_BOUNCE"]


def test_messages_to_two_recipients_or_the_simulator_are_not_counted():
    two = message(1, ["a@example.org", "b@example.org"])
    simulator = message(2, ["success@simulator.amazonses.com"])
    assert insights.metric_events(two, [event(ev.SEND, two)]) == []
    assert insights.metric_events(simulator, [event(ev.SEND, simulator)]) == []


traffic = st.lists(st.tuples(st.integers(1, 2), st.sampled_from(DOMAINS), st.integers(0, 3),
                             st.lists(st.sampled_from((ev.SEND, ev.DELIVERY, ev.OPEN, ev.CLICK)), max_size=5)),
                   max_size=12)


@budget(60)
@given(traffic=traffic)
def test_daily_metrics_agree_with_counting_by_hand(traffic):
    sent, log, expected = [], [], {}
    for n, (recipients, domain, day, kinds) in enumerate(traffic):
        m = message(n, [f"r{i}@{domain}" for i in range(recipients)], day=day)
        sent.append(m)
        seen = set()
        for kind in kinds:
            log.append(event(kind, m, day=day))
            unique = kind in (ev.OPEN, ev.CLICK)
            if recipients == 1 and domain != "simulator.amazonses.com" and not (unique and kind in seen):
                key = (day, insights.isp_of(f"x@{domain}"), kind.upper())
                expected[key] = expected.get(key, 0) + 1
            seen.add(kind)
    asked = [("SEND", "VOLUME"), ("DELIVERY", "VOLUME"), ("OPEN", "VOLUME"), ("CLICK", "VOLUME"), ("OPEN", "RATE")]
    rows = insights.daily_metrics(sent, log, start=T0, end=T0 + dt.timedelta(days=3, hours=23),
                                  metrics=asked, dimensions={"ISP": ["Gmail", "Yahoo", "Other"]})
    assert len(rows) == 4 * 3
    for row in rows:
        day, isp = (row.day - T0.date()).days, row.dimensions[0][1]
        values = {(name, aggregation): value for name, aggregation, value in row.values}
        for name in ("SEND", "DELIVERY", "OPEN", "CLICK"):
            assert values[(name, "VOLUME")] == expected.get((day, isp, name), 0)
        sends = expected.get((day, isp, "SEND"), 0)
        assert values[("OPEN", "RATE")] == (expected.get((day, isp, "OPEN"), 0) / sends if sends else 0.0)


def test_dimensions_select_by_identity_and_configuration_set():
    a, b = message(1, ["a@gmail.com"], config="marketing"), message(2, ["b@gmail.com"])
    log = [event(ev.SEND, a), event(ev.SEND, b)]
    rows = insights.daily_metrics([a, b], log, start=T0, end=T0 + dt.timedelta(hours=2),
                                  metrics=[("SEND", "VOLUME")],
                                  dimensions={"EMAIL_IDENTITY": ["example.com"], "CONFIGURATION_SET": ["marketing"]})
    assert [(r.dimensions, r.values) for r in rows] == [
        ((("EMAIL_IDENTITY", "example.com"), ("CONFIGURATION_SET", "marketing")), (("SEND", "VOLUME", 1),))]


def test_last_events_follow_ses_order_not_time():
    sent = message(1, ["a@example.org", "b@example.org"])
    log = [event(ev.SEND, sent), event(ev.DELIVERY, sent, recipients=["a@example.org", "b@example.org"]),
           event(ev.COMPLAINT, sent, complainedRecipients=[{"emailAddress": "a@example.org"}]),
           event(ev.CLICK, sent), event(ev.OPEN, sent)]
    records = insights.recipient_insights([sent], log, start=T0, end=T0 + dt.timedelta(days=1))
    assert [(r.destination, r.last_delivery_event, r.last_engagement_event) for r in records] == [
        ("a@example.org", "COMPLAINT", "CLICK"), ("b@example.org", "DELIVERY", "CLICK")]


def test_wildcards_match_as_the_reference_describes():
    assert insights.wildcard("Welcome*", "Welcome Ann") and not insights.wildcard("Welcome*", "Hi, Welcome")
    assert insights.wildcard("*@gmail.com", "a@gmail.com") and insights.wildcard("*sale*", "Big sale now")
    assert insights.wildcard("50\\*", "50*") and not insights.wildcard("50\\*", "500")
    assert insights.wildcard("exact", "exact") and not insights.wildcard("exact", "Exact")


def test_filters_join_by_and_values_by_or():
    a, b = message(1, ["a@gmail.com"]), message(2, ["b@yahoo.com"])
    records = insights.recipient_insights([a, b], [], start=T0, end=T0 + dt.timedelta(days=1))
    assert [r.destination for r in insights.filtered(records, {"Isp": ["Gmail", "Yahoo"]})] == [
        "a@gmail.com", "b@yahoo.com"]
    assert insights.filtered(records, {"Isp": ["Gmail"], "Subject": ["Subject 2"]}) == []
    assert [r.destination for r in insights.filtered(records, exclude={"Destination": ["*@gmail.com"]})] == [
        "b@yahoo.com"]


def test_metrics_by_tenant_count_the_tenants_sends_in_exports_and_queries_alike():
    # Bug: a metrics export by TENANT_NAME raised ValueError (a 500), and BatchGetMetricData
    # by TENANT_NAME read an attribute SentMessage does not have, so it counted nothing.
    mine = dataclasses.replace(message(1, ["a@example.org"]), tenant="t1")
    other = dataclasses.replace(message(2, ["b@example.org"]), tenant="t2")
    log = [event(ev.SEND, mine), event(ev.SEND, other)]
    rows = insights.daily_metrics([mine, other], log, start=T0, end=T0 + dt.timedelta(hours=23),
                                  metrics=[("SEND", "VOLUME")], dimensions={"TENANT_NAME": ["t1"]})
    assert [(r.dimensions, r.values) for r in rows] == [((("TENANT_NAME", "t1"),), (("SEND", "VOLUME", 1),))]
    series = insights.metric_series([mine, other], log, metric="SEND", dimensions={"TENANT_NAME": "t1"},
                                    start=T0, end=T0 + dt.timedelta(days=1))
    assert series == [(T0, 1)]


def test_a_metrics_export_matches_the_identity_in_either_case_as_queries_do():
    sent = message(1, ["a@example.org"])
    rows = insights.daily_metrics([sent], [event(ev.SEND, sent)], start=T0, end=T0 + dt.timedelta(hours=23),
                                  metrics=[("SEND", "VOLUME")], dimensions={"EMAIL_IDENTITY": ["Example.COM"]})
    assert rows[0].values == (("SEND", "VOLUME", 1),)
