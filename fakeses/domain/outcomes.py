"""What happens to a message after SES accepts it: deliveries, bounces, complaints, opens...

SES decides each recipient's fate on its own once it has accepted a message
(:func:`settle`): the mailbox simulator addresses get their own events (F24), and every
other recipient is delivered, unless the test said up front what should happen to it
instead (the ``outcomes`` option: hold it, bounce it, ...). No real recipient can open or
bounce a message in a test, so the handle lets a test say what happened next
(``fake.bounce(message)``...). Each outcome is an event with the object SES publishes for
it (``details``), logged and routed like every other event. The objects follow SES's
documented examples (event-publishing-retrieving-sns-examples.html and
event-publishing-retrieving-sns-contents.html) and the recorded ones of F22-F25.
"""
from __future__ import annotations

import datetime as _dt
import fnmatch
import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

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


def _bounced(backend: Backend, message: SentMessage, details: dict[str, Any],
             at: Optional[_dt.datetime] = None) -> Event:
    """Publish a Bounce; a permanent bounce of every recipient means the message was not delivered."""
    bounced = {r["emailAddress"] for r in details["bouncedRecipients"]}
    if details["bounceType"] == "Permanent" and bounced >= set(message.destinations):
        _mark(message, f"Bounce: {details['bounceType']}/{details['bounceSubType']}")
    backend.account.count_outcome(bounces=len(bounced))
    return backend.publish(events.BOUNCE, message, details, at=at)


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



# -- what SES does with every other recipient ------------------------------------------------

#: What the ``outcomes`` option can say happens to an ordinary recipient at send: SES
#: delivers it (SES's own behaviour, the default), the test holds it to decide later
#: through the handle, or it bounces (Permanent/General), is delivered then complained
#: about, or is delayed.
DELIVER, HOLD, BOUNCE, COMPLAIN, DELAY = "deliver", "hold", "bounce", "complain", "delay"
OUTCOMES = (DELIVER, HOLD, BOUNCE, COMPLAIN, DELAY)

#: The option as the domain holds it: one outcome for every ordinary recipient, or
#: (address pattern, outcome) pairs tried in order.
Given = Union[str, tuple[tuple[str, str], ...]]

#: processingTimeMillis of the deliveries SES makes on its own: the median of the ten
#: ordinary deliveries recorded with their value (497, 623, 640, 684, 776, 800, 957, 1043,
#: 1167, 1336 ms; LocalStack's AWS recordings 2022-11 to 2022-12, a 2023-04 and a 2025-02
#: delivery: docs/_research/unasked-events.md 2.1). Fixed, so a test reads the same
#: timestamps every run; delivery.timestamp is mail.timestamp plus this, to the
#: millisecond, as in every dated recording.
PROCESSING_MILLIS = 788
_PROCESSING = _dt.timedelta(milliseconds=PROCESSING_MILLIS)


@functools.lru_cache(maxsize=64)
def rules(given: Given) -> Callable[[str], str]:
    """The outcome of an ordinary recipient (a bare address) under the option ``given``.

    Patterns are shell-style globs (fnmatch: ``*``, ``?``, ``[...]``), matched against the
    whole address regardless of case; the first pattern that matches decides, and an
    address no pattern matches is delivered.
    """
    if isinstance(given, str):
        return lambda address: given
    compiled = [(re.compile(fnmatch.translate(pattern.lower())).match, outcome) for pattern, outcome in given]

    def outcome_of(address: str) -> str:
        lowered = address.lower()
        for match, outcome in compiled:
            if match(lowered):
                return outcome
        return DELIVER

    return outcome_of


def settle(backend: Backend, message: SentMessage, simulated: Sequence[str]) -> None:
    """What SES does with each recipient of ``message``, just accepted and its Send published.

    The one place a recipient's fate is decided at send, in SES's order:

    1. the mailbox simulator's addresses (``simulated``) get their own events (F24);
    2. (not modelled yet) a recipient on a suppression list, or opted out of the contact
       list the message names, gets SES's Bounce instead (docs/_research/unasked-events.md
       2.3, 2.4): that check belongs here, before the test's outcomes;
    3. every other recipient is delivered, as SES delivers it (LocalStack's AWS recordings
       of 2023-08-25: Send, then Delivery, for an ordinary recipient), unless the test's
       ``outcomes`` option says otherwise.

    A message whose template could not be rendered was never sent: it never gets here.
    """
    recipients: Sequence[str] = message.destinations
    if simulated:
        simulate(backend, message, simulated)
        simulator = set(simulated)
        recipients = [r for r in recipients if r not in simulator]
        if not recipients:
            return
    given = backend.world.options.outcomes
    at = message.sent_at + _PROCESSING
    if given == DELIVER:  # the common case: no matching
        if len(recipients) == 1:
            _deliver_at_send(backend, message, list(recipients), at)
            return
        for group in _by_server(recipients):
            _deliver_at_send(backend, message, group, at)
        return
    if given == HOLD:
        return
    outcome_of = rules(given)
    decided: dict[str, list[str]] = {}
    for recipient in recipients:
        decided.setdefault(outcome_of(recipient), []).append(recipient)
    for outcome, chosen in decided.items():
        for group in _by_server(chosen):
            if outcome in (DELIVER, COMPLAIN):
                _deliver_at_send(backend, message, group, at)
            if outcome == COMPLAIN:
                details = objects.complaint_details(group, region=backend.region, at=at)
                backend.account.count_outcome(complaints=len(group))
                backend.publish(events.COMPLAINT, message, details, at=at)
            elif outcome == BOUNCE:
                _bounced(backend, message, objects.bounce_details(group, region=backend.region, at=at), at=at)
            elif outcome == DELAY:
                details = objects.delivery_delay_details(group, sent_at=message.sent_at, at=at)
                backend.publish(events.DELIVERY_DELAY, message, details, at=at)


def _by_server(recipients: Sequence[str]) -> list[list[str]]:
    """Recipients as SES reports them, one event per receiving domain.

    An event's smtpResponse and remoteMtaIp are one server's answer, so one event covers
    recipients of one domain; "you might receive a single Amazon SNS notification for
    multiple recipients, or ... a single Amazon SNS notification per recipient"
    (notification-contents.html); the guide's 2014 delivery of a message to two domains
    names one recipient (D). Grouping by domain is fakeses' reading of both (?).
    """
    if len(recipients) == 1:
        return [list(recipients)]
    groups: dict[str, list[str]] = {}
    for recipient in dict.fromkeys(recipients):
        groups.setdefault(recipient.rpartition("@")[2].lower(), []).append(recipient)
    return list(groups.values())


def _deliver_at_send(backend: Backend, message: SentMessage, recipients: list[str], at: _dt.datetime) -> Event:
    """SES's own Delivery of ``recipients`` ``at`` PROCESSING_MILLIS after the send; its object
    is made when first read (every send makes one, few tests read it)."""
    region = backend.region
    return backend.publish(events.DELIVERY, message, lambda: objects.delivered_at_send(
        recipients, at=at, processing_millis=PROCESSING_MILLIS, message_id=message.message_id, region=region), at=at)
