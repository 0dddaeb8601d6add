"""The JSON documents SES publishes about an event, and the event objects inside them.

Pure functions: an :class:`~fakeses.domain.events.Event` (and its message) in, a dict
out, ready for ``json.dumps``. Two forms:

- configuration-set event publishing, ``{"eventType", "mail", <type object>}``
  (event-publishing-retrieving-sns-contents.html);
- identity notifications, ``{"notificationType", <type object>, "mail"}`` for Bounce,
  Complaint and Delivery only: ``mail`` has ``sourceIp`` and ``callerIdentity`` and no
  ``tags``, and the headers only when the identity asked for them (notification-contents.html).

The shapes and key orders follow documents recorded from SES; the fixtures in
tests/unit/domain/event_examples/ hold them, each with its source:

- LocalStack's AWS snapshot of 2023-08-25 (Send and Delivery of simple, templated and
  raw sends; tests/aws/services/ses/test_ses.snapshot.json);
- a public fixture of every mailbox-simulator event recorded 2026-03-26 (Send, Delivery,
  Bounce of bounce@, ooto@ and suppressionlist@, Complaint of complaint@);
- identity notifications recorded 2020-2025 (bounce@ 2022 and 2025, an account
  suppression-list bounce 2021, a raw-message delivery 2020);
- a Rendering Failure recorded 2024-04-06, SES-built deliveries of 2023 and 2025;
- for Reject, Open, Click, DeliveryDelay and Subscription, of which nothing recorded was
  found, the developer guide's examples (event-publishing-retrieving-sns-examples.html).

``mail.headers`` are the message's headers as the caller gave them or as SES built
them, before SES adds Message-ID and Date (both lists recorded in LocalStack's snapshot
end at Content-Type; a templated message's list starts with its Date, G47). A templated
message's Send event is made before rendering: From, To, MIME-Version, no Subject, no
``sourceArn`` (G47). A raw message's list is its own header block as sent, the caller's
Message-ID, Date and X-SES-* headers included (a raw send's Send event recorded
2020-11-10 lists X-Ses-Configuration-Set, Message-ID and Date; so do the guide's Send,
Reject, Open and Click examples; notifications of 2020 and 2021 list the caller's
Message-ID). Folded values are unfolded as JavaMail does,
the line break and the indent becoming one space: ``multipart/alternative;  boundary=...``
(two spaces in every recorded document).
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional

from ..mail import addresses, mime
from . import clock, ids
from .events import (
    BOUNCE,
    CLICK,
    COMPLAINT,
    DELIVERY,
    DELIVERY_DELAY,
    DETAIL_KEYS,
    OPEN,
    RENDERING_FAILURE,
    SEND,
    SUBSCRIPTION,
    Event,
)

if TYPE_CHECKING:
    from .messages import SentMessage

# What SES reports about the caller and its own servers. A test has none of these, so
# they are fixed values of the right form.
SOURCE_IP = "192.0.2.0"          # the caller's address; RFC 5737, as in the developer guide's examples
CALLER_IDENTITY = "fakeses"      # the IAM user or role that called SES
TLS_VERSION = "TLSv1.3"          # ses:source-tls-version / ses:outgoing-tls-version (recorded 2024-2026)
OUTGOING_IP = "54.240.8.86"      # an SES sending address (recorded 2026 as ses:outgoing-ip); see mta_host
REMOTE_MTA_IP = "192.0.2.2"      # the receiving server; RFC 5737 (?)

#: SNS Subject of configuration-set event publishing (LocalStack AWS snapshot 2023-08-25;
#: a ca-central-1 delivery recorded 2023-04-14).
EVENT_SUBJECT = "Amazon SES Email Event Notification"

# Headers longer than this are truncated in the document (notification-contents.html,
# "10 KB or larger"; for received mail receiving-email-notifications-contents, "if the headers
# are larger than 10 KB"); how SES cuts them is not recorded: whole fields from the end (?).
HEADERS_LIMIT = 10 * 1024

# -- the documents --------------------------------------------------------------------------------


def event_publishing(event: Event, *, configuration_set: str, identity: Optional[str] = None) -> dict[str, Any]:
    """The document a configuration set's event destinations receive (``eventType``).

    ``identity`` is the verified identity the send was authorized by (``sourceArn``
    names it: ``identity/example.com`` for an address of a verified domain, recorded
    2022-2026); without it, the sender's address (?).
    """
    message = event.message
    before_render = event.type == SEND and _templated(message)
    mail: dict[str, Any] = {"timestamp": timestamp(message.sent_at), "source": message.source}
    # No sourceArn in a templated Send event (LocalStack snapshot, G47), nor in the
    # developer guide's Open and Click examples, the only ones there are (?).
    if not before_render and event.type not in (OPEN, CLICK):
        mail["sourceArn"] = _source_arn(message, identity)
    mail["sendingAccountId"] = message.account_id
    mail["messageId"] = message.message_id
    mail["destination"] = list(message.destinations)
    if event.type in (RENDERING_FAILURE, DELIVERY_DELAY):
        # Recorded Rendering Failure (2024) and the guide's DeliveryDelay example (?):
        # headersTruncated and no headers.
        mail["headersTruncated"] = False
    else:
        mail.update(_header_block(header_fields(message, before_render=before_render),
                                  message_id=message.message_id))
    mail["tags"] = automatic_tags(event, configuration_set)
    return _document("eventType", event, mail)


def notification(event: Event, *, include_headers: bool, identity: Optional[str] = None) -> dict[str, Any]:
    """The document an identity's notification topic receives (``notificationType``).

    Bounce, Complaint and Delivery only; headers only with ``include_headers``
    (SetIdentityHeadersInNotificationsEnabled). ``commonHeaders`` has a ``messageId``
    only when the message has a Message-ID header of its own: notifications about
    messages SES built have none (bounce@ notifications recorded 2022 and 2025).
    """
    if event.type not in (BOUNCE, COMPLAINT, DELIVERY):
        raise ValueError(f"SES sends identity notifications for Bounce, Complaint and Delivery, not {event.type}")
    message = event.message
    mail: dict[str, Any] = {
        "timestamp": timestamp(message.sent_at), "source": message.source,
        "sourceArn": _source_arn(message, identity), "sourceIp": SOURCE_IP, "callerIdentity": CALLER_IDENTITY,
        "sendingAccountId": message.account_id, "messageId": message.message_id,
        "destination": list(message.destinations),
    }
    if include_headers:
        mail.update(_header_block(header_fields(message), message_id=None))
    return _document("notificationType", event, mail)


#: What SES publishes, with no Subject, to an SNS topic when an event destination is made for
#: it: plain text, no trailing newline (LocalStack AWS snapshot 2023-08-25, v1; ope-tech/laravel-ses
#: issue 10, v2, 2024-06-17; anymail's test of a 2018 notice; docs/_research/unasked-events.md 1.1).
TOPIC_VALIDATED = "Successfully validated SNS topic for Amazon SES event publishing."


def subscription_succeeded(topic: str, notification_type: str, identity: str) -> str:
    """What SES publishes, with no Subject, to a topic SetIdentityNotificationTopic sets.

    Compact JSON, ``notificationType`` then ``message``, ending in a newline; the topic, type
    and identity in single quotes (an SNS delivery recorded 2017-04-13 for 'Bounce', a Ruby
    fixture for 'Complaint'; docs/_research/unasked-events.md 1.3).
    """
    message = (f"You have successfully subscribed your Amazon SNS topic '{topic}' to receive "
               f"'{notification_type}' notifications from Amazon SES for identity '{identity}'.")
    return json.dumps({"notificationType": "AmazonSnsSubscriptionSucceeded", "message": message},
                      separators=(",", ":")) + "\n"


def published_text(kind: str, document: dict[str, Any]) -> str:
    """A route's document as the service behind ``kind`` receives it (a route's kind).

    SNS topics (event destinations and notification topics) and Pinpoint: compact JSON,
    as in every recorded SNS Message. EventBridge: the Detail. Firehose: the record, one
    JSON line. CloudWatch: the metric datum put for the event, as JSON.
    """
    if kind == "eventbridge":
        return json.dumps(document)
    if kind == "firehose":
        return json.dumps(document) + "\n"
    if kind == "cloudwatch":
        return json.dumps({"MetricName": document["metric"], "Value": 1.0, "Unit": "Count",
                           "Dimensions": [{"Name": name, "Value": value} for name, value in document["dimensions"]]},
                          separators=(",", ":"))
    return json.dumps(document, separators=(",", ":"))


def sns_subject(kind: str) -> Optional[str]:
    """The SNS Subject SES publishes with: ``kind`` is a route's kind.

    Configuration-set destinations get "Amazon SES Email Event Notification"; identity
    notifications ("notification") have no Subject (recorded: the SNS envelope of a 2021
    bounce notification has none; a 2017 delivery notification's Lambda record, null).
    """
    return None if kind == "notification" else EVENT_SUBJECT


# The type object comes before ``mail`` for these (recorded Bounce and Complaint 2021-2026;
# the guide's Click example); after it for every other type.
_OBJECT_FIRST = (BOUNCE, COMPLAINT, CLICK)
_NOTIFICATION_OBJECT_FIRST = (BOUNCE, COMPLAINT)  # a delivery notification has mail first (2017, docs)

# Each object's keys in SES's order (recorded where a recording exists, else the guide's example).
_ORDER: dict[str, tuple[str, ...]] = {
    BOUNCE: ("feedbackId", "bounceType", "bounceSubType", "bouncedRecipients", "timestamp", "remoteMtaIp",
             "reportingMTA"),
    COMPLAINT: ("feedbackId", "complaintSubType", "complainedRecipients", "timestamp", "userAgent",
                "complaintFeedbackType", "arrivalDate"),
    DELIVERY: ("timestamp", "processingTimeMillis", "recipients", "smtpResponse", "remoteMtaIp", "reportingMTA"),
    OPEN: ("ipAddress", "timestamp", "userAgent"),
    CLICK: ("ipAddress", "link", "linkTags", "timestamp", "userAgent"),
    RENDERING_FAILURE: ("errorMessage", "templateName"),
    DELIVERY_DELAY: ("timestamp", "delayType", "expirationTime", "delayedRecipients", "reportingMTA"),
    SUBSCRIPTION: ("contactList", "timestamp", "source", "newTopicPreferences", "oldTopicPreferences"),
}
_RECIPIENT_ORDER = ("emailAddress", "action", "status", "diagnosticCode")


def _document(kind: str, event: Event, mail: dict[str, Any]) -> dict[str, Any]:
    key = DETAIL_KEYS[event.type]
    body = _ordered(event.details, _ORDER.get(event.type, ()))
    if event.type == COMPLAINT:
        body.setdefault("complaintSubType", None)  # null unless suppressed (recorded 2026; contents page)
        body = _ordered(body, _ORDER[COMPLAINT])
    for name in ("bouncedRecipients", "delayedRecipients"):
        if name in body:
            body[name] = [_ordered(r, _RECIPIENT_ORDER) for r in body[name]]
    first = _OBJECT_FIRST if kind == "eventType" else _NOTIFICATION_OBJECT_FIRST
    if event.type in first:
        return {kind: event.type, key: body, "mail": mail}
    return {kind: event.type, "mail": mail, key: body}


def _ordered(values: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    out = {name: values[name] for name in order if name in values}
    out.update((name, value) for name, value in values.items() if name not in out)
    return out


# -- mail -----------------------------------------------------------------------------------------

def _templated(message: SentMessage) -> bool:
    content = message._content
    return isinstance(content, mime.SimpleContent) and content.templated


def _source_arn(message: SentMessage, identity: Optional[str]) -> str:
    if message.source_arn is not None:  # a delegate send: the owner's identity (sending authorization)
        return message.source_arn
    if identity is None:
        identity = _bare(message.source) or message.source
    return f"arn:aws:ses:{message.region}:{message.account_id}:identity/{identity}"


def _bare(value: str) -> Optional[str]:
    try:
        found = addresses.split_list(value)
    except addresses.AddressError:
        return None
    return found[0].bare if found else None


# What SES lists of a message it built: not its own Message-ID (nor Date, but for a
# templated message, whose Date comes first: G47); before rendering, not the parts the
# template fills in (G47: From, To, MIME-Version).
_SES_ADDED = ("message-id", "date")
_RENDERED = ("subject", "content-type", "content-transfer-encoding")


def header_fields(message: SentMessage, *, before_render: bool = False) -> list[tuple[str, str]]:
    """The (name, value) pairs SES lists as ``mail.headers`` for ``message``."""
    content = message._content
    if isinstance(content, mime.RawContent):
        return _unfold(content.data)
    templated = _templated(message)
    dropped: tuple[str, ...] = ("message-id",) if templated and not before_render else _SES_ADDED
    if before_render:
        dropped += _RENDERED
    # A message SES built is listed as SES holds it, encoded words decoded (a 2025
    # notification lists "Subject: Invitación a ..." of a simple send).
    return [(name, addresses.decode_words(value) or value)
            for name, value in _unfold(message.raw) if name.lower() not in dropped]


_LINE = re.compile(rb"\r?\n")


def _unfold(data: bytes) -> list[tuple[str, str]]:
    """A header block's fields, in order, unfolded as JavaMail unfolds them."""
    head, _ = mime.split_head(data)
    fields: list[tuple[str, str]] = []
    for line in _LINE.split(head) if head else []:
        if line[:1] in (b" ", b"\t"):
            if fields:
                name, value = fields[-1]
                fields[-1] = (name, value + " " + line.lstrip(b" \t").decode("utf-8", errors="replace"))
            continue
        name_bytes, colon, value_bytes = line.partition(b":")
        if colon and name_bytes.strip():
            fields.append((name_bytes.strip().decode("latin-1"),
                           value_bytes.lstrip(b" \t").decode("utf-8", errors="replace")))
    return [(name, value.rstrip()) for name, value in fields]


def header_list(fields: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """``headersTruncated`` and ``headers`` of the listed ``fields``: the fields in order,
    cut before the one that reaches :data:`HEADERS_LIMIT` (sending events and received mail alike)."""
    size, kept = 0, []
    for name, value in fields:
        size += len(name) + len(value) + 4
        if size >= HEADERS_LIMIT:
            break
        kept.append({"name": name, "value": value})
    return {"headersTruncated": len(kept) < len(fields), "headers": kept}


def _header_block(fields: list[tuple[str, str]], *, message_id: Optional[str]) -> dict[str, Any]:
    """``headersTruncated``, ``headers`` and ``commonHeaders`` of the listed ``fields``."""
    return {**header_list(fields), "commonHeaders": common_headers(fields, message_id=message_id)}


def common_headers(fields: Iterable[tuple[str, str]], *, message_id: Optional[str]) -> dict[str, Any]:
    """``commonHeaders`` of the listed header ``fields``.

    Keys in SES's order: from, replyTo, date, to, cc, bcc, messageId, subject (recorded
    documents of 2019-2026 show each of them in this order). Address headers become lists,
    one entry per address, quotes of a display name removed (``"John Doe" <john@...>`` ->
    ``John Doe <john@...>``, notification-examples.html). ``messageId``: event publishing
    passes SES's id, used even when the message has a Message-ID of its own (a raw send's
    Send event recorded 2020-11-10; LocalStack snapshot); notifications pass None: the
    message's own Message-ID header if it has one (notifications of 2020 and 2021;
    notification-examples.html "custom-message-ID"), else none (bounce@ 2022 and 2025).
    """
    by_name: dict[str, list[str]] = {}
    for name, value in fields:
        by_name.setdefault(name.lower(), []).append(value)

    def listed(name: str) -> list[str]:
        out: list[str] = []
        for value in by_name[name]:
            try:
                found = addresses.split_list(value)
            except addresses.AddressError:
                found = []
            out += [a.display() for a in found] or [value]
        return out

    common: dict[str, Any] = {}
    for name, key in (("from", "from"), ("reply-to", "replyTo"), ("date", "date"), ("to", "to"), ("cc", "cc"),
                      ("bcc", "bcc"), ("message-id", "messageId"), ("subject", "subject")):
        if key == "messageId" and message_id is not None:
            common[key] = message_id
        elif name in by_name:
            if key == "date" or key == "messageId":
                common[key] = by_name[name][0]
            elif key == "subject":
                common[key] = addresses.decode_words(by_name[name][0])
            else:
                common[key] = listed(name)
    return common


def automatic_tags(event: Event, configuration_set: str) -> dict[str, list[str]]:
    """``mail.tags``: SES's automatic ``ses:`` tags, then the message's own tags.

    Order as recorded in 2025-2026: ses:source-tls-version, ses:operation,
    ses:configuration-set, (Delivery: ses:outgoing-tls-version), ses:source-ip,
    ses:from-domain (the From header's domain; absent when there is none: LocalStack's
    raw send without headers), ses:caller-identity, (Delivery: ses:outgoing-ip). The
    message's tags come last, each value a list, as in the guide's examples and a raw
    send recorded 2020 (SES keeps them in a hash map: LocalStack's snapshot has its one
    tag before ses:caller-identity).
    """
    message = event.message
    tags: dict[str, list[str]] = {
        "ses:source-tls-version": [TLS_VERSION],
        "ses:operation": [message.operation],
        "ses:configuration-set": [configuration_set],
    }
    if event.type == DELIVERY:
        tags["ses:outgoing-tls-version"] = [TLS_VERSION]
    tags["ses:source-ip"] = [SOURCE_IP]
    domain = _from_domain(message)
    if domain:
        tags["ses:from-domain"] = [domain]
    tags["ses:caller-identity"] = [CALLER_IDENTITY]
    if event.type == DELIVERY:
        # The address SES sent from: the message's dedicated IP when it left from one (?:
        # no recording of a dedicated IP's event; the tag names the sending IP).
        tags["ses:outgoing-ip"] = [message.sending_ip or OUTGOING_IP]
    if message.tenant is not None and event.type in (BOUNCE, COMPLAINT):
        # "SES adds a ses:tenant-name tag to bounce and complaint notifications" (developer
        # guide, sending-email-suppression-list-tenant-level); its place in the order (?).
        tags["ses:tenant-name"] = [message.tenant]
    for name, value in message.tags.items():
        tags.setdefault(name, [value])
    return tags


def _from_domain(message: SentMessage) -> Optional[str]:
    content = message._content
    if isinstance(content, mime.RawContent):
        senders = [value for name, value in _unfold(content.data) if name.lower() == "from"]
    else:
        senders = [message.source]
    bare = _bare(senders[0]) if senders else None
    return bare.rpartition("@")[2] if bare else None


# -- values in SES's formats ----------------------------------------------------------------------

def timestamp(at: _dt.datetime) -> str:
    """SES's event time: ISO 8601 in UTC with milliseconds, "2016-01-27T14:59:38.237Z"."""
    if at.tzinfo is not _dt.timezone.utc:
        at = at.astimezone(_dt.timezone.utc)
    # isoformat cuts to the millisecond as SES does, and is a fifth of strftime's cost
    # (every Delivery made at send reads it).
    return at.isoformat(timespec="milliseconds")[:-6] + "Z"


def feedback_id(region: str, at: _dt.datetime) -> str:
    """A bounce's or complaint's id: the message-id scheme (F4: ``01070193cf31534a-...-000000``)."""
    return ids.message_id(region, int(at.timestamp() * 1000))


def mta_host(region: str) -> str:
    """An SES outbound server as ``reportingMTA`` names it: ``a8-86.smtp-out.amazonses.com``
    in us-east-1, ``a8-86.smtp-out.<region>.amazonses.com`` elsewhere (recorded 2023 in
    ca-central-1; us-west-2 2017, eu-west-1 2019). The name spells the server's address,
    the ``ses:outgoing-ip`` tag of the same event: ``a8-86`` is 54.240.8.86 (OUTGOING_IP),
    recorded together in the simulator's Delivery of 2026-03-26 (so are b232-9 and
    69.169.232.9 in 2025, d208-13 and 23.249.208.13 in 2023)."""
    return "a8-86.smtp-out.amazonses.com" if region == "us-east-1" else f"a8-86.smtp-out.{region}.amazonses.com"


def _now(at: Optional[_dt.datetime]) -> _dt.datetime:
    return at if at is not None else clock.utcnow()


# -- the objects of each event type ---------------------------------------------------------------

# Bounce types and their subtypes (F25; bounce-types table of the contents page).
BOUNCE_TYPES: dict[str, tuple[str, ...]] = {
    "Undetermined": ("Undetermined",),
    "Permanent": ("General", "NoEmail", "Suppressed", "OnAccountSuppressionList", "OnTenantSuppressionList"),
    "Transient": ("General", "MailboxFull", "MessageTooLarge", "ContentRejected", "AttachmentRejected"),
}
# Complaint feedback types (RFC 5965 / IANA, as listed on the contents page) and subtypes.
FEEDBACK_TYPES = ("abuse", "auth-failure", "fraud", "not-spam", "other", "virus")
COMPLAINT_SUB_TYPES = (None, "OnAccountSuppressionList", "OnTenantSuppressionList")  # tenant's: (?)
# DeliveryDelay delayType values (contents page, DeliveryDelay object).
DELAY_TYPES = ("InternalFailure", "General", "MailboxFull", "SpamDetected", "RecipientServerError", "IPFailure",
               "TransientCommunicationFailure", "BYOIPHostNameLookupUnavailable", "Undetermined", "SendingDeferral")
SIMULATOR_USER_AGENT = "Amazon SES Mailbox Simulator"  # complaint@ (recorded 2026)
# An account-level suppression-list bounce (recorded notification, 2021).
ACCOUNT_SUPPRESSED = (
    "Amazon SES did not send the message to this address because it is on the suppression list for your "
    "account. For more information about removing addresses from the suppression list, see the Amazon SES "
    "Developer Guide at https://docs.aws.amazon.com/ses/latest/DeveloperGuide/sending-email-suppression-list.html"
)


def send_details() -> dict[str, Any]:
    """A Send event's object: always empty (contents page)."""
    return {}


def reject_details(reason: str = "Bad content") -> dict[str, Any]:
    """A Reject event's object; "Bad content" (a virus) is the only reason SES gives."""
    return {"reason": reason}


def bounce_details(
    recipients: Sequence[str], *, bounce_type: str = "Permanent", sub_type: str = "General",
    region: str = "us-east-1", at: Optional[_dt.datetime] = None, action: str = "failed",
    status: Optional[str] = None, diagnostic: Optional[str] = None, reporting_mta: Optional[str] = None,
    remote_mta_ip: Optional[str] = REMOTE_MTA_IP, dsn: bool = True,
) -> dict[str, Any]:
    """A Bounce event's object. Raises ValueError for a type/subtype pair SES does not report.

    With ``dsn`` (a delivery status notification came back) each recipient has
    ``action``, ``status`` and ``diagnosticCode`` and the object ``reportingMTA``;
    without, recipients carry only their address (the simulator's out-of-office answer,
    recorded 2026; notification-examples.html "without a DSN").
    """
    if sub_type not in BOUNCE_TYPES.get(bounce_type, ()):
        raise ValueError(f"bounce type {bounce_type!r} with subtype {sub_type!r} is not one SES reports; "
                         f"the types and their subtypes are {BOUNCE_TYPES}")
    at = _now(at)
    # Permanent: the guide's example (and the simulator's text until 2022); the others
    # are not recorded (?).
    status = status or {"Permanent": "5.1.1", "Transient": "4.0.0"}.get(bounce_type, "5.0.0")
    diagnostic = diagnostic or {"Permanent": "smtp; 550 5.1.1 user unknown",
                                "Transient": "smtp; 450 4.0.0 temporary failure"}.get(bounce_type, "smtp; 550 5.0.0")
    listed: list[dict[str, Any]] = [
        {"emailAddress": r, "action": action, "status": status, "diagnosticCode": diagnostic} if dsn
        else {"emailAddress": r}
        for r in recipients
    ]
    details: dict[str, Any] = {
        "feedbackId": feedback_id(region, at), "bounceType": bounce_type, "bounceSubType": sub_type,
        "bouncedRecipients": listed, "timestamp": timestamp(at),
    }
    if dsn:
        if remote_mta_ip is not None:
            details["remoteMtaIp"] = remote_mta_ip
        # "dns; " (sic) in every bounce SES itself reports (simulator 2022-2026, suppression
        # list 2014 and 2021); "dsn; " where an ISP's DSN is relayed (recorded 2019, guide).
        details["reportingMTA"] = reporting_mta or f"dns; {mta_host(region)}"
    return details


def simulator_bounce_details(recipient: str, *, region: str = "us-east-1",
                             at: Optional[_dt.datetime] = None) -> dict[str, Any]:
    """The Bounce object the mailbox simulator sends for ``recipient`` (F24, recorded 2026-03-26).

    bounce@: Permanent/General, failed, 5.1.1, "smtp; 550 5.1.1 As requested: user unknown
    <address>" (also 2025; "smtp; 550 5.1.1 user unknown" until 2022). ooto@: Transient/
    General naming only the address, no reportingMTA. suppressionlist@: Permanent/General
    (not Suppressed: the 2026 recording; a 2014 one said Suppressed), "smtp; 550 5.1.1 As
    requested: user unknown (suppressed address: <address>)". Raises ValueError for any
    other address.
    """
    kind = recipient.partition("@")[0].partition("+")[0].lower()
    if kind == "bounce":
        return bounce_details([recipient], region=region, at=at,
                              diagnostic=f"smtp; 550 5.1.1 As requested: user unknown <{recipient}>")
    if kind == "ooto":
        return bounce_details([recipient], bounce_type="Transient", region=region, at=at, dsn=False)
    if kind == "suppressionlist":
        return bounce_details([recipient], region=region, at=at,
                              diagnostic=f"smtp; 550 5.1.1 As requested: user unknown (suppressed address: {recipient})")
    raise ValueError(f"{recipient} is not a mailbox simulator address that bounces")


def account_suppressed_bounce_details(recipients: Sequence[str], *, region: str = "us-east-1",
                                      at: Optional[_dt.datetime] = None) -> dict[str, Any]:
    """The Bounce object for recipients on the account's suppression list (recorded 2021:
    Permanent/OnAccountSuppressionList, SES's own text, "dns; amazonses.com", a whole second)."""
    at = _now(at).replace(microsecond=0)
    return bounce_details(recipients, sub_type="OnAccountSuppressionList", region=region, at=at,
                          diagnostic=ACCOUNT_SUPPRESSED, reporting_mta="dns; amazonses.com", remote_mta_ip=None)


# Developer guide, sending-email-suppression-list-tenant-level ("Identifying tenant
# suppression bounces"); the account's text's trailing link is not given there (?).
TENANT_SUPPRESSED = ("Amazon SES did not send the message to this address because it is on the suppression list "
                     "for your tenant.")


def tenant_suppressed_bounce_details(recipients: Sequence[str], *, region: str = "us-east-1",
                                     at: Optional[_dt.datetime] = None) -> dict[str, Any]:
    """The Bounce object for recipients on a tenant's suppression list: Permanent /
    OnTenantSuppressionList (developer guide), otherwise as the account list's."""
    at = _now(at).replace(microsecond=0)
    return bounce_details(recipients, sub_type="OnTenantSuppressionList", region=region, at=at,
                          diagnostic=TENANT_SUPPRESSED, reporting_mta="dns; amazonses.com", remote_mta_ip=None)


def complaint_details(
    recipients: Sequence[str], *, feedback_type: Optional[str] = "abuse", sub_type: Optional[str] = None,
    user_agent: Optional[str] = SIMULATOR_USER_AGENT, region: str = "us-east-1",
    at: Optional[_dt.datetime] = None, arrival: Optional[_dt.datetime] = None,
) -> dict[str, Any]:
    """A Complaint event's object; the defaults are the mailbox simulator's (recorded 2026).

    ``feedback_type`` None: no feedback report came with the complaint, so no
    ``userAgent``, ``complaintFeedbackType`` nor ``arrivalDate`` (contents page). Raises
    ValueError for a feedback type or subtype SES does not report.
    """
    if feedback_type not in (None, *FEEDBACK_TYPES):
        raise ValueError(f"complaint feedback type {feedback_type!r} is not one of {FEEDBACK_TYPES}")
    if sub_type not in COMPLAINT_SUB_TYPES:
        raise ValueError(f"complaint subtype {sub_type!r} is not one of {COMPLAINT_SUB_TYPES}")
    at = _now(at)
    details: dict[str, Any] = {
        "feedbackId": feedback_id(region, at), "complaintSubType": sub_type,
        "complainedRecipients": [{"emailAddress": r} for r in recipients], "timestamp": timestamp(at),
    }
    if feedback_type is not None:
        if user_agent is not None:
            details["userAgent"] = user_agent
        details["complaintFeedbackType"] = feedback_type
        details["arrivalDate"] = timestamp(arrival or at)
    return details


def delivery_details(
    recipients: Sequence[str], *, sent_at: _dt.datetime, at: Optional[_dt.datetime] = None,
    region: str = "us-east-1", smtp_response: str = "250 Ok", remote_mta_ip: Optional[str] = REMOTE_MTA_IP,
) -> dict[str, Any]:
    """A Delivery event's object. "250 Ok" is the simulator's answer (recorded 2026; "250 2.6.0
    Message received" in 2023); a real server's answer varies (Gmail: "250 2.0.0 OK ...")."""
    at = _now(at)
    details: dict[str, Any] = {
        "timestamp": timestamp(at),
        "processingTimeMillis": max(0, int((at - sent_at).total_seconds() * 1000)),
        "recipients": list(recipients), "smtpResponse": smtp_response,
    }
    if remote_mta_ip is not None:
        details["remoteMtaIp"] = remote_mta_ip  # recorded since 2020; absent from the 2023 snapshot
    details["reportingMTA"] = mta_host(region)
    return details


def delivered(recipients: list[str], *, at: _dt.datetime, processing_millis: int, message_id: str,
              region: str) -> dict[str, Any]:
    """The Delivery object of ordinary recipients delivered ``at``, ``processing_millis`` after
    the send: keys in the order recorded in 2025 and 2026, ``remoteMtaIp`` included.

    ``smtpResponse`` is what an ordinary recipient's server answers: Gmail's ``250 2.0.0 OK
    <unix seconds> <queue id> - gsmtp``, the form of every recorded ordinary delivery but one
    (LocalStack's AWS recordings 2022-11 to 2023-08; two spaces without a DMARC note), the
    seconds being the delivery's (1693000416 = 2023-08-25T21:53:36Z, recorded). The queue id
    has Gmail's shape (``l9-20020a05620a28c900b0076d9e089c17si1864617qkp.664``, recorded),
    filled from the message id and the time, so each message has its own.
    """
    seconds = int(at.timestamp())
    m = message_id  # 0100<12 hex>-<uuid4>-000000
    return {
        "timestamp": timestamp(at), "processingTimeMillis": processing_millis, "recipients": recipients,
        "smtpResponse": (f"250 2.0.0 OK  {seconds} q{seconds % 10}-20020a05620a{m[17:21]}00b{m[41:53]}{m[22]}"
                         f"si{seconds % 9_999_991}qkp.{at.microsecond // 1000} - gsmtp"),
        "remoteMtaIp": REMOTE_MTA_IP, "reportingMTA": mta_host(region),
    }


def open_details(*, ip_address: str = "192.0.2.1", user_agent: str = "Mozilla/5.0",
                 at: Optional[_dt.datetime] = None) -> dict[str, Any]:
    """An Open event's object (the guide's example)."""
    return {"ipAddress": ip_address, "timestamp": timestamp(_now(at)), "userAgent": user_agent}


def click_details(link: str, *, link_tags: Optional[Mapping[str, Sequence[str]]] = None,
                  ip_address: str = "192.0.2.1", user_agent: str = "Mozilla/5.0",
                  at: Optional[_dt.datetime] = None) -> dict[str, Any]:
    """A Click event's object (the guide's example); ``link_tags`` values are lists (ses:tags)."""
    return {"ipAddress": ip_address, "link": link,
            "linkTags": {name: list(values) for name, values in (link_tags or {}).items()},
            "timestamp": timestamp(_now(at)), "userAgent": user_agent}


def rendering_failure_details(template_name: Optional[str], error_message: str) -> dict[str, Any]:
    """A Rendering Failure's object (recorded 2024): errorMessage, templateName."""
    return {"errorMessage": error_message, "templateName": template_name}


def delivery_delay_details(
    recipients: Sequence[str], *, sent_at: _dt.datetime, delay_type: str = "TransientCommunicationFailure",
    status: str = "4.4.1", diagnostic: str = "smtp; 421 4.4.1 Unable to connect to remote host",
    at: Optional[_dt.datetime] = None, reporting_mta: Optional[str] = None,
) -> dict[str, Any]:
    """A DeliveryDelay event's object (the guide's example; ``reportingMTA`` is on the
    contents page but not in the example, so only when given). Raises ValueError for an
    unknown delay type. SES keeps trying for up to 14 hours (expirationTime) (?)."""
    if delay_type not in DELAY_TYPES:
        raise ValueError(f"delay type {delay_type!r} is not one of {DELAY_TYPES}")
    details: dict[str, Any] = {
        "timestamp": timestamp(_now(at)), "delayType": delay_type,
        "expirationTime": timestamp(sent_at + _dt.timedelta(hours=14)),
        "delayedRecipients": [{"emailAddress": r, "status": status, "diagnosticCode": diagnostic}
                              for r in recipients],
    }
    if reporting_mta is not None:
        details["reportingMTA"] = reporting_mta
    return details


def subscription_details(
    contact_list: str, *, new_topics: Mapping[str, str], old_topics: Mapping[str, str],
    unsubscribe_all: bool = False, was_unsubscribed_all: bool = False, source: str = "UnsubscribeHeader",
    at: Optional[_dt.datetime] = None,
) -> dict[str, Any]:
    """A Subscription event's object (the guide's example): topic name -> "OptIn"/"OptOut"."""
    def preferences(everything: bool, topics: Mapping[str, str]) -> dict[str, Any]:
        return {"unsubscribeAll": everything, "topicSubscriptionStatus": [
            {"topicName": name, "subscriptionStatus": status} for name, status in topics.items()]}

    return {"contactList": contact_list, "timestamp": timestamp(_now(at)), "source": source,
            "newTopicPreferences": preferences(unsubscribe_all, new_topics),
            "oldTopicPreferences": preferences(was_unsubscribed_all, old_topics)}
