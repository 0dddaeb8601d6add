"""What happens after SES accepts a message: the mailbox simulator and the handle's outcomes.

The simulator addresses produce their events on their own (F24); any other message gets
the events a test asks for (``fake.bounce(message)``, ...). Each event's ``details`` is
the object SES publishes for its type (event-publishing-retrieving-sns-examples.html).
"""
from __future__ import annotations

import datetime as dt
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


# -- what can follow what ---------------------------------------------------------------------------

HOLD = ('fakeses delivers ordinary recipients at send, as SES does; to give their outcomes in the test, '
        'hold them: fakeses(outcomes="hold") or @pytest.mark.fakeses(outcomes="hold")')


def test_a_second_delivery_of_a_recipient_is_refused_with_how_to_hold_it(v2, fake):
    """SES hands a message to a recipient's server once (see fakeses/domain/outcomes.py)."""
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    with pytest.raises(ValueError) as refused:
        fake.deliver(message)
    assert str(refused.value) == (f"deliver(): ann@example.org already has a Delivery of {message.message_id}: "
                                  f"SES delivers a recipient once. {HOLD}")
    assert types(fake) == ["Send", "Delivery"]


def test_what_ses_publishes_after_a_delivery_can_still_be_given(v2, fake):
    """Delivery then a bounce (ooto@, recorded 2026; notification-contents.html: a server may
    accept then bounce), a complaint (complaint@), opens and clicks."""
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    fake.bounce(message, bounce_type="Transient", subtype="General")
    fake.complain(message)
    fake.open(message)
    fake.click(message, "https://example.com")
    fake.bounce(message)  # permanent, after the delivery: still possible
    assert types(fake) == ["Send", "Delivery", "Bounce", "Complaint", "Open", "Click", "Bounce"]


@pytest.mark.fakeses(outcomes="hold")
@pytest.mark.parametrize(("before", "outcome", "text"), [
    (["bounce"], lambda f, m: f.deliver(m),
     "deliver(): ann@example.org bounced permanently from {id}: SES does not try it again"),
    (["bounce"], lambda f, m: f.bounce(m),
     "bounce(): ann@example.org bounced permanently from {id}: SES does not try it again"),
    (["bounce"], lambda f, m: f.delay(m),
     "delay(): ann@example.org bounced permanently from {id}: SES does not try it again"),
    (["deliver"], lambda f, m: f.delay(m),
     "delay(): ann@example.org already has a Delivery of {id}: SES delivers a recipient once and reports no "
     "delay after it. " + HOLD),
    ([], lambda f, m: f.complain(m),
     "complain(): ann@example.org has no Delivery of {id}: a complaint comes from a recipient who received "
     "the message; deliver() it first"),
    ([], lambda f, m: f.open(m), "open(): {id} has no Delivery: only a recipient who received it can open it; "
                                 "deliver() it first"),
    (["delay"], lambda f, m: f.click(m, "https://example.com"),
     "click(): {id} has no Delivery: only a recipient who received it can click a link in it; "
     "deliver() it first"),
    ([], lambda f, m: f.subscription(m, "news"),
     "subscription(): {id} has no Delivery: only a recipient who received it can change a subscription "
     "through it; deliver() it first"),
    (["delay"], lambda f, m: f.reject(m),
     "reject(): {id} already has DeliveryDelay after its Send; SES rejects a message (a virus) before it "
     "tries to deliver it. " + HOLD),
    (["reject"], lambda f, m: f.deliver(m),
     "deliver(): {id} was rejected: SES found a virus and did not send it; SES reports nothing more about it"),
    (["reject"], lambda f, m: f.open(m),
     "open(): {id} was rejected: SES found a virus and did not send it; SES reports nothing more about it"),
])
def test_an_outcome_ses_could_not_publish_next_is_refused_with_why(v2, fake, before, outcome, text):
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    for name in before:
        getattr(fake, name)(message)
    with pytest.raises(ValueError) as refused:
        outcome(fake, message)
    assert str(refused.value) == text.format(id=message.message_id)
    assert len(fake.events) == 1 + len(before)


@pytest.mark.fakeses(outcomes="hold")
def test_held_recipients_can_be_delayed_then_delivered_or_bounced(v2, fake):
    send(v2, "ann@example.org", "bob@example.org")
    [message] = fake.sent_messages
    fake.delay(message)
    fake.delay(message, ["bob@example.org"])
    fake.deliver(message, ["ann@example.org"])
    fake.bounce(message, ["bob@example.org"])
    assert types(fake) == ["Send", "DeliveryDelay", "DeliveryDelay", "Delivery", "Bounce"]


def test_nothing_follows_a_rendering_failure(v2, fake):
    """"The email wasn't sent because of a template rendering issue" (contents page)."""
    v2.create_email_template(TemplateName="t", TemplateContent={"Subject": "Hi {{name}}", "Text": "x"})
    v2.send_email(FromEmailAddress="hello@example.com", Destination={"ToAddresses": ["ann@example.org"]},
                  Content={"Template": {"TemplateName": "t", "TemplateData": "{}"}})
    [message] = fake.sent_messages
    with pytest.raises(ValueError, match="was not sent: its template could not be rendered; SES reports nothing"):
        fake.deliver(message)


@pytest.mark.fakeses(outcomes="hold")
def test_a_held_recipient_delivered_by_the_test_gets_an_ordinary_servers_answer(v2, fake):
    send(v2, "ann@example.org")
    [message] = fake.sent_messages
    delivery = fake.deliver(message)
    assert delivery.details["smtpResponse"].startswith("250 2.0.0 OK  ")
    assert delivery.details["processingTimeMillis"] == (delivery.timestamp - message.sent_at) // dt.timedelta(
        milliseconds=1)


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
