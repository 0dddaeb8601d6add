"""The account-level suppression list of one (account, region), and what it does to sends.

SES keeps, per account and region, addresses it will not send to (developer guide,
sending-email-suppression-list.html). v2 manages the list (Put/Get/Delete/List
SuppressedDestination(s)); both APIs are subject to it, since it belongs to the account,
not to an API. What SES does with it:

- :func:`withhold`, at send: a recipient on the list, for a reason the message's
  configuration set (its SuppressionOptions) or else the account suppresses, is accepted
  but not sent to; SES reports a Bounce ``Permanent``/``OnAccountSuppressionList`` (five
  recordings, docs/_research/unasked-events.md 2.3), or, for an address listed for
  COMPLAINT, a Complaint with ``complaintSubType: OnAccountSuppressionList`` (event
  contents page: "Amazon SES accepted the message, but didn't attempt to send it because
  it was on the account-level suppression list"; no recording found (?)).
- :func:`remember`, after a hard bounce or a complaint: the recipient goes on the list
  when the reasons in force include BOUNCE or COMPLAINT, with the event's message id and
  feedback id (SuppressedDestinationAttributes). The mailbox simulator's addresses never
  do ("The mailbox simulator email address isn't placed on the Amazon SES suppression
  list", mailbox simulator docs) and are never suppressed.

Addresses: "stored with case preserved. While email sending functionality treats
addresses with different cases as identical, API calls for suppression list management
require an exact case match" (developer guide, sending-email-suppression-list-tenant-level-
manage.html). The domain part is folded to lower case and the address trimmed (floci,
verified against SES 2026-06-15: ``Foo@Example.COM`` and ``Foo@example.com`` are one entry,
``Foo@x`` and ``foo@x`` two).
"""
from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as _dt
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Optional

from . import clock, events
from .errors import InvalidNextToken

if TYPE_CHECKING:
    from .events import Event
    from .messages import SentMessage
    from .state import Backend

BOUNCE, COMPLAINT = "BOUNCE", "COMPLAINT"
REASONS = (BOUNCE, COMPLAINT)  # the model's SuppressionListReason

#: The subtype SES gives the events of a suppressed recipient (F25).
ON_LIST = "OnAccountSuppressionList"
ON_TENANT_LIST = "OnTenantSuppressionList"  # a tenant's list (developer guide, tenant-level page)


def canonical(address: str) -> str:
    """``address`` as the list keeps it: trimmed, its domain in lower case (see the module doc)."""
    trimmed = address.strip()
    local, at, domain = trimmed.rpartition("@")
    return f"{local}@{domain.lower()}" if at else trimmed


@dataclasses.dataclass(frozen=True, slots=True)
class SuppressedDestination:
    """One address on the list (the v2 SuppressedDestination shape)."""

    email_address: str
    reason: str
    last_update_time: _dt.datetime
    #: SuppressedDestinationAttributes: the message and the bounce or complaint that put the
    #: address on the list; None for an address put there by PutSuppressedDestination.
    message_id: Optional[str] = None
    feedback_id: Optional[str] = None


