"""Bulk templated sending: one template, up to 50 entries, one message and one result each.

What fails the whole call and what fails only an entry follows one rule: a check that
gives the same answer for every entry (the template, the sender, the account's sending
switch, the configuration set, the default data) fails the call before anything is sent;
a check about one entry (its addresses, its recipients in the sandbox, its data, the
quota as it runs out) fails only that entry, with the status SES's model names for it
(BulkEmailStatus). Results are in entry order (F20).
"""
from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, NamedTuple, Optional

from ..mail import addresses, mime
from ..mail import templates as engine
from . import clock, dkim, ids, mail_from, suppression
from . import errors as e
from .dedicated_ips import route as sending_route
from .events import SEND, Event, made
from .messages import SentMessage
from .outcomes import DELIVER, deliveries
from .sending import (
    MAX_RECIPIENTS,
    Outgoing,
    Sender,
    Stamp,
    check_sender,
    check_tags,
    record_of,
    send,
)
from .state import Backend
from .templated import parse_data, personalize, raise_if_strict
from .templates import EmailTemplate, placeholders

MAX_ENTRIES = 50  # "up to 50 destinations in each call" (seed 004, SendBulkTemplatedEmail)


class Entry(NamedTuple):
    """One destination of a bulk send, with what replaces the call's defaults for it."""

    to: Sequence[str]
    cc: Sequence[str] = ()
    bcc: Sequence[str] = ()
    data: Optional[str] = None
    tags: Sequence[tuple[str, str]] = ()
    headers: Optional[Sequence[tuple[str, str]]] = None  # None: the call's headers


class Result(NamedTuple):
    """An entry's outcome: the accepted message's id, or a v2 status name and SES's text."""

    message_id: Optional[str]
    status: str = "SUCCESS"
    error: Optional[str] = None


# The v2 status (BulkEmailStatus) for each refusal of one entry; anything else is FAILED.
_STATUS: tuple[tuple[type[e.DomainError], str], ...] = (
    (e.DailyQuotaExceeded, "ACCOUNT_DAILY_QUOTA_EXCEEDED"),
    (e.MessageRejected, "MESSAGE_REJECTED"),
    (e.InvalidParameterValue, "INVALID_PARAMETER"),
    (e.AccountSendingPaused, "ACCOUNT_SENDING_PAUSED"),
    (e.ConfigurationSetNotFound, "CONFIGURATION_SET_NOT_FOUND"),
    (e.TemplateNotFound, "TEMPLATE_NOT_FOUND"),
)


def status_for(error: e.DomainError) -> str:
    for cls, status in _STATUS:
        if isinstance(error, cls):
            return status
    return "FAILED"


def merge(default: dict[str, Any], replacement: dict[str, Any]) -> dict[str, Any]:
    """An entry's data: the default data with the replacement's keys laid over it.

    Objects merge key by key, recursively; any other value (lists included) replaces the
    default's. Real SES v2 was probed to do so (domdomegg/aws-ses-v2-local#102 and PR
    #103, 2026-07: partial ReplacementTemplateData keeps the other default keys, nested
    objects merge, arrays are replaced). This supersedes the developer guide's reading
    of a whole-object fallback (F20): with a replacement of ``{}`` both agree.
    """
    merged = {**default}  # untracked by the collector while its values are plain ({} is, dict() is not)
    for key, value in replacement.items():
        base = merged.get(key)
        merged[key] = merge(base, value) if isinstance(base, dict) and isinstance(value, dict) else value
    return merged


