"""The suppression list alone: keys, case, order, filters and paging (fakeses/domain/suppression.py)."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain.errors import InvalidNextToken
from fakeses.domain.suppression import SuppressionList, canonical

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)


def test_the_domain_is_folded_and_the_local_part_kept():
    assert canonical("  Ann@Example.ORG ") == "Ann@example.org"
    assert canonical("no-at-sign") == "no-at-sign"


def test_get_and_delete_need_the_local_parts_case_and_sending_does_not():
    listed = SuppressionList()
    listed.put("Ann@example.org", "BOUNCE", at=T0)
    assert listed.get("Ann@EXAMPLE.org") is not None and listed.get("ann@example.org") is None
    assert [e.email_address for e in listed.matching("ANN@example.ORG")] == ["Ann@example.org"]
    assert not listed.delete("ann@example.org") and listed.delete("Ann@example.org")
    assert listed.matching("ann@example.org") == [] and not listed


def test_a_put_keeps_the_ids_of_the_feedback():
    listed = SuppressionList()
    entry = listed.put("a@x.org", "COMPLAINT", at=T0, message_id="m", feedback_id="f")
    assert (entry.reason, entry.message_id, entry.feedback_id, entry.last_update_time) == ("COMPLAINT", "m", "f", T0)
    with pytest.raises(ValueError):
        listed.put("a@x.org", "SPAM")


def test_a_token_of_other_filters_or_garbled_is_refused():
    listed = SuppressionList()
    for n in range(3):
        listed.put(f"{n}@x.org", "BOUNCE", at=T0)
    items = list(listed)
    _, token = listed.page(items, None, 1, "BOUNCE")
    assert token is not None
    for bad, scope in ((token, "COMPLAINT"), ("!!", "BOUNCE"), ("e30=", "BOUNCE")):
        with pytest.raises(InvalidNextToken):
            listed.page(items, bad, 1, scope)


ENTRIES = st.lists(st.tuples(st.sampled_from(["a", "B", "c", "d", "E"]), st.sampled_from(["x.org", "X.org", "y.org"]),
                             st.sampled_from(["BOUNCE", "COMPLAINT"]), st.integers(0, 5)), max_size=12)


@budget(60)
@given(ENTRIES, st.lists(st.sampled_from(["BOUNCE", "COMPLAINT"]), max_size=2, unique=True),
       st.none() | st.integers(0, 5), st.none() | st.integers(0, 5), st.integers(1, 4))
def test_listing_and_paging_agree_with_an_oracle(entries, reasons, start, end, size):
    """Put in any order: the list holds the last put of each address (domain folded), oldest
    update first (ties in the order put); the filters and paging agree with a plain model."""
    listed = SuppressionList()
    oracle: dict[str, tuple[str, dt.datetime, int]] = {}
    for n, (local, domain, reason, day) in enumerate(entries):
        at = T0 + dt.timedelta(days=day)
        listed.put(f"{local}@{domain}", reason, at=at)
        oracle[f"{local}@{domain.lower()}"] = (reason, at, n)
    low = None if start is None else T0 + dt.timedelta(days=start)
    high = None if end is None else T0 + dt.timedelta(days=end)
    expected = [address for address, (reason, at, _) in sorted(oracle.items(), key=lambda kv: kv[1][1:])
                if (not reasons or reason in reasons) and (low is None or at >= low) and (high is None or at <= high)]
    chosen = listed.listing(reasons, low, high)
    assert [e.email_address for e in chosen] == expected
    pages, token = [], None
    while True:
        page, token = listed.page(chosen, token, size, "scope")
        assert len(page) <= size
        pages += [e.email_address for e in page]
        if token is None:
            break
    assert pages == expected
