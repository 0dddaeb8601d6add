"""What happens to a message after SES accepts it: deliveries, bounces, complaints, opens...

No real recipient can open or bounce a message in a test, so the handle lets a test say
what happened (``fake.bounce(message)``...), and the mailbox simulator addresses make it
happen on their own at send (F24). Each outcome is an event with the object SES
publishes for it (``details``), logged and routed like every other event. The objects
follow SES's documented examples (event-publishing-retrieving-sns-examples.html and
event-publishing-retrieving-sns-contents.html) and the recorded ones of F22-F25.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

from . import event_json as objects
from . import events

if TYPE_CHECKING:
    from .events import Event
    from .messages import SentMessage
    from .state import Backend


def _recipients(message: SentMessage, recipients: Optional[Sequence[str]]) -> list[str]:
    if recipients is None:
        return list(message.destinations)
    unknown = [r for r in recipients if r not in message.destinations]
    if unknown:
        raise ValueError(f"{', '.join(unknown)} is not a recipient of {message.message_id} "
                         f"(its recipients: {', '.join(message.destinations)})")
    return list(recipients)


def _mark(message: SentMessage, failure: str) -> None:
    object.__setattr__(message, "delivered", False)
    object.__setattr__(message, "failure", failure)


def _bounced(backend: Backend, message: SentMessage, details: dict[str, Any]) -> Event:
    """Publish a Bounce; a permanent bounce of every recipient means the message was not delivered."""
    bounced = {r["emailAddress"] for r in details["bouncedRecipients"]}
    if details["bounceType"] == "Permanent" and bounced >= set(message.destinations):
        _mark(message, f"Bounce: {details['bounceType']}/{details['bounceSubType']}")
    backend.account.count_outcome(bounces=len(bounced))
    return backend.publish(events.BOUNCE, message, details)


# -- one function per outcome; the objects are built by fakeses/domain/event_json.py -------------

def deliver(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None) -> Event:
    """SES delivered ``message`` to the recipients' mail servers: a Delivery event."""
    details = objects.delivery_details(_recipients(message, recipients), sent_at=message.sent_at,
                                       region=backend.region)
    return backend.publish(events.DELIVERY, message, details)


def bounce(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
           bounce_type: str = "Permanent", subtype: str = "General", diagnostic: Optional[str] = None) -> Event:
    """A recipient's server refused ``message``: a Bounce event (F25 types and subtypes;
    anything else is a ValueError)."""
    details = objects.bounce_details(_recipients(message, recipients), bounce_type=bounce_type, sub_type=subtype,
                                     diagnostic=diagnostic, region=backend.region)
    return _bounced(backend, message, details)


def complain(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
             feedback_type: Optional[str] = "abuse") -> Event:
    """A recipient marked ``message`` as spam: a Complaint event."""
    details = objects.complaint_details(_recipients(message, recipients), feedback_type=feedback_type,
                                        region=backend.region)
    backend.account.count_outcome(complaints=len(details["complainedRecipients"]))
    return backend.publish(events.COMPLAINT, message, details)


def open_(backend: Backend, message: SentMessage) -> Event:
    """A recipient opened ``message``: an Open event."""
    return backend.publish(events.OPEN, message, objects.open_details())


def click(backend: Backend, message: SentMessage, link: str, *,
          link_tags: Optional[dict[str, list[str]]] = None) -> Event:
    """A recipient clicked ``link`` in ``message``: a Click event."""
    return backend.publish(events.CLICK, message, objects.click_details(link, link_tags=link_tags))


def delay(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
          delay_type: str = "TransientCommunicationFailure") -> Event:
    """Delivery is late and SES keeps trying: a DeliveryDelay event."""
    details = objects.delivery_delay_details(_recipients(message, recipients), sent_at=message.sent_at,
                                             delay_type=delay_type)
    return backend.publish(events.DELIVERY_DELAY, message, details)


def reject(backend: Backend, message: SentMessage, reason: str = "Bad content") -> Event:
    """SES found a virus and did not send ``message``: a Reject event (F25)."""
    _mark(message, f"Reject: {reason}")
    backend.account.count_outcome(rejects=1)
    return backend.publish(events.REJECT, message, objects.reject_details(reason))


def subscription(backend: Backend, message: SentMessage, contact_list: str, *,
                 new_topics: Optional[dict[str, str]] = None, old_topics: Optional[dict[str, str]] = None,
                 unsubscribe_all: bool = False) -> Event:
    """A recipient changed their subscription through the message's unsubscribe link."""
    details = objects.subscription_details(contact_list, new_topics=new_topics or {}, old_topics=old_topics or {},
                                           unsubscribe_all=unsubscribe_all)
    return backend.publish(events.SUBSCRIPTION, message, details)


# -- the mailbox simulator (F24) --------------------------------------------------------------

def simulate(backend: Backend, message: SentMessage, simulator: Sequence[str]) -> None:
    """The events SES's mailbox simulator produces for its ``simulator`` recipients.

    success@ is delivered; bounce@ bounces (Permanent/General, 5.1.1, "smtp; 550 5.1.1 As
    requested: user unknown <address>"); ooto@ is delivered and answers out of office (a
    Transient/General bounce naming only the address); complaint@ is delivered then
    complained about; suppressionlist@ bounces as if on the global suppression list
    (Permanent/General "... (suppressed address: <address>)", a Bounce, not a Reject:
    floci#4048; the 2026 recording, where a 2014 one said Suppressed). ``+label`` is
    ignored (F24).
    """
    for address in simulator:
        kind = address.split("@", 1)[0].split("+", 1)[0].lower()
        if kind == "success":
            deliver(backend, message, [address])
        elif kind in ("bounce", "suppressionlist"):
            _bounced(backend, message, objects.simulator_bounce_details(address, region=backend.region))
        elif kind == "ooto":
            deliver(backend, message, [address])
            _bounced(backend, message, objects.simulator_bounce_details(address, region=backend.region))
        elif kind == "complaint":
            deliver(backend, message, [address])
            complain(backend, message, [address])

