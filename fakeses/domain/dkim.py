"""DKIM settings of a domain identity: Easy DKIM, BYODKIM and replicated (DEED) keys.

CreateEmailIdentity (its DkimSigningAttributes) and PutEmailIdentityDkimSigningAttributes
choose how a domain is DKIM-signed; SetIdentityDkimEnabled and PutEmailIdentityDkimAttributes
turn signing on and off. The DNS is the test's: with ``auto_verify`` SES finds the records
at once, as it finds an identity's (fakeses/domain/identities.py).
"""
from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from collections.abc import Mapping
from typing import Any, Optional

from . import clock, ids
from .errors import (
    DomainNotVerifiedForDkim,
    InvalidDkimPrivateKey,
    InvalidDkimSigningAttributes,
)
from .identities import (
    BYODKIM,
    DOMAIN,
    EASY_DKIM,
    PENDING,
    SUCCESS,
    Identities,
    Identity,
)

#: The key length of a new Easy DKIM key pair: "either accept the Amazon SES default of
#: 2048 bits, or override it by selecting 1024 bits" (developer guide, creating-identities).
DEFAULT_KEY_LENGTH = "RSA_2048_BIT"
_DEED = re.compile(r"AWS_SES_([A-Z]{2})_([A-Z]+)_(\d+)")


@dataclasses.dataclass(frozen=True)
class Signing:
    """How a domain is to be DKIM-signed: ``origin`` AWS_SES (Easy DKIM), EXTERNAL
    (BYODKIM, with ``selector``) or AWS_SES_<REGION> (replicated from the same domain in
    that region, ``replica_of``); ``key_length`` the next Easy DKIM key's."""

    origin: str = EASY_DKIM
    selector: Optional[str] = None
    key_length: Optional[str] = None
    replica_of: Optional[str] = None  # region name, for AWS_SES_<REGION>


def replicated_region(origin: str) -> Optional[str]:
    """``AWS_SES_US_EAST_1`` -> ``us-east-1``; None for AWS_SES and EXTERNAL."""
    found = _DEED.fullmatch(origin)
    return "-".join(found.groups()).lower() if found else None


def signing(origin: Optional[str], attributes: Mapping[str, Any], *, put: bool) -> Signing:
    """Check DkimSigningAttributes as SES does and say what they ask for.

    ``put``: for PutEmailIdentityDkimSigningAttributes ``origin`` is its
    SigningAttributesOrigin, and DomainSigningAttributesOrigin inside the attributes is
    refused ("For PutEmailIdentityDkimSigningAttributes: None of the values are allowed -
    use the SigningAttributesOrigin parameter instead", seed 001 DkimSigningAttributes).
    On create the origin is DomainSigningAttributesOrigin, or EXTERNAL when a selector or
    key is given (BYODKIM "has to include the DkimSigningAttributes object" with "a
    selector ... and a private key", CreateEmailIdentity docs), else AWS_SES.
    BYODKIM needs both, and the key must be one SES can sign with (:func:`check_private_key`).
    """
    selector = attributes.get("DomainSigningSelector") or None
    key = attributes.get("DomainSigningPrivateKey") or None
    if put and attributes.get("DomainSigningAttributesOrigin"):
        raise InvalidDkimSigningAttributes(
            message="DomainSigningAttributesOrigin is not allowed here: use SigningAttributesOrigin.")
    if origin is None:
        origin = BYODKIM if (selector or key) else EASY_DKIM
    if origin == BYODKIM:
        if not selector or not key:
            raise InvalidDkimSigningAttributes(
                message="Both DomainSigningSelector and DomainSigningPrivateKey are required for EXTERNAL DKIM.")
        check_private_key(key)
        return Signing(BYODKIM, selector=selector)
    region = replicated_region(origin)
    return Signing(origin, key_length=attributes.get("NextSigningKeyLength") or None, replica_of=region)


