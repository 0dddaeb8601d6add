"""The MIME text SES delivers: built for simple sends, kept byte for byte for raw ones.

Simple sends (v1 SendEmail, v2 Simple content) are assembled the way SES's JavaMail
does it (real delivered messages, docs/_research/foundation.md G44-G50): header order
From, Reply-To, To, Cc, Subject, MIME-Version, Content-Type, Content-Transfer-Encoding,
then SES's Message-ID and Date; one ``text/plain`` part for a text-only message,
``multipart/alternative`` (text, then html) for both, a JavaMail boundary
``----=_Part_N_M.T``; never a Bcc header. Raw messages keep every byte but SES's own
headers: Message-ID and Date are replaced by SES's values (docs: header-fields.html,
seed 004 SendRawEmail) and the X-SES-*-ARN headers are removed (seed 004).

Nothing here runs at send time except the cheap header read of a raw message; the
bytes are produced when a test first reads ``SentMessage.raw``.
"""
from __future__ import annotations

import base64
import itertools
import os
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from . import addresses

if TYPE_CHECKING:
    import datetime as _dt
    import email.message

    from ..domain.messages import SentMessage

_CRLF = b"\r\n"


class MessageError(ValueError):
    """A message SES refuses as malformed; ``str()`` is SES's text."""


def message_id_header(message: SentMessage) -> str:
    # The host is region-specific: email.amazonses.com in us-east-1,
    # <region>.amazonses.com elsewhere (messages delivered by SES; G48).
    host = "email.amazonses.com" if message.region == "us-east-1" else f"{message.region}.amazonses.com"
    return f"<{message.message_id}@{host}>"


def date_header(message: SentMessage) -> str:
    # RFC 5322 in UTC, day not zero-padded: "Thu, 2 Sep 2021 18:03:23 +0000" (G50).
    at = message.sent_at
    return f"{_DAYS[at.weekday()]}, {at.day} {_MONTHS[at.month - 1]} {at.year} {at:%H:%M:%S} +0000"


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# -- encoding helpers (JavaMail's MimeUtility rules) ---------------------------------------

def _mostly_ascii(text: str) -> bool:
    non_ascii = sum(1 for c in text if ord(c) > 127)
    return non_ascii <= len(text) - non_ascii


_Q_SAFE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!*+-/")


def _q(data: bytes) -> str:
    return "".join(
        "_" if b == 0x20 else chr(b) if b in _Q_SAFE else f"={b:02X}" for b in data
    )


def encode_words(text: str, charset: str = "UTF-8") -> str:
    """RFC 2047 encoded-words as JavaMail's ``MimeUtility.encodeText`` writes them.

    ASCII text is left alone; otherwise ``Q`` when most characters are ASCII, else
    ``B``, in words of at most 75 characters joined by a folding ``CRLF SP``.
    """
    if text.isascii():
        return text
    codec = _codec(charset)
    kind = "Q" if _mostly_ascii(text) else "B"
    room = 75 - len(f"=?{charset}?{kind}??=")
    words, chunk = [], ""
    for char in text:
        trial = chunk + char
        data = trial.encode(codec, errors="replace")
        size = len(_q(data)) if kind == "Q" else (len(data) + 2) // 3 * 4
        if size > room and chunk:
            words.append(chunk)
            chunk = char
        else:
            chunk = trial
    words.append(chunk)
    encoded = []
    for word in words:
        data = word.encode(codec, errors="replace")
        body = _q(data) if kind == "Q" else base64.b64encode(data).decode("ascii")
        encoded.append(f"=?{charset}?{kind}?{body}?=")
    return "\r\n ".join(encoded)


def _codec(charset: str) -> str:
    import codecs

    try:
        return codecs.lookup(charset).name
    except LookupError:
        return "utf-8"


# A charset name as Java writes one (java.nio.charset.Charset: a letter or digit, then
# letters, digits and - + . : _); SES builds messages with Java.
_CHARSET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9+\-.:_]*")
# Python codecs that are transformations, not character sets any registry names.
_NOT_CHARSETS = frozenset(("charmap", "idna", "punycode", "raw-unicode-escape", "unicode-escape", "undefined"))


