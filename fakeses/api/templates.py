"""Email templates: v1 *Template beside v2 *EmailTemplate, both on ``backend.templates``.

Sources: v1 API reference (seeds 003, 004), v2 API reference (seed 001), the botocore
models for errors, floci's probes of SES for paging (F29), and the facts in
fakeses/domain/templates.py and fakeses/mail/templates.py.
"""
from __future__ import annotations

from typing import Any, Optional

from ..domain import tenants
from ..domain.errors import TemplatePageSizeOutOfRange
from ..domain.state import Backend
from ..domain.templates import EmailTemplate
from . import operation
from .tags import given

# Page sizes (seed 004 ListTemplates: "10 is the default page size", more than 100 is
# served 100; seed 001 ListEmailTemplates: 1..100, "the next 10 email templates").
DEFAULT_PAGE = 10
MAX_PAGE = 100


# -- v1 ----------------------------------------------------------------------------------

@operation("ses", "CreateTemplate")
def create_template(backend: Backend, *, Template: dict[str, Any]) -> dict[str, Any]:
    backend.templates.create(Template["TemplateName"], subject=Template.get("SubjectPart"),
                             text=Template.get("TextPart"), html=Template.get("HtmlPart"))
    return {}


@operation("ses", "GetTemplate")
def get_template(backend: Backend, *, TemplateName: str) -> dict[str, Any]:
    template = backend.templates.require(TemplateName)
    return {"Template": {"TemplateName": template.name, "SubjectPart": template.subject,
                         "TextPart": template.text, "HtmlPart": template.html}}


@operation("ses", "UpdateTemplate")
def update_template(backend: Backend, *, Template: dict[str, Any]) -> dict[str, Any]:
    backend.templates.update(Template["TemplateName"], subject=Template.get("SubjectPart"),
                             text=Template.get("TextPart"), html=Template.get("HtmlPart"))
    return {}


@operation("ses", "DeleteTemplate")
def delete_template(backend: Backend, *, TemplateName: str) -> dict[str, Any]:
    tenants.check_deletable(backend, "template", TemplateName)
    backend.templates.delete(TemplateName)  # an unknown name succeeds (F14, boto/boto3#3140)
    return {}


@operation("ses", "ListTemplates")
def list_templates(backend: Backend, *, NextToken: Optional[str] = None,
                   MaxItems: Optional[int] = None) -> dict[str, Any]:
    # Out of 1..100, SES serves 100 rather than refusing (floci's probes, F29).
    size = DEFAULT_PAGE if MaxItems is None else MaxItems if 1 <= MaxItems <= MAX_PAGE else MAX_PAGE
    items, token = backend.templates.page(NextToken, size)
    return {"TemplatesMetadata": [{"Name": t.name, "CreatedTimestamp": t.created_at} for t in items],
            "NextToken": token}


@operation("ses", "TestRenderTemplate")
def test_render_template(backend: Backend, *, TemplateName: str, TemplateData: str) -> dict[str, Any]:
    return {"RenderedTemplate": backend.templates.render(TemplateName, TemplateData).mime()}


# -- v2 ----------------------------------------------------------------------------------

def _content(template: EmailTemplate) -> dict[str, Any]:
    return {"Subject": template.subject, "Text": template.text, "Html": template.html}


@operation("sesv2", "CreateEmailTemplate")
def create_email_template(backend: Backend, *, TemplateName: str, TemplateContent: dict[str, Any],
                          Tags: Optional[list[dict[str, str]]] = None) -> dict[str, Any]:
    backend.templates.create(TemplateName, subject=TemplateContent.get("Subject"),
                             text=TemplateContent.get("Text"), html=TemplateContent.get("Html"),
                             tags=given(Tags))
    return {}


@operation("sesv2", "GetEmailTemplate")
def get_email_template(backend: Backend, *, TemplateName: str) -> dict[str, Any]:
    template = backend.templates.require(TemplateName)
    return {"TemplateName": template.name, "TemplateContent": _content(template),
            "Tags": [{"Key": key, "Value": value} for key, value in template.tags]}


@operation("sesv2", "UpdateEmailTemplate")
def update_email_template(backend: Backend, *, TemplateName: str, TemplateContent: dict[str, Any]) -> dict[str, Any]:
    backend.templates.update(TemplateName, subject=TemplateContent.get("Subject"),
                             text=TemplateContent.get("Text"), html=TemplateContent.get("Html"))
    return {}


@operation("sesv2", "DeleteEmailTemplate")
def delete_email_template(backend: Backend, *, TemplateName: str) -> dict[str, Any]:
    backend.templates.require(TemplateName)  # v2 answers NotFoundException (model; F14)
    tenants.check_deletable(backend, "template", TemplateName)
    backend.templates.delete(TemplateName)
    return {}


@operation("sesv2", "ListEmailTemplates")
def list_email_templates(backend: Backend, *, NextToken: Optional[str] = None,
                         PageSize: Optional[int] = None) -> dict[str, Any]:
    if PageSize is not None and not 1 <= PageSize <= MAX_PAGE:
        raise TemplatePageSizeOutOfRange()  # v2 refuses where v1 clamps (floci's probes)
    items, token = backend.templates.page(NextToken, DEFAULT_PAGE if PageSize is None else PageSize)
    return {"TemplatesMetadata": [{"TemplateName": t.name, "CreatedTimestamp": t.created_at} for t in items],
            "NextToken": token}


@operation("sesv2", "TestRenderEmailTemplate")
def test_render_email_template(backend: Backend, *, TemplateName: str, TemplateData: str) -> dict[str, Any]:
    return {"RenderedTemplate": backend.templates.render(TemplateName, TemplateData).mime()}
