"""Reputation findings from a tenant's traffic, alone (fakeses/domain/reputation.py):
the impact follows the running rates against an oracle, and a finding's start time."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain import reputation

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)

steps = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 3), st.integers(0, 1)), max_size=12)


def oracle(history):
    sent = bounces = complaints = 0
    for _, s, b, c in history:
        sent, bounces, complaints = sent + s, bounces + b, complaints + c
    if not sent:
        return None
    if bounces * 10 >= sent or complaints * 200 >= sent:
        return "HIGH"
    if bounces * 20 >= sent or complaints * 1000 >= sent:
        return "LOW"
    return None


@budget(60)
@given(steps)
def test_the_impact_is_that_of_the_rates_so_far(raw):
    history = [(T0 + dt.timedelta(minutes=n), s, b, c) for n, (s, b, c) in enumerate(raw)]
    found = reputation.finding(history)
    assert (found.impact if found else None) == oracle(history)


def test_a_finding_starts_when_its_threshold_is_first_reached_and_ends_below_it():
    at = [T0 + dt.timedelta(minutes=n) for n in range(4)]
    assert reputation.finding([(at[0], 20, 0, 0), (at[1], 0, 1, 0)]) == reputation.Finding("LOW", at[1], 0.05, 0.0)
    escalated = reputation.finding([(at[0], 20, 0, 0), (at[1], 0, 1, 0), (at[2], 0, 1, 0)])
    assert (escalated.impact, escalated.since) == ("HIGH", at[2])
    assert reputation.finding([(at[0], 20, 0, 0), (at[1], 0, 1, 0), (at[2], 200, 0, 0)]) is None


def test_policy_arns_name_ses_managed_policies_of_the_region():
    assert reputation.policy_name("us-east-1", "arn:aws:ses:us-east-1:aws:reputation-policy/strict") == "strict"
    assert reputation.policy_name("us-east-1", "arn:aws:ses:eu-west-1:aws:reputation-policy/strict") is None
    assert reputation.policy_name("us-east-1", "arn:aws:ses:us-east-1:aws:reputation-policy/lenient") is None
