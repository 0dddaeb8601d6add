"""Sending: the rules SES applies before it accepts a message, and the record kept.

Both APIs hand :func:`send` an :class:`Outgoing`; raw MIME is read into one by
:func:`raw_outgoing`. Checks, in order, each with SES's error: size, content,
address syntax, message tags, configuration set, recipient presence and count,
the account's sending switch, sender identities (and, in the sandbox, recipients),
the daily quota. Only the header block of a raw message is read here; MIME is built
or parsed when a test first looks at ``SentMessage.raw``/``mime``.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any, Optional

from ..mail import addresses, mime
from . import authorization, clock, dkim, events, ids, mail_from, tenants
from .dedicated_ips import route as sending_route
from .errors import (
    AccountSendingPaused,
    AddressRejected,
    ConfigurationSetNotFound,
    ConfigurationSetSendingPaused,
    DailyQuotaExceeded,
    IdentityNotVerified,
    InvalidParameterValue,
)
from .messages import SentMessage
from .outcomes import settle
from .state import Backend

MAX_RECIPIENTS = 50  # "Recipient count exceeds 50." (doubleunion/arooo#243; F6)
V1_MAX_SIZE = 10485760  # "Message length is more than 10485760 bytes long: '12078147'." (F7)
V2_MAX_SIZE = 41943040  # 40 MB on v2, attachments included after base64 (F7, G43)


@dataclasses.dataclass
class Outgoing:
    """A message as a handler hands it to the domain (addresses as the caller gave them)."""

    operation: str
    service: str
    source: Optional[str]
    content: Any
    to: list[str] = dataclasses.field(default_factory=list)
    cc: list[str] = dataclasses.field(default_factory=list)
    bcc: list[str] = dataclasses.field(default_factory=list)
    reply_to: list[str] = dataclasses.field(default_factory=list)
    subject: Optional[str] = None
    return_path: Optional[str] = None
    envelope: Optional[list[str]] = None  # explicit envelope recipients (raw sends)
    senders: list[str] = dataclasses.field(default_factory=list)  # more identities to verify
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    configuration_set: Optional[str] = None
    template: Optional[str] = None
    template_data: Any = None
    rendering_error: Optional[str] = None  # a template that could not be rendered (templated.py)
    size: int = 0
    max_size: int = V1_MAX_SIZE
    #: Sending authorization (fakeses/domain/authorization): the identity ARNs the request
    #: named (authorization.IdentityArns), a raw message's From header, and what the
    #: check found (authorization.Delegation: the identity's owner, when another account).
    arns: Any = None
    from_header: Optional[str] = None
    delegation: Any = None
    #: ListManagementOptions / X-SES-LIST-MANAGEMENT-OPTIONS (contacts.ListManagement), or None.
    list_management: Any = None
    #: A predictive inbox placement test's message to SES's own seed list
    #: (fakeses/domain/deliverability.py): the sandbox does not restrict those recipients (?).
    to_seed_list: bool = False
    #: The multi-region endpoint of a send with EndpointId (multi_region.MultiRegionEndpoint), or None.
    endpoint: Any = None
    #: v2 TenantName: the tenant the message is sent through (fakeses/domain/tenants.py).
    tenant: Optional[str] = None


def tag_pairs(tags: Optional[list[dict[str, str]]]) -> list[tuple[str, str]]:
    """The model's ``[{"Name": .., "Value": ..}]`` as pairs, in order."""
    return [(tag.get("Name") or "", tag.get("Value") or "") for tag in tags or []]


def check_size(size: int, max_size: int) -> None:
    if size > max_size:
        # aws/aws-sdk-go-v2#1774 (F7); the v2 text is assumed to follow the same pattern (G43).
        raise InvalidParameterValue(message=f"Message length is more than {max_size} bytes long: '{size}'.")


def check_tags(tags: list[tuple[str, str]]) -> None:
    """Message tags, with SES's texts (LocalStack AWS snapshot 2024-07-30; F15).

    Every name is checked before any value; a ``ses:`` prefix is allowed on names.
    """
    for name, _ in tags:
        if not name:
            raise InvalidParameterValue(message="The tag name must be specified.")
        if len(name) > 255:
            raise InvalidParameterValue(message="Tag name cannot exceed 255 characters.")
        bare = name[4:] if name.startswith("ses:") else name
        if not all(c.isascii() and (c.isalnum() or c in "_-") for c in bare):
            raise InvalidParameterValue(
                message=f"Invalid tag name <{name}>: only alphanumeric ASCII characters, '_',  '-' are allowed."
            )
    for _, value in tags:
        if not value:
            raise InvalidParameterValue(message="The tag value must be specified.")
        if len(value) > 255:
            raise InvalidParameterValue(message="Tag value cannot exceed 255 characters.")
        if not all(c.isascii() and (c.isalnum() or c in "_-.@") for c in value):
            raise InvalidParameterValue(
                message=f"Invalid tag value <{value}>: only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed."
            )


