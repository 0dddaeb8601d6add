"""Email templates: one store per (account, region), v1 *Template and v2 *EmailTemplate alike.

v1 and v2 are two doors to the same templates (SES keeps one set per region; floci's
probes of SES, docs/services/ses.md: "a template created with CreateTemplate resolves
through SendEmail on v2"). A template is parsed when it is stored, so a template SES
could not parse is refused then (InvalidTemplate, seed 004), and rendered with
:mod:`fakeses.mail.templates`.

Limits (developer guide, https://docs.aws.amazon.com/ses/latest/dg/send-personalized-email-api.html):
"up to 20,000 email templates in each AWS Region" and "each template can be up to 500 KB
in size, including both the text and HTML parts".
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import logging
from collections.abc import Iterator, Sequence
from typing import Optional

from ..mail import mime
from ..mail import templates as engine
from . import clock
from ._records import quick_init
from .errors import (
    BadRequest,
    InvalidRenderingParameter,
    InvalidTemplate,
    InvalidTemplatePageToken,
    MissingRenderingAttribute,
    TemplateAlreadyExists,
    TemplateLimitExceeded,
    TemplateNotFound,
    TemplateSubjectMissing,
    TemplateTooLarge,
)
from .pages import InvalidToken, page

logger = logging.getLogger("fakeses")

MAX_TEMPLATES = 20_000
MAX_SIZE = 500 * 1024  # bytes of subject, text and HTML together (?: "500 KB" read as KiB)


Sources = tuple[Optional[str], Optional[str], Optional[str]]
Compiled = tuple[Optional[engine.Template], Optional[engine.Template], Optional[engine.Template]]


@dataclasses.dataclass
class EmailTemplate:
    """A stored template: the subject and bodies as given, unrendered."""

    name: str
    subject: Optional[str]
    text: Optional[str]
    html: Optional[str]
    created_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)
    #: v2 CreateEmailTemplate Tags, as (key, value) pairs in the order given.
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    # The parsed subject, text and HTML, with the texts they were parsed from: a stored
    # template is parsed once, however many templates are in use.
    _compiled: Optional[tuple[Sources, Compiled]] = dataclasses.field(default=None, repr=False, compare=False)

    def compiled(self) -> Compiled:
        """The parsed subject, text and HTML (None where absent); raises
        :class:`fakeses.mail.templates.TemplateSyntaxError`."""
        sources = (self.subject, self.text, self.html)
        kept = self._compiled
        if kept is None or kept[0] != sources:
            self._compiled = kept = (sources, _compile(sources))
        return kept[1]

    @classmethod
    def inline(cls, subject: Optional[str], text: Optional[str], html: Optional[str]) -> EmailTemplate:
        """v2 inline TemplateContent: a template with no name, not stored.

        SES refuses an inline template that uses anything but ``{{variables}}``:
        BadRequestException "Template contains unsupported operations." for ``{{#if}}``
        (aws/aws-sdk-js-v3#6657); blocks and partials are taken to be refused alike (?).
        """
        try:
            compiled = _compile((subject, text, html))  # inline texts share compile's bounded cache
        except engine.TemplateSyntaxError:
            raise BadRequest(message="Template contains unsupported operations.") from None  # (?)
        if not all(part is None or part.only_variables for part in compiled):
            raise BadRequest(message="Template contains unsupported operations.")
        template = cls("", subject, text, html)
        template._compiled = ((subject, text, html), compiled)
        return template


def _compile(sources: Sources) -> Compiled:
    subject, text, html = (None if part is None else engine.compile(part) for part in sources)
    return subject, text, html


@quick_init  # one per templated message (_records.py)
@dataclasses.dataclass(frozen=True, slots=True)
class Rendered:
    """A template rendered with one set of data: what a recipient would read."""

    subject: Optional[str]
    text: Optional[str]
    html: Optional[str]

    def mime(self, at: Optional[_dt.datetime] = None) -> str:
        """The whole MIME text, as TestRenderTemplate answers it."""
        return mime.rendered_template(self.subject, self.text, self.html,
                                      at or clock.utcnow())


class Templates:
    """The templates of one (account, region), by name (names are case-sensitive)."""

    def __init__(self) -> None:
        self._by_name: dict[str, EmailTemplate] = {}
        # Newest first, as listed; kept until a template is created or deleted (linear paging).
        self._newest_first: Optional[tuple[EmailTemplate, ...]] = None

    def __iter__(self) -> Iterator[EmailTemplate]:
        return iter(list(self._by_name.values()))

    def __len__(self) -> int:
        return len(self._by_name)

    def get(self, name: str) -> Optional[EmailTemplate]:
        return self._by_name.get(name)

    def require(self, name: str) -> EmailTemplate:
        """The template ``name``; raises :class:`TemplateNotFound`."""
        template = self._by_name.get(name)
        if template is None:
            raise TemplateNotFound(name=name)
        return template

    def create(self, name: str, *, subject: Optional[str], text: Optional[str], html: Optional[str],
               tags: Sequence[tuple[str, str]] = ()) -> EmailTemplate:
        """CreateTemplate / CreateEmailTemplate.

        Raises :class:`TemplateSubjectMissing`, :class:`InvalidTemplate` (syntax, size),
        :class:`TemplateAlreadyExists` or :class:`TemplateLimitExceeded`, in that order
        (the order of SES's checks is not recorded).
        """
        compiled = _check(name, subject, text, html)
        if name in self._by_name:
            raise TemplateAlreadyExists(name=name)
        if len(self._by_name) >= MAX_TEMPLATES:
            raise TemplateLimitExceeded()
        template = EmailTemplate(name, subject, text, html, tags=list(tags))
        template._compiled = ((subject, text, html), compiled)
        self._by_name[name] = template
        self._newest_first = None
        return template

    def update(self, name: str, *, subject: Optional[str], text: Optional[str], html: Optional[str]) -> EmailTemplate:
        """UpdateTemplate / UpdateEmailTemplate: new content, same creation time and tags."""
        template = self.require(name)
        compiled = _check(name, subject, text, html)
        template.subject, template.text, template.html = subject, text, html
        template._compiled = ((subject, text, html), compiled)
        return template

    def delete(self, name: str) -> bool:
        """Remove ``name``; False if there was none (v1 answers success then: F14)."""
        if self._by_name.pop(name, None) is None:
            return False
        self._newest_first = None
        return True

    def page(self, token: Optional[str], size: int) -> tuple[list[EmailTemplate], Optional[str]]:
        """One page, newest first as SES lists templates (floci's probes, SesListPaging.java).

        Tokens are shared by v1 and v2 (F29). Raises :class:`InvalidTemplatePageToken`.
        """
        if self._newest_first is None:
            self._newest_first = tuple(reversed(self._by_name.values()))
        try:
            return page(self._newest_first, token, size)
        except InvalidToken:
            raise InvalidTemplatePageToken(token=token) from None

    def render(self, name: str, data: str) -> Rendered:
        """Template ``name`` rendered with the JSON object ``data``.

        Raises :class:`TemplateNotFound`, :class:`InvalidRenderingParameter` (data that is
        not a JSON object) or :class:`MissingRenderingAttribute` (F13).
        """
        template = self.require(name)
        try:
            values = engine.parse_data(data)
        except engine.InvalidData as error:
            raise InvalidRenderingParameter(message=str(error)) from None
        return render(template, values)


def placeholders(template: EmailTemplate) -> Optional[list[str]]:
    """The names a template of ``{{name}}`` placeholders only uses in its subject, text and
    HTML, each as often as it is used; None for any other template (see
    :meth:`fakeses.mail.templates.Template.names`)."""
    names: list[str] = []
    for part in template.compiled():
        found = None if part is None else part.names()
        if part is not None and found is None:
            return None
        names += found or ()
    return names


def render(template: EmailTemplate, values: dict[str, object]) -> Rendered:
    """Render each part of ``template`` (subject, text, HTML) with ``values``."""
    subject, text, html = template.compiled()
    try:
        return Rendered(None if subject is None else subject.render(values),
                        None if text is None else text.render(values),
                        None if html is None else html.render(values))
    except engine.MissingAttribute as error:
        raise MissingRenderingAttribute(name=error.name) from None
    except engine.TemplateError as error:
        raise InvalidRenderingParameter(message=str(error)) from None


def _check(name: str, subject: Optional[str], text: Optional[str], html: Optional[str]) -> Compiled:
    """The parsed parts of a template to store; raises as :meth:`Templates.create` says."""
    if not subject:
        raise TemplateSubjectMissing()
    size = sum(len(part.encode("utf-8", errors="replace")) for part in (subject, text, html) if part)
    if size > MAX_SIZE:
        raise TemplateTooLarge(name=name)
    try:
        return _compile((subject, text, html))
    except engine.TemplateSyntaxError as error:
        # SES's wording is unknown, so the wire says only that it is invalid; the
        # parser's reason goes to the log for the test's author.
        logger.info("template %s is invalid: %s", name, error)
        raise InvalidTemplate(name=name) from None
