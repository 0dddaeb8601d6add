"""What happens after SES accepts a message: the mailbox simulator and the handle's outcomes.

The simulator addresses produce their events on their own (F24); any other message gets
the events a test asks for (``fake.bounce(message)``, ...). Each event's ``details`` is
the object SES publishes for its type (event-publishing-retrieving-sns-examples.html).
"""
from __future__ import annotations

import re

import pytest

SIMULATOR = "@simulator.amazonses.com"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
FEEDBACK_ID = re.compile(r"^0100[0-9a-f]{12}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-000000$")


@pytest.fixture
def fake(ses_backend):
    ses_backend.verify_identity("example.com")
    return ses_backend


def send(v2, *to: str):
    v2.send_email(FromEmailAddress="hello@example.com", Destination={"ToAddresses": list(to)},
                  Content={"Simple": {"Subject": {"Data": "Hi"}, "Body": {"Text": {"Data": "Hello"}}}})


def types(fake, message=None):
    return [e.type for e in (fake.events_of(message) if message else fake.events)]


# -- the mailbox simulator ---------------------------------------------------------------------

def test_success_is_delivered(v2, fake):
    send(v2, "success" + SIMULATOR)
    [message] = fake.sent_messages
    assert types(fake) == ["Send", "Delivery"]
    delivery = fake.events[-1].details
    assert delivery["recipients"] == ["success" + SIMULATOR]
    assert TIMESTAMP.match(delivery["timestamp"])
    assert delivery["smtpResponse"].startswith("250 ")
    assert message.delivered


def test_bounce_is_a_permanent_general_bounce(v2, fake):
    """bounce@ -> Permanent/General, status 5.1.1, action failed (F24), with the diagnostic
    recorded from the simulator in 2025-2026 (tests/unit/domain/event_examples/)."""
    send(v2, "bounce" + SIMULATOR)
    [message] = fake.sent_messages
    assert types(fake) == ["Send", "Bounce"]
    bounce = fake.events[-1].details
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "General")
    [recipient] = bounce["bouncedRecipients"]
    assert (recipient["emailAddress"], recipient["action"], recipient["status"]) == ("bounce" + SIMULATOR, "failed", "5.1.1")
    assert recipient["diagnosticCode"] == f"smtp; 550 5.1.1 As requested: user unknown <bounce{SIMULATOR}>"
    assert FEEDBACK_ID.match(bounce["feedbackId"])
    assert not message.delivered and message.failure == "Bounce: Permanent/General"


def test_ooto_is_delivered_then_a_transient_bounce_naming_only_the_address(v2, fake):
    send(v2, "ooto" + SIMULATOR)
    assert types(fake) == ["Send", "Delivery", "Bounce"]
    bounce = fake.events[-1].details
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Transient", "General")
    assert bounce["bouncedRecipients"] == [{"emailAddress": "ooto" + SIMULATOR}]
    assert fake.sent_messages[0].delivered


def test_complaint_is_delivered_then_complained_about(v2, fake):
    send(v2, "complaint" + SIMULATOR)
    assert types(fake) == ["Send", "Delivery", "Complaint"]
    complaint = fake.events[-1].details
    assert complaint["complainedRecipients"] == [{"emailAddress": "complaint" + SIMULATOR}]
    assert complaint["complaintFeedbackType"] == "abuse"


def test_suppressionlist_bounces_as_a_suppressed_address(v2, fake):
    """A Bounce, not a Reject (floci#4048; F24); Permanent/General naming the suppressed
    address (simulator recording of 2026-03-26)."""
    send(v2, "suppressionlist" + SIMULATOR)
    assert types(fake) == ["Send", "Bounce"]
    bounce = fake.events[-1].details
    assert bounce["bounceSubType"] == "General"
    assert "suppressed address" in bounce["bouncedRecipients"][0]["diagnosticCode"]


def test_a_label_is_ignored_and_other_simulator_names_do_nothing(v2, fake):
    send(v2, "bounce+signup-42" + SIMULATOR, "nobody" + SIMULATOR)
    assert types(fake) == ["Send", "Bounce"]
    assert fake.events[-1].details["bouncedRecipients"][0]["emailAddress"] == "bounce+signup-42" + SIMULATOR


