"""What SES writes about a received message: the stored message, the Received notification,
the Lambda event. Pure functions; the fixtures in tests/unit/domain/receiving_examples/
hold the recorded documents they follow, each with its source.

- The stored message (the S3 object, the SNS ``content``): the message as received,
  below the header fields SES adds on top, in this order (recorded 2021-09-27 by
  mozilla/fx-private-relay, ``emails/tests/fixtures/s3_stored_email_sns_body.json``; the
  developer guide's Lambda and SNS examples of 2019, receiving-email-action-lambda-event):
  Return-Path, Received, X-SES-Spam-Verdict and X-SES-Virus-Verdict (when the rule scans),
  Received-SPF, Authentication-Results, X-SES-RECEIPT, X-SES-DKIM-SIGNATURE.
- The Received notification: ``notificationType``, ``mail``, ``receipt`` (and ``content``
  for the SNS action), in that order (the 2021 recordings and the guide's 2019 SNS example;
  the guide's older alert example puts ``receipt`` first). Published with the SNS Subject
  "Amazon SES Email Receipt Notification" (recorded 2021; the guide's Lambda-over-SNS record).
- The Lambda event: ``{"Records": [{"eventSource": "aws:ses", "eventVersion": "1.0",
  "ses": {"mail", "receipt"}}]}``, ``mail`` and ``receipt`` as in the notification, no
  content (receiving-email-action-lambda-event).
"""
from __future__ import annotations

import base64
import datetime as _dt
import email.utils
import hashlib
import re
from collections.abc import Sequence
from typing import Any, Optional

from ..event_json import _unfold, header_list, timestamp
from .records import Verdicts

unfold = _unfold  # the header fields of a message, unfolded as SES lists them

#: The SNS Subject of every receiving notification (recorded 2021-09-27, 2019 guide example).
SUBJECT = "Amazon SES Email Receipt Notification"

#: The largest message the SNS action carries: "the maximum email size (including
#: headers) is 150 KB. Larger emails will bounce." (receiving-email-action-sns).
SNS_MAX_SIZE = 150 * 1024
#: The largest message the S3 action stores: "the default maximum email size (including
#: headers) is 30 MB" (receiving-email-action-s3).
S3_MAX_SIZE = 30 * 1024 * 1024

# Authentication-Results words for each verdict (RFC 8601 results; GRAY: no policy found).
_RESULT = {"PASS": "pass", "FAIL": "fail", "GRAY": "none", "PROCESSING_FAILED": "temperror"}


def helo_of(sender: str) -> str:
    """The name the sending server greets with: ``mail.<sender's domain>`` (?)."""
    domain = sender.rpartition("@")[2] or "example.com"
    return f"mail.{domain}"


def smtp_date(at: _dt.datetime) -> str:
    """The Received header's date: ``Mon, 27 Sep 2021 20:16:39 +0000 (UTC)`` (recorded)."""
    return email.utils.format_datetime(at.astimezone(_dt.timezone.utc)).replace("-0000", "+0000") + " (UTC)"


def ses_headers(*, message_id: str, sender: str, recipient: str, source_ip: str, region: str,
                at: _dt.datetime, verdicts: Verdicts, scan: bool, from_domain: Optional[str]) -> list[tuple[str, str]]:
    """The header fields SES puts on top of a received message, in SES's order."""
    helo = helo_of(sender)
    sender_domain = sender.rpartition("@")[2]
    spf = _RESULT.get(verdicts.spf, "none")
    spf_text = (f"{spf} (spfCheck: domain of {sender_domain} designates {source_ip} as permitted sender) "
                f"client-ip={source_ip}; envelope-from={sender}; helo={helo};")
    header_from = from_domain or sender_domain
    fields = [
        ("Return-Path", f"<{sender}>"),
        # Folded as stored (the guide's SNS examples' content, 2015 and 2019): "\n " is a fold.
        ("Received", f"from {helo} ({helo} [{source_ip}])\n by inbound-smtp.{region}.amazonaws.com with SMTP id "
                     f"{message_id}\n for {recipient};\n {smtp_date(at)}"),
    ]
    if scan:
        fields += [("X-SES-Spam-Verdict", verdicts.spam), ("X-SES-Virus-Verdict", verdicts.virus)]
    fields += [
        ("Received-SPF", spf_text),
        ("Authentication-Results", f"amazonses.com;\n spf={spf_text}\n dkim={_RESULT.get(verdicts.dkim, 'none')} "
                                   f"header.i=@{header_from};\n dmarc={_RESULT.get(verdicts.dmarc, 'none')} "
                                   f"header.from={header_from};"),
        # Opaque to receivers: base64 of SES's own data (recorded values start "AEFBQUFB").
        ("X-SES-RECEIPT", "AEFBQUFBQUFBQUFB" + base64.b64encode(hashlib.sha256(message_id.encode()).digest()
                                                                ).decode("ascii")),
        ("X-SES-DKIM-SIGNATURE", "a=rsa-sha256; q=dns/txt; b=" + base64.b64encode(
            hashlib.sha256(b"b" + message_id.encode()).digest()).decode("ascii")
            + f"; c=relaxed/simple; s=fakeses; d=amazonses.com; t={int(at.timestamp())}; v=1; bh="
            + base64.b64encode(hashlib.sha256(b"bh" + message_id.encode()).digest()).decode("ascii")
            + "; h=From:To:Cc:Bcc:Subject:Date:Message-ID:MIME-Version:Content-Type:X-SES-RECEIPT;"),
    ]
    return fields


