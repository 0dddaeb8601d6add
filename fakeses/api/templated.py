"""Templated sending: v1 SendTemplatedEmail and SendBulkTemplatedEmail, v2 SendEmail with
Content.Template and SendBulkEmail.

Each message is an :class:`~fakeses.domain.sending.Outgoing` filled by
:func:`~fakeses.domain.templated.personalize` and sent through the same rules as every
other send; see fakeses/domain/templated.py for what SES does with a template it cannot
render, and fakeses/domain/bulk.py for bulk sends.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import authorization, bulk, multi_region
from ..domain.contacts import PLACEHOLDER
from ..domain.errors import BadRequest
from ..domain.sending import V1_MAX_SIZE, V2_MAX_SIZE, Outgoing, send, tag_pairs
from ..domain.state import Backend
from ..domain.templated import parse_data, personalize, raise_if_strict
from ..domain.templates import EmailTemplate
from . import operation
from .sending import _attachment


def _destination(service: str, operation_name: str, source: Optional[str], destination: dict[str, list[str]],
                 **fields: Any) -> Outgoing:
    return Outgoing(
        operation=operation_name, service=service, source=source, content=None,
        to=list(destination.get("ToAddresses") or []), cc=list(destination.get("CcAddresses") or []),
        bcc=list(destination.get("BccAddresses") or []), **fields,
    )


# -- v1 ----------------------------------------------------------------------------------

@operation("ses", "SendTemplatedEmail")
def send_templated_email(
    backend: Backend, *, Source: str, Destination: dict[str, list[str]], Template: str, TemplateData: str,
    ReplyToAddresses: Optional[list[str]] = None, ReturnPath: Optional[str] = None,
    SourceArn: Optional[str] = None, ReturnPathArn: Optional[str] = None,
    Tags: Optional[list[dict[str, str]]] = None, ConfigurationSetName: Optional[str] = None,
    TemplateArn: Optional[str] = None,
) -> dict[str, Any]:
    template = backend.templates.require(Template)
    values = parse_data(TemplateData)
    out = _destination("ses", "SendTemplatedEmail", Source, Destination, reply_to=list(ReplyToAddresses or []),
                       return_path=ReturnPath, tags=tag_pairs(Tags), configuration_set=ConfigurationSetName,
                       template=template.name, max_size=V1_MAX_SIZE)
    authorization.given(out, source=SourceArn, return_path=ReturnPathArn)
    message = send(backend, personalize(out, template, values))
    raise_if_strict(backend, [message])
    return {"MessageId": message.message_id}


@operation("ses", "SendBulkTemplatedEmail")
def send_bulk_templated_email(
    backend: Backend, *, Source: str, Template: str, DefaultTemplateData: str,
    Destinations: list[dict[str, Any]], SourceArn: Optional[str] = None,
    ReplyToAddresses: Optional[list[str]] = None, ReturnPath: Optional[str] = None,
    ReturnPathArn: Optional[str] = None, ConfigurationSetName: Optional[str] = None,
    DefaultTags: Optional[list[dict[str, str]]] = None, TemplateArn: Optional[str] = None,
) -> dict[str, Any]:
    template = backend.templates.require(Template)
    shared = _destination("ses", "SendBulkTemplatedEmail", Source, {}, reply_to=list(ReplyToAddresses or []),
                          return_path=ReturnPath, configuration_set=ConfigurationSetName, template=template.name,
                          max_size=V1_MAX_SIZE)
    authorization.given(shared, source=SourceArn, return_path=ReturnPathArn)
    entries = [_entry(entry, entry.get("ReplacementTemplateData")) for entry in Destinations]
    results = bulk.send_bulk(backend, template, DefaultTemplateData, tag_pairs(DefaultTags), shared, entries)
    return {"Status": [_v1_status(result) for result in results]}


def _entry(entry: dict[str, Any], data: Optional[str],
           headers: Optional[list[tuple[str, str]]] = None) -> bulk.Entry:
    destination, tags = entry["Destination"], entry.get("ReplacementTags")
    return bulk.Entry(destination.get("ToAddresses") or (), destination.get("CcAddresses") or (),
                      destination.get("BccAddresses") or (), data, tag_pairs(tags) if tags else (), headers)


def _v1_status(result: bulk.Result) -> dict[str, Any]:
    if result.message_id is not None:
        return {"Status": "Success", "MessageId": result.message_id}
    return {"Status": V1_STATUS[result.status], "Error": result.error}


# The v1 name of each v2 status a bulk entry can get (BulkEmailStatus: the two models
# list the same statuses in the same order; tests/e2e/test_bulk_sending.py checks this).
V1_STATUS = {
    "SUCCESS": "Success", "MESSAGE_REJECTED": "MessageRejected", "INVALID_PARAMETER": "InvalidParameterValue",
    "ACCOUNT_DAILY_QUOTA_EXCEEDED": "AccountDailyQuotaExceeded", "ACCOUNT_SENDING_PAUSED": "AccountSendingPaused",
    "CONFIGURATION_SET_NOT_FOUND": "ConfigurationSetDoesNotExist", "TEMPLATE_NOT_FOUND": "TemplateDoesNotExist",
    "CONFIGURATION_SET_SENDING_PAUSED": "ConfigurationSetSendingPaused", "FAILED": "Failed",
}


# -- v2 ----------------------------------------------------------------------------------

def template_for(backend: Backend, template: dict[str, Any]) -> EmailTemplate:
    """The stored template a v2 Template names (TemplateName or TemplateArn), or its inline content."""
    name, arn, content = template.get("TemplateName"), template.get("TemplateArn"), template.get("TemplateContent")
    if content is not None:
        if name is not None or arn is not None:
            raise BadRequest(message="Template name or ARN cannot be specified with template content.")  # (?)
        return EmailTemplate.inline(content.get("Subject"), content.get("Text"), content.get("Html"))
    if name is None and arn is not None:
        name = arn.rpartition("template/")[2] or arn  # arn:aws:ses:<region>:<account>:template/<name>
    if name is None:
        raise BadRequest(message="Template name, ARN or content must be specified.")  # (?)
    return backend.templates.require(name)


def send_email_template(
    backend: Backend, template: dict[str, Any], *, source: Optional[str], destination: dict[str, list[str]],
    reply_to: Optional[list[str]], return_path: Optional[str], tags: Optional[list[dict[str, str]]],
    configuration_set: Optional[str], source_arn: Optional[str] = None, return_path_arn: Optional[str] = None,
    list_management: Any = None, route: Optional[multi_region.Route] = None, tenant: Optional[str] = None,
) -> dict[str, Any]:
    """v2 SendEmail with Content.Template (called by the SendEmail handler; ``route``: the
    multi-region endpoint's, whose sending region ``backend`` already is)."""
    if not source:
        raise BadRequest(message="Source cannot be empty")  # floci's probes (G38) (?)
    stored = template_for(backend, template)
    values = given = parse_data(template.get("TemplateData"))
    if list_management is not None:
        # SES's own placeholder is not the data's: it survives rendering, for the send to
        # replace with the unsubscribe link (fakeses/domain/contacts.py) (?).
        values = {"amazonSESUnsubscribeUrl": PLACEHOLDER, **given}
    out = _destination("sesv2", "SendEmail", source, destination, reply_to=list(reply_to or []),
                       return_path=return_path, tags=tag_pairs(tags), configuration_set=configuration_set,
                       template=stored.name or None, max_size=V2_MAX_SIZE)
    authorization.given(out, source=source_arn, return_path=return_path_arn, action="ses:SendTemplatedEmail")
    out.list_management = list_management
    out = personalize(out, stored, values, headers=[(h["Name"], h["Value"]) for h in template.get("Headers") or []],
                      attachments=[_attachment(a) for a in template.get("Attachments") or []])
    out.template_data = given
    multi_region.apply(route, out)
    out.tenant = tenant
    message = send(backend, out)
    raise_if_strict(backend, [message])
    return {"MessageId": message.message_id}


@operation("sesv2", "SendBulkEmail")
def send_bulk_email(
    backend: Backend, *, DefaultContent: dict[str, Any], BulkEmailEntries: list[dict[str, Any]],
    FromEmailAddress: Optional[str] = None, FromEmailAddressIdentityArn: Optional[str] = None,
    ReplyToAddresses: Optional[list[str]] = None, FeedbackForwardingEmailAddress: Optional[str] = None,
    FeedbackForwardingEmailAddressIdentityArn: Optional[str] = None,
    DefaultEmailTags: Optional[list[dict[str, str]]] = None, ConfigurationSetName: Optional[str] = None,
    EndpointId: Optional[str] = None, TenantName: Optional[str] = None,
) -> dict[str, Any]:
    # Through a multi-region endpoint: sent from one of its regions (fakeses/domain/multi_region.py).
    route = multi_region.through(backend, EndpointId)
    if route is not None:
        backend = route.sending
    default = DefaultContent.get("Template")
    if default is None:
        raise BadRequest(message="Template is required.")  # (?)
    if not FromEmailAddress:
        raise BadRequest(message="Source cannot be empty")  # as for SendEmail (G38) (?)
    template = template_for(backend, default)
    headers = [(h["Name"], h["Value"]) for h in default.get("Headers") or []]
    attachments = [_attachment(a) for a in default.get("Attachments") or []]
    # What every entry shares is made once: the messages copy what they keep.
    shared = _destination("sesv2", "SendBulkEmail", FromEmailAddress, {}, reply_to=list(ReplyToAddresses or []),
                          return_path=FeedbackForwardingEmailAddress, configuration_set=ConfigurationSetName,
                          template=template.name or None, max_size=V2_MAX_SIZE)
    shared.tenant = TenantName
    authorization.given(shared, source=FromEmailAddressIdentityArn,
                        return_path=FeedbackForwardingEmailAddressIdentityArn)
    if BulkEmailEntries:  # no entries: "Destinations cannot be empty" comes first
        multi_region.apply(route, shared)
    entries = []
    for entry in BulkEmailEntries:
        content = entry.get("ReplacementEmailContent")
        replacement = (content.get("ReplacementTemplate") or {}) if content else {}
        replacement_headers = entry.get("ReplacementHeaders")
        entries.append(_entry(entry, replacement.get("ReplacementTemplateData"), bulk.merge_headers(
            headers, [(h["Name"], h["Value"]) for h in replacement_headers]) if replacement_headers else None))
    results = bulk.send_bulk(backend, template, default.get("TemplateData"), tag_pairs(DefaultEmailTags), shared,
                             entries, headers=headers, attachments=attachments)
    return {"BulkEmailEntryResults": [
        {"Status": "SUCCESS", "MessageId": result.message_id} if result.message_id is not None
        else {"Status": result.status, "Error": result.error} for result in results]}
