"""What SES decides at send, on the domain alone: the default Delivery, the outcomes option."""
from __future__ import annotations

import datetime as dt

from fakeses.domain import outcomes
from fakeses.domain.events import Event
from fakeses.domain.sending import Outgoing, send
from fakeses.domain.state import Options, World
from fakeses.mail.mime import SimpleContent


def backend(**options):
    b = World(Options(**options)).backend("123456789012", "us-east-1")
    b.identities.force_verify("example.com")
    return b


def simple(*to: str) -> Outgoing:
    return Outgoing(operation="SendEmail", service="ses", source="me@example.com", content=SimpleContent(text="x"),
                    to=list(to), subject="s")


def test_the_default_delivery_makes_its_object_only_when_read(monkeypatch):
    made = []
    real = outcomes.objects.delivered
    monkeypatch.setattr(outcomes.objects, "delivered", lambda *a, **k: made.append(1) or real(*a, **k))
    b = backend()
    send(b, simple("ann@example.org"))
    sent, delivery = b.world.events
    assert made == []
    assert delivery.details["recipients"] == ["ann@example.org"] and delivery.details is delivery.details
    assert made == [1]


def test_a_deferred_event_equals_the_same_event_made_at_once():
    b = backend()
    message = send(b, simple("ann@example.org"))
    delivery = b.world.events[1]
    same = Event(delivery.type, message, delivery.timestamp, dict(delivery.details))
    assert delivery == same and same == delivery
    assert delivery != Event(delivery.type, message, delivery.timestamp, {})


def test_rules_try_each_pattern_in_order_in_any_case_and_deliver_the_rest():
    outcome_of = outcomes.rules((("*@Bounces.example.org", "bounce"), ("ann@*", "hold"), ("*@*", "complain")))
    assert [outcome_of(a) for a in ("x@BOUNCES.example.org", "Ann@example.org", "bob@example.org", "nobody")] == [
        "bounce", "hold", "complain", "deliver"]
    assert outcomes.rules("hold")("anyone@example.org") == "hold"


def test_the_delivery_is_timed_by_the_send_not_by_when_it_is_read():
    b = backend()
    message = send(b, simple("ann@example.org"))
    delivery = b.world.events[1]
    assert delivery.timestamp - message.sent_at == dt.timedelta(milliseconds=outcomes.PROCESSING_MILLIS)