def check_charset(name: str) -> None:
    """Raise :class:`MessageError` for a ``Charset`` SES does not know.

    SES refuses such a name: v1 SendEmail with ``Charset: 'string'`` answered
    InvalidParameterValue "Unsupported charset 'string'." (recorded, Netflix/lemur
    PR #841). Which names SES knows is Java's list; fakeses takes a name Java could
    spell for which Python has a text encoding, the Python-only ones aside (?: a
    charset Java knows under a name Python does not, such as x-MacRoman, is refused).
    Everything accepted can be written and read back, so every view of the message reads.
    """
    if name in _ACCEPTED:  # every send checks up to three names, nearly always "UTF-8"
        return
    import codecs

    if _CHARSET_NAME.fullmatch(name):
        try:
            info = codecs.lookup(name)
        except LookupError:
            pass
        else:
            if getattr(info, "_is_text_encoding", True) and info.name not in _NOT_CHARSETS:
                if len(_ACCEPTED) < 256:
                    _ACCEPTED.add(name)
                return
    raise MessageError(f"Unsupported charset '{name}'.")


_ACCEPTED: set[str] = set()  # the names check_charset has accepted (a few spellings)


def _name(name: str) -> str:
    # An unencoded non-ASCII display name loses its non-ASCII characters on the way
    # through SES (aws/aws-sdk-js#1585: "Those chars are stripped from the sender name").
    if not name.isascii() and "=?" not in name:
        name = "".join(c for c in name if c.isascii()).strip()
    return name


def address_header(name: str, values: list[str]) -> bytes:
    """``Name: a, b`` with each address re-serialised as JavaMail does and folded at 76."""
    line = f"{name}: "
    out = []
    used = len(line)
    for i, value in enumerate(values):
        parsed = addresses.parse(value)
        text = addresses.display(_name(parsed.name or ""), parsed.bare)
        if i:
            out.append(",")
            used += 1
            if used + 1 + len(text) > 76:
                out.append("\r\n\t")
                used = 8
            else:
                out.append(" ")
                used += 1
        out.append(text)
        used += len(text)
    return (line + "".join(out)).encode("ascii", errors="replace")


def _text_body(text: str, charset: str) -> tuple[str, bytes]:
    """Content-Transfer-Encoding and encoded body, by JavaMail's ASCII ratio rule."""
    data = text.replace("\r\n", "\n").encode(_codec(charset), errors="replace")
    if data.isascii():
        if all(len(line) <= 998 for line in data.split(b"\n")):
            return "7bit", data.replace(b"\n", _CRLF)
        return "quoted-printable", _quoted_printable(data)
    non_ascii = sum(1 for b in data if b > 127)
    if non_ascii > len(data) - non_ascii:
        return "base64", _base64(data)
    return "quoted-printable", _quoted_printable(data)


def _quoted_printable(data: bytes, binary: bool = False) -> bytes:
    """Quoted-printable with CRLF lines; ``binary`` also encodes CR and LF (RFC 2045 6.7)."""
    import binascii

    return binascii.b2a_qp(data, istext=not binary).replace(b"\n", _CRLF)


def _base64(data: bytes) -> bytes:
    encoded = base64.b64encode(data)
    return _CRLF.join(encoded[i:i + 76] for i in range(0, len(encoded), 76))


_part_counter = itertools.count(1)
_SALT = int.from_bytes(os.urandom(4), "big") % 1_000_000_000


def _boundary() -> str:
    # JavaMail's form, as in SES's messages: ----=_Part_444254_355072649.1693000415859 (G46)
    return f"----=_Part_{next(_part_counter)}_{_SALT}.{int(time.time() * 1000)}"


