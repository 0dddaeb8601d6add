"""What happens to a message after SES accepts it: deliveries, bounces, complaints, opens...

No real recipient can open or bounce a message in a test, so the handle lets a test say
what happened (``fake.bounce(message)``...), and the mailbox simulator addresses make it
happen on their own at send (F24). Each outcome is an event with the object SES
publishes for it (``details``), logged and routed like every other event. The objects
follow SES's documented examples (event-publishing-retrieving-sns-examples.html and
event-publishing-retrieving-sns-contents.html) and the recorded ones of F22-F25.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

from . import events, ids

if TYPE_CHECKING:
    from .events import Event
    from .messages import SentMessage
    from .state import Backend

# Bounce types and their subtypes (F25: bounce object docs, quoted in courtlistener#1901).
BOUNCE_TYPES = {
    "Undetermined": ("Undetermined",),
    "Permanent": ("General", "NoEmail", "Suppressed", "OnAccountSuppressionList"),
    "Transient": ("General", "MailboxFull", "MessageTooLarge", "ContentRejected", "AttachmentRejected"),
}
# Complaint feedback types (RFC 5965 as SES reports them: complaint object docs).
FEEDBACK_TYPES = ("abuse", "auth-failure", "fraud", "not-spam", "other", "virus")
# DeliveryDelay delayType values (delivery delay object docs).
DELAY_TYPES = ("InternalFailure", "General", "MailboxFull", "SpamDetected", "RecipientServerError",
               "IPFailure", "TransientCommunicationFailure", "BYOIPHostNameLookupUnavailable", "Undetermined",
               "SendingDeferral")

REPORTING_MTA = "a8-77.smtp-out.amazonses.com"  # as recorded on a Delivery (F22)
USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
IP_ADDRESS = "192.0.2.1"  # documentation address (RFC 5737), as in SES's examples


def timestamp(at: _dt.datetime) -> str:
    """SES's event time: ISO 8601 in UTC with milliseconds, "2016-10-19T23:21:04.133Z"."""
    at = at.astimezone(_dt.timezone.utc)
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def _recipients(message: SentMessage, recipients: Optional[Sequence[str]]) -> list[str]:
    if recipients is None:
        return list(message.destinations)
    unknown = [r for r in recipients if r not in message.destinations]
    if unknown:
        raise ValueError(f"{', '.join(unknown)} is not a recipient of {message.message_id} "
                         f"(its recipients: {', '.join(message.destinations)})")
    return list(recipients)


def _feedback_id(backend: Backend, at: _dt.datetime) -> str:
    # Feedback ids use the message-id scheme (F4: "01070193cf31534a-...-000000").
    return ids.message_id(backend.region, int(at.timestamp() * 1000))


def _mark(message: SentMessage, failure: str) -> None:
    object.__setattr__(message, "delivered", False)
    object.__setattr__(message, "failure", failure)


# -- one function per outcome ---------------------------------------------------------------

def deliver(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None) -> Event:
    """SES delivered ``message`` to the recipients' mail servers: a Delivery event."""
    at = _now()
    details = {
        "timestamp": timestamp(at),
        "processingTimeMillis": max(1, int((at - message.sent_at).total_seconds() * 1000)),
        "recipients": _recipients(message, recipients),
        "smtpResponse": "250 2.0.0 OK",
        "reportingMTA": REPORTING_MTA,
    }
    return backend.publish(events.DELIVERY, message, details, at=at)


def bounce(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
           bounce_type: str = "Permanent", subtype: str = "General", status: Optional[str] = None,
           diagnostic: Optional[str] = None, action: str = "failed", bare: bool = False) -> Event:
    """A recipient's server refused ``message``: a Bounce event (F25 types and subtypes).

    ``bare``: the bounced recipients carry only their address, as for the simulator's
    out-of-office answer (F24).
    """
    if subtype not in BOUNCE_TYPES.get(bounce_type, ()):
        raise ValueError(f"bounce type {bounce_type!r} with subtype {subtype!r} is not one SES reports; "
                         f"the types and subtypes are {BOUNCE_TYPES}")
    at = _now()
    bounced = _recipients(message, recipients)
    status = status or ("5.1.1" if bounce_type == "Permanent" else "4.0.0")
    diagnostic = diagnostic or ("smtp; 550 5.1.1 user unknown" if bounce_type == "Permanent"
                                else "smtp; 450 4.0.0 temporary failure")
    listed: list[dict[str, Any]] = [
        {"emailAddress": r} if bare else
        {"emailAddress": r, "action": action, "status": status, "diagnosticCode": diagnostic}
        for r in bounced
    ]
    details = {
        "bounceType": bounce_type, "bounceSubType": subtype, "bouncedRecipients": listed,
        "timestamp": timestamp(at), "feedbackId": _feedback_id(backend, at),
        "reportingMTA": f"dsn; {REPORTING_MTA}",
    }
    if bounce_type == "Permanent" and set(bounced) >= set(message.destinations):
        _mark(message, f"Bounce: {bounce_type}/{subtype}")
    backend.account.count_outcome(bounces=len(bounced))
    return backend.publish(events.BOUNCE, message, details, at=at)


