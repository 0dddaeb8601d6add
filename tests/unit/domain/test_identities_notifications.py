"""What an identity says about where the events of its mail go, and which identity speaks
for a sender (Identities.settings_for): the verified address before its domain, then
parent domains (developer guide, configure-sns-notifications; F10, F18)."""
from __future__ import annotations

import pytest

from fakeses.domain.errors import FeedbackTopicsMissing
from fakeses.domain.identities import Identities

TOPIC = "arn:aws:sns:us-east-1:123456789012:t"


@pytest.fixture
def store() -> Identities:
    return Identities(auto_verify=False)


def test_a_new_identity_forwards_feedback_and_has_no_topics_headers_or_default_set(store):
    for identity in (store.verify_email("a@example.com"), store.create("example.org")):
        assert identity.feedback_forwarding is True
        assert identity.configuration_set is None
        for kind in ("Bounce", "Complaint", "Delivery"):
            assert identity.notification_topic(kind) is None
            assert identity.headers_in_notifications(kind) is False


def test_a_topic_is_set_per_type_and_cleared_by_none_or_empty(store):
    identity = store.force_verify("example.com")
    assert store.notifying is False  # nothing to route until a topic is set
    store.set_notification_topic(identity, "Bounce", TOPIC)
    store.set_notification_topic(identity, "Delivery", TOPIC + "-d")
    assert store.notifying is True
    assert (identity.notification_topic("Bounce"), identity.notification_topic("Complaint")) == (TOPIC, None)
    store.set_notification_topic(identity, "Bounce", None)
    store.set_notification_topic(identity, "Delivery", "")
    assert identity.notification_topic("Bounce") is None and identity.notification_topic("Delivery") is None


def test_headers_are_set_per_type(store):
    identity = store.force_verify("example.com")
    store.set_headers_in_notifications(identity, "Complaint", True)
    assert [identity.headers_in_notifications(k) for k in ("Bounce", "Complaint", "Delivery")] == [False, True, False]
    store.set_headers_in_notifications(identity, "Complaint", False)
    assert identity.headers_in_notifications("Complaint") is False


@pytest.mark.parametrize("topics", [(), ("Bounce",), ("Complaint",), ("Bounce", "Delivery")])
def test_v1_keeps_forwarding_on_without_bounce_and_complaint_topics(store, topics):
    identity = store.force_verify("example.com")
    for kind in topics:
        store.set_notification_topic(identity, kind, TOPIC)
    with pytest.raises(FeedbackTopicsMissing):
        store.set_forwarding(identity, False)
    assert identity.feedback_forwarding is True
    store.set_forwarding(identity, True)  # turning it on needs nothing


def test_v1_turns_forwarding_off_with_both_topics_and_v2_without(store):
    identity = store.force_verify("example.com")
    store.set_forwarding(identity, False, require_topics=False)
    assert identity.feedback_forwarding is False
    store.set_forwarding(identity, True)
    for kind in ("Bounce", "Complaint"):
        store.set_notification_topic(identity, kind, TOPIC)
    store.set_forwarding(identity, False)
    assert identity.feedback_forwarding is False


def test_the_verified_address_speaks_before_its_domain_and_parent_domains(store):
    address = store.force_verify("vip@mail.example.com")
    subdomain = store.force_verify("mail.example.com")
    domain = store.force_verify("example.com")
    assert store.settings_for("vip@mail.example.com") is address
    assert store.settings_for("VIP <vip@mail.example.com>") is address  # display names are read
    assert store.settings_for("other@MAIL.example.com") is subdomain
    assert store.settings_for("other@x.example.com") is domain
    assert store.settings_for("Vip@mail.example.com") is subdomain  # addresses are case-sensitive (F11)
    assert store.settings_for("someone@example.org") is None
    assert store.settings_for("not an address") is None


def test_a_pending_address_gives_way_to_its_verified_domain(store):
    address = store.verify_email("new@example.com")  # pending
    assert store.settings_for("new@example.com") is address  # nothing verified: the first that exists
    domain = store.force_verify("example.com")
    assert store.settings_for("new@example.com") is domain
    store.mark_verified(address)
    assert store.settings_for("new@example.com") is address


def test_the_default_configuration_set_follows_settings_for(store):
    domain = store.force_verify("example.com")
    address = store.force_verify("vip@example.com")
    domain.configuration_set = "domain-set"
    assert store.default_configuration_set("ann@example.com") == "domain-set"
    assert store.default_configuration_set("vip@example.com") is None  # the address's own: none
    address.configuration_set = "vip-set"
    assert store.default_configuration_set("Vip Person <vip@example.com>") == "vip-set"
    address.configuration_set = ""  # stored as given by v2; names no set
    assert store.default_configuration_set("vip@example.com") is None
    assert store.default_configuration_set("ann@example.org") is None


def test_a_default_set_applies_only_when_its_identity_is_verified(store):
    """"Default configuration sets will only be applied if the identity is verified"
    (developer guide, managing-configuration-sets-default)."""
    address = store.verify_email("new@example.com")  # pending
    address.configuration_set = "s"
    assert store.default_configuration_set("new@example.com") is None
    store.mark_verified(address)
    assert store.default_configuration_set("new@example.com") == "s"
