"""Receipt names, CIDRs, recipients and filters (fakeses/domain/receiving)."""
from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.shapes import budget

from fakeses.domain.errors import InvalidParameterValue
from fakeses.domain.receiving import ReceiptFilter, ReceiptRule, Receiving, admits
from fakeses.domain.receiving.errors import ReceivingValidation
from fakeses.domain.receiving.rules import ACTIONS, action_from_wire, action_to_wire
from fakeses.domain.receiving.validation import (
    recipients,
    rule_set_name,
    valid_cidr,
    valid_recipient,
    well_formed,
)

ALNUM = st.sampled_from("abcxyzABCXYZ0189")
NAME_CHARS = st.sampled_from("abcXYZ019_.-")
NAMES = st.builds(lambda first, middle, last: first + middle + last,
                  ALNUM, st.text(NAME_CHARS, max_size=62), ALNUM)
LABELS = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True)
DOMAINS = st.lists(LABELS, min_size=1, max_size=4).map(".".join)


@budget(40)
@given(NAMES)
def test_names_of_letters_digits_and_separators_are_taken(name):
    assert well_formed(name)
    rule_set_name(name)


@budget(40)
@given(st.text(min_size=1, max_size=70))
def test_any_other_name_gets_one_of_the_two_refusals(name):
    if well_formed(name):
        rule_set_name(name)
        return
    with pytest.raises((ReceivingValidation, InvalidParameterValue)) as caught:
        rule_set_name(name)
    if type(caught.value) is InvalidParameterValue and name.strip():
        assert caught.value.message == f"Not a valid ruleSetName: {name}"


@budget(40)
@given(st.ip_addresses(v=4), st.integers(0, 32))
def test_ipv4_addresses_and_blocks_are_taken(address, mask):
    assert valid_cidr(str(address)) and valid_cidr(f"{address}/{mask}")


@budget(40)
@given(st.ip_addresses(v=6), st.integers(0, 128))
def test_ipv6_addresses_and_blocks_are_taken_unless_mapped(address, mask):
    text = str(address)
    assert valid_cidr(f"{text}/{mask}") == ("." not in text)


@pytest.mark.parametrize("cidr", ["", "10.0.0.0/33", "10.0.0/8", "256.0.0.1", "01.2.3.4", "10.0.0.1/", "::1/129",
                                  "fe80::1%eth0", "[::1]", "1::2::3", "١٠.0.0.1", "10.0.0.1/8/8"])
def test_malformed_cidrs_are_refused(cidr):
    assert not valid_cidr(cidr)


@budget(40)
@given(DOMAINS, st.from_regex(r"[a-zA-Z0-9.+_-]{1,20}", fullmatch=True))
def test_addresses_domains_and_subdomain_forms_are_recipients(domain, local):
    for recipient in (domain, "." + domain, f"{local}@{domain}", domain.upper()):
        assert valid_recipient(recipient)
    assert recipients([domain.upper(), domain, "." + domain]) == tuple(sorted({domain, "." + domain}))


@pytest.mark.parametrize("recipient", ["", "not valid", "a@", "@example.com", "example..com", "-example.com",
                                       "example-.com", ".", "a@b@c"])
def test_malformed_recipients_are_refused(recipient):
    assert not valid_recipient(recipient)
    with pytest.raises(InvalidParameterValue, match="Invalid recipient: "):
        recipients([recipient])


def test_rules_match_addresses_domains_and_subdomains():
    rule = ReceiptRule("r", recipients=("support@example.com", "example.org", ".example.net"))
    assert rule.matches("Support@Example.com") and not rule.matches("sales@example.com")
    assert rule.matches("anyone@example.org") and not rule.matches("anyone@sub.example.org")
    assert rule.matches("a@mail.example.net") and not rule.matches("a@example.net")
    assert ReceiptRule("all").matches("whoever@anywhere.test")


def test_allow_beats_block():
    filters = [ReceiptFilter("all", "0.0.0.0/0", "Block"), ReceiptFilter("office", "192.0.2.0/24", "Allow")]
    assert admits(filters, "192.0.2.7") and not admits(filters, "198.51.100.1")
    assert admits(filters, None) and admits([], "198.51.100.1")
    assert ReceiptFilter("v6", "2001:db8::/32", "Block").covers("2001:db8::5")
    assert not ReceiptFilter("v4", "10.0.0.0/8", "Block").covers("not an address")
    assert ReceiptFilter("host", "10.1.2.3", "Block").network == ipaddress.ip_network("10.1.2.3/32")


@pytest.mark.parametrize("wire", [
    {"S3Action": {"BucketName": "b", "ObjectKeyPrefix": "p/", "KmsKeyArn": "k", "TopicArn": "t", "IamRoleArn": "r"}},
    {"ConnectAction": {"InstanceARN": "i", "IAMRoleARN": "r"}},
    {"BounceAction": {"SmtpReplyCode": "550", "StatusCode": "5.1.1", "Message": "m", "Sender": "s", "TopicArn": "t"}},
])
def test_actions_translate_to_and_from_the_model(wire):
    action = action_from_wire(wire)
    assert type(action) is ACTIONS[next(iter(wire))]
    assert action_to_wire(action) == wire


def test_received_messages_are_remembered():
    receiving = Receiving()
    assert receiving.received("m") is None and receiving.active() is None
    record = receiving.remember("m", b"raw", ["a@example.com"], "from@example.org")
    assert receiving.received("m") is record and record.recipients == ("a@example.com",)