def test_each_simulator_recipient_gets_its_own_events(v2, fake):
    send(v2, "success" + SIMULATOR, "bounce" + SIMULATOR, "ann@example.org")
    assert types(fake) == ["Send", "Delivery", "Bounce", "Delivery"]  # the last: SES delivers ann
    assert [e.details.get("recipients") for e in fake.events[1:]] == [
        ["success" + SIMULATOR], None, ["ann@example.org"]]
    [message] = fake.sent_messages
    assert message.delivered  # not every recipient bounced


def test_bounces_and_complaints_count_in_the_send_statistics(v1, v2, fake):
    send(v2, "bounce" + SIMULATOR)
    send(v2, "complaint" + SIMULATOR)
    points = v1.get_send_statistics()["SendDataPoints"]
    assert sum(p["Bounces"] for p in points) == 1
    assert sum(p["Complaints"] for p in points) == 1


# -- outcomes decided up front: the outcomes option ----------------------------------------------

@pytest.mark.fakeses(outcomes="hold")
def test_held_recipients_get_nothing_until_the_test_says(v2, fake):
    send(v2, "ann@example.org", "success" + SIMULATOR)
    assert types(fake) == ["Send", "Delivery"]  # the simulator's own, not ann's
    assert fake.events[-1].details["recipients"] == ["success" + SIMULATOR]


@pytest.mark.fakeses(outcomes="bounce")
def test_bounce_bounces_every_ordinary_recipient_permanently(v2, fake):
    send(v2, "ann@example.org", "bob@example.org")
    [message] = fake.sent_messages
    assert types(fake) == ["Send", "Bounce"]
    bounce = fake.events[-1].details
    assert (bounce["bounceType"], bounce["bounceSubType"]) == ("Permanent", "General")
    assert [r["emailAddress"] for r in bounce["bouncedRecipients"]] == ["ann@example.org", "bob@example.org"]
    assert not message.delivered and message.failure == "Bounce: Permanent/General"


@pytest.mark.fakeses(outcomes="complain")
def test_complain_delivers_then_complains_as_the_simulator_does(v2, fake):
    send(v2, "ann@example.org")
    assert types(fake) == ["Send", "Delivery", "Complaint"]
    assert fake.events[-1].details["complainedRecipients"] == [{"emailAddress": "ann@example.org"}]


@pytest.mark.fakeses(outcomes="delay")
def test_delay_reports_a_delivery_delay_and_holds_the_recipient(v2, fake):
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    assert types(fake) == ["Send", "DeliveryDelay"]
    fake.deliver(message)
    assert types(fake) == ["Send", "DeliveryDelay", "Delivery"]


@pytest.mark.fakeses(outcomes={"*@Bounces.example.org": "bounce", "slow-?@*": "delay", "*@example.net": "hold",
                               "*": "deliver", "never@example.org": "bounce"})
def test_the_first_pattern_matching_an_address_decides_in_any_case(v2, fake):
    for to in ("gone@bounces.EXAMPLE.org", "slow-1@example.org", "quiet@example.net", "never@example.org"):
        send(v2, to)
    assert [[e.type for e in fake.events_of(m)] for m in fake.sent_messages] == [
        ["Send", "Bounce"], ["Send", "DeliveryDelay"], ["Send"], ["Send", "Delivery"]]


@pytest.mark.fakeses(outcomes={"*@bounces.example.org": "bounce"})
def test_recipients_no_pattern_matches_are_delivered_and_each_outcome_is_its_own_event(v2, fake):
    send(v2, "gone@bounces.example.org", "ann@example.org")
    assert [(e.type, e.details.get("recipients")) for e in fake.events] == [
        ("Send", None), ("Bounce", None), ("Delivery", ["ann@example.org"])]


# -- outcomes a test asks for --------------------------------------------------------------------

@pytest.mark.fakeses(outcomes="hold")
def test_a_test_can_bounce_any_message(v2, fake):
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    event = fake.bounce(message, bounce_type="Transient", subtype="MailboxFull")
    assert event is fake.events[-1] and event.message is message
    assert (event.details["bounceType"], event.details["bounceSubType"]) == ("Transient", "MailboxFull")
    assert message.delivered  # a soft bounce leaves it to SES's retries


def test_an_unknown_bounce_type_is_refused_plainly(v2, fake):
    send(v2, "ann@example.org")
    with pytest.raises(ValueError, match="not one SES reports"):
        fake.bounce(fake.sent_messages[0], bounce_type="Permanent", subtype="MailboxFull")