def complain(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
             feedback_type: Optional[str] = "abuse", subtype: Optional[str] = None) -> Event:
    """A recipient marked ``message`` as spam: a Complaint event."""
    if feedback_type is not None and feedback_type not in FEEDBACK_TYPES:
        raise ValueError(f"complaint feedback type {feedback_type!r} is not one of {FEEDBACK_TYPES}")
    at = _now()
    details: dict[str, Any] = {
        "complainedRecipients": [{"emailAddress": r} for r in _recipients(message, recipients)],
        "timestamp": timestamp(at), "feedbackId": _feedback_id(backend, at),
        "userAgent": "Amazon SES Mailbox Simulator", "arrivalDate": timestamp(at),
    }
    if feedback_type is not None:
        details["complaintFeedbackType"] = feedback_type
    if subtype is not None:
        details["complaintSubType"] = subtype  # "OnAccountSuppressionList" (F25)
    backend.account.count_outcome(complaints=len(details["complainedRecipients"]))
    return backend.publish(events.COMPLAINT, message, details, at=at)


def open_(backend: Backend, message: SentMessage, *, ip_address: str = IP_ADDRESS,
          user_agent: str = USER_AGENT) -> Event:
    """A recipient opened ``message``: an Open event."""
    at = _now()
    details = {"ipAddress": ip_address, "timestamp": timestamp(at), "userAgent": user_agent}
    return backend.publish(events.OPEN, message, details, at=at)


def click(backend: Backend, message: SentMessage, link: str, *, link_tags: Optional[dict[str, list[str]]] = None,
          ip_address: str = IP_ADDRESS, user_agent: str = USER_AGENT) -> Event:
    """A recipient clicked ``link`` in ``message``: a Click event."""
    at = _now()
    details = {"ipAddress": ip_address, "link": link, "linkTags": dict(link_tags or {}),
               "timestamp": timestamp(at), "userAgent": user_agent}
    return backend.publish(events.CLICK, message, details, at=at)


def delay(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
          delay_type: str = "TransientCommunicationFailure") -> Event:
    """Delivery is late and SES keeps trying: a DeliveryDelay event."""
    if delay_type not in DELAY_TYPES:
        raise ValueError(f"delay type {delay_type!r} is not one of {DELAY_TYPES}")
    at = _now()
    details = {
        "delayType": delay_type,
        "expirationTime": timestamp(message.sent_at + _dt.timedelta(hours=14)),
        "delayedRecipients": [
            {"emailAddress": r, "status": "4.4.1", "diagnosticCode": "smtp; 421 4.4.1 Unable to connect to remote host"}
            for r in _recipients(message, recipients)
        ],
        "timestamp": timestamp(at),
        "reportingMTA": f"dsn; {REPORTING_MTA}",
    }
    return backend.publish(events.DELIVERY_DELAY, message, details, at=at)


def reject(backend: Backend, message: SentMessage, reason: str = "Bad content") -> Event:
    """SES found a virus and did not send ``message``: a Reject event (F25)."""
    _mark(message, f"Reject: {reason}")
    backend.account.count_outcome(rejects=1)
    return backend.publish(events.REJECT, message, {"reason": reason})


def subscription(backend: Backend, message: SentMessage, contact_list: str, *,
                 new_topics: Optional[dict[str, str]] = None, old_topics: Optional[dict[str, str]] = None,
                 unsubscribe_all: bool = False) -> Event:
    """A recipient changed their subscription through the message's unsubscribe link: a
    Subscription event (subscription object docs: contactList, timestamp, source,
    newTopicPreferences, oldTopicPreferences; topic statuses OPT_IN / OPT_OUT)."""
    at = _now()

    def preferences(topics: Optional[dict[str, str]], unsubscribed: bool) -> dict[str, Any]:
        return {"unsubscribeAll": unsubscribed,
                "topicSubscriptionStatus": [{"topicName": name, "subscriptionStatus": status}
                                            for name, status in (topics or {}).items()]}

    details = {
        "contactList": contact_list, "timestamp": timestamp(at), "source": message.source,
        "newTopicPreferences": preferences(new_topics, unsubscribe_all),
        "oldTopicPreferences": preferences(old_topics, False),
    }
    return backend.publish(events.SUBSCRIPTION, message, details, at=at)


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
    from .event_json import simulator_bounce_details

    for address in simulator:
        kind = address.split("@", 1)[0].split("+", 1)[0].lower()
        if kind == "success":
            deliver(backend, message, [address])
        elif kind in ("bounce", "suppressionlist"):
            _simulated_bounce(backend, message, address, simulator_bounce_details(address, region=backend.region))
        elif kind == "ooto":
            deliver(backend, message, [address])
            _simulated_bounce(backend, message, address, simulator_bounce_details(address, region=backend.region))
        elif kind == "complaint":
            deliver(backend, message, [address])
            complain(backend, message, [address])


def _simulated_bounce(backend: Backend, message: SentMessage, address: str, details: dict[str, Any]) -> Event:
    # The simulator's own bounce objects, recorded 2026-03-26 (fakeses/domain/event_json.py).
    if details["bounceType"] == "Permanent" and set(message.destinations) == {address}:
        _mark(message, f"Bounce: {details['bounceType']}/{details['bounceSubType']}")
    backend.account.count_outcome(bounces=1)
    return backend.publish(events.BOUNCE, message, details)
