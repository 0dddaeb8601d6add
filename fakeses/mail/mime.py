"""The MIME text SES delivers for a simple (non-raw) send, and reading raw messages.

For a simple send SES builds a ``multipart/alternative`` message whose boundary has the
JavaMail form ``----=_Part_N_M.T`` (recorded in LocalStack's AWS snapshot, fact F21),
sets ``Message-ID: <MessageId@email.amazonses.com>`` and ``Date`` (F21), and leaves
Bcc out of the headers. Raw messages keep their bytes; only ``Message-ID`` and ``Date``
are set by SES.
"""
from __future__ import annotations

import base64
import email.utils
import itertools
import quopri
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from ..domain.messages import SentMessage

_part_counter = itertools.count(1)
_CRLF = b"\r\n"


def message_id_header(message: "SentMessage") -> str:
    # The host is region-specific: email.amazonses.com in us-east-1,
    # <region>.amazonses.com elsewhere (messages delivered by SES; G48).
    host = "email.amazonses.com" if message.region == "us-east-1" else f"{message.region}.amazonses.com"
    return f"<{message.message_id}@{host}>"


def date_header(message: "SentMessage") -> str:
    return email.utils.format_datetime(message.sent_at)  # "Tue, 11 Oct 2016 12:38:56 +0000" (G50)


def _encode_header(value: str, charset: str = "UTF-8") -> str:
    if value.isascii():
        return value
    import email.header

    return email.header.Header(value, charset).encode()


def _body(text: str, charset: str) -> tuple[str, bytes]:
    data = text.encode(charset or "UTF-8", errors="replace")
    if data.isascii() and all(len(line) <= 998 for line in data.splitlines()):
        return "7bit", data.replace(b"\r\n", b"\n").replace(b"\n", _CRLF)
    return "quoted-printable", quopri.encodestring(data).replace(b"\r\n", b"\n").replace(b"\n", _CRLF)


@dataclass
class Attachment:
    """An attachment of a v2 simple message."""

    data: bytes
    filename: str
    content_type: str = "application/octet-stream"
    disposition: str = "attachment"
    content_id: Optional[str] = None
    description: Optional[str] = None


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

    def parts(self, message: "SentMessage") -> tuple[Optional[str], Optional[str]]:
        return self.text, self.html

    def render(self, message: "SentMessage") -> bytes:
        # Header order of SES-built messages: From, To, Cc, Subject, MIME-Version,
        # Content-Type, Content-Transfer-Encoding, then SES appends Message-ID and Date;
        # never a Bcc header (real delivered messages; G44, G45).
        lines: list[str] = [f"From: {_encode_header(message.source)}"]
        if message.reply_to:
            lines.append("Reply-To: " + ", ".join(message.reply_to))
        if message.to:
            lines.append("To: " + ", ".join(message.to))
        if message.cc:
            lines.append("Cc: " + ", ".join(message.cc))
        if message.subject is not None:
            lines.append(f"Subject: {_encode_header(message.subject, self.subject_charset)}")
        lines.extend(f"{name}: {value}" for name, value in self.headers)
        lines.append("MIME-Version: 1.0")
        body = self._body_part()
        if self.attachments:
            boundary = _boundary()
            parts = [f"--{boundary}\r\n".encode() + body]
            parts.extend(f"--{boundary}\r\n".encode() + _attachment(a) for a in self.attachments)
            parts.append(f"--{boundary}--\r\n".encode())
            body = f'Content-Type: multipart/mixed; \r\n\tboundary="{boundary}"\r\n'.encode() + _TRAILER + b"".join(parts)
        head, _, rest = body.partition(b"\r\n\r\n")
        stamp = f"Message-ID: {message_id_header(message)}\r\nDate: {date_header(message)}\r\n"
        return "\r\n".join(lines).encode("utf-8") + _CRLF + head + _CRLF + stamp.encode() + _CRLF + rest

    def _body_part(self) -> bytes:
        """The body entity: one text part, or multipart/alternative for text and html."""
        present = [
            (subtype, text, charset)
            for subtype, text, charset in (("plain", self.text, self.text_charset), ("html", self.html, self.html_charset))
            if text is not None
        ] or [("plain", "", self.text_charset)]
        if len(present) == 1:
            return _text_part(*present[0])
        boundary = _boundary()
        out = [f'Content-Type: multipart/alternative; \r\n\tboundary="{boundary}"\r\n'.encode() + _TRAILER]
        for subtype, text, charset in present:
            out.append(f"--{boundary}\r\n".encode() + _text_part(subtype, text, charset))
        out.append(f"--{boundary}--\r\n".encode())
        return b"".join(out)