def _multipart(subtype: str, parts: list[bytes]) -> bytes:
    boundary = _boundary()
    # Folded as JavaMail folds it: "multipart/alternative; \r\n\tboundary=..." (G46)
    out = [f'Content-Type: multipart/{subtype}; \r\n\tboundary="{boundary}"\r\n\r\n'.encode()]
    for part in parts:
        out.append(f"--{boundary}\r\n".encode() + part + _CRLF)
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def _param(name: str, value: str) -> str:
    if not value.isascii():
        from urllib.parse import quote

        # An unpaired surrogate (a JSON "\ud800") becomes "?", as Java's UTF-8 encoder
        # writes one (?: no recording of SES's answer to such a name).
        return f"{name}*=UTF-8''{quote(value, safe='', errors='replace')}"
    if any(c in value for c in ' ()<>@,;:\\"/[]?=\t'):
        return f'{name}="' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name}={value}"


# -- simple content -------------------------------------------------------------------------

@dataclass
class Attachment:
    """An attachment of a v2 simple message (the model's Attachment shape)."""

    data: bytes
    filename: str
    content_type: Optional[str] = None
    disposition: str = "attachment"
    content_id: Optional[str] = None
    description: Optional[str] = None
    transfer_encoding: str = "BASE64"

    def encoded_size(self) -> int:
        # v2's 40 MB includes attachments after base64 (G43).
        return (len(self.data) + 2) // 3 * 4 * 78 // 76

    def render(self) -> bytes:
        content_type = self.content_type
        if not content_type:
            import mimetypes

            # No recording of SES's default; the type the file name implies, as a mail
            # client would (?).
            content_type = mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        lines = [f"Content-Type: {content_type}; {_param('name', self.filename)}"]
        if self.transfer_encoding == "QUOTED_PRINTABLE":
            cte, body = "quoted-printable", _quoted_printable(self.data, binary=True)
        elif self.transfer_encoding == "SEVEN_BIT":
            cte, body = "7bit", self.data
        else:
            cte, body = "base64", _base64(self.data)
        lines.append(f"Content-Transfer-Encoding: {cte}")
        lines.append(f"Content-Disposition: {self.disposition.lower()}; {_param('filename', self.filename)}")
        if self.content_id:
            lines.append(f"Content-ID: <{self.content_id.strip('<>')}>")
        if self.description:
            lines.append(f"Content-Description: {encode_words(self.description)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", errors="replace") + body


# Headers SES writes itself on a simple message: a v2 custom header of the same name
# would appear twice, which SES refuses for these single-instance fields (header-fields.html).
_SES_WRITES = ("from", "reply-to", "subject", "mime-version", "content-type", "content-transfer-encoding")
# SES always puts its own values in these (header-fields.html): a caller's copy is dropped.
_SES_STAMPS = ("message-id", "date")


