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


def _ses_headers(message: "SentMessage") -> list[tuple[str, str]]:
    return [
        ("Date", email.utils.format_datetime(message.sent_at)),
        ("Message-ID", f"<{message.message_id}@email.amazonses.com>"),
    ]


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
        lines: list[str] = [f"{name}: {value}" for name, value in _ses_headers(message)]
        lines.append(f"From: {_encode_header(message.source)}")
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
        head = "\r\n".join(lines).encode("utf-8") + _CRLF
        alternative = self._alternative()
        if not self.attachments:
            return head + alternative
        boundary = _boundary(message)
        out = [head + f'Content-Type: multipart/mixed; \r\n\tboundary="{boundary}"\r\n\r\n'.encode()]
        out.append(f"--{boundary}\r\n".encode() + alternative)
        for attachment in self.attachments:
            out.append(f"--{boundary}\r\n".encode() + _attachment(attachment))
        out.append(f"--{boundary}--\r\n".encode())
        return b"".join(out)

    def _alternative(self) -> bytes:
        boundary = _boundary(None)
        out = [f'Content-Type: multipart/alternative; \r\n\tboundary="{boundary}"\r\n\r\n'.encode()]
        for subtype, text, charset in (("plain", self.text, self.text_charset), ("html", self.html, self.html_charset)):
            if text is None:
                continue
            cte, data = _body(text, charset)
            out.append(
                f"--{boundary}\r\nContent-Type: text/{subtype}; charset={charset or 'UTF-8'}\r\n"
                f"Content-Transfer-Encoding: {cte}\r\n\r\n".encode() + data + _CRLF
            )
        out.append(f"--{boundary}--\r\n".encode())
        return b"".join(out)


def _boundary(message: Any) -> str:
    import time

    return f"----=_Part_{next(_part_counter)}_{id(message) % 2_000_000_000}.{int(time.time() * 1000)}"


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


_DROP = {b"message-id", b"date"}


@dataclass
class RawContent:
    """A caller-built MIME message: kept byte for byte but for SES's own headers."""

    data: bytes

    def render(self, message: "SentMessage") -> bytes:
        head, rest = split_head(self.data)
        newline = b"\r\n" if b"\r\n" in head or not head else b"\n"
        kept: list[bytes] = []
        dropping = False
        for line in head.splitlines():
            if line[:1] in (b" ", b"\t"):
                if not dropping:
                    kept.append(line)
                continue
            name = line.split(b":", 1)[0].strip().lower()
            dropping = name in _DROP
            if not dropping:
                kept.append(line)
        stamped = [f"{name}: {value}".encode() for name, value in _ses_headers(message)]
        return newline.join(stamped + kept) + rest

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
