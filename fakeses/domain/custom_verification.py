"""Custom verification emails: their templates, the sends, and the links SES puts in them.

One store per (account, region), shared by v1 and v2 ("a v1-written template is returned
by the v2 Get, and vice versa": floci's probes of SES, floci-io/floci PR #1840).

What SES documents (developer guide, "Using custom verification email templates",
send-email-verify-address-custom, and its FAQ), and what fakeses does with it:

- Up to 50 templates (FAQ Q1, "per Amazon SES account"; kept per region here, as every
  other SES store is (?)).
- The ``FromEmailAddress`` "must be verified for use with your Amazon SES account" and
  "doesn't support display names" (creating a template); an unverified one is refused at
  create, update and send (floci PR #1840, #2191, probed).
- Content: "can't exceed 10 MB" (FAQ Q5; the API reference: "must be less than 10 MB"),
  and HTML "can only use the tags and attributes listed" in FAQ Q5 (:data:`ALLOWED`).
  floci reported that SES did not refuse the (allowed) bodies it tried; which refusal SES
  gives for a tag outside the list is not recorded (?).
- Sending needs production access: "You can only send custom verification emails if your
  account has been removed from the sandbox" (FAQ Q13, ProductionAccessNotGranted).
- The email is the template's content "followed by a link that recipients must click"
  (FAQ Q2) and a disclaimer that "is automatically added to the end of every custom
  verification email" (FAQ Q10). Sending "adds an email address to the list of identities"
  (seed 004, SendCustomVerificationEmail); "If you do not click the verification link,
  Amazon SES does not create a new identity" (FAQ Q3) is read as: the identity stays
  pending until the click (floci PR #2191 probed it listed as Pending).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
import html
import html.parser
import re
import secrets
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Optional
from urllib.parse import parse_qs, quote, urlsplit

from . import clock
from .errors import (
    CustomVerificationContentInvalid,
    CustomVerificationTemplateAlreadyExists,
    CustomVerificationTemplateLimitExceeded,
    CustomVerificationTemplateNotFound,
    CustomVerificationTemplateNotFoundForSend,
    FromEmailAddressNotVerified,
    InvalidParameterValue,
    ProductionAccessNotGranted,
)
from .pages import page

if TYPE_CHECKING:
    from .messages import SentMessage
    from .state import Backend

MAX_TEMPLATES = 50
MAX_SIZE = 10 * 1024 * 1024  # subject and content, bytes of UTF-8 ("less than 10 MB"; MiB (?))
#: How long a verification link works: "This link expires 24 hours after your original
#: verification request" (the text of SES's verification emails, quoted in public guides).
LINK_LIFETIME = _dt.timedelta(hours=24)

_COMMON = frozenset({"class", "id", "style", "title"})
#: The HTML tags a template may use and the attributes of each (developer guide FAQ Q5).
ALLOWED: dict[str, frozenset[str]] = {
    **{tag: _COMMON for tag in (
        "abbr acronym address area b bdo big body br button caption center cite code dd del "
        "dfn dir div dl dt em fieldset font form h1 h2 h3 h4 h5 h6 head hr html i input ins kbd "
        "label legend li map menu optgroup option p pre s samp select small span strike strong "
        "sub sup tbody textarea tfoot thead tr tt u var").split()},
    "blockquote": _COMMON | {"cite"},
    "q": _COMMON | {"cite"},
    "col": _COMMON | {"span", "width"},
    "colgroup": _COMMON | {"span", "width"},
    "img": _COMMON | {"align", "alt", "height", "src", "width"},
    "ol": _COMMON | {"start", "type"},
    "ul": _COMMON | {"type"},
    "table": _COMMON | {"summary", "width"},
    "td": _COMMON | {"abbr", "axis", "colspan", "rowspan", "width"},
    "th": _COMMON | {"abbr", "axis", "colspan", "rowspan", "scope", "width"},
}

#: The text SES adds at the end of every custom verification email (FAQ Q10); "email
#: address" links to aws-email-domain-verification@amazon.com.
DISCLAIMER = ("If you did not request to verify this email address, please disregard this message. "
              "If you have any concerns, please forward this message to the following "
              '<a href="mailto:aws-email-domain-verification@amazon.com">email address</a> '
              "along with your questions or comments.")

#: A verification link in a message's HTML (SES's host, any region).
LINK = re.compile(r"https://email-verification\.[a-z0-9-]+\.amazonaws\.com/\?[^\"'<>\s]+")


@dataclasses.dataclass
class CustomVerificationTemplate:
    """A stored custom verification email template, as given."""

    name: str
    from_address: str
    subject: str
    content: str
    success_url: str
    failure_url: str
    #: v2 Tags, as (key, value) pairs in the order given.
    tags: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    created_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)


@dataclasses.dataclass(frozen=True)
class VerificationLink:
    """A link SES put in a custom verification email, and where it leads."""

    url: str
    token: str
    address: str
    template: str
    issued_at: _dt.datetime
    success_url: str
    failure_url: str


class CustomVerification:
    """The custom verification templates of one (account, region), by name, and the links sent."""

    def __init__(self) -> None:
        self._by_name: dict[str, CustomVerificationTemplate] = {}
        self._links: dict[str, VerificationLink] = {}

    def __len__(self) -> int:
        return len(self._by_name)

    def get(self, name: str) -> Optional[CustomVerificationTemplate]:
        return self._by_name.get(name)

    def require(self, name: str) -> CustomVerificationTemplate:
        """The template ``name``; raises :class:`CustomVerificationTemplateNotFound`."""
        template = self._by_name.get(name)
        if template is None:
            raise CustomVerificationTemplateNotFound(name=name)
        return template

    def create(self, template: CustomVerificationTemplate, *, verified: Callable[[str], bool]) -> None:
        """CreateCustomVerificationEmailTemplate.

        Checks, in floci's probed order as far as it goes (required values, From address,
        redirection URLs), then the content (?), the name and the limit.
        ``verified`` answers whether a bare address is verified (itself or its domain).
        """
        check(template, verified)
        if template.name in self._by_name:
            raise CustomVerificationTemplateAlreadyExists(name=template.name)
        if len(self._by_name) >= MAX_TEMPLATES:
            raise CustomVerificationTemplateLimitExceeded(limit=MAX_TEMPLATES)
        self._by_name[template.name] = template

    def update(self, name: str, *, verified: Callable[[str], bool], from_address: Optional[str] = None,
               subject: Optional[str] = None, content: Optional[str] = None, success_url: Optional[str] = None,
               failure_url: Optional[str] = None) -> CustomVerificationTemplate:
        """UpdateCustomVerificationEmailTemplate: the values given replace the stored ones
        ("the attributes you specify overwrite the attributes that were originally in the
        template", developer guide); the result is checked as at create."""
        current = self.require(name)
        updated = dataclasses.replace(
            current, from_address=current.from_address if from_address is None else from_address,
            subject=current.subject if subject is None else subject,
            content=current.content if content is None else content,
            success_url=current.success_url if success_url is None else success_url,
            failure_url=current.failure_url if failure_url is None else failure_url)
        check(updated, verified)
        self._by_name[name] = updated
        return updated

    def delete(self, name: str) -> bool:
        """Remove ``name``; False if there was none."""
        return self._by_name.pop(name, None) is not None

    def page(self, token: Optional[str], size: int) -> tuple[list[CustomVerificationTemplate], Optional[str]]:
        """One page of the templates, by name (the order floci serves; SES's is not recorded (?)).

        Tokens work on both APIs; raises :class:`~fakeses.domain.pages.InvalidToken`."""
        return page(sorted(self._by_name.values(), key=lambda t: t.name), token, size)

    # -- links ------------------------------------------------------------------------------
    def issue(self, backend: Backend, address: str, template: CustomVerificationTemplate) -> VerificationLink:
        """A new verification link for ``address``, kept so that following it can be answered."""
        now = clock.utcnow().replace(microsecond=0)
        token = secrets.token_hex(32)
        link = VerificationLink(url=verification_url(backend.region, backend.account_id, address, now, token),
                                token=token, address=address, template=template.name, issued_at=now,
                                success_url=template.success_url, failure_url=template.failure_url)
        self._links[token] = link
        return link

    def link(self, token: str) -> Optional[VerificationLink]:
        return self._links.get(token)

    def forget(self, link: VerificationLink) -> None:
        self._links.pop(link.token, None)


def verification_url(region: str, account_id: str, address: str, at: _dt.datetime, token: str) -> str:
    """A link of the form SES's verification emails carry (quoted from a real one in a
    public setup guide, found by the text "email-verification.us-east-1.amazonaws.com"):
    ``https://email-verification.<region>.amazonaws.com/?Context=<account>&X-Amz-Date=...
    &Identity.IdentityName=<address>&...&Operation=ConfirmVerification&Namespace=Bacon
    &X-Amz-Signature=<64 hex>``. The signature is the fake's token (?)."""
    stamp = at.strftime("%Y%m%dT%H%M%SZ")
    key = "AKIA" + secrets.token_hex(8).upper()
    credential = quote(f"{key}/{stamp[:8]}/{region}/ses/aws4_request", safe="")
    return (f"https://email-verification.{region}.amazonaws.com/?Context={account_id}&X-Amz-Date={stamp}"
            f"&Identity.IdentityName={quote(address, safe='')}&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            f"&Identity.IdentityType=EmailAddress&X-Amz-SignedHeaders=host&X-Amz-Credential={credential}"
            f"&Operation=ConfirmVerification&Namespace=Bacon&X-Amz-Signature={token}")


def parse_link(url: str) -> Optional[tuple[str, str, str]]:
    """(region, account id, token) of a verification link, or None if ``url`` is not one."""
    if not isinstance(url, str) or not LINK.fullmatch(url):
        return None
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    host = parts.hostname or ""
    region = host[len("email-verification."):-len(".amazonaws.com")]
    account, token = query.get("Context", [""])[0], query.get("X-Amz-Signature", [""])[0]
    if not (account and token):
        return None
    return region, account, token


def link_in(html_text: Optional[str]) -> Optional[str]:
    """The verification link in a message's HTML, unescaped, or None."""
    if not html_text:
        return None
    found = LINK.search(html_text)
    return html.unescape(found.group(0)) if found else None


# -- checks -----------------------------------------------------------------------------------

def check(template: CustomVerificationTemplate, verified: Callable[[str], bool]) -> None:
    """Raise SES's error for a template it would not store."""
    for label, value in (("TemplateName", template.name), ("FromEmailAddress", template.from_address),
                         ("TemplateSubject", template.subject), ("TemplateContent", template.content),
                         ("SuccessRedirectionURL", template.success_url),
                         ("FailureRedirectionURL", template.failure_url)):
        if not value or not value.strip():
            # floci's text for a blank value (its v1 tests); SES's is not recorded (?).
            raise InvalidParameterValue(message=f"{label} is required.")
    if not _bare_and_verified(template.from_address, verified):
        raise FromEmailAddressNotVerified(address=template.from_address)
    # Probed by floci for a value that is not a URL (PR #1840): BadRequestException on v2.
    if not _is_url(template.success_url):
        raise InvalidParameterValue(message="The success redirection URL is invalid")
    if not _is_url(template.failure_url):
        raise InvalidParameterValue(message="The failure redirection URL is invalid")
    check_content(template.subject, template.content)


def _bare_and_verified(address: str, verified: Callable[[str], bool]) -> bool:
    from ..mail.addresses import AddressError
    from ..mail.addresses import check as check_address

    try:
        bare = check_address(address)
    except AddressError:
        return False
    # No display names (developer guide): only a bare address can be the verified sender.
    return bare == address.strip() and verified(bare)


def _is_url(value: str) -> bool:
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def check_content(subject: str, content: str) -> None:
    """Raise :class:`CustomVerificationContentInvalid` for content SES's rules refuse:
    10 MB or more, or an HTML tag or attribute outside the developer guide's table."""
    size = len(subject.encode("utf-8", errors="replace")) + len(content.encode("utf-8", errors="replace"))
    if size >= MAX_SIZE:
        raise CustomVerificationContentInvalid(
            message=f"The custom verification email template is {size} bytes; it must be less than 10 MB.")
    found = forbidden_markup(content)
    if found is not None:
        raise CustomVerificationContentInvalid(message=found)


def forbidden_markup(content: str) -> Optional[str]:
    """What in ``content`` a custom verification template may not use, as a sentence, or None."""
    if "<" not in content:
        return None
    finder = _Markup()
    try:
        finder.feed(content)
        finder.close()
    except _Found:
        pass
    return finder.found


class _Found(Exception):
    pass


class _Markup(html.parser.HTMLParser):
    """Stops at the first tag or attribute outside :data:`ALLOWED`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Optional[str] = None

    def handle_starttag(self, tag: str, attrs: Sequence[tuple[str, Optional[str]]]) -> None:
        allowed = ALLOWED.get(tag)
        if allowed is None:
            self.found = f"The HTML tag <{tag}> is not allowed in a custom verification email template."
            raise _Found
        for name, _ in attrs:
            if name not in allowed:
                self.found = (f"The attribute '{name}' of the HTML tag <{tag}> is not allowed in a custom "
                              "verification email template.")
                raise _Found

    handle_startendtag = handle_starttag


# -- sending ------------------------------------------------------------------------------------

def send(backend: Backend, *, service: str, address: str, template_name: str,
         configuration_set: Optional[str]) -> SentMessage:
    """SendCustomVerificationEmail: check, send as any message is sent, and start the verification.

    Checks in this order: the address (floci PR #2191 probed that it comes before the
    template), the template, its From address, the configuration set, the account's
    sending switch, production access, then :func:`fakeses.domain.sending.send`'s own
    (the daily quota: the message counts as one recipient, as any send does (?)).
    The address becomes a pending email identity (kept verified if it is already).
    """
    from ..mail.mime import SimpleContent
    from .errors import AccountSendingPaused
    from .sending import V2_MAX_SIZE, Outgoing, check_configuration_set
    from .sending import send as send_message

    bare = _recipient(address)
    store = backend.custom_verification
    template = store.get(template_name)
    if template is None:
        raise CustomVerificationTemplateNotFoundForSend(name=template_name)
    if not _bare_and_verified(template.from_address, backend.identities.covers):
        raise FromEmailAddressNotVerified(address=template.from_address)
    out = Outgoing(operation="SendCustomVerificationEmail", service=service, source=template.from_address,
                   content=None, to=[bare], subject=template.subject, configuration_set=configuration_set,
                   max_size=V2_MAX_SIZE)
    check_configuration_set(backend, out)
    if not backend.account.sending_enabled:
        raise AccountSendingPaused()
    if backend.account.sandbox:
        raise ProductionAccessNotGranted()
    link = store.issue(backend, bare, template)
    out.content = SimpleContent(html=with_link(template.content, link.url))
    out.size = out.content.size(out.subject)
    try:
        message = send_message(backend, out)
    except Exception:
        store.forget(link)  # a refused send leaves no link to follow
        raise
    backend.identities.verify_email(bare)  # pending (or verified at once with auto_verify)
    return message


def _recipient(address: str) -> str:
    """The address to verify, bare; SES's texts probed by floci (PR #2191)."""
    from ..mail.addresses import AddressError
    from ..mail.addresses import check as check_address

    if not address or not address.strip():
        raise InvalidParameterValue(message="Email address not specified.")
    try:
        bare = check_address(address)
    except AddressError:
        bare = None
    if bare is None or bare != address:
        raise InvalidParameterValue(message=f"Invalid email address<{address}>.")
    return bare


def with_link(content: str, url: str) -> str:
    """The template's HTML followed by the verification link and SES's disclaimer, inside
    the body when the content has one (SES's markup is not recorded (?))."""
    escaped = html.escape(url, quote=True)
    added = f'<p><a href="{escaped}">{escaped}</a></p><p>{DISCLAIMER}</p>'
    end = content.lower().rfind("</body>")
    if end < 0:
        return content + added
    return content[:end] + added + content[end:]


def follow(backend: Backend, token: str) -> tuple[str, bool]:
    """What following the link ``token`` does: (the redirection URL, verified?).

    A link older than :data:`LINK_LIFETIME` by the fake's clock, or for an address that is
    no longer an identity, leads to the template's FailureRedirectionURL and verifies
    nothing (?); otherwise the address is verified and the SuccessRedirectionURL answered.
    Raises KeyError for a token this backend never issued.
    """
    link = backend.custom_verification.link(token)
    if link is None:
        raise KeyError(token)
    if clock.utcnow() - link.issued_at > LINK_LIFETIME:
        return link.failure_url, False
    identity = backend.identities.get(link.address)
    if identity is None:
        return link.failure_url, False
    backend.identities.mark_verified(identity)
    return link.success_url, True
