"""Email addresses as SES reads them: display names, RFC 2047 words, SES's errors.

SES has no SMTPUTF8: the address itself must be 7-bit ASCII, a Unicode domain must
be given as Punycode, and a non-ASCII display name must be an RFC 2047 encoded-word
(v1 SendEmail reference, seed 004; fact F9). The error texts are the ones SES
returns, recorded in public issues (fact F8).
"""
from __future__ import annotations

import email.utils
import functools
from typing import Optional


class AddressError(ValueError):
    """An address SES refuses; ``str()`` is SES's message."""


# Recorded SES texts (F8): "Missing final '@domain'" (cloud-custodian PR #8051),
# "Missing local name" (arithmetic/aws-lambda-ses-forwarder#103), "Local address
# contains illegal character" (soto-project/soto#331), "Illegal address"
# (medplum PR #5320), "Domain contains illegal character" (same family, JavaMail's
# InternetAddress, whose wording SES returns).
MISSING_DOMAIN = "Missing final '@domain'"
MISSING_LOCAL = "Missing local name"
ILLEGAL_LOCAL = "Local address contains illegal character"
ILLEGAL_DOMAIN = "Domain contains illegal character"
ILLEGAL_ADDRESS = "Illegal address"

_LOCAL_SPECIALS = set('()<>,;:\\"[] ')


def split(address: str) -> tuple[str, str]:
    """``(display name, bare address)`` of one address as given."""
    name, bare = email.utils.parseaddr(address, strict=False) if _has_strict() else email.utils.parseaddr(address)
    if not bare and address.strip():
        bare = address.strip()
    return name, bare


@functools.lru_cache(maxsize=1)
def _has_strict() -> bool:
    import inspect

    return "strict" in inspect.signature(email.utils.parseaddr).parameters


@functools.lru_cache(maxsize=4096)
def check(address: str) -> str:
    """Return the bare address of ``address`` or raise :class:`AddressError` with SES's text."""
    if not address or not address.strip():
        raise AddressError(MISSING_LOCAL)
    if "<" in address and not address.rstrip().endswith(">"):
        raise AddressError(ILLEGAL_ADDRESS)
    name, bare = split(address)
    if not bare:
        raise AddressError(ILLEGAL_ADDRESS)
    if "@" not in bare:
        raise AddressError(MISSING_DOMAIN)
    local, _, domain = bare.rpartition("@")
    if not local:
        raise AddressError(MISSING_LOCAL)
    if not domain:
        raise AddressError(MISSING_DOMAIN)
    if not local.isascii() or any(c in _LOCAL_SPECIALS for c in local) and not local.startswith('"'):
        raise AddressError(ILLEGAL_LOCAL)
    if not domain.isascii() or not all(c.isalnum() or c in "-." for c in domain):
        if not (domain.startswith("[") and domain.endswith("]")):
            raise AddressError(ILLEGAL_DOMAIN)
    if domain.startswith(".") or domain.endswith(".") or ".." in domain:
        raise AddressError(ILLEGAL_ADDRESS)
    if local.startswith(".") or local.endswith(".") or ".." in local:
        raise AddressError(ILLEGAL_LOCAL)
    if name and not name.isascii() and "=?" not in address:
        # A raw non-ASCII display name is not allowed (seed 004, SendEmail: "the
        # sender name ... must be encoded using MIME encoded-word syntax").
        raise AddressError(ILLEGAL_ADDRESS)
    _check_syntax(bare)
    return bare


def _check_syntax(bare: str) -> None:
    """Full RFC 5322 syntax through email-validator (imported on first use)."""
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(bare, check_deliverability=False, allow_smtputf8=False,
                       allow_quoted_local=True, allow_domain_literal=True, globally_deliverable=False)
    except EmailNotValidError:
        raise AddressError(ILLEGAL_ADDRESS) from None


def domain_of(bare: str) -> str:
    return bare.rpartition("@")[2].lower()


def is_simulator(bare: str) -> bool:
    """Mailbox simulator addresses need no verification, even in the sandbox (F24)."""
    return domain_of(bare) == "simulator.amazonses.com"


def display(name: str, bare: str) -> str:
    return email.utils.formataddr((name, bare)) if name else bare


def decode_words(value: Optional[str]) -> Optional[str]:
    """Decode RFC 2047 encoded-words (as in a Subject or display name)."""
    if value is None or "=?" not in value:
        return value
    import email.header

    return str(email.header.make_header(email.header.decode_header(value)))