def _bare(values: list[str]) -> list[str]:
    out = []
    for value in values:
        if not value.strip():
            # v1 answers JavaMail's "Illegal address"; v2 "Invalid email address ." (G39).
            raise AddressRejected(reason=addresses.ILLEGAL_ADDRESS, reason_v2=f"Invalid email address {value}.")
        try:
            out.append(addresses.check(value))
        except addresses.AddressError as error:
            raise AddressRejected(reason=str(error), reason_v2=str(error)) from None
    return out


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def check_configuration_set(backend: Backend, out: Outgoing) -> None:
    """Resolve the message's one configuration set and check it (F18).

    ``ConfigurationSetName`` (or, for raw messages, the X-SES-CONFIGURATION-SET header,
    which the parameter beats) names it; without either, the sender identity's default
    set applies, the address's before its domain's (PutEmailIdentityConfigurationSetAttributes;
    developer guide, managing-configuration-sets.html "default configuration set").
    An unknown set fails the send (F17); a set with sending disabled pauses it (F16).
    """
    if out.configuration_set is None:
        if out.source:
            out.configuration_set = backend.identities.default_configuration_set(out.source)
        if out.configuration_set is None:
            return
    found = backend.configuration_sets.get(out.configuration_set)
    if found is None:
        raise ConfigurationSetNotFound(name=out.configuration_set)  # F17; sendportal#75
    if not found.sending_enabled:
        raise ConfigurationSetSendingPaused(name=out.configuration_set)


@dataclasses.dataclass(frozen=True)
class Sender:
    """What :func:`check_sender` found, for every message with the same sender fields
    (the entries of a bulk send): the sending identities as given and bare, and the
    configuration set the message goes through."""

    fields: tuple[Any, ...]
    given: list[str]
    bare: list[str]
    configuration_set: Optional[str]

    def applies_to(self, out: Outgoing) -> bool:
        return _sender_fields(out) == self.fields


def _sender_fields(out: Outgoing) -> tuple[Any, ...]:
    return out.source, out.senders, out.return_path, out.reply_to, out.configuration_set


def check_sender(backend: Backend, out: Outgoing) -> Sender:
    """The checks of :func:`send` that concern the sender only (for bulk sends, which
    make them once for all entries): addresses, tags, configuration set, the account's
    sending switch and the sending identities. Hand the answer to :func:`send` for each
    message with the same sender fields: they are not checked again."""
    fields = _sender_fields(out)
    senders, bare = sender_identities(out)
    tenants.on_send(backend, out.tenant, bare[0], out.configuration_set, out.template)
    _bare(out.reply_to)
    check_tags(out.tags)
    check_configuration_set(backend, out)
    if not backend.account.sending_enabled:
        raise AccountSendingPaused()
    failed = authorization.unverified_senders(backend, out, senders, bare, None)
    if failed:
        raise IdentityNotVerified(region=backend.region.upper(), identities=", ".join(failed))
    mail_from.envelope_domain(backend.identities, bare[0])  # MailFromDomainNotVerified, as in send()
    return Sender(fields, senders, bare, out.configuration_set)


def sender_identities(out: Outgoing) -> tuple[list[str], list[str]]:
    """The sending identities to verify (Source, From, Sender, Return-Path), as given and bare."""
    if not out.source:
        raise InvalidParameterValue(message="Missing required header 'From'.")  # G5, G38
    senders = _unique([out.source] + out.senders + ([out.return_path] if out.return_path else []))
    return senders, _bare(senders)