_TRAILER = _CRLF


def _text_part(subtype: str, text: str, charset: str) -> bytes:
    cte, data = _body(text, charset)
    return (
        f"Content-Type: text/{subtype}; charset={charset or 'UTF-8'}\r\n"
        f"Content-Transfer-Encoding: {cte}\r\n\r\n".encode() + data + _CRLF
    )


def _boundary() -> str:
    # JavaMail's form, as in SES's messages: ----=_Part_444254_355072649.1693000415859 (F21, G46)
    import time

    return f"----=_Part_{next(_part_counter)}_{_SALT}.{int(time.time() * 1000)}"


_SALT = int.from_bytes(__import__("os").urandom(4), "big") % 1_000_000_000


def _attachment(attachment: Attachment) -> bytes:
    encoded = base64.encodebytes(attachment.data).replace(b"\n", _CRLF)
    lines = [f"Content-Type: {attachment.content_type}; name=\"{attachment.filename}\""]
    lines.append(f'Content-Disposition: {attachment.disposition.lower()}; filename="{attachment.filename}"')
    if attachment.content_id:
        lines.append(f"Content-ID: <{attachment.content_id.strip('<>')}>")
    if attachment.description:
        lines.append(f"Content-Description: {attachment.description}")
    lines.append("Content-Transfer-Encoding: base64")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + encoded


# -- raw messages ---------------------------------------------------------------------------

_HEADER_END = re.compile(rb"\r?\n\r?\n")


def split_head(data: bytes) -> tuple[bytes, bytes]:
    """Header block and the rest (separator included in the rest)."""
    match = _HEADER_END.search(data)
    if match is None:
        return data, b""
    return data[: match.start()], data[match.start() :]


def read_headers(data: bytes) -> "email.message.Message":
    """The header fields of a raw message (body not parsed)."""
    import email.message  # noqa: F401
    import email.parser
    import email.policy

    head, _ = split_head(data)
    return email.parser.BytesHeaderParser(policy=email.policy.compat32).parsebytes(head + b"\r\n\r\n")


@dataclass
class RawContent:
    """A caller-built MIME message: kept byte for byte but for SES's own headers."""

    data: bytes

    def render(self, message: "SentMessage") -> bytes:
        # SES keeps the caller's headers in their order, replaces Message-ID with its own
        # and adds Date when missing; the body is untouched (G49, F21).
        head, rest = split_head(self.data)
        newline = b"\r\n" if b"\r\n" in head or not head else b"\n"
        kept: list[bytes] = []
        dropping = has_date = False
        for line in head.splitlines():
            if line[:1] in (b" ", b"\t"):
                if not dropping:
                    kept.append(line)
                continue
            name = line.split(b":", 1)[0].strip().lower()
            dropping = name == b"message-id"
            has_date = has_date or name == b"date"
            if not dropping:
                kept.append(line)
        kept.append(f"Message-ID: {message_id_header(message)}".encode())
        if not has_date:
            kept.append(f"Date: {date_header(message)}".encode())
        return newline.join(kept) + (rest or newline + newline)

    def parts(self, message: "SentMessage") -> tuple[Optional[str], Optional[str]]:
        mime = message.mime
        text = html = None
        for part in mime.walk():
            if part.is_multipart() or part.get_content_disposition() == "attachment":
                continue
            kind = part.get_content_type()
            try:
                content = part.get_content()
            except (LookupError, ValueError):
                continue
            if kind == "text/plain" and text is None:
                text = content
            elif kind == "text/html" and html is None:
                html = content
        return text, html
