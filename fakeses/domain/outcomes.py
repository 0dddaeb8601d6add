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

import dataclasses
import datetime as _dt
import fnmatch
import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

from . import clock, events, suppression
from . import event_json as objects

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
    event = backend.publish(events.BOUNCE, message, details, at=at)
    suppression.remember(backend, event)  # a hard bounce puts the recipient on the list
    return event


# -- what can follow what: the outcomes a test gives must be ones SES can publish -----------------
#
# Per recipient, from the message's events so far (the rules and their sources are listed in
# docs/events.md "What SES can publish next" and docs/fidelity.md):
# - a Delivery once: SES hands the message to a recipient's server once; what the server
#   decides afterwards comes as a Bounce or a Complaint (notification-contents.html: a server
#   "might accept the email (triggering a delivery notification), but after processing the
#   email, determine that the email actually results in a bounce"; the simulator's ooto@ and
#   complaint@, recorded 2026: Delivery then Bounce, Delivery then Complaint);
# - nothing more for a recipient after its Permanent bounce but a Complaint it may still
#   send: SES does not try again (bounce types, event-publishing-retrieving-sns-contents.html);
# - a DeliveryDelay only while SES is still trying: before its Delivery or Permanent bounce;
# - a Complaint, Open, Click or Subscription only from a recipient who received it;
# - a Reject (a virus: SES "didn't attempt to deliver it") only before anything else, and
#   after a Reject or a Rendering Failure (the message "wasn't sent") nothing at all.


@dataclasses.dataclass
class _History:
    delivered: set[str] = dataclasses.field(default_factory=set)
    bounced: set[str] = dataclasses.field(default_factory=set)  # permanently
    after_send: list[str] = dataclasses.field(default_factory=list)
    not_sent: Optional[str] = None


def _history(backend: Backend, message: SentMessage) -> _History:
    found = _History()
    for event in backend.world.events_about(message.message_id):
        if event.type == events.SEND:
            continue
        found.after_send.append(event.type)
        if event.type == events.DELIVERY:
            found.delivered.update(event.details["recipients"])
        elif event.type == events.BOUNCE and event.details["bounceType"] == "Permanent":
            found.bounced.update(suppression.bare(r["emailAddress"] for r in event.details["bouncedRecipients"]))
        elif event.type == events.COMPLAINT and event.details.get("complaintSubType") == suppression.ON_LIST:
            # SES did not send to a recipient suppressed for COMPLAINT: as good as bounced.
            found.bounced.update(suppression.bare(r["emailAddress"] for r in event.details["complainedRecipients"]))
        elif event.type == events.REJECT:
            found.not_sent = "was rejected: SES found a virus and did not send it"
        elif event.type == events.RENDERING_FAILURE:
            found.not_sent = "was not sent: its template could not be rendered"
    return found


_HOLD = ('fakeses delivers ordinary recipients at send, as SES does; to give their outcomes in the test, '
         'hold them: fakeses(outcomes="hold") or @pytest.mark.fakeses(outcomes="hold")')


def _allowed(backend: Backend, message: SentMessage, what: str, recipients: Sequence[str] = ()) -> None:
    """Raise ValueError, saying why, if SES could not publish ``what`` (an outcome's name)
    about ``recipients`` of ``message`` after the events it has already."""
    past = _history(backend, message)
    where = f"{what}(): {message.message_id}"
    if past.not_sent is not None:
        raise ValueError(f"{where} {past.not_sent}; SES reports nothing more about it")
    if what == "reject":
        if past.after_send:
            raise ValueError(f"{where} already has {', '.join(dict.fromkeys(past.after_send))} after its Send; "
                             f"SES rejects a message (a virus) before it tries to deliver it. {_HOLD}")
        return
    if what in ("open", "click", "subscription"):
        if not past.delivered:
            act = {"open": "open it", "click": "click a link in it",
                   "subscription": "change a subscription through it"}[what]
            raise ValueError(f"{where} has no Delivery: only a recipient who received it can {act}; "
                             "deliver() it first")
        return
    for recipient in recipients:
        who = f"{what}(): {recipient}"
        if what == "complain":
            if recipient not in past.delivered:
                raise ValueError(f"{who} has no Delivery of {message.message_id}: a complaint comes from a "
                                 "recipient who received the message; deliver() it first")
        elif recipient in past.bounced:
            raise ValueError(f"{who} bounced permanently from {message.message_id}: SES does not try it again")
        elif recipient in past.delivered and what in ("deliver", "delay"):
            raise ValueError(f"{who} already has a Delivery of {message.message_id}: SES delivers a recipient "
                             f"once{' and reports no delay after it' if what == 'delay' else ''}. {_HOLD}")


