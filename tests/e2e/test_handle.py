"""The handle as a test uses it: verify_identity, what was sent, lookups, helper errors.

Everything here goes through boto3 and the handle only. ``verify_identity`` is the test's
"the DNS records are published" (or "the link was clicked"): SES verifies each region on
its own (F3), but DNS is global, so the shortcut with no region serves every region.
"""
from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from fakeses import fakeses

SIMPLE = {"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}}


def send_v2(region: str, source: str = "me@example.com", **client_args: str) -> str:
    client = boto3.client("sesv2", region_name=region, **client_args)
    answer = client.send_email(FromEmailAddress=source, Destination={"ToAddresses": ["ann@example.org"]},
                               Content=SIMPLE)
    return str(answer["MessageId"])


def v1_status(region: str, name: str) -> str | None:
    attributes = boto3.client("ses", region_name=region).get_identity_verification_attributes(Identities=[name])
    found = attributes["VerificationAttributes"].get(name)
    return None if found is None else str(found["VerificationStatus"])


# -- verify_identity: every region unless told one ----------------------------------------------

def test_verify_identity_serves_a_client_of_another_region_than_the_default(monkeypatch):
    """The README's first example on a machine configured for eu-west-1 (issue 11)."""
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    with fakeses() as fake:
        assert fake.region == "eu-west-1"
        fake.verify_identity("example.com")
        send_v2("us-east-1")
    assert [m.region for m in fake.sent_messages] == ["us-east-1"]


def test_an_identity_verified_everywhere_is_listed_verified_by_both_apis_in_a_new_region(ses_backend):
    ses_backend.verify_identity("example.com")
    v2 = boto3.client("sesv2", region_name="ap-southeast-2")
    identity = v2.get_email_identity(EmailIdentity="example.com")
    assert (identity["VerificationStatus"], identity["VerifiedForSendingStatus"]) == ("SUCCESS", True)
    assert boto3.client("ses", region_name="sa-east-1").list_identities()["Identities"] == ["example.com"]
    assert v1_status("sa-east-1", "example.com") == "Success"


def test_an_identity_verified_everywhere_reaches_regions_that_already_have_state():
    with fakeses(auto_verify=False, region="us-east-1") as fake:
        west = boto3.client("ses", region_name="us-west-2")
        west.verify_domain_identity(Domain="example.com")
        assert v1_status("us-west-2", "example.com") == "Pending"
        fake.verify_identity("example.com")
        assert v1_status("us-west-2", "example.com") == "Success"
        send_v2("us-west-2")


def test_an_explicit_region_keeps_the_verification_to_that_region(ses_backend):
    ses_backend.verify_identity("example.com", region="eu-west-1")
    send_v2("eu-west-1")
    with pytest.raises(ClientError) as rejected:
        send_v2("us-east-1")
    assert rejected.value.response["Error"]["Code"] == "MessageRejected"
    assert boto3.client("ses", region_name="us-east-1").list_identities()["Identities"] == []


def test_verify_identity_everywhere_stays_in_its_account(ses_backend):
    ses_backend.verify_identity("example.com", account_id="111122223333")
    send_v2("eu-central-1", aws_access_key_id="111122223333", aws_secret_access_key="unused")
    assert ses_backend.sent_messages[-1].account_id == "111122223333"
    with pytest.raises(ClientError) as rejected:
        send_v2("eu-central-1")
    assert rejected.value.response["Error"]["Code"] == "MessageRejected"


def test_verify_identity_returns_the_identity_of_the_default_region():
    with fakeses(region="eu-west-1", auto_verify=False) as fake:
        identity = fake.verify_identity("Example.COM")
        assert (identity.name, identity.verified) == ("example.com", True)
        assert fake.backend().identities.get("example.com") is identity
        assert fake.verify_identity("example.com", region="us-east-2") is fake.backend("us-east-2").identities.get(
            "example.com")


def test_an_address_verified_everywhere_can_send_in_any_region(ses_backend):
    ses_backend.verify_identity("solo@example.net")
    for region in ("us-east-1", "eu-west-2", "ap-northeast-1"):
        send_v2(region, source="solo@example.net")
    assert len(ses_backend.sent_messages) == 3


# -- verify_identity: what it takes ---------------------------------------------------------------

def test_verify_identity_refuses_a_display_name_and_names_the_bare_address(ses_backend):
    with pytest.raises(ValueError) as raised:
        ses_backend.verify_identity("Shop <no-reply@example.com>")
    assert str(raised.value) == ("verify_identity() takes the address alone: pass the bare address "
                                 "'no-reply@example.com', not 'Shop <no-reply@example.com>'")
    assert boto3.client("ses", region_name="us-east-1").list_identities()["Identities"] == []


@pytest.mark.parametrize("given", ["not an identity", "example", "example..com", "-example.com", "example.com\n"])
def test_verify_identity_refuses_what_is_no_domain_and_says_what_it_takes(ses_backend, given):
    with pytest.raises(ValueError) as raised:
        ses_backend.verify_identity(given)
    assert str(raised.value) == ("verify_identity() takes an email address such as 'no-reply@example.com' "
                                 f"or a domain such as 'example.com', not {given!r}")


@pytest.mark.parametrize(("given", "why"), [
    ("ann@", "Missing domain"), ("@example.com", "Missing local name"), ("a b@example.com", None),
    ("ann@exämple.com", "Domain contains illegal character"),
])
def test_verify_identity_refuses_a_malformed_address_with_ses_reason(ses_backend, given, why):
    with pytest.raises(ValueError) as raised:
        ses_backend.verify_identity(given)
    text = str(raised.value)
    assert text.startswith("verify_identity() takes an email address such as 'no-reply@example.com' or a domain "
                           f"such as 'example.com'; {given!r} is not an email address (")
    assert why is None or text.endswith(f"({why})")


def test_verify_identity_refuses_what_is_not_a_string(ses_backend):
    with pytest.raises(TypeError, match=r"verify_identity\(\) takes an email address .*, not \['example.com'\] \(list\)"):
        ses_backend.verify_identity(["example.com"])


# -- sent_messages and events: lists, as things were when read ------------------------------------

def test_sent_messages_and_events_start_as_empty_lists(ses_backend):
    assert ses_backend.sent_messages == []
    assert ses_backend.events == []
    assert type(ses_backend.sent_messages) is not tuple and isinstance(ses_backend.sent_messages, list)


def test_sent_messages_is_a_list_read_as_a_test_reads_an_outbox(ses_backend):
    ses_backend.verify_identity("example.com")
    first = send_v2("us-east-1")
    before = ses_backend.sent_messages
    second = send_v2("eu-west-1")
    outbox = ses_backend.sent_messages
    assert [m.message_id for m in before] == [first]  # a snapshot: later sends are not in it
    assert (len(outbox), outbox[-1].message_id, [m.message_id for m in outbox[1:]]) == (2, second, [second])
    assert outbox == list(outbox) and outbox != [] and outbox == ses_backend.sent_messages
    [only] = ses_backend.sent_messages[:1]
    assert only.message_id == first
    # Each message to an ordinary recipient is delivered, as SES does (LocalStack's AWS
    # recordings of 2023-08-25: Send, then Delivery).
    assert [e.type for e in ses_backend.events] == ["Send", "Delivery", "Send", "Delivery"]


def test_comparing_with_a_tuple_still_works_but_is_deprecated(ses_backend):
    with pytest.deprecated_call(match=r"compare them with a list \(fake.sent_messages == \[\]\), not a tuple"):
        assert ses_backend.sent_messages == ()
    with pytest.deprecated_call():
        assert not ses_backend.events != ()


def test_clear_forgets_messages_and_events_but_not_lists_read_before(ses_backend):
    ses_backend.verify_identity("example.com")
    send_v2("us-east-1")
    outbox, log = ses_backend.sent_messages, ses_backend.events
    ses_backend.clear()
    assert (ses_backend.sent_messages, ses_backend.events) == ([], [])
    assert (len(outbox), len(log)) == (1, 2)  # Send and SES's Delivery
    send_v2("us-east-1")
    assert len(ses_backend.sent_messages) == 1


# -- events_of and the outcomes: found by id ------------------------------------------------------

@pytest.mark.fakeses(outcomes="hold")
def test_events_of_gives_the_events_of_that_message_only_in_order(ses_backend):
    ses_backend.verify_identity("example.com")
    send_v2("us-east-1")
    send_v2("us-east-1")
    first, second = ses_backend.sent_messages
    ses_backend.deliver(second)
    ses_backend.bounce(first)
    ses_backend.open(second)
    assert [e.type for e in ses_backend.events_of(first)] == ["Send", "Bounce"]
    assert [e.type for e in ses_backend.events_of(second)] == ["Send", "Delivery", "Open"]
    assert [e.type for e in ses_backend.events_of(second, "Open")] == ["Open"]
    assert all(e.message is second for e in ses_backend.events_of(second))


def test_events_of_says_which_event_types_exist(ses_backend):
    ses_backend.verify_identity("example.com")
    send_v2("us-east-1")
    with pytest.raises(ValueError, match=r"events_of\(\) takes an SES event type \('Send', 'Reject', 'Bounce', .*"
                                         r"not 'Bounced'"):
        ses_backend.events_of(ses_backend.sent_messages[0], "Bounced")


def test_a_message_of_another_fake_or_a_cleared_one_is_refused_by_the_lookups(ses_backend):
    ses_backend.verify_identity("example.com")
    send_v2("us-east-1")
    [message] = ses_backend.sent_messages
    ses_backend.clear()
    text = f"{message.message_id} was not sent through this fake (or clear() has forgotten it)"
    for lookup in (ses_backend.events_of, ses_backend.deliver, ses_backend.bounce, ses_backend.open):
        with pytest.raises(ValueError) as raised:
            lookup(message)
        assert str(raised.value) == text
    with fakeses() as other:
        with pytest.raises(ValueError, match="was not sent through this fake"):
            other.events_of(message)


def test_the_lookups_want_a_message_not_its_id(ses_backend):
    with pytest.raises(TypeError, match=r"events_of\(\) takes a message from sent_messages, not '0100abc'"):
        ses_backend.events_of("0100abc")
    with pytest.raises(TypeError, match=r"deliver\(\) takes a message from sent_messages, not None"):
        ses_backend.deliver(None)
    with pytest.raises(TypeError, match=r"open\(\) takes a message from sent_messages"):
        ses_backend.open("x")