@dataclass
class SimpleContent:
    """Subject and bodies given as fields; SES turns them into MIME."""

    text: Optional[str] = None
    html: Optional[str] = None
    subject_charset: str = "UTF-8"
    text_charset: str = "UTF-8"
    html_charset: str = "UTF-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    #: A rendered template: SES writes Date first and adds only Message-ID after the
    #: body's headers (G47: LocalStack's AWS snapshot of a templated delivery).
    templated: bool = False

    def size(self, subject: Optional[str]) -> int:
        """Close to the size of the rendered message, without rendering it."""
        size = 512 + len(subject or "")
        for part in (self.text, self.html):
            if part:  # an ASCII text is as long in UTF-8 (isascii() is a flag read, not a scan)
                size += len(part) if part.isascii() else len(part.encode("utf-8", errors="replace"))
        if self.headers:
            size += sum(len(n) + len(v) + 4 for n, v in self.headers)
        if self.attachments:
            size += sum(a.encoded_size() + 256 for a in self.attachments)
        return size

    def check(self) -> None:
        """Raise :class:`MessageError` for charsets and custom headers SES refuses."""
        check_charset(self.subject_charset)
        if self.text is not None:
            check_charset(self.text_charset)
        if self.html is not None:
            check_charset(self.html_charset)
        first: dict[str, str] = {}
        for name, _ in self.headers:
            key = name.lower()
            if key in _SES_WRITES:
                raise MessageError(f"Duplicate header '{name}'.")
            if key in first and key in SINGLE_INSTANCE:
                raise MessageError(f"Duplicate header '{first[key]}'.")
            first.setdefault(key, name)

    def parts(self, message: SentMessage) -> tuple[Optional[str], Optional[str]]:
        return self.text, self.html

    def render(self, message: SentMessage) -> bytes:
        head: list[bytes] = [f"Date: {date_header(message)}".encode()] if self.templated else []
        head.append(address_header("From", [message.source]))
        if message.reply_to:
            head.append(address_header("Reply-To", message.reply_to))
        if message.to:
            head.append(address_header("To", message.to))
        if message.cc:
            head.append(address_header("Cc", message.cc))
        head.append(f"Subject: {encode_words(message.subject or '', self.subject_charset)}".encode())
        for name, value in self.headers:
            if name.lower() not in _SES_STAMPS:
                head.append(f"{name}: {value}".encode("ascii", errors="replace"))
        head.append(b"MIME-Version: 1.0")
        entity = self._body()
        if self.attachments:
            entity = _multipart("mixed", [entity] + [a.render() for a in self.attachments])
        entity_head, _, rest = entity.partition(b"\r\n\r\n")
        stamp = f"Message-ID: {message_id_header(message)}".encode()
        if not self.templated:
            stamp += f"\r\nDate: {date_header(message)}".encode()
        return _CRLF.join(head) + _CRLF + entity_head + _CRLF + stamp + _CRLF + _CRLF + rest

    def _body(self) -> bytes:
        present = [
            (subtype, text, charset)
            for subtype, text, charset in (("plain", self.text, self.text_charset),
                                           ("html", self.html, self.html_charset))
            if text is not None
        ] or [("plain", "", self.text_charset)]
        if len(present) == 1:
            return _text_part(*present[0])
        return _multipart("alternative", [_text_part(*part) for part in present])


def rendered_template(subject: Optional[str], text: Optional[str], html: Optional[str],
                      at: _dt.datetime) -> str:
    """The MIME text TestRenderTemplate answers for a rendered template.

    The headers a templated message carries before SES adds the addresses: Date first,
    then Subject and MIME-Version (SES delivers templated mail as ``Date, From, To,
    Subject, MIME-Version, Content-Type, Content-Transfer-Encoding``: LocalStack's AWS
    snapshot of a SendTemplatedEmail delivery, 2023-08-25); the body as for a simple
    send. Line breaks in the subject become spaces. No preview answer is recorded (?).
    """
    line = " ".join((subject or "").splitlines())
    date = f"{_DAYS[at.weekday()]}, {at.day} {_MONTHS[at.month - 1]} {at.year} {at:%H:%M:%S} +0000"
    head = f"Date: {date}\r\nSubject: {encode_words(line)}\r\nMIME-Version: 1.0\r\n".encode()
    return (head + SimpleContent(text=text, html=html)._body()).decode("ascii", errors="replace")


def _text_part(subtype: str, text: str, charset: str) -> bytes:
    cte, data = _text_body(text, charset)
    return (
        f"Content-Type: text/{subtype}; charset={charset}\r\n"
        f"Content-Transfer-Encoding: {cte}\r\n\r\n".encode() + data
    )


# -- raw messages ---------------------------------------------------------------------------

# The fields that may appear only once in a message's header (header-fields.html);
# a second one is refused with "Duplicate header 'X'." (F8).
SINGLE_INSTANCE = frozenset(name.lower() for name in (
    "Accept-Language", "acceptLanguage", "Archived-At", "Auto-Submitted", "Bounces-to", "Comments",
    "Content-Alternative", "Content-Base", "Content-Class", "Content-Description",
    "Content-Disposition", "Content-Duration", "Content-ID", "Content-Language", "Content-Length",
    "Content-Location", "Content-MD5", "Content-Transfer-Encoding", "Content-Type", "Date",
    "Delivered-To", "Disposition-Notification-Options", "Disposition-Notification-To",
    "DKIM-Signature", "DomainKey-Signature", "Errors-To", "From", "Importance", "In-Reply-To",
    "Keywords", "List-Archive", "List-Help", "List-Id", "List-Owner", "List-Post", "List-Subscribe",
    "List-Unsubscribe", "List-Unsubscribe-Post", "Message-Context", "Message-ID", "MIME-Version",
    "Organization", "Original-From", "Original-Message-ID", "Original-Recipient", "Original-Subject",
    "Precedence", "Priority", "References", "Reply-To", "Return-Path", "Return-Receipt-To", "Sender",
    "Solicitation", "Sensitivity", "Subject", "Thread-Index", "Thread-Topic", "User-Agent", "VBR-Info",
))

