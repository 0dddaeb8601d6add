"""Sending: v1 SendEmail and SendRawEmail, v2 SendEmail (Simple and Raw content).

Each handler turns the request into an :class:`~fakeses.domain.sending.Outgoing` and
lets the domain apply SES's rules; both APIs share those rules and the record.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain.errors import BadRequest, InvalidParameterValue, Unsupported
from ..domain.sending import Outgoing, send
from ..domain.state import Backend
from ..mail.addresses import decode_words
from ..mail.mime import Attachment, RawContent, SimpleContent, read_headers
from . import operation

V1_MAX_SIZE = 10485760  # "Message length is more than 10485760 bytes long" (F7)
V2_MAX_SIZE = 41943040  # 40 MB for v2, attachments included (F7, G43)

# Headers that may appear once only: the recorded "Duplicate header 'X'." cases (F8)
# and RFC 5322's single-occurrence fields.
_SINGLE = ("from", "sender", "reply-to", "to", "cc", "bcc", "message-id", "in-reply-to", "references",
           "subject", "date", "content-type", "list-unsubscribe", "dkim-signature", "delivered-to")


def _v1_tags(tags: Optional[list[dict[str, str]]]) -> dict[str, str]:
    return {tag.get("Name", ""): tag.get("Value", "") for tag in tags or []}


def _charset(content: Optional[dict[str, Any]]) -> str:
    return (content or {}).get("Charset") or "UTF-8"


def _data(content: Optional[dict[str, Any]]) -> Optional[str]:
    return None if content is None else content.get("Data", "")


def _simple(message: dict[str, Any], **extra: Any) -> tuple[Optional[str], SimpleContent]:
    subject = message.get("Subject") or {}
    body = message.get("Body") or {}
    content = SimpleContent(
        text=_data(body.get("Text")), html=_data(body.get("Html")),
        subject_charset=_charset(subject), text_charset=_charset(body.get("Text")),
        html_charset=_charset(body.get("Html")), **extra,
    )
    return subject.get("Data"), content


def _size(content: SimpleContent) -> int:
    return sum(len(part or "") for part in (content.text, content.html)) + sum(
        len(a.data) * 4 // 3 for a in content.attachments
    )


# -- v1 ----------------------------------------------------------------------------------

@operation("ses", "SendEmail")
def send_email(
    backend: Backend, *, Source: str, Destination: dict[str, list[str]], Message: dict[str, Any],
    ReplyToAddresses: Optional[list[str]] = None, ReturnPath: Optional[str] = None,
    SourceArn: Optional[str] = None, ReturnPathArn: Optional[str] = None,
    Tags: Optional[list[dict[str, str]]] = None, ConfigurationSetName: Optional[str] = None,
) -> dict[str, Any]:
    subject, content = _simple(Message)
    sent = send(backend, Outgoing(
        operation="SendEmail", service="ses", source=Source, content=content, subject=subject,
        to=Destination.get("ToAddresses") or [], cc=Destination.get("CcAddresses") or [],
        bcc=Destination.get("BccAddresses") or [], reply_to=ReplyToAddresses or [],
        return_path=ReturnPath, tags=_v1_tags(Tags), configuration_set=ConfigurationSetName,
        size=_size(content), max_size=V1_MAX_SIZE,
    ))
    return {"MessageId": sent.message_id}


@operation("ses", "SendRawEmail")
def send_raw_email(
    backend: Backend, *, RawMessage: dict[str, bytes], Source: Optional[str] = None,
    Destinations: Optional[list[str]] = None, FromArn: Optional[str] = None,
    SourceArn: Optional[str] = None, ReturnPathArn: Optional[str] = None,
    Tags: Optional[list[dict[str, str]]] = None, ConfigurationSetName: Optional[str] = None,
) -> dict[str, Any]:
    out = _raw(RawMessage["Data"], Source, Destinations, "SendRawEmail", "ses", V1_MAX_SIZE)
    out.tags = _v1_tags(Tags)
    out.configuration_set = ConfigurationSetName or out.configuration_set
    return {"MessageId": send(backend, out).message_id}


def _raw(
    data: bytes, source: Optional[str], destinations: Optional[list[str]], operation_name: str,
    service: str, max_size: int,
) -> Outgoing:
    headers = read_headers(data)
    names = [name.lower() for name in headers.keys()]
    for name in _SINGLE:
        if names.count(name) > 1:
            original = next(k for k in headers.keys() if k.lower() == name)
            raise InvalidParameterValue(message=f"Duplicate header '{original}'.")  # F8
    header_from = headers.get_all("From") or []
    if not source and not header_from:
        raise InvalidParameterValue(message="Missing required header 'From'.")  # G5
    to, cc, bcc = (_addresses(headers, name) for name in ("To", "Cc", "Bcc"))
    if destinations is None and headers.get("To") is not None and not to and not cc and not bcc:
        raise InvalidParameterValue(message="Empty required header 'To'.")  # G40b
    from_addresses = _addresses(headers, "From")
    sender = source or (from_addresses[0] if from_addresses else header_from[0])
    # Every sending identity is checked: Source, From, Sender, Return-Path (F1, docs).
    extra = [a for a in from_addresses + _addresses(headers, "Sender") + _addresses(headers, "Return-Path")
             if a != sender]
    return Outgoing(
        operation=operation_name, service=service, source=sender, content=RawContent(bytes(data)),
        to=to, cc=cc, bcc=bcc, reply_to=_addresses(headers, "Reply-To"),
        subject=decode_words(headers.get("Subject")), envelope=list(destinations) if destinations else None,
        senders=extra, configuration_set=headers.get("X-SES-CONFIGURATION-SET"),
        size=len(data), max_size=max_size,
    )


def _addresses(headers: Any, name: str) -> list[str]:
    import email.utils

    values = [decode_words(str(v)) or "" for v in headers.get_all(name) or []]
    return [email.utils.formataddr(pair) if pair[0] else pair[1] for pair in email.utils.getaddresses(values) if pair[1]]


# -- v2 ----------------------------------------------------------------------------------

@operation("sesv2", "SendEmail")
def send_email_v2(
    backend: Backend, *, Content: dict[str, Any], FromEmailAddress: Optional[str] = None,
    FromEmailAddressIdentityArn: Optional[str] = None, Destination: Optional[dict[str, list[str]]] = None,
    ReplyToAddresses: Optional[list[str]] = None, FeedbackForwardingEmailAddress: Optional[str] = None,
    FeedbackForwardingEmailAddressIdentityArn: Optional[str] = None,
    EmailTags: Optional[list[dict[str, str]]] = None, ConfigurationSetName: Optional[str] = None,
    EndpointId: Optional[str] = None, TenantName: Optional[str] = None,
    ListManagementOptions: Optional[dict[str, Any]] = None,
) -> dict[str, Any]:
    destination = Destination or {}
    tags = _v1_tags(EmailTags)
    if "Raw" in Content:
        out = _raw(Content["Raw"]["Data"], FromEmailAddress, _envelope(destination), "SendEmail", "sesv2", V2_MAX_SIZE)
        out.tags = tags
        out.configuration_set = ConfigurationSetName or out.configuration_set
        out.reply_to = ReplyToAddresses or out.reply_to
        out.return_path = FeedbackForwardingEmailAddress
    elif "Simple" in Content:
        if not FromEmailAddress:
            raise BadRequest(message="")  # no message at all (floci, verified against SES; G38)
        message = Content["Simple"]
        subject, content = _simple(
            message,
            headers=[(h["Name"], h["Value"]) for h in message.get("Headers") or []],
            attachments=[_attachment(a) for a in message.get("Attachments") or []],
        )
        out = Outgoing(
            operation="SendEmail", service="sesv2", source=FromEmailAddress, content=content, subject=subject,
            to=destination.get("ToAddresses") or [], cc=destination.get("CcAddresses") or [],
            bcc=destination.get("BccAddresses") or [], reply_to=ReplyToAddresses or [],
            return_path=FeedbackForwardingEmailAddress, tags=tags, configuration_set=ConfigurationSetName,
            size=_size(content), max_size=V2_MAX_SIZE,
        )
    elif "Template" in Content:
        raise Unsupported(message="fakeses does not send templated content (Content.Template) yet.")
    else:
        raise BadRequest(message="")
    return {"MessageId": send(backend, out).message_id}


def _envelope(destination: dict[str, list[str]]) -> Optional[list[str]]:
    addresses = [a for key in ("ToAddresses", "CcAddresses", "BccAddresses") for a in destination.get(key) or []]
    return addresses or None


def _attachment(attachment: dict[str, Any]) -> Attachment:
    return Attachment(
        data=attachment["RawContent"], filename=attachment["FileName"],
        content_type=attachment.get("ContentType") or "application/octet-stream",
        disposition=(attachment.get("ContentDisposition") or "ATTACHMENT").lower(),
        content_id=attachment.get("ContentId"), description=attachment.get("ContentDescription"),
    )