def prepend(raw: bytes, fields: Sequence[tuple[str, str]]) -> bytes:
    """``raw`` with ``fields`` added on top, in the message's own line ending (a value's
    ``"\\n "`` is a fold)."""
    newline = b"\r\n" if b"\r\n" in raw[:4096] or b"\n" not in raw[:4096] else b"\n"
    head = b"".join(f"{name}: {value}".encode("utf-8").replace(b"\n", newline) + newline for name, value in fields)
    return head + raw


# -- the notification ------------------------------------------------------------------------------

def mail_object(stored: bytes, *, message_id: str, sender: str, destination: Sequence[str],
                at: _dt.datetime) -> dict[str, Any]:
    """``mail``: the stored message's header fields (SES's included), and its common headers."""
    fields = _unfold(stored)
    return {"timestamp": timestamp(at), "source": sender, "messageId": message_id,
            "destination": list(destination), **header_list(fields), "commonHeaders": common_headers(fields)}


# Keys in SES's order: returnPath, from, date, to, messageId, subject are recorded in this
# order (2021, 2019); sender, replyTo, cc and bcc are placed as in sending events (?).
_COMMON = (("return-path", "returnPath"), ("from", "from"), ("sender", "sender"), ("reply-to", "replyTo"),
           ("date", "date"), ("to", "to"), ("cc", "cc"), ("bcc", "bcc"), ("message-id", "messageId"),
           ("subject", "subject"))
_LISTED = {"from", "sender", "reply-to", "to", "cc", "bcc"}


def common_headers(fields: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """``commonHeaders`` of a received message: address headers as lists of the addresses as
    written (quotes kept: ``"\\"Doe, John\\" <sender@example.com>"``, guide 2019), the
    Return-Path's bare address (recorded 2021: ``source@sender.com``)."""
    first: dict[str, str] = {}
    for name, value in fields:
        first.setdefault(name.lower(), value)
    common: dict[str, Any] = {}
    for name, key in _COMMON:
        if name not in first:
            continue
        value = first[name]
        if name == "return-path":
            common[key] = value.strip().strip("<>")
        elif name in _LISTED:
            common[key] = split_addresses(value)
        else:
            common[key] = value
    return common


def split_addresses(value: str) -> list[str]:
    """The addresses of an address-list header, each as written (commas inside quotes or
    angle brackets do not split)."""
    out: list[str] = []
    current: list[str] = []
    quoted = angle = False
    for char in value:
        if char == '"':
            quoted = not quoted
        elif char == "<" and not quoted:
            angle = True
        elif char == ">" and not quoted:
            angle = False
        if char == "," and not quoted and not angle:
            out.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    out.append("".join(current).strip())
    return [item for item in out if item]


_BARE = re.compile(r"<([^<>]*)>\s*$")


def bare_address(value: str) -> str:
    """The address of ``"Name" <a@b>`` or ``a@b``."""
    found = _BARE.search(value)
    return (found.group(1) if found else value).strip()


def receipt_object(*, at: _dt.datetime, processing_ms: int, recipients: Sequence[str], verdicts: Verdicts,
                   scan: bool, action: dict[str, Any]) -> dict[str, Any]:
    """``receipt``: when, for whom, the checks' verdicts and the action.

    Without scanning, the spam and virus verdicts are "DISABLED" (?: the contents page
    lists PASS, FAIL, GRAY and PROCESSING_FAILED for a scanned message).
    """
    receipt: dict[str, Any] = {
        "timestamp": timestamp(at), "processingTimeMillis": processing_ms, "recipients": list(recipients),
        "spamVerdict": {"status": verdicts.spam if scan else "DISABLED"},
        "virusVerdict": {"status": verdicts.virus if scan else "DISABLED"},
        "spfVerdict": {"status": verdicts.spf}, "dkimVerdict": {"status": verdicts.dkim},
        "dmarcVerdict": {"status": verdicts.dmarc},
    }
    # "This field only appears if the message fails DMARC authentication" (contents page;
    # recorded 2021 with "reject").
    if verdicts.dmarc == "FAIL":
        receipt["dmarcPolicy"] = verdicts.dmarc_policy or "none"
    receipt["action"] = action
    return receipt


def notification(mail: dict[str, Any], receipt: dict[str, Any], content: Optional[str] = None) -> dict[str, Any]:
    """The Received notification; ``content`` only from an SNS action."""
    document: dict[str, Any] = {"notificationType": "Received", "mail": mail, "receipt": receipt}
    if content is not None:
        document["content"] = content
    return document


def lambda_event(mail: dict[str, Any], receipt: dict[str, Any]) -> dict[str, Any]:
    """The event a Lambda action invokes its function with (receiving-email-action-lambda-event)."""
    return {"Records": [{"eventSource": "aws:ses", "eventVersion": "1.0", "ses": {"mail": mail, "receipt": receipt}}]}


def content_of(stored: bytes, encoding: Optional[str]) -> str:
    """The SNS notification's ``content``: the stored message in UTF-8 (the default) or Base64."""
    if (encoding or "UTF-8").upper() == "BASE64":
        return base64.b64encode(stored).decode("ascii")
    return stored.decode("utf-8", errors="replace")


def object_key(prefix: Optional[str], message_id: str) -> str:
    """The S3 object key: the prefix as a folder, then the message id. "if you use Email as
    your Object Key Prefix, your emails will appear ... in a folder named Email"
    (receiving-email-action-s3); recorded 2021: prefix ``/emails``, key ``/emails/<id>``."""
    if not prefix:
        return message_id
    return prefix + message_id if prefix.endswith("/") else f"{prefix}/{message_id}"


def encoding_word(encoding: Optional[str]) -> str:
    """``receipt.action.encoding``: "BASE64" (guide 2019) or "UTF8" (?)."""
    return "BASE64" if (encoding or "UTF-8").upper() == "BASE64" else "UTF8"