@pytest.mark.fakeses(outcomes="hold")
def test_a_test_can_deliver_open_click_delay_and_complain_about_a_held_message(v2, fake):
    send(v2, "ann@example.org", "bob@example.org")
    [message] = fake.sent_messages
    fake.delay(message, ["bob@example.org"])
    fake.deliver(message)
    fake.open(message)
    fake.click(message, "https://example.com/welcome", link_tags={"campaign": ["spring"]})
    fake.complain(message, ["ann@example.org"])
    assert types(fake, message) == ["Send", "DeliveryDelay", "Delivery", "Open", "Click", "Complaint"]
    delayed, delivery, opened, clicked, complaint = fake.events[1:]
    assert delivery.details["recipients"] == ["ann@example.org", "bob@example.org"]
    assert delayed.details["delayedRecipients"][0]["emailAddress"] == "bob@example.org"
    assert set(opened.details) == {"ipAddress", "timestamp", "userAgent"}
    assert clicked.details["link"] == "https://example.com/welcome"
    assert clicked.details["linkTags"] == {"campaign": ["spring"]}
    assert complaint.details["complainedRecipients"] == [{"emailAddress": "ann@example.org"}]


@pytest.mark.fakeses(outcomes="hold")
def test_a_test_can_reject_a_held_message(v2, fake):
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    fake.reject(message)
    assert types(fake, message) == ["Send", "Reject"]
    assert fake.events[-1].details == {"reason": "Bad content"}
    assert not message.delivered and message.failure == "Reject: Bad content"


def test_only_a_recipient_of_the_message_can_be_named(v2, fake):
    send(v2, "ann@example.org")
    with pytest.raises(ValueError, match="is not a recipient"):
        fake.deliver(fake.sent_messages[0], ["eve@example.org"])


# The members of each event type's object as recorded from SES (Delivery, Bounce and
# Complaint: the simulator events of 2026-03-26 in tests/unit/domain/event_examples/, with
# remoteMtaIp and a null complaintSubType) or, where nothing was recorded, as in the
# guide's examples (https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-examples.html).
DOCUMENTED_MEMBERS = {
    "Delivery": {"timestamp", "processingTimeMillis", "recipients", "smtpResponse", "remoteMtaIp", "reportingMTA"},
    "Bounce": {"bounceType", "bounceSubType", "bouncedRecipients", "timestamp", "feedbackId", "remoteMtaIp",
               "reportingMTA"},
    "Complaint": {"complainedRecipients", "timestamp", "feedbackId", "userAgent", "complaintFeedbackType",
                  "arrivalDate", "complaintSubType"},
    "Open": {"ipAddress", "timestamp", "userAgent"},
    "Click": {"ipAddress", "timestamp", "userAgent", "link", "linkTags"},
    "DeliveryDelay": {"delayType", "expirationTime", "delayedRecipients", "timestamp"},
    "Reject": {"reason"},
}


@pytest.mark.fakeses(outcomes="hold")
def test_each_event_object_has_the_documented_members(v2, fake):
    send(v2, "ann@example.org")
    send(v2, "bob@example.org")
    message, rejected = fake.sent_messages
    fake.delay(message)
    fake.deliver(message)
    fake.complain(message)
    fake.open(message)
    fake.click(message, "https://example.com")
    fake.bounce(message)
    fake.reject(rejected)
    found = [e for e in fake.events if e.type != "Send"]
    assert {e.type for e in found} == set(DOCUMENTED_MEMBERS)
    for event in found:
        assert set(event.details) == DOCUMENTED_MEMBERS[event.type], event.type
        for key in ("timestamp", "arrivalDate", "expirationTime"):
            if key in event.details:
                assert TIMESTAMP.match(event.details[key]), (event.type, key)


def test_a_subscription_change_is_reported(v2, fake):
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    event = fake.subscription(message, "newsletter", new_topics={"sports": "OPT_OUT"},
                              old_topics={"sports": "OPT_IN"})
    assert event.type == "Subscription"
    assert set(event.details) == {"contactList", "timestamp", "source", "newTopicPreferences", "oldTopicPreferences"}
    assert event.details["newTopicPreferences"] == {
        "unsubscribeAll": False, "topicSubscriptionStatus": [{"topicName": "sports", "subscriptionStatus": "OPT_OUT"}]}
