"""Bulk templated sending: one template, up to 50 entries, one message and one result each.

What fails the whole call and what fails only an entry follows one rule: a check that
gives the same answer for every entry (the template, the sender, the account's sending
switch, the configuration set, the default data) fails the call before anything is sent;
a check about one entry (its addresses, its recipients in the sandbox, its data, the
quota as it runs out) fails only that entry, with the status SES's model names for it
(BulkEmailStatus). Results are in entry order (F20).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Optional

from ..mail import mime
from . import errors as e
from ._records import quick_init
from .messages import SentMessage
from .sending import MAX_RECIPIENTS, Outgoing, check_sender, send
from .state import Backend
from .templated import parse_data, personalize, raise_if_strict
from .templates import EmailTemplate

MAX_ENTRIES = 50  # "up to 50 destinations in each call" (seed 004, SendBulkTemplatedEmail)


@dataclasses.dataclass
class Entry:
    """One destination of a bulk send, with what replaces the defaults for it."""

    out: Outgoing
    data: Optional[str] = None
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    headers: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    attachments: list[mime.Attachment] = dataclasses.field(default_factory=list)


@quick_init  # one per entry (_records.py)
@dataclasses.dataclass(frozen=True, slots=True)
class Result:
    """An entry's outcome: the accepted message, or a v2 status name and SES's text."""

    message: Optional[SentMessage]
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
    merged = dict(default)
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
              default_tags: Sequence[tuple[str, str]], entries: Sequence[Entry]) -> list[Result]:
    """Send one message per entry; raise for what fails them all, report the rest."""
    if not entries:
        raise e.InvalidParameterValue(message="Destinations cannot be empty")  # (?) model: required list
    if len(entries) > MAX_ENTRIES:
        raise e.InvalidParameterValue(message=f"Recipient count exceeds {MAX_RECIPIENTS}.")  # (?) F6 text
    default = parse_data(default_data)
    first = entries[0].out
    first.tags = combine_tags(default_tags, [])
    sender = check_sender(backend, first)  # once: the entries share the sender fields
    results: list[Result] = []
    for entry in entries:
        try:
            values = merge(default, parse_data(entry.data)) if entry.data else default
            out = personalize(entry.out, template, values, headers=entry.headers, attachments=entry.attachments)
            out.tags = combine_tags(default_tags, entry.tags)
            results.append(Result(send(backend, out, sender)))
        except e.DomainError as error:
            results.append(Result(None, status_for(error), error.message_for(first.service)))
    raise_if_strict(backend, [r.message for r in results if r.message is not None])
    return results
