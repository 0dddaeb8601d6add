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
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Optional, Union

from ._records import quick_init

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


#: The EventBridge detail-type of each event type (EventBridge events reference,
#: https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-ses.html; source "aws.ses").
EVENTBRIDGE_DETAIL_TYPES = {
    SEND: "Email Sent", REJECT: "Email Rejected", BOUNCE: "Email Bounced", COMPLAINT: "Email Complaint Received",
    DELIVERY: "Email Delivered", OPEN: "Email Opened", CLICK: "Email Clicked",
    RENDERING_FAILURE: "Email Rendering Failed", DELIVERY_DELAY: "Email Delivery Delayed",
    SUBSCRIPTION: "Email Subscribed",
}


@dataclasses.dataclass(frozen=True, slots=True)
class Route:
    """One place an event went, and the document SES publishes there.

    ``kind`` is "sns", "firehose", "eventbridge", "cloudwatch" or "pinpoint" for a
    configuration set's event destination (``via`` = "<set>/<destination>"), or
    "notification" for an identity's notification topic (``via`` = the identity).
    ``target`` is the ARN written to (the CloudWatch namespace for "cloudwatch").
    ``document`` is built on first access (it reads the message's MIME).
    """

    kind: str
    target: str
    via: str
    build: Callable[[], dict[str, Any]] = dataclasses.field(repr=False, compare=False)
    _cache: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False, compare=False)

    @property
    def document(self) -> dict[str, Any]:
        """The JSON document (as a dict) SES publishes to ``target``."""
        document = self._cache.get("document")
        if document is None:
            document = self._cache["document"] = self.build()
        return document


@quick_init  # made at a plain class's cost: every send logs two or more (_records.py)
@dataclasses.dataclass(frozen=True, slots=True)
class Event:
    """One thing SES reported about a message.

    ``details`` is the event type's own object as SES publishes it (for a Rendering
    Failure ``{"templateName": ..., "errorMessage": ...}``); ``routes`` are the places it
    was routed to (configuration-set event destinations, identity notification topics),
    each with the JSON document SES publishes there; empty when nothing applied.
    """

    type: str
    message: SentMessage
    timestamp: _dt.datetime
    details: dict[str, Any] = dataclasses.field(default_factory=dict)
    routes: tuple[Route, ...] = ()

    @property
    def message_id(self) -> str:
        return self.message.message_id

    def __repr__(self) -> str:
        message, subject = self.message, self.message.subject
        if subject is not None and len(subject) > 40:
            subject = subject[:37] + "..."
        return (f"<Event {self.type} of {subject!r} to {', '.join(message.destinations[:3])}"
                f"{' ...' if len(message.destinations) > 3 else ''} ({message.message_id[:21]}...)>")


class _Deferred(Event):
    """An Event whose ``details`` are built when first read.

    SES's own Delivery is made for every message sent; most tests never read it, so its
    object costs nothing until something does (the log is still in order, and equal
    events read alike).
    """

    __slots__ = ("_build",)
    _build: Callable[[], dict[str, Any]]

    def __init__(self, type: str, message: SentMessage, timestamp: _dt.datetime,
                 build: Callable[[], dict[str, Any]], routes: tuple[Route, ...] = ()) -> None:
        object.__setattr__(self, "type", type)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "timestamp", timestamp)
        object.__setattr__(self, "routes", routes)
        object.__setattr__(self, "_build", build)

    @property
    def details(self) -> dict[str, Any]:
        try:
            found: dict[str, Any] = _DETAILS.__get__(self, Event)
            return found
        except AttributeError:
            details = self._build()
            _DETAILS.__set__(self, details)
            return details

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return (self.type, self.message, self.timestamp, self.details, self.routes) == (
            other.type, other.message, other.timestamp, other.details, other.routes)

    __hash__ = None  # type: ignore[assignment]


_DETAILS = Event.__dict__["details"]  # the slot behind Event.details


def made(type: str, message: SentMessage, timestamp: _dt.datetime,
         details: Union[dict[str, Any], Callable[[], dict[str, Any]], None] = None) -> Event:
    """An :class:`Event` of no routes; ``details`` may be a function that makes them when first read."""
    if callable(details):
        return _Deferred(type, message, timestamp, details)
    return Event(type, message, timestamp, details or {})


def routed(event: Event, routes: tuple[Route, ...]) -> Event:
    """``event`` with ``routes``; details not made yet stay so."""
    if isinstance(event, _Deferred):
        return _Deferred(event.type, event.message, event.timestamp, event._build, routes)
    return Event(event.type, event.message, event.timestamp, event.details, routes)


@dataclasses.dataclass(frozen=True, slots=True)
class Publication:
    """One thing SES published to another service, exactly as it went there.

    SES publishes routed events (to a configuration set's destinations and to identity
    notification topics) and, unasked, the notices it sends when a topic is first set up
    (the validation message of an SNS event destination, an identity topic's
    ``AmazonSnsSubscriptionSucceeded``). Each is one record, in the order published, with
    or without moto.

    ``service`` is the AWS service written to, by its boto3 name: "sns", "events"
    (EventBridge), "firehose", "cloudwatch" or "pinpoint". ``target`` is the ARN written
    to (for "cloudwatch", the namespace ``AWS/SES``). ``subject`` is the SNS Subject, None
    when SES sends none. ``via`` says what made SES publish: "<set>/<destination>" for a
    configuration set's destination, the identity for its notification topic. ``event``
    is the :class:`Event` published, None for a notice that is about no message.
    ``message`` is the text as published: the SNS Message, the EventBridge Detail, the
    Firehose record, the CloudWatch metric datum as JSON; built when first read.
    """

    service: str
    target: str
    subject: Optional[str]
    via: str
    event: Optional[Event]
    build: Callable[[], str] = dataclasses.field(repr=False, compare=False)
    _cache: dict[str, str] = dataclasses.field(default_factory=dict, repr=False, compare=False)

    @property
    def message(self) -> str:
        """The text SES published: for an event, its JSON document as that service gets it."""
        text = self._cache.get("message")
        if text is None:
            text = self._cache["message"] = self.build()
        return text

    def __repr__(self) -> str:
        what = f"{self.event.type} event" if self.event is not None else repr(self.message[:60])
        return f"<Publication {self.service} {self.target} {what}>"
