"""Dedicated IPs and pools in the domain: GetDedicatedIps' pool filter and pages against an
oracle, the pools ListDedicatedIpPools names, the warm-up states, and the pool and IP a send
goes out from."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain import dedicated_ips as d
from fakeses.domain.configuration_sets import Delivery
from fakeses.domain.state import Options, World

POOLS = ["a", "b", "auto"]
# Each IP's place: None (the default pool) or one of the pools made.
placements = st.lists(st.sampled_from([None, "a", "b", "auto"]), max_size=15)


def store() -> d.DedicatedIps:
    ips = d.DedicatedIps()
    ips.create("a")
    ips.create("b")
    ips.create("auto", d.MANAGED)
    return ips


def fill(ips: d.DedicatedIps, places: list) -> list[str]:
    addresses = [f"198.51.100.{n}" for n in range(1, len(places) + 1)]
    for address, place in zip(addresses, places):
        ips.provision([address], place)
    return addresses


@budget(60)
@given(places=placements, pool=st.sampled_from([None, d.DEFAULT_POOL, "a", "b", "auto"]),
       size=st.integers(1, 6))
def test_get_dedicated_ips_pages_through_exactly_the_pools_ips(places, pool, size):
    ips = store()
    addresses = fill(ips, places)
    expected = [address for address, place in zip(addresses, places)
                if pool is None or (place or d.DEFAULT_POOL) == pool]
    seen, token, calls = [], None, 0
    while True:
        page, token = ips.page_ips(pool, token, size)
        assert len(page) <= size
        seen += [ip.ip for ip in page]
        calls += 1
        if token is None:
            break
    assert seen == expected
    assert calls == max(1, -(-len(expected) // size))


@budget(40)
@given(places=placements)
def test_list_dedicated_ip_pools_names_the_built_in_pools_only_with_dedicated_ips(places):
    ips = store()
    fill(ips, places)
    built_in = ["ses-default-dedicated-pool", "ses-shared-pool"] if places else []
    assert ips.names() == ["a", "auto", "b"] + built_in


@budget(40)
@given(percentages=st.lists(st.integers(-5, 105), min_size=1, max_size=6))
def test_the_warm_up_status_follows_the_last_percentage_set(percentages):
    ips = store()
    [ip] = fill(ips, [None])
    last = (0, d.IN_PROGRESS)
    for percentage in percentages:
        if 0 <= percentage <= 100:
            ips.set_warmup(ip, percentage)
            last = (percentage, d.DONE if percentage == 100 else d.IN_PROGRESS)
        else:
            with pytest.raises(d.InvalidWarmupPercentage):
                ips.set_warmup(ip, percentage)
        found = ips.ip(ip)
        assert (found.warmup_percentage, found.warmup_status) == last


def test_a_pool_name_follows_the_cloudformation_pattern():
    ips = d.DedicatedIps()
    ips.create("a" * 64)
    ips.create("x_y-0")
    for bad in ("A", "a.b", "a" * 65, "", "ä"):
        with pytest.raises(d.InvalidPoolName):
            ips.create(bad)


def test_the_quota_is_checked_after_the_name():
    ips = d.DedicatedIps()
    for index in range(d.MAX_POOLS):
        ips.create(f"p{index}")
    with pytest.raises(d.PoolAlreadyExists):
        ips.create("p0")
    with pytest.raises(d.PoolLimitExceeded):
        ips.create("more")


def test_a_managed_pool_turns_standard_ips_over_to_ses():
    ips = store()
    [ip] = fill(ips, ["a"])
    ips.set_scaling_mode("a", d.MANAGED)
    assert (ips.ip(ip).warmup_percentage, ips.ip(ip).warmup_status) == (-1, d.NOT_APPLICABLE)
    with pytest.raises(d.ManagedToStandard):
        ips.set_scaling_mode("a", d.STANDARD)


def test_provisioning_twice_the_same_ip_is_a_mistake():
    ips = store()
    fill(ips, [None])
    with pytest.raises(ValueError, match="already has"):
        ips.provision(["198.51.100.1"])


def test_a_send_goes_out_of_its_sets_pool_in_turn():
    backend = World(Options()).backend("123456789012", "us-east-1")
    backend.dedicated_ips.create("news")
    backend.dedicated_ips.provision(["198.51.100.1", "198.51.100.2"], "news")
    backend.configuration_sets.create("set", delivery=Delivery(sending_pool="news"))
    backend.configuration_sets.create("bare")
    assert [d.route(backend, "set")["sending_ip"] for _ in range(3)] == [
        "198.51.100.1", "198.51.100.2", "198.51.100.1"]
    assert d.route(backend, "bare") == {}
    assert d.route(backend, None) == {}
    backend.dedicated_ips.provision(["198.51.100.3"])
    assert d.route(backend, None) == {"sending_pool": d.DEFAULT_POOL, "sending_ip": "198.51.100.3"}


def test_configuration_sets_name_only_existing_pools():
    backend = World(Options()).backend("123456789012", "us-east-1")
    sets = backend.configuration_sets
    from fakeses.domain.errors import SendingPoolNotFound

    with pytest.raises(SendingPoolNotFound):
        sets.create("s", delivery=Delivery(sending_pool="news"))
    backend.dedicated_ips.create("news")
    sets.create("s", delivery=Delivery(sending_pool="news"))
    sets.put_delivery("s", Delivery(sending_pool="ses-shared-pool"))
    assert sets.require("s").delivery == Delivery(sending_pool="ses-shared-pool")


def test_a_delivery_names_the_dedicated_ip_it_left_from():
    import dataclasses
    import datetime as dt

    from fakeses.domain import event_json, events
    from fakeses.domain.events import Event
    from fakeses.domain.messages import SentMessage

    at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    shared = SentMessage(message_id="m", operation="SendEmail", service="sesv2", region="us-east-1",
                         account_id="123456789012", source="a@example.com", to=["b@example.org"], cc=[], bcc=[],
                         destinations=["b@example.org"], reply_to=[], subject="s", sent_at=at)
    dedicated = dataclasses.replace(shared, sending_pool="news", sending_ip="198.51.100.7")
    tags = [event_json.automatic_tags(Event(events.DELIVERY, message, at, {}), "set")["ses:outgoing-ip"]
            for message in (shared, dedicated)]
    assert tags == [[event_json.OUTGOING_IP], ["198.51.100.7"]]
