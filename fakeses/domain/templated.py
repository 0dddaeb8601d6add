"""Templated sending: a template rendered for each message, as SES does after accepting it.

SES checks a templated send like any other (addresses, identities, quota) and answers
with a MessageId; it renders the template afterwards. A template that cannot be
rendered with the message's data does not fail the call: the message is not delivered
and SES publishes a Rendering Failure event naming the template and the error
(F13: aws/aws-sdk-js#2239, aws/aws-sdk-go#3609; event object "failure" with
"errorMessage" and "templateName": event-publishing-retrieving-sns-contents.html).
The Send event comes first: SES publishes it before rendering, which is why a templated
Send event lists no Subject header (G47, LocalStack's AWS snapshot).
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, TypeVar

from ..mail import mime
from ..mail import templates as engine
from .errors import (
    InvalidParameterValue,
    InvalidRenderingParameter,
    MissingRenderingAttribute,
    RenderingFailure,
)
from .messages import SentMessage
from .sending import Outgoing
from .state import Backend
from .templates import EmailTemplate, render

T = TypeVar("T")


def parse_data(text: Optional[str], *, field: str = "TemplateData") -> dict[str, Any]:
    """The JSON object a send renders with; anything else is refused at the call."""
    if text is None:
        return {}
    try:
        return engine.parse_data(text)
    except engine.InvalidData:
        # "The template data is invalid" answered for a bulk send whose data could not
        # be read (boto/boto3#1795, aws/aws-sdk-php#1454).
        raise InvalidParameterValue(message="The template data is invalid") from None


def personalize(out: Outgoing, template: EmailTemplate, values: dict[str, Any], *,
                headers: Sequence[tuple[str, str]] = (), attachments: Sequence[mime.Attachment] = ()) -> Outgoing:
    """Fill ``out`` with ``template`` rendered for ``values``, or with the rendering error.

    The message keeps ``headers`` and ``attachments`` as given, not copies: the entries of
    a bulk send share them, and nothing changes them once sent.
    """
    out.template_data = values
    try:
        rendered = render(template, values)
    except (MissingRenderingAttribute, InvalidRenderingParameter) as error:
        out.rendering_error = error.message
        out.content = mime.SimpleContent(templated=True, headers=_listed(headers))
        return out
    out.subject = rendered.subject
    out.content = mime.SimpleContent(text=rendered.text, html=rendered.html, templated=True,
                                     headers=_listed(headers), attachments=_listed(attachments))
    out.size = out.content.size(out.subject)
    return out


def _listed(items: Sequence[T]) -> list[T]:
    return items if isinstance(items, list) else list(items)


def raise_if_strict(backend: Backend, messages: Sequence[SentMessage]) -> None:
    """With ``raise_on_rendering_failure``, fail the test at the send that SES would drop."""
    if backend.world.options.raise_on_rendering_failure:
        failed = [m for m in messages if m.failure is not None]
        if failed:
            raise RenderingFailure(failed)
