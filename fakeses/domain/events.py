"""The event log: what SES reports about each message, in the order it happened.

Event types are named as SES's event publishing names them (``eventType`` in the
published JSON; https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html):
Send, Reject, Bounce, Complaint, Delivery, Open, Click, Rendering Failure,
DeliveryDelay, Subscription. Every event is recorded on the handle's log whether or
not a configuration set routes it anywhere; ``destinations`` names where it was routed.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .messages import SentMessage

SEND = "Send"
REJECT = "Reject"
BOUNCE = "Bounce"
COMPLAINT = "Complaint"
DELIVERY = "Delivery"
OPEN = "Open"
CLICK = "Click"
RENDERING_FAILURE = "Rendering Failure"
DELIVERY_DELAY = "DeliveryDelay"
SUBSCRIPTION = "Subscription"

EVENT_TYPES = (SEND, REJECT, BOUNCE, COMPLAINT, DELIVERY, OPEN, CLICK, RENDERING_FAILURE, DELIVERY_DELAY, SUBSCRIPTION)

#: The key of each event type's own object in the published JSON (same page as above).
DETAIL_KEYS = {
    SEND: "send", REJECT: "reject", BOUNCE: "bounce", COMPLAINT: "complaint", DELIVERY: "delivery",
    OPEN: "open", CLICK: "click", RENDERING_FAILURE: "failure", DELIVERY_DELAY: "deliveryDelay",
    SUBSCRIPTION: "subscription",
}


@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """One thing SES reported about a message.

    ``details`` is the event type's own object as SES publishes it (for a Rendering
    Failure ``{"templateName": ..., "errorMessage": ...}``); ``destinations`` are the
    places it was routed to (configuration-set event destinations, identity
    notification topics), empty when nothing applied.
    """

    type: str
    message: SentMessage
    timestamp: _dt.datetime
    details: dict[str, Any] = dataclasses.field(default_factory=dict)
    destinations: tuple[str, ...] = ()

    @property
    def message_id(self) -> str:
        return self.message.message_id

    def __repr__(self) -> str:
        return f"<Event {self.type} {self.message.message_id}>"