class SuppressionList:
    """The account's suppressed addresses, oldest update first."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[int, SuppressedDestination]] = {}
        self._by_folded: dict[str, set[str]] = {}  # lower-cased address -> keys, for sends
        self._order = itertools.count()
        #: PutAccountSuppressionAttributes' ValidationAttributes, as given (None: never put).
        self.validation_attributes: Optional[dict[str, Any]] = None

    def put(self, address: str, reason: str, *, at: Optional[_dt.datetime] = None,
            message_id: Optional[str] = None, feedback_id: Optional[str] = None) -> SuppressedDestination:
        """Add ``address`` for ``reason`` (BOUNCE or COMPLAINT), or update its entry: one
        entry per address, its reason and LastUpdateTime those of the latest put (?)."""
        if reason not in REASONS:
            raise ValueError(f"reason {reason!r} is not one of {REASONS}")
        key = canonical(address)
        entry = SuppressedDestination(key, reason, at or clock.utcnow(), message_id, feedback_id)
        self._entries.pop(key, None)
        self._entries[key] = (next(self._order), entry)
        self._by_folded.setdefault(key.lower(), set()).add(key)
        return entry

    def get(self, address: str) -> Optional[SuppressedDestination]:
        """The entry of ``address`` spelled as it was put (its domain in any case), or None."""
        found = self._entries.get(canonical(address))
        return found[1] if found is not None else None

    def delete(self, address: str) -> bool:
        """Remove ``address`` (spelled as it was put); False if it was not on the list."""
        key = canonical(address)
        if self._entries.pop(key, None) is None:
            return False
        keys = self._by_folded[key.lower()]
        keys.discard(key)
        if not keys:
            del self._by_folded[key.lower()]
        return True

    def matching(self, address: str) -> list[SuppressedDestination]:
        """The entries a send to ``address`` meets: its spellings in any case."""
        return [self._entries[key][1] for key in sorted(self._by_folded.get(address.strip().lower(), ()))]

    def __iter__(self) -> Iterator[SuppressedDestination]:
        """Oldest LastUpdateTime first, then in the order they were put (?: SES's own order
        "is not stable between calls", floci PR notes; fakeses keeps one)."""
        ordered = sorted(self._entries.values(), key=lambda item: (item[1].last_update_time, item[0]))
        return (entry for _, entry in ordered)

    def __len__(self) -> int:
        return len(self._entries)

    def __bool__(self) -> bool:
        return bool(self._entries)

    def listing(self, reasons: Optional[Sequence[str]] = None, start: Optional[_dt.datetime] = None,
                end: Optional[_dt.datetime] = None) -> list[SuppressedDestination]:
        """ListSuppressedDestinations' filters: any of ``reasons`` (none: all), updated at or
        after ``start`` and at or before ``end`` (bounds taken as inclusive (?))."""
        return [e for e in self if (not reasons or e.reason in reasons)
                and (start is None or e.last_update_time >= start)
                and (end is None or e.last_update_time <= end)]

    def page(self, items: Sequence[SuppressedDestination], token: Optional[str], size: int,
             scope: str) -> tuple[list[SuppressedDestination], Optional[str]]:
        """One page of ``items`` from ``token`` on, and the next page's token. A token is bound
        to the filters it was issued with (``scope``): SES refuses one replayed with other
        reasons (floci's notes, probed) and so does fakeses, with InvalidNextTokenException."""
        start = 0
        if token is not None:
            try:
                decoded = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
                start, bound = int(decoded["n"]), str(decoded["s"])
            except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error, RecursionError):
                raise InvalidNextToken() from None
            if bound != scope or not 0 <= start <= len(items):
                raise InvalidNextToken()
        end = start + size
        following = None
        if end < len(items):
            following = base64.urlsafe_b64encode(json.dumps({"n": end, "s": scope}).encode()).decode("ascii")
        return list(items[start:end]), following


def list_in_force(backend: Backend, message: SentMessage) -> tuple[SuppressionList, tuple[str, ...]]:
    """The suppression list a send of ``message`` checks and adds to, and the reasons in
    force, by SES's precedence: the configuration set's SuppressionOptions, then the
    tenant's SuppressionAttributes (for a message sent through a tenant), then the account
    (developer guide, sending-email-suppression-list-tenant-level, "Suppression precedence").
    Scope and reasons resolve independently; scope TENANT checks and records the tenant's own
    list only ("skips the account-level suppression list"), ACCOUNT the account's. A scope
    of TENANT for a message sent through no tenant is taken to mean the account's list (?)."""
    return in_force(backend, message.tenant, message.configuration_set)


def in_force(backend: Backend, tenant_name: Optional[str],
             name: Optional[str]) -> tuple[SuppressionList, tuple[str, ...]]:
    """:func:`list_in_force` for a message sent through ``tenant_name`` and the configuration set ``name``."""
    scope, reasons = "ACCOUNT", tuple(backend.account.suppressed_reasons)
    tenant = backend.tenants.get(tenant_name) if tenant_name is not None else None
    if tenant is not None and tenant.suppression is not None:
        reasons, scope = tuple(tenant.suppression[0]), tenant.suppression[1]
    found = backend.configuration_sets.get(name) if name is not None else None
    if found is not None and found.suppression is not None:
        if found.suppression.overrides_reasons:
            reasons = tuple(found.suppression.reasons)
        scope = found.suppression.scope or scope
    if scope == "TENANT" and tenant is not None:
        return tenant.suppressed, reasons
    return backend.suppression, reasons


