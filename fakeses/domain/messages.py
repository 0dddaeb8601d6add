"""What a test reads: one frozen record per message SES accepted."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import email.message
from typing import TYPE_CHECKING, Any, Optional, Protocol

from ._records import quick_init

if TYPE_CHECKING:
    from .attachments import Attachment


class Content(Protocol):
    """How a message's MIME text is produced, only when a test asks for it."""

    def render(self, message: SentMessage) -> bytes: ...

    def parts(self, message: SentMessage) -> tuple[Optional[str], Optional[str]]: ...


@quick_init  # made at a plain class's cost: a bulk send makes one per entry (_records.py)
@dataclasses.dataclass(frozen=True, slots=True)
class SentMessage:
    """A message SES accepted, in the words a test uses.

    ``to``, ``cc``, ``bcc`` and ``reply_to`` are the addresses as the caller gave them
    (display names included); ``destinations`` are the envelope recipients, bare
    addresses. ``raw`` is the whole MIME message as SES would deliver it (with SES's
    ``Message-ID`` and ``Date``), built on first access; ``mime`` is ``raw`` parsed.
    ``text`` and ``html`` are the bodies: as given for simple sends, decoded from the
    first non-attachment text/plain and text/html parts of raw sends (line ends ``\n``).
    ``attachments`` are records of the attachments in ``mime``. ``source`` is ``Source`` /
    ``FromEmailAddress`` as given, or a raw message's From header. For a templated
    send ``subject``, ``text`` and ``html`` are the rendered parts, ``template`` the
    template's name (None for inline content) and ``template_data`` the data, parsed.
    ``account_id`` is the sending account; ``identity_owner`` the account that owns the
    identity sent as (another one for a delegate send) and ``source_arn`` that identity.
    """

    message_id: str
    operation: str
    service: str
    region: str
    account_id: str
    source: str
    to: list[str]
    cc: list[str]
    bcc: list[str]
    destinations: list[str]
    reply_to: list[str]
    subject: Optional[str]
    sent_at: _dt.datetime
    return_path: Optional[str] = None
    template: Optional[str] = None
    template_data: Any = None
    configuration_set: Optional[str] = None
    tags: dict[str, str] = dataclasses.field(default_factory=dict)
    #: False when SES accepted the message but did not deliver it; ``failure`` says why
    #: (e.g. "Rendering Failure: Attribute 'name' is not present in the rendering data.").
    delivered: bool = True
    failure: Optional[str] = None
    #: The account that owns the sending identity: ``account_id`` (the sending account,
    #: which the message counts against) for its own identities; for a delegate send
    #: (sending authorization: SourceArn, FromEmailAddressIdentityArn, ...) the owner's.
    identity_owner: Optional[str] = None
    #: For a delegate send, the ARN of the owner's identity the send was authorized by.
    source_arn: Optional[str] = None
    #: The custom MAIL FROM domain SES sent with (the identity's, its MX record Success);
    #: None: SES's own (see ``mail_from``).
    mail_from_domain: Optional[str] = None
    #: The domain that DKIM-signed the message (the sender's domain identity, signing and
    #: verified); None: none but SES's own amazonses.com signature.
    dkim_domain: Optional[str] = None
    #: List management (v2 ListManagementOptions, or a raw message's X-SES-LIST-MANAGEMENT-OPTIONS
    #: header): the contact list and topic the message named; the recipients SES did not send
    #: it to because they unsubscribed (each gets a Bounce); the unsubscribe link SES put in
    #: it (single-recipient sends only). See fakeses/domain/contacts.py.
    contact_list: Optional[str] = None
    topic: Optional[str] = None
    unsubscribed: list[str] = dataclasses.field(default_factory=list)
    unsubscribe_url: Optional[str] = None
    #: The dedicated IP pool the message went out through: its configuration set's
    #: SendingPoolName, else ``ses-default-dedicated-pool`` when the account has dedicated
    #: IPs in no pool of its own; None: SES's shared IPs. ``sending_ip`` is the pool's
    #: dedicated IP it left from (None when the pool has none). See fakeses/domain/dedicated_ips.py.
    sending_pool: Optional[str] = None
    sending_ip: Optional[str] = None
    #: A v2 send through a multi-region endpoint (EndpointId): its id, and the endpoint's
    #: regions, primary first; ``region`` is the one the message went out of. For any other
    #: send ``endpoint_id`` is None and ``regions`` is ``[region]``.
    endpoint_id: Optional[str] = None
    regions: list[str] = dataclasses.field(default_factory=list)
    #: The tenant the message was sent through (v2 ``TenantName``), or None.
    tenant: Optional[str] = None
    _content: Any = dataclasses.field(default=None, repr=False, compare=False)
    _cache: dict[str, Any] = dataclasses.field(default_factory=dict, repr=False, compare=False)

    @property
    def raw(self) -> bytes:
        """The whole MIME message, as bytes, as SES would deliver it."""
        raw = self._cache.get("raw")
        if raw is None:
            raw = self._cache["raw"] = self._content.render(self)
        return raw  # type: ignore[no-any-return]

    @property
    def mail_from(self) -> str:
        """The envelope sender (MAIL FROM, the Return-Path the recipient sees) SES used:
        ``<message id>@<custom MAIL FROM domain>``, or ``@amazonses.com`` in us-east-1 and
        ``@<region>.amazonses.com`` elsewhere when SES's own applies (recorded Return-Path
        headers; fakeses/domain/mail_from.py)."""
        from .mail_from import default_domain

        return f"{self.message_id}@{self.mail_from_domain or default_domain(self.region)}"

    @property
    def mime(self) -> email.message.EmailMessage:
        """``raw`` parsed with the standard library's modern email policy.

        A header that policy's parser fails on (CPython raises IndexError on the
        parameter ``1*``, which SES passes through) is kept as unstructured text.
        """
        parsed = self._cache.get("mime")
        if parsed is None:
            import email.parser

            parsed = self._cache["mime"] = email.parser.BytesParser(policy=_policy()).parsebytes(self.raw)
        return parsed  # type: ignore[no-any-return]

    @property
    def text(self) -> Optional[str]:
        """The text/plain body, decoded, or None."""
        return self._parts()[0]

    @property
    def html(self) -> Optional[str]:
        """The text/html body, decoded, or None."""
        return self._parts()[1]

    def _parts(self) -> tuple[Optional[str], Optional[str]]:
        parts = self._cache.get("parts")
        if parts is None:
            parts = self._cache["parts"] = self._content.parts(self)
        return parts  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        """What a failing assertion needs first: recipients, subject, sender, operation.

        cc/bcc, template and a delivery failure follow only when there are any; the
        message id comes last, cut. Bodies are never shown (read ``text``/``html``).
        """
        shown = [f"to={_cut_list(self.to)}", f"subject={_cut(self.subject)}", f"source={_cut(self.source)}",
                 f"operation={self.operation!r}"]
        if not self.to:
            shown.append(f"destinations={_cut_list(self.destinations)}")
        for name in ("cc", "bcc"):
            if getattr(self, name):
                shown.append(f"{name}={_cut_list(getattr(self, name))}")
        if self.template is not None:
            shown.append(f"template={_cut(self.template)}")
        if not self.delivered:
            shown.append(f"delivered=False, failure={_cut(self.failure)}")
        shown += [f"service={self.service!r}", f"region={self.region!r}", f"message_id={_cut(self.message_id, 24)}"]
        return f"SentMessage({', '.join(shown)})"

    @property
    def verification_link(self) -> Optional[str]:
        """The verification link SES put in a SendCustomVerificationEmail message (None in
        any other), as a browser would open it; follow it with the handle's
        ``follow_verification_link``."""
        if self.operation != "SendCustomVerificationEmail":
            return None
        from .custom_verification import link_in

        return link_in(self.html)

    @property
    def attachments(self) -> list[Attachment]:
        """The attachments, as :class:`~fakeses.Attachment` records (``filename``,
        ``content_type``, ``content`` bytes, ``part``), in the order of the MIME parts;
        read from ``mime`` on first access."""
        found = self._cache.get("attachments")
        if found is None:
            from .attachments import attachments_of

            found = self._cache["attachments"] = tuple(attachments_of(self.mime))
        return list(found)


