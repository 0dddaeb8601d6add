"""The JSON documents SES publishes about an event, built from the message it is about.

Two forms (notification-contents.html, event-publishing-retrieving-sns-contents.html):

- configuration-set event publishing: ``{"eventType", "mail", <type object>}``; ``mail``
  has ``timestamp, source, sourceArn, sendingAccountId, messageId, destination,
  headersTruncated, headers, commonHeaders, tags``, and SES adds its automatic tags
  (``ses:operation``, ``ses:configuration-set``, ``ses:source-ip``, ``ses:from-domain``,
  ``ses:caller-identity``, and ``ses:outgoing-ip`` on Delivery); tag values are lists
  (LocalStack's AWS snapshot of 2023-08-25, F22);
- identity notifications: ``{"notificationType", <type object>, "mail"}``, no tags, the
  headers only when the identity asked for them (F23).

``mail.headers`` are the message's headers as SES lists them: for messages SES builds,
before it adds Message-ID and Date (the Send event of a simple send lists From, To,
Subject, MIME-Version, Content-Type: F22, G44); a templated message's Send event, made
before rendering, lists only From, To and MIME-Version, and has no sourceArn (G47); a
raw message's headers are the caller's (F21). A Rendering Failure's ``mail`` has no
headers at all (event-publishing-retrieving-sns-examples.html).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..mail import mime
from .events import DELIVERY, DETAIL_KEYS, RENDERING_FAILURE, SEND, Event
from .outcomes import timestamp

if TYPE_CHECKING:
    from .messages import SentMessage

SOURCE_IP = "192.0.2.0"          # RFC 5737 documentation address (the caller's IP in SES)
OUTGOING_IP = "54.240.8.223"     # an SES outgoing address, as ses:outgoing-ip carries one
CALLER_IDENTITY = "fakeses"      # the IAM identity that sent; tests have none


def event_publishing(event: Event, *, configuration_set: str) -> dict[str, Any]:
    """The document a configuration set's event destinations receive (``eventType``)."""
    mail = _mail(event)
    if event.type != RENDERING_FAILURE:
        mail.update(_headers(event))
    mail["tags"] = _tags(event, configuration_set)
    return {"eventType": event.type, "mail": mail, DETAIL_KEYS[event.type]: dict(event.details)}


def notification(event: Event, *, include_headers: bool) -> dict[str, Any]:
    """The document an identity's notification topic receives (``notificationType``)."""
    message = event.message
    mail: dict[str, Any] = {
        "timestamp": timestamp(message.sent_at), "source": message.source,
        "sourceArn": _source_arn(message), "sourceIp": SOURCE_IP, "callerIdentity": CALLER_IDENTITY,
        "sendingAccountId": message.account_id, "messageId": message.message_id,
        "destination": list(message.destinations),
    }
    if include_headers:
        mail.update(_headers(event))
    return {"notificationType": event.type, DETAIL_KEYS[event.type]: dict(event.details), "mail": mail}


# -- parts ------------------------------------------------------------------------------------

def _mail(event: Event) -> dict[str, Any]:
    message = event.message
    mail: dict[str, Any] = {"timestamp": timestamp(message.sent_at), "source": message.source}
    if not (message.template is not None and event.type == SEND):
        mail["sourceArn"] = _source_arn(message)
    mail.update({"sendingAccountId": message.account_id, "messageId": message.message_id,
                 "destination": list(message.destinations)})
    return mail


def _source_arn(message: SentMessage) -> str:
    from ..mail.addresses import check

    try:
        identity = check(message.source)
    except Exception:
        identity = message.source
    return f"arn:aws:ses:{message.region}:{message.account_id}:identity/{identity}"


def _headers(event: Event) -> dict[str, Any]:
    message = event.message
    content = message._content
    if isinstance(content, mime.RawContent):
        fields = [(n, v) for n, v in mime.read_headers(content.data) if not n.lower().startswith("x-ses-")]
    else:
        fields = [(n, v) for n, v in mime.read_headers(message.raw) if n.lower() not in ("message-id", "date")]
        if message.template is not None and event.type == SEND:
            fields = [(n, v) for n, v in fields if n.lower() in ("from", "to", "mime-version")]
    headers = [{"name": name, "value": " ".join(value.split())} for name, value in fields]
    common: dict[str, Any] = {"from": [message.source]}
    if message.reply_to:
        common["replyTo"] = list(message.reply_to)
    if message.to:
        common["to"] = list(message.to)
    if message.cc:
        common["cc"] = list(message.cc)
    common["messageId"] = message.message_id
    if message.subject is not None and not (message.template is not None and event.type == SEND):
        common["subject"] = message.subject
    return {"headersTruncated": False, "headers": headers, "commonHeaders": common}


def _tags(event: Event, configuration_set: str) -> dict[str, list[str]]:
    message = event.message
    tags: dict[str, list[str]] = {
        "ses:operation": [message.operation],
        "ses:configuration-set": [configuration_set],
        "ses:source-ip": [SOURCE_IP],
        "ses:from-domain": [message.source.rpartition("@")[2].rstrip(">").strip()],
        "ses:caller-identity": [CALLER_IDENTITY],
    }
    if event.type == DELIVERY:
        tags["ses:outgoing-ip"] = [OUTGOING_IP]
    for name, value in message.tags.items():
        tags[name] = [value]
    return tags