def _simulator(address: str) -> bool:
    return address.rpartition("@")[2].lower() == "simulator.amazonses.com"


def withhold(backend: Backend, message: SentMessage, recipients: Sequence[str]) -> Sequence[str]:
    """SES's suppression of ``recipients`` of ``message`` (just accepted): publish the Bounce
    (or Complaint) of those on the list for a reason in force, and return the others, for
    SES to deliver. Called by outcomes.settle after the simulator's addresses.

    The suppressed are not sent to but count toward the daily quota (counted at send) and
    not toward the bounce rate (GetSendStatistics' Bounces) (developer guide). Each event
    names the recipient as the message gave it, display name included (recorded 2021), at
    the mail timestamp cut to whole seconds (recorded 2021, 2025).
    """
    listed, in_force = list_in_force(backend, message)
    if not listed or not in_force:
        return recipients
    by_reason: dict[str, list[str]] = {}
    kept: list[str] = []
    for recipient in recipients:
        reason = next((e.reason for e in listed.matching(recipient) if e.reason in in_force), None)
        if reason is None or _simulator(recipient):
            kept.append(recipient)
        else:
            by_reason.setdefault(reason, []).append(recipient)
    if not by_reason:
        return recipients
    from . import event_json as objects

    given = _as_given(message)
    at = message.sent_at.replace(microsecond=0)
    # A tenant's list: Permanent/OnTenantSuppressionList (developer guide, tenant-level page).
    on_list, bounced = ((ON_LIST, objects.account_suppressed_bounce_details) if listed is backend.suppression
                        else (ON_TENANT_LIST, objects.tenant_suppressed_bounce_details))
    for reason, chosen in by_reason.items():
        named = [given.get(r, r) for r in chosen]
        if reason == BOUNCE:
            backend.publish(events.BOUNCE, message, bounced(named, region=backend.region, at=at), at=at)
        else:
            backend.publish(events.COMPLAINT, message, objects.complaint_details(
                named, feedback_type=None, sub_type=on_list, user_agent=None, region=backend.region, at=at), at=at)
    if not kept and set(recipients) >= set(message.destinations):  # nobody was sent it
        failure = {BOUNCE: f"Bounce: Permanent/{on_list}", COMPLAINT: f"Complaint: {on_list}"}
        object.__setattr__(message, "delivered", False)
        object.__setattr__(message, "failure", " and ".join(failure[r] for r in by_reason))
    return kept


def _as_given(message: SentMessage) -> dict[str, str]:
    """Each bare recipient of ``message`` to the form its To, Cc or Bcc gave it in."""
    from ..mail import addresses

    found: dict[str, str] = {}
    for given in itertools.chain(message.to, message.cc, message.bcc):
        try:
            found.setdefault(addresses.check(given), given)
        except addresses.AddressError:
            continue
    return found


def remember(backend: Backend, event: Event) -> None:
    """Put the recipients of ``event`` (a Bounce or Complaint just published) on the list
    as SES does: a Permanent bounce for BOUNCE, a complaint for COMPLAINT, when that reason
    is in force for the message; with the message id and the event's feedback id. SES's
    own suppression events and the simulator's addresses leave the list as it is."""
    details = event.details
    if event.type == events.BOUNCE:
        if details.get("bounceType") != "Permanent" or details.get("bounceSubType") in (ON_LIST, ON_TENANT_LIST):
            return
        reason, named = BOUNCE, details.get("bouncedRecipients") or []
    elif event.type == events.COMPLAINT:
        if details.get("complaintSubType") in (ON_LIST, ON_TENANT_LIST):
            return
        reason, named = COMPLAINT, details.get("complainedRecipients") or []
    else:
        return
    listed, in_force = list_in_force(backend, event.message)
    if reason not in in_force:
        return
    for address in bare(r["emailAddress"] for r in named):
        if not _simulator(address):
            listed.put(address, reason, at=event.timestamp, message_id=event.message.message_id,
                                    feedback_id=details.get("feedbackId"))


def bare(named: Iterable[str]) -> list[str]:
    """The bare addresses of ``named`` (as events name recipients: display names included)."""
    from ..mail import addresses

    out = []
    for address in named:
        try:
            out.append(addresses.check(address))
        except addresses.AddressError:
            out.append(address)
    return out
