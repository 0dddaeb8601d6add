"""The configuration-set store, without a client: names, options, event destinations, paging.

The SES facts behind each rule are cited in fakeses/domain/configuration_sets.py and in
tests/e2e/test_configuration_sets.py.
"""
from __future__ import annotations

import pytest

from fakeses.domain import errors
from fakeses.domain.configuration_sets import (
    CLOUDWATCH,
    EVENTBRIDGE,
    PINPOINT,
    SNS,
    ConfigurationSets,
    Delivery,
    Dimension,
    Tracking,
    event_destination,
)
from fakeses.domain.events import BOUNCE, DELIVERY, DELIVERY_DELAY, SEND
from fakeses.domain.pages import InvalidToken

TOPIC = "arn:aws:sns:us-east-1:123456789012:t"


@pytest.fixture
def sets() -> ConfigurationSets:
    return ConfigurationSets(domain_verified=lambda domain: domain.endswith("example.com"))


def sns(name: str = "d", types=(SEND,), enabled: bool = True):
    return event_destination(name, enabled=enabled, event_types=types, sns_topic_arn=TOPIC)


# -- the store ---------------------------------------------------------------------------

def test_membership_get_and_require(sets):
    created = sets.create("main")
    assert "main" in sets and "Main" not in sets  # names are case-sensitive
    assert sets.get("main") is created and sets.get("other") is None
    assert sets.require("main") is created
    with pytest.raises(errors.ConfigurationSetNotFound) as raised:
        sets.require("other")
    assert raised.value.message == "Configuration set <other> does not exist."


def test_a_new_set_sends_without_reputation_metrics_or_options(sets):
    created = sets.create("main")
    assert (created.sending_enabled, created.reputation_metrics_enabled, created.last_fresh_start) == (True, False, None)
    assert (created.tracking, created.delivery, created.suppression, created.vdm, created.archive_arn) == (
        None, None, None, None, None)
    assert created.tags == [] and created.event_destinations == []


def test_duplicates_and_deletes(sets):
    sets.create("main")
    with pytest.raises(errors.ConfigurationSetAlreadyExists):
        sets.create("main")
    sets.delete("main")
    assert "main" not in sets
    with pytest.raises(errors.ConfigurationSetNotFound):
        sets.delete("main")


@pytest.mark.parametrize("name", ["", "a b", "a.b", "é", "a" * 65])
def test_bad_names_are_refused(sets, name):
    with pytest.raises(errors.InvalidConfigurationSetName):
        sets.create(name)
    assert len(sets) == 0


def test_the_limit_is_ten_thousand(sets):
    for n in range(10_000):
        sets.create(f"s{n}")
    with pytest.raises(errors.ConfigurationSetLimitExceeded):
        sets.create("more")


def test_options_are_checked_before_the_name_is_taken(sets):
    sets.create("main")
    with pytest.raises(errors.TrackingDomainNotVerified):
        sets.create("main", tracking=Tracking("click.other.org"))
    with pytest.raises(errors.SendingPoolNotFound):
        sets.create("main", delivery=Delivery(sending_pool="pool1"))


def test_pages_are_by_name_and_tokens_are_checked(sets):
    for name in ("c", "a", "b"):
        sets.create(name)
    first, token = sets.page(None, 2)
    assert [s.name for s in first] == ["a", "b"]
    rest, end = sets.page(token, 2)
    assert ([s.name for s in rest], end) == (["c"], None)
    with pytest.raises(InvalidToken):
        sets.page("???", 2)


# -- sending and tracking ------------------------------------------------------------------

def test_only_resuming_a_paused_set_is_a_fresh_start(sets):
    created = sets.create("main")
    created.set_sending_enabled(True)
    assert created.last_fresh_start is None
    created.set_sending_enabled(False)
    assert created.last_fresh_start is None
    created.set_sending_enabled(True)
    assert created.last_fresh_start is not None and created.sending_enabled


def test_v1_tracking_options_lifecycle(sets):
    sets.create("main")
    with pytest.raises(errors.TrackingDomainMissing):
        sets.create_tracking("main", "")
    with pytest.raises(errors.TrackingDomainNotVerified):
        sets.create_tracking("main", "click.other.org")
    with pytest.raises(errors.TrackingOptionsNotFound):
        sets.update_tracking("main", "click.example.com")
    sets.create_tracking("main", "click.example.com")
    with pytest.raises(errors.TrackingOptionsAlreadyExist):
        sets.create_tracking("main", "click.example.com")
    sets.put_tracking("main", "click.example.com", "REQUIRE")
    sets.update_tracking("main", "t.example.com")
    assert sets.require("main").tracking == Tracking("t.example.com", "REQUIRE")  # v1 keeps the policy
    sets.delete_tracking("main")
    with pytest.raises(errors.TrackingOptionsNotFound):
        sets.delete_tracking("main")


