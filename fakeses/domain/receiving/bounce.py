"""SendBounce: a bounce for a received message, recorded as SES sends it.

SES builds a delivery status notification (RFC 3464) and sends it from ``BounceSender``
(a verified identity) to the received message's sender, its envelope MAIL FROM (seed
004: "sends a bounce message to the sender of an email you received"). The message is
``multipart/report; report-type=delivery-status`` (RFC 6522) with three parts:

1. the explanation, ``text/plain``: ``Explanation`` or, "if not specified, the text is
   auto-generated based on the bounced recipient information" (seed 004): SES's own
   bounce text "An error occurred while trying to deliver the mail to the following
   recipients:" and the addresses (recorded SES bounce, freescout-help-desk/freescout#4605 (?));
2. ``message/delivery-status``: the per-message fields (``Reporting-MTA``, default
   "dns; inbound-smtp.<region>.amazonaws.com", boto3's SendBounce reference;
   ``Arrival-Date``, default when the message was received; extension fields) and, per
   recipient, ``Final-Recipient``, ``Action``, ``Remote-MTA``, ``Status``,
   ``Diagnostic-Code``, ``Last-Attempt-Date`` and extension fields. A recipient's fields
   SES fills from its ``BounceType`` ("most of which would normally be filled in
   automatically when provided with a BounceType", API reference BouncedRecipientInfo):
   the enhanced status codes of RFC 3463 for each type (:data:`BOUNCE_TYPES`, (?));
3. the received message's headers, ``text/rfc822-headers``.

The subject is "Delivery Status Notification (Failure)", as SES's own bounces (freescout#4605 (?)).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import email.utils
import hashlib
from typing import Any, Optional

from ...mail import mime
from .. import authorization, clock
from ..errors import InvalidParameterValue
from ..messages import SentMessage
from ..sending import Outgoing, send
from ..state import Backend
from .errors import BounceRejected

# What SES fills for a BounceType: (Action, Status, Diagnostic-Code) (RFC 3463 codes (?)).
BOUNCE_TYPES: dict[str, tuple[str, str, str]] = {
    "DoesNotExist": ("failed", "5.1.1", "smtp; 550 5.1.1 user unknown"),
    "MessageTooLarge": ("failed", "5.3.4", "smtp; 552 5.3.4 message too large"),
    "ExceededQuota": ("failed", "5.2.2", "smtp; 552 5.2.2 mailbox full"),
    "ContentRejected": ("failed", "5.7.1", "smtp; 550 5.7.1 message content rejected"),
    "Undefined": ("failed", "5.0.0", "smtp; 550 5.0.0 undefined error"),
    "TemporaryFailure": ("delayed", "4.0.0", "smtp; 450 4.0.0 temporary failure"),
}
SUBJECT = "Delivery Status Notification (Failure)"
#: "You can only use this operation on an email up to 24 hours after you receive it" (seed 004).
WINDOW = _dt.timedelta(hours=24)


def fields(given: Optional[list[dict[str, str]]]) -> tuple[tuple[str, str], ...]:
    """``ExtensionFields`` (``[{"Name", "Value"}]``) as pairs, in order."""
    return tuple((f.get("Name") or "", f.get("Value") or "") for f in given or [])


@dataclasses.dataclass(frozen=True, slots=True)
class BouncedRecipient:
    """One ``BouncedRecipientInfo``: the recipient, its bounce type and/or DSN fields."""

    recipient: str
    bounce_type: Optional[str] = None
    recipient_arn: Optional[str] = None
    final_recipient: Optional[str] = None
    action: Optional[str] = None
    remote_mta: Optional[str] = None
    status: Optional[str] = None
    diagnostic_code: Optional[str] = None
    last_attempt_date: Optional[_dt.datetime] = None
    extension_fields: tuple[tuple[str, str], ...] = ()
    has_dsn: bool = False

    @classmethod
    def from_wire(cls, info: dict[str, Any]) -> BouncedRecipient:
        dsn = info.get("RecipientDsnFields")
        if dsn is None:
            return cls(info["Recipient"], info.get("BounceType"), info.get("RecipientArn"))
        last = dsn.get("LastAttemptDate")
        return cls(info["Recipient"], info.get("BounceType"), info.get("RecipientArn"),
                   final_recipient=dsn.get("FinalRecipient"), action=dsn.get("Action"),
                   remote_mta=dsn.get("RemoteMta"), status=dsn.get("Status"),
                   diagnostic_code=dsn.get("DiagnosticCode"),
                   last_attempt_date=last if isinstance(last, _dt.datetime) else None,
                   extension_fields=fields(dsn.get("ExtensionFields")), has_dsn=True)

    def dsn_lines(self) -> list[str]:
        """This recipient's per-recipient DSN fields (RFC 3464 section 2.3)."""
        action, status, diagnostic = BOUNCE_TYPES.get(self.bounce_type or "", ("failed", "5.0.0", None))
        lines = [f"Final-Recipient: rfc822; {self.final_recipient or self.recipient}",
                 f"Action: {self.action or action}"]
        if self.remote_mta:
            lines.append(f"Remote-MTA: {self.remote_mta}")
        lines.append(f"Status: {self.status or status}")
        if self.diagnostic_code or diagnostic:
            lines.append(f"Diagnostic-Code: {self.diagnostic_code or diagnostic}")
        if self.last_attempt_date is not None:
            lines.append(f"Last-Attempt-Date: {_date(self.last_attempt_date)}")
        lines += [f"{name}: {value}" for name, value in self.extension_fields]
        return lines