# SES removes these before sending: the ARN headers (seed 004, SendRawEmail: "Amazon SES
# removes these") and the configuration-set and message-tag headers ("Amazon SES removes
# the headers from your email before sending it", event-publishing-send-email.html).
_REMOVED = (b"x-ses-source-arn", b"x-ses-from-arn", b"x-ses-return-path-arn",
            b"x-ses-configuration-set", b"x-ses-message-tags",
            b"x-ses-list-management-options")  # a directive to SES like the others (?)

_HEADER_END = re.compile(rb"\r?\n\r?\n")


def split_head(data: bytes) -> tuple[bytes, bytes]:
    """Header block and the rest (the blank-line separator included in the rest)."""
    match = _HEADER_END.search(data)
    if match is None:
        return data, b""
    return data[: match.start()], data[match.start():]


def read_headers(data: bytes) -> list[tuple[str, str]]:
    """The top-level header fields of a raw message, in order, unfolded.

    Raises :class:`MessageError` for what SES refuses in a header section: an empty
    field name ("Empty header names are illegal.", aws/aws-sdk-js#4121) and a second
    copy of a single-instance field ("Duplicate header 'X'.", F8).
    """
    head, _ = split_head(data)
    fields: list[tuple[str, str]] = []
    for line in re.split(rb"\r?\n", head):
        if line[:1] in (b" ", b"\t"):
            if fields:
                last_name, last_value = fields[-1]
                fields[-1] = (last_name, last_value + " " + line.strip().decode("utf-8", errors="replace"))
            continue
        raw_name, colon, raw_value = line.partition(b":")
        if not colon:
            continue
        if not raw_name.strip():
            raise MessageError("Empty header names are illegal.")
        fields.append((raw_name.strip().decode("latin-1"), raw_value.strip().decode("utf-8", errors="replace")))
    first: dict[str, str] = {}
    for name, _ in fields:
        key = name.lower()
        if key in first and key in SINGLE_INSTANCE:
            raise MessageError(f"Duplicate header '{first[key]}'.")  # named as first written
        first.setdefault(key, name)
    return fields


@dataclass
class RawContent:
    """A caller-built MIME message: kept byte for byte but for SES's own headers."""

    data: bytes

    def render(self, message: SentMessage) -> bytes:
        head, rest = split_head(self.data)
        newline = b"\n" if b"\n" in head and b"\r\n" not in head else b"\r\n"  # the caller's own
        kept: list[bytes] = []
        dropping = False
        for line in re.split(rb"\r?\n", head) if head else []:
            if line[:1] in (b" ", b"\t"):
                if not dropping:
                    kept.append(line)
                continue
            name = line.split(b":", 1)[0].strip().lower()
            dropping = name in (b"message-id", b"date") or name in _REMOVED
            if not dropping:
                kept.append(line)
        kept.append(f"Message-ID: {message_id_header(message)}".encode())
        kept.append(f"Date: {date_header(message)}".encode())
        return newline.join(kept) + (rest or newline + newline)

    def parts(self, message: SentMessage) -> tuple[Optional[str], Optional[str]]:
        return body_texts(message.mime)


def body_texts(mime: email.message.EmailMessage) -> tuple[Optional[str], Optional[str]]:
    """The first text/plain and text/html bodies that are not attachments, decoded, with ``\n`` line ends."""
    text = html = None
    for part in mime.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind not in ("text/plain", "text/html"):
            continue
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            payload = part.get_payload(decode=True)
            content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else None
        if content is not None:
            content = content.replace("\r\n", "\n")  # line ends as Python writes them
        if kind == "text/plain" and text is None:
            text = content
        elif kind == "text/html" and html is None:
            html = content
    return text, html