def test_v2_tracking_needs_a_domain_for_a_policy_and_nothing_removes_it(sets):
    sets.create("main")
    with pytest.raises(errors.TrackingDomainMissing) as raised:
        sets.put_tracking("main", None, "REQUIRE")
    assert raised.value.message_for("sesv2") == "CustomRedirectDomain must be specified."
    sets.put_tracking("main", "click.example.com", None)
    sets.put_tracking("main", None, None)
    assert sets.require("main").tracking is None


def test_delivery_pools(sets):
    sets.create("main")
    with pytest.raises(errors.SendingPoolBlank):
        sets.put_delivery("main", Delivery(sending_pool=" "))
    sets.put_delivery("main", Delivery(tls_policy="REQUIRE", sending_pool="ses-default-dedicated-pool"))
    assert sets.require("main").delivery == Delivery("REQUIRE", "ses-default-dedicated-pool")
    sets.put_delivery("main", None)
    assert sets.require("main").delivery is None


# -- event destinations --------------------------------------------------------------------

def test_an_event_destination_keeps_one_kind_and_unique_types_in_order():
    destination = sns(types=(BOUNCE, SEND, BOUNCE))
    assert (destination.kind, destination.target, destination.event_types) == (SNS, TOPIC, (BOUNCE, SEND))
    bus = event_destination("b", enabled=True, event_types=(DELIVERY_DELAY,),
                            eventbridge_bus_arn="arn:aws:events:us-east-1:1:event-bus/default")
    assert bus.kind == EVENTBRIDGE
    cloudwatch = event_destination("c", enabled=True, event_types=(SEND,),
                                   cloudwatch_dimensions=[Dimension("k", "messageTag", "v")])
    assert (cloudwatch.kind, cloudwatch.target) == (CLOUDWATCH, None)


def test_a_destination_matches_only_when_enabled():
    assert sns(types=(SEND,)).matches(SEND)
    assert not sns(types=(SEND,)).matches(DELIVERY)
    assert not sns(types=(SEND,), enabled=False).matches(SEND)


@pytest.mark.parametrize(("kwargs", "error"), [
    ({}, errors.InvalidEventDestination),
    ({"sns_topic_arn": TOPIC, "eventbridge_bus_arn": "arn"}, errors.InvalidEventDestination),
    ({"pinpoint_application_arn": ""}, errors.InvalidEventDestination),
    ({"cloudwatch_dimensions": []}, errors.InvalidCloudWatchDestination),
    ({"cloudwatch_dimensions": [Dimension(f"d{n}", "linkTag", "x") for n in range(11)]},
     errors.InvalidCloudWatchDestination),
    ({"cloudwatch_dimensions": [Dimension("bad name", "linkTag", "x")]}, errors.InvalidCloudWatchDestination),
    ({"cloudwatch_dimensions": [Dimension("n", "linkTag", "bad value")]}, errors.InvalidCloudWatchDestination),
])
def test_bad_destinations_are_refused(kwargs, error):
    with pytest.raises(error):
        event_destination("d", enabled=True, event_types=(SEND,), **kwargs)


def test_a_destination_needs_an_event_type_and_a_good_name():
    with pytest.raises(errors.InvalidEventDestination):
        event_destination("d", enabled=True, event_types=(), sns_topic_arn=TOPIC)
    with pytest.raises(errors.InvalidEventDestination):
        event_destination("d!", enabled=True, event_types=(SEND,), sns_topic_arn=TOPIC)
    pinpoint = event_destination("p", enabled=True, event_types=(SEND,), pinpoint_application_arn="arn:app")
    assert pinpoint.kind == PINPOINT


def test_destinations_are_added_replaced_in_place_routed_and_removed(sets):
    created = sets.create("main")
    created.add_destination(sns("a", types=(SEND,)))
    created.add_destination(sns("b", types=(SEND, BOUNCE)))
    with pytest.raises(errors.EventDestinationAlreadyExists):
        created.add_destination(sns("a"))
    created.replace_destination(sns("a", types=(BOUNCE,)))
    assert [d.name for d in created.event_destinations] == ["a", "b"]
    assert [d.name for d in created.routes_for(BOUNCE)] == ["a", "b"]
    assert [d.name for d in created.routes_for(SEND)] == ["b"]
    with pytest.raises(errors.EventDestinationNotFound) as raised:
        created.replace_destination(sns("c"))
    assert raised.value.message == "No EventDestination found for main"
    created.remove_destination("a")
    with pytest.raises(errors.EventDestinationNotFound):
        created.remove_destination("a")


def test_ten_destinations_a_set(sets):
    created = sets.create("main")
    for n in range(10):
        created.add_destination(sns(f"d{n}"))
    with pytest.raises(errors.EventDestinationLimitExceeded):
        created.add_destination(sns("d10"))
