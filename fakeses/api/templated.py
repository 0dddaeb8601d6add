"""Templated sending: v1 SendTemplatedEmail and SendBulkTemplatedEmail, v2 SendEmail with
Content.Template and SendBulkEmail.

Each message is an :class:`~fakeses.domain.sending.Outgoing` filled by
:func:`~fakeses.domain.templated.personalize` and sent through the same rules as every
other send; see fakeses/domain/templated.py for what SES does with a template it cannot
render, and fakeses/domain/bulk.py for bulk sends.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import bulk
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
    entries = [
        bulk.Entry(
            out=_destination("ses", "SendBulkTemplatedEmail", Source, entry["Destination"],
                             reply_to=list(ReplyToAddresses or []), return_path=ReturnPath,
                             configuration_set=ConfigurationSetName, template=template.name,
                             max_size=V1_MAX_SIZE),
            data=entry.get("ReplacementTemplateData"),
            tags=tag_pairs(entry.get("ReplacementTags")),
        )
        for entry in Destinations
    ]
    results = bulk.send_bulk(backend, template, DefaultTemplateData, tag_pairs(DefaultTags), entries)
    return {"Status": [_v1_status(result) for result in results]}


def _v1_status(result: bulk.Result) -> dict[str, Any]:
    if result.message is not None:
        return {"Status": "Success", "MessageId": result.message.message_id}
    return {"Status": V1_STATUS[result.status], "Error": result.error}


# The v1 name of each v2 status a bulk entry can get (BulkEmailStatus: the two models
# list the same statuses in the same order; tests/e2e/test_bulk_sending.py checks this).
V1_STATUS = {
    "SUCCESS": "Success", "MESSAGE_REJECTED": "MessageRejected", "INVALID_PARAMETER": "InvalidParameterValue",
    "ACCOUNT_DAILY_QUOTA_EXCEEDED": "AccountDailyQuotaExceeded", "ACCOUNT_SENDING_PAUSED": "AccountSendingPaused",
    "CONFIGURATION_SET_NOT_FOUND": "ConfigurationSetDoesNotExist", "TEMPLATE_NOT_FOUND": "TemplateDoesNotExist",
    "CONFIGURATION_SET_SENDING_PAUSED": "ConfigurationSetSendingPaused", "FAILED": "Failed",
}
