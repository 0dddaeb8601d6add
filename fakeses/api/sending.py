"""Sending: v1 SendEmail and SendRawEmail, v2 SendEmail (Simple and Raw content).

Each handler turns the request into an :class:`~fakeses.domain.sending.Outgoing` and
lets the domain apply SES's rules; both APIs share those rules and the record.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import authorization, multi_region
from ..domain.errors import BadRequest
from ..domain.sending import (
    V1_MAX_SIZE,
    V2_MAX_SIZE,
    Outgoing,
    raw_outgoing,
    send,
    tag_pairs,
)
from ..domain.state import Backend
from ..mail.mime import Attachment, SimpleContent
from . import operation


def _simple(message: dict[str, Any], **extra: Any) -> tuple[Optional[str], SimpleContent]:
    subject = message.get("Subject") or {}
    body = message.get("Body") or {}
    text, html = body.get("Text"), body.get("Html")
    content = SimpleContent(
        text=None if text is None else text.get("Data", ""),
        html=None if html is None else html.get("Data", ""),
        subject_charset=subject.get("Charset") or "UTF-8",
        text_charset=(text or {}).get("Charset") or "UTF-8",
        html_charset=(html or {}).get("Charset") or "UTF-8",
        **extra,
    )
    return subject.get("Data"), content


def _outgoing_simple(
    service: str, message: dict[str, Any], source: str, destination: dict[str, list[str]],
    reply_to: Optional[list[str]], return_path: Optional[str], tags: Optional[list[dict[str, str]]],
    configuration_set: Optional[str], max_size: int, **extra: Any,
) -> Outgoing:
    subject, content = _simple(message, **extra)
    return Outgoing(
        operation="SendEmail", service=service, source=source, content=content, subject=subject,
        to=list(destination.get("ToAddresses") or []), cc=list(destination.get("CcAddresses") or []),
        bcc=list(destination.get("BccAddresses") or []), reply_to=list(reply_to or []),
        return_path=return_path, tags=tag_pairs(tags), configuration_set=configuration_set,
        size=content.size(subject), max_size=max_size,
    )


# -- v1 ----------------------------------------------------------------------------------

@operation("ses", "SendEmail")
def send_email(
    backend: Backend, *, Source: str, Destination: dict[str, list[str]], Message: dict[str, Any],
    ReplyToAddresses: Optional[list[str]] = None, ReturnPath: Optional[str] = None,
    SourceArn: Optional[str] = None, ReturnPathArn: Optional[str] = None,
    Tags: Optional[list[dict[str, str]]] = None, ConfigurationSetName: Optional[str] = None,
) -> dict[str, Any]:
    out = _outgoing_simple("ses", Message, Source, Destination, ReplyToAddresses, ReturnPath, Tags,
                           ConfigurationSetName, V1_MAX_SIZE)
    authorization.given(out, source=SourceArn, return_path=ReturnPathArn)
    return {"MessageId": send(backend, out).message_id}


@operation("ses", "SendRawEmail")
def send_raw_email(
    backend: Backend, *, RawMessage: dict[str, bytes], Source: Optional[str] = None,
    Destinations: Optional[list[str]] = None, FromArn: Optional[str] = None,
    SourceArn: Optional[str] = None, ReturnPathArn: Optional[str] = None,
    Tags: Optional[list[dict[str, str]]] = None, ConfigurationSetName: Optional[str] = None,
) -> dict[str, Any]:
    out = raw_outgoing(RawMessage["Data"], operation="SendRawEmail", service="ses", source=Source,
                       destinations=Destinations, max_size=V1_MAX_SIZE)
    if Tags:  # the parameter beats an X-SES-MESSAGE-TAGS header (F18)
        out.tags = tag_pairs(Tags)
    out.configuration_set = ConfigurationSetName or out.configuration_set
    # The parameters beat the X-SES-*-ARN headers, as ConfigurationSetName and Tags do (?).
    authorization.given(out, source=SourceArn, from_header=FromArn, return_path=ReturnPathArn)
    return {"MessageId": send(backend, out).message_id}


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
    # Through a multi-region endpoint: sent from one of its regions (fakeses/domain/multi_region.py).
    route = multi_region.through(backend, EndpointId)
    if route is not None:
        backend = route.sending
    destination = Destination or {}
    listed = None
    if ListManagementOptions is not None:  # list management loads with the first send that uses it
        from ..domain.contacts import ListManagement

        listed = ListManagement(ListManagementOptions["ContactListName"], ListManagementOptions.get("TopicName"))
    if Content.get("Raw") is not None:
        envelope = [a for key in ("ToAddresses", "CcAddresses", "BccAddresses") for a in destination.get(key) or []]
        out = raw_outgoing(Content["Raw"]["Data"], operation="SendEmail", service="sesv2",
                           source=FromEmailAddress, destinations=envelope, max_size=V2_MAX_SIZE)
        if EmailTags:
            out.tags = tag_pairs(EmailTags)
        out.configuration_set = ConfigurationSetName or out.configuration_set
        out.list_management = listed or out.list_management  # the parameter beats the header (?)
        out.return_path = FeedbackForwardingEmailAddress or out.return_path
        authorization.given(out, source=FromEmailAddressIdentityArn, return_path=FeedbackForwardingEmailAddressIdentityArn,
                            override=True, action="ses:SendRawEmail")
    elif Content.get("Simple") is not None:
        if not FromEmailAddress:
            raise BadRequest(message="")  # no message at all (floci, verified against SES; G38)
        message = Content["Simple"]
        out = _outgoing_simple(
            "sesv2", message, FromEmailAddress, destination, ReplyToAddresses, FeedbackForwardingEmailAddress,
            EmailTags, ConfigurationSetName, V2_MAX_SIZE,
            headers=[(h["Name"], h["Value"]) for h in message.get("Headers") or []],
            attachments=[_attachment(a) for a in message.get("Attachments") or []],
        )
        authorization.given(out, source=FromEmailAddressIdentityArn, return_path=FeedbackForwardingEmailAddressIdentityArn,
                            action="ses:SendEmail")
        out.list_management = listed
    elif Content.get("Template") is not None:
        from .templated import send_email_template

        return send_email_template(
            backend, Content["Template"], source=FromEmailAddress, destination=destination,
            reply_to=ReplyToAddresses, return_path=FeedbackForwardingEmailAddress, tags=EmailTags,
            configuration_set=ConfigurationSetName, source_arn=FromEmailAddressIdentityArn,
            return_path_arn=FeedbackForwardingEmailAddressIdentityArn, list_management=listed, route=route,
            tenant=TenantName,
        )
    else:
        raise BadRequest(message="")
    multi_region.apply(route, out)
    out.tenant = TenantName
    return {"MessageId": send(backend, out).message_id}


def _attachment(attachment: dict[str, Any]) -> Attachment:
    return Attachment(
        data=attachment["RawContent"], filename=attachment["FileName"],
        content_type=attachment.get("ContentType"),
        disposition=(attachment.get("ContentDisposition") or "ATTACHMENT").lower(),
        content_id=attachment.get("ContentId"), description=attachment.get("ContentDescription"),
        transfer_encoding=attachment.get("ContentTransferEncoding") or "BASE64",
    )