def replica_source(parent: Optional[Identity], name: str, signing: Signing) -> Identity:
    """The identity a replicated (DEED) origin copies: the same domain in the origin's
    region, with Easy DKIM set up (seed 001: "replicating signing attributes from a parent
    identity in <region> ... using Deterministic Easy-DKIM"). Raises when there is none (?)."""
    if parent is None or parent.kind != DOMAIN or not parent.dkim_set_up or parent.dkim_origin != EASY_DKIM:
        raise InvalidDkimSigningAttributes(
            message=f"No parent identity {name} with Easy DKIM in region {signing.replica_of}.")
    return parent


def apply(identities: Identities, identity: Identity, signing: Signing, parent: Optional[Identity] = None) -> str:
    """Set ``identity``'s DKIM as ``signing`` says; returns the status SES answers at once.

    A new key (BYODKIM, a switch to Easy DKIM, a replica) restarts the DNS lookup: the
    answer is PENDING, and with ``auto_verify`` the records are found right after (?).
    Easy DKIM asked again keeps its tokens and status; a key length given is the next
    key's ("The key length of the future DKIM key pair to be generated", seed 001), the
    current key keeps its own. Switching or starting signs (seed 001: "Change from using
    no DKIM authentication to using Easy DKIM" ...).
    """
    if signing.origin == BYODKIM:
        identity.dkim_origin = BYODKIM
        identity.dkim_selector = signing.selector
        identity.dkim_tokens = [signing.selector or ""]  # the selector (seed 001 DkimAttributes.Tokens)
        identity.dkim_generated_at = None
        identity.dkim_next_key_length = None
        return _restart(identities, identity)
    if parent is not None:
        identity.dkim_origin = signing.origin
        identity.dkim_selector = None
        identity.dkim_tokens = list(parent.dkim_tokens)
        identity.dkim_key_length = parent.dkim_key_length
        identity.dkim_next_key_length = parent.dkim_next_key_length
        identity.dkim_generated_at = parent.dkim_generated_at
        identity.dkim_enabled = True
        identity.dkim_status = parent.dkim_status  # the same keys, the same DNS records
        return identity.dkim_status
    if identity.dkim_set_up and identity.dkim_origin == EASY_DKIM:
        if signing.key_length and signing.key_length != identity.dkim_key_length:
            identity.dkim_next_key_length = signing.key_length
        return identity.dkim_status
    identity.dkim_origin = EASY_DKIM
    identity.dkim_selector = None
    identity.dkim_tokens = ids.dkim_tokens(3)
    identity.dkim_generated_at = clock.utcnow().replace(microsecond=0)
    identity.dkim_key_length = signing.key_length or DEFAULT_KEY_LENGTH
    identity.dkim_next_key_length = None
    return _restart(identities, identity)


def _restart(identities: Identities, identity: Identity) -> str:
    identity.dkim_enabled = True
    identity.dkim_status = SUCCESS if identities.auto_verify else PENDING
    return "Pending"


def set_signing(identities: Identities, name: str, enabled: bool) -> None:
    """SetIdentityDkimEnabled / PutEmailIdentityDkimAttributes.

    The domain (the identity itself, or an address's domain) must be an identity with
    DKIM set up, whether signing is turned on or off; otherwise
    :class:`DomainNotVerifiedForDkim` names that domain (floci PR #723 and the declastruct
    journey test, both against SES v2; "you can only enable Easy DKIM signing if the
    corresponding domain has been set up for Easy DKIM", seed 003). For an address the
    call changes nothing: an address reports and signs with its domain's DKIM (floci
    PR #723: the parent's DkimAttributes are unchanged). Signing on or off leaves the
    DNS status as it is ("DkimVerificationStatus tracks DNS record detection ... not the
    enabled flag", floci, "matching real AWS").
    """
    domain = name.rpartition("@")[2]
    identity = identities.get(domain)
    if identity is None or identity.kind != DOMAIN or not identity.dkim_set_up:
        raise DomainNotVerifiedForDkim(domain=domain)
    if "@" in name:
        return
    identity.dkim_enabled = enabled