# -- one function per outcome; the objects are built by fakeses/domain/event_json.py -------------

def deliver(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None) -> Event:
    """SES delivered ``message`` to the recipients' mail servers: a Delivery event, as an
    ordinary server answers (event_json.delivered). Raises ValueError for a recipient SES
    could not deliver now (see _allowed)."""
    chosen = _recipients(message, recipients)
    _allowed(backend, message, "deliver", chosen)
    at = clock.utcnow()
    details = objects.delivered(chosen, at=at, processing_millis=max(0, (at - message.sent_at) // _MILLISECOND),
                                message_id=message.message_id, region=backend.region)
    return backend.publish(events.DELIVERY, message, details, at=at)


def _simulator_delivery(backend: Backend, message: SentMessage, recipient: str) -> Event:
    return backend.publish(events.DELIVERY, message, objects.delivery_details(
        [recipient], sent_at=message.sent_at, region=backend.region))


def bounce(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
           bounce_type: str = "Permanent", subtype: str = "General", diagnostic: Optional[str] = None) -> Event:
    """A recipient's server refused ``message``: a Bounce event (F25 types and subtypes;
    anything else is a ValueError, as is a bounce SES could not publish now)."""
    chosen = _recipients(message, recipients)
    details = objects.bounce_details(chosen, bounce_type=bounce_type, sub_type=subtype,
                                     diagnostic=diagnostic, region=backend.region)
    _allowed(backend, message, "bounce", chosen)
    return _bounced(backend, message, details)


def complain(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
             feedback_type: Optional[str] = "abuse") -> Event:
    """A recipient marked ``message`` as spam: a Complaint event. Raises ValueError for a
    recipient with no Delivery."""
    chosen = _recipients(message, recipients)
    _allowed(backend, message, "complain", chosen)
    return _complained(backend, message, chosen, feedback_type=feedback_type)


def _complained(backend: Backend, message: SentMessage, recipients: list[str], *,
                feedback_type: Optional[str] = "abuse", at: Optional[_dt.datetime] = None) -> Event:
    details = objects.complaint_details(recipients, feedback_type=feedback_type, region=backend.region, at=at)
    backend.account.count_outcome(complaints=len(details["complainedRecipients"]))
    event = backend.publish(events.COMPLAINT, message, details, at=at)
    suppression.remember(backend, event)  # so does a complaint
    return event


def open_(backend: Backend, message: SentMessage) -> Event:
    """A recipient opened ``message``: an Open event (ValueError before any Delivery)."""
    _allowed(backend, message, "open")
    return backend.publish(events.OPEN, message, objects.open_details())


def click(backend: Backend, message: SentMessage, link: str, *,
          link_tags: Optional[dict[str, list[str]]] = None) -> Event:
    """A recipient clicked ``link`` in ``message``: a Click event (ValueError before any Delivery)."""
    _allowed(backend, message, "click")
    return backend.publish(events.CLICK, message, objects.click_details(link, link_tags=link_tags))


def delay(backend: Backend, message: SentMessage, recipients: Optional[Sequence[str]] = None, *,
          delay_type: str = "TransientCommunicationFailure") -> Event:
    """Delivery is late and SES keeps trying: a DeliveryDelay event (ValueError for a recipient
    already delivered or bounced permanently)."""
    chosen = _recipients(message, recipients)
    details = objects.delivery_delay_details(chosen, sent_at=message.sent_at, delay_type=delay_type)
    _allowed(backend, message, "delay", chosen)
    return backend.publish(events.DELIVERY_DELAY, message, details)


def reject(backend: Backend, message: SentMessage, reason: str = "Bad content") -> Event:
    """SES found a virus and did not send ``message``: a Reject event (F25). ValueError once
    anything else happened to it."""
    _allowed(backend, message, "reject")
    _mark(message, f"Reject: {reason}")
    backend.account.count_outcome(rejects=1)
    return backend.publish(events.REJECT, message, objects.reject_details(reason))


def subscription(backend: Backend, message: SentMessage, contact_list: str, *,
                 new_topics: Optional[dict[str, str]] = None, old_topics: Optional[dict[str, str]] = None,
                 unsubscribe_all: bool = False, recipient: Optional[str] = None) -> Event:
    """A recipient changed their subscription through the message's unsubscribe link
    (ValueError before any Delivery). When the account has ``contact_list``, the contact
    (``recipient``, or the message's one recipient) changes too and the event reports its
    topics before and after (fakeses/domain/contacts.py)."""
    _allowed(backend, message, "subscription")
    was_all = False
    found = backend.contact_lists.get(contact_list)
    if found is not None:
        from .contacts import change

        if recipient is None:
            if len(message.destinations) != 1:
                raise ValueError(f"subscription(): {message.message_id} has {len(message.destinations)} recipients; "
                                 "say whose subscription changed with recipient=")
            recipient = message.destinations[0]
        _recipients(message, [recipient])
        old, new_topics, was_all, unsubscribe_all = change(found, recipient, new_topics or {}, unsubscribe_all)
        old_topics = old if old_topics is None else old_topics
    details = objects.subscription_details(contact_list, new_topics=new_topics or {}, old_topics=old_topics or {},
                                           unsubscribe_all=unsubscribe_all, was_unsubscribed_all=was_all)
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
            _simulator_delivery(backend, message, address)
        elif kind in ("bounce", "suppressionlist"):
            _bounced(backend, message, objects.simulator_bounce_details(address, region=backend.region))
        elif kind == "ooto":
            _simulator_delivery(backend, message, address)
            _bounced(backend, message, objects.simulator_bounce_details(address, region=backend.region))
        elif kind == "complaint":
            _simulator_delivery(backend, message, address)
            _complained(backend, message, [address])



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
_MILLISECOND = _dt.timedelta(milliseconds=1)


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

    1. a recipient opted out of the contact list or topic the message names (decided at
       send: ``message.unsubscribed``, fakeses/domain/contacts.py) gets SES's Bounce
       instead (docs/_research/unasked-events.md 2.4);
    2. the mailbox simulator's addresses (``simulated``) get their own events (F24);
    3. a recipient on the account's suppression list, for a reason in force, gets SES's
       Bounce (or Complaint) instead (suppression.withhold; docs/_research/unasked-events.md
       2.3), before the test's outcomes;
    4. every other recipient is delivered, as SES delivers it (LocalStack's AWS recordings
       of 2023-08-25: Send, then Delivery, for an ordinary recipient), unless the test's
       ``outcomes`` option says otherwise.

    A message whose template could not be rendered was never sent: it never gets here.
    """
    recipients: Sequence[str] = message.destinations
    if message.unsubscribed:  # 1. (list management) fakeses/domain/contacts.py
        from .contacts import bounce_unsubscribed

        bounce_unsubscribed(backend, message)
        withheld = set(message.unsubscribed)
        simulated = [r for r in simulated if r not in withheld]
        recipients = [r for r in recipients if r not in withheld]
    if simulated:
        simulate(backend, message, simulated)
        simulator = set(simulated)
        recipients = [r for r in recipients if r not in simulator]
        if not recipients:
            return
    recipients = suppression.withhold(backend, message, recipients)
    if not recipients:
        return
    given = backend.world.options.outcomes
    at = message.sent_at + _PROCESSING
    if given == DELIVER:  # the common case: no matching
        for event in deliveries(backend.region, message, recipients):
            backend.publish_event(event)
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
                _complained(backend, message, group, at=at)
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


def deliveries(region: str, message: SentMessage, recipients: Sequence[str]) -> list[Event]:
    """SES's own Delivery events of ``recipients`` of ``message`` (one per receiving domain),
    not yet published: what :func:`settle` publishes when the test's outcomes deliver them all."""
    at = message.sent_at + _PROCESSING
    return [_delivery(region, message, group, at) for group in _by_server(recipients)]


def _delivery(region: str, message: SentMessage, recipients: list[str], at: _dt.datetime) -> Event:
    """SES's own Delivery of ``recipients`` ``at`` PROCESSING_MILLIS after the send; its object
    is made when first read (every send makes one, few tests read it)."""
    # A partial, not a closure: kept with every message sent, it is one object where a
    # closure is a function, its cells and their tuple (fewer for the garbage collector).
    return events.made(events.DELIVERY, message, at, functools.partial(
        objects.delivered, recipients, at=at, processing_millis=PROCESSING_MILLIS, message_id=message.message_id,
        region=region))


def _deliver_at_send(backend: Backend, message: SentMessage, recipients: list[str], at: _dt.datetime) -> Event:
    """Publish SES's own Delivery of ``recipients`` (see :func:`_delivery`)."""
    return backend.publish_event(_delivery(backend.region, message, recipients, at))
