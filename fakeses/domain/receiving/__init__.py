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
from .store import ReceivedMessage, Receiving

__all__ = [
    "AddHeaderAction", "BounceAction", "ConnectAction", "LambdaAction", "ReceiptAction", "ReceiptFilter",
    "ReceiptRule", "ReceiptRuleSet", "ReceivedMessage", "Receiving", "S3Action", "SNSAction", "StopAction",
    "WorkmailAction", "admits",
]