def _date(when: _dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.timezone.utc)
    return email.utils.format_datetime(when)


def send_bounce(backend: Backend, *, original_message_id: str, sender: str, recipients: list[BouncedRecipient],
                explanation: Optional[str] = None, reporting_mta: Optional[str] = None,
                arrival_date: Optional[_dt.datetime] = None, extension_fields: tuple[tuple[str, str], ...] = (),
                sender_arn: Optional[str] = None) -> SentMessage:
    """Build the bounce for the received message ``original_message_id`` and send it
    through the normal send path (so the sender's identity is checked as for any send).

    Raises ``MessageRejected`` for a message SES did not receive (or received more than
    24 hours ago), ``InvalidParameterValue`` for a recipient with neither a bounce type
    nor DSN fields, and the send path's errors.
    """
    original = backend.receiving.received(original_message_id)
    if original is None or clock.utcnow() - original.received_at > WINDOW:
        # The text SES gives is not recorded (?).
        raise BounceRejected(message=f"Could not find original message with id {original_message_id}.")
    if not recipients:
        raise InvalidParameterValue(message="BouncedRecipientInfoList must contain at least one recipient.")  # (?)
    for info in recipients:
        if info.bounce_type is None and not info.has_dsn:
            # "You must provide either this parameter or RecipientDsnFields" (API reference); text (?).
            raise InvalidParameterValue(
                message=f"Either BounceType or RecipientDsnFields must be specified for recipient {info.recipient}.")
    raw = _report(backend, original, sender, recipients, explanation, reporting_mta, arrival_date,
                  extension_fields)
    out = Outgoing(operation="SendBounce", service="ses", source=sender, content=mime.RawContent(raw),
                   to=[original.sender], subject=SUBJECT, envelope=[original.sender], size=len(raw))
    authorization.given(out, source=sender_arn)
    return send(backend, out)


def _report(backend: Backend, original: Any, sender: str, recipients: list[BouncedRecipient],
            explanation: Optional[str], reporting_mta: Optional[str], arrival_date: Optional[_dt.datetime],
            extension_fields: tuple[tuple[str, str], ...]) -> bytes:
    boundary = "=_" + hashlib.sha1(original.message_id.encode()).hexdigest()[:24]
    text = explanation if explanation is not None else (
        "An error occurred while trying to deliver the mail to the following recipients:\r\n"
        + "\r\n".join(r.recipient for r in recipients))
    per_message = [f"Reporting-MTA: {reporting_mta or f'dns; inbound-smtp.{backend.region}.amazonaws.com'}",
                   f"Arrival-Date: {_date(arrival_date or original.received_at)}"]
    per_message += [f"{name}: {value}" for name, value in extension_fields]
    head, _ = mime.split_head(original.raw)
    headers = head.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\n", "\r\n").rstrip("\r\n")
    return report(sender=sender, to=original.sender, boundary=boundary, text=text, per_message=per_message,
                  recipients=[r.dsn_lines() for r in recipients], headers=headers, transfer_encoding="8bit")


def report(*, sender: str, to: str, boundary: str, text: str, per_message: list[str], recipients: list[list[str]],
           headers: str, transfer_encoding: Optional[str] = None) -> bytes:
    """A delivery status notification (RFC 3464) from ``sender`` to ``to``: the ``text``
    part, the per-message and per-recipient DSN fields, and the original's ``headers``.
    SendBounce's and the receipt rules' Bounce action write theirs with it."""
    status = "\r\n".join(per_message) + "\r\n" + "".join("\r\n" + "\r\n".join(lines) + "\r\n"
                                                        for lines in recipients)
    lines = [
        f"From: {sender}",
        f"To: {to}",
        f"Subject: {SUBJECT}",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=UTF-8",
        *([f"Content-Transfer-Encoding: {transfer_encoding}"] if transfer_encoding else []),
        "",
        text,
        "",
        f"--{boundary}",
        "Content-Type: message/delivery-status",
        "",
        status,
        f"--{boundary}",
        "Content-Type: text/rfc822-headers",
        "",
        headers,
        "",
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")
