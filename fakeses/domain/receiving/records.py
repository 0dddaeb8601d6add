"""What a test reads about inbound mail: one frozen record per message given to ``receive()``.

:class:`ReceivedMail` says what SES did with the message: the filter decision, each
rule of the active set (matched or why not), each action run with what it delivered,
and where processing stopped. Its ``repr`` is written for a failing assertion.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any, Optional


@dataclasses.dataclass(frozen=True, slots=True)
class Verdicts:
    """The results of SES's checks on an incoming message, as a test sets them.

    Each of ``spam``, ``virus``, ``spf``, ``dkim`` and ``dmarc`` is "PASS", "FAIL", "GRAY"
    or "PROCESSING_FAILED" (receiving-email-notifications-contents.html); ``dmarc_policy``
    ("none", "quarantine" or "reject") is reported only with a failed DMARC check.
    """

    spam: str = "PASS"
    virus: str = "PASS"
    spf: str = "PASS"
    dkim: str = "PASS"
    dmarc: str = "PASS"
    dmarc_policy: Optional[str] = None


@dataclasses.dataclass(frozen=True, slots=True)
class FilterDecision:
    """How the IP address filters judged the sending server: ``accepted``, and the filter
    that decided (``None``: no filter covers the address)."""

    source_ip: str
    accepted: bool
    filter: Optional[str] = None
    policy: Optional[str] = None

    def __str__(self) -> str:
        if self.filter is None:
            return f"{self.source_ip} accepted (no receipt filter covers it)"
        verb = "accepted" if self.accepted else "rejected at SMTP"
        return f"{self.source_ip} {verb} by {self.policy} filter {self.filter!r}"


@dataclasses.dataclass(frozen=True, slots=True)
class RuleResult:
    """One rule of the active set: whether it ran for the message, for which recipients, and why."""

    rule: str
    matched: bool
    recipients: tuple[str, ...]
    reason: str

    def __str__(self) -> str:
        mark = "matched" if self.matched else "skipped"
        return f"{self.rule!r} {mark}: {self.reason}"


@dataclasses.dataclass(frozen=True, slots=True)
class ActionResult:
    """One action run: its ``type`` ("S3", "SNS", "Lambda", "Bounce", "AddHeader", "Stop",
    "WorkMail", "Connect"), the ``rule`` it belongs to and its ``target`` (bucket, topic,
    function, ...).

    ``delivered`` is what SES delivered there: for S3 ``{"bucket", "key", "body"}`` (the
    stored message, bytes), for SNS the notification (a dict, ``content`` included), for
    Lambda the event, for Bounce the bounce message's id. ``notification`` is the Received
    notification published to the action's own SNS topic (``TopicArn``), or None.
    ``outcome`` says where it went: "delivered" (into moto), "recorded" (no moto: kept
    here only), "skipped" or "failed: ..." with the reason. ``response`` is a
    RequestResponse Lambda function's answer.
    """

    rule: str
    type: str
    target: Optional[str]
    outcome: str
    delivered: Any = None
    notification: Optional[dict[str, Any]] = None
    response: Any = None

    def __str__(self) -> str:
        target = f" {self.target}" if self.target else ""
        return f"{self.type}{target} ({self.rule!r}): {self.outcome}"


@dataclasses.dataclass(frozen=True, slots=True)
class ReceivedMail:
    """A message given to ``handle.receive()`` and what SES did with it.

    ``message_id`` is SES's id for it (the S3 object key's last part, ``mail.messageId``);
    ``sender`` the envelope MAIL FROM; ``recipients`` the envelope recipients given;
    ``accepted`` those SES accepted (a rule of the active set matches them) and
    ``rejected`` the others, each with SES's reason. ``filter`` is the IP filters'
    decision; ``rules`` every rule of the active set in order (matched, or why not);
    ``actions`` every action run, in order; ``stopped`` where processing stopped early
    (a Stop action or a Lambda function's answer), else None. ``raw`` is the message as
    received, ``verdicts`` the checks' results, ``tls`` whether it came over TLS.
    """

    message_id: str
    region: str
    account_id: str
    sender: str
    recipients: tuple[str, ...]
    accepted: tuple[str, ...]
    rejected: tuple[tuple[str, str], ...]
    source_ip: str
    tls: bool
    received_at: _dt.datetime
    raw: bytes
    verdicts: Verdicts
    filter: FilterDecision
    rules: tuple[RuleResult, ...] = ()
    actions: tuple[ActionResult, ...] = ()
    stopped: Optional[str] = None

    def actions_of(self, type: str) -> list[ActionResult]:
        """The actions of ``type`` ("S3", "SNS", "Lambda", ...) run for this message, in order."""
        return [action for action in self.actions if action.type == type]

    @property
    def matched_rules(self) -> list[str]:
        """The names of the rules that ran for this message, in order."""
        return [rule.rule for rule in self.rules if rule.matched]

    def __repr__(self) -> str:
        """Everything a failing test needs: the filter, each rule and why, each action."""
        lines = [f"ReceivedMail({self.message_id} from {self.sender} to {', '.join(self.recipients)}:",
                 f"  filter: {self.filter}"]
        if self.rejected:
            lines += [f"  rejected {address}: {reason}" for address, reason in self.rejected]
        lines += [f"  rule {rule}" for rule in self.rules]
        lines += [f"  action {action}" for action in self.actions]
        if self.stopped:
            lines.append(f"  stopped: {self.stopped}")
        return "\n".join(lines) + ")"
