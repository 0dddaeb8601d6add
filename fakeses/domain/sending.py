"""Sending: the rules SES applies before it accepts a message, and the record kept.

Order of checks, each with SES's error: addresses (syntax), recipient count, size,
account sending switch, sender identities, sandbox recipients, daily quota.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import time
from typing import Any, Optional

from ..mail import addresses
from . import ids
from .errors import (
    AccountSendingPaused,
    ConfigurationSetNotFound,
    InvalidAddress,
    DailyQuotaExceeded,
    IdentityNotVerified,
    InvalidParameterValue,
)
from .messages import SentMessage
from .state import Backend

MAX_RECIPIENTS = 50  # "Recipient count exceeds 50." (doubleunion/arooo#243; F6)


@dataclasses.dataclass
class Outgoing:
    """A message as a handler hands it to the domain (addresses as the caller gave them)."""

    operation: str
    service: str
    source: str
    content: Any
    to: list[str] = dataclasses.field(default_factory=list)
    cc: list[str] = dataclasses.field(default_factory=list)
    bcc: list[str] = dataclasses.field(default_factory=list)
    reply_to: list[str] = dataclasses.field(default_factory=list)
    subject: Optional[str] = None
    return_path: Optional[str] = None
    envelope: Optional[list[str]] = None  # explicit envelope recipients (raw sends)
    senders: list[str] = dataclasses.field(default_factory=list)  # extra headers to verify
    tags: dict[str, str] = dataclasses.field(default_factory=dict)
    configuration_set: Optional[str] = None
    template: Optional[str] = None
    template_data: Any = None
    size: int = 0
    max_size: int = 10485760


def _bare(values: list[str]) -> list[str]:
    out = []
    for value in values:
        try:
            out.append(addresses.check(value))
        except addresses.AddressError as error:
            raise InvalidAddress(reason=str(error), address=value) from None
    return out


def check_tags(tags: dict[str, str]) -> None:
    """Message tags, with SES's texts (LocalStack AWS snapshot 2024-07-30; F15)."""
    for name in tags:
        if not name:
            raise InvalidParameterValue(message="The tag name must be specified.")
        if len(name) > 255:
            raise InvalidParameterValue(message="Tag name cannot exceed 255 characters.")
        bare = name[4:] if name.startswith("ses:") else name
        if not all(c.isascii() and (c.isalnum() or c in "_-") for c in bare):
            raise InvalidParameterValue(
                message=f"Invalid tag name <{name}>: only alphanumeric ASCII characters, '_',  '-' are allowed."
            )
    for name, value in tags.items():
        if not value:
            raise InvalidParameterValue(message="The tag value must be specified.")
        if len(value) > 255:
            raise InvalidParameterValue(message="Tag value cannot exceed 255 characters.")
        if not all(c.isascii() and (c.isalnum() or c in "_-.@") for c in value):
            raise InvalidParameterValue(
                message=f"Invalid tag value <{value}>: only alphanumeric ASCII characters, '_',  '-' , '.', '@' are allowed."
            )


def send(backend: Backend, out: Outgoing) -> SentMessage:
    """Apply SES's rules to ``out``; record and return the accepted message."""
    source = _bare([out.source])[0]
    reply_to = _bare(out.reply_to)
    recipients = _bare(out.envelope) if out.envelope is not None else _bare(out.to + out.cc + out.bcc)
    return_path = _bare([out.return_path])[0] if out.return_path else None
    extra_senders = _bare(out.senders)
    check_tags(out.tags)
    if out.configuration_set is not None and out.configuration_set not in backend.configuration_sets:
        raise ConfigurationSetNotFound(name=out.configuration_set)
    if not recipients:
        # A message must name a recipient (aristidb/aws PR #73: raw message without To).
        raise InvalidParameterValue(message="Missing required header 'To'.")
    if len(recipients) > MAX_RECIPIENTS:
        raise InvalidParameterValue(message=f"Recipient count exceeds {MAX_RECIPIENTS}.")
    if out.size > out.max_size:
        # aws/aws-sdk-go-v2#1774 (F7)
        raise InvalidParameterValue(
            message=f"Message length is more than {out.max_size} bytes long: '{out.size}'."
        )
    account = backend.account
    if not account.sending_enabled:
        raise AccountSendingPaused()
    identities = backend.identities
    region = backend.region.upper()
    failed: list[str] = []
    checked = [(out.source, source)] + list(zip(out.senders, extra_senders))
    if out.return_path and return_path:
        checked.append((out.return_path, return_path))
    for given, bare in checked:
        if not identities.covers(bare) and given not in failed:
            failed.append(given)
    if failed:
        raise IdentityNotVerified(region=region, identities=", ".join(failed))
    if account.sandbox:
        given_recipients = out.envelope if out.envelope is not None else out.to + out.cc + out.bcc
        blocked = [
            given
            for given, bare in zip(given_recipients, recipients)
            if not addresses.is_simulator(bare) and not identities.covers(bare)
        ]
        if blocked:
            raise IdentityNotVerified(region=region, identities=", ".join(blocked))
    # Mailbox simulator sends do not count against the daily quota (F5, mailbox-simulator docs).
    counted = sum(1 for bare in recipients if not addresses.is_simulator(bare))
    if counted and account.would_exceed_quota(counted):
        raise DailyQuotaExceeded()
    now_ns = time.time_ns()
    now = now_ns / 1e9
    message = SentMessage(
        message_id=ids.message_id(backend.region, now_ns // 1_000_000),
        operation=out.operation,
        service=out.service,
        region=backend.region,
        account_id=backend.account_id,
        source=out.source,
        to=list(out.to),
        cc=list(out.cc),
        bcc=list(out.bcc),
        destinations=recipients,
        reply_to=list(out.reply_to),
        subject=out.subject,
        sent_at=_dt.datetime.fromtimestamp(now, _dt.timezone.utc),
        return_path=out.return_path,
        template=out.template,
        template_data=out.template_data,
        configuration_set=out.configuration_set,
        tags=dict(out.tags),
        _content=out.content,
    )
    account.count_send(counted, len(recipients), now)
    backend.world.record(message)
    return message