_POLICY: list[Any] = []


# Longer header values are kept as written: the standard library's header parser takes
# time superlinear in the number of encoded words (a 1 MB Subject of broken words took
# minutes to read, found by the fuzz harness), and no real header comes near this size.
LONGEST_PARSED_HEADER = 64 * 1024


def _policy() -> Any:
    """``email.policy.default`` that reads whatever SES accepted, built once.

    Its header factory never raises and keeps an over-long value as written; its content
    manager gives a part without a reader (``x/y``, a multipart with no boundary) as its
    bytes, and text in a charset Python cannot decode as UTF-8 with replacements.
    """
    if not _POLICY:
        import email.policy
        from email import _header_value_parser as parser
        from email.contentmanager import ContentManager, raw_data_manager
        from email.headerregistry import BaseHeader, HeaderRegistry, UnstructuredHeader

        unparsed = type("_UnparsedHeader", (UnstructuredHeader, BaseHeader), {})

        class _AsWritten(UnstructuredHeader):
            @classmethod
            def parse(cls, value: str, kwds: dict[str, Any]) -> None:
                kwds["parse_tree"] = parser.UnstructuredTokenList([parser.ValueTerminal(value, "vtext")])
                kwds["decoded"] = value

        as_written = type("_AsWrittenHeader", (_AsWritten, BaseHeader), {})

        class TolerantHeaders(HeaderRegistry):
            def __call__(self, name: str, value: Any) -> BaseHeader:
                if len(value) > LONGEST_PARSED_HEADER:
                    return as_written(name, value)  # type: ignore[no-any-return]
                try:
                    return super().__call__(name, value)
                except Exception:  # the parser's own bug, not the message's fault
                    return unparsed(name, value)  # type: ignore[no-any-return]

        class TolerantContent(ContentManager):
            def get_content(self, msg: Any, *args: Any, **kw: Any) -> Any:
                try:
                    return raw_data_manager.get_content(msg, *args, **kw)
                except (KeyError, LookupError, ValueError):  # no reader, or no such codec
                    data = msg.get_payload(decode=True)
                    data = data if isinstance(data, bytes) else b""
                    if msg.get_content_maintype() == "text":
                        return data.decode("utf-8", errors="replace")
                    return data

            def set_content(self, msg: Any, obj: Any, *args: Any, **kw: Any) -> None:
                raw_data_manager.set_content(msg, obj, *args, **kw)

        _POLICY.append(email.policy.default.clone(header_factory=TolerantHeaders(),
                                                  content_manager=TolerantContent()))
    return _POLICY[0]


def _cut(value: Optional[str], limit: int = 60) -> str:
    """``repr(value)``, with a long string cut to ``limit`` characters and ``...``."""
    if value is not None and len(value) > limit:
        value = value[:limit - 3] + "..."
    return repr(value)


def _cut_list(values: list[str], limit: int = 3) -> str:
    """``values`` as a list literal of at most ``limit`` items, then how many more."""
    shown = ", ".join(_cut(value) for value in values[:limit])
    if len(values) > limit:
        shown += f", ... {len(values) - limit} more"
    return f"[{shown}]"
