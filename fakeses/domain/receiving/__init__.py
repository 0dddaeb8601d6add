"""Email receiving: receipt filters, receipt rule sets and rules, and received messages.

One :class:`Receiving` per (account, region) backend, as ``backend.receiving``. It holds

- ``filters``: the IP address filters, in creation order (:class:`ReceiptFilter`);
- ``rule_sets``: the receipt rule sets by name (:class:`ReceiptRuleSet`, each with its
  ordered rules, :class:`ReceiptRule`, and their actions, one dataclass per action type);
- ``active_rule_set``: the name of the active set, or None;
- the received messages, by SES message id (:meth:`Receiving.remember` /
  :meth:`Receiving.received`), which SendBounce answers.

The engine that runs the active set on an incoming message (``handle.receive()``) reads
:meth:`Receiving.active` and :attr:`Receiving.filters` (see :func:`filters.admits`) and
records each message with :meth:`Receiving.remember`.

Records are frozen; the store replaces a set when one of its rules changes, so a set read
from :meth:`Receiving.active` is a snapshot that later calls do not change under a reader.
The store is changed under the backend's lock (the API layer holds it).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Optional

from .filters import ReceiptFilter, admits
from .rules import (
    AddHeaderAction,
    BounceAction,
    ConnectAction,
    LambdaAction,
    ReceiptAction,
    ReceiptRule,
    ReceiptRuleSet,
    S3Action,
    SNSAction,
    StopAction,
    WorkmailAction,
)

__all__ = [
    "AddHeaderAction", "BounceAction", "ConnectAction", "LambdaAction", "ReceiptAction", "ReceiptFilter",
    "ReceiptRule", "ReceiptRuleSet", "ReceivedMessage", "Receiving", "S3Action", "SNSAction", "StopAction",
    "WorkmailAction", "admits",
]


@dataclasses.dataclass(frozen=True, slots=True)
class ReceivedMessage:
    """A message SES accepted for receiving: what SendBounce and the receipt actions read.

    ``raw`` is the message as received (before any AddHeader action); ``sender`` the
    envelope MAIL FROM (where a bounce goes); ``recipients`` the envelope recipients SES
    accepted; ``received_at`` when it arrived (the clock's time).
    """

    message_id: str
    raw: bytes
    recipients: tuple[str, ...]
    sender: str
    received_at: _dt.datetime
    source_ip: Optional[str] = None


class Receiving:
    """The receiving state of one backend: filters, rule sets, the active set, received mail."""

    def __init__(self) -> None:
        #: The IP address filters, in creation order.
        self.filters: list[ReceiptFilter] = []
        #: The rule sets by name, in creation order.
        self.rule_sets: dict[str, ReceiptRuleSet] = {}
        #: The name of the active rule set, or None when no set is active.
        self.active_rule_set: Optional[str] = None
        self._received: dict[str, ReceivedMessage] = {}

    def active(self) -> Optional[ReceiptRuleSet]:
        """The active rule set (a snapshot), or None when none is active."""
        if self.active_rule_set is None:
            return None
        return self.rule_sets.get(self.active_rule_set)

    def remember(self, message_id: str, raw: bytes, recipients: "tuple[str, ...] | list[str]", sender: str,
                 received_at: _dt.datetime, source_ip: Optional[str] = None) -> ReceivedMessage:
        """Keep a message received as ``message_id`` (so SendBounce can answer it); returns its record."""
        record = ReceivedMessage(message_id, raw, tuple(recipients), sender, received_at, source_ip)
        self._received[message_id] = record
        return record

    def received(self, message_id: str) -> Optional[ReceivedMessage]:
        """The message received as ``message_id``, or None."""
        return self._received.get(message_id)