def signing_domain(identities: Identities, sender: str) -> Optional[str]:
    """The domain that DKIM-signs mail from the bare address ``sender``: the nearest domain
    identity with DKIM set up (the address's domain, then its parents), when it signs and
    its records were found (status Success); None otherwise. SES also signs every message
    as amazonses.com (``dkim=pass header.i=@amazonses.com`` beside the sender's domain in
    received headers); that one is not recorded."""
    domain = sender.rpartition("@")[2].lower()
    while domain:
        identity = identities.get(domain)
        if identity is not None and identity.dkim_set_up:
            return identity.name if identity.dkim_enabled and identity.dkim_status == SUCCESS else None
        domain = domain.partition(".")[2]
    return None


# -- the BYODKIM private key ----------------------------------------------------------------

_RSA_OID = bytes.fromhex("2a864886f70d010101")  # 1.2.840.113549.1.1.1 rsaEncryption
_SEQUENCE, _INTEGER, _OCTET_STRING, _OID = 0x30, 0x02, 0x04, 0x06


def check_private_key(key: str) -> int:
    """The modulus size in bits of the RSA private key ``key`` (base64 of its DER form,
    PKCS#1 RSAPrivateKey or PKCS#8 PrivateKeyInfo); raises :class:`InvalidDkimPrivateKey`
    unless it is one of 1024 to 2048 bits ("BYODKIM - private key length must be at least
    1024 bits and up to 2048-bits", developer guide, creating-identities). A structural
    check of the DER, no cryptography: enough to refuse what SES cannot sign with."""
    try:
        der = base64.b64decode(key, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidDkimPrivateKey(reason="not base64") from None
    try:
        bits = _rsa_modulus_bits(der)
    except ValueError as error:
        raise InvalidDkimPrivateKey(reason=str(error)) from None
    if not 1024 <= bits <= 2048:
        raise InvalidDkimPrivateKey(reason=f"the key is {bits} bits, not 1024 to 2048")
    return bits


def _rsa_modulus_bits(der: bytes) -> int:
    tag, body, rest = _element(der, 0)
    if tag != _SEQUENCE or rest != len(der):
        raise ValueError("not a DER RSA private key")
    items = _elements(der, body)
    if len(items) == 3 and items[1][0] == _SEQUENCE and items[2][0] == _OCTET_STRING:
        # PKCS#8: version, AlgorithmIdentifier (rsaEncryption), the PKCS#1 key as an OCTET STRING.
        algorithm = _elements(der, (items[1][1], items[1][2]))
        if not algorithm or algorithm[0][0] != _OID or der[algorithm[0][1]:algorithm[0][2]] != _RSA_OID:
            raise ValueError("not an RSA key")
        inner = der[items[2][1]:items[2][2]]
        return _rsa_modulus_bits(inner)
    # PKCS#1: version, modulus, publicExponent, privateExponent, prime1, prime2, exponent1,
    # exponent2, coefficient (RFC 8017 A.1.2), all INTEGERs.
    if len(items) < 9 or any(tag != _INTEGER for tag, _, _ in items):
        raise ValueError("not a DER RSA private key")
    modulus = der[items[1][1]:items[1][2]].lstrip(b"\x00")
    if not modulus:
        raise ValueError("not a DER RSA private key")
    return (len(modulus) - 1) * 8 + modulus[0].bit_length()


def _elements(der: bytes, span: tuple[int, int]) -> list[tuple[int, int, int]]:
    """The (tag, start, end) of each element inside ``span`` (start, end) of ``der``."""
    out = []
    position, end = span
    while position < end:
        tag, body, position = _element(der, position)
        if position > end:
            raise ValueError("not a DER RSA private key")
        out.append((tag, body[0], body[1]))
    return out


def _element(der: bytes, position: int) -> tuple[int, tuple[int, int], int]:
    """The element at ``position``: its tag, its body's (start, end) and where it ends."""
    if position + 2 > len(der):
        raise ValueError("not a DER RSA private key")
    tag, length = der[position], der[position + 1]
    position += 2
    if length & 0x80:
        count = length & 0x7F
        if count == 0 or count > 4 or position + count > len(der):
            raise ValueError("not a DER RSA private key")
        length = int.from_bytes(der[position:position + count], "big")
        position += count
    end = position + length
    if end > len(der):
        raise ValueError("not a DER RSA private key")
    return tag, (position, end), end
