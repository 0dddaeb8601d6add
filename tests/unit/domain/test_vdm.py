"""What VDM reads from traffic, alone: BatchGetMetricData's daily series against a simple
oracle (fakeses/domain/insights.py metric_series), the Advisor's memory of its findings and
the address checks' pure parts (fakeses/domain/vdm.py)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain import events as ev
from fakeses.domain import insights, vdm
from fakeses.domain.events import Event
from fakeses.domain.messages import SentMessage

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
DAY = dt.timedelta(days=1)


def message(n: int, to: list[str], *, sender: str, config: str | None) -> SentMessage:
    return SentMessage(message_id=f"m{n}", operation="SendEmail", service="sesv2", region="us-east-1",
                       account_id="123456789012", source=sender, to=to, cc=[], bcc=[], destinations=to,
                       reply_to=[], subject="s", sent_at=T0, configuration_set=config,
                       _cache={"parts": ("t", None)})  # a text-only body


traffic = st.lists(st.tuples(
    st.sampled_from(("a@gmail.com", "b@yahoo.com", "success@simulator.amazonses.com")),
    st.sampled_from(("me@example.com", "you@other.example")), st.sampled_from((None, "news")),
    st.booleans(),  # a second recipient
    st.lists(st.tuples(st.sampled_from((ev.SEND, ev.DELIVERY, ev.OPEN, ev.CLICK)), st.integers(0, 5 * 24)),
             max_size=4)), max_size=10)
queries = st.tuples(
    st.sampled_from(("SEND", "DELIVERY", "OPEN", "CLICK")), st.integers(0, 3), st.integers(1, 4),
    st.fixed_dictionaries({}, optional={"EMAIL_IDENTITY": st.sampled_from(("example.com", "ME@example.com")),
                                        "CONFIGURATION_SET": st.just("news"),
                                        "ISP": st.sampled_from(("Gmail", "Yahoo"))}),
    st.booleans())


def _matches(m: SentMessage, dimensions: dict[str, str]) -> bool:
    identity = dimensions.get("EMAIL_IDENTITY")
    if identity is not None and identity.lower() not in (m.source.lower(), m.source.rpartition("@")[2]):
        return False
    if "CONFIGURATION_SET" in dimensions and dimensions["CONFIGURATION_SET"] != m.configuration_set:
        return False
    return "ISP" not in dimensions or dimensions["ISP"] == insights.isp_of(m.destinations[0])


@budget(60)
@given(traffic=traffic, query=queries)
def test_metric_series_agree_with_counting_by_hand(traffic, query):
    metric, first, days, dimensions, engaged = query
    start, end = T0 + first * DAY, T0 + (first + days) * DAY
    sent, log, expected = [], [], {}
    for n, (to, sender, config, two, happened) in enumerate(traffic):
        m = message(n, [to, "z@example.org"] if two else [to], sender=sender, config=config)
        sent.append(m)
        seen = set()
        for kind, hour in happened:
            at = T0 + dt.timedelta(hours=hour)
            log.append(Event(kind, m, at))
            # The oracle: one recipient, not the simulator, every dimension matching, opens
            # and clicks once a message and only where engagement is tracked, [start, end).
            name = kind.upper()
            first_time = name not in seen
            seen.add(name)
            if two or "simulator" in to or name != metric or not _matches(m, dimensions):
                continue
            if metric in ("OPEN", "CLICK") and not (engaged and first_time):
                continue
            if start <= at < end:
                day = dt.datetime.combine(at.date(), dt.time(), dt.timezone.utc)
                expected[day] = expected.get(day, 0) + 1
    got = insights.metric_series(sent, log, metric=metric, dimensions=dimensions, start=start, end=end,
                                 engaged=lambda _: engaged)
    assert got == sorted(expected.items())
    assert all(count > 0 for _, count in got)  # days with nothing are left out


def test_a_finding_no_longer_found_is_fixed_and_reopens_when_found_again(fixed_clock):
    store = vdm.Recommendations()
    dmarc = vdm.Finding("arn:aws:ses:us-east-1:1:identity/example.com", "DMARC", "No DMARC record.", "HIGH")
    [opened] = store.refresh([dmarc])
    assert (opened.status, opened.created_at) == ("OPEN", opened.updated_at)
    fixed_clock(T0 + DAY)
    [fixed] = store.refresh([])
    assert (fixed.status, fixed.created_at, fixed.updated_at.date()) == ("FIXED", opened.created_at,
                                                                         (T0 + DAY).date())
    fixed_clock(T0 + 2 * DAY)
    [again] = store.refresh([dmarc])
    assert (again.status, again.updated_at.date()) == ("OPEN", (T0 + 2 * DAY).date())


@pytest.mark.parametrize(("value", "ok"), [("example.com", True), ("a@example.com", True), ("label", True),
                                           ("", False), ("@example.com", False), ("a@", False), ("a b", False),
                                           ("*.example.com", False), ("a@b@c", False)])
def test_identity_dimension_values(value, ok):
    assert vdm._identity_ok(value) is ok


@pytest.mark.parametrize(("local", "random"), [("ann", False), ("john.smith", False), ("xkcdqwrtzp", True),
                                               ("qwrtzpsd", True), ("strengths", False)])
def test_random_input_is_keyboard_mash(local, random):
    assert vdm._random(local) is random


def test_dmarc_policy_is_read_from_the_record():
    assert [vdm._policy(r) for r in ("v=DMARC1; p=reject", "v=DMARC1;p=quarantine;pct=50", "v=DMARC1")] == [
        "reject", "quarantine", "none"]


def test_an_event_at_the_end_instant_falls_outside_the_range_and_one_at_the_start_inside():
    m = message(1, ["a@gmail.com"], sender="me@example.com", config=None)
    log = [Event(ev.SEND, m, T0), Event(ev.DELIVERY, m, T0 + DAY)]
    assert insights.metric_series([m], log, metric="SEND", dimensions={}, start=T0, end=T0 + DAY) == [(T0, 1)]
    assert insights.metric_series([m], log, metric="DELIVERY", dimensions={}, start=T0, end=T0 + DAY) == []
