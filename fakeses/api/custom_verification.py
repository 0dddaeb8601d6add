"""Custom verification emails: v1 beside v2, both on ``backend.custom_verification``.

Sources: the v1 and v2 API references (seeds 004, 001), the developer guide's page on
custom verification email templates, floci's probes of SES (floci-io/floci PRs #1840
and #2191), and the facts in fakeses/domain/custom_verification.py.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import custom_verification as domain
from ..domain.custom_verification import CustomVerificationTemplate
from ..domain.errors import CustomVerificationPageSizeOutOfRange
from ..domain.state import Backend
from . import operation
from .tags import given

# v1 MaxResults: "at least 1 and less than or equal to 50 ... Otherwise, the operation
# returns up to 50 results" (seed 004); v2 PageSize "at least 1, and can be no more than
# 50" and the token gives "the next 50" (seed 001): 50 is taken as v2's default too (?).
MAX_PAGE = 50


def _new(TemplateName: str, FromEmailAddress: str, TemplateSubject: str, TemplateContent: str,
         SuccessRedirectionURL: str, FailureRedirectionURL: str,
         Tags: Optional[list[dict[str, str]]] = None) -> CustomVerificationTemplate:
    return CustomVerificationTemplate(
        name=TemplateName, from_address=FromEmailAddress, subject=TemplateSubject, content=TemplateContent,
        success_url=SuccessRedirectionURL, failure_url=FailureRedirectionURL,
        tags=given(Tags))


def _described(template: CustomVerificationTemplate) -> dict[str, Any]:
    """The members List answers for a template (no content: seed 004, floci PR #1840)."""
    return {"TemplateName": template.name, "FromEmailAddress": template.from_address,
            "TemplateSubject": template.subject, "SuccessRedirectionURL": template.success_url,
            "FailureRedirectionURL": template.failure_url}


def _get(backend: Backend, name: str) -> dict[str, Any]:
    template = backend.custom_verification.require(name)
    return dict(_described(template), TemplateContent=template.content)


def _page(backend: Backend, token: Optional[str], size: int) -> dict[str, Any]:
    items, following = backend.custom_verification.page(token, size)
    return {"CustomVerificationEmailTemplates": [_described(t) for t in items], "NextToken": following}


# -- v1 ----------------------------------------------------------------------------------

@operation("ses", "CreateCustomVerificationEmailTemplate")
def create_custom_verification_email_template(
    backend: Backend, *, TemplateName: str, FromEmailAddress: str, TemplateSubject: str, TemplateContent: str,
    SuccessRedirectionURL: str, FailureRedirectionURL: str,
) -> dict[str, Any]:
    backend.custom_verification.create(
        _new(TemplateName, FromEmailAddress, TemplateSubject, TemplateContent, SuccessRedirectionURL,
             FailureRedirectionURL), verified=backend.identities.covers)
    return {}


@operation("ses", "GetCustomVerificationEmailTemplate")
def get_custom_verification_email_template(backend: Backend, *, TemplateName: str) -> dict[str, Any]:
    return _get(backend, TemplateName)


@operation("ses", "UpdateCustomVerificationEmailTemplate")
def update_custom_verification_email_template(
    backend: Backend, *, TemplateName: str, FromEmailAddress: Optional[str] = None,
    TemplateSubject: Optional[str] = None, TemplateContent: Optional[str] = None,
    SuccessRedirectionURL: Optional[str] = None, FailureRedirectionURL: Optional[str] = None,
) -> dict[str, Any]:
    backend.custom_verification.update(
        TemplateName, verified=backend.identities.covers, from_address=FromEmailAddress, subject=TemplateSubject,
        content=TemplateContent, success_url=SuccessRedirectionURL, failure_url=FailureRedirectionURL)
    return {}


@operation("ses", "DeleteCustomVerificationEmailTemplate")
def delete_custom_verification_email_template(backend: Backend, *, TemplateName: str) -> dict[str, Any]:
    # v1 models no error for it: an unknown name succeeds, as v1 DeleteTemplate does
    # (F14) (?). floci answers CustomVerificationEmailTemplateDoesNotExist there.
    backend.custom_verification.delete(TemplateName)
    return {}


@operation("ses", "ListCustomVerificationEmailTemplates")
def list_custom_verification_email_templates(backend: Backend, *, NextToken: Optional[str] = None,
                                             MaxResults: Optional[int] = None) -> dict[str, Any]:
    # The model's range of MaxResults (1-50) is checked before the handler (fakeses/validation.py).
    return _page(backend, NextToken, MAX_PAGE if MaxResults is None else MaxResults)


@operation("ses", "SendCustomVerificationEmail")
def send_custom_verification_email(backend: Backend, *, EmailAddress: str, TemplateName: str,
                                   ConfigurationSetName: Optional[str] = None) -> dict[str, Any]:
    message = domain.send(backend, service="ses", address=EmailAddress, template_name=TemplateName,
                          configuration_set=ConfigurationSetName)
    return {"MessageId": message.message_id}


# -- v2 ----------------------------------------------------------------------------------

@operation("sesv2", "CreateCustomVerificationEmailTemplate")
def create_custom_verification_email_template_v2(
    backend: Backend, *, TemplateName: str, FromEmailAddress: str, TemplateSubject: str, TemplateContent: str,
    SuccessRedirectionURL: str, FailureRedirectionURL: str, Tags: Optional[list[dict[str, str]]] = None,
) -> dict[str, Any]:
    backend.custom_verification.create(
        _new(TemplateName, FromEmailAddress, TemplateSubject, TemplateContent, SuccessRedirectionURL,
             FailureRedirectionURL, Tags), verified=backend.identities.covers)
    return {}


@operation("sesv2", "GetCustomVerificationEmailTemplate")
def get_custom_verification_email_template_v2(backend: Backend, *, TemplateName: str) -> dict[str, Any]:
    template = backend.custom_verification.require(TemplateName)
    return dict(_get(backend, TemplateName), Tags=[{"Key": k, "Value": v} for k, v in template.tags])


@operation("sesv2", "UpdateCustomVerificationEmailTemplate")
def update_custom_verification_email_template_v2(
    backend: Backend, *, TemplateName: str, FromEmailAddress: str, TemplateSubject: str, TemplateContent: str,
    SuccessRedirectionURL: str, FailureRedirectionURL: str,
) -> dict[str, Any]:
    backend.custom_verification.update(
        TemplateName, verified=backend.identities.covers, from_address=FromEmailAddress, subject=TemplateSubject,
        content=TemplateContent, success_url=SuccessRedirectionURL, failure_url=FailureRedirectionURL)
    return {}


@operation("sesv2", "DeleteCustomVerificationEmailTemplate")
def delete_custom_verification_email_template_v2(backend: Backend, *, TemplateName: str) -> dict[str, Any]:
    backend.custom_verification.require(TemplateName)  # NotFoundException (floci PR #1840, probed)
    backend.custom_verification.delete(TemplateName)
    return {}


@operation("sesv2", "ListCustomVerificationEmailTemplates")
def list_custom_verification_email_templates_v2(backend: Backend, *, NextToken: Optional[str] = None,
                                                PageSize: Optional[int] = None) -> dict[str, Any]:
    if PageSize is not None and not 1 <= PageSize <= MAX_PAGE:
        raise CustomVerificationPageSizeOutOfRange()
    return _page(backend, NextToken, MAX_PAGE if PageSize is None else PageSize)


@operation("sesv2", "SendCustomVerificationEmail")
def send_custom_verification_email_v2(backend: Backend, *, EmailAddress: str, TemplateName: str,
                                      ConfigurationSetName: Optional[str] = None) -> dict[str, Any]:
    message = domain.send(backend, service="sesv2", address=EmailAddress, template_name=TemplateName,
                          configuration_set=ConfigurationSetName)
    return {"MessageId": message.message_id}
