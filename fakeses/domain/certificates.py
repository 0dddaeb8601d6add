"""S/MIME certificates associated with an email identity (botocore 1.43.86+).

AssociateEmailIdentityCertificate ties an ACM certificate to one from address of an
identity; ListEmailIdentityCertificates shows the associations in every state;
DisassociateEmailIdentityCertificate removes one. The rules are the model's documentation
(no recorded response exists yet): a domain identity names a FromAddress in the domain or
a subdomain, an address identity may name only itself; one association per address unless
the old one is DEPROVISIONING. SES provisions asynchronously (PROVISIONING, then ACTIVE);
like DNS lookups, that happens at once with ``auto_verify``.
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Optional

from . import clock
from .errors import CertificateAlreadyAssociated, InvalidCertificateAssociation
from .identities import DOMAIN, Identities, Identity

PROVISIONING, ACTIVE, INACTIVE, DEPROVISIONING, FAILED = (
    "PROVISIONING", "ACTIVE", "INACTIVE", "DEPROVISIONING", "FAILED")


@dataclasses.dataclass
class Certificate:
    """One association: the address it signs for, the ACM certificate, its state."""

    from_address: str
    arn: str
    status: str = PROVISIONING
    expires_at: Optional[_dt.datetime] = None
    associated_at: _dt.datetime = dataclasses.field(default_factory=clock.utcnow)


def from_address(identity: Identity, given: Optional[str]) -> str:
    """The address an association of ``identity`` is for.

    "If the email identity is a domain, you must specify a FromAddress that belongs to that
    domain or one of its subdomains"; "If the email identity is an email address,
    FromAddress is optional. If you specify it, it must exactly match the email identity"
    (model docs of AssociateEmailIdentityCertificate). Raises
    :class:`InvalidCertificateAssociation` otherwise (texts not recorded (?)).
    """
    if identity.kind != DOMAIN:
        if given and given != identity.name:
            raise InvalidCertificateAssociation(
                message=f"FromAddress {given} must match the email identity {identity.name}.")
        return identity.name
    if not given:
        raise InvalidCertificateAssociation(
            message=f"FromAddress is required for the domain identity {identity.name}.")
    domain = given.rpartition("@")[2].lower()
    if "@" not in given or not (domain == identity.name or domain.endswith("." + identity.name)):
        raise InvalidCertificateAssociation(
            message=f"FromAddress {given} does not belong to the domain identity {identity.name}.")
    return given


def associate(identities: Identities, identity: Identity, address: str, arn: str,
              expires_at: Optional[_dt.datetime] = None) -> Certificate:
    """Associate ``arn`` with ``address`` of ``identity``: PROVISIONING, or ACTIVE at once
    with ``auto_verify``. An earlier association of the address is replaced only while it is
    DEPROVISIONING (:class:`CertificateAlreadyAssociated` otherwise)."""
    existing = identity.certificates.get(address)
    if existing is not None and existing.status != DEPROVISIONING:
        raise CertificateAlreadyAssociated(address=address)
    certificate = Certificate(address, arn, ACTIVE if identities.auto_verify else PROVISIONING, expires_at)
    identity.certificates[address] = certificate
    return certificate


def disassociate(identities: Identities, identity: Identity, address: Optional[str]) -> None:
    """Remove the association of ``address`` (an address identity's own when None). Idempotent:
    "If the specified email identity exists but there's no matching certificate association,
    the operation succeeds without making any changes" (model docs). The association is
    DEPROVISIONING until SES is done, at once with ``auto_verify``."""
    key = address if address else identity.name
    certificate = identity.certificates.get(key)
    if certificate is None:
        return
    if identities.auto_verify:
        del identity.certificates[key]
    else:
        certificate.status = DEPROVISIONING


def listing(identity: Identity) -> list[Certificate]:
    """The associations of ``identity``, in every state, in the order they were made; one
    whose certificate expired is FAILED ("If a certificate has passed its expiration time,
    it's returned with a status of FAILED", model docs of ListEmailIdentityCertificates)."""
    now = clock.utcnow()
    found = list(identity.certificates.values())
    for certificate in found:
        if certificate.expires_at is not None and certificate.expires_at <= now:
            certificate.status = FAILED
    return found