def send(backend: Backend, out: Outgoing, sender: Optional[Sender] = None) -> SentMessage:
    """Apply SES's rules to ``out``; record and return the accepted message.

    With ``sender`` (from :func:`check_sender`, for messages with the same sender fields)
    the checks of the sender alone, which it passed, are not made again.
    """
    check_size(out.size, out.max_size)
    check = getattr(out.content, "check", None)
    if check is not None:
        try:
            check()
        except mime.MessageError as error:
            raise InvalidParameterValue(message=str(error)) from None
    # The sender checks a bulk call made once (check_sender) hold for this entry too.
    checked = sender if sender is not None and sender.applies_to(out) else None
    if checked is not None:
        senders, sender_bare = checked.given, checked.bare
    else:
        senders, sender_bare = sender_identities(out)
    tenant = tenants.on_send(backend, out.tenant, sender_bare[0], out.configuration_set, out.template)
    given_recipients = out.envelope if out.envelope is not None else out.to + out.cc + out.bcc
    recipients = _bare(given_recipients)
    if checked is None:
        _bare(out.reply_to)
    check_tags(out.tags)
    if checked is not None:
        out.configuration_set = checked.configuration_set
    else:
        check_configuration_set(backend, out)
    if not recipients:
        # A message must name a recipient (aristidb/aws PR #73; F8).
        raise InvalidParameterValue(message="Missing required header 'To'.")
    if len(recipients) > MAX_RECIPIENTS:
        raise InvalidParameterValue(message=f"Recipient count exceeds {MAX_RECIPIENTS}.")
    account = backend.account
    if not account.sending_enabled:
        raise AccountSendingPaused()
    identities = backend.identities
    # Every sending identity (Source, From, Sender, Return-Path) must be verified, itself
    # or through its domain (F1, F10); in the sandbox every recipient too, except the
    # mailbox simulator (F3, F24). One message names all that failed, as given (F1).
    failed = [] if checked is not None and out.arns is None else authorization.unverified_senders(
        backend, out, senders, sender_bare, recipients)
    # A delegate send: the sandbox applies while either account is in it (authorization.Delegation).
    if (account.sandbox or (out.delegation is not None and out.delegation.owner_sandbox)) and not out.to_seed_list:
        failed += [
            given for given, bare in zip(given_recipients, recipients)
            if not addresses.is_simulator(bare) and not identities.covers(bare)
        ]
    if failed:
        raise IdentityNotVerified(region=backend.region.upper(), identities=", ".join(_unique(failed)))
    # The sender's custom MAIL FROM, or MailFromDomainNotVerified with RejectMessage (seed 003).
    # A delegate sends as the owner's identity, whose MAIL FROM and DKIM settings live in
    # the owner's account: taken to be the ones that apply (?).
    owned = identities if out.delegation is None else backend.world.backend(
        out.delegation.owner_account_id, backend.region).identities
    mail_from_domain = mail_from.envelope_domain(owned, sender_bare[0])
    # Every recipient counts against the daily quota (seed 004), except the mailbox
    # simulator's (F5, mailbox-simulator docs); -1 means no limit (seed 003).
    simulated = [bare for bare in recipients if addresses.is_simulator(bare)]
    counted = len(recipients) - len(simulated)
    if counted and account.max_24_hour_send >= 0 and account.would_exceed_quota(counted):
        raise DailyQuotaExceeded()
    # List management: an unknown list or topic fails the send; new recipients become
    # contacts; who unsubscribed is bounced by settle(); one recipient gets the unsubscribe link.
    listed: dict[str, Any] = {}
    if out.list_management is not None:
        from . import contacts  # loaded with the first send that uses list management

        listed = contacts.on_send(backend, out, recipients)
    stamp = Stamp(
        source=senders[0],  # out.source, checked present by sender_identities
        mail_from_domain=mail_from_domain, dkim_domain=dkim.signing_domain(owned, sender_bare[0]),
        identity_owner=backend.account_id if out.delegation is None else out.delegation.owner_account_id,
        source_arn=None if out.delegation is None else out.delegation.identity_arn,
        tenant=tenant, route=sending_route(backend, out.configuration_set),  # the dedicated IP pool and IP
    )
    now_ns = clock.now_ns()
    message = record_of(backend, out, stamp, ids.message_id(backend.region, now_ns // 1_000_000), now_ns,
                        recipients, listed)
    account.count_send(counted, len(recipients), now_ns / 1e9)
    backend.world.record(message)
    backend.publish(events.SEND, message, at=message.sent_at)
    if out.rendering_error is not None:
        backend.publish(events.RENDERING_FAILURE, message,
                        {"errorMessage": out.rendering_error, "templateName": out.template})
    else:
        settle(backend, message, simulated)  # every recipient's fate: simulator, lists, delivery
    return message


@dataclasses.dataclass(frozen=True)
class Stamp:
    """What a message's record takes from the account's state when SES accepts it: the
    sender as given, its MAIL FROM and DKIM domains, the identity's owner (and ARN, for a
    delegate send), the tenant, and the dedicated IP pool and IP (SentMessage fields)."""

    source: str
    mail_from_domain: Optional[str]
    dkim_domain: Optional[str]
    identity_owner: str
    source_arn: Optional[str]
    tenant: Optional[str]
    route: dict[str, Any]


def record_of(backend: Backend, out: Outgoing, stamp: Stamp, message_id: str, now_ns: int,
              recipients: list[str], listed: dict[str, Any]) -> SentMessage:
    """The record of ``out``, accepted at ``now_ns`` with ``message_id`` (made by :func:`send`,
    and for the entries of a bulk send when first read: fakeses/domain/bulk.py)."""
    return SentMessage(
        message_id=message_id,
        operation=out.operation,
        service=out.service,
        region=backend.region,
        account_id=backend.account_id,
        source=stamp.source,
        to=list(out.to),
        cc=list(out.cc),
        bcc=list(out.bcc),
        destinations=recipients,
        reply_to=list(out.reply_to),
        subject=out.subject,
        sent_at=_dt.datetime.fromtimestamp(now_ns // 1_000_000 / 1000, _dt.timezone.utc),
        return_path=out.return_path,
        template=out.template,
        template_data=out.template_data,
        configuration_set=out.configuration_set,
        tags=dict(out.tags),
        delivered=out.rendering_error is None,
        failure=None if out.rendering_error is None else f"Rendering Failure: {out.rendering_error}",
        identity_owner=stamp.identity_owner,
        source_arn=stamp.source_arn,
        mail_from_domain=stamp.mail_from_domain,
        dkim_domain=stamp.dkim_domain,
        endpoint_id=None if out.endpoint is None else out.endpoint.endpoint_id,
        regions=[backend.region] if out.endpoint is None else list(out.endpoint.regions),
        _content=out.content,
        tenant=stamp.tenant,
        **listed,
        **stamp.route,
    )


# -- raw messages ---------------------------------------------------------------------------

def raw_outgoing(
    data: bytes, *, operation: str, service: str, source: Optional[str], destinations: Optional[list[str]],
    max_size: int,
) -> Outgoing:
    """Read a raw message's header block into an :class:`Outgoing`.

    ``source`` may be omitted when the message has a From header (seed 004, SendRawEmail
    Source); without ``destinations`` the recipients are the To, Cc and Bcc headers.
    """
    check_size(len(data), max_size)
    try:
        fields = mime.read_headers(data)
    except mime.MessageError as error:
        raise InvalidParameterValue(message=str(error)) from None
    by_name: dict[str, list[str]] = {}
    for name, value in fields:
        by_name.setdefault(name.lower(), []).append(value)

    def listed(name: str) -> list[str]:
        return [a.display() for value in by_name.get(name, []) for a in addresses.split_list(value)]

    header_from = listed("from")
    if not source and not header_from:
        raise InvalidParameterValue(message="Missing required header 'From'.")  # G5, G38
    to, cc, bcc = listed("to"), listed("cc"), listed("bcc")
    if not destinations and "to" in by_name and not (to or cc or bcc):
        raise InvalidParameterValue(message="Empty required header 'To'.")  # php-aws-ses#41 (G40b)
    return_path = [v for v in listed("return-path") if v not in ("<>", "")]
    sender = source or header_from[0]
    extra = header_from + listed("sender") + return_path
    subject = by_name.get("subject", [None])[0]
    config = by_name.get("x-ses-configuration-set", [None])[0]
    list_header = by_name.get("x-ses-list-management-options", [None])[0]
    # X-SES-SOURCE-ARN, X-SES-FROM-ARN, X-SES-RETURN-PATH-ARN: "If you include multiple
    # instances of an X-header, Amazon SES uses only the first instance" (developer guide,
    # sending-authorization-delegate-sender-tasks-email); removed before delivery (mime.py).
    arns = [by_name[name][0] if name in by_name else None
            for name in ("x-ses-source-arn", "x-ses-from-arn", "x-ses-return-path-arn")]
    list_management = None
    if list_header is not None:
        from . import contacts  # loaded with the first send that uses list management

        list_management = contacts.parse_header(list_header)
    return Outgoing(
        operation=operation, service=service, source=sender, content=mime.RawContent(bytes(data)),
        to=to, cc=cc, bcc=bcc, reply_to=listed("reply-to"), subject=addresses.decode_words(subject),
        envelope=list(destinations) if destinations else None, senders=_unique(extra),
        return_path=return_path[0] if return_path else None,
        tags=_header_tags(by_name.get("x-ses-message-tags", [])),
        configuration_set=config.strip() if config else None,
        size=len(data), max_size=max_size, from_header=header_from[0] if header_from else None,
        arns=None if arns == [None, None, None] else authorization.IdentityArns(
            *(arn.strip() if arn else None for arn in arns)),
        list_management=list_management,
    )


def _header_tags(values: list[str]) -> list[tuple[str, str]]:
    # X-SES-MESSAGE-TAGS: name=value, name2=value2 (event-publishing docs); the
    # Tags parameter, when given, is used instead (F18).
    pairs = []
    for value in values:
        for item in value.split(","):
            if item.strip():
                name, _, tag_value = item.partition("=")
                pairs.append((name.strip(), tag_value.strip()))
    return pairs
