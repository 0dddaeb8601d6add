"""Attachments as records: what a test reads from the MIME of a sent message.

Read from the parsed message (``SentMessage.mime``), whoever built it: SES for v2
``Attachments``, or the caller for a raw message. Never raises on odd input: a part
that cannot be decoded gives what could be read (a filename with U+FFFD for
undecodable bytes, the undecoded payload) rather than an exception in a test.
"""
from __future__ import annotations

import dataclasses
import email.message
from typing import Optional

_BODY_TYPES = ("text/plain", "text/html")


@dataclasses.dataclass(frozen=True, slots=True)
class Attachment:
    """One attachment of a sent message.

    ``filename`` is the decoded file name (RFC 2231 and encoded-words included), or None;
    ``content_type`` the part's type, e.g. ``"application/pdf"``; ``content`` the bytes
    after the transfer encoding is undone (for text, in the part's own charset);
    ``disposition`` the Content-Disposition as given (``"attachment"``, ``"inline"``) or
    None; ``content_id`` the Content-ID without its angle brackets (what a ``cid:`` URL
    names), or None; ``part`` the MIME part itself, an ``email.message.EmailMessage``.
    Two attachments are equal when all but ``part`` are.
    """

    filename: Optional[str]
    content_type: str
    content: bytes
    disposition: Optional[str] = None
    content_id: Optional[str] = None
    part: email.message.EmailMessage = dataclasses.field(default_factory=email.message.EmailMessage,
                                                         repr=False, compare=False)

    def __repr__(self) -> str:
        content = repr(self.content[:32]) + (f"... ({len(self.content)} bytes)" if len(self.content) > 32 else "")
        shown = [f"filename={self.filename!r}", f"content_type={self.content_type!r}", f"content={content}"]
        if self.disposition is not None:
            shown.append(f"disposition={self.disposition!r}")
        if self.content_id is not None:
            shown.append(f"content_id={self.content_id!r}")
        return f"Attachment({', '.join(shown)})"


def attachments_of(mime: email.message.EmailMessage) -> list[Attachment]:
    """The attachments of ``mime``, in the order of its parts, at any depth.

    A part is an attachment when its Content-Disposition says ``attachment`` or it has a
    file name; inside a multipart other than ``alternative``, any part that is not a
    text/plain or text/html body is one too (an inline image of a ``related`` message, a
    PDF with no disposition). The alternatives of a body (a text/calendar beside the
    HTML) are not. A message/rfc822 part is one attachment; its parts are not walked.
    """
    found: list[Attachment] = []
    _collect(mime, None, found)
    return found


def _collect(part: email.message.EmailMessage, parent: Optional[str], found: list[Attachment]) -> None:
    try:
        content_type = part.get_content_type()
    except Exception:  # a Content-Type the header parser fails on: what RFC 2045 assumes
        content_type = "text/plain"
    if content_type.startswith("multipart/") and part.is_multipart():
        for child in part.iter_parts():
            _collect(child, content_type, found)  # type: ignore[arg-type]
        return
    filename = _filename(part)
    try:
        disposition = part.get_content_disposition()
    except Exception:  # e.g. "attachment; 1*", on which CPython's parameter parser raises IndexError
        disposition = None
    attached = disposition == "attachment" or filename is not None or (
        parent is not None and parent != "multipart/alternative" and content_type not in _BODY_TYPES)
    if attached:
        found.append(Attachment(filename=filename, content_type=content_type, content=_content(part),
                                disposition=disposition, content_id=_content_id(part), part=part))


def _filename(part: email.message.EmailMessage) -> Optional[str]:
    try:
        name = part.get_filename()
    except Exception:  # a malformed parameter the parser could not make sense of
        return None
    if name is None:
        return None
    name = str(name)
    if any("\udc80" <= c <= "\udcff" for c in name):  # bytes kept as surrogates: make them readable
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return name


def _content(part: email.message.EmailMessage) -> bytes:
    try:
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            return payload
        inner = part.get_payload()
        if isinstance(inner, list):  # message/rfc822: the enclosed message, as bytes
            return b"".join(message.as_bytes() for message in inner if isinstance(message, email.message.Message))
        if isinstance(inner, str):
            return inner.encode("utf-8", "surrogateescape")
    except Exception:  # as the module says: what could be read, never an exception
        pass
    return b""


def _content_id(part: email.message.EmailMessage) -> Optional[str]:
    try:
        value = part.get("Content-ID")
    except Exception:
        return None
    if value is None:
        return None
    value = str(value).strip()
    return value[1:-1] if value.startswith("<") and value.endswith(">") else value