def combine_tags(default: Sequence[tuple[str, str]], replacement: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """An entry's tags: the defaults, with a replacement tag of the same name winning (?)."""
    if not replacement:
        return list(default)
    names = {name for name, _ in replacement}
    return [tag for tag in default if tag[0] not in names] + list(replacement)


def merge_headers(default: Sequence[tuple[str, str]], replacement: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Default headers with an entry's ReplacementHeaders: a same-named header is replaced (?)."""
    names = {name.lower() for name, _ in replacement}
    return [h for h in default if h[0].lower() not in names] + list(replacement)


def send_bulk(backend: Backend, template: EmailTemplate, default_data: Optional[str],
              default_tags: Sequence[tuple[str, str]], shared: Outgoing, entries: Sequence[Entry], *,
              headers: Sequence[tuple[str, str]] = (), attachments: Sequence[mime.Attachment] = ()) -> list[Result]:
    """Send one message per entry; raise for what fails them all, report the rest.

    ``shared`` holds what every entry's message shares (sender fields, configuration set,
    template name, sending authorization ARNs, endpoint, tenant); ``headers`` and
    ``attachments`` are the call's defaults.
    """
    if not entries:
        raise e.InvalidParameterValue(message="Destinations cannot be empty")  # (?) model: required list
    if len(entries) > MAX_ENTRIES:
        raise e.InvalidParameterValue(message=f"Recipient count exceeds {MAX_RECIPIENTS}.")  # (?) F6 text
    default = parse_data(default_data)
    shared.tags = combine_tags(default_tags, [])
    sender = check_sender(backend, _outgoing(shared, entries[0]))  # once: the entries share the sender fields
    quick = Quick.of(backend, shared, sender, template, default, default_data, list(headers), list(attachments))
    results: list[Result] = []
    sent: list[SentMessage] = []
    for entry in entries:
        if quick is not None and quick.accept(entry, default, results):
            continue
        try:
            values = merge(default, parse_data(entry.data)) if entry.data else default
            out = personalize(_outgoing(shared, entry), template, values,
                              headers=headers if entry.headers is None else entry.headers, attachments=attachments)
            out.tags = combine_tags(default_tags, entry.tags)
            sent.append(send(backend, out, sender))
            results.append(Result(sent[-1].message_id))
        except e.DomainError as error:
            results.append(Result(None, status_for(error), error.message_for(shared.service)))
    raise_if_strict(backend, sent)
    return results


_result = tuple.__new__


def _outgoing(shared: Outgoing, entry: Entry) -> Outgoing:
    """The message of ``entry``: the call's ``shared`` fields (lists shared, not copied: a
    message copies what it keeps) with the entry's recipients."""
    out = object.__new__(Outgoing)
    out.__dict__.update(shared.__dict__)
    out.to, out.cc, out.bcc = list(entry.to), list(entry.cc), list(entry.bcc)
    return out


class Quick:
    """The entries of one bulk call that SES plainly accepts, their records made when first read.

    A bulk send's entries are checked one by one as :func:`~fakeses.domain.sending.send`
    checks a message, but when nothing can make an entry's message other than plain (no
    configuration set, whose event destinations SES routes to, no notification topic,
    delegate sender or tenant, no dedicated IP to take in turn, the test's outcomes
    "deliver", a template of ``{{name}}`` placeholders only), what send() would find is
    known from a few reads: its recipients' addresses, the sandbox, the suppression list,
    the daily quota and the data the template needs. An entry that passes them is accepted
    here: its message id, the clock and the quota are taken at once, and it enters the
    record (World.defer); its message, rendering and Send and Delivery events are made when
    the record is first read, equal to what send() makes (a property test compares both
    paths, tests/unit/domain/test_bulk.py). Any other entry goes through send().
    """

    def __init__(self, backend: Backend, shared: Outgoing, template: EmailTemplate, names: list[str],
                 stamp: Stamp, headers: list[tuple[str, str]], attachments: list[mime.Attachment],
                 room: int, default: dict[str, Any]) -> None:
        self.backend, self.shared, self.template, self.stamp = backend, shared, template, stamp
        self.names = frozenset(names)
        self.headers, self.attachments, self.default_tags = headers, attachments, list(shared.tags)
        self.default = default
        self.flat_default = not any(type(value) is dict for value in default.values())
        self.default_renders = all(type(default.get(name)) in (str, int) for name in self.names)
        # The longest data an entry may have here (see Quick.of); longer goes through send().
        self.longest_data = room
        # What no entry of the call changes (the backend's lock is held).
        self.account, self.region, self.covers = backend.account, backend.region, backend.identities.covers
        self.sandbox = backend.account.sandbox
        self.listed, self.reasons = suppression.in_force(backend, None, None)
        self.suppressing = bool(self.listed) and bool(self.reasons)
        self.defer, self.maker = backend.world.defer, backend.world.maker(self.record)

    @classmethod
    def of(cls, backend: Backend, shared: Outgoing, sender: Sender, template: EmailTemplate,
           default: dict[str, Any], default_data: Optional[str], headers: list[tuple[str, str]],
           attachments: list[mime.Attachment]) -> Optional[Quick]:
        """The quick path of a call whose sender passed ``sender``'s checks, or None when an
        entry's message could be other than plain."""
        options = backend.world.options
        if (options.outcomes != DELIVER or options.raise_on_rendering_failure or sender.configuration_set is not None
                or shared.arns is not None or shared.tenant is not None or shared.list_management is not None
                or backend.identities.notifying):
            return None
        template = copy.copy(template)  # as it is now: UpdateTemplate may change the stored one
        names = placeholders(template)
        if names is None or sending_route(backend, None):
            return None
        try:
            mime.SimpleContent(templated=True, headers=headers).check()
        except mime.MessageError:
            return None
        stamp = Stamp(source=sender.given[0], mail_from_domain=mail_from.envelope_domain(backend.identities,
                                                                                         sender.bare[0]),
                      dkim_domain=dkim.signing_domain(backend.identities, sender.bare[0]),
                      identity_owner=backend.account_id, source_arn=None, tenant=None, route={})
        # Above the size SimpleContent.size gives any rendering: 4 UTF-8 bytes a character,
        # each placeholder replaced by a value no longer than the data's text (an int's
        # digits: 4300 at most, Python's limit). Entries whose data is longer than the room
        # left go through send(), which measures their rendering; all of them, when the
        # default data is.
        size = 512 + 4 * sum(len(part or "") for part in (template.subject, template.text, template.html))
        size += sum(len(n) + len(v) + 4 for n, v in headers) + sum(a.encoded_size() + 256 for a in attachments)
        room = (shared.max_size - size) // max(4 * len(names), 1)
        if room < max(len(default_data or ""), 4300):
            return None
        return cls(backend, shared, template, names, stamp, headers, attachments, room, default)

    def accept(self, entry: Entry, default: dict[str, Any], results: list[Result]) -> bool:
        """Accept ``entry`` if its message is plain (see the class), adding its result."""
        if entry.headers is not None:
            return False
        values: Any = default
        data = entry.data
        if data:
            if len(data) > self.longest_data:
                return False  # its rendering might be too big: send() measures it
            try:
                replacement = engine.parse_data(data)  # what parse_data reads, without its SES error
            except engine.InvalidData:
                return False
            # merge() of a default without objects is one dict display.
            values = {**default, **replacement} if self.flat_default else merge(default, replacement)
            for name in self.names:
                kind = type(values.get(name))
                if kind is not str and kind is not int:
                    return False
        elif not self.default_renders:
            return False
        given = [*entry.to, *entry.cc, *entry.bcc]
        if not given or len(given) > MAX_RECIPIENTS:
            return False
        recipients = []
        for address in given:
            if not address.strip():
                return False
            try:
                bare = addresses.parse(address).bare  # addresses.check(address), without a frame
            except addresses.AddressError:
                return False
            if addresses.is_simulator(bare):
                return False
            recipients.append(bare)
        if self.sandbox and not all(self.covers(bare) for bare in recipients):
            return False
        if self.suppressing and any(
                found.reason in self.reasons for bare in recipients for found in self.listed.matching(bare)):
            return False
        tags = self.default_tags
        if entry.tags:
            tags = combine_tags(tags, entry.tags)
            try:
                check_tags(tags)
            except e.DomainError:
                return False
        account = self.account
        if account.max_24_hour_send >= 0 and account.would_exceed_quota(len(recipients)):
            return False
        now_ns = clock.now_ns()
        message_id = ids.message_id(self.region, now_ns // 1_000_000)
        account.count_send(len(recipients), len(recipients), now_ns / 1e9)
        # Into the record now, in order, made when first read: strings, numbers and tuples
        # (the data's items, not a dict), the message made by this Quick.
        self.defer((self.maker, message_id, now_ns, tuple(entry.to), tuple(entry.cc), tuple(entry.bcc),
                    tuple(values.items()) if data else None, tuple(recipients), tuple(tags)))
        results.append(_result(Result, (message_id, "SUCCESS", None)))  # Result(message_id), without a frame
        return True

    def record(self, message_id: str, now_ns: int, to: tuple[str, ...], cc: tuple[str, ...], bcc: tuple[str, ...],
               items: Optional[tuple[tuple[str, Any], ...]], recipients: tuple[str, ...],
               tags: tuple[tuple[str, str], ...]) -> tuple[SentMessage, list[Event]]:
        """The message of an entry accepted here and its events, as send() makes them."""
        values = self.default if items is None else dict(items)
        out = personalize(_outgoing(self.shared, Entry(to, cc, bcc)), self.template, values, headers=self.headers,
                          attachments=self.attachments)
        out.tags = list(tags)
        message = record_of(self.backend, out, self.stamp, message_id, now_ns, list(recipients), {})
        return message, [made(SEND, message, message.sent_at), *deliveries(self.backend.region, message, message.destinations)]
